//! How the store runs SQL: one portable SQL text per query, run by the backend behind a
//! transaction. Queries are written once with `?N` placeholders, take their values through
//! [`ToParam`] and read columns through [`FromValue`], so no store module names a driver. What
//! must differ between backends (placeholder syntax, catalog lookups) is decided here and
//! nowhere else. It holds no query of the program's own.

use crate::error::Result;

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
    #[error("column {column}: {problem}")]
    Value { column: usize, problem: String },
    #[error("the query found no row")]
    NoRow,
}

/// The parameters of one query: `params![a, b, c]`.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::db::ToParam),*] as &[&dyn $crate::store::db::ToParam]
    };
}
pub(crate) use params;

/// One row of a result, read column by column.
pub struct Row<'r> {
    inner: &'r rusqlite::Row<'r>,
}

impl Row<'_> {
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        let v = self.inner.get_ref(i).map_err(DbError::from)?;
        let v = match v {
            rusqlite::types::ValueRef::Null => Value::Null,
            rusqlite::types::ValueRef::Integer(n) => Value::Int(n),
            rusqlite::types::ValueRef::Real(f) => Value::Real(f),
            rusqlite::types::ValueRef::Text(t) => {
                Value::Text(std::str::from_utf8(t).map_err(|e| DbError::Value { column: i, problem: e.to_string() })?)
            }
            rusqlite::types::ValueRef::Blob(b) => Value::Blob(b),
        };
        Ok(T::from_value(v).map_err(|problem| DbError::Value { column: i, problem })?)
    }
}

/// The transaction a [`super::Tx`] runs its queries in.
pub struct Db<'a> {
    tx: rusqlite::Transaction<'a>,
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

impl<'a> Db<'a> {
    pub fn sqlite(tx: rusqlite::Transaction<'a>) -> Db<'a> {
        Db { tx }
    }

    pub fn commit(self) -> Result<()> {
        self.tx.commit().map_err(DbError::from)?;
        Ok(())
    }

    /// Run a statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn ToParam]) -> Result<usize> {
        let mut stmt = self.tx.prepare_cached(sql).map_err(DbError::from)?;
        Ok(stmt.execute(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?)
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
        let mut stmt = self.tx.prepare_cached(sql).map_err(DbError::from)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(DbError::from)? {
            out.push(f(&Row { inner: r })?);
        }
        Ok(out)
    }

    /// The first row of a query, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn ToParam],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut stmt = self.tx.prepare_cached(sql).map_err(DbError::from)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values(params))).map_err(DbError::from)?;
        match rows.next().map_err(DbError::from)? {
            Some(r) => Ok(Some(f(&Row { inner: r })?)),
            None => Ok(None),
        }
    }

    /// The first row of a query that always has one (a count, an EXISTS).
    pub fn query_one<T>(&self, sql: &str, params: &[&dyn ToParam], f: impl FnOnce(&Row<'_>) -> Result<T>) -> Result<T> {
        self.query_opt(sql, params, f)?.ok_or_else(|| DbError::NoRow.into())
    }

    /// Run several statements with no parameters (schema changes).
    pub fn batch(&self, sql: &str) -> Result<()> {
        self.tx.execute_batch(sql).map_err(DbError::from)?;
        Ok(())
    }

    /// Whether the schema has a trigger of this name.
    pub fn has_trigger(&self, name: &str) -> Result<bool> {
        self.query_one(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
            params![name],
            |r| r.get(0),
        )
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
