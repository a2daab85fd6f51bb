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
    pub requests: RequestSettings,
    /// The lab's mail server, for electronic copies (`src/email/config.rs`).
    pub smtp: crate::email::SmtpSettings,
    pub store: StoreSettings,
}

/// Where the store is: the workspace's SQLite file (no url), or a PostgreSQL server shared by
/// the lab's stations. The password is never in the file, as for `[smtp]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreSettings {
    /// `postgres://USER@HOST:PORT/DB` (with `?sslmode=...`); empty: the SQLite file.
    pub url: String,
    pub password_env: String,
    pub password_file: String,
}

impl StoreSettings {
    /// The PostgreSQL url and password, or None for the SQLite file. `workspace` anchors a
    /// relative password file.
    pub fn postgres(&self, workspace: &Path) -> Result<Option<(String, Option<crate::email::Secret>)>> {
        let url = self.url.trim();
        if url.is_empty() {
            return Ok(None);
        }
        let password = crate::email::config::password(
            "[store]",
            &self.password_env,
            &self.password_file,
            workspace,
            &|v| std::env::var(v).ok(),
            &crate::i18n::tr("settings-store-password"),
        )
        .map_err(Error::Input)?;
        Ok(Some((url.to_string(), password)))
    }
}

/// Fees for reprint requests, in yuan, by kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestSettings {
    pub fee_lost: f64,
    pub fee_missing: f64,
    pub fee_damaged: f64,
    /// Reprints and corrections reach the student or school this many working days after the
    /// request or correction came.
    pub promise_working_days: u32,
}

impl Default for RequestSettings {
    fn default() -> Self {
        RequestSettings { fee_lost: 20.0, fee_missing: 0.0, fee_damaged: 10.0, promise_working_days: 10 }
    }
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
    /// The station's name as earlier settings gave it (for scans only); `[lab] station` now.
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
            station: String::new(),
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
    /// Verify the parts (`job verify`) right after `job render`.
    pub verify_after_render: bool,
}

impl Default for RenderSettings {
    fn default() -> Self {
        RenderSettings { max_sheets_per_part: 200, preview_dpi: 150.0, verify_after_render: true }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LabSettings {
    pub name: String,
    /// Who is at the keyboard; empty means the operating-system user.
    pub operator: String,
    /// The zone every time is shown in, and collection dates and due dates are taken in.
    pub timezone: crate::domain::local_time::Zone,
    /// This computer's name among the lab's stations, recorded with every scan, dispatch and
    /// audit entry; empty means the computer's own name.
    pub station: String,
    /// The language of every message: `zh` or `en`; unset (or empty), the command line follows
    /// the locale and the window speaks Chinese.
    #[serde(deserialize_with = "language")]
    pub language: Option<crate::i18n::Lang>,
}

/// `language = ""` is unset; anything else must be a language gradlab speaks.
fn language<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<crate::i18n::Lang>, D::Error> {
    let text = String::deserialize(d)?;
    match text.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportSettings {
    /// Largest single file a batch zip may unpack, in MB.
    pub max_zip_entry_mb: u64,
    /// Largest total a batch zip may unpack, in MB.
    pub max_zip_total_mb: u64,
    /// Measure every imported photo against the standard's geometry (head, eyes, face width,
    /// centring, tilt, background).
    pub face_check: bool,
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings { max_zip_entry_mb: 64, max_zip_total_mb: 16384, face_check: true }
    }
}

/// The file `gradlab init` writes: every setting, commented, at its default.
pub const TEMPLATE: &str = r#"# gradlab workspace settings.
# Every key is optional: delete a line and the default shown here applies.

[lab]
# The lab's name, printed on labels, packing lists and e-mails (for example 南山照相馆).
name = ""
# Who is at the keyboard, recorded with every change; empty means the operating-system user.
operator = ""
# The lab's time zone, an IANA name (Asia/Shanghai, Asia/Urumqi, Europe/Berlin, UTC ...).
# Times are stored in UTC and shown in this zone, written 2026-11-29 21:01; a collection date
# (采集日期) and the day a promise runs from are the day the time falls on here.
timezone = "Asia/Shanghai"
# This computer's name among the lab's stations (print-1, mailroom ...), recorded with every
# scan, print and change; empty means the computer's own name.
station = ""
# The language of every message: "zh" (中文) or "en". Empty: the command line follows the
# computer's locale (LANG=zh_CN.UTF-8 gives Chinese) and the window speaks Chinese.
language = ""

[import]
# A batch .zip is refused if one file in it unpacks to more than this many MB ...
max_zip_entry_mb = 64
# ... or if all its files together unpack to more than this many MB.
max_zip_total_mb = 16384
# Check every photo against the standard (教毕指〔2017〕99号): head top 50-110 px from the top
# edge, eyes 200-300 px, face 180-300 px wide, centred, level, an even light-blue, white or
# grey background. What is out of range is a warning, never a refusal; a photo once checked
# is not checked again. false skips the check (for a lab re-importing batches it checked).
face_check = true

[render]
# A job's PDF is split into parts of at most this many sheets, breaking at a class boundary
# when one is near; 0 keeps the whole job in one file.
max_sheets_per_part = 200
# Resolution (dots per inch) of `gradlab job preview` pictures.
preview_dpi = 150.0
# Read every part back right after `gradlab job render` and prove it shows what the job froze
# (photos byte for byte, positions, captions, barcodes), as `gradlab job verify` does.
# `gradlab job print` sends only parts whose latest verification passed.
verify_after_render = true

[shipping]
# The sender printed on shipping labels; an empty name means the lab's name above. Without
# an address a returned parcel cannot find its way back, so `shipment create` warns.
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

[requests]
# Fees in yuan recorded when a reprint request is approved, by kind: prints received and
# lost (丢失), never printed (漏洗: the lab's own miss, so free by default), damaged (损坏).
fee_lost = 20.0
fee_missing = 0.0
fee_damaged = 10.0
# The promise for reprints (补洗/补片) and corrected prints (勘误): they reach the student or
# school this many working days after the request or correction came (not after collection).
promise_working_days = 10

[smtp]
# The lab's mail server, for electronic copies (电子版) sent with `gradlab ecopy send`.
host = ""
# 0 means the usual port for the security below: 587 for starttls, 465 for tls, 25 for none.
port = 0
# "starttls" (upgrade a plain connection; it must succeed), "tls" (TLS from the start), or
# "none" (no encryption), which is allowed only for a mail server on this computer.
security = "starttls"
# Login name; empty if the server takes mail without logging in.
user = ""
# The sender's address on every message.
from = ""
# The password is never written here. Give the NAME of an environment variable that holds
# it, or a file (relative to the workspace) whose first line is it and that only its owner
# may read (chmod 600); not both.
password_env = ""
password_file = ""
# An extra trusted root certificate (PEM file, relative to the workspace), for a lab's own
# mail server; the system's trusted roots apply as well.
ca_file = ""
# The largest message, attachment included, in MB of 1,000,000 bytes; a request is split into
# numbered zip parts so that each message stays under it.
max_message_mb = 20
# A part is tried this often when the server answers "try again later" (4xx) or the
# connection drops, waiting retry_delay_secs, then twice as long each time (60 s at most).
tries = 4
retry_delay_secs = 5.0

[store]
# Empty: the store is this workspace's own SQLite file (gradlab.db), for one computer. A lab
# whose stations share one store gives its PostgreSQL database here, as
# postgres://USER@HOST:PORT/DATABASE (`gradlab init --store URL` writes it). TLS as libpq:
# ?sslmode=disable, prefer (the default), require, or verify-full&sslrootcert=/path/to/ca.crt
# to check the server's certificate (without sslrootcert: ~/.postgresql/root.crt, else the
# computer's trusted authorities).
url = ""
# The password is never written here: the NAME of an environment variable that holds it, or a
# file (relative to the workspace) whose first line is it, readable by its owner only
# (chmod 600); not both.
password_env = ""
password_file = ""
"#;

/// The shared store `gradlab init --store` writes into a new workspace's settings.
#[derive(Debug, Clone, Default)]
pub struct StoreChoice {
    pub url: String,
    pub password_env: Option<String>,
    pub password_file: Option<String>,
}

/// An existing settings text with `[store]` pointed at `choice` (`store migrate`): its url and
/// both password sources (the one not chosen emptied) set in place, the section added if the
/// file has none, every other line (comments too) kept as it was. The caller checks the result
/// by parsing it, since a hand-edited file may say the same thing some other way.
pub fn set_store(text: &str, choice: &StoreChoice) -> String {
    let quoted = |v: &str| toml::Value::String(v.trim().to_string()).to_string();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = match lines.iter().position(|l| l.trim() == "[store]") {
        Some(h) => h,
        None => {
            lines.extend([String::new(), "[store]".to_string()]);
            lines.len() - 1
        }
    };
    let mut end = lines[header + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |p| header + 1 + p);
    let key_of = |line: &str| {
        let l = line.trim_start();
        if l.starts_with('#') { None } else { l.split_once('=').map(|(k, _)| k.trim().to_string()) }
    };
    let none = String::new();
    let values = [
        ("url", &choice.url),
        ("password_env", choice.password_env.as_ref().unwrap_or(&none)),
        ("password_file", choice.password_file.as_ref().unwrap_or(&none)),
    ];
    for (key, value) in values {
        let line = format!("{key} = {}", quoted(value));
        match (header + 1..end).find(|&i| key_of(&lines[i]).as_deref() == Some(key)) {
            Some(i) => lines[i] = line,
            None => {
                lines.insert(end, line);
                end += 1;
            }
        }
    }
    lines.join("\n") + "\n"
}

/// Who the lab is, as `gradlab init` asks it: written into a new workspace's settings.
#[derive(Debug, Clone, Default)]
pub struct LabIdentity {
    pub name: Option<String>,
    pub sender_address: Option<String>,
    pub sender_phone: Option<String>,
}

impl LabIdentity {
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.sender_address, &self.sender_phone]
            .iter()
            .all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty()))
    }
}

/// The commented settings file with the lab's own values in place of the empty defaults.
pub fn template_for(id: &LabIdentity) -> String {
    let mut text = TEMPLATE.to_string();
    let mut set = |line: &str, key: &str, value: &Option<String>| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            let quoted = toml::Value::String(v.to_string()).to_string();
            text = text.replacen(line, &format!("{key} = {quoted}"), 1);
        }
    };
    set("\nname = \"\"", "\nname", &id.name);
    set("sender_address = \"\"", "sender_address", &id.sender_address);
    set("sender_phone = \"\"", "sender_phone", &id.sender_phone);
    text
}

impl Settings {
    pub fn load(path: &Path) -> Result<Settings> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => return Err(Error::Io { path: path.into(), source }),
        };
        Settings::parse(&text, path)
    }

    /// Settings from the text of the file at `path` (which names it in an error).
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        toml::from_str(text).map_err(|e| Error::input(format!("{}: {e}", path.display())))
    }

    /// This computer's name among the lab's stations: `[lab] station`, else the older
    /// `[shipping] station`, else the computer's own name.
    pub fn station(&self) -> String {
        [&self.lab.station, &self.shipping.station]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| gethostname::gethostname().to_string_lossy().into_owned())
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
        assert_eq!(s.lab.timezone, d.lab.timezone);
        assert_eq!(d.lab.timezone.name(), "Asia/Shanghai");
        assert_eq!(s.import.max_zip_entry_mb, d.import.max_zip_entry_mb);
        assert_eq!(s.import.max_zip_total_mb, d.import.max_zip_total_mb);
        assert_eq!(s.import.face_check, d.import.face_check);
        assert!(d.import.face_check, "the photo check is on by default");
        assert_eq!(s.render.max_sheets_per_part, d.render.max_sheets_per_part);
        assert_eq!(s.render.preview_dpi, d.render.preview_dpi);
        assert_eq!(s.render.verify_after_render, d.render.verify_after_render);
        assert_eq!(s.shipping.promise_working_days, d.shipping.promise_working_days);
        assert_eq!(s.shipping.calendar, d.shipping.calendar);
        assert_eq!(s.shipping.station, d.shipping.station);
        assert_eq!(s.requests.fee_lost, d.requests.fee_lost);
        assert_eq!(s.requests.fee_missing, d.requests.fee_missing);
        assert_eq!(s.requests.fee_damaged, d.requests.fee_damaged);
        assert_eq!(s.requests.promise_working_days, d.requests.promise_working_days);
        assert_eq!(s.smtp.host, d.smtp.host);
        assert_eq!(s.smtp.port, d.smtp.port);
        assert_eq!(s.smtp.security, d.smtp.security);
        assert_eq!(s.smtp.user, d.smtp.user);
        assert_eq!(s.smtp.from, d.smtp.from);
        assert_eq!(s.smtp.password_env, d.smtp.password_env);
        assert_eq!(s.smtp.password_file, d.smtp.password_file);
        assert_eq!(s.smtp.ca_file, d.smtp.ca_file);
        assert_eq!(s.smtp.max_message_mb, d.smtp.max_message_mb);
        assert_eq!(s.smtp.tries, d.smtp.tries);
        assert_eq!(s.smtp.retry_delay_secs, d.smtp.retry_delay_secs);
        assert_eq!(s.store.url, d.store.url);
        assert_eq!(s.store.password_env, d.store.password_env);
        assert_eq!(s.store.password_file, d.store.password_file);
        assert!(s.store.postgres(Path::new(".")).unwrap().is_none(), "the SQLite file by default");
    }

    #[test]
    fn a_store_url_goes_into_store_and_its_password_comes_from_the_environment() {
        let choice = StoreChoice { url: "postgres://lab@db.lab:5432/gradlab".into(), ..Default::default() };
        let mut s: Settings = toml::from_str(&set_store(TEMPLATE, &choice)).unwrap();
        assert_eq!(s.store.url, "postgres://lab@db.lab:5432/gradlab");
        assert_eq!(s.smtp.host, "", "nothing else changed");
        let (url, password) = s.store.postgres(Path::new(".")).unwrap().unwrap();
        assert_eq!((url.as_str(), password.is_none()), ("postgres://lab@db.lab:5432/gradlab", true));
        s.store.password_env = "GRADLAB_TEST_NO_SUCH_VARIABLE".into();
        let e = s.store.postgres(Path::new(".")).unwrap_err().to_string();
        assert!(e.contains("[store] password_env") && e.contains("GRADLAB_TEST_NO_SUCH_VARIABLE"), "{e}");
        let choice = StoreChoice { password_file: Some("store-password".into()), ..choice };
        let s: Settings = toml::from_str(&set_store(TEMPLATE, &choice)).unwrap();
        assert_eq!((s.store.password_file.as_str(), s.store.password_env.as_str()), ("store-password", ""));
    }

    #[test]
    fn the_labs_identity_is_written_into_the_template() {
        let id = LabIdentity {
            name: Some("南山\"照相\"馆".into()),
            sender_address: Some("深圳市南山区学府路 1 号".into()),
            sender_phone: None,
        };
        let s: Settings = toml::from_str(&template_for(&id)).unwrap();
        assert_eq!(s.lab.name, "南山\"照相\"馆");
        assert_eq!(s.shipping.sender_address, "深圳市南山区学府路 1 号");
        assert_eq!(s.shipping.sender_phone, "");
        assert_eq!(s.lab.operator, "", "only the lab's [lab] name changed");
    }

    #[test]
    fn an_unknown_time_zone_is_refused_naming_the_file_and_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gradlab.toml");
        std::fs::write(&path, "[lab]\ntimezone = \"Europe/Berlin\"\n").unwrap();
        assert_eq!(Settings::load(&path).unwrap().lab.timezone.name(), "Europe/Berlin");
        std::fs::write(&path, "[lab]\ntimezone = \"Asia/Beijing\"\n").unwrap();
        let e = Settings::load(&path).unwrap_err().to_string();
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(e.contains("[lab] timezone") && e.contains("\"Asia/Beijing\" is not a time zone name"), "{e}");
    }

    #[test]
    fn misspelt_key_is_an_error() {
        assert!(toml::from_str::<Settings>("[lab]\nnmae = \"x\"\n").is_err());
    }

    #[test]
    fn set_store_points_an_existing_file_at_the_server_and_keeps_the_rest() {
        let choice = StoreChoice {
            url: "postgres://lab@db.lab:5432/gradlab".into(),
            password_file: Some("store-password".into()),
            ..Default::default()
        };
        // The template as init wrote it, with the lab's own edits elsewhere.
        let edited = TEMPLATE.replace("operator = \"\"", "operator = \"王师傅\"");
        let text = set_store(
            &edited.replace("password_env = \"\"\npassword_file", "password_env = \"OLD\"\npassword_file"),
            &choice,
        );
        let s: Settings = toml::from_str(&text).unwrap();
        assert_eq!(s.store.url, choice.url);
        assert_eq!((s.store.password_file.as_str(), s.store.password_env.as_str()), ("store-password", ""));
        assert_eq!(s.lab.operator, "王师傅");
        assert!(text.contains("# The password is never written here"), "comments are kept");
        assert_eq!(text.lines().count(), edited.lines().count(), "lines are replaced, not added");
        // A file with no [store] section gets one, and the other sections stay.
        let text = set_store("[smtp]\nhost = \"m.example.com\"\n", &choice);
        let s: Settings = toml::from_str(&text).unwrap();
        assert_eq!((s.store.url.as_str(), s.smtp.host.as_str()), (choice.url.as_str(), "m.example.com"));
    }
}
