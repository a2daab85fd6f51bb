//! Helpers shared by the integration tests: a throw-away workspace driven through the real
//! `gradlab` binary, realistic inputs (JPEGs good and bad, CSV in UTF-8 and GB18030, xlsx),
//! and a snapshot of the store to prove a failed command changed nothing.
#![allow(dead_code)]

pub mod lab;
pub mod pg;
pub mod portrait;
pub mod printer;
pub mod smtp;
pub mod window;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// GRADLAB_TEST_STORE=postgres: the tests' workspaces keep their store on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("GRADLAB_TEST_STORE").is_ok_and(|v| v == "postgres")
}

pub struct Ws {
    pub dir: tempfile::TempDir,
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

impl Ws {
    /// A fresh, initialised workspace; its store is on the tests' PostgreSQL server when
    /// GRADLAB_TEST_STORE=postgres, else its own SQLite file.
    pub fn new() -> Ws {
        if on_postgres() { Ws::on_postgres() } else { Ws::on_sqlite() }
    }

    /// A fresh workspace with its own SQLite file.
    pub fn on_sqlite() -> Ws {
        let ws = Ws::empty();
        let out = ws.run(&["init"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        ws
    }

    /// A fresh workspace whose store is a new database on the tests' PostgreSQL server.
    pub fn on_postgres() -> Ws {
        Ws::joining(&pg::server().fresh_database())
    }

    /// A fresh workspace (a station) on the PostgreSQL store at `url`.
    pub fn joining(url: &str) -> Ws {
        let ws = Ws::empty();
        let out = ws.run(&["init", "--store", url]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        ws
    }

    /// A temporary folder with no workspace in it yet.
    pub fn empty() -> Ws {
        Ws { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with_env(args, &[])
    }

    /// Run gradlab with these variables added to its environment.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_gradlab"))
            .arg("--workspace")
            .arg(self.root())
            .args(args)
            .env_remove("GRADLAB_HOME")
            // The tests read English unless one asks for another locale.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().copied())
            .output()
            .expect("run gradlab");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn run_ok(&self, args: &[&str]) -> Out {
        let out = self.run(args);
        assert_eq!(out.code, 0, "gradlab {args:?} failed:\n{}\n{}", out.stdout, out.stderr);
        out
    }

    pub fn add_school(&self, code: &str) {
        self.run_ok(&["school", "add", code, &format!("测试大学{code}")]);
    }

    /// The workspace's SQLite file itself, for what only a file has (its journal mode, its
    /// raw bytes). Backend-neutral checks use `store()`.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.root().join("gradlab.db")).expect("open db")
    }

    /// The PostgreSQL url in the workspace's settings, if its store is there.
    /// Read line by line, not with `Settings::load`: some tests break the file on purpose,
    /// and the store must still be found to prove the command changed nothing.
    fn store_url(&self) -> Option<String> {
        let settings = std::fs::read_to_string(self.root().join("gradlab.toml")).unwrap_or_default();
        settings
            .lines()
            .find_map(|l| l.trim().strip_prefix("url = \"").and_then(|r| r.strip_suffix('"')).map(str::to_string))
            .filter(|u| !u.is_empty())
    }

    /// Replace the workspace's settings with `text`, keeping the store it is on.
    pub fn write_settings(&self, text: &str) {
        let store = match self.store_url() {
            Some(url) if !text.contains("[store]") => format!("\n[store]\nurl = \"{url}\"\n"),
            _ => String::new(),
        };
        std::fs::write(self.root().join("gradlab.toml"), format!("{text}{store}")).expect("write settings");
    }

    /// The test's own connection to this workspace's store, SQLite or PostgreSQL.
    pub fn store(&self) -> StoreConn {
        match self.store_url() {
            Some(url) => StoreConn::Postgres(postgres::Client::connect(&url, postgres::NoTls).expect("connect")),
            None => StoreConn::Sqlite(self.db()),
        }
    }

    /// Every row of every table (sorted, so the backends' row orders do not matter), plus
    /// every file in the photo store with its size.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<String>> {
        let mut db = self.store();
        let mut out = BTreeMap::new();
        for t in db.tables() {
            let mut rows: Vec<String> =
                db.rows(&format!("SELECT * FROM \"{t}\""), &[]).into_iter().map(|r| r.join("|")).collect();
            rows.sort();
            out.insert(t, rows);
        }
        let mut files = Vec::new();
        collect_files(&self.root().join("photos"), &mut files);
        files.sort();
        out.insert("<photo files>".into(), files);
        out
    }

    /// Everything the store holds, to search for what must never be kept there: the SQLite
    /// file with its journal, or on PostgreSQL every row of every table as text.
    pub fn stored_bytes(&self) -> Vec<u8> {
        match self.store() {
            StoreConn::Sqlite(db) => {
                drop(db);
                let mut raw = Vec::new();
                for f in ["gradlab.db", "gradlab.db-wal"] {
                    raw.extend(std::fs::read(self.root().join(f)).unwrap_or_default());
                }
                raw
            }
            StoreConn::Postgres(_) => format!("{:?}", self.snapshot()).into_bytes(),
        }
    }

    /// A stored photo's bytes: its file in the photo store, or on PostgreSQL its row.
    pub fn stored_photo(&self, sha: &str) -> Option<Vec<u8>> {
        match self.store() {
            StoreConn::Sqlite(_) => {
                std::fs::read(self.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"))).ok()
            }
            StoreConn::Postgres(mut db) => {
                let row = db.query_opt("SELECT bytes FROM photo_blobs WHERE sha256 = $1", &[&sha]).expect("query");
                row.map(|r| r.get(0))
            }
        }
    }

    /// The one number a query returns.
    pub fn count(&self, sql: &str) -> i64 {
        let v = self.value(sql, &[]);
        v.parse().unwrap_or_else(|_| panic!("{sql}: {v} is not a number"))
    }

    /// The one cell a query returns, as text ("NULL" for none).
    pub fn value(&self, sql: &str, params: &[&str]) -> String {
        let rows = self.store().rows(sql, params);
        assert_eq!(rows.len(), 1, "{sql}: {} rows", rows.len());
        rows[0][0].clone()
    }

    /// Audit entries that match `condition`, oldest first: (operator, action, subject, detail).
    pub fn audit(&self, condition: &str) -> Vec<(String, String, String, String)> {
        let sql = format!("SELECT operator, action, subject, detail FROM audit WHERE {condition} ORDER BY id");
        self.rows(&sql, &[]).into_iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone())).collect()
    }

    /// The rows a query returns, each cell as text.
    pub fn rows(&self, sql: &str, params: &[&str]) -> Vec<Vec<String>> {
        self.store().rows(sql, params)
    }
}

/// A connection to a workspace's store as the tests see it: each cell as text, so one test
/// reads SQLite and PostgreSQL alike. Queries are written with SQLite's `?N` placeholders.
pub enum StoreConn {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl StoreConn {
    pub fn rows(&mut self, sql: &str, params: &[&str]) -> Vec<Vec<String>> {
        match self {
            StoreConn::Sqlite(db) => {
                let mut stmt = db.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let n = stmt.column_count();
                stmt.query_map(rusqlite::params_from_iter(params), |r| {
                    (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(sqlite_text)).collect()
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
            }
            StoreConn::Postgres(db) => {
                let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as &(dyn postgres::types::ToSql + Sync)).collect();
                let rows = db.query(&dollar_placeholders(sql), &params).unwrap_or_else(|e| match e.as_db_error() {
                    Some(d) => panic!("{sql}: {}", d.message()),
                    None => panic!("{sql}: {e}"),
                });
                rows.iter().map(|r| (0..r.len()).map(|i| pg_text(r, i)).collect()).collect()
            }
        }
    }

    /// Run a statement; the store's refusal comes back as its message.
    pub fn execute(&mut self, sql: &str) -> Result<u64, String> {
        match self {
            StoreConn::Sqlite(db) => db.execute(sql, []).map(|n| n as u64).map_err(|e| e.to_string()),
            StoreConn::Postgres(db) => db.execute(sql, &[]).map_err(|e| match e.as_db_error() {
                Some(d) => d.message().to_string(),
                None => e.to_string(),
            }),
        }
    }

    /// The store's tables, by name.
    pub fn tables(&mut self) -> Vec<String> {
        let sql = match self {
            StoreConn::Sqlite(_) => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            StoreConn::Postgres(_) => {
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            }
        };
        self.rows(sql, &[]).into_iter().map(|mut r| r.remove(0)).collect()
    }
}

fn sqlite_text(v: rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Null => "NULL".into(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s,
        Value::Blob(b) => {
            format!("<{} bytes {:x}>", b.len(), b.iter().fold(0u64, |h, x| h.wrapping_mul(31) ^ *x as u64))
        }
    }
}

fn pg_text(r: &postgres::Row, i: usize) -> String {
    use postgres::types::Type;
    let text = match *r.columns()[i].type_() {
        Type::INT8 => r.get::<_, Option<i64>>(i).map(|v| v.to_string()),
        Type::INT4 => r.get::<_, Option<i32>>(i).map(|v| v.to_string()),
        Type::INT2 => r.get::<_, Option<i16>>(i).map(|v| v.to_string()),
        Type::FLOAT8 => r.get::<_, Option<f64>>(i).map(|v| v.to_string()),
        Type::BOOL => r.get::<_, Option<bool>>(i).map(|v| (v as i64).to_string()),
        Type::BYTEA => r.get::<_, Option<Vec<u8>>>(i).map(|b| sqlite_text(rusqlite::types::Value::Blob(b))),
        _ => r.get::<_, Option<String>>(i),
    };
    text.unwrap_or_else(|| "NULL".into())
}

/// `?N` as PostgreSQL writes it, `$N` (the tests' SQL has no question marks in literals).
fn dollar_placeholders(sql: &str) -> String {
    sql.replace('?', "$")
}

fn collect_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(&p, out);
        } else if !p.ends_with(".import.lock") {
            let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            out.push(format!("{} {len}", p.display()));
        }
    }
}

// ----- photos ------------------------------------------------------------------------------

/// A standard-conforming photo; different seeds give different bytes.
pub fn good_photo(seed: u64) -> Vec<u8> {
    gradlab::app::demo::synthetic_photo(seed)
}

fn pixels(w: u16, h: u16, channels: usize, seed: u64) -> Vec<u8> {
    (0..w as usize * h as usize * channels).map(|i| ((i as u64 * 31 + seed * 7) % 251) as u8).collect()
}

pub fn jpeg(w: u16, h: u16, color: jpeg_encoder::ColorType, seed: u64) -> Vec<u8> {
    let channels = match color {
        jpeg_encoder::ColorType::Luma => 1,
        jpeg_encoder::ColorType::Cmyk => 4,
        _ => 3,
    };
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 80);
    enc.set_density(jpeg_encoder::PixelDensity::dpi(300));
    enc.encode(&pixels(w, h, channels, seed), w, h, color).unwrap();
    out
}

pub fn cmyk_photo() -> Vec<u8> {
    jpeg(480, 640, jpeg_encoder::ColorType::Cmyk, 1)
}

pub fn grey_photo() -> Vec<u8> {
    jpeg(480, 640, jpeg_encoder::ColorType::Luma, 2)
}

pub fn wrong_size_photo() -> Vec<u8> {
    jpeg(413, 579, jpeg_encoder::ColorType::Rgb, 3)
}

/// A conforming photo that carries EXIF orientation 6 (rotated 90° clockwise).
pub fn rotated_photo(seed: u64) -> Vec<u8> {
    let good = good_photo(seed);
    // TIFF header (little endian) with one IFD entry: Orientation (0x0112), SHORT, 1, value 6.
    let mut tiff = vec![b'I', b'I', 42, 0, 8, 0, 0, 0, 1, 0];
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    let mut seg = b"Exif\0\0".to_vec();
    seg.extend_from_slice(&tiff);
    let len = (seg.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&seg);
    out.extend_from_slice(&good[2..]);
    out
}

pub fn truncated_photo(seed: u64) -> Vec<u8> {
    let good = good_photo(seed);
    good[..good.len() * 2 / 3].to_vec()
}

pub fn png_bytes() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(480, 640, image::Rgb([100, 197, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

// ----- data tables -------------------------------------------------------------------------

pub const KEYS: [&str; 9] = ["sjc", "cjm", "yxdm", "zjhm", "xh", "cc", "xllb", "xm", "bh"];
pub const CHINESE: [&str; 9] = ["时间戳", "采集码", "院校代码", "证件号码", "学号", "层次", "学历类别", "姓名", "班级"];

/// One row of a data table, by CHSI key.
#[derive(Clone, Debug)]
pub struct Row {
    pub sjc: String,
    pub cjm: String,
    pub yxdm: String,
    pub zjhm: String,
    pub xh: String,
    pub cc: String,
    pub xllb: String,
    pub xm: String,
    pub bh: String,
}

impl Row {
    pub fn new(i: usize, school: &str, bh: &str) -> Row {
        Row {
            sjc: format!("{}", 1_716_000_000_000i64 + i as i64 * 1000),
            cjm: cjm(i),
            yxdm: school.into(),
            zjhm: format!("{:04}", 1000 + i % 9000),
            xh: format!("20200100{:05}", i),
            cc: "本科".into(),
            xllb: "普通高校".into(),
            xm: "张*三".into(),
            bh: bh.into(),
        }
    }

    pub fn values(&self) -> [String; 9] {
        [
            self.sjc.clone(),
            self.cjm.clone(),
            self.yxdm.clone(),
            self.zjhm.clone(),
            self.xh.clone(),
            self.cc.clone(),
            self.xllb.clone(),
            self.xm.clone(),
            self.bh.clone(),
        ]
    }
}

/// A valid 16-character collection code for test student `i`.
pub fn cjm(i: usize) -> String {
    format!("Tst{:013}", i)
}

pub fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = headers.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
}

/// Write a batch folder: a UTF-8 (BOM) CSV with Chinese headers and `<cjm>.jpg` photos.
pub fn write_batch(dir: &Path, rows: &[Row], photo: impl Fn(&Row) -> Option<Vec<u8>>) {
    std::fs::create_dir_all(dir).unwrap();
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.values().to_vec()).collect();
    let text = format!("\u{feff}{}", csv_text(&CHINESE, &table));
    std::fs::write(dir.join("数据表.csv"), text).unwrap();
    for r in rows {
        if let Some(bytes) = photo(r) {
            std::fs::write(dir.join(format!("{}.jpg", r.cjm)), bytes).unwrap();
        }
    }
}

pub fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::GB18030.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

/// The PDF files in a folder (a hot folder, an output folder), by name, sorted.
pub fn pdfs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    v.sort();
    v
}
