//! The pages the mailroom prints: a packet's packing list (one class of one print job, put into
//! the packet), a shipment's packing list (every packet in the box, with totals) and the
//! 100 x 150 mm shipping label stuck on the box. Each is a pure function from facts already
//! looked up to `PageSpec`s (mm from the top-left corner); the caller writes them with
//! `render::PdfWriter`. Nothing here does I/O or reads the store. Students appear only as their
//! 学号 and the masked name, as on all paper that leaves the lab; no type here has room for a
//! full name.
//!
//! Text is fitted by measuring it with the bundled font: lines wrap (between any two Chinese
//! characters, at spaces in ASCII runs), and only a block that still outgrows its room shrinks.

use crate::layout::plan::{MIN_MODULE_MM, QUIET_MODULES};
use crate::render::barcode::code128_modules;
use crate::render::font::Font;
use crate::render::{Item, PageSpec, Rect};

/// Who sends or receives a shipment. Serialize: the shipment services show it as JSON.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Party {
    pub name: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
}

/// One packet: one class of one print job.
#[derive(Debug, Clone)]
pub struct PacketList {
    /// The lab's name (from settings), printed small at the top.
    pub lab: String,
    pub school_code: String,
    pub school_name: String,
    /// The job's barcode payload, e.g. `J3K`.
    pub job: String,
    /// 班级
    pub class: String,
    /// e.g. `P17Q`
    pub packet_barcode: String,
    /// (学号, masked name 姓名) in print order.
    pub students: Vec<(String, String)>,
    /// e.g. `2026-11-21 14:05`
    pub printed_at: String,
}

#[derive(Debug, Clone)]
pub struct ShipmentPacket {
    pub barcode: String,
    pub job: String,
    pub class: String,
    pub students: usize,
}

#[derive(Debug, Clone)]
pub struct ShipmentDocs {
    pub lab: String,
    /// e.g. `H5W`
    pub shipment_barcode: String,
    pub school_code: String,
    pub school_name: String,
    pub recipient: Party,
    pub sender: Party,
    pub packets: Vec<ShipmentPacket>,
    pub created_at: String,
    pub tracking: Option<String>,
}

const A4: (f64, f64) = (210.0, 297.0);
/// The rule is 10 mm; office printers lose about 5 mm at the edges, so keep well clear.
const A4_MARGIN: f64 = 15.0;
const LABEL: (f64, f64) = (100.0, 150.0);
/// The rule is 4 mm; die-cut label stock sits up to a millimetre off on the printer.
const LABEL_MARGIN: f64 = 5.0;
/// The label's quiet zones may reach closer to the edge than text: they are blank paper, and
/// only need to stay on the label, not on the box behind it.
const LABEL_ZONE_EDGE: f64 = 2.0;

const LIST_BAR: (f64, f64) = (50.0, 14.0);
const LABEL_BAR: (f64, f64) = (70.0, 20.0);
const CAPTION_PT: f64 = 10.0;
/// Between the bars and their readable payload.
const CAPTION_GAP: f64 = 0.5;

const LAB_PT: f64 = 8.0;
const TITLE_PT: f64 = 18.0;
const INFO_PT: f64 = 11.0;
const HEAD_PT: f64 = 9.0;
const CELL_PT: f64 = 10.0;
const FOOTER_PT: f64 = 9.0;
/// Blocks never shrink below this; what still does not fit is cut off with "…".
const MIN_PT: f64 = 5.0;
/// Horizontal padding inside a table cell.
const CELL_PAD: f64 = 1.5;
const THIN: f64 = 0.1;
const THICK: f64 = 0.3;
/// Tolerance for sums of millimetres.
const EPS: f64 = 1e-6;

/// The packing list that goes into a packet, A4 portrait: the packet barcode, school, class,
/// job and count on every page, then the students in the order given, about 38 a page. A name
/// is printed masked whatever it is given as: a packing list travels with the packet.
pub fn packet_list(p: &PacketList) -> Vec<PageSpec> {
    let info = [
        format!("学校 School: {} {}", p.school_code, p.school_name),
        format!("班级 Class: {}    作业 Job: {}", p.class, p.job),
        format!("人数 Count: {}    打印 Printed: {}", p.students.len(), p.printed_at),
    ];
    let (header, bottom) = list_header(&p.lab, "装袋清单 Packing list", &p.packet_barcode, &info);
    let cols = [col("序号 No.", 22.0, true), col("学号", 70.0, false), col("姓名", 88.0, false)];
    let rows: Vec<Vec<String>> = (p.students.iter().enumerate())
        .map(|(i, (number, name))| vec![(i + 1).to_string(), number.clone(), crate::domain::name::mask(name)])
        .collect();
    list_pages(&header, bottom, &cols, &rows, None, &p.packet_barcode)
}

/// The packing list that goes into the box, A4 portrait: the shipment barcode, school and
/// recipient on every page, every packet with its class and count, and the totals at the end.
pub fn shipment_list(s: &ShipmentDocs) -> Vec<PageSpec> {
    let students: usize = s.packets.iter().map(|p| p.students).sum();
    let r = &s.recipient;
    let mut info = vec![
        format!("学校 School: {} {}", s.school_code, s.school_name),
        format!("收件人 To: {}", r.name),
        format!("地址 Address: {}", r.address),
        format!("联系人 Contact: {}", join(&[&r.contact, &r.phone])),
        format!("创建 Created: {}", s.created_at),
        format!("包数 Packets: {}    人数 Students: {}", s.packets.len(), students),
    ];
    if let Some(t) = tracking(s) {
        info.insert(5, format!("运单号 Tracking: {t}"));
    }
    let (header, bottom) = list_header(&s.lab, "发货清单 Shipment list", &s.shipment_barcode, &info);
    let cols = [
        col("包号 Packet", 45.0, false),
        col("作业 Job", 35.0, false),
        col("班级 Class", 75.0, false),
        col("人数 Count", 25.0, true),
    ];
    let rows: Vec<Vec<String>> = (s.packets.iter())
        .map(|p| vec![p.barcode.clone(), p.job.clone(), p.class.clone(), p.students.to_string()])
        .collect();
    let total = format!("合计 Total: {} 包 packets, {} 人 students", s.packets.len(), students);
    list_pages(&header, bottom, &cols, &rows, Some(&total), &s.shipment_barcode)
}

/// The shipping label, exactly 100 x 150 mm portrait: the recipient large at the top, the sender
/// smaller, then the shipment barcode and school, packet count and tracking number at the
/// bottom. The bottom part has a fixed size, so only the address blocks ever shrink.
pub fn shipping_label(s: &ShipmentDocs) -> PageSpec {
    let (w, h) = LABEL;
    let width = w - 2.0 * LABEL_MARGIN;
    let mut info =
        vec![format!("学校 School: {} {}", s.school_code, s.school_name), format!("包数 Packets: {}", s.packets.len())];
    if let Some(t) = tracking(s) {
        info.push(format!("运单号 Tracking: {t}"));
    }
    let info = Block::fit(&sized(10.0, &info), width, 25.0);
    let info_top = h - LABEL_MARGIN - info.height;

    let bars = Bars::new(&s.shipment_barcode, LABEL_BAR.0, width, w - 2.0 * LABEL_ZONE_EDGE);
    let bars_top = info_top - 2.5 - caption_h() - LABEL_BAR.1;
    let mut items = Vec::new();
    barcode_with_caption(&mut items, &s.shipment_barcode, &bars, (w - bars.zone_w()) / 2.0, bars_top, LABEL_BAR.1);
    items.extend(info.place(LABEL_MARGIN, info_top));

    let from_rule = bars_top - 3.0;
    let f = &s.sender;
    let from = [
        (7.0, "寄件人 From:".to_string()),
        (8.0, f.name.clone()),
        (8.0, f.address.clone()),
        (8.0, join(&[&f.contact, &f.phone])),
    ];
    let from = Block::fit(&from, width, 30.0);
    let from_top = from_rule - 2.5 - from.height;
    let to_rule = from_top - 2.5;
    let t = &s.recipient;
    let to = [
        (9.0, "收件人 To:".to_string()),
        (16.0, t.name.clone()),
        (12.0, t.address.clone()),
        (12.0, join(&[&t.contact, &t.phone])),
    ];
    let to = Block::fit(&to, width, to_rule - 2.5 - LABEL_MARGIN);

    items.extend(to.place(LABEL_MARGIN, LABEL_MARGIN));
    items.push(rule(LABEL_MARGIN, w - LABEL_MARGIN, to_rule, THICK));
    items.extend(from.place(LABEL_MARGIN, from_top));
    items.push(rule(LABEL_MARGIN, w - LABEL_MARGIN, from_rule, THICK));
    PageSpec { width_mm: w, height_mm: h, items }
}

/// The top of every page of a list: the barcode with its caption at the right, and at the left
/// the lab, the title and the `info` lines, wrapped to the room the barcode's quiet zone leaves.
/// Returns the items and where the header ends.
fn list_header(lab: &str, title: &str, payload: &str, info: &[String]) -> (Vec<Item>, f64) {
    let content = A4.0 - 2.0 * A4_MARGIN;
    // The barcode may take half the width; the text column keeps the rest.
    let bars = Bars::new(payload, LIST_BAR.0, content / 2.0, content / 2.0);
    let zone_x = A4.0 - A4_MARGIN - bars.zone_w();
    let mut items = Vec::new();
    let bars_bottom = barcode_with_caption(&mut items, payload, &bars, zone_x, A4_MARGIN, LIST_BAR.1);
    let paras = [vec![(LAB_PT, lab.to_string()), (TITLE_PT, title.to_string())], sized(INFO_PT, info)].concat();
    // However much an address holds, the header leaves room for a table of 25 rows and more.
    let text = Block::fit(&paras, zone_x - 4.0 - A4_MARGIN, 100.0);
    items.extend(text.place(A4_MARGIN, A4_MARGIN));
    (items, (A4_MARGIN + text.height).max(bars_bottom))
}

/// A table column: heading, width in mm, and whether its cells are numbers (right-aligned).
#[derive(Clone, Copy)]
struct Col {
    head: &'static str,
    w: f64,
    right: bool,
}

fn col(head: &'static str, w: f64, right: bool) -> Col {
    Col { head, w, right }
}

/// Height of a table row: one line of cell text and a little air for the rules.
fn row_h() -> f64 {
    line_h(CELL_PT) + 0.6
}

/// The pages of a list: the same header on every page, then as many rows as fit, `closing`
/// after the last row, and a footer with the page number and the barcode's payload (for a page
/// that strays from the others).
fn list_pages(
    header: &[Item],
    header_bottom: f64,
    cols: &[Col],
    rows: &[Vec<String>],
    closing: Option<&str>,
    payload: &str,
) -> Vec<PageSpec> {
    let font = Font::bundled();
    let (left, right) = (A4_MARGIN, A4.0 - A4_MARGIN);
    let footer_y = A4.1 - A4_MARGIN - font.descent_mm(FOOTER_PT);
    let table_top = header_bottom + 4.0;
    let closing_h = closing.map_or(0.0, |_| 2.0 + line_h(INFO_PT));
    // Room for the closing line is kept on every page, so it always fits after the last row.
    let room = footer_y - font.ascent_mm(FOOTER_PT) - 3.0 - closing_h - table_top;
    let per_page = ((room / row_h()).floor() as usize).saturating_sub(1).max(1);
    let chunks: Vec<&[Vec<String>]> = if rows.is_empty() { vec![&[]] } else { rows.chunks(per_page).collect() };
    let n = chunks.len();
    let mut pages = Vec::new();
    for (k, chunk) in chunks.into_iter().enumerate() {
        let mut items = header.to_vec();
        let bottom = table(&mut items, cols, left, table_top, chunk);
        if let (Some(text), true) = (closing, k + 1 == n) {
            let size = fit(text, right - left, INFO_PT);
            items.push(text_item(left, bottom + 2.0 + font.ascent_mm(INFO_PT), size, text));
        }
        let page = format!("第 {} / {n} 页  page {} of {n}", k + 1, k + 1);
        items.push(text_item(left, footer_y, FOOTER_PT, &page));
        let size = fit(payload, (right - left) / 2.0, FOOTER_PT);
        items.push(text_item(right - font.text_width_mm(payload, size), footer_y, size, payload));
        pages.push(PageSpec { width_mm: A4.0, height_mm: A4.1, items });
    }
    pages
}

/// A table from `top`: headings between thick rules, then a row per entry with a thin rule
/// under each, so a finger can follow a line across. Returns where the table ends.
fn table(items: &mut Vec<Item>, cols: &[Col], left: f64, top: f64, rows: &[Vec<String>]) -> f64 {
    let font = Font::bundled();
    let right = left + cols.iter().map(|c| c.w).sum::<f64>();
    let rh = row_h();
    // Baseline of a row's text, centred in the row by the font's full height.
    let baseline = |row_top: f64, pt: f64| row_top + (rh - line_h(pt)) / 2.0 + font.ascent_mm(pt);
    let cells = |items: &mut Vec<Item>, row_top: f64, pt: f64, texts: &mut dyn Iterator<Item = (Col, &str)>| {
        let mut x = left;
        for (c, text) in texts {
            let size = fit(text, c.w - 2.0 * CELL_PAD, pt);
            let tx = if c.right { x + c.w - CELL_PAD - font.text_width_mm(text, size) } else { x + CELL_PAD };
            if !text.is_empty() {
                items.push(text_item(tx, baseline(row_top, pt), size, text));
            }
            x += c.w;
        }
    };
    items.push(rule(left, right, top, THICK));
    cells(items, top, HEAD_PT, &mut cols.iter().map(|c| (*c, c.head)));
    items.push(rule(left, right, top + rh, THICK));
    let mut y = top + rh;
    for row in rows {
        cells(items, y, CELL_PT, &mut cols.iter().copied().zip(row.iter().map(String::as_str)));
        y += rh;
        items.push(rule(left, right, y, THIN));
    }
    y
}

/// A Code128 symbol's size: how many modules its payload takes and how wide each is drawn.
struct Bars {
    modules: usize,
    module: f64,
}

impl Bars {
    /// Bars at least `min_w` wide (and modules no narrower than the lab's scanners read), as long
    /// as the bars fit `max_w` and bars plus quiet zones fit `max_zone`. A payload Code128 cannot
    /// hold is sized as the worst case; `PdfWriter` refuses it with the reason.
    fn new(payload: &str, min_w: f64, max_w: f64, max_zone: f64) -> Bars {
        let modules = code128_modules(payload).map_or(11 * payload.chars().count() + 35, |m| m.len());
        let m = modules as f64;
        let module = (min_w / m).max(MIN_MODULE_MM).min(max_w / m).min(max_zone / (modules + 2 * QUIET_MODULES) as f64);
        Bars { modules, module }
    }

    fn w(&self) -> f64 {
        self.modules as f64 * self.module
    }

    /// Bars and both quiet zones.
    fn zone_w(&self) -> f64 {
        (self.modules + 2 * QUIET_MODULES) as f64 * self.module
    }
}

fn caption_h() -> f64 {
    CAPTION_GAP + line_h(CAPTION_PT)
}

/// The bars `h` high, their quiet zones starting at `zone_x`, and the payload as text under them
/// for typing when a scanner fails. Returns where the caption ends.
fn barcode_with_caption(items: &mut Vec<Item>, payload: &str, bars: &Bars, zone_x: f64, top: f64, h: f64) -> f64 {
    let font = Font::bundled();
    let quiet = QUIET_MODULES as f64 * bars.module;
    items.push(Item::Barcode { payload: payload.to_string(), rect: Rect::new(zone_x + quiet, top, bars.w(), h) });
    let size = fit(payload, bars.zone_w(), CAPTION_PT);
    let x = zone_x + (bars.zone_w() - font.text_width_mm(payload, size)) / 2.0;
    items.push(text_item(x, top + h + CAPTION_GAP + font.ascent_mm(CAPTION_PT), size, payload));
    top + h + caption_h()
}

/// Paragraphs wrapped to a width and stacked: each line is (baseline below the block's top,
/// size in pt, text).
struct Block {
    lines: Vec<(f64, f64, String)>,
    height: f64,
}

impl Block {
    /// Wraps each (size, text) paragraph to `width` (an empty one takes no room). Only if the
    /// lines are taller than `max_h` do all sizes shrink together, down to `MIN_PT`; lines that
    /// still do not fit are dropped and the last one kept ends in "…", so nothing leaves its room.
    fn fit(paras: &[(f64, String)], width: f64, max_h: f64) -> Block {
        let mut scale = 1.0;
        loop {
            let block = Block::stack(paras, width, scale);
            if block.height <= max_h + EPS || paras.iter().all(|(pt, _)| pt * scale <= MIN_PT) {
                return block.cut(width, max_h);
            }
            scale -= 0.05;
        }
    }

    fn stack(paras: &[(f64, String)], width: f64, scale: f64) -> Block {
        let font = Font::bundled();
        let (mut lines, mut y) = (Vec::new(), 0.0);
        for (pt, text) in paras {
            let pt = (pt * scale).max(MIN_PT);
            for line in wrap(text, width, pt) {
                lines.push((y + font.ascent_mm(pt), pt, line));
                y += line_h(pt);
            }
        }
        Block { lines, height: y }
    }

    fn cut(mut self, width: f64, max_h: f64) -> Block {
        if self.height <= max_h + EPS {
            return self;
        }
        let font = Font::bundled();
        self.lines.retain(|(base, pt, _)| base + font.descent_mm(*pt) <= max_h + EPS);
        if let Some((_, pt, text)) = self.lines.last_mut() {
            while !text.is_empty() && font.text_width_mm(&format!("{text}…"), *pt) > width + EPS {
                text.pop();
            }
            text.push('…');
        }
        self.height = self.lines.last().map_or(0.0, |(base, pt, _)| base + font.descent_mm(*pt));
        self
    }

    fn place(&self, x: f64, top: f64) -> impl Iterator<Item = Item> + '_ {
        self.lines.iter().map(move |(base, pt, text)| text_item(x, top + base, *pt, text))
    }
}

/// `text` broken into lines no wider than `width` at `size`: between any two characters outside
/// ASCII (Chinese needs no spaces), at spaces within ASCII, and inside an ASCII word only when
/// the word alone is wider than a line. Closing punctuation stays with what it closes; newlines
/// force a break; empty lines are dropped.
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let font = Font::bundled();
    let fits = |s: &str| font.text_width_mm(s, size) <= width + EPS;
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for token in tokens(para) {
            let joined = format!("{line}{token}");
            if fits(joined.trim_end()) {
                line = joined;
                continue;
            }
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
            }
            line = String::new();
            for c in token.trim_start().chars() {
                if !line.is_empty() && !fits(&format!("{line}{c}")) {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
    }
    lines
}

/// Where a line may break: ASCII words and runs of spaces are one token each, every other
/// character is its own, except closing punctuation, which joins the token before it.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.trim().chars().filter(|c| !c.is_control()) {
        let closing = "，。、；：？！）》」』”’,.;:?!)".contains(c);
        let joins = match out.last().and_then(|t| t.chars().last()) {
            Some(prev) if prev.is_ascii_graphic() => c.is_ascii_graphic() || closing,
            Some(' ') => c == ' ',
            Some(_) => closing,
            None => false,
        };
        match out.last_mut() {
            Some(t) if joins => t.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// The size at most `size` at which `text` fits `width` on one line: for what cannot wrap
/// (table cells, captions, footers).
fn fit(text: &str, width: f64, size: f64) -> f64 {
    let w = Font::bundled().text_width_mm(text, size);
    if w <= width { size } else { (size * width / w).max(0.1) }
}

/// Height of one line of text: the font's ascent and descent, which already hold some air.
fn line_h(pt: f64) -> f64 {
    let font = Font::bundled();
    font.ascent_mm(pt) + font.descent_mm(pt)
}

/// The tracking number, if there is one worth printing.
fn tracking(s: &ShipmentDocs) -> Option<&str> {
    s.tracking.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// (size, text) for each of `texts`.
fn sized(pt: f64, texts: &[String]) -> Vec<(f64, String)> {
    texts.iter().map(|t| (pt, t.clone())).collect()
}

/// The non-empty parts, two spaces apart: a contact person without a phone number prints alone.
fn join(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("  ")
}

fn text_item(x: f64, y: f64, size_pt: f64, text: &str) -> Item {
    Item::Text { x, y, size_pt, text: text.to_string() }
}

fn rule(x1: f64, x2: f64, y: f64, width_mm: f64) -> Item {
    Item::Line { x1, y1: y, x2, y2: y, width_mm }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::tests::bounds;
    use crate::render::PdfWriter;

    fn students(n: usize) -> Vec<(String, String)> {
        let names = ["李*𠅤", "王*㛃", "赵*䶮", "张*三", "陈*"];
        (0..n).map(|i| (format!("2022010101{:03}", i + 1), names[i % names.len()].to_string())).collect()
    }

    fn packet(n: usize) -> PacketList {
        PacketList {
            lab: "星光冲印实验室".into(),
            school_code: "10418".into(),
            school_name: "北京服装学院".into(),
            job: "J3K".into(),
            class: "计算机1班".into(),
            packet_barcode: "P17Q".into(),
            students: students(n),
            printed_at: "2026-11-21 14:05".into(),
        }
    }

    /// 120 Chinese characters, no spaces: wraps only between characters.
    fn long_address() -> String {
        let a = "北京市朝阳区和平街北口樱花东街甲二号北京服装学院教务处学生科办公楼三层三零八室";
        a.chars().cycle().take(120).collect()
    }

    fn shipment(packets: usize, address: String) -> ShipmentDocs {
        ShipmentDocs {
            lab: "星光冲印实验室".into(),
            shipment_barcode: "H5W".into(),
            school_code: "10418".into(),
            school_name: "北京服装学院".into(),
            recipient: Party {
                name: "北京服装学院 教务处".into(),
                address,
                contact: "王老师".into(),
                phone: "010-64288888".into(),
            },
            sender: Party {
                name: "星光冲印实验室".into(),
                address: "Room 1208, Building 3, 88 Long Dongfang Road, Pudong New District, Shanghai 200120".into(),
                contact: "李师傅".into(),
                phone: "021-55556666".into(),
            },
            packets: (0..packets)
                .map(|i| ShipmentPacket {
                    barcode: format!("P{}Q", 100 + i),
                    job: "J3K".into(),
                    class: format!("计算机{}班", i + 1),
                    students: 30 + i % 7,
                })
                .collect(),
            created_at: "2026-11-21 15:30".into(),
            tracking: Some("SF1234567890123".into()),
        }
    }

    /// Bars and their quiet zones, 10 modules each side.
    fn quiet_zone(payload: &str, rect: &Rect) -> Rect {
        let module = rect.w / code128_modules(payload).unwrap().len() as f64;
        let q = QUIET_MODULES as f64 * module;
        Rect::new(rect.x - q, rect.y, rect.w + 2.0 * q, rect.h)
    }

    /// Everything inside the margin, the quiet zones on the paper and free of other items, and
    /// no two texts overlapping (touching lines may meet: rounding is not overlap).
    fn check_page(page: &PageSpec, margin: f64) {
        let inner = Rect::new(margin, margin, page.width_mm - 2.0 * margin, page.height_mm - 2.0 * margin);
        let paper = Rect::new(0.0, 0.0, page.width_mm, page.height_mm);
        for (i, item) in page.items.iter().enumerate() {
            assert!(inner.contains(&bounds(item), 1e-9), "{item:?} is outside {inner:?}");
            if let Item::Barcode { payload, rect } = item {
                let zone = quiet_zone(payload, rect);
                assert!(paper.contains(&zone, 1e-9), "quiet zone {zone:?} leaves the paper");
                for (j, other) in page.items.iter().enumerate() {
                    assert!(i == j || !zone.overlaps(&bounds(other)), "{other:?} is in the quiet zone {zone:?}");
                }
            }
            if let Item::Text { .. } = item {
                let r = bounds(item);
                let r = Rect::new(r.x + 0.01, r.y + 0.01, r.w - 0.02, r.h - 0.02);
                for (j, other) in page.items.iter().enumerate() {
                    if i != j && matches!(other, Item::Text { .. } | Item::Barcode { .. }) {
                        assert!(!r.overlaps(&bounds(other)), "{item:?} overlaps {other:?}");
                    }
                }
            }
        }
    }

    fn texts(pages: &[PageSpec]) -> Vec<String> {
        let items = pages.iter().flat_map(|p| &p.items);
        items.filter_map(|i| if let Item::Text { text, .. } = i { Some(text.clone()) } else { None }).collect()
    }

    fn barcodes(page: &PageSpec) -> Vec<(String, Rect)> {
        let items = page.items.iter();
        items
            .filter_map(|i| if let Item::Barcode { payload, rect } = i { Some((payload.clone(), *rect)) } else { None })
            .collect()
    }

    #[test]
    fn a_packet_of_one_student_is_one_page_inside_the_margin() {
        let pages = packet_list(&packet(1));
        assert_eq!(pages.len(), 1);
        let page = &pages[0];
        assert_eq!((page.width_mm, page.height_mm), (210.0, 297.0));
        check_page(page, 10.0);
        let t = texts(&pages);
        for want in ["装袋清单 Packing list", "第 1 / 1 页  page 1 of 1", "2022010101001", "李*𠅤", "P17Q"] {
            assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
        }
        for want in ["10418 北京服装学院", "计算机1班", "J3K", "人数 Count: 1", "星光冲印实验室"] {
            assert!(t.iter().any(|s| s.contains(want)), "{want} in {t:?}");
        }
    }

    #[test]
    fn a_packet_of_95_students_takes_three_pages_each_with_barcode_and_footer() {
        let pages = packet_list(&packet(95));
        assert_eq!(pages.len(), 3);
        for (k, page) in pages.iter().enumerate() {
            check_page(page, 10.0);
            let bars = barcodes(page);
            assert_eq!(bars.len(), 1);
            let (payload, rect) = &bars[0];
            assert_eq!(payload, "P17Q");
            assert!(rect.w >= 50.0 && rect.h >= 12.0, "{rect:?}");
            let t = texts(std::slice::from_ref(page));
            let footer = format!("第 {} / 3 页  page {} of 3", k + 1, k + 1);
            assert!(t.contains(&footer), "{footer} in {t:?}");
            // The payload under the bars and again in the footer.
            assert_eq!(t.iter().filter(|s| *s == "P17Q").count(), 2);
            assert!(t.iter().any(|s| s.contains("人数 Count: 95")));
            let rows = t.iter().filter(|s| s.starts_with("2022")).count();
            assert!(k == 2 || (35..=40).contains(&rows), "page {}: {rows} rows", k + 1);
        }
    }

    #[test]
    fn rows_keep_the_given_order_and_the_masked_names_as_given() {
        let mut p = packet(95);
        p.students.reverse();
        let t = texts(&packet_list(&p));
        let numbers: Vec<&String> = t.iter().filter(|s| s.starts_with("2022")).collect();
        assert_eq!(numbers, p.students.iter().map(|s| &s.0).collect::<Vec<_>>());
        // Each row: 序号, 学号, 姓名 in that order, the name exactly as given.
        for (i, (number, name)) in p.students.iter().enumerate() {
            let at = t.iter().position(|s| s == number).unwrap();
            assert_eq!((&t[at - 1], &t[at + 1]), (&(i + 1).to_string(), name));
        }
        assert!(t.iter().any(|s| s == "李*𠅤"));
        let n = t.iter().position(|s| s == "序号 No.").unwrap();
        assert_eq!(t[n..n + 3], ["序号 No.", "学号", "姓名"]);
    }

    #[test]
    fn a_full_name_given_by_mistake_is_printed_masked() {
        let mut p = packet(3);
        p.students[0].1 = "张小三".into();
        p.students[1].1 = "欧阳小明".into();
        let t = texts(&packet_list(&p));
        assert!(t.iter().any(|s| s == "张*三") && t.iter().any(|s| s == "欧*明"), "{t:?}");
        assert!(!t.iter().any(|s| s.contains("张小三") || s.contains("小明")), "{t:?}");
        assert!(t.iter().any(|s| s == &p.students[2].1), "a masked name is printed as given");
    }

    #[test]
    fn the_api_has_room_for_masked_names_only() {
        // Written out field by field: a field added to hold a full name breaks this test.
        let PacketList { lab, school_code, school_name, job, class, packet_barcode, students, printed_at } = packet(2);
        let Party { name, address, contact, phone } = shipment(1, String::new()).recipient;
        let ShipmentPacket { barcode, job: _, class: _, students: count } =
            shipment(1, String::new()).packets[0].clone();
        let all =
            [lab, school_code, school_name, job, class, packet_barcode, printed_at, name, address, contact, phone];
        assert!(all.iter().all(|s| !s.contains("张三")) && barcode == "P100Q" && count == 30);
        let (_, names): (Vec<String>, Vec<String>) = students.into_iter().unzip();
        assert_eq!(names, ["李*𠅤", "王*㛃"]);
        let debug = format!("{:?}{:?}", packet(1), shipment(1, long_address()));
        assert!(!debug.to_lowercase().contains("full"), "{debug}");
    }

    #[test]
    fn a_shipment_list_has_every_packet_and_the_totals() {
        let s = shipment(60, long_address());
        let pages = shipment_list(&s);
        assert!(pages.len() >= 2, "{}", pages.len());
        let n = pages.len();
        for (k, page) in pages.iter().enumerate() {
            check_page(page, 10.0);
            let bars = barcodes(page);
            assert_eq!(bars[0].0, "H5W");
            assert!(bars.len() == 1 && bars[0].1.w >= 50.0 && bars[0].1.h >= 12.0);
            assert!(texts(std::slice::from_ref(page)).contains(&format!(
                "第 {} / {n} 页  page {} of {n}",
                k + 1,
                k + 1
            )));
        }
        let t = texts(&pages);
        let listed: Vec<&String> = t.iter().filter(|s| s.starts_with('P') && s.ends_with('Q')).collect();
        assert_eq!(listed, s.packets.iter().map(|p| &p.barcode).collect::<Vec<_>>());
        let students: usize = s.packets.iter().map(|p| p.students).sum();
        let total = format!("合计 Total: 60 包 packets, {students} 人 students");
        assert!(texts(&pages[n - 1..]).contains(&total) && !texts(&pages[..n - 1]).contains(&total));
        for head in ["包号 Packet", "作业 Job", "班级 Class", "人数 Count", "发货清单 Shipment list"] {
            assert_eq!(t.iter().filter(|s| *s == head).count(), n, "{head}");
        }
        assert!(t.iter().any(|s| s.contains("王老师  010-64288888")));
        assert!(t.iter().any(|s| s.contains("SF1234567890123")));
        // The address wraps in the header and loses nothing.
        assert!(t.concat().contains(&long_address()));
    }

    #[test]
    fn the_label_is_100_by_150_with_a_long_address_wrapped_inside() {
        let s = shipment(12, long_address());
        let label = shipping_label(&s);
        assert_eq!((label.width_mm, label.height_mm), (100.0, 150.0));
        check_page(&label, 4.0);
        let t = texts(std::slice::from_ref(&label));
        // Wrapped over several lines at the recipient's size, none lost, none shrunk.
        let address: Vec<&Item> = (label.items.iter())
            .filter(|i| matches!(i, Item::Text { text, .. } if long_address().contains(text.as_str())))
            .collect();
        assert!(address.len() >= 4, "{address:?}");
        assert!(address.iter().all(|i| matches!(i, Item::Text { size_pt, .. } if *size_pt == 12.0)));
        let joined: String =
            address.iter().map(|i| if let Item::Text { text, .. } = i { text.as_str() } else { "" }).collect();
        assert_eq!(joined, long_address());
        for want in
            ["收件人 To:", "寄件人 From:", "北京服装学院 教务处", "王老师  010-64288888", "H5W", "包数 Packets: 12"]
        {
            assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
        }
        assert!(t.iter().any(|s| s.contains("10418")) && t.iter().any(|s| s.contains("SF1234567890123")));
        // The sender's English address breaks at spaces.
        assert!(t.iter().any(|s| s.starts_with("Room 1208")));
        assert!(t.iter().all(|s| s.trim() == s));
        // The recipient is larger than the sender.
        let size = |want: &str| {
            label.items.iter().find_map(|i| match i {
                Item::Text { text, size_pt, .. } if text == want => Some(*size_pt),
                _ => None,
            })
        };
        assert!(size("北京服装学院 教务处").unwrap() > size("星光冲印实验室").unwrap());
        // No tracking number: no tracking line.
        let none = shipping_label(&ShipmentDocs { tracking: None, ..s });
        check_page(&none, 4.0);
        assert!(texts(&[none]).iter().all(|s| !s.contains("Tracking")));
    }

    #[test]
    fn the_label_barcode_is_large_with_free_quiet_zones() {
        for code in ["H5W", "H12345678Z"] {
            let s = ShipmentDocs { shipment_barcode: code.into(), ..shipment(3, long_address()) };
            let label = shipping_label(&s);
            let bars = barcodes(&label);
            assert_eq!(bars.len(), 1);
            let (payload, rect) = &bars[0];
            assert_eq!(payload, code);
            assert!(rect.w >= 70.0 && rect.h >= 18.0, "{rect:?}");
            // check_page: quiet zones on the label and free of everything else.
            check_page(&label, 4.0);
        }
    }

    #[test]
    fn an_address_too_long_for_the_label_shrinks_then_is_cut() {
        let size_of = |label: &PageSpec, want: &str| {
            label.items.iter().find_map(|i| match i {
                Item::Text { text, size_pt, .. } if text.starts_with(want) => Some(*size_pt),
                _ => None,
            })
        };
        // 960 characters: smaller text, all of it there.
        let s = shipment(1, long_address().repeat(8));
        let label = shipping_label(&s);
        check_page(&label, 4.0);
        let t = texts(std::slice::from_ref(&label));
        assert!(size_of(&label, "北京市朝阳区").unwrap() < 12.0 && t.concat().contains(&s.recipient.address));
        // 6000 characters: at the smallest size the rest is cut off, visibly.
        let s = shipment(1, long_address().repeat(50));
        let label = shipping_label(&s);
        check_page(&label, 4.0);
        let t = texts(std::slice::from_ref(&label));
        assert_eq!(size_of(&label, "北京市朝阳区"), Some(MIN_PT));
        assert!(t.iter().any(|s| s.ends_with('…')) && t.contains(&"H5W".to_string()), "{t:?}");
        for page in shipment_list(&s) {
            check_page(&page, 10.0);
        }
    }

    #[test]
    fn wraps_chinese_between_characters_and_ascii_at_spaces() {
        let font = Font::bundled();
        let lines = wrap(&long_address(), 50.0, 12.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| font.text_width_mm(l, 12.0) <= 50.0));
        assert_eq!(lines.concat(), long_address());
        let lines = wrap("Room 1208, Building 3, 88 Long Dongfang Road", 30.0, 10.0);
        assert!(lines.iter().all(|l| font.text_width_mm(l, 10.0) <= 30.0 && !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Room 1208, Building 3, 88 Long Dongfang Road");
        // A word longer than the line breaks inside; closing punctuation never starts a line.
        let lines = wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", 20.0, 10.0);
        assert!(lines.len() > 1 && lines.concat().len() == 52);
        let lines = wrap("一二三四五，六七八九十。", font.text_width_mm("一二三四五", 10.0) + 0.1, 10.0);
        assert!(lines.iter().all(|l| !l.starts_with(['，', '。'])), "{lines:?}");
        assert!(wrap("", 10.0, 10.0).is_empty() && wrap("  \n ", 10.0, 10.0).is_empty());
        assert_eq!(wrap("第一行\n第二行", 100.0, 10.0), ["第一行", "第二行"]);
    }

    fn write_pdf(pages: &[PageSpec]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mail.pdf");
        let mut w = PdfWriter::create(&path, "mail").unwrap();
        for page in pages {
            w.add_page(page, &mut |_| unreachable!("mail documents hold no photos")).unwrap();
        }
        assert_eq!(w.finish().unwrap().pages, pages.len());
        (dir, path)
    }

    #[test]
    fn every_document_renders_to_a_pdf_that_reads_back() {
        let s = shipment(60, long_address());
        let docs = [
            (packet_list(&packet(95)), "2022010101001"),
            (shipment_list(&s), "P100Q"),
            (vec![shipping_label(&s)], "H5W"),
        ];
        for (pages, want) in docs {
            let (_dir, path) = write_pdf(&pages);
            let doc = lopdf::Document::load(&path).unwrap();
            assert_eq!(doc.get_pages().len(), pages.len());
            let text = doc.extract_text(&[1]).unwrap();
            assert!(text.contains("北京服装学院") && text.contains(want), "{text}");
            let last = doc.extract_text(&[pages.len() as u32]).unwrap();
            assert!(pages.len() == 1 || last.contains(&format!("page {} of {}", pages.len(), pages.len())), "{last}");
        }
        let (_dir, path) = write_pdf(&packet_list(&packet(3)));
        let text = lopdf::Document::load(&path).unwrap().extract_text(&[1]).unwrap();
        assert!(text.contains("李*𠅤") && text.contains("2022010101003"), "{text}");
    }

    #[test]
    fn the_label_barcode_decodes_to_the_shipment_barcode() {
        let s = shipment(12, long_address());
        let label = shipping_label(&s);
        let (_dir, path) = write_pdf(std::slice::from_ref(&label));
        let dpi = 300.0;
        let png = crate::render::preview::page_png(&std::fs::read(&path).unwrap(), 0, dpi as f32).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (1181, 1772));
        let (payload, rect) = &barcodes(&label)[0];
        // The bars with their quiet zones and a little above and below, as a scanner sees them.
        let zone = quiet_zone(payload, rect);
        let px = |mm: f64| (mm / 25.4 * dpi).round().max(0.0) as u32;
        let crop =
            image::imageops::crop_imm(&img, px(zone.x), px(zone.y - 2.0), px(zone.w), px(zone.h + 4.0)).to_image();
        let (w, h) = crop.dimensions();
        let luma = image::DynamicImage::ImageRgb8(crop).to_luma8().into_raw();
        let found = rxing::helpers::detect_in_luma(luma, w, h, Some(rxing::BarcodeFormat::CODE_128)).unwrap();
        assert_eq!(found.getText(), "H5W");
    }
}
