//! `gradlab walkin`: a student who missed collection (散拍) brings his collection code, as
//! scanner text or a QR picture, and a photo; it is checked as in a batch import, stored as a
//! one-student batch, laid out, rendered and (with a printer) printed at once.

mod common;
use common::*;
use image::Luma;
use std::fs;
use std::path::{Path, PathBuf};

const SCHOOL: &str = "10418";
const CJM: &str = "Hx4KcUcseltovhGV";
const XH: &str = "201818004215114";

fn payload(cjm: &str, school: &str, xh: &str) -> String {
    format!(
        r#"{{"sjc":1653446320558,"cjm":"{cjm}","yxdm":"{school}","zjhm":"471X","xh":"{xh}","cc":"本科","xllb":"网络教育","xm":"张*三","bh":"计算机科学与技术软工三班"}}"#
    )
}

fn write_file(ws: &Ws, name: &str, bytes: &[u8]) -> String {
    let p = ws.path(name);
    fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

fn qr_png(ws: &Ws, name: &str, text: &str) -> String {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let img = code.render::<Luma<u8>>().module_dimensions(6, 6).quiet_zone(true).build();
    let p = ws.path(name);
    img.save(&p).unwrap();
    p.to_str().unwrap().to_string()
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

/// No temporary walk-in batch is left in the workspace's output folder.
fn assert_no_leftovers(ws: &Ws) {
    let Ok(rd) = fs::read_dir(ws.root().join("output")) else { return };
    let left: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".walkin"))
        .collect();
    assert!(left.is_empty(), "temporary batch left behind: {left:?}");
}

fn students(ws: &Ws) -> Vec<serde_json::Value> {
    ws.run_ok(&["student", "list", "--school", SCHOOL, "--json"]).json().as_array().unwrap().clone()
}

fn walkin_audits(ws: &Ws, cjm: &str) -> Vec<String> {
    let subject = format!("student {cjm}");
    ws.rows("SELECT detail FROM audit WHERE action = 'walkin' AND subject = ?1 ORDER BY id", &[&subject])
        .into_iter()
        .map(|mut r| r.remove(0))
        .collect()
}

#[test]
fn walkin_from_scanner_text_is_stored_rendered_and_printed_to_a_hot_folder() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let hot = ws.path("rip-in");
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    let photo = write_file(&ws, "walkin.jpg", &good_photo(11));

    let code = payload(CJM, SCHOOL, XH);
    let w = ws.run_ok(&["walkin", "--code", &code, "--photo", &photo, "--printer", "rip", "--json"]).json();
    assert_eq!(w["student"]["xh"], XH, "{w}");
    assert_eq!(w["student"]["xm"], "张*三");
    assert_eq!(w["student"]["school"], SCHOOL);
    assert_eq!(w["stored"], "new");
    let job = w["job"].as_str().unwrap().to_string();
    assert!(job.starts_with('J'), "{job}");
    assert_eq!(w["id"], job.as_str());
    assert!(w["batch"].as_i64().unwrap() > 0);

    // The student is stored, with the photo's exact bytes and only his ID's last 4.
    let list = students(&ws);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["cjm"], CJM);
    assert_eq!(list[0]["zjhm4"], "471X");
    let sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[CJM]);
    let stored = ws.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"));
    assert!(fs::read(&stored).unwrap() == good_photo(11), "photo stored byte for byte");

    // A job of exactly this student, rendered, previewed and in the hot folder whole.
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    assert_eq!(show["students"], 1);
    let part = show["parts"][0]["path"].as_str().unwrap();
    assert_eq!(w["pdfs"][0], part);
    let sent = pdfs(&hot);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(fs::read(&sent[0]).unwrap() == fs::read(part).unwrap(), "the hot folder got the job's part unchanged");
    assert_eq!(w["printed"]["printer"], "rip");
    assert_eq!(w["printed"]["parts"][0]["outcome"], "sent");
    let preview = PathBuf::from(w["preview"].as_str().unwrap());
    assert_eq!(preview.parent(), Path::new(part).parent(), "the preview lies next to the PDF");
    assert!(image::open(&preview).unwrap().width() > 100);

    let audits = walkin_audits(&ws, CJM);
    assert_eq!(audits.len(), 1, "{audits:?}");
    assert!(audits[0].contains(&job) && audits[0].contains("rip"), "{}", audits[0]);
    assert_no_leftovers(&ws);
}

#[test]
fn walkin_from_a_qr_picture_without_printer_renders_and_previews() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let image = qr_png(&ws, "code.png", &payload(CJM, SCHOOL, XH));
    let photo = write_file(&ws, "walkin.jpg", &good_photo(12));

    let out = ws.run_ok(&["walkin", "--code-image", &image, "--photo", &photo]);
    let job = out.stdout.lines().next().unwrap().trim().to_string();
    assert!(job.starts_with('J'), "the job id comes first: {}", out.stdout);
    assert!(out.stdout.contains(XH) && out.stdout.contains("张*三"), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("gradlab job print {job} --printer")), "{}", out.stdout);

    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    assert_eq!(show["students"], 1);
    assert_eq!(show["parts"].as_array().unwrap().len(), 1);
    assert!(show["dispatches"].as_array().unwrap().is_empty(), "nothing was sent");
    let part = PathBuf::from(show["parts"][0]["path"].as_str().unwrap());
    let pdf = fs::read(&part).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let preview = part.parent().unwrap().join(format!("{job}-preview.png"));
    let img = image::open(&preview).unwrap_or_else(|e| panic!("{}: {e}", preview.display()));
    assert!(img.width() > 100 && img.height() > 100);

    let audits = walkin_audits(&ws, CJM);
    assert_eq!(audits.len(), 1);
    assert!(audits[0].contains("no printer"), "{}", audits[0]);
    assert_no_leftovers(&ws);
}

#[test]
fn a_bad_photo_is_refused_with_the_reason_and_nothing_is_stored() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let code = payload(CJM, SCHOOL, XH);
    let before = ws.snapshot();

    let grey = write_file(&ws, "grey.jpg", &grey_photo());
    let out = ws.run(&["walkin", "--code", &code, "--photo", &grey]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains(&grey) && out.stderr.contains("greyscale"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was stored"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    let small = write_file(&ws, "small.jpg", &wrong_size_photo());
    let out = ws.run(&["walkin", "--code", &code, "--photo", &small, "--json"]);
    assert_eq!(out.code, 1);
    assert!(out.json()["error"].as_str().unwrap().contains("413x579 pixels"), "{}", out.stdout);
    assert_eq!(ws.snapshot(), before);

    let png = write_file(&ws, "photo.png", &png_bytes());
    let out = ws.run(&["walkin", "--code", &code, "--photo", &png]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not a JPEG"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    let out = ws.run(&["walkin", "--code", &code, "--photo", ws.path("missing.jpg").to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("missing.jpg"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    assert!(ws.run_ok(&["job", "list", "--json"]).json().as_array().unwrap().is_empty());
    assert_no_leftovers(&ws);
}

#[test]
fn an_unregistered_school_a_bad_code_or_a_wrong_printer_store_nothing() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let photo = write_file(&ws, "walkin.jpg", &good_photo(13));
    let before = ws.snapshot();

    let out = ws.run(&["walkin", "--code", &payload(CJM, "10001", XH), "--photo", &photo]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("10001") && out.stderr.contains("not registered"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    // At a Chinese desk: the same refusal in Chinese, naming the code and the school, and its
    // code in the JSON.
    let chinese = [("LANG", "zh_CN.UTF-8")];
    let out = ws.run_with_env(&["walkin", "--code", &payload(CJM, "10001", XH), "--photo", &photo, "--json"], &chinese);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["code"], "walkin_school", "{}", out.stdout);
    let said = format!("错误：{CJM} 的散拍：院校 10001 还没有登记；");
    assert!(out.stderr.starts_with(&said) && out.stderr.trim_end().ends_with("；没有保存任何内容"), "{}", out.stderr);
    let out = ws.run_with_env(
        &["walkin", "--code", &payload(CJM, SCHOOL, XH), "--photo", "/nonexistent.jpg", "--json"],
        &chinese,
    );
    assert_eq!(out.json()["code"], "walkin_no_photo", "{}", out.stdout);
    assert_eq!(out.stderr.trim(), "错误：--photo /nonexistent.jpg：没有这个文件");
    assert_eq!(ws.snapshot(), before);

    let out = ws.run(&["walkin", "--code", "not a code", "--photo", &photo]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not a collection code"), "{}", out.stderr);

    let blank = ws.path("blank.png");
    image::GrayImage::from_pixel(300, 300, Luma([255])).save(&blank).unwrap();
    let out = ws.run(&["walkin", "--code-image", blank.to_str().unwrap(), "--photo", &photo]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("blank.png") && out.stderr.contains("no QR code"), "{}", out.stderr);

    let code = payload(CJM, SCHOOL, XH);
    let out = ws.run(&["walkin", "--code", &code, "--photo", &photo, "--printer", "nowhere"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
    let out = ws.run(&["walkin", "--code", &code, "--photo", &photo, "--layout", "no-such-layout"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no-such-layout"), "{}", out.stderr);

    // A printer with 6-inch paper cannot take the A4 default layout: refused before storing.
    let hot = ws.path("rip-in");
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["printer", "add", "photo", "--hot-folder", hot.to_str().unwrap(), "--media", "6inch"]);
    let before = ws.snapshot();
    let out = ws.run(&["walkin", "--code", &code, "--photo", &photo, "--printer", "photo"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("printer photo") && out.stderr.contains("nothing was done"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    // Usage: exactly one of --code and --code-image.
    assert_eq!(ws.run(&["walkin", "--photo", &photo]).code, 2);
    assert_eq!(ws.run(&["walkin", "--code", &code, "--code-image", &photo, "--photo", &photo]).code, 2);
    assert_eq!(ws.snapshot(), before);
    assert_no_leftovers(&ws);
}

#[test]
fn the_same_student_again_reuses_his_photo_and_a_different_one_needs_replace() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let code = payload(CJM, SCHOOL, XH);
    let first = write_file(&ws, "first.jpg", &good_photo(21));
    let w1 = ws.run_ok(&["walkin", "--code", &code, "--photo", &first, "--json"]).json();
    assert_eq!(w1["stored"], "new");

    // Same photo again (lost prints): a new job, no second student, same batch.
    let w2 = ws.run_ok(&["walkin", "--code", &code, "--photo", &first, "--json"]).json();
    assert_eq!(w2["stored"], "already stored");
    assert_eq!(w2["batch"], w1["batch"]);
    assert_ne!(w2["job"], w1["job"]);
    assert_eq!(students(&ws).len(), 1);
    assert_eq!(ws.count("SELECT count(*) FROM batches"), 1);

    // A different photo is refused unless --replace.
    let second = write_file(&ws, "second.jpg", &good_photo(22));
    let before = ws.snapshot();
    let out = ws.run(&["walkin", "--code", &code, "--photo", &second]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("different photo") && out.stderr.contains("--replace"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    let w3 = ws.run_ok(&["walkin", "--code", &code, "--photo", &second, "--replace", "--json"]).json();
    assert_eq!(w3["stored"], "replaced");
    assert_ne!(w3["batch"], w1["batch"]);
    assert_eq!(students(&ws).len(), 1);
    let sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[CJM]);
    let stored = ws.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"));
    assert!(fs::read(stored).unwrap() == good_photo(22));
    assert_eq!(walkin_audits(&ws, CJM).len(), 3);
    assert_no_leftovers(&ws);
}

#[test]
fn the_job_holds_only_this_code_when_another_code_shares_his_student_number() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let mut row = Row::new(1, SCHOOL, "计算机科学与技术软工三班");
    row.xh = XH.into();
    let batch = ws.path("batch");
    write_batch(&batch, &[row], |_| Some(good_photo(31)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);

    let photo = write_file(&ws, "walkin.jpg", &good_photo(32));
    let w = ws.run_ok(&["walkin", "--code", &payload(CJM, SCHOOL, XH), "--photo", &photo, "--json"]).json();
    let show = ws.run_ok(&["job", "show", w["job"].as_str().unwrap(), "--json"]).json();
    assert_eq!(show["students"], 1);
    let on_sheets: Vec<&serde_json::Value> =
        show["sheets"].as_array().unwrap().iter().flat_map(|s| s["students"].as_array().unwrap()).collect();
    assert!(on_sheets.iter().all(|s| s["cjm"] == CJM), "{on_sheets:?}");
    assert!(
        w["warnings"].as_array().unwrap().iter().any(|x| x.as_str().unwrap().contains("also has collection code")),
        "{w}"
    );
}

#[test]
fn a_printer_that_fails_leaves_the_student_and_job_and_says_how_to_print() {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let hot = ws.path("rip-in");
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    fs::remove_dir(&hot).unwrap();
    let photo = write_file(&ws, "walkin.jpg", &good_photo(41));

    let out = ws.run(&["walkin", "--code", &payload(CJM, SCHOOL, XH), "--photo", &photo, "--printer", "rip"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let jobs = ws.run_ok(&["job", "list", "--json"]).json();
    let job = jobs[0]["id"].as_str().unwrap().to_string();
    assert!(out.stderr.contains(&format!("gradlab job print {job} --printer rip")), "{}", out.stderr);
    assert!(out.stderr.contains("printer rip"), "the printer's own error is named: {}", out.stderr);
    assert_eq!(students(&ws).len(), 1, "the student stays");
    assert_eq!(jobs[0]["rendered_parts"], 1, "the job stays, rendered");
    let audits = walkin_audits(&ws, CJM);
    assert!(audits.len() == 1 && audits[0].contains("not printed"), "{audits:?}");

    // Once the folder is back, the job prints as the error said.
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["job", "print", &job, "--printer", "rip"]);
    assert_eq!(pdfs(&hot).len(), 1);
    assert_no_leftovers(&ws);
}
