//! The calibration sheet a technician prints to measure a printer's offset and scale: rulers
//! from the paper edges, crosshairs at known positions, a square of known size and the steps to
//! turn measurements into a new adjustment. It only builds a `PageSpec`; it never does I/O.
//!
//! The sheet is meant to be sent WITH the printer's current adjustment applied, so the
//! instructions correct the current values rather than start from zero.

use crate::render::font::Font;
use crate::render::{Adjustment, Item, PageSpec, Rect};

/// How the new values are entered; the only place the command is spelt out.
const COMMAND: &str = "gradlab printer set NAME --offset-x MM --offset-y MM --scale PCT";

/// What the sheet says about the printer it was printed on.
pub struct CalibrationInfo<'a> {
    pub printer: &'a str,
    pub media: &'a str,
    pub current: Adjustment,
    pub printed_at: &'a str,
}

/// Edge ruler baselines, mm from the paper edge: printers cannot print right at the edge.
const EDGE: f64 = 6.0;
/// The first tick of an edge ruler, a labelled position away from the unprintable edge.
const START: f64 = 10.0;
/// Crosshair centres' distance from the corners.
const CORNER: f64 = 20.0;
const ARM: f64 = 5.0;
const LINE_W: f64 = 0.1;
const LONG_TICK: f64 = 4.0;
const LABEL_PT: f64 = 6.0;
/// Height of digits at `LABEL_PT`, in mm, for placing labels beside ticks.
const DIGIT_H: f64 = LABEL_PT * 0.75 * 25.4 / 72.0;
const TEXT_X: f64 = 15.0;

/// Crosshair centres, in mm from the top-left corner, as printed on the sheet (nominal positions):
/// the page centre, then top-left, top-right, bottom-left and bottom-right, 20 mm in.
pub fn crosshairs(width_mm: f64, height_mm: f64) -> Vec<(f64, f64)> {
    let (w, h) = (width_mm, height_mm);
    vec![(w / 2.0, h / 2.0), (CORNER, CORNER), (w - CORNER, CORNER), (CORNER, h - CORNER), (w - CORNER, h - CORNER)]
}

/// The sheet for `width_mm` x `height_mm` portrait paper, from 6-inch photo paper (102 x 152)
/// up. The square and the centre rulers are 100 mm where the paper is at least 120 mm both ways
/// and the instructions still fit round them, else 50 mm: a sheet whose text runs off the paper
/// is worse than a smaller square.
pub fn calibration_sheet(width_mm: f64, height_mm: f64, info: &CalibrationInfo) -> PageSpec {
    let (w, h) = (width_mm, height_mm);
    let (cx, cy) = (w / 2.0, h / 2.0);
    // (square side, title pt, body pt), best first; smaller text before a smaller square.
    let layouts = [(100.0, 11.0, 8.0), (100.0, 8.0, 6.0), (50.0, 11.0, 8.0), (50.0, 8.0, 6.0)];
    let mut layouts = layouts.into_iter().filter(|l| l.0 == 50.0 || w.min(h) >= 120.0).peekable();
    let (side, text_items) = loop {
        let (side, title, body) = layouts.next().expect("the 50 mm layouts are always candidates");
        // Between the top crosshairs and the centre block, then between it and the bottom ones.
        let bands = [(CORNER + ARM + 2.0, cy - side / 2.0 - 3.0), (cy + side / 2.0 + 2.0, h - CORNER - ARM - 1.0)];
        let (items, fits) = text_lines(&instructions(w, h, side, title, body, info), &bands, w - TEXT_X - 6.0);
        if fits || layouts.peek().is_none() {
            break (side, items);
        }
    };

    let mut items = top_ruler(w);
    items.extend(left_ruler(h));
    items.extend(centre_rulers(cx, cy, side));
    for (x, y) in crosshairs(w, h) {
        items.extend(crosshair(x, y, cx, cy));
    }
    let square = Rect::new(cx - side / 2.0, cy - side / 2.0, side, side);
    items.push(Item::Frame { rect: square, width_mm: LINE_W });
    items.push(text(square.x + 1.5, square.y + 1.5 + DIGIT_H, LABEL_PT, format!("{} x {} mm", num(side), num(side))));
    items.extend(text_items);
    PageSpec { width_mm: w, height_mm: h, items }
}

/// The sheet's text lines as (size in pt, text).
fn instructions(w: f64, h: f64, side: f64, title: f64, body: f64, info: &CalibrationInfo) -> Vec<(f64, String)> {
    let a = info.current;
    let (ncx, ncy, s) = (num(w / 2.0), num(h / 2.0), num(side));
    vec![
        (title, format!("打印机校准页 / Printer calibration — {}", info.printer)),
        (body, format!("介质 Media: {}, {} x {} mm", info.media, num(w), num(h))),
        (body, format!("打印时间 Printed: {}", info.printed_at)),
        (
            body,
            format!(
                "当前校正 Current: offset x {:+.1} mm, offset y {:+.1} mm, scale {:.1}%",
                a.offset_x_mm, a.offset_y_mm, a.scale_pct
            ),
        ),
        (body, format!("1. 量中心十字到纸张左边、上边的距离（标称 {ncx}, {ncy} mm）。")),
        (body, "新偏移 x = 当前偏移 x + (标称 − 实测)，y 同理。".to_string()),
        (body, format!("2. 量 {s} mm 方框的宽度：新缩放 = 当前缩放 × {s} / 实测宽度。")),
        (body, format!("1. Measure the centre crosshair from the left and top edges (nominal {ncx}, {ncy} mm).")),
        (body, "New offset x = current offset x + (nominal − measured); the same for y.".to_string()),
        (body, format!("2. Measure the {s} mm square's width: new scale = current scale × {s} / measured width.")),
        (body, format!("3. 输入 Enter: {COMMAND}")),
    ]
}

/// Places lines top to bottom in the bands (top, bottom), each shrunk to fit `max_w`; says
/// whether they all fitted (the rest carry on below the last band).
fn text_lines(lines: &[(f64, String)], bands: &[(f64, f64)], max_w: f64) -> (Vec<Item>, bool) {
    let font = Font::bundled();
    let mut items = Vec::new();
    let (mut band, mut cursor) = (0, bands[0].0);
    for (size, line) in lines {
        let size = size.min(size * max_w / font.text_width_mm(line, *size));
        let (up, down) = (font.ascent_mm(size), font.descent_mm(size));
        if cursor + up + down > bands[band].1 && band + 1 < bands.len() {
            band += 1;
            cursor = bands[band].0;
        }
        let y = cursor + up;
        items.push(text(TEXT_X, y, size, line.clone()));
        cursor = y + down;
    }
    (items, cursor <= bands[band].1)
}

/// Ticks every mm along the top edge, from `START` to the last whole mm `START` from the right
/// edge; long ticks labelled with their distance from the left paper edge.
fn top_ruler(w: f64) -> Vec<Item> {
    let end = (w - START).floor();
    let mut items = vec![line(START, EDGE, end, EDGE)];
    for t in START as i64..=end as i64 {
        let x = t as f64;
        items.push(line(x, EDGE, x, EDGE + tick_len(t)));
        if t % 10 == 0 {
            items.push(text(x + 0.4, EDGE + LONG_TICK + 0.4 + DIGIT_H, LABEL_PT, t.to_string()));
        }
    }
    items
}

/// The same down the left edge; labels sit just above their tick so the first one clears the
/// top ruler's.
fn left_ruler(h: f64) -> Vec<Item> {
    let end = (h - START).floor();
    let mut items = vec![line(EDGE, START, EDGE, end)];
    for t in START as i64..=end as i64 {
        let y = t as f64;
        items.push(line(EDGE, y, EDGE + tick_len(t), y));
        if t % 10 == 0 {
            items.push(text(EDGE + LONG_TICK + 0.4, y - 0.3, LABEL_PT, t.to_string()));
        }
    }
    items
}

/// Rulers `len` long through the centre, labelled with the distance from the centre: ticks up
/// from the horizontal one and left from the vertical one, keeping the quadrant below right of
/// the centre free for its crosshair's label.
fn centre_rulers(cx: f64, cy: f64, len: f64) -> Vec<Item> {
    let font = Font::bundled();
    let half = (len / 2.0).floor() as i64;
    let mut items = vec![line(cx - len / 2.0, cy, cx + len / 2.0, cy), line(cx, cy - len / 2.0, cx, cy + len / 2.0)];
    for d in -half..=half {
        let o = d as f64;
        items.push(line(cx + o, cy, cx + o, cy - tick_len(d)));
        items.push(line(cx, cy + o, cx - tick_len(d), cy + o));
        if d % 10 == 0 && d != 0 {
            let label = d.abs().to_string();
            let label_w = font.text_width_mm(&label, LABEL_PT);
            items.push(text(cx + o + 0.4, cy - LONG_TICK - 0.4, LABEL_PT, label.clone()));
            items.push(text(cx - LONG_TICK - 0.4 - label_w, cy + o - 0.3, LABEL_PT, label));
        }
    }
    items
}

/// A crosshair at (x, y) with a 4 mm square round its centre, labelled with its position on the
/// side towards the page centre (below right for the centre itself).
fn crosshair(x: f64, y: f64, cx: f64, cy: f64) -> Vec<Item> {
    let label = format!("({}, {}) mm", num(x), num(y));
    let label_w = Font::bundled().text_width_mm(&label, LABEL_PT);
    let lx = if x > cx + 1e-9 { x - 2.5 - label_w } else { x + 2.5 };
    let ly = if y > cy + 1e-9 { y - 2.5 } else { y + 2.5 + DIGIT_H };
    vec![
        line(x - ARM, y, x + ARM, y),
        line(x, y - ARM, x, y + ARM),
        Item::Frame { rect: Rect::new(x - 2.0, y - 2.0, 4.0, 4.0), width_mm: LINE_W },
        text(lx, ly, LABEL_PT, label),
    ]
}

fn tick_len(mm: i64) -> f64 {
    match mm {
        _ if mm % 10 == 0 => LONG_TICK,
        _ if mm % 5 == 0 => 2.5,
        _ => 1.5,
    }
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64) -> Item {
    Item::Line { x1, y1, x2, y2, width_mm: LINE_W }
}

fn text(x: f64, y: f64, size_pt: f64, text: String) -> Item {
    Item::Text { x, y, size_pt, text }
}

/// A position as people write it: `105`, `148.5`.
fn num(mm: f64) -> String {
    format!("{}", (mm * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::tests::bounds;
    use crate::render::PdfWriter;

    /// A4 and 6-inch photo paper, which the sheet must serve; 5 x 7 inch needs the 50 mm square.
    const SIZES: [(f64, f64); 3] = [(210.0, 297.0), (102.0, 152.0), (127.0, 178.0)];

    fn info() -> CalibrationInfo<'static> {
        CalibrationInfo {
            printer: "epson-p706",
            media: "A4 光面相纸",
            current: Adjustment { offset_x_mm: -0.4, offset_y_mm: 1.2, scale_pct: 99.5 },
            printed_at: "2025-06-01 14:30",
        }
    }

    #[test]
    fn everything_lies_inside_a_5mm_margin() {
        for (w, h) in SIZES {
            let page = calibration_sheet(w, h, &info());
            let inner = Rect::new(5.0, 5.0, w - 10.0, h - 10.0);
            for item in &page.items {
                assert!(inner.contains(&bounds(item), 0.0), "{w} x {h}: {item:?} is outside {inner:?}");
            }
        }
    }

    #[test]
    fn text_lines_overlap_nothing() {
        for (w, h) in SIZES {
            let page = calibration_sheet(w, h, &info());
            let is_text_line = |i: &Item| matches!(i, Item::Text { x, .. } if *x == TEXT_X);
            assert_eq!(page.items.iter().filter(|i| is_text_line(i)).count(), 11);
            for (i, a) in page.items.iter().enumerate().filter(|(_, a)| is_text_line(a)) {
                // Consecutive lines touch; rounding must not count as overlap.
                let r = bounds(a);
                let r = Rect::new(r.x + 0.01, r.y + 0.01, r.w - 0.02, r.h - 0.02);
                for (j, b) in page.items.iter().enumerate() {
                    assert!(i == j || !r.overlaps(&bounds(b)), "{w} x {h}: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    fn is_line(item: &Item, a: (f64, f64), b: (f64, f64)) -> bool {
        matches!(*item, Item::Line { x1, y1, x2, y2, .. } if (x1, y1, x2, y2) == (a.0, a.1, b.0, b.1))
    }

    #[test]
    fn crosshairs_cross_at_their_nominal_positions() {
        for (w, h) in SIZES {
            let points = crosshairs(w, h);
            assert_eq!(
                points,
                vec![(w / 2.0, h / 2.0), (20.0, 20.0), (w - 20.0, 20.0), (20.0, h - 20.0), (w - 20.0, h - 20.0)]
            );
            let page = calibration_sheet(w, h, &info());
            for (x, y) in points {
                // Each arm is centred on the point, so they cross exactly there.
                assert!(page.items.iter().any(|i| is_line(i, (x - ARM, y), (x + ARM, y))), "{w} x {h}: ({x}, {y})");
                assert!(page.items.iter().any(|i| is_line(i, (x, y - ARM), (x, y + ARM))), "{w} x {h}: ({x}, {y})");
                let label = format!("({}, {}) mm", num(x), num(y));
                assert!(page.items.iter().any(|i| matches!(i, Item::Text { text, .. } if *text == label)), "{label}");
            }
        }
        assert!(
            calibration_sheet(210.0, 297.0, &info())
                .items
                .iter()
                .any(|i| matches!(i, Item::Text { text, .. } if text == "(105, 148.5) mm"))
        );
    }

    /// A ruler label: its value, x and y.
    type Label = (f64, f64, f64);
    /// A tick (or baseline) from one point to another.
    type Tick = ((f64, f64), (f64, f64));

    fn ruler_parts(items: &[Item]) -> (Vec<Label>, Vec<Tick>) {
        let mut labels = Vec::new();
        let mut ticks = Vec::new();
        for item in items {
            match item {
                Item::Text { x, y, text, .. } => labels.push((text.parse().unwrap(), *x, *y)),
                Item::Line { x1, y1, x2, y2, .. } => ticks.push(((*x1, *y1), (*x2, *y2))),
                _ => {}
            }
        }
        (labels, ticks)
    }

    #[test]
    fn edge_ruler_labels_sit_at_their_ticks() {
        for (w, h) in SIZES {
            let (labels, ticks) = ruler_parts(&top_ruler(w));
            let want: Vec<f64> = (1..).map(|i| 10.0 * i as f64).take_while(|&x| x <= w - 10.0).collect();
            assert_eq!(labels.iter().map(|l| l.0).collect::<Vec<_>>(), want, "top ruler on {w} mm");
            for (value, x, _) in labels {
                assert!(ticks.contains(&((value, EDGE), (value, EDGE + LONG_TICK))), "top ruler: tick at {value} mm");
                assert!(x > value && x < value + 1.0, "top ruler: label {value} at x {x}");
            }
            assert_eq!(ticks.iter().filter(|t| t.1.1 - t.0.1 == LONG_TICK).count(), want.len());
            // One tick every mm, whole millimetres from the paper edge.
            assert!(ticks[1..].iter().all(|t| t.0.0.fract() == 0.0 && t.0.1 == EDGE));
            assert_eq!(ticks.len() - 1, (w - 20.0).floor() as usize + 1);

            let (labels, ticks) = ruler_parts(&left_ruler(h));
            let want: Vec<f64> = (1..).map(|i| 10.0 * i as f64).take_while(|&y| y <= h - 10.0).collect();
            assert_eq!(labels.iter().map(|l| l.0).collect::<Vec<_>>(), want, "left ruler on {h} mm");
            for (value, _, y) in labels {
                assert!(ticks.contains(&((EDGE, value), (EDGE + LONG_TICK, value))), "left ruler: tick at {value} mm");
                assert!(y < value && y > value - 1.0, "left ruler: label {value} at y {y}");
            }
        }
    }

    #[test]
    fn centre_rulers_measure_from_the_centre() {
        let (cx, cy) = (105.0, 148.5);
        let (labels, ticks) = ruler_parts(&centre_rulers(cx, cy, 100.0));
        assert_eq!(labels.len(), 20);
        for (value, x, y) in labels {
            let horizontal = y < cy - LONG_TICK;
            let at = |sign: f64| {
                if horizontal {
                    ticks.contains(&((cx + sign * value, cy), (cx + sign * value, cy - LONG_TICK)))
                } else {
                    ticks.contains(&((cx, cy + sign * value), (cx - LONG_TICK, cy + sign * value)))
                }
            };
            assert!(at(1.0) && at(-1.0), "{value} at ({x}, {y})");
        }
        assert!(ticks.contains(&((cx - 50.0, cy), (cx + 50.0, cy))));
        assert!(ticks.contains(&((cx, cy - 50.0), (cx, cy + 50.0))));
    }

    #[test]
    fn shows_the_current_adjustment_and_the_square() {
        let page = calibration_sheet(210.0, 297.0, &info());
        let has = |s: &str| page.items.iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains(s)));
        assert!(has("offset x -0.4 mm, offset y +1.2 mm, scale 99.5%"));
        assert!(has("Printer calibration — epson-p706") && has("2025-06-01 14:30") && has(COMMAND));
        assert!(has("100 x 100 mm") && has("current scale × 100 / measured width"));
        let square = Rect::new(55.0, 98.5, 100.0, 100.0);
        assert!(page.items.contains(&Item::Frame { rect: square, width_mm: LINE_W }));

        let small = calibration_sheet(102.0, 152.0, &info());
        assert!(small.items.contains(&Item::Frame { rect: Rect::new(26.0, 51.0, 50.0, 50.0), width_mm: LINE_W }));
        // 5 x 7 inch has room for a 100 mm square but not for the instructions round it.
        let five_by_seven = calibration_sheet(127.0, 178.0, &info());
        assert!(five_by_seven.items.iter().any(|i| matches!(i, Item::Text { text, .. } if text == "50 x 50 mm")));
    }

    #[test]
    fn renders_to_a_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calibration.pdf");
        let mut w = PdfWriter::create(&path, "calibration").unwrap();
        w.set_adjustment(info().current);
        for (width, height) in SIZES {
            w.add_page(&calibration_sheet(width, height, &info()), &mut |_| unreachable!()).unwrap();
        }
        assert_eq!(w.finish().unwrap().pages, SIZES.len());
        let doc = lopdf::Document::load(&path).unwrap();
        assert_eq!(doc.get_pages().len(), SIZES.len());
    }
}
