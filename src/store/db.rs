//! How the store runs SQL: one portable SQL text per query, run by the backend behind a
//! transaction (a `rusqlite` one on SQLite, a `postgres` one on PostgreSQL). Queries are written once with `?N` placeholders, take their values through
//! [`ToParam`] and read columns through [`FromValue`], so no store module names a driver. What
//! must differ between backends (placeholder syntax, catalog lookups) is decided here and
//! nowhere else. It holds no query of the program's own.

use crate::error::Result;
use std::cell::RefCell;
use std::collections::HashMap;

/// One value going into or coming out of a query, borrowed from the caller or the row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// What can go into a query as a parameter.
pub trait ToParam {
    fn param(&self) -> Value<'_>;
}

/// What a column can be read as.
pub trait FromValue: Sized {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String>;
}

/// A query's failure below the program: the driver's error, or a column that holds what its
/// reader did not expect.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", pg_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("column {column}: {problem}")]
    Value { column: usize, problem: String },
    #[error("the query found no row")]
    NoRow,
    /// PostgreSQL refused a statement of the program's own: a bug, so the statement is named.
    #[error("{problem} in: {sql}")]
    Prepare { problem: String, sql: String },
    /// The connection broke during an action; its transaction went with it.
    #[error("{}", crate::msg!("store-lost", server = server.as_str(), detail = whole_chain(source)))]
    Lost {
        server: String,
        #[source]
        source: postgres::Error,
    },
    #[error("{}", crate::msg!("store-unreachable", server = server.as_str(), detail = whole_chain(source)))]
    /// The PostgreSQL server could not be reached.
    Connect {
        server: String,
        #[source]
        source: postgres::Error,
    },
}

/// PostgreSQL's own words for a failed statement (its "db error" alone says nothing).
/// An error and every cause under it ("error performing TLS handshake: invalid peer
/// certificate: ..."): the first line alone rarely says what to fix.
pub(crate) fn whole_chain(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    text
}

fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => match d.detail() {
            Some(detail) => format!("{} ({detail})", d.message()),
            None => d.message().to_string(),
        },
        None => e.to_string(),
    }
}

/// The parameters of one query: `params![a, b, c]`.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::db::ToParam),*] as &[&dyn $crate::store::db::ToParam]
    };
}
pub(crate) use params;

/// One row of a result, read column by column.
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        let v = match self {
            Row::Lite(r) => lite_value(r, i)?,
            Row::Pg(r) => pg_value(r, i)?,
        };
        Ok(T::from_value(v).map_err(|problem| DbError::Value { column: i, problem })?)
    }
}

fn lite_value<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<Value<'r>, DbError> {
    Ok(match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Value::Null,
        rusqlite::types::ValueRef::Integer(n) => Value::Int(n),
        rusqlite::types::ValueRef::Real(f) => Value::Real(f),
        rusqlite::types::ValueRef::Text(t) => {
            Value::Text(std::str::from_utf8(t).map_err(|e| DbError::Value { column: i, problem: e.to_string() })?)
        }
        rusqlite::types::ValueRef::Blob(b) => Value::Blob(b),
    })
}

/// A PostgreSQL column as a [`Value`], by the column's type (integers of every width, truth
/// values as 0/1, text, reals, bytes).
fn pg_value(r: &postgres::Row, i: usize) -> Result<Value<'_>, DbError> {
    use postgres::types::Type;
    let unsupported = |ty: &Type| DbError::Value { column: i, problem: format!("unsupported column type {ty}") };
    let ty = r.columns().get(i).map(|c| c.type_().clone()).ok_or_else(|| unsupported(&Type::VOID))?;
    let v = match ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Int),
        Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|n| Value::Int(n.into())),
        Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|n| Value::Int(n.into())),
        Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|b| Value::Int(b.into())),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
        Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|f| Value::Real(f.into())),
        Type::BYTEA => r.try_get::<_, Option<&[u8]>>(i)?.map(Value::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            r.try_get::<_, Option<&str>>(i)?.map(Value::Text)
        }
        other => return Err(unsupported(&other)),
    };
    Ok(v.unwrap_or(Value::Null))
}

/// Prepared PostgreSQL statements of one connection, by their portable SQL text.
pub type PgStatements = RefCell<HashMap<String, postgres::Statement>>;

/// The transaction a [`super::Tx`] runs its queries in.
pub enum Db<'a> {
    Lite(rusqlite::Transaction<'a>),
    Pg { tx: RefCell<postgres::Transaction<'a>>, statements: &'a PgStatements, server: &'a str },
}

/// A PostgreSQL error, as the station should read it: a lost connection names the server (the
/// action's transaction is gone with it, so nothing of the action was stored).
pub fn pg_error(server: &str, e: postgres::Error) -> DbError {
    // SQLSTATE class 08 (connection exception) and 57P (the server shutting down or restarting).
    let state = e.code().map(|c| c.code()).unwrap_or("");
    let lost = e.is_closed()
        || state.starts_with("08")
        || state.starts_with("57P")
        || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>());
    if lost { DbError::Lost { server: server.to_string(), source: e } } else { DbError::Postgres(e) }
}

impl postgres::types::ToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        match *self {
            Value::Null => Ok(postgres::types::IsNull::Yes),
            Value::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
                Type::BOOL => (n != 0).to_sql(ty, out),
                Type::FLOAT8 => (n as f64).to_sql(ty, out),
                _ => Err(format!("an integer cannot go into a {ty} parameter").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (f as f32).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Text(s) => s.to_sql(ty, out),
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `n` numbered placeholders from `?first` on, comma-separated, for an `IN (...)` list.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
}

/// The portable text with its `?N` placeholders written PostgreSQL's way (`$N`); a `?` inside
/// a quoted literal stays.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => quoted = !quoted,
            '?' if !quoted => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef as R;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match *self {
            Value::Null => R::Null,
            Value::Int(n) => R::Integer(n),
            Value::Real(f) => R::Real(f),
            Value::Text(s) => R::Text(s.as_bytes()),
            Value::Blob(b) => R::Blob(b),
        }))
    }
}

fn values<'p>(params: &'p [&'p dyn ToParam]) -> impl Iterator<Item = Value<'p>> {
    params.iter().map(|p| p.param())
}

/// Run `f` over the PostgreSQL rows of a statement, prepared once per connection.
fn pg_query(
    tx: &RefCell<postgres::Transaction<'_>>,
    statements: &PgStatements,
    server: &str,
    sql: &str,
    params: &[&dyn ToParam],
) -> Result<Vec<postgres::Row>, DbError> {
    let stmt = pg_statement(tx, statements, server, sql)?;
    let values: Vec<Value<'_>> = values(params).collect();
    let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
    tx.borrow_mut().query(&stmt, &refs).map_err(|e| pg_error(server, e))
}

fn pg_statement(
    tx: &RefCell<postgres::Transaction<'_>>,
    statements: &PgStatements,
    server: &str,
    sql: &str,
) -> Result<postgres::Statement, DbError> {
    if let Some(s) = statements.borrow().get(sql) {
        return Ok(s.clone());
    }
    let s = tx.borrow_mut().prepare(&dollar_placeholders(sql)).map_err(|e| match pg_error(server, e) {
        DbError::Postgres(e) => {
            DbError::Prepare { problem: pg_message(&e), sql: sql.split_whitespace().collect::<Vec<_>>().join(" ") }
        }
        lost => lost,
    })?;
    statements.borrow_mut().insert(sql.to_string(), s.clone());
    Ok(s)
}

impl<'a> Db<'a> {
    pub fn sqlite(tx: rusqlite::Transaction<'a>) -> Db<'a> {
        Db::Lite(tx)
    }

    pub fn postgres(tx: postgres::Transaction<'a>, statements: &'a PgStatements, server: &'a str) -> Db<'a> {
        Db::Pg { tx: RefCell::new(tx), statements, server }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Pg { .. })
    }

    pub fn commit(self) -> Result<()> {
        match self {
            Db::Lite(tx) => tx.commit().map_err(DbError::from)?,
            Db::Pg { tx, server, .. } => tx.into_inner().commit().map_err(|e| pg_error(server, e))?,
        }
        Ok(())
    }

    /// Run a statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn ToParam]) -> Result<usize> {
        match self {
            Db::Lite(tx) => {
                let mut stmt = tx.prepare_cached(sql).map_err(DbError::from)?;
                Ok(stmt.execute(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?)
            }
            Db::Pg { tx, statements, server } => {
                let stmt = pg_statement(tx, statements, server, sql)?;
                let values: Vec<Value<'_>> = values(params).collect();
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values.iter().map(|v| v as _).collect();
                let n = tx.borrow_mut().execute(&stmt, &refs).map_err(|e| pg_error(server, e))?;
                Ok(n as usize)
            }
        }
    }

    /// Run an `INSERT ... RETURNING id`; returns the new row's id.
    pub fn insert(&self, sql: &str, params: &[&dyn ToParam]) -> Result<i64> {
        self.query_one(sql, params, |r| r.get(0))
    }

    /// Every row of a query, each read by `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self {
            Db::Lite(tx) => {
                let mut stmt = tx.prepare_cached(sql).map_err(DbError::from)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?;
                let mut out = Vec::new();
                while let Some(r) = rows.next().map_err(DbError::from)? {
                    out.push(f(&Row::Lite(r))?);
                }
                Ok(out)
            }
            Db::Pg { tx, statements, server } => {
                pg_query(tx, statements, server, sql, params)?.iter().map(|r| f(&Row::Pg(r))).collect()
            }
        }
    }

    /// The first row of a query, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        match self {
            Db::Lite(tx) => {
                let mut stmt = tx.prepare_cached(sql).map_err(DbError::from)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?;
                match rows.next().map_err(DbError::from)? {
                    Some(r) => Ok(Some(f(&Row::Lite(r))?)),
                    None => Ok(None),
                }
            }
            Db::Pg { tx, statements, server } => match pg_query(tx, statements, server, sql, params)?.first() {
                Some(r) => Ok(Some(f(&Row::Pg(r))?)),
                None => Ok(None),
            },
        }
    }

    /// The first row of a query that always has one (a count, an EXISTS).
    pub fn query_one<T>(&self, sql: &str, params: &[&dyn ToParam], f: impl FnOnce(&Row<'_>) -> Result<T>) -> Result<T> {
        self.query_opt(sql, params, f)?.ok_or_else(|| DbError::NoRow.into())
    }

    /// Run several statements with no parameters (schema changes).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Lite(tx) => tx.execute_batch(sql).map_err(DbError::from)?,
            Db::Pg { tx, server, .. } => tx.borrow_mut().batch_execute(sql).map_err(|e| pg_error(server, e))?,
        }
        Ok(())
    }

    /// Whether the schema has a trigger of this name.
    pub fn has_trigger(&self, name: &str) -> Result<bool> {
        let sql = match self {
            Db::Lite(_) => "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
            Db::Pg { .. } => "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = ?1 AND NOT tgisinternal)",
        };
        self.query_one(sql, params![name], |r| r.get(0))
    }
}

// ----- values in ---------------------------------------------------------------------------

impl ToParam for i64 {
    fn param(&self) -> Value<'_> {
        Value::Int(*self)
    }
}

impl ToParam for f64 {
    fn param(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

impl ToParam for bool {
    fn param(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl ToParam for str {
    fn param(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToParam for String {
    fn param(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToParam for [u8] {
    fn param(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl ToParam for Vec<u8> {
    fn param(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn param(&self) -> Value<'_> {
        (**self).param()
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn param(&self) -> Value<'_> {
        match self {
            Some(v) => v.param(),
            None => Value::Null,
        }
    }
}

// ----- values out --------------------------------------------------------------------------

fn found(v: Value<'_>) -> &'static str {
    match v {
        Value::Null => "NULL",
        Value::Int(_) => "an integer",
        Value::Real(_) => "a real number",
        Value::Text(_) => "text",
        Value::Blob(_) => "bytes",
    }
}

impl FromValue for i64 {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Int(n) => Ok(n),
            other => Err(format!("expected an integer, found {}", found(other))),
        }
    }
}

impl FromValue for f64 {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Real(f) => Ok(f),
            Value::Int(n) => Ok(n as f64),
            other => Err(format!("expected a number, found {}", found(other))),
        }
    }
}

impl FromValue for bool {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Int(n) => Ok(n != 0),
            other => Err(format!("expected a truth value, found {}", found(other))),
        }
    }
}

impl FromValue for String {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.to_string()),
            other => Err(format!("expected text, found {}", found(other))),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b.to_vec()),
            other => Err(format!("expected bytes, found {}", found(other))),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_db(f: impl FnOnce(&Db<'_>)) {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::sqlite(conn.transaction().unwrap());
        f(&db);
    }

    #[test]
    fn values_go_in_and_come_out_the_same() {
        with_db(|db| {
            let (i, f, b, s, bytes, none): (i64, f64, bool, String, Vec<u8>, Option<String>) = db
                .query_one(
                    "SELECT ?1, ?2, ?3, ?4, ?5, ?6",
                    params![-7i64, 2.5, true, "名字", vec![0u8, 255], None::<&str>],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .unwrap();
            assert_eq!((i, f, b, s.as_str(), bytes, none), (-7, 2.5, true, "名字", vec![0, 255], None));
        });
    }

    #[test]
    fn a_column_of_the_wrong_kind_names_the_column() {
        with_db(|db| {
            let e = db.query_one("SELECT 1, 'x'", params![], |r| r.get::<i64>(1)).unwrap_err();
            assert_eq!(e.to_string(), "database: column 1: expected an integer, found text");
            let e = db.query_one("SELECT 1 WHERE 0", params![], |r| r.get::<i64>(0)).unwrap_err();
            assert_eq!(e.to_string(), "database: the query found no row");
        });
    }

    #[test]
    fn placeholders_are_written_the_postgresql_way_outside_literals() {
        assert_eq!(
            dollar_placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?' AND d IN (?2, ?10)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $10)"
        );
    }

    #[test]
    fn insert_returns_the_new_id() {
        with_db(|db| {
            db.batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").unwrap();
            assert_eq!(db.insert("INSERT INTO t (v) VALUES (?1) RETURNING id", params!["a"]).unwrap(), 1);
            assert_eq!(db.insert("INSERT INTO t (v) VALUES (?1) RETURNING id", params!["b"]).unwrap(), 2);
            assert_eq!(db.execute("UPDATE t SET v = 'c'", params![]).unwrap(), 2);
            let all = db.query_map("SELECT v FROM t ORDER BY id", params![], |r| r.get::<String>(0)).unwrap();
            assert_eq!(all, ["c", "c"]);
        });
    }
}
