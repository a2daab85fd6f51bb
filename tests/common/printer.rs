//! A real IPP printer for the tests: CUPS's `ippeveprinter` on a free loopback port, with its
//! own private D-Bus (it will not start without one) and its own spool folder, kept (`-k`) so
//! a test can compare what the printer received with what we sent. Dropped, it is stopped.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What the printer does with each job it takes.
pub enum Behaviour {
    /// Finishes every job at once.
    Complete,
    /// Fails every job (the job ends `aborted`).
    Fail,
    /// Takes `secs` seconds per job, long enough to see it processing and cancel it.
    Slow(u32),
}

pub struct IppPrinter {
    pub uri: String,
    pub spool: PathBuf,
    _dir: tempfile::TempDir,
    printer: Child,
    bus: Child,
}

fn find_program(name: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!("{name} is not installed; scripts/test installs it (Debian packages cups-ipp-utils, dbus-daemon)")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=BUS_PATH</listen>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
"#;

impl IppPrinter {
    pub fn start(behaviour: Behaviour) -> IppPrinter {
        Self::start_with_formats(behaviour, "application/pdf")
    }

    /// `formats`: the document formats the printer accepts (`-f`).
    pub fn start_with_formats(behaviour: Behaviour, formats: &str) -> IppPrinter {
        Self::start_full(behaviour, formats, None)
    }

    /// A printer that also speaks TLS (ipps://), with `localhost.crt` and `localhost.key` from
    /// `keys`.
    pub fn start_tls(keys: &Path) -> IppPrinter {
        let mut p = Self::start_full(Behaviour::Complete, "application/pdf", Some(keys));
        p.uri = p.uri.replacen("ipp://", "ipps://", 1);
        p
    }

    fn start_full(behaviour: Behaviour, formats: &str, keys: Option<&Path>) -> IppPrinter {
        let dir = tempfile::tempdir().unwrap();
        let bus_path = dir.path().join("bus");
        let conf = dir.path().join("bus.conf");
        std::fs::write(&conf, BUS_CONFIG.replace("BUS_PATH", bus_path.to_str().unwrap())).unwrap();
        let bus = Command::new(find_program("dbus-daemon"))
            .arg(format!("--config-file={}", conf.display()))
            .arg("--nofork")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon");
        wait_for(|| bus_path.exists(), "the private D-Bus socket");

        let command = match behaviour {
            Behaviour::Complete => PathBuf::from("/bin/true"),
            Behaviour::Fail => PathBuf::from("/bin/false"),
            Behaviour::Slow(secs) => {
                let script = dir.path().join("slow.sh");
                std::fs::write(&script, format!("#!/bin/sh\nsleep {secs}\n")).unwrap();
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
                script
            }
        };
        let spool = dir.path().join("spool");
        std::fs::create_dir(&spool).unwrap();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("printer.log")).unwrap();
        let printer = Command::new(find_program("ippeveprinter"))
            .args(["-r", "off", "-n", "localhost", "-k", "-p", &port.to_string(), "-f", formats])
            .args(keys.map(|k| vec!["-K".as_ref(), k.as_os_str()]).unwrap_or_default())
            .arg("-d")
            .arg(&spool)
            .arg("-c")
            .arg(&command)
            .arg("gradlab test printer")
            .env("DBUS_SYSTEM_BUS_ADDRESS", format!("unix:path={}", bus_path.display()))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start ippeveprinter");
        wait_for(|| TcpStream::connect(("127.0.0.1", port)).is_ok(), "ippeveprinter to listen");
        IppPrinter { uri: format!("ipp://localhost:{port}/ipp/print"), spool, _dir: dir, printer, bus }
    }

    /// The file the printer spooled for its job `id`.
    pub fn spooled(&self, id: i64) -> Vec<u8> {
        let prefix = format!("{id}-");
        let mut found = None;
        wait_for(
            || {
                found = std::fs::read_dir(&self.spool).unwrap().flatten().map(|e| e.path()).find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy().into_owned();
                    n.starts_with(&prefix) && n.ends_with(".pdf")
                });
                found.is_some()
            },
            "the spooled file",
        );
        std::fs::read(found.unwrap()).unwrap()
    }

    /// How many PDFs the printer has received.
    pub fn jobs_received(&self) -> usize {
        std::fs::read_dir(&self.spool)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            .count()
    }

    /// The printer's own record of a job, asked over IPP: (job-name, job-originating-user-name).
    pub fn job_attributes(&self, id: i64) -> (String, String) {
        use ::ipp::prelude::*;
        let uri: Uri = self.uri.parse().unwrap();
        let op = IppOperationBuilder::get_job_attributes(uri.clone(), id as i32).build().unwrap();
        let resp = IppClient::new(uri).send(op).unwrap();
        let g = resp.attributes().groups_of(DelimiterTag::JobAttributes).next().expect("job attributes");
        let get = |n: &str| g.get(n).map(|a| a.value().to_string()).unwrap_or_default();
        (get("job-name"), get("job-originating-user-name"))
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("printer.log")).unwrap_or_default()
    }
}

impl Drop for IppPrinter {
    fn drop(&mut self) {
        let _ = self.printer.kill();
        let _ = self.printer.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

pub fn wait_for(mut ok: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A real CUPS scheduler with one raw queue, `lab`, that prints to /dev/null: unlike
/// ippeveprinter it queues jobs, so several parts can wait at once. `cupsd` must run as root.
pub struct CupsQueue {
    pub uri: String,
    server: String,
    _dir: tempfile::TempDir,
    cupsd: Child,
}

impl CupsQueue {
    pub fn start() -> CupsQueue {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["spool", "cache", "run", "log", "ppd"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        // cupsd drops to the `lp` user for its spool work.
        for entry in walk(root) {
            std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let port = free_port();
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen 127.0.0.1:{port}\nLogLevel warn\nWebInterface No\nBrowsing No\nDefaultAuthType None\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n"
            ),
        )
        .unwrap();
        let r = root.display();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/run\nTempDir {r}/spool\n\
                 ErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\nPageLog {r}/log/page_log\n\
                 User lp\nGroup lp\nFileDevice Yes\n"
            ),
        )
        .unwrap();
        let cupsd = Command::new(find_program("cupsd"))
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cupsd (it must run as root)");
        wait_for(|| TcpStream::connect(("127.0.0.1", port)).is_ok(), "cupsd to listen");
        let server = format!("127.0.0.1:{port}");
        let q = CupsQueue { uri: format!("ipp://127.0.0.1:{port}/printers/lab"), server, _dir: dir, cupsd };
        q.admin("lpadmin", &["-p", "lab", "-E", "-v", "file:///dev/null", "-m", "raw"]);
        q
    }

    fn admin(&self, program: &str, args: &[&str]) {
        let out = Command::new(find_program(program)).arg("-h").arg(&self.server).args(args).output().unwrap();
        assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Stop the queue printing; it keeps accepting jobs, which wait as pending.
    pub fn stop(&self) {
        self.admin("cupsdisable", &["lab"]);
    }

    pub fn resume(&self) {
        self.admin("cupsenable", &["lab"]);
    }
}

impl Drop for CupsQueue {
    fn drop(&mut self) {
        let _ = self.cupsd.kill();
        let _ = self.cupsd.wait();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}
