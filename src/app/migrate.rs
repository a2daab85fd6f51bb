//! Moving a lab onto a shared store (`gradlab store migrate --to postgres://...`): a workspace
//! that keeps its store in its own SQLite file is copied, every table and every photo, into an
//! empty PostgreSQL store, checked there, and only then pointed at it in `gradlab.toml`. The
//! SQLite file and the photo folder stay where they are, unchanged, as the old copy. The copy
//! itself is the store's (`store::Store::copy_into`); this service chooses, checks the settings
//! and audits. It must never change the workspace's settings unless the copy committed.

use super::Workspace;
use super::settings::{self, Settings, StoreChoice};
use super::workspace::{DB_FILE, SETTINGS_FILE, write_atomically};
use crate::error::{Error, Result};
use crate::msg;
use crate::progress::Progress;
use crate::store::{Copied, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

/// What a move did.
#[derive(Debug, Serialize)]
pub struct Moved {
    #[serde(flatten)]
    pub copied: Copied,
    /// The settings file now naming the shared store.
    pub settings: PathBuf,
    /// The old copy, left as it was.
    pub sqlite_file: PathBuf,
    pub photo_folder: PathBuf,
    pub seconds: f64,
}

/// Copy the workspace's SQLite store into the empty PostgreSQL store `to` names, and point the
/// workspace at it. Refused, changing nothing, when the workspace is already on a server, the
/// url or password source does not work, or the target holds any gradlab data.
pub fn to_postgres(ws: &Workspace, to: &StoreChoice, progress: &dyn Progress) -> Result<Moved> {
    let started = Instant::now();
    if !ws.settings.store.url.trim().is_empty() {
        return Err(msg!("migrate-already-on-server").into());
    }
    let url = to.url.trim();
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(msg!("migrate-bad-url", url = url).into());
    }
    if crate::store::url_shows_password(url) {
        return Err(msg!("migrate-url-password").into());
    }

    // The settings as they will be, made and read back first: a file that cannot take the
    // store's url is found before anything is copied.
    let settings_path = ws.root().join(SETTINGS_FILE);
    let text = match std::fs::read_to_string(&settings_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(Error::Io { path: settings_path, source }),
    };
    let new_text = settings::set_store(&text, to);
    let new_store = Settings::parse(&new_text, &settings_path)?.store;
    if new_store.url != url {
        return Err(msg!("migrate-settings-unwritable", file = settings_path.display().to_string(), url = url).into());
    }
    let (url, password) = new_store.postgres(ws.root())?.ok_or_else(|| Error::input("no store url"))?;

    // No import places photo files while they are copied.
    let _imports = ws.lock_imports()?;
    let mut source = ws.store()?;
    let mut target = Store::connect(&url, password.as_ref().map(|p| p.expose()))?;
    let sqlite_file = ws.root().join(DB_FILE);
    let photo_folder = ws.photos().dir().to_path_buf();
    let operator = ws.settings.operator();
    let copied = source.copy_into(&mut target, &ws.photos(), progress, |tx, c| {
        tx.audit(
            &operator,
            "store.migrate",
            "store",
            &msg!(
                "migrate-audit",
                file = sqlite_file.display().to_string(),
                server = c.server.as_str(),
                rows = c.rows as i64,
                tables = c.tables.len(),
                photos = c.photos as i64
            )
            .to_string(),
        )?;
        Ok(())
    })?;
    write_atomically(&settings_path, new_text.as_bytes()).map_err(|e| {
        Error::from(msg!(
            "migrate-copied-settings-unwritable",
            server = copied.server.as_str(),
            file = settings_path.display().to_string(),
            error = e.to_string(),
            url = url.as_str()
        ))
    })?;
    Ok(Moved { copied, settings: settings_path, sqlite_file, photo_folder, seconds: started.elapsed().as_secs_f64() })
}
