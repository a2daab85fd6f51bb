//! Benchmark: rendering one big print job. A fresh workspace gets a school and an approved
//! batch of N students (default 10,000) in classes of 40, a job in the default layout
//! (a4-2cun-x4: 4 students x 4 prints of 35x49 mm per A4 sheet, a separator sheet per class),
//! and then only `jobs::render` is timed, without the preflight that follows it by default. Run with `cargo bench --bench render [-- N]`.
//!
//! The render runs in a child process (this binary again, `--render-only <workspace> <job>`),
//! so the peak resident memory it reports (VmHWM) belongs to the render alone, not to the
//! set-up that drew and imported the photos.
//!
//! For a comparison with other tools (scripts/bench-render runs img2pdf), the bench writes the
//! paths of the photo files the job embeds, in job order and each as often as it is printed
//! (4 times per student), one a line, to `<temp dir>/photos.txt`. With `KEEP=1` the temp dir
//! is kept and its path printed; otherwise it is removed.
//!
//! Photos are the demo's synthetic, standard-conforming JPEGs; to keep set-up short, 64 are
//! drawn and each copy gets a unique JPEG comment segment, so every file differs while it
//! costs the same to embed as a real photo.

mod support;
use gradlab::app::{Workspace, jobs};
use gradlab::progress::Silent;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;
use support::{child_job, field, imported_workspace, peak_rss_mb, timed_child};

/// How often each student's photo is printed in the default layout (2 x 2 prints of 2寸).
const COPIES: usize = 4;
const CLASS_SIZE: usize = 40;

/// The child: render one job of an existing workspace and report on stdout, one `key=value`
/// per line, for the parent to read.
fn render_only(root: &Path, job: &str) {
    let ws = Workspace::open(root).expect("open workspace");
    let before = peak_rss_mb();
    let t = Instant::now();
    let rendered = jobs::render(&ws, job.parse().expect("job code"), &Silent).expect("render");
    let secs = t.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    let bytes: i64 = rendered.parts.iter().map(|p| p.bytes).sum();
    println!("seconds={secs}");
    println!("peak_mb={peak}");
    println!("baseline_mb={before}");
    println!("sheets={}", rendered.sheets);
    println!("parts={}", rendered.parts.len());
    println!("bytes={bytes}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some((root, job)) = child_job(&args, "--render-only") {
        render_only(root, job);
        return;
    }
    // `cargo bench` passes `--bench`; N is the first numeric argument.
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    assert!(n > 0, "N must be at least 1");
    let keep = std::env::var("KEEP").is_ok_and(|v| v == "1");

    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let ws = imported_workspace(tmp.path(), n, CLASS_SIZE);
    let root = ws.root().to_path_buf();
    let job = jobs::create(&ws, &jobs::JobRequest { school: "10418".into(), ..Default::default() }).expect("job");
    assert_eq!(job.students, n);
    // The writing of the PDFs is what is timed, as img2pdf's is; the preflight that follows a
    // render by default is timed by its own bench (`verify`).
    std::fs::write(root.join("gradlab.toml"), "[render]\nverify_after_render = false\n").expect("settings");
    eprintln!(
        "set-up: {n} photos imported, job {} of {} sheets ({} classes, layout {}) in {:.1} s",
        job.id,
        job.sheets,
        job.packets,
        job.layout,
        t.elapsed().as_secs_f64()
    );

    // The photo files the job embeds, in job order, each as often as it is printed.
    let list = tmp.path().join("photos.txt");
    {
        let mut store = ws.store().expect("store");
        let tx = store.read().expect("read");
        let id = job.id.row();
        let students = tx.job_students(id).expect("job students");
        let photos = ws.photos();
        let mut text = String::new();
        for s in &students {
            let p = photos.path_for(&s.student.photo_sha256);
            assert!(p.is_file(), "photo file {} is missing", p.display());
            for _ in 0..COPIES {
                let _ = writeln!(text, "{}", p.display());
            }
        }
        std::fs::write(&list, text).expect("photo list");
    }

    let (wall, out) = timed_child("--render-only", &root, &job.id.to_string());
    let secs = field(&out, "seconds");
    let sheets = field(&out, "sheets") as usize;
    let bytes = field(&out, "bytes");
    assert_eq!(sheets, job.sheets);

    println!("students: {n}");
    println!("sheets: {sheets}");
    println!("parts: {}", field(&out, "parts") as usize);
    println!("pdf bytes: {} ({:.1} MB)", bytes as u64, bytes / 1_048_576.0);
    println!("render seconds: {secs:.3}");
    println!("sheets per second: {:.0}", sheets as f64 / secs);
    println!("render peak resident memory MB: {:.1}", field(&out, "peak_mb"));
    println!("render child before render MB: {:.1}", field(&out, "baseline_mb"));
    println!("render child wall seconds: {wall:.3}");
    println!("photo list: {} ({} lines)", list.display(), n * COPIES);
    if keep {
        let kept: PathBuf = tmp.keep();
        println!("temp dir kept: {}", kept.display());
    } else {
        println!("temp dir removed (set KEEP=1 to keep it)");
    }
}
