//! What a full day of real use got wrong, each through the real binary: a tracking number used
//! twice, a school printed twice, a reprint that undoes a correction, due dates that miss work,
//! packets left out of a sealed box, requests whose state lags reality, per-class rosters,
//! typos, row numbers, a first run, what the job list says, and the words of the messages.

mod common;
use common::lab::*;
use common::*;
use serde_json::Value;
use std::fs;

const SCHOOL: &str = "10418";

/// A valid UPU S10 number: 12345678 has check digit 5.
const TRACKING: &str = "EA123456785CN";

/// A shipment of the school's printed packets, every packet scanned and the box sealed.
fn sealed_shipment(ws: &Ws, code: &str) -> String {
    let v = ws.run_ok(&["shipment", "create", "--school", code, "--json"]).json();
    let id = v["id"].as_str().unwrap().to_string();
    scan(ws, &id);
    for p in v["packets"].as_array().unwrap() {
        assert_eq!(scan(ws, p["barcode"].as_str().unwrap())["result"], "accepted");
    }
    ws.run_ok(&["shipment", "seal", &id]);
    id
}

fn shipment_state(ws: &Ws, id: &str) -> Value {
    ws.run_ok(&["shipment", "show", id, "--json"]).json()["state"].clone()
}

#[test]
fn a_tracking_number_ships_one_shipment_only() {
    let ws = Ws::new();
    school(&ws, SCHOOL, 0, &[("计算机1班", 2)]);
    school(&ws, "10611", 50, &[("物理1班", 2)]);
    printed_job(&ws, SCHOOL, &[]);
    printed_job(&ws, "10611", &[]);
    let first = sealed_shipment(&ws, SCHOOL);
    assert_eq!(scan(&ws, TRACKING)["message"].as_str().unwrap(), format!("shipment {first} shipped: upu {TRACKING}"));
    assert_eq!(shipment_state(&ws, &first), "shipped");

    // The old label scanned again on the next box is refused, naming the shipment that has it.
    let second = sealed_shipment(&ws, "10611");
    let before = ws.snapshot();
    let v = scan(&ws, TRACKING);
    refused(&v, &format!("already on shipment {first}"));
    assert_eq!(shipment_state(&ws, &second), "sealed");
    let after = ws.snapshot();
    assert_eq!(after["shipments"], before["shipments"], "the refused scan changed no shipment");
    let out = ws.run(&["shipment", "ship", &second, "--tracking", TRACKING]);
    assert!(out.code == 1 && out.stderr.contains(&first), "{}", out.stderr);
    assert_eq!(shipment_state(&ws, &second), "sealed");
    // The mailroom clerk at a Chinese desk reads the same refusal in Chinese, with its code.
    let chinese = [("LANG", "zh_CN.UTF-8")];
    let out = ws.run_with_env(&["shipment", "ship", &second, "--tracking", TRACKING, "--json"], &chinese);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["code"], "shipment_refused", "{}", out.stdout);
    let said =
        format!("快递单号 {TRACKING} 已登记在发运单 {first}（已发运，院校 {SCHOOL}）；一个快递单号只对应一个包裹");
    assert!(
        out.stderr.starts_with(&format!("错误：发运单 {second}：")) && out.stderr.contains(&said),
        "{}",
        out.stderr
    );
    let out = ws.run_with_env(&["shipment", "list", "--status", "lost", "--json"], &chinese);
    assert_eq!(out.json()["code"], "shipment_bad_status", "{}", out.stdout);
    assert!(out.stderr.contains("--status “lost”不是发运单状态"), "{}", out.stderr);

    // --force needs a reason, and the deliberate path is audited.
    let out = ws.run(&["shipment", "ship", &second, "--tracking", TRACKING, "--force"]);
    assert_eq!(out.code, 2, "clap refuses --force without --reason: {}", out.stderr);
    let v = scan_with(&ws, TRACKING, &["--force", "--reason", "顺丰客服确认同单号分两件"]);
    assert_eq!(v["result"], "accepted", "{v}");
    assert_eq!(shipment_state(&ws, &second), "shipped");
    let reused: Vec<_> = audit(&ws).into_iter().filter(|a| a.1 == "shipment.tracking-reused").collect();
    assert_eq!(reused.len(), 1, "{reused:?}");
    assert!(reused[0].2.contains(&second) && reused[0].3.contains("顺丰客服确认同单号分两件"), "{reused:?}");
}

#[test]
fn no_school_is_printed_twice_by_accident() {
    let ws = Ws::new();
    school(&ws, SCHOOL, 0, &[("计算机1班", 3)]);
    let first = printed_job(&ws, SCHOOL, &[]);

    let before = ws.snapshot();
    let out = ws.run(&["job", "create", "--school", SCHOOL]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for says in [first.as_str(), "3 of the 3 students chosen", "printed", "--again --reason"] {
        assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before, "a refused job changes nothing");

    // A job made but not yet sent holds its students too: waiting to print is not free to print.
    let mut late = Row::new(20, SCHOOL, "计算机2班");
    late.sjc = SJC_AUG_20.to_string();
    let batch = ws.path("late");
    write_batch(&batch, std::slice::from_ref(&late), |_| Some(good_photo(777)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let out = ws.run(&["job", "create", "--school", SCHOOL]);
    assert!(out.code == 1 && out.stderr.contains("add --new-only"), "{}", out.stderr);
    let only_new = ws.run_ok(&["job", "create", "--school", SCHOOL, "--new-only", "--json"]).json();
    assert_eq!(only_new["students"], 1, "only the student in no job yet");
    let waiting = only_new["id"].as_str().unwrap();
    let out = ws.run(&["job", "create", "--school", SCHOOL, "--class", "计算机2班"]);
    assert!(out.code == 1 && out.stderr.contains(waiting) && out.stderr.contains("made"), "{}", out.stderr);

    // A second set on purpose, with its reason on record.
    let again = ws
        .run_ok(&[
            "--operator",
            "李师傅",
            "job",
            "create",
            "--school",
            SCHOOL,
            "--again",
            "--reason",
            "学校补要一套",
            "--json",
        ])
        .json();
    assert_eq!(again["students"], 4);
    let list = ws.run_ok(&["job", "list", "--json"]).json();
    let line = list.as_array().unwrap().iter().find(|j| j["id"] == again["id"]).unwrap().clone();
    assert_eq!(line["purpose"], "again");
    let a: Vec<_> = audit(&ws).into_iter().filter(|a| a.1 == "job.again").collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].0, "李师傅");
    assert!(a[0].3.contains("学校补要一套") && a[0].3.contains(&first), "{:?}", a[0]);

    // Reprint and correction jobs keep their own paths.
    ws.run_ok(&[
        "correction",
        "add",
        "--school",
        SCHOOL,
        "--student",
        &Row::new(0, SCHOOL, "").xh,
        "--field",
        "xm",
        "--from",
        "张*三",
        "--to",
        "张*山",
    ]);
    ws.run_ok(&["job", "create", "--school", SCHOOL, "--needs-reprint"]);
    let r = request_add(
        &ws,
        &["--kind", "damaged", "--school", SCHOOL, "--student", &Row::new(1, SCHOOL, "").xh, "--requester", "school"],
    );
    let r = r["id"].as_str().unwrap();
    ws.run_ok(&["request", "approve", r]);
    ws.run_ok(&["request", "print", r]);
}

/// The text of every page of a PDF, through poppler's pdftotext.
fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext").args([path, "-"]).output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_reprint_never_brings_back_what_a_correction_fixed() {
    let ws = Ws::new();
    let rows = school(&ws, SCHOOL, 0, &[("计算机1班", 2)]);
    let job = printed_job(&ws, SCHOOL, &[]);
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let sheet = show["sheets"].as_array().unwrap().iter().find(|s| s["kind"] == "photos").unwrap();
    let sheet_code = sheet["barcode"].as_str().unwrap().to_string();
    let student_code = sheet["students"][0]["barcode"].as_str().unwrap().to_string();
    correct(&ws, SCHOOL, &rows[0].xh, "姓名", "张*三", "张*山");

    let before = ws.snapshot();
    for code in [&sheet_code, &student_code] {
        let out = ws.run(&["sheet", "reprint", code, "--reason", "卡纸"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        for says in [rows[0].xh.as_str(), "xm (姓名)", "张*三 -> 张*山", "job create --needs-reprint", "--as-printed"]
        {
            assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
        }
    }
    assert_eq!(ws.snapshot(), before, "nothing recorded");
    assert_eq!(fs::read_dir(rip(&ws)).unwrap().count(), 0, "nothing sent");

    // As printed, on purpose: the old name, audited.
    let done = ws.run_ok(&["sheet", "reprint", &sheet_code, "--reason", "卡纸", "--as-printed", "--json"]).json();
    let text = pdf_text(done[0]["file"].as_str().unwrap());
    assert!(text.contains("张*三") && !text.contains("张*山"), "{text}");
    assert!(audit(&ws).iter().any(|a| a.1 == "sheet.reprint-as-printed" && a.3.contains("卡纸")));
    rip_takes_all(&ws);

    // The corrected prints come from the correction's own job; reprinting its sheet is fine.
    let fixed = printed_job(&ws, SCHOOL, &["--needs-reprint"]);
    let show = ws.run_ok(&["job", "show", &fixed, "--json"]).json();
    let sheet = show["sheets"].as_array().unwrap().iter().find(|s| s["kind"] == "photos").unwrap();
    let done =
        ws.run_ok(&["sheet", "reprint", sheet["barcode"].as_str().unwrap(), "--reason", "卡纸", "--json"]).json();
    assert!(pdf_text(done[0]["file"].as_str().unwrap()).contains("张*山"));
}

fn due(ws: &Ws, today: &str) -> Vec<Value> {
    let r = ws.run_ok(&["report", "due", "--today", today, "--json"]).json();
    r["lines"].as_array().unwrap().clone()
}

#[test]
fn due_dates_cover_students_in_no_job_reprints_and_corrections() {
    let ws = Ws::new();
    let rows = school(&ws, SCHOOL, 0, &[("计算机1班", 3)]);
    // Collected 2026-08-20: due 2026-10-21 (40 working days); on 2026-10-28 that is 5 working
    // days late (Oct 22, 23, 26, 27, 28) although no job was ever made.
    let lines = due(&ws, "2026-10-28");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["work"], "not-in-a-job");
    assert_eq!(lines[0]["students"], 3);
    assert_eq!(lines[0]["since"], "2026-08-20");
    assert_eq!(lines[0]["due"], "2026-10-21");
    assert_eq!(lines[0]["overdue_working_days"], 5);
    let text = ws.run_ok(&["report", "due", "--today", "2026-10-28"]).stdout;
    assert!(text.contains("overdue 5 working days") && text.contains("students in no job"), "{text}");

    // A request and a correction are promised from the day they came, 10 working days.
    let r =
        request_add(&ws, &["--kind", "lost", "--school", SCHOOL, "--student", &rows[1].xh, "--requester", "school"]);
    let request = r["id"].as_str().unwrap().to_string();
    let asked = gradlab::domain::local_time::Zone::CHINA.day(r["created_at"].as_str().unwrap()).unwrap();
    correct(&ws, SCHOOL, &rows[2].xh, "bh", "计算机1班", "计算机2班");
    let calendar = gradlab::domain::calendar::Calendar::parse(gradlab::domain::calendar::SHIPPED, "shipped").unwrap();
    let promised = calendar.add_working_days(asked, 10).to_string();
    // The report lists what is late or due within a week: ask on the due day itself.
    let on = |lines: &[Value], work: &str| lines.iter().find(|l| l["work"] == work).cloned();
    let lines = due(&ws, &promised);
    let line = on(&lines, "request").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(line["request"], request.as_str());
    assert_eq!(line["since"], asked.to_string());
    assert_eq!(line["promise_working_days"], 10);
    assert_eq!((line["due"].as_str(), line["working_days_left"].as_i64()), (Some(promised.as_str()), Some(0)));
    let correction = on(&lines, "correction");
    assert!(correction.is_none(), "the student was never printed, so the correction needs no reprint");

    ws.run_ok(&["request", "approve", &request]);
    let job = ws.run_ok(&["request", "print", &request, "--json"]).json()["job"].as_str().unwrap().to_string();
    let lines = due(&ws, &promised);
    let line = on(&lines, "reprint-job").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!((line["job"].as_str(), line["since"].as_str()), (Some(job.as_str()), Some(asked.to_string().as_str())));
    assert_eq!(line["due"], promised.as_str(), "from the request's day, not the photo's collection");
    let later = (asked + chrono::Days::new(30)).to_string();
    let line = on(&due(&ws, &later), "reprint-job").unwrap();
    assert_eq!(line["late"], true);
    assert!(line["overdue_working_days"].as_i64().unwrap() >= 5, "{line}");

    // A printed student corrected: the correction waits for its reprint job, then the job.
    print_on_rip(
        &ws,
        ws.run_ok(&["job", "create", "--school", SCHOOL, "--new-only", "--json"]).json()["id"].as_str().unwrap(),
    );
    correct(&ws, SCHOOL, &rows[0].xh, "bh", "计算机1班", "计算机3班");
    let lines = due(&ws, &promised);
    let c = on(&lines, "correction").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(c["promise_working_days"], 10);
    ws.run_ok(&["job", "create", "--school", SCHOOL, "--needs-reprint"]);
    let lines = due(&ws, &promised);
    assert!(on(&lines, "correction").is_none() && on(&lines, "correction-job").is_some(), "{lines:?}");
}

#[test]
fn packets_left_out_of_a_sealed_shipment_are_out_of_its_papers() {
    let ws = Ws::new();
    school(&ws, SCHOOL, 0, &[("计算机1班", 2), ("计算机2班", 2)]);
    let job = printed_job(&ws, SCHOOL, &[]);
    let ps = packets(&ws, &job);
    let v = ws.run_ok(&["shipment", "create", "--school", SCHOOL, "--json"]).json();
    let id = v["id"].as_str().unwrap().to_string();
    let lists = |v: &Value| -> Vec<String> {
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d.as_str())
            .filter(|d| d.contains("packing-list"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(lists(&v).len(), 2);
    scan(&ws, &id);
    scan(&ws, &ps[0]);
    let v = ws.run_ok(&["shipment", "seal", &id, "--force", "--reason", "2班未到齐", "--json"]).json();
    let left = lists(&v);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains(&ps[0]));
    let dir = std::path::Path::new(&left[0]).parent().unwrap().to_path_buf();
    let files: Vec<String> =
        fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!files.iter().any(|f| f.contains(&ps[1])), "{files:?}");
    let shown = ws.run_ok(&["shipment", "show", &id]).stdout;
    assert!(!shown.contains(&ps[1]), "{shown}");
}

fn request(ws: &Ws, id: &str) -> Value {
    ws.run_ok(&["request", "show", id, "--json"]).json()
}

#[test]
fn request_states_follow_the_printer_and_the_shipment() {
    let ws = Ws::new();
    let rows = school(&ws, SCHOOL, 0, &[("计算机1班", 2)]);
    let v = request_add(
        &ws,
        &[
            "--kind",
            "lost",
            "--school",
            SCHOOL,
            "--student",
            &rows[0].xh,
            "--requester",
            "student",
            "--address",
            "北京市海淀区学院路5号",
            "--contact",
            "张*三",
        ],
    );
    let id = v["id"].as_str().unwrap().to_string();
    ws.run_ok(&["request", "approve", &id]);
    let job = ws.run_ok(&["request", "print", &id, "--json"]).json()["job"].as_str().unwrap().to_string();
    assert_eq!(request(&ws, &id)["status"], "printing", "a job made is not a job printed");

    // Sent, but the RIP has not taken it: `request ship` asks the printer and says so.
    rip(&ws);
    ws.run_ok(&["job", "print", &job, "--printer", "rip"]);
    let out = ws.run(&["request", "ship", &id]);
    assert!(out.code == 1 && out.stderr.contains("part 1 pending"), "{}", out.stderr);
    assert_eq!(request(&ws, &id)["status"], "printing");
    // The RIP takes it; nobody runs `job status`: `request ship` finds out itself.
    rip_takes_all(&ws);
    let v = ws.run_ok(&["request", "ship", &id, "--json"]).json();
    assert_eq!(v["status"], "printed", "packed, but the shipment has not left: {v}");
    let shipment = v["shipment"].as_str().unwrap().to_string();

    scan(&ws, &shipment);
    scan(&ws, &packets(&ws, &job)[0]);
    ws.run_ok(&["shipment", "seal", &shipment]);
    assert_eq!(request(&ws, &id)["status"], "printed");
    scan(&ws, TRACKING);
    assert_eq!(request(&ws, &id)["status"], "shipped", "shipped when its shipment left");
    ws.run_ok(&["shipment", "deliver", &shipment]);
    let v = request(&ws, &id);
    assert_eq!(v["status"], "closed", "closed when delivered");
    assert_eq!(request_history(&v), shipped_then("request.closed"));
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("closed when that shipment is delivered"), "README and behaviour agree");
}

/// A roster CSV of (学号, 班级) rows under a title row.
fn roster_file(ws: &Ws, name: &str, rows: &[(&str, &str)]) -> String {
    let mut text = String::from("2026届毕业生名单\n学号,班级\n");
    for (xh, bh) in rows {
        text += &format!("{xh},{bh}\n");
    }
    let path = ws.path(name);
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn order(ws: &Ws) -> Vec<String> {
    let list = ws.run_ok(&["student", "list", "--school", SCHOOL, "--json"]).json();
    list.as_array().unwrap().iter().map(|s| s["xh"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_roster_per_class_replaces_that_class_only() {
    let ws = Ws::new();
    let rows = school(&ws, SCHOOL, 0, &[("物理2101班", 3), ("化学2102班", 3)]);
    let xh: Vec<&str> = rows.iter().map(|r| r.xh.as_str()).collect();
    let both = roster_file(
        &ws,
        "both.csv",
        &[
            (xh[5], "化学2102班"),
            (xh[4], "化学2102班"),
            (xh[3], "化学2102班"),
            (xh[2], "物理2101班"),
            (xh[1], "物理2101班"),
            (xh[0], "物理2101班"),
        ],
    );
    ws.run_ok(&["roster", "import", &both, "--school", SCHOOL]);
    assert_eq!(order(&ws), [xh[5], xh[4], xh[3], xh[2], xh[1], xh[0]]);

    let physics =
        roster_file(&ws, "physics.csv", &[(xh[1], "物理2101班"), (xh[0], "物理2101班"), (xh[2], "物理2101班")]);
    let out = ws.run_ok(&["roster", "import", &physics, "--school", SCHOOL]);
    assert!(
        out.stdout.contains("replaces the roster of 物理2101班 (3 rows); keeps 化学2102班 from 20"),
        "{}",
        out.stdout
    );
    assert_eq!(order(&ws), [xh[5], xh[4], xh[3], xh[1], xh[0], xh[2]], "化学 keeps its order and place");
    let r = ws.run_ok(&["roster", "import", &physics, "--school", SCHOOL, "--json"]).json();
    assert_eq!(r["kept_classes"][0]["class"], "化学2102班");
    assert_eq!(r["kept_classes"][0]["rows"], 3);
    assert_eq!(r["not_on_roster"].as_array().unwrap().len(), 0);

    // --replace-all starts over: 化学 is no longer on the roster and prints after it.
    let r = ws.run_ok(&["roster", "import", &physics, "--school", SCHOOL, "--replace-all", "--json"]).json();
    assert_eq!(r["replaced_all"], true);
    assert_eq!(r["not_on_roster"].as_array().unwrap().len(), 3);
    assert_eq!(&order(&ws)[..3], [xh[1], xh[0], xh[2]]);
}

#[test]
fn typos_get_help_and_duplicates_are_refused() {
    let ws = Ws::new();
    let rows = school(&ws, SCHOOL, 0, &[("计算机1班", 3)]);

    // A batch typed with 10481 for 10418, on its rows 2 and 3.
    let mut typo = vec![Row::new(10, "10481", "计算机1班"), Row::new(11, "10481", "计算机1班")];
    typo.push(Row::new(12, SCHOOL, "计算机1班"));
    let batch = ws.path("typo");
    write_batch(&batch, &typo, |r| Some(good_photo(300 + r.cjm[3..].parse::<u64>().unwrap())));
    let before = ws.snapshot();
    let out = ws.run(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    for says in ["院校代码 10481 on rows 2-3", "did you mean 10418 测试大学10418?", "数据表.csv"] {
        assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before);
    let out = ws.run(&["job", "create", "--school", "10481"]);
    assert!(out.code == 1 && out.stderr.contains("did you mean 10418 测试大学10418?"), "{}", out.stderr);
    let out = ws.run(&["student", "list", "--school", "10481"]);
    assert!(out.stderr.contains("did you mean 10418"), "{}", out.stderr);

    // An unknown 学号 in a request: the closest stored ones.
    let wrong = format!("{}9", &rows[1].xh[..rows[1].xh.len() - 1]);
    let v = request_add(&ws, &["--kind", "lost", "--school", SCHOOL, "--student", &wrong, "--requester", "school"]);
    assert_eq!(v["status"], "received");
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains(&rows[1].xh), "{warnings}");
    let out = ws.run(&["request", "match", v["id"].as_str().unwrap(), "--student", &wrong]);
    assert!(out.code == 1 && out.stderr.contains("did you mean") && out.stderr.contains(&rows[1].xh), "{}", out.stderr);

    // The same request entered twice is refused, naming the open one.
    let first =
        request_add(&ws, &["--kind", "lost", "--school", SCHOOL, "--student", &rows[0].xh, "--requester", "school"]);
    let before = ws.snapshot();
    let out = ws.run(&[
        "request",
        "add",
        "--kind",
        "lost",
        "--school",
        SCHOOL,
        "--code",
        &rows[0].cjm,
        "--requester",
        "school",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(first["id"].as_str().unwrap()) && out.stderr.contains("already has an open lost request"),
        "{}",
        out.stderr
    );
    assert_eq!(ws.snapshot(), before);
    // Another kind for the same student is a different request.
    request_add(&ws, &["--kind", "damaged", "--school", SCHOOL, "--student", &rows[0].xh, "--requester", "school"]);

    // E-mail addresses compare without regard to case.
    ws.run_ok(&["school", "add-email", SCHOOL, "Office@School.EDU.cn"]);
    let out = ws.run(&["school", "add-email", SCHOOL, "office@school.edu.cn"]);
    assert!(out.code == 1 && out.stderr.contains("already registered"), "{}", out.stderr);
    ws.run_ok(&["ecopy", "request", "--school", SCHOOL, "--to", "OFFICE@school.edu.cn"]);
}

#[test]
fn findings_name_rows_as_the_spreadsheet_shows_them_in_row_order() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    // A title row, the header on row 2, then rows 3..: row 4 has a bad 学号, row 5 no photo,
    // row 7 a bad collection code; a blank row 6 is still counted.
    let rows: Vec<Row> = (0..5).map(|i| Row::new(i, SCHOOL, "计算机1班")).collect();
    let mut table: Vec<Vec<String>> = rows.iter().map(|r| r.values().to_vec()).collect();
    table[1][4] = "2.02E+12".into();
    table[4][1] = "short".into();
    let mut text = format!("\u{feff}2026届毕业生数据表,,,,,,,,\n{}", csv_text(&CHINESE, &table[..3]));
    text += ",,,,,,,,\n";
    text += csv_text(&CHINESE, &table[3..]).split_once('\n').unwrap().1;
    let dir = ws.path("batch");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("数据表.csv"), text).unwrap();
    for (i, r) in rows.iter().enumerate() {
        if i != 2 {
            fs::write(dir.join(format!("{}.jpg", r.cjm)), good_photo(60 + i as u64)).unwrap();
        }
    }
    let out = ws.run(&["batch", "import", dir.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let rows_named: Vec<i64> =
        out.json()["rejected"].as_array().unwrap().iter().map(|f| f["row"].as_i64().unwrap()).collect();
    assert_eq!(rows_named, [4, 5, 8], "Excel's numbers, in row order");

    // Rosters, request tables and correction tables count rows the same way.
    let title = "2026届毕业生名单\n";
    let roster = ws.path("roster.csv");
    fs::write(&roster, format!("{title}学号,姓名\n{},张三\n2.02E+12,李四\n", rows[0].xh)).unwrap();
    let r = ws.run(&["roster", "import", roster.to_str().unwrap(), "--school", SCHOOL, "--json"]);
    assert_eq!(r.json()["rejected"][0]["row"], 4);
    let requests = ws.path("requests.csv");
    fs::write(&requests, format!("{title}学号,类型\n{},丢失\n{},被偷\n", rows[0].xh, rows[1].xh)).unwrap();
    let r = ws.run(&["request", "import", requests.to_str().unwrap(), "--school", SCHOOL, "--json"]);
    assert_eq!(r.json()["refused"][0]["row"], 4, "{}", r.stdout);
    let corrections = ws.path("corrections.csv");
    fs::write(
        &corrections,
        format!(
            "{title}学号,字段,原值,新值\n{},班级,计算机1班,计算机2班\n{},班级,错的,计算机2班\n",
            rows[0].xh, rows[1].xh
        ),
    )
    .unwrap();
    let r = ws.run(&["correction", "import", corrections.to_str().unwrap(), "--school", SCHOOL, "--json"]);
    assert_eq!(r.json()["rejected"][0]["row"], 4, "{}", r.stdout);
}

#[test]
fn a_first_run_asks_who_the_lab_is_and_a_label_without_a_sender_warns() {
    let ws = Ws::empty();
    let out = ws.run(&[
        "init",
        "--lab-name",
        "南山照相馆",
        "--sender-address",
        "深圳市南山区学府路1号",
        "--sender-phone",
        "0755-1234",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let toml = fs::read_to_string(ws.root().join("gradlab.toml")).unwrap();
    for line in ["name = \"南山照相馆\"", "sender_address = \"深圳市南山区学府路1号\"", "sender_phone = \"0755-1234\""]
    {
        assert!(toml.contains(line), "{line}");
    }
    assert!(!toml.contains("Graduation Photo Lab"), "no English placeholder");
    let out = ws.run(&["init", "--lab-name", "别的名字"]);
    assert!(out.code == 1 && out.stderr.contains("gradlab.toml"), "an existing settings file is the lab's to edit");
    school(&ws, SCHOOL, 0, &[("计算机1班", 1)]);
    printed_job(&ws, SCHOOL, &[]);
    let out = ws.run_ok(&["shipment", "create", "--school", SCHOOL]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let label = ws.run_ok(&["shipment", "show", out.stdout.trim(), "--json"]).json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .find(|d| d.ends_with("-label.pdf"))
        .unwrap();
    let text = pdf_text(&label);
    assert!(text.contains("南山照相馆") && text.contains("深圳市南山区学府路1号"), "{text}");

    // Without them (init from a script, no terminal): one warning saying how to set them.
    let bare = Ws::new();
    school(&bare, SCHOOL, 0, &[("计算机1班", 1)]);
    printed_job(&bare, SCHOOL, &[]);
    let out = bare.run_ok(&["shipment", "create", "--school", SCHOOL]);
    assert_eq!(out.stderr.matches("warning:").count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("[shipping] sender_address") && out.stderr.contains("gradlab.toml"), "{}", out.stderr);
}

fn job_state(ws: &Ws, job: &str) -> String {
    let list = ws.run_ok(&["job", "list", "--json"]).json();
    list.as_array().unwrap().iter().find(|j| j["id"] == job).unwrap()["state"].as_str().unwrap().to_string()
}

#[test]
fn the_job_list_says_how_far_each_job_has_got() {
    let ws = Ws::new();
    school(&ws, SCHOOL, 0, &[("计算机1班", 2), ("计算机2班", 2)]);
    let job = ws.run_ok(&["job", "create", "--school", SCHOOL, "--json"]).json()["id"].as_str().unwrap().to_string();
    assert_eq!(job_state(&ws, &job), "made");
    ws.run_ok(&["job", "render", &job]);
    assert_eq!(job_state(&ws, &job), "rendered 1 part");
    rip(&ws);
    ws.run_ok(&["job", "print", &job, "--printer", "rip"]);
    assert_eq!(job_state(&ws, &job), "printing 0/1 parts completed");
    rip_takes_all(&ws);
    ws.run_ok(&["job", "status", &job]);
    assert_eq!(job_state(&ws, &job), "printed");
    let text = ws.run_ok(&["job", "list"]).stdout;
    assert!(text.contains("printed") && text.contains("state"), "{text}");

    let ps = packets(&ws, &job);
    let id =
        ws.run_ok(&["shipment", "create", "--school", SCHOOL, "--json"]).json()["id"].as_str().unwrap().to_string();
    scan(&ws, &id);
    scan(&ws, &ps[0]);
    assert_eq!(job_state(&ws, &job), "packed 1/2 packets");
    // A tracking number scanned into the open box says what will happen, and sealing ships it.
    let v = scan(&ws, TRACKING);
    assert_eq!(v["result"], "accepted");
    assert!(v["message"].as_str().unwrap().contains("ships when the shipment is sealed"), "{v}");
    assert_eq!(shipment_state(&ws, &id), "open");
    scan(&ws, &ps[1]);
    let v = ws.run_ok(&["shipment", "seal", &id, "--json"]).json();
    assert_eq!(v["state"], "shipped", "sealing a box that has its tracking number ships it");
    assert_eq!(job_state(&ws, &job), "shipped 2/2 packets");
    ws.run_ok(&["shipment", "deliver", &id]);
    assert_eq!(job_state(&ws, &job), "delivered");
}

#[test]
fn messages_count_right_and_say_what_they_mean() {
    let ws = Ws::new();
    school(&ws, SCHOOL, 0, &[("计算机1班", 1)]);
    let job = ws.run_ok(&["job", "create", "--school", SCHOOL, "--json"]).json()["id"].as_str().unwrap().to_string();
    let made = ws.run_ok(&["job", "create", "--school", SCHOOL, "--again", "--reason", "x"]);
    assert!(made.stderr.contains("1 student in 1 packet,"), "{}", made.stderr);
    rip(&ws);
    let out = ws.run_ok(&["job", "print", &job, "--printer", "rip"]);
    assert!(out.stdout.contains("1 copy each") && out.stdout.contains("1 part sent"), "{}", out.stdout);
    rip_takes_all(&ws);
    let out = ws.run_ok(&["job", "status", &job]);
    assert!(out.stdout.contains("completed (the RIP has taken the file)"), "{}", out.stdout);
    for text in [&made.stderr, &out.stdout] {
        for wrong in ["1 copies", "1 parts", "1 packets", "1 students", "1 sheets"] {
            assert!(!text.contains(wrong), "{wrong}: {text}");
        }
    }
    let id = ws.run_ok(&["shipment", "create", "--school", SCHOOL]).stdout.trim().to_string();
    let out = ws.run(&["scan", &id, "--station", "desk-2"]);
    assert!(!out.stdout.contains("--:") && out.stdout.starts_with(&format!("shipment {id}")), "{}", out.stdout);
    let out = ws.run_ok(&[
        "request",
        "add",
        "--kind",
        "missing",
        "--school",
        SCHOOL,
        "--student",
        &Row::new(0, SCHOOL, "").xh,
        "--requester",
        "school",
    ]);
    assert_eq!(out.code, 0);
    let detail = &audit(&ws).into_iter().find(|a| a.1 == "request.add").unwrap().3;
    assert!(detail.starts_with(&format!("missing request from school {SCHOOL}")), "{detail}");

    // A preview is what its file name says.
    let jpg = ws.path("sheet.jpg");
    ws.run_ok(&["job", "preview", &job, "--out", jpg.to_str().unwrap()]);
    assert_eq!(&fs::read(&jpg).unwrap()[..3], [0xFF, 0xD8, 0xFF], "a JPEG under a .jpg name");
    let png = ws.path("sheet.png");
    ws.run_ok(&["job", "preview", &job, "--out", png.to_str().unwrap()]);
    assert_eq!(&fs::read(&png).unwrap()[..4], b"\x89PNG");
    let out = ws.run(&["job", "preview", &job, "--out", ws.path("sheet.gif").to_str().unwrap()]);
    assert!(out.code == 1 && out.stderr.contains(".png or .jpg"), "{}", out.stderr);
    assert!(!ws.path("sheet.gif").exists());
}
