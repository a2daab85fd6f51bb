//! The store: the only place that speaks SQL. One SQLite file (WAL, foreign keys on, schema
//! migrations in code) plus a content-addressed folder of photo files (`photos.rs`). Services
//! open a [`Tx`] for each user action, so an action changes all of the store or none of it.
//! Every query is one portable SQL text run through `db.rs`, which alone names the driver.
//! It must never hold business rules: ordering, matching and checks live in `domain`/`import`.

mod audit;
mod corrections;
pub(crate) mod db;
mod ecopy;
mod face;
mod jobs;
mod mail;
mod photos;
mod printing;
mod queries;
mod requests;
mod schema;
mod states;
mod verify;

pub use audit::*;
pub use corrections::*;
pub use db::DbError;
pub use ecopy::*;
pub use jobs::*;
pub use mail::*;
pub use photos::{PhotoStore, Staging};
pub use printing::*;
pub use queries::*;
pub use requests::*;
pub use verify::*;

use crate::error::{IoContext, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The time a row is written, as the store keeps every time: UTC, RFC 3339, to the millisecond
/// (so times sort as text and a lab's stations agree whatever their time zone).
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub struct Store {
    conn: Connection,
}

/// One store transaction. Dropping it without [`Tx::commit`] rolls everything back.
pub struct Tx<'a> {
    db: db::Db<'a>,
}

impl Store {
    /// Create the database file and bring its schema up to date.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).at(dir)?;
        }
        Self::open_inner(path)
    }

    /// Open an existing database file (and migrate it if it is older than this program).
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(crate::Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "database file not found"),
            });
        }
        Self::open_inner(path)
    }

    fn open_inner(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(60))?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Start a write transaction. It takes the write lock at once, so two processes never
    /// interleave their changes.
    pub fn write(&mut self) -> Result<Tx<'_>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Tx { db: db::Db::sqlite(tx) })
    }

    /// Start a read transaction: a consistent snapshot for reports.
    pub fn read(&mut self) -> Result<Tx<'_>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        Ok(Tx { db: db::Db::sqlite(tx) })
    }
}

impl Tx<'_> {
    pub fn commit(self) -> Result<()> {
        self.db.commit()
    }
}
