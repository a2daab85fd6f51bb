//! The bodies of the fuzz targets: one function per reader of outside input, each handed
//! arbitrary bytes. The property is only that a reader never panics, never hangs and never
//! allocates without bound: every `Err` is ignored. The cargo-fuzz binaries in
//! `fuzz/fuzz_targets/` call these, and `tests/fuzz_corpus.rs` runs them over `fuzz/corpus/` on
//! the stable toolchain, so every seed and every crash once found stays a regression test.
#![allow(dead_code)]

use gradlab::import::{corrections, face, photo, qr, roster, table};
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

/// `data` written to a temporary file named `name` (the readers choose the format by the
/// extension); the directory goes away when the guard drops.
fn file(name: &str, data: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    let mut f = std::fs::File::create(&path).expect("a temporary file");
    f.write_all(data).expect("the temporary file written");
    (dir, path)
}

/// The first byte chooses the table format, the rest is the file: one target reaches every
/// kind of table a reader accepts.
fn table_name<'a>(data: &'a [u8], stem: &str) -> (String, &'a [u8]) {
    let ext = match data.first().map(|b| b % 4) {
        Some(1) => "xlsx",
        Some(2) => "xls",
        Some(3) => "ods",
        _ => "csv",
    };
    (format!("{stem}.{ext}"), data.get(1..).unwrap_or_default())
}

/// A data table as CSV: UTF-8 with or without BOM, UTF-16 with BOM, GB18030; then its header.
pub fn table_csv(data: &[u8]) {
    if let Ok(grid) = table::read_grid("数据表.csv", data, None) {
        let _ = table::find_header(&grid, "数据表.csv");
    }
}

/// A data table as an Excel 2007+ workbook (a zip of XML).
pub fn table_xlsx(data: &[u8]) {
    if let Ok(grid) = table::read_grid("数据表.xlsx", data, None) {
        let _ = table::find_header(&grid, "数据表.xlsx");
    }
    let _ = table::read_grid("数据表.xlsx", data, Some("Sheet1"));
}

/// A data table as an Excel 97-2003 workbook (a compound file).
pub fn table_xls(data: &[u8]) {
    if let Ok(grid) = table::read_grid("数据表.xls", data, None) {
        let _ = table::find_header(&grid, "数据表.xls");
    }
}

/// A school's roster, read from a file the way `gradlab roster import` does.
pub fn roster(data: &[u8]) {
    let (name, body) = table_name(data, "roster");
    let (_dir, path) = file(&name, body);
    let school = gradlab::domain::school::SchoolCode::parse("10001").expect("a school code");
    let _ = roster::read_roster(&path, &school, None);
}

/// An approved batch as a .zip: entries listed and checked, the data table found and read row
/// by row, and every row's photo read (without the face detector, which `photo_check` covers).
pub fn batch_zip(data: &[u8]) {
    use gradlab::import::{batch, source};
    let (_dir, path) = file("batch.zip", data);
    let Ok(mut src) = source::BatchSource::open(&path, source::Limits::default()) else { return };
    let Ok(t) = batch::read_table(&mut src) else { return };
    let _ = batch::check_photos(&mut src, t, &gradlab::progress::Silent, &|_, _| Ok(()), None, &Default::default());
}

/// One photo through the whole photo check: the JPEG's facts, then the face and background
/// measures and the rules.
pub fn photo_check(data: &[u8]) {
    let Ok((_facts, pixels)) = photo::check_decoded(data) else { return };
    if let Ok(m) = face::measure(pixels.as_raw(), pixels.width() as usize, pixels.height() as usize) {
        let _ = face::judge(&m, None);
    }
}

/// The text of a 采集码, as a scanner types it or a QR code holds it.
pub fn collection_code(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = gradlab::domain::collection_code::CollectionCode::parse(&text);
    let _ = gradlab::app::qr::parse(&text);
}

/// A picture of a 采集码 QR code (any format the reader guesses), decoded to its texts.
pub fn qr_image(data: &[u8]) {
    if let Ok(texts) = qr::decode_image_bytes(data) {
        for t in texts {
            let _ = gradlab::domain::collection_code::CollectionCode::parse(&t);
        }
    }
}

/// A tracking number as the mailroom scans or types it, with and without a carrier.
pub fn tracking(data: &[u8]) {
    use gradlab::domain::tracking::{self, Carrier};
    let text = String::from_utf8_lossy(data);
    let _ = tracking::looks_like_tracking(&text);
    let _ = tracking::recognise(&text, None);
    for c in Carrier::ALL {
        let _ = tracking::recognise(&text, Some(c));
    }
    let _ = Carrier::parse(&text);
}

/// The barcodes gradlab prints (sheet, packet, shipment, job, student print) as scanned back,
/// and the other codes typed at the counter: 学号, 采集码, ID number, school code.
pub fn scanned_ids(data: &[u8]) {
    use gradlab::domain::{id_number, ids, school, student};
    let text = String::from_utf8_lossy(data);
    let _ = ids::Id::parse(&text);
    let _ = ids::SheetCode::parse(&text);
    let _ = ids::RequestId::parse(&text);
    let _ = ids::EcopyRequestId::parse(&text);
    let _ = id_number::last4(&text);
    let _ = student::check_cjm(&text);
    let _ = student::check_student_number(&text);
    let _ = student::parse_timestamp(&text);
    let _ = school::SchoolCode::parse(&text);
}

/// A layout file as a lab edits it; one that validates is also planned for a few classes, so
/// a layout that passes validation cannot make planning loop or divide by zero.
pub fn layout_toml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(layout) = gradlab::layout::Layout::from_toml(&text, "fuzz.toml") else { return };
    let classes = [("1班".to_string(), 7usize), ("2班".to_string(), 0), ("3班".to_string(), 31)];
    let _ = gradlab::layout::plan(&layout, &classes);
    let _ = layout.to_toml();
}

/// A school's table of corrections (field, old value, new value per student).
pub fn corrections(data: &[u8]) {
    let (name, body) = table_name(data, "corrections");
    let (_dir, path) = file(&name, body);
    let _ = corrections::read_corrections(&path, None);
}

/// A school's table of reprint requests, imported into an empty workspace (no school is
/// registered there, so every row is read and checked and none is added).
pub fn requests(data: &[u8]) {
    static WORKSPACE: OnceLock<(PathBuf, gradlab::app::workspace::Workspace)> = OnceLock::new();
    let (_, ws) = WORKSPACE.get_or_init(|| {
        // Kept for the life of the process: a fuzzing run reuses one workspace.
        let root = tempfile::tempdir().expect("a temporary directory").keep();
        let (ws, _) = gradlab::app::workspace::Workspace::init(&root, &Default::default()).expect("a workspace");
        (root, ws)
    });
    let (name, body) = table_name(data, "requests");
    let (_dir, path) = file(&name, body);
    let _ = gradlab::app::requests::import(ws, &path, None);
}
