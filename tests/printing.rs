//! Printing end to end against a real IPP printer (`ippeveprinter`, started here) and a hot
//! folder: what the printer spools is byte for byte what we sent, states come back from the
//! printer and are recorded, a part is never sent twice without --force, an unreachable or
//! refusing printer marks nothing sent, a printer's correction reaches that printer only, and a
//! jammed sheet is reprinted by scanning it.

mod common;
use common::printer::{Behaviour, IppPrinter, photo_lab_attributes, wait_for};
use common::*;
use lopdf::{Document, Object, content::Content};
use serde_json::Value;
use std::fs;

const PT: f64 = 72.0 / 25.4;

/// School 10418, 30 students in two classes, a job on the default A4 layout split into parts of
/// at most 4 sheets: 10 sheets (2 separators) in 4 parts.
fn job(ws: &Ws) -> String {
    ws.add_school("10418");
    let rows: Vec<Row> =
        (0..30).map(|i| Row::new(i, "10418", if i < 14 { "计算机1班" } else { "计算机2班" })).collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(900 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let settings = ws.root().join("gradlab.toml");
    let text = fs::read_to_string(&settings).unwrap().replace("max_sheets_per_part = 200", "max_sheets_per_part = 4");
    fs::write(&settings, text).unwrap();
    let v = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json();
    v["id"].as_str().unwrap().to_string()
}

fn parts(ws: &Ws, job: &str) -> Vec<Value> {
    ws.run_ok(&["job", "show", job, "--json"]).json()["parts"].as_array().unwrap().clone()
}

fn print(ws: &Ws, args: &[&str]) -> Value {
    let mut a = vec!["job", "print"];
    a.extend_from_slice(args);
    a.push("--json");
    ws.run_ok(&a).json()
}

fn sent(report: &Value) -> Vec<&Value> {
    report["parts"].as_array().unwrap().iter().filter(|p| p["outcome"] == "sent").collect()
}

#[test]
fn ipp_printer_spools_exactly_what_was_sent_and_states_are_recorded() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "lab1", "--ipp", &printer.uri, "--media", "A4"]);
    let report = print(&ws, &[&job, "--printer", "lab1"]);
    let parts = parts(&ws, &job);
    assert_eq!(parts.len(), 4, "{parts:?}");
    let sent = sent(&report);
    assert_eq!(sent.len(), 4);
    for (p, s) in parts.iter().zip(&sent) {
        let id = s["printer_job_id"].as_i64().expect("printer job id recorded");
        let ours = fs::read(p["path"].as_str().unwrap()).unwrap();
        assert!(printer.spooled(id) == ours, "part {} spooled byte for byte", p["part"]);
        let (name, user) = printer.job_attributes(id);
        assert!(name.starts_with(&format!("{job} part {}/4", p["part"])), "job name {name:?} carries job and part");
        assert!(!user.is_empty(), "requesting user sent");
    }
    let recorded = ws.count("SELECT count(*) FROM dispatches WHERE printer_job_id IS NOT NULL AND sent_at IS NOT NULL");
    assert_eq!(recorded, 4);

    // The printer finishes each job at once; `job status` asks it and records the answer.
    wait_for(|| ws.run_ok(&["job", "status", &job, "--json"]).json()["printed"] == true, "the job to be printed");
    let status = ws.run_ok(&["job", "status", &job, "--json"]).json();
    for p in status["parts"].as_array().unwrap() {
        assert_eq!(p["state"], "completed");
    }
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE state = 'completed' AND checked_at IS NOT NULL"), 4);
    assert_eq!(ws.count("SELECT count(*) FROM jobs WHERE printed_at IS NOT NULL"), 1);
}

#[test]
fn printing_again_skips_sent_parts_unless_forced() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "lab1", "--ipp", &printer.uri]);
    print(&ws, &[&job, "--printer", "lab1"]);
    wait_for(|| printer.jobs_received() == 4, "four jobs");

    let again = print(&ws, &[&job, "--printer", "lab1"]);
    assert!(sent(&again).is_empty(), "{again}");
    for p in again["parts"].as_array().unwrap() {
        assert_eq!(p["outcome"], "skipped");
        assert!(p["note"].as_str().unwrap().contains("--force"), "{p}");
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(printer.jobs_received(), 4, "nothing sent twice");
    assert_eq!(ws.count("SELECT count(*) FROM dispatches"), 4);

    let forced = print(&ws, &[&job, "--printer", "lab1", "--force", "--copies", "2"]);
    assert_eq!(sent(&forced).len(), 4);
    wait_for(|| printer.jobs_received() == 8, "four more jobs");
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE forced = 1 AND copies = 2"), 4);
}

#[test]
fn unreachable_printer_is_a_clear_error_and_nothing_is_marked_sent() {
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["job", "render", &job]);
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    ws.run_ok(&["printer", "add", "gone", "--ipp", &format!("ipp://127.0.0.1:{port}/ipp/print")]);
    let before = ws.snapshot();
    let out = ws.run(&["job", "print", &job, "--printer", "gone"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("printer gone") && out.stderr.contains("cannot reach"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before, "nothing recorded");

    let out = ws.run(&["job", "print", &job, "--printer", "nosuch"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no printer \"nosuch\"") && out.stderr.contains("gone"), "{}", out.stderr);
}

#[test]
fn a_refused_job_is_not_recorded() {
    // A printer that takes JPEG only refuses our PDF.
    let printer = IppPrinter::start_with_formats(Behaviour::Complete, "image/jpeg");
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["job", "render", &job]);
    ws.run_ok(&["printer", "add", "jpegonly", "--ipp", &printer.uri]);
    let before = ws.snapshot();
    let out = ws.run(&["job", "print", &job, "--printer", "jpegonly"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("refused"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    assert_eq!(printer.jobs_received(), 0);
}

#[test]
fn paper_of_another_size_is_refused_before_sending() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "photo6", "--ipp", &printer.uri, "--media", "6inch"]);
    let out = ws.run(&["job", "print", &job, "--printer", "photo6"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("210 x 297") && out.stderr.contains("na_index-4x6"), "{}", out.stderr);
    assert_eq!(printer.jobs_received(), 0);

    // The technician at a Chinese desk reads the refusal in Chinese, the flag kept where it is
    // the fix, and the JSON gives its code.
    let chinese = [("LANG", "zh_CN.UTF-8")];
    let out = ws.run_with_env(&["job", "print", &job, "--printer", "photo6", "--json"], &chinese);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["code"], "printer_wrong_paper", "{}", out.stdout);
    let said = format!(
        "错误：作业 {job} 按 210×297 mm 的相纸排版（版面 a4-2cun-x4），但打印机 photo6 装的是 na_index-4x6_4x6in"
    );
    assert!(out.stderr.starts_with(&said), "{}", out.stderr);
    let out = ws.run_with_env(&["job", "print", &job, "--printer", "nosuch", "--json"], &chinese);
    assert_eq!(out.json()["code"], "printer_unknown", "{}", out.stdout);
    assert!(out.stderr.contains("没有名为“nosuch”的打印机；现有的打印机：photo6"), "{}", out.stderr);
    let out = ws.run_with_env(&["printer", "add", "photo7", "--ipp", "ftp://lab/printer", "--json"], &chinese);
    assert_eq!(out.json()["code"], "printer_bad_ipp", "{}", out.stdout);
    assert!(out.stderr.starts_with("错误：--ipp “ftp://lab/printer”不是打印机地址；应形如 ipp://"), "{}", out.stderr);
    assert_eq!(printer.jobs_received(), 0);
}

#[test]
fn a_failing_printer_leaves_the_job_unprinted_and_cancel_stops_waiting_parts() {
    let failing = IppPrinter::start(Behaviour::Fail);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "bad", "--ipp", &failing.uri]);
    print(&ws, &[&job, "--printer", "bad"]);
    wait_for(
        || {
            let s = ws.run_ok(&["job", "status", &job, "--json"]).json();
            s["parts"].as_array().unwrap().iter().all(|p| p["state"] == "aborted")
        },
        "every part aborted",
    );
    let s = ws.run_ok(&["job", "status", &job, "--json"]).json();
    assert_eq!(s["printed"], false);
    assert_eq!(ws.count("SELECT count(*) FROM jobs WHERE printed_at IS NOT NULL"), 0);

    // A printer that takes its time: the part is processing, and `job cancel` stops it.
    let settings = ws.root().join("gradlab.toml");
    let text = fs::read_to_string(&settings).unwrap().replace("max_sheets_per_part = 4", "max_sheets_per_part = 0");
    fs::write(&settings, text).unwrap();
    let slow_job =
        ws.run_ok(&["job", "create", "--school", "10418", "--again", "--reason", "一段打印", "--json"]).json()["id"]
            .as_str()
            .unwrap()
            .to_string();
    let slow = IppPrinter::start(Behaviour::Slow(4));
    ws.run_ok(&["printer", "add", "slow", "--ipp", &slow.uri]);
    print(&ws, &[&slow_job, "--printer", "slow"]);
    wait_for(
        || ws.run_ok(&["job", "status", &slow_job, "--json"]).json()["parts"][0]["state"] == "processing",
        "the part processing",
    );
    let out = ws.run(&["job", "render", &slow_job]);
    assert_eq!(out.code, 1, "no re-render while a printer is reading the part");
    assert!(out.stderr.contains("job cancel"), "{}", out.stderr);
    let c = ws.run_ok(&["job", "cancel", &slow_job, "--json"]).json();
    assert_eq!(c["dispatches"][0]["state"], "canceled", "{c}");
    assert_eq!(c["printed"], false);
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE state = 'canceled'"), 1);
}

/// The cumulative transformation of every image drawn on a page: (a, d, e, f) in points.
fn image_placements(doc: &Document, page: lopdf::ObjectId) -> Vec<[f64; 4]> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut stack = vec![[1.0, 0.0, 0.0, 1.0, 0.0, 0.0f64]];
    let mut out = Vec::new();
    let num = |o: &Object| o.as_float().map(|f| f as f64).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => stack.push(*stack.last().unwrap()),
            "Q" => {
                stack.pop();
            }
            "cm" => {
                let m: Vec<f64> = op.operands.iter().map(num).collect();
                let c = *stack.last().unwrap();
                // New CTM = m x current (row-vector convention).
                // [a b c d e f] is the 3x3 matrix [a b 0; c d 0; e f 1], so entry (row, col)
                // of the product is row `row` of m times column `col` of c.
                let n: [f64; 6] = std::array::from_fn(|i| {
                    let (row, col) = (i / 2, i % 2);
                    let translation = if row == 2 { c[4 + col] } else { 0.0 };
                    m[2 * row] * c[col] + m[2 * row + 1] * c[2 + col] + translation
                });
                *stack.last_mut().unwrap() = n;
            }
            "Do" => {
                let c = stack.last().unwrap();
                out.push([c[0], c[3], c[4], c[5]]);
            }
            _ => {}
        }
    }
    out
}

#[test]
fn a_printers_offset_and_scale_reach_that_printer_only() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "plain", "--ipp", &printer.uri]);
    let (dx, dy, scale) = (1.5, -2.0, 98.0);
    ws.run_ok(&[
        "printer",
        "add",
        "skewed",
        "--ipp",
        &printer.uri,
        "--offset-x",
        "1.5",
        "--offset-y",
        "-2",
        "--scale",
        "98",
    ]);
    let a = print(&ws, &[&job, "--printer", "plain"]);
    let b = print(&ws, &[&job, "--printer", "skewed", "--force"]);
    let part1 = fs::read(parts(&ws, &job)[0]["path"].as_str().unwrap()).unwrap();
    let plain = printer.spooled(sent(&a)[0]["printer_job_id"].as_i64().unwrap());
    let skewed = printer.spooled(sent(&b)[0]["printer_job_id"].as_i64().unwrap());
    assert!(plain == part1, "the plain printer gets the job's own file");
    assert!(skewed != part1, "the skewed printer gets a corrected copy");
    let recorded: String = ws.value("SELECT sha256 FROM job_parts WHERE part = 1", &[]);
    use sha2::Digest;
    assert_eq!(hex::encode(sha2::Sha256::digest(&part1)), recorded, "the job's file is unchanged");

    // Every photo lands where the correction says: scaled about the page centre, then shifted
    // (x right, y down the page, so PDF y goes the other way).
    let (da, db) = (Document::load_mem(&plain).unwrap(), Document::load_mem(&skewed).unwrap());
    let (pa, pb): (Vec<_>, Vec<_>) = (da.get_pages().into_values().collect(), db.get_pages().into_values().collect());
    assert_eq!(pa.len(), pb.len());
    let (cx, cy) = (210.0 / 2.0 * PT, 297.0 / 2.0 * PT);
    let s = scale / 100.0;
    let mut checked = 0;
    for (x, y) in pa.iter().zip(&pb) {
        for (m, n) in image_placements(&da, *x).iter().zip(image_placements(&db, *y)) {
            let want = [m[0] * s, m[1] * s, cx + (m[2] - cx) * s + dx * PT, cy + (m[3] - cy) * s - dy * PT];
            for k in 0..4 {
                assert!((want[k] - n[k]).abs() < 0.1 * PT, "photo placement {k}: want {want:?}, got {n:?}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 12 * 4, "{checked} placements checked (part 1: 12 students, 4 prints each)");
}

#[test]
fn printer_test_prints_a_calibration_sheet_on_the_printers_paper() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    ws.run_ok(&["printer", "add", "photo6", "--ipp", &printer.uri, "--media", "6inch"]);
    let t = ws.run_ok(&["printer", "test", "photo6", "--json"]).json();
    let pdf = printer.spooled(t["printer_job_id"].as_i64().unwrap());
    let doc = Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let mb = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
    let w = mb[2].as_float().unwrap() as f64 / PT;
    let h = mb[3].as_float().unwrap() as f64 / PT;
    assert!((w - 101.6).abs() < 0.1 && (h - 152.4).abs() < 0.1, "6-inch paper, got {w} x {h} mm");
    let text = doc.extract_text(&[1]).unwrap();
    assert!(text.contains("photo6") && text.contains("(20, 20) mm"), "{text}");
}

#[test]
fn printer_settings_are_checked_and_can_be_changed() {
    let ws = Ws::new();
    for (args, says) in [
        (vec!["printer", "add", "x", "--ipp", "lpd://host/q"], "not a printer address"),
        (vec!["printer", "add", "x", "--hot-folder", "/no/such/folder"], "no such folder"),
        (vec!["printer", "add", "a/b", "--ipp", "ipp://h/ipp/print"], "printer name"),
        (vec!["printer", "add", "x", "--ipp", "ipp://h/ipp/print", "--offset-x", "25"], "--offset-x"),
        (vec!["printer", "add", "x", "--ipp", "ipp://h/ipp/print", "--scale", "80"], "--scale"),
        (vec!["printer", "add", "x", "--ipp", "ipp://h/ipp/print", "--media", "A3x"], "media"),
    ] {
        let out = ws.run(&args);
        assert_eq!(out.code, 1, "{args:?}");
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
    }
    assert_eq!(ws.count("SELECT count(*) FROM printers"), 0);
    ws.run_ok(&["printer", "add", "lab1", "--ipp", "ipp://h/ipp/print"]);
    let out = ws.run(&["printer", "add", "lab1", "--ipp", "ipp://h/ipp/print"]);
    assert!(out.code == 1 && out.stderr.contains("already exists"), "{}", out.stderr);
    ws.run_ok(&["printer", "set", "lab1", "--offset-x", "-0.8", "--scale", "100.6"]);
    let list = ws.run_ok(&["printer", "list", "--json"]).json();
    assert_eq!(list[0]["offset_x_mm"], -0.8);
    assert_eq!(list[0]["scale_pct"], 100.6);
    ws.run_ok(&["printer", "remove", "lab1"]);
    assert_eq!(ws.run_ok(&["printer", "list", "--json"]).json().as_array().unwrap().len(), 0);
    assert_eq!(ws.count("SELECT count(*) FROM printers WHERE removed_at IS NOT NULL"), 1, "kept on record");
}

#[test]
fn a_jammed_sheet_is_reprinted_by_scanning_it() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "lab1", "--ipp", &printer.uri]);
    print(&ws, &[&job, "--printer", "lab1"]);
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let sheets = show["sheets"].as_array().unwrap();
    let sheet3 = sheets[2]["barcode"].as_str().unwrap().to_string();
    let student_on_7 = sheets[6]["students"][1]["barcode"].as_str().unwrap().to_string();

    // Wrong codes are refused and nothing is recorded.
    let packet = show["packets"][0]["barcode"].as_str().unwrap();
    let before = ws.snapshot();
    for (codes, says) in [(vec![packet], "packet code"), (vec!["S999999Z"], "S999999Z")] {
        let mut args = vec!["sheet", "reprint"];
        args.extend(codes);
        args.extend(["--reason", "jammed"]);
        let out = ws.run(&args);
        assert_eq!(out.code, 1);
        assert!(out.stderr.contains(says), "{}", out.stderr);
    }
    let out = ws.run(&["sheet", "reprint", &sheet3, "--reason", "  "]);
    assert!(out.code == 1 && out.stderr.contains("--reason"), "{}", out.stderr);
    assert_eq!(ws.run(&["sheet", "reprint", &sheet3]).code, 2, "--reason is required");
    assert_eq!(ws.snapshot(), before);

    let done = ws
        .run_ok(&[
            "sheet",
            "reprint",
            &sheet3.to_lowercase(),
            &student_on_7,
            "--reason",
            "卡纸 jammed in tray 2",
            "--json",
        ])
        .json();
    let r = &done[0];
    assert_eq!(r["sheets"], serde_json::json!([3, 7]));
    let reprinted = printer.spooled(r["sent"]["printer_job_id"].as_i64().unwrap());
    assert!(reprinted == fs::read(r["file"].as_str().unwrap()).unwrap());

    // Same layout and positions: each reprinted page shows the same text and places the same
    // photos at the same spots as the sheet in the original part.
    let part = |sheet: i64| {
        let p = parts(&ws, &job)
            .into_iter()
            .find(|p| p["first_sheet"].as_i64() <= Some(sheet) && p["last_sheet"].as_i64() >= Some(sheet))
            .unwrap();
        let page = (sheet - p["first_sheet"].as_i64().unwrap() + 1) as u32;
        (Document::load(p["path"].as_str().unwrap()).unwrap(), page)
    };
    let rdoc = Document::load_mem(&reprinted).unwrap();
    let rpages: Vec<_> = rdoc.get_pages().into_values().collect();
    assert_eq!(rpages.len(), 2);
    for (i, sheet) in [3i64, 7].into_iter().enumerate() {
        let (odoc, page) = part(sheet);
        assert_eq!(
            rdoc.extract_text(&[i as u32 + 1]).unwrap(),
            odoc.extract_text(&[page]).unwrap(),
            "sheet {sheet} text"
        );
        let opage = odoc.get_pages()[&page];
        assert_eq!(image_placements(&rdoc, rpages[i]), image_placements(&odoc, opage), "sheet {sheet} photos");
    }

    // Who, when and why are on record.
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let rec = &show["reprints"][0];
    assert_eq!(rec["reason"], "卡纸 jammed in tray 2");
    assert!(!rec["requested_by"].as_str().unwrap().is_empty() && !rec["requested_at"].as_str().unwrap().is_empty());
    assert_eq!(rec["sheets"][0][1], sheet3.to_uppercase());
    assert_eq!(
        ws.count("SELECT count(*) FROM dispatches WHERE reprint_id IS NOT NULL AND printer_job_id IS NOT NULL"),
        1
    );
}

#[test]
fn a_cups_queue_holds_parts_pending_and_cancel_or_release_settles_them() {
    let cups = common::printer::CupsQueue::start();
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "cups", "--ipp", &cups.uri]);
    cups.stop();
    let r = print(&ws, &[&job, "--printer", "cups"]);
    assert_eq!(sent(&r).len(), 4, "a queue takes every part at once");
    let s = ws.run_ok(&["job", "status", &job, "--json"]).json();
    let states: Vec<&str> = s["parts"].as_array().unwrap().iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["pending"; 4], "{s}");
    let c = ws.run_ok(&["job", "cancel", &job, "--json"]).json();
    let states: Vec<&str> = c["parts"].as_array().unwrap().iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["canceled"; 4], "{c}");
    assert_eq!(c["printed"], false);

    cups.resume();
    print(&ws, &[&job, "--printer", "cups", "--force"]);
    wait_for(
        || ws.run_ok(&["job", "status", &job, "--json"]).json()["printed"] == true,
        "the queue to print every part",
    );
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE state = 'completed'"), 4);
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE state = 'canceled'"), 4);
}

/// A member of an IPP collection, by name.
fn member<'a>(c: &'a ipp::value::IppValue, name: &str) -> &'a ipp::value::IppValue {
    match c {
        ipp::value::IppValue::Collection(m) => {
            m.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v).unwrap_or_else(|| panic!("no {name} in {c}"))
        }
        other => panic!("not a collection: {other}"),
    }
}

/// A second set of the same class (on purpose) on the 6-inch layout (3 mm margins: nearer the
/// edge than the photo-lab printer's 4.23 mm, so it must print borderless).
fn six_inch_job(ws: &Ws) -> String {
    let v = ws.run_ok(&[
        "job",
        "create",
        "--school",
        "10418",
        "--class",
        "计算机2班",
        "--layout",
        "6inch-2cun-x4",
        "--again",
        "--reason",
        "6 寸相纸",
        "--json",
    ]);
    v.json()["id"].as_str().unwrap().to_string()
}

#[test]
fn every_part_is_sent_unscaled_on_the_layouts_paper() {
    let printer = IppPrinter::start(Behaviour::Complete);
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["printer", "add", "lab1", "--ipp", &printer.uri]);
    let report = print(&ws, &[&job, "--printer", "lab1"]);
    assert_eq!(report["exact_size"]["media"], "iso_a4_210x297mm", "{report}");
    assert_eq!(report["exact_size"]["borderless"], false);
    let parts = sent(&report);
    assert_eq!(parts.len(), 4);
    for s in &parts {
        // What the printer itself kept for the job, asked with Get-Job-Attributes.
        let id = s["printer_job_id"].as_i64().unwrap();
        assert_eq!(printer.job_attribute(id, "print-scaling").map(|v| v.to_string()).as_deref(), Some("none"));
        assert_eq!(printer.job_attribute(id, "media").map(|v| v.to_string()).as_deref(), Some("iso_a4_210x297mm"));
    }

    // The 6-inch layout prints 3 mm from the edge: borderless 4x6 in paper, in media-col.
    let six = six_inch_job(&ws);
    let report = print(&ws, &[&six, "--printer", "lab1"]);
    assert_eq!(report["exact_size"]["borderless"], true, "{report}");
    for s in sent(&report) {
        let id = s["printer_job_id"].as_i64().unwrap();
        assert_eq!(printer.job_attribute(id, "print-scaling").map(|v| v.to_string()).as_deref(), Some("none"));
        let col = printer.job_attribute(id, "media-col").expect("media-col sent");
        let size = member(&col, "media-size");
        assert_eq!(member(size, "x-dimension").to_string(), "10160");
        assert_eq!(member(size, "y-dimension").to_string(), "15240");
        for side in ["top", "right", "bottom", "left"] {
            assert_eq!(member(&col, &format!("media-{side}-margin")).to_string(), "0", "{side} margin");
        }
    }
}

#[test]
fn a_printer_that_cannot_print_at_exact_size_is_refused_by_name() {
    let ws = Ws::new();
    let job = job(&ws);
    ws.run_ok(&["job", "render", &job]);
    let six = six_inch_job(&ws);
    ws.run_ok(&["job", "render", &six]);
    // ippeveprinter's defaults: no print-scaling at all.
    let plain = IppPrinter::start_plain(Behaviour::Complete);
    // Photo paper, but never borderless; and one without 4x6 paper.
    let bordered = IppPrinter::start_with_attributes(
        Behaviour::Complete,
        &photo_lab_attributes(
            "application/pdf",
            &[
                "ATTR integer media-top-margin-supported 423",
                "ATTR integer media-right-margin-supported 423",
                "ATTR integer media-bottom-margin-supported 423",
                "ATTR integer media-left-margin-supported 423",
            ],
        ),
    );
    let a4_only = IppPrinter::start_with_attributes(
        Behaviour::Complete,
        &photo_lab_attributes(
            "application/pdf",
            &[
                "ATTR keyword media-supported iso_a4_210x297mm",
                "ATTR collection media-size-supported {MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700}",
            ],
        ),
    );
    for (name, p) in [("plain", &plain), ("bordered", &bordered), ("a4only", &a4_only)] {
        ws.run_ok(&["printer", "add", name, "--ipp", &p.uri]);
    }
    let before = ws.snapshot();
    for (job, printer, says) in [
        (&job, "plain", "print-scaling=none"),
        (&six, "bordered", "cannot print borderless"),
        (&six, "a4only", "no paper of 102.0 x 152.0 mm"),
    ] {
        let out = ws.run(&["job", "print", job, "--printer", printer]);
        assert_eq!(out.code, 1, "{printer}: {}", out.stdout);
        assert!(
            out.stderr.contains(&format!("printer {printer}")) && out.stderr.contains(says),
            "{printer}: {}",
            out.stderr
        );
    }
    assert_eq!(ws.snapshot(), before, "nothing recorded");
    assert_eq!(plain.jobs_received() + bordered.jobs_received() + a4_only.jobs_received(), 0, "nothing sent");
    // The A4 job fits the A4-only printer.
    ws.run_ok(&["job", "print", &job, "--printer", "a4only"]);
}

#[test]
fn printer_add_and_test_show_what_the_printer_supports() {
    let photo = IppPrinter::start(Behaviour::Complete);
    let plain = IppPrinter::start_plain(Behaviour::Complete);
    let ws = Ws::new();
    let added = ws.run_ok(&["printer", "add", "photo6", "--ipp", &photo.uri, "--media", "6inch", "--json"]).json();
    let supports = &added["supports"];
    assert!(supports["print_scaling"].as_array().unwrap().iter().any(|v| v == "none"), "{added}");
    assert!(supports["media"].as_array().unwrap().iter().any(|v| v == "na_index-4x6_4x6in"), "{added}");
    let text = ws.run_ok(&["printer", "add", "plain", "--ipp", &plain.uri]).stdout;
    assert!(text.contains("print-scaling: (not reported)") && text.contains("borderless: no"), "{text}");

    let t = ws.run_ok(&["printer", "test", "photo6", "--json"]).json();
    assert_eq!(t["exact_size"]["x_dimension"], 10160, "{t}");
    assert_eq!(t["exact_size"]["y_dimension"], 15240, "{t}");
    let id = t["printer_job_id"].as_i64().unwrap();
    assert_eq!(photo.job_attribute(id, "print-scaling").map(|v| v.to_string()).as_deref(), Some("none"));
    let text = ws.run_ok(&["printer", "test", "photo6"]).stdout;
    assert!(text.contains("borderless: yes") && text.contains("print-scaling none"), "{text}");

    // A printer that would scale the calibration sheet cannot calibrate anything.
    let out = ws.run(&["printer", "test", "plain"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("printer plain") && out.stderr.contains("print-scaling=none"), "{}", out.stderr);
    assert_eq!(plain.jobs_received(), 0);
}
