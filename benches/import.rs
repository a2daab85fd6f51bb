//! Benchmark: importing an approved batch of N photos (default 10,000) into a fresh workspace,
//! then importing it again (everything already stored), with the photo check against the
//! standard's geometry off and on. Run with `cargo bench --bench import [-- N]`. Prints wall
//! time, photos per second, what the photo check adds, and peak memory.
//!
//! Photos are portraits of a real face (the tests' NASA portrait, placed a little differently
//! in each of 64), so the face detector and every measure do their whole work; each copy gets
//! a unique JPEG comment segment, so every file differs while it costs the same to check.

mod support;
use gradlab::app::{Workspace, batch};
use gradlab::progress::Silent;
use std::path::Path;
use std::time::Instant;
use support::{peak_rss_mb, portraits, workspace_with_photos};

/// Import the batch into `ws` twice; the times of the first import and of the second.
fn run(ws: &Workspace, dir: &Path, n: usize) -> (f64, f64, usize) {
    let t = Instant::now();
    let report = batch::import(ws, dir, false, &Silent).expect("import");
    let first = t.elapsed().as_secs_f64();
    assert_eq!(report.accepted.len(), n, "every photo accepted");
    let t = Instant::now();
    let again = batch::import(ws, dir, false, &Silent).expect("re-import");
    let second = t.elapsed().as_secs_f64();
    assert_eq!(again.skipped.len(), n);
    (first, second, report.photo_checks.len())
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let t = Instant::now();
    let bases = portraits();
    let off = tempfile::tempdir().expect("temp dir");
    let (mut ws_off, dir_off) = workspace_with_photos(off.path(), n, 40, &bases);
    ws_off.settings.import.face_check = false;
    let on = tempfile::tempdir().expect("temp dir");
    let (ws_on, dir_on) = workspace_with_photos(on.path(), n, 40, &bases);
    assert!(ws_on.settings.import.face_check, "the photo check is on by default");
    eprintln!("set-up: 2 x {n} photos written in {:.1} s", t.elapsed().as_secs_f64());

    let (off_first, off_again, _) = run(&ws_off, &dir_off, n);
    let (on_first, on_again, flagged) = run(&ws_on, &dir_on, n);

    println!("import of {n} photos, photo check off: {off_first:.2} s ({:.0} photos/s)", n as f64 / off_first);
    println!("import of {n} photos, photo check on:  {on_first:.2} s ({:.0} photos/s)", n as f64 / on_first);
    println!(
        "the photo check adds {:.2} s ({:.2} ms a photo on {} threads); {flagged} photos with findings",
        on_first - off_first,
        (on_first - off_first) * 1000.0 / n as f64,
        rayon::current_num_threads()
    );
    println!("re-import, all already stored: check off {off_again:.2} s, check on (measures kept) {on_again:.2} s");
    println!("peak resident memory: {:.0} MB", peak_rss_mb());
}
