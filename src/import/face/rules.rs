//! The standard's ranges and what falls outside them. Each [`Check`] is one warning with its
//! machine code (`head_top`, `eye_line`, `face_width`, `centre`, `tilt`, `background`, or a
//! `*_unsure` / `no_face` code for 无法判断), the measured value and the allowed range; its
//! English words are built here, its Chinese ones in the window (`gui::model::texts`).

use super::{BackgroundColour, HEIGHT, Measure, WIDTH};
use crate::i18n::Msg;
use crate::msg;
use serde::Serialize;

/// The head's top, from the top edge, in px of the 480x640 image.
pub const HEAD_TOP: [f32; 2] = [50.0, 110.0];
/// The eyes, from the top edge.
pub const EYE_LINE: [f32; 2] = [200.0, 300.0];
/// The face's width, cheek to cheek.
pub const FACE_WIDTH: [f32; 2] = [180.0, 300.0];
/// "Centred": the face's centre at most this far from the middle (5% of the width each way).
pub const MAX_CENTRE_OFFSET: f32 = 24.0;
/// "Level": the line through the pupils at most this many degrees from horizontal.
pub const MAX_TILT: f32 = 5.0;
/// A background this far (RGB distance) from every allowed colour is another colour.
pub const MAX_COLOUR_DISTANCE: f32 = 40.0;
/// "Uniform": patches of background at most this far apart, and no noisier than this.
pub const MAX_SPREAD: f32 = 20.0;

/// One thing the photo check found: a measure out of range, or one it cannot judge.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Check {
    HeadTop {
        px: f32,
        allowed: [f32; 2],
    },
    EyeLine {
        px: f32,
        allowed: [f32; 2],
    },
    FaceWidth {
        px: f32,
        allowed: [f32; 2],
    },
    /// Positive: right of the middle.
    Centre {
        offset_px: f32,
        allowed: f32,
    },
    /// Positive: clockwise (the image-right eye lower).
    Tilt {
        degrees: f32,
        allowed: f32,
    },
    /// Not one of the standard's colours.
    #[serde(rename = "background")]
    BackgroundColour {
        rgb: [u8; 3],
        allowed: [[u8; 3]; 3],
    },
    /// A standard colour, but not the one the school requires.
    #[serde(rename = "background")]
    BackgroundNotRequired {
        rgb: [u8; 3],
        found: BackgroundColour,
        required: BackgroundColour,
    },
    /// Uneven: shading, a gradient or a pattern.
    #[serde(rename = "background")]
    BackgroundUneven {
        rgb: [u8; 3],
        spread: f32,
        allowed: f32,
    },
    NoFace,
    HeadTopUnsure,
    FaceWidthUnsure,
    TiltUnsure,
    BackgroundUnsure,
}

fn colour_name(c: BackgroundColour) -> Msg {
    Msg::new(match c {
        BackgroundColour::Blue => "colour-blue",
        BackgroundColour::White => "colour-white",
        BackgroundColour::Grey => "colour-grey",
    })
}

fn rgb(c: [u8; 3]) -> String {
    format!("RGB({},{},{})", c[0], c[1], c[2])
}

impl Check {
    pub fn code(&self) -> &'static str {
        match self {
            Check::HeadTop { .. } => "head_top",
            Check::EyeLine { .. } => "eye_line",
            Check::FaceWidth { .. } => "face_width",
            Check::Centre { .. } => "centre",
            Check::Tilt { .. } => "tilt",
            Check::BackgroundColour { .. } | Check::BackgroundNotRequired { .. } | Check::BackgroundUneven { .. } => {
                "background"
            }
            Check::NoFace => "no_face",
            Check::HeadTopUnsure => "head_top_unsure",
            Check::FaceWidthUnsure => "face_width_unsure",
            Check::TiltUnsure => "tilt_unsure",
            Check::BackgroundUnsure => "background_unsure",
        }
    }

    /// Whether this is 无法判断 (the measure could not be made), not a measure out of range.
    pub fn cannot_judge(&self) -> bool {
        matches!(
            self,
            Check::NoFace | Check::HeadTopUnsure | Check::FaceWidthUnsure | Check::TiltUnsure | Check::BackgroundUnsure
        )
    }

    /// The warning, with the measured value and the allowed range.
    pub fn said(&self) -> Msg {
        let px = |v: f32| format!("{v:.0}");
        match self {
            Check::HeadTop { px: v, allowed: [a, b] } => {
                msg!("photo-head-top", px = px(*v), from = px(*a), to = px(*b))
            }
            Check::EyeLine { px: v, allowed: [a, b] } => {
                msg!("photo-eye-line", px = px(*v), from = px(*a), to = px(*b))
            }
            Check::FaceWidth { px: v, allowed: [a, b] } => {
                msg!("photo-face-width", px = px(*v), from = px(*a), to = px(*b))
            }
            Check::Centre { offset_px, allowed } => msg!(
                "photo-centre",
                px = px(offset_px.abs()),
                side = if *offset_px > 0.0 { "right" } else { "left" },
                allowed = px(*allowed)
            ),
            Check::Tilt { degrees, allowed } => msg!(
                "photo-tilt",
                degrees = format!("{:.1}", degrees.abs()),
                way = if *degrees > 0.0 { "clockwise" } else { "anticlockwise" },
                allowed = px(*allowed)
            ),
            Check::BackgroundColour { rgb: c, .. } => msg!("photo-background-colour", rgb = rgb(*c)),
            Check::BackgroundNotRequired { rgb: c, found, required } => msg!(
                "photo-background-not-required",
                found = colour_name(*found),
                rgb = rgb(*c),
                required = colour_name(*required),
                required_rgb = rgb(required.rgb())
            ),
            Check::BackgroundUneven { spread, allowed, .. } => {
                msg!("photo-background-uneven", spread = px(*spread), allowed = px(*allowed))
            }
            Check::NoFace => msg!("photo-no-face"),
            Check::HeadTopUnsure => msg!("photo-head-top-unsure"),
            Check::FaceWidthUnsure => msg!("photo-face-width-unsure"),
            Check::TiltUnsure => msg!("photo-tilt-unsure"),
            Check::BackgroundUnsure => msg!("photo-background-unsure"),
        }
    }

    /// The warning as an import finding says it.
    pub fn finding(&self) -> Msg {
        msg!("photo-check-finding", what = self.said())
    }
}

fn distance(a: [u8; 3], b: [u8; 3]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (*x as f32 - y as f32).powi(2)).sum::<f32>().sqrt()
}

fn outside(v: f32, [a, b]: [f32; 2]) -> bool {
    v < a || v > b
}

/// What is out of range in a photo's measure; `required` is the school's background colour.
pub fn judge(m: &Measure, required: Option<BackgroundColour>) -> Vec<Check> {
    let mut out = Vec::new();
    match &m.face {
        None => out.push(Check::NoFace),
        Some(f) => {
            match f.head_top {
                Some(px) if outside(px, HEAD_TOP) => out.push(Check::HeadTop { px, allowed: HEAD_TOP }),
                Some(_) => {}
                None => out.push(Check::HeadTopUnsure),
            }
            if outside(f.eye_line, EYE_LINE) {
                out.push(Check::EyeLine { px: f.eye_line.clamp(0.0, HEIGHT), allowed: EYE_LINE });
            }
            match f.face_width() {
                Some(px) if outside(px, FACE_WIDTH) => out.push(Check::FaceWidth { px, allowed: FACE_WIDTH }),
                Some(_) => {}
                None => out.push(Check::FaceWidthUnsure),
            }
            let offset_px = f.centre - WIDTH / 2.0;
            if offset_px.abs() > MAX_CENTRE_OFFSET {
                out.push(Check::Centre { offset_px, allowed: MAX_CENTRE_OFFSET });
            }
            match f.tilt {
                Some(degrees) if degrees.abs() > MAX_TILT => out.push(Check::Tilt { degrees, allowed: MAX_TILT }),
                Some(_) => {}
                None => out.push(Check::TiltUnsure),
            }
        }
    }
    match &m.background {
        None => out.push(Check::BackgroundUnsure),
        Some(bg) => {
            let nearest = BackgroundColour::ALL
                .into_iter()
                .min_by(|a, b| distance(bg.colour, a.rgb()).total_cmp(&distance(bg.colour, b.rgb())))
                .unwrap_or(BackgroundColour::Blue);
            if distance(bg.colour, nearest.rgb()) > MAX_COLOUR_DISTANCE {
                out.push(Check::BackgroundColour {
                    rgb: bg.colour,
                    allowed: BackgroundColour::ALL.map(BackgroundColour::rgb),
                });
            } else if let Some(req) = required.filter(|r| *r != nearest) {
                out.push(Check::BackgroundNotRequired { rgb: bg.colour, found: nearest, required: req });
            }
            let spread = bg.spread.max(bg.noise);
            if spread > MAX_SPREAD {
                out.push(Check::BackgroundUneven { rgb: bg.colour, spread, allowed: MAX_SPREAD });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::face::{Background, FaceMeasure};

    fn measure() -> Measure {
        Measure {
            face: Some(FaceMeasure {
                score: 0.9,
                bbox: [160.0, 180.0, 160.0, 200.0],
                eyes: [[200.0, 250.0], [280.0, 250.0]],
                eyes_found: true,
                eye_line: 250.0,
                tilt: Some(1.0),
                head_top: Some(80.0),
                face_edges: Some([130.0, 350.0]),
                centre: 240.0,
            }),
            background: Some(Background { colour: [102, 195, 250], spread: 3.0, noise: 2.0 }),
        }
    }

    fn codes(m: &Measure, required: Option<BackgroundColour>) -> Vec<&'static str> {
        judge(m, required).iter().map(Check::code).collect()
    }

    #[test]
    fn within_every_range_is_silent_and_each_edge_is_inclusive() {
        assert!(codes(&measure(), None).is_empty());
        let mut m = measure();
        let f = m.face.as_mut().unwrap();
        (f.head_top, f.eye_line, f.face_edges, f.centre, f.tilt) =
            (Some(110.0), 200.0, Some([150.0, 330.0]), 240.0 + MAX_CENTRE_OFFSET, Some(-MAX_TILT));
        assert!(codes(&m, None).is_empty(), "{:?}", codes(&m, None));
    }

    #[test]
    fn each_measure_out_of_range_has_its_code_value_and_range() {
        let mut m = measure();
        let f = m.face.as_mut().unwrap();
        (f.head_top, f.eye_line, f.face_edges, f.centre, f.tilt) =
            (Some(40.0), 310.0, Some([100.0, 410.0]), 200.0, Some(6.5));
        let checks = judge(&m, None);
        assert_eq!(
            checks.iter().map(Check::code).collect::<Vec<_>>(),
            ["head_top", "eye_line", "face_width", "centre", "tilt"]
        );
        assert_eq!(checks[0], Check::HeadTop { px: 40.0, allowed: [50.0, 110.0] });
        assert!(
            checks[0].finding().text(crate::i18n::Lang::En).contains("head top 40 px")
                && checks[0].finding().text(crate::i18n::Lang::En).contains("50-110 px")
        );
        assert!(
            checks[3].finding().text(crate::i18n::Lang::En).contains("40 px left of the middle"),
            "{}",
            checks[3].finding().text(crate::i18n::Lang::En)
        );
        assert!(
            checks[4].finding().text(crate::i18n::Lang::En).contains("6.5° clockwise"),
            "{}",
            checks[4].finding().text(crate::i18n::Lang::En)
        );
        let json = serde_json::to_value(&checks[2]).unwrap();
        assert_eq!(json, serde_json::json!({"code": "face_width", "px": 310.0, "allowed": [180.0, 300.0]}));
    }

    #[test]
    fn unsure_measures_are_cannot_judge_never_a_range() {
        let mut m = measure();
        let f = m.face.as_mut().unwrap();
        (f.head_top, f.face_edges, f.tilt) = (None, None, None);
        m.background = None;
        let checks = judge(&m, None);
        assert_eq!(
            checks.iter().map(Check::code).collect::<Vec<_>>(),
            ["head_top_unsure", "face_width_unsure", "tilt_unsure", "background_unsure"]
        );
        assert!(
            checks.iter().all(|c| c.cannot_judge() && c.finding().text(crate::i18n::Lang::En).contains("无法判断"))
        );
        m.face = None;
        assert_eq!(codes(&m, None), ["no_face", "background_unsure"]);
    }

    #[test]
    fn background_colour_evenness_and_the_schools_choice() {
        let mut m = measure();
        m.background = Some(Background { colour: [250, 190, 205], spread: 3.0, noise: 2.0 });
        assert_eq!(codes(&m, None), ["background"]);
        m.background = Some(Background { colour: [236, 238, 240], spread: 3.0, noise: 2.0 });
        assert!(codes(&m, None).is_empty(), "light grey is grey");
        assert!(codes(&m, Some(BackgroundColour::Grey)).is_empty());
        let checks = judge(&m, Some(BackgroundColour::Blue));
        assert_eq!(
            checks,
            [Check::BackgroundNotRequired {
                rgb: [236, 238, 240],
                found: BackgroundColour::Grey,
                required: BackgroundColour::Blue
            }]
        );
        m.background = Some(Background { colour: [100, 197, 255], spread: 35.0, noise: 2.0 });
        assert_eq!(codes(&m, None), ["background"]);
        assert!(judge(&m, None)[0].finding().text(crate::i18n::Lang::En).contains("uneven"));
    }
}
