//! Moving a lab: a SQLite store, every row of every table and every photo file, copied into an
//! empty PostgreSQL store in one PostgreSQL transaction, checked (row counts, photo hashes) and
//! only then committed. Tables, their columns and the order foreign keys need are read from the
//! SQLite schema, so a column a later migration adds is copied with no change here. It only
//! reads the SQLite side (holding its write lock meanwhile, so nothing is written there that
//! the copy would miss), and never commits a copy that is not whole.

use super::db::{self, DbError, Value};
use super::{Conn, PhotoStore, Store, Tx, WRITE_LOCK, schema};
use crate::error::{Error, IoContext, Result};
use crate::progress::{self, Progress};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// What a move copied.
#[derive(Debug, Clone, Serialize)]
pub struct Copied {
    /// The PostgreSQL server and database, `HOST:PORT/DB`.
    pub server: String,
    /// Every table, in the order it was copied, with its rows.
    pub tables: Vec<TableRows>,
    pub rows: u64,
    pub photos: u64,
    pub photo_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRows {
    pub table: String,
    pub rows: u64,
}

/// One SQLite table as the copy sees it.
struct Table {
    name: String,
    columns: Vec<String>,
    rows: u64,
}

impl Store {
    /// Copy this SQLite store and its photo files (`photos`) into `target`, an empty PostgreSQL
    /// store. `before_commit` runs in the target's transaction once the copy has passed its
    /// checks (to audit the move); nothing is committed unless it succeeds too. A target that
    /// holds any row is refused, and so is a store whose schema this program does not know.
    pub fn copy_into(
        &mut self,
        target: &mut Store,
        photos: &PhotoStore,
        progress: &dyn Progress,
        before_commit: impl FnOnce(&Tx<'_>, &Copied) -> Result<()>,
    ) -> Result<Copied> {
        if let Some(v) = self.too_new.or(target.too_new) {
            return Err(crate::msg!("migrate-schema-too-new", version = v, known = schema::VERSION).into());
        }
        let station = self.station.clone();
        let (Conn::Lite(lite), Conn::Pg { client, statements, server }) = (&mut self.conn, &mut target.conn) else {
            return Err(Error::input("a store is moved only from a SQLite file into a PostgreSQL server"));
        };
        if photos.is_shared() {
            return Err(Error::input("the photos to move must be the SQLite workspace's own files"));
        }
        let server = server.clone();
        let on = |what: &str| fail(&server, what);

        // The SQLite side is only read, under its write lock so no other program changes it
        // meanwhile; the transaction is rolled back when this returns.
        let lite = lite.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let tables = sqlite_tables(&lite)?;
        let shas: Vec<String> = lite
            .prepare("SELECT sha256 FROM photos ORDER BY sha256")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;

        let mut tx = client.transaction().map_err(on("starting the copy"))?;
        tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})")).map_err(on("locking the store"))?;
        refuse_data(&mut tx, &server)?;
        check_columns(&mut tx, &tables, &server)?;

        progress.stage(&crate::i18n::tr("stage-copying-tables"), tables.iter().map(|t| t.rows).sum());
        for t in &tables {
            copy_table(&lite, &mut tx, t, &server, progress)?;
        }
        set_sequences(&mut tx, &tables).map_err(on("setting the id sequences"))?;

        progress.stage(&crate::i18n::tr("stage-copying-photos"), shas.len() as u64);
        let photo_bytes = copy_photos(&mut tx, photos, &shas, &server, progress)?;

        progress.stage(&crate::i18n::tr("stage-checking-copy"), tables.len() as u64 + 1);
        let differ = differences(&mut tx, &tables, shas.len() as u64, progress).map_err(on("checking the copy"))?;
        if !differ.is_empty() {
            return Err(
                crate::msg!("migrate-copy-differs", server = server.as_str(), differ = differ.join("; ")).into()
            );
        }

        let copied = Copied {
            server: server.clone(),
            tables: tables.iter().map(|t| TableRows { table: t.name.clone(), rows: t.rows }).collect(),
            rows: tables.iter().map(|t| t.rows).sum(),
            photos: shas.len() as u64,
            photo_bytes,
        };
        let tx = Tx { db: db::Db::postgres(tx, statements, &server), station };
        before_commit(&tx, &copied)?;
        progress::check(progress)?;
        tx.commit().map_err(|e| {
            Error::from(crate::msg!("migrate-commit-failed", server = server.as_str(), error = e.to_string()))
        })?;
        Ok(copied)
    }
}

/// `"name"`, as SQL writes an identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn column_list(t: &Table) -> String {
    t.columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ")
}

/// The SQLite store's tables with their columns and row counts, each after the tables its
/// foreign keys refer to.
fn sqlite_tables(lite: &rusqlite::Connection) -> Result<Vec<Table>> {
    let names: Vec<String> = lite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut refers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut tables = BTreeMap::new();
    for name in &names {
        let columns: Vec<String> = lite
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([name], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let parents: BTreeSet<String> = lite
            .prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?
            .query_map([name], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let rows: i64 = lite.query_row(&format!("SELECT count(*) FROM {}", ident(name)), [], |r| r.get(0))?;
        refers.insert(name.clone(), parents.into_iter().filter(|p| p != name).collect());
        tables.insert(name.clone(), Table { name: name.clone(), columns, rows: rows as u64 });
    }
    let mut ordered = Vec::new();
    while !tables.is_empty() {
        let ready: Vec<String> =
            tables.keys().filter(|n| refers[*n].iter().all(|p| !tables.contains_key(p))).cloned().collect();
        if ready.is_empty() {
            let left: Vec<&String> = tables.keys().collect();
            return Err(Error::input(format!(
                "the SQLite store's tables refer to each other in a circle ({left:?}): no order copies them"
            )));
        }
        for n in ready {
            ordered.extend(tables.remove(&n));
        }
    }
    Ok(ordered)
}

/// A PostgreSQL error met while doing `what`, naming the server.
fn fail(server: &str, what: &str) -> impl Fn(postgres::Error) -> Error + use<> {
    let (server, what) = (server.to_string(), what.to_string());
    move |e| Error::input(format!("PostgreSQL server {server}: {what}: {}", DbError::from(e)))
}

/// Refuse a target that holds any row: the move never mixes two labs' data.
fn refuse_data(tx: &mut postgres::Transaction<'_>, server: &str) -> Result<()> {
    let on = fail(server, "counting the rows already there");
    let tables: Vec<String> = tx
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename <> 'gradlab_schema' ORDER BY 1",
            &[],
        )
        .map_err(&on)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut held = Vec::new();
    for t in tables {
        let n: i64 = tx.query_one(&format!("SELECT count(*) FROM {}", ident(&t)), &[]).map_err(&on)?.get(0);
        if n > 0 {
            held.push(format!("{t}: {n} {}", if n == 1 { "row" } else { "rows" }));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(crate::msg!("migrate-target-not-empty", server = server, held = held.join(", ")).into())
}

/// Every SQLite table and column must be in the target, or the copy would lose it.
fn check_columns(tx: &mut postgres::Transaction<'_>, tables: &[Table], server: &str) -> Result<()> {
    let on = fail(server, "reading the schema");
    let mut have: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in tx
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema()",
            &[],
        )
        .map_err(&on)?
    {
        have.entry(r.get(0)).or_default().insert(r.get(1));
    }
    let mut missing = Vec::new();
    for t in tables {
        match have.get(&t.name) {
            None => missing.push(format!("table {}", t.name)),
            Some(cols) => {
                missing.extend(t.columns.iter().filter(|c| !cols.contains(*c)).map(|c| format!("{}.{c}", t.name)))
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(crate::msg!("migrate-schemas-differ", server = server, missing = missing.join(", ")).into())
}

fn copy_table(
    lite: &rusqlite::Connection,
    tx: &mut postgres::Transaction<'_>,
    t: &Table,
    server: &str,
    progress: &dyn Progress,
) -> Result<()> {
    let on = fail(server, &format!("copying table {}", t.name));
    if t.rows == 0 {
        return Ok(());
    }
    let columns = column_list(t);
    let types: Vec<Type> = tx
        .prepare(&format!("SELECT {columns} FROM {} LIMIT 0", ident(&t.name)))
        .map_err(&on)?
        .columns()
        .iter()
        .map(|c| c.type_().clone())
        .collect();
    let sink = tx.copy_in(&format!("COPY {} ({columns}) FROM STDIN (FORMAT binary)", ident(&t.name))).map_err(&on)?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut stmt = lite.prepare(&format!("SELECT {columns} FROM {}", ident(&t.name)))?;
    let mut rows = stmt.query([])?;
    let mut n = 0u64;
    while let Some(row) = rows.next()? {
        n += 1;
        let mut values = Vec::with_capacity(types.len());
        for (i, ty) in types.iter().enumerate() {
            let cell = row.get_ref(i)?;
            values.push(cell_value(cell, ty).map_err(|problem| {
                Error::input(format!("table {}, row {n}, column {}: {problem}", t.name, t.columns[i]))
            })?);
        }
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        writer.write(&refs).map_err(&on)?;
        progress.inc(1);
        if n.is_multiple_of(1000) {
            progress::check(progress)?;
        }
    }
    writer.finish().map_err(&on)?;
    Ok(())
}

/// A SQLite cell as the value for a PostgreSQL column of type `ty`, refused when it would not
/// arrive as the same value (text into a number column, a fraction into an integer).
fn cell_value<'a>(cell: rusqlite::types::ValueRef<'a>, ty: &Type) -> std::result::Result<Value<'a>, String> {
    use rusqlite::types::ValueRef as V;
    let fits = match cell {
        V::Null => return Ok(Value::Null),
        V::Integer(n) => match *ty {
            Type::INT8 | Type::FLOAT8 | Type::BOOL => true,
            Type::INT4 => i32::try_from(n).is_ok(),
            Type::INT2 => i16::try_from(n).is_ok(),
            _ => false,
        },
        V::Real(_) => matches!(*ty, Type::FLOAT8 | Type::FLOAT4),
        V::Text(_) => matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR),
        V::Blob(_) => *ty == Type::BYTEA,
    };
    if !fits {
        let found = match cell {
            V::Integer(n) => format!("the integer {n}"),
            V::Real(f) => format!("the number {f}"),
            V::Text(_) => "text".into(),
            _ => "bytes".into(),
        };
        return Err(format!("SQLite holds {found}, which a PostgreSQL {ty} column cannot take as it is"));
    }
    Ok(match cell {
        V::Integer(n) => Value::Int(n),
        V::Real(f) => Value::Real(f),
        V::Text(t) => Value::Text(std::str::from_utf8(t).map_err(|e| format!("text that is not UTF-8 ({e})"))?),
        V::Blob(b) => Value::Blob(b),
        V::Null => Value::Null,
    })
}

/// Set every id sequence past the ids copied, so the next row gets a fresh one.
fn set_sequences(tx: &mut postgres::Transaction<'_>, tables: &[Table]) -> std::result::Result<(), postgres::Error> {
    let copied: BTreeSet<&str> = tables.iter().filter(|t| t.rows > 0).map(|t| t.name.as_str()).collect();
    let sequenced: Vec<(String, String)> = tx
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (table, column) in sequenced.iter().filter(|(t, _)| copied.contains(t.as_str())) {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max({}) AS m FROM {}) s \
                 WHERE m IS NOT NULL",
                ident(column),
                ident(table)
            ),
            &[&ident(table), &column],
        )?;
    }
    Ok(())
}

/// Every stored photo's file into `photo_blobs`, each checked against its name as it is read.
/// Returns the bytes copied.
fn copy_photos(
    tx: &mut postgres::Transaction<'_>,
    photos: &PhotoStore,
    shas: &[String],
    server: &str,
    progress: &dyn Progress,
) -> Result<u64> {
    let on = fail(server, "copying the photos");
    let sink = tx.copy_in("COPY photo_blobs (sha256, bytes) FROM STDIN (FORMAT binary)").map_err(&on)?;
    let mut writer = BinaryCopyInWriter::new(sink, &[Type::TEXT, Type::BYTEA]);
    let mut total = 0u64;
    for (i, sha) in shas.iter().enumerate() {
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::input(format!("the SQLite store's table photos holds {sha:?}, which is not a SHA-256")));
        }
        let path = photos.path_for(sha);
        let bytes = std::fs::read(&path).at(&path)?;
        if hex::encode(Sha256::digest(&bytes)) != *sha {
            return Err(crate::msg!("migrate-photo-damaged", file = path.display().to_string()).into());
        }
        writer.write(&[sha, &bytes.as_slice()]).map_err(&on)?;
        total += bytes.len() as u64;
        progress.inc(1);
        if i % 100 == 99 {
            progress::check(progress)?;
        }
    }
    writer.finish().map_err(&on)?;
    Ok(total)
}

/// What differs between the two sides: each table's rows, and every photo's blob (there, and
/// hashing, on the server, to its name).
fn differences(
    tx: &mut postgres::Transaction<'_>,
    tables: &[Table],
    photos: u64,
    progress: &dyn Progress,
) -> std::result::Result<Vec<String>, postgres::Error> {
    let mut differ = Vec::new();
    for t in tables {
        let n: i64 = tx.query_one(&format!("SELECT count(*) FROM {}", ident(&t.name)), &[])?.get(0);
        if n as u64 != t.rows {
            differ.push(format!("table {}: {} rows in SQLite, {n} in PostgreSQL", t.name, t.rows));
        }
        progress.inc(1);
    }
    let blobs: i64 = tx.query_one("SELECT count(*) FROM photo_blobs", &[])?.get(0);
    if blobs as u64 != photos {
        differ.push(format!("{photos} photos in SQLite, {blobs} photo blobs in PostgreSQL"));
    }
    let listed = |rows: Vec<postgres::Row>| rows.iter().map(|r| r.get::<_, String>(0)).collect::<Vec<_>>().join(", ");
    let missing = tx.query(
        "SELECT sha256 FROM photos p WHERE NOT EXISTS (SELECT 1 FROM photo_blobs b WHERE b.sha256 = p.sha256) \
         ORDER BY 1 LIMIT 5",
        &[],
    )?;
    if !missing.is_empty() {
        differ.push(format!("photos without their bytes: {}", listed(missing)));
    }
    let wrong = tx
        .query("SELECT sha256 FROM photo_blobs WHERE encode(sha256(bytes), 'hex') <> sha256 ORDER BY 1 LIMIT 5", &[])?;
    if !wrong.is_empty() {
        differ.push(format!("photo blobs whose SHA-256 is not their name: {}", listed(wrong)));
    }
    progress.inc(1);
    Ok(differ)
}

/// Whether a store url carries a password (which a settings file must never keep).
pub fn url_shows_password(url: &str) -> bool {
    super::pg_schema::redacted(url) != url
}
