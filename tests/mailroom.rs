//! The mailroom end to end: shipments to the right school only, every scan refused for the
//! right reason and logged, the states in order, tracking numbers checked, due dates on
//! working days, and the label and packing lists read back by the print shop's own readers.

mod common;
use common::lab::*;
use common::*;
use serde_json::Value;
use std::fs;
use std::process::Command;

fn create(ws: &Ws, args: &[&str]) -> Value {
    let mut a = vec!["shipment", "create"];
    a.extend_from_slice(args);
    a.push("--json");
    ws.run_ok(&a).json()
}

/// What a keyboard-wedge scanner types under a Chinese input method in full-width (全角) mode.
fn full_width(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c }).collect()
}

#[test]
fn a_full_day_in_the_mailroom() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 6), ("计算机2班", 5)]);
    school(&ws, "10001", 100, &[("物理1班", 4)]);
    let job = printed_job(&ws, "10418", &[]);
    let other = printed_job(&ws, "10001", &[]);
    let ours = packets(&ws, &job);
    let theirs = packets(&ws, &other);
    let sheet =
        ws.run_ok(&["job", "show", &job, "--json"]).json()["sheets"][1]["barcode"].as_str().unwrap().to_string();

    let h = create(&ws, &["--school", "10418"]);
    let id = h["id"].as_str().unwrap().to_string();
    assert_eq!(h["expected"], 2);
    assert_eq!(h["recipient"]["address"], "10418 大学路1号");

    // The day's scans, in the order a clerk makes them.
    refused(&scan(&ws, &ours[0]), "scan the shipment's barcode first");
    let s = scan(&ws, &id);
    assert_eq!(s["result"], "shown");
    assert!(s["message"].as_str().unwrap().contains("2 of 2 packets missing"), "{s}");
    assert_eq!(scan(&ws, &ours[0])["result"], "accepted");
    // A scanner under a Chinese input method in full-width mode types Ｐ１２Ｘ: the same packet.
    assert_eq!(scan(&ws, &format!(" {}\u{3000}", full_width(&ours[0])))["result"], "confirmed");
    refused(&scan(&ws, &theirs[0]), "WRONG SCHOOL");
    refused(&scan(&ws, &sheet), "sheet barcode");
    let mut typo = ours[1].clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    refused(&scan(&ws, &typo), "check character");
    refused(&scan(&ws, "EE473124828CN"), "check digit");

    let out = ws.run(&["shipment", "seal", &id]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains(&ours[1]) && out.stderr.contains("--force"), "{}", out.stderr);
    let s = scan(&ws, &ours[1]);
    assert_eq!(s["result"], "accepted");
    assert_eq!(s["shipment"]["missing"].as_array().unwrap().len(), 0);

    let sealed = ws.run_ok(&["shipment", "seal", &id, "--json"]).json();
    assert_eq!(sealed["state"], "sealed");
    refused(&scan(&ws, &theirs[0]), "sealed");
    let shipped = scan(&ws, &full_width("EE473124829CN"));
    assert_eq!(shipped["result"], "accepted", "{shipped}");
    assert_eq!(shipped["shipment"]["state"], "shipped");
    assert_eq!(shipped["shipment"]["tracking"], "EE473124829CN");
    assert_eq!(shipped["shipment"]["carrier"], "upu");

    let out = ws.run(&["shipment", "seal", &id]);
    assert!(out.code == 1 && out.stderr.contains("shipped"), "invalid transition names the state: {}", out.stderr);
    let d = ws.run_ok(&["shipment", "deliver", &id, "--json"]).json();
    assert_eq!(d["state"], "delivered");
    let out = ws.run(&["shipment", "return", &id, "--reason", "x"]);
    assert!(out.code == 1 && out.stderr.contains("delivered"), "{}", out.stderr);

    // Every scan is on record with its station and result.
    assert_eq!(ws.count("SELECT count(*) FROM scans"), 11);
    assert_eq!(ws.count("SELECT count(*) FROM scans WHERE station = 'desk-2' AND operator <> ''"), 11);
    assert_eq!(ws.count("SELECT count(*) FROM scans WHERE result = 'refused'"), 6);

    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    for p in show["packets"].as_array().unwrap() {
        assert_eq!(p["shipment"], id.as_str());
        assert_eq!(p["packed"], true);
    }
    let report = ws.run_ok(&["report", "schools", "--json"]).json();
    let row = |code: &str| report.as_array().unwrap().iter().find(|r| r["school"] == code).unwrap().clone();
    let a = row("10418");
    assert_eq!([&a["imported"], &a["printed"], &a["packed"], &a["shipped"], &a["delivered"]], [&Value::from(11); 5]);
    let b = row("10001");
    assert_eq!((b["printed"].as_i64(), b["packed"].as_i64()), (Some(4), Some(0)));
    let list = ws.run_ok(&["shipment", "list", "--status", "delivered", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn packets_not_printed_or_already_shipping_are_refused() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 4), ("计算机2班", 4)]);
    let out = ws.run(&["shipment", "create", "--school", "10418"]);
    assert!(out.code == 1 && out.stderr.contains("no printed packets"), "{}", out.stderr);

    let printed = printed_job(&ws, "10418", &["--class", "计算机1班"]);
    let unprinted = ws.run_ok(&["job", "create", "--school", "10418", "--class", "计算机2班", "--json"]).json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = ws.run(&["shipment", "create", "--school", "10418", "--job", &unprinted]);
    assert!(out.code == 1 && out.stderr.contains("not printed"), "{}", out.stderr);

    let a = create(&ws, &["--school", "10418"])["id"].as_str().unwrap().to_string();
    // A shipment to one person (a reprint going to a student's home).
    let b = create(
        &ws,
        &["--school", "10418", "--to", "北京市海淀区学院路5号", "--recipient", "张*三", "--phone", "13800000000"],
    );
    assert_eq!(b["to_person"], true);
    assert_eq!(b["expected"], 0);
    let b = b["id"].as_str().unwrap().to_string();
    scan(&ws, &b);
    refused(&scan(&ws, &packets(&ws, &printed)[0]), &format!("already in shipment {a}"));
    refused(&scan(&ws, &packets(&ws, &unprinted)[0]), "not printed");
    refused(&scan(&ws, "P999999"), "");
    let out = ws.run(&["shipment", "create", "--school", "10418"]);
    assert!(out.code == 1, "nothing left to ship");
    let out = ws.run(&["shipment", "create", "--school", "10418", "--to", "somewhere"]);
    assert!(out.code == 1 && out.stderr.contains("--recipient"), "{}", out.stderr);
}

#[test]
fn sealing_with_missing_packets_needs_force_and_a_reason_and_they_wait_for_the_next_shipment() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 4), ("计算机2班", 4), ("计算机3班", 4)]);
    let job = printed_job(&ws, "10418", &[]);
    let ps = packets(&ws, &job);
    let id = create(&ws, &["--school", "10418"])["id"].as_str().unwrap().to_string();
    scan(&ws, &id);
    scan(&ws, &ps[0]);
    let out = ws.run(&["shipment", "seal", &id, "--force"]);
    assert!(out.code == 1 && out.stderr.contains("--reason"), "{}", out.stderr);
    let before = ws.snapshot();
    let out = ws.run(&["shipment", "ship", &id, "--tracking", "1234567890123"]);
    assert!(out.code == 1 && out.stderr.contains("open"), "ship before seal names the state: {}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    let v = ws.run_ok(&["shipment", "seal", &id, "--force", "--reason", "3班 not dry yet", "--json"]).json();
    assert_eq!(v["state"], "sealed");
    assert_eq!(v["expected"], 1);
    assert_eq!(v["seal_reason"], "3班 not dry yet");
    let next = create(&ws, &["--school", "10418"]);
    let expected: Vec<&str> =
        next["packets"].as_array().unwrap().iter().map(|p| p["barcode"].as_str().unwrap()).collect();
    assert_eq!(expected, [ps[1].as_str(), ps[2].as_str()]);

    // Tracking numbers: checked, carrier recognised, unknown formats only with --carrier other.
    for (no, carrier, says) in [
        ("RR123456788CN", None, "check digit"),
        ("12345", None, "not a tracking number"),
        ("SF1234567890123", Some("ems"), "sf"),
    ] {
        let mut args = vec!["shipment", "ship", &id, "--tracking", no];
        if let Some(c) = carrier {
            args.extend(["--carrier", c]);
        }
        let out = ws.run(&args);
        assert_eq!(out.code, 1, "{no}");
        assert!(out.stderr.to_lowercase().contains(says), "{no}: {}", out.stderr);
    }
    let v = ws.run_ok(&["shipment", "ship", &id, "--tracking", "sf 1234567890123", "--json"]).json();
    assert_eq!((v["carrier"].as_str(), v["tracking"].as_str()), (Some("sf"), Some("SF1234567890123")));
    let v = ws.run_ok(&["shipment", "return", &id, "--reason", "地址不详 address unknown", "--json"]).json();
    assert_eq!(v["state"], "returned");
    // Returned packets can go out again.
    let again = create(&ws, &["--school", "10418", "--job", &job]);
    assert!(again["packets"].as_array().unwrap().iter().any(|p| p["barcode"] == ps[0].as_str()), "{again}");

    let other = create(&ws, &["--school", "10418", "--to", "x路1号", "--recipient", "李*"]);
    let oid = other["id"].as_str().unwrap();
    scan(&ws, oid);
    scan(&ws, "ABC-123-XYZ");
    let out = ws.run(&["scan", "ABC-123-XYZ", "--station", "desk-2", "--carrier", "other", "--json"]);
    assert_eq!(out.json()["result"], "accepted", "{}", out.stdout);
    let v = ws.run_ok(&["scan", "1234567890123", "--station", "desk-2", "--json"]).json();
    assert_eq!(v["shipment"]["carrier"], "ems");
}

#[test]
fn due_dates_count_working_days_across_national_day() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 3)]);
    ws.run_ok(&["job", "create", "--school", "10418"]);
    // Collected 2026-08-20; 40 working days skip the weekends, 中秋 (Sep 25) and 国庆 (Oct 1-7)
    // and count the make-up Sunday Sep 20 and Saturday Oct 10: due Wed 2026-10-21.
    let r = ws.run_ok(&["report", "due", "--today", "2026-10-15", "--json"]).json();
    let line = &r["lines"][0];
    assert_eq!(line["work"], "job");
    assert_eq!(line["since"], "2026-08-20");
    assert_eq!(line["due"], "2026-10-21");
    assert_eq!(line["working_days_left"], 4, "Oct 16, 19, 20, 21");
    assert_eq!(line["late"], false);
    assert_eq!(line["status"], "made");
    let r = ws.run_ok(&["report", "due", "--today", "2026-10-23", "--json"]).json();
    assert_eq!(r["lines"][0]["late"], true);
    assert_eq!(r["lines"][0]["working_days_left"], -2);
    let r = ws.run_ok(&["report", "due", "--today", "2026-09-01", "--json"]).json();
    assert_eq!(r["lines"].as_array().unwrap().len(), 0, "not due within a week");

    // The calendar is the lab's to edit: a holiday added there moves the date.
    let cal = ws.root().join("calendars/china.toml");
    let add_2026_holiday = |text: &str, day: &str| {
        let at = text.find("year = 2026").unwrap();
        let at = at + text[at..].find("holidays = [").unwrap() + "holidays = [".len();
        format!("{}\"{day}\", {}", &text[..at], &text[at..])
    };
    let text = add_2026_holiday(&fs::read_to_string(&cal).unwrap(), "2026-10-12");
    fs::write(&cal, &text).unwrap();
    let r = ws.run_ok(&["report", "due", "--today", "2026-10-15", "--json"]).json();
    assert_eq!(r["lines"][0]["due"], "2026-10-22");
    fs::write(&cal, add_2026_holiday(&text, "2026-13-01")).unwrap();
    let out = ws.run(&["report", "due"]);
    assert!(out.code == 1 && out.stderr.contains("2026-13-01") && out.stderr.contains("china.toml"), "{}", out.stderr);
}

fn tool(name: &str, args: &[&str]) -> String {
    let out =
        Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e} (scripts/test installs it)"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Barcodes zbarimg reads on page 1 of a PDF rendered at 300 dpi.
fn barcodes(ws: &Ws, pdf: &str) -> Vec<String> {
    let png = ws.path("page");
    tool("pdftoppm", &["-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, png.to_str().unwrap()]);
    let out = tool("zbarimg", &["--quiet", "--raw", ws.path("page.png").to_str().unwrap()]);
    out.lines().map(str::to_string).collect()
}

#[test]
fn labels_and_packing_lists_read_back() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 45)]);
    let job = printed_job(&ws, "10418", &[]);
    let packet = packets(&ws, &job)[0].clone();
    let v = create(&ws, &["--school", "10418"]);
    let id = v["id"].as_str().unwrap();
    let docs: Vec<String> =
        v["documents"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    let find = |suffix: &str| {
        docs.iter().find(|d| d.ends_with(suffix)).unwrap_or_else(|| panic!("{suffix} in {docs:?}")).clone()
    };

    let label = find(&format!("{id}-label.pdf"));
    let info = tool("pdfinfo", &[&label]);
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!((size[0] - 283.46).abs() < 0.1 && (size[1] - 425.2).abs() < 0.1, "100 x 150 mm: {info}");
    let text = tool("pdftotext", &[&label, "-"]);
    assert!(text.contains("测试大学10418") && text.contains("10418 大学路1号") && text.contains(id), "{text}");
    assert!(barcodes(&ws, &label).contains(&id.to_string()));

    let list = find(&format!("{packet}-packing-list.pdf"));
    let text = tool("pdftotext", &["-layout", &list, "-"]);
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let students: Vec<String> = show["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["students"].as_array().unwrap().iter().map(|x| x["xh"].as_str().unwrap().to_string()))
        .collect();
    let positions: Vec<usize> =
        students.iter().map(|xh| text.find(xh.as_str()).unwrap_or_else(|| panic!("{xh}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "students in print order across pages");
    assert!(text.contains("张*三") && text.contains("45") && text.contains("计算机1班"));
    assert!(barcodes(&ws, &list).contains(&packet));

    let ship_list = find(&format!("{id}-shipment-list.pdf"));
    let text = tool("pdftotext", &[&ship_list, "-"]);
    assert!(text.contains(&packet) && text.contains("计算机1班"), "{text}");
    assert!(barcodes(&ws, &ship_list).contains(&id.to_string()));

    let files = ws.run_ok(&["job", "packing-lists", &job, "--json"]).json();
    assert_eq!(files.as_array().unwrap().len(), 1);
}

#[test]
fn the_mailroom_prints_the_label_and_the_packing_lists_from_the_cli_as_from_the_window() {
    let ws = Ws::new();
    school(&ws, "10418", 0, &[("计算机1班", 6)]);
    let job = printed_job(&ws, "10418", &[]);
    let id = create(&ws, &["--school", "10418"])["id"].as_str().unwrap().to_string();
    let hot = ws.path("mailroom-rip");
    fs::create_dir_all(&hot).unwrap();
    ws.run_ok(&["printer", "add", "desk", "--hot-folder", hot.to_str().unwrap()]);
    let in_folder = || {
        let mut names: Vec<String> =
            fs::read_dir(&hot).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };

    let sent = ws.run_ok(&["shipment", "print", &id, "--printer", "desk", "--json"]).json();
    let sent = sent.as_array().unwrap();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0]["file"].as_str().unwrap().ends_with(&format!("{id}-label.pdf")));
    let names = in_folder();
    assert_eq!(names.len(), 1, "{names:?}");
    let dropped = fs::read(hot.join(&names[0])).unwrap();
    assert_eq!(dropped, fs::read(sent[0]["file"].as_str().unwrap()).unwrap(), "the label exactly as written");

    let lists = ws.run_ok(&["shipment", "print", &id, "--printer", "desk", "--packing-lists", "--json"]).json();
    let packet = packets(&ws, &job)[0].clone();
    let files: Vec<&str> = lists.as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.iter().any(|f| f.ends_with(&format!("{id}-shipment-list.pdf"))), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(&format!("{packet}-packing-list.pdf"))), "{files:?}");
    assert_eq!(in_folder().len(), 1 + files.len());

    let out = ws.run(&["shipment", "print", &id, "--printer", "nowhere"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
    assert_eq!(in_folder().len(), 1 + files.len(), "nothing sent to a printer that is not there");
}

/// The words a clerk reads follow the locale, `--lang` and `[lab] language`; scripts read the
/// same stable code in every language.
#[test]
fn scan_verdicts_and_errors_speak_the_clerks_language() {
    let ws = Ws::new();
    let chinese = [("LANG", "zh_CN.UTF-8")];
    // A mistyped check character (P19's is Z), under a Chinese locale.
    let out = ws.run_with_env(&["scan", "P19Y", "--json"], &chinese);
    let v = out.json();
    assert_eq!(v["result"], "refused", "{v}");
    assert_eq!(v["message"], "“P19Y”校验位不对：条码输错或读错了；请重新扫描", "{v}");
    assert_eq!(v["message_code"], "id_wrong_check");
    // A person at the terminal reads the verdict word in Chinese too.
    let out = ws.run_with_env(&["scan", "P19Y"], &chinese);
    assert_eq!(out.stdout.trim(), "拒收：“P19Y”校验位不对：条码输错或读错了；请重新扫描");
    // The same scan in English when asked for, whatever the locale says.
    let v = ws.run_with_env(&["scan", "P19Y", "--json", "--lang", "en"], &chinese).json();
    assert_eq!(v["message"], "\"P19Y\": wrong check character; the code was mistyped or misread; scan it again");
    assert_eq!(v["message_code"], "id_wrong_check");
    // LC_ALL outranks LANG, as in every C program.
    let v = ws.run_with_env(&["scan", "P19Y", "--json"], &[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]).json();
    assert!(v["message"].as_str().unwrap().contains("校验位不对"), "{v}");

    // An error: the line on stderr and the JSON's code.
    let out = ws.run_with_env(&["scan", "  ", "--json"], &chinese);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr.trim(), "错误：没有扫到任何内容");
    assert_eq!(out.json()["code"], "scan_nothing");
    let out = ws.run(&["scan", "  "]);
    assert_eq!(out.stderr.trim(), "error: nothing was scanned");

    // The lab's own setting outranks the locale; --lang outranks the setting.
    let text = fs::read_to_string(ws.root().join("gradlab.toml")).unwrap();
    ws.write_settings(&text.replace("language = \"\"", "language = \"zh\""));
    let out = ws.run(&["scan", "  "]);
    assert_eq!(out.stderr.trim(), "错误：没有扫到任何内容");
    assert_eq!(ws.run(&["scan", "  ", "--lang", "en"]).stderr.trim(), "error: nothing was scanned");
    ws.write_settings(&text.replace("language = \"\"", "language = \"fr\""));
    let out = ws.run(&["scan", "P19Y"]);
    assert!(out.stderr.contains("[lab] language") || out.stderr.contains("language"), "{}", out.stderr);
    assert!(out.stderr.contains("zh or en"), "{}", out.stderr);
}
