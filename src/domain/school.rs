//! School codes (院校代码): exactly five ASCII digits.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SchoolCode(String);

impl SchoolCode {
    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        let s = raw.trim();
        if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(SchoolCode(s.to_string()))
        } else {
            Err(crate::msg!("school-bad-code", code = raw))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A school the lab serves, with where its photos and electronic copies go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct School {
    pub code: SchoolCode,
    pub name: String,
    pub emails: Vec<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// The one background colour the school requires of its photos; None: any the standard
    /// allows.
    pub background: Option<BackgroundColour>,
}

/// The background colours the standard allows; a school may require one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackgroundColour {
    Blue,
    White,
    Grey,
}

impl BackgroundColour {
    pub const ALL: [BackgroundColour; 3] = [BackgroundColour::Blue, BackgroundColour::White, BackgroundColour::Grey];

    pub fn rgb(self) -> [u8; 3] {
        match self {
            BackgroundColour::Blue => [100, 197, 255],
            BackgroundColour::White => [255, 255, 255],
            BackgroundColour::Grey => [240, 240, 240],
        }
    }

    /// The name in the store, on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BackgroundColour::Blue => "blue",
            BackgroundColour::White => "white",
            BackgroundColour::Grey => "grey",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "blue" => Ok(BackgroundColour::Blue),
            "white" => Ok(BackgroundColour::White),
            "grey" | "gray" => Ok(BackgroundColour::Grey),
            _ => Err(crate::msg!("school-bad-background", colour = raw)),
        }
    }
}

/// A plausible e-mail address: one `@`, something on both sides, a dot in the domain.
pub fn check_email(raw: &str) -> Result<String, crate::i18n::Msg> {
    let s = raw.trim();
    let ok = match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if ok { Ok(s.to_string()) } else { Err(crate::msg!("school-bad-email", email = raw)) }
}

/// Whether two addresses are the same mailbox. Mail providers treat the whole address without
/// regard to case in practice, so `Office@School.edu.cn` and `office@school.edu.cn` are one.
pub fn same_address(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl fmt::Display for SchoolCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_without_regard_to_case() {
        assert!(same_address("Office@School.EDU.cn", " office@school.edu.cn "));
        assert!(!same_address("office@school.edu.cn", "office2@school.edu.cn"));
    }

    #[test]
    fn five_digits_only() {
        assert_eq!(SchoolCode::parse(" 10418 ").unwrap().as_str(), "10418");
        for bad in ["1041", "104188", "1041a", "", "１０４１８"] {
            assert!(SchoolCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        assert_eq!(check_email(" photos@school.edu.cn ").unwrap(), "photos@school.edu.cn");
        for bad in ["nobody", "a@b", "@school.edu.cn", "a b@school.edu.cn", "a@@b.cn"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
