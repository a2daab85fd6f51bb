//! Reprint requests end to end: every kind from arrival to closing, unmatched and ambiguous
//! requests settled by hand, steps out of order refused, a school's table imported, an audit
//! entry for every change, and no full ID number anywhere in the store's bytes.

mod common;
use common::lab::{print_on_rip, request_history, shipped_then};
use common::*;
use gradlab::domain::id_number::check_char;
use serde_json::Value;
use std::fs;

/// School 10418: 6 students in one class; students 4 and 5 share the ID ending 7777 and the
/// masked name 王*五, so a request naming only those is ambiguous.
fn school(ws: &Ws) -> Vec<Row> {
    ws.run_ok(&["school", "add", "10418", "南山示范大学", "--address", "深圳市南山区学苑大道1号"]);
    let rows: Vec<Row> = (0..6)
        .map(|i| {
            let mut r = Row::new(i, "10418", "计算机1班");
            if i >= 4 {
                r.zjhm = "7777".into();
                r.xm = "王*五".into();
            }
            r
        })
        .collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(40 + r.cjm[3..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rows
}

/// A valid 18-character ID number (GB 11643 check) that ends in `last4`.
fn full_id(last4: &str) -> String {
    for month in 1..=12 {
        for day in 1..=28 {
            let first17 = format!("1101051990{month:02}{day:02}{}", &last4[..3]);
            if check_char(&first17) == last4.chars().last() {
                return format!("{first17}{}", &last4[3..]);
            }
        }
    }
    panic!("no ID ends in {last4}");
}

/// `request add` at school 10418 for whoever has this ID number (or its last 4) and name.
fn add_by_id(ws: &Ws, kind: &str, id: &str, name: &str, more: &[&str]) -> Value {
    let mut a = vec!["request", "add", "--kind", kind, "--school", "10418", "--id-last4", id, "--name", name];
    a.extend_from_slice(more);
    run_json(ws, &a)
}

fn run_json(ws: &Ws, args: &[&str]) -> Value {
    let mut a = vec!["--operator", "管理员甲"];
    a.extend_from_slice(args);
    a.push("--json");
    ws.run_ok(&a).json()
}

/// Scan a shipment's packets, seal it and hand it to the courier.
fn send_shipment(ws: &Ws, id: &str) {
    let v = ws.run_ok(&["shipment", "show", id, "--json"]).json();
    ws.run_ok(&["scan", id]);
    for p in v["packets"].as_array().unwrap() {
        ws.run_ok(&["scan", p["barcode"].as_str().unwrap()]);
    }
    ws.run_ok(&["shipment", "seal", id]);
    ws.run_ok(&["shipment", "ship", id, "--tracking", "1234567890123"]);
}

#[test]
fn a_lost_print_goes_from_arrival_to_closing_at_the_students_address() {
    let ws = Ws::new();
    let rows = school(&ws);
    let id = full_id(&rows[2].zjhm);
    let v = add_by_id(
        &ws,
        "lost",
        &id,
        &rows[2].xm,
        &[
            "--requester",
            "student",
            "--address",
            "北京市海淀区学院路5号",
            "--phone",
            "13800000000",
            "--contact",
            "张*三",
        ],
    );
    let r = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["status"], "matched", "{v}");
    assert_eq!(v["student"]["xh"], rows[2].xh.as_str());
    assert_eq!(v["given"]["id_last4"], rows[2].zjhm.as_str(), "the full ID is cut to its last 4");

    let v = run_json(&ws, &["request", "approve", &r]);
    assert_eq!(v["fee_yuan"], 20.0, "the setting for lost prints");
    let v = run_json(&ws, &["request", "print", &r]);
    let job = v["job"].as_str().unwrap().to_string();
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    assert_eq!(show["students"], 1);
    assert_eq!(show["sheets"][1]["students"][0]["xh"], rows[2].xh.as_str());

    // Not printed yet: shipping is refused, and nothing changes.
    let before = ws.snapshot();
    let out = ws.run(&["request", "ship", &r]);
    assert!(out.code == 1 && out.stderr.contains("not printed"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    print_on_rip(&ws, &job);
    let v = run_json(&ws, &["request", "ship", &r]);
    let shipment = v["shipment"].as_str().unwrap().to_string();
    let s = ws.run_ok(&["shipment", "show", &shipment, "--json"]).json();
    assert_eq!(s["to_person"], true);
    assert_eq!(s["recipient"]["address"], "北京市海淀区学院路5号");
    assert_eq!(s["recipient"]["name"], "张*三");
    assert_eq!(s["expected"], 1);

    let out = ws.run(&["request", "close", &r]);
    assert!(out.code == 1 && out.stderr.contains("is printed"), "closed only once shipped: {}", out.stderr);
    send_shipment(&ws, &shipment);
    assert_eq!(run_json(&ws, &["request", "show", &r])["status"], "shipped", "shipped with its shipment");
    let v = run_json(&ws, &["request", "close", &r]);
    assert_eq!(v["status"], "closed");
    assert_eq!(request_history(&v), shipped_then("request.close"));
    // The administrator's steps carry his name; printed and shipped are recorded with whoever
    // ran the command that found them out.
    for h in v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !["request.printed", "request.shipped"].contains(&h["action"].as_str().unwrap()))
    {
        assert_eq!(h["operator"], "管理员甲");
        assert!(!h["at"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_schools_requests_ride_with_its_next_shipment() {
    let ws = Ws::new();
    let rows = school(&ws);
    for (kind, fee) in [("missing", 0.0), ("damaged", 10.0)] {
        let v = run_json(
            &ws,
            &["request", "add", "--kind", kind, "--school", "10418", "--student", &rows[0].xh, "--requester", "school"],
        );
        let r = v["id"].as_str().unwrap().to_string();
        assert_eq!(run_json(&ws, &["request", "approve", &r])["fee_yuan"], fee);
        let job = run_json(&ws, &["request", "print", &r])["job"].as_str().unwrap().to_string();
        print_on_rip(&ws, &job);
        let v = run_json(&ws, &["request", "ship", &r]);
        let shipment = v["shipment"].as_str().unwrap().to_string();
        let s = ws.run_ok(&["shipment", "show", &shipment, "--json"]).json();
        assert_eq!(
            (s["to_person"].as_bool(), s["recipient"]["address"].as_str()),
            (Some(false), Some("深圳市南山区学苑大道1号"))
        );
        if kind == "damaged" {
            // The school's shipment was still open: the second reprint joined it.
            assert_eq!(s["expected"], 2, "{s}");
            send_shipment(&ws, &shipment);
            assert_eq!(run_json(&ws, &["request", "close", &r])["status"], "closed");
        }
    }
    let open = ws.run_ok(&["request", "list", "--status", "shipped", "--json"]).json();
    assert_eq!(open.as_array().unwrap().len(), 1);
    let report = ws.run_ok(&["report", "schools", "--json"]).json();
    assert_eq!(report[0]["open_requests"], 1);
}

#[test]
fn unmatched_and_ambiguous_requests_wait_for_an_administrator() {
    let ws = Ws::new();
    let rows = school(&ws);
    // Nobody has this 学号.
    let v = run_json(
        &ws,
        &["request", "add", "--kind", "lost", "--school", "10418", "--student", "20209999999", "--requester", "school"],
    );
    assert_eq!(v["status"], "received");
    assert_eq!(v["candidates"].as_array().unwrap().len(), 0);
    let none = v["id"].as_str().unwrap().to_string();

    // Two students share the last 4 and the masked name.
    let v = add_by_id(&ws, "damaged", "7777", "王*五", &["--requester", "school"]);
    assert_eq!(v["status"], "received");
    let xhs: Vec<&str> = v["candidates"].as_array().unwrap().iter().map(|c| c["xh"].as_str().unwrap()).collect();
    assert_eq!(xhs, [rows[4].xh.as_str(), rows[5].xh.as_str()]);
    let r = v["id"].as_str().unwrap().to_string();

    // Steps out of order are refused, naming the status.
    let before = ws.snapshot();
    for (args, says) in [
        (vec!["request", "approve", &r], "received"),
        (vec!["request", "print", &r], "received"),
        (vec!["request", "close", &r], "received"),
        (vec!["request", "match", &r, "--student", "20209999999"], "no student"),
        (vec!["request", "reject", &r, "--reason", " "], "--reason"),
    ] {
        let out = ws.run(&args);
        assert_eq!(out.code, 1, "{args:?}");
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before, "refusals change nothing");

    let v = run_json(&ws, &["request", "match", &r, "--student", &rows[5].xh]);
    assert_eq!(v["status"], "matched");
    assert_eq!(v["student"]["cjm"], rows[5].cjm.as_str());
    let v = run_json(&ws, &["request", "reject", &none, "--reason", "no such student at this school"]);
    assert_eq!(v["status"], "rejected");
    assert_eq!(request_history(&v), ["request.add", "request.reject"]);
    let out = ws.run(&["request", "approve", &none]);
    assert!(out.code == 1 && out.stderr.contains("rejected"), "{}", out.stderr);
    let v = run_json(&ws, &["request", "show", &r]);
    assert_eq!(request_history(&v), ["request.add", "request.match"]);
    assert!(v["history"][1]["detail"].as_str().unwrap().contains("by hand"));
}

#[test]
fn a_schools_request_table_is_imported_row_by_row() {
    let ws = Ws::new();
    let rows = school(&ws);
    let id3 = full_id(&rows[3].zjhm);
    let text = csv_text(
        &["类型", "学号", "身份证号", "姓名", "申请人", "邮寄地址", "联系电话", "收件人", "备注"],
        &[
            vec![
                "丢失".into(),
                rows[1].xh.clone(),
                "".into(),
                "".into(),
                "学生".into(),
                "上海市1号".into(),
                "139".into(),
                "李*".into(),
                "宿舍丢失".into(),
            ],
            vec![
                "损坏".into(),
                "".into(),
                id3.clone(),
                rows[3].xm.clone(),
                "学校".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
            vec![
                "被偷".into(),
                rows[2].xh.clone(),
                "".into(),
                "".into(),
                "学校".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
        ],
    );
    let file = ws.path("补洗申请.csv");
    fs::write(&file, gb18030(&format!("南山示范大学补洗申请表\n{text}"))).unwrap();
    let out =
        ws.run(&["--operator", "管理员乙", "request", "import", file.to_str().unwrap(), "--school", "10418", "--json"]);
    assert_eq!(out.code, 3, "one row refused: {}", out.stderr);
    let r = out.json();
    assert_eq!(r["added"].as_array().unwrap().len(), 2);
    assert_eq!(r["added"][0]["student"]["xh"], rows[1].xh.as_str());
    assert_eq!(r["added"][0]["address"], "上海市1号");
    assert_eq!(r["added"][1]["student"]["xh"], rows[3].xh.as_str());
    assert_eq!(r["refused"][0]["row"], 5, "{r}");
    assert!(r["refused"][0]["reason"].as_str().unwrap().contains("被偷"));
    assert_eq!(r["added"][1]["history"][0]["operator"], "管理员乙");
    assert!(r["added"][1]["source"].as_str().unwrap().contains("row 4"));

    // No full ID number from any input reaches the store's bytes.
    let cli_id = full_id(&rows[0].zjhm);
    add_by_id(&ws, "lost", &cli_id, &rows[0].xm, &["--requester", "school"]);
    let bytes = ws.stored_bytes();
    for full in [&id3, &cli_id] {
        assert!(!bytes.windows(full.len()).any(|w| w == full.as_bytes()), "{full} found in the store");
        assert!(!bytes.windows(14).any(|w| w == &full.as_bytes()[..14]), "the first 14 digits of {full} found");
    }

    // The audit log takes no edits, not even through SQL.
    let mut db = ws.store();
    assert!(db.execute("UPDATE audit SET operator = 'x'").is_err());
    assert!(db.execute("DELETE FROM audit").is_err());
    assert!(ws.count("SELECT count(*) FROM audit WHERE action = 'request.add'") >= 3);
}
