//! A workspace: one folder holding the store (`gradlab.db`), the photo store (`photos/`), the
//! settings (`gradlab.toml`) and what the lab produces (`output/`). Everything a command does
//! happens inside the workspace it was given. It holds students' names, ID last 4 and photos,
//! and the mail settings: it is private to its owner (folders 0700, files 0600) whatever the
//! umask, and opening one that others can read or write says so. (A store shared by several
//! stations is PostgreSQL's job, with its own accounts.)

use super::settings::{self, Settings, StoreSettings};
use crate::error::{Error, IoContext, Result};
use crate::import::source::Limits;
use crate::store::{PhotoStore, Store};
use std::fs;
use std::path::{Path, PathBuf};

pub const DB_FILE: &str = "gradlab.db";
pub const SETTINGS_FILE: &str = "gradlab.toml";

pub struct Workspace {
    root: PathBuf,
    pub settings: Settings,
    /// What a person should know on opening it: others can read it, or its audit log was
    /// changed outside gradlab.
    pub warnings: Vec<String>,
}

/// Held while an import writes photo files; see [`Workspace::lock_imports`].
pub struct ImportLock(#[allow(dead_code)] fs::File);

/// Held while parts are sent to printers; see [`Workspace::lock_dispatch`].
pub struct DispatchLock(#[allow(dead_code)] fs::File);

impl Workspace {
    /// The workspace folder: the one given, else the platform's data folder for gradlab.
    /// (`GRADLAB_HOME` reaches here through the CLI's `--workspace` flag.)
    pub fn resolve(given: Option<&Path>) -> PathBuf {
        if let Some(p) = given {
            return p.to_path_buf();
        }
        directories::ProjectDirs::from("", "", "gradlab")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("gradlab-workspace"))
    }

    /// Create a workspace, or bring an existing one's schema up to date. Returns it and
    /// whether it was new. An existing settings file is never overwritten.
    /// The lab's identity goes into a new settings file; an existing one is the lab's to edit,
    /// so asking to set it there is refused rather than ignored.
    pub fn init(root: &Path, id: &settings::LabIdentity) -> Result<(Workspace, bool)> {
        Self::init_with_store(root, id, None)
    }

    /// [`Workspace::init`], with the store on a PostgreSQL server (`postgres://...`) when
    /// `store` is given: its schema is created in an empty database, or the gradlab store
    /// already there (another station's) is joined, never wiped.
    /// The store is reached before anything is written, so a url or password that does not
    /// work leaves no half-made workspace behind.
    pub fn init_with_store(
        root: &Path,
        id: &settings::LabIdentity,
        store: Option<&settings::StoreChoice>,
    ) -> Result<(Workspace, bool)> {
        keep_private();
        let db = root.join(DB_FILE);
        let settings_path = root.join(SETTINGS_FILE);
        let fresh = !db.exists() && !settings_path.exists();
        if let Some(choice) = store
            && settings_path.exists()
        {
            let have = Settings::load(&settings_path)?.store.url;
            if have.trim() != choice.url.trim() {
                return Err(crate::msg!("workspace-store-set-there", file = settings_path.display().to_string()).into());
            }
        }
        if settings_path.exists() && !id.is_empty() {
            return Err(Error::from(crate::msg!(
                "workspace-lab-set-there",
                file = settings_path.display().to_string()
            )));
        }
        let new_settings = (!settings_path.exists()).then(|| {
            let text = settings::template_for(id);
            match store {
                Some(choice) => settings::set_store(&text, choice),
                None => text,
            }
        });
        let chosen = match &new_settings {
            Some(text) => Settings::parse(text, &settings_path)?,
            None => Settings::load(&settings_path)?,
        };
        // A shared store is joined (or made) first: one that cannot be reached makes nothing.
        let shared = match chosen.store.postgres(root)? {
            Some((url, password)) => Some(Store::connect(&url, password.as_ref().map(|p| p.expose()))?),
            None => None,
        };
        fs::create_dir_all(root.join("photos")).at(root.join("photos"))?;
        fs::create_dir_all(root.join("output")).at(root.join("output"))?;
        if let Some(text) = new_settings {
            write_atomically(&settings_path, text.as_bytes())?;
        }
        // Copies of the shipped layouts for the lab to edit; an edited one is never overwritten.
        let layouts = root.join("layouts");
        fs::create_dir_all(&layouts).at(&layouts)?;
        for name in crate::layout::builtin_names() {
            let p = layouts.join(format!("{name}.toml"));
            if !p.exists()
                && let Some(text) = crate::layout::builtin(name)
            {
                write_atomically(&p, text.as_bytes())?;
            }
        }
        // The holiday calendar, likewise the lab's to keep up to date.
        let calendar = root.join("calendars").join("china.toml");
        if !calendar.exists() {
            fs::create_dir_all(root.join("calendars")).at(root.join("calendars"))?;
            write_atomically(&calendar, crate::domain::calendar::SHIPPED.as_bytes())?;
        }
        if shared.is_none() {
            drop(Store::create(&db)?);
        }
        make_private(root)?;
        Ok((Workspace::open(root)?, fresh))
    }

    /// Open an existing workspace; a missing one is an error that says how to make one.
    pub fn open(root: &Path) -> Result<Workspace> {
        let settings_path = root.join(SETTINGS_FILE);
        let shared = settings_path.is_file() && !Settings::load(&settings_path)?.store.url.trim().is_empty();
        if !shared && !root.join(DB_FILE).is_file() {
            return Err(Error::NoWorkspace { path: root.to_path_buf() });
        }
        keep_private();
        let settings = Settings::load(&settings_path)?;
        let mut ws = Workspace { root: root.to_path_buf(), settings, warnings: Vec::new() };
        ws.warnings.extend(exposure(root));
        let found = super::audit::look_on_open(&mut ws.store()?)?;
        ws.warnings.extend(found);
        Ok(ws)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lab's time zone (`[lab] timezone`): times are shown, and dates taken, in it.
    pub fn zone(&self) -> crate::domain::local_time::Zone {
        self.settings.lab.timezone
    }

    /// The workspace's store: its SQLite file, or the PostgreSQL server its settings name.
    pub fn store(&self) -> Result<Store> {
        Ok(open_store(&self.settings.store, &self.root)?.at_station(&self.settings.station()))
    }

    /// Which store the workspace uses, its schema version and the server's version.
    pub fn store_info(&self) -> Result<crate::store::StoreInfo> {
        self.store()?.info(&self.root.join(DB_FILE))
    }

    /// The approved photos: files in the workspace, or on a shared store the database's,
    /// with the workspace's folder as this station's cache.
    pub fn photos(&self) -> PhotoStore {
        let dir = self.root.join("photos");
        if self.settings.store.url.trim().is_empty() {
            return PhotoStore::new(dir);
        }
        let (settings, root) = (self.settings.store.clone(), self.root.clone());
        PhotoStore::shared(dir, move || open_store(&settings, &root))
    }

    /// The lab's own layouts; a name found here wins over the shipped layout of that name.
    pub fn layouts_dir(&self) -> PathBuf {
        self.root.join("layouts")
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join("output")
    }

    /// The working-day calendar named in the settings; the shipped one if that file is gone.
    pub fn calendar(&self) -> Result<crate::domain::calendar::Calendar> {
        use crate::domain::calendar::{Calendar, SHIPPED};
        let path = self.root.join(&self.settings.shipping.calendar);
        match fs::read_to_string(&path) {
            Ok(text) => Calendar::parse(&text, &path.display().to_string()).map_err(Error::Input),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Calendar::parse(SHIPPED, "shipped calendar").map_err(Error::Input)
            }
            Err(e) => Err(Error::Io { path, source: e }),
        }
    }

    pub fn zip_limits(&self) -> Limits {
        Limits {
            max_entry_bytes: self.settings.import.max_zip_entry_mb << 20,
            max_total_bytes: self.settings.import.max_zip_total_mb << 20,
        }
    }

    /// Only one import at a time writes photo files, so that cleaning up after a crashed
    /// import can never remove a file another import is about to commit.
    pub fn lock_imports(&self) -> Result<ImportLock> {
        Ok(ImportLock(lock_file(&self.root.join("photos").join(".import.lock"))?))
    }

    /// Only one process at a time sends to printers, so a part recorded as `sending` while
    /// we hold this lock was left by a process that died, never by one still sending.
    pub fn lock_dispatch(&self) -> Result<DispatchLock> {
        Ok(DispatchLock(lock_file(&self.output_dir().join(".dispatch.lock"))?))
    }
}

fn open_store(settings: &StoreSettings, root: &Path) -> Result<Store> {
    match settings.postgres(root)? {
        Some((url, password)) => Store::connect(&url, password.as_ref().map(|p| p.expose())),
        None => Store::open(&root.join(DB_FILE)),
    }
}

fn lock_file(path: &Path) -> Result<fs::File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).at(dir)?;
    }
    let f = fs::OpenOptions::new().create(true).truncate(false).write(true).open(path).at(path)?;
    f.lock().at(path)?;
    Ok(f)
}

/// Write a file under a temporary name in the same folder, sync it, then rename it into place,
/// so a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut f = fs::File::create(&tmp).at(&tmp)?;
    f.write_all(bytes).at(&tmp)?;
    f.sync_all().at(&tmp)?;
    drop(f);
    fs::rename(&tmp, path).at(path)
}

/// The workspace's own files and folders, as `init` makes them private.
const PRIVATE: &[&str] = &["", DB_FILE, "gradlab.db-wal", "gradlab.db-shm", SETTINGS_FILE, "photos", "output"];

/// From here on, everything this process creates is private to its owner, whatever the umask
/// it was started with. SQLite gives its -wal and -shm files the mode of the database.
pub(super) fn keep_private() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Take group and other permissions off the workspace folder and its own files.
pub(super) fn make_private(root: &Path) -> Result<()> {
    #[cfg(unix)]
    for name in PRIVATE {
        use std::os::unix::fs::PermissionsExt;
        let p = if name.is_empty() { root.to_path_buf() } else { root.join(name) };
        if let Ok(meta) = fs::symlink_metadata(&p)
            && !meta.file_type().is_symlink()
        {
            let mode = meta.permissions().mode() & 0o7777 & !0o077;
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).at(&p)?;
        }
    }
    Ok(())
}

/// What of the workspace other accounts can read or write, and how to close it.
pub fn exposure(root: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open: Vec<String> = PRIVATE
            .iter()
            .filter_map(|name| {
                let p = if name.is_empty() { root.to_path_buf() } else { root.join(name) };
                let mode = fs::metadata(&p).ok()?.permissions().mode() & 0o777;
                (mode & 0o077 != 0)
                    .then(|| format!("{} (mode {mode:o})", if name.is_empty() { "the folder" } else { name }))
            })
            .collect();
        if !open.is_empty() {
            return Some(format!(
                "the workspace {} can be read or changed by other accounts on this computer: {}; \
                 it holds students' names and photos and the mail settings. Make it private: chmod -R go-rwx {}",
                root.display(),
                open.join(", "),
                root.display()
            ));
        }
    }
    let _ = root;
    None
}
