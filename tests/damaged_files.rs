//! Files that made a crate we read them with panic, found by fuzzing (`fuzz/`, issue 18): a
//! damaged spreadsheet or picture is refused by name, with exit 1 and no panic, like any other
//! unreadable file. They live in `tests/fixtures/damaged/` rather than in the fuzz corpus,
//! because under libFuzzer a caught panic still aborts.

mod common;

use common::Ws;
use std::path::PathBuf;

fn damaged(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/damaged").join(name)
}

#[test]
fn a_damaged_spreadsheet_is_refused_by_name_and_never_crashes() {
    let ws = Ws::on_sqlite();
    ws.add_school("10418");
    // A cut-short shared-strings record in an Excel 97 file (calamine's parse_sst), and a cell
    // reference too long for a row number in an xlsx (calamine's get_row_column).
    for name in ["short-shared-strings-a.xls", "short-shared-strings-b.xls", "huge-cell-reference.xlsx"] {
        let file = damaged(name);
        let before = ws.snapshot();
        let out = ws.run(&["roster", "import", file.to_str().unwrap(), "--school", "10418"]);
        assert_eq!(out.code, 1, "{name}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(name), "names the file: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{name}: {}", out.stderr);
        assert_eq!(ws.snapshot(), before);
    }
    let out =
        ws.run(&["roster", "import", damaged("short-shared-strings-a.xls").to_str().unwrap(), "--school", "10418"]);
    assert!(out.stderr.contains("the file is damaged"), "{}", out.stderr);
}

#[test]
fn a_damaged_picture_of_a_collection_code_is_refused_and_never_crashes() {
    let ws = Ws::empty();
    let file = damaged("jpeg-bitstream.jpg");
    let out = ws.run(&["qr", "decode", file.to_str().unwrap(), "--json"]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(!out.stdout.contains("panicked"), "{}", out.stdout);
    assert_ne!(out.code, 0, "nothing was read: {}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("the file is damaged"), "{}{}", out.stdout, out.stderr);
}
