//! A real IPP printer for the tests: CUPS's `ippeveprinter` on a free loopback port, with its
//! own private D-Bus (it will not start without one) and its own spool folder, kept (`-k`) so
//! a test can compare what the printer received with what we sent. Dropped, it is stopped.
//!
//! By default it is a photo-lab printer declared through an attribute file (`-a`): it takes
//! PDF, supports `print-scaling=none`, A4, 4x6 in and letter paper, and borderless printing
//! (margins 0 or 4.23 mm). `start_plain` starts ippeveprinter's own defaults instead, which
//! know no print-scaling and no 4x6 paper.
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

/// The attribute file of a photo-lab printer taking `formats`; `changes` replace the lines
/// for the attributes they name.
pub fn photo_lab_attributes(formats: &str, changes: &[&str]) -> String {
    let lines = [
        format!("ATTR mimeMediaType document-format-supported {formats}"),
        "ATTR keyword print-scaling-supported auto,auto-fit,fill,fit,none".into(),
        "ATTR keyword print-scaling-default auto".into(),
        "ATTR keyword media-supported iso_a4_210x297mm,na_index-4x6_4x6in,na_letter_8.5x11in".into(),
        "ATTR keyword media-default iso_a4_210x297mm".into(),
        "ATTR collection media-size-supported {MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700},\
         {MEMBER integer x-dimension 10160 MEMBER integer y-dimension 15240},\
         {MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940}"
            .into(),
        "ATTR keyword media-col-supported media-bottom-margin,media-left-margin,media-right-margin,media-size,\
         media-source,media-top-margin,media-type"
            .into(),
        "ATTR integer media-top-margin-supported 0,423".into(),
        "ATTR integer media-right-margin-supported 0,423".into(),
        "ATTR integer media-bottom-margin-supported 0,423".into(),
        "ATTR integer media-left-margin-supported 0,423".into(),
    ];
    let name = |l: &str| l.split_whitespace().nth(2).map(str::to_string);
    let mut out: Vec<String> = lines.into_iter().filter(|l| !changes.iter().any(|c| name(c) == name(l))).collect();
    out.extend(changes.iter().map(|c| c.to_string()));
    out.join("\n") + "\n"
}

impl IppPrinter {
    /// A photo-lab printer taking PDF.
    pub fn start(behaviour: Behaviour) -> IppPrinter {
        Self::start_with_formats(behaviour, "application/pdf")
    }

    /// A photo-lab printer taking only `formats`.
    pub fn start_with_formats(behaviour: Behaviour, formats: &str) -> IppPrinter {
        Self::start_with_attributes(behaviour, &photo_lab_attributes(formats, &[]))
    }

    /// ippeveprinter's own defaults (`-f application/pdf`, no attribute file): no print-scaling
    /// and no 4x6 paper.
    pub fn start_plain(behaviour: Behaviour) -> IppPrinter {
        Self::launch(behaviour, None, None)
    }

    /// A printer declared by an attribute file (`-a`, ipptool syntax).
    pub fn start_with_attributes(behaviour: Behaviour, attributes: &str) -> IppPrinter {
        Self::launch(behaviour, Some(attributes), None)
    }

    /// A photo-lab printer taking PDF that also speaks TLS (ipps://), with `localhost.crt` and
    /// `localhost.key` from `keys`.
    pub fn start_tls(keys: &Path) -> IppPrinter {
        let attributes = photo_lab_attributes("application/pdf", &[]);
        let mut p = Self::launch(Behaviour::Complete, Some(&attributes), Some(keys));
        p.uri = p.uri.replacen("ipp://", "ipps://", 1);
        p
    }

    fn launch(behaviour: Behaviour, attributes: Option<&str>, keys: Option<&Path>) -> IppPrinter {
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
        let mut cmd = Command::new(find_program("ippeveprinter"));
        cmd.args(["-r", "off", "-n", "localhost", "-k", "-p", &port.to_string()]);
        match attributes {
            // ippeveprinter takes either an attribute file or -f, not both.
            Some(text) => {
                let file = dir.path().join("printer.conf");
                std::fs::write(&file, text).unwrap();
                cmd.arg("-a").arg(file);
            }
            None => {
                cmd.args(["-f", "application/pdf"]);
            }
        }
        if let Some(k) = keys {
            cmd.arg("-K").arg(k);
        }
        let printer = cmd
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

    /// One attribute of a job, as the printer kept it (Get-Job-Attributes); `None` if absent.
    pub fn job_attribute(&self, id: i64, name: &str) -> Option<::ipp::value::IppValue> {
        use ::ipp::prelude::*;
        let uri: Uri = self.uri.parse().unwrap();
        let op = IppOperationBuilder::get_job_attributes(uri.clone(), id as i32).build().unwrap();
        let resp = IppClient::new(uri).send(op).unwrap();
        let g = resp.attributes().groups_of(DelimiterTag::JobAttributes).next().expect("job attributes");
        g.get(name).map(|a| a.value().clone())
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

/// A real CUPS scheduler with one queue, `lab`, that prints to /dev/null: unlike ippeveprinter
/// it queues jobs, so several parts can wait at once. `cupsd` must run as root. The queue has a
/// small PPD (`QUEUE_PPD`) so that CUPS reports its paper sizes and margins, as a real queue
/// does; it passes PDF through to the device unchanged.
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
        let mut q = CupsQueue { uri: format!("ipp://127.0.0.1:{port}/printers/lab"), server, _dir: dir, cupsd };
        let ppd = q._dir.path().join("lab.ppd");
        std::fs::write(&ppd, QUEUE_PPD).unwrap();
        // cupsd listens before it serves: a first lpadmin has been refused with "Unable to
        // connect to server: Bad file descriptor". Ask again until it answers (or has exited).
        let create = ["-p", "lab", "-E", "-v", "file:///dev/null", "-P", ppd.to_str().unwrap()];
        let start = Instant::now();
        while let Err(e) = q.try_admin("lpadmin", &create) {
            let gone = !matches!(q.cupsd.try_wait(), Ok(None));
            assert!(!gone && start.elapsed() < Duration::from_secs(20), "{e}");
            std::thread::sleep(Duration::from_millis(100));
        }
        q
    }

    fn try_admin(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let out = Command::new(find_program(program)).arg("-h").arg(&self.server).args(args).output().unwrap();
        match out.status.success() {
            true => Ok(()),
            false => Err(format!("{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr))),
        }
    }

    fn admin(&self, program: &str, args: &[&str]) {
        if let Err(e) = self.try_admin(program, args) {
            panic!("{e}");
        }
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

/// A photo printer's PPD: A4 and 4x6 in, with 4.23 mm margins or borderless, taking PDF as it is.
const QUEUE_PPD: &str = r#"*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "LAB.PPD"
*Manufacturer: "gradlab"
*Product: "(gradlab test queue)"
*ModelName: "gradlab test queue"
*ShortNickName: "gradlab test queue"
*NickName: "gradlab test queue"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageSize 4x6/4x6: "<</PageSize[288 432]>>setpagedevice"
*PageSize 4x6.Fullbleed/4x6 Borderless: "<</PageSize[288 432]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageRegion 4x6/4x6: "<</PageSize[288 432]>>setpagedevice"
*PageRegion 4x6.Fullbleed/4x6 Borderless: "<</PageSize[288 432]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "12 12 583 830"
*ImageableArea 4x6/4x6: "12 12 276 420"
*ImageableArea 4x6.Fullbleed/4x6 Borderless: "0 0 288 432"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension 4x6/4x6: "288 432"
*PaperDimension 4x6.Fullbleed/4x6 Borderless: "288 432"
"#;
