//! `gradlab roster import` and `student list`: rosters in xlsx, ods and GB18030 CSV with title
//! rows and numeric 学号 become the print order, and what does not line up is reported.

mod common;
use common::*;
use std::fs;

/// Six students in two classes, imported as a batch without a roster.
fn school_with_students(ws: &Ws) -> Vec<Row> {
    ws.add_school("10418");
    let mut rs: Vec<Row> = (0..6).map(|i| Row::new(i, "10418", if i < 3 { "1班" } else { "2班" })).collect();
    let names = ["张*三", "李*", "王*𠅤", "赵*㛃", "陈*", "刘*明"];
    for (r, n) in rs.iter_mut().zip(names) {
        r.xm = n.into();
    }
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(r.cjm.as_bytes()[15] as u64)));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rs
}

fn xlsx_roster(path: &std::path::Path, rows: &[(Option<&str>, &str, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("毕业生").unwrap();
    sheet.write_string(0, 0, "2024届毕业生名单").unwrap();
    sheet.write_string(1, 0, "制表：教务处").unwrap();
    for (c, h) in ["序号", "学号", "姓名", "身份证号", "院系"].iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    for (i, (xh, name, id)) in rows.iter().enumerate() {
        let r = i as u32 + 4;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        if let Some(xh) = xh {
            sheet.write_number(r, 1, xh.parse::<f64>().unwrap()).unwrap();
        }
        sheet.write_string(r, 2, *name).unwrap();
        sheet.write_string(r, 3, *id).unwrap();
        sheet.write_string(r, 4, "计算机学院").unwrap();
    }
    // A blank row in the middle of nowhere and a second sheet that must not be read.
    wb.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "学号").unwrap();
    wb.save(path).unwrap();
}

fn order(ws: &Ws, extra: &[&str]) -> Vec<(String, Option<i64>)> {
    let mut args = vec!["student", "list", "--school", "10418", "--json"];
    args.extend_from_slice(extra);
    ws.run_ok(&args)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["xh"].as_str().unwrap().to_string(), s["roster_position"].as_i64()))
        .collect()
}

#[test]
fn without_a_roster_order_is_class_then_student_number() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let got: Vec<String> = order(&ws, &[]).into_iter().map(|(xh, _)| xh).collect();
    let want: Vec<String> = rs.iter().map(|r| r.xh.clone()).collect();
    assert_eq!(got, want);
    let list = ws.run_ok(&["student", "list", "--school", "10418", "--json"]).json();
    let first = &list[0];
    for key in ["cjm", "xh", "xm", "bh", "cc", "xllb", "yxdm", "zjhm4", "photo_sha256", "roster_position"] {
        assert!(first.get(key).is_some(), "student JSON has {key}: {first}");
    }
    let only2 = order(&ws, &["--class", "2班"]);
    assert_eq!(only2.len(), 3);
}

#[test]
fn xlsx_roster_sets_the_order_and_reports_mismatches() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let file = ws.path("名单.xlsx");
    // Roster order: 2班 first, reversed; one roster row has no photo; rs[0] is missing;
    // rs[2]'s full name disagrees with its masked name (possible wrong photo).
    xlsx_roster(
        &file,
        &[
            (Some(&rs[5].xh), "刘大明", "360102199901011234"),
            (Some(&rs[4].xh), "陈晨", ""),
            (Some("2020010099999"), "孙悟空", ""),
            (Some(&rs[3].xh), "赵小㛃", ""),
            (Some(&rs[2].xh), "黄小𠅤", ""),
            (Some(&rs[1].xh), "李𠅤", ""),
        ],
    );
    let out = ws.run(&["roster", "import", file.to_str().unwrap(), "--school", "10418", "--json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let report = out.json();
    assert_eq!(report["rows"], 6);
    assert_eq!(report["matched"], 5);
    assert_eq!(report["sheet"], "毕业生");
    assert_eq!(report["without_photo"][0]["xh"], "2020010099999");
    assert_eq!(report["without_photo"][0]["row"], 7);
    assert_eq!(report["not_on_roster"][0]["xh"], rs[0].xh.as_str());
    let mm = report["name_mismatches"].as_array().unwrap();
    assert_eq!(mm.len(), 1, "{mm:#?}");
    assert_eq!(mm[0]["roster_name"], "黄*𠅤", "the roster's full name is shown masked");
    assert_eq!(mm[0]["masked_name"], "王*𠅤");

    let got = order(&ws, &[]);
    let want: Vec<(String, Option<i64>)> = vec![
        (rs[5].xh.clone(), Some(1)),
        (rs[4].xh.clone(), Some(2)),
        (rs[3].xh.clone(), Some(4)),
        (rs[2].xh.clone(), Some(5)),
        (rs[1].xh.clone(), Some(6)),
        (rs[0].xh.clone(), None),
    ];
    assert_eq!(got, want);

    // Full ID numbers never reach the store; full names stay in the roster rows only.
    let raw = ws.stored_bytes();
    assert!(!raw.windows(18).any(|w| w == b"360102199901011234"));
    let last4: String = ws.value("SELECT id_last4 FROM roster_rows WHERE position = 1", &[]);
    assert_eq!(last4, "1234");
    let xm: String = ws.value("SELECT xm FROM students WHERE xh = ?1", &[rs[5].xh.as_str()]);
    assert_eq!(xm, "刘*明", "the student keeps the masked name");
    let text = ws.run_ok(&["roster", "import", file.to_str().unwrap(), "--school", "10418"]).stdout;
    assert!(text.contains("possible wrong photo") && text.contains("黄*𠅤") && !text.contains("黄小𠅤"), "{text}");
}

#[test]
fn a_new_roster_replaces_the_old_which_is_kept() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let first = ws.path("a.csv");
    fs::write(&first, format!("学号,姓名\n{},张三\n{},李四\n", rs[1].xh, rs[0].xh)).unwrap();
    ws.run_ok(&["roster", "import", first.to_str().unwrap(), "--school", "10418"]);
    assert_eq!(order(&ws, &[])[0].0, rs[1].xh);
    let second = ws.path("b.csv");
    fs::write(&second, format!("学号\n{}\n", rs[4].xh)).unwrap();
    // A roster of class 2班 only: 1班 keeps the order the first roster gave it.
    ws.run_ok(&["roster", "import", second.to_str().unwrap(), "--school", "10418"]);
    assert_eq!(
        order(&ws, &[])[..3],
        [(rs[1].xh.clone(), Some(1)), (rs[0].xh.clone(), Some(2)), (rs[4].xh.clone(), Some(3))]
    );
    // Starting over, the same file is the whole roster.
    ws.run_ok(&["roster", "import", second.to_str().unwrap(), "--school", "10418", "--replace-all"]);
    assert_eq!(order(&ws, &[])[0], (rs[4].xh.clone(), Some(1)));
    assert_eq!(ws.count("SELECT count(*) FROM rosters"), 3);
    assert_eq!(ws.count("SELECT count(*) FROM rosters WHERE superseded_at IS NULL"), 1);
    assert_eq!(ws.count("SELECT count(*) FROM roster_rows"), 2 + 3 + 1, "the old rosters' rows are kept");
}

#[test]
fn gb18030_csv_roster_with_title_rows_blank_rows_and_collection_codes() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let text = format!(
        "某某大学2024届毕业生信息表,,,\n,,,\n序号,采集码,学号,姓名\n1,{},,王小𠅤\n,,,\n2,,{},李𠅤\n3,{},{},张三\n",
        rs[2].cjm, rs[1].xh, rs[0].cjm, "999"
    );
    let file = ws.path("名单.csv");
    fs::write(&file, gb18030(&text)).unwrap();
    let report = ws.run_ok(&["roster", "import", file.to_str().unwrap(), "--school", "10418", "--json"]).json();
    assert_eq!(report["rows"], 3);
    assert_eq!(report["matched"], 3, "采集码 wins over a wrong 学号: {report:#}");
    assert!(report["name_mismatches"].as_array().unwrap().is_empty(), "{report:#}");
    let got: Vec<String> = order(&ws, &[]).into_iter().take(3).map(|(x, _)| x).collect();
    assert_eq!(got, [rs[2].xh.clone(), rs[1].xh.clone(), rs[0].xh.clone()]);
}

/// A minimal OpenDocument spreadsheet, written by hand so the test needs no office suite.
fn ods(path: &std::path::Path, rows: &[Vec<(&str, Option<f64>)>]) {
    let mut body = String::new();
    for r in rows {
        body.push_str("<table:table-row>");
        for (text, num) in r {
            match num {
                Some(n) => body.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                )),
                None => body.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
                )),
            }
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名单">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let f = fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_string()),
        ("META-INF/manifest.xml", manifest.to_string()),
        ("content.xml", content),
    ] {
        z.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut z, data.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn ods_roster_with_numeric_student_numbers() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let file = ws.path("名单.ods");
    let n = |x: &str| x.parse::<f64>().unwrap();
    ods(
        &file,
        &[
            vec![("毕业生名单", None)],
            vec![("学号", None), ("姓名", None)],
            vec![("", Some(n(&rs[3].xh))), ("赵㛃", None)],
            vec![("", Some(n(&rs[0].xh))), ("张小三", None)],
        ],
    );
    let report = ws.run_ok(&["roster", "import", file.to_str().unwrap(), "--school", "10418", "--json"]).json();
    assert_eq!(report["matched"], 2, "{report:#}");
    assert_eq!(order(&ws, &[])[0], (rs[3].xh.clone(), Some(1)));
}

#[test]
fn an_excel_97_roster_as_offices_save_it_sets_the_order() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    // Made by LibreOffice (tests/fixtures/README.md): 学号 stored as numbers, a title row.
    let file = ws.path("名单.xls");
    fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster-excel97.xls"), &file).unwrap();
    let report = ws.run_ok(&["roster", "import", file.to_str().unwrap(), "--school", "10418", "--json"]).json();
    assert_eq!((report["rows"].as_i64(), report["matched"].as_i64()), (Some(3), Some(3)), "{report:#}");
    let got = order(&ws, &[]);
    assert_eq!(got[..3], [(rs[5].xh.clone(), Some(1)), (rs[3].xh.clone(), Some(2)), (rs[0].xh.clone(), Some(3))]);
}

#[test]
fn bad_roster_input_is_named_and_changes_nothing() {
    let ws = Ws::new();
    let rs = school_with_students(&ws);
    let before = ws.snapshot();
    let no_header = ws.path("x.csv");
    fs::write(&no_header, "a,b\n1,2\n").unwrap();
    let out = ws.run(&["roster", "import", no_header.to_str().unwrap(), "--school", "10418"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("x.csv") && out.stderr.contains("header"), "{}", out.stderr);

    let out = ws.run(&["roster", "import", no_header.to_str().unwrap(), "--school", "99999"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("99999"));

    let xlsx = ws.path("r.xlsx");
    xlsx_roster(&xlsx, &[(Some(&rs[0].xh), "张三", "")]);
    let out = ws.run(&["roster", "import", xlsx.to_str().unwrap(), "--school", "10418", "--sheet", "无此表"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("无此表") && out.stderr.contains("毕业生"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    // The named sheet is read; a sheet that holds no roster rows is refused by name.
    let r =
        ws.run_ok(&["roster", "import", xlsx.to_str().unwrap(), "--school", "10418", "--sheet", "毕业生", "--json"]);
    assert_eq!(r.json()["sheet"], "毕业生");
    let out = ws.run(&["roster", "import", xlsx.to_str().unwrap(), "--school", "10418", "--sheet", "说明"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("r.xlsx"), "{}", out.stderr);

    // Some rows refused, the rest stored: exit 3, each refused row named.
    let partly = ws.path("p.csv");
    fs::write(
        &partly,
        format!("学号,姓名,院校代码\n{},张三,10418\n2.02001E+12,某某,10418\n{},李四,10001\n", rs[0].xh, rs[1].xh),
    )
    .unwrap();
    let out = ws.run(&["roster", "import", partly.to_str().unwrap(), "--school", "10418", "--json"]);
    assert_eq!(out.code, 3);
    let rejected = out.json()["rejected"].as_array().unwrap().clone();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["row"], 3);
    assert!(rejected[0]["reason"].as_str().unwrap().contains("scientific"));
    assert!(rejected[1]["reason"].as_str().unwrap().contains("10001"));

    // At a Chinese desk the same rows are refused in Chinese, each with its code, and a school
    // not registered is refused by name.
    let chinese = [("LANG", "zh_CN.UTF-8")];
    let out = ws.run_with_env(&["roster", "import", partly.to_str().unwrap(), "--school", "10418", "--json"], &chinese);
    assert_eq!(out.code, 3);
    let rejected = out.json()["rejected"].as_array().unwrap().clone();
    assert_eq!(rejected[0]["code"], "roster_xh_scientific", "{rejected:?}");
    let said = rejected[0]["reason"].as_str().unwrap();
    assert!(said.starts_with("学号“2.02001E+12”被存成了科学计数法"), "{said}");
    assert_eq!(rejected[1]["code"], "roster_other_school");
    assert_eq!(rejected[1]["reason"], "院校代码是 10001，不是 10418");
    let out = ws.run_with_env(&["roster", "import", partly.to_str().unwrap(), "--school", "99999", "--json"], &chinese);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["code"], "school_not_registered", "{}", out.stdout);
    assert!(out.stderr.starts_with("错误：院校 99999 还没有登记；"), "{}", out.stderr);

    // A table the reader cannot use is refused in Chinese too, naming the file.
    let headless = ws.path("无表头.csv");
    std::fs::write(&headless, "甲,乙\n1,2\n").unwrap();
    let out = ws.run_with_env(&["roster", "import", headless.to_str().unwrap(), "--school", "10418"], &chinese);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("无表头.csv：前 30 行里找不到表头行；应有学号 (xh)、采集码 (cjm)"), "{}", out.stderr);
}
