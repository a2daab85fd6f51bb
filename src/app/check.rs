//! `gradlab check`: proof that a workspace's store is whole. The database checks itself; every
//! stored photo is read and hashed against the name it was stored under; photo files no row
//! claims, rows whose photo is gone, and rendered parts and reprints whose file changed since
//! it was recorded are each named. It only reads: repairing is a person's decision.

use super::Workspace;
use crate::error::{IoContext, Result};
use crate::i18n::Msg;
use crate::msg;
use crate::progress::{self, Progress};
use crate::store::RecordedFile;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

/// What the check found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// `SQLite` or `PostgreSQL`.
    pub store: &'static str,
    pub photos: usize,
    pub photo_bytes: u64,
    /// Job parts and reprints whose files were compared with their record.
    pub files: usize,
    pub problems: Vec<Problem>,
    pub seconds: f64,
}

/// One thing wrong, named.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// Stable for programs: `database`, `photo_changed`, `photo_missing`, `photo_unclaimed`,
    /// `part_changed`, `part_missing`.
    pub code: &'static str,
    /// What is wrong and what to do, in the language of the reader.
    pub detail: String,
    /// The file it is about, when it is a file.
    pub path: Option<PathBuf>,
}

impl Problem {
    fn new(code: &'static str, said: Msg, path: Option<PathBuf>) -> Problem {
        Problem { code, detail: said.to_string(), path }
    }
}

impl CheckReport {
    pub fn outcome(&self) -> super::Outcome {
        super::Outcome::refusing(self.problems.len())
    }
}

/// Check the workspace's store. Waits for an import that is writing photo files to finish, so
/// a photo it has placed but not yet committed is not taken for a stray file.
pub fn check(ws: &Workspace, progress: &dyn Progress) -> Result<CheckReport> {
    let started = Instant::now();
    let _import = ws.lock_imports()?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    let shared = tx.is_shared();
    let (damaged, dangling) = tx.integrity_problems()?;
    let mut problems: Vec<Problem> =
        damaged.into_iter().map(|p| Problem::new("database", msg!("check-database", problem = p), None)).collect();
    for (table, parent, rows) in dangling {
        let said = msg!("check-dangling-rows", rows = rows, table = table, parent = parent);
        problems.push(Problem::new("database", said, None));
    }
    let rows = tx.photo_rows()?;
    let files = tx.recorded_files()?;
    let photo_bytes = rows.iter().map(|(_, n)| *n as u64).sum();

    let changed: Vec<String> = if shared {
        let (missing, unclaimed) = tx.unmatched_blobs()?;
        for sha in missing {
            let codes = tx.codes_with_photo(&sha)?.join(", ");
            problems.push(Problem::new(
                "photo_missing",
                msg!("check-blob-missing", sha256 = &sha, codes = codes),
                None,
            ));
        }
        for sha in unclaimed {
            problems.push(Problem::new("photo_unclaimed", msg!("check-blob-unclaimed", sha256 = sha), None));
        }
        blobs_not_matching(&tx, &rows, progress)?
    } else {
        let photos = ws.photos();
        let (missing, changed) = files_not_matching(&photos, &rows, progress)?;
        for sha in missing {
            let codes = tx.codes_with_photo(&sha)?.join(", ");
            let path = photos.path_for(&sha);
            let said = msg!("check-photo-missing", file = path.display().to_string(), codes = codes);
            problems.push(Problem::new("photo_missing", said, Some(path)));
        }
        let known: HashSet<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
        let interrupted = photos.interrupted();
        let unclaimed = photos.files()?.into_iter().filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            !name.strip_suffix(".jpg").is_some_and(|sha| known.contains(sha))
        });
        for path in unclaimed {
            let said = match interrupted {
                true => msg!("check-photo-unclaimed-after-cut", file = path.display().to_string()),
                false => msg!("check-photo-unclaimed", file = path.display().to_string()),
            };
            problems.push(Problem::new("photo_unclaimed", said, Some(path)));
        }
        changed
    };
    for sha in changed {
        let codes = tx.codes_with_photo(&sha)?.join(", ");
        let path = (!shared).then(|| ws.photos().path_for(&sha));
        let said = match &path {
            Some(p) => msg!("check-photo-changed", file = p.display().to_string(), codes = codes),
            None => msg!("check-blob-changed", sha256 = &sha, codes = codes),
        };
        problems.push(Problem::new("photo_changed", said, path));
    }
    drop(tx);

    progress.stage(&crate::i18n::tr("stage-checking-files"), files.len() as u64);
    for f in &files {
        progress::check(progress)?;
        if let Some(p) = recorded_file_problem(f)? {
            problems.push(p);
        }
        progress.inc(1);
    }
    Ok(CheckReport {
        store: if shared { "PostgreSQL" } else { "SQLite" },
        photos: rows.len(),
        photo_bytes,
        files: files.len(),
        problems,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A job part or reprint whose file is gone or differs from what was recorded.
fn recorded_file_problem(f: &RecordedFile) -> Result<Option<Problem>> {
    let path = PathBuf::from(&f.path);
    let job = crate::domain::ids::JobCode(f.job_id).to_string();
    let what = match f.part {
        Some(part) => msg!("check-what-part", job = job, part = part),
        None => msg!("check-what-reprint", job = job),
    };
    if !path.is_file() {
        let said = msg!("check-part-missing", what = what, file = f.path.as_str());
        return Ok(Some(Problem::new("part_missing", said, Some(path))));
    }
    if super::jobs::sha256_file(&path)? != f.sha256 {
        let said = msg!("check-part-changed", what = what, file = f.path.as_str());
        return Ok(Some(Problem::new("part_changed", said, Some(path))));
    }
    Ok(None)
}

/// Photos whose file is missing, and photos whose file's bytes no longer hash to their name.
/// Both cores read and hash, each its share of the list.
fn files_not_matching(
    photos: &crate::store::PhotoStore,
    rows: &[(String, i64)],
    progress: &dyn Progress,
) -> Result<(Vec<String>, Vec<String>)> {
    progress.stage(&crate::i18n::tr("stage-checking-photos"), rows.len() as u64);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let share = rows.len().div_ceil(workers).max(1);
    let results: Vec<std::io::Result<(Vec<String>, Vec<String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    let (mut missing, mut changed) = (Vec::new(), Vec::new());
                    for (sha, _) in chunk {
                        if progress.cancelled() {
                            break;
                        }
                        match std::fs::read(photos.path_for(sha)) {
                            Ok(bytes) if hex::encode(Sha256::digest(&bytes)) == *sha => {}
                            Ok(_) => changed.push(sha.clone()),
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(sha.clone()),
                            Err(e) => return Err(e),
                        }
                        progress.inc(1);
                    }
                    Ok((missing, changed))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(std::io::Error::other("a checking thread failed"))))
            .collect()
    });
    progress::check(progress)?;
    let (mut missing, mut changed) = (Vec::new(), Vec::new());
    for r in results {
        let (m, c) = r.at(photos.dir())?;
        missing.extend(m);
        changed.extend(c);
    }
    Ok((missing, changed))
}

/// On a shared store: photos whose bytes in the database no longer hash to their name.
fn blobs_not_matching(
    tx: &crate::store::Tx<'_>,
    rows: &[(String, i64)],
    progress: &dyn Progress,
) -> Result<Vec<String>> {
    progress.stage(&crate::i18n::tr("stage-checking-photos"), rows.len() as u64);
    let mut changed = Vec::new();
    for chunk in rows.chunks(64) {
        progress::check(progress)?;
        let shas: Vec<&str> = chunk.iter().map(|(s, _)| s.as_str()).collect();
        for (sha, bytes) in tx.photos_bytes(&shas)? {
            if hex::encode(Sha256::digest(&bytes)) != sha {
                changed.push(sha);
            }
        }
        progress.inc(chunk.len() as u64);
    }
    Ok(changed)
}
