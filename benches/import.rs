//! Benchmark: importing an approved batch of N photos (default 10,000) into a fresh workspace,
//! then importing it again (everything already stored), with the photo check against the
//! standard's geometry off and on. Run with `cargo bench --bench import [-- N]`. Prints, for
//! each, wall time, photos per second, CPU time (all threads; on a shared machine the steadier
//! figure) and peak memory, and what the photo check adds.
//!
//! Photos are portraits of a real face (the tests' NASA portrait, placed a little differently
//! in each of 64), so the face detector and every measure do their whole work; each copy gets
//! a unique JPEG comment segment, so every file differs while it costs the same to check.
//! A third pair of imports, check off, takes the same portraits at a low JPEG quality, about
//! 12 KB each: the size issue 19's table was measured on, so its goals can be read on their
//! own terms beside the standard's 20-40 KB.

mod support;
use gradlab::app::{Workspace, batch};
use gradlab::progress::Silent;
use std::path::Path;
use std::time::Instant;
use support::{cpu_seconds, peak_rss_mb, portraits, portraits_at, reset_peak_rss, workspace_with_photos};

/// The JPEG quality that makes the portraits about 12 KB.
const SMALL_QUALITY: u8 = 20;

/// Wall time, CPU time (all threads) and peak memory of one import.
struct Run {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
}

/// Says on stderr when each run starts and ends, in seconds since the bench started, to find a
/// run in a profile of the whole bench.
fn timed(what: &str, f: impl FnOnce()) -> Run {
    reset_peak_rss();
    let (t, cpu) = (Instant::now(), cpu_seconds());
    eprintln!("{what}: from {:.2} s", since_start());
    f();
    eprintln!("{what}: to {:.2} s", since_start());
    Run { wall: t.elapsed().as_secs_f64(), cpu: cpu_seconds() - cpu, peak_mb: peak_rss_mb() }
}

fn since_start() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Import the batch into `ws` twice: the first import, the second (everything already
/// stored) and how many photos the photo check found something in.
fn run(ws: &Workspace, dir: &Path, n: usize) -> (Run, Run, usize) {
    let mut flagged = 0;
    let first = timed("import", || {
        let report = batch::import(ws, dir, false, &Silent).expect("import");
        assert_eq!(report.accepted.len(), n, "every photo accepted");
        flagged = report.photo_checks.len();
    });
    let second = timed("re-import", || {
        let again = batch::import(ws, dir, false, &Silent).expect("re-import");
        assert_eq!(again.skipped.len(), n);
    });
    (first, second, flagged)
}

fn main() {
    since_start();
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let t = Instant::now();
    let bases = portraits();
    let small = portraits_at(SMALL_QUALITY);
    let off = tempfile::tempdir().expect("temp dir");
    let (mut ws_off, dir_off) = workspace_with_photos(off.path(), n, 40, &bases);
    ws_off.settings.import.face_check = false;
    let on = tempfile::tempdir().expect("temp dir");
    let (ws_on, dir_on) = workspace_with_photos(on.path(), n, 40, &bases);
    assert!(ws_on.settings.import.face_check, "the photo check is on by default");
    let small_tmp = tempfile::tempdir().expect("temp dir");
    let (mut ws_small, dir_small) = workspace_with_photos(small_tmp.path(), n, 40, &small);
    ws_small.settings.import.face_check = false;
    // The set-up's own files on the disk first, so an import's flush does not pay for them.
    std::process::Command::new("sync").status().expect("sync");
    eprintln!(
        "set-up: 2 x {n} portraits of {} and {n} at quality {SMALL_QUALITY} of {} written in {:.1} s",
        kb_range(&bases),
        kb_range(&small),
        t.elapsed().as_secs_f64()
    );

    let (off_first, off_again, _) = run(&ws_off, &dir_off, n);
    // Before the check's run: the memory that run's threads keep after it would count in the
    // peak of whatever runs next (resetting the peak resets it to what is resident).
    let (small_first, small_again, _) = run(&ws_small, &dir_small, n);
    let (on_first, on_again, flagged) = run(&ws_on, &dir_on, n);

    let threads = rayon::current_num_threads();
    for (what, r) in [("off", &off_first), ("on: ", &on_first)] {
        println!(
            "import of {n} photos, photo check {what} {:.2} s ({:.0} photos/s), {:.1} CPU s, peak {:.0} MB",
            r.wall,
            n as f64 / r.wall,
            r.cpu,
            r.peak_mb
        );
    }
    let (wall, cpu) = (on_first.wall - off_first.wall, on_first.cpu - off_first.cpu);
    println!(
        "the photo check adds {wall:.2} s ({:.2} ms a photo on {threads} threads) and {cpu:.1} CPU s ({:.2} ms a photo); \
         {flagged} photos with findings",
        wall * 1000.0 / n as f64,
        cpu * 1000.0 / n as f64,
    );
    println!(
        "re-import, all already stored: check off {:.2} s, check on (measures kept) {:.2} s",
        off_again.wall, on_again.wall
    );
    println!(
        "portraits at quality {SMALL_QUALITY}, {}, check off: import {:.2} s ({:.1} CPU s, peak {:.0} MB), re-import {:.2} s",
        kb_range(&small),
        small_first.wall,
        small_first.cpu,
        small_first.peak_mb,
        small_again.wall
    );
}

/// The smallest and largest of these photos, as "12.0-13.1 KB".
fn kb_range(photos: &[Vec<u8>]) -> String {
    let (least, most) = photos.iter().fold((usize::MAX, 0), |(l, m), b| (l.min(b.len()), m.max(b.len())));
    format!("{:.1}-{:.1} KB", least as f64 / 1024.0, most as f64 / 1024.0)
}
