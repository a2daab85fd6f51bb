//! Times for people are the lab's local time (`[lab] timezone`, Asia/Shanghai unless set),
//! written `2026-11-29 21:01`, whatever the computer's own zone; JSON keeps the stored UTC.
//! Dates derived from a collection time are the day it falls on in the lab's zone. Every
//! command here runs with the computer's zone set far from the lab's (`TZ`), so a time taken
//! in the computer's zone would show.

mod common;
use chrono::{DateTime, FixedOffset};
use common::lab::request_add;
use common::*;
use serde_json::Value;

const SCHOOL: &str = "10418";

/// 07:00 on 2026-05-17 in Beijing, which is 23:00 on 2026-05-16 in UTC.
const SEVEN_IN_BEIJING_ON_THE_17TH: i64 = 1_778_972_400_000;

/// The computer's own clock zone in every run: neither the lab's zone nor UTC.
const COMPUTER: (&str, &str) = ("TZ", "America/New_York");

fn run(ws: &Ws, args: &[&str]) -> Out {
    let out = ws.run_with_env(args, &[COMPUTER]);
    assert_eq!(out.code, 0, "gradlab {args:?} failed:\n{}\n{}", out.stdout, out.stderr);
    out
}

/// Set `[lab] timezone` in the workspace's settings, where `init` wrote its default.
fn set_zone(ws: &Ws, name: &str) {
    let path = ws.root().join("gradlab.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let default = "\ntimezone = \"Asia/Shanghai\"\n";
    assert!(text.contains(default), "init writes the key with its default:\n{text}");
    std::fs::write(&path, text.replace(default, &format!("\ntimezone = \"{name}\"\n"))).unwrap();
}

/// A school whose one student was photographed at `sjc`.
fn one_student(ws: &Ws, sjc: i64) -> Row {
    ws.run_ok(&["school", "add", SCHOOL, "测试大学", "--address", "北京市大学路1号"]);
    let mut row = Row::new(1, SCHOOL, "计算机1班");
    row.sjc = sjc.to_string();
    let batch = ws.path("batch");
    write_batch(&batch, std::slice::from_ref(&row), |_| Some(good_photo(41)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    row
}

/// The due report's line for the students in no job yet: the day their promise runs from
/// (the collection date), in JSON and as a person reads it.
fn collection_day(ws: &Ws) -> (String, String) {
    let json = run(ws, &["report", "due", "--today", "2026-12-01", "--json"]).json();
    let line = json["lines"].as_array().unwrap().iter().find(|l| l["work"] == "not-in-a-job").cloned();
    let since = line.unwrap_or_else(|| panic!("{json}"))["since"].as_str().unwrap().to_string();
    let text = run(ws, &["report", "due", "--today", "2026-12-01"]).stdout;
    let row = text.lines().find(|l| l.starts_with("students in no job")).unwrap_or_else(|| panic!("{text}"));
    (since, row.to_string())
}

#[test]
fn a_photo_collected_at_seven_in_the_morning_in_beijing_is_dated_that_day() {
    let ws = Ws::new();
    one_student(&ws, SEVEN_IN_BEIJING_ON_THE_17TH);
    let (since, row) = collection_day(&ws);
    assert_eq!(since, "2026-05-17", "the collection date is Beijing's, not UTC's 16th");
    assert!(row.contains(" 2026-05-17 "), "{row}");

    // The same photo in a lab that keeps UTC was taken on the 16th.
    set_zone(&ws, "UTC");
    let (since, row) = collection_day(&ws);
    assert_eq!(since, "2026-05-16");
    assert!(row.contains(" 2026-05-16 "), "{row}");
}

/// The history lines of `request show`, and the stored times of its history in JSON.
fn history(ws: &Ws, id: &str) -> (Vec<String>, Vec<String>) {
    let json = run(ws, &["request", "show", id, "--json"]).json();
    let stored: Vec<String> = json["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "request.add")
        .map(|h| h["at"].as_str().unwrap().to_string())
        .collect();
    let text = run(ws, &["request", "show", id]).stdout;
    let lines = text.lines().filter(|l| l.contains("request.add")).map(str::to_string).collect();
    (lines, stored)
}

fn shown_in(stored: &str, zone: &impl chrono::TimeZone<Offset: std::fmt::Display>) -> String {
    DateTime::parse_from_rfc3339(stored).unwrap().with_timezone(zone).format("%Y-%m-%d %H:%M").to_string()
}

#[test]
fn times_shown_to_a_person_follow_the_labs_time_zone_and_json_keeps_utc() {
    let ws = Ws::new();
    let row = one_student(&ws, SEVEN_IN_BEIJING_ON_THE_17TH);
    let r: Value =
        request_add(&ws, &["--kind", "lost", "--school", SCHOOL, "--student", &row.xh, "--requester", "school"]);
    let id = r["id"].as_str().unwrap();

    // The audit entry's time in the history, and the request's own time in the list.
    let created = r["created_at"].as_str().unwrap();
    let (lines, stored) = history(&ws, id);
    assert_eq!((lines.len(), stored.len()), (1, 1), "{lines:?} {stored:?}");
    let at = &stored[0];
    for t in [at.as_str(), created] {
        assert!(t.ends_with('Z') && t.contains('T'), "JSON keeps the stored UTC time: {t}");
    }
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
    let shown = shown_in(at, &beijing);
    assert!(lines[0].trim_start().starts_with(&format!("{shown}  ")), "{lines:?}, expected {shown}");
    let listed = run(&ws, &["request", "list"]).stdout;
    assert!(listed.contains(&shown_in(created, &beijing)) && !listed.contains(created), "{listed}");

    set_zone(&ws, "Europe/Berlin");
    let (lines, _) = history(&ws, id);
    let berlin = chrono_tz::Europe::Berlin;
    assert_ne!(shown_in(at, &berlin), shown);
    let shown = shown_in(at, &berlin);
    assert!(lines[0].trim_start().starts_with(&format!("{shown}  ")), "{lines:?}, expected {shown}");
    let listed = run(&ws, &["request", "list"]).stdout;
    assert!(listed.contains(&shown_in(created, &berlin)), "{listed}");
    assert!(!listed.contains(&shown_in(created, &beijing)), "{listed}");
    let json = run(&ws, &["request", "list", "--json"]).json();
    assert_eq!(json[0]["created_at"].as_str(), Some(created), "JSON is the same whatever the zone");
}

#[test]
fn an_unknown_time_zone_is_refused_naming_the_file_and_the_key() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let before = ws.snapshot();
    set_zone(&ws, "Asia/Beijing");
    for args in [&["school", "list"][..], &["school", "add", "10001", "别的大学"]] {
        let out = ws.run(args);
        assert_eq!(out.code, 1, "{args:?}: {}{}", out.stdout, out.stderr);
        let settings = ws.root().join("gradlab.toml");
        let e = &out.stderr;
        assert!(e.contains(&settings.display().to_string()), "names the file: {e}");
        assert!(e.contains("[lab] timezone") && e.contains("\"Asia/Beijing\" is not a time zone name"), "{e}");
    }
    assert_eq!(ws.snapshot(), before, "nothing changed");
}
