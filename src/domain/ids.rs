//! Ids printed as barcodes: a letter saying what the thing is, its number, and a check
//! character (ISO 7064 MOD 37,36), so a hand-typed code is verified as well as a scanned one.
//! `J12X` is job 12; a mistyped digit or two swapped characters are caught.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Job,
    Sheet,
    Packet,
    Shipment,
    /// One student's prints within a job.
    StudentPrint,
}

impl Kind {
    pub fn letter(self) -> char {
        match self {
            Kind::Job => 'J',
            Kind::Sheet => 'S',
            Kind::Packet => 'P',
            Kind::Shipment => 'H',
            Kind::StudentPrint => 'T',
        }
    }

    pub fn from_letter(c: char) -> Option<Kind> {
        Some(match c.to_ascii_uppercase() {
            'J' => Kind::Job,
            'S' => Kind::Sheet,
            'P' => Kind::Packet,
            'H' => Kind::Shipment,
            'T' => Kind::StudentPrint,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Job => "job",
            Kind::Sheet => "sheet",
            Kind::Packet => "packet",
            Kind::Shipment => "shipment",
            Kind::StudentPrint => "student print",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Id {
    pub kind: Kind,
    pub number: u64,
}

const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase()).map(|p| p as u32)
}

/// ISO 7064 MOD 37,36 check character over letters and digits.
fn check_char(body: &str) -> Option<char> {
    let m = 36u32;
    let mut p = m;
    for b in body.bytes() {
        let s = (p + value(b)?) % m;
        let s = if s == 0 { m } else { s };
        p = (2 * s) % (m + 1);
    }
    let c = (m + 1 - p) % m;
    Some(ALPHABET[c as usize] as char)
}

impl Id {
    pub fn new(kind: Kind, number: u64) -> Self {
        Id { kind, number }
    }

    /// Parse a scanned or typed code, checking its check character.
    pub fn parse(raw: &str) -> Result<Id, String> {
        let s = raw.trim().to_ascii_uppercase();
        let mut chars = s.chars();
        let kind = chars
            .next()
            .and_then(Kind::from_letter)
            .ok_or_else(|| format!("{raw:?} is not a gradlab code (it should start with J, S, P, H or T)"))?;
        if s.len() < 3 || !s[1..s.len() - 1].bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{raw:?} is not a gradlab {} code", kind.name()));
        }
        let body = &s[..s.len() - 1];
        let given = s.chars().last().unwrap_or(' ');
        if check_char(body) != Some(given) {
            return Err(format!("{raw:?}: wrong check character; the code was mistyped or misread"));
        }
        let number = body[1..].parse().map_err(|_| format!("{raw:?}: number too large"))?;
        Ok(Id { kind, number })
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = format!("{}{}", self.kind.letter(), self.number);
        let check = check_char(&body).unwrap_or('0');
        write!(f, "{body}{check}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_detects_typos() {
        for kind in [Kind::Job, Kind::Sheet, Kind::Packet, Kind::Shipment, Kind::StudentPrint] {
            for n in [1u64, 9, 10, 12345, 99999999] {
                let id = Id::new(kind, n);
                let text = id.to_string();
                assert_eq!(Id::parse(&text).unwrap(), id);
                assert_eq!(Id::parse(&text.to_lowercase()).unwrap(), id);
            }
        }
        let good = Id::new(Kind::Sheet, 12345).to_string();
        // Every single-digit substitution is caught.
        for i in 1..good.len() - 1 {
            for d in b'0'..=b'9' {
                let mut b = good.clone().into_bytes();
                if b[i] == d {
                    continue;
                }
                b[i] = d;
                assert!(Id::parse(&String::from_utf8(b).unwrap()).is_err());
            }
        }
        // Swapping two neighbouring different digits is caught.
        let swapped = format!("S{}{}", "21345", &good[6..]);
        assert!(Id::parse(&swapped).is_err());
        assert!(Id::parse("X123").is_err());
        assert!(Id::parse("S").is_err());
    }
}
