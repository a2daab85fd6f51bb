//! The store: the only place that speaks SQL. One SQLite file (WAL, foreign keys on, schema
//! migrations in code) for one computer, or a PostgreSQL database shared by a lab's stations,
//! plus a content-addressed folder of photo files (`photos.rs`). Services
//! open a [`Tx`] for each user action, so an action changes all of the store or none of it.
//! Every query is one portable SQL text run through `db.rs`, which alone names the driver.
//! It must never hold business rules: ordering, matching and checks live in `domain`/`import`.

mod audit;
mod corrections;
pub(crate) mod db;
mod ecopy;
mod face;
mod health;
mod jobs;
mod mail;
mod migrate;
mod pg_schema;
mod pg_tls;
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
pub use health::RecordedFile;
pub use jobs::*;
pub use mail::*;
pub use migrate::{Copied, TableRows, url_shows_password};
pub use pg_schema::redacted as redacted_url;
pub use photos::{PhotoStore, Staging, sync_file_system};
pub use printing::*;
pub use queries::*;
pub use requests::*;
pub use verify::*;

use crate::error::{Error, IoContext, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The time a row is written, as the store keeps every time: UTC, RFC 3339, to the millisecond
/// (so times sort as text and a lab's stations agree whatever their time zone). Services that
/// keep a time outside the store (a backup's manifest, a verdict) write it the same way.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub struct Store {
    conn: Conn,
    /// The station (computer) this store is used from, recorded with what it writes.
    station: String,
    /// The schema version of a store made by a newer gradlab: it may be read, never written.
    too_new: Option<i64>,
}

enum Conn {
    Lite(Connection),
    Pg { client: Box<postgres::Client>, statements: db::PgStatements, server: String },
}

/// What `gradlab store info` says about a store.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreInfo {
    /// `SQLite` or `PostgreSQL`.
    pub kind: &'static str,
    /// The file, or the server and database.
    pub location: String,
    pub schema_version: i64,
    /// The schema version this program writes.
    pub program_schema_version: i64,
    /// PostgreSQL's version, as the server reports it.
    pub server_version: Option<String>,
    /// The TLS version the connection to the server is encrypted with; none when it is not.
    pub tls: Option<String>,
}

/// One store transaction. Dropping it without [`Tx::commit`] rolls everything back.
pub struct Tx<'a> {
    db: db::Db<'a>,
    station: String,
}

/// Writers on PostgreSQL take this advisory lock for their transaction, so that, as on SQLite,
/// two stations never interleave their changes (ids, audit chain, counts stay as one station
/// would make them).
const WRITE_LOCK: i64 = 0x0067_7261_646c_6163;

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
        let version = schema::migrate(&mut conn)?;
        Ok(Store { conn: Conn::Lite(conn), station: String::new(), too_new: too_new(version) })
    }

    /// Connect to a PostgreSQL store (`postgres://USER@HOST:PORT/DB`), creating the schema in
    /// an empty database or joining the gradlab store already there (migrating it forward
    /// under an advisory lock when it is older than this program; never wiping it).
    pub fn connect(url: &str, password: Option<&str>) -> Result<Store> {
        let bad_url = |e: &dyn std::fmt::Display| Error::input(format!("store url {}: {e}", pg_schema::redacted(url)));
        let (driver_url, tls) = pg_tls::split_url(url).map_err(|e| bad_url(&e))?;
        let mut config: postgres::Config = driver_url.parse().map_err(|e| bad_url(&e))?;
        config.ssl_mode(tls.driver_mode());
        if let Some(p) = password {
            config.password(p);
        }
        config.application_name("gradlab");
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(15));
        }
        let server = pg_schema::server_name(&config);
        let connected = match tls.mode {
            pg_tls::SslMode::Disable => config.connect(postgres::NoTls),
            _ => config.connect(tls.connector().map_err(|e| bad_url(&e))?),
        };
        let mut client = connected.map_err(|source| db::DbError::Connect { server: server.clone(), source })?;
        let version = pg_schema::migrate(&mut client, &server)?;
        Ok(Store {
            conn: Conn::Pg { client: Box::new(client), statements: Default::default(), server },
            station: String::new(),
            too_new: too_new(version),
        })
    }

    /// The station (computer) what this store writes is recorded as coming from.
    pub fn at_station(mut self, station: &str) -> Store {
        self.station = station.to_string();
        self
    }

    /// Which store this is, its schema version and (PostgreSQL) the server's version.
    pub fn info(&mut self, sqlite_path: &Path) -> Result<StoreInfo> {
        let program_schema_version = schema::VERSION;
        match &mut self.conn {
            Conn::Lite(conn) => Ok(StoreInfo {
                kind: "SQLite",
                location: sqlite_path.display().to_string(),
                schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
                program_schema_version,
                server_version: None,
                tls: None,
            }),
            Conn::Pg { client, server, .. } => {
                let lost = |e| db::pg_error(server, e);
                let schema_version = pg_schema::version(client).map_err(lost)?;
                let server_version: String = client.query_one("SHOW server_version", &[]).map_err(lost)?.get(0);
                let tls: Option<String> = client
                    .query_opt("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl", &[])
                    .map_err(lost)?
                    .map(|r| r.get(0));
                Ok(StoreInfo {
                    kind: "PostgreSQL",
                    location: server.clone(),
                    schema_version,
                    program_schema_version,
                    server_version: Some(server_version),
                    tls,
                })
            }
        }
    }

    /// Start a write transaction. It takes the write lock at once, so two processes never
    /// interleave their changes. Refused on a store whose schema is newer than this program.
    pub fn write(&mut self) -> Result<Tx<'_>> {
        if let Some(v) = self.too_new {
            return Err(crate::msg!("store-schema-too-new", version = v, known = schema::VERSION).into());
        }
        match &mut self.conn {
            Conn::Lite(conn) => {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                Ok(Tx { db: db::Db::sqlite(tx), station: self.station.clone() })
            }
            Conn::Pg { client, statements, server } => {
                let mut tx = client.transaction().map_err(|e| db::pg_error(server, e))?;
                tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
                    .map_err(|e| db::pg_error(server, e))?;
                Ok(Tx { db: db::Db::postgres(tx, statements, server), station: self.station.clone() })
            }
        }
    }

    /// Start a read transaction: a consistent snapshot for reports.
    pub fn read(&mut self) -> Result<Tx<'_>> {
        match &mut self.conn {
            Conn::Lite(conn) => {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
                Ok(Tx { db: db::Db::sqlite(tx), station: self.station.clone() })
            }
            Conn::Pg { client, statements, server } => {
                let tx = client
                    .build_transaction()
                    .isolation_level(postgres::IsolationLevel::RepeatableRead)
                    .start()
                    .map_err(|e| db::pg_error(server, e))?;
                Ok(Tx { db: db::Db::postgres(tx, statements, server), station: self.station.clone() })
            }
        }
    }
}

fn too_new(version: i64) -> Option<i64> {
    (version > schema::VERSION).then_some(version)
}

impl Tx<'_> {
    pub fn commit(self) -> Result<()> {
        self.db.commit()
    }
}
