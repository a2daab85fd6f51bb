//! A full disk in the middle of an import or a render: the command fails with a message that
//! says so and names the file, and the store (rows and photo files) and the job's output are
//! exactly as they were; once there is room again the same work succeeds.
//!
//! The workspace lives on a small tmpfs of its own (mounted over the workspace folder), squeezed
//! before each attempt to a little above what is used, so the disk really fills. Where this
//! machine may not mount one (no privilege), the attempt runs instead under a file-size limit
//! (`ulimit -f`, SIGXFSZ ignored): the PDF outgrows it part-way, and the import's database
//! journal does.

mod common;

use common::{Out, Ws};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted over a folder, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path) -> Option<SmallDisk> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }

    fn used_kb(&self) -> u64 {
        let c = std::ffi::CString::new(self.0.to_str().unwrap()).unwrap();
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut st) }, 0);
        (st.f_blocks - st.f_bfree) as u64 * st.f_frsize as u64 / 1024
    }

    /// Leave only `free_kb` free.
    fn squeeze(&self, free_kb: u64) {
        self.resize(self.used_kb() + free_kb);
    }

    fn resize(&self, kb: u64) {
        let status = Command::new("mount").args(["-o", &format!("remount,size={kb}k")]).arg(&self.0).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Run gradlab with every file it writes limited to 64 KB, as `ulimit -f 64` does, and the
/// signal that limit sends ignored so the write fails instead of killing the process.
fn run_limited(ws: &Ws, args: &[&str]) -> Out {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gradlab"));
    cmd.arg("--workspace").arg(ws.root()).args(args).env("LANG", "C.UTF-8").env_remove("LC_ALL");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 64 * 1024, rlim_max: 64 * 1024 };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    for e in rd.flatten() {
        if e.path().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path().display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn an_import_or_a_render_that_fills_the_disk_says_so_and_stores_nothing() {
    let ws = Ws::empty();
    std::fs::create_dir_all(ws.root()).unwrap();
    // GRADLAB_TEST_NO_MOUNT=1 tries the file-size limit on a machine that could mount.
    let disk = if std::env::var_os("GRADLAB_TEST_NO_MOUNT").is_some() { None } else { SmallDisk::mount(&ws.root()) };
    // Under the limit photos (30 KB) still fit: the import fails where the database's journal
    // outgrows it, which SQLite reports as an I/O error.
    let (import_says, render_says) = match disk {
        Some(_) => ("the disk is full: ", "the disk is full: "),
        None => ("the disk under it may be full or failing", "(ulimit -f)"),
    };
    let attempt = |args: &[&str], free_kb: u64| match &disk {
        Some(d) => {
            d.squeeze(free_kb);
            let out = ws.run(args);
            d.resize(16 * 1024);
            out
        }
        None => run_limited(&ws, args),
    };

    ws.run_ok(&["init"]);
    common::lab::school(&ws, "10001", 1, &[("一班", 6)]);
    let job = ws.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();

    // A batch of 80 photos (about 2.5 MB) with room for a few hundred KB.
    let rows: Vec<common::Row> = (0..80).map(|i| common::Row::new(100 + i, "10001", "二班")).collect();
    let batch = ws.path("big-batch");
    common::write_batch(&batch, &rows, |r| Some(common::good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let before = ws.snapshot();
    let out = attempt(&["batch", "import", batch.to_str().unwrap()], 300);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains(import_says), "{}", out.stderr);
    if disk.is_some() {
        assert!(out.stderr.contains("photos"), "names the file it could not write: {}", out.stderr);
    }
    assert!(!out.stderr.contains("os error"), "plain words: {}", out.stderr);
    assert_eq!(ws.snapshot(), before, "the store and its photo files are as they were");
    assert!(!ws.root().join("photos").join(".staging").exists(), "nothing staged is left");

    // A render whose PDF does not fit: the job keeps no part and no half-written file.
    let output_before = files_under(&ws.root().join("output"));
    let out = attempt(&["job", "render", &job], 96);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains(render_says), "{}", out.stderr);
    assert!(out.stderr.contains(".pdf"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
    assert_eq!(files_under(&ws.root().join("output")), output_before);

    // So full that the database cannot even make its shared-memory index: said in plain words.
    if disk.is_some() {
        let out = attempt(&["job", "render", &job], 4);
        assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("it may be full"), "{}", out.stderr);
        assert_eq!(ws.snapshot(), before);
    }

    // With room again, the same work succeeds.
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    ws.run_ok(&["job", "render", &job]);
    assert_eq!(ws.count("SELECT count(*) FROM students"), 86);
    assert_eq!(ws.run_ok(&["check", "--json"]).json()["problems"], serde_json::json!([]));
    drop(disk);
}
