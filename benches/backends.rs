//! Benchmark: the same work on the two stores, side by side in one run. A batch of N students
//! (default 10,000; the demo's synthetic photos, photo check off) is imported into a workspace
//! on its SQLite file and into one on a PostgreSQL server this bench starts over loopback (as
//! the tests' harness does, with fsync off), then a job of all N students is rendered on each;
//! on PostgreSQL also by a second station whose photo cache is empty, so every photo comes from
//! the server. Run with `cargo bench --bench backends [-- N]`. Goal: PostgreSQL within 2x.

#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;
mod support;

use gradlab::app::{Workspace, batch, jobs};
use gradlab::progress::Silent;
use std::time::Instant;
use support::{batch_folder, cpu_seconds, workspace_with_school};

/// Wall and CPU seconds (this process, all threads) of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let bases: Vec<Vec<u8>> = (0..64).map(|i| gradlab::app::demo::synthetic_photo(i as u64)).collect();
    let dir = batch_folder(tmp.path(), n, 40, &bases);
    let url = pg::server().fresh_database();
    let mut lines = Vec::new();
    for (label, url) in [("SQLite", None), ("PostgreSQL", Some(url.as_str()))] {
        let mut ws = workspace_with_school(&tmp.path().join(label), url);
        ws.settings.import.face_check = false;
        let (report, wall, cpu) = timed(|| batch::import(&ws, &dir, false, &Silent).expect("import"));
        assert_eq!(report.accepted.len(), n, "every photo accepted");
        lines.push(format!("{label:<10} import {n} photos:     {wall:7.2} s wall, {cpu:6.2} s CPU here"));
        let job = jobs::create(&ws, &jobs::JobRequest { school: "10418".into(), ..Default::default() }).expect("job");
        let render = |ws: &Workspace| timed(|| jobs::render(ws, job.id, &Silent).expect("render"));
        let (r, wall, cpu) = render(&ws);
        lines.push(format!("{label:<10} render {} sheets:     {wall:7.2} s wall, {cpu:6.2} s CPU here", r.sheets));
        if let Some(url) = url {
            let station = workspace_with_station(&tmp.path().join("station-2"), url);
            let (_, wall, cpu) = render(&station);
            lines.push(format!("{label:<10} render, cold cache:    {wall:7.2} s wall, {cpu:6.2} s CPU here"));
        }
    }
    for l in lines {
        println!("{l}");
    }
}

/// A second station joining the store at `url`, its photo cache empty.
fn workspace_with_station(root: &std::path::Path, url: &str) -> Workspace {
    let choice = gradlab::app::settings::StoreChoice { url: url.into(), ..Default::default() };
    Workspace::init_with_store(root, &Default::default(), Some(&choice)).expect("join").0
}
