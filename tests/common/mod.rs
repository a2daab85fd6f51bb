//! Helpers shared by the integration tests: a throw-away workspace driven through the real
//! `gradlab` binary, realistic inputs (JPEGs good and bad, CSV in UTF-8 and GB18030, xlsx),
//! and a snapshot of the store to prove a failed command changed nothing.
#![allow(dead_code)]

pub mod lab;
pub mod pg;
pub mod portrait;
pub mod printer;
pub mod smtp;

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

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.root().join("gradlab.db")).expect("open db")
    }

    /// Every row of every table, plus every file in the photo store with its size.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<String>> {
        let db = self.db();
        let mut out = BTreeMap::new();
        let tables: Vec<String> = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in tables {
            let mut stmt = db.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let rows: Vec<String> = stmt
                .query_map([], |r| {
                    let mut cells = Vec::new();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        cells.push(format!("{v:?}"));
                    }
                    Ok(cells.join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            out.insert(t, rows);
        }
        let mut files = Vec::new();
        collect_files(&self.root().join("photos"), &mut files);
        files.sort();
        out.insert("<photo files>".into(), files);
        out
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }
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
