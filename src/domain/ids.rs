//! Ids printed as barcodes: a letter saying what the thing is, its number, and a check
//! character (ISO 7064 MOD 37,36), so a hand-typed code is verified as well as a scanned one.
//! `J12X` is job 12; a mistyped digit or two swapped characters are caught. Each printed id has
//! its own type (`JobCode`, `SheetCode`, ...; `RequestId` `R12` and `EcopyRequestId` `E12` for the
//! requests, which are not barcodes), and this is the one place ids are formatted and parsed.

use super::text::typed_code;
use crate::i18n::Msg;
use crate::msg;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

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

    /// The kind as a person reads it, in the catalog's words.
    pub fn word(self) -> Msg {
        match self {
            Kind::Job => msg!("kind-job"),
            Kind::Sheet => msg!("kind-sheet"),
            Kind::Packet => msg!("kind-packet"),
            Kind::Shipment => msg!("kind-shipment"),
            Kind::StudentPrint => msg!("kind-student-print"),
        }
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
    pub fn parse(raw: &str) -> Result<Id, Msg> {
        let s = typed_code(raw).to_ascii_uppercase();
        let mut chars = s.chars();
        let kind = chars.next().and_then(Kind::from_letter).ok_or_else(|| msg!("id-not-ours", code = raw))?;
        // Our codes are ASCII; slicing below is by byte, so anything else is refused first.
        if s.len() < 3 || !s.is_ascii() || !s[1..s.len() - 1].bytes().all(|b| b.is_ascii_digit()) {
            return Err(msg!("id-not-of-kind", code = raw, kind = kind.word()));
        }
        let body = &s[..s.len() - 1];
        let given = s.chars().last().unwrap_or(' ');
        if check_char(body) != Some(given) {
            return Err(msg!("id-wrong-check", code = raw));
        }
        let number = body[1..].parse().map_err(|_| msg!("id-too-large", code = raw))?;
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

/// Why a typed or scanned id was refused; the message names what was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError(pub Msg);

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IdError {}

/// A barcode id of one kind, given as its code (check character verified) or its bare number.
fn parse_coded(raw: &str, kind: Kind) -> Result<i64, IdError> {
    let t = typed_code(raw);
    if let Ok(n) = t.parse::<i64>() {
        return Ok(n);
    }
    let id = Id::parse(&t).map_err(IdError)?;
    if id.kind != kind {
        return Err(IdError(msg!("id-other-kind", code = raw, kind = id.kind.word(), wanted = kind.word())));
    }
    i64::try_from(id.number).map_err(|_| IdError(msg!("id-too-large", code = raw)))
}

/// A request id: its letter (either case) and a number above zero, or the bare number.
fn parse_lettered(raw: &str, letter: char, what: fn() -> Msg) -> Result<i64, IdError> {
    let t = typed_code(raw);
    let digits = t.strip_prefix([letter, letter.to_ascii_lowercase()]).unwrap_or(&t);
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| IdError(msg!("id-not-lettered", code = raw, what = what(), example = format!("{letter}12"))))
}

/// One id type: a row number shown and parsed one way.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $show:expr, $parse:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl $name {
            /// The store's row id.
            pub fn row(self) -> i64 {
                self.0
            }

            pub fn parse(raw: &str) -> Result<$name, IdError> {
                let parse: fn(&str) -> Result<i64, IdError> = $parse;
                parse(raw).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let show: fn(i64, &mut fmt::Formatter<'_>) -> fmt::Result = $show;
                show(self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(raw: &str) -> Result<$name, IdError> {
                $name::parse(raw)
            }
        }

        /// As the code people see: JSON carries `"J12X"`, never the row number.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}

macro_rules! barcode_id {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        id_type!($(#[$doc])* $name, |n, f| write!(f, "{}", Id::new($kind, n as u64)), |raw| parse_coded(raw, $kind));
    };
}

barcode_id!(
    /// A print job: `J12X`.
    JobCode,
    Kind::Job
);
barcode_id!(
    /// One printed sheet of a job.
    SheetCode,
    Kind::Sheet
);
barcode_id!(
    /// One class of one job, packed together.
    PacketCode,
    Kind::Packet
);
barcode_id!(
    /// A box mailed to a school or a person.
    ShipmentCode,
    Kind::Shipment
);
barcode_id!(
    /// One student's prints within a job.
    StudentPrintCode,
    Kind::StudentPrint
);
id_type!(
    /// A reprint request (补洗/补片): `R12`.
    RequestId,
    |n, f| write!(f, "R{n}"),
    |raw| parse_lettered(raw, 'R', || msg!("id-what-request"))
);
id_type!(
    /// An electronic-copy request (电子版): `E12`.
    EcopyRequestId,
    |n, f| write!(f, "E{n}"),
    |raw| parse_lettered(raw, 'E', || msg!("id-what-ecopy"))
);

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

    #[test]
    fn typed_ids_show_and_parse_one_way() {
        let job = JobCode(12);
        let shown = job.to_string();
        assert_eq!(shown, Id::new(Kind::Job, 12).to_string());
        assert_eq!(JobCode::parse(&shown), Ok(job));
        assert_eq!(" 12 ".parse::<JobCode>(), Ok(job));
        assert_eq!(serde_json::to_string(&job).unwrap(), format!("\"{shown}\""));
        let ship = ShipmentCode(5).to_string();
        assert_eq!(
            JobCode::parse(&ship).unwrap_err().to_string(),
            format!("{ship:?} is a shipment code, not a job code")
        );
        let typo = format!("{}{}", &ship[..ship.len() - 1], if ship.ends_with('A') { 'B' } else { 'A' });
        assert!(ShipmentCode::parse(&typo).unwrap_err().to_string().contains("wrong check character"));
        assert_eq!(PacketCode::parse(&PacketCode(7).to_string()), Ok(PacketCode(7)));
        assert_eq!(SheetCode(3).to_string(), Id::new(Kind::Sheet, 3).to_string());
        assert_eq!(StudentPrintCode(3).to_string(), Id::new(Kind::StudentPrint, 3).to_string());

        assert_eq!(RequestId(12).to_string(), "R12");
        for ok in ["R12", "r12", " 12 "] {
            assert_eq!(RequestId::parse(ok), Ok(RequestId(12)), "{ok}");
        }
        assert_eq!(EcopyRequestId::parse("e3"), Ok(EcopyRequestId(3)));
        assert_eq!(EcopyRequestId(3).to_string(), "E3");
        assert_eq!(RequestId::parse("E3").unwrap_err().to_string(), "\"E3\" is not a request id (like R12)");
        assert!(EcopyRequestId::parse("E0").is_err() && EcopyRequestId::parse("x").is_err());
    }
}
