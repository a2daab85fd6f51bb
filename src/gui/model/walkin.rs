//! 散拍 (walk-ins) as the window shows them: a collection code read or refused in the window's
//! words, the student it names, and what `app::walkin` answered (how the photo was stored, the
//! photo check's findings in Chinese, the other warnings once each). Plain Rust, no Slint.

use crate::app::walkin::Walkin;
use crate::domain::CollectionCode;
use crate::domain::collection_code::CodeError;
use crate::msg;
use std::path::Path;

/// The text a scanner typed, read as a collection code; a refusal in the window's words.
pub fn read_code(text: &str) -> Result<CollectionCode, String> {
    if text.trim().is_empty() {
        return Err(msg!("gui-walkin-code-empty").to_string());
    }
    CollectionCode::parse(text).map_err(|e| refusal(&e))
}

/// Why a scanned text is no collection code: a missing field by its Chinese name; a bad
/// field's detail is the service's.
pub fn refusal(e: &CodeError) -> String {
    match e {
        CodeError::NotACode(_) => msg!("gui-walkin-not-a-code"),
        CodeError::Missing(keys) => {
            let names: Vec<&str> = keys.iter().map(|k| field_name(k)).collect();
            msg!("gui-walkin-code-missing", fields = names.join("、"))
        }
        CodeError::Invalid(detail) => msg!("gui-walkin-code-invalid", detail = detail.as_str()),
    }
    .to_string()
}

/// The Chinese name of one key of a collection code.
fn field_name(key: &str) -> &'static str {
    match key {
        "sjc" => "时间戳",
        "cjm" => "采集码",
        "yxdm" => "院校代码",
        "zjhm" => "证件号码后 4 位",
        "xh" => "学号",
        "cc" => "层次",
        "xllb" => "学历类别",
        "xm" => "姓名",
        "bh" => "班级",
        _ => "字段",
    }
}

/// The student a code names, as his strip will print him (masked name only).
pub fn student_line(code: &CollectionCode) -> String {
    let s = &code.student;
    msg!(
        "gui-walkin-student",
        xh = s.xh.as_str(),
        xm = s.xm.as_str(),
        bh = s.bh.as_str(),
        school = s.school.as_str(),
        cc = s.cc.as_str(),
        xllb = s.xllb.as_str(),
        cjm = s.cjm.as_str()
    )
    .to_string()
}

/// What the walk-in made, in one line: the student, how his photo was stored, the job.
pub fn done_line(w: &Walkin) -> String {
    let stored = match w.stored {
        "new" => msg!("gui-walkin-stored-new", batch = w.batch),
        "replaced" => msg!("gui-walkin-stored-replaced", batch = w.batch),
        _ => msg!("gui-walkin-stored-already", batch = w.batch),
    };
    msg!(
        "gui-walkin-done",
        xh = w.student.xh.as_str(),
        xm = w.student.xm.as_str(),
        job = w.job.to_string(),
        stored = stored
    )
    .to_string()
}

/// The photo check's findings in Chinese, one per line (empty when it found nothing).
pub fn photo_findings(w: &Walkin) -> Vec<String> {
    w.photo_checks.iter().flat_map(|p| p.checks.iter().map(|c| c.said().to_string())).collect()
}

/// The walk-in's other warnings (the code's, the photo file's), each once: the photo check's
/// findings are among `warnings` too, in the service's words, and are shown from
/// [`photo_findings`] instead. The photo is named by its file name: the page shows its path.
pub fn other_warnings(w: &Walkin, photo: &Path) -> Vec<String> {
    let checks: Vec<String> =
        w.photo_checks.iter().flat_map(|p| p.checks.iter().map(|c| c.finding().to_string())).collect();
    let path = photo.display().to_string();
    let name = photo.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.clone());
    w.warnings
        .iter()
        .filter(|text| !checks.iter().any(|c| text.ends_with(c.as_str())))
        .map(|text| text.replace(&path, &name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    const GOOD: &str = r#"{"sjc":1653446320558,"cjm":"Hx4KcUcseltovhGV","yxdm":"10418","zjhm":"471X","xh":"201818004215114","cc":"本科","xllb":"网络教育","xm":"张*三","bh":"计算机科学与技术软工三班"}"#;

    fn no_english(text: &str) {
        let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).collect();
        assert!(words.len() < 2, "English in {text:?}: {words:?}");
    }

    #[test]
    fn a_good_code_names_the_student_as_printed() {
        with_lang(Lang::Zh, || {
            let code = read_code(GOOD).unwrap();
            let line = student_line(&code);
            for part in ["201818004215114", "张*三", "计算机科学与技术软工三班", "10418", "Hx4KcUcseltovhGV"]
            {
                assert!(line.contains(part), "{line}");
            }
            assert!(!line.contains("471X"), "the ID's last 4 are not shown: {line}");
        });
    }

    #[test]
    fn a_full_width_scan_is_read_too() {
        use unicode_normalization::UnicodeNormalization;
        // What a scanner types under a Chinese input method in full-width mode.
        let wide: String = GOOD
            .chars()
            .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xfee0).unwrap() } else { c })
            .collect();
        assert_ne!(wide, GOOD);
        assert_eq!(wide.nfkc().collect::<String>(), GOOD);
        assert_eq!(read_code(&wide).unwrap().student.xh, "201818004215114");
    }

    #[test]
    fn refusals_are_chinese_and_name_what_is_missing() {
        with_lang(Lang::Zh, || {
            for bad in ["", "  ", "HELLO-12345", r#"{"a":1}"#, "[1,2]"] {
                let why = read_code(bad).unwrap_err();
                no_english(&why);
            }
            let missing = read_code(&GOOD.replace(r#","bh":"计算机科学与技术软工三班""#, "")).unwrap_err();
            assert!(missing.contains("班级"), "{missing}");
            no_english(&missing);
        });
    }
}
