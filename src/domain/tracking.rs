//! Courier tracking numbers (快递单号): which couriers we know, the shapes of their numbers, the
//! UPU S10 check digit, and a cheap shape test that tells a tracking number from our own
//! barcodes at the packing bench. Pure rules; asking a courier where a parcel is lives elsewhere.

use crate::i18n::Msg;
use crate::msg;
use serde::Serialize;

/// Who carries a shipment. `Other` is for couriers whose numbers we cannot check: we then
/// take the number as typed, so a school that insists on its own courier is not turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Carrier {
    /// UPU S10 numbers: China Post registered mail and international items.
    Upu,
    /// China EMS domestic.
    Ems,
    /// SF Express (顺丰).
    Sf,
    Other,
}

/// Names accepted for each carrier, besides `as_str`: what the staff say and what the
/// couriers print on their labels.
const CARRIER_ALIASES: &[(&str, Carrier)] =
    &[("china-post", Carrier::Upu), ("post", Carrier::Upu), ("邮政", Carrier::Upu), ("顺丰", Carrier::Sf)];

impl Carrier {
    pub const ALL: [Carrier; 4] = [Carrier::Upu, Carrier::Ems, Carrier::Sf, Carrier::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::Upu => "upu",
            Carrier::Ems => "ems",
            Carrier::Sf => "sf",
            Carrier::Other => "other",
        }
    }

    /// Accepts `upu`, `ems`, `sf`, `other` in any case, `china-post`/`post`/`邮政` for UPU and
    /// `顺丰` for SF.
    pub fn parse(raw: &str) -> Result<Carrier, Msg> {
        let t = raw.trim().to_lowercase();
        Carrier::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .or_else(|| CARRIER_ALIASES.iter().find(|(a, _)| *a == t).map(|(_, c)| *c))
            .ok_or_else(|| msg!("shipment-bad-carrier", carrier = raw))
    }

    /// The carrier's name as the mailroom says it.
    pub fn label(self) -> Msg {
        match self {
            Carrier::Upu => msg!("carrier-upu"),
            Carrier::Ems => msg!("carrier-ems"),
            Carrier::Sf => msg!("carrier-sf"),
            Carrier::Other => msg!("carrier-other"),
        }
    }

    /// The carrier's numbers, for messages: "{number} is not an SF number".
    fn numbers(self) -> Msg {
        match self {
            Carrier::Upu => msg!("tracking-numbers-upu"),
            Carrier::Ems => msg!("tracking-numbers-ems"),
            Carrier::Sf => msg!("tracking-numbers-sf"),
            Carrier::Other => msg!("tracking-numbers-other"),
        }
    }

    /// What the carrier's numbers look like, for messages.
    fn formats(self) -> Msg {
        match self {
            Carrier::Upu => msg!("tracking-formats-upu"),
            Carrier::Ems => msg!("tracking-formats-ems"),
            Carrier::Sf => msg!("tracking-formats-sf"),
            Carrier::Other => msg!("tracking-formats-other"),
        }
    }
}

impl std::fmt::Display for Carrier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tracking number we have checked, with its carrier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tracking {
    /// Trimmed, uppercase, spaces removed: the form couriers print and their sites accept.
    pub number: String,
    pub carrier: Carrier,
}

/// Trimmed, uppercase, with the spaces people type into long numbers (and scanners sometimes
/// keep) removed, so one parcel always has one spelling.
fn normalise(raw: &str) -> String {
    super::text::typed_code(raw).to_ascii_uppercase()
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn all_letters(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The carrier a normalised number's shape says, without checking the S10 check digit.
fn shape(n: &str) -> Option<Carrier> {
    // Slicing below is by byte; a non-ASCII number has no known shape anyway.
    if !n.is_ascii() {
        return None;
    }
    match n.len() {
        13 if all_letters(&n[..2]) && all_digits(&n[2..11]) && all_letters(&n[11..]) => Some(Carrier::Upu),
        13 if all_digits(n) => Some(Carrier::Ems),
        15 if n.starts_with("SF") && all_digits(&n[2..]) => Some(Carrier::Sf),
        12 if all_digits(n) => Some(Carrier::Sf),
        _ => None,
    }
}

/// The UPU S10 check digit of an 8-digit serial number, or `None` if it is not 8 digits.
pub fn s10_check_digit(serial8: &str) -> Option<u8> {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    if serial8.len() != 8 || !all_digits(serial8) {
        return None;
    }
    let sum: u32 = serial8.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c as u8,
    })
}

/// Recognise a scanned or typed tracking number. The carrier comes from the number's shape;
/// `carrier`, when given, must agree with it, except `Carrier::Other`, which takes any
/// plausible number as typed (some couriers' numbers look like EMS or SF ones).
pub fn recognise(raw: &str, carrier: Option<Carrier>) -> Result<Tracking, Msg> {
    let number = normalise(raw);
    if number.is_empty() {
        return Err(msg!("tracking-empty"));
    }
    if carrier == Some(Carrier::Other) {
        let ok = (6..=40).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return Err(msg!("tracking-not-a-number", number = number, formats = Carrier::Other.formats()));
        }
        return Ok(Tracking { number, carrier: Carrier::Other });
    }
    let Some(found) = shape(&number) else {
        return Err(match carrier {
            Some(c) => msg!("tracking-not-of-carrier", number = number, numbers = c.numbers(), formats = c.formats()),
            None => {
                let lang = crate::i18n::current();
                let formats = [Carrier::Upu, Carrier::Ems, Carrier::Sf].map(|c| c.formats().text(lang));
                msg!("tracking-unknown", number = number, formats = formats.join("; "))
            }
        });
    };
    if let Some(given) = carrier
        && given != found
    {
        return Err(msg!(
            "tracking-other-carrier",
            number = number,
            numbers = given.numbers(),
            found = found.numbers(),
            formats = given.formats()
        ));
    }
    if found == Carrier::Upu {
        let expected = s10_check_digit(&number[2..10]).expect("shape checked 8 digits");
        let got = number.as_bytes()[10] - b'0';
        if got != expected {
            return Err(msg!(
                "tracking-check-digit",
                number = number.as_str(),
                got = got as i64,
                serial = &number[2..10],
                expected = expected as i64
            ));
        }
    }
    Ok(Tracking { number, carrier: found })
}

/// Whether `raw` has the shape of a tracking number we know (S10, 13 digits, SF and 13 digits,
/// 12 digits), check digit unchecked. Our own barcodes are a letter, digits and a check
/// character (`P12X`), which none of these shapes matches, so a scan at the packing bench can
/// be sent the right way before it is read in earnest.
pub fn looks_like_tracking(raw: &str) -> bool {
    shape(&normalise(raw)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s10_check_digits() {
        // The S10 standard's worked example: 4*8 + 7*6 + 3*4 + 1*2 + 2*3 + 4*5 + 8*9 + 2*7
        // = 32 + 42 + 12 + 2 + 6 + 20 + 72 + 14 = 200; 200 mod 11 = 2; 11 - 2 = 9.
        assert_eq!(s10_check_digit("47312482"), Some(9));
        // 0*8 + 2*6 + 0 + ... = 12; 12 mod 11 = 1; 11 - 1 = 10, written 0.
        assert_eq!(s10_check_digit("02000000"), Some(0));
        // 1 in every place sums the weights: 8+6+4+2+3+5+9+7 = 44; 44 mod 11 = 0; 11 - 0 = 11,
        // written 5. All zeros likewise sums to 0.
        assert_eq!(s10_check_digit("11111111"), Some(5));
        assert_eq!(s10_check_digit("00000000"), Some(5));
        // 8 + 12 + 12 + 8 + 15 + 30 + 63 + 56 = 204; 204 mod 11 = 6; 11 - 6 = 5.
        assert_eq!(s10_check_digit("12345678"), Some(5));
        for bad in ["", "1234567", "123456789", "1234567A", "１２３４５６７８"] {
            assert_eq!(s10_check_digit(bad), None, "{bad}");
        }
    }

    #[test]
    fn s10_numbers_are_checked() {
        let t = recognise("EE473124829CN", None).unwrap();
        assert_eq!(t, Tracking { number: "EE473124829CN".into(), carrier: Carrier::Upu });
        assert_eq!(recognise("RR123456785CN", Some(Carrier::Upu)).unwrap().carrier, Carrier::Upu);
        assert_eq!(recognise("RR020000000CN", None).unwrap().carrier, Carrier::Upu);
        let e = recognise("EE473124828CN", None).unwrap_err().to_string();
        assert!(e.contains("check digit 8") && e.contains("gives 9"), "{e}");
    }

    #[test]
    fn input_is_normalised() {
        assert_eq!(recognise("  ee 4731 2482 9cn \t", None).unwrap().number, "EE473124829CN");
        assert_eq!(recognise("sf1234567890123", None).unwrap().number, "SF1234567890123");
        assert_eq!(recognise("1234 5678 90123", None).unwrap().number, "1234567890123");
        // The ideographic space a Chinese input method types is a space too.
        assert_eq!(recognise("1234\u{3000}5678 9012", None).unwrap().number, "123456789012");
    }

    #[test]
    fn ems_and_sf_shapes() {
        assert_eq!(recognise("1234567890123", None).unwrap().carrier, Carrier::Ems);
        assert_eq!(recognise("1234567890123", Some(Carrier::Ems)).unwrap().carrier, Carrier::Ems);
        assert_eq!(recognise("SF1234567890123", None).unwrap().carrier, Carrier::Sf);
        assert_eq!(recognise("123456789012", Some(Carrier::Sf)).unwrap().carrier, Carrier::Sf);
    }

    #[test]
    fn unknown_shapes_are_refused() {
        for bad in [
            "12345678901",      // 11 digits
            "12345678901234",   // 14 digits
            "12345678901A3",    // a letter in an EMS number
            "SF123456789012",   // SF and 12 digits
            "SF12345678901234", // SF and 14 digits
            "R1234567895CN",    // one service letter
            "RR12345678CN",     // 7 digits and a check digit
            "RR1234567850C",    // country of one letter
            "P12X",             // our own packet barcode
            "顺丰1234567890123",
        ] {
            let e = recognise(bad, None).unwrap_err().to_string();
            assert!(e.contains("13 digits") && e.contains("carrier other"), "{bad}: {e}");
            assert!(!looks_like_tracking(bad), "{bad}");
        }
        assert!(recognise("   ", None).unwrap_err().to_string().contains("empty"));
        let e = recognise("12345", Some(Carrier::Ems)).unwrap_err().to_string();
        assert!(e.contains("EMS numbers are 13 digits") && !e.contains("SF"), "{e}");
    }

    #[test]
    fn carrier_must_agree_with_the_shape() {
        let e = recognise("EE473124829CN", Some(Carrier::Sf)).unwrap_err().to_string();
        assert_eq!(
            e,
            "EE473124829CN is not an SF number but a UPU S10 number (SF numbers are SF and 13 digits, or 12 digits)"
        );
        let e = recognise("1234567890123", Some(Carrier::Sf)).unwrap_err().to_string();
        assert!(e.contains("not an SF number but an EMS number"), "{e}");
        let e = recognise("123456789012", Some(Carrier::Ems)).unwrap_err().to_string();
        assert!(e.contains("not an EMS number but an SF number"), "{e}");
        assert!(recognise("SF1234567890123", Some(Carrier::Upu)).is_err());
    }

    #[test]
    fn other_carrier_takes_any_plausible_number() {
        let t = recognise("yt-7788 99001", Some(Carrier::Other)).unwrap();
        assert_eq!(t, Tracking { number: "YT-778899001".into(), carrier: Carrier::Other });
        // A number shaped like another carrier's is taken as given: 13 digits is also Yunda's shape.
        assert_eq!(recognise("1234567890123", Some(Carrier::Other)).unwrap().carrier, Carrier::Other);
        for bad in ["12345", &"1".repeat(41), "AB_12345", "单号123456"] {
            assert!(recognise(bad, Some(Carrier::Other)).unwrap_err().to_string().contains("6 to 40"), "{bad}");
        }
        assert!(recognise(&"1".repeat(40), Some(Carrier::Other)).is_ok());
    }

    #[test]
    fn tracking_numbers_are_told_from_our_barcodes() {
        for yes in ["EE473124828CN", "ee473124829cn", "1234567890123", "SF1234567890123", "123456789012"] {
            assert!(looks_like_tracking(yes), "{yes}");
        }
        for no in ["J12X", "P12X", "H7K", "T123456789012X", "S1234567890123", ""] {
            assert!(!looks_like_tracking(no), "{no}");
        }
    }

    #[test]
    fn carrier_names() {
        for c in Carrier::ALL {
            assert_eq!(Carrier::parse(c.as_str()), Ok(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert_eq!(Carrier::parse("EMS"), Ok(Carrier::Ems));
        assert_eq!(Carrier::parse(" China-Post "), Ok(Carrier::Upu));
        assert_eq!(Carrier::parse("post"), Ok(Carrier::Upu));
        assert_eq!(Carrier::parse("邮政"), Ok(Carrier::Upu));
        assert_eq!(Carrier::parse("顺丰"), Ok(Carrier::Sf));
        assert!(Carrier::parse("ups").unwrap_err().to_string().contains("顺丰"));
        assert_eq!(serde_json::to_string(&Carrier::Upu).unwrap(), "\"upu\"");
    }
}
