//! Two stations of one lab on one PostgreSQL store: the photos one station imports live in the
//! store, and another station renders and previews them byte for byte, through a cache of its
//! own that it checks on every read.

mod common;

use common::lab::{print_on_rip, school};
use common::*;
use std::fs;
use std::path::Path;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Every file under `dir` (its cache), by name.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for shard in fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().is_dir()) {
        if shard.file_name().len() == 2 {
            out.extend(fs::read_dir(shard.path()).unwrap().flatten().map(|e| e.path()));
        }
    }
    out.sort();
    out
}

/// `job render --json`: each part's file hash.
fn render(ws: &Ws, job: &str) -> Vec<String> {
    let out = ws.run_ok(&["job", "render", job, "--json"]).json();
    let parts = out["parts"].as_array().unwrap();
    parts.iter().map(|p| sha256_hex(&fs::read(p["path"].as_str().unwrap()).unwrap())).collect()
}

#[test]
fn a_second_station_renders_the_first_stations_photos_byte_for_byte() {
    let url = pg::server().fresh_database();
    let (a, b) = (Ws::joining(&url), Ws::joining(&url));
    let rows = school(&a, "10001", 1, &[("1班", 3), ("2班", 2)]);

    // The photos are in the store, each under its own hash; no station keeps them as files.
    let blobs = a.rows("SELECT sha256, bytes FROM photo_blobs ORDER BY sha256", &[]);
    assert_eq!(blobs.len(), rows.len());
    let students = a.rows("SELECT DISTINCT photo_sha256 FROM students ORDER BY 1", &[]);
    assert_eq!(blobs.iter().map(|b| &b[0]).collect::<Vec<_>>(), students.iter().map(|s| &s[0]).collect::<Vec<_>>());
    assert!(files(&a.root().join("photos")).is_empty(), "the importing station kept no files");

    // Station B sees the same students in the same order and renders the same bytes.
    let list = |ws: &Ws| ws.run_ok(&["student", "list", "--school", "10001", "--json"]).json();
    assert_eq!(list(&b), list(&a));
    let job = a.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    let on_a = render(&a, &job);
    let on_b = render(&b, &job);
    assert_eq!(on_b, on_a, "both stations render the job byte for byte");
    let cached = files(&b.root().join("photos"));
    assert_eq!(cached.len(), rows.len(), "B cached what it read: {cached:?}");
    for f in &cached {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert_eq!(format!("{}.jpg", sha256_hex(&fs::read(f).unwrap())), name, "a cached photo is what it is named");
    }

    // A damaged cache is never printed: the photo is fetched again and the job renders the same.
    fs::write(&cached[0], b"not the photo").unwrap();
    fs::remove_file(&cached[1]).unwrap();
    assert_eq!(render(&b, &job), on_a);
    assert_ne!(fs::read(&cached[0]).unwrap(), b"not the photo", "the cache was mended");
    assert!(cached[1].is_file());

    // The job B rendered prints from B, and A sees it printed.
    print_on_rip(&b, &job);
    assert_eq!(a.run_ok(&["job", "status", &job, "--json"]).json()["printed"], true);
}

#[test]
fn an_import_that_fails_leaves_no_photo_in_the_shared_store() {
    let url = pg::server().fresh_database();
    let a = Ws::joining(&url);
    a.add_school("10001");
    let rows: Vec<Row> = (1..=3).map(|i| Row::new(i, "10001", "1班")).collect();
    let batch = a.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    // The last row names a school the store does not know: the whole batch is refused.
    let mut bad = rows.clone();
    bad.push(Row::new(4, "99999", "1班"));
    let refused = a.path("refused");
    write_batch(&refused, &bad, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let before = a.snapshot();
    let out = a.run(&["batch", "import", refused.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(a.snapshot(), before, "nothing stored");
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 0);

    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 3);
    // The same batch again stores nothing twice.
    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 3);
}
