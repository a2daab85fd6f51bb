//! Corrections (勘误) end to end: `correction add` and `correction import` (xlsx and GB18030
//! CSV correction tables) change only strip fields, only from the value stored, with an audit
//! entry each; a printed student is marked for a reprint, and `job create --needs-reprint`
//! freezes his corrected fields into a reprint job and clears the mark.

mod common;
use common::*;
use serde_json::Value;

const SCHOOL: &str = "10418";

/// School 10418: five students in two classes (1班: 0-2, 2班: 3-4), imported as a batch.
fn school(ws: &Ws) -> Vec<Row> {
    ws.add_school(SCHOOL);
    let names = ["张*三", "李*", "王*𠅤", "赵*㛃", "陈*"];
    let rs: Vec<Row> = (0..5)
        .map(|i| {
            let mut r = Row::new(i, SCHOOL, if i < 3 { "1班" } else { "2班" });
            r.xm = names[i].into();
            r
        })
        .collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rs, |r| Some(good_photo(700 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    rs
}

/// The student as `student list --json` shows him.
fn student(ws: &Ws, cjm: &str) -> Value {
    let list = ws.run_ok(&["student", "list", "--school", SCHOOL, "--json"]).json();
    list.as_array().unwrap().iter().find(|s| s["cjm"] == cjm).cloned().unwrap_or_else(|| panic!("no student {cjm}"))
}

fn needs_reprint(ws: &Ws, cjm: &str) -> i64 {
    ws.value("SELECT needs_reprint FROM students WHERE cjm = ?1", &[cjm]).parse().unwrap()
}

/// Audit entries: (operator, action, subject, detail).
/// The audit entries about corrections (imports are audited too, but are not what these tests follow).
fn audit(ws: &Ws) -> Vec<(String, String, String, String)> {
    ws.audit("action LIKE 'correction.%'")
}

fn add(ws: &Ws, xh: &str, field: &str, from: &str, to: &str) -> Out {
    ws.run(&["correction", "add", "--school", SCHOOL, "--student", xh, "--field", field, "--from", from, "--to", to])
}

fn job(ws: &Ws, extra: &[&str]) -> String {
    let mut args = vec!["job", "create", "--school", SCHOOL, "--json"];
    args.extend_from_slice(extra);
    ws.run_ok(&args).json()["id"].as_str().unwrap().to_string()
}

/// (学号, 姓名, 班级) of every student on a job's sheets, in order.
fn job_students(ws: &Ws, id: &str) -> Vec<(String, String, String)> {
    let show = ws.run_ok(&["job", "show", id, "--json"]).json();
    let mut out = Vec::new();
    for s in show["sheets"].as_array().unwrap() {
        for st in s["students"].as_array().unwrap() {
            let text = |v: &Value| v.as_str().unwrap().to_string();
            out.push((text(&st["xh"]), text(&st["xm"]), text(&s["class"])));
        }
    }
    out
}

#[test]
fn a_correction_is_applied_and_audited_and_marks_only_printed_students() {
    let ws = Ws::new();
    let rs = school(&ws);
    // Never printed: corrected, audited, no reprint needed.
    let out = ws.run_ok(&[
        "--operator",
        "王老师",
        "correction",
        "add",
        "--school",
        SCHOOL,
        "--student",
        &rs[0].xh,
        "--field",
        "姓名",
        "--from",
        "张*三",
        "--to",
        "张*山",
        "--json",
    ]);
    let a = out.json();
    assert!(a["id"].as_i64().is_some(), "{a}");
    assert_eq!(a["needs_reprint"], false);
    assert_eq!(student(&ws, &rs[0].cjm)["xm"], "张*山");
    assert_eq!(needs_reprint(&ws, &rs[0].cjm), 0);
    let log = audit(&ws);
    assert_eq!(
        log,
        [(
            "王老师".to_string(),
            "correction.apply".to_string(),
            format!("student {}", rs[0].cjm),
            "xm: 张*三 -> 张*山 (cli)".to_string()
        )]
    );

    // Printed: the same kind of correction marks him for a reprint.
    job(&ws, &[]);
    let out = add(&ws, &rs[3].xh, "bh", "2班", "3班");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("--needs-reprint"), "{}", out.stdout);
    assert_eq!(student(&ws, &rs[3].cjm)["bh"], "3班");
    assert_eq!(needs_reprint(&ws, &rs[3].cjm), 1);
    assert_eq!(needs_reprint(&ws, &rs[0].cjm), 0, "an earlier correction is not marked by a later job");
    assert_eq!(needs_reprint(&ws, &rs[4].cjm), 0, "printed but not corrected");

    let list = ws.run_ok(&["correction", "list", "--school", SCHOOL, "--json"]).json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["field"], "xm");
    assert_eq!(list[0]["applied_by"], "王老师");
    assert_eq!(list[0]["source"], "cli");
    assert_eq!(list[0]["awaiting_reprint"], false);
    assert_eq!(list[1]["old_value"], "2班");
    assert_eq!(list[1]["new_value"], "3班");
    assert_eq!(list[1]["awaiting_reprint"], true);
    assert!(list[1]["reprint_job"].is_null());
    let text = ws.run_ok(&["correction", "list"]).stdout;
    assert!(text.contains("张*三 -> 张*山") && text.contains("waiting"), "{text}");
}

#[test]
fn an_old_value_that_is_not_stored_is_refused_naming_the_current_one() {
    let ws = Ws::new();
    let rs = school(&ws);
    job(&ws, &[]);
    let before = ws.snapshot();
    let out = add(&ws, &rs[0].xh, "xm", "李*四", "张*山");
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains(&format!("学号 {} 姓名 is 张*三 now, not 李*四", rs[0].xh)), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);

    for (args, needle) in [
        ((rs[0].xh.as_str(), "xm", "张*三", "张*三"), "nothing to change"),
        (("2020019999999", "xm", "张*三", "张*山"), "school 10418 has no student with 学号 2020019999999"),
        ((rs[1].xh.as_str(), "cc", "专科", "本科"), "层次 is 本科 now, not 专科"),
    ] {
        let (xh, field, from, to) = args;
        let out = add(&ws, xh, field, from, to);
        assert_eq!(out.code, 1, "{args:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    let out = ws.run(&[
        "correction",
        "add",
        "--school",
        "99999",
        "--student",
        "1",
        "--field",
        "xm",
        "--from",
        "a",
        "--to",
        "b*",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("99999"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn only_strip_fields_change_and_new_values_are_checked_like_an_import() {
    let ws = Ws::new();
    let rs = school(&ws);
    let before = ws.snapshot();
    for (field, from, to, needle) in [
        ("cjm", rs[0].cjm.as_str(), "Tst9999999999999", "not printed on the strip"),
        ("身份证号", "1000", "1234", "zjhm (证件号码) is not printed on the strip"),
        ("yxdm", SCHOOL, "10001", "xh (学号), xm (姓名), bh (班级), cc (层次), xllb (学历类别)"),
        ("备注", "", "x", "unknown field"),
        ("xm", "张*三", "张小山", "is a full name"),
        ("xm", "张*三", "张*小山", "not a masked name"),
        ("xm", "张*三", " ", "empty"),
        ("xh", rs[0].xh.as_str(), "2.02001E+12", "scientific notation"),
        ("学号", rs[0].xh.as_str(), rs[1].xh.as_str(), "already belongs to another student"),
    ] {
        let out = add(&ws, &rs[0].xh, field, from, to);
        assert_eq!(out.code, 1, "{field} {to}: {}", out.stdout);
        assert!(out.stderr.contains(needle), "{field} {to}: {}", out.stderr);
    }
    let out = add(&ws, &rs[0].xh, "cjm", &rs[0].cjm, "Tst9999999999999");
    assert!(out.stderr.contains("xllb (学历类别)"), "names the allowed fields: {}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    // A 学号 correction that is free goes through.
    let out = add(&ws, &rs[0].xh, "学号", &rs[0].xh, "2020019999999");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(student(&ws, &rs[0].cjm)["xh"], "2020019999999");
}

/// A correction table as a school sends it: title rows, then 序号 学号 更正项目 原内容 更正为,
/// 学号 stored as numbers.
fn xlsx_table(path: &std::path::Path, rows: &[(&str, &str, &str, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "2024届毕业生学历照片信息勘误表").unwrap();
    sheet.write_string(1, 0, "院校：测试大学").unwrap();
    for (c, h) in ["序号", "学号", "更正项目", "原内容", "更正为", "备注"].iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    for (i, (xh, field, from, to)) in rows.iter().enumerate() {
        let r = i as u32 + 4;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_number(r, 1, xh.parse::<f64>().unwrap()).unwrap();
        sheet.write_string(r, 2, *field).unwrap();
        if field.contains("学号") {
            sheet.write_number(r, 3, from.parse::<f64>().unwrap()).unwrap();
            sheet.write_number(r, 4, to.parse::<f64>().unwrap()).unwrap();
        } else {
            sheet.write_string(r, 3, *from).unwrap();
            sheet.write_string(r, 4, *to).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn an_xlsx_correction_table_applies_good_rows_in_order_and_names_the_bad_one() {
    let ws = Ws::new();
    let rs = school(&ws);
    let file = ws.path("勘误表.xlsx");
    xlsx_table(
        &file,
        &[
            (&rs[0].xh, "姓名", "张*三", "张*山"),           // row 5
            (&rs[1].xh, "班级", "1班", "2班"),               // row 6
            (&rs[2].xh, "姓名", "李*四", "王*五"),           // row 7: not what is stored
            (&rs[3].xh, "学号", &rs[3].xh, "2020019999999"), // row 8
            (&rs[3].xh, "学历层次", "本科", "专科"),         // row 9: by the 学号 row 8 changed
            (&rs[0].xh, "姓名", "张*山", "张*珊"),           // row 10: after row 5
        ],
    );
    let out = ws.run(&["--operator", "教务处", "correction", "import", file.to_str().unwrap(), "--school", SCHOOL]);
    assert_eq!(out.code, 3, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!("勘误表.xlsx row 7: 学号 {} 姓名 is 王*𠅤 now, not 李*四", rs[2].xh)),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("5 applied, 1 refused"), "{}", out.stdout);
    assert_eq!(student(&ws, &rs[0].cjm)["xm"], "张*珊");
    assert_eq!(student(&ws, &rs[1].cjm)["bh"], "2班");
    assert_eq!(student(&ws, &rs[2].cjm)["xm"], "王*𠅤");
    let s3 = student(&ws, &rs[3].cjm);
    assert_eq!((s3["xh"].as_str(), s3["cc"].as_str()), (Some("2020019999999"), Some("专科")));
    let list = ws.run_ok(&["correction", "list", "--json"]).json();
    let sources: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        ["勘误表.xlsx row 5", "勘误表.xlsx row 6", "勘误表.xlsx row 8", "勘误表.xlsx row 9", "勘误表.xlsx row 10"]
    );
    let log = audit(&ws);
    assert_eq!(log.len(), 5);
    assert!(log.iter().all(|(op, action, _, _)| op == "教务处" && action == "correction.apply"));
    assert_eq!(log[4].3, "xm: 张*山 -> 张*珊 (勘误表.xlsx row 10)");
}

#[test]
fn a_gb18030_csv_correction_table_with_a_bad_row_and_unreadable_tables() {
    let ws = Ws::new();
    let rs = school(&ws);
    let text = format!(
        "2024届毕业生图像信息勘误表,,,\n学号,字段,原值,新值\n{},xllb,普通高校,成人教育\n{},采集码,{},Tst9999999999999\n{},层次,本科,专科\n",
        rs[0].xh, rs[1].xh, rs[1].cjm, rs[4].xh
    );
    let file = ws.path("勘误.csv");
    std::fs::write(&file, gb18030(&text)).unwrap();
    let out = ws.run(&["correction", "import", file.to_str().unwrap(), "--school", SCHOOL, "--json"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let r = out.json();
    assert_eq!(r["applied"].as_array().unwrap().len(), 2);
    let refused = &r["rejected"][0];
    assert_eq!(refused["row"], 4);
    assert_eq!(refused["file"], "勘误.csv");
    assert!(refused["reason"].as_str().unwrap().contains("cjm (采集码) is not printed on the strip"), "{refused}");
    assert_eq!(student(&ws, &rs[0].cjm)["xllb"], "成人教育");
    assert_eq!(student(&ws, &rs[4].cjm)["cc"], "专科");
    assert_eq!(student(&ws, &rs[1].cjm)["cjm"], rs[1].cjm.as_str());

    // Nothing changes when the file cannot be read, lacks a column, or every row is refused.
    let before = ws.snapshot();
    let garbage = ws.path("坏.xlsx");
    std::fs::write(&garbage, b"not a workbook").unwrap();
    let no_from = ws.path("缺列.csv");
    std::fs::write(&no_from, gb18030(&format!("学号,字段,新值\n{},xm,张*山\n", rs[0].xh))).unwrap();
    let all_bad = ws.path("全错.csv");
    std::fs::write(&all_bad, gb18030(&format!("学号,字段,原值,新值\n{},姓名,错*名,张*山\n", rs[0].xh))).unwrap();
    for (f, code, needle) in [
        (&garbage, 1, "坏.xlsx"),
        (&no_from, 1, "原值 (from)"),
        (&ws.path("无此文件.csv"), 1, "无此文件.csv"),
        (&all_bad, 1, "not 错*名"),
    ] {
        let out = ws.run(&["correction", "import", f.to_str().unwrap(), "--school", SCHOOL]);
        assert_eq!(out.code, code, "{f:?}: {}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(needle) || out.stdout.contains(needle), "{f:?}: {}\n{}", out.stdout, out.stderr);
    }
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn a_reprint_job_freezes_the_corrected_values_and_clears_the_marks() {
    let ws = Ws::new();
    let rs = school(&ws);
    let first = job(&ws, &[]);
    let printed = job_students(&ws, &first);
    assert_eq!(add(&ws, &rs[0].xh, "xm", "张*三", "张*山").code, 0);
    assert_eq!(add(&ws, &rs[4].xh, "班级", "2班", "3班").code, 0);
    assert_eq!(add(&ws, &rs[4].xh, "xm", "陈*", "陈*晨").code, 0);

    let reprint =
        ws.run_ok(&["--operator", "李师傅", "job", "create", "--needs-reprint", "--school", SCHOOL, "--json"]);
    let id = reprint.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        job_students(&ws, &id),
        [
            (rs[0].xh.clone(), "张*山".to_string(), "1班".to_string()),
            (rs[4].xh.clone(), "陈*晨".to_string(), "3班".to_string())
        ],
        "only the corrected students, with their corrected fields, in print order"
    );
    assert_eq!(job_students(&ws, &first), printed, "the first job stays as it was printed");
    assert_eq!(ws.count("SELECT count(*) FROM students WHERE needs_reprint = 1"), 0);
    let list = ws.run_ok(&["correction", "list", "--json"]).json();
    for c in list.as_array().unwrap() {
        assert_eq!(c["reprint_job"], id.as_str(), "{c}");
        assert_eq!(c["awaiting_reprint"], false);
    }
    let log = audit(&ws);
    let last = log.last().unwrap();
    assert_eq!((last.0.as_str(), last.1.as_str()), ("李师傅", "correction.reprint-job"));
    assert_eq!(last.2, format!("job {id}"));

    let before = ws.snapshot();
    let out = ws.run(&["job", "create", "--needs-reprint", "--school", SCHOOL]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no students needing a reprint"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn the_audit_log_cannot_be_edited() {
    let ws = Ws::new();
    let rs = school(&ws);
    assert_eq!(add(&ws, &rs[0].xh, "xm", "张*三", "张*山").code, 0);
    let before = ws.snapshot();
    let mut db = ws.store();
    let e = db.execute("UPDATE audit SET operator = 'someone else'").unwrap_err();
    assert!(e.contains("cannot be changed"), "{e}");
    let e = db.execute("DELETE FROM audit").unwrap_err();
    assert!(e.contains("cannot be changed"), "{e}");
    drop(db);
    assert_eq!(ws.snapshot(), before);
}
