//! `gradlab backup DIR` and `gradlab restore DIR`: a copy of a workspace that can be put back.
//!
//! A backup folder holds the store as one consistent snapshot (SQLite's online backup, taken
//! while other commands and the window go on working), the photos that snapshot names (by hash,
//! so a second backup into the same folder copies only what is new), the job parts and reprints
//! it records, the settings, layouts and calendar, and `gradlab-backup.json`, written last, which
//! says whose backup it is. Restore puts all of it into a new or empty workspace, points the
//! recorded file paths at their new place, and proves the result with [`super::check`].
//! Passwords are never in a workspace's files (they come from the environment or a password
//! file), so none is copied. A shared PostgreSQL store is backed up with the server's own tools.

use super::Workspace;
use super::check::{self, CheckReport};
use super::workspace::{DB_FILE, SETTINGS_FILE, write_atomically};
use crate::error::{Error, IoContext, Result};
use crate::msg;
use crate::progress::{self, Progress};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The file that makes a folder a gradlab backup; written after everything else.
pub const MANIFEST: &str = "gradlab-backup.json";

/// Folders of the workspace copied whole: the lab's own files, small and edited by hand.
const LAB_FOLDERS: &[&str] = &["layouts", "calendars"];

/// What a backup folder says about itself.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// When the backup was finished (UTC, RFC 3339); none while one is being made into the
    /// folder, so a backup cut off part-way is never restored as if it were whole.
    pub made_at: Option<String>,
    /// The workspace it was taken from.
    pub workspace: PathBuf,
    pub program_version: String,
    pub photos: usize,
    /// The job parts and reprints kept here: where the store recorded each, and where under
    /// this folder it is, so a restore can point the store at its new place.
    pub files: Vec<KeptFile>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct KeptFile {
    pub recorded: String,
    pub kept: PathBuf,
}

/// What a backup did.
#[derive(Debug, Serialize)]
pub struct BackupReport {
    pub dir: PathBuf,
    pub photos: usize,
    /// Photos copied this time; the rest were in the folder from an earlier backup.
    pub photos_copied: usize,
    pub files: usize,
    pub files_copied: usize,
    pub bytes_copied: u64,
    /// What could not be copied, each named: a restore of this backup lacks it.
    pub left_out: Vec<LeftOut>,
    pub seconds: f64,
}

#[derive(Debug, Serialize)]
pub struct LeftOut {
    pub path: PathBuf,
    pub detail: String,
}

impl LeftOut {
    fn new(said: crate::i18n::Msg, path: PathBuf) -> LeftOut {
        LeftOut { path, detail: said.to_string() }
    }
}

impl BackupReport {
    pub fn outcome(&self) -> super::Outcome {
        super::Outcome::refusing(self.left_out.len())
    }
}

/// What a restore did, and the check of the restored workspace.
#[derive(Debug, Serialize)]
pub struct RestoreReport {
    pub workspace: PathBuf,
    pub from: PathBuf,
    pub made_at: String,
    pub photos: usize,
    pub files: usize,
    pub check: CheckReport,
    pub seconds: f64,
}

/// Back the workspace up into `dir` (made if missing; an earlier backup there is brought up to
/// date; any other non-empty folder is refused).
pub fn backup(ws: &Workspace, dir: &Path, progress: &dyn Progress) -> Result<BackupReport> {
    let started = Instant::now();
    if let Some((url, _)) = ws.settings.store.postgres(ws.root())? {
        let shown = crate::store::redacted_url(&url);
        return Err(msg!("backup-shared-store", url = shown).into());
    }
    refuse_inside(ws.root(), dir)?;
    super::workspace::keep_private();
    if dir.join(MANIFEST).is_file() {
        let earlier = read_manifest(dir)?;
        if absolute(&earlier.workspace) != absolute(ws.root()) {
            let other = earlier.workspace.display().to_string();
            return Err(msg!("backup-folder-of-other", dir = dir.display().to_string(), workspace = other).into());
        }
    } else if dir.exists() && !is_empty_dir(dir)? {
        return Err(msg!("backup-folder-not-empty", dir = dir.display().to_string()).into());
    }
    fs::create_dir_all(dir).at(dir)?;
    let mut manifest = Manifest {
        made_at: None,
        workspace: absolute(ws.root()),
        program_version: env!("CARGO_PKG_VERSION").to_string(),
        photos: 0,
        files: Vec::new(),
    };
    write_manifest(dir, &manifest)?;

    let store = ws.store()?;
    let mut copy =
        store.backup_into(&dir.join(DB_FILE))?.ok_or_else(|| Error::from(msg!("backup-shared-store", url = "")))?;
    drop(store);
    let (rows, files) = {
        let tx = copy.read()?;
        (tx.photo_rows()?, tx.recorded_files()?)
    };
    drop(copy);

    let mut bytes_copied = 0;
    progress.stage(&crate::i18n::tr("stage-copying-photos"), rows.len() as u64);
    let photos = ws.photos();
    let mut photos_copied = 0;
    let mut left_out = Vec::new();
    for (sha, _) in &rows {
        progress::check(progress)?;
        let dest = photo_path(dir, sha);
        if !dest.is_file() {
            let file = photos.path_for(sha);
            match fs::read(&file) {
                Ok(bytes) if hex::encode(Sha256::digest(&bytes)) == *sha => {
                    write_unsynced(&dest, &bytes)?;
                    photos_copied += 1;
                    bytes_copied += bytes.len() as u64;
                }
                // One photo gone or damaged must not cost the lab the backup of all the others.
                Ok(_) => {
                    left_out.push(LeftOut::new(msg!("backup-photo-damaged", file = file.display().to_string()), file))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    left_out.push(LeftOut::new(msg!("backup-photo-missing", file = file.display().to_string()), file))
                }
                Err(source) => return Err(Error::Io { path: file, source }),
            }
        }
        progress.inc(1);
    }

    progress.stage(&crate::i18n::tr("stage-copying-files"), files.len() as u64);
    let mut files_copied = 0;
    let output = absolute(&ws.output_dir());
    for f in &files {
        progress::check(progress)?;
        let from = absolute(Path::new(&f.path));
        // A part re-rendered since the snapshot is not the part the snapshot records: it is
        // left out, and a check after restoring names it. So is a file made outside the
        // workspace's output folder, which is not the workspace's to copy.
        if let Some(kept) = kept_path(&output, &from) {
            let dest = dir.join(&kept);
            if same_file(&dest, &f.sha256) {
                manifest.files.push(KeptFile { recorded: f.path.clone(), kept });
            } else if from.is_file() && super::jobs::sha256_file(&from)? == f.sha256 {
                let bytes = fs::read(&from).at(&from)?;
                write_unsynced(&dest, &bytes)?;
                files_copied += 1;
                bytes_copied += bytes.len() as u64;
                manifest.files.push(KeptFile { recorded: f.path.clone(), kept });
            } else {
                let said = msg!("backup-part-left-out", file = f.path.as_str());
                left_out.push(LeftOut::new(said, PathBuf::from(&f.path)));
            }
        }
        progress.inc(1);
    }
    copy_lab_files(ws.root(), dir)?;
    crate::store::sync_file_system(dir).at(dir)?;

    manifest.made_at = Some(crate::store::now());
    manifest.photos = rows.len();
    write_manifest(dir, &manifest)?;
    Ok(BackupReport {
        dir: dir.to_path_buf(),
        photos: rows.len(),
        photos_copied,
        files: files.len(),
        files_copied,
        bytes_copied,
        left_out,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Put the backup in `from` into the workspace folder `to`, which must be new or empty; then
/// check it. Anything that fails part-way takes back what the restore made there.
pub fn restore(from: &Path, to: &Path, progress: &dyn Progress) -> Result<RestoreReport> {
    let started = Instant::now();
    let manifest = read_manifest(from)?;
    let Some(made_at) = manifest.made_at.clone() else {
        return Err(msg!("restore-unfinished", dir = from.display().to_string()).into());
    };
    if to.exists() && !is_empty_dir(to)? {
        return Err(msg!("restore-target-not-empty", dir = to.display().to_string()).into());
    }
    refuse_inside(from, to)?;
    let made = !to.exists();
    super::workspace::keep_private();
    let put_back = || -> Result<(usize, usize)> {
        fs::create_dir_all(to.join("photos")).at(to.join("photos"))?;
        fs::create_dir_all(to.join("output")).at(to.join("output"))?;
        copy_lab_files(from, to)?;
        // The store is copied first, under a name no workspace uses, and read there: opening
        // the backup's own file would change it (SQLite's journal, a schema brought forward).
        let tmp = to.join(format!(".{DB_FILE}.restoring"));
        fs::copy(from.join(DB_FILE), &tmp).at(&tmp)?;
        let rows = Store::open(&tmp)?.read()?.photo_rows()?;
        progress.stage(&crate::i18n::tr("stage-copying-photos"), rows.len() as u64);
        for (sha, _) in &rows {
            progress::check(progress)?;
            let src = photo_path(from, sha);
            // A photo missing or damaged in the backup is still put back as it is; the check
            // that follows names it, rather than the restore stopping at the first.
            if src.is_file() {
                write_unsynced(&photo_path(to, sha), &fs::read(&src).at(&src)?)?;
            }
            progress.inc(1);
        }
        progress.stage(&crate::i18n::tr("stage-copying-files"), manifest.files.len() as u64);
        for f in &manifest.files {
            progress::check(progress)?;
            let safe = f.kept.components().all(|c| matches!(c, std::path::Component::Normal(_)));
            let src = from.join(&f.kept);
            if safe && src.is_file() {
                write_unsynced(&to.join(&f.kept), &fs::read(&src).at(&src)?)?;
            }
            progress.inc(1);
        }
        // The store goes in last: until it is there, the folder is no workspace at all.
        let db = to.join(DB_FILE);
        crate::store::sync_file_system(to).at(to)?;
        fs::rename(&tmp, &db).at(&db)?;
        let mut store = Store::open(&db)?;
        let tx = store.write()?;
        let root = absolute(to);
        for f in &manifest.files {
            tx.move_recorded_path(&f.recorded, &root.join(&f.kept).display().to_string())?;
        }
        tx.audit(
            "gradlab",
            "store.restored",
            &from.display().to_string(),
            &format!("restored from the backup made {made_at} of {}", manifest.workspace.display()),
        )?;
        tx.commit()?;
        super::workspace::make_private(to)?;
        Ok((rows.len(), manifest.files.len()))
    };
    let (photos, files) = match put_back() {
        Ok(counts) => counts,
        Err(e) => {
            take_back(to, made);
            return Err(e);
        }
    };
    let ws = Workspace::open(to)?;
    let check = check::check(&ws, progress)?;
    Ok(RestoreReport {
        workspace: to.to_path_buf(),
        from: from.to_path_buf(),
        made_at,
        photos,
        files,
        check,
        seconds: started.elapsed().as_secs_f64(),
    })
}

impl RestoreReport {
    pub fn outcome(&self) -> super::Outcome {
        self.check.outcome()
    }
}

/// A photo's place under a workspace or backup folder, as the photo store keeps it.
fn photo_path(root: &Path, sha: &str) -> PathBuf {
    crate::store::PhotoStore::new(root.join("photos")).path_for(sha)
}

/// Where a recorded file is kept in a backup, relative to it: under `output/`, at the place it
/// has under the workspace's output folder. None for a file kept elsewhere.
fn kept_path(output: &Path, file: &Path) -> Option<PathBuf> {
    let rel = file.strip_prefix(output).ok()?;
    let safe = rel.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    safe.then(|| Path::new("output").join(rel))
}

/// Whether `path` is already a file with this hash (so a second backup need not copy it).
fn same_file(path: &Path, sha256: &str) -> bool {
    path.is_file() && super::jobs::sha256_file(path).is_ok_and(|h| h == sha256)
}

/// Write a file under a temporary name and rename it into place; the folder is synced once at
/// the end ([`crate::store::sync_file_system`]) rather than each of thousands of files on its own.
fn write_unsynced(dest: &Path, bytes: &[u8]) -> Result<()> {
    let dir = dest.parent().expect("a file in a folder");
    fs::create_dir_all(dir).at(dir)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&tmp, bytes).at(&tmp)?;
    fs::rename(&tmp, dest)
        .inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
        .at(dest)
}

/// The settings file and the lab's own folders, copied as they are.
fn copy_lab_files(from: &Path, to: &Path) -> Result<()> {
    let settings = from.join(SETTINGS_FILE);
    if settings.is_file() {
        write_atomically(&to.join(SETTINGS_FILE), &fs::read(&settings).at(&settings)?)?;
    }
    for folder in LAB_FOLDERS {
        let src = from.join(folder);
        let Ok(entries) = fs::read_dir(&src) else { continue };
        fs::create_dir_all(to.join(folder)).at(to.join(folder))?;
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_file()) {
                write_atomically(&to.join(folder).join(e.file_name()), &fs::read(e.path()).at(e.path())?)?;
            }
        }
    }
    Ok(())
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<()> {
    let text = serde_json::to_string_pretty(manifest).map_err(|e| Error::input(e.to_string()))?;
    write_atomically(&dir.join(MANIFEST), text.as_bytes())
}

fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(msg!("restore-not-a-backup", dir = dir.display().to_string(), file = MANIFEST).into());
        }
        Err(source) => return Err(Error::Io { path, source }),
    };
    serde_json::from_str(&text)
        .map_err(|e| msg!("restore-bad-manifest", file = path.display().to_string(), problem = e.to_string()).into())
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    Ok(fs::read_dir(dir).at(dir)?.next().is_none())
}

/// A backup inside the workspace it copies (or a restore inside the backup) would copy itself.
fn refuse_inside(root: &Path, dir: &Path) -> Result<()> {
    let (root_abs, dir_abs) = (absolute(root), absolute(dir));
    if dir_abs.starts_with(&root_abs) || root_abs.starts_with(&dir_abs) {
        return Err(msg!(
            "backup-folder-inside",
            dir = dir.display().to_string(),
            workspace = root.display().to_string()
        )
        .into());
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// Undo a restore that failed: remove what it put into `to` (the folder too, if it made it).
fn take_back(to: &Path, made: bool) {
    if made {
        let _ = fs::remove_dir_all(to);
        return;
    }
    if let Ok(entries) = fs::read_dir(to) {
        for e in entries.flatten() {
            let p = e.path();
            let _ = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
        }
    }
}
