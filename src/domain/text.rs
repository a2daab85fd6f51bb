//! Text that came from outside (a school's table, a QR code, a typed `--operator`) and will
//! reach a terminal, a page or a spreadsheet. Control characters and bidi overrides can clear
//! a screen, write the clipboard or reorder what a person reads, so they are refused where
//! text enters and escaped where it leaves. Cells we write for Excel are neutralised so a
//! school's `=HYPERLINK(...)` stays text.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// A code as a scanner or a person typed it, ready to read: full-width letters and digits
/// (a scanner under a Chinese input method in 全角 mode types `Ｈ１４`) folded to ASCII by NFKC,
/// and every space dropped (an ideographic space too), since no code of ours or of a courier
/// holds one.
pub fn typed_code(raw: &str) -> String {
    raw.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// C0 and C1 controls, DEL, and the characters that reorder text (bidi overrides, isolates and
/// marks).
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuse a value holding a control character, naming what it is and where.
pub fn refuse_controls(what: &str, value: &str) -> Result<(), String> {
    match value.chars().position(is_control) {
        None => Ok(()),
        Some(i) => {
            let c = value.chars().nth(i).unwrap_or('\0');
            Err(crate::msg!(
                "text-control-character",
                what = what,
                value = escape_controls(value).into_owned(),
                code = format!("U+{:04X}", c as u32),
                at = i + 1
            )
            .to_string())
        }
    }
}

/// Show control characters as `\u{1b}` so they print as text; newlines and tabs stay.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A cell for a CSV or spreadsheet a person opens in Excel: one that would start a formula
/// (= + - @, tab, carriage return, or their full-width forms) is kept as text with a leading `'`.
pub fn spreadsheet_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_refused_and_escaped() {
        assert!(refuse_controls("xm (姓名)", "张*三").is_ok());
        let e = refuse_controls("xm (姓名)", "张\u{1b}[2J三").unwrap_err();
        assert!(e.contains("U+001B") && e.contains("\\u{1b}") && !e.contains('\u{1b}'), "{e}");
        assert!(refuse_controls("bh (班级)", "物理\u{202E}2101").is_err());
        assert!(refuse_controls("bh (班级)", "物理\u{9b}2101").is_err(), "C1 control");
        assert_eq!(escape_controls("a\u{7}b\nc"), "a\\u{7}b\nc");
    }

    #[test]
    fn formula_cells_become_text() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(spreadsheet_cell("＋1"), "'＋1");
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("张*三"), "张*三");
        assert_eq!(spreadsheet_cell("2020010001032"), "2020010001032");
    }
}

#[cfg(test)]
mod typed_code_tests {
    use super::typed_code;

    #[test]
    fn full_width_codes_and_stray_spaces_read_as_typed_in_ascii() {
        assert_eq!(typed_code("Ｈ１４"), "H14");
        assert_eq!(typed_code("\u{3000}ｐ１２ｘ "), "p12x");
        assert_eq!(typed_code(" P 12 X\t"), "P12X");
        assert_eq!(typed_code("ＥＡ１２３４５６７８５ＣＮ"), "EA123456785CN");
        assert_eq!(typed_code("P12X"), "P12X");
    }
}
