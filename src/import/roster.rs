//! Reading a school's roster (学校数据表): xlsx, xls, ods or CSV, header found below any title
//! rows, blank rows skipped. Each row is kept in file order; a row that cannot identify a
//! student (no 学号, no 采集码) or contradicts the school is refused with its row number.

use super::Finding;
use super::table::{self, Column};
use crate::domain::student::{self, Field};
use crate::domain::{RosterRow, SchoolCode, id_number};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Default)]
pub struct RosterContents {
    pub file: String,
    pub sheet: String,
    pub rows: Vec<RosterRow>,
    pub rejected: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub fn read_roster(path: &Path, school: &SchoolCode, sheet: Option<&str>) -> Result<RosterContents> {
    let (file, grid) = table::read_file(path, sheet)?;
    let header = table::find_header(&grid, &file).map_err(Error::Input)?;
    let mut out = RosterContents { file: file.clone(), sheet: grid.sheet.clone(), ..Default::default() };
    let mut seen_xh: HashMap<String, usize> = HashMap::new();
    let mut seen_cjm: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &grid.rows[header.index + 1..] {
        let line = *line;
        let get = |c: Column| header.get(cells, c);
        let reject = |reason: crate::i18n::Msg| {
            Finding::new(&file, Some(line), opt(get(Column::Code(Field::Cjm))).as_deref(), reason)
                .with_xh(opt(get(Column::Code(Field::Xh))).as_deref())
        };
        let cjm = match get(Column::Code(Field::Cjm)) {
            "" => None,
            c => match student::check_cjm(c) {
                Ok(c) => Some(c),
                Err(e) => {
                    out.rejected.push(reject(e));
                    continue;
                }
            },
        };
        let xh = match get(Column::Code(Field::Xh)) {
            "" => None,
            x => match student::check_student_number(x) {
                Ok(x) => Some(x),
                Err(e) => {
                    out.rejected.push(reject(e));
                    continue;
                }
            },
        };
        if cjm.is_none() && xh.is_none() {
            out.rejected.push(reject(crate::msg!("roster-no-key")));
            continue;
        }
        let row_school = get(Column::Code(Field::Yxdm));
        if !row_school.is_empty() && row_school != school.as_str() {
            out.rejected.push(reject(crate::msg!(
                "roster-other-school",
                row_school = row_school,
                school = school.to_string()
            )));
            continue;
        }
        let id_last4 = match get(Column::Code(Field::Zjhm)) {
            "" => None,
            z => match id_number::last4(z) {
                Ok(id) => {
                    if let Some(w) = id.warning {
                        out.warnings.push(
                            Finding::new(&file, Some(line), opt(get(Column::Code(Field::Cjm))).as_deref(), w)
                                .with_xh(opt(get(Column::Code(Field::Xh))).as_deref()),
                        );
                    }
                    Some(id.last4)
                }
                Err(e) => {
                    out.rejected.push(reject(crate::msg!("roster-bad-zjhm", error = e)));
                    continue;
                }
            },
        };
        if let Some(c) = &cjm
            && let Some(first) = seen_cjm.insert(c.clone(), line)
        {
            out.rejected.push(reject(crate::msg!("roster-cjm-twice", cjm = c, first = first)));
            continue;
        }
        if let Some(x) = &xh
            && let Some(first) = seen_xh.insert(x.clone(), line)
        {
            out.rejected.push(reject(crate::msg!("roster-xh-twice", xh = x, first = first)));
            continue;
        }
        out.rows.push(RosterRow {
            source_row: line,
            cjm,
            xh,
            full_name: opt(get(Column::Code(Field::Xm))),
            id_last4,
            bh: opt(get(Column::Code(Field::Bh))),
            department: opt(get(Column::Department)),
            major: opt(get(Column::Major)),
        });
    }
    Ok(out)
}
