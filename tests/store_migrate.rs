//! Moving a lab (`gradlab store migrate --to postgres://...`), against the tests' real
//! PostgreSQL server: a demo workspace that has printed, shipped, scanned and taken a request
//! is copied whole (every row of every table, every photo byte for byte), its audit chain still
//! verifies, a second station sees and renders the same, and new rows get fresh ids. A target
//! holding data, a bad url, an unreachable server, a damaged photo, a copy that comes out
//! different and a cancelled move each change nothing on either side.

mod common;

use common::lab::{packets, print_on_rip, request_add, scan};
use common::*;
use gradlab::progress::Progress;
use std::collections::BTreeMap;
use std::fs;
use std::sync::Mutex;

use gradlab::import::photo::sha256_hex;

/// `job render --json`: each part's file hash.
fn render(ws: &Ws, job: &str) -> Vec<String> {
    let out = ws.run_ok(&["job", "render", job, "--json"]).json();
    let parts = out["parts"].as_array().unwrap();
    parts.iter().map(|p| sha256_hex(&fs::read(p["path"].as_str().unwrap()).unwrap())).collect()
}

fn students(ws: &Ws) -> serde_json::Value {
    ws.run_ok(&["student", "list", "--school", "10418", "--json"]).json()
}

/// The demo workspace, and then a lab's day on it: its job printed on the hot folder, a
/// shipment with its packets scanned, a reprint request. Returns the printed job.
fn demo_lab(ws: &Ws) -> String {
    let demo = ws.run_ok(&["demo", "--dir", ws.root().to_str().unwrap(), "--json"]).json();
    let job = demo["job"]["id"].as_str().unwrap().to_string();
    print_on_rip(ws, &job);
    let shipment =
        ws.run_ok(&["shipment", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    scan(ws, &shipment);
    for p in packets(ws, &job) {
        assert_eq!(scan(ws, &p)["result"], "accepted");
    }
    let xh = students(ws)[0]["xh"].as_str().unwrap().to_string();
    request_add(ws, &["--kind", "lost", "--school", "10418", "--student", &xh, "--requester", "school"]);
    job
}

/// Every SQLite table with its rows (each row's columns by the SQLite schema's names, as text,
/// sorted), read from the file itself whatever the workspace's settings say.
fn sqlite_tables(ws: &Ws) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let mut db = StoreConn::Sqlite(ws.db());
    let mut out = BTreeMap::new();
    for t in db.tables() {
        let cols: Vec<String> = db
            .rows(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"), &[])
            .into_iter()
            .map(|mut r| r.remove(0))
            .collect();
        out.insert(t.clone(), (cols.clone(), rows_of(&mut db, &t, &cols)));
    }
    out
}

fn rows_of(db: &mut StoreConn, table: &str, cols: &[String]) -> Vec<String> {
    let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let mut rows: Vec<String> =
        db.rows(&format!("SELECT {list} FROM \"{table}\""), &[]).into_iter().map(|r| r.join("|")).collect();
    rows.sort();
    rows
}

fn pg(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("connect")
}

/// Rows in every table of a PostgreSQL store but its schema version.
fn pg_rows(url: &str) -> BTreeMap<String, i64> {
    let mut db = pg(url);
    let tables: Vec<String> = db
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'gradlab_schema'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .into_iter()
        .map(|t| (t.clone(), db.query_one(&format!("SELECT count(*) FROM \"{t}\""), &[]).unwrap().get(0)))
        .collect()
}

fn settings(ws: &Ws) -> String {
    fs::read_to_string(ws.root().join("gradlab.toml")).unwrap()
}

fn migrate(ws: &Ws, url: &str) -> Out {
    ws.run(&["store", "migrate", "--to", url])
}

#[test]
fn a_demo_lab_moves_whole_and_carries_on_on_the_shared_store() {
    let ws = Ws::empty();
    let job = demo_lab(&ws);
    let list = students(&ws);
    let rendered = render(&ws, &job);
    let before = sqlite_tables(&ws);
    let sqlite_file = fs::read(ws.root().join("gradlab.db")).unwrap();
    let photo_files = ws.snapshot()["<photo files>"].clone();

    let url = pg::server().fresh_database();
    let out = ws.run(&["store", "migrate", "--to", &url, "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let moved = out.json();
    eprintln!("the demo workspace moved in {:.2} s", moved["seconds"].as_f64().unwrap());
    assert_eq!(moved["photos"].as_u64().unwrap() as usize, before["photos"].1.len());
    assert!(settings(&ws).contains(&format!("url = \"{url}\"")), "{}", settings(&ws));
    assert_eq!(ws.run_ok(&["store", "info", "--json"]).json()["kind"], "PostgreSQL");

    // Every row of every table, as SQLite had it; the audit log has the move added at its end.
    let mut db = ws.store();
    for (table, (cols, rows)) in &before {
        let there = rows_of(&mut db, table, cols);
        if table == "audit" {
            assert_eq!(there.len(), rows.len() + 1, "audit");
            assert!(rows.iter().all(|r| there.contains(r)), "every audit entry copied");
        } else {
            assert_eq!(&there, rows, "table {table}");
        }
    }
    let last = ws.audit("id = (SELECT max(id) FROM audit)");
    assert_eq!(last[0].1, "store.migrate", "{last:?}");
    assert!(last[0].3.contains("gradlab.db") && last[0].3.contains(&format!("{} photos", before["photos"].1.len())));
    let verdict = ws.run_ok(&["audit", "verify", "--json"]).json();
    assert!(verdict["problem"].is_null(), "{verdict}");
    assert_eq!(verdict["entries"].as_u64().unwrap() as usize, before["audit"].1.len() + 1);

    // Every photo is in the store, byte for byte as its file.
    let shas = ws.rows("SELECT sha256 FROM photos", &[]);
    assert_eq!(shas.len(), before["photos"].1.len());
    for sha in shas.iter().map(|r| &r[0]) {
        let blob = ws.stored_photo(sha).unwrap_or_else(|| panic!("photo {sha} moved"));
        assert_eq!(&sha256_hex(&blob), sha);
        assert_eq!(blob, fs::read(ws.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"))).unwrap());
    }

    // The old copy is left as it was.
    assert_eq!(fs::read(ws.root().join("gradlab.db")).unwrap(), sqlite_file, "the SQLite file is untouched");
    assert_eq!(ws.snapshot()["<photo files>"], photo_files, "the photo files are untouched");
    assert_eq!(sqlite_tables(&ws), before);

    // A second station on the same store sees the same students and renders the same bytes.
    let b = Ws::joining(&url);
    assert_eq!(students(&b), list);
    assert_eq!(render(&b, &job), rendered, "the job renders byte for byte as on SQLite");

    // New rows get fresh ids, from either station.
    let max = |t: &str| ws.count(&format!("SELECT max(id) FROM {t}"));
    let (jobs, batches, requests) = (max("jobs"), max("batches"), max("requests"));
    common::lab::school(&ws, "10002", 500, &[("1班", 2)]);
    common::lab::school(&b, "10003", 600, &[("1班", 2)]);
    ws.run_ok(&["job", "create", "--school", "10002"]);
    b.run_ok(&["job", "create", "--school", "10003"]);
    let xh = list[1]["xh"].as_str().unwrap();
    request_add(&b, &["--kind", "damaged", "--school", "10418", "--student", xh, "--requester", "school"]);
    assert_eq!(ws.count("SELECT count(*) FROM jobs"), before["jobs"].1.len() as i64 + 2);
    assert_eq!((max("jobs"), max("batches"), max("requests")), (jobs + 2, batches + 2, requests + 1));
    assert_eq!(ws.run_ok(&["school", "list", "--json"]).json().as_array().unwrap().len(), 3);
    assert!(ws.run_ok(&["audit", "verify", "--json"]).json()["problem"].is_null());
    let text = ws.run(&["store", "migrate", "--to", &pg::server().fresh_database()]);
    assert!(
        text.code == 1 && text.stderr.contains("already keeps its store on a PostgreSQL server"),
        "{}",
        text.stderr
    );
}

#[test]
fn the_human_report_says_where_the_store_went_and_that_the_old_copy_stays() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 2)]);
    let url = pg::server().fresh_database();
    let out = migrate(&ws, &url);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let server = url.trim_start_matches("postgres://gradlab@").trim_end_matches("?sslmode=disable");
    assert!(out.stdout.contains(&format!("moved the store to PostgreSQL server {server}")), "{}", out.stdout);
    assert!(out.stdout.contains("2 photos"), "{}", out.stdout);
    assert!(out.stdout.contains("left in place, unchanged, as the old copy"), "{}", out.stdout);
}

#[test]
fn a_target_holding_data_is_refused_and_nothing_changes_on_either_side() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 3)]);
    let url = pg::server().fresh_database();
    let other = Ws::joining(&url);
    other.add_school("10009");
    let (lite, toml, rows) = (ws.snapshot(), settings(&ws), pg_rows(&url));
    let pg_snapshot = other.snapshot();

    let out = migrate(&ws, &url);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let server = url.trim_start_matches("postgres://gradlab@").trim_end_matches("?sslmode=disable");
    assert!(out.stderr.contains(&format!("PostgreSQL server {server} already holds gradlab data")), "{}", out.stderr);
    assert!(out.stderr.contains("schools: 1 row"), "names what is there: {}", out.stderr);
    assert_eq!(ws.snapshot(), lite, "the SQLite side is unchanged");
    assert_eq!(settings(&ws), toml, "the settings are unchanged");
    assert_eq!(pg_rows(&url), rows, "the PostgreSQL side is unchanged");
    assert_eq!(other.snapshot(), pg_snapshot);
}

#[test]
fn a_bad_url_an_unreachable_server_or_a_missing_password_changes_nothing() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 2)]);
    let (lite, toml) = (ws.snapshot(), settings(&ws));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let clerk = pg::server().fresh_database_of_clerk();
    let cases: [(Vec<String>, &str); 5] = [
        (vec!["not-a-url".into()], "give the PostgreSQL store as a url"),
        (vec!["postgres://gradlab@127.0.0.1:notaport/x".into()], "store url postgres://gradlab@127.0.0.1:notaport/x"),
        (
            vec![format!("postgres://gradlab@127.0.0.1:{closed}/lab?sslmode=disable")],
            &format!("PostgreSQL server 127.0.0.1:{closed}/lab"),
        ),
        (vec![format!("postgres://gradlab:hunter2@127.0.0.1:{}/x", pg::server().port)], "the url holds a password"),
        (
            vec![clerk.clone(), "--password-env".into(), "GRADLAB_TEST_NO_SUCH_PASSWORD".into()],
            "GRADLAB_TEST_NO_SUCH_PASSWORD",
        ),
    ];
    for (args, says) in &cases {
        let mut a = vec!["store", "migrate", "--to"];
        a.extend(args.iter().map(String::as_str));
        let out = ws.run(&a);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stdout);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains("hunter2"), "a password is never shown: {}", out.stderr);
        assert_eq!(ws.snapshot(), lite, "{args:?}");
        assert_eq!(settings(&ws), toml, "{args:?}");
    }
    // The password's source goes into the settings, never the password.
    const VAR: &str = "GRADLAB_TEST_STORE_PASSWORD";
    let out =
        ws.run_with_env(&["store", "migrate", "--to", &clerk, "--password-env", VAR], &[(VAR, pg::CLERK_PASSWORD)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = settings(&ws);
    assert!(text.contains(&format!("password_env = \"{VAR}\"")) && !text.contains(pg::CLERK_PASSWORD), "{text}");
    let listed = ws.run_with_env(&["student", "list", "--school", "10001", "--json"], &[(VAR, pg::CLERK_PASSWORD)]);
    assert_eq!(listed.json().as_array().unwrap().len(), 2, "{}", listed.stderr);
}

#[test]
fn a_damaged_photo_file_stops_the_move_and_names_the_file() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 3)]);
    let sha = ws.value("SELECT min(sha256) FROM photos", &[]);
    let file = ws.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"));
    let good = fs::read(&file).unwrap();
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0x55;
    fs::write(&file, &bad).unwrap();
    let (lite, toml) = (ws.snapshot(), settings(&ws));
    let url = pg::server().fresh_database();

    let out = migrate(&ws, &url);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.contains(&file.display().to_string()) && out.stderr.contains("does not match"),
        "{}",
        out.stderr
    );
    assert!(pg_rows(&url).values().all(|n| *n == 0), "nothing was copied: {:?}", pg_rows(&url));
    assert_eq!((ws.snapshot(), settings(&ws)), (lite, toml));

    fs::remove_file(&file).unwrap();
    let out = migrate(&ws, &url);
    assert!(out.code == 1 && out.stderr.contains(&file.display().to_string()), "a missing file: {}", out.stderr);

    // Put back, the move goes through into the same database.
    fs::write(&file, &good).unwrap();
    assert_eq!(migrate(&ws, &url).code, 0);
}

#[test]
fn a_copy_that_comes_out_different_is_rolled_back_naming_what_differs() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 3)]);
    let (lite, toml) = (ws.snapshot(), settings(&ws));
    let url = pg::server().fresh_database();
    drop(gradlab::store::Store::connect(&url, None).expect("the empty store"));
    let mut db = pg(&url);

    // A server that quietly drops the audit log's rows, then one that spoils the photos' bytes.
    db.batch_execute(
        "CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; \
         CREATE TRIGGER swallow BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION swallow();",
    )
    .unwrap();
    let audit_rows = ws.count("SELECT count(*) FROM audit");
    let out = migrate(&ws, &url);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("rolled back"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("table audit: {audit_rows} rows in SQLite, 0 in PostgreSQL")),
        "{}",
        out.stderr
    );
    assert!(pg_rows(&url).values().all(|n| *n == 0), "{:?}", pg_rows(&url));
    assert_eq!((ws.snapshot(), settings(&ws)), (lite.clone(), toml.clone()));

    db.batch_execute(
        "DROP TRIGGER swallow ON audit; \
         CREATE FUNCTION spoil() RETURNS trigger LANGUAGE plpgsql AS $$ \
           BEGIN NEW.bytes := NEW.bytes || '\\x00'::bytea; RETURN NEW; END $$; \
         CREATE TRIGGER spoil BEFORE INSERT ON photo_blobs FOR EACH ROW EXECUTE FUNCTION spoil();",
    )
    .unwrap();
    let out = migrate(&ws, &url);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let first = ws.value("SELECT min(sha256) FROM photos", &[]);
    assert!(
        out.stderr.contains("photo blobs whose SHA-256 is not their name") && out.stderr.contains(&first),
        "{}",
        out.stderr
    );
    assert!(pg_rows(&url).values().all(|n| *n == 0), "{:?}", pg_rows(&url));
    assert_eq!((ws.snapshot(), settings(&ws)), (lite, toml));

    db.batch_execute("DROP TRIGGER spoil ON photo_blobs").unwrap();
    assert_eq!(migrate(&ws, &url).code, 0);
}

/// Progress as a person would see it: each stage with its total and the items done; the
/// operator asks to stop once the stage named `stop_in` begins.
struct Watch {
    stages: Mutex<Vec<(String, u64, u64)>>,
    stop_in: &'static str,
}

impl Progress for Watch {
    fn stage(&self, what: &str, total: u64) {
        self.stages.lock().unwrap().push((what.to_string(), total, 0));
    }
    fn inc(&self, n: u64) {
        if let Some(s) = self.stages.lock().unwrap().last_mut() {
            s.2 += n;
        }
    }
    fn cancelled(&self) -> bool {
        self.stages.lock().unwrap().last().is_some_and(|s| s.0 == self.stop_in)
    }
}

#[test]
fn the_move_shows_its_progress_and_a_cancelled_one_changes_nothing() {
    use gradlab::app::{Workspace, migrate, settings::StoreChoice};
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("1班", 120)]);
    let (lite, toml) = (ws.snapshot(), settings(&ws));
    let url = pg::server().fresh_database();
    let choice = StoreChoice { url: url.clone(), ..Default::default() };

    let watch = Watch { stages: Mutex::new(Vec::new()), stop_in: "copying photos" };
    let e = migrate::to_postgres(&Workspace::open(&ws.root()).unwrap(), &choice, &watch).unwrap_err();
    assert!(matches!(e, gradlab::Error::Cancelled), "{e}");
    assert!(pg_rows(&url).values().all(|n| *n == 0), "{:?}", pg_rows(&url));
    assert_eq!((ws.snapshot(), settings(&ws)), (lite, toml));

    let watch = Watch { stages: Mutex::new(Vec::new()), stop_in: "" };
    let moved = migrate::to_postgres(&Workspace::open(&ws.root()).unwrap(), &choice, &watch).unwrap();
    let stages = watch.stages.into_inner().unwrap();
    let names: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["copying tables", "copying photos", "checking the copy"]);
    assert!(stages.iter().all(|(_, total, done)| total == done && *total > 0), "{stages:?}");
    assert_eq!((stages[0].1, stages[1].1), (moved.copied.rows, 120));
}
