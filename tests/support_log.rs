//! The log for support (`logs/gradlab.log`): each command's start and end, an error with its
//! causes, nothing private, and rotation by size.

mod common;

use common::Ws;
use std::fs;

fn log(ws: &Ws) -> String {
    fs::read_to_string(ws.root().join("logs").join("gradlab.log")).unwrap()
}

#[test]
fn each_command_logs_its_start_its_end_and_an_error_with_its_causes() {
    let ws = Ws::on_sqlite();
    ws.run_ok(&["school", "add", "10001", "南山示范大学"]);
    let missing = ws.path("no-such-batch");
    let out = ws.run(&["batch", "import", missing.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let text = log(&ws);
    let lines: Vec<&str> = text.lines().collect();
    let school: Vec<&&str> = lines.iter().filter(|l| l.contains("school add 10001 南*`")).collect();
    assert_eq!(school.len(), 2, "{text}");
    assert!(school[0].contains(" INFO ") && school[0].ends_with(": started"), "{text}");
    assert!(school[1].contains(": done in "), "{text}");
    let failed = lines.iter().find(|l| l.contains(" ERROR ")).unwrap_or_else(|| panic!("{text}"));
    assert!(failed.contains("batch import"), "{failed}");
    assert!(failed.contains("failed after"), "{failed}");
    // The cause under the error: what the operating system said.
    assert!(failed.contains("caused by: No such file or directory"), "{failed}");
    // Every line says which process wrote it: several share the file.
    assert!(lines.iter().all(|l| l.contains("[pid ")), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: std::path::PathBuf| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(ws.root().join("logs")), 0o700);
        assert_eq!(mode(ws.root().join("logs").join("gradlab.log")), 0o600);
    }
}

#[test]
fn the_log_keeps_no_password_full_id_number_or_full_name() {
    let ws = Ws::on_sqlite();
    common::lab::school(&ws, "10001", 1, &[("一班", 2)]);
    let xh = "2024000001";
    let full_id = "110101199003071234";
    // A request from a student who gives a full name and a whole ID number.
    ws.run(&[
        "request",
        "add",
        "--kind",
        "lost",
        "--school",
        "10001",
        "--student",
        xh,
        "--requester",
        "student",
        "--name",
        "诸葛孔明",
        "--id-last4",
        full_id,
        "--note",
        "我是诸葛孔明",
    ]);
    // A store address carrying a password, refused.
    let secret = "pa55-w0rd-x";
    let out = ws.run(&["store", "migrate", "--to", &format!("postgres://clerk:{secret}@127.0.0.1:9/gradlab")]);
    assert_eq!(out.code, 1);
    let text = log(&ws);
    assert!(text.contains("request add"), "{text}");
    assert!(text.contains("store migrate"), "{text}");
    for private in [secret, full_id, "诸葛孔明", "葛孔明"] {
        assert!(!text.contains(private), "{private} in the log:\n{text}");
    }
    assert!(text.contains("诸*"), "{text}");
    assert!(text.contains("**************1234"), "{text}");
}

#[test]
fn a_large_log_is_moved_aside_and_three_old_ones_are_kept() {
    let ws = Ws::on_sqlite();
    let dir = ws.root().join("logs");
    fs::create_dir_all(&dir).unwrap();
    for n in 1..=3 {
        fs::write(dir.join(format!("gradlab.log.{n}")), format!("old {n}\n")).unwrap();
    }
    let big = "x".repeat(100) + "\n";
    fs::write(dir.join("gradlab.log"), big.repeat(50_000)).unwrap();
    ws.run_ok(&["school", "list"]);
    assert_eq!(fs::metadata(dir.join("gradlab.log.1")).unwrap().len(), 101 * 50_000, "the big log moved aside");
    assert_eq!(fs::read_to_string(dir.join("gradlab.log.2")).unwrap(), "old 1\n");
    assert_eq!(fs::read_to_string(dir.join("gradlab.log.3")).unwrap(), "old 2\n");
    assert!(!dir.join("gradlab.log.4").exists(), "only three old logs are kept");
    let current = log(&ws);
    assert!(current.contains("school list") && current.lines().count() == 2, "{current}");
    // A small log is written on, never moved.
    ws.run_ok(&["school", "list"]);
    assert_eq!(log(&ws).lines().count(), 4);
}
