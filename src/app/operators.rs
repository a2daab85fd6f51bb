//! Who is at a station. The window asks once and the store remembers the answer per station,
//! so the next start at that computer knows; every action taken there is recorded under that
//! name, as `--operator` or `[lab] operator` do for the command line.

use super::Workspace;
use crate::error::Result;
use crate::msg;

/// The names a station's operator choice offers: at most this many, most recent first.
const OFFERED: i64 = 30;
/// Longer than any name a lab writes on a roster; keeps the audit log and the footer readable.
const LONGEST: usize = 40;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StationOperator {
    pub station: String,
    /// The one chosen at this station last; empty when nobody has been chosen yet.
    pub operator: String,
    /// Names that have worked in the lab, most recently active first.
    pub known: Vec<String>,
}

pub fn station_operator(ws: &Workspace) -> Result<StationOperator> {
    let station = ws.settings.station();
    let mut store = ws.store()?;
    let tx = store.read()?;
    Ok(StationOperator { operator: tx.station_operator(&station)?, known: tx.known_operators(OFFERED)?, station })
}

/// Remember `name` as the operator at this station, and record the change in the audit log
/// under the new name.
pub fn choose_operator(ws: &Workspace, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(msg!("operator-empty").into());
    }
    if name.chars().count() > LONGEST || name.chars().any(char::is_control) {
        return Err(msg!("operator-bad-name", name = name, longest = LONGEST as i64).into());
    }
    let station = ws.settings.station();
    let mut store = ws.store()?;
    let tx = store.write()?;
    let before = tx.station_operator(&station)?;
    tx.set_station_operator(&station, name)?;
    tx.audit(name, "station.operator", &format!("station:{station}"), &before)?;
    tx.commit()?;
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::LabIdentity;

    #[test]
    fn a_station_remembers_who_was_chosen_and_offers_who_worked() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::init(dir.path(), &LabIdentity::default()).unwrap();
        ws.settings.lab.station = "收发室1".into();
        let first = station_operator(&ws).unwrap();
        assert_eq!((first.station.as_str(), first.operator.as_str()), ("收发室1", ""));

        assert_eq!(choose_operator(&ws, "  王老师 ").unwrap(), "王老师");
        choose_operator(&ws, "李师傅").unwrap();
        let now = station_operator(&ws).unwrap();
        assert_eq!(now.operator, "李师傅");
        assert_eq!(now.known, ["李师傅", "王老师"], "most recent first");

        ws.settings.lab.station = "技术员2".into();
        assert_eq!(station_operator(&ws).unwrap().operator, "", "each station its own");

        let refused =
            crate::i18n::with_lang(crate::i18n::Lang::Zh, || choose_operator(&ws, " ").unwrap_err().to_string());
        assert!(refused.contains("操作人"), "{refused}");
        assert!(choose_operator(&ws, &"长".repeat(41)).is_err());
        assert_eq!(station_operator(&ws).unwrap().operator, "", "a refused name changes nothing");
    }
}
