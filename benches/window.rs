//! Benchmark: the window over a lab's year. Ten schools of N students each (default 10,000, so
//! 100,000 in the store), a job per school, the first one rendered; then `gradlab gui` walks
//! every screen as `scripts/gui-screenshots` does and says, per screen, the time from the click
//! to the window ready (the service calls answered and the lists filled) and the time to draw
//! the whole window after it. Run with `scripts/bench-window [N]`, which provides the X server
//! (Xvfb) the window needs.

mod support;
use gradlab::app::{Workspace, batch, jobs, schools};
use gradlab::progress::Silent;
use std::process::Command;
use std::time::Instant;

const SCHOOLS: usize = 10;
const CLASS_SIZE: usize = 40;

fn main() {
    let per_school: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("ws");
    let t = Instant::now();
    Workspace::init_with_store(&root, &Default::default(), None).expect("init");
    // The photo check and the preflight are measured by their own benches.
    std::fs::write(root.join("gradlab.toml"), "[import]\nface_check = false\n[render]\nverify_after_render = false\n")
        .expect("settings");
    let ws = Workspace::open(&root).expect("open");
    let bases: Vec<Vec<u8>> = (0..64).map(|i| gradlab::app::demo::synthetic_photo(i as u64)).collect();
    let mut codes = Vec::new();
    for s in 0..SCHOOLS {
        let code = format!("{}", 10001 + s);
        let name = format!("基准大学{}", s + 1);
        schools::add(&ws, &schools::NewSchool { code: code.clone(), name, ..Default::default() }).expect("school");
        let students = s * per_school..(s + 1) * per_school;
        let dir = support::school_batch(&tmp.path().join(format!("batch-{code}")), &code, students, CLASS_SIZE, &bases);
        let report = batch::import(&ws, &dir, false, &Silent).expect("import");
        assert_eq!(report.accepted.len(), per_school, "every photo accepted");
        std::fs::remove_dir_all(&dir).expect("remove batch");
        codes.push(code);
    }
    let mut made = Vec::new();
    for code in &codes {
        made.push(jobs::create(&ws, &jobs::JobRequest { school: code.clone(), ..Default::default() }).expect("job"));
    }
    let rendered = jobs::render(&ws, made[0].id, &Silent).expect("render");
    eprintln!(
        "set-up: {} students in {SCHOOLS} schools, {} jobs of {} sheets each, the first rendered in {} parts, in {:.0} s",
        SCHOOLS * per_school,
        made.len(),
        made[0].sheets,
        rendered.parts.len(),
        t.elapsed().as_secs_f64()
    );

    let shots = tmp.path().join("screens");
    let gui = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1400x900x24", env!("CARGO_BIN_EXE_gradlab")])
        .arg("--workspace")
        .arg(&root)
        .args(["--operator", "基准", "--lang", "zh", "gui", "--station", "收发室1", "--size", "1280x800"])
        .arg("--screenshots")
        .arg(&shots)
        .output()
        .expect("xvfb-run (scripts/bench-window installs it)");
    let said = String::from_utf8_lossy(&gui.stderr);
    assert!(gui.status.success(), "the window failed: {said}");
    println!("the window over {} students ({SCHOOLS} schools), per screen:", SCHOOLS * per_school);
    println!("{:<32} {:>10} {:>10} {:>10}", "screen", "ready ms", "paint ms", "total ms");
    let mut worst = (String::new(), 0.0f64);
    for line in said.lines().filter_map(|l| l.strip_prefix("saved ")) {
        // "DIR/NAME.png (ready X ms, paint Y ms)"
        let name = line.split(".png").next().unwrap_or("").rsplit('/').next().unwrap_or("");
        let number = |key: &str| {
            line.split(key).nth(1).and_then(|r| r.split_whitespace().next()).and_then(|v| v.parse::<f64>().ok())
        };
        let (ready, paint) = (number("ready "), number("paint ").unwrap_or(f64::NAN));
        let total = ready.unwrap_or(f64::NAN) + paint;
        let ready_text = ready.map_or("busy".to_string(), |r| format!("{r:.0}"));
        println!("{name:<32} {ready_text:>10} {paint:>10.0} {total:>10.0}");
        if total > worst.1 || total.is_nan() {
            worst = (name.to_string(), total);
        }
    }
    println!("slowest screen: {} ({:.0} ms from the click to the painted window)", worst.0, worst.1);
}
