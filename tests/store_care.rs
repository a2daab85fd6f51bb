//! `gradlab check`, `backup` and `restore` through the real binary: a whole store passes, each
//! kind of damage is named (and exits 3), a backup taken while an import writes restores into
//! a workspace that checks whole and lists the same, a second backup copies only what is new,
//! and every refusal leaves both sides as they were.

mod common;

use common::{Ws, lab, pg};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// A workspace with two schools, each with a job rendered in parts of one sheet.
fn lab_with_two_jobs() -> (Ws, String, String) {
    let ws = Ws::on_sqlite();
    let settings = ws.root().join("gradlab.toml");
    let text = fs::read_to_string(&settings).unwrap().replace("max_sheets_per_part = 200", "max_sheets_per_part = 1");
    fs::write(&settings, text).unwrap();
    lab::school(&ws, "10001", 1, &[("一班", 5)]);
    lab::school(&ws, "10002", 100, &[("二班", 5)]);
    let job = |school: &str| {
        let id = ws.run_ok(&["job", "create", "--school", school, "--json"]).json()["id"].as_str().unwrap().to_string();
        ws.run_ok(&["job", "render", &id]);
        id
    };
    let (a, b) = (job("10001"), job("10002"));
    (ws, a, b)
}

fn check(ws: &Ws) -> (i32, Value) {
    let out = ws.run(&["check", "--json"]);
    (out.code, out.json())
}

fn problems<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["problems"].as_array().unwrap().iter().filter(|p| p["code"] == code).collect()
}

/// The part files of the first job made (`first`) or the second.
fn part_files(ws: &Ws, first: bool) -> Vec<PathBuf> {
    let which = if first { "min" } else { "max" };
    let sql = format!("SELECT path FROM job_parts WHERE job_id = (SELECT {which}(id) FROM jobs) ORDER BY part");
    ws.rows(&sql, &[]).into_iter().map(|r| PathBuf::from(&r[0])).collect()
}

fn photo_file(root: &Path, sha: &str) -> PathBuf {
    root.join("photos").join(&sha[..2]).join(format!("{sha}.jpg"))
}

#[test]
fn a_whole_store_passes_and_each_kind_of_damage_is_named() {
    let (ws, job_a, job_b) = lab_with_two_jobs();
    let (code, report) = check(&ws);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]));
    assert_eq!(report["photos"], 10);
    let parts = ws.count("SELECT count(*) FROM job_parts");
    assert!(parts >= 4, "each job has parts of one sheet: {parts}");
    assert_eq!(report["files"], parts);
    let human = ws.run_ok(&["check"]).stdout;
    assert!(human.contains("The store is whole (SQLite): 10 photos"), "{human}");

    // The damage a lab meets: a photo changed by hand, one deleted, a stray file, a part
    // deleted, another rewritten, and a row whose photo row was removed behind gradlab's back.
    let shas: Vec<String> =
        ws.rows("SELECT sha256 FROM photos ORDER BY sha256", &[]).into_iter().map(|r| r[0].clone()).collect();
    let changed = photo_file(&ws.root(), &shas[0]);
    let mut bytes = fs::read(&changed).unwrap();
    bytes[300] ^= 0x55;
    fs::write(&changed, bytes).unwrap();
    let gone = photo_file(&ws.root(), &shas[1]);
    fs::remove_file(&gone).unwrap();
    let stray = ws.root().join("photos").join("ab").join("holiday.jpg");
    fs::create_dir_all(stray.parent().unwrap()).unwrap();
    fs::write(&stray, b"not ours").unwrap();
    let (a_parts, b_parts) = (part_files(&ws, true), part_files(&ws, false));
    fs::remove_file(&a_parts[0]).unwrap();
    let mut pdf = fs::read(&b_parts[1]).unwrap();
    pdf.extend_from_slice(b"\n% edited\n");
    fs::write(&b_parts[1], pdf).unwrap();
    let db = ws.db();
    db.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    db.execute("DELETE FROM face_checks WHERE photo_sha256 = ?1", [&shas[2]]).unwrap();
    db.execute("DELETE FROM photos WHERE sha256 = ?1", [&shas[2]]).unwrap();
    drop(db);

    let before = ws.snapshot();
    let (code, report) = check(&ws);
    assert_eq!(code, 3, "{report}");
    assert_eq!(ws.snapshot(), before, "check only reads");
    let one = |code: &str| -> Value {
        let found = problems(&report, code);
        assert!(!found.is_empty(), "no {code} in {report}");
        found[0].clone()
    };
    let photo_changed = one("photo_changed");
    assert_eq!(photo_changed["path"], changed.display().to_string());
    let cjm = ws.value("SELECT cjm FROM students WHERE photo_sha256 = ?1", &[&shas[0]]);
    assert!(photo_changed["detail"].as_str().unwrap().contains(&cjm), "{photo_changed}");
    assert_eq!(one("photo_missing")["path"], gone.display().to_string());
    let unclaimed: Vec<&str> =
        problems(&report, "photo_unclaimed").iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert!(unclaimed.contains(&stray.to_str().unwrap()), "{unclaimed:?}");
    // The photo whose row went is a file no row claims, and its students refer to nothing.
    assert!(unclaimed.contains(&photo_file(&ws.root(), &shas[2]).to_str().unwrap()), "{unclaimed:?}");
    let database: Vec<&str> = problems(&report, "database").iter().map(|p| p["detail"].as_str().unwrap()).collect();
    assert!(database.contains(&"1 row of table students refers to rows missing from table photos; the database was changed outside gradlab: put it back from a backup"), "{database:?}");
    assert_eq!(one("part_missing")["path"], a_parts[0].display().to_string());
    let part_changed = one("part_changed");
    assert_eq!(part_changed["path"], b_parts[1].display().to_string());
    assert!(part_changed["detail"].as_str().unwrap().contains(&format!("job {job_b} part 2")), "{part_changed}");
    let counted: usize = ["photo_changed", "photo_missing", "part_missing", "part_changed"]
        .iter()
        .map(|c| problems(&report, c).len())
        .sum();
    assert_eq!((counted, unclaimed.len()), (4, 2), "{report}");

    // A person reads the same problems, one a line, in their language.
    let out = ws.run_with_env(&["check"], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(out.code, 3);
    let n = report["problems"].as_array().unwrap().len();
    assert!(out.stdout.starts_with(&format!("库中有 {n} 处问题（SQLite）")), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("作业 {job_a} 第 1 部分：文件不见了")), "{}", out.stdout);
}

#[test]
fn a_backup_restores_into_a_workspace_that_checks_whole_and_lists_the_same() {
    let (ws, job_a, _) = lab_with_two_jobs();
    let folder = ws.path("backup");
    let first = ws.run_ok(&["backup", folder.to_str().unwrap(), "--json"]).json();
    assert_eq!(first["photos"], 10);
    assert_eq!(first["photos_copied"], 10);
    let parts = ws.count("SELECT count(*) FROM job_parts") as u64;
    assert_eq!(first["files_copied"].as_u64(), Some(parts));
    assert_eq!(first["left_out"], serde_json::json!([]));
    // A second backup into the same folder copies only what is new.
    let again = ws.run_ok(&["backup", folder.to_str().unwrap(), "--json"]).json();
    assert_eq!((again["photos_copied"].as_u64(), again["files_copied"].as_u64()), (Some(0), Some(0)));
    lab::school(&ws, "10003", 200, &[("三班", 3)]);
    let third = ws.run_ok(&["backup", folder.to_str().unwrap(), "--json"]).json();
    assert_eq!((third["photos"].as_u64(), third["photos_copied"].as_u64()), (Some(13), Some(3)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "a backup holds names and photos: private to its owner");
    }

    let restored = Ws::empty();
    let out = restored.run(&["restore", folder.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let report = out.json();
    assert_eq!(report["check"]["problems"], serde_json::json!([]));
    assert_eq!(report["photos"], 13);
    assert_eq!(restored.run_ok(&["check", "--json"]).json()["problems"], serde_json::json!([]));

    // Everything lists the same; only where the files are differs.
    let same = |args: &[&str]| {
        let (a, b) = (ws.run_ok(args).stdout, restored.run_ok(args).stdout);
        let b = b.replace(restored.root().to_str().unwrap(), ws.root().to_str().unwrap());
        assert_eq!(a, b, "{args:?}");
    };
    for school in ["10001", "10002", "10003"] {
        same(&["student", "list", "--school", school, "--json"]);
    }
    same(&["job", "list", "--json"]);
    same(&["job", "show", &job_a, "--json"]);
    same(&["job", "status", &job_a, "--json"]);
    // The restored parts are where the store says, and are the parts it recorded.
    for r in restored.rows("SELECT path FROM job_parts", &[]) {
        assert!(Path::new(&r[0]).starts_with(restored.root()), "{}", r[0]);
    }
    let verified = restored.run(&["job", "verify", &job_a]);
    assert_eq!(verified.code, 0, "{}\n{}", verified.stdout, verified.stderr);
    assert_eq!(restored.run_ok(&["audit", "verify"]).code, 0);
    let restores = restored.audit("action = 'store.restored'");
    assert_eq!(restores.len(), 1, "{restores:?}");
}

#[test]
fn a_backup_taken_while_an_import_writes_is_one_consistent_store() {
    let ws = Ws::on_sqlite();
    ws.add_school("10001");
    let rows: Vec<common::Row> = (0..400).map(|i| common::Row::new(i + 1, "10001", "一班")).collect();
    let batch = ws.path("big-batch");
    common::write_batch(&batch, &rows, |r| Some(common::good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let mut import = std::process::Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .arg("--workspace")
        .arg(ws.root())
        .args(["batch", "import", batch.to_str().unwrap()])
        .env("LANG", "C.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut folders = Vec::new();
    loop {
        let folder = ws.path(&format!("backup-{}", folders.len()));
        let out = ws.run(&["backup", folder.to_str().unwrap(), "--json"]);
        assert_eq!(out.code, 0, "a backup does not wait for the import or stop it: {}", out.stderr);
        folders.push(folder);
        if import.try_wait().unwrap().is_some() {
            break;
        }
    }
    assert!(import.wait().unwrap().success());
    // One more after the import finished, which holds all of it.
    let after = ws.path("backup-after");
    ws.run_ok(&["backup", after.to_str().unwrap()]);
    folders.push(after);
    let mut seen = Vec::new();
    for folder in &folders {
        let restored = Ws::empty();
        let out = restored.run(&["restore", folder.to_str().unwrap(), "--json"]);
        assert_eq!(out.code, 0, "{}: {}\n{}", folder.display(), out.stdout, out.stderr);
        let photos = out.json()["photos"].as_u64().unwrap();
        assert!(photos == 0 || photos == 400, "all of the import or none of it: {photos}");
        seen.push(photos);
    }
    assert_eq!(seen.last(), Some(&400));
}

#[test]
fn a_damaged_photo_is_left_out_of_the_backup_and_named_and_the_rest_is_kept() {
    let ws = Ws::on_sqlite();
    lab::school(&ws, "10001", 1, &[("一班", 4)]);
    let sha = ws.value("SELECT min(sha256) FROM photos", &[]);
    let file = photo_file(&ws.root(), &sha);
    fs::write(&file, b"overwritten").unwrap();
    let folder = ws.path("backup");
    let out = ws.run(&["backup", folder.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3, "{}\n{}", out.stdout, out.stderr);
    let report = out.json();
    assert_eq!(report["photos_copied"], 3);
    assert_eq!(report["left_out"][0]["path"], file.display().to_string());

    let restored = Ws::empty();
    let out = restored.run(&["restore", folder.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3, "restored, but not whole: {}", out.stdout);
    let report = out.json();
    let missing = problems(&report["check"], "photo_missing");
    assert_eq!(missing.len(), 1, "{report}");
    assert_eq!(missing[0]["path"], photo_file(&restored.root(), &sha).display().to_string());
}

#[test]
fn refusals_name_the_folder_and_change_nothing() {
    let ws = Ws::on_sqlite();
    lab::school(&ws, "10001", 1, &[("一班", 2)]);

    // Into a folder that holds something else.
    let other = ws.path("holiday-photos");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("beach.jpg"), b"x").unwrap();
    let out = ws.run(&["backup", other.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not empty and holds no gradlab backup"), "{}", out.stderr);
    assert_eq!(fs::read_dir(&other).unwrap().count(), 1);
    // Into the workspace itself.
    let inside = ws.root().join("output").join("backup");
    let out = ws.run(&["backup", inside.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("lie one inside the other"), "{}", out.stderr);
    assert!(!inside.exists());
    // Into another workspace's backup.
    let folder = ws.path("backup");
    ws.run_ok(&["backup", folder.to_str().unwrap()]);
    let second = Ws::on_sqlite();
    let out = second.run(&["backup", folder.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("holds the backup of another workspace"), "{}", out.stderr);

    // Restore over a workspace in use.
    let before = ws.snapshot();
    let out = ws.run(&["restore", folder.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not empty: restore into a new or empty folder"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    // From a folder that is no backup.
    let fresh = Ws::empty();
    let out = fresh.run(&["restore", other.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("has no gradlab-backup.json"), "{}", out.stderr);
    assert!(!fresh.root().exists());
    // From a backup cut off before it finished.
    let manifest = folder.join("gradlab-backup.json");
    let text = fs::read_to_string(&manifest).unwrap();
    let mut cut: Value = serde_json::from_str(&text).unwrap();
    cut["made_at"] = Value::Null;
    fs::write(&manifest, cut.to_string()).unwrap();
    let out = fresh.run(&["restore", folder.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("was cut off before it finished"), "{}", out.stderr);
    assert!(!fresh.root().exists());
    // A backup whose store is damaged takes back all it put into the new folder.
    fs::write(&manifest, text).unwrap();
    fs::write(folder.join("gradlab.db"), b"not a database").unwrap();
    let out = fresh.run(&["restore", folder.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(!fresh.root().exists(), "nothing half-restored is left");
}

#[test]
fn on_a_shared_store_check_reads_the_photos_there_and_backup_points_to_pg_dump() {
    let ws = Ws::joining(&pg::server().fresh_database());
    lab::school(&ws, "10001", 1, &[("一班", 3)]);
    let (code, report) = check(&ws);
    assert_eq!((code, &report["store"]), (0, &Value::from("PostgreSQL")), "{report}");
    assert_eq!(report["photos"], 3);

    let sha = ws.value("SELECT min(sha256) FROM photos", &[]);
    let changed =
        ws.store().execute(&format!("UPDATE photo_blobs SET bytes = decode('ffd8ffd9', 'hex') WHERE sha256 = '{sha}'"));
    assert_eq!(changed, Ok(1));
    let (code, report) = check(&ws);
    assert_eq!(code, 3, "{report}");
    let found = problems(&report, "photo_changed");
    assert_eq!(found.len(), 1, "{report}");
    assert!(found[0]["detail"].as_str().unwrap().contains(&sha), "{report}");

    let folder = ws.path("backup");
    let out = ws.run(&["backup", folder.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    for says in ["pg_dump", "pg_restore", "photo_blobs", "gradlab check"] {
        assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
    }
    assert!(!folder.exists(), "nothing is written for a shared store");
}
