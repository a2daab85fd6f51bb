//! Where a batch comes from: a folder or a .zip. Entries are listed with paths relative to the
//! batch root (always `/`-separated). A zip entry that would land outside the folder, or that
//! is absurdly large, refuses the whole batch before anything is read.

use crate::error::{Error, IoContext, Result};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Limits that protect against a malicious or broken zip.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_entry_bytes: 64 << 20, max_total_bytes: 16 << 30 }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Path relative to the batch root, `/`-separated.
    pub name: String,
    pub size: u64,
    index: usize,
}

impl Entry {
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    pub fn extension(&self) -> String {
        match self.file_name().rsplit_once('.') {
            Some((_, e)) => e.to_ascii_lowercase(),
            None => String::new(),
        }
    }
}

enum Kind {
    Folder(PathBuf),
    Zip(Box<zip::ZipArchive<fs::File>>),
}

pub struct BatchSource {
    path: PathBuf,
    kind: Kind,
    entries: Vec<Entry>,
    limits: Limits,
}

/// Hidden files and macOS resource forks are not part of a batch.
fn ignored(rel: &str) -> bool {
    rel.split('/').any(|p| p.starts_with('.') || p == "__MACOSX" || p == "Thumbs.db")
}

impl BatchSource {
    pub fn open(path: &Path, limits: Limits) -> Result<BatchSource> {
        let meta = fs::metadata(path).at(path)?;
        if meta.is_dir() {
            let mut entries = Vec::new();
            walk(path, path, &mut entries)?;
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            for (i, e) in entries.iter_mut().enumerate() {
                e.index = i;
            }
            return Ok(BatchSource { path: path.into(), kind: Kind::Folder(path.into()), entries, limits });
        }
        let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if !is_zip {
            return Err(Error::input(format!("{}: a batch is a folder or a .zip file", path.display())));
        }
        let file = fs::File::open(path).at(path)?;
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| Error::input(format!("{}: not a readable zip: {e}", path.display())))?;
        let mut entries = Vec::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let f = zip
                .by_index_raw(i)
                .map_err(|e| Error::input(format!("{}: zip entry {i} unreadable: {e}", path.display())))?;
            let raw_name = f.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {i}"));
            let Some(rel) = f.enclosed_name() else {
                return Err(Error::input(format!(
                    "{}: zip entry {raw_name:?} points outside the batch folder; the batch is refused",
                    path.display()
                )));
            };
            if f.is_dir() {
                continue;
            }
            if f.is_symlink() {
                return Err(Error::input(format!(
                    "{}: zip entry {raw_name:?} is a symbolic link; the batch is refused",
                    path.display()
                )));
            }
            if f.size() > limits.max_entry_bytes {
                return Err(Error::input(format!(
                    "{}: zip entry {raw_name:?} unpacks to {} MB, over the {} MB limit for one file; the batch is refused",
                    path.display(),
                    f.size() >> 20,
                    limits.max_entry_bytes >> 20
                )));
            }
            total += f.size();
            if total > limits.max_total_bytes {
                return Err(Error::input(format!(
                    "{}: the zip unpacks to more than {} MB in all; the batch is refused",
                    path.display(),
                    limits.max_total_bytes >> 20
                )));
            }
            let name = rel.to_string_lossy().replace('\\', "/");
            if !ignored(&name) {
                entries.push(Entry { name, size: f.size(), index: i });
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(BatchSource { path: path.into(), kind: Kind::Zip(Box::new(zip)), entries, limits })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Read one entry whole. A zip entry that unpacks to more than it declared is refused.
    pub fn read(&mut self, e: &Entry) -> Result<Vec<u8>> {
        match &mut self.kind {
            Kind::Folder(root) => {
                // Read no more than the size listed: a file that grew since is refused, not
                // read whole.
                let p = root.join(&e.name);
                let file = open_no_follow(&p).at(&p)?;
                let mut buf = Vec::with_capacity(e.size.min(self.limits.max_entry_bytes) as usize);
                file.take(self.limits.max_entry_bytes.min(e.size) + 1).read_to_end(&mut buf).at(&p)?;
                if buf.len() as u64 > e.size {
                    return Err(Error::input(format!("{}: grew while the batch was read; refused", p.display())));
                }
                Ok(buf)
            }
            Kind::Zip(zip) => {
                let label = format!("{}:{}", self.path.display(), e.name);
                let f = zip.by_index(e.index).map_err(|err| Error::input(format!("{label}: cannot unpack: {err}")))?;
                let mut buf = Vec::with_capacity(e.size as usize);
                f.take(self.limits.max_entry_bytes.min(e.size) + 1)
                    .read_to_end(&mut buf)
                    .map_err(|err| Error::input(format!("{label}: cannot unpack: {err}")))?;
                if buf.len() as u64 > e.size {
                    return Err(Error::input(format!("{label}: unpacks to more than its declared size; refused")));
                }
                Ok(buf)
            }
        }
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) -> Result<()> {
    for item in fs::read_dir(dir).at(dir)? {
        let item = item.at(dir)?;
        let p = item.path();
        let ft = item.file_type().at(&p)?;
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
        if ignored(&rel) || ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(root, &p, out)?;
        } else if ft.is_file() {
            let size = item.metadata().at(&p)?.len();
            out.push(Entry { name: rel, size, index: 0 });
        }
    }
    Ok(())
}

/// Open a file for reading without following a symbolic link planted in its place.
fn open_no_follow(p: &Path) -> std::io::Result<fs::File> {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW);
    }
    o.open(p)
}
