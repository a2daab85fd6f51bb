//! Where a batch comes from: a folder or a .zip. Entries are listed with paths relative to the
//! batch root (always `/`-separated). A zip entry that would land outside the folder, or that
//! is absurdly large, refuses the whole batch before anything is read.

use crate::error::{Error, IoContext, Result};
use crate::msg;
use rayon::prelude::*;
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
    /// Symbolic links found in a batch folder: never followed, and reported, not skipped in
    /// silence (relative paths).
    links: Vec<String>,
}

/// A zip entry's name as its maker meant it. Zips made on Chinese Windows store names in GBK
/// without the UTF-8 flag; bytes that are valid UTF-8 are read as such (with or without the
/// flag), anything else as GB18030, a superset of GBK.
fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(raw).0.into_owned(),
    }
}

/// The entry's path inside the batch, `/`-separated, or `None` when it would land outside it
/// (absolute, a drive letter, or `..`).
fn enclosed(name: &str) -> Option<String> {
    let name = name.replace('\\', "/");
    if name.starts_with('/') || name.contains(':') {
        return None;
    }
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

/// Hidden files and macOS resource forks are not part of a batch.
fn ignored(rel: &str) -> bool {
    rel.split('/').any(|p| p.starts_with('.') || p == "__MACOSX" || p == "Thumbs.db")
}

impl BatchSource {
    pub fn open(path: &Path, limits: Limits) -> Result<BatchSource> {
        let meta = fs::metadata(path).at(path)?;
        if meta.is_dir() {
            let (mut entries, mut links) = (Vec::new(), Vec::new());
            walk(path, path, &mut entries, &mut links)?;
            links.sort();
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            for (i, e) in entries.iter_mut().enumerate() {
                e.index = i;
            }
            return Ok(BatchSource { path: path.into(), kind: Kind::Folder(path.into()), entries, limits, links });
        }
        let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if !is_zip {
            return Err(msg!("import-not-a-batch", file = path.display().to_string()).into());
        }
        let file = fs::File::open(path).at(path)?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| {
            Error::from(msg!("import-bad-zip", file = path.display().to_string(), error = e.to_string()))
        })?;
        let mut entries = Vec::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(|e| {
                let file = path.display().to_string();
                Error::from(msg!("import-zip-entry-unreadable", file = file, entry = i, error = e.to_string()))
            })?;
            let raw_name = entry_name(f.name_raw());
            let Some(name) = enclosed(&raw_name) else {
                return Err(
                    msg!("import-zip-entry-outside", file = path.display().to_string(), entry = raw_name).into()
                );
            };
            if f.is_dir() {
                continue;
            }
            if f.is_symlink() {
                return Err(msg!("import-zip-entry-link", file = path.display().to_string(), entry = raw_name).into());
            }
            if f.size() > limits.max_entry_bytes {
                return Err(msg!(
                    "import-zip-entry-too-big",
                    file = path.display().to_string(),
                    entry = raw_name,
                    mb = (f.size() >> 20) as i64,
                    max = (limits.max_entry_bytes >> 20) as i64
                )
                .into());
            }
            total += f.size();
            if total > limits.max_total_bytes {
                return Err(msg!(
                    "import-zip-too-big",
                    file = path.display().to_string(),
                    max = (limits.max_total_bytes >> 20) as i64
                )
                .into());
            }
            if !ignored(&name) {
                entries.push(Entry { name, size: f.size(), index: i });
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(BatchSource { path: path.into(), kind: Kind::Zip(Box::new(zip)), entries, limits, links: Vec::new() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The symbolic links of a batch folder, which were not read.
    pub fn links(&self) -> &[String] {
        &self.links
    }

    /// Read several entries whole, in the order given, each handed to `then` as soon as it is
    /// read (while its bytes are still in the processor's cache): a folder's files on every
    /// core (each is its own file), a zip's entries one after another (one archive, one position
    /// in it).
    pub fn read_many<T: Send>(&mut self, wanted: &[&Entry], then: impl Fn(Vec<u8>) -> T + Sync) -> Vec<Result<T>> {
        if let Kind::Folder(root) = &self.kind {
            let limit = self.limits.max_entry_bytes;
            return wanted.par_iter().map(|e| read_from_folder(root, e, limit).map(&then)).collect();
        }
        wanted.iter().map(|e| self.read(e).map(&then)).collect()
    }

    /// Read one entry whole. A zip entry that unpacks to more than it declared is refused.
    pub fn read(&mut self, e: &Entry) -> Result<Vec<u8>> {
        match &mut self.kind {
            Kind::Folder(root) => read_from_folder(root, e, self.limits.max_entry_bytes),
            Kind::Zip(zip) => {
                let label = format!("{}:{}", self.path.display(), e.name);
                let unpack = |err: String| Error::from(msg!("import-cannot-unpack", file = &label, error = err));
                let f = zip.by_index(e.index).map_err(|err| unpack(err.to_string()))?;
                let mut buf = Vec::with_capacity(e.size as usize);
                f.take(self.limits.max_entry_bytes.min(e.size) + 1)
                    .read_to_end(&mut buf)
                    .map_err(|err| unpack(err.to_string()))?;
                if buf.len() as u64 > e.size {
                    return Err(msg!("import-unpacks-too-much", file = &label).into());
                }
                Ok(buf)
            }
        }
    }
}

/// Read no more than the size listed: a file that grew since it was listed is refused, not
/// read whole.
fn read_from_folder(root: &Path, e: &Entry, max_entry_bytes: u64) -> Result<Vec<u8>> {
    let p = root.join(&e.name);
    let file = open_no_follow(&p).at(&p)?;
    let mut buf = Vec::with_capacity(e.size.min(max_entry_bytes) as usize);
    file.take(max_entry_bytes.min(e.size) + 1).read_to_end(&mut buf).at(&p)?;
    if buf.len() as u64 > e.size {
        return Err(msg!("import-file-grew-in-batch", file = p.display().to_string()).into());
    }
    Ok(buf)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>, links: &mut Vec<String>) -> Result<()> {
    for item in fs::read_dir(dir).at(dir)? {
        let item = item.at(dir)?;
        let p = item.path();
        let ft = item.file_type().at(&p)?;
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
        if ignored(&rel) {
            continue;
        }
        if ft.is_symlink() {
            links.push(rel);
            continue;
        }
        if ft.is_dir() {
            walk(root, &p, out, links)?;
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
