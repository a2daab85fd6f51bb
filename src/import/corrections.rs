//! Reading a correction table (勘误表): xlsx, xls, ods or CSV through the same readers as
//! rosters, header found below any title rows. Each row names a student by 学号, a field, the
//! value printed now and the value it should be. Rows come out as the school wrote them, in file
//! order; checking them against the store is the service's work.

use super::table;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// What a column of a correction table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Student,
    Field,
    From,
    To,
    School,
}

const ALIASES: &[(Col, &[&str])] = &[
    (Col::Student, &["学号", "xh", "学生学号", "student"]),
    (
        Col::Field,
        &["字段", "项目", "field", "更正项目", "勘误项目", "更正字段", "修改项目", "修改字段", "错误项目", "错误字段"],
    ),
    (
        Col::From,
        &["原值", "原内容", "更正前", "from", "原信息", "原数据", "修改前", "错误内容", "错误信息", "原始信息"],
    ),
    (Col::To, &["新值", "更正为", "更正后", "to", "新内容", "修改后", "修改为", "正确内容", "正确信息", "更正内容"]),
    (Col::School, &["院校代码", "学校代码", "yxdm"]),
];

const REQUIRED: [(Col, &str); 4] =
    [(Col::Student, "学号 (xh)"), (Col::Field, "字段 (field)"), (Col::From, "原值 (from)"), (Col::To, "新值 (to)")];

/// One row of a correction table, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRow {
    /// Row number in the file (1-based, as a spreadsheet shows it).
    pub row: usize,
    pub xh: String,
    pub field: String,
    pub from: String,
    pub to: String,
    /// 院校代码, when the table has that column.
    pub school: Option<String>,
}

#[derive(Debug, Default)]
pub struct CorrectionTable {
    pub file: String,
    pub sheet: String,
    pub rows: Vec<CorrectionRow>,
}

fn column_for(h: &str) -> Option<Col> {
    let n = table::normalise_header(h);
    ALIASES.iter().find(|(_, names)| names.contains(&n.as_str())).map(|(c, _)| *c)
}

/// The header row (index into the grid's rows) and where each column is.
fn find_header(grid: &table::Grid, file: &str) -> Result<(usize, HashMap<Col, usize>), String> {
    let (index, columns) = table::find_header_by(
        grid,
        file,
        column_for,
        |cols| cols.contains(&Col::Student),
        &crate::i18n::tr("imp-correction-columns"),
    )?;
    let line = grid.rows[index].0;
    let missing: Vec<&str> = REQUIRED.iter().filter(|(c, _)| !columns.contains_key(c)).map(|(_, n)| *n).collect();
    if !missing.is_empty() {
        let columns = missing.join(", ");
        return Err(crate::msg!(
            "imp-correction-header-missing",
            file = file,
            row = line.to_string(),
            columns = columns
        )
        .to_string());
    }
    Ok((index, columns))
}

/// Read a correction table. An unreadable file, or one without the four columns, is an error;
/// rows are returned as written, blank ones left out.
pub fn read_corrections(path: &Path, sheet: Option<&str>) -> Result<CorrectionTable> {
    let (file, grid) = table::read_file(path, sheet)?;
    let (index, columns) = find_header(&grid, &file).map_err(Error::Input)?;
    let mut out = CorrectionTable { file, sheet: grid.sheet.clone(), rows: Vec::new() };
    for (line, cells) in &grid.rows[index + 1..] {
        let get = |c: Col| columns.get(&c).and_then(|&i| cells.get(i)).map(|s| s.trim()).unwrap_or("").to_string();
        let row = CorrectionRow {
            row: *line,
            xh: get(Col::Student),
            field: get(Col::Field),
            from: get(Col::From),
            to: get(Col::To),
            school: Some(get(Col::School)).filter(|s| !s.is_empty()),
        };
        if [&row.xh, &row.field, &row.from, &row.to].iter().all(|v| v.is_empty()) {
            continue;
        }
        out.rows.push(row);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_below_a_title_with_chinese_names() {
        let text = "某大学2024届毕业生图像信息勘误表,,,,\n序号,学号,更正项目,原内容,更正为\n1,2020010001032,姓名,张*三,张*山\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("勘误表.csv");
        std::fs::write(&p, &gbk).unwrap();
        let t = read_corrections(&p, None).unwrap();
        assert_eq!(
            t.rows,
            vec![CorrectionRow {
                row: 3,
                xh: "2020010001032".into(),
                field: "姓名".into(),
                from: "张*三".into(),
                to: "张*山".into(),
                school: None
            }]
        );
    }

    #[test]
    fn names_the_missing_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.csv");
        std::fs::write(&p, "学号,字段,新值\n1,xm,张*三\n").unwrap();
        let e = read_corrections(&p, None).unwrap_err().to_string();
        assert!(e.contains("原值 (from)") && e.contains("k.csv row 1"), "{e}");
    }
}
