//! Import: read what arrives from outside (approved batches, school rosters, collection-code
//! QR images), normalise and check it, and report row by row what is wrong. Nothing here
//! touches the store; the services in `app` decide what to keep.

pub mod batch;
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
    pub file: String,
    pub row: Option<usize>,
    pub cjm: Option<String>,
    pub reason: String,
    /// A stable machine code, where a finding has one (the photo check's: `head_top`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Finding {
    pub fn new(file: impl Into<String>, row: Option<usize>, cjm: Option<&str>, reason: impl Into<String>) -> Self {
        Finding { file: file.into(), row, cjm: cjm.map(str::to_string), reason: reason.into(), code: None }
    }

    /// The same finding, with its machine code.
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, " row {r}")?;
        }
        if let Some(c) = &self.cjm {
            write!(f, " [{c}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}
