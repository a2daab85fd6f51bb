//! Students of a school in print order, the order the whole later chain (sheets, packets,
//! shipments) follows.

use super::{Workspace, schools};
use crate::domain::order::{self, RosterKey};
use crate::error::Result;
use crate::store::Tx;
use serde::Serialize;

/// One student as `student list` shows him: desensitised fields only.
#[derive(Debug, Clone, Serialize)]
pub struct StudentLine {
    pub cjm: String,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    pub cc: String,
    pub xllb: String,
    pub yxdm: String,
    pub zjhm4: String,
    pub sjc: Option<i64>,
    pub photo_sha256: String,
    pub roster_position: Option<usize>,
    /// The full name from the school's roster, when it gave one; never listed, printed only
    /// by a layout that asks for it.
    #[serde(skip)]
    pub full_name: Option<String>,
}

/// A school's students in print order, optionally only some classes.
pub fn in_print_order(tx: &Tx<'_>, school: &crate::domain::SchoolCode, classes: &[String]) -> Result<Vec<StudentLine>> {
    let stored = tx.students_of_school(school, &[])?;
    let roster = tx.current_roster(school)?.map(|(_, rows)| rows);
    let keys: Option<Vec<RosterKey>> = roster.as_ref().map(|rows| rows.iter().map(|r| r.key()).collect());
    let students: Vec<_> = stored.iter().map(|s| s.student.clone()).collect();
    let order = order::print_order(&students, keys.as_deref());
    Ok(order
        .into_iter()
        .map(|(i, pos)| {
            let s = &stored[i];
            StudentLine {
                cjm: s.student.cjm.clone(),
                xh: s.student.xh.clone(),
                xm: s.student.xm.clone(),
                bh: s.student.bh.clone(),
                cc: s.student.cc.clone(),
                xllb: s.student.xllb.clone(),
                yxdm: s.student.school.to_string(),
                zjhm4: s.student.zjhm4.clone(),
                sjc: s.student.sjc,
                photo_sha256: s.photo_sha256.clone(),
                roster_position: pos,
                full_name: pos.and_then(|p| roster.as_ref()?.get(p - 1)?.full_name.clone()),
            }
        })
        .filter(|l| classes.is_empty() || classes.contains(&l.bh))
        .collect())
}

pub fn list(ws: &Workspace, school: &str, classes: &[String]) -> Result<Vec<StudentLine>> {
    let code = schools::parse_code(school)?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    schools::require(&tx, &code)?;
    let known: Vec<String> = tx.classes(&code)?.into_iter().map(|(bh, _)| bh).collect();
    if let Some(unknown) = classes.iter().find(|c| !known.contains(c)) {
        return Err(crate::Error::input(format!(
            "school {code} has no class {unknown:?}; its classes are: {}",
            known.join(", ")
        )));
    }
    in_print_order(&tx, &code, classes)
}
