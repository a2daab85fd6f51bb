//! The collection code (采集码) payload: the JSON object a decrypted CHSI QR code carries, with
//! the nine keys `sjc cjm yxdm zjhm xh cc xllb xm bh`. A 2D scanner types the same text.

use super::student::{Field, RawFields, Student};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// A parsed collection code: the student it identifies and any warnings (a full ID number
/// that fails its check character, say).
#[derive(Debug, Clone, Serialize)]
pub struct CollectionCode {
    #[serde(flatten)]
    pub student: Student,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("not a collection code (采集码): {0}")]
    NotACode(String),
    #[error("collection code is missing fields: {}", .0.join(", "))]
    Missing(Vec<&'static str>),
    #[error("collection code has a bad field: {0}")]
    Invalid(String),
}

impl CollectionCode {
    /// Read a collection code. One typed by a scanner in full-width mode (｛＂ｃｊｍ＂：…) is read
    /// again after NFKC; a code that reads as it is keeps its characters untouched.
    pub fn parse(text: &str) -> Result<CollectionCode, CodeError> {
        match Self::parse_as_is(text) {
            Err(CodeError::NotACode(why)) => {
                let folded: String = text.nfkc().collect();
                if folded == text { Err(CodeError::NotACode(why)) } else { Self::parse_as_is(&folded) }
            }
            read => read,
        }
    }

    fn parse_as_is(text: &str) -> Result<CollectionCode, CodeError> {
        let text = text.trim().trim_start_matches('\u{feff}');
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| {
            CodeError::NotACode(format!(
                "the text is not a JSON object with the keys {}: {}",
                Field::ALL.map(Field::key).join(" "),
                preview(text)
            ))
        })?;
        let Some(obj) = value.as_object() else {
            return Err(CodeError::NotACode(format!("expected a JSON object, got {}", preview(text))));
        };
        let mut raw = RawFields::new();
        for f in Field::ALL {
            let v = match obj.get(f.key()) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => continue,
            };
            if !v.trim().is_empty() {
                raw.insert(f, v);
            }
        }
        if raw.is_empty() {
            return Err(CodeError::NotACode(format!(
                "none of the keys {} is present",
                Field::ALL.map(Field::key).join(" ")
            )));
        }
        let missing: Vec<&'static str> =
            Field::ALL.into_iter().filter(|f| !raw.contains_key(f)).map(Field::key).collect();
        if !missing.is_empty() {
            return Err(CodeError::Missing(missing));
        }
        let (student, warnings) = Student::from_fields(&raw, &Field::ALL).map_err(CodeError::Invalid)?;
        Ok(CollectionCode { student, warnings })
    }
}

/// The start of a text for a message; an ID number in it shows only its last 4, redacted
/// before cutting so no cut leaves a longer part of it.
fn preview(text: &str) -> String {
    let text = super::privacy::redact(text);
    let p: String = text.chars().take(40).collect();
    if p.len() < text.len() { format!("{p:?}…") } else { format!("{p:?}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"sjc":1653446320558,"cjm":"Hx4KcUcseltovhGV","yxdm":"10418","zjhm":"471X","xh":"201818004215114","cc":"本科","xllb":"网络教育","xm":"张*三","bh":"计算机科学与技术软工三班"}"#;

    #[test]
    fn parses_the_documented_example() {
        let c = CollectionCode::parse(SAMPLE).unwrap();
        assert_eq!(c.student.cjm, "Hx4KcUcseltovhGV");
        assert_eq!(c.student.zjhm4, "471X");
        assert_eq!(c.student.bh, "计算机科学与技术软工三班");
    }

    #[test]
    fn a_code_typed_in_full_width_reads_the_same_and_keeps_its_chinese() {
        let wide: String = SAMPLE
            .chars()
            .map(|c| if ('!'..='~').contains(&c) { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
            .collect();
        assert_ne!(wide, SAMPLE);
        let c = CollectionCode::parse(&wide).unwrap();
        assert_eq!(c.student, CollectionCode::parse(SAMPLE).unwrap().student);
        assert_eq!(c.student.bh, "计算机科学与技术软工三班");
    }

    #[test]
    fn tells_apart_not_a_code_and_missing_fields() {
        assert!(matches!(CollectionCode::parse("https://example.com"), Err(CodeError::NotACode(_))));
        assert!(matches!(CollectionCode::parse(r#"{"a":1}"#), Err(CodeError::NotACode(_))));
        let e = CollectionCode::parse(r#"{"cjm":"Hx4KcUcseltovhGV","xh":"1"}"#).unwrap_err();
        let CodeError::Missing(m) = e else { panic!("{e}") };
        assert_eq!(m, vec!["sjc", "yxdm", "zjhm", "cc", "xllb", "xm", "bh"]);
    }
}
