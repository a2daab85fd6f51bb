//! The in-app file chooser's model: one folder's listing, folders first, files filtered by
//! extension, hidden entries left out; going up, entering a folder, going to a typed path.
//! No GTK, no desktop portal: only `std::fs`.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
    /// Size in bytes, for files.
    pub size: Option<u64>,
}

impl Entry {
    /// The size as people read it: `12.3 MB`.
    pub fn size_text(&self) -> String {
        match self.size {
            None => String::new(),
            Some(b) if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
            Some(b) if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
            Some(b) => format!("{b} B"),
        }
    }
}

/// What a chooser is looking for.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Lower-case extensions without the dot; files with others are not listed.
    pub extensions: Vec<&'static str>,
    /// Whether a folder itself may be chosen (a batch is a folder or a .zip).
    pub folders: bool,
}

impl Filter {
    pub fn describe(&self) -> String {
        self.extensions.iter().map(|e| format!("*.{e}")).collect::<Vec<_>>().join(" ")
    }

    pub fn accepts(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

#[derive(Debug, Clone)]
pub struct Browser {
    pub dir: PathBuf,
    pub filter: Filter,
    pub entries: Vec<Entry>,
}

/// What activating an entry did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activated {
    /// Went into a folder; show the new listing.
    Entered,
    /// A file was chosen.
    Chosen(PathBuf),
}

impl Browser {
    /// A browser at `dir`, or at the nearest folder above it that exists.
    pub fn open(dir: &Path, filter: Filter) -> Browser {
        let mut b = Browser { dir: PathBuf::new(), filter, entries: Vec::new() };
        let mut at = absolute(dir);
        while !at.is_dir() {
            match at.parent() {
                Some(p) => at = p.to_path_buf(),
                None => break,
            }
        }
        // An unreadable start folder still opens, empty; going elsewhere reports the error.
        if b.go_to(&at).is_err() {
            b.dir = at;
        }
        b
    }

    /// List `dir`; on failure the browser stays where it was and the error names the folder.
    pub fn go_to(&mut self, dir: &Path) -> Result<(), String> {
        let dir = absolute(dir);
        if !dir.is_dir() {
            if dir.is_file() && self.filter.accepts(&dir) {
                return Err(format!("{}: is a file; choose it from the list", dir.display()));
            }
            return Err(format!("{}: no such folder", dir.display()));
        }
        let rd = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut entries: Vec<Entry> = rd
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    return None;
                }
                let path = e.path();
                // Follow links, so a linked folder is entered like any other.
                let meta = std::fs::metadata(&path).ok()?;
                if meta.is_dir() {
                    Some(Entry { name, path, is_dir: true, size: None })
                } else if self.filter.accepts(&path) {
                    Some(Entry { name, path, is_dir: false, size: Some(meta.len()) })
                } else {
                    None
                }
            })
            .collect();
        entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
        self.dir = dir;
        self.entries = entries;
        Ok(())
    }

    pub fn up(&mut self) -> Result<(), String> {
        match self.dir.parent().map(Path::to_path_buf) {
            Some(p) => self.go_to(&p),
            None => Ok(()),
        }
    }

    /// The folder 选择文件夹 takes: the highlighted one in the list, else the one shown. A
    /// technician who clicks a batch folder once and presses the button means that folder.
    pub fn folder_to_choose(&self, highlighted: Option<usize>) -> PathBuf {
        match highlighted.and_then(|i| self.entries.get(i)) {
            Some(e) if e.is_dir => e.path.clone(),
            _ => self.dir.clone(),
        }
    }

    /// Enter a folder or choose a file.
    pub fn activate(&mut self, index: usize) -> Result<Activated, String> {
        let e = self.entries.get(index).cloned().ok_or_else(|| "nothing is selected".to_string())?;
        if e.is_dir {
            self.go_to(&e.path)?;
            Ok(Activated::Entered)
        } else {
            Ok(Activated::Chosen(e.path))
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() {
        return std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    }
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Filter {
        Filter { extensions: vec!["csv", "xlsx"], folders: false }
    }

    #[test]
    fn lists_folders_first_then_matching_files_and_moves_about() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("批次一")).unwrap();
        std::fs::write(t.path().join("名单.XLSX"), b"x").unwrap();
        std::fs::write(t.path().join("a.csv"), b"xy").unwrap();
        std::fs::write(t.path().join("photo.jpg"), b"x").unwrap();
        std::fs::write(t.path().join(".hidden.csv"), b"x").unwrap();
        let mut b = Browser::open(t.path(), tables());
        let names: Vec<&str> = b.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["批次一", "a.csv", "名单.XLSX"]);
        assert_eq!(b.entries[1].size_text(), "2 B");

        assert_eq!(b.activate(0), Ok(Activated::Entered));
        assert!(b.dir.ends_with("批次一") && b.entries.is_empty());
        b.up().unwrap();
        assert_eq!(b.activate(2), Ok(Activated::Chosen(t.path().join("名单.XLSX"))));

        let before = b.dir.clone();
        assert!(b.go_to(&t.path().join("missing")).unwrap_err().contains("no such folder"));
        assert_eq!(b.dir, before, "a failed go-to stays put");
    }

    #[test]
    fn choosing_a_folder_takes_the_highlighted_one() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("批次一")).unwrap();
        std::fs::write(t.path().join("a.csv"), b"x").unwrap();
        let b = Browser::open(t.path(), tables());
        assert_eq!(b.folder_to_choose(Some(0)), t.path().join("批次一"), "the highlighted folder");
        assert_eq!(b.folder_to_choose(None), t.path(), "nothing highlighted: the folder shown");
        assert_eq!(b.folder_to_choose(Some(1)), t.path(), "a highlighted file: the folder shown");
        assert_eq!(b.folder_to_choose(Some(9)), t.path());
    }

    #[test]
    fn opens_at_the_nearest_existing_folder() {
        let t = tempfile::tempdir().unwrap();
        let b = Browser::open(&t.path().join("gone/deeper"), tables());
        assert_eq!(b.dir, t.path());
    }
}
