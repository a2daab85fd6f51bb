//! Print jobs end to end: `job create` freezes students and layout, `job show` lists sheets
//! and barcodes, `job render` writes PDF parts that readers no one here wrote (lopdf, hayro,
//! rxing) confirm: photos byte for byte, exact geometry, searchable rare characters, barcodes
//! that decode to their payloads.

mod common;
use common::*;
use gradlab::layout;
use lopdf::{Document, Object, content::Content};
use std::collections::{HashMap, HashSet};
use std::fs;

const PT: f64 = 72.0 / 25.4;

/// School 10418 with three classes of 5, 6 and 3 students; rare characters in the names.
fn school(ws: &Ws) -> Vec<Row> {
    ws.add_school("10418");
    let classes = [("计算机1班", 5), ("计算机2班", 6), ("软件3班", 3)];
    let names = ["李*𠅤", "王*㛃", "赵*䶮", "张*三", "陈*"];
    let mut rs = Vec::new();
    for (bh, n) in classes {
        for _ in 0..n {
            let i = rs.len();
            let mut r = Row::new(i, "10418", bh);
            r.xm = names[i % names.len()].into();
            rs.push(r);
        }
    }
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(500 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rs
}

fn create(ws: &Ws, extra: &[&str]) -> String {
    let mut args = vec!["job", "create", "--school", "10418", "--json"];
    args.extend_from_slice(extra);
    let v = ws.run_ok(&args).json();
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn job_show_lists_sheets_barcodes_and_students_class_by_class() {
    let ws = Ws::new();
    let rs = school(&ws);
    let id = create(&ws, &[]);
    assert!(id.starts_with('J'));
    let show = ws.run_ok(&["job", "show", &id, "--json"]).json();
    let sheets = show["sheets"].as_array().unwrap();
    // Default layout: 4 students a sheet, a separator before each class: 3 + 3 + 2 sheets.
    assert_eq!(sheets.len(), 8);
    let kinds: Vec<&str> = sheets.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["separator", "photos", "photos", "separator", "photos", "photos", "separator", "photos"]);
    let order: Vec<&str> =
        sheets.iter().flat_map(|s| s["students"].as_array().unwrap()).map(|s| s["xh"].as_str().unwrap()).collect();
    let want: Vec<&str> = rs.iter().map(|r| r.xh.as_str()).collect();
    assert_eq!(order, want, "students in print order, class by class");
    let mut seen = HashSet::new();
    for s in sheets {
        let code = s["barcode"].as_str().unwrap();
        assert!(code.starts_with('S') && seen.insert(code.to_string()), "{code}");
        for st in s["students"].as_array().unwrap() {
            assert!(st["barcode"].as_str().unwrap().starts_with('T'));
        }
    }
    let packets = show["packets"].as_array().unwrap();
    assert_eq!(packets.len(), 3);
    assert_eq!(packets[1]["class"], "计算机2班");
    assert_eq!(packets[1]["students"], 6);
    assert!(packets[1]["barcode"].as_str().unwrap().starts_with('P'));
    // Bare number and code both name the job; a wrong check character is refused.
    ws.run_ok(&["job", "show", &id[1..id.len() - 1]]);
    let bad = format!("{}{}", &id[..id.len() - 1], if id.ends_with('A') { 'B' } else { 'A' });
    let out = ws.run(&["job", "show", &bad]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("check character"), "{}", out.stderr);
    let list = ws.run_ok(&["job", "list", "--json"]).json();
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["students"], 14);
}

#[test]
fn a_job_is_frozen_against_later_rosters_and_layout_edits() {
    let ws = Ws::new();
    let rs = school(&ws);
    let id = create(&ws, &["--class", "计算机1班", "--class", "软件3班"]);
    let before = ws.run_ok(&["job", "show", &id, "--json"]).json()["sheets"].clone();
    assert_eq!(before.as_array().unwrap().len(), 5);
    // A roster that reverses the order, and a broken layout file, come later.
    let roster = ws.path("r.csv");
    let lines: Vec<String> = rs.iter().rev().map(|r| r.xh.clone()).collect();
    fs::write(&roster, format!("学号\n{}\n", lines.join("\n"))).unwrap();
    ws.run_ok(&["roster", "import", roster.to_str().unwrap(), "--school", "10418"]);
    fs::write(ws.root().join("layouts/a4-2cun-x4.toml"), "this is not a layout").unwrap();
    assert_eq!(ws.run_ok(&["job", "show", &id, "--json"]).json()["sheets"], before);
    ws.run_ok(&["job", "render", &id]);
    // A new job does see the new roster order (and the broken file is named).
    let out = ws.run(&["job", "create", "--school", "10418"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("a4-2cun-x4.toml"), "{}", out.stderr);
    let id2 = create(
        &ws,
        &["--layout", "6inch-2cun-x4", "--student", &rs[0].xh, "--student", &rs[13].xh, "--again", "--reason", "小照"],
    );
    let s2 = ws.run_ok(&["job", "show", &id2, "--json"]).json();
    let xs: Vec<&str> =
        s2["sheets"].as_array().unwrap().iter().map(|s| s["students"][0]["xh"].as_str().unwrap()).collect();
    assert_eq!(xs, [rs[13].xh.as_str(), rs[0].xh.as_str()], "roster order, one student a sheet");
}

#[test]
fn bad_job_requests_are_named_and_change_nothing() {
    let ws = Ws::new();
    school(&ws);
    let before = ws.snapshot();
    for (args, needle) in [
        (vec!["job", "create", "--school", "10418", "--class", "无此班"], "无此班"),
        (vec!["job", "create", "--school", "10418", "--student", "123"], "123"),
        (vec!["job", "create", "--school", "10418", "--layout", "nope"], "nope"),
        (vec!["job", "create", "--school", "99999"], "99999"),
        (vec!["job", "show", "42"], "42"),
    ] {
        let out = ws.run(&args);
        assert_eq!(out.code, 1, "{args:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before);
    let overflow = ws.path("big.toml");
    let text = layout::builtin("a4-2cun-x4").unwrap().replace("rows = 2", "rows = 9");
    fs::write(&overflow, text).unwrap();
    let out = ws.run(&["layout", "check", overflow.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("mm too much"), "{}", out.stderr);
}

/// Image streams of a document: (object id, bytes, filter).
fn images(doc: &Document) -> Vec<(lopdf::ObjectId, Vec<u8>, String)> {
    let mut out = Vec::new();
    for (id, obj) in &doc.objects {
        if let Object::Stream(s) = obj
            && s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Image".as_slice())
        {
            let filter = s.dict.get(b"Filter").ok().and_then(|o| o.as_name().ok()).unwrap_or_default();
            out.push((*id, s.content.clone(), String::from_utf8_lossy(filter).into_owned()));
        }
    }
    out
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => panic!("not a number: {o:?}"),
    }
}

#[test]
fn rendered_parts_are_verified_by_independent_readers() {
    let ws = Ws::new();
    let rs = school(&ws);
    let id = create(&ws, &[]);
    ws.write_settings("[render]\nmax_sheets_per_part = 3\n");
    let out = ws.run_ok(&["job", "render", &id, "--json"]).json();
    let parts = out["parts"].as_array().unwrap();
    // Parts break at class boundaries: sheets 1-3, 4-6, 7-8.
    let ranges: Vec<(i64, i64)> =
        parts.iter().map(|p| (p["first_sheet"].as_i64().unwrap(), p["last_sheet"].as_i64().unwrap())).collect();
    assert_eq!(ranges, [(1, 3), (4, 6), (7, 8)]);

    let show = ws.run_ok(&["job", "show", &id, "--json"]).json();
    let sheets = show["sheets"].as_array().unwrap().clone();
    let stored: HashMap<String, Vec<u8>> = rs
        .iter()
        .map(|r| {
            let sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[r.cjm.as_str()]);
            let bytes = fs::read(ws.root().join("photos").join(&sha[..2]).join(format!("{sha}.jpg"))).unwrap();
            (r.xh.clone(), bytes)
        })
        .collect();
    let lay = layout::builtin("a4-2cun-x4").map(|t| layout::Layout::from_toml(t, "t").unwrap()).unwrap();
    let slots = lay.group_slots();

    let mut all_text = String::new();
    for (pi, part) in parts.iter().enumerate() {
        let path = part["path"].as_str().unwrap();
        let doc = Document::load(path).unwrap();
        let pages = doc.get_pages();
        let (first, last) = ranges[pi];
        assert_eq!(pages.len() as i64, last - first + 1);
        // One image object per student in the part, each byte-identical to the stored photo.
        let part_students: Vec<&str> = sheets[(first - 1) as usize..last as usize]
            .iter()
            .flat_map(|s| s["students"].as_array().unwrap())
            .map(|s| s["xh"].as_str().unwrap())
            .collect();
        let imgs = images(&doc);
        assert_eq!(imgs.len(), part_students.len(), "part {pi}: one image object per photo");
        for xh in &part_students {
            assert!(imgs.iter().any(|(_, b, f)| b == &stored[*xh] && f == "DCTDecode"), "photo of {xh} byte for byte");
        }
        for (n, page_id) in &pages {
            let page = doc.get_dictionary(*page_id).unwrap();
            let mb: Vec<f64> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(num).collect();
            assert!((mb[2] - 210.0 * PT).abs() < 0.01 && (mb[3] - 297.0 * PT).abs() < 0.01, "A4: {mb:?}");
            all_text.push_str(&doc.extract_text(&[*n]).unwrap());
            // Photo placement: each clip rectangle is exactly a layout frame (within 0.1 mm),
            // and the image is scaled to cover it.
            let sheet = &sheets[(first - 1) as usize + *n as usize - 1];
            if sheet["kind"] != "photos" {
                continue;
            }
            let content = Content::decode(&doc.get_page_content(*page_id)).unwrap();
            // A photo is drawn (`Do`) under the last rectangle (its clip) and the last matrix
            // (its scale and place); barcodes have rectangles and matrices of their own.
            let (mut clip, mut matrix): (Option<Vec<f64>>, Option<Vec<f64>>) = (None, None);
            let mut placed = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "re" => clip = Some(op.operands.iter().map(num).collect()),
                    "cm" => matrix = Some(op.operands.iter().map(num).collect()),
                    "Do" => placed.push((clip.clone().unwrap(), matrix.clone().unwrap())),
                    _ => {}
                }
            }
            let groups = sheet["students"].as_array().unwrap().len();
            let frames: Vec<_> = slots.iter().take(groups).flat_map(|g| g.photos.clone()).collect();
            assert_eq!(placed.len(), frames.len());
            for (frame, (re, cm)) in frames.iter().zip(&placed) {
                let mm = |v: f64| v / PT;
                assert!((mm(re[0]) - frame.x).abs() < 0.1 && (mm(re[2]) - frame.w).abs() < 0.1, "{re:?} vs {frame:?}");
                assert!((297.0 - mm(re[1] + re[3]) - frame.y).abs() < 0.1 && (mm(re[3]) - frame.h).abs() < 0.1);
                // 480x640 into 35x49 covers by height: 49 mm tall, 36.75 mm wide, centred.
                assert!((mm(cm[3]) - frame.h).abs() < 0.1 && (mm(cm[0]) - frame.h * 0.75).abs() < 0.1, "{cm:?}");
                assert!((mm(cm[4]) - (frame.x - (frame.h * 0.75 - frame.w) / 2.0)).abs() < 0.1);
            }
        }
    }
    for r in &rs {
        assert!(all_text.contains(&r.xh), "学号 {} searchable", r.xh);
    }
    for name in ["李*𠅤", "王*㛃", "赵*䶮"] {
        assert!(all_text.contains(name), "{name} comes back through ToUnicode");
    }
    assert!(all_text.contains("计算机2班") && all_text.contains(&rs[0].cjm));
}

fn decode(img: &image::RgbImage, r: gradlab::render::Rect, dpi: f64) -> String {
    let px = |mm: f64| (mm / 25.4 * dpi).round().max(0.0) as u32;
    let crop = image::imageops::crop_imm(img, px(r.x - 4.0), px(r.y - 3.0), px(r.w + 8.0), px(r.h + 6.0)).to_image();
    let (w, h) = crop.dimensions();
    let luma = image::DynamicImage::ImageRgb8(crop).to_luma8().into_raw();
    rxing::helpers::detect_in_luma(luma, w, h, Some(rxing::BarcodeFormat::CODE_128))
        .unwrap_or_else(|e| panic!("no barcode near {r:?}: {e:?}"))
        .getText()
        .to_string()
}

#[test]
fn every_barcode_on_a_rendered_sheet_decodes_to_its_payload() {
    let ws = Ws::new();
    school(&ws);
    let id = create(&ws, &[]);
    let out = ws.run_ok(&["job", "render", &id, "--json"]).json();
    let pdf = fs::read(out["parts"][0]["path"].as_str().unwrap()).unwrap();
    let show = ws.run_ok(&["job", "show", &id, "--json"]).json();
    let lay = layout::Layout::from_toml(layout::builtin("a4-2cun-x4").unwrap(), "t").unwrap();
    let dpi = 300.0;
    // Sheet 2: photos of four students, a sheet barcode in the header.
    let png = gradlab::render::preview::page_png(&pdf, 1, dpi as f32).unwrap();
    let img = image::load_from_memory(&png).unwrap().to_rgb8();
    let sheet = &show["sheets"][1];
    let header = lay.header().unwrap().barcode.unwrap();
    assert_eq!(decode(&img, header, dpi), sheet["barcode"].as_str().unwrap());
    for (slot, st) in lay.group_slots().iter().zip(sheet["students"].as_array().unwrap()) {
        assert_eq!(decode(&img, slot.barcode.unwrap(), dpi), st["barcode"].as_str().unwrap());
    }
    // Sheet 1, the separator: the packet barcode, the class and its count.
    let png = gradlab::render::preview::page_png(&pdf, 0, dpi as f32).unwrap();
    let img = image::load_from_memory(&png).unwrap().to_rgb8();
    let sep = lay.separator_slots().unwrap();
    assert_eq!(decode(&img, sep.barcode, dpi), show["packets"][0]["barcode"].as_str().unwrap());
    let doc = Document::load_mem(&pdf).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(text.contains("计算机1班") && text.contains('5'), "{text}");
}

#[test]
fn a_character_missing_from_the_font_stops_the_job_before_anything_is_written() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs: Vec<Row> = (0..3).map(|i| Row::new(i, "10418", "1班")).collect();
    rs[1].xm = "张*\u{E000}".into();
    let stderr = render_fails_leaving_nothing(&ws, &rs);
    assert!(stderr.contains(&rs[1].xh) && stderr.contains("U+E000"), "{stderr}");
}

/// Import `rs`, make a job of them and render it: the render must fail with nothing written
/// and no part recorded. Returns what it said.
fn render_fails_leaving_nothing(ws: &Ws, rs: &[Row]) -> String {
    let batch = ws.path("batch");
    write_batch(&batch, rs, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let id = create(ws, &[]);
    let out = ws.run(&["job", "render", &id]);
    assert_eq!(out.code, 1);
    let jobs = ws.root().join("output/jobs");
    let files: Vec<_> = fs::read_dir(&jobs).map(|d| d.flatten().collect()).unwrap_or_default();
    assert!(files.is_empty(), "nothing written: {files:?}");
    assert_eq!(ws.count("SELECT count(*) FROM job_parts"), 0);
    out.stderr
}

#[test]
fn a_part_that_cannot_be_written_stops_every_writer_and_leaves_nothing() {
    // Twenty parts of one sheet each (a class's separator, then its photo sheet), more than
    // the render writes at once; every photo sheet names a character the font lacks. Each
    // writer stops at its first failing part, the render stops handing out parts, and the
    // parts already written (the separators) are removed with the staging folder.
    let ws = Ws::new();
    ws.add_school("10418");
    ws.write_settings("[render]\nmax_sheets_per_part = 1\n");
    let mut rs: Vec<Row> = (0..40).map(|i| Row::new(i, "10418", &format!("{}班", i / 4 + 1))).collect();
    for r in &mut rs {
        r.xm = "张*\u{E000}".into();
    }
    let stderr = render_fails_leaving_nothing(&ws, &rs);
    assert!(stderr.contains("U+E000"), "{stderr}");
}

#[test]
fn preview_writes_a_png_of_the_chosen_sheet() {
    let ws = Ws::new();
    school(&ws);
    let id = create(&ws, &[]);
    let out = ws.path("p/sheet2.png");
    ws.run_ok(&["job", "preview", &id, "--sheet", "2", "--out", out.to_str().unwrap()]);
    let img = image::open(&out).unwrap();
    assert_eq!((img.width(), img.height()), (1240, 1754), "A4 at 150 dpi");
    let bad = ws.run(&["job", "preview", &id, "--sheet", "99", "--out", out.to_str().unwrap()]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("1 to 8"), "{}", bad.stderr);
}

#[test]
fn full_names_from_a_roster_are_printed_only_when_a_layout_asks() {
    let ws = Ws::new();
    let rs = school(&ws);
    let roster = ws.path("r.csv");
    let full = ["李小𠅤", "王梓㛃", "赵一䶮"];
    let lines: Vec<String> = rs.iter().take(3).zip(full).map(|(r, n)| format!("{},{n}", r.xh)).collect();
    fs::write(&roster, format!("学号,姓名\n{}\n", lines.join("\n"))).unwrap();
    ws.run_ok(&["roster", "import", roster.to_str().unwrap(), "--school", "10418"]);
    let text_of = |id: &str| {
        let out = ws.run_ok(&["job", "render", id, "--json"]).json();
        let mut text = String::new();
        for p in out["parts"].as_array().unwrap() {
            let doc = Document::load(p["path"].as_str().unwrap()).unwrap();
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            text.push_str(&doc.extract_text(&pages).unwrap());
        }
        text
    };
    let plain = text_of(&create(&ws, &["--class", "计算机1班"]));
    assert!(plain.contains("李*𠅤"), "the masked name is printed");
    for name in full {
        assert!(!plain.contains(name), "{name} must not be printed by the default layout");
    }
    let listed = ws.run_ok(&["student", "list", "--school", "10418", "--json"]).stdout;
    assert!(full.iter().all(|n| !listed.contains(n)), "nor listed");

    let asks = ws.path("full.toml");
    let text = layout::builtin("a4-2cun-x4").unwrap().replace("\"{xh}  {xm}\"", "\"{xh}  {full_name}\"");
    fs::write(&asks, text).unwrap();
    let printed = text_of(&create(
        &ws,
        &["--class", "计算机1班", "--layout", asks.to_str().unwrap(), "--again", "--reason", "全名版"],
    ));
    for name in full {
        assert!(printed.contains(name), "{name} printed where the layout asks for it");
    }
}
