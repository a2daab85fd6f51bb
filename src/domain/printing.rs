//! Printers and what becomes of what we send them: printer names, media sizes, a printer's
//! correction (where it moves a point, and its limits), and the states of a dispatched part
//! with the rule for when a job counts as printed. Pure rules; talking to printers is
//! `crate::print`.

use serde::Serialize;

/// Where a part stands at the printer. `Sending` is ours alone: recorded before the first
/// byte goes out, so a crash mid-send is noticed on the next run instead of forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartState {
    Sending,
    Pending,
    Held,
    Processing,
    Stopped,
    Completed,
    Aborted,
    Canceled,
}

impl PartState {
    pub const ALL: [PartState; 8] = [
        PartState::Sending,
        PartState::Pending,
        PartState::Held,
        PartState::Processing,
        PartState::Stopped,
        PartState::Completed,
        PartState::Aborted,
        PartState::Canceled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartState::Sending => "sending",
            PartState::Pending => "pending",
            PartState::Held => "held",
            PartState::Processing => "processing",
            PartState::Stopped => "stopped",
            PartState::Completed => "completed",
            PartState::Aborted => "aborted",
            PartState::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<PartState> {
        PartState::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The state as a person reads it.
    pub fn word(self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            PartState::Sending => msg!("printer-state-sending"),
            PartState::Pending => msg!("printer-state-pending"),
            PartState::Held => msg!("printer-state-held"),
            PartState::Processing => msg!("printer-state-processing"),
            PartState::Stopped => msg!("printer-state-stopped"),
            PartState::Completed => msg!("printer-state-completed"),
            PartState::Aborted => msg!("printer-state-aborted"),
            PartState::Canceled => msg!("printer-state-canceled"),
        }
    }

    /// The IPP `job-state` enum (RFC 8011 5.3.7).
    pub fn from_ipp(code: i32) -> Option<PartState> {
        Some(match code {
            3 => PartState::Pending,
            4 => PartState::Held,
            5 => PartState::Processing,
            6 => PartState::Stopped,
            7 => PartState::Canceled,
            8 => PartState::Aborted,
            9 => PartState::Completed,
            _ => return None,
        })
    }

    /// Nothing more will happen to the job at the printer.
    pub fn is_final(self) -> bool {
        matches!(self, PartState::Completed | PartState::Aborted | PartState::Canceled)
    }
}

impl std::fmt::Display for PartState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `job print` did with one part in this run: sent it, or left it because it was sent
/// before (and not forced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrintOutcome {
    Sent,
    Skipped,
}

/// A part's state as the services report it (`pending`, `completed`, ..., or `not sent`) in the
/// reader's words; a code it does not know is shown as it is.
pub fn state_words(code: &str) -> String {
    match PartState::parse(code) {
        Some(s) => s.word().to_string(),
        None if code == "not sent" => crate::i18n::tr("printer-state-not-sent"),
        None => code.to_string(),
    }
}

impl PrintOutcome {
    /// The outcome as a person reads it.
    pub fn word(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            PrintOutcome::Sent => "print-outcome-sent",
            PrintOutcome::Skipped => "print-outcome-skipped",
        })
    }
}

impl std::fmt::Display for PrintOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PrintOutcome::Sent => "sent",
            PrintOutcome::Skipped => "skipped",
        })
    }
}

/// A job is printed when every one of its parts has come out of a printer complete.
/// `states[i]` holds the states of every dispatch of part i (a part sent twice may have one
/// aborted and one completed dispatch).
pub fn job_printed(states: &[Vec<PartState>]) -> bool {
    !states.is_empty() && states.iter().all(|part| part.contains(&PartState::Completed))
}

/// A printer's name: it is typed at the terminal and becomes a folder name, so letters, digits,
/// `-`, `_` and `.` only (Chinese letters are letters), not starting with `.` or `-`.
pub fn check_printer_name(name: &str) -> Result<(), crate::i18n::Msg> {
    let ok = !name.is_empty()
        && name.chars().count() <= 40
        && !name.starts_with(['.', '-'])
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(()) } else { Err(crate::msg!("printer-bad-name", name = name)) }
}

/// The largest correction we accept: beyond these the printer needs a service, not an offset.
pub const MAX_OFFSET_MM: f64 = 20.0;
pub const SCALE_RANGE_PCT: (f64, f64) = (90.0, 110.0);

impl Adjustment {
    /// Refuse a correction beyond what an offset or scale can fix, naming the flag.
    pub fn check(&self) -> Result<(), crate::i18n::Msg> {
        let Adjustment { offset_x_mm, offset_y_mm, scale_pct } = *self;
        for (name, v) in [("--offset-x", offset_x_mm), ("--offset-y", offset_y_mm)] {
            if !v.is_finite() || v.abs() > MAX_OFFSET_MM {
                return Err(crate::msg!(
                    "printer-offset-out-of-range",
                    flag = name,
                    value = v.to_string(),
                    max = MAX_OFFSET_MM.to_string()
                ));
            }
        }
        let (lo, hi) = SCALE_RANGE_PCT;
        if !scale_pct.is_finite() || !(lo..=hi).contains(&scale_pct) {
            return Err(crate::msg!(
                "printer-scale-out-of-range",
                value = scale_pct.to_string(),
                lo = lo.to_string(),
                hi = hi.to_string()
            ));
        }
        Ok(())
    }
}

/// A paper size loaded in a printer, by its PWG 5101.1 self-describing name (what IPP's
/// `media` attribute carries) and its size in mm, portrait.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Media {
    pub name: String,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// Names the lab uses for the papers it loads, as PWG names.
const MEDIA_ALIASES: &[(&str, &str)] = &[
    ("a4", "iso_a4_210x297mm"),
    ("a5", "iso_a5_148x210mm"),
    ("a6", "iso_a6_105x148mm"),
    ("6inch", "na_index-4x6_4x6in"),
    ("6寸", "na_index-4x6_4x6in"),
    ("4x6", "na_index-4x6_4x6in"),
    ("4r", "na_index-4x6_4x6in"),
    ("5inch", "oe_photo-l_3.5x5in"),
    ("5寸", "oe_photo-l_3.5x5in"),
    ("3r", "oe_photo-l_3.5x5in"),
    ("letter", "na_letter_8.5x11in"),
];

impl Media {
    /// Accepts a PWG name (`iso_a4_210x297mm`, `na_index-4x6_4x6in`) or one of the lab's
    /// short names (A4, A5, A6, 6inch, 5inch, 4x6, 4R, 3R, letter).
    pub fn parse(raw: &str) -> Result<Media, crate::i18n::Msg> {
        let t = raw.trim();
        let lower = t.to_lowercase();
        let name = MEDIA_ALIASES.iter().find(|(a, _)| *a == lower).map(|(_, n)| *n).unwrap_or(t);
        let bad = || crate::msg!("printer-bad-media", media = raw);
        // The size is the last `_`-separated field: `<w>x<h>mm` or `<w>x<h>in`.
        let dims = name.rsplit('_').next().ok_or_else(bad)?;
        let (nums, per_unit) = if let Some(n) = dims.strip_suffix("mm") {
            (n, 1.0)
        } else if let Some(n) = dims.strip_suffix("in") {
            (n, 25.4)
        } else {
            return Err(bad());
        };
        let (w, h) = nums.split_once('x').ok_or_else(bad)?;
        let (w, h): (f64, f64) = (w.parse().map_err(|_| bad())?, h.parse().map_err(|_| bad())?);
        if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() && name.contains('_')) {
            return Err(bad());
        }
        let (w, h) = (w * per_unit, h * per_unit);
        Ok(Media { name: name.to_string(), width_mm: w.min(h), height_mm: w.max(h) })
    }

    /// Whether a page of this size prints on this paper, either way round, within 1 mm
    /// (an A4 layout is 210 x 297; a 6-inch layout may say 102 x 152 for 101.6 x 152.4).
    pub fn fits(&self, page_w_mm: f64, page_h_mm: f64) -> bool {
        let (a, b) = (page_w_mm.min(page_h_mm), page_w_mm.max(page_h_mm));
        (a - self.width_mm).abs() <= 1.0 && (b - self.height_mm).abs() <= 1.0
    }
}

/// A printer's correction, applied to everything on a page sent to that printer.
///
/// Offsets use the page's own convention (mm, top-left origin): positive `offset_x_mm` moves
/// everything right, positive `offset_y_mm` moves everything DOWN, towards the bottom edge as
/// the sheet is read. `scale_pct` scales about the page centre, so a pure scale leaves the
/// centre where it was; the offset is applied after scaling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Adjustment {
    pub offset_x_mm: f64,
    pub offset_y_mm: f64,
    pub scale_pct: f64,
}

impl Adjustment {
    pub const NONE: Adjustment = Adjustment { offset_x_mm: 0.0, offset_y_mm: 0.0, scale_pct: 100.0 };

    /// Whether this changes nothing (within 1e-9), so pages can be written exactly as without it.
    pub fn is_none(&self) -> bool {
        self.offset_x_mm.abs() <= 1e-9 && self.offset_y_mm.abs() <= 1e-9 && (self.scale_pct - 100.0).abs() <= 1e-9
    }

    /// Where the point `x_mm`, `y_mm` (top-left origin) of a `page_w_mm` x `page_h_mm` page ends
    /// up: scaled about the page centre, then shifted by the offsets (y grows downwards).
    pub fn apply(&self, x_mm: f64, y_mm: f64, page_w_mm: f64, page_h_mm: f64) -> (f64, f64) {
        let s = self.scale_pct / 100.0;
        let (cx, cy) = (page_w_mm / 2.0, page_h_mm / 2.0);
        (cx + (x_mm - cx) * s + self.offset_x_mm, cy + (y_mm - cy) * s + self.offset_y_mm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: (f64, f64) = (210.0, 297.0);

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn adjustment_none_is_identity() {
        assert!(Adjustment::NONE.is_none());
        assert!(close(Adjustment::NONE.apply(12.5, 40.0, A4.0, A4.1), (12.5, 40.0)));
        assert!(!Adjustment { offset_x_mm: 0.001, ..Adjustment::NONE }.is_none());
        assert!(!Adjustment { scale_pct: 100.01, ..Adjustment::NONE }.is_none());
    }

    #[test]
    fn adjustment_scale_keeps_centre_fixed() {
        let a = Adjustment { scale_pct: 98.0, ..Adjustment::NONE };
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (105.0, 148.5)));
        // 100 mm left of and above the centre becomes 98 mm.
        assert!(close(a.apply(5.0, 48.5, A4.0, A4.1), (7.0, 50.5)));
    }

    #[test]
    fn adjustment_offset_moves_right_and_down() {
        let a = Adjustment { offset_x_mm: 1.5, offset_y_mm: -2.0, scale_pct: 100.0 };
        assert!(close(a.apply(20.0, 30.0, A4.0, A4.1), (21.5, 28.0)));
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (106.5, 146.5)));
    }

    #[test]
    fn adjustment_scales_then_shifts() {
        let a = Adjustment { offset_x_mm: 1.0, offset_y_mm: 2.0, scale_pct: 102.0 };
        // (5, 48.5) is (-100, -100) from the centre: scaled to (-102, -102), then shifted.
        assert!(close(a.apply(5.0, 48.5, A4.0, A4.1), (105.0 - 102.0 + 1.0, 148.5 - 102.0 + 2.0)));
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (106.0, 150.5)));
    }

    #[test]
    fn ipp_job_states_map_and_round_trip() {
        assert_eq!(PartState::from_ipp(3), Some(PartState::Pending));
        assert_eq!(PartState::from_ipp(5), Some(PartState::Processing));
        assert_eq!(PartState::from_ipp(7), Some(PartState::Canceled));
        assert_eq!(PartState::from_ipp(8), Some(PartState::Aborted));
        assert_eq!(PartState::from_ipp(9), Some(PartState::Completed));
        assert_eq!(PartState::from_ipp(2), None);
        for s in PartState::ALL {
            assert_eq!(PartState::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn printed_only_when_every_part_completed() {
        use PartState::*;
        assert!(!job_printed(&[]));
        assert!(job_printed(&[vec![Completed], vec![Aborted, Completed]]));
        assert!(!job_printed(&[vec![Completed], vec![Processing]]));
        assert!(!job_printed(&[vec![Completed], vec![]]));
    }

    #[test]
    fn printer_names() {
        assert!(check_printer_name("epson-1").is_ok());
        assert!(check_printer_name("一号机").is_ok());
        for bad in ["", ".hidden", "-x", "a/b", "a b", "../x"] {
            assert!(check_printer_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn adjustment_limits() {
        assert!(Adjustment { offset_x_mm: -1.5, offset_y_mm: 2.0, scale_pct: 99.2 }.check().is_ok());
        assert!(
            Adjustment { offset_x_mm: 21.0, offset_y_mm: 0.0, scale_pct: 100.0 }
                .check()
                .unwrap_err()
                .to_string()
                .contains("--offset-x")
        );
        assert!(
            Adjustment { offset_x_mm: 0.0, offset_y_mm: f64::NAN, scale_pct: 100.0 }
                .check()
                .unwrap_err()
                .to_string()
                .contains("--offset-y")
        );
        assert!(
            Adjustment { offset_x_mm: 0.0, offset_y_mm: 0.0, scale_pct: 120.0 }
                .check()
                .unwrap_err()
                .to_string()
                .contains("--scale")
        );
    }

    #[test]
    fn media_names_and_sizes() {
        let a4 = Media::parse("A4").unwrap();
        assert_eq!((a4.name.as_str(), a4.width_mm, a4.height_mm), ("iso_a4_210x297mm", 210.0, 297.0));
        let six = Media::parse("na_index-4x6_4x6in").unwrap();
        assert!((six.width_mm - 101.6).abs() < 1e-9 && (six.height_mm - 152.4).abs() < 1e-9);
        assert_eq!(Media::parse("6寸").unwrap(), six);
        assert!(six.fits(102.0, 152.0) && six.fits(152.0, 102.0) && !six.fits(210.0, 297.0));
        assert!(a4.fits(210.0, 297.0));
        for bad in ["", "A3x", "iso_a4", "x_10xmm", "foo_0x5mm", "210x297mm"] {
            assert!(Media::parse(bad).is_err(), "{bad}");
        }
    }
}
