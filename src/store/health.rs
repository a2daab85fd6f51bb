//! What `gradlab check` and `gradlab backup`/`restore` need from the database: its own
//! integrity checks, the photos and rendered files it records, an online copy of a SQLite
//! store, and moving a restored store's recorded file paths to the workspace it now lives in.
//! The judging (which of these is a problem, and what to tell the lab) is the service's.

use super::db::params;
use super::{Conn, Store, Tx};
use crate::error::{IoContext, Result};
use crate::store::db::DbError;
use std::path::Path;

/// What the database finds wrong with itself: damaged pages or indexes in SQLite's own words,
/// and references to rows that are not there, as (table, the table it refers to, rows).
pub type Integrity = (Vec<String>, Vec<(String, String, usize)>);

/// A file the store recorded when it was written: a job's PDF part or a sheet reprint.
#[derive(Debug, Clone)]
pub struct RecordedFile {
    pub job_id: i64,
    /// The part's number; none for a reprint.
    pub part: Option<i64>,
    pub reprint_id: Option<i64>,
    pub path: String,
    pub sha256: String,
}

impl Tx<'_> {
    /// Whether this is a shared (PostgreSQL) store, whose photos live in the database.
    pub fn is_shared(&self) -> bool {
        self.db.is_postgres()
    }

    /// What the database itself finds wrong: damaged pages or indexes (SQLite's own words),
    /// and rows that refer to rows that are not there, as (table, the table it refers to, how
    /// many rows). Empty when all is well. PostgreSQL guards its own pages and enforces every
    /// reference as it writes, so there it has nothing to add.
    pub fn integrity_problems(&self) -> Result<Integrity> {
        if self.db.is_postgres() {
            return Ok((Vec::new(), Vec::new()));
        }
        let found: Vec<String> =
            self.db.query_map("PRAGMA integrity_check", &[], |r| r.get(0))?.into_iter().filter(|s| s != "ok").collect();
        // One line per kind of broken reference, not per row: a table of 10,000 students
        // whose photos went is one problem.
        let dangling: Vec<(String, String)> =
            self.db.query_map("PRAGMA foreign_key_check", &[], |r| Ok((r.get(0)?, r.get(2)?)))?;
        let mut kinds: Vec<((String, String), usize)> = Vec::new();
        for pair in dangling {
            match kinds.iter_mut().find(|(k, _)| *k == pair) {
                Some((_, n)) => *n += 1,
                None => kinds.push((pair, 1)),
            }
        }
        let dangling = kinds.into_iter().map(|((table, parent), n)| (table, parent, n)).collect();
        Ok((found, dangling))
    }

    /// Every stored photo's hash and size, as recorded.
    pub fn photo_rows(&self) -> Result<Vec<(String, i64)>> {
        self.db.query_map("SELECT sha256, bytes FROM photos ORDER BY sha256", &[], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// Photos on a shared store whose row has no bytes, and bytes no row claims.
    pub fn unmatched_blobs(&self) -> Result<(Vec<String>, Vec<String>)> {
        if !self.db.is_postgres() {
            return Ok((Vec::new(), Vec::new()));
        }
        let missing = self.db.query_map(
            "SELECT sha256 FROM photos WHERE sha256 NOT IN (SELECT sha256 FROM photo_blobs) ORDER BY sha256",
            &[],
            |r| r.get(0),
        )?;
        let unclaimed = self.db.query_map(
            "SELECT sha256 FROM photo_blobs WHERE sha256 NOT IN (SELECT sha256 FROM photos) ORDER BY sha256",
            &[],
            |r| r.get(0),
        )?;
        Ok((missing, unclaimed))
    }

    /// Every job part and reprint file the store recorded, with the hash it had when written.
    pub fn recorded_files(&self) -> Result<Vec<RecordedFile>> {
        let mut files =
            self.db.query_map("SELECT job_id, part, path, sha256 FROM job_parts ORDER BY job_id, part", &[], |r| {
                Ok(RecordedFile {
                    job_id: r.get(0)?,
                    part: Some(r.get(1)?),
                    reprint_id: None,
                    path: r.get(2)?,
                    sha256: r.get(3)?,
                })
            })?;
        files.extend(self.db.query_map("SELECT job_id, id, path, sha256 FROM reprints ORDER BY id", &[], |r| {
            Ok(RecordedFile {
                job_id: r.get(0)?,
                part: None,
                reprint_id: Some(r.get(1)?),
                path: r.get(2)?,
                sha256: r.get(3)?,
            })
        })?);
        Ok(files)
    }

    /// A restored store still names a file where the backed-up workspace kept it: point it
    /// at `new`, its place in the restored workspace.
    pub fn move_recorded_path(&self, old: &str, new: &str) -> Result<()> {
        self.db.execute("UPDATE job_parts SET path = ?2 WHERE path = ?1", params![old, new])?;
        self.db.execute("UPDATE reprints SET path = ?2 WHERE path = ?1", params![old, new])?;
        Ok(())
    }
}

impl Store {
    /// Copy a SQLite store into `dest` with SQLite's online backup: one consistent snapshot,
    /// taken while other processes go on reading and writing. `dest` is written under a
    /// temporary name and renamed into place, so an earlier backup there stays whole until the
    /// new one is. Returns the copy, open, so the caller reads what it holds (the photos and
    /// files it names) rather than the live store, which may have moved on; none on a shared
    /// store (PostgreSQL has `pg_dump` for this).
    pub fn backup_into(&self, dest: &Path) -> Result<Option<Store>> {
        let Conn::Lite(conn) = &self.conn else { return Ok(None) };
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let copy = || -> std::result::Result<rusqlite::Connection, rusqlite::Error> {
            let mut out = rusqlite::Connection::open(&tmp)?;
            {
                let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
                // All pages in one step: the copy is one read snapshot, never restarted by a
                // writer, and in WAL mode writers are not held up by it. A busy database (a
                // checkpoint under way) is simply tried again.
                loop {
                    match backup.step(-1)? {
                        rusqlite::backup::StepResult::Done => break,
                        _ => std::thread::sleep(std::time::Duration::from_millis(50)),
                    }
                }
            }
            // One self-contained file, no -wal beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
            Ok(out)
        };
        let out = match copy() {
            Ok(out) => out,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(DbError::from(e).into());
            }
        };
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).at(&tmp)?;
        std::fs::rename(&tmp, dest).at(dest)?;
        Ok(Some(Store { conn: Conn::Lite(out), station: self.station.clone(), too_new: self.too_new }))
    }
}
