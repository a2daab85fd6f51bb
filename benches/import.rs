//! Benchmark: importing an approved batch of N photos (default 10,000) into a fresh workspace,
//! then importing it again (everything already stored). Run with
//! `cargo bench --bench import [-- N]`. Prints wall time, photos per second and peak memory.
//!
//! Photos are the demo's synthetic, standard-conforming JPEGs; to keep set-up short, 64 are
//! drawn and each copy gets a unique JPEG comment segment, so every file differs while
//! decoding costs the same as a real photo.

mod support;
use gradlab::app::batch;
use gradlab::progress::Silent;
use std::time::Instant;
use support::{peak_rss_mb, workspace_with_batch};

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let (ws, dir) = workspace_with_batch(tmp.path(), n, 40);
    eprintln!("set-up: {n} photos written in {:.1} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let report = batch::import(&ws, &dir, false, &Silent).expect("import");
    let first = t.elapsed().as_secs_f64();
    assert_eq!(report.accepted.len(), n, "every photo accepted");

    let t = Instant::now();
    let again = batch::import(&ws, &dir, false, &Silent).expect("re-import");
    let second = t.elapsed().as_secs_f64();
    assert_eq!(again.skipped.len(), n);

    println!("import of {n} photos: {first:.2} s ({:.0} photos/s)", n as f64 / first);
    println!("re-import, all already stored: {second:.2} s");
    println!("peak resident memory: {:.0} MB", peak_rss_mb());
}
