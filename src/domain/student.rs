//! A student as the lab knows him: the fields of his collection code, normalised and checked.
//! Only desensitised data lives here: the masked name and the last four of the ID number.

use super::{id_number, name, school::SchoolCode};
use serde::Serialize;
use std::collections::HashMap;

/// The nine fields a collection code (采集码) carries, by their CHSI keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Sjc,
    Cjm,
    Yxdm,
    Zjhm,
    Xh,
    Cc,
    Xllb,
    Xm,
    Bh,
}

impl Field {
    pub const ALL: [Field; 9] =
        [Field::Sjc, Field::Cjm, Field::Yxdm, Field::Zjhm, Field::Xh, Field::Cc, Field::Xllb, Field::Xm, Field::Bh];

    pub fn key(self) -> &'static str {
        match self {
            Field::Sjc => "sjc",
            Field::Cjm => "cjm",
            Field::Yxdm => "yxdm",
            Field::Zjhm => "zjhm",
            Field::Xh => "xh",
            Field::Cc => "cc",
            Field::Xllb => "xllb",
            Field::Xm => "xm",
            Field::Bh => "bh",
        }
    }

    /// The name the lab uses for the field, e.g. `xh (学号)`.
    pub fn label(self) -> &'static str {
        match self {
            Field::Sjc => "sjc (时间戳)",
            Field::Cjm => "cjm (采集码)",
            Field::Yxdm => "yxdm (院校代码)",
            Field::Zjhm => "zjhm (证件号码)",
            Field::Xh => "xh (学号)",
            Field::Cc => "cc (层次)",
            Field::Xllb => "xllb (学历类别)",
            Field::Xm => "xm (姓名)",
            Field::Bh => "bh (班级)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Student {
    pub cjm: String,
    #[serde(rename = "yxdm")]
    pub school: SchoolCode,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    pub cc: String,
    pub xllb: String,
    pub zjhm4: String,
    /// Collection time, milliseconds since the epoch.
    pub sjc: Option<i64>,
    /// 拍摄序号, the order in which students were photographed, where known.
    pub shooting_seq: Option<i64>,
}

/// What every print of a student carries, from `student list` through a job to its caption
/// strip: the desensitised fields of his collection code and his photo. The roster's full
/// name rides along but is never listed, and printed only by a layout that asks for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrintedStudent {
    pub cjm: String,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    pub cc: String,
    pub xllb: String,
    pub yxdm: String,
    pub zjhm4: String,
    /// Collection time, milliseconds since the epoch.
    pub sjc: Option<i64>,
    pub photo_sha256: String,
    #[serde(skip)]
    pub full_name: Option<String>,
}

/// Field values as they arrived, before checking.
pub type RawFields = HashMap<Field, String>;

impl Student {
    /// Check and normalise raw fields. `required` names the fields that must be present and
    /// non-empty (a QR code must carry all nine; a data table may leave some out). Returns the
    /// student and any warnings; an error names the field.
    pub fn from_fields(raw: &RawFields, required: &[Field]) -> Result<(Student, Vec<String>), String> {
        let get = |f: Field| raw.get(&f).map(|s| s.trim()).unwrap_or("");
        let missing: Vec<&str> = required.iter().filter(|f| get(**f).is_empty()).map(|f| f.label()).collect();
        if !missing.is_empty() {
            return Err(crate::msg!("student-missing", fields = missing.join(", ")).to_string());
        }
        for (field, value) in raw {
            super::text::refuse_controls(field.label(), value)?;
        }
        let mut warnings = Vec::new();
        let cjm = check_cjm(get(Field::Cjm)).map_err(|e| e.to_string())?;
        let school = SchoolCode::parse(get(Field::Yxdm))
            .map_err(|e| crate::msg!("student-bad-field", field = "yxdm", error = e.to_string()).to_string())?;
        let xh = check_student_number(get(Field::Xh)).map_err(|e| e.to_string())?;
        let mut xm = get(Field::Xm).to_string();
        if xm.is_empty() {
            return Err(crate::msg!("student-missing", fields = Field::Xm.label()).to_string());
        }
        if !name::is_masked(&xm) && xm.chars().count() > 1 {
            xm = name::mask(&xm);
            warnings.push(crate::msg!("student-unmasked-name", xm = xm.as_str()).to_string());
        }
        let zjhm4 = match get(Field::Zjhm) {
            "" => String::new(),
            z => {
                let id = id_number::last4(z)
                    .map_err(|e| crate::msg!("student-bad-field", field = "zjhm", error = e.to_string()).to_string())?;
                warnings.extend(id.warning);
                id.last4
            }
        };
        let sjc = match get(Field::Sjc) {
            "" => None,
            s => Some(parse_timestamp(s)?),
        };
        Ok((
            Student {
                cjm,
                school,
                xh,
                xm,
                bh: get(Field::Bh).to_string(),
                cc: get(Field::Cc).to_string(),
                xllb: get(Field::Xllb).to_string(),
                zjhm4,
                sjc,
                shooting_seq: None,
            },
            warnings,
        ))
    }
}

/// A collection code is 16 ASCII letters and digits.
pub fn check_cjm(raw: &str) -> Result<String, crate::i18n::Msg> {
    let s = raw.trim();
    if s.len() == 16 && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(s.to_string())
    } else {
        Err(crate::msg!("roster-bad-cjm", cjm = s))
    }
}

/// A student number (学号): no spaces, and not a number Excel has already turned into
/// scientific notation (its digits are gone and cannot be recovered).
pub fn check_student_number(raw: &str) -> Result<String, crate::i18n::Msg> {
    use crate::msg;
    let s = raw.trim();
    if s.is_empty() {
        return Err(msg!("roster-no-xh"));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(msg!("roster-xh-spaces", xh = s));
    }
    let upper = s.to_ascii_uppercase();
    if let Some((mantissa, exp)) = upper.split_once('E')
        && mantissa.parse::<f64>().is_ok()
        && exp.trim_start_matches('+').parse::<u32>().is_ok()
    {
        return Err(msg!("roster-xh-scientific", xh = s));
    }
    if let Some(c) = s.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        let shown: String = c.escape_debug().collect();
        return Err(msg!("roster-xh-bad-char", xh = super::text::escape_controls(s).into_owned(), char = shown));
    }
    if s.chars().count() > 32 {
        return Err(msg!("roster-xh-too-long", xh = s));
    }
    Ok(s.to_string())
}

/// `sjc`: milliseconds since the epoch (seconds are accepted and scaled), or a date-time
/// written `YYYY-MM-DD HH:MM[:SS]`. The collection side writes its tables in China Standard
/// Time, so that is the zone such a date-time is read in, whatever the lab's own zone.
pub fn parse_timestamp(raw: &str) -> Result<i64, String> {
    let s = raw.trim();
    if let Ok(n) = s.parse::<i64>() {
        return match s.len() {
            13 => Ok(n),
            10 => Ok(n * 1000),
            _ => Err(crate::msg!("student-bad-timestamp", value = s).to_string()),
        };
    }
    let normal = s.replace('/', "-").replace('T', " ");
    let china = |t: chrono::NaiveDateTime| super::local_time::Zone::CHINA.millis_of(t);
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Some(ms) = chrono::NaiveDateTime::parse_from_str(&normal, fmt).ok().and_then(china) {
            return Ok(ms);
        }
    }
    if let Some(ms) = chrono::NaiveDate::parse_from_str(&normal, "%Y-%m-%d").ok().and_then(|d| china(d.into())) {
        return Ok(ms);
    }
    Err(crate::msg!("student-bad-sjc", value = s).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(Field, &str)]) -> RawFields {
        pairs.iter().map(|(f, v)| (*f, v.to_string())).collect()
    }

    #[test]
    fn normalises_a_full_code() {
        let r = raw(&[
            (Field::Sjc, "1653446320558"),
            (Field::Cjm, "Hx4KcUcseltovhGV"),
            (Field::Yxdm, "10418"),
            (Field::Zjhm, "36010219990101471x"),
            (Field::Xh, "201818004215114"),
            (Field::Cc, "本科"),
            (Field::Xllb, "网络教育"),
            (Field::Xm, "张*三"),
            (Field::Bh, "软工三班"),
        ]);
        let (s, _) = Student::from_fields(&r, &Field::ALL).unwrap();
        assert_eq!(s.zjhm4, "471X");
        assert_eq!(s.school.as_str(), "10418");
        assert_eq!(crate::domain::local_time::Zone::CHINA.collection_date(s.sjc.unwrap()), "2022-05-25");
    }

    #[test]
    fn names_the_missing_and_the_wrong_field() {
        let r = raw(&[(Field::Cjm, "Hx4KcUcseltovhGV"), (Field::Yxdm, "10418")]);
        let e = Student::from_fields(&r, &[Field::Cjm, Field::Xh, Field::Xm]).unwrap_err();
        assert!(e.contains("xh (学号)") && e.contains("xm (姓名)"), "{e}");
        let r = raw(&[(Field::Cjm, "short"), (Field::Yxdm, "10418"), (Field::Xh, "1"), (Field::Xm, "李*")]);
        assert!(Student::from_fields(&r, &[]).unwrap_err().contains("cjm"));
    }

    #[test]
    fn refuses_scientific_student_numbers_and_masks_full_names() {
        assert!(check_student_number("2.02001E+12").is_err());
        assert_eq!(check_student_number("2020010001032").unwrap(), "2020010001032");
        assert_eq!(check_student_number("E2020").unwrap(), "E2020");
        let r =
            raw(&[(Field::Cjm, "Hx4KcUcseltovhGV"), (Field::Yxdm, "10418"), (Field::Xh, "1"), (Field::Xm, "李小𠅤")]);
        let (s, w) = Student::from_fields(&r, &[]).unwrap();
        assert_eq!(s.xm, "李*𠅤");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn timestamps_in_several_spellings() {
        assert_eq!(parse_timestamp("1653446320").unwrap(), 1653446320000);
        assert_eq!(parse_timestamp("2022-05-25 10:38:40").unwrap(), 1653446320000);
        assert_eq!(parse_timestamp("2022/05/25 10:38:40").unwrap(), 1653446320000);
        assert!(parse_timestamp("yesterday").is_err());
    }
}
