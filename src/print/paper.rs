//! Exact size at the printer: what an IPP printer must be told so a page comes out at exactly
//! its size, chosen from what the printer says it supports (Get-Printer-Attributes). That is
//! `print-scaling=none` (an IPP printer's default `auto` shrinks a page larger than its
//! printable area, so a 35 mm print comes out a few percent small) and the layout's paper, as
//! `media`, or as `media-col` with the size and, when the layout prints nearer the edge than
//! the printer's margins allow, zero margins (borderless photo paper). Pure: no I/O.

use crate::domain::printing::Media;
use serde::Serialize;

/// What a printer says it supports, as far as printing at exact size goes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Supports {
    /// `print-scaling-supported`.
    pub print_scaling: Vec<String>,
    /// `media-supported`: PWG media names.
    pub media: Vec<String>,
    /// `media-size-supported`: (x-dimension, y-dimension) in hundredths of a millimetre.
    pub media_sizes: Vec<(i32, i32)>,
    /// `media-col-supported`: the members a `media-col` may carry.
    pub media_col: Vec<String>,
    /// `media-top-margin-supported`, right, bottom, left: hundredths of a millimetre.
    pub margins: [Vec<i32>; 4],
}

/// A page to print at exactly its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub width_mm: f64,
    pub height_mm: f64,
    /// How near each edge (top, right, bottom, left) the page draws anything, in mm.
    pub margins_mm: [f64; 4],
    /// The paper loaded, as the printer was set up with (`printer add --media`).
    pub loaded: Option<String>,
}

/// What to send with the job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaChoice {
    /// Sent as `media` when set; otherwise (or when borderless) `media-col` carries the size.
    pub media: Option<String>,
    /// `media-size`, portrait, in hundredths of a millimetre.
    pub x_dimension: i32,
    pub y_dimension: i32,
    /// Zero margins all round, in `media-col`.
    pub borderless: bool,
}

const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];

fn hundredths(mm: f64) -> i32 {
    (mm * 100.0).round() as i32
}

impl Supports {
    /// Whether the printer takes zero margins on every side.
    pub fn borderless(&self) -> bool {
        self.margins.iter().all(|m| m.contains(&0))
    }

    /// The smallest margin above zero the printer lists for side `i`, in mm: what it leaves
    /// blank when not printing borderless.
    fn bordered_margin_mm(&self, i: usize) -> Option<f64> {
        self.margins[i].iter().filter(|&&m| m > 0).min().map(|&m| m as f64 / 100.0)
    }

    /// What to send so `paper` prints at exactly its size, or what the printer lacks for it.
    pub fn choose(&self, paper: &Paper) -> Result<MediaChoice, String> {
        if !self.print_scaling.iter().any(|s| s == "none") {
            return Err(if self.print_scaling.is_empty() {
                crate::i18n::tr("paper-no-scaling-reported")
            } else {
                crate::msg!("paper-no-scaling-none", supported = self.print_scaling.join(", ")).to_string()
            });
        }
        let (w, h) = (paper.width_mm.min(paper.height_mm), paper.width_mm.max(paper.height_mm));
        let named: Vec<Media> = self
            .media
            .iter()
            .filter_map(|m| Media::parse(m).ok())
            .filter(|m| m.fits(paper.width_mm, paper.height_mm))
            .collect();
        let name = named
            .iter()
            .find(|m| paper.loaded.as_deref() == Some(m.name.as_str()))
            .or(named.first())
            .map(|m| (m.name.clone(), hundredths(m.width_mm), hundredths(m.height_mm)));
        let size = self
            .media_sizes
            .iter()
            .map(|&(x, y)| (x.min(y), x.max(y)))
            .find(|&(x, y)| (x - hundredths(w)).abs() <= 100 && (y - hundredths(h)).abs() <= 100);
        let (media, x, y) = match (name, size) {
            (Some((n, x, y)), _) => (Some(n), x, y),
            (None, Some((x, y))) => (None, x, y),
            (None, None) => {
                let listed = if self.media.is_empty() { "-".to_string() } else { self.media.join(", ") };
                let (w, h) = (format!("{w:.1}"), format!("{h:.1}"));
                return Err(crate::msg!("paper-no-size", w = w, h = h, media = listed).to_string());
            }
        };
        // Borderless when the page draws nearer an edge than the printer can print.
        let tight: Vec<String> = (0..4)
            .filter_map(|i| {
                let edge = self.bordered_margin_mm(i)?;
                (paper.margins_mm[i] + 1e-6 < edge).then(|| {
                    crate::msg!(
                        "paper-tight-edge",
                        mm = format!("{:.1}", paper.margins_mm[i]),
                        side = SIDES[i],
                        edge = format!("{edge:.1}")
                    )
                    .to_string()
                })
            })
            .collect();
        let borderless = !tight.is_empty();
        if borderless && !self.borderless() {
            return Err(crate::msg!("paper-no-borderless", tight = tight.join(", ")).to_string());
        }
        let col_needed: &[&str] = if borderless {
            &["media-size", "media-top-margin", "media-right-margin", "media-bottom-margin", "media-left-margin"]
        } else if media.is_none() {
            &["media-size"]
        } else {
            &[]
        };
        if let Some(m) = col_needed.iter().find(|m| !self.media_col.iter().any(|s| s == *m)) {
            return Err(crate::msg!("paper-no-media-col", member = *m).to_string());
        }
        Ok(MediaChoice { media, x_dimension: x, y_dimension: y, borderless })
    }
}

impl std::fmt::Display for Supports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[String]| if v.is_empty() { "(not reported)".to_string() } else { v.join(", ") };
        write!(
            f,
            "print-scaling: {}; media: {}; borderless: {}",
            list(&self.print_scaling),
            list(&self.media),
            if self.borderless() { "yes" } else { "no" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo_printer() -> Supports {
        Supports {
            print_scaling: vec!["auto".into(), "fit".into(), "none".into()],
            media: vec!["iso_a4_210x297mm".into(), "na_index-4x6_4x6in".into()],
            media_sizes: vec![(21000, 29700), (10160, 15240)],
            media_col: [
                "media-size",
                "media-top-margin",
                "media-right-margin",
                "media-bottom-margin",
                "media-left-margin",
            ]
            .map(String::from)
            .to_vec(),
            margins: [vec![0, 423], vec![0, 423], vec![0, 423], vec![0, 423]],
        }
    }

    fn paper(w: f64, h: f64, margin: f64) -> Paper {
        Paper { width_mm: w, height_mm: h, margins_mm: [margin; 4], loaded: None }
    }

    #[test]
    fn a4_with_room_at_the_edges_is_sent_as_media() {
        let c = photo_printer().choose(&paper(210.0, 297.0, 8.0)).unwrap();
        assert_eq!(
            c,
            MediaChoice {
                media: Some("iso_a4_210x297mm".into()),
                x_dimension: 21000,
                y_dimension: 29700,
                borderless: false
            }
        );
    }

    #[test]
    fn photo_paper_printed_near_the_edge_goes_borderless() {
        // A 6-inch layout with 3 mm margins on a printer that leaves 4.23 mm.
        let c = photo_printer().choose(&paper(152.0, 102.0, 3.0)).unwrap();
        assert!(c.borderless && c.x_dimension == 10160 && c.y_dimension == 15240, "{c:?}");
        let mut no_zero = photo_printer();
        no_zero.margins[2] = vec![423];
        let e = no_zero.choose(&paper(152.0, 102.0, 3.0)).unwrap_err();
        assert!(e.contains("borderless") && e.contains("3.0 mm from the top edge"), "{e}");
    }

    #[test]
    fn refuses_naming_what_is_missing() {
        let mut p = photo_printer();
        p.print_scaling = vec!["auto".into(), "fit".into()];
        assert!(
            p.choose(&paper(210.0, 297.0, 8.0))
                .unwrap_err()
                .contains("print-scaling=none (print-scaling-supported: auto, fit)")
        );
        let e = photo_printer().choose(&paper(148.0, 210.0, 8.0)).unwrap_err();
        assert!(e.contains("148.0 x 210.0 mm") && e.contains("iso_a4_210x297mm"), "{e}");
        // Only a size, and media-col without media-size: nothing to send it with.
        let mut sizes_only = photo_printer();
        sizes_only.media.clear();
        sizes_only.media_col.clear();
        assert!(sizes_only.choose(&paper(210.0, 297.0, 8.0)).unwrap_err().contains("media-size"));
    }

    #[test]
    fn the_loaded_paper_is_preferred_and_sizes_alone_go_in_media_col() {
        let mut p = photo_printer();
        p.media.insert(0, "oe_photo-a4_210x297mm".into());
        let loaded = Paper { loaded: Some("iso_a4_210x297mm".into()), ..paper(210.0, 297.0, 8.0) };
        assert_eq!(p.choose(&loaded).unwrap().media.as_deref(), Some("iso_a4_210x297mm"));
        p.media.clear();
        let c = p.choose(&paper(210.0, 297.0, 8.0)).unwrap();
        assert_eq!((c.media, c.x_dimension, c.borderless), (None, 21000, false));
    }
}
