//! Crash tests: a real command (an import, a render, `job print` to a real IPP printer,
//! `ecopy send` to a real SMTP server, a mailroom scan, a request step) is killed with SIGKILL at
//! a random moment, then run again. Each round checks that the store is whole right after the
//! kill (`gradlab check`, the audit chain), that the work completes when run again, and that the
//! printer received each part exactly once (counted in its spool) and the mail server each part
//! under one Message-ID (counted in its mailbox).
//!
//! `GRADLAB_CRASH_ROUNDS` sets the rounds per kind of work (3 by default, as `scripts/test` runs
//! them; `scripts/crash N` runs N); `GRADLAB_CRASH_SEED` repeats a run's random moments. Each
//! round prints one line, `crash <work> round <n>: killed after <ms> ms (<how far it got>)`.

mod common;

use common::printer::{Behaviour, IppPrinter};
use common::smtp::{Mode, SmtpServer};
use common::{Out, Ws, lab};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn rounds() -> usize {
    std::env::var("GRADLAB_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(3)
}

/// Random moments, repeatable from the seed printed at the start.
struct Moments(u64);

impl Moments {
    fn new(work: &str) -> Moments {
        let seed = std::env::var("GRADLAB_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
        });
        eprintln!("crash {work}: seed {seed}");
        Moments(seed ^ work.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)))
    }

    /// A moment in the first `of` of the work.
    fn within(&mut self, of: Duration) -> Duration {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        of.mul_f64((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// Start gradlab with `args` and kill it (SIGKILL: no clean-up of any kind) after `after`.
/// Returns whether it had already finished by itself.
fn kill_after(ws: &Ws, args: &[&str], env: &[(&str, &str)], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .arg("--workspace")
        .arg(ws.root())
        .args(args)
        .env("LANG", "C.UTF-8")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + after;
    while Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2).min(until.saturating_duration_since(Instant::now())));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    false
}

/// How long the work takes when nobody kills it.
fn timed(f: impl FnOnce() -> Out) -> Duration {
    let t = Instant::now();
    let out = f();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    t.elapsed()
}

/// Right after a kill: the database whole, every photo and part as recorded, the audit chain
/// unbroken. Files an import had placed but not committed are allowed (the next import
/// removes them), nothing else.
fn whole_after_kill(ws: &Ws, what: &str) {
    let out = ws.run(&["check", "--json"]);
    let report = out.json();
    let problems: Vec<&serde_json::Value> =
        report["problems"].as_array().unwrap().iter().filter(|p| p["code"] != "photo_unclaimed").collect();
    assert!(problems.is_empty(), "{what}: {problems:?}");
    let audit = ws.run(&["audit", "verify"]);
    assert_eq!(audit.code, 0, "{what}: {}{}", audit.stdout, audit.stderr);
}

/// After the work completed: nothing at all for `check` to say.
fn whole(ws: &Ws, what: &str) {
    let out = ws.run(&["check", "--json"]);
    assert_eq!(out.code, 0, "{what}: {}", out.stdout);
}

fn said(finished: bool, after: Duration) -> String {
    format!("killed after {} ms ({})", after.as_millis(), if finished { "had finished" } else { "cut off" })
}

#[test]
fn an_import_killed_at_any_moment_stores_all_or_nothing_and_completes_when_run_again() {
    let mut moments = Moments::new("import");
    let batch_of = |ws: &Ws| {
        let rows: Vec<common::Row> = (0..60).map(|i| common::Row::new(i + 1, "10001", "一班")).collect();
        let batch = ws.path("batch");
        common::write_batch(&batch, &rows, |r| Some(common::good_photo(r.cjm[3..].parse::<u64>().unwrap())));
        batch
    };
    let reference = Ws::on_sqlite();
    reference.add_school("10001");
    let b = batch_of(&reference);
    let span = timed(|| reference.run(&["batch", "import", b.to_str().unwrap()]));
    for round in 1..=rounds() {
        let ws = Ws::on_sqlite();
        ws.add_school("10001");
        let batch = batch_of(&ws);
        let after = moments.within(span);
        let finished = kill_after(&ws, &["batch", "import", batch.to_str().unwrap()], &[], after);
        let what = format!("crash import round {round}: {}", said(finished, after));
        eprintln!("{what}");
        let stored = ws.count("SELECT count(*) FROM students");
        assert!(stored == 0 || stored == 60, "{what}: {stored} students stored");
        whole_after_kill(&ws, &what);
        ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
        assert_eq!(ws.count("SELECT count(*) FROM students"), 60, "{what}");
        whole(&ws, &what);
    }
}

/// A school of `n` students with a job made, rendered in parts of one sheet.
fn school_with_job(n: usize) -> (Ws, String) {
    let ws = Ws::on_sqlite();
    let settings = ws.root().join("gradlab.toml");
    let text =
        std::fs::read_to_string(&settings).unwrap().replace("max_sheets_per_part = 200", "max_sheets_per_part = 1");
    std::fs::write(&settings, text).unwrap();
    lab::school(&ws, "10001", 1, &[("一班", n)]);
    let job = ws.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    (ws, job)
}

#[test]
fn a_render_killed_at_any_moment_keeps_the_earlier_parts_and_completes_when_run_again() {
    let mut moments = Moments::new("render");
    let (reference, job) = school_with_job(16);
    let span = timed(|| reference.run(&["job", "render", &job]));
    let parts = reference.count("SELECT count(*) FROM job_parts");
    for round in 1..=rounds() {
        let (ws, job) = school_with_job(16);
        // The second rendering is cut: the first one's parts must stay whole meanwhile.
        ws.run_ok(&["job", "render", &job]);
        let after = moments.within(span);
        let finished = kill_after(&ws, &["job", "render", &job], &[], after);
        let what = format!("crash render round {round}: {}", said(finished, after));
        eprintln!("{what}");
        whole_after_kill(&ws, &what);
        ws.run_ok(&["job", "render", &job]);
        assert_eq!(ws.count("SELECT count(*) FROM job_parts"), parts, "{what}");
        let verified = ws.run(&["job", "verify", &job]);
        assert_eq!(verified.code, 0, "{what}: {}", verified.stdout);
        whole(&ws, &what);
    }
}

#[test]
fn a_print_killed_at_any_moment_reaches_the_printer_once_per_part() {
    let mut moments = Moments::new("print");
    let span = {
        let printer = IppPrinter::start(Behaviour::Complete);
        let (ws, job) = school_with_job(12);
        ws.run_ok(&["job", "render", &job]);
        ws.run_ok(&["printer", "add", "lab", "--ipp", &printer.uri]);
        timed(|| ws.run(&["job", "print", &job, "--printer", "lab"]))
    };
    for round in 1..=rounds() {
        let printer = IppPrinter::start(Behaviour::Complete);
        let (ws, job) = school_with_job(12);
        ws.run_ok(&["job", "render", &job]);
        ws.run_ok(&["printer", "add", "lab", "--ipp", &printer.uri]);
        let parts = ws.count("SELECT count(*) FROM job_parts") as usize;
        let after = moments.within(span);
        let finished = kill_after(&ws, &["job", "print", &job, "--printer", "lab"], &[], after);
        let what = format!("crash print round {round}: {}", said(finished, after));
        eprintln!("{what}");
        whole_after_kill(&ws, &what);
        let again = ws.run(&["job", "print", &job, "--printer", "lab"]);
        assert_eq!(again.code, 0, "{what}: {}{}", again.stdout, again.stderr);
        // Counted where it matters, at the printer: every part, none twice.
        common::printer::wait_for(|| printer.jobs_received() >= parts, "the printer to spool every part");
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(printer.jobs_received(), parts, "{what}: {}", printer.log());
        let mut spooled: Vec<Vec<u8>> = std::fs::read_dir(&printer.spool)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
        spooled.sort();
        spooled.dedup();
        assert_eq!(spooled.len(), parts, "{what}: a part arrived twice");
        whole(&ws, &what);
    }
}

const PW_ENV: &str = "GRADLAB_TEST_SMTP_PASSWORD";

#[test]
fn an_ecopy_send_killed_at_any_moment_delivers_each_part_under_one_message_id() {
    let mut moments = Moments::new("ecopy");
    let setup = |server: &SmtpServer| {
        let ws = Ws::on_sqlite();
        let rows = lab::school(&ws, "10001", 1, &[("一班", 30)]);
        drop(rows);
        ws.run_ok(&["school", "add-email", "10001", "photos@school.edu.cn"]);
        let path = ws.root().join("gradlab.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let head = &text[..text.find("\n[smtp]").unwrap()];
        ws.write_settings(&format!("{head}\n{}", server.settings(Mode::StartTls, PW_ENV, 1)));
        let id = ws
            .run_ok(&[
                "ecopy",
                "request",
                "--school",
                "10001",
                "--to",
                "photos@school.edu.cn",
                "--letter",
                "〔2026〕1号",
                "--json",
            ])
            .json()["id"]
            .as_str()
            .unwrap()
            .to_string();
        (ws, id)
    };
    let span = {
        let server = SmtpServer::start(Mode::StartTls, "pw-crash-ref");
        let (ws, id) = setup(&server);
        timed(|| ws.run_with_env(&["ecopy", "send", &id], &[(PW_ENV, &server.password)]))
    };
    let mut duplicates = 0;
    for round in 1..=rounds() {
        let server = SmtpServer::start(Mode::StartTls, &format!("pw-crash-{round}"));
        let (ws, id) = setup(&server);
        let env = [(PW_ENV, server.password.as_str())];
        let after = moments.within(span);
        let finished = kill_after(&ws, &["ecopy", "send", &id], &env, after);
        let what = format!("crash ecopy round {round}: {}", said(finished, after));
        whole_after_kill(&ws, &what);
        let again = ws.run_with_env(&["ecopy", "send", &id, "--json"], &env);
        assert_eq!(again.code, 0, "{what}: {}{}", again.stdout, again.stderr);
        let parts = again.json()["parts"].as_array().unwrap().len();
        assert!(parts >= 2, "{what}: {parts} parts");
        // Counted at the server: each part under one Message-ID. A part whose sending was cut
        // after the server took it and before gradlab wrote that down goes again under the same
        // Message-ID, which the school's mail program shows as one message.
        let got = server.received();
        let mut ids: Vec<(String, String)> =
            got.iter().map(|m| (m.subject.rsplit(' ').next().unwrap().to_string(), m.message_id.clone())).collect();
        let delivered = ids.len();
        ids.sort();
        ids.dedup();
        let mut by_part: Vec<&String> = ids.iter().map(|(part, _)| part).collect();
        by_part.dedup();
        assert_eq!(by_part.len(), parts, "{what}: every part arrived ({ids:?})");
        assert_eq!(ids.len(), parts, "{what}: a part arrived under two Message-IDs ({ids:?})");
        duplicates += delivered - parts;
        eprintln!("{what}; {delivered} messages for {parts} parts");
        whole(&ws, &what);
    }
    eprintln!("crash ecopy: {duplicates} parts delivered again under their Message-ID");
}

#[test]
fn a_scan_and_a_request_step_killed_at_any_moment_happen_once() {
    let mut moments = Moments::new("desk");
    for round in 1..=rounds() {
        let ws = Ws::on_sqlite();
        let rows = lab::school(&ws, "10001", 1, &[("一班", 3), ("二班", 3)]);
        let job = lab::printed_job(&ws, "10001", &[]);
        let packets = lab::packets(&ws, &job);
        let shipment = ws.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"]
            .as_str()
            .unwrap()
            .to_string();
        ws.run_ok(&["scan", &shipment]);
        // A desk's step takes about as long as a scan: the moments fall within one.
        let span = timed(|| ws.run(&["scan", &packets[1], "--shipment", &shipment]));

        // The scan of a packet into the shipment.
        let after = moments.within(span);
        let finished = kill_after(&ws, &["scan", &packets[0], "--shipment", &shipment], &[], after);
        let what = format!("crash scan round {round}: {}", said(finished, after));
        eprintln!("{what}");
        whole_after_kill(&ws, &what);
        let again = ws.run(&["scan", &packets[0], "--shipment", &shipment, "--json"]);
        assert!(again.code == 0 || again.code == 3, "{what}: {}{}", again.stdout, again.stderr);
        let shown = ws.run_ok(&["shipment", "show", &shipment, "--json"]).json();
        let listed: Vec<&str> =
            shown["packets"].as_array().unwrap().iter().filter_map(|p| p["barcode"].as_str()).collect();
        assert_eq!(listed.iter().filter(|p| **p == packets[0]).count(), 1, "{what}: {shown}");
        whole(&ws, &what);

        // A request approved.
        let r = lab::request_add(
            &ws,
            &["--kind", "lost", "--school", "10001", "--student", &rows[0].xh, "--requester", "school"],
        );
        let r = r["id"].as_str().unwrap().to_string();
        let after = moments.within(span);
        let finished = kill_after(&ws, &["request", "approve", &r], &[], after);
        let what = format!("crash request round {round}: {}", said(finished, after));
        eprintln!("{what}");
        whole_after_kill(&ws, &what);
        let again = ws.run(&["request", "approve", &r]);
        let status = ws.run_ok(&["request", "show", &r, "--json"]).json();
        assert_eq!(status["status"], "approved", "{what}: {}{}", again.stdout, again.stderr);
        let approvals =
            status["history"].as_array().unwrap().iter().filter(|h| h["action"] == "request.approve").count();
        assert_eq!(approvals, 1, "{what}: {status}");
        whole(&ws, &what);
    }
}
