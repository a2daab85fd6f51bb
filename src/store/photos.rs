//! The photo store: approved JPEGs kept byte for byte, by their SHA-256.
//!
//! On one computer they are files under `photos/ab/<sha256>.jpg`. A file is written under a
//! temporary name in a staging folder, synced, and only then renamed into place; a file once in
//! place is never changed. Files no database row refers to (left by a crash between rename and
//! commit) are removed by [`PhotoStore::clean`], which callers run only while holding the
//! workspace's import lock.
//!
//! On a shared PostgreSQL store the bytes live in the database (`photo_blobs`), written in the
//! import's own transaction, so every station reads the same bytes and a photo is there exactly
//! when its row is. The station keeps what it has read in the same folder as a cache, and checks
//! a cached file's hash on every read, so a damaged cache is fetched again, never printed.

use super::Store;
use crate::error::{IoContext, Result};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct PhotoStore {
    dir: PathBuf,
    /// Set when the photos live in a shared store; `dir` is then this station's cache.
    shared: Option<Arc<Shared>>,
}

/// How a station reaches the shared store's photos: a connection of its own, opened on the
/// first photo not in the cache.
struct Shared {
    open: Box<dyn Fn() -> Result<Store> + Send + Sync>,
    store: Mutex<Option<Store>>,
}

impl Shared {
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some((self.open)()?);
        }
        f(guard.as_mut().expect("opened above"))
    }
}

/// Photos fetched per trip to the shared store: large enough that the round trip is small
/// beside the bytes, small enough that a batch (about 100 KB a photo) stays a few megabytes.
const PREFETCH_BATCH: usize = 64;

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl PhotoStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        PhotoStore { dir: dir.into(), shared: None }
    }

    /// The photos of a shared store, cached in `cache`; `open` connects to that store.
    pub fn shared(cache: impl Into<PathBuf>, open: impl Fn() -> Result<Store> + Send + Sync + 'static) -> Self {
        PhotoStore {
            dir: cache.into(),
            shared: Some(Arc::new(Shared { open: Box::new(open), store: Mutex::new(None) })),
        }
    }

    /// Whether the photos live in the shared store rather than in this folder.
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_for(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2]).join(format!("{sha256}.jpg"))
    }

    /// A photo's bytes, exactly as they were imported.
    pub fn read(&self, sha256: &str) -> Result<Vec<u8>> {
        let p = self.path_for(sha256);
        let Some(shared) = &self.shared else { return fs::read(&p).at(p) };
        if let Ok(bytes) = fs::read(&p)
            && sha256_hex(&bytes) == sha256
        {
            return Ok(bytes);
        }
        let bytes = shared.with_store(|store| store.read()?.photo_bytes(sha256))?;
        if sha256_hex(&bytes) != sha256 {
            return Err(crate::msg!("photo-damaged-in-store", sha256 = sha256).into());
        }
        // A cache that cannot be written only costs the next read a trip to the server.
        let _ = self.cache(sha256, &bytes);
        Ok(bytes)
    }

    /// Bring the photos of `shas` this station has not cached from the shared store, many per
    /// trip, so a render that follows reads them all from the cache rather than making a trip
    /// to the server for each. Nothing to do on one computer. The next batch is fetched while
    /// this one is checked and written.
    pub fn prefetch(&self, shas: &[&str], progress: &dyn crate::progress::Progress) -> Result<()> {
        let Some(shared) = &self.shared else { return Ok(()) };
        let mut missing: Vec<&str> = shas.iter().copied().filter(|s| !self.path_for(s).exists()).collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        progress.stage(&crate::i18n::tr("stage-fetching-photos"), missing.len() as u64);
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<(String, Vec<u8>)>>>(2);
        std::thread::scope(|scope| {
            let missing = &missing;
            scope.spawn(move || {
                for chunk in missing.chunks(PREFETCH_BATCH) {
                    let got = shared.with_store(|store| store.read()?.photos_bytes(chunk));
                    let failed = got.is_err();
                    if send.send(got).is_err() || failed {
                        return;
                    }
                }
            });
            for got in receive {
                crate::progress::check(progress)?;
                let got = got?;
                progress.inc(got.len() as u64);
                for (sha, bytes) in got {
                    // A photo that does not match is left out of the cache; `read` then names it.
                    if sha256_hex(&bytes) == sha {
                        let _ = self.cache(&sha, &bytes);
                    }
                }
            }
            Ok(())
        })
    }

    /// A photo's size in bytes.
    pub fn size(&self, sha256: &str) -> Result<u64> {
        match &self.shared {
            None => {
                let p = self.path_for(sha256);
                Ok(fs::metadata(&p).at(p)?.len())
            }
            Some(shared) => shared.with_store(|store| store.read()?.photo_size(sha256)),
        }
    }

    fn cache(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        let dest = self.path_for(sha256);
        let shard = dest.parent().expect("photo path has a shard folder");
        fs::create_dir_all(shard)?;
        let tmp = shard.join(format!(".{sha256}.{}-{}.tmp", std::process::id(), unique_suffix()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &dest).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    /// Begin staging photos for one import. `stored` are the photos the store already has
    /// (on a shared store the only way to know; a file store also looks for the file).
    pub fn staging(&self, stored: HashSet<String>) -> Result<Staging> {
        let root = self.dir.join(".staging");
        let dir = root.join(format!("{}-{}", std::process::id(), unique_suffix()));
        fs::create_dir_all(&dir).at(&dir)?;
        Ok(Staging { store: self.clone(), dir, stored, staged: Mutex::default(), placed: Vec::new(), done: false })
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
        if self.is_shared() {
            // The folder is only a cache, checked on every read: nothing in it can be an orphan.
            return Ok(0);
        }
        for path in self.files()? {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let sha = name.strip_suffix(".jpg").unwrap_or(&name);
            if !referenced.contains(sha) {
                fs::remove_file(&path).at(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Every file in the folder's shards (`ab/...`), stored photos or not, sorted.
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let Ok(shards) = fs::read_dir(&self.dir) else { return Ok(found) };
        for shard in shards.flatten() {
            let path = shard.path();
            if !path.is_dir() || shard.file_name().len() != 2 {
                continue;
            }
            found.extend(fs::read_dir(&path).at(&path)?.flatten().map(|f| f.path()));
        }
        found.sort();
        Ok(found)
    }
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

/// Photo files of one import, written and synced under temporary names. [`Staging::place_only`]
/// renames them into the store (or, on a shared store, writes them in the import's transaction);
/// if the import then fails, dropping the staging removes what it placed, so the store is as it was.
pub struct Staging {
    store: PhotoStore,
    dir: PathBuf,
    stored: HashSet<String>,
    /// Photos staged so far; an import stages from every core at once.
    staged: Mutex<HashSet<String>>,
    placed: Vec<PathBuf>,
    done: bool,
}

impl Staging {
    /// Write one photo under a temporary name. Returns false when the store already has it
    /// (or another core is staging the same photo).
    pub fn stage(&self, sha256: &str, bytes: &[u8]) -> Result<bool> {
        if self.stored.contains(sha256) || (!self.store.is_shared() && self.store.path_for(sha256).exists()) {
            return Ok(false);
        }
        // Claimed before it is written, so two rows with the same photo write it once.
        if !self.staged.lock().unwrap_or_else(|e| e.into_inner()).insert(sha256.to_string()) {
            return Ok(false);
        }
        let tmp = self.dir.join(format!("{sha256}.tmp"));
        let mut f = fs::File::create(&tmp).at(&tmp)?;
        // Made to last all at once in `place_only` (one flush of the file system, not one per
        // photo); on a shared store the database's commit is what makes the photo last.
        f.write_all(bytes).at(&tmp)?;
        Ok(true)
    }

    /// Put the staged photos that are wanted into the store: rename the files into place, or
    /// on a shared store write them in the import's transaction `tx`. The rest are dropped with
    /// the staging folder.
    pub fn place_only(&mut self, wanted: &HashSet<&str>, tx: &super::Tx<'_>) -> Result<()> {
        if self.store.is_shared() {
            for sha in std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner())) {
                if wanted.contains(sha.as_str()) {
                    let tmp = self.dir.join(format!("{sha}.tmp"));
                    tx.insert_photo_bytes(&sha, &fs::read(&tmp).at(&tmp)?)?;
                }
            }
            return Ok(());
        }
        // Every staged file on the disk before any is renamed into the store.
        sync_file_system(&self.dir).at(&self.dir)?;
        for sha in std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner())) {
            if !wanted.contains(sha.as_str()) {
                continue;
            }
            let dest = self.store.path_for(&sha);
            let shard = dest.parent().expect("photo path has a shard folder");
            fs::create_dir_all(shard).at(shard)?;
            let tmp = self.dir.join(format!("{sha}.tmp"));
            if dest.exists() {
                fs::remove_file(&tmp).at(&tmp)?;
                continue;
            }
            fs::rename(&tmp, &dest).at(&dest)?;
            self.placed.push(dest);
        }
        // The renames on the disk, all shards in one flush (one a shard was 256 of them).
        sync_file_system(self.store.dir()).at(self.store.dir())?;
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

/// Flush everything written to the file system that holds `dir` to the disk (`syncfs`): one
/// call for a whole import's photos instead of an `fsync` per file.
pub fn sync_file_system(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let f = fs::File::open(dir)?;
        // SAFETY: syncfs only reads the descriptor, which `f` keeps open for the call.
        if unsafe { libc::syncfs(f.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_staged_from_two_cores_at_once_is_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = PhotoStore::new(dir.path().join("photos"));
        let staging = store.staging(HashSet::from(["stored".to_string()])).unwrap();
        assert!(!staging.stage("stored", b"bytes").unwrap(), "the store has it already");
        let wrote: Vec<bool> = std::thread::scope(|s| {
            let both = [0, 1].map(|_| s.spawn(|| staging.stage("abc", b"bytes").unwrap()));
            both.map(|t| t.join().unwrap()).to_vec()
        });
        assert_eq!(wrote.iter().filter(|w| **w).count(), 1, "{wrote:?}");
        assert!(!staging.stage("abc", b"bytes").unwrap(), "staged already");
        assert_eq!(fs::read(staging.dir.join("abc.tmp")).unwrap(), b"bytes");
    }
}
