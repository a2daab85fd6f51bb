//! A school's day in the lab, shared by the tests that follow work past the printer: a school
//! registered with its classes imported, a job printed through a hot folder whose RIP takes
//! each file at once, and a mailroom scan.

use super::*;
use serde_json::Value;
use std::fs;

/// Collection on 2026-08-20 10:00 China time.
pub const SJC_AUG_20: i64 = 1_787_191_200_000;

/// Register a school with a postal address and import `classes` (class name, students) for
/// it; student numbers and codes start at `first`, collected from 2026-08-20 on.
pub fn school(ws: &Ws, code: &str, first: usize, classes: &[(&str, usize)]) -> Vec<Row> {
    ws.run_ok(&[
        "school",
        "add",
        code,
        &format!("测试大学{code}"),
        "--address",
        &format!("{code} 大学路1号"),
        "--phone",
        "010-1234",
    ]);
    let mut rows = Vec::new();
    for (bh, n) in classes {
        for _ in 0..*n {
            let mut r = Row::new(first + rows.len(), code, bh);
            r.sjc = (SJC_AUG_20 + rows.len() as i64 * 60_000).to_string();
            rows.push(r);
        }
    }
    let batch = ws.path(&format!("batch-{code}-{first}"));
    write_batch(&batch, &rows, |r| Some(good_photo(700 + r.cjm[3..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rows
}

/// The hot folder of the test printer `rip`, set up on first use.
pub fn rip(ws: &Ws) -> std::path::PathBuf {
    let hot = ws.path("rip");
    if !hot.exists() {
        fs::create_dir(&hot).unwrap();
        ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    }
    hot
}

/// The RIP takes every file waiting in its hot folder.
pub fn rip_takes_all(ws: &Ws) {
    for f in fs::read_dir(rip(ws)).unwrap().flatten() {
        fs::remove_file(f.path()).unwrap();
    }
}

/// Print a job on `rip`, let the RIP take it and check that the job is printed.
pub fn print_on_rip(ws: &Ws, job: &str) {
    rip(ws);
    ws.run_ok(&["job", "print", job, "--printer", "rip"]);
    rip_takes_all(ws);
    assert_eq!(ws.run_ok(&["job", "status", job, "--json"]).json()["printed"], true);
}

/// A job for the school (with `extra` arguments to `job create`), printed on `rip`.
pub fn printed_job(ws: &Ws, code: &str, extra: &[&str]) -> String {
    let mut args = vec!["job", "create", "--school", code, "--json"];
    args.extend_from_slice(extra);
    let job = ws.run_ok(&args).json()["id"].as_str().unwrap().to_string();
    print_on_rip(ws, &job);
    job
}

/// The barcodes of a job's packets, in order.
pub fn packets(ws: &Ws, job: &str) -> Vec<String> {
    let show = ws.run_ok(&["job", "show", job, "--json"]).json();
    show["packets"].as_array().unwrap().iter().map(|p| p["barcode"].as_str().unwrap().to_string()).collect()
}

/// One scan at mailroom station desk-2 (plus `extra` arguments); a refused scan exits 3.
pub fn scan_with(ws: &Ws, code: &str, extra: &[&str]) -> Value {
    let mut args = vec!["scan", code, "--station", "desk-2", "--json"];
    args.extend_from_slice(extra);
    let out = ws.run(&args);
    assert!(out.code == 0 || out.code == 3, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["result"] == "refused", out.code == 3, "a refused scan exits 3: {v}");
    v
}

pub fn scan(ws: &Ws, code: &str) -> Value {
    scan_with(ws, code, &[])
}

pub fn refused(v: &Value, says: &str) {
    assert_eq!(v["result"], "refused", "{v}");
    assert!(v["message"].as_str().unwrap().contains(says), "{v}");
}

/// Audit entries: (operator, action, subject, detail).
pub fn audit(ws: &Ws) -> Vec<(String, String, String, String)> {
    ws.audit("TRUE")
}

/// `request add ARGS --json`: the request as the CLI reports it.
pub fn request_add(ws: &Ws, args: &[&str]) -> Value {
    let mut a = vec!["request", "add"];
    a.extend_from_slice(args);
    a.push("--json");
    ws.run_ok(&a).json()
}

/// The actions in a request's history (`request show --json`), oldest first.
pub fn request_history(v: &Value) -> Vec<String> {
    v["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap().to_string()).collect()
}

/// A request's history from arrival until its shipment left, then how it was closed.
pub fn shipped_then(closing: &str) -> Vec<String> {
    let shipped = ["request.add", "request.match", "request.approve", "request.print", "request.printed"];
    shipped.into_iter().chain(["request.ship", "request.shipped", closing]).map(String::from).collect()
}

/// `correction add`: one field of a student's strip corrected from `from` to `to`.
pub fn correct(ws: &Ws, school: &str, xh: &str, field: &str, from: &str, to: &str) {
    ws.run_ok(&[
        "correction",
        "add",
        "--school",
        school,
        "--student",
        xh,
        "--field",
        field,
        "--from",
        from,
        "--to",
        to,
    ]);
}
