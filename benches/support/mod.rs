//! What the benchmarks share: peak memory of this process, and a fresh workspace with a
//! registered school and an approved batch folder of N synthetic students.

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
    let (ws, _) = Workspace::init(&tmp.join("ws"), &Default::default()).expect("init");
    schools::add(&ws, &schools::NewSchool { code: "10418".into(), name: "基准大学".into(), ..Default::default() })
        .expect("school");
    let bases: Vec<Vec<u8>> = (0..64).map(|i| demo::synthetic_photo(i as u64)).collect();
    let dir = tmp.join("batch");
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
            i / class_size + 1
        );
        std::fs::write(dir.join(format!("{cjm}.jpg")), with_comment(&bases[i % 64], i)).expect("photo");
    }
    std::fs::write(dir.join("数据表.csv"), csv).expect("table");
    (ws, dir)
}
