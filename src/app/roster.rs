//! `roster import`: a school's roster becomes its print order. The new roster replaces the
//! current one (which is kept), and the report tells the administrator what does not line up:
//! roster rows with no photo, students not on the roster, and full names that disagree with
//! the masked name from the collection code (a possible wrong photo).

use super::{Workspace, schools};
use crate::domain::{name, order};
use crate::error::{Error, Result};
use crate::import::Finding;
use crate::import::roster::read_roster;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct RosterLine {
    pub row: usize,
    pub cjm: Option<String>,
    pub xh: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Unlisted {
    pub cjm: String,
    pub xh: String,
    pub bh: String,
}

#[derive(Debug, Serialize)]
pub struct NameMismatch {
    pub row: usize,
    pub cjm: String,
    pub xh: String,
    pub roster_name: String,
    pub masked_name: String,
}

#[derive(Debug, Serialize)]
pub struct RosterReport {
    pub id: i64,
    pub school: String,
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub matched: usize,
    pub without_photo: Vec<RosterLine>,
    pub not_on_roster: Vec<Unlisted>,
    pub name_mismatches: Vec<NameMismatch>,
    pub rejected: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl RosterReport {
    pub fn exit_code(&self) -> i32 {
        if self.rejected.is_empty() { 0 } else { 3 }
    }
}

pub fn import(ws: &Workspace, file: &Path, school: &str, sheet: Option<&str>) -> Result<RosterReport> {
    let code = schools::parse_code(school)?;
    let mut store = ws.store()?;
    schools::require(&store.read()?, &code)?;
    let contents = read_roster(file, &code, sheet)?;
    if contents.rows.is_empty() {
        let why = contents.rejected.first().map(|f| format!(": {f}")).unwrap_or_default();
        return Err(Error::input(format!("{}: no usable roster rows{why}", file.display())));
    }
    let tx = store.write()?;
    let stored = tx.students_of_school(&code, &[])?;
    let students: Vec<_> = stored.iter().map(|s| s.student.clone()).collect();
    let keys: Vec<_> = contents.rows.iter().map(|r| r.key()).collect();
    let matches = order::match_roster(&students, &keys);

    let mut on_roster = vec![false; students.len()];
    let mut without_photo = Vec::new();
    let mut name_mismatches = Vec::new();
    for (row, hit) in contents.rows.iter().zip(&matches) {
        let Some(i) = *hit else {
            without_photo.push(RosterLine { row: row.source_row, cjm: row.cjm.clone(), xh: row.xh.clone() });
            continue;
        };
        on_roster[i] = true;
        let s = &students[i];
        if let Some(full) = &row.full_name
            && !name::agrees(&s.xm, full)
        {
            name_mismatches.push(NameMismatch {
                row: row.source_row,
                cjm: s.cjm.clone(),
                xh: s.xh.clone(),
                roster_name: full.clone(),
                masked_name: s.xm.clone(),
            });
        }
    }
    let not_on_roster = students
        .iter()
        .zip(&on_roster)
        .filter(|(_, on)| !**on)
        .map(|(s, _)| Unlisted { cjm: s.cjm.clone(), xh: s.xh.clone(), bh: s.bh.clone() })
        .collect();
    let source = file.display().to_string();
    let id = tx.insert_roster(&code, &source, &contents.sheet, &contents.rows)?;
    tx.commit()?;
    Ok(RosterReport {
        id,
        school: code.to_string(),
        file: contents.file,
        sheet: contents.sheet,
        rows: contents.rows.len(),
        matched: matches.iter().filter(|m| m.is_some()).count(),
        without_photo,
        not_on_roster,
        name_mismatches,
        rejected: contents.rejected,
        warnings: contents.warnings,
    })
}
