//! The library's error type. Every message names the file, row, column or field it is about,
//! in plain words, because the people reading it are lab staff, not programmers.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input a user supplied is wrong; the message says where and why.
    #[error("{0}")]
    Input(String),
    #[error("{}", crate::msg!("error-no-workspace", path = path.display().to_string()))]
    NoWorkspace { path: PathBuf },
    #[error("{}", io_text(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", db_text(.0))]
    Db(#[from] crate::store::DbError),
    /// A printer could not be reached or refused what was sent; names the printer.
    #[error("{}", crate::msg!("error-printer", printer = printer.as_str(), error = source.to_string()))]
    Printer {
        printer: String,
        #[source]
        source: crate::print::PrintError,
    },
    #[error("{}", crate::i18n::tr("error-cancelled"))]
    Cancelled,
    /// A message from the catalog, shown in the language of the person reading it.
    #[error("{0}")]
    Message(crate::i18n::Msg),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A file that could not be read or written, by name. A full disk is said in plain words, since
/// it is the one such failure a person at the desk can mend at once.
fn io_text(path: &std::path::Path, source: &std::io::Error) -> String {
    let file = path.display().to_string();
    match source.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            crate::msg!("error-disk-full", file = file).to_string()
        }
        std::io::ErrorKind::FileTooLarge => crate::msg!("error-file-too-large", file = file).to_string(),
        _ => format!("{file}: {source}"),
    }
}

fn db_text(e: &crate::store::DbError) -> String {
    use crate::store::DbError;
    match e {
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::DiskFull => {
            crate::msg!("error-disk-full", file = crate::app::workspace::DB_FILE).to_string()
        }
        // SQLite says no more than "disk I/O error" when it cannot grow its journal or its
        // shared-memory index, which on a full disk is the usual cause.
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::SystemIoFailure => {
            crate::msg!("error-database-io", file = crate::app::workspace::DB_FILE, code = f.extended_code.to_string())
                .to_string()
        }
        _ => crate::msg!("error-database", error = e.to_string()).to_string(),
    }
}

/// Why a shared store did not answer: what a window shows until it answers again.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreachable {
    /// The connection broke during an action; nothing of the action was stored.
    Lost { server: String },
    /// No connection could be made (server down, network, password, certificate).
    NoConnection { server: String, detail: String },
}

impl Error {
    /// The stable code `--json` gives beside the message: the catalog key of a catalog
    /// message, else the kind of error.
    pub fn code(&self) -> String {
        use crate::store::DbError;
        match self {
            Error::Message(m) => m.code(),
            Error::Input(_) => "refused".into(),
            Error::NoWorkspace { .. } => "no_workspace".into(),
            Error::Io { .. } => "file".into(),
            Error::Db(DbError::Lost { .. }) => "store_lost".into(),
            Error::Db(DbError::Connect { .. }) => "store_unreachable".into(),
            Error::Db(_) => "database".into(),
            Error::Printer { .. } => "printer".into(),
            Error::Cancelled => "cancelled".into(),
        }
    }

    /// Set when the error is the shared store not answering, not anything about the action.
    pub fn unreachable(&self) -> Option<Unreachable> {
        use crate::store::DbError;
        match self {
            Error::Db(DbError::Lost { server, .. }) => Some(Unreachable::Lost { server: server.clone() }),
            Error::Db(DbError::Connect { server, source }) => Some(Unreachable::NoConnection {
                server: server.clone(),
                detail: crate::store::db::whole_chain(source),
            }),
            _ => None,
        }
    }
}

/// A mistyped or misread id is the user's input gone wrong.
impl From<crate::domain::ids::IdError> for Error {
    fn from(e: crate::domain::ids::IdError) -> Self {
        Error::Message(e.0)
    }
}

impl From<crate::i18n::Msg> for Error {
    fn from(m: crate::i18n::Msg) -> Self {
        Error::Message(m)
    }
}

/// The store's schema code still speaks to SQLite directly.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e.into())
    }
}

impl Error {
    pub fn input(msg: impl Into<String>) -> Self {
        Error::Input(msg.into())
    }

    /// The error as an argument of another message: a catalog message stays one, so the whole
    /// is shown in the reader's language.
    pub fn said(&self) -> crate::i18n::Arg {
        match self {
            Error::Message(m) => crate::i18n::Arg::Msg(m.clone()),
            other => crate::i18n::Arg::Text(other.to_string()),
        }
    }
}

/// Attach the path to an I/O error, so the message says which file failed.
pub trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|source| Error::Io { path: path.into(), source })
    }
}
