//! Printing through a RIP's hot folder: a file appears under its final name only when it is
//! whole, even when gradlab is killed mid-write, and the next run settles what was interrupted.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A job of 120 students with distinct photos, in one part (several MB).
fn big_job(ws: &Ws) -> String {
    ws.add_school("10418");
    let rows: Vec<Row> = (0..120).map(|i| Row::new(i, "10418", "计算机1班")).collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(3000 + r.xh[8..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    let settings = ws.root().join("gradlab.toml");
    let text = fs::read_to_string(&settings).unwrap().replace("max_sheets_per_part = 200", "max_sheets_per_part = 0");
    fs::write(&settings, text).unwrap();
    let job = ws.run_ok(&["job", "create", "--school", "10418", "--json"]).json()["id"].as_str().unwrap().to_string();
    ws.run_ok(&["job", "render", &job]);
    job
}

fn part_file(ws: &Ws, job: &str) -> Vec<u8> {
    let show = ws.run_ok(&["job", "show", job, "--json"]).json();
    fs::read(show["parts"][0]["path"].as_str().unwrap()).unwrap()
}

/// Watch a folder until told to stop; every file seen under a `.pdf` name must already be
/// whole (`want` bytes exactly). Returns how many such files were seen.
fn watch(dir: &Path, want: Vec<u8>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let mut seen = std::collections::HashSet::new();
        // One last look after the stop, so a copy that landed just before it is counted too.
        loop {
            let last = stop.load(Ordering::Relaxed);
            for name in pdfs(&dir) {
                if seen.insert(name.clone()) {
                    // The RIP would open the file the moment it appears.
                    let got = fs::read(dir.join(&name)).unwrap_or_default();
                    assert!(
                        got == want,
                        "{name} was visible before it was whole ({} of {} bytes)",
                        got.len(),
                        want.len()
                    );
                }
            }
            if last {
                break;
            }
        }
        seen.len()
    })
}

/// A big job rendered, the bytes of its part file, and a hot-folder printer `rip` on `rip-in/`.
fn job_for_rip(ws: &Ws) -> (String, Vec<u8>, std::path::PathBuf) {
    let job = big_job(ws);
    let want = part_file(ws, &job);
    let hot = ws.path("rip-in");
    fs::create_dir(&hot).unwrap();
    ws.run_ok(&["printer", "add", "rip", "--hot-folder", hot.to_str().unwrap()]);
    (job, want, hot)
}

#[test]
fn hot_folder_gets_whole_files_and_reports_what_the_rip_took() {
    let ws = Ws::new();
    let (job, want, hot) = job_for_rip(&ws);

    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(&hot, want.clone(), stop.clone());
    let r = ws.run_ok(&["job", "print", &job, "--printer", "rip", "--copies", "3", "--json"]).json();
    stop.store(true, Ordering::Relaxed);
    assert_eq!(watcher.join().unwrap(), 3, "the watcher saw all three copies, each whole");
    assert_eq!(r["parts"][0]["outcome"], "sent");
    let files = pdfs(&hot);
    assert_eq!(files.len(), 3, "{files:?}");
    assert_eq!(fs::read_dir(&hot).unwrap().count(), 3, "no temporary file left");
    for f in &files {
        assert!(fs::read(hot.join(f)).unwrap() == want);
    }

    let s = ws.run_ok(&["job", "status", &job, "--json"]).json();
    assert_eq!(s["parts"][0]["state"], "pending", "{s}");
    // The RIP takes the files: the part is done.
    for f in &files {
        fs::remove_file(hot.join(f)).unwrap();
    }
    let s = ws.run_ok(&["job", "status", &job, "--json"]).json();
    assert_eq!(s["parts"][0]["state"], "completed");
    assert_eq!(s["printed"], true);

    // A folder that has gone away is a clear error, and nothing is recorded.
    ws.run_ok(&["printer", "add", "gone", "--hot-folder", hot.to_str().unwrap()]);
    fs::remove_dir(&hot).unwrap();
    let before = ws.snapshot();
    let out = ws.run(&["job", "print", &job, "--printer", "gone", "--force"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("printer gone") && out.stderr.contains("does not exist"), "{}", out.stderr);
    assert_eq!(ws.snapshot(), before);
}

#[test]
fn killed_mid_write_leaves_no_partial_file_and_the_next_run_sends_it_whole() {
    let ws = Ws::new();
    let (job, want, hot) = job_for_rip(&ws);

    // Many copies make a long write; kill the process the moment a temporary file shows up.
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(&hot, want.clone(), stop.clone());
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["--workspace", ws.root().to_str().unwrap(), "job", "print", &job, "--printer", "rip"])
        .args(["--copies", "40"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut caught_partial = false;
    loop {
        let temp = fs::read_dir(&hot)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .map(|e| e.path());
        if let Some(t) = temp {
            child.kill().unwrap();
            child.wait().unwrap();
            // Still under its temporary name: killed before the rename (while writing or syncing).
            caught_partial = t.exists();
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert!(caught_partial, "the process was killed before a copy was renamed into place");
    for f in pdfs(&hot) {
        assert!(fs::read(hot.join(&f)).unwrap() == want, "{f} is whole");
    }
    assert_eq!(
        ws.count("SELECT count(*) FROM dispatches WHERE state = 'sending'"),
        1,
        "the interrupted send is on record"
    );

    // Killed while writing the first copy: no copy reached the RIP. The next run finds the
    // half-written file, removes it, and sends the part again, whole.
    assert!(pdfs(&hot).is_empty());
    let r = ws.run_ok(&["job", "print", &job, "--printer", "rip", "--json"]).json();
    assert_eq!(r["parts"][0]["outcome"], "sent", "{r}");
    let names: Vec<String> =
        fs::read_dir(&hot).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 1, "only the new whole file: {names:?}");
    assert!(fs::read(hot.join(&names[0])).unwrap() == want);
    assert_eq!(ws.count("SELECT count(*) FROM dispatches"), 1);
    assert_eq!(ws.count("SELECT count(*) FROM dispatches WHERE state = 'pending'"), 1);
}
