//! Packaging electronic copies: the file name of each photo (学号.jpg, 学号姓名.jpg or
//! 采集码.jpg), the `index.csv` that lists a part's files (UTF-8 with BOM, so Excel opens it),
//! the split of a request into parts that each fit in one e-mail, and the zip of one part.
//!
//! Pure over what it is given: it reads no file and knows no store. The same students, photo
//! bytes and time stamp always give the same zip bytes, so a part sent again is the same part.
//! Photos go in stored, not deflated (a JPEG does not compress, and its bytes stay untouched);
//! only `index.csv` is deflated.

use serde::Serialize;
use std::collections::HashSet;
use std::io::{Cursor, Write};

/// How the photo files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Naming {
    /// `学号.jpg`, what schools ask for by default.
    Xh,
    /// `学号姓名.jpg`, only where the school supplied the full name on its roster.
    XhName,
    /// `采集码.jpg`.
    Cjm,
}

impl Naming {
    pub fn as_str(self) -> &'static str {
        match self {
            Naming::Xh => "xh",
            Naming::XhName => "xh-name",
            Naming::Cjm => "cjm",
        }
    }

    pub fn parse(raw: &str) -> Result<Naming, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "xh" | "学号" => Ok(Naming::Xh),
            "xh-name" | "xhname" | "学号姓名" => Ok(Naming::XhName),
            "cjm" | "采集码" => Ok(Naming::Cjm),
            other => Err(crate::msg!("send-bad-naming", naming = other).to_string()),
        }
    }

    /// The pattern, as the cover letter tells the school.
    pub fn pattern(self) -> &'static str {
        match self {
            Naming::Xh => "学号.jpg",
            Naming::XhName => "学号姓名.jpg",
            Naming::Cjm => "采集码.jpg",
        }
    }
}

/// One student as his electronic copy is named and listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub xh: String,
    /// The masked name as received (`张*三`).
    pub xm: String,
    pub bh: String,
    pub cjm: String,
    /// The full name from the school's own roster, if it supplied one.
    pub full_name: Option<String>,
}

impl Person {
    /// The 姓名 column of `index.csv`: the full name only when the school asked for names and
    /// supplied this one; otherwise the masked name as received.
    pub fn listed_name(&self, naming: Naming) -> &str {
        match (&self.full_name, naming) {
            (Some(full), Naming::XhName) if !full.trim().is_empty() => full.trim(),
            _ => &self.xm,
        }
    }
}

/// The file names of a request's photos, unique across all its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedFiles {
    pub names: Vec<String>,
    /// Students named `学号.jpg` under `xh-name` because the school gave no full name for them.
    pub without_full_name: Vec<usize>,
    /// Students whose name was taken already (one 学号 twice), named `<name>-<采集码>.jpg`.
    pub renamed: Vec<usize>,
}

/// A name every file system takes: no path separators, none of `:*?"<>|`, no control
/// characters, no leading or trailing dots or spaces.
fn safe(s: &str) -> String {
    let cleaned: String =
        s.trim().chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string()
}

pub fn name_files(naming: Naming, people: &[Person]) -> NamedFiles {
    let mut names = Vec::with_capacity(people.len());
    let mut without_full_name = Vec::new();
    let mut renamed = Vec::new();
    // Compared without case: Windows, where schools open the zips, ignores it.
    let mut taken: HashSet<String> = HashSet::new();
    taken.insert("index.csv".into());
    for (i, p) in people.iter().enumerate() {
        let xh = Some(safe(&p.xh)).filter(|s| !s.is_empty()).unwrap_or_else(|| safe(&p.cjm));
        let stem = match naming {
            Naming::Xh => xh,
            Naming::Cjm => safe(&p.cjm),
            Naming::XhName => match p.full_name.as_deref().map(safe).filter(|n| !n.is_empty()) {
                Some(full) => format!("{xh}{full}"),
                None => {
                    without_full_name.push(i);
                    xh
                }
            },
        };
        let mut name = format!("{stem}.jpg");
        if !taken.insert(name.to_lowercase()) {
            let mut n = 1;
            name = format!("{stem}-{}.jpg", safe(&p.cjm));
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                name = format!("{stem}-{}-{n}.jpg", safe(&p.cjm));
            }
            renamed.push(i);
        }
        names.push(name);
    }
    NamedFiles { names, without_full_name, renamed }
}

/// One line of `index.csv`.
#[derive(Debug, Clone, Copy)]
pub struct IndexRow<'a> {
    pub xh: &'a str,
    pub name: &'a str,
    pub bh: &'a str,
    pub cjm: &'a str,
    pub file: &'a str,
}

pub const INDEX_NAME: &str = "index.csv";
const INDEX_HEADER: [&str; 5] = ["学号", "姓名", "班级", "采集码", "file"];
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_line(cells: &[&str]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // A school opens this in Excel: a cell that starts a formula stays text. Writing to
    // memory cannot fail.
    let _ = w.write_record(cells.iter().map(|c| crate::domain::text::spreadsheet_cell(c).into_owned()));
    w.into_inner().unwrap_or_default()
}

/// `index.csv`: BOM, header, one CRLF-terminated row per file, in the order given.
pub fn index_csv(rows: &[IndexRow]) -> Vec<u8> {
    let mut out = BOM.to_vec();
    out.extend(csv_line(&INDEX_HEADER));
    for r in rows {
        out.extend(csv_line(&[r.xh, r.name, r.bh, r.cjm, r.file]));
    }
    out
}

/// The bytes one row adds to `index.csv`.
pub fn index_row_len(row: &IndexRow) -> usize {
    csv_line(&[row.xh, row.name, row.bh, row.cjm, row.file]).len()
}

/// What the split needs to know of one photo.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub name_len: usize,
    pub bytes: u64,
    pub index_row_len: usize,
}

/// Room kept in every message for its headers, the cover letter and the MIME boundaries.
pub const MESSAGE_HEADROOM: u64 = 16 * 1024;

/// The largest zip that fits in a message of `max_message_bytes`: the attachment goes as
/// base64 in lines of 76 characters plus CRLF, 78 bytes for every 57 of the zip.
pub fn zip_budget(max_message_bytes: u64) -> u64 {
    max_message_bytes.saturating_sub(MESSAGE_HEADROOM) / 78 * 57
}

/// A zip entry's local header and central directory record, with room for extra fields.
fn entry_overhead(name_len: usize) -> u64 {
    (30 + 46 + 2 * name_len + 64) as u64
}

/// End of central directory and the index entry's own headers and slack (deflate of a small
/// text can be a few bytes longer than the text).
fn part_overhead() -> u64 {
    22 + entry_overhead(INDEX_NAME.len()) + (BOM.len() + csv_line(&INDEX_HEADER).len()) as u64 + 64
}

/// An upper bound of the zip size of a part holding these items.
pub fn estimate(items: &[Item]) -> u64 {
    part_overhead() + items.iter().map(|i| entry_overhead(i.name_len) + i.bytes + i.index_row_len as u64).sum::<u64>()
}

/// Split items, in order, into parts whose zips stay within `budget` bytes. Returns each item's
/// part number, from 1. An item too big for a part on its own is an error carrying its index
/// and the size it would need.
pub fn plan_parts(items: &[Item], budget: u64) -> Result<Vec<u32>, (usize, u64)> {
    let mut parts = Vec::with_capacity(items.len());
    let (mut part, mut used, mut count) = (1u32, part_overhead(), 0usize);
    for (i, item) in items.iter().enumerate() {
        let cost = entry_overhead(item.name_len) + item.bytes + item.index_row_len as u64;
        if part_overhead() + cost > budget {
            return Err((i, part_overhead() + cost));
        }
        if count > 0 && used + cost > budget {
            part += 1;
            used = part_overhead();
            count = 0;
        }
        used += cost;
        count += 1;
        parts.push(part);
    }
    Ok(parts)
}

/// The time stamp every entry of a request's zips carries (the request's time in the lab's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// One part's zip: `index.csv` first, then the photos in the order given, byte for byte.
pub fn build_part(index: &[u8], files: &[(&str, &[u8])], stamp: Stamp) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipWriter};
    let time = DateTime::from_date_and_time(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        .unwrap_or_default();
    let base = SimpleFileOptions::default().last_modified_time(time).unix_permissions(0o644).large_file(false);
    let err = |e: &dyn std::fmt::Display| format!("cannot write the zip: {e}");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(INDEX_NAME, base.compression_method(CompressionMethod::Deflated).compression_level(Some(6)))
        .map_err(|e| err(&e))?;
    zip.write_all(index).map_err(|e| err(&e))?;
    for (name, bytes) in files {
        zip.start_file(*name, base.compression_method(CompressionMethod::Stored)).map_err(|e| err(&e))?;
        zip.write_all(bytes).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(xh: &str, full: Option<&str>) -> Person {
        Person {
            xh: xh.into(),
            xm: "张*三".into(),
            bh: "软工1班".into(),
            cjm: format!("C{xh}"),
            full_name: full.map(str::to_string),
        }
    }

    #[test]
    fn names_follow_the_template_and_fall_back_without_a_full_name() {
        let people = [person("2020001", Some("张小三")), person("2020002", None), person("2020003", Some(" "))];
        let n = name_files(Naming::XhName, &people);
        assert_eq!(n.names, ["2020001张小三.jpg", "2020002.jpg", "2020003.jpg"]);
        assert_eq!(n.without_full_name, [1, 2]);
        assert_eq!(people[0].listed_name(Naming::XhName), "张小三");
        assert_eq!(people[1].listed_name(Naming::XhName), "张*三");
        assert_eq!(people[0].listed_name(Naming::Xh), "张*三", "full names only when asked for");
        assert_eq!(name_files(Naming::Xh, &people).names[0], "2020001.jpg");
        assert_eq!(name_files(Naming::Cjm, &people).names[0], "C2020001.jpg");
    }

    #[test]
    fn names_are_safe_and_unique() {
        let people = [person("20/20:1", None), person("2020002", None), person("2020002", None)];
        let n = name_files(Naming::Xh, &people);
        assert_eq!(n.names[0], "20_20_1.jpg");
        assert_eq!(n.names[1], "2020002.jpg");
        assert_eq!(n.names[2], "2020002-C2020002.jpg");
        assert_eq!(n.renamed, [2]);
    }

    #[test]
    fn index_has_bom_header_and_crlf_rows() {
        let rows = [IndexRow { xh: "2020001", name: "张*三", bh: "软工1班", cjm: "Cx", file: "2020001.jpg" }];
        let text = index_csv(&rows);
        assert!(text.starts_with(BOM));
        assert_eq!(
            std::str::from_utf8(&text[3..]).unwrap(),
            "学号,姓名,班级,采集码,file\r\n2020001,张*三,软工1班,Cx,2020001.jpg\r\n"
        );
        assert_eq!(index_row_len(&rows[0]), "2020001,张*三,软工1班,Cx,2020001.jpg\r\n".len());
    }

    #[test]
    fn index_cells_that_would_start_a_formula_stay_text() {
        let rows = [IndexRow {
            xh: "2020001",
            name: "=HYPERLINK(\"http://evil\",\"张*三\")",
            bh: "=cmd|' /C calc'!A0",
            cjm: "＠SUM(A1)",
            file: "-2+3.jpg",
        }];
        let text = index_csv(&rows);
        let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(&text[3..]);
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[1], "'=HYPERLINK(\"http://evil\",\"张*三\")");
        assert_eq!(&row[2], "'=cmd|' /C calc'!A0");
        assert_eq!(&row[3], "'＠SUM(A1)");
        assert_eq!(&row[4], "'-2+3.jpg");
        assert_eq!(index_row_len(&rows[0]), text.len() - 3 - "学号,姓名,班级,采集码,file\r\n".len());
    }

    #[test]
    fn parts_stay_within_the_budget_and_keep_order() {
        let items: Vec<Item> = (0..50).map(|_| Item { name_len: 20, bytes: 30_000, index_row_len: 60 }).collect();
        let budget = 200_000;
        let parts = plan_parts(&items, budget).unwrap();
        assert!(parts.windows(2).all(|w| w[1] == w[0] || w[1] == w[0] + 1), "parts in order");
        let last = *parts.last().unwrap();
        assert!(last > 1);
        for p in 1..=last {
            let mine: Vec<Item> = items.iter().zip(&parts).filter(|(_, q)| **q == p).map(|(i, _)| *i).collect();
            assert!(estimate(&mine) <= budget, "part {p}");
        }
        let big = [Item { name_len: 10, bytes: 300_000, index_row_len: 40 }];
        assert_eq!(plan_parts(&big, budget).unwrap_err().0, 0);
        assert_eq!(zip_budget(1_000_000), (1_000_000 - MESSAGE_HEADROOM) / 78 * 57);
    }

    /// The general-purpose flags of the local header of entry `name`, read from the raw bytes.
    fn local_header_flags(zip: &[u8], name: &str) -> u16 {
        let at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]);
        (0..zip.len().saturating_sub(30))
            .filter(|&i| zip[i..].starts_with(b"PK\x03\x04"))
            .find(|&i| zip[i + 30..].starts_with(name.as_bytes()) && at(i + 26) as usize == name.len())
            .map(|i| at(i + 6))
            .expect("local header of the entry")
    }

    #[test]
    fn zips_are_deterministic_stored_and_flag_utf8_names() {
        let stamp = Stamp { year: 2026, month: 6, day: 1, hour: 9, minute: 30, second: 0 };
        let photo: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let index = index_csv(&[]);
        let files = [("2020001张小三.jpg", photo.as_slice()), ("2020002.jpg", &photo[..100])];
        let a = build_part(&index, &files, stamp).unwrap();
        let b = build_part(&index, &files, stamp).unwrap();
        assert_eq!(a, b, "same input, same bytes");
        let items: Vec<Item> =
            files.iter().map(|(n, b)| Item { name_len: n.len(), bytes: b.len() as u64, index_row_len: 0 }).collect();
        assert!((a.len() as u64) <= estimate(&items));
        assert_ne!(local_header_flags(&a, "2020001张小三.jpg") & 0x0800, 0, "UTF-8 name flag (bit 11)");
        let mut z = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        assert_eq!(z.file_names().count(), 3);
        let mut f = z.by_name("2020001张小三.jpg").unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Stored);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut back).unwrap();
        assert_eq!(back, photo);
    }
}
