//! Writes a small approved batch of portraits of a real face (the tests' NASA portrait, one
//! placed as the standard wants and others not) for school 10418 into DIR, so that
//! `scripts/gui-screenshots` can import it and show the photo check's findings drawn over the
//! photos. Run with `cargo run --example photo_check_batch -- DIR`.

#[path = "../tests/common/portrait.rs"]
mod portrait;

use portrait::Pose;
use std::fmt::Write as _;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: photo_check_batch DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the batch folder");
    let d = Pose::default();
    let poses = [
        ("居中端正", d),
        ("偏右", Pose { centre: 305.0, ..d }),
        ("倾斜", Pose { degrees: 9.0, ..d }),
        ("脸小", Pose { face_width: 150.0, eye_line: 280.0, ..d }),
        ("背景偏粉", Pose { background: [250, 190, 205], ..d }),
    ];
    let mut csv = String::from("\u{feff}时间戳,采集码,院校代码,证件号码,学号,层次,学历类别,姓名,班级,拍摄序号\n");
    for (i, (_, pose)) in poses.iter().enumerate() {
        let cjm = format!("FaceCheck{i:07}");
        let _ = writeln!(
            csv,
            "{},{cjm},10418,{:04},20269900{i:05},本科,普通高校,补*拍,补拍班,{i}",
            1_780_000_000_000i64,
            1000 + i
        );
        std::fs::write(dir.join(format!("{cjm}.jpg")), portrait::portrait(pose)).expect("write a photo");
    }
    std::fs::write(dir.join("数据表.csv"), csv).expect("write the data table");
    for (i, (what, _)) in poses.iter().enumerate() {
        println!("FaceCheck{i:07}: {what}");
    }
}
