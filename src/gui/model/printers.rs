//! 打印机 (printers) as the window shows them: the printers' table, the numbers a technician
//! types for a correction (full-width digits from a Chinese input method read too), and the
//! calibration steps for the chosen printer in its paper's numbers. Plain Rust, no Slint.
//! The correction itself is entered as `app::printing::set_printer` takes it; the window works
//! nothing out that the calibration sheet does not tell the technician.

use super::rows::Rows;
use crate::app::printing::PrinterLine;
use crate::domain::local_time::Zone;
use crate::domain::printing::Media;
use crate::msg;
use unicode_normalization::UnicodeNormalization;

/// The paper a printer without a media setting prints on (as `app::printing` assumes).
const DEFAULT_MEDIA: &str = "A4";

/// A number as people write it: `1.5`, `-0.8`, `+2`, `１．５`, `－０.８`.
fn number(text: &str) -> Option<f64> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.replace(['−', '–'], "-");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A typed value: `None` when left empty, else the number or why it is none (naming the field).
pub fn parse_field(label: &str, text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    number(text)
        .map(Some)
        .ok_or_else(|| msg!("gui-printers-not-a-number", field = label, text = text.trim()).to_string())
}

/// `1.5`, `-0.8`, `0`: a value as the fields show it for editing (no trailing zeros).
pub fn shown(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn kind(line: &PrinterLine) -> String {
    match line.kind {
        "ipp" => "IPP".into(),
        _ => crate::i18n::tr("row-printer-hot-folder"),
    }
}

/// One row per printer: 名称, 类型, 地址, 纸张, 偏移 x, 偏移 y, 缩放, 添加.
pub fn rows(list: &[PrinterLine], zone: Zone) -> Rows {
    list.iter()
        .map(|p| {
            vec![
                p.name.clone(),
                kind(p),
                p.target.clone(),
                p.media.clone().unwrap_or_else(|| msg!("row-printer-default-media", media = DEFAULT_MEDIA).to_string()),
                format!("{:+.1} mm", p.adjustment.offset_x_mm),
                format!("{:+.1} mm", p.adjustment.offset_y_mm),
                format!("{:.1}%", p.adjustment.scale_pct),
                format!("{} {}", zone.show(&p.added_at), p.added_by),
            ]
        })
        .collect()
}

/// How to turn the calibration sheet's measures into the values to enter, with this printer's
/// paper's nominal centre and its current correction filled in (the sheet prints the same
/// steps).
pub fn calibration_help(p: &PrinterLine) -> String {
    let media = p.media.as_deref().unwrap_or(DEFAULT_MEDIA);
    let (cx, cy) = match Media::parse(media) {
        Ok(m) => (shown(m.width_mm / 2.0), shown(m.height_mm / 2.0)),
        Err(_) => ("?".into(), "?".into()),
    };
    msg!(
        "gui-printers-calibration-help",
        cx = cx,
        cy = cy,
        ox = shown(p.adjustment.offset_x_mm),
        oy = shown(p.adjustment.offset_y_mm),
        scale = shown(p.adjustment.scale_pct)
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::printing::Adjustment;
    use crate::i18n::{Lang, with_lang};

    fn line(kind: &'static str, media: Option<&str>) -> PrinterLine {
        PrinterLine {
            name: "打印机1".into(),
            kind,
            target: "/srv/rip".into(),
            adjustment: Adjustment { offset_x_mm: -1.5, offset_y_mm: 0.3, scale_pct: 99.5 },
            media: media.map(str::to_string),
            added_at: "2026-08-20T02:00:00Z".into(),
            added_by: "演示员".into(),
            supports: None,
            supports_error: None,
        }
    }

    #[test]
    fn numbers_typed_half_or_full_width() {
        assert_eq!(parse_field("偏移 x", "1.5"), Ok(Some(1.5)));
        assert_eq!(parse_field("偏移 x", " -0.8 "), Ok(Some(-0.8)));
        assert_eq!(parse_field("偏移 x", "＋２"), Ok(Some(2.0)));
        assert_eq!(parse_field("偏移 x", "－１．５"), Ok(Some(-1.5)));
        assert_eq!(parse_field("偏移 x", "−0.5"), Ok(Some(-0.5)));
        assert_eq!(parse_field("偏移 x", ""), Ok(None));
        with_lang(Lang::Zh, || {
            let why = parse_field("缩放", "九十九").unwrap_err();
            assert!(why.contains("缩放") && why.contains("九十九"), "{why}");
            assert!(parse_field("缩放", "NaN").is_err() && parse_field("缩放", "inf").is_err());
        });
    }

    #[test]
    fn values_shown_for_editing_without_trailing_zeros() {
        assert_eq!(shown(100.0), "100");
        assert_eq!(shown(-1.5), "-1.5");
        assert_eq!(shown(0.25), "0.25");
        assert_eq!(shown(-0.0001), "0");
        assert_eq!(shown(148.5), "148.5");
    }

    #[test]
    fn rows_say_kind_paper_and_correction_in_chinese() {
        let zone = Zone::parse("Asia/Shanghai").unwrap();
        let rows =
            with_lang(Lang::Zh, || rows(&[line("hot-folder", None), line("ipp", Some("iso_a4_210x297mm"))], zone));
        assert_eq!(rows[0][..4], ["打印机1", "热文件夹", "/srv/rip", "A4（默认）"]);
        assert_eq!(rows[0][4..7], ["-1.5 mm", "+0.3 mm", "99.5%"]);
        assert_eq!(rows[0][7], "2026-08-20 10:00 演示员");
        assert_eq!(rows[1][1], "IPP");
        assert_eq!(rows[1][3], "iso_a4_210x297mm");
    }

    #[test]
    fn calibration_help_uses_the_papers_centre_and_the_current_values() {
        with_lang(Lang::Zh, || {
            let a4 = calibration_help(&line("hot-folder", None));
            assert!(a4.contains("105") && a4.contains("148.5"), "{a4}");
            assert!(a4.contains("-1.5") && a4.contains("0.3") && a4.contains("99.5"), "{a4}");
            let six = calibration_help(&line("ipp", Some("6inch")));
            assert!(six.contains("50.8") && six.contains("76.2"), "{six}");
        });
    }
}
