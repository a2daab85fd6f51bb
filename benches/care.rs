//! Benchmark: `gradlab check`, a first backup, a second backup into the same folder and a
//! restore, on a workspace of N students (default 10,000), each with a photo. Run with
//! `cargo bench --bench care [-- N]`. Prints wall time, CPU time of this process and peak memory.

mod support;

use gradlab::app::{Workspace, backup, batch, check};
use gradlab::progress::Silent;
use std::time::Instant;
use support::{cpu_seconds, peak_rss_mb, reset_peak_rss, workspace_with_batch};

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut ws, dir) = workspace_with_batch(tmp.path(), n, 40);
    ws.settings.import.face_check = false;
    batch::import(&ws, &dir, false, &Silent).expect("import");
    let ws = Workspace::open(ws.root()).expect("open");
    let timed = |what: &str, f: &dyn Fn() -> String| {
        reset_peak_rss();
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let said = f();
        let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        println!("{what}, {n} students: {wall:.2} s wall ({cpu:.2} s CPU), peak {:.0} MB; {said}", peak_rss_mb());
    };
    timed("check", &|| {
        let r = check::check(&ws, &Silent).expect("check");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        format!("{} photos, {:.1} MB", r.photos, r.photo_bytes as f64 / 1e6)
    });
    let folder = tmp.path().join("backup");
    for what in ["backup (first)", "backup (again, same folder)"] {
        timed(what, &|| {
            let r = backup::backup(&ws, &folder, &Silent).expect("backup");
            format!("{} photos copied, {:.1} MB written", r.photos_copied, r.bytes_copied as f64 / 1e6)
        });
    }
    timed("restore (with its check)", &|| {
        let r = backup::restore(&folder, &tmp.path().join("restored"), &Silent).expect("restore");
        assert!(r.check.problems.is_empty(), "{:?}", r.check.problems);
        format!("{} photos", r.photos)
    });
}
