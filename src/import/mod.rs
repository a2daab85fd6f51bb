//! Import: read what arrives from outside (approved batches, school rosters, collection-code
//! QR images), normalise and check it, and report row by row what is wrong. Nothing here
//! touches the store; the services in `app` decide what to keep.

pub mod batch;
pub mod bounds;
pub mod corrections;
pub mod face;
pub mod photo;
pub mod qr;
pub mod roster;
pub mod source;
pub mod table;

use serde::Serialize;

/// One thing an import noticed about a file or row: a refusal or a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The table (or, for a file on its own, that file).
    pub file: String,
    /// The row as the spreadsheet numbers it, header and title rows counted.
    pub row: Option<usize>,
    pub cjm: Option<String>,
    /// The student's 学号, when the row gave one: what a technician finds the student by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xh: Option<String>,
    /// The photo file the finding is about, when it is one row's photo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    pub reason: String,
    /// A stable machine code, where a finding has one (the photo check's: `head_top`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The catalog message `reason` was said from, so the window can say it in its own terms.
    #[serde(skip)]
    pub said: Option<crate::i18n::Msg>,
}

/// Why a row or photo was refused or warned about: a catalog message (shown in the reader's
/// language, with its code), or text not yet in the catalog.
#[derive(Debug, Clone)]
pub enum Reason {
    Text(String),
    Said(crate::i18n::Msg),
}

impl From<String> for Reason {
    fn from(t: String) -> Reason {
        Reason::Text(t)
    }
}
impl From<&str> for Reason {
    fn from(t: &str) -> Reason {
        Reason::Text(t.to_string())
    }
}
impl From<crate::i18n::Msg> for Reason {
    fn from(m: crate::i18n::Msg) -> Reason {
        Reason::Said(m)
    }
}

impl Finding {
    pub fn new(file: impl Into<String>, row: Option<usize>, cjm: Option<&str>, reason: impl Into<Reason>) -> Self {
        let (reason, code, said) = match reason.into() {
            Reason::Text(t) => (t, None, None),
            Reason::Said(m) => (m.to_string(), Some(m.code()), Some(m)),
        };
        Finding { file: file.into(), row, cjm: cjm.map(str::to_string), xh: None, photo: None, reason, code, said }
    }

    /// A finding about one student's row: its 采集码 and 学号.
    pub fn of_student(
        file: impl Into<String>,
        row: Option<usize>,
        student: &crate::domain::student::Student,
        reason: impl Into<Reason>,
    ) -> Self {
        Finding::new(file, row, Some(&student.cjm), reason).with_xh(Some(&student.xh))
    }

    pub fn with_xh(mut self, xh: Option<&str>) -> Self {
        self.xh = xh.filter(|x| !x.is_empty()).map(str::to_string);
        self
    }

    /// The same finding, with its machine code.
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }

    /// The same finding, about the row's photo file.
    pub fn with_photo(mut self, photo: Option<&str>) -> Self {
        self.photo = photo.map(str::to_string);
        self
    }
}

/// Findings in the order a person reads the table: by row, and what concerns no row last.
pub fn in_row_order(findings: &mut [Finding]) {
    findings.sort_by_key(|f| f.row.unwrap_or(usize::MAX));
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut at = self.file.clone();
        if let Some(r) = self.row {
            at += &format!(" {}", crate::msg!("finding-row", row = r));
        }
        if let Some(c) = &self.cjm {
            at += &format!(" [{c}]");
        }
        if let Some(p) = &self.photo {
            at += &format!(" {}", crate::msg!("finding-photo", photo = p.as_str()));
        }
        write!(f, "{}", crate::msg!("finding-line", at = at, reason = self.reason.as_str()))
    }
}
