//! Preflight end to end: `job verify` proves a rendered part against its job, and catches and
//! names each way a PDF can go wrong. Each test renders a real job, alters its PDF with lopdf
//! (keeping it a valid PDF) the way a faulty writer or a damaged file would, records the altered
//! file's hash as if the writer had produced it (so only the content checks can catch it), and
//! reads what `job verify` says. Printing then trusts only what was verified.

mod common;
use common::*;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId};
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

const PT: f64 = 72.0 / 25.4;

struct Job {
    ws: Ws,
    id: String,
    part: PathBuf,
    show: Value,
}

/// School 10418, two classes of 5 and 3 students (rare characters in the names), one job on
/// the default A4 layout in one part: separator, 2 photo sheets, separator, 1 photo sheet.
fn rendered() -> Job {
    let ws = Ws::new();
    ws.add_school("10418");
    let names = ["李*𠅤", "王*㛃", "赵*䶮", "张*三"];
    let rows: Vec<Row> = (0..8)
        .map(|i| {
            let mut r = Row::new(i, "10418", if i < 5 { "计算机1班" } else { "软件3班" });
            r.xm = names[i % names.len()].into();
            r
        })
        .collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(700 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let id = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    let r = ws.run_ok(&["job", "render", &id, "--json"]).json();
    assert_eq!(r["verification"]["passed"], true, "verified right after rendering: {r}");
    let part = PathBuf::from(r["parts"][0]["path"].as_str().unwrap());
    let show = ws.run_ok(&["job", "show", &id, "--json"]).json();
    Job { ws, id, part, show }
}

impl Job {
    /// Change the part with `f`, save it, and record its new hash as the render's.
    fn alter(&self, f: impl FnOnce(&mut Document)) {
        let mut doc = Document::load(&self.part).unwrap();
        f(&mut doc);
        doc.save(&self.part).unwrap();
        use sha2::Digest;
        let sha = hex::encode(sha2::Sha256::digest(fs::read(&self.part).unwrap()));
        self.ws.db().execute("UPDATE job_parts SET sha256 = ?1", [&sha]).unwrap();
    }

    /// `job verify --json`: exit code and failures.
    fn verify(&self) -> (i32, Vec<Value>) {
        let out = self.ws.run(&["job", "verify", &self.id, "--json"]);
        assert!(out.code == 0 || out.code == 3, "{}\n{}", out.stdout, out.stderr);
        let v = out.json();
        assert_eq!(v["passed"], out.code == 0);
        (out.code, v["parts"][0]["failures"].as_array().unwrap().clone())
    }

    fn sheet(&self, number: usize) -> &Value {
        &self.show["sheets"][number - 1]
    }

    /// The page object of sheet `number` (1-based; the job has one part).
    fn page(doc: &Document, number: usize) -> ObjectId {
        doc.get_pages()[&(number as u32)]
    }
}

fn ops(doc: &Document, page: ObjectId) -> Vec<Operation> {
    Content::decode(&doc.get_page_content(page)).unwrap().operations
}

fn set_ops(doc: &mut Document, page: ObjectId, ops: Vec<Operation>) {
    let bytes = Content { operations: ops }.encode().unwrap();
    doc.change_page_content(page, bytes).unwrap();
}

/// The image XObjects a page draws, in drawing order.
fn drawn_images(doc: &Document, page: ObjectId) -> Vec<ObjectId> {
    let res = doc.get_dictionary(page).unwrap().get_deref(b"Resources", doc).unwrap().as_dict().unwrap();
    let xobjects = res.get_deref(b"XObject", doc).unwrap().as_dict().unwrap();
    ops(doc, page)
        .iter()
        .filter(|o| o.operator == "Do")
        .map(|o| xobjects.get(o.operands[0].as_name().unwrap()).unwrap().as_reference().unwrap())
        .collect()
}

/// Sheet 2's first two students' image streams exchanged (each is drawn four times).
fn exchange_first_two_photos_of_sheet_2(doc: &mut Document) {
    let images = drawn_images(doc, Job::page(doc, 2));
    let (x, y) = (images[0], images[4]);
    assert_ne!(x, y);
    let sx = doc.objects[&x].clone();
    let sy = doc.objects[&y].clone();
    doc.objects.insert(x, sy);
    doc.objects.insert(y, sx);
}

fn num(o: &Object) -> f32 {
    o.as_float().unwrap()
}

/// Failures of one check, as (sheet barcode, 学号, detail).
fn of(failures: &[Value], check: &str) -> Vec<(String, String, String)> {
    failures
        .iter()
        .filter(|f| f["check"] == check)
        .map(|f| {
            (
                f["sheet_barcode"].as_str().unwrap_or_default().to_string(),
                f["student"]["xh"].as_str().unwrap_or_default().to_string(),
                f["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn checks(failures: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = failures.iter().map(|f| f["check"].as_str().unwrap().to_string()).collect();
    c.dedup();
    c
}

#[test]
fn a_good_render_passes_and_is_recorded() {
    let job = rendered();
    let (code, failures) = job.verify();
    assert_eq!((code, failures.len()), (0, 0), "{failures:?}");
    let out = job.ws.run_ok(&["job", "verify", &job.id]);
    assert!(out.stdout.contains("passed") && out.stdout.contains("may be printed"), "{}", out.stdout);
    let v = job.ws.run_ok(&["job", "verify", &job.id, "--json"]).json();
    let checked = &v["parts"][0]["checked"];
    // 5 sheets; 8 students x 4 photos; 5 caption lines + barcode text each, headers, separators.
    assert_eq!(checked["pages"], 5);
    assert_eq!(checked["photos"], 32);
    assert_eq!(checked["barcodes"], 8 + 5 + 2, "student, sheet-header (every sheet) and packet barcodes");
    assert!(checked["texts"].as_u64().unwrap() > 8 * 6);
    // Render, then three verifications: each kept, the latest passed with the file's hash.
    assert_eq!(job.ws.count("SELECT count(*) FROM part_verifications WHERE result = 'passed'"), 4);
    let show = job.ws.run_ok(&["job", "show", &job.id, "--json"]).json();
    assert_eq!(show["verification"][0]["passed"], true);
    assert_eq!(show["verification"][0]["sha256"], show["parts"][0]["sha256"]);
}

#[test]
fn a_valid_pdf_written_differently_still_passes() {
    // lopdf re-saves the part with every content stream Flate-compressed and objects rewritten:
    // what is drawn is the same, so only the bytes differ.
    let job = rendered();
    job.alter(|doc| doc.compress());
    let raw = fs::read(&job.part).unwrap();
    assert!(raw.windows(11).any(|w| w == b"FlateDecode"), "content streams compressed");
    let (code, failures) = job.verify();
    assert_eq!((code, failures.len()), (0, 0), "{failures:#?}");
}

#[test]
fn two_photos_exchanged_are_caught_and_both_students_named() {
    let job = rendered();
    let s2 = job.sheet(2);
    let (a, b) = (s2["students"][0]["xh"].as_str().unwrap(), s2["students"][1]["xh"].as_str().unwrap());
    job.alter(exchange_first_two_photos_of_sheet_2);
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert_eq!(checks(&failures), ["photo"], "{failures:#?}");
    let photo = of(&failures, "photo");
    let barcode = s2["barcode"].as_str().unwrap();
    assert!(
        photo.iter().any(|(s, x, d)| s == barcode && x == a && d.contains(&format!("that of student {b}"))),
        "{photo:#?}"
    );
    assert!(
        photo.iter().any(|(s, x, d)| s == barcode && x == b && d.contains(&format!("that of student {a}"))),
        "{photo:#?}"
    );
    assert_eq!(photo.len(), 8, "four prints of each");

    // At a Chinese desk the same failures read in Chinese, each with its stable code.
    let out = job.ws.run_with_env(&["job", "verify", &job.id, "--json"], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let failures = out.json()["parts"][0]["failures"].as_array().unwrap().clone();
    assert!(failures.iter().all(|f| f["code"] == "verify_photo_of_other"), "{failures:#?}");
    let detail = failures[0]["detail"].as_str().unwrap();
    assert!(detail.contains("的照片，不是本人的") && !detail.contains("student"), "{detail}");
    let out = job.ws.run_with_env(&["job", "verify", &job.id], &[("LANG", "zh_CN.UTF-8")]);
    assert!(out.stdout.contains("学生") && out.stdout.contains("照片："), "{}", out.stdout);
    assert!(!out.stdout.contains("that of student"), "{}", out.stdout);
}

#[test]
fn a_photo_moved_half_a_millimetre_is_caught() {
    let job = rendered();
    let s2 = job.sheet(2);
    job.alter(|doc| {
        let page = Job::page(doc, 2);
        let mut ops = ops(doc, page);
        // The first photo: its clipping rectangle and its image matrix, moved 0.5 mm right.
        let re = ops.iter().position(|o| o.operator == "re").unwrap();
        let cm = re + ops[re..].iter().position(|o| o.operator == "cm").unwrap();
        for (i, at) in [(re, 0), (cm, 4)] {
            let v = num(&ops[i].operands[at]);
            ops[i].operands[at] = Object::Real(v + (0.5 * PT) as f32);
        }
        set_ops(doc, page, ops);
    });
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert_eq!(checks(&failures), ["placement"], "{failures:#?}");
    let moved = of(&failures, "placement");
    let (sheet, xh) = (s2["barcode"].as_str().unwrap(), s2["students"][0]["xh"].as_str().unwrap());
    assert!(
        !moved.is_empty() && moved.iter().all(|(s, x, d)| s == sheet && x == xh && d.contains("0.50 mm off")),
        "{moved:#?}"
    );
}

#[test]
fn a_changed_caption_is_caught() {
    let job = rendered();
    let s3 = job.sheet(3);
    let xh = s3["students"][0]["xh"].as_str().unwrap().to_string();
    job.alter(|doc| {
        let page = Job::page(doc, 3);
        let font = doc.get_page_fonts(page).unwrap().into_values().next().unwrap().clone();
        let enc = font.get_font_encoding(doc).unwrap();
        let mut ops = ops(doc, page);
        // The caption line "学号  姓名": swap its last two characters' codes.
        let tj = ops
            .iter_mut()
            .find(|o| {
                o.operator == "Tj" && {
                    let t = Document::decode_text(&enc, o.operands[0].as_str().unwrap()).unwrap();
                    t.starts_with(&xh) && t.len() > xh.len()
                }
            })
            .unwrap();
        let codes = tj.operands[0].as_str_mut().unwrap();
        let n = codes.len();
        let last: Vec<u8> = codes[n - 2..].to_vec();
        let before: Vec<u8> = codes[n - 4..n - 2].to_vec();
        assert_ne!(last, before, "two different characters");
        codes[n - 4..n - 2].copy_from_slice(&last);
        codes[n - 2..].copy_from_slice(&before);
        set_ops(doc, page, ops);
    });
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert_eq!(checks(&failures), ["caption"], "{failures:#?}");
    let caption = of(&failures, "caption");
    assert_eq!(caption.len(), 1, "{caption:#?}");
    let (sheet, who, detail) = &caption[0];
    assert_eq!((sheet.as_str(), who.as_str()), (s3["barcode"].as_str().unwrap(), xh.as_str()));
    let xm = s3["students"][0]["xm"].as_str().unwrap();
    assert!(detail.contains(&format!("where the job prints \"{xh}  {xm}\"")), "{detail}");
}

#[test]
fn damaged_barcode_bars_are_caught() {
    let job = rendered();
    let s2 = job.sheet(2);
    job.alter(|doc| {
        let page = Job::page(doc, 2);
        let mut ops = ops(doc, page);
        // Bars are a run of rectangles filled at once; the first such run is the first
        // student's barcode. Every bar in its middle is cut to a hairline.
        let start = (0..ops.len()).find(|&i| ops[i..i + 12].iter().all(|o| o.operator == "re")).unwrap();
        let end = start + ops[start..].iter().position(|o| o.operator != "re").unwrap();
        let third = (end - start) / 3;
        for op in &mut ops[start + third..end - third] {
            op.operands[2] = Object::Real(0.05);
        }
        set_ops(doc, page, ops);
    });
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert_eq!(checks(&failures), ["barcode"], "{failures:#?}");
    let bad = of(&failures, "barcode");
    assert_eq!(bad.len(), 1, "{bad:#?}");
    let student = &s2["students"][0];
    assert_eq!(
        (bad[0].0.as_str(), bad[0].1.as_str()),
        (s2["barcode"].as_str().unwrap(), student["xh"].as_str().unwrap())
    );
    assert!(bad[0].2.contains(student["barcode"].as_str().unwrap()), "{}", bad[0].2);
}

#[test]
fn one_flipped_byte_inside_a_photo_is_caught() {
    let job = rendered();
    let s5 = job.sheet(5);
    job.alter(|doc| {
        let image = drawn_images(doc, Job::page(doc, 5))[0];
        let s = doc.get_object_mut(image).unwrap().as_stream_mut().unwrap();
        let middle = s.content.len() / 2;
        s.content[middle] ^= 0x10;
    });
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert_eq!(checks(&failures), ["photo"], "{failures:#?}");
    let photo = of(&failures, "photo");
    let xh = s5["students"][0]["xh"].as_str().unwrap();
    assert_eq!(photo.len(), 4, "each of the four prints: {photo:#?}");
    assert!(
        photo
            .iter()
            .all(|(s, x, d)| s == s5["barcode"].as_str().unwrap() && x == xh && d.contains("altered or re-encoded"))
    );
}

#[test]
fn sheets_out_of_order_and_a_changed_file_are_caught() {
    let job = rendered();
    // Sheets 2 and 3 exchanged in the page tree.
    job.alter(|doc| {
        let pages = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
        let kids = doc.get_dictionary_mut(pages).unwrap().get_mut(b"Kids").unwrap().as_array_mut().unwrap();
        kids.swap(1, 2);
    });
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    for n in [2, 3] {
        let sheet = job.sheet(n)["barcode"].as_str().unwrap();
        let bad = of(&failures, "barcode");
        assert!(bad.iter().any(|(s, _, d)| s == sheet && d.contains(sheet)), "sheet {n}: {bad:#?}");
        assert!(of(&failures, "photo").iter().any(|(s, _, _)| s == sheet), "sheet {n}");
    }
    // A file changed after rendering, its recorded hash left alone.
    let mut bytes = fs::read(&job.part).unwrap();
    bytes.extend_from_slice(b"\n% appended\n");
    fs::write(&job.part, bytes).unwrap();
    let (_, failures) = job.verify();
    assert!(of(&failures, "file").iter().any(|(_, _, d)| d.contains("changed since")), "{failures:#?}");
    // Text output names sheet, student and check, and exits 3.
    let out = job.ws.run(&["job", "verify", &job.id]);
    assert_eq!(out.code, 3);
    assert!(out.stdout.contains("FAILED") && out.stdout.contains("barcode:"), "{}", out.stdout);
}

#[test]
fn printing_trusts_only_what_was_verified() {
    let job = rendered();
    let hot = job.ws.path("rip");
    fs::create_dir_all(&hot).unwrap();
    job.ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    let sent_files = || fs::read_dir(&hot).unwrap().count();

    // A writer fault: the part as rendered shows the wrong photo for one student.
    job.alter(exchange_first_two_photos_of_sheet_2);
    // Verified before the fault was recorded: the file has changed since.
    let out = job.ws.run(&["job", "print", &job.id, "--printer", "rip"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("part 1 has changed since it was verified"), "{}", out.stderr);
    assert_eq!(job.verify().0, 3);
    let before = job.ws.snapshot();
    let out = job.ws.run(&["job", "print", &job.id, "--printer", "rip"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("part 1 failed verification")
            && out.stderr.contains("photo:")
            && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert_eq!(job.ws.snapshot(), before, "nothing recorded");
    assert_eq!(sent_files(), 0, "nothing sent");

    // The operator may force it; the audit log says so.
    let r = job.ws.run_ok(&["job", "print", &job.id, "--printer", "rip", "--force", "--json"]).json();
    assert_eq!(r["parts"][0]["outcome"], "sent");
    assert_eq!(sent_files(), 1);
    let audit: String = job
        .ws
        .db()
        .query_row("SELECT detail FROM audit WHERE action = 'job.print.unverified'", [], |r| r.get(0))
        .unwrap();
    assert!(audit.contains("rip") && audit.contains("failed verification"), "{audit}");
}

#[test]
fn without_verify_after_render_a_part_must_be_verified_before_printing() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rows: Vec<Row> = (0..3).map(|i| Row::new(i, "10418", "1班")).collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(900 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let settings = ws.root().join("gradlab.toml");
    let text =
        fs::read_to_string(&settings).unwrap().replace("verify_after_render = true", "verify_after_render = false");
    fs::write(&settings, text).unwrap();
    let id = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    let r = ws.run_ok(&["job", "render", &id, "--json"]).json();
    assert!(r["verification"].is_null());
    let hot = ws.path("rip");
    fs::create_dir_all(&hot).unwrap();
    ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    let out = ws.run(&["job", "print", &id, "--printer", "rip"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("part 1 has not been verified") && out.stderr.contains("job verify"), "{}", out.stderr);
    let out = ws.run_with_env(&["job", "print", &id, "--printer", "rip"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(out.stderr.contains("第 1 段还没有校验（请运行 `gradlab job verify"), "{}", out.stderr);
    ws.run_ok(&["job", "verify", &id]);
    ws.run_ok(&["job", "print", &id, "--printer", "rip"]);
    assert_eq!(fs::read_dir(&hot).unwrap().count(), 1);
    // The part's state in the reader's words; the English line keeps the state's code.
    let out = ws.run_with_env(&["job", "status", &id], &[("LANG", "zh_CN.UTF-8")]);
    assert!(out.stdout.contains("第 1 段") && out.stdout.contains("排队中"), "{}", out.stdout);
    assert!(!out.stdout.contains("pending"), "{}", out.stdout);
    let english = ws.run_ok(&["job", "status", &id]).stdout;
    assert!(english.contains("part 1 (sheets ") && english.contains("): pending"), "{english}");
}

#[test]
fn a_part_rendered_again_after_a_failed_verification_must_be_verified_again() {
    let job = rendered();
    // The file damaged on disk after rendering (its record left alone): verification fails,
    // and the failure is about this very render.
    let mut bytes = fs::read(&job.part).unwrap();
    let image = bytes.windows(9).position(|w| w == b"DCTDecode").unwrap();
    let data = image + bytes[image..].windows(6).position(|w| w == b"stream").unwrap() + 7;
    bytes[data + 2000] ^= 0x10;
    fs::write(&job.part, bytes).unwrap();
    let (code, failures) = job.verify();
    assert_eq!(code, 3);
    assert!(!of(&failures, "file").is_empty() && !of(&failures, "photo").is_empty(), "{failures:#?}");
    let show = job.ws.run_ok(&["job", "show", &job.id, "--json"]).json();
    assert_eq!(show["verification"][0]["passed"], false);
    assert_eq!(show["verification"][0]["stale"], false, "the failed verdict is about the part as it is");

    // Rendered again without verifying: the failed verdict is about a file the part no longer
    // has, so the part is neither failed nor proven, and printing waits for `job verify`.
    let settings = job.ws.root().join("gradlab.toml");
    let text =
        fs::read_to_string(&settings).unwrap().replace("verify_after_render = true", "verify_after_render = false");
    fs::write(&settings, text).unwrap();
    job.ws.run_ok(&["job", "render", &job.id]);
    let show = job.ws.run_ok(&["job", "show", &job.id, "--json"]).json();
    assert_eq!(show["verification"][0]["stale"], true);
    let text = job.ws.run_ok(&["job", "show", &job.id]).stdout;
    assert!(text.contains("rendered again since verified"), "{text}");
    let hot = job.ws.path("rip");
    fs::create_dir_all(&hot).unwrap();
    job.ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    let out = job.ws.run(&["job", "print", &job.id, "--printer", "rip"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("part 1 has been rendered again since it was verified"), "{}", out.stderr);
    assert_eq!(job.verify().0, 0, "the new render passes");
    job.ws.run_ok(&["job", "print", &job.id, "--printer", "rip"]);
    assert_eq!(fs::read_dir(&hot).unwrap().count(), 1);
}
