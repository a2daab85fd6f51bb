//! The store on its two backends: a lab's day (import, a printed job, a shipment scanned,
//! a request, the reports and the audit chain) gives the same answers on a real PostgreSQL
//! server as on the SQLite file; `init --store` creates a store in an empty database and joins
//! one that is there, never wiping it; `store info` names the store; the audit log only grows;
//! a program older than the store's schema refuses to write.

mod common;

use common::lab::{packets, printed_job, scan, school};
use common::*;
use serde_json::Value;

/// What a lab's day shows, with times, ids of files and paths taken out (they differ between
/// any two runs), so two stores can be compared.
fn lab_day(ws: &Ws) -> Vec<Value> {
    let rows = school(ws, "10001", 1, &[("1班", 3), ("2班", 2)]);
    assert_eq!(rows.len(), 5);
    let mut seen = vec![ws.run_ok(&["student", "list", "--school", "10001", "--json"]).json()];
    let job = printed_job(ws, "10001", &[]);
    let shipment =
        ws.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    scan(ws, &shipment);
    for p in packets(ws, &job) {
        assert_eq!(scan(ws, &p)["result"], "accepted");
        assert_eq!(scan(ws, &p)["result"], "confirmed", "a packet scanned twice counts once");
    }
    seen.push(ws.run_ok(&["job", "show", &job, "--json"]).json());
    seen.push(ws.run_ok(&["shipment", "show", &shipment, "--json"]).json());
    seen.push(ws.run_ok(&["report", "schools", "--json"]).json());
    seen.push(ws.run_ok(&["audit", "verify", "--json"]).json());
    seen.iter_mut().for_each(scrub);
    seen
}

/// Remove what no two runs share: times, file paths, hashes of rendered files.
fn scrub(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| {
                !(k.ends_with("_at")
                    || k.contains("path")
                    || k.contains("file")
                    || k == "documents"
                    || k == "sha256"
                    || k == "bytes")
            });
            m.values_mut().for_each(scrub);
        }
        Value::Array(a) => a.iter_mut().for_each(scrub),
        _ => {}
    }
}

#[test]
fn a_lab_day_gives_the_same_answers_on_postgresql_as_on_sqlite() {
    let on_sqlite = lab_day(&Ws::on_sqlite());
    let on_postgres = lab_day(&Ws::on_postgres());
    assert_eq!(on_postgres, on_sqlite);
}

#[test]
fn init_creates_a_store_in_an_empty_database_and_a_second_station_joins_it() {
    let url = pg::server().fresh_database();
    let a = Ws::joining(&url);
    a.add_school("10002");
    let info = a.run_ok(&["store", "info", "--json"]).json();
    assert_eq!(info["kind"], "PostgreSQL", "{info}");
    assert_eq!(info["schema_version"], info["program_schema_version"]);
    assert!(info["server_version"].as_str().unwrap().starts_with("15"), "{info}");
    assert!(info["location"].as_str().unwrap().starts_with("127.0.0.1:"), "{info}");
    // A second station joins: nothing wiped, it sees what the first one did.
    let b = Ws::joining(&url);
    let schools = b.run_ok(&["school", "list", "--json"]).json();
    assert_eq!(schools.as_array().unwrap().len(), 1, "{schools}");
    assert_eq!(Ws::on_sqlite().run_ok(&["store", "info", "--json"]).json()["kind"], "SQLite");
}

fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("connect")
}

#[test]
fn a_database_holding_other_tables_is_refused_and_left_alone() {
    let url = pg::server().fresh_database();
    connect(&url).batch_execute("CREATE TABLE payroll (id INT); INSERT INTO payroll VALUES (1)").unwrap();
    let ws = Ws::empty();
    let out = ws.run(&["init", "--store", &url]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("is not a gradlab store"), "{}", out.stderr);
    let tables: i64 =
        connect(&url).query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(tables, 1, "nothing was created");
}

#[test]
fn the_audit_log_only_grows_on_postgresql() {
    let url = pg::server().fresh_database();
    let ws = Ws::joining(&url);
    ws.add_school("10003");
    let mut db = connect(&url);
    db.batch_execute("INSERT INTO audit (id, at, operator, action, subject) VALUES (1, 'now', 'x', 'y', 'z')")
        .expect("the log takes new rows");
    for sql in ["UPDATE audit SET detail = 'x'", "DELETE FROM audit", "TRUNCATE audit"] {
        let e = db.batch_execute(sql).unwrap_err();
        assert!(format!("{e:?}").contains("the audit log cannot be changed"), "{sql}: {e:?}");
    }
    // A guard dropped by hand is put back when a station opens the store.
    db.batch_execute("DROP TRIGGER audit_no_update ON audit").unwrap();
    ws.run_ok(&["school", "list"]);
    assert!(db.batch_execute("UPDATE audit SET detail = 'x'").is_err());
}

#[test]
fn a_program_older_than_the_store_reads_but_refuses_to_write() {
    let url = pg::server().fresh_database();
    let ws = Ws::joining(&url);
    ws.add_school("10004");
    connect(&url).batch_execute("UPDATE gradlab_schema SET version = 99").unwrap();
    assert_eq!(ws.run_ok(&["school", "list", "--json"]).json().as_array().unwrap().len(), 1);
    let out = ws.run(&["school", "add", "10005", "测试大学"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("schema is version 99"), "{}", out.stderr);
    // The same on SQLite.
    let lite = Ws::on_sqlite();
    lite.db().pragma_update(None, "user_version", 99).unwrap();
    let out = lite.run(&["school", "add", "10005", "测试大学"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("schema is version 99"), "{}", out.stderr);
}

#[test]
fn the_connection_is_encrypted_and_the_server_checked_as_sslmode_asks() {
    let server = pg::server();
    let url = server.fresh_database();
    let base = url.split('?').next().unwrap().to_string();
    let by_name = base.replace("127.0.0.1", "localhost");
    let ca = server.ca_cert().display().to_string();
    let tls = |url: &str| {
        let ws = Ws::joining(url);
        ws.run_ok(&["store", "info", "--json"]).json()["tls"].clone()
    };
    assert_eq!(tls(&format!("{base}?sslmode=disable")), Value::Null, "disable: not encrypted");
    assert_eq!(tls(&base), "TLSv1.3", "no sslmode: prefer, as libpq, and the server offers TLS");
    assert_eq!(tls(&format!("{base}?sslmode=require")), "TLSv1.3");
    assert_eq!(tls(&format!("{by_name}?sslmode=verify-full&sslrootcert={ca}")), "TLSv1.3");
    let info = Ws::joining(&format!("{by_name}?sslmode=require")).run_ok(&["store", "info"]).stdout;
    assert!(info.contains("connection: encrypted (TLSv1.3)"), "{info}");

    // verify-full refuses a server whose certificate is not for the host asked for, or is
    // signed by no authority this computer trusts; nothing is written to the workspace.
    let refused = |url: &str, says: &[&str]| {
        let ws = Ws::empty();
        let home = ws.path("home");
        std::fs::create_dir(&home).unwrap();
        let out = ws.run_with_env(&["init", "--store", url], &[("HOME", home.to_str().unwrap())]);
        assert_eq!(out.code, 1, "{url}: {}", out.stderr);
        assert!(out.stderr.contains("PostgreSQL server"), "names the server: {}", out.stderr);
        for s in says {
            assert!(out.stderr.contains(s), "{url}: says {s}: {}", out.stderr);
        }
        assert!(!ws.root().join("gradlab.toml").exists(), "no workspace made");
    };
    refused(&format!("{base}?sslmode=verify-full&sslrootcert={ca}"), &["127.0.0.1", "certificate not valid for name"]);
    refused(&format!("{by_name}?sslmode=verify-full"), &["localhost", "invalid peer certificate"]);

    let out = Ws::empty().run(&["init", "--store", &format!("{base}?sslmode=verify-ca")]);
    assert!(out.code == 1 && out.stderr.contains("verify-full"), "{}", out.stderr);
    let out =
        Ws::empty().run(&["init", "--store", &format!("{by_name}?sslmode=verify-full&sslrootcert=/no/such/ca.crt")]);
    assert!(out.code == 1 && out.stderr.contains("/no/such/ca.crt"), "{}", out.stderr);
}

#[test]
fn init_takes_the_stores_password_from_a_variable_or_a_file_and_never_writes_it() {
    let url = pg::server().fresh_database_of_clerk();
    const VAR: &str = "GRADLAB_TEST_STORE_PASSWORD";

    // No password, or a wrong one: refused, naming the server; no workspace is made.
    for (args, env, says) in [
        (vec![], vec![], "password"),
        (vec!["--password-env", VAR], vec![], VAR),
        (vec!["--password-env", VAR], vec![(VAR, "wrong-pw")], "password authentication failed"),
    ] {
        let ws = Ws::empty();
        let out = ws.run_with_env(&[&["init", "--store", &url][..], &args].concat(), &env);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(!ws.root().exists(), "nothing made: {args:?}");
    }

    let a = Ws::empty();
    let out = a.run_with_env(&["init", "--store", &url, "--password-env", VAR], &[(VAR, pg::CLERK_PASSWORD)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let settings = std::fs::read_to_string(a.root().join("gradlab.toml")).unwrap();
    assert!(settings.contains(&format!("password_env = \"{VAR}\"")), "{settings}");
    assert!(!settings.contains(pg::CLERK_PASSWORD), "the password is not in the settings");
    a.run_with_env(&["school", "add", "10003", "北方大学"], &[(VAR, pg::CLERK_PASSWORD)]);

    // A second station keeps its password in a file only its owner reads.
    let b = Ws::empty();
    let pw = b.path("store-password");
    std::fs::write(&pw, format!("{}\n", pg::CLERK_PASSWORD)).unwrap();
    std::fs::set_permissions(&pw, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    b.run_ok(&["init", "--store", &url, "--password-file", pw.to_str().unwrap()]);
    let schools = b.run_ok(&["school", "list", "--json"]).json();
    assert_eq!(schools[0]["code"], "10003", "{schools}");
    let out = Ws::empty().run(&["init", "--password-env", VAR]);
    assert!(out.code == 2 && out.stderr.contains("--store"), "only with --store: {}", out.stderr);
}
