//! `roster import`: a school's roster becomes its print order. Schools send a roster per class:
//! the new file sets the order of the classes it holds and the other classes keep theirs
//! (`--replace-all` starts over); the roster before is kept, superseded. The report says which
//! classes were replaced and which kept, and tells the administrator what does not line up:
//! roster rows with no photo, students not on the roster, and full names that disagree with
//! the masked name from the collection code (a possible wrong photo).

use super::Outcome;
use super::{Workspace, schools};
use crate::domain::roster::{self, ClassRow};
use crate::domain::{name, order};
use crate::error::Result;
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

/// A class whose order the new roster sets.
#[derive(Debug, Serialize)]
pub struct ClassReplaced {
    pub class: String,
    pub rows: usize,
}

/// A class the new roster does not cover, which keeps the order an earlier roster gave it.
#[derive(Debug, Serialize)]
pub struct ClassKept {
    pub class: String,
    pub rows: usize,
    pub roster: i64,
    /// When that roster was imported (UTC, as stored).
    pub imported_at: String,
}

#[derive(Debug, Serialize)]
pub struct RosterReport {
    pub id: i64,
    pub school: String,
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub matched: usize,
    /// Whether the new file replaced the whole roster (`--replace-all`, or no roster before).
    pub replaced_all: bool,
    pub replaced_classes: Vec<ClassReplaced>,
    pub kept_classes: Vec<ClassKept>,
    /// Rows of the school's roster after this import, kept rows included.
    pub roster_rows: usize,
    pub without_photo: Vec<RosterLine>,
    pub not_on_roster: Vec<Unlisted>,
    pub name_mismatches: Vec<NameMismatch>,
    pub rejected: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl RosterReport {
    /// Partly done when some rows were refused.
    pub fn outcome(&self) -> Outcome {
        Outcome::refusing(self.rejected.len())
    }
}

/// Import a school's roster. Schools send one roster per class, at different times: the file's
/// classes take its order and the other classes keep theirs, unless `replace_all` starts over.
pub fn import(
    ws: &Workspace,
    file: &Path,
    school: &str,
    sheet: Option<&str>,
    replace_all: bool,
) -> Result<RosterReport> {
    let code = schools::parse_code(school)?;
    let mut store = ws.store()?;
    schools::require(&store.read()?, &code)?;
    let contents = read_roster(file, &code, sheet)?;
    if contents.rows.is_empty() {
        let shown = file.display().to_string();
        return Err(match contents.rejected.first() {
            None => crate::msg!("roster-no-rows", file = shown),
            Some(f) => crate::msg!("roster-no-rows-because", file = shown, why = f.to_string()),
        }
        .into());
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
                roster_name: name::mask(full),
                masked_name: s.xm.clone(),
            });
        }
    }
    // Each row's class: its own 班级 cell, else the class of the student it matches.
    let class_of = |row: &crate::domain::RosterRow, hit: Option<usize>| {
        row.bh.clone().filter(|b| !b.trim().is_empty()).or_else(|| hit.map(|i| students[i].bh.clone()))
    };
    let new: Vec<ClassRow<Option<i64>>> = contents
        .rows
        .iter()
        .zip(&matches)
        .map(|(row, hit)| ClassRow { row: row.clone(), class: class_of(row, *hit), origin: None })
        .collect();
    let current = if replace_all { None } else { tx.current_roster(&code)? };
    let old: Vec<ClassRow<Option<i64>>> = match &current {
        Some((info, rows)) => {
            let origins = tx.roster_row_origins(info.id)?;
            let keys: Vec<_> = rows.iter().map(|r| r.key()).collect();
            let hits = order::match_roster(&students, &keys);
            rows.iter()
                .zip(&hits)
                .zip(origins)
                .map(|((row, hit), origin)| ClassRow {
                    row: row.clone(),
                    class: class_of(row, *hit),
                    origin: Some(origin),
                })
                .collect()
        }
        None => Vec::new(),
    };
    let merged = roster::replace_classes(&old, &new);
    let mut replaced_classes: Vec<ClassReplaced> = Vec::new();
    let mut kept_classes: Vec<ClassKept> = Vec::new();
    for r in &merged {
        let class = r.class.clone().unwrap_or_default();
        match r.origin {
            None => match replaced_classes.iter_mut().find(|c| c.class == class) {
                Some(c) => c.rows += 1,
                None => replaced_classes.push(ClassReplaced { class, rows: 1 }),
            },
            Some(origin) => match kept_classes.iter_mut().find(|c| c.class == class && c.roster == origin) {
                Some(c) => c.rows += 1,
                None => kept_classes.push(ClassKept {
                    class,
                    rows: 1,
                    roster: origin,
                    imported_at: tx.roster_imported_at(origin)?.unwrap_or_default(),
                }),
            },
        }
    }
    let merged_keys: Vec<_> = merged.iter().map(|r| r.row.key()).collect();
    let on_merged = order::match_roster(&students, &merged_keys);
    for hit in on_merged.iter().flatten() {
        on_roster[*hit] = true;
    }
    let not_on_roster = students
        .iter()
        .zip(&on_roster)
        .filter(|(_, on)| !**on)
        .map(|(s, _)| Unlisted { cjm: s.cjm.clone(), xh: s.xh.clone(), bh: s.bh.clone() })
        .collect();
    let source = file.display().to_string();
    let rows: Vec<crate::domain::RosterRow> = merged.iter().map(|r| r.row.clone()).collect();
    let origins: Vec<Option<i64>> = merged.iter().map(|r| r.origin).collect();
    let id = tx.insert_roster(&code, &source, &contents.sheet, &rows, &origins)?;
    tx.audit(
        &ws.settings.operator(),
        "roster.import",
        &format!("school {code}"),
        &format!("{} rows from {source}{}", rows.len(), if old.is_empty() { " (whole roster)" } else { "" }),
    )?;
    tx.commit()?;
    Ok(RosterReport {
        id,
        school: code.to_string(),
        file: contents.file,
        sheet: contents.sheet,
        rows: contents.rows.len(),
        matched: matches.iter().filter(|m| m.is_some()).count(),
        replaced_all: old.is_empty(),
        replaced_classes,
        kept_classes,
        roster_rows: rows.len(),
        without_photo,
        not_on_roster,
        name_mismatches,
        rejected: contents.rejected,
        warnings: contents.warnings,
    })
}
