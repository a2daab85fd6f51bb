//! The fuzz targets' bodies (`fuzz/targets.rs`) run over their seed corpora (`fuzz/corpus/`)
//! on the stable toolchain: every seed, and every input that once crashed or hung a reader,
//! must still be read (or refused) without a panic. `scripts/fuzz` runs the same bodies under
//! libFuzzer on nightly.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;

/// Run `body` over every file in `fuzz/corpus/<name>/`, which must hold at least one.
fn replay(name: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no seeds", dir.display());
    for f in files {
        let data = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        eprintln!("{name}: {}", f.display());
        body(&data);
    }
}

macro_rules! corpus_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                replay(stringify!($name), targets::$name);
            }
        )*
    };
}

corpus_tests!(
    table_csv,
    table_xlsx,
    table_xls,
    roster,
    batch_zip,
    photo_check,
    collection_code,
    qr_image,
    tracking,
    scanned_ids,
    layout_toml,
    corrections,
    requests,
);
