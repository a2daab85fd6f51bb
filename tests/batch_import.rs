//! `gradlab batch import` end to end: every rule of the foundation issue, checked through the
//! real binary on inputs made here.

mod common;
use common::*;
use std::fs;

fn rows(n: usize, school: &str) -> Vec<Row> {
    (0..n).map(|i| Row::new(i, school, if i % 2 == 0 { "1班" } else { "2班" })).collect()
}

#[test]
fn missing_workspace_says_how_to_make_one() {
    let ws = Ws::empty();
    let out = ws.run(&["school", "list"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("gradlab init"), "{}", out.stderr);
    assert!(!ws.root().exists(), "a refused command must not create the workspace");
}

#[test]
fn init_creates_store_photo_store_and_commented_settings() {
    let ws = Ws::new();
    assert!(ws.root().join("photos").is_dir());
    let settings = fs::read_to_string(ws.root().join("gradlab.toml")).unwrap();
    assert!(settings.lines().filter(|l| l.starts_with('#')).count() >= 4, "settings are commented");
    let info = ws.run_ok(&["store", "info", "--json"]).json();
    assert!(info["schema_version"].as_i64().unwrap() >= 1, "{info}");
    if on_postgres() {
        assert!(settings.contains("url = \"postgres://"), "{settings}");
        assert!(!ws.root().join("gradlab.db").exists(), "no SQLite file beside a PostgreSQL store");
    } else {
        let db = ws.db();
        let mode: String = db.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }
    // Running init again keeps the settings the lab edited.
    ws.write_settings("[lab]\nname = \"My Lab\"\n");
    let out = ws.run_ok(&["init", "--json"]);
    assert_eq!(out.json()["created"], false);
    assert!(fs::read_to_string(ws.root().join("gradlab.toml")).unwrap().contains("My Lab"));
}

#[test]
fn misspelt_setting_is_an_error_naming_the_file() {
    let ws = Ws::new();
    ws.write_settings("[import]\nmax_zip_entyr_mb = 3\n");
    let out = ws.run(&["school", "list"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("gradlab.toml") && out.stderr.contains("max_zip_entyr_mb"), "{}", out.stderr);
}

#[test]
fn schools_add_list_show() {
    let ws = Ws::new();
    let out = ws.run_ok(&[
        "school",
        "add",
        "10418",
        "江西师范大学",
        "--email",
        "a@jxnu.edu.cn",
        "--email",
        "b@jxnu.edu.cn",
        "--address",
        "南昌市紫阳大道99号",
        "--contact",
        "王老师",
        "--phone",
        "0791-1234567",
        "--json",
    ]);
    assert_eq!(out.json()["id"], "10418");
    let list = ws.run_ok(&["school", "list", "--json"]).json();
    assert_eq!(list[0]["code"], "10418");
    assert_eq!(list[0]["name"], "江西师范大学");
    let show = ws.run_ok(&["school", "show", "10418", "--json"]).json();
    assert_eq!(show["emails"], serde_json::json!(["a@jxnu.edu.cn", "b@jxnu.edu.cn"]));
    assert_eq!(show["address"], "南昌市紫阳大道99号");
    assert_eq!(show["contact"], "王老师");

    let before = ws.snapshot();
    for (args, needle) in [
        (vec!["school", "add", "1041", "X"], "5 digits"),
        (vec!["school", "add", "104189", "X"], "5 digits"),
        (vec!["school", "add", "10418", "again"], "already registered"),
        (vec!["school", "add", "10419", "X", "--email", "not-an-address"], "not-an-address"),
        (vec!["school", "show", "99999"], "not registered"),
    ] {
        let out = ws.run(&args);
        assert_eq!(out.code, 1, "{args:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before);
    // A usage error is exit code 2.
    assert_eq!(ws.run(&["school", "add", "10420"]).code, 2);
}

#[test]
fn accepts_a_conforming_batch_and_stores_photos_byte_for_byte() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(6, "10418");
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.xh.len() as u64 * 100 + r.cjm.as_bytes()[15] as u64)));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let report = out.json();
    assert_eq!(report["accepted"].as_array().unwrap().len(), 6);
    assert_eq!(report["accepted"][0]["school"], "10418");
    assert!(report["accepted"][0]["xh"].is_string() && report["accepted"][0]["cjm"].is_string());
    assert_eq!(report["rejected"].as_array().unwrap().len(), 0);
    for r in &rs {
        let sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[r.cjm.as_str()]);
        let stored = ws.stored_photo(&sha).unwrap();
        assert_eq!(stored, fs::read(batch.join(format!("{}.jpg", r.cjm))).unwrap(), "photo kept byte for byte");
    }
    assert!(!ws.root().join("photos/.staging").exists(), "no staging left behind");
}

#[test]
fn refuses_each_bad_photo_by_content_and_keeps_the_rest() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(9, "10418");
    // Each bad photo: what the English reason says, its code, and what the Chinese one says.
    let bad: Vec<(usize, Vec<u8>, &str, &str, &str)> = vec![
        (1, cmyk_photo(), "CMYK", "photo_cmyk", "标准要求 24 位 RGB 彩色"),
        (2, grey_photo(), "greyscale", "photo_greyscale", "灰度 JPEG"),
        (3, rotated_photo(3), "orientation", "photo_rotated", "EXIF 方向为"),
        (4, wrong_size_photo(), "413x579", "photo_size", "413×579 像素；标准要求 480×640"),
        (5, truncated_photo(5), "truncated", "photo_truncated", "不完整"),
        (6, Vec::new(), "empty", "photo_empty", "照片文件是空的"),
        (7, png_bytes(), "PNG", "photo_not_jpeg", "不是 JPEG：这个文件是PNG 图片"),
    ];
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| {
        let i = rs.iter().position(|x| x.cjm == r.cjm).unwrap();
        Some(bad.iter().find(|b| b.0 == i).map(|b| b.1.clone()).unwrap_or_else(|| good_photo(i as u64)))
    });
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3, "some rows refused, the rest stored: {}", out.stderr);
    let report = out.json();
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), bad.len(), "{rejected:#?}");
    for (i, _, needle, code, _) in &bad {
        let r = rejected.iter().find(|x| x["cjm"] == rs[*i].cjm.as_str()).expect("rejected row");
        assert!(r["reason"].as_str().unwrap().contains(needle), "{needle}: {r}");
        assert_eq!(r["code"], *code, "{r}");
        assert_eq!(r["row"], *i as i64 + 2, "row number as a spreadsheet shows it");
        assert_eq!(r["file"], "数据表.csv", "the row is the data table's");
        assert_eq!(r["photo"], format!("{}.jpg", rs[*i].cjm));
    }
    assert_eq!(report["accepted"].as_array().unwrap().len(), 2);
    assert_eq!(ws.count("SELECT count(*) FROM students"), 2);

    // The same batch again at a desk whose computer speaks Chinese: the same refusals, the same
    // codes, in Chinese; the stored ones are skipped in Chinese too.
    let out = ws.run_with_env(&["batch", "import", batch.to_str().unwrap(), "--json"], &[("LANG", "zh_CN.UTF-8")]);
    let report = out.json();
    for (i, _, _, code, chinese) in &bad {
        let r = report["rejected"].as_array().unwrap().iter().find(|x| x["cjm"] == rs[*i].cjm.as_str()).unwrap();
        assert!(r["reason"].as_str().unwrap().contains(chinese), "{chinese}: {r}");
        assert_eq!(r["code"], *code, "{r}");
    }
    assert_eq!(report["skipped"][0]["reason"], "已存有这张照片", "{report}");
}

#[test]
fn size_and_density_are_warnings_not_refusals() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(2, "10418");
    // A tiny but otherwise conforming JPEG (flat colour compresses to a few KB) at 72 dpi.
    let mut small = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut small, 90);
    enc.set_density(jpeg_encoder::PixelDensity::dpi(72));
    enc.encode(&vec![180u8; 480 * 640 * 3], 480, 640, jpeg_encoder::ColorType::Rgb).unwrap();
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(if r.cjm == rs[0].cjm { small.clone() } else { good_photo(9) }));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0);
    let report = out.json();
    assert_eq!(report["accepted"].as_array().unwrap().len(), 2);
    let warnings: Vec<String> =
        report["warnings"].as_array().unwrap().iter().map(|w| w["reason"].as_str().unwrap().to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("KB")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("72x72 dpi")), "{warnings:?}");
}

#[test]
fn gb18030_csv_with_keys_file_column_and_rare_names() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(3, "10418");
    rs[0].xm = "李*𠅤".into();
    rs[1].xm = "欧*㛃".into();
    let mut headers: Vec<&str> = KEYS.to_vec();
    headers.push("照片文件");
    headers.push("拍摄序号");
    let table: Vec<Vec<String>> = rs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = r.values().to_vec();
            v.push(format!("Photos/P{i}.JPEG"));
            v.push(format!("{}", 10 - i));
            v
        })
        .collect();
    let batch = ws.path("gbk");
    fs::create_dir_all(batch.join("photos")).unwrap();
    fs::write(batch.join("data.csv"), gb18030(&csv_text(&headers, &table))).unwrap();
    for i in 0..3 {
        fs::write(batch.join(format!("photos/p{i}.jpeg")), good_photo(40 + i as u64)).unwrap();
    }
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let xm: String = ws.value("SELECT xm FROM students WHERE cjm = ?1", &[rs[0].cjm.as_str()]);
    assert_eq!(xm, "李*𠅤");
    // Shooting sequence decides the order within a class when there is no roster.
    let list = ws.run_ok(&["student", "list", "--school", "10418", "--json"]).json();
    let order: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["cjm"].as_str().unwrap()).collect();
    assert_eq!(order, [rs[2].cjm.as_str(), rs[0].cjm.as_str(), rs[1].cjm.as_str()]);
}

#[test]
fn xlsx_data_table_with_title_row_and_numeric_student_numbers() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(3, "10418");
    let batch = ws.path("xlsx");
    fs::create_dir_all(&batch).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "2024届学历照片采集数据").unwrap();
    for (c, h) in CHINESE.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (i, r) in rs.iter().enumerate() {
        let row = i as u32 + 2;
        for (c, v) in r.values().iter().enumerate() {
            if c == 0 || c == 4 {
                sheet.write_number(row, c as u16, v.parse::<f64>().unwrap()).unwrap();
            } else {
                sheet.write_string(row, c as u16, v).unwrap();
            }
        }
        fs::write(batch.join(format!("{}.JPG", r.xh)), good_photo(60 + i as u64)).unwrap();
    }
    wb.save(batch.join("数据表.xlsx")).unwrap();
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let xh: String = ws.value("SELECT xh FROM students WHERE cjm = ?1", &[rs[1].cjm.as_str()]);
    assert_eq!(xh, rs[1].xh, "a number cell comes back as typed");
}

#[test]
fn unregistered_school_refuses_the_whole_batch() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(4, "10418");
    rs[1].yxdm = "10999".into();
    rs[3].yxdm = "10888".into();
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.cjm.len() as u64)));
    let before = ws.snapshot();
    let out = ws.run(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("10999") && out.stderr.contains("10888"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before, "store unchanged");
}

#[test]
fn reimport_changes_nothing_and_a_different_photo_needs_replace() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(3, "10418");
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let before = ws.snapshot();

    let again = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(again.code, 0);
    assert_eq!(again.json()["skipped"].as_array().unwrap().len(), 3);
    assert_eq!(ws.snapshot(), before, "a repeated import changes nothing");

    // The same photo with different data changes nothing either, and says what differs.
    let mut moved = rs.clone();
    moved[2].bh = "3班".into();
    write_batch(&batch, &moved, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0);
    let w = out.json()["warnings"].clone();
    assert!(
        w.as_array().unwrap().iter().any(|w| w["cjm"] == rs[2].cjm.as_str()
            && w["reason"].as_str().unwrap().contains("bh: stored \"1班\", this row \"3班\"")),
        "{w:#}"
    );
    assert_eq!(ws.snapshot(), before);
    write_batch(&batch, &rs, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));

    let old_sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[rs[0].cjm.as_str()]);
    fs::write(batch.join(format!("{}.jpg", rs[0].cjm)), good_photo(999)).unwrap();
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 1, "nothing could be done: the only new row is refused");
    let report = out.json();
    assert!(report["rejected"][0]["reason"].as_str().unwrap().contains("--replace"));
    assert_eq!(report["rejected"][0]["code"], "batch_different_photo");
    assert_eq!(ws.snapshot(), before);

    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--replace", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["accepted"][0]["replaced"], true);
    let new_sha: String = ws.value("SELECT photo_sha256 FROM students WHERE cjm = ?1", &[rs[0].cjm.as_str()]);
    assert_ne!(new_sha, old_sha);
    let kept: String = ws.value("SELECT photo_sha256 FROM photo_history WHERE cjm = ?1", &[rs[0].cjm.as_str()]);
    assert_eq!(kept, old_sha, "the old photo is kept in history");
    assert!(ws.stored_photo(&old_sha).is_some(), "and its photo");
}

/// The photo with a comment segment after its start marker: other bytes, the same picture.
fn with_comment(jpeg: &[u8], text: &str) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&(text.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_batch_of_more_rows_than_one_lookup_takes_is_decided_row_by_row() {
    // The stored students are looked up some hundreds at a time: rows in the first, a middle
    // and the last of those lookups must each be found (already stored) or refused (another
    // photo), none taken for new.
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(1_201, "10418");
    let base = good_photo(1);
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(with_comment(&base, &r.cjm)));
    let first = ws.run_ok(&["batch", "import", batch.to_str().unwrap(), "--json"]).json();
    assert_eq!(first["accepted"].as_array().unwrap().len(), 1_201);
    let before = ws.snapshot();

    let changed = [0, 700, 1_200];
    for i in changed {
        fs::write(batch.join(format!("{}.jpg", rs[i].cjm)), with_comment(&base, "another photo")).unwrap();
    }
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 1, "nothing done: the only rows not already stored are refused");
    let report = out.json();
    assert_eq!(report["skipped"].as_array().unwrap().len(), 1_201 - changed.len());
    let refused: Vec<&str> =
        report["rejected"].as_array().unwrap().iter().map(|r| r["cjm"].as_str().unwrap()).collect();
    let want: Vec<&str> = changed.iter().map(|&i| rs[i].cjm.as_str()).collect();
    assert_eq!(refused, want);
    assert!(report["rejected"].as_array().unwrap().iter().all(|r| r["code"] == "batch_different_photo"));
    assert_eq!(ws.snapshot(), before, "a refused re-import changes nothing");
}

#[test]
fn reports_shared_photos_and_student_numbers_with_two_codes() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(4, "10418");
    rs[3].xh = rs[2].xh.clone();
    let batch = ws.path("batch");
    let same = good_photo(77);
    write_batch(&batch, &rs, |r| {
        Some(if r.cjm == rs[0].cjm || r.cjm == rs[1].cjm {
            same.clone()
        } else {
            good_photo(r.cjm.as_bytes()[15] as u64)
        })
    });
    let report = ws.run_ok(&["batch", "import", batch.to_str().unwrap(), "--json"]).json();
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["cjm"] == rs[1].cjm.as_str()
            && w["reason"].as_str().unwrap().contains("same photo")
            && w["reason"].as_str().unwrap().contains(&rs[0].cjm)),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w["cjm"] == rs[3].cjm.as_str() && w["reason"].as_str().unwrap().contains(&rs[2].cjm)),
        "{warnings:#?}"
    );
}

/// A student whose photo and number a batch replaces no longer shares them with the rows after
/// him; a stored student who keeps his still does.
#[test]
fn a_replaced_students_old_photo_and_number_are_not_reported_as_shared() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(4, "10418");
    let first = ws.path("first");
    write_batch(&first, &rs[..2], |r| Some(good_photo(if r.cjm == rs[0].cjm { 1 } else { 2 })));
    ws.run_ok(&["batch", "import", first.to_str().unwrap(), "--json"]);

    // rs[0] gets a new photo and number; rs[2] comes after him with his old ones; rs[3] has
    // the number of rs[1], who keeps it.
    let old_xh = rs[0].xh.clone();
    rs[0].xh = "2099000000001".into();
    rs[2].xh = old_xh;
    rs[3].xh = rs[1].xh.clone();
    let second = ws.path("second");
    let batch = [rs[0].clone(), rs[2].clone(), rs[3].clone()];
    write_batch(&second, &batch, |r| {
        Some(good_photo(match r.cjm.as_str() {
            c if c == rs[0].cjm => 3,
            c if c == rs[2].cjm => 1,
            _ => 4,
        }))
    });
    let out = ws.run(&["batch", "import", second.to_str().unwrap(), "--replace", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["accepted"].as_array().unwrap().len(), 3, "{report:#}");
    let warnings = report["warnings"].as_array().unwrap();
    let about = |cjm: &str| -> Vec<String> {
        warnings.iter().filter(|w| w["cjm"] == cjm).map(|w| w["reason"].as_str().unwrap().to_string()).collect()
    };
    assert!(about(&rs[2].cjm).iter().all(|w| !w.contains(&rs[0].cjm)), "{warnings:#?}");
    assert!(about(&rs[0].cjm).iter().all(|w| !w.contains(&rs[2].cjm)), "{warnings:#?}");
    assert!(about(&rs[3].cjm).iter().any(|w| w.contains(&rs[1].cjm)), "{warnings:#?}");
}

#[test]
fn full_id_numbers_are_cut_to_four_and_checked() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(2, "10418");
    rs[0].zjhm = "11010519491231002X".into();
    rs[1].zjhm = "110105194912310021".into();
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    let report = ws.run_ok(&["batch", "import", batch.to_str().unwrap(), "--json"]).json();
    let warnings = report["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w["cjm"] == rs[1].cjm.as_str() && w["reason"].as_str().unwrap().contains("check")));
    assert!(
        !warnings.iter().any(|w| w["cjm"] == rs[0].cjm.as_str() && w["reason"].as_str().unwrap().contains("check"))
    );
    let last4: String = ws.value("SELECT zjhm4 FROM students WHERE cjm = ?1", &[rs[0].cjm.as_str()]);
    assert_eq!(last4, "002X");
    let raw = ws.stored_bytes();
    for full in ["11010519491231002X", "110105194912310021", "1101051949"] {
        assert!(!raw.windows(full.len()).any(|w| w == full.as_bytes()), "{full} found in the store");
    }
}

#[test]
fn rows_with_bad_fields_name_row_and_field() {
    let ws = Ws::new();
    ws.add_school("10418");
    let mut rs = rows(4, "10418");
    rs[1].cjm = "short".into();
    rs[2].xh = "2.02001E+12".into();
    rs[3].xm = String::new();
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.xh.len() as u64 + r.cjm.len() as u64)));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3);
    let rejected = out.json()["rejected"].as_array().unwrap().clone();
    let reason_of =
        |row: i64| rejected.iter().find(|r| r["row"] == row).map(|r| r["reason"].as_str().unwrap().to_string());
    assert!(reason_of(3).unwrap().contains("cjm"));
    assert!(reason_of(4).unwrap().contains("scientific"));
    assert!(reason_of(5).unwrap().contains("xm"));
}

#[test]
fn missing_photo_and_missing_column_are_named() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(2, "10418");
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| (r.cjm == rs[0].cjm).then(|| good_photo(1)));
    let out = ws.run(&["batch", "import", batch.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 3);
    let reason = out.json()["rejected"][0]["reason"].as_str().unwrap().to_string();
    assert!(
        reason.contains(&format!("{}.jpg", rs[1].cjm)) && reason.contains(&format!("{}.jpg", rs[1].xh)),
        "{reason}"
    );

    let no_xh = ws.path("noxh");
    fs::create_dir_all(&no_xh).unwrap();
    fs::write(no_xh.join("t.csv"), "采集码,院校代码,姓名\nTst0000000000001,10418,张*\n").unwrap();
    let out = ws.run(&["batch", "import", no_xh.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("t.csv") && out.stderr.contains("学号"), "{}", out.stderr);

    let two_tables = ws.path("two");
    write_batch(&two_tables, &rs, |_| Some(good_photo(3)));
    fs::write(two_tables.join("extra.xlsx"), b"x").unwrap();
    let out = ws.run(&["batch", "import", two_tables.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("more than one data table"), "{}", out.stderr);
}

fn zip_of(path: &std::path::Path, entries: &[(&str, Vec<u8>)]) {
    let f = fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        std::io::Write::write_all(&mut z, bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn zip_batches_and_hostile_zips() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(2, "10418");
    let table: Vec<Vec<String>> = rs.iter().map(|r| r.values().to_vec()).collect();
    let csv = csv_text(&CHINESE, &table).into_bytes();
    let good = ws.path("good.zip");
    zip_of(
        &good,
        &[
            ("batch/数据表.csv", csv.clone()),
            (&format!("batch/{}.jpg", rs[0].cjm), good_photo(1)),
            (&format!("batch/{}.jpg", rs[1].cjm), good_photo(2)),
            ("__MACOSX/batch/._x.jpg", vec![1, 2, 3]),
        ],
    );
    let out = ws.run(&["batch", "import", good.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["accepted"].as_array().unwrap().len(), 2);

    let before = ws.snapshot();
    let escape = ws.path("escape.zip");
    zip_of(&escape, &[("数据表.csv", csv.clone()), ("../../evil.jpg", good_photo(3))]);
    let out = ws.run(&["batch", "import", escape.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("evil.jpg") && out.stderr.contains("outside"), "{}", out.stderr);

    ws.write_settings("[import]\nmax_zip_entry_mb = 1\n");
    let bomb = ws.path("bomb.zip");
    zip_of(&bomb, &[("数据表.csv", csv), ("big.jpg", vec![0u8; 3 << 20])]);
    let out = ws.run(&["batch", "import", bomb.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("big.jpg") && out.stderr.contains("limit"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before, "refused zips change nothing");
}

#[test]
fn orphaned_photo_files_from_a_crash_are_cleaned() {
    let ws = Ws::new();
    ws.add_school("10418");
    let orphan = ws.root().join("photos/ab").join(format!("ab{}.jpg", "0".repeat(62)));
    fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    fs::write(&orphan, b"left by a crash between rename and commit").unwrap();
    let staging = ws.root().join("photos/.staging/123-456");
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join("x.tmp"), b"half").unwrap();
    let rs = rows(1, "10418");
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |_| Some(good_photo(5)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    // On a shared store the folder is only a cache, checked on every read: nothing is orphaned.
    assert_eq!(orphan.exists(), on_postgres());
    assert!(!staging.exists());
}

#[test]
fn gradlab_home_chooses_the_workspace() {
    let ws = Ws::empty();
    let home = ws.path("home");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_gradlab"))
            .args(args)
            .env("GRADLAB_HOME", &home)
            .output()
            .expect("run gradlab")
    };
    assert!(run(&["init"]).status.success());
    assert!(home.join("gradlab.db").is_file());
    assert!(run(&["school", "add", "10418", "某大学"]).status.success());
    let out = run(&["school", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["code"], "10418");
}

/// `zip_of` with ASCII stand-ins for the names, each then overwritten in place (local header and
/// central directory) by its GBK bytes of the same length: a zip as Chinese Windows makes it,
/// names in GBK and no UTF-8 flag.
fn gbk_zip(path: &std::path::Path, entries: &[(&str, Vec<u8>)]) {
    let mut standins = Vec::new();
    let named: Vec<(String, Vec<u8>)> = entries
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let gbk = gb18030(name);
            let standin: String = format!("{i:x}~").chars().cycle().take(gbk.len()).collect();
            standins.push((standin.clone().into_bytes(), gbk));
            (standin, bytes.clone())
        })
        .collect();
    let f = fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in &named {
        z.start_file(name.as_str(), opts).unwrap();
        std::io::Write::write_all(&mut z, bytes).unwrap();
    }
    z.finish().unwrap();
    let mut zip = fs::read(path).unwrap();
    for (standin, gbk) in standins {
        let at: Vec<usize> =
            zip.windows(standin.len()).enumerate().filter(|(_, w)| *w == standin).map(|(i, _)| i).collect();
        assert_eq!(at.len(), 2, "each name once in its local header and once in the directory");
        for i in at {
            zip[i..i + gbk.len()].copy_from_slice(&gbk);
        }
    }
    fs::write(path, zip).unwrap();
}

#[test]
fn a_zip_from_chinese_windows_with_gbk_names_is_read_and_a_folders_link_is_reported() {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs = rows(2, "10418");
    let mut headers: Vec<&str> = CHINESE.to_vec();
    headers.push("照片文件");
    let files = ["2024001张三.jpg", "照片/2024002李四.jpg"];
    let table: Vec<Vec<String>> = rs
        .iter()
        .zip(files)
        .map(|(r, f)| {
            let mut v = r.values().to_vec();
            v.push(f.to_string());
            v
        })
        .collect();
    let zip_path = ws.path("毕业照.zip");
    gbk_zip(
        &zip_path,
        &[
            ("数据表.csv", csv_text(&headers, &table).into_bytes()),
            (files[0], good_photo(61)),
            (files[1], good_photo(62)),
        ],
    );
    let raw = fs::read(&zip_path).unwrap();
    assert!(raw.windows(4).any(|w| w == gb18030("张三").as_slice()), "the names are stored in GBK");
    let out = ws.run(&["batch", "import", zip_path.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["accepted"].as_array().unwrap().len(), 2, "{}", out.stdout);

    // A link in a batch folder is never followed, and the report says so.
    let folder = ws.path("linked");
    let more = rows(3, "10418");
    write_batch(&folder, &more[2..], |r| Some(good_photo(63 + r.xh.len() as u64)));
    let elsewhere = ws.path("elsewhere.jpg");
    fs::write(&elsewhere, good_photo(64)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, folder.join("别处.jpg")).unwrap();
    let out = ws.run(&["batch", "import", folder.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let warnings = out.json()["warnings"].as_array().unwrap().clone();
    let link = warnings.iter().find(|w| w["file"] == "别处.jpg").unwrap_or_else(|| panic!("{warnings:?}"));
    assert_eq!(link["code"], "import_link_not_read", "{link}");
}
