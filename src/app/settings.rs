//! `gradlab.toml`: the workspace's settings. Every key is optional; a missing key takes the
//! default written in the commented file `gradlab init` creates. A misspelt key is an error,
//! so a setting never silently fails to apply.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub lab: LabSettings,
    pub import: ImportSettings,
    pub render: RenderSettings,
    pub shipping: ShippingSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShippingSettings {
    /// The sender on shipping labels; empty name means the lab's name.
    pub sender_name: String,
    pub sender_address: String,
    pub sender_contact: String,
    pub sender_phone: String,
    /// Prints reach the school this many working days after collection.
    pub promise_working_days: u32,
    /// Holidays and make-up working days, relative to the workspace.
    pub calendar: String,
    /// This computer's name in the scan log, unless `scan --station` says otherwise.
    pub station: String,
}

impl Default for ShippingSettings {
    fn default() -> Self {
        ShippingSettings {
            sender_name: String::new(),
            sender_address: String::new(),
            sender_contact: String::new(),
            sender_phone: String::new(),
            promise_working_days: 40,
            calendar: "calendars/china.toml".into(),
            station: "mailroom".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RenderSettings {
    /// A job's PDF is split into parts of at most this many sheets (0: one part).
    pub max_sheets_per_part: usize,
    /// Resolution of `job preview` pictures.
    pub preview_dpi: f32,
}

impl Default for RenderSettings {
    fn default() -> Self {
        RenderSettings { max_sheets_per_part: 200, preview_dpi: 150.0 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LabSettings {
    pub name: String,
    /// Who is at the keyboard; empty means the operating-system user.
    pub operator: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportSettings {
    /// Largest single file a batch zip may unpack, in MB.
    pub max_zip_entry_mb: u64,
    /// Largest total a batch zip may unpack, in MB.
    pub max_zip_total_mb: u64,
}

impl Default for LabSettings {
    fn default() -> Self {
        LabSettings { name: "Graduation Photo Lab".into(), operator: String::new() }
    }
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings { max_zip_entry_mb: 64, max_zip_total_mb: 16384 }
    }
}

/// The file `gradlab init` writes: every setting, commented, at its default.
pub const TEMPLATE: &str = r#"# gradlab workspace settings.
# Every key is optional: delete a line and the default shown here applies.

[lab]
# The lab's name, printed on sheets, labels and packing lists.
name = "Graduation Photo Lab"
# Who is at the keyboard, recorded with every change; empty means the operating-system user.
operator = ""

[import]
# A batch .zip is refused if one file in it unpacks to more than this many MB ...
max_zip_entry_mb = 64
# ... or if all its files together unpack to more than this many MB.
max_zip_total_mb = 16384

[render]
# A job's PDF is split into parts of at most this many sheets, breaking at a class boundary
# when one is near; 0 keeps the whole job in one file.
max_sheets_per_part = 200
# Resolution (dots per inch) of `gradlab job preview` pictures.
preview_dpi = 150.0

[shipping]
# The sender printed on shipping labels; an empty name means the lab's name above.
sender_name = ""
sender_address = ""
sender_contact = ""
sender_phone = ""
# The promise to schools: prints arrive this many working days after collection (the latest
# collection time of the school's students in a job).
promise_working_days = 40
# Working days skip weekends and the official holidays in this file, and count its make-up
# working days (调休); the path is relative to the workspace. Add next year's arrangement
# when the State Council publishes it each November.
calendar = "calendars/china.toml"
# This computer's name in the scan log, unless `gradlab scan --station NAME` says otherwise.
station = "mailroom"
"#;

impl Settings {
    pub fn load(path: &Path) -> Result<Settings> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => return Err(Error::Io { path: path.into(), source }),
        };
        toml::from_str(&text).map_err(|e| Error::input(format!("{}: {e}", path.display())))
    }

    pub fn operator(&self) -> String {
        if !self.lab.operator.trim().is_empty() {
            return self.lab.operator.trim().to_string();
        }
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_the_defaults() {
        let s: Settings = toml::from_str(TEMPLATE).unwrap();
        let d = Settings::default();
        assert_eq!(s.lab.name, d.lab.name);
        assert_eq!(s.import.max_zip_entry_mb, d.import.max_zip_entry_mb);
        assert_eq!(s.import.max_zip_total_mb, d.import.max_zip_total_mb);
        assert_eq!(s.render.max_sheets_per_part, d.render.max_sheets_per_part);
        assert_eq!(s.render.preview_dpi, d.render.preview_dpi);
        assert_eq!(s.shipping.promise_working_days, d.shipping.promise_working_days);
        assert_eq!(s.shipping.calendar, d.shipping.calendar);
        assert_eq!(s.shipping.station, d.shipping.station);
    }

    #[test]
    fn misspelt_key_is_an_error() {
        assert!(toml::from_str::<Settings>("[lab]\nnmae = \"x\"\n").is_err());
    }
}
