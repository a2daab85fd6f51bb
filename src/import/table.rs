//! Data tables and rosters as a grid of text: CSV (UTF-8 with or without BOM, UTF-16 with BOM,
//! or GBK/GB18030 as Chinese Excel saves it), xlsx, xls and ods. Numbers come out as the
//! school typed them (`2020010001032`, never `2.02e12`), the header row is found even below
//! title rows, and headers are matched by CHSI key or Chinese name.

use super::bounds;
use crate::domain::student::Field;
use crate::msg;
use calamine::{Data, Reader};
use std::collections::HashMap;
use std::io::Cursor;

/// A sheet of text cells; each row keeps the number a spreadsheet shows for it.
#[derive(Debug, Clone)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Code(Field),
    PhotoFile,
    ShootingSeq,
    Seq,
    Department,
    Major,
}

const ALIASES: &[(Column, &[&str])] = &[
    (Column::Code(Field::Sjc), &["sjc", "时间戳", "采集时间"]),
    (Column::Code(Field::Cjm), &["cjm", "采集码"]),
    (Column::Code(Field::Yxdm), &["yxdm", "院校代码", "学校代码"]),
    (Column::Code(Field::Zjhm), &["zjhm", "证件号码", "证件号", "身份证号", "身份证号码"]),
    (Column::Code(Field::Xh), &["xh", "学号"]),
    (Column::Code(Field::Cc), &["cc", "学历层次", "层次"]),
    (Column::Code(Field::Xllb), &["xllb", "学历类别"]),
    (Column::Code(Field::Xm), &["xm", "姓名"]),
    (Column::Code(Field::Bh), &["bh", "班级"]),
    (Column::PhotoFile, &["照片文件", "照片文件名", "文件名", "file", "filename"]),
    (Column::ShootingSeq, &["拍摄序号"]),
    (Column::Seq, &["序号"]),
    (Column::Department, &["院系"]),
    (Column::Major, &["专业"]),
];

/// Header text reduced to what identifies it: no spaces, no `*` marking required columns, no
/// bracketed notes such as `学号(必填)`, lower case.
pub fn normalise_header(h: &str) -> String {
    let mut s: String = h.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '\u{feff}').collect();
    for open in ['(', '（', '['] {
        if let Some(i) = s.find(open)
            && i > 0
        {
            s.truncate(i);
        }
    }
    s.to_lowercase()
}

pub fn column_for_header(h: &str) -> Option<Column> {
    let n = normalise_header(h);
    ALIASES.iter().find(|(_, names)| names.contains(&n.as_str())).map(|(c, _)| *c)
}

/// Spreadsheet column letters: 0 -> A, 26 -> AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The header of a grid: which row it is on and which column holds what.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index into `Grid::rows` of the header row.
    pub index: usize,
    pub columns: HashMap<Column, usize>,
}

impl Header {
    pub fn has(&self, c: Column) -> bool {
        self.columns.contains_key(&c)
    }

    /// The trimmed value of a column in a row, or "" when the column or the cell is absent.
    pub fn get<'a>(&self, row: &'a [String], c: Column) -> &'a str {
        self.columns.get(&c).and_then(|&i| row.get(i)).map(|s| s.trim()).unwrap_or("")
    }
}

/// Find the header row among the first rows: the first one that names the most known columns,
/// and at least a 学号 or 采集码 column.
pub fn find_header(grid: &Grid, file: &str) -> Result<Header, String> {
    let keyed = |cols: &[Column]| cols.contains(&Column::Code(Field::Xh)) || cols.contains(&Column::Code(Field::Cjm));
    let (index, columns) =
        find_header_by(grid, file, column_for_header, keyed, &crate::i18n::tr("table-roster-columns"))?;
    Ok(Header { index, columns })
}

/// The header row of a table whose columns `classify` knows: among the first 30 rows, the
/// first one that names the most of them and that `keyed` accepts. Returns its index into
/// `grid.rows` and where each column is; a column named twice is an error naming both.
pub fn find_header_by<C: Copy + Eq + std::hash::Hash>(
    grid: &Grid,
    file: &str,
    classify: impl Fn(&str) -> Option<C>,
    keyed: impl Fn(&[C]) -> bool,
    expected: &str,
) -> Result<(usize, HashMap<C, usize>), String> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in grid.rows.iter().enumerate().take(30) {
        let cols: Vec<C> = cells.iter().filter_map(|c| classify(c)).collect();
        if keyed(&cols) && best.is_none_or(|(_, n)| cols.len() > n) {
            best = Some((i, cols.len()));
        }
    }
    let Some((index, _)) = best else {
        return Err(msg!("table-no-header", file = file, expected = expected).to_string());
    };
    let (line, cells) = &grid.rows[index];
    let mut columns = HashMap::new();
    for (ci, cell) in cells.iter().enumerate() {
        if let Some(col) = classify(cell)
            && let Some(prev) = columns.insert(col, ci)
        {
            return Err(msg!(
                "table-column-twice",
                file = file,
                row = *line,
                column = cell.trim(),
                first = column_letter(prev),
                second = column_letter(ci)
            )
            .to_string());
        }
    }
    Ok((index, columns))
}

/// Read a table file a school sent (a roster, requests, corrections), bounded in size: its file
/// name (what errors name) and its grid.
pub fn read_file(path: &std::path::Path, sheet: Option<&str>) -> crate::error::Result<(String, Grid)> {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = bounds::read_file(path, bounds::MAX_TABLE_BYTES, msg!("import-what-table"))?;
    let grid = read_grid(&file, &bytes, sheet).map_err(crate::error::Error::Input)?;
    Ok((file, grid))
}

/// Read a table from its bytes; `name` is the file name (its extension decides the format).
pub fn read_grid(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => {
            if sheet.is_some() {
                return Err(msg!("table-csv-no-sheets", file = name).to_string());
            }
            read_csv(name, bytes)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(name, bytes, sheet),
        _ => Err(msg!("table-unknown-kind", file = name).to_string()),
    }
}

/// Decode CSV bytes: BOMs first, then UTF-8, else GB18030 (a superset of GBK).
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(msg!("table-bad-bom", file = name, encoding = enc.name()).to_string());
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(msg!("table-unknown-encoding", file = name).to_string());
    }
    Ok(text.into_owned())
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<Grid, String> {
    let text = decode_text(name, bytes)?;
    let sample: Vec<&str> = text.lines().take(40).collect();
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| sample.iter().map(|l| l.matches(*d as char).count()).max().unwrap_or(0))
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut area = bounds::SheetArea::new(name);
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            msg!("table-bad-csv", file = name, line = line as i64, error = e.to_string()).to_string()
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(rows.len() + 1);
        area.rows(line.saturating_sub(1), 1, rec.len())?;
        let cells: Vec<String> = rec.iter().map(clean_text_cell).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Grid { sheet: String::new(), rows })
}

/// Excel writes `="0123"` to keep leading zeros in CSV; take the text inside.
fn clean_text_cell(s: &str) -> String {
    let t = s.trim();
    t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')).unwrap_or(t).trim().to_string()
}

/// A spreadsheet's own reader (calamine) can panic on a damaged file (fuzzing found a cut-short
/// shared-strings record in an .xls, and an xlsx cell reference too long for a row number): such
/// a file is refused by name like any other unreadable one, never a crash.
fn read_workbook(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    crate::import::bounds::without_panicking(|| read_workbook_unguarded(name, bytes, sheet)).unwrap_or_else(|| {
        Err(msg!("table-unreadable", file = name, error = crate::i18n::tr("table-damaged")).to_string())
    })
}

fn read_workbook_unguarded(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    if bytes.starts_with(b"PK") {
        bounds::spreadsheet_zip(name, bytes)?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
        if zip.by_name("xl/workbook.xml").is_ok() {
            return read_xlsx(name, bytes, sheet);
        }
        if let Ok(content) = zip.by_name("content.xml") {
            ods_area(name, content)?;
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        bounds::xls_sheets(name, bytes)?;
    } else {
        return Err(msg!("table-not-spreadsheet", file = name).to_string());
    }
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
    let chosen = choose_sheet(name, wb.sheet_names(), sheet)?;
    let range = wb.worksheet_range(&chosen).map_err(|e| {
        msg!("table-sheet-unreadable", file = name, sheet = chosen.as_str(), error = e.to_string()).to_string()
    })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); col0 as usize];
        cells.extend(r.iter().map(cell_text));
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((row0 as usize + i + 1, cells));
        }
    }
    Ok(Grid { sheet: chosen, rows })
}

fn choose_sheet(name: &str, names: Vec<String>, sheet: Option<&str>) -> Result<String, String> {
    match sheet {
        Some(s) => {
            names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
                msg!("table-no-such-sheet", file = name, sheet = s, sheets = names.join(", ")).to_string()
            })
        }
        None => names.first().cloned().ok_or_else(|| msg!("table-no-sheets", file = name).to_string()),
    }
}

/// An xlsx sheet cell by cell, so a sheet that puts one cell at XFD1048576 is refused at that
/// cell instead of calamine allocating the whole rectangle up to it.
fn read_xlsx(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, String> {
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
    let chosen = choose_sheet(name, wb.sheet_names(), sheet)?;
    let cannot = |e: calamine::XlsxError| {
        msg!("table-sheet-unreadable", file = name, sheet = chosen.as_str(), error = e.to_string()).to_string()
    };
    let mut reader = wb.worksheet_cells_reader(&chosen).map_err(cannot)?;
    let mut area = bounds::SheetArea::new(msg!("table-sheet-named", file = name, sheet = chosen.as_str()).to_string());
    let mut by_row: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    while let Some(cell) = reader.next_cell().map_err(cannot)? {
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        area.cell(r as usize, c as usize)?;
        let row = by_row.entry(r).or_default();
        if row.len() <= c as usize {
            row.resize(c as usize + 1, String::new());
        }
        row[c as usize] = text;
    }
    let rows = by_row.into_iter().map(|(r, cells)| (r as usize + 1, cells)).collect();
    Ok(Grid { sheet: chosen, rows })
}

/// The used area of every table in an OpenDocument sheet's content, counting repeated rows and
/// cells as calamine will expand them; trailing empty repeats (LibreOffice writes a million)
/// cost nothing and are not counted.
fn ods_area(name: &str, content: impl std::io::Read) -> Result<(), String> {
    use quick_xml::events::{BytesStart, Event};
    let repeats = |e: &BytesStart, key: &str| -> usize {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.value.parse().ok()).unwrap_or(1)
    };
    let has_value = |e: &BytesStart| e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let (mut table, mut row, mut row_repeats, mut col, mut width) = (0usize, 0usize, 1usize, 0usize, 0usize);
    let mut area = bounds::SheetArea::new(name);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
        match event {
            Event::Start(ref e) if e.name().as_ref() == "table:table" => {
                table += 1;
                area = bounds::SheetArea::new(msg!("table-sheet", file = name, sheet = table as i64).to_string());
                row = 0;
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.name().as_ref() == "table:table-row" => {
                row_repeats = repeats(e, "table:number-rows-repeated");
                (col, width) = (0, 0);
                if matches!(event, Event::Empty(_)) {
                    row += row_repeats;
                }
            }
            Event::End(ref e) if e.name().as_ref() == "table:table-row" => {
                if width > 0 {
                    area.rows(row, row_repeats, width)?;
                }
                row += row_repeats;
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let n = repeats(e, "table:number-columns-repeated");
                if has_value(e) || matches!(event, Event::Start(_)) {
                    width = col.saturating_add(n);
                    if width > bounds::MAX_COLUMNS {
                        area.cell(row, width - 1)?;
                    }
                }
                col = col.saturating_add(n);
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// A cell as the school typed it. Whole numbers print without a fraction or exponent.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean_text_cell(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

pub fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e17 { format!("{f:.0}") } else { format!("{f}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(number_text(2020010001032.0), "2020010001032");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(10418.0), "10418");
    }

    #[test]
    fn headers_by_key_chinese_name_and_note() {
        assert_eq!(column_for_header("学号(必填)"), Some(Column::Code(Field::Xh)));
        assert_eq!(column_for_header(" XH "), Some(Column::Code(Field::Xh)));
        assert_eq!(column_for_header("*身份证号"), Some(Column::Code(Field::Zjhm)));
        assert_eq!(column_for_header("学历层次"), Some(Column::Code(Field::Cc)));
        assert_eq!(column_for_header("备注"), None);
    }

    #[test]
    fn finds_header_below_title_rows_and_reads_gbk() {
        let text = "2024届毕业生名单,,\n序号,学号,姓名\n1,2020010001032,李𠅤\n,,\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let grid = read_grid("名单.csv", &gbk, None).unwrap();
        let h = find_header(&grid, "名单.csv").unwrap();
        assert_eq!(h.index, 1);
        let (line, row) = &grid.rows[2];
        assert_eq!(*line, 3);
        assert_eq!(h.get(row, Column::Code(Field::Xm)), "李𠅤");
        assert_eq!(grid.rows.len(), 3, "blank rows are dropped");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
