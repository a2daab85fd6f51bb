//! What the benchmarks share: peak memory of this process, and a fresh workspace with a
//! registered school and an approved batch folder of N synthetic students.
#![allow(dead_code)]

/// A real face (the NASA portrait the tests use), for the photo check's benchmark.
#[path = "../../tests/common/portrait.rs"]
pub mod portrait;

use gradlab::app::{Workspace, demo, schools};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Peak resident memory of this process so far (VmHWM), in MB.
pub fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Forget the peak so far, so that [`peak_rss_mb`] gives the peak of what runs next
/// (Linux: writing 5 to clear_refs resets VmHWM).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU time this process has used so far (user + system, all threads), in seconds: unlike
/// wall time, hardly moved by other work on a shared machine.
pub fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces);
    // utime and stime are the 14th and 15th fields, in clock ticks of 1/100 s on Linux.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let ticks: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    ticks.iter().sum::<f64>() / 100.0
}

/// The JPEG with a comment segment naming `i` after its start marker: different bytes, the
/// same picture and the same decoding cost.
fn with_comment(jpeg: &[u8], i: usize) -> Vec<u8> {
    let text = format!("gradlab bench photo {i}");
    let len = (text.len() + 2) as u16;
    let mut out = Vec::with_capacity(jpeg.len() + text.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A workspace under `tmp` with school 10418, and a batch folder of `n` students in classes of
/// `class_size` (not yet imported). Photos are the demo's synthetic, standard-conforming
/// JPEGs: 64 are drawn and each copy gets a unique comment segment, so every file differs
/// while it costs the same to check and embed as a real photo.
pub fn workspace_with_batch(tmp: &Path, n: usize, class_size: usize) -> (Workspace, PathBuf) {
    let bases: Vec<Vec<u8>> = (0..64).map(|i| demo::synthetic_photo(i as u64)).collect();
    workspace_with_photos(tmp, n, class_size, &bases)
}

/// [`workspace_with_batch`] imported (every photo accepted) and its batch folder removed, as a
/// job embeds the store's files, not the batch's.
pub fn imported_workspace(tmp: &Path, n: usize, class_size: usize) -> Workspace {
    let (ws, dir) = workspace_with_batch(tmp, n, class_size);
    let report = gradlab::app::batch::import(&ws, &dir, false, &gradlab::progress::Silent).expect("import");
    assert_eq!(report.accepted.len(), n, "every photo accepted");
    std::fs::remove_dir_all(&dir).expect("remove batch dir");
    ws
}

/// 64 portraits of a real face, placed a little differently each (offset, size, tilt), so the
/// photo check's detector and measures do their whole work on every photo. Encoded as cameras
/// and photo software send them (4:2:0, quality 80): 26-32 KB, within the standard's 20-40 KB.
/// The tests' own portrait (quality 90, 4:4:4) is 58 KB, which the import warns of on every
/// photo and which takes twice as long to decode as a photo of the standard's size.
pub fn portraits() -> Vec<Vec<u8>> {
    portraits_at(80)
}

/// [`portraits`] encoded at this JPEG quality (80 gives the standard's 20-40 KB; lower
/// qualities give the smaller files some measurements were taken on).
pub fn portraits_at(quality: u8) -> Vec<Vec<u8>> {
    (0..64)
        .map(|i| {
            let pose = portrait::Pose {
                face_width: 170.0 + (i % 8) as f32 * 10.0,
                eye_line: 240.0 + (i / 8) as f32 * 8.0,
                centre: 210.0 + (i % 5) as f32 * 15.0,
                degrees: (i % 7) as f32 - 3.0,
                ..Default::default()
            };
            let img = portrait::portrait_rgb(&pose);
            let mut out = Vec::new();
            let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
            enc.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
            enc.set_density(jpeg_encoder::PixelDensity::dpi(300));
            enc.encode(img.as_raw(), 480, 640, jpeg_encoder::ColorType::Rgb).expect("encode portrait");
            out
        })
        .collect()
}

/// Like [`workspace_with_batch`], with these photos (each copy made unique).
pub fn workspace_with_photos(tmp: &Path, n: usize, class_size: usize, bases: &[Vec<u8>]) -> (Workspace, PathBuf) {
    let ws = workspace_with_school(&tmp.join("ws"), None);
    (ws, batch_folder(tmp, n, class_size, bases))
}

/// A new workspace at `root` with school 10418; its store on the PostgreSQL server at `url`
/// when one is given, else its own SQLite file.
pub fn workspace_with_school(root: &Path, url: Option<&str>) -> Workspace {
    let choice = url.map(|url| gradlab::app::settings::StoreChoice { url: url.into(), ..Default::default() });
    let (ws, _) = Workspace::init_with_store(root, &Default::default(), choice.as_ref()).expect("init");
    schools::add(&ws, &schools::NewSchool { code: "10418".into(), name: "基准大学".into(), ..Default::default() })
        .expect("school");
    ws
}

/// A batch folder under `tmp` of `n` students of school 10418 in classes of `class_size`, with
/// these photos (each copy made unique).
pub fn batch_folder(tmp: &Path, n: usize, class_size: usize, bases: &[Vec<u8>]) -> PathBuf {
    school_batch(&tmp.join("batch"), "10418", 0..n, class_size, bases)
}

/// A batch folder `dir` of school `school`: students numbered `students` (their collection codes
/// and 学号 follow the number) in classes of `class_size`. The k-th student's photo is the k-th
/// unique copy of `bases`, so two schools' batches of the same size share their photos' bytes.
pub fn school_batch(
    dir: &Path,
    school: &str,
    students: std::ops::Range<usize>,
    class_size: usize,
    bases: &[Vec<u8>],
) -> PathBuf {
    std::fs::create_dir_all(dir).expect("batch dir");
    let mut csv = String::from("sjc,cjm,yxdm,zjhm,xh,cc,xllb,xm,bh,拍摄序号\n");
    for (k, i) in students.enumerate() {
        let cjm = format!("Bench{i:011}");
        let _ = writeln!(
            csv,
            "{},{cjm},{school},{:04},2024{:09},本科,普通高校,张*三,{}班,{k}",
            1_716_000_000_000i64 + i as i64,
            i % 10_000,
            i,
            k / class_size + 1
        );
        std::fs::write(dir.join(format!("{cjm}.jpg")), with_comment(&bases[k % bases.len()], k)).expect("photo");
    }
    std::fs::write(dir.join("数据表.csv"), csv).expect("table");
    dir.to_path_buf()
}

/// Run this bench binary again as a child with `flag ROOT JOB` (the part to time, alone in its
/// own process so its peak memory is its own); its wall time and what it printed.
pub fn timed_child(flag: &str, root: &Path, job: &str) -> (f64, String) {
    let exe = std::env::current_exe().expect("current exe");
    let t = std::time::Instant::now();
    let child = std::process::Command::new(&exe).arg(flag).arg(root).arg(job).output().expect("bench child");
    let wall = t.elapsed().as_secs_f64();
    let out = String::from_utf8_lossy(&child.stdout).into_owned();
    if !child.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&child.stderr));
        panic!("bench child {flag} failed: {}", child.status);
    }
    (wall, out)
}

/// The number a bench child printed as `key=value`.
pub fn field(out: &str, key: &str) -> f64 {
    out.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("bench child printed no {key}: {out}"))
}

/// In a bench child's arguments, the workspace and job after `flag`.
pub fn child_job<'a>(args: &'a [String], flag: &str) -> Option<(&'a Path, &'a str)> {
    let i = args.iter().position(|a| a == flag)?;
    match (args.get(i + 1), args.get(i + 2)) {
        (Some(root), Some(job)) => Some((Path::new(root), job)),
        _ => panic!("usage: {flag} <workspace> <job>"),
    }
}
