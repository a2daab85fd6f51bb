//! Files the lab did not make, treated as hostile: each attack is made here from bytes (a
//! sparse spreadsheet, a picture tiled with finder patterns, an in-limit zip bomb, a photo of
//! 3 GB, planted links in a shared hot folder, control characters) and must be refused or
//! neutralised with a clear message, inside a memory bound measured on the real process, and
//! leave the store as it was.

mod common;
use common::*;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const MEMORY_BOUND_KB: i64 = 300 * 1024;

/// Run gradlab and return its output and peak resident memory (KB), read from the kernel for
/// this one child. A run past `limit` is killed and fails the test.
// The child is reaped with wait4 (for its rusage), not Child::wait.
#[allow(clippy::zombie_processes)]
fn run_measured(ws: &Ws, args: &[&str], limit: Duration) -> (Out, i64) {
    let dir = ws.path("out");
    fs::create_dir_all(&dir).unwrap();
    let (so, se) = (dir.join("stdout"), dir.join("stderr"));
    let child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .arg("--workspace")
        .arg(ws.root())
        .args(args)
        .env_remove("GRADLAB_HOME")
        .stdout(fs::File::create(&so).unwrap())
        .stderr(fs::File::create(&se).unwrap())
        .spawn()
        .expect("run gradlab");
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let mut status = 0;
    // SAFETY: plain wait4 on our own child; rusage is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        if started.elapsed() > limit {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("gradlab {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let out = Out { code, stdout: fs::read_to_string(so).unwrap(), stderr: fs::read_to_string(se).unwrap() };
    eprintln!(
        "gradlab {:?}: peak {} MB, {:.1} s",
        &args[..args.len().min(2)],
        usage.ru_maxrss / 1024,
        started.elapsed().as_secs_f64()
    );
    (out, usage.ru_maxrss)
}

fn refused_within_bound(ws: &Ws, args: &[&str], says: &[&str]) -> Out {
    let before = ws.snapshot();
    let (out, peak) = run_measured(ws, args, Duration::from_secs(120));
    assert_ne!(out.code, 0, "gradlab {args:?} should refuse:\n{}\n{}", out.stdout, out.stderr);
    let text = format!("{}{}", out.stdout, out.stderr);
    for s in says {
        assert!(text.contains(s), "gradlab {args:?} should say {s:?}:\n{text}");
    }
    assert!(peak < MEMORY_BOUND_KB, "gradlab {args:?} peaked at {} MB", peak / 1024);
    assert_eq!(ws.snapshot(), before, "gradlab {args:?} changed the store");
    out
}

/// A 6 KB xlsx with cells only at A1 and XFD1048576: calamine would allocate the rectangle.
fn sparse_xlsx(path: &Path, header: &str) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("名单").unwrap();
    sheet.write_string(0, 0, header).unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(path).unwrap();
    assert!(fs::metadata(path).unwrap().len() < 10_000);
}

#[test]
fn a_sparse_spreadsheet_is_refused_by_every_import_within_bounds() {
    let ws = Ws::new();
    ws.add_school("10418");
    let xlsx = ws.path("名单.xlsx");
    sparse_xlsx(&xlsx, "学号");
    let f = xlsx.to_str().unwrap();
    let says = ["名单.xlsx", "sheet \"名单\"", "row 1048576", "200000 rows"];
    refused_within_bound(&ws, &["roster", "import", f, "--school", "10418"], &says);
    refused_within_bound(&ws, &["request", "import", f, "--school", "10418"], &says);
    refused_within_bound(&ws, &["correction", "import", f, "--school", "10418"], &says);

    // The same sheet as a batch's data table, in a folder.
    let batch = ws.path("batch");
    fs::create_dir_all(&batch).unwrap();
    sparse_xlsx(&batch.join("数据表.xlsx"), "采集码");
    refused_within_bound(&ws, &["batch", "import", batch.to_str().unwrap()], &["数据表.xlsx", "row 1048576"]);
}

#[test]
fn a_sheet_wider_than_a_table_and_an_ods_of_repeated_rows_are_refused() {
    let ws = Ws::new();
    ws.add_school("10418");
    let wide = ws.path("wide.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "学号").unwrap();
    sheet.write_string(0, 400, "x").unwrap();
    wb.save(&wide).unwrap();
    refused_within_bound(
        &ws,
        &["roster", "import", wide.to_str().unwrap(), "--school", "10418"],
        &["column 401", "256 columns"],
    );

    // One row with a value repeated across 16,384 columns, repeated a million times: 300 bytes.
    let ods = ws.path("bomb.ods");
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>学号</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="200"/></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut z = zip::ZipWriter::new(fs::File::create(&ods).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
    refused_within_bound(
        &ws,
        &["roster", "import", ods.to_str().unwrap(), "--school", "10418"],
        &["bomb.ods sheet 1", "rows"],
    );
}

#[test]
fn a_picture_tiled_with_finder_patterns_is_searched_for_a_bounded_time() {
    let ws = Ws::new();
    // 2-pixel modules, a 7x7 finder pattern and one module of space: 10,000 patterns.
    let img = image::GrayImage::from_fn(1600, 1600, |x, y| {
        let (mx, my) = ((x / 2) % 8, (y / 2) % 8);
        if mx == 7 || my == 7 {
            return image::Luma([255]);
        }
        let ring = mx.min(my).min(6 - mx).min(6 - my);
        image::Luma([if ring == 1 { 255 } else { 0 }])
    });
    let png = ws.path("tiles.png");
    img.save(&png).unwrap();
    assert!(fs::metadata(&png).unwrap().len() < 200_000, "{} bytes", fs::metadata(&png).unwrap().len());
    let before = ws.snapshot();
    let (out, peak) = run_measured(&ws, &["qr", "decode", png.to_str().unwrap()], Duration::from_secs(90));
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("tiles.png") && out.stderr.contains("no QR code"), "{}", out.stderr);
    assert!(peak < MEMORY_BOUND_KB, "peaked at {} MB", peak / 1024);
    assert_eq!(ws.snapshot(), before);

    // A picture that declares 40,000 x 40,000 pixels is refused from its header.
    let mut big = Vec::new();
    let huge = image::GrayImage::new(40_000, 1);
    image::DynamicImage::ImageLuma8(huge)
        .write_to(&mut std::io::Cursor::new(&mut big), image::ImageFormat::Png)
        .unwrap();
    // Rewrite the header's height (and its CRC) so the file claims 40,000 rows it never holds.
    big[20..24].copy_from_slice(&40_000u32.to_be_bytes());
    let crc = crc32(&big[12..29]);
    big[29..33].copy_from_slice(&crc.to_be_bytes());
    let liar = ws.path("liar.png");
    fs::write(&liar, &big).unwrap();
    let photo = ws.path("walkin.jpg");
    fs::write(&photo, good_photo(7)).unwrap();
    let args = ["walkin", "--photo", photo.to_str().unwrap(), "--code-image", liar.to_str().unwrap()];
    let (out, peak) = run_measured(&ws, &args, Duration::from_secs(30));
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("40000 x 40000 pixels"), "{}", out.stderr);
    assert!(peak < MEMORY_BOUND_KB, "peaked at {} MB", peak / 1024);
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn an_in_limit_zip_bomb_and_a_3_gb_photo_are_refused_unread() {
    let ws = Ws::new();
    ws.add_school("10418");
    // 256 "photos" of 60 MB of zeros each: a 15 MB zip that unpacks to 15 GB.
    let rows: Vec<Row> = (0..256).map(|i| Row::new(i, "10418", "1班")).collect();
    let zip_path = ws.path("bomb.zip");
    let mut z = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().large_file(false);
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.values().to_vec()).collect();
    z.start_file("数据表.csv", opts).unwrap();
    z.write_all(csv_text(&CHINESE, &table).as_bytes()).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for r in &rows {
        z.start_file(format!("{}.jpg", r.cjm), opts).unwrap();
        for _ in 0..60 {
            z.write_all(&zeros).unwrap();
        }
    }
    z.finish().unwrap();
    assert!(fs::metadata(&zip_path).unwrap().len() < 80 << 20);
    let (out, peak) =
        run_measured(&ws, &["batch", "import", zip_path.to_str().unwrap(), "--json"], Duration::from_secs(300));
    assert!(peak < MEMORY_BOUND_KB, "peaked at {} MB", peak / 1024);
    let v = out.json();
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 256, "{v}");
    assert!(rejected[0]["reason"].as_str().unwrap().contains("60 MB, over the 2.0 MB"), "{}", rejected[0]);
    assert_eq!(ws.count("SELECT COUNT(*) FROM students"), 0);

    // A folder whose "photo" is 3 GB (sparse on disk) beside good ones.
    let batch = ws.path("folder");
    let rows: Vec<Row> = (300..303).map(|i| Row::new(i, "10418", "1班")).collect();
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let big = fs::OpenOptions::new().write(true).open(batch.join(format!("{}.jpg", rows[0].cjm))).unwrap();
    big.set_len(3 << 30).unwrap();
    let (out, peak) =
        run_measured(&ws, &["batch", "import", batch.to_str().unwrap(), "--json"], Duration::from_secs(60));
    assert!(peak < MEMORY_BOUND_KB, "peaked at {} MB", peak / 1024);
    let v = out.json();
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{v}");
    assert!(rejected[0]["reason"].as_str().unwrap().contains("3072 MB"), "{}", rejected[0]);
    assert_eq!(ws.count("SELECT COUNT(*) FROM students"), 2, "the good photos are kept");
}

#[cfg(unix)]
#[test]
fn the_workspace_is_private_whatever_the_umask_and_says_when_it_is_not() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::empty();
    let run_with_umask = |args: &str| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("umask 002; exec \"$0\" --workspace \"$1\" {args}"))
            .arg(env!("CARGO_BIN_EXE_gradlab"))
            .arg(ws.root())
            .env_remove("GRADLAB_HOME")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert_eq!(run_with_umask("init").0, Some(0));
    assert_eq!(run_with_umask("school add 10418 测试大学").0, Some(0));
    let batch = ws.path("batch");
    let rows: Vec<Row> = (0..2).map(|i| Row::new(i, "10418", "1班")).collect();
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let (code, stderr) = run_with_umask(&format!("batch import {}", batch.display()));
    assert_eq!(code, Some(0), "{stderr}");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = ws.root();
    assert_eq!(mode(&root), 0o700);
    for f in ["gradlab.db", "gradlab.toml"] {
        assert_eq!(mode(&root.join(f)), 0o600, "{f}");
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.join("photos"), root.join("layouts")];
    while let Some(d) = dirs.pop() {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
        for e in fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() { dirs.push(e.path()) } else { files.push(e.path()) }
        }
    }
    assert!(files.len() >= 2, "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert!(!stderr.contains("warning"), "{stderr}");

    fs::set_permissions(&root, fs::Permissions::from_mode(0o755)).unwrap();
    let (code, stderr) = run_with_umask("student list --school 10418");
    assert_eq!(code, Some(0));
    assert!(stderr.contains("can be read or changed by other accounts") && stderr.contains("mode 755"), "{stderr}");
    assert!(stderr.contains("chmod -R go-rwx"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_a_shared_hot_folder_is_never_written_through() {
    let ws = Ws::new();
    lab::school(&ws, "10418", 0, &[("1班", 3)]);
    let job = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    ws.run_ok(&["job", "render", &job]);
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let part =
        Path::new(show["parts"][0]["path"].as_str().unwrap()).file_stem().unwrap().to_string_lossy().into_owned();
    let hot = ws.path("rip-in");
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    // Another account plants links where the part's file will go.
    let victim = ws.path("operator-notes.txt");
    fs::write(&victim, "mine").unwrap();
    // The first dispatch of a workspace is D1.
    std::os::unix::fs::symlink(&victim, hot.join(format!("{part}-D1.pdf"))).unwrap();
    let out = ws.run(&["job", "print", &job, "--printer", "rip"]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(format!("{}{}", out.stdout, out.stderr).contains("already exists; it was not overwritten"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "mine", "the link's target is untouched");
    let names: Vec<String> =
        fs::read_dir(&hot).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn control_characters_are_refused_on_import_and_escaped_on_output() {
    let ws = Ws::new();
    ws.add_school("10418");
    let batch = ws.path("batch");
    let mut rows: Vec<Row> = (0..3).map(|i| Row::new(i, "10418", "1班")).collect();
    rows[1].xm = "张\u{1b}]52;c;ZWNobyBoaQ==\u{7}三".into();
    rows[2].bh = "物理\u{202E}1012班".into();
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert!(!out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{202E}'));
    let v = out.json();
    let reasons: Vec<&str> = v["rejected"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons.len(), 2, "{v}");
    assert!(reasons[0].contains("xm (姓名)") && reasons[0].contains("U+001B"), "{reasons:?}");
    assert!(reasons[1].contains("bh (班级)") && reasons[1].contains("U+202E"), "{reasons:?}");

    let out = ws.run(&["--operator", "\u{1b}[2J管理员", "student", "list", "--school", "10418"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("--operator") && !out.stderr.contains('\u{1b}'), "{}", out.stderr);

    // Text stored before this check (or by another program) prints as text.
    ws.db().execute("UPDATE students SET bh = '1班' || char(27) || '[2J' WHERE cjm = ?1", [&rows[0].cjm]).unwrap();
    let list = ws.run_ok(&["student", "list", "--school", "10418"]).stdout;
    assert!(list.contains("1班\\u{1b}[2J") && !list.contains('\u{1b}'), "{list}");
}

#[test]
fn a_student_number_holds_only_what_student_numbers_use() {
    let ws = Ws::new();
    ws.add_school("10418");
    let batch = ws.path("batch");
    let mut rows: Vec<Row> = (0..2).map(|i| Row::new(i, "10418", "1班")).collect();
    rows[1].xh = "=2+3".into();
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let v = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]).json();
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{v}");
    assert!(rejected[0]["reason"].as_str().unwrap().contains("only letters, digits, - and _"), "{v}");
}

#[test]
fn a_full_id_number_never_reaches_the_screen_or_the_store() {
    let ws = Ws::new();
    let id = "11010519491231002X";
    let broken = format!("{{\"zjhm\":\"{id}\",\"xm\":\"张*三\"");
    let out = ws.run(&["qr", "parse", &broken]);
    assert_ne!(out.code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(!text.contains(id) && text.contains("**************002X"), "{text}");

    let out = ws.run(&["scan", id, "--json"]);
    assert!(!out.stdout.contains(id) && !out.stderr.contains(id), "{}{}", out.stdout, out.stderr);
    let stored: Vec<String> = ws
        .db()
        .prepare("SELECT code || ' ' || message FROM scans")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(id) && stored[0].contains("002X"), "{stored:?}");
}

#[test]
fn the_audit_log_is_chained_and_a_dropped_trigger_is_noticed_and_put_back() {
    let ws = Ws::new();
    lab::school(&ws, "10418", 0, &[("1班", 2)]);
    ws.run_ok(&["--operator", "技师甲", "school", "add-email", "10418", "ecopy@ceshi.edu.cn"]);
    let whole = ws.run_ok(&["audit", "verify", "--json"]).json();
    assert_eq!(whole["problem"], serde_json::Value::Null, "{whole}");
    assert!(whole["entries"].as_u64().unwrap() >= 2, "batch import, roster-free school, e-mail added: {whole}");
    let (actions, accounts): (Vec<String>, Vec<String>) = ws
        .db()
        .prepare("SELECT action, os_account FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<(String, String)>, _>>()
        .unwrap()
        .into_iter()
        .unzip();
    assert!(actions.iter().any(|a| a == "batch.import"), "{actions:?}");
    assert!(accounts.iter().all(|a| a.contains("uid ")), "{accounts:?}");

    // Someone with sqlite3 drops the guard and rewrites who did it.
    let db = ws.db();
    db.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET operator = '别人' WHERE operator = '技师甲';")
        .unwrap();
    drop(db);
    let out = ws.run_ok(&["student", "list", "--school", "10418"]);
    assert!(out.stderr.contains("audit_no_update") && out.stderr.contains("put back"), "{}", out.stderr);
    assert!(out.stderr.contains("changed outside gradlab"), "{}", out.stderr);
    let trig = ws.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'");
    assert_eq!(trig, 1, "the trigger is back");
    assert!(ws.db().execute("UPDATE audit SET detail = 'x'", []).is_err(), "and refuses again");

    let out = ws.run(&["audit", "verify"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("BROKEN") && out.stdout.contains("school.add-email"), "{}", out.stdout);
}

/// A certificate authority and a `localhost` server certificate it signed, made with openssl.
fn tls_keys(dir: &Path) {
    let sh = |script: &str| {
        let out = Command::new("sh").arg("-c").arg(script).current_dir(dir).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj '/CN=gradlab test CA'");
    sh("openssl req -newkey rsa:2048 -nodes -keyout localhost.key -out localhost.csr -subj '/CN=localhost'");
    fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    sh(
        "openssl x509 -req -in localhost.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out localhost.crt -days 30 -extfile ext.cnf",
    );
}

#[test]
fn a_printer_over_tls_prints_with_a_trusted_certificate_and_no_credentials_are_kept() {
    let ws = Ws::new();
    let keys = ws.path("keys");
    fs::create_dir(&keys).unwrap();
    tls_keys(&keys);
    let printer = printer::IppPrinter::start_tls(&keys);
    assert!(printer.uri.starts_with("ipps://"));
    lab::school(&ws, "10418", 0, &[("1班", 2)]);
    let job = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    let run_trusting = |ca: Option<&Path>, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gradlab"));
        c.arg("--workspace").arg(ws.root()).args(args).env_remove("GRADLAB_HOME");
        match ca {
            Some(ca) => c.env("SSL_CERT_FILE", ca),
            None => c.env("SSL_CERT_FILE", keys.join("localhost.key")),
        };
        let out = c.output().unwrap();
        (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    };
    let ca = keys.join("ca.crt");

    // An address with a password is refused and the password is never shown.
    let with_password = printer.uri.replacen("ipps://", "ipps://lab:s3cret@", 1);
    let (code, text) = run_trusting(Some(&ca), &["printer", "add", "tls", "--ipp", &with_password]);
    assert_ne!(code, Some(0));
    assert!(text.contains("never stores credentials") && !text.contains("s3cret"), "{text}");
    assert_eq!(ws.count("SELECT COUNT(*) FROM printers"), 0);

    let (code, text) = run_trusting(Some(&ca), &["printer", "add", "tls", "--ipp", &printer.uri]);
    assert_eq!(code, Some(0), "{text}");
    // Without the lab's CA the certificate is not trusted: nothing is sent in the clear instead.
    let (code, text) = run_trusting(None, &["job", "print", &job, "--printer", "tls"]);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.to_lowercase().contains("certificate") || text.contains("UnknownIssuer"), "{text}");
    let (code, text) = run_trusting(Some(&ca), &["job", "print", &job, "--printer", "tls", "--json"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("\"sent\""), "{text}");
}
