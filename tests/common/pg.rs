//! A real PostgreSQL server for the tests: one per test binary, started on first use in a
//! temporary cluster (initdb, trust authentication on loopback only, its socket in the same
//! folder) on a free loopback port, and stopped when the binary exits. Each test gets a fresh
//! database. Debian keeps initdb and pg_ctl in /usr/lib/postgresql/VERSION/bin, and they refuse
//! to run as root, so as root they run as the `postgres` account. The server offers TLS with a
//! certificate for `localhost` from a throw-away certificate authority (made with openssl), so
//! the tests can try each `sslmode`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct PgServer {
    bin: PathBuf,
    dir: PathBuf,
    /// The account (uid, gid) the server runs as.
    uid: (u32, u32),
    pub port: u16,
}

static SERVER: OnceLock<PgServer> = OnceLock::new();

/// The account that signs in with a password, and its password.
pub const CLERK: &str = "lab_clerk";
pub const CLERK_PASSWORD: &str = "Clerk-pw-8421";
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The folder holding initdb and pg_ctl (the newest installed version), if PostgreSQL is here.
pub fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    found.sort();
    found.pop()
}

/// The tests' server, started on first use.
pub fn server() -> &'static PgServer {
    SERVER.get_or_init(|| {
        let server = PgServer::start();
        // SAFETY: registering a plain extern "C" function with the C library.
        unsafe { libc::atexit(stop_at_exit) };
        server
    })
}

extern "C" fn stop_at_exit() {
    if let Some(s) = SERVER.get() {
        let _ = s.pg_ctl(&["stop", "-m", "immediate", "-w"]).output();
        let _ = std::fs::remove_dir_all(&s.dir);
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail and has no side effects.
    unsafe { libc::geteuid() == 0 }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl PgServer {
    fn start() -> PgServer {
        let bin = bin_dir().expect("PostgreSQL is not installed (scripts/test installs the postgresql package)");
        let dir = tempfile::Builder::new().prefix("gradlab-pg-").tempdir_in("/tmp").expect("temp dir").keep();
        // SAFETY: getuid and getgid cannot fail and have no side effects.
        let uid = if is_root() { postgres_ids() } else { unsafe { (libc::getuid(), libc::getgid()) } };
        std::os::unix::fs::chown(&dir, Some(uid.0), Some(uid.1)).expect("chown cluster folder");
        let port = free_port();
        let server = PgServer { bin, dir, uid, port };
        let data = server.dir.join("data");
        let out = server
            .command("initdb")
            .args(["-A", "trust", "-U", "gradlab", "-E", "UTF8", "--locale=C", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .expect("run initdb");
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        // One account signs in with a password, as a lab's stations do; the rest is trusted.
        let hba = format!(
            "local all all trust\nhost all {CLERK} 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust\n"
        );
        std::fs::write(data.join("pg_hba.conf"), hba).expect("write pg_hba.conf");
        server.make_certificates();
        let options = format!(
            "-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=100 -c ssl=on -c ssl_cert_file={dir}/server.crt \
             -c ssl_key_file={dir}/server.key",
            dir = server.dir.display()
        );
        let log = server.dir.join("log");
        let out = server
            .pg_ctl(&["start", "-w", "-t", "60", "-o", &options, "-l", &log.display().to_string(), "-D"])
            .arg(&data)
            .output()
            .expect("run pg_ctl");
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        server
            .admin()
            .batch_execute(&format!("CREATE ROLE {CLERK} LOGIN PASSWORD '{CLERK_PASSWORD}'"))
            .expect("create role");
        server
    }

    fn admin(&self) -> postgres::Client {
        postgres::Client::connect(
            &format!("host=127.0.0.1 port={} user=gradlab dbname=postgres sslmode=disable", self.port),
            postgres::NoTls,
        )
        .expect("connect to the test server")
    }

    /// A new, empty database owned by the password account; its url has no password in it.
    pub fn fresh_database_of_clerk(&self) -> String {
        let name = format!("c{}_{}", std::process::id(), DATABASES.fetch_add(1, Ordering::SeqCst));
        self.admin().batch_execute(&format!("CREATE DATABASE {name} OWNER {CLERK}")).expect("create database");
        format!("postgres://{CLERK}@127.0.0.1:{}/{name}?sslmode=disable", self.port)
    }

    /// A certificate authority (`ca.crt`) and the server's key and certificate for `localhost`
    /// signed by it, owned by the account the server runs as.
    fn make_certificates(&self) {
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl").args(args).current_dir(&self.dir).output().expect("run openssl");
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        openssl(
            &[
                &["req", "-x509"],
                &ec[..],
                &["-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=gradlab test CA"],
            ]
            .concat(),
        );
        openssl(
            &[&["req"], &ec[..], &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]].concat(),
        );
        std::fs::write(self.dir.join("san.ext"), "subjectAltName=DNS:localhost\n").expect("write san.ext");
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
        for f in ["server.key", "server.crt", "ca.crt"] {
            let path = self.dir.join(f);
            std::os::unix::fs::chown(&path, Some(self.uid.0), Some(self.uid.1)).expect("chown certificate");
            let mode = if f == "server.key" { 0o600 } else { 0o644 };
            std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode)).expect("chmod");
        }
    }

    /// The certificate authority that signed the server's certificate.
    pub fn ca_cert(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    /// One of the server's programs, run as `postgres` when we are root.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn pg_ctl(&self, args: &[&str]) -> Command {
        let mut c = self.command("pg_ctl");
        c.args(args);
        if args.first() == Some(&"stop") {
            c.arg("-D").arg(self.dir.join("data"));
        }
        c
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Let no connection into `database`, and close those it has (as a server going down
    /// does to a station), or let them in again.
    pub fn refuse_connections(&self, database: &str, refuse: bool) {
        let mut admin = self.admin();
        admin
            .batch_execute(&format!("ALTER DATABASE {database} ALLOW_CONNECTIONS {}", !refuse))
            .expect("alter database");
        if refuse {
            admin
                .execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", &[&database])
                .expect("terminate");
        }
    }

    /// A url for a new, empty database on the server.
    pub fn fresh_database(&self) -> String {
        let name = format!("t{}_{}", std::process::id(), DATABASES.fetch_add(1, Ordering::SeqCst));
        self.admin().batch_execute(&format!("CREATE DATABASE {name}")).expect("create database");
        self.url(&name)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://gradlab@127.0.0.1:{}/{database}?sslmode=disable", self.port)
    }
}

fn postgres_ids() -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").expect("read /etc/passwd");
    let line = passwd.lines().find(|l| l.starts_with("postgres:")).expect("no postgres account");
    let f: Vec<&str> = line.split(':').collect();
    (f[2].parse().expect("uid"), f[3].parse().expect("gid"))
}
