//! The log for support: `logs/gradlab.log` in the workspace. Each command and each window action
//! appends a line when it starts and one when it ends, with what it came to, or its error and
//! every cause under it. Lines are English (so support reads any lab's log) and go through
//! [`for_the_log`] on their way to the file, whoever wrote them: a full ID number shows only its
//! last 4, a password in a server address is starred out, and any run of Chinese characters
//! (where a name would be) keeps only its first character. Several processes (commands, the
//! window) append to one file: each line is one write to a file opened for appending. When it
//! passes [`ROTATE_AT`] bytes, the next process to start moves it to `gradlab.log.1` (and that
//! to `.2`, keeping [`KEEP`] old files).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

pub const LOG_DIR: &str = "logs";
pub const LOG_FILE: &str = "gradlab.log";
/// A log this large is moved aside when the next process starts.
pub const ROTATE_AT: u64 = 4 << 20;
/// Old logs kept beside the current one.
pub const KEEP: usize = 3;

static STARTED: OnceLock<()> = OnceLock::new();

/// Start writing this process's log into the workspace at `root` (only once per process; only
/// into a folder that is already a workspace). Any failure only costs the log, never the work.
pub fn start(root: &Path) {
    if !root.is_dir() || STARTED.get().is_some() {
        return;
    }
    let dir = root.join(LOG_DIR);
    // Private like the rest of the workspace, whatever the umask: the log names files and jobs.
    let mut folder = fs::DirBuilder::new();
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        folder.mode(0o700);
        options.mode(0o600);
    }
    let opened = folder.recursive(true).create(&dir).and_then(|_| {
        rotate_if_large(&dir)?;
        options.create(true).append(true).open(dir.join(LOG_FILE))
    });
    let Ok(file) = opened else { return };
    let filter = tracing_subscriber::filter::Targets::new().with_target("gradlab", tracing::Level::INFO);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(LogFile(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    use tracing_subscriber::layer::SubscriberExt;
    if tracing::subscriber::set_global_default(subscriber.with(filter)).is_ok() {
        let _ = STARTED.set(());
    }
}

/// Move a large log aside, under a lock so two processes starting at once rotate it once.
fn rotate_if_large(dir: &Path) -> io::Result<()> {
    let current = dir.join(LOG_FILE);
    if fs::metadata(&current).map_or(true, |m| m.len() < ROTATE_AT) {
        return Ok(());
    }
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".rotate.lock"))?;
    lock.lock()?;
    if fs::metadata(&current).map_or(true, |m| m.len() < ROTATE_AT) {
        return Ok(());
    }
    let old = |n: usize| -> PathBuf { dir.join(format!("{LOG_FILE}.{n}")) };
    let _ = fs::remove_file(old(KEEP));
    for n in (1..KEEP).rev() {
        let _ = fs::rename(old(n), old(n + 1));
    }
    fs::rename(&current, old(1))
}

struct LogFile(File);

/// What the formatter hands over is one whole line; it is cleaned and written in one call.
struct LineWriter<'a>(&'a File);

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFile {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter(&self.0)
    }
}

impl Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        (&*self.0).write_all(for_the_log(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Text as the log may keep it: no full ID number, no password in an address, no name.
pub fn for_the_log(text: &str) -> String {
    let text = crate::domain::privacy::redact(text);
    let text = hide_url_password(&text);
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        let han = is_han(c);
        if !han || !in_run {
            out.push(c);
        } else if !out.ends_with('*') {
            out.push('*');
        }
        in_run = han;
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// `scheme://user:secret@host` with the secret starred out.
fn hide_url_password(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(tail.len());
        let authority = &tail[..end];
        match (authority.rfind('@'), authority.find(':')) {
            (Some(a), Some(colon)) if colon < a => {
                out.push_str(&authority[..colon]);
                out.push_str(":***");
                out.push_str(&authority[a..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// An error with every cause under it, in English: `what failed: because; because`.
pub fn error_chain(e: &crate::Error) -> String {
    crate::i18n::with_lang(crate::i18n::Lang::En, || {
        let mut text = format!("[{}] {e}", e.code());
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            text.push_str("; caused by: ");
            text.push_str(&c.to_string());
            cause = c.source();
        }
        text
    })
}

/// One piece of work as the log tells it: a line when it begins, one when it ends.
pub struct Action {
    what: String,
    started: Instant,
}

impl Action {
    pub fn begin(what: impl Into<String>) -> Action {
        // Several processes write one log: the process id tells their lines apart.
        let what = format!("[pid {}] {}", std::process::id(), what.into());
        tracing::info!("{what}: started");
        Action { what, started: Instant::now() }
    }

    /// The work ended; `came_to` says how (done, done with some refused, nothing done).
    pub fn ended(self, came_to: &str) {
        tracing::info!("{}: {came_to} in {:.2} s", self.what, self.started.elapsed().as_secs_f64());
    }

    pub fn failed(self, e: &crate::Error) {
        let seconds = self.started.elapsed().as_secs_f64();
        match e {
            crate::Error::Cancelled => tracing::info!("{}: cancelled after {seconds:.2} s", self.what),
            _ => tracing::error!("{}: failed after {seconds:.2} s: {}", self.what, error_chain(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::for_the_log;

    #[test]
    fn the_log_keeps_no_id_number_password_or_name() {
        let line = "request for 张三丰 (110101199003071234) via postgres://clerk:s3cret@db.lab:5432/gradlab";
        let kept = for_the_log(line);
        assert_eq!(kept, "request for 张* (**************1234) via postgres://clerk:***@db.lab:5432/gradlab");
        assert_eq!(for_the_log("job J1X part 1 of 2: done"), "job J1X part 1 of 2: done");
        assert_eq!(for_the_log("ipp://printer.lab:631/ipp/print"), "ipp://printer.lab:631/ipp/print");
    }
}
