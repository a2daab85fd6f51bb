//! The photo store: approved JPEG files kept byte for byte under `photos/ab/<sha256>.jpg`.
//! A file is written under a temporary name in a staging folder, synced, and only then renamed
//! into place; a file once in place is never changed. Files no database row refers to (left by
//! a crash between rename and commit) are removed by [`PhotoStore::clean`], which callers run
//! only while holding the workspace's import lock.

use crate::error::{IoContext, Result};
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct PhotoStore {
    dir: PathBuf,
}

impl PhotoStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        PhotoStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_for(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2]).join(format!("{sha256}.jpg"))
    }

    pub fn read(&self, sha256: &str) -> Result<Vec<u8>> {
        let p = self.path_for(sha256);
        fs::read(&p).at(p)
    }

    /// Begin staging files for one import.
    pub fn staging(&self) -> Result<Staging> {
        let root = self.dir.join(".staging");
        let dir = root.join(format!("{}-{}", std::process::id(), unique_suffix()));
        fs::create_dir_all(&dir).at(&dir)?;
        Ok(Staging { store: self.clone(), dir, staged: Vec::new(), placed: Vec::new(), done: false })
    }

    /// Whether an import was cut off (its staging folder is still there, because only a
    /// finished or undone import removes it), so orphaned files may be lying in the store.
    pub fn interrupted(&self) -> bool {
        self.dir.join(".staging").exists()
    }

    /// Remove stale staging folders and photo files that no stored row refers to.
    /// Returns how many files were removed.
    pub fn clean(&self, referenced: &HashSet<String>) -> Result<usize> {
        let mut removed = 0;
        let staging = self.dir.join(".staging");
        if staging.is_dir() {
            fs::remove_dir_all(&staging).at(&staging)?;
        }
        let Ok(shards) = fs::read_dir(&self.dir) else { return Ok(0) };
        for shard in shards.flatten() {
            let path = shard.path();
            if !path.is_dir() || shard.file_name().len() != 2 {
                continue;
            }
            for f in fs::read_dir(&path).at(&path)?.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let sha = name.strip_suffix(".jpg").unwrap_or(&name);
                if !referenced.contains(sha) {
                    fs::remove_file(f.path()).at(f.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

/// Photo files of one import, written and synced under temporary names. [`Staging::place_only`]
/// renames them into the store; if the import then fails, dropping the staging removes what it placed, so the store is as it was.
pub struct Staging {
    store: PhotoStore,
    dir: PathBuf,
    staged: Vec<String>,
    placed: Vec<PathBuf>,
    done: bool,
}

impl Staging {
    /// Write one photo under a temporary name. Returns false when the store already has it.
    pub fn stage(&mut self, sha256: &str, bytes: &[u8]) -> Result<bool> {
        if self.store.path_for(sha256).exists() || self.staged.iter().any(|s| s == sha256) {
            return Ok(false);
        }
        let tmp = self.dir.join(format!("{sha256}.tmp"));
        let mut f = fs::File::create(&tmp).at(&tmp)?;
        f.write_all(bytes).at(&tmp)?;
        f.sync_all().at(&tmp)?;
        self.staged.push(sha256.to_string());
        Ok(true)
    }

    /// Rename the staged files that are wanted into their place in the store; the rest are
    /// dropped with the staging folder.
    pub fn place_only(&mut self, wanted: &HashSet<&str>) -> Result<()> {
        let mut shards = HashSet::new();
        for sha in std::mem::take(&mut self.staged) {
            if !wanted.contains(sha.as_str()) {
                continue;
            }
            let dest = self.store.path_for(&sha);
            let shard = dest.parent().expect("photo path has a shard folder").to_path_buf();
            fs::create_dir_all(&shard).at(&shard)?;
            shards.insert(shard);
            let tmp = self.dir.join(format!("{sha}.tmp"));
            if dest.exists() {
                fs::remove_file(&tmp).at(&tmp)?;
                continue;
            }
            fs::rename(&tmp, &dest).at(&dest)?;
            self.placed.push(dest);
        }
        for shard in &shards {
            sync_dir(shard);
        }
        sync_dir(self.store.dir());
        Ok(())
    }

    /// The import committed: keep what was placed.
    pub fn finish(mut self) {
        self.done = true;
        self.remove_dir();
    }

    fn remove_dir(&self) {
        let _ = fs::remove_dir_all(&self.dir);
        // The shared parent goes too once no other import is using it.
        if let Some(parent) = self.dir.parent() {
            let _ = fs::remove_dir(parent);
        }
    }

    fn undo(&mut self) {
        for p in self.placed.drain(..) {
            let _ = fs::remove_file(p);
        }
        self.remove_dir();
        self.done = true;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            self.undo();
        }
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
