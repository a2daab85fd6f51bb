//! Two stations of one lab on one PostgreSQL store: the photos one station imports live in the
//! store, and another station renders and previews them byte for byte, through a cache of its
//! own that it checks on every read.

mod common;

use common::lab::{packets, print_on_rip, school};
use common::*;
use std::fs;
use std::path::Path;

use gradlab::import::photo::sha256_hex;

/// Every file under `dir` (its cache), by name.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for shard in fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().is_dir()) {
        if shard.file_name().len() == 2 {
            out.extend(fs::read_dir(shard.path()).unwrap().flatten().map(|e| e.path()));
        }
    }
    out.sort();
    out
}

/// `job render --json`: each part's file hash.
fn render(ws: &Ws, job: &str) -> Vec<String> {
    let out = ws.run_ok(&["job", "render", job, "--json"]).json();
    let parts = out["parts"].as_array().unwrap();
    parts.iter().map(|p| sha256_hex(&fs::read(p["path"].as_str().unwrap()).unwrap())).collect()
}

#[test]
fn a_second_station_renders_the_first_stations_photos_byte_for_byte() {
    let url = pg::server().fresh_database();
    let (a, b) = (Ws::joining(&url), Ws::joining(&url));
    let rows = school(&a, "10001", 1, &[("1班", 3), ("2班", 2)]);

    // The photos are in the store, each under its own hash; no station keeps them as files.
    let blobs = a.rows("SELECT sha256, bytes FROM photo_blobs ORDER BY sha256", &[]);
    assert_eq!(blobs.len(), rows.len());
    let students = a.rows("SELECT DISTINCT photo_sha256 FROM students ORDER BY 1", &[]);
    assert_eq!(blobs.iter().map(|b| &b[0]).collect::<Vec<_>>(), students.iter().map(|s| &s[0]).collect::<Vec<_>>());
    assert!(files(&a.root().join("photos")).is_empty(), "the importing station kept no files");

    // Station B sees the same students in the same order and renders the same bytes.
    let list = |ws: &Ws| ws.run_ok(&["student", "list", "--school", "10001", "--json"]).json();
    assert_eq!(list(&b), list(&a));
    let job = a.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    let on_a = render(&a, &job);
    let on_b = render(&b, &job);
    assert_eq!(on_b, on_a, "both stations render the job byte for byte");
    let cached = files(&b.root().join("photos"));
    assert_eq!(cached.len(), rows.len(), "B cached what it read: {cached:?}");
    for f in &cached {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert_eq!(format!("{}.jpg", sha256_hex(&fs::read(f).unwrap())), name, "a cached photo is what it is named");
    }

    // A damaged cache is never printed: the photo is fetched again and the job renders the same.
    fs::write(&cached[0], b"not the photo").unwrap();
    fs::remove_file(&cached[1]).unwrap();
    assert_eq!(render(&b, &job), on_a);
    assert_ne!(fs::read(&cached[0]).unwrap(), b"not the photo", "the cache was mended");
    assert!(cached[1].is_file());

    // The job B rendered prints from B, and A sees it printed.
    print_on_rip(&b, &job);
    assert_eq!(a.run_ok(&["job", "status", &job, "--json"]).json()["printed"], true);
}

#[test]
fn an_import_that_fails_leaves_no_photo_in_the_shared_store() {
    let url = pg::server().fresh_database();
    let a = Ws::joining(&url);
    a.add_school("10001");
    let rows: Vec<Row> = (1..=3).map(|i| Row::new(i, "10001", "1班")).collect();
    let batch = a.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    // The last row names a school the store does not know: the whole batch is refused.
    let mut bad = rows.clone();
    bad.push(Row::new(4, "99999", "1班"));
    let refused = a.path("refused");
    write_batch(&refused, &bad, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let before = a.snapshot();
    let out = a.run(&["batch", "import", refused.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(a.snapshot(), before, "nothing stored");
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 0);

    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 3);
    // The same batch again stores nothing twice.
    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(a.count("SELECT count(*) FROM photo_blobs"), 3);
}

/// Two stations of one lab on a fresh store: `[lab] station` print-1 and mailroom.
fn two_stations() -> (Ws, Ws) {
    let url = pg::server().fresh_database();
    let stations = ["print-1", "mailroom"].map(|name| {
        let ws = Ws::joining(&url);
        let settings = fs::read_to_string(ws.root().join("gradlab.toml")).unwrap();
        let named = settings.replacen("\nstation = \"\"", &format!("\nstation = \"{name}\""), 1);
        assert_ne!(named, settings, "the template has [lab] station");
        fs::write(ws.root().join("gradlab.toml"), named).unwrap();
        ws
    });
    let [a, b] = stations;
    (a, b)
}

/// Who sits at each station is remembered per station in the shared store (the window's
/// operator choice), and each station offers the names the lab has worked under.
#[test]
fn each_station_remembers_its_own_operator_on_the_shared_store() {
    use gradlab::app::{Workspace, operators};
    let (print_room, mailroom) = two_stations();
    let open = |ws: &Ws| Workspace::open(&ws.root()).unwrap();
    assert_eq!(operators::station_operator(&open(&print_room)).unwrap().operator, "");
    operators::choose_operator(&open(&print_room), "王老师").unwrap();
    operators::choose_operator(&open(&mailroom), "李师傅").unwrap();
    let here = operators::station_operator(&open(&print_room)).unwrap();
    assert_eq!((here.station.as_str(), here.operator.as_str()), ("print-1", "王老师"));
    assert_eq!(operators::station_operator(&open(&mailroom)).unwrap().operator, "李师傅");
    assert_eq!(here.known, ["李师傅", "王老师"], "both stations' names, the latest first");
}

/// Run `f` for each item on its own thread, all released at the same moment.
fn at_once<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let gate = std::sync::Barrier::new(items.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .into_iter()
            .map(|item| {
                let (gate, f) = (&gate, &f);
                s.spawn(move || {
                    gate.wait();
                    f(item)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn each_station_is_named_in_what_it_did() {
    let (print_room, mailroom) = two_stations();
    school(&print_room, "10001", 1, &[("1班", 2)]);
    let job =
        print_room.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    print_on_rip(&print_room, &job);
    let shipment = mailroom.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    for p in packets(&mailroom, &job) {
        let v = mailroom.run_ok(&["scan", &p, "--shipment", &shipment, "--json"]).json();
        assert_eq!(v["result"], "accepted", "{v}");
    }

    let report = mailroom.run_ok(&["report", "schools", "--json"]).json();
    assert_eq!(report[0]["printed_at"], serde_json::json!(["print-1"]), "{report}");
    assert_eq!(report[0]["packed_at"], serde_json::json!(["mailroom"]), "{report}");
    let text = print_room.run_ok(&["report", "schools"]).stdout;
    assert!(text.contains("printed at") && text.contains("print-1") && text.contains("mailroom"), "{text}");
    assert_eq!(print_room.count("SELECT count(*) FROM dispatches WHERE station <> 'print-1'"), 0);
    assert_eq!(mailroom.count("SELECT count(*) FROM scans WHERE station <> 'mailroom'"), 0);
    let by_station = |name: &str| print_room.count(&format!("SELECT count(*) FROM audit WHERE station = '{name}'"));
    assert!(by_station("print-1") >= 1, "the import");
    assert_eq!(print_room.count("SELECT count(*) FROM audit WHERE station = ''"), 0);
    // The station is part of each entry's hash: the chain holds, and a changed station breaks it.
    assert_eq!(mailroom.run_ok(&["audit", "verify", "--json"]).json()["broken_at"], serde_json::Value::Null);

    // Without a name, a station is the computer's own.
    let unnamed = Ws::joining(&pg::server().fresh_database());
    school(&unnamed, "10002", 1, &[("1班", 1)]);
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    assert_eq!(unnamed.value("SELECT station FROM audit ORDER BY id DESC LIMIT 1", &[]), host);
}

#[test]
fn stations_working_at_the_same_moment_count_each_packet_once_and_get_their_own_ids() {
    let (a, b) = two_stations();
    school(&a, "10001", 1, &[("1班", 2), ("2班", 2), ("3班", 1), ("4班", 1)]);

    // Four jobs (a class each) created at once, two from each station: four ids and barcodes.
    let classes = vec![(&a, "1班"), (&b, "2班"), (&a, "3班"), (&b, "4班")];
    let jobs: Vec<String> = at_once(classes, |(ws, class)| {
        let out = ws.run_ok(&["job", "create", "--school", "10001", "--class", class, "--json"]);
        out.json()["id"].as_str().unwrap().to_string()
    });
    let mut unique = jobs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4, "{jobs:?}");
    let all_packets: Vec<String> = jobs.iter().flat_map(|j| packets(&a, j)).collect();
    let mut distinct = all_packets.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), all_packets.len(), "packet barcodes are unique across stations");

    // Both technicians print the same job at the same moment: each part goes out once.
    common::lab::rip(&a);
    let job = &jobs[0];
    let printed = at_once(vec![&a, &b], |ws| ws.run(&["job", "print", job, "--printer", "rip", "--json"]));
    assert!(printed.iter().any(|o| o.code == 0), "{}", printed[0].stderr);
    // Only this job is rendered and sent so far.
    let parts = a.count("SELECT count(*) FROM job_parts");
    let sent = a.count("SELECT count(*) FROM dispatches");
    assert!(parts >= 1);
    assert_eq!(sent, parts, "each part sent once: {}\n{}", printed[0].stderr, printed[1].stderr);

    for other in &jobs[1..] {
        print_on_rip(&a, other);
    }
    common::lab::rip_takes_all(&a);
    assert_eq!(b.run_ok(&["job", "status", job, "--json"]).json()["printed"], true);

    // Both mailroom desks scan every packet into one shipment at the same moment.
    let shipment =
        a.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    let codes = all_packets;
    let scans: Vec<(usize, &Ws, &str)> =
        codes.iter().enumerate().flat_map(|(i, p)| [(i, &a, p.as_str()), (i, &b, p.as_str())]).collect();
    let results = at_once(scans, |(_, ws, code)| {
        let out = ws.run(&["scan", code, "--shipment", &shipment, "--json"]);
        let v = out.json();
        assert_ne!(v["result"], "refused", "{v}");
        v["result"].as_str().unwrap().to_string()
    });
    for pair in results.chunks(2) {
        let mut pair = pair.to_vec();
        pair.sort();
        assert_eq!(pair, ["accepted", "confirmed"], "one desk adds the packet, the other sees it there");
    }
    let show = b.run_ok(&["shipment", "show", &shipment, "--json"]).json();
    assert_eq!((show["scanned"].as_u64(), show["expected"].as_u64()), (Some(4), Some(4)), "{show}");
    assert_eq!(show["packets"].as_array().unwrap().len(), codes.len(), "{show}");
    assert_eq!(a.count("SELECT count(*) FROM shipment_packets"), codes.len() as i64, "each packet once");
    assert_eq!(a.count("SELECT count(*) FROM scans WHERE result = 'accepted'"), codes.len() as i64);
}

/// Shipments (a job each) and reprint requests made at once from both stations: each gets an
/// id of its own.
#[test]
fn shipments_and_requests_made_at_once_get_their_own_ids() {
    let (a, b) = two_stations();
    school(&a, "10001", 1, &[("1班", 1), ("2班", 1), ("3班", 1), ("4班", 1)]);
    common::lab::rip(&a);
    let jobs: Vec<String> = ["1班", "2班", "3班", "4班"]
        .iter()
        .map(|class| {
            let out = a.run_ok(&["job", "create", "--school", "10001", "--class", class, "--json"]);
            let job = out.json()["id"].as_str().unwrap().to_string();
            print_on_rip(&a, &job);
            job
        })
        .collect();
    common::lab::rip_takes_all(&a);
    let shipments = at_once(vec![&a, &b, &a, &b].into_iter().zip(&jobs).collect(), |(ws, job)| {
        ws.run_ok(&["shipment", "create", "--school", "10001", "--job", job, "--json"]).json()["id"]
            .as_str()
            .unwrap()
            .to_string()
    });
    let students = a.rows("SELECT xh FROM students ORDER BY xh LIMIT 4", &[]);
    let stations = vec![&a, &b, &a, &b].into_iter().zip(students.iter().map(|r| r[0].clone())).collect();
    let requests = at_once(stations, |(ws, xh)| {
        let args = ["--kind", "lost", "--school", "10001", "--student", xh.as_str(), "--requester", "school"];
        common::lab::request_add(ws, &args)["id"].as_str().unwrap().to_string()
    });
    for (what, ids) in [("shipment", shipments), ("request", requests)] {
        let mut distinct = ids.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{what} ids are unique across stations: {ids:?}");
    }
}

#[test]
fn a_seal_racing_a_scan_has_one_clear_winner() {
    let (a, b) = two_stations();
    school(&a, "10001", 1, &[("1班", 1), ("2班", 1)]);
    let job = a.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    print_on_rip(&a, &job);
    let codes = packets(&a, &job);
    assert_eq!(codes.len(), 2);
    let shipment =
        a.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    let first = a.run_ok(&["scan", &codes[0], "--shipment", &shipment, "--json"]).json();
    assert_eq!(first["result"], "accepted");

    // The print room seals without the last packet while the mailroom scans it, at one moment.
    let outs = at_once(vec![0, 1], |i| match i {
        0 => a.run(&["shipment", "seal", &shipment, "--force", "--reason", "车要走了", "--json"]),
        _ => b.run(&["scan", &codes[1], "--shipment", &shipment, "--json"]),
    });
    assert_eq!(outs[0].code, 0, "the seal goes through either way: {}", outs[0].stderr);
    let scan = outs[1].json();
    let show = a.run_ok(&["shipment", "show", &shipment, "--json"]).json();
    assert_eq!(show["state"], "sealed", "{show}");
    let last_in =
        show["packets"].as_array().unwrap().iter().any(|p| p["barcode"] == codes[1].as_str() && p["scanned"] == true);
    match scan["result"].as_str().unwrap() {
        // The scan came first: the packet is in the sealed shipment.
        "accepted" => assert!(last_in, "{show}"),
        // The seal came first: the packet waits for the next shipment.
        "refused" => assert!(!last_in, "{show}"),
        other => panic!("{other}: {scan}"),
    }
    assert_eq!(show["scanned"].as_u64().unwrap(), 1 + last_in as u64, "{show}");
}

/// `batch import` started on `ws` and left running; its output is kept.
fn import_in_background(ws: &Ws, batch: &Path) -> std::process::Child {
    in_background(ws, &["batch", "import", batch.to_str().unwrap()])
}

/// A command started on `ws` and left running; its output is kept.
fn in_background(ws: &Ws, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .arg("--workspace")
        .arg(ws.root())
        .args(args)
        .env_remove("GRADLAB_HOME")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn a_station_killed_in_the_middle_of_an_import_leaves_all_of_it_or_none() {
    let (a, b) = two_stations();
    a.add_school("10001");
    let rows: Vec<Row> = (1..=60).map(|i| Row::new(i, "10001", "1班")).collect();
    let batch = a.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let all_or_none = |after: &str| {
        let students = b.count("SELECT count(*) FROM students");
        assert!(students == 0 || students == rows.len() as i64, "{after}: {students} students");
        let photos = b.count("SELECT count(DISTINCT photo_sha256) FROM students");
        assert_eq!(b.count("SELECT count(*) FROM photo_blobs"), photos, "{after}: a blob for each photo, no other");
        assert_eq!(b.count("SELECT count(*) FROM photos"), photos, "{after}");
        students
    };
    let mut killed = 0;
    // Cut it off later each time, 50 ms apart, so some cut lands while it stores its rows.
    for delay_ms in (1..=60).map(|i| i * 50) {
        let mut child = import_in_background(&a, &batch);
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no cleanup of any kind
        child.wait().unwrap();
        killed += usize::from(!finished);
        if all_or_none(&format!("killed after {delay_ms} ms")) > 0 {
            break;
        }
    }
    assert!(killed > 0, "at least one import was cut off");
    // What a cut-off import left behind (its staging folder) does not stop the next one.
    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(all_or_none("a whole import"), rows.len() as i64);
}

#[test]
fn a_station_killed_in_the_middle_of_a_scan_leaves_the_packet_in_whole_or_not_at_all() {
    let (a, b) = two_stations();
    let classes: Vec<String> = (1..=10).map(|i| format!("{i}班")).collect();
    let sizes: Vec<(&str, usize)> = classes.iter().map(|c| (c.as_str(), 1)).collect();
    school(&a, "10001", 1, &sizes);
    let job = a.run_ok(&["job", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    print_on_rip(&a, &job);
    common::lab::rip_takes_all(&a);
    let codes = packets(&a, &job);
    let shipment =
        b.run_ok(&["shipment", "create", "--school", "10001", "--json"]).json()["id"].as_str().unwrap().to_string();
    // What the other station sees: a packet is scanned into the box exactly when its accepted
    // scan is recorded.
    let whole = |after: &str| {
        let in_box = b.count("SELECT count(*) FROM shipment_packets WHERE scanned_at IS NOT NULL");
        assert_eq!(b.count("SELECT count(*) FROM scans WHERE result = 'accepted'"), in_box, "{after}");
        let show = b.run_ok(&["shipment", "show", &shipment, "--json"]).json();
        assert_eq!(show["scanned"].as_i64(), Some(in_box), "{after}: {show}");
    };
    let mut killed = 0;
    // Each packet's scan is cut off 12 ms later than the one before, from at once to well
    // after a scan's usual length.
    for (i, code) in codes.iter().enumerate() {
        let mut child = in_background(&a, &["scan", code, "--shipment", &shipment]);
        std::thread::sleep(std::time::Duration::from_millis(12 * i as u64));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no cleanup of any kind
        child.wait().unwrap();
        killed += usize::from(!finished);
        whole(&format!("scan of {code} killed after {} ms", 12 * i));
    }
    let landed = b.count("SELECT count(*) FROM shipment_packets WHERE scanned_at IS NOT NULL");
    eprintln!("{killed} scans cut off, {landed} landed");
    assert!(killed > 0, "at least one scan was cut off");
    // Scanning again finishes the work: every packet in the box once.
    for code in &codes {
        let v = a.run_ok(&["scan", code, "--shipment", &shipment, "--json"]).json();
        assert!(v["result"] == "accepted" || v["result"] == "confirmed", "{v}");
    }
    whole("every packet scanned again");
    assert_eq!(b.count("SELECT count(*) FROM shipment_packets WHERE scanned_at IS NOT NULL"), codes.len() as i64);
}

#[test]
fn a_lost_connection_names_the_server_and_stores_nothing_of_the_action() {
    let (a, b) = two_stations();
    a.add_school("10001");
    let rows: Vec<Row> = (1..=30).map(|i| Row::new(i, "10001", "1班")).collect();
    let batch = a.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    let before = b.snapshot();
    let child = import_in_background(&a, &batch);
    let pid = child.id();
    // The server drops the station's connections (as a restart or a network failure would),
    // again and again, until the import gives up.
    let mut admin = b.store();
    let done = std::sync::atomic::AtomicBool::new(false);
    let out = std::thread::scope(|s| {
        s.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                admin.rows(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                      WHERE datname = current_database() AND application_name = 'gradlab'",
                    &[],
                );
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        });
        let out = child.wait_with_output().unwrap();
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        out
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "pid {pid}: {stderr}");
    assert!(stderr.contains("lost the connection to PostgreSQL server 127.0.0.1:"), "names the server: {stderr}");
    assert!(stderr.contains("nothing of this action was stored"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(b.snapshot(), before, "nothing of the import was stored");
    // The server is back: the same import goes through.
    a.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    assert_eq!(b.count("SELECT count(*) FROM students"), rows.len() as i64);
}
