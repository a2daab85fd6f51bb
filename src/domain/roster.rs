//! A school's roster (学校数据表): its rows in the school's order. Full names and the last four
//! of ID numbers may be on it; full names are kept apart from students and never printed
//! unless a layout asks for them.

use super::order::RosterKey;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterRow {
    /// The row's number in the file as a spreadsheet shows it (1-based).
    pub source_row: usize,
    pub cjm: Option<String>,
    pub xh: Option<String>,
    pub full_name: Option<String>,
    pub id_last4: Option<String>,
    pub bh: Option<String>,
    pub department: Option<String>,
    pub major: Option<String>,
}

impl RosterRow {
    pub fn key(&self) -> RosterKey {
        RosterKey { cjm: self.cjm.clone(), xh: self.xh.clone() }
    }
}
