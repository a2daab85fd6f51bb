//! The window's words for the states and kinds the services return as keys. Where the message
//! catalog (`crate::i18n`) has the words they come from it, so the window and the CLI say the
//! same; the rest are still written here. Errors are shown with their own Display, which is the
//! catalog's text where the message has moved there.

use crate::domain::request::RequestStatus;
use crate::domain::shipment::{ScanKind, ScanResult, ShipmentState};

/// A state or kind key with its Chinese label; unknown keys are shown as they are.
fn label(pairs: &[(&str, &'static str)], key: &str) -> String {
    pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()).unwrap_or_else(|| key.to_string())
}

/// The catalog's words for a request's status, in the window's language.
pub fn request_status(s: RequestStatus) -> String {
    s.word().to_string()
}

pub const REQUEST_KINDS: [(&str, &str); 3] = [("lost", "丢失"), ("missing", "漏洗"), ("damaged", "损坏")];

pub fn request_kind(key: &str) -> String {
    label(&REQUEST_KINDS, key)
}

pub const REQUESTERS: [(&str, &str); 2] = [("student", "学生"), ("school", "学校")];

pub fn requester(key: &str) -> String {
    label(&REQUESTERS, key)
}

pub fn shipment_state(s: ShipmentState) -> String {
    s.word().to_string()
}

/// A printed part's state, as the printer reported it.
pub fn part_state(key: &str) -> String {
    label(
        &[
            ("sending", "发送中"),
            ("pending", "排队中"),
            ("held", "暂停"),
            ("processing", "打印中"),
            ("stopped", "已停止"),
            ("completed", "已完成"),
            ("aborted", "已中止"),
            ("canceled", "已取消"),
        ],
        key,
    )
}

/// An electronic-copy request's state (`ecopy log`) or one part's.
pub fn ecopy_state(key: &str) -> String {
    label(
        &[
            ("not sent", "未发送"),
            ("sent", "已发送"),
            ("partly sent", "部分发送"),
            ("failed", "失败"),
            ("pending", "待发送"),
            ("accepted", "服务器已接收"),
        ],
        key,
    )
}

pub const NAMINGS: [(&str, &str); 3] = [("xh", "学号.jpg"), ("xh-name", "学号姓名.jpg"), ("cjm", "采集码.jpg")];

pub fn naming(key: &str) -> String {
    label(&NAMINGS, key)
}

/// The strip fields a correction may change, as `correction add --field` takes them.
pub const CORRECTION_FIELDS: [(&str, &str); 5] =
    [("xh", "学号"), ("xm", "姓名"), ("bh", "班级"), ("cc", "层次"), ("xllb", "学历类别")];

pub fn correction_field(key: &str) -> String {
    label(&CORRECTION_FIELDS, key)
}

/// The large word a mailroom scan shows, and its colour key (`accepted`, `confirmed`,
/// `shown`, `refused`).
pub fn scan_verdict(kind: ScanKind, result: ScanResult, shipped: bool) -> (&'static str, &'static str) {
    let word = match (kind, result) {
        (_, ScanResult::Refused) => "拒收",
        (ScanKind::Tracking, ScanResult::Accepted) if shipped => "已发运",
        (ScanKind::Tracking, ScanResult::Accepted) => "单号已登记",
        (_, ScanResult::Accepted) => "接收",
        (_, ScanResult::Confirmed) => "已在箱中",
        (ScanKind::Shipment, _) => "发运单",
        _ => "已记录",
    };
    (word, result.as_str())
}

/// A part's preflight, from its latest verification (`job verify`).
pub fn verification(check: Option<&crate::app::verify::PartCheck>) -> &'static str {
    match check {
        None => "未校验",
        Some(c) if c.stale => "已重新渲染，未校验",
        Some(c) if c.passed => "已校验",
        Some(_) => "校验失败",
    }
}

/// What a preflight failure is about.
pub fn check_kind(check: crate::verify::Check) -> &'static str {
    use crate::verify::Check::*;
    match check {
        File => "文件",
        Pages => "页面",
        Photo => "照片",
        Placement => "位置",
        Barcode => "条码",
        Caption => "文字",
        Glyph => "字形",
    }
}

/// An audit entry's action as the window shows it; an action without words of its own, as
/// stored.
pub fn audit_action(action: &str) -> String {
    let words = match action {
        "request.add" => crate::msg!("action-request-add"),
        "request.match" => crate::msg!("action-request-match"),
        "request.approve" => crate::msg!("action-request-approve"),
        "request.reject" => crate::msg!("action-request-reject"),
        "request.print" => crate::msg!("action-request-print"),
        "request.printed" => crate::msg!("action-request-printed"),
        "request.ship" => crate::msg!("action-request-ship"),
        "request.shipped" => crate::msg!("action-request-shipped"),
        "request.returned" => crate::msg!("action-request-returned"),
        "request.close" => crate::msg!("action-request-close"),
        "request.closed" => crate::msg!("action-request-closed"),
        "request.unpacked" => crate::msg!("action-request-unpacked"),
        other => return other.to_string(),
    };
    words.to_string()
}

/// What the window says while the shared store does not answer.
pub fn unreachable(u: &crate::error::Unreachable) -> String {
    use crate::error::Unreachable::*;
    match u {
        Lost { server } => crate::msg!("window-store-lost", server = server.as_str()),
        NoConnection { server, detail } => {
            crate::msg!("window-store-unreachable", server = server.as_str(), detail = detail.as_str())
        }
    }
    .to_string()
}

/// An error as the window shows it: the store not answering in the window's words, anything
/// else as the services say it.
/// An error as the window says it: a hint names the window's control where the catalog has a
/// window's wording for it (`<key>-in-window`), not the command-line flag.
pub fn error(e: &crate::Error) -> String {
    match (e.unreachable(), e) {
        (Some(u), _) => unreachable(&u),
        (None, crate::Error::Message(m)) => m.window_text(crate::i18n::current()),
        (None, _) => e.to_string(),
    }
}

pub fn yes_no(v: bool) -> &'static str {
    if v { "有" } else { "无" }
}

fn colour_name(c: crate::domain::school::BackgroundColour) -> &'static str {
    use crate::domain::school::BackgroundColour::*;
    match c {
        Blue => "浅蓝",
        White => "白色",
        Grey => "灰色",
    }
}

/// One finding of the photo check (照片规格检查), in Chinese, with the measured value and the
/// allowed range; the same finding the CLI words in English (`import::face::Check::english`).
pub fn photo_check(c: &crate::import::face::Check) -> String {
    use crate::import::face::Check;
    let rgb = |c: &[u8; 3]| format!("RGB({},{},{})", c[0], c[1], c[2]);
    match c {
        Check::HeadTop { px, allowed: [a, b] } => format!("头顶距上边 {px:.0} 像素，标准为 {a:.0}-{b:.0} 像素"),
        Check::EyeLine { px, allowed: [a, b] } => format!("双眼距上边 {px:.0} 像素，标准为 {a:.0}-{b:.0} 像素"),
        Check::FaceWidth { px, allowed: [a, b] } => format!("脸宽 {px:.0} 像素，标准为 {a:.0}-{b:.0} 像素"),
        Check::Centre { offset_px, allowed } => format!(
            "人像偏{} {:.0} 像素，标准为居中（偏差不超过 {allowed:.0} 像素）",
            if *offset_px > 0.0 { "右" } else { "左" },
            offset_px.abs()
        ),
        Check::Tilt { degrees, allowed } => format!(
            "头部{}倾斜 {:.1}°，标准为端正（不超过 {allowed:.0}°）",
            if *degrees > 0.0 { "顺时针" } else { "逆时针" },
            degrees.abs()
        ),
        Check::BackgroundColour { rgb: c, .. } => {
            format!("背景颜色 {} 不是标准色（浅蓝 RGB(100,197,255)、白色或灰色 RGB(240,240,240)）", rgb(c))
        }
        Check::BackgroundNotRequired { rgb: c, found, required } => format!(
            "背景为{} {}，本校要求{} {}",
            colour_name(*found),
            rgb(c),
            colour_name(*required),
            rgb(&required.rgb())
        ),
        Check::BackgroundUneven { spread, allowed, .. } => {
            format!("背景不均匀（各处相差 {spread:.0}，标准为均匀单色，不超过 {allowed:.0}）")
        }
        Check::NoFace => "无法判断：未找到人脸".into(),
        Check::HeadTopUnsure => "无法判断头顶位置：头发与背景分界不清".into(),
        Check::FaceWidthUnsure => "无法判断脸宽：脸颊与头发或背景分界不清".into(),
        Check::TiltUnsure => "无法判断是否端正：未找到瞳孔（眼镜反光或闭眼）".into(),
        Check::BackgroundUnsure => "无法判断背景：可见的背景太少".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_status_has_a_chinese_label() {
        // The window speaks Chinese (`gui::build` sets it); this test thread does too.
        crate::i18n::with_lang(crate::i18n::Lang::Zh, || {
            for s in RequestStatus::ALL {
                assert!(request_status(s).chars().all(|c| !c.is_ascii()), "{s}");
            }
        });
    }

    #[test]
    fn every_shipment_state_and_part_state_has_a_chinese_label() {
        crate::i18n::with_lang(crate::i18n::Lang::Zh, shipment_and_part_labels);
    }

    fn shipment_and_part_labels() {
        for s in ShipmentState::ALL {
            assert!(shipment_state(s).chars().all(|c| !c.is_ascii()), "{s}");
        }
        let labels: std::collections::HashSet<String> = ShipmentState::ALL.into_iter().map(shipment_state).collect();
        assert_eq!(labels.len(), ShipmentState::ALL.len(), "two shipment states share a label");
        for s in crate::domain::printing::PartState::ALL {
            assert!(part_state(s.as_str()).chars().all(|c| !c.is_ascii()), "{s:?}");
        }
    }

    #[test]
    fn refused_scans_are_red_whatever_they_were() {
        assert_eq!(scan_verdict(ScanKind::Packet, ScanResult::Refused, false), ("拒收", "refused"));
        assert_eq!(scan_verdict(ScanKind::Packet, ScanResult::Accepted, false).1, "accepted");
        assert_eq!(scan_verdict(ScanKind::Tracking, ScanResult::Accepted, true).0, "已发运");
    }
}
