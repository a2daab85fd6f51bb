//! Reading an approved batch: its one data table (数据表) and its JPEGs. Each row becomes a
//! candidate student with a checked photo, or a refusal that names the file, row and reason.
//! Photos are handed to a sink as they are checked (the store stages them), so a batch of any
//! size is read once and never held in memory whole. After its JPEG check, each photo's decoded
//! pixels go to the photo check against the standard's geometry ([`super::face`]) unless it was
//! measured before.

use super::bounds;
use super::face::{self, Measure};
use super::photo::{self, PhotoFacts};
use super::source::{BatchSource, Entry};
use super::table::{self, Column};
use super::{Finding, Reason};
use crate::domain::SchoolCode;
use crate::domain::student::{Field, RawFields, Student};
use crate::error::{Error, Result};
use crate::msg;
use crate::progress::{self, Progress};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A photo read and checked: its facts, bytes and measure (or why the measuring failed), or why
/// it is refused.
type Checked = Result<(PhotoFacts, Option<Measured>), Reason>;

/// A photo's measure against the standard's geometry.
#[derive(Debug, Clone)]
pub struct Measured {
    pub measure: Measure,
    /// Made by this import (false: read back from an earlier one).
    pub fresh: bool,
}

/// Measures made before, by photo SHA-256: the photo check's memory, kept by the store.
pub type KnownMeasures<'a> = &'a mut dyn FnMut(&[&str]) -> Result<HashMap<String, Measure>>;

/// A row that passed every check so far: what the store is asked to keep.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub row: usize,
    pub file: String,
    pub student: Student,
    pub photo: PhotoFacts,
    /// The photo check's measure; None when the check is off.
    pub face: Option<Measured>,
}

#[derive(Debug, Default)]
pub struct BatchContents {
    pub data_table: String,
    pub candidates: Vec<Candidate>,
    pub rejected: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

const TABLE_EXTENSIONS: &[&str] = &["csv", "xlsx", "xls", "ods"];
const REQUIRED: &[Field] = &[Field::Cjm, Field::Yxdm, Field::Xh, Field::Xm];

/// How many photos are read before they are checked together on all cores.
const CHUNK: usize = 256;

struct PendingRow {
    row: usize,
    student: Student,
    entry: Result<usize, String>,
}

/// The data table of a batch, read and checked row by row, photos found but not yet read.
pub struct BatchTable {
    pub data_table: String,
    rows: Vec<PendingRow>,
    rejected: Vec<Finding>,
    warnings: Vec<Finding>,
}

impl BatchTable {
    /// The schools the table's rows belong to, with how many rows each.
    /// The schools the table's rows belong to, with the rows (as the spreadsheet numbers them).
    pub fn schools(&self) -> BTreeMap<SchoolCode, Vec<usize>> {
        let mut m: BTreeMap<SchoolCode, Vec<usize>> = BTreeMap::new();
        for r in &self.rows {
            m.entry(r.student.school.clone()).or_default().push(r.row);
        }
        m
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.rejected.is_empty()
    }
}

/// Find and read the batch's data table; check every row's fields and find its photo file.
pub fn read_table(src: &mut BatchSource) -> Result<BatchTable> {
    let label = src.path().display().to_string();
    let tables: Vec<&Entry> =
        src.entries().iter().filter(|e| TABLE_EXTENSIONS.contains(&e.extension().as_str())).collect();
    let table_entry = match tables.as_slice() {
        [one] => (*one).clone(),
        [] => {
            return Err(msg!("import-no-data-table", batch = label.to_string()).into());
        }
        many => {
            let names: Vec<&str> = many.iter().map(|e| e.name.as_str()).collect();
            return Err(msg!("import-many-data-tables", batch = label.to_string(), tables = names.join(", ")).into());
        }
    };
    let table_name = table_entry.name.clone();
    if table_entry.size > bounds::MAX_TABLE_BYTES {
        return Err(msg!(
            "import-table-too-big",
            batch = label.to_string(),
            table = &table_name,
            mb = (table_entry.size >> 20) as i64,
            max = (bounds::MAX_TABLE_BYTES >> 20) as i64
        )
        .into());
    }
    let bytes = src.read(&table_entry)?;
    let grid = table::read_grid(&table_name, &bytes, None).map_err(Error::Input)?;
    let header = table::find_header(&grid, &table_name).map_err(Error::Input)?;
    let missing: Vec<&str> = REQUIRED.iter().filter(|f| !header.has(Column::Code(**f))).map(|f| f.label()).collect();
    if !missing.is_empty() {
        return Err(msg!("import-no-column", table = &table_name, columns = missing.join(", ")).into());
    }

    let mut out = BatchContents { data_table: table_name.clone(), ..Default::default() };
    let index = PhotoIndex::new(src.entries());
    let mut seen_cjm: HashMap<String, usize> = HashMap::new();
    let mut pending = Vec::new();
    for (line, cells) in &grid.rows[header.index + 1..] {
        let line = *line;
        let mut raw = RawFields::new();
        for f in Field::ALL {
            let v = header.get(cells, Column::Code(f));
            if !v.is_empty() {
                raw.insert(f, v.to_string());
            }
        }
        let cjm_text = raw.get(&Field::Cjm).map(String::as_str);
        let (mut student, warnings) = match Student::from_fields(&raw, REQUIRED) {
            Ok(s) => s,
            Err(reason) => {
                let xh = raw.get(&Field::Xh).map(String::as_str);
                out.rejected.push(Finding::new(&table_name, Some(line), cjm_text, reason).with_xh(xh));
                continue;
            }
        };
        for w in warnings {
            out.warnings.push(Finding::of_student(&table_name, Some(line), &student, w));
        }
        match header.get(cells, Column::ShootingSeq) {
            "" => {}
            seq => match seq.parse::<i64>() {
                Ok(n) => student.shooting_seq = Some(n),
                Err(_) => out.warnings.push(Finding::of_student(
                    &table_name,
                    Some(line),
                    &student,
                    crate::msg!("import-seq-not-a-number", seq = seq),
                )),
            },
        }
        if let Some(first) = seen_cjm.insert(student.cjm.clone(), line) {
            out.rejected.push(Finding::of_student(
                &table_name,
                Some(line),
                &student,
                crate::msg!("import-cjm-twice", first = first),
            ));
            seen_cjm.insert(student.cjm.clone(), first);
            continue;
        }
        let entry = index.find(header.get(cells, Column::PhotoFile), &student);
        pending.push(PendingRow { row: line, student, entry });
    }

    Ok(BatchTable { data_table: table_name, rows: pending, rejected: out.rejected, warnings: out.warnings })
}

/// A row's photo as read: its file name when it was found, and its bytes with their SHA-256
/// or why not.
type Loaded = (Option<String>, std::result::Result<(Vec<u8>, String), String>);

/// Read and check every row's photo, handing each good one to `sink` as it goes (from any
/// core: the writing of one photo overlaps the checking of the next). With `known`,
/// the photo check runs too, on every photo `known` has no measure for. A photo whose SHA-256
/// is in `stored` (the store holds it: it was proven whole when it came) is not decoded again
/// unless the photo check needs its pixels.
pub fn check_photos(
    src: &mut BatchSource,
    table: BatchTable,
    progress: &dyn Progress,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
    mut known: Option<KnownMeasures<'_>>,
    stored: &HashSet<String>,
) -> Result<BatchContents> {
    let BatchTable { data_table: table_name, rows: pending, rejected, warnings } = table;
    let mut out = BatchContents { data_table: table_name.clone(), candidates: Vec::new(), rejected, warnings };
    progress.stage(&crate::i18n::tr("stage-checking-photos"), pending.len() as u64);
    let mut used: HashSet<usize> = HashSet::new();
    let entries: Vec<Entry> = src.entries().to_vec();
    let mut rest = &pending[..];
    while !rest.is_empty() {
        progress::check(progress)?;
        // What is read and waiting for the check is bounded by bytes: a chunk ends at CHUNK
        // photos or MAX_PHOTO_BYTES_IN_FLIGHT, whichever comes first.
        let mut take = 0;
        let mut in_flight = 0u64;
        while take < rest.len() && take < CHUNK && in_flight < bounds::MAX_PHOTO_BYTES_IN_FLIGHT {
            if let Ok(i) = &rest[take].entry {
                in_flight += entries[*i].size.min(bounds::MAX_PHOTO_BYTES);
            }
            take += 1;
        }
        let (chunk, later) = rest.split_at(take);
        rest = later;
        let readable: Vec<&Entry> = chunk
            .iter()
            .filter_map(|p| p.entry.as_ref().ok().map(|i| &entries[*i]))
            .filter(|e| bounds::photo_size(e.size).is_ok())
            .collect();
        // Each photo's hash, once, as it is read: it names the photo in the store, and finds a
        // measure kept from before (found by content, so nothing else is needed).
        let mut read = src
            .read_many(&readable, |bytes| {
                let sha256 = photo::sha256_hex(&bytes);
                (bytes, sha256)
            })
            .into_iter();
        let mut loaded: Vec<Loaded> = Vec::with_capacity(chunk.len());
        for p in chunk {
            let got = match &p.entry {
                Ok(i) => {
                    used.insert(*i);
                    let e = &entries[*i];
                    let bytes = bounds::photo_size(e.size).and_then(|()| {
                        let got = read.next().expect("one read for each photo of a readable size");
                        got.map_err(|err| err.to_string())
                    });
                    (Some(e.name.clone()), bytes)
                }
                Err(reason) => (None, Err(reason.clone())),
            };
            loaded.push(got);
        }
        let mut before: Vec<Option<Measure>> = vec![None; loaded.len()];
        if let Some(known) = known.as_mut() {
            let shas: Vec<&str> = loaded.iter().filter_map(|(_, got)| Some(got.as_ref().ok()?.1.as_str())).collect();
            let kept = known(&shas)?;
            for (slot, (_, got)) in before.iter_mut().zip(&loaded) {
                if let Ok((_, sha256)) = got {
                    *slot = kept.get(sha256).cloned();
                }
            }
        }
        let measuring = known.is_some();
        let checked: Vec<(Option<String>, Result<Checked>)> = loaded
            .into_par_iter()
            .zip(before)
            .map(|((name, got), before)| {
                let r = got.map_err(Reason::Text).and_then(|(bytes, sha256)| {
                    let measured = match (measuring, before) {
                        (false, _) => None,
                        (true, Some(measure)) => Some(Measured { measure, fresh: false }),
                        (true, None) => {
                            // Pixels wanted: the photo check has no measure of this photo yet.
                            let (facts, pixels) = photo::check_decoded_as(&bytes, sha256).map_err(Reason::Said)?;
                            let (w, h) = (pixels.width() as usize, pixels.height() as usize);
                            let measure = face::measure(pixels.as_raw(), w, h);
                            return Ok((facts, bytes, measure.map(|measure| Some(Measured { measure, fresh: true }))));
                        }
                    };
                    let facts = if stored.contains(&sha256) {
                        photo::check_known(&bytes, sha256)
                    } else {
                        photo::check_whole(&bytes, sha256)
                    };
                    facts.map_err(Reason::Said).map(|facts| (facts, bytes, Ok(measured)))
                });
                let r = match r {
                    Ok((facts, bytes, Ok(measured))) => sink(&facts.sha256, &bytes).map(|()| Ok((facts, measured))),
                    // A detector that cannot run is the program's fault, not the photo's.
                    Ok((_, _, Err(e))) => Err(Error::Input(e)),
                    Err(reason) => Ok(Err(reason)),
                };
                (name, r)
            })
            .collect();
        for (p, (file, result)) in chunk.iter().zip(checked) {
            progress::check(progress)?;
            let finding = |reason: Reason| {
                Finding::of_student(&table_name, Some(p.row), &p.student, reason).with_photo(file.as_deref())
            };
            match result? {
                Ok((facts, face)) => {
                    for w in &facts.warnings {
                        out.warnings.push(finding(w.clone().into()));
                    }
                    let file = file.unwrap_or_default();
                    out.candidates.push(Candidate { row: p.row, file, student: p.student.clone(), photo: facts, face });
                }
                Err(reason) => out.rejected.push(finding(reason)),
            }
            progress.inc(1);
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if is_photo(e) && !used.contains(&i) {
            out.warnings.push(Finding::new(&e.name, None, None, crate::msg!("import-photo-without-row")));
        }
    }
    for link in src.links() {
        out.warnings.push(Finding::new(link, None, None, crate::msg!("import-link-not-read")));
    }
    Ok(out)
}

fn is_photo(e: &Entry) -> bool {
    matches!(e.extension().as_str(), "jpg" | "jpeg")
}

/// Finds a row's photo among the batch's files, ignoring case.
struct PhotoIndex {
    by_path: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl PhotoIndex {
    fn new(entries: &[Entry]) -> Self {
        let mut by_path = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if TABLE_EXTENSIONS.contains(&e.extension().as_str()) {
                continue;
            }
            by_path.insert(e.name.to_lowercase(), i);
            by_name.entry(e.file_name().to_lowercase()).or_default().push(i);
        }
        PhotoIndex { by_path, by_name }
    }

    fn by_file_name(&self, name: &str) -> Result<Option<usize>, String> {
        match self.by_name.get(&name.to_lowercase()).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(*one)),
            Some(_) => Err(crate::msg!("batch-file-twice", name = name).to_string()),
        }
    }

    fn find(&self, file_column: &str, s: &Student) -> Result<usize, String> {
        if !file_column.is_empty() {
            let wanted = file_column.replace('\\', "/").trim_start_matches("./").to_lowercase();
            if let Some(i) = self.by_path.get(&wanted) {
                return Ok(*i);
            }
            let base = wanted.rsplit('/').next().unwrap_or(&wanted);
            return self
                .by_file_name(base)?
                .ok_or_else(|| crate::msg!("batch-file-missing", file = file_column).to_string());
        }
        for stem in [&s.cjm, &s.xh] {
            for ext in ["jpg", "jpeg"] {
                if let Some(i) = self.by_file_name(&format!("{stem}.{ext}"))? {
                    return Ok(i);
                }
            }
        }
        Err(crate::msg!("batch-no-photo", cjm = s.cjm.as_str(), xh = s.xh.as_str()).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Limits;

    /// The photos `check_photos` accepted and why it refused the others, given what the store
    /// holds.
    fn checked(dir: &std::path::Path, stored: &HashSet<String>) -> (usize, Vec<String>) {
        let mut src = BatchSource::open(dir, Limits::default()).unwrap();
        let table = read_table(&mut src).unwrap();
        let out = check_photos(&mut src, table, &crate::progress::Silent, &|_, _| Ok(()), None, stored).unwrap();
        (
            out.candidates.len(),
            out.rejected.iter().map(|f| f.code.clone().unwrap_or_else(|| f.reason.clone())).collect(),
        )
    }

    #[test]
    fn a_photo_the_store_holds_is_not_decoded_again() {
        let dir = tempfile::tempdir().unwrap();
        let bad = photo::undecodable(&crate::app::demo::synthetic_photo(1));
        let cjm = "Tst0000000000001";
        let csv = format!(
            "SJC,CJM,YXDM,ZJHM,XH,CC,XLLB,XM,BH\n1716000000000,{cjm},10418,1234,2020010000001,本科,普通高校,张*三,1班\n"
        );
        std::fs::write(dir.path().join("data.csv"), csv).unwrap();
        std::fs::write(dir.path().join(format!("{cjm}.jpg")), &bad).unwrap();

        let (accepted, refused) = checked(dir.path(), &HashSet::new());
        assert_eq!((accepted, refused), (0, vec!["photo_undecodable".to_string()]), "a new photo is decoded whole");
        // Known by its hash: only its markers are read, so bytes that would not decode pass.
        let (accepted, refused) = checked(dir.path(), &HashSet::from([photo::sha256_hex(&bad)]));
        assert_eq!((accepted, refused.len()), (1, 0), "{refused:?}");
    }
}
