//! Benchmark: importing an approved batch of N photos (default 10,000) into a fresh workspace,
//! then importing it again (everything already stored). Run with
//! `cargo bench --bench import [-- N]`. Prints wall time, photos per second and peak memory.
//!
//! Photos are the demo's synthetic, standard-conforming JPEGs; to keep set-up short, 64 are
//! drawn and each copy gets a unique JPEG comment segment, so every file differs while
//! decoding costs the same as a real photo.

mod support;
use gradlab::app::{Workspace, batch, demo, schools};
use gradlab::progress::Silent;
use std::fmt::Write as _;
use std::time::Instant;
use support::{peak_rss_mb, with_comment};

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("ws");
    let (ws, _) = Workspace::init(&root).expect("init");
    schools::add(&ws, &schools::NewSchool { code: "10418".into(), name: "基准大学".into(), ..Default::default() })
        .expect("school");

    let t = Instant::now();
    let bases: Vec<Vec<u8>> = (0..64).map(|i| demo::synthetic_photo(i as u64)).collect();
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).expect("batch dir");
    let mut csv = String::from("sjc,cjm,yxdm,zjhm,xh,cc,xllb,xm,bh,拍摄序号\n");
    for i in 0..n {
        let cjm = format!("Bench{i:011}");
        let _ = writeln!(
            csv,
            "{},{cjm},10418,{:04},2024{:09},本科,普通高校,张*三,{}班,{i}",
            1_716_000_000_000i64 + i as i64,
            i % 10_000,
            i,
            i / 40 + 1
        );
        std::fs::write(dir.join(format!("{cjm}.jpg")), with_comment(&bases[i % 64], i)).expect("photo");
    }
    std::fs::write(dir.join("数据表.csv"), csv).expect("table");
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
