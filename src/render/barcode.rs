//! Code128 barcodes as a module sequence (1 = bar, 0 = space), for the PDF writer to draw as
//! vector bars. It only encodes: it never decides what an id contains (that is `domain`) nor
//! where a barcode goes or how big it is (that is `layout`).

use barcoders::sym::code128::Code128;

/// Marks the start of Code128 character set B in `barcoders`' input syntax.
const SET_B: char = '\u{0181}';

/// The modules of `payload` in Code128 set B, from the first bar of the start character to the
/// last bar of the stop pattern; quiet zones are not included.
///
/// Set B covers printable ASCII, which is what our ids are made of; anything else is refused
/// rather than silently switched to another set.
pub fn code128_modules(payload: &str) -> Result<Vec<u8>, String> {
    if payload.is_empty() {
        return Err("barcode payload is empty".to_string());
    }
    if let Some(c) = payload.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(format!(
            "barcode payload \"{payload}\": character {c:?} (U+{:04X}) cannot be printed in Code128 set B (printable ASCII only)",
            c as u32
        ));
    }
    let code = Code128::new(format!("{SET_B}{payload}"))
        .map_err(|e| format!("barcode payload \"{payload}\" cannot be encoded as Code128: {e}"))?;
    Ok(code.encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_ids_in_set_b() {
        let m = code128_modules("S12345K").unwrap();
        // start B + 7 data + check: 11 modules each; stop pattern 13 modules.
        assert_eq!(m.len(), 9 * 11 + 13);
        // Start B is 11010010000.
        assert_eq!(&m[..11], &[1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
        assert_eq!(m.first(), Some(&1));
        assert_eq!(m.last(), Some(&1));
        assert!(m.iter().all(|&b| b <= 1));
    }

    #[test]
    fn refuses_what_set_b_cannot_hold() {
        assert!(code128_modules("").unwrap_err().contains("empty"));
        let e = code128_modules("J12\u{00C0}").unwrap_err();
        assert!(e.contains("J12\u{00C0}") && e.contains("U+00C0"), "{e}");
        assert!(code128_modules("学号").unwrap_err().contains("学号"));
    }
}
