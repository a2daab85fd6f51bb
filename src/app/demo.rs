//! `gradlab demo`: a fresh workspace with a synthetic school, standard-conforming synthetic
//! photos, an approved batch and a roster in a different order, imported the way a technician
//! would. Everything is generated from a fixed seed, so two runs give the same store.

use super::schools::NewSchool;
use super::{Workspace, batch, jobs, roster, schools};
use crate::domain::name;
use crate::error::{Error, IoContext, Result};
use crate::progress::Progress;
use serde::Serialize;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const MARKER: &str = ".gradlab-demo";
pub const SCHOOL_CODE: &str = "10418";
const SCHOOL_NAME: &str = "南山示范大学";
const CLASSES: [&str; 3] = ["计算机科学与技术2201班", "软件工程2202班", "网络工程2203班"];
const PER_CLASS: [usize; 3] = [44, 42, 40];

/// A tiny deterministic generator (xorshift64*), enough for synthetic data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A synthetic but standard-conforming photo: 480x640, light-blue background RGB(100,197,255),
/// a head and shoulders placed where the standard wants them (hairline ~80 px, eyes ~250 px,
/// face ~200 px wide), 300 dpi, 3 components, about 25-35 KB.
pub fn synthetic_photo(seed: u64) -> Vec<u8> {
    let (w, h) = (480usize, 640usize);
    let mut rng = Rng::new(seed);
    let skin = [215 + rng.below(25) as i32, 170 + rng.below(30) as i32, 140 + rng.below(30) as i32];
    let hair = [20 + rng.below(30) as i32, 15 + rng.below(20) as i32, 10 + rng.below(20) as i32];
    let suit = [30 + rng.below(40) as i32, 35 + rng.below(40) as i32, 50 + rng.below(60) as i32];
    let face_w = 190.0 + rng.below(40) as f64;
    let (cx, face_cy, face_ry) = (240.0, 270.0, 135.0);
    let mut px = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f64, y as f64);
            let in_face = ((fx - cx) / (face_w / 2.0)).powi(2) + ((fy - face_cy) / face_ry).powi(2) <= 1.0;
            let in_hair =
                ((fx - cx) / (face_w / 2.0 + 14.0)).powi(2) + ((fy - 205.0) / 130.0).powi(2) <= 1.0 && fy < 215.0;
            let eye = |ex: f64| ((fx - ex) / 16.0).powi(2) + ((fy - 250.0) / 7.0).powi(2) <= 1.0;
            let in_eyes = eye(cx - 45.0) || eye(cx + 45.0);
            let in_neck = (fx - cx).abs() < 45.0 && fy > 380.0 && fy < 470.0;
            let shoulder = 470.0 + ((fx - cx).abs() - 60.0).max(0.0) * 0.35;
            let in_suit = fy > shoulder;
            let base = if in_eyes {
                [40, 30, 30]
            } else if in_hair && !(in_face && fy > 150.0) {
                hair
            } else if in_face || in_neck {
                skin
            } else if in_suit {
                suit
            } else {
                [100, 197, 255]
            };
            let noise = (rng.next_u64() % 9) as i32 - 4;
            let shade = if in_face { ((fx - cx) / 25.0) as i32 } else { 0 };
            for c in base {
                px.push((c + noise - shade).clamp(0, 255) as u8);
            }
        }
    }
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 84);
    enc.set_density(jpeg_encoder::PixelDensity::dpi(300));
    // Encoding an in-memory buffer of the right size cannot fail.
    let _ = enc.encode(&px, w as u16, h as u16, jpeg_encoder::ColorType::Rgb);
    out
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳",
    "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "晓东",
    "雨萱", "子涵", "浩然", "思远", "㛃", "𠅤", "䶮", "梓㛃", "一𠅤",
];

/// One synthetic student: his collection-code fields, full name (for the roster) and photo seed.
#[derive(Debug, Clone)]
pub struct DemoStudent {
    pub cjm: String,
    pub xh: String,
    pub full_name: String,
    pub bh: String,
    pub zjhm: String,
    pub sjc: i64,
    pub seq: usize,
}

/// The demo school's students, class by class in shooting order.
pub fn students() -> Vec<DemoStudent> {
    let mut rng = Rng::new(2026);
    let mut out = Vec::new();
    let alphabet: Vec<char> = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".chars().collect();
    let mut seq = 0;
    for (ci, (bh, n)) in CLASSES.iter().zip(PER_CLASS).enumerate() {
        for k in 0..n {
            seq += 1;
            let cjm: String = (0..16).map(|_| *rng.pick(&alphabet)).collect();
            let mut full_name = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
            // Make sure the rare characters appear in the demo whatever the generator picks.
            match seq {
                3 => full_name = "李梓㛃".into(),
                5 => full_name = "王小𠅤".into(),
                8 => full_name = "赵一䶮".into(),
                _ => {}
            }
            let first17 = format!(
                "{:06}{:04}{:02}{:02}{:03}",
                440305,
                2003 + rng.below(3),
                1 + rng.below(12),
                1 + rng.below(28),
                rng.below(1000)
            );
            let check = crate::domain::id_number::check_char(&first17).unwrap_or('0');
            out.push(DemoStudent {
                cjm,
                xh: format!("2022{:02}{:02}{:05}", ci + 1, 1, 1000 + k * 3 + rng.below(3)),
                full_name,
                bh: bh.to_string(),
                zjhm: format!("{first17}{check}"),
                sjc: 1_779_000_000_000 + (seq as i64) * 47_000,
                seq,
            });
        }
    }
    out
}

#[derive(Debug, Serialize)]
pub struct Demo {
    pub workspace: PathBuf,
    pub school: String,
    pub batch_folder: PathBuf,
    pub roster_file: PathBuf,
    pub students: usize,
    pub classes: usize,
    pub batch: batch::BatchReport,
    pub roster: roster::RosterReport,
    pub job: jobs::JobCreated,
    pub pdf_parts: Vec<String>,
    pub preview: PathBuf,
}

impl Demo {
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "demo workspace: {}", self.workspace.display());
        let _ = writeln!(
            s,
            "  school {} {}, {} students in {} classes",
            self.school, SCHOOL_NAME, self.students, self.classes
        );
        let _ = writeln!(
            s,
            "  batch  {} -> {} accepted, {} rejected",
            self.batch_folder.display(),
            self.batch.accepted.len(),
            self.batch.rejected.len()
        );
        let _ = writeln!(
            s,
            "  roster {} -> {} rows, {} matched",
            self.roster_file.display(),
            self.roster.rows,
            self.roster.matched
        );
        let _ = writeln!(
            s,
            "  job    {}: {} sheets for {} students in {} packets, layout {}",
            self.job.id, self.job.sheets, self.job.students, self.job.packets, self.job.layout
        );
        for p in &self.pdf_parts {
            let _ = writeln!(s, "  pdf    {p}");
        }
        let _ = writeln!(s, "  preview {}", self.preview.display());
        let _ = writeln!(s, "try:");
        let ws = self.workspace.display();
        let _ = writeln!(s, "  gradlab --workspace {ws} student list --school {}", self.school);
        let _ = writeln!(s, "  gradlab --workspace {ws} job show {}", self.job.id);
        s
    }
}

/// Remove an earlier demo at `dir`, but never a folder that is not one.
fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir).at(dir)?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(crate::msg!("demo-folder-taken", dir = dir.display().to_string()).into());
        }
        fs::remove_dir_all(dir).at(dir)?;
    }
    fs::create_dir_all(dir).at(dir)?;
    fs::write(dir.join(MARKER), "made by `gradlab demo`; safe to delete\n").at(dir.join(MARKER))
}

fn write_batch(folder: &Path, students: &[DemoStudent]) -> Result<()> {
    fs::create_dir_all(folder).at(folder)?;
    let mut csv = String::from("\u{feff}时间戳,采集码,院校代码,证件号码,学号,层次,学历类别,姓名,班级,拍摄序号\n");
    for s in students {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},本科,普通高校,{},{},{}",
            s.sjc,
            s.cjm,
            SCHOOL_CODE,
            &s.zjhm[14..],
            s.xh,
            name::mask(&s.full_name),
            s.bh,
            s.seq
        );
        let p = folder.join(format!("{}.jpg", s.cjm));
        fs::write(&p, synthetic_photo(s.seq as u64)).at(&p)?;
    }
    let p = folder.join("数据表.csv");
    fs::write(&p, csv).at(p)
}

/// The school's roster: a title row, then the rows sorted by full name (not the batch order),
/// 学号 stored as numbers the way Excel keeps them.
fn write_roster(path: &Path, students: &[DemoStudent]) -> Result<()> {
    let mut sorted: Vec<&DemoStudent> = students.iter().collect();
    sorted.sort_by(|a, b| a.bh.cmp(&b.bh).then_with(|| b.xh.cmp(&a.xh)));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let xerr = |e: rust_xlsxwriter::XlsxError| Error::input(format!("{}: {e}", path.display()));
    ws.write_string(0, 0, format!("{SCHOOL_NAME}2026届毕业生名单")).map_err(xerr)?;
    for (c, h) in ["序号", "学号", "姓名", "班级", "身份证号"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).map_err(xerr)?;
    }
    for (i, s) in sorted.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_number(r, 0, (i + 1) as f64).map_err(xerr)?;
        ws.write_number(r, 1, s.xh.parse::<f64>().unwrap_or(0.0)).map_err(xerr)?;
        ws.write_string(r, 2, &s.full_name).map_err(xerr)?;
        ws.write_string(r, 3, &s.bh).map_err(xerr)?;
        ws.write_string(r, 4, &s.zjhm).map_err(xerr)?;
    }
    wb.save(path).map_err(xerr)
}

pub fn run(dir: &Path, progress: &dyn Progress) -> Result<Demo> {
    prepare_dir(dir)?;
    let lab = crate::app::settings::LabIdentity {
        name: Some("南山照相馆（演示）".into()),
        sender_address: Some("广东省深圳市南山区学府路 1 号 照片冲印部".into()),
        sender_phone: Some("0755-2600 0000".into()),
    };
    let (ws, _) = Workspace::init(dir, &lab)?;
    schools::add(
        &ws,
        &NewSchool {
            code: SCHOOL_CODE.into(),
            name: SCHOOL_NAME.into(),
            emails: vec!["photos@nanshan.example.edu.cn".into()],
            address: Some("广东省深圳市南山区学苑大道1号 南山示范大学教务处".into()),
            contact: Some("陈老师".into()),
            phone: Some("0755-12345678".into()),
        },
    )?;
    let students = students();
    let inbox = dir.join("inbox");
    let batch_folder = inbox.join(format!("batch-{SCHOOL_CODE}"));
    progress.stage(&crate::i18n::tr("stage-making-photos"), 0);
    write_batch(&batch_folder, &students)?;
    let roster_file = inbox.join(format!("{SCHOOL_CODE}-名单.xlsx"));
    write_roster(&roster_file, &students)?;
    let batch = batch::import(&ws, &batch_folder, false, progress)?;
    let roster = roster::import(&ws, &roster_file, SCHOOL_CODE, None, false)?;
    let job = jobs::create(&ws, &jobs::JobRequest { school: SCHOOL_CODE.into(), ..Default::default() })?;
    let rendered = jobs::render(&ws, job.id, progress)?;
    let preview = jobs::preview(&ws, job.id, None, &dir.join("preview.png"))?;
    Ok(Demo {
        workspace: dir.to_path_buf(),
        school: SCHOOL_CODE.into(),
        batch_folder,
        roster_file,
        students: students.len(),
        classes: CLASSES.len(),
        batch,
        roster,
        job,
        pdf_parts: rendered.parts.into_iter().map(|p| p.path).collect(),
        preview,
    })
}
