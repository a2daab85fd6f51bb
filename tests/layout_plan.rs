//! Layouts and sheet planning, from outside the library: random valid layouts never put two
//! things on top of each other or outside the printable area, every student is planned exactly
//! once and in order, classes never share a sheet, separators appear exactly when asked; and
//! the shipped layouts, loading, error messages, PDF part splitting and composing.

use gradlab::domain::PrintedStudent;
use gradlab::layout::{
    self, CaptionStudent, ComposeError, Layout, SheetContext, SheetKind, SheetPlan, plan, split_parts,
};
use gradlab::render::font::Font;
use gradlab::render::{Item, PageSpec, Rect};
use proptest::prelude::*;

const EPS: f64 = 1e-6;

/// Overlap with a hair of tolerance, for float sums of mm.
fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - EPS && b.x < a.right() - EPS && a.y < b.bottom() - EPS && b.y < a.bottom() - EPS
}

// ---------- random layouts ----------

#[derive(Debug, Clone)]
struct Knobs {
    paper: String,
    margins: [f64; 4],
    blocks: Vec<(f64, f64, u32, u32)>,
    explicit: Option<Vec<(f64, f64, f64, f64)>>,
    down: bool,
    gap: f64,
    caption_right: bool,
    caption_size: f64,
    font: (f64, f64),
    lines: Vec<&'static str>,
    barcode: Option<(bool, f64, u32, f64)>,
    sheet: (u32, u32, f64, f64, bool, bool),
    header: Option<(f64, bool)>,
    footer: Option<f64>,
    crop: bool,
    separator: bool,
}

const LINES: &[&str] =
    &["{xh} {xm}", "{bh}", "{yxdm} {cc} {xllb}", "证件后四位 {zjhm4} 采集码 {cjm}", "采集日期 {date}"];

fn knobs() -> impl Strategy<Value = Knobs> {
    let paper = prop_oneof![
        prop::sample::select(vec!["A4", "A5", "A6", "6inch", "5inch", "letter"]).prop_flat_map(|s| {
            prop::sample::select(vec!["portrait", "landscape"])
                .prop_map(move |o| format!("size = \"{s}\"\norientation = \"{o}\""))
        }),
        (80.0..330.0f64, 80.0..420.0f64).prop_map(|(w, h)| format!("width_mm = {w:.1}\nheight_mm = {h:.1}")),
    ];
    let block = (12.0..50.0f64, 15.0..60.0f64, 1u32..3, 1u32..5);
    let explicit = prop::collection::vec((0.0..4.0f64, 0.0..10.0f64, 10.0..40.0f64, 10.0..50.0f64), 1..5);
    (
        (
            paper,
            prop::array::uniform4(0.0..15.0f64),
            prop::collection::vec(block, 1..3),
            prop::option::weighted(0.25, explicit),
        ),
        (any::<bool>(), 0.0..5.0f64, any::<bool>(), 6.0..40.0f64, (4.0..10.0f64, 0.3..1.0f64)),
        prop::sample::subsequence(LINES.to_vec(), 1..=LINES.len()),
        prop::option::of((any::<bool>(), 8.0..12.0f64, 3u32..20, prop::sample::select(vec![0.0, 5.0, 6.0]))),
        (1u32..4, 1u32..4, 0.0..10.0f64, 0.0..10.0f64, any::<bool>(), any::<bool>()),
        (prop::option::of((10.0..16.0f64, any::<bool>())), prop::option::of(4.0..8.0f64), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (paper, margins, blocks, explicit),
                (down, gap, caption_right, caption_size, font),
                lines,
                barcode,
                sheet,
                (header, footer, crop, separator),
            )| {
                Knobs {
                    paper,
                    margins,
                    blocks,
                    explicit,
                    down,
                    gap,
                    caption_right,
                    caption_size,
                    font: (font.0, font.0 * font.1),
                    lines,
                    barcode,
                    sheet,
                    header,
                    footer,
                    crop,
                    separator,
                }
            },
        )
}

fn toml_of(k: &Knobs) -> String {
    let mut t = String::new();
    let [top, right, bottom, left] = k.margins;
    t += &format!(
        "[paper]\n{}\nmargins_mm = {{ top = {top}, right = {right}, bottom = {bottom}, left = {left} }}\n",
        k.paper
    );
    t += &format!("[group]\ngap_mm = {}\ndirection = \"{}\"\n", k.gap, if k.down { "down" } else { "right" });
    match &k.explicit {
        // Explicit photos side by side with random steps, so they never overlap.
        Some(photos) => {
            let mut x = 0.0;
            for (dx, y, w, h) in photos {
                x += dx;
                t += &format!("[[group.photos]]\nx_mm = {x}\ny_mm = {y}\nwidth_mm = {w}\nheight_mm = {h}\n");
                x += w;
            }
        }
        None => {
            for (w, h, rows, columns) in &k.blocks {
                t +=
                    &format!("[[group.blocks]]\nwidth_mm = {w}\nheight_mm = {h}\nrows = {rows}\ncolumns = {columns}\n");
            }
        }
    }
    let size_key = if k.caption_right { "position = \"right\"\nwidth_mm" } else { "position = \"below\"\nheight_mm" };
    let lines: Vec<String> = k.lines.iter().map(|l| format!("{l:?}")).collect();
    t += &format!(
        "[caption]\n{size_key} = {}\nfont_pt = {}\nmin_font_pt = {}\nlines = [{}]\n",
        k.caption_size,
        k.font.0,
        k.font.1,
        lines.join(", ")
    );
    if let Some((above, h, chars, text_pt)) = k.barcode {
        let pos = if above { "above" } else { "below" };
        t += &format!("[barcode]\nposition = \"{pos}\"\nheight_mm = {h}\nmax_chars = {chars}\ntext_pt = {text_pt}\n");
    }
    let (rows, columns, gx, gy, by_columns, center) = k.sheet;
    t += &format!(
        "[sheet]\nrows = {rows}\ncolumns = {columns}\ngap_x_mm = {gx}\ngap_y_mm = {gy}\norder = \"{}\"\nalign = \"{}\"\n",
        if by_columns { "columns" } else { "rows" },
        if center { "center" } else { "top_left" }
    );
    if let Some((h, barcode)) = k.header {
        t += &format!(
            "[header]\nheight_mm = {h}\ntext = \"{{job}} {{school}} {{class}} {{sheet}}/{{sheets}}\"\nbarcode = {barcode}\n"
        );
    }
    if let Some(h) = k.footer {
        t += &format!("[footer]\nheight_mm = {h}\ntext = \"{{sheet}}/{{sheets}}\"\nfont_pt = 7\nmin_font_pt = 5\n");
    }
    if k.crop {
        t += "[crop_marks]\nlength_mm = 3\noffset_mm = 1\n";
    }
    if k.separator {
        t += "[separator]\nfont_pt = 14\nmin_font_pt = 8\n";
    }
    t
}

/// Random layouts that pass validation, with their TOML text.
fn valid_layouts() -> impl Strategy<Value = (Layout, String)> {
    knobs().prop_filter_map("layout does not fit its paper", |k| {
        let text = toml_of(&k);
        Layout::from_toml(&text, "random.toml").ok().map(|l| (l, text))
    })
}

/// Random layouts that pass the value and size checks. The loader's last check (nothing
/// overlaps, nothing leaves the printable area) is a safety net that must never fire: a layout
/// it refuses is kept, as an error, so the property below fails on it.
fn sized_layouts() -> impl Strategy<Value = (Result<Layout, String>, String)> {
    knobs().prop_filter_map("layout does not fit its paper", |k| {
        let text = toml_of(&k);
        match Layout::from_toml(&text, "random.toml") {
            Ok(l) => Some((Ok(l), text)),
            Err(e) => {
                let e = e.to_string();
                let net = e.contains(" leaves the printable area")
                    || (e.contains(" overlaps ") && !e.contains("group.photos["));
                net.then_some((Err(e), text))
            }
        }
    })
}

fn classes() -> impl Strategy<Value = Vec<(String, usize)>> {
    prop::collection::vec(0usize..25, 0..6)
        .prop_map(|sizes| sizes.into_iter().enumerate().map(|(i, n)| (format!("班{i}"), n)).collect())
}

/// Every part of every group slot, the header and the footer, named for messages.
fn sheet_parts(layout: &Layout) -> Vec<(String, Rect)> {
    let mut parts = Vec::new();
    for (i, s) in layout.group_slots().iter().enumerate() {
        for (j, p) in s.photos.iter().enumerate() {
            parts.push((format!("group {i} photo {j}"), *p));
        }
        parts.push((format!("group {i} caption"), s.caption));
        if let Some(b) = s.barcode {
            parts.push((format!("group {i} barcode"), b));
        }
    }
    parts.extend(layout.header().map(|b| ("header".to_string(), b.rect)));
    parts.extend(layout.footer().map(|b| ("footer".to_string(), b.rect)));
    parts
}

fn student(i: usize) -> CaptionStudent {
    CaptionStudent {
        student: PrintedStudent {
            cjm: format!("Hx4KcUcselto{i:04}"),
            xh: format!("2018{i:06}"),
            xm: "李*".into(),
            bh: "软工三班".into(),
            cc: "本科".into(),
            xllb: "普通高校".into(),
            yxdm: "10418".into(),
            zjhm4: "471X".into(),
            sjc: Some(1653446320558),
            full_name: None,
            photo_sha256: format!("{i:064x}"),
        },
        barcode: format!("T{i}K"),
    }
}

fn context(sheet: &SheetPlan, total: usize, class_count: usize) -> SheetContext {
    SheetContext {
        job: "J12X".into(),
        school_code: "10418".into(),
        school_name: "江西师范大学".into(),
        class: sheet.class().into(),
        sheet: sheet.number,
        sheets: total,
        sheet_barcode: format!("S{}K", sheet.number),
        packet_barcode: Some("P7K".into()),
        class_count,
        zone: gradlab::domain::local_time::Zone::CHINA,
        students: sheet.placements.iter().map(|p| student(p.student)).collect(),
    }
}

fn photo_frames(page: &PageSpec) -> Vec<Rect> {
    page.items.iter().filter_map(|i| if let Item::Photo { frame, .. } = i { Some(*frame) } else { None }).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_layouts_never_overlap_or_leave_the_printable_area((layout, text) in sized_layouts()) {
        let layout = match layout {
            Ok(l) => l,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };
        let printable = layout.printable();
        let parts = sheet_parts(&layout);
        prop_assert_eq!(layout.group_slots().len(), layout.groups_per_sheet());
        for (name, r) in &parts {
            prop_assert!(printable.contains(r, EPS), "{} {:?} leaves {:?}\n{}", name, r, printable, text);
        }
        for (i, (a, ra)) in parts.iter().enumerate() {
            for (b, rb) in &parts[..i] {
                prop_assert!(!overlaps(ra, rb), "{} overlaps {}\n{}", a, b, text);
            }
        }
        for slot in layout.group_slots() {
            for r in slot.photos.iter().chain([&slot.caption]).chain(slot.barcode.as_ref()) {
                prop_assert!(slot.cell.contains(r, EPS));
            }
        }
        // A frozen copy reads back as the same layout.
        let frozen = layout.to_toml().unwrap();
        prop_assert_eq!(&Layout::from_toml(&frozen, "random.toml").unwrap(), &layout);
    }

    #[test]
    fn planning_places_every_student_once_in_order((layout, _text) in valid_layouts(), classes in classes()) {
        let sheets = plan(&layout, &classes);
        let per = layout.groups_per_sheet();
        let separators = layout.separator_on().is_some();
        let mut next_student = 0;
        let mut starts = vec![0usize];
        for (_, n) in &classes {
            starts.push(starts.last().unwrap() + n);
        }
        for (i, s) in sheets.iter().enumerate() {
            prop_assert_eq!(s.number, i + 1);
            let (class, count) = &classes[s.class_index];
            prop_assert_eq!(s.class(), class.as_str());
            match &s.kind {
                SheetKind::Separator { .. } => {
                    prop_assert!(separators && *count > 0);
                    prop_assert!(s.placements.is_empty());
                    // Right before the class's first photo sheet.
                    prop_assert_eq!(next_student, starts[s.class_index]);
                    let next_is_photos = matches!(sheets.get(i + 1).map(|n| &n.kind), Some(SheetKind::Photos { .. }));
                    prop_assert!(next_is_photos);
                    prop_assert_eq!(sheets[i + 1].class_index, s.class_index);
                }
                SheetKind::Photos { .. } => {
                    prop_assert!(!s.placements.is_empty() && s.placements.len() <= per);
                    for (slot, p) in s.placements.iter().enumerate() {
                        prop_assert_eq!(p.slot, slot);
                        prop_assert_eq!(p.student, next_student);
                        // Never a student of another class on this sheet.
                        prop_assert!(p.student >= starts[s.class_index] && p.student < starts[s.class_index + 1]);
                        next_student += 1;
                    }
                    // A sheet is only partly filled when its class ends there.
                    if s.placements.len() < per {
                        prop_assert_eq!(next_student, starts[s.class_index + 1]);
                    }
                }
            }
        }
        prop_assert_eq!(next_student, starts[classes.len()]);
        let expected_separators = if separators { classes.iter().filter(|(_, n)| *n > 0).count() } else { 0 };
        prop_assert_eq!(sheets.iter().filter(|s| s.is_separator()).count(), expected_separators);
        let expected_photo_sheets: usize = classes.iter().map(|(_, n)| n.div_ceil(per)).sum();
        prop_assert_eq!(sheets.iter().filter(|s| !s.is_separator()).count(), expected_photo_sheets);
    }

    #[test]
    fn composed_sheets_keep_the_layout_frames((layout, text) in valid_layouts(), classes in classes()) {
        let sheets = plan(&layout, &classes);
        let slots = layout.group_slots();
        let printable = layout.printable();
        for sheet in sheets.iter().take(6) {
            let count = classes[sheet.class_index].1;
            let page = match layout::compose(&layout, sheet, &context(sheet, sheets.len(), count)) {
                Ok(page) => page,
                // A random strip may be too narrow for real data; that is a named refusal.
                Err(ComposeError::DoesNotFit { .. } | ComposeError::Barcode { .. }) => continue,
                Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
            };
            let expected: Vec<Rect> = sheet.placements.iter().flat_map(|p| slots[p.slot].photos.clone()).collect();
            let frames = photo_frames(&page);
            prop_assert_eq!(&frames, &expected);
            for item in &page.items {
                match item {
                    Item::Line { x1, y1, x2, y2, .. } => {
                        let r = Rect::new(x1.min(*x2), y1.min(*y2), (x2 - x1).abs(), (y2 - y1).abs());
                        prop_assert!(printable.contains(&r, EPS), "mark {:?} outside\n{}", item, text);
                        let hair = Rect::new(r.x - 0.01, r.y - 0.01, r.w + 0.02, r.h + 0.02);
                        prop_assert!(frames.iter().all(|f| !overlaps(f, &hair)), "mark {:?} on a photo\n{}", item, text);
                    }
                    Item::Barcode { payload, rect } => {
                        prop_assert!(printable.contains(rect, EPS));
                        prop_assert!(rect.w / (11.0 * payload.len() as f64 + 35.0) >= 0.25 - EPS);
                        prop_assert!(rect.h >= 8.0 - EPS);
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn parts_are_contiguous_bounded_and_break_at_classes(sizes in prop::collection::vec(1usize..9, 0..8), max in 1usize..7) {
        let sheets: Vec<SheetPlan> = sizes
            .iter()
            .enumerate()
            .flat_map(|(c, &n)| std::iter::repeat_n(c, n))
            .enumerate()
            .map(|(i, c)| SheetPlan { number: i + 1, class_index: c, kind: SheetKind::Photos { class: c.to_string() }, placements: vec![] })
            .collect();
        let parts = split_parts(&sheets, max);
        let mut at = 0;
        for part in &parts {
            prop_assert_eq!(part.start, at);
            prop_assert!(!part.is_empty() && part.len() <= max);
            let boundary = |i: usize| sheets[i].class_index != sheets[i - 1].class_index;
            if part.end < sheets.len() && !boundary(part.end) {
                // Cut inside a class only when the part held no class boundary at all.
                prop_assert_eq!(part.len(), max);
                prop_assert!((part.start + 1..part.end).all(|i| !boundary(i)));
            }
            at = part.end;
        }
        prop_assert_eq!(at, sheets.len());
    }
}

// ---------- the shipped layouts and loading ----------

#[test]
fn every_shipped_layout_loads_by_name_by_path_and_builtin() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(layout::builtin_names()[0], layout::DEFAULT_LAYOUT);
    for name in ["a4-2cun-x4", "6inch-2cun-x4", "6inch-1cun-x8", "a4-mixed-2cun4-1cun4"] {
        let from_dir = layout::load(name, &root).unwrap();
        let from_path = layout::load(root.join(format!("{name}.toml")).to_str().unwrap(), empty.path()).unwrap();
        let built_in = layout::load(name, empty.path()).unwrap();
        assert_eq!(from_dir, built_in, "{name}: the compiled-in copy differs from the file");
        assert_eq!(from_path, built_in);
        assert_eq!(built_in.name, name);
        assert!(plan(&built_in, &[("班".into(), 9)]).len() >= 2);
    }
    let l = layout::load("a4-mixed-2cun4-1cun4", empty.path()).unwrap();
    let sizes: Vec<(f64, f64)> = l.group_slots()[0].photos.iter().map(|r| (r.w, r.h)).collect();
    assert_eq!(sizes, [(35.0, 49.0); 4].into_iter().chain([(25.0, 35.0); 4]).collect::<Vec<_>>());
    assert_eq!(layout::load("6inch-1cun-x8", empty.path()).unwrap().group_slots()[0].photos.len(), 8);
    assert_eq!(layout::load("6inch-2cun-x4", empty.path()).unwrap().paper_mm(), (152.0, 102.0));
}

#[test]
fn a_file_in_the_workspace_wins_and_an_unknown_name_lists_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let text = layout::builtin("a4-2cun-x4").unwrap().replace("gap_x_mm = 10.0", "gap_x_mm = 12.0");
    std::fs::write(dir.path().join("a4-2cun-x4.toml"), text).unwrap();
    assert_eq!(layout::load("a4-2cun-x4", dir.path()).unwrap().sheet.gap_x_mm, 12.0);
    let e = layout::load("a3-nothing", dir.path()).unwrap_err().to_string();
    assert!(e.contains("a3-nothing") && e.contains("a4-2cun-x4") && e.contains("6inch-1cun-x8"), "{e}");
    let e = layout::load("/no/such/file.toml", dir.path()).unwrap_err().to_string();
    assert!(e.contains("/no/such/file.toml"), "{e}");
}

const SMALL: &str = r#"
[paper]
width_mm = 100
height_mm = 100
margins_mm = { top = 5, right = 5, bottom = 5, left = 5 }

[group]
[[group.blocks]]
width_mm = 40
height_mm = 40

[caption]
gap_mm = 0
height_mm = 10
font_pt = 7
min_font_pt = 5
lines = ["{xh} {xm}"]

[sheet]
rows = 1
columns = 2
"#;

#[test]
fn an_overflow_names_the_part_and_the_millimetres() {
    assert!(Layout::from_toml(SMALL, "small.toml").is_ok());
    let e = Layout::from_toml(&SMALL.replace("rows = 1", "rows = 2"), "over.toml").unwrap_err().to_string();
    assert_eq!(
        e,
        "layout over.toml: student groups need 100.0 mm of height but the printable area is 90.0 mm: 10.0 mm too much"
    );
    let e = Layout::from_toml(&SMALL.replace("columns = 2", "columns = 3"), "over.toml").unwrap_err().to_string();
    assert!(e.contains("need 120.0 mm of width but the printable area is 90.0 mm: 30.0 mm too much"), "{e}");
    let with_header = SMALL.replace("rows = 1", "rows = 2") + "[header]\nheight_mm = 10\ntext = \"{job}\"\n";
    let e = Layout::from_toml(&with_header, "h.toml").unwrap_err().to_string();
    assert!(
        e.contains(
            "need 100.0 mm of height but the printable area (less header and footer) is 78.0 mm: 22.0 mm too much"
        ),
        "{e}"
    );
    let e = Layout::from_toml(&(SMALL.to_string() + "[barcode]\n"), "b.toml").unwrap_err().to_string();
    assert!(e.contains("barcode: a 20-character barcode needs 68.8 mm") && e.contains("28.8 mm too much"), "{e}");
}

#[test]
fn unknown_keys_and_bad_values_are_refused_by_name() {
    let e = Layout::from_toml(&SMALL.replace("[sheet]", "[sheet]\ncolums = 2"), "k.toml").unwrap_err().to_string();
    assert!(e.contains("k.toml") && e.contains("colums"), "{e}");
    let e = Layout::from_toml(&SMALL.replace("width_mm = 40", "width_mm = -40"), "k.toml").unwrap_err().to_string();
    assert!(e.contains("group.blocks[0].width_mm"), "{e}");
    let e = Layout::from_toml(&SMALL.replace("min_font_pt = 5", "min_font_pt = 8"), "k.toml").unwrap_err().to_string();
    assert!(e.contains("caption.min_font_pt (8) is larger than caption.font_pt (7)"), "{e}");
    let e = Layout::from_toml(&SMALL.replace("{xm}", "{name}"), "k.toml").unwrap_err().to_string();
    assert!(e.contains("caption.lines[0]: unknown field {name}"), "{e}");
    let e = Layout::from_toml(&SMALL.replace("width_mm = 100", "size = \"A4\"\nwidth_mm = 100"), "k.toml").unwrap_err();
    assert!(e.to_string().contains("not both"), "{e}");
}

// ---------- compose ----------

fn one_sheet(layout: &Layout, n: usize) -> (SheetPlan, SheetContext) {
    let sheets = plan(layout, &[("软工三班".into(), n)]);
    let sheet = sheets.iter().find(|s| !s.is_separator()).unwrap().clone();
    let ctx = context(&sheet, sheets.len(), n);
    (sheet, ctx)
}

#[test]
fn compose_places_frames_at_the_layout_mm() {
    let l = Layout::from_toml(SMALL, "small.toml").unwrap();
    let (sheet, ctx) = one_sheet(&l, 2);
    let page = layout::compose(&l, &sheet, &ctx).unwrap();
    assert_eq!((page.width_mm, page.height_mm), (100.0, 100.0));
    assert_eq!(photo_frames(&page), vec![Rect::new(5.0, 5.0, 40.0, 40.0), Rect::new(45.0, 5.0, 40.0, 40.0)]);
}

#[test]
fn compose_shrinks_a_long_caption_then_names_the_student() {
    let l = Layout::from_toml(SMALL, "small.toml").unwrap();
    let (sheet, mut ctx) = one_sheet(&l, 1);
    // The strip is 40 mm less 2 x 0.5 mm padding: find student numbers too long for 7 pt
    // that fit at 5 pt, and ones too long even at 5 pt.
    let font = Font::bundled();
    let line = |n: usize| format!("{} 李*", "1".repeat(n));
    let shrinks = (1..200).find(|&n| font.text_width_mm(&line(n), 7.0) > 39.5).unwrap();
    let fails = (1..200).find(|&n| font.text_width_mm(&line(n), 5.0) > 39.5).unwrap();
    assert!(font.text_width_mm(&line(shrinks), 5.0) < 38.5);
    ctx.students[0].student.xh = "1".repeat(shrinks);
    let page = layout::compose(&l, &sheet, &ctx).unwrap();
    let size = page.items.iter().find_map(|i| match i {
        Item::Text { size_pt, text, .. } if text.starts_with("111") => Some(*size_pt),
        _ => None,
    });
    let size = size.unwrap();
    assert!((5.0..7.0).contains(&size), "{size}");
    ctx.students[0].student.xh = "1".repeat(fails);
    let e = layout::compose(&l, &sheet, &ctx).unwrap_err().to_string();
    assert!(e.contains(&format!("student {} ", "1".repeat(fails))) && e.contains("Hx4KcUcselto0000"), "{e}");
    assert!(e.contains("caption line 1") && e.contains("minimum 5 pt"), "{e}");
}

#[test]
fn compose_refuses_a_character_missing_from_the_font() {
    let l = Layout::from_toml(SMALL, "small.toml").unwrap();
    let (sheet, mut ctx) = one_sheet(&l, 2);
    ctx.students[1].student.xm = "王\u{E000}".into();
    let e = layout::compose(&l, &sheet, &ctx).unwrap_err();
    assert!(matches!(e, ComposeError::MissingGlyph { ch: '\u{E000}', .. }), "{e}");
    let e = e.to_string();
    assert!(e.contains("student 2018000001") && e.contains("Hx4KcUcselto0001") && e.contains("U+E000"), "{e}");
}
