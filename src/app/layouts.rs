//! `layout list` and `layout check`: which layouts a technician can choose, and whether one
//! he edited still fits its paper.

use super::Workspace;
use crate::error::Result;
use crate::layout::{self, Layout};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LayoutLine {
    pub name: String,
    /// `workspace` (the lab's layouts/ folder) or `shipped`.
    pub source: String,
    pub summary: String,
}

fn summary(l: &Layout) -> String {
    let (w, h) = l.paper_mm();
    let photos = l.group_slots().first().map(|g| g.photos.len()).unwrap_or(0);
    if !l.description.is_empty() {
        return l.description.clone();
    }
    let students = crate::words::count(l.groups_per_sheet() as i64, "student", "students");
    format!("{w:.0}x{h:.0} mm, {students} x {} per sheet", crate::words::count(photos as i64, "photo", "photos"))
}

pub fn list(ws: &Workspace) -> Result<Vec<LayoutLine>> {
    let mut out = Vec::new();
    let dir = ws.layouts_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten().filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml").map(str::to_string)).collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in &names {
        let line = match layout::load(name, &dir) {
            Ok(l) => summary(&l),
            Err(e) => format!("does not load: {e}"),
        };
        out.push(LayoutLine { name: name.clone(), source: "workspace".into(), summary: line });
    }
    for name in layout::builtin_names() {
        if !names.iter().any(|n| n == name) {
            let l = layout::load(name, &dir)?;
            out.push(LayoutLine { name: name.to_string(), source: "shipped".into(), summary: summary(&l) });
        }
    }
    Ok(out)
}

pub fn check(ws: &Workspace, name: &str) -> Result<LayoutLine> {
    let l = layout::load(name, &ws.layouts_dir())?;
    Ok(LayoutLine { name: l.name.clone(), source: name.to_string(), summary: summary(&l) })
}
