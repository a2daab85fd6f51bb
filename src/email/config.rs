//! The `[smtp]` section of `gradlab.toml` and what it becomes once checked: the server, how the
//! connection is protected, who sends, the message size limit, and the password, read from an
//! environment variable or from a file only its owner can read. The password itself is never
//! in the settings file, and [`Secret`] never shows it.

use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which must succeed (usually port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (implicit TLS, usually port 465).
    Tls,
    /// No encryption at all: only for a mail server on this computer (a loopback host).
    None,
}

impl Security {
    pub fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }
}

/// `[smtp]` as written in `gradlab.toml`. Every key is optional; nothing is checked until
/// something is to be sent ([`SmtpSettings::resolve`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    /// 0: the usual port for `security`.
    pub port: u16,
    pub security: Security,
    /// Login name; empty: the server takes mail without AUTH.
    pub user: String,
    /// The sender's address, `From:` of every message.
    pub from: String,
    /// Name of an environment variable holding the password.
    pub password_env: String,
    /// A file holding the password (first line), readable by its owner only.
    pub password_file: String,
    /// An extra trusted root certificate (PEM), for a lab's own mail server.
    pub ca_file: String,
    /// The largest message, attachment and all, in MB of 1,000,000 bytes.
    pub max_message_mb: u64,
    /// How often one part is tried when the server answers 4xx or the connection drops.
    pub tries: u32,
    /// Wait before the second try, doubled before each further one, at most 60 seconds.
    pub retry_delay_secs: f64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings {
            host: String::new(),
            port: 0,
            security: Security::Starttls,
            user: String::new(),
            from: String::new(),
            password_env: String::new(),
            password_file: String::new(),
            ca_file: String::new(),
            max_message_mb: 20,
            tries: 4,
            retry_delay_secs: 5.0,
        }
    }
}

/// The longest wait between two tries of one part.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60);

/// A password. It shows as `<hidden>` in debug output, has no `Display`, and its bytes are
/// overwritten when it is dropped.
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

/// The checked settings, ready to connect with.
#[derive(Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub from: String,
    /// Login name and password, when the server wants AUTH.
    pub credentials: Option<(String, Secret)>,
    /// An extra trusted root: its file and its PEM text.
    pub ca: Option<(PathBuf, Vec<u8>)>,
    pub max_message_bytes: u64,
    pub tries: u32,
    pub retry_delay: Duration,
}

impl SmtpConfig {
    /// How long to wait after failed try number `attempt` (1-based): the base delay, doubled
    /// each time, never more than [`MAX_RETRY_DELAY`].
    pub fn retry_delay(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.retry_delay.saturating_mul(factor).min(MAX_RETRY_DELAY)
    }
}

/// Whether a host is this computer: a loopback address (127.0.0.0/8, ::1), or `localhost` when
/// everything it resolves to here is one (a hosts file may point it elsewhere). Other names,
/// `*.localhost` included, are not trusted to stay on this computer.
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = h.parse::<IpAddr>() {
        return ip.is_loopback();
    }
    if !h.eq_ignore_ascii_case("localhost") {
        return false;
    }
    use std::net::ToSocketAddrs;
    match (h, 25).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<_> = addrs.collect();
            !addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback())
        }
        Err(_) => false,
    }
}

impl SmtpSettings {
    /// Check every key and read the password. `workspace` anchors relative file names.
    /// `env` looks an environment variable up (the process environment in the program).
    /// Errors name the key (`[smtp] host`), the file or the variable, never the password.
    pub fn resolve(&self, workspace: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<SmtpConfig, String> {
        let host = self.host.trim();
        if host.is_empty() {
            return Err(crate::i18n::tr("send-smtp-no-host"));
        }
        if self.security == Security::None && !is_loopback(host) {
            return Err(crate::msg!("send-smtp-security-none", host = host).to_string());
        }
        let from = crate::domain::school::check_email(&self.from)
            .map_err(|e| crate::msg!("send-smtp-bad-from", error = e).to_string())?;
        if self.max_message_mb == 0 {
            return Err(crate::i18n::tr("send-smtp-max-message"));
        }
        if self.tries == 0 {
            return Err(crate::i18n::tr("send-smtp-tries"));
        }
        if !self.retry_delay_secs.is_finite() || self.retry_delay_secs < 0.0 {
            return Err(crate::msg!("send-smtp-retry-delay", value = self.retry_delay_secs.to_string()).to_string());
        }
        let credentials = self.credentials(workspace, env)?;
        let ca = match self.ca_file.trim() {
            "" => None,
            f => {
                let path = workspace.join(f);
                let shown = path.display().to_string();
                let pem = std::fs::read(&path).map_err(|e| {
                    crate::msg!("send-smtp-ca-file", file = shown.as_str(), error = e.to_string()).to_string()
                })?;
                if !pem.windows(11).any(|w| w == b"-----BEGIN ") {
                    return Err(crate::msg!("send-smtp-ca-not-pem", file = shown).to_string());
                }
                Some((path, pem))
            }
        };
        Ok(SmtpConfig {
            host: host.to_string(),
            port: if self.port == 0 { self.security.default_port() } else { self.port },
            security: self.security,
            from,
            credentials,
            ca,
            max_message_bytes: self.max_message_mb.saturating_mul(1_000_000),
            tries: self.tries,
            retry_delay: Duration::from_secs_f64(self.retry_delay_secs.min(3600.0)),
        })
    }

    fn credentials(
        &self,
        workspace: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<(String, Secret)>, String> {
        let user = self.user.trim();
        let password = password(
            "[smtp]",
            &self.password_env,
            &self.password_file,
            workspace,
            env,
            &crate::i18n::tr("send-smtp-password-what"),
        )?;
        match (user.is_empty(), password) {
            (true, None) => Ok(None),
            (false, Some(p)) => Ok(Some((user.to_string(), p))),
            (false, None) => Err(crate::msg!("send-smtp-user-no-password", user = user).to_string()),
            (true, Some(_)) => Err(crate::i18n::tr("send-smtp-password-no-user")),
        }
    }
}

/// A password given in `section` of gradlab.toml by `password_env` (a variable's name, read
/// through `env`) or `password_file` (relative to `workspace`), never both; None when neither.
/// `what` ends the message for an unset variable ("the mail account's password before
/// sending"). Shared by `[smtp]` and `[store]`.
pub fn password(
    section: &str,
    password_env: &str,
    password_file: &str,
    workspace: &Path,
    env: &dyn Fn(&str) -> Option<String>,
    what: &str,
) -> Result<Option<Secret>, String> {
    match (password_env.trim(), password_file.trim()) {
        ("", "") => Ok(None),
        (v, f) if !v.is_empty() && !f.is_empty() => {
            Err(crate::msg!("send-password-both", section = section).to_string())
        }
        (v, "") => match env(v) {
            Some(p) if !p.is_empty() => Ok(Some(Secret(p))),
            _ => Err(crate::msg!("send-password-env-unset", section = section, var = v, what = what).to_string()),
        },
        (_, f) => Ok(Some(read_password_file(section, &workspace.join(f))?)),
    }
}

/// Read the password file: its first line. Refused when anyone but its owner may read or
/// change it.
fn read_password_file(section: &str, path: &Path) -> Result<Secret, String> {
    let shown = path.display().to_string();
    let failed = |e: std::io::Error| {
        crate::msg!("send-password-file-error", section = section, file = shown.as_str(), error = e.to_string())
            .to_string()
    };
    let meta = std::fs::metadata(path).map_err(failed)?;
    if !meta.is_file() {
        return Err(crate::msg!("send-password-file-not-file", section = section, file = shown.as_str()).to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: getuid cannot fail and has no side effects.
        let me = unsafe { libc::getuid() };
        if meta.uid() != me {
            return Err(crate::msg!(
                "send-password-file-owner",
                section = section,
                file = shown.as_str(),
                uid = meta.uid().to_string(),
                me = me.to_string()
            )
            .to_string());
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(crate::msg!(
                "send-password-file-mode",
                section = section,
                file = shown.as_str(),
                mode = format!("{mode:04o}")
            )
            .to_string());
        }
    }
    let text = std::fs::read(path).map_err(failed)?;
    let mut text = String::from_utf8(text).map_err(|_| {
        crate::msg!("send-password-file-not-utf8", section = section, file = shown.as_str()).to_string()
    })?;
    if let Some(end) = text.find(['\r', '\n']) {
        text.truncate(end);
    }
    let secret = Secret(text);
    if secret.expose().is_empty() {
        return Err(crate::msg!("send-password-file-empty", section = section, file = shown.as_str()).to_string());
    }
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml_text: &str) -> SmtpSettings {
        toml::from_str(toml_text).unwrap()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn loopback_hosts() {
        for h in ["localhost", "127.0.0.1", "127.3.4.5", "::1", "[::1]", "LOCALHOST"] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "mail.localhost",
            "evil.localhost",
            "mail.example.com",
            "10.0.0.1",
            "192.168.1.2",
            "localhost.example.com",
            "",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    #[test]
    fn no_encryption_only_on_this_computer() {
        let ws = Path::new("/nonexistent");
        let remote = settings("host = \"mail.example.com\"\nsecurity = \"none\"\nfrom = \"lab@example.com\"\n");
        let e = remote.resolve(ws, &no_env).unwrap_err();
        assert!(e.contains("security = \"none\"") && e.contains("mail.example.com"), "{e}");
        let local = settings("host = \"127.0.0.1\"\nsecurity = \"none\"\nfrom = \"lab@example.com\"\n");
        let c = local.resolve(ws, &no_env).unwrap();
        assert_eq!((c.port, c.security), (25, Security::None));
        assert!(c.credentials.is_none());
    }

    #[test]
    fn ports_default_by_security_and_sizes_are_decimal_mb() {
        let ws = Path::new("/nonexistent");
        let s = settings("host = \"m.example.com\"\nsecurity = \"tls\"\nfrom = \"a@example.com\"\n");
        let c = s.resolve(ws, &no_env).unwrap();
        assert_eq!(c.port, 465);
        assert_eq!(c.max_message_bytes, 20_000_000);
        assert!(toml::from_str::<SmtpSettings>("security = \"ssl\"").is_err());
    }

    #[test]
    fn password_from_the_environment_never_shown() {
        let ws = Path::new("/nonexistent");
        let s =
            settings("host = \"m.example.com\"\nfrom = \"a@example.com\"\nuser = \"lab\"\npassword_env = \"GL_PW\"\n");
        let env = |v: &str| (v == "GL_PW").then(|| "s3cr3t-pw".to_string());
        let c = s.resolve(ws, &env).unwrap();
        let (user, pw) = c.credentials.as_ref().unwrap();
        assert_eq!((user.as_str(), pw.expose()), ("lab", "s3cr3t-pw"));
        assert!(!format!("{c:?}").contains("s3cr3t-pw"));
        let e = s.resolve(ws, &no_env).unwrap_err();
        assert!(e.contains("GL_PW"), "{e}");
        let missing = settings("host = \"m.example.com\"\nfrom = \"a@example.com\"\nuser = \"lab\"\n");
        assert!(missing.resolve(ws, &no_env).unwrap_err().contains("no password"));
    }

    #[test]
    fn retry_delays_double_and_are_capped() {
        let ws = Path::new("/nonexistent");
        let c = settings("host = \"m.example.com\"\nfrom = \"a@example.com\"\nretry_delay_secs = 5.0\n")
            .resolve(ws, &no_env)
            .unwrap();
        let secs: Vec<u64> = (1..=6).map(|a| c.retry_delay(a).as_secs()).collect();
        assert_eq!(secs, [5, 10, 20, 40, 60, 60]);
    }

    #[cfg(unix)]
    #[test]
    fn password_file_only_for_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("smtp.pw");
        std::fs::write(&f, "file-pw\n").unwrap();
        let s = settings(
            "host = \"m.example.com\"\nfrom = \"a@example.com\"\nuser = \"lab\"\npassword_file = \"smtp.pw\"\n",
        );
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
        let e = s.resolve(dir.path(), &no_env).unwrap_err();
        assert!(e.contains("smtp.pw") && e.contains("0640"), "{e}");
        assert!(!e.contains("file-pw"));
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        let c = s.resolve(dir.path(), &no_env).unwrap();
        assert_eq!(c.credentials.as_ref().unwrap().1.expose(), "file-pw");
        // A file another account owns (and so could change) is refused, whatever its mode. Only
        // root can give a file away; the lab's CI runs as root.
        if unsafe { libc::getuid() } == 0 {
            std::os::unix::fs::chown(&f, Some(1), None).unwrap();
            let e = s.resolve(dir.path(), &no_env).unwrap_err();
            assert!(e.contains("belongs to another account (uid 1)"), "{e}");
        }
    }
}
