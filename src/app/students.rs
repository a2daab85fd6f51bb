//! Students of a school in print order, the order the whole later chain (sheets, packets,
//! shipments) follows.

use super::{Workspace, schools};
use crate::domain::PrintedStudent;
use crate::domain::order::{self, RosterKey};
use crate::error::Result;
use crate::store::Tx;
use serde::Serialize;

/// One student as `student list` shows him: desensitised fields only, and his place on the
/// school's roster.
#[derive(Debug, Clone, Serialize)]
pub struct StudentLine {
    #[serde(flatten)]
    pub student: PrintedStudent,
    pub roster_position: Option<usize>,
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
            let st = &s.student;
            let student = PrintedStudent {
                cjm: st.cjm.clone(),
                xh: st.xh.clone(),
                xm: st.xm.clone(),
                bh: st.bh.clone(),
                cc: st.cc.clone(),
                xllb: st.xllb.clone(),
                yxdm: st.school.to_string(),
                zjhm4: st.zjhm4.clone(),
                sjc: st.sjc,
                photo_sha256: s.photo_sha256.clone(),
                full_name: pos.and_then(|p| roster.as_ref()?.get(p - 1)?.full_name.clone()),
            };
            StudentLine { student, roster_position: pos }
        })
        .filter(|l| classes.is_empty() || classes.contains(&l.student.bh))
        .collect())
}

pub fn list(ws: &Workspace, school: &str, classes: &[String]) -> Result<Vec<StudentLine>> {
    let code = schools::parse_code(school)?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    schools::require(&tx, &code)?;
    let known: Vec<String> = tx.classes(&code)?.into_iter().map(|(bh, _)| bh).collect();
    if let Some(unknown) = classes.iter().find(|c| !known.contains(c)) {
        let said = crate::msg!(
            "students-no-class",
            school = code.to_string(),
            class = unknown.as_str(),
            classes = known.join(", ")
        );
        return Err(said.into());
    }
    in_print_order(&tx, &code, classes)
}
