//! What a file from outside may ask of us. Schools, couriers and students send files the lab
//! did not make; each is treated as hostile. The sizes here are checked from what a file
//! declares (its length on disk, a zip entry's header, a sheet's cell positions, a picture's
//! dimensions) before the work or the memory it would cost is spent, so a 1.6 KB spreadsheet
//! cannot ask for 550 GB.

use crate::error::{IoContext, Result};
use crate::i18n::Msg;
use crate::msg;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

/// A data table, roster, request or correction table: far above a school of 50,000.
pub const MAX_TABLE_BYTES: u64 = 32 << 20;
pub const MAX_ROWS: usize = 200_000;
pub const MAX_COLUMNS: usize = 256;
/// Cells in one sheet (rows x columns of the used area): 200,000 rows of 10 columns.
pub const MAX_CELLS: usize = 2_000_000;
/// One part of a spreadsheet unpacked (its sheet or shared strings).
pub const MAX_SHEET_PART_BYTES: u64 = 64 << 20;
/// How much a zip entry may grow when unpacked; real spreadsheets stay under 30.
pub const MAX_ZIP_RATIO: u64 = 100;
/// The standard's photos are 20-40 KB; a camera original is not an approved photo.
pub const MAX_PHOTO_BYTES: u64 = 2 << 20;
/// Photo bytes read and waiting to be checked at once, over both cores.
pub const MAX_PHOTO_BYTES_IN_FLIGHT: u64 = 48 << 20;
/// A picture of a 采集码: a phone photo or a scan.
pub const MAX_PICTURE_BYTES: u64 = 32 << 20;
pub const MAX_PICTURE_PIXELS: u64 = 50_000_000;

fn mb(n: u64) -> String {
    let m = n as f64 / (1 << 20) as f64;
    if m < 10.0 { format!("{m:.1} MB") } else { format!("{m:.0} MB") }
}

/// Read a file whole after checking its size on disk; `what` names the kind of file.
pub fn read_file(path: &Path, max: u64, what: Msg) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).at(path)?;
    if meta.len() > max {
        return Err(msg!(
            "import-file-too-big",
            file = path.display().to_string(),
            what = what,
            size = mb(meta.len()),
            max = mb(max)
        )
        .into());
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path).at(path)?.take(max + 1).read_to_end(&mut buf).at(path)?;
    if buf.len() as u64 > max {
        return Err(msg!("import-file-grew", file = path.display().to_string(), what = what, max = mb(max)).into());
    }
    Ok(buf)
}

/// Refuse a photo by its declared size before any of it is read.
pub fn photo_size(size: u64) -> std::result::Result<(), String> {
    if size > MAX_PHOTO_BYTES {
        return Err(msg!("bounds-photo-too-big", size = mb(size), max = mb(MAX_PHOTO_BYTES)).to_string());
    }
    Ok(())
}

/// Check every entry of a spreadsheet's zip (xlsx, ods) from its header: declared size and
/// compression ratio, before any is unpacked.
pub fn spreadsheet_zip(name: &str, bytes: &[u8]) -> std::result::Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| msg!("table-unreadable", file = name, error = e.to_string()).to_string())?;
        let (size, packed) = (f.size(), f.compressed_size().max(1));
        if size > MAX_SHEET_PART_BYTES {
            return Err(msg!(
                "bounds-part-too-big",
                file = name,
                part = f.name().unwrap_or_default().into_owned(),
                size = mb(size),
                max = mb(MAX_SHEET_PART_BYTES)
            )
            .to_string());
        }
        if size > (1 << 20) && size / packed > MAX_ZIP_RATIO {
            return Err(msg!(
                "bounds-part-ratio",
                file = name,
                part = f.name().unwrap_or_default().into_owned(),
                ratio = (size / packed) as i64,
                size = mb(size),
                packed = packed as i64
            )
            .to_string());
        }
    }
    Ok(())
}

/// Tracks a sheet's used area as cells arrive and refuses it once it is too large.
pub struct SheetArea {
    label: String,
    rows: usize,
    cols: usize,
    cells: usize,
}

impl SheetArea {
    pub fn new(label: impl Into<String>) -> Self {
        SheetArea { label: label.into(), rows: 0, cols: 0, cells: 0 }
    }

    /// A non-empty cell at (row, col), both counted from 0.
    pub fn cell(&mut self, row: usize, col: usize) -> std::result::Result<(), String> {
        self.rows = self.rows.max(row + 1);
        self.cols = self.cols.max(col + 1);
        self.cells += 1;
        self.check()
    }

    /// `count` rows from `first` (counted from 0), each kept `width` cells wide.
    pub fn rows(&mut self, first: usize, count: usize, width: usize) -> std::result::Result<(), String> {
        self.rows = self.rows.max(first.saturating_add(count));
        self.cols = self.cols.max(width);
        self.cells = self.cells.saturating_add(count.saturating_mul(width));
        self.check()
    }

    fn check(&self) -> std::result::Result<(), String> {
        let label = &self.label;
        if self.rows > MAX_ROWS {
            return Err(msg!("bounds-rows", table = label.as_str(), row = self.rows, max = MAX_ROWS).to_string());
        }
        if self.cols > MAX_COLUMNS {
            return Err(msg!(
                "bounds-columns",
                table = label.as_str(),
                column = self.cols,
                letter = super::table::column_letter(self.cols - 1),
                max = MAX_COLUMNS
            )
            .to_string());
        }
        if self.cells > MAX_CELLS || self.rows.saturating_mul(self.cols) > MAX_CELLS * 2 {
            return Err(msg!(
                "bounds-cells",
                table = label.as_str(),
                rows = self.rows,
                columns = self.cols,
                max = MAX_CELLS
            )
            .to_string());
        }
        Ok(())
    }
}

/// The used area of every sheet of a legacy Excel workbook (.xls, BIFF8 in an OLE container),
/// from its cell records, before calamine reads it (calamine fills the whole area at open).
pub fn xls_sheets(name: &str, bytes: &[u8]) -> std::result::Result<(), String> {
    let unreadable = |e: std::io::Error| msg!("table-unreadable", file = name, error = e.to_string()).to_string();
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let stream = ["/Workbook", "/Book"].into_iter().find(|p| file.is_stream(p));
    let Some(stream) = stream else {
        return Err(msg!("table-no-workbook", file = name).to_string());
    };
    let mut s = file.open_stream(stream).map_err(unreadable)?;
    if s.len() > MAX_SHEET_PART_BYTES {
        return Err(msg!("bounds-workbook-too-big", file = name, size = mb(s.len())).to_string());
    }
    let mut data = Vec::with_capacity(s.len() as usize);
    s.rewind().map_err(unreadable)?;
    s.read_to_end(&mut data).map_err(unreadable)?;
    let mut sheet = 0usize;
    let mut area = SheetArea::new(name);
    let mut at = 0usize;
    while at + 4 <= data.len() {
        let kind = u16::from_le_bytes([data[at], data[at + 1]]);
        let len = u16::from_le_bytes([data[at + 2], data[at + 3]]) as usize;
        let body = &data[(at + 4).min(data.len())..(at + 4 + len).min(data.len())];
        at += 4 + len;
        match kind {
            // BOF: a new substream; globals first, then one per sheet.
            0x0809 => {
                area = SheetArea::new(msg!("table-sheet", file = name, sheet = sheet).to_string());
                sheet += 1;
            }
            // Cell records: row and column come first.
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0201 | 0x0006 | 0x0205 | 0x00D6 if body.len() >= 4 => {
                let row = u16::from_le_bytes([body[0], body[1]]) as usize;
                let col = u16::from_le_bytes([body[2], body[3]]) as usize;
                area.cell(row, col)?;
            }
            // LBL (a defined name): calamine indexes its 14-byte header and slices its formula
            // (the last `cce` bytes) without checking either; refuse one cut shorter.
            0x0018 if body.len() < 14 || u16::from_le_bytes([body[4], body[5]]) as usize > body.len() - 14 => {
                return Err(msg!("table-unreadable", file = name, error = "defined name record cut short").to_string());
            }
            // MULRK / MULBLANK: a run of cells from a first to a last column.
            0x00BD | 0x00BE if body.len() >= 6 => {
                let row = u16::from_le_bytes([body[0], body[1]]) as usize;
                let first = u16::from_le_bytes([body[2], body[3]]) as usize;
                let n = body.len();
                let last = u16::from_le_bytes([body[n - 2], body[n - 1]]) as usize;
                area.cell(row, last.max(first))?;
                area.rows(row, 1, last + 1)?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_is_refused_by_its_far_cell_not_its_count() {
        let mut a = SheetArea::new("t.xlsx");
        assert!(a.cell(0, 0).is_ok());
        let e = a.cell(1_048_575, 0).unwrap_err();
        assert!(e.contains("row 1048576") && e.contains("t.xlsx"), "{e}");
        let mut a = SheetArea::new("t.xlsx");
        let e = a.cell(0, 16_383).unwrap_err();
        assert!(e.contains("XFD"), "{e}");
        let mut a = SheetArea::new("t.xlsx");
        assert!(a.cell(150_000, 10).is_ok(), "a long roster is fine");
    }

    #[test]
    fn photos_are_refused_by_size() {
        assert!(photo_size(40 << 10).is_ok());
        assert!(photo_size(3 << 30).unwrap_err().contains("3072 MB"));
    }
}

/// Run a reader of outside input that may panic on a damaged file (a crate's own bug), and say
/// so as `None` instead of unwinding further. The panic's message is not printed: the caller
/// refuses the file in plain words.
pub fn without_panicking<T>(read: impl FnOnce() -> T) -> Option<T> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    let before = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok();
    QUIET.with(|q| q.set(before));
    result
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
