//! Benchmark: preflight of one big print job. A fresh workspace gets a school and an approved
//! batch of N students (default 10,000) in classes of 40, a job in the default layout
//! (a4-2cun-x4: 4 students x 4 prints per A4 sheet, a separator sheet per class: about 2,750
//! sheets for 10,000 students), rendered with the default 200 sheets a part; then only
//! `app::verify::verify` is timed: every part read back, every photo hashed and placed, every
//! text read through ToUnicode, every barcode rasterised at 300 dpi and decoded.
//! Run with `cargo bench --bench verify [-- N]`.
//!
//! The verification runs in a child process (this binary again, `--verify-only <workspace>
//! <job>`), so the peak resident memory it reports (VmHWM) is the verification's alone.
//!
//! For comparison, a second child (`--raster-sample`) rasterises whole sheets at 300 dpi with
//! hayro, as a verifier that looked at every pixel of every sheet would, on every core, for the
//! first `RASTER_SAMPLE` sheets of the first part (photo and separator sheets in the job's own
//! mix), and extrapolates to the whole job. The verifier itself rasterises only each barcode's
//! window (hayro skips what falls outside it).

mod support;
use gradlab::app::{Workspace, jobs, verify};
use gradlab::progress::Silent;
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use support::{child_job, field, imported_workspace, peak_rss_mb, timed_child};

const CLASS_SIZE: usize = 40;
/// Sheets rasterised whole for the comparison.
const RASTER_SAMPLE: usize = 40;

/// The comparison child: rasterise the first sheets of a part whole, at 300 dpi, on every core.
fn raster_sample(pdf: &Path) {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
    use rayon::prelude::*;
    let bytes = std::sync::Arc::new(std::fs::read(pdf).expect("read part"));
    let t = Instant::now();
    let pages = hayro::hayro_syntax::Pdf::new(bytes.clone()).expect("hayro reads the part").pages().len();
    let n = pages.min(RASTER_SAMPLE);
    let pixels: u64 = (0..n)
        .into_par_iter()
        .map(|i| {
            let pdf = hayro::hayro_syntax::Pdf::new(bytes.clone()).expect("hayro reads the part");
            let page = pdf.pages().get(i).expect("page");
            let s = 300.0 / 72.0;
            let settings = PixmapSettings { x_scale: s, y_scale: s, bg_color: WHITE };
            let cache = RenderCache::new();
            let p = render(page, &cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
            p.width() as u64 * p.height() as u64
        })
        .sum();
    println!("raster_seconds={}", t.elapsed().as_secs_f64());
    println!("raster_sheets={n}");
    println!("raster_pixels={pixels}");
}

/// The child: verify one rendered job and report `key=value` lines on stdout.
fn verify_only(root: &Path, job: &str) {
    let ws = Workspace::open(root).expect("open workspace");
    let before = peak_rss_mb();
    let t = Instant::now();
    let r = verify::verify(&ws, job.parse().expect("job code"), &Silent).expect("verify");
    let secs = t.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    let sum = |f: fn(&gradlab::verify::Counts) -> usize| r.parts.iter().map(|p| f(&p.checked)).sum::<usize>();
    println!("seconds={secs}");
    println!("peak_mb={peak}");
    println!("baseline_mb={before}");
    println!("pages={}", sum(|c| c.pages));
    println!("photos={}", sum(|c| c.photos));
    println!("texts={}", sum(|c| c.texts));
    println!("barcodes={}", sum(|c| c.barcodes));
    println!("parts={}", r.parts.len());
    println!("failures={}", r.failures());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--raster-sample") {
        raster_sample(Path::new(args.get(i + 1).expect("usage: verify --raster-sample <pdf>")));
        return;
    }
    if let Some((root, job)) = child_job(&args, "--verify-only") {
        verify_only(root, job);
        return;
    }
    // `cargo bench` passes `--bench`; N is the first numeric argument.
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    assert!(n > 0, "N must be at least 1");

    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let ws = imported_workspace(tmp.path(), n, CLASS_SIZE);
    let root = ws.root().to_path_buf();
    // Render without the verification that follows by default: that is what is timed below.
    std::fs::write(root.join("gradlab.toml"), "[render]\nverify_after_render = false\n").expect("settings");
    let ws = Workspace::open(&root).expect("reopen workspace");
    let job = jobs::create(&ws, &jobs::JobRequest { school: "10418".into(), ..Default::default() }).expect("job");
    let rendered = jobs::render(&ws, job.id, &Silent).expect("render");
    let bytes: i64 = rendered.parts.iter().map(|p| p.bytes).sum();
    eprintln!(
        "set-up: {n} photos imported, job {} of {} sheets in {} parts ({:.1} MB) rendered in {:.1} s",
        job.id,
        job.sheets,
        rendered.parts.len(),
        bytes as f64 / 1_048_576.0,
        t.elapsed().as_secs_f64()
    );

    let (wall, out) = timed_child("--verify-only", &root, &job.id.to_string());
    let secs = field(&out, "seconds");
    let pages = field(&out, "pages") as usize;
    assert_eq!(pages, job.sheets, "every sheet read back");
    assert_eq!(field(&out, "failures") as usize, 0, "a good render passes");

    println!("students: {n}");
    println!("sheets: {pages}");
    println!("parts: {}", field(&out, "parts") as usize);
    println!("pdf bytes: {} ({:.1} MB)", bytes, bytes as f64 / 1_048_576.0);
    println!(
        "checked: {} photos, {} texts, {} barcodes (each rasterised at 300 dpi and decoded)",
        field(&out, "photos"),
        field(&out, "texts"),
        field(&out, "barcodes")
    );
    println!("threads: {}", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    println!("verify seconds: {secs:.3}");
    println!("sheets per second: {:.0}", pages as f64 / secs);
    println!("verify peak resident memory MB: {:.1}", field(&out, "peak_mb"));
    println!("verify child before verify MB: {:.1}", field(&out, "baseline_mb"));
    println!("verify child wall seconds: {wall:.3}");

    let part = rendered.parts[0].path.clone();
    let exe = std::env::current_exe().expect("current exe");
    let child = Command::new(&exe).arg("--raster-sample").arg(&part).output().expect("raster child");
    let out = String::from_utf8_lossy(&child.stdout).into_owned();
    assert!(child.status.success(), "raster child failed: {}", String::from_utf8_lossy(&child.stderr));
    let (rs, rn) = (field(&out, "raster_seconds"), field(&out, "raster_sheets"));
    println!(
        "whole sheets at 300 dpi (comparison): {rn:.0} sheets in {rs:.2} s on both cores = {:.0} ms a sheet; \
         all {pages} sheets would take about {:.0} s",
        rs / rn * 1000.0,
        rs / rn * pages as f64
    );
}
