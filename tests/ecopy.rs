//! Electronic copies (电子版) end to end against a real SMTP server (aiosmtpd, started here with
//! STARTTLS or implicit TLS and AUTH): the attachments unzip to the very photo files with the
//! right UTF-8 names and an index.csv Excel opens, a large request splits into messages under
//! the size limit, only a registered address gets anything, a server failing part-way never
//! gets a part twice, and the SMTP password shows up nowhere.

mod common;
use common::smtp::{Mode, SmtpServer};
use common::*;
use serde_json::Value;
use std::fs;
use std::io::Read;

const SCHOOL: &str = "10418";
const SCHOOL_NAME: &str = "南山示范大学";
const TO: &str = "photos@nanshan.edu.cn";
const PW_ENV: &str = "GRADLAB_TEST_SMTP_PASSWORD";

/// gradlab with the SMTP password in the environment, as the lab would run it.
fn run(ws: &Ws, password: &str, args: &[&str]) -> Out {
    ws.run_with_env(args, &[(PW_ENV, password)])
}

/// Replace the workspace's `[smtp]` section (the template's defaults) with `section`.
fn set_smtp(ws: &Ws, section: &str) {
    let path = ws.root().join("gradlab.toml");
    let text = fs::read_to_string(&path).unwrap();
    let head = &text[..text.find("\n[smtp]").expect("the template has an [smtp] section")];
    ws.write_settings(&format!("{head}\n{section}"));
}

fn photo_of(r: &Row) -> Vec<u8> {
    good_photo(7000 + r.xh[8..].parse::<u64>().unwrap())
}

/// School 10418 with `n` students in two classes, photos imported, one registered address.
fn school(ws: &Ws, n: usize) -> Vec<Row> {
    ws.run_ok(&["school", "add", SCHOOL, SCHOOL_NAME, "--email", TO]);
    let mut rows: Vec<Row> =
        (0..n).map(|i| Row::new(i, SCHOOL, if i < n / 2 { "软件工程1班" } else { "软件工程2班" })).collect();
    let masked = ["张*三", "李*", "王*𠅤", "赵*㛃", "陈*", "刘*明"];
    for (i, r) in rows.iter_mut().enumerate() {
        r.xm = masked[i % masked.len()].into();
    }
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(photo_of(r)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rows
}

fn request(ws: &Ws, extra: &[&str]) -> String {
    let mut args = vec!["ecopy", "request", "--school", SCHOOL, "--to", TO, "--letter", "〔2026〕12号", "--json"];
    args.extend_from_slice(extra);
    let v = ws.run_ok(&args).json();
    v["id"].as_str().unwrap().to_string()
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// General-purpose flags and compression method of each local header, read from the raw zip
/// bytes, by entry name.
fn local_headers(zip: &[u8]) -> Vec<(String, u16, u16)> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]);
    let mut out = Vec::new();
    let mut i = 0;
    while i + 30 <= zip.len() && u32_at(i) == 0x0403_4b50 {
        let (flags, method) = (u16_at(i + 6), u16_at(i + 8));
        let size = u32_at(i + 18) as usize;
        let (name_len, extra_len) = (u16_at(i + 26) as usize, u16_at(i + 28) as usize);
        let name = String::from_utf8(zip[i + 30..i + 30 + name_len].to_vec()).unwrap();
        out.push((name, flags, method));
        i += 30 + name_len + extra_len + size;
    }
    out
}

/// index.csv: BOM, then rows of 学号,姓名,班级,采集码,file.
fn index_rows(csv: &[u8]) -> Vec<Vec<String>> {
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "index.csv starts with a UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&csv[3..]);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

fn print_order(ws: &Ws) -> Vec<Value> {
    ws.run_ok(&["student", "list", "--school", SCHOOL, "--json"]).json().as_array().unwrap().clone()
}

#[test]
fn photos_arrive_byte_for_byte_with_utf8_names_and_an_index() {
    let server = SmtpServer::start(Mode::StartTls, "pw-photos-1");
    let ws = Ws::new();
    let rows = school(&ws, 6);
    set_smtp(&ws, &server.settings(Mode::StartTls, PW_ENV, 20));
    // The school's roster: its own order and full names, except for one student.
    let roster = ws.path("名单.csv");
    let full = ["张三丰", "", "王小𠅤", "赵㛃", "陈晨", "刘大明"];
    let order = [4, 3, 5, 0, 1, 2];
    let mut text = "学号,姓名\n".to_string();
    for i in order {
        text.push_str(&format!("{},{}\n", rows[i].xh, full[i]));
    }
    fs::write(&roster, text).unwrap();
    ws.run_ok(&["roster", "import", roster.to_str().unwrap(), "--school", SCHOOL]);
    let listed = print_order(&ws);
    let by_xh = |xh: &str| rows.iter().position(|r| r.xh == xh).unwrap();

    // 学号姓名.jpg where the school supplied the name; 学号.jpg (and said so) where it did not.
    let made = ws.run_ok(&[
        "ecopy",
        "request",
        "--school",
        SCHOOL,
        "--to",
        TO,
        "--letter",
        "〔2026〕12号",
        "--naming",
        "xh-name",
        "--json",
    ]);
    let made = made.json();
    assert_eq!(made["students"], 6);
    assert_eq!(made["without_full_name"], serde_json::json!([rows[1].xh]));
    let id = made["id"].as_str().unwrap().to_string();
    let out = run(&ws, &server.password, &["ecopy", "send", &id, "--json"]);
    assert_eq!(out.code, 0, "{}\n{}\n{}", out.stdout, out.stderr, server.log());
    let report = out.json();
    assert_eq!(report["without_full_name"], serde_json::json!([rows[1].xh]));
    assert_eq!(report["parts"][0]["outcome"], "accepted");
    assert!(report["parts"][0]["reply"].as_str().unwrap().starts_with("250"), "{report}");
    let got = server.received();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.subject, format!("电子版照片 {SCHOOL} {SCHOOL_NAME} 〔2026〕12号 1/1"));
    assert_eq!(m.rcpt_tos, [TO]);
    assert_eq!(m.message_id, report["parts"][0]["message_id"].as_str().unwrap());
    assert!(m.text.contains(SCHOOL_NAME) && m.text.contains("学号姓名.jpg"), "{}", m.text);
    assert_eq!(m.attachments.len(), 1);
    let (zip_name, zip) = &m.attachments[0];
    assert!(zip_name.ends_with(".zip"), "{zip_name}");
    let entries = unzip(zip);
    assert_eq!(entries[0].0, "index.csv");
    let want_names: Vec<String> = listed
        .iter()
        .map(|s| {
            let i = by_xh(s["xh"].as_str().unwrap());
            format!("{}{}.jpg", rows[i].xh, full[i])
        })
        .collect();
    let names: Vec<String> = entries[1..].iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names, want_names, "photos in print order, named 学号姓名.jpg or 学号.jpg");
    for (name, bytes) in &entries[1..] {
        let i = rows.iter().position(|r| name.starts_with(&r.xh)).unwrap();
        assert!(*bytes == photo_of(&rows[i]), "{name} is the imported photo, byte for byte");
    }
    // The raw zip: UTF-8 names flagged (bit 11), photos stored as they are (method 0).
    for (name, flags, method) in local_headers(zip) {
        if !name.is_ascii() {
            assert_ne!(flags & 0x0800, 0, "{name}: UTF-8 flag");
        }
        if name.ends_with(".jpg") {
            assert_eq!(method, 0, "{name}: stored, not deflated");
        }
    }
    let index = index_rows(&entries[0].1);
    assert_eq!(index[0], ["学号", "姓名", "班级", "采集码", "file"]);
    assert_eq!(index.len(), 7);
    for (k, (row, s)) in index[1..].iter().zip(&listed).enumerate() {
        let i = by_xh(s["xh"].as_str().unwrap());
        let name = if full[i].is_empty() { rows[i].xm.as_str() } else { full[i] };
        let want = [rows[i].xh.as_str(), name, rows[i].bh.as_str(), rows[i].cjm.as_str(), names[k].as_str()];
        assert_eq!(row, &want, "index row {}", k + 1);
    }

    // Default naming: 学号.jpg, and the index shows masked names only.
    let id2 = request(&ws, &[]);
    let out = run(&ws, &server.password, &["ecopy", "send", &id2]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let got = server.received();
    assert_eq!(got.len(), 2);
    let entries = unzip(&got[1].attachments[0].1);
    let names: Vec<&str> = entries[1..].iter().map(|(n, _)| n.as_str()).collect();
    let want: Vec<String> = listed.iter().map(|s| format!("{}.jpg", s["xh"].as_str().unwrap())).collect();
    assert_eq!(names, want);
    for (row, s) in index_rows(&entries[0].1)[1..].iter().zip(&listed) {
        assert_eq!(row[1], s["xm"].as_str().unwrap(), "masked name as received");
    }
    assert_eq!(
        ws.count("SELECT count(*) FROM ecopy_students WHERE request_id = 2 AND full_name IS NOT NULL"),
        0,
        "no full names kept for a 学号.jpg request"
    );
}

#[test]
fn a_large_request_splits_into_messages_under_the_limit_and_parts_resend_identically() {
    let server = SmtpServer::start(Mode::Tls, "pw-large-2");
    let ws = Ws::new();
    let rows = school(&ws, 80);
    let total: usize = rows.iter().map(|r| photo_of(r).len()).sum();
    assert!(total > 2_000_000, "{total} bytes of photos: more than two messages' worth");
    set_smtp(&ws, &server.settings(Mode::Tls, PW_ENV, 1));
    let id = request(&ws, &[]);
    let out = run(&ws, &server.password, &["ecopy", "send", &id, "--json"]);
    assert_eq!(out.code, 0, "{}\n{}\n{}", out.stdout, out.stderr, server.log());
    let got = server.received();
    let m = got.len();
    assert!(m >= 3, "{m} messages");
    let mut all = Vec::new();
    for (k, msg) in got.iter().enumerate() {
        assert!(msg.size <= 1_000_000, "message {} is {} bytes, over 1 MB", k + 1, msg.size);
        assert!(msg.subject.ends_with(&format!(" {}/{m}", k + 1)), "{}", msg.subject);
        let entries = unzip(&msg.attachments[0].1);
        let listed: Vec<String> = index_rows(&entries[0].1)[1..].iter().map(|r| r[4].clone()).collect();
        let files: Vec<String> = entries[1..].iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(listed, files, "part {}: index.csv lists the part's files", k + 1);
        all.extend(files);
    }
    let want: Vec<String> = print_order(&ws).iter().map(|s| format!("{}.jpg", s["xh"].as_str().unwrap())).collect();
    assert_eq!(all, want, "every student once, in print order across the parts");

    // Part 2 again: the same zip, byte for byte, in a new message.
    let out = run(&ws, &server.password, &["ecopy", "send", &id, "--resend", "--part", "2", "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let again = server.received();
    assert_eq!(again.len(), m + 1);
    assert!(again[m].attachments[0].1 == got[1].attachments[0].1, "part 2 resent identically");
    assert_ne!(again[m].message_id, got[1].message_id);
    assert!(again[m].subject.ends_with(&format!(" 2/{m}")));

    let log = ws.run_ok(&["ecopy", "log", "--school", SCHOOL, "--json"]).json();
    let parts = log[0]["parts"].as_array().unwrap();
    assert_eq!(parts.len(), m);
    assert!(parts.iter().all(|p| p["state"] == "accepted"));
    assert_eq!(parts[1]["attempts"], 2);
    assert_eq!(log[0]["state"], "sent");
    let text = ws.run_ok(&["ecopy", "log"]).stdout;
    assert!(text.contains(&id) && text.contains("accepted"), "{text}");
}

#[test]
fn only_a_registered_address_gets_photos_and_address_changes_are_audited() {
    let ws = Ws::new();
    school(&ws, 4);
    ws.run_ok(&["school", "add", "10001", "北方大学", "--email", "ecopy@beifang.edu.cn"]);

    let out = ws.run(&["ecopy", "request", "--school", SCHOOL, "--to", "someone@gmail.com"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not registered") && out.stderr.contains(TO), "{}", out.stderr);
    let other = ws.run(&["ecopy", "request", "--school", SCHOOL, "--to", "ecopy@beifang.edu.cn"]);
    assert_eq!(other.code, 1, "another school's address is refused");
    assert_eq!(ws.count("SELECT count(*) FROM ecopy_requests"), 0);

    // The domain compares without case.
    let ok = ws.run_ok(&["ecopy", "request", "--school", SCHOOL, "--to", "photos@NanShan.EDU.cn", "--json"]).json();
    assert_eq!(ok["to"], TO);

    ws.run_ok(&["--operator", "李老师", "school", "add-email", SCHOOL, "dean@nanshan.edu.cn"]);
    let dup = ws.run(&["school", "add-email", SCHOOL, "dean@NANSHAN.edu.cn"]);
    assert_eq!(dup.code, 1, "{}", dup.stderr);
    let bad = ws.run(&["school", "add-email", SCHOOL, "not-an-address"]);
    assert_eq!(bad.code, 1);
    ws.run_ok(&["ecopy", "request", "--school", SCHOOL, "--to", "dean@nanshan.edu.cn"]);
    ws.run_ok(&["--operator", "李老师", "school", "remove-email", SCHOOL, "dean@nanshan.edu.cn"]);
    let gone = ws.run(&["school", "remove-email", SCHOOL, "dean@nanshan.edu.cn"]);
    assert_eq!(gone.code, 1);
    assert!(gone.stderr.contains(TO), "names the registered addresses: {}", gone.stderr);
    let show = ws.run_ok(&["school", "show", SCHOOL, "--json"]).json();
    assert_eq!(show["emails"], serde_json::json!([TO]));

    let audit = ws.audit("action <> 'batch.import'");
    let actions: Vec<&str> = audit.iter().map(|a| a.1.as_str()).collect();
    assert_eq!(actions, ["ecopy.request", "school.add-email", "ecopy.request", "school.remove-email"]);
    assert_eq!(audit[1].0, "李老师");
    assert_eq!(audit[1].2, format!("school {SCHOOL}"));
    assert!(audit[1].3.contains("dean@nanshan.edu.cn"));
    assert_eq!(audit[3].2, format!("school {SCHOOL}"));

    // A request to an address removed since is not sent.
    let server = SmtpServer::start(Mode::StartTls, "pw-addr-3");
    set_smtp(&ws, &server.settings(Mode::StartTls, PW_ENV, 20));
    let out = run(&ws, &server.password, &["ecopy", "send", "E2"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no longer registered"), "{}", out.stderr);
    assert!(server.received().is_empty());
}

fn subjects(server: &SmtpServer) -> Vec<String> {
    server.received().iter().map(|m| m.subject.rsplit(' ').next().unwrap().to_string()).collect()
}

fn outcomes(report: &Value) -> Vec<String> {
    report["parts"].as_array().unwrap().iter().map(|p| p["outcome"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_server_failing_part_way_never_gets_a_part_twice() {
    let server = SmtpServer::start(Mode::StartTls, "pw-fail-4");
    let ws = Ws::new();
    school(&ws, 50);
    set_smtp(&ws, &server.settings(Mode::StartTls, PW_ENV, 1));
    let pw = server.password.clone();

    // Part 2 is answered 451 more often than we try (3): it fails, the others go.
    let a = request(&ws, &[]);
    server.script(&["accept", "451 4.3.0 Try again later", "451 4.3.0 Try again later", "451 4.3.0 Try again later"]);
    let out = run(&ws, &pw, &["ecopy", "send", &a, "--json"]);
    assert_eq!(out.code, 3, "{}\n{}", out.stdout, out.stderr);
    let report = out.json();
    let m = report["parts"].as_array().unwrap().len();
    assert!(m >= 3, "{m} parts");
    let mut want = vec!["accepted".to_string(); m];
    want[1] = "failed".into();
    assert_eq!(outcomes(&report), want);
    assert_eq!(report["parts"][1]["tries"], 3);
    assert!(report["parts"][1]["reply"].as_str().unwrap().starts_with("451"), "{report}");
    assert!(out.stderr.contains(&format!("part 2/{m}")), "the failed part is named: {}", out.stderr);
    assert_eq!(server.received().len(), m - 1);
    // Sending again sends part 2 only; a third time sends nothing.
    let out = run(&ws, &pw, &["ecopy", "send", &a, "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mut want = vec!["skipped".to_string(); m];
    want[1] = "accepted".into();
    assert_eq!(outcomes(&out.json()), want);
    let out = run(&ws, &pw, &["ecopy", "send", &a]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("not sent again"), "{}", out.stdout);
    let mut got = subjects(&server);
    assert_eq!(got.len(), m);
    got.sort();
    let mut each: Vec<String> = (1..=m).map(|k| format!("{k}/{m}")).collect();
    each.sort();
    assert_eq!(got, each, "each part exactly once");

    // A permanent refusal of part 2 stops the run; part 3 on waits. Sending again delivers them.
    let b = request(&ws, &[]);
    server.script(&["accept", "550 5.7.1 Message content rejected"]);
    let out = run(&ws, &pw, &["ecopy", "send", &b, "--json"]);
    assert_eq!(out.code, 3, "{}\n{}", out.stdout, out.stderr);
    let report = out.json();
    let mut want = vec!["not-sent".to_string(); m];
    want[0] = "accepted".into();
    want[1] = "failed".into();
    assert_eq!(outcomes(&report), want);
    assert_eq!(report["parts"][1]["tries"], 1, "no retry after a permanent refusal");
    assert!(report["parts"][1]["reply"].as_str().unwrap().starts_with("550"));
    let log = ws.run_ok(&["ecopy", "log", "--json"]).json();
    let parts_b = log[0]["parts"].as_array().unwrap();
    assert_eq!(parts_b[1]["state"], "failed");
    assert!(parts_b[1]["server_reply"].as_str().unwrap().contains("5.7.1"));
    assert_eq!(parts_b[2]["state"], "pending");
    assert_eq!(log[0]["state"], "partly sent");
    let before = server.received().len();
    let out = run(&ws, &pw, &["ecopy", "send", &b]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(server.received().len(), before + m - 1, "parts 2..m, once each");

    // A dropped connection is tried again on a new one; nothing is doubled.
    let c = request(&ws, &[]);
    server.script(&["drop"]);
    let before = server.received().len();
    let out = run(&ws, &pw, &["ecopy", "send", &c, "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.json()["parts"][0]["tries"], 2);
    assert_eq!(server.received().len(), before + m);
    assert_eq!(server.script_left(), 0);

    // --resend sends every part again.
    let out = run(&ws, &pw, &["ecopy", "send", &c, "--resend"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(server.received().len(), before + 2 * m);

    // Nothing reaches the school: exit 1.
    let d = request(&ws, &["--class", "软件工程1班"]);
    server.script(&["550 5.1.1 Mailbox unavailable"]);
    let out = run(&ws, &pw, &["ecopy", "send", &d]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("5.1.1"), "{}", out.stderr);
}

#[test]
fn the_password_is_never_shown_or_stored() {
    let secret = "Zq8-very-secret-Pw-31337";
    let server = SmtpServer::start(Mode::StartTls, secret);
    let ws = Ws::new();
    school(&ws, 4);
    // The password in a file only its owner may read.
    let pw_file = ws.root().join("smtp.pw");
    fs::write(&pw_file, format!("{secret}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&pw_file, fs::Permissions::from_mode(0o600)).unwrap();
    let section = server
        .settings(Mode::StartTls, PW_ENV, 20)
        .replace(&format!("password_env = \"{PW_ENV}\""), "password_file = \"smtp.pw\"");
    set_smtp(&ws, &section);
    let mut outputs = Vec::new();
    let id = request(&ws, &[]);
    for args in [
        vec!["ecopy", "send", &id],
        vec!["ecopy", "send", &id, "--resend", "--json"],
        vec!["ecopy", "log"],
        vec!["ecopy", "log", "--json"],
    ] {
        let out = run(&ws, "", &args);
        assert_eq!(out.code, 0, "{args:?}: {}\n{}", out.stdout, out.stderr);
        outputs.push(out);
    }
    assert_eq!(server.received().len(), 2);
    // A wrong password: the server refuses AUTH; the error says so without either password.
    fs::write(&pw_file, "wrong-Pw-424242\n").unwrap();
    let out = run(&ws, "", &["ecopy", "send", &id, "--resend"]);
    assert_eq!(out.code, 1, "the part's latest send failed: {}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("535"), "{}", out.stderr);
    outputs.push(out);
    // And through the environment.
    fs::write(&pw_file, format!("{secret}\n")).unwrap();
    set_smtp(&ws, &server.settings(Mode::StartTls, PW_ENV, 20));
    let out = run(&ws, secret, &["ecopy", "send", &id, "--resend", "--json"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    outputs.push(out);
    let out = run(&ws, "", &["ecopy", "send", &id, "--resend"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains(PW_ENV), "names the variable: {}", out.stderr);
    outputs.push(out);

    for out in &outputs {
        for text in [&out.stdout, &out.stderr] {
            assert!(!text.contains(secret) && !text.contains("wrong-Pw-424242"), "password shown:\n{text}");
        }
    }
    let mut raw = ws.stored_bytes();
    raw.extend(fs::read(ws.root().join("gradlab.toml")).unwrap());
    for pw in [secret, "wrong-Pw-424242"] {
        assert!(!raw.windows(pw.len()).any(|w| w == pw.as_bytes()), "{pw} in the store or settings");
    }
    assert!(ws.count("SELECT count(*) FROM audit WHERE action = 'ecopy.sent'") >= 3);
}

#[test]
fn unsafe_or_incomplete_settings_are_refused_before_anything_is_sent() {
    let server = SmtpServer::start(Mode::StartTls, "pw-settings-6");
    let ws = Ws::new();
    school(&ws, 3);
    let id = request(&ws, &[]);
    let good = server.settings(Mode::StartTls, PW_ENV, 20);

    set_smtp(&ws, &good.replace("host = \"localhost\"", "host = \"mail.example.com\"").replace("starttls", "none"));
    let out = run(&ws, &server.password, &["ecopy", "send", &id]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("security = \"none\"") && out.stderr.contains("mail.example.com"), "{}", out.stderr);

    let pw_file = ws.root().join("smtp.pw");
    fs::write(&pw_file, format!("{}\n", server.password)).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&pw_file, fs::Permissions::from_mode(0o640)).unwrap();
    set_smtp(&ws, &good.replace(&format!("password_env = \"{PW_ENV}\""), "password_file = \"smtp.pw\""));
    let out = run(&ws, &server.password, &["ecopy", "send", &id]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("smtp.pw") && out.stderr.contains("0640"), "{}", out.stderr);

    set_smtp(&ws, &good);
    let out = run(&ws, "", &["ecopy", "send", &id]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains(PW_ENV));
    assert_eq!(ws.count("SELECT count(*) FROM ecopy_parts"), 0, "nothing recorded");

    // Without ca_file the self-signed certificate is not trusted: nothing is sent.
    let untrusted: String = good.lines().filter(|l| !l.starts_with("ca_file")).map(|l| format!("{l}\n")).collect();
    set_smtp(&ws, &untrusted);
    let out = run(&ws, &server.password, &["ecopy", "send", &id]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("TLS"), "{}", out.stderr);
    assert!(server.received().is_empty());
    assert_eq!(ws.count("SELECT count(*) FROM ecopy_parts WHERE state = 'failed'"), 1);

    set_smtp(&ws, &good);
    let out = run(&ws, &server.password, &["ecopy", "send", &id]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(server.received().len(), 1);
}
