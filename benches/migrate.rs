//! Benchmark: moving a lab's SQLite workspace of N students (default 10,000), each with a photo,
//! into an empty PostgreSQL store on a server this bench starts over loopback (as the tests'
//! harness does). Run with `cargo bench --bench migrate [-- N]`. Prints the import that makes
//! the workspace (photo check off) and the move: wall time, rows, photos and MB per second,
//! CPU time of this process and peak memory.

#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;
mod support;

use gradlab::app::{Workspace, batch, migrate, settings::StoreChoice};
use gradlab::progress::Silent;
use std::time::Instant;
use support::{cpu_seconds, peak_rss_mb, reset_peak_rss, workspace_with_batch};

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let (mut ws, dir) = workspace_with_batch(tmp.path(), n, 40);
    ws.settings.import.face_check = false;
    eprintln!("set-up: {n} photos written in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    batch::import(&ws, &dir, false, &Silent).expect("import");
    eprintln!("import into SQLite: {:.1} s", t.elapsed().as_secs_f64());

    let url = pg::server().fresh_database();
    let ws = Workspace::open(ws.root()).expect("open");
    reset_peak_rss();
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let moved = migrate::to_postgres(&ws, &StoreChoice { url, ..Default::default() }, &Silent).expect("migrate");
    let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    let c = &moved.copied;
    println!(
        "store migrate, {n} students: {wall:.2} s wall ({cpu:.2} s CPU here), {} rows in {} tables ({:.0} rows/s), \
         {} photos, {:.1} MB ({:.1} MB/s), peak {:.0} MB",
        c.rows,
        c.tables.len(),
        c.rows as f64 / wall,
        c.photos,
        c.photo_bytes as f64 / 1e6,
        c.photo_bytes as f64 / 1e6 / wall,
        peak_rss_mb()
    );
}
