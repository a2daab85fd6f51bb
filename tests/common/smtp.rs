//! A real SMTP server for the tests: `tests/smtp_server.py` (aiosmtpd) in a virtual
//! environment under `target/`, created once and shared by every test, on a free loopback
//! port, with STARTTLS (or implicit TLS) on a self-signed certificate made by `openssl` and
//! AUTH required. Every message it accepts is saved in its folder with a JSON summary and the
//! attachments; a control file makes it fail the next messages. Dropped, it is stopped.
#![allow(dead_code)]

use super::printer::wait_for;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

pub const USER: &str = "lab-mailer";

/// How the server protects the connection.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    StartTls,
    Tls,
}

pub struct SmtpServer {
    pub port: u16,
    pub password: String,
    /// The certificate clients must trust (PEM).
    pub cert: PathBuf,
    pub mail: PathBuf,
    dir: tempfile::TempDir,
    child: Child,
}

/// One message the server accepted, as the script summarised it.
#[derive(Debug, Clone)]
pub struct Received {
    pub eml: PathBuf,
    pub size: u64,
    pub subject: String,
    pub message_id: String,
    pub rcpt_tos: Vec<String>,
    pub text: String,
    /// (file name as sent, bytes)
    pub attachments: Vec<(String, Vec<u8>)>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| manifest_dir().join("target"))
}

/// The venv's python with aiosmtpd, made once under target/ and reused. A lock file keeps two
/// test processes from building it at the same time; a marker says it is complete.
pub fn python() -> PathBuf {
    let venv = target_dir().join("smtp-venv");
    let python = venv.join("bin").join("python");
    let ready = venv.join(".gradlab-ready");
    if ready.exists() {
        return python;
    }
    std::fs::create_dir_all(target_dir()).unwrap();
    let lock_path = target_dir().join("smtp-venv.lock");
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).unwrap();
    lock.lock().unwrap();
    if !ready.exists() {
        let _ = std::fs::remove_dir_all(&venv);
        let system_python = ["/usr/bin/python3", "python3"]
            .into_iter()
            .find(|p| {
                Command::new(p).arg("-c").arg("import venv, ensurepip").output().is_ok_and(|o| o.status.success())
            })
            .expect("python3 with venv is not installed; scripts/test installs it (Debian python3-venv)");
        run(Command::new(system_python).args(["-m", "venv"]).arg(&venv), "create the SMTP test venv");
        run(
            Command::new(&python).args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "aiosmtpd"]),
            "pip install aiosmtpd",
        );
        std::fs::write(&ready, "aiosmtpd\n").unwrap();
    }
    drop(lock);
    python
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A self-signed certificate for localhost and 127.0.0.1, as a lab's own mail server has. It
/// says it is no CA (webpki refuses a CA certificate as a server's own), so a client trusts it
/// only when told to (`ca_file`).
fn make_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    run(
        Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .args(["-addext", "keyUsage=critical,digitalSignature,keyEncipherment"])
            .args(["-addext", "extendedKeyUsage=serverAuth"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert),
        "openssl req (is openssl installed? scripts/test installs it)",
    );
    (cert, key)
}

impl SmtpServer {
    pub fn start(mode: Mode, password: &str) -> SmtpServer {
        let python = python();
        let dir = tempfile::tempdir().unwrap();
        let mail = dir.path().join("mail");
        std::fs::create_dir(&mail).unwrap();
        let (cert, key) = make_certificate(dir.path());
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let child = Command::new(python)
            .arg(manifest_dir().join("tests").join("smtp_server.py"))
            .args(["--port", &port.to_string(), "--user", USER, "--password", password])
            .args(["--mode", if mode == Mode::Tls { "tls" } else { "starttls" }])
            .arg("--dir")
            .arg(&mail)
            .arg("--cert")
            .arg(&cert)
            .arg("--key")
            .arg(&key)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start tests/smtp_server.py");
        let mut server = SmtpServer { port, password: password.into(), cert, mail, dir, child };
        wait_for(
            || {
                if let Ok(Some(status)) = server.child.try_wait() {
                    panic!("the SMTP server exited ({status}):\n{}", server.log());
                }
                TcpStream::connect(("127.0.0.1", port)).is_ok()
            },
            "the SMTP server to listen",
        );
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// What the server does with the next messages: "accept", "drop", or a reply such as
    /// "451 4.3.0 Try again later".
    pub fn script(&self, actions: &[&str]) {
        let tmp = self.mail.join("control.json.tmp");
        std::fs::write(&tmp, serde_json::to_vec(actions).unwrap()).unwrap();
        std::fs::rename(tmp, self.mail.join("control.json")).unwrap();
    }

    /// Actions not used up yet.
    pub fn script_left(&self) -> usize {
        std::fs::read(self.mail.join("control.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Every message accepted so far, in the order the server took them.
    pub fn received(&self) -> Vec<Received> {
        let mut emls: Vec<PathBuf> = std::fs::read_dir(&self.mail)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        emls.sort();
        emls.into_iter()
            .map(|eml| {
                let info: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(eml.with_extension("json")).unwrap()).unwrap();
                let attachments = info["attachments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| {
                        (
                            a["filename"].as_str().unwrap_or("").to_string(),
                            std::fs::read(a["path"].as_str().unwrap()).unwrap(),
                        )
                    })
                    .collect();
                Received {
                    size: std::fs::metadata(&eml).unwrap().len(),
                    subject: info["subject"].as_str().unwrap().to_string(),
                    message_id: info["message_id"].as_str().unwrap().to_string(),
                    rcpt_tos: info["rcpt_tos"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().into()).collect(),
                    text: info["text"].as_str().unwrap_or("").to_string(),
                    attachments,
                    eml,
                }
            })
            .collect()
    }

    /// The `[smtp]` section for a workspace that sends here, the password in `password_env`.
    pub fn settings(&self, mode: Mode, password_env: &str, max_message_mb: u64) -> String {
        format!(
            "[smtp]\nhost = \"localhost\"\nport = {}\nsecurity = \"{}\"\nuser = \"{USER}\"\nfrom = \"photos@lab.example.cn\"\n\
             password_env = \"{password_env}\"\nca_file = \"{}\"\nmax_message_mb = {max_message_mb}\ntries = 3\n\
             retry_delay_secs = 0.05\n",
            self.port,
            if mode == Mode::Tls { "tls" } else { "starttls" },
            self.cert.display()
        )
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
