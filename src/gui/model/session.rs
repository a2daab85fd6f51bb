//! Which workspace the window works in and who is at the keyboard: the GUI's equivalent of
//! the CLI's `--workspace` and `--operator`. Every action opens the workspace afresh, exactly
//! as a CLI command does, so the window always sees what other stations have done.

use crate::app::Workspace;
use crate::app::settings::Settings;
use crate::app::workspace::SETTINGS_FILE;
use crate::domain::local_time::Zone;
use crate::error::Result;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Session {
    root: PathBuf,
    /// Shared with the worker threads: choosing an operator in the window applies to every
    /// action taken after it, on whichever thread.
    operator: Arc<Mutex<Option<String>>>,
    /// Whether the operator was given on the command line (then the station's remembered one
    /// does not replace it at start).
    operator_given: bool,
    station: Option<String>,
}

impl Session {
    /// `operator` and `station` override `[lab] operator` and `[shipping] station`.
    pub fn new(root: PathBuf, operator: Option<String>, station: Option<String>) -> Session {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let operator = clean(operator);
        Session {
            root,
            operator_given: operator.is_some(),
            operator: Arc::new(Mutex::new(operator)),
            station: clean(station),
        }
    }

    /// The operator chosen in the window: every action from now on is recorded under it.
    pub fn set_operator(&self, name: &str) {
        *self.operator.lock().unwrap_or_else(|e| e.into_inner()) = Some(name.to_string());
    }

    /// Whether the operator came from `--operator`.
    pub fn operator_given(&self) -> bool {
        self.operator_given
    }

    fn chosen_operator(&self) -> Option<String> {
        self.operator.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Open the workspace with the operator applied, as the CLI does for every command.
    pub fn open(&self) -> Result<Workspace> {
        let mut ws = Workspace::open(&self.root)?;
        if let Some(name) = self.chosen_operator() {
            ws.settings.lab.operator = name;
        }
        if let Some(name) = &self.station {
            ws.settings.lab.station = name.clone();
        }
        Ok(ws)
    }

    /// The operator's name for the status line (settings, else the OS user).
    pub fn operator(&self) -> String {
        match self.open() {
            Ok(ws) => ws.settings.operator(),
            Err(_) => self.chosen_operator().unwrap_or_default(),
        }
    }

    /// This station's name: the one given, else the settings' (`[lab] station`, else the
    /// computer's name).
    pub fn station(&self) -> String {
        match (&self.station, self.open()) {
            (Some(s), _) => s.clone(),
            (None, Ok(ws)) => ws.settings.station(),
            (None, Err(_)) => String::new(),
        }
    }

    /// The lab's time zone (`[lab] timezone`), read afresh like everything else. A settings
    /// file that cannot be read shows times in the default zone; every action says why.
    pub fn zone(&self) -> Zone {
        Settings::load(&self.root.join(SETTINGS_FILE)).map(|s| s.lab.timezone).unwrap_or_default()
    }

    /// `Some(station)` only when one was given; the scan service otherwise uses the setting.
    pub fn station_override(&self) -> Option<String> {
        self.station.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_takes_the_labs_zone_from_the_workspace_settings() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::new(dir.path().to_path_buf(), None, None);
        assert_eq!(session.zone(), Zone::CHINA, "no settings: Asia/Shanghai");
        std::fs::write(dir.path().join(SETTINGS_FILE), "[lab]\ntimezone = \"Europe/Berlin\"\n").unwrap();
        assert_eq!(session.zone().name(), "Europe/Berlin", "read afresh, as every action opens the workspace");
    }

    #[test]
    fn an_operator_chosen_later_applies_to_every_copy_of_the_session() {
        let dir = tempfile::tempdir().unwrap();
        crate::app::Workspace::init(dir.path(), &Default::default()).unwrap();
        let session = Session::new(dir.path().to_path_buf(), None, Some("收发室1".into()));
        let on_a_worker = session.clone();
        assert!(!session.operator_given());
        session.set_operator("王老师");
        assert_eq!(on_a_worker.open().unwrap().settings.operator(), "王老师");
        assert_eq!(on_a_worker.operator(), "王老师");
    }
}
