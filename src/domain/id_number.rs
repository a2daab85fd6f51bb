//! Resident ID numbers (身份证号). The lab may only ever keep the last four characters; a full
//! 18-character number is checked against GB 11643 (so a typo is noticed) and then cut.

/// The last four characters of an ID number, and a warning when a full number's check
/// character is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdLast4 {
    pub last4: String,
    pub warning: Option<String>,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// GB 11643 check character for the first 17 digits, or None when they are not all digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in first17.bytes().zip(WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * w;
    }
    Some(CHECK_CHARS[(sum % 11) as usize] as char)
}

/// Reduce whatever arrived in a 证件号码 field to its last four characters. Accepts a full
/// 18-character number, a 15-digit old number, the last four alone, or a masked number such as
/// `****471X`. The error never repeats the full number.
pub fn last4(raw: &str) -> Result<IdLast4, crate::i18n::Msg> {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
    let n = s.chars().count();
    if n < 4 {
        return Err(crate::msg!("roster-id-too-short", count = n));
    }
    let last4: String = s.chars().skip(n - 4).collect();
    let ok = last4.chars().take(3).all(|c| c.is_ascii_digit())
        && last4.chars().nth(3).is_some_and(|c| c.is_ascii_digit() || c == 'X');
    if !ok {
        return Err(crate::msg!("roster-id-bad-end", last4 = last4));
    }
    let mut warning = None;
    if n == 18 && s.is_ascii() {
        match check_char(&s[..17]) {
            Some(c) if s.ends_with(c) => {}
            Some(_) => warning = Some(crate::msg!("id-check-character", last4 = last4.as_str()).to_string()),
            None if !s.contains('*') => {
                warning = Some(crate::msg!("id-non-digits", last4 = last4.as_str()).to_string())
            }
            None => {}
        }
    }
    Ok(IdLast4 { last4, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_character_of_published_example() {
        // The example number of GB 11643-1999 itself.
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert_eq!(check_char("44052418800101001"), Some('4'));
    }

    #[test]
    fn cuts_to_last_four_and_warns_on_bad_check() {
        let good = last4("11010519491231002x").unwrap();
        assert_eq!(good.last4, "002X");
        assert!(good.warning.is_none());
        let bad = last4("110105194912310021").unwrap();
        assert_eq!(bad.last4, "0021");
        let w = bad.warning.unwrap();
        assert!(w.contains("check"));
        assert!(!w.contains("110105"), "warning must not repeat the full number");
        assert_eq!(last4("471X").unwrap().last4, "471X");
        assert_eq!(last4("****471x").unwrap().last4, "471X");
        assert!(last4("47").is_err());
        assert!(last4("12A4").is_err());
    }
}
