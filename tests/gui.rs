//! The desktop window, headless, with Slint's testing backend: the main action of each screen
//! through the window's own widgets and callbacks, on a workspace built with the real CLI.
//!
//! Slint's testing backend with an event loop can be set up once per process, and its event
//! loop runs on the thread that set it up, so the three screens are exercised in one test, in
//! turn: the mailroom (type scans and Enter, read the verdict; print the label, seal, ship), the
//! technician (import through the file chooser; start a render with the button, watch the
//! progress bar reach the end) and the administrator (approve a request, see its status and
//! history change).

mod common;
use common::lab::request_add;
use common::window::{settle, wait_for};
use common::*;
use gradlab::gui::ui::{Admin, AppWindow, Mailroom, Technician};
use i_slint_backend_testing::ElementHandle;
use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, Model, SharedString};

const SCHOOL: &str = "10418";

/// A school with two classes, a printed job (through a hot folder), a shipment waiting for its
/// packets, a second job not yet rendered and a reprint request matched to a student.
struct Fixture {
    ws: Ws,
    shipment: String,
    packets: Vec<String>,
    unrendered_job: String,
    request: String,
}

fn fixture() -> Fixture {
    let ws = Ws::new();
    // A lab in Berlin: the window shows times in `[lab] timezone`, not in the computer's zone.
    let settings = ws.root().join("gradlab.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("timezone = \"Asia/Shanghai\"", "timezone = \"Europe/Berlin\"")).unwrap();
    ws.run_ok(&["school", "add", SCHOOL, "测试大学", "--address", "北京市大学路1号", "--phone", "010-1234"]);
    let mut rows = Vec::new();
    for (bh, n) in [("计算机1班", 5), ("计算机2班", 4)] {
        for _ in 0..n {
            rows.push(Row::new(rows.len(), SCHOOL, bh));
        }
    }
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(900 + r.cjm[3..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);

    let job = common::lab::printed_job(&ws, SCHOOL, &[]);
    let show = ws.run_ok(&["job", "show", &job, "--json"]).json();
    let packets =
        show["packets"].as_array().unwrap().iter().map(|p| p["barcode"].as_str().unwrap().to_string()).collect();
    let shipment =
        ws.run_ok(&["shipment", "create", "--school", SCHOOL, "--json"]).json()["id"].as_str().unwrap().to_string();

    let unrendered_job = ws
        .run_ok(&["job", "create", "--school", SCHOOL, "--class", "计算机2班", "--again", "--reason", "试印", "--json"])
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let request = request_add(
        &ws,
        &["--kind", "lost", "--school", SCHOOL, "--student", &rows[2].xh, "--requester", "school", "--lang", "zh"],
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    Fixture { ws, shipment, packets, unrendered_job, request }
}

/// What a USB scanner does: type the code, then Enter, into whatever has the focus.
fn scan(app: &AppWindow, code: &str) {
    let answered = app.global::<Mailroom>().get_answered();
    let w = app.window();
    let keys = code.chars().map(|c| SharedString::from(c.to_string())).chain([SharedString::from(Key::Return)]);
    for text in keys {
        w.dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
        w.dispatch_event(WindowEvent::KeyReleased { text });
    }
    wait_for(app, &format!("the answer to scanning {code}"), move |app| {
        app.global::<Mailroom>().get_answered() > answered && app.get_pending() == 0
    });
}

/// A text meant for the people at the desks has no English sentence in it (codes such as
/// P19X and H14 are fine).
fn assert_no_english(text: &str) {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).collect();
    assert!(words.len() < 2, "English in {text:?}: {words:?}");
}

fn one(app: &AppWindow, label: &str) -> ElementHandle {
    let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, label).collect();
    assert_eq!(found.len(), 1, "elements labelled {label:?}");
    found.into_iter().next().unwrap()
}

/// The verdict as the window shows it: the large word and its colour key.
fn verdict(app: &AppWindow) -> (String, String, String) {
    let v = one(app, "扫描结果");
    (
        v.accessible_value().unwrap_or_default().to_string(),
        v.accessible_description().unwrap_or_default().to_string(),
        app.global::<Mailroom>().get_verdict_message().to_string(),
    )
}

fn click(app: &AppWindow, label: &str) {
    let buttons: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, label)
        .filter(|e| e.accessible_role() == Some(i_slint_backend_testing::AccessibleRole::Button))
        .collect();
    assert_eq!(buttons.len(), 1, "buttons labelled {label:?}");
    assert_eq!(buttons[0].accessible_enabled(), Some(true), "button {label:?} is enabled");
    buttons[0].invoke_accessible_default_action();
}

fn cell(rows: &slint::ModelRc<slint::ModelRc<slint::StandardListViewItem>>, row: usize, col: usize) -> String {
    rows.row_data(row).and_then(|r| r.row_data(col)).map(|c| c.text.to_string()).unwrap_or_default()
}

#[test]
fn mailroom_scans_technician_renders_and_admin_approves_in_the_window() {
    let f = fixture();
    i_slint_backend_testing::init_integration_test_with_system_time();
    // As `gradlab gui` does before it opens the window.
    gradlab::support_log::start(&f.ws.root());
    let session = gradlab::gui::Session::new(f.ws.root(), Some("测试员".into()), Some("desk-9".into()));
    let app = gradlab::gui::build(session).unwrap();
    app.show().unwrap();
    // The window writes in the font the PDFs embed, registered from the program's one copy of it
    // (the machines here have no system font with Chinese in it).
    let fonts = slint::fontique_011::shared_collection().family_names().map(str::to_string).collect::<Vec<_>>();
    assert!(fonts.iter().any(|f| f == "Noto Sans SC"), "the bundled font is registered: {fonts:?}");
    wait_for(&app, "the first screens to load", |app| {
        app.get_pending() == 0 && app.global::<Technician>().get_jobs().row_count() == 2
    });

    mailroom_scan_and_enter_shows_the_verdict(&app, &f);
    technician_render_progress_reaches_the_end(&app, &f);
    the_operator_is_chosen_at_the_station(&app, &f);
    admin_approves_a_request(&app, &f);

    // Each window action told the workspace's log when it began and how it ended.
    let log = std::fs::read_to_string(f.ws.root().join("logs").join("gradlab.log")).unwrap();
    let approved: Vec<&str> =
        log.lines().filter(|l| l.contains("window action admin::act (src/gui/adapters/admin.rs:")).collect();
    assert!(approved.iter().any(|l| l.ends_with(": started")), "{log}");
    assert!(approved.iter().any(|l| l.contains(": done in ")), "{log}");
    assert!(log.lines().any(|l| l.contains("window action technician::") && l.contains(": done in ")), "{log}");
}

fn mailroom_scan_and_enter_shows_the_verdict(app: &AppWindow, f: &Fixture) {
    app.set_screen(1);
    // The scan field takes the focus by itself: nothing is clicked before scanning.
    settle(app, 600);
    assert_eq!(app.global::<Mailroom>().get_station(), "desk-9");

    scan(app, &f.shipment);
    let (word, colour, message) = verdict(app);
    assert_eq!((word.as_str(), colour.as_str()), ("发运单", "shown"), "{message}");
    assert!(message.contains("2 包中缺 2 包"), "{message}");
    assert_no_english(&message);
    assert_eq!(app.global::<Mailroom>().get_shipment(), f.shipment.as_str());

    scan(app, &f.packets[0]);
    let (word, colour, message) = verdict(app);
    assert_eq!((word.as_str(), colour.as_str()), ("接收", "accepted"), "{message}");
    assert_eq!(app.global::<Mailroom>().invoke_colour("accepted".into()), slint::Color::from_rgb_u8(0x2e, 0x7d, 0x32));
    assert_eq!((app.global::<Mailroom>().get_scanned(), app.global::<Mailroom>().get_expected()), (1, 2));

    // A mistyped check character is refused in red with the CLI's reason.
    let mut typo = f.packets[1].clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    scan(app, &typo);
    let (word, colour, message) = verdict(app);
    assert_eq!((word.as_str(), colour.as_str()), ("拒收", "refused"), "{message}");
    assert!(message.contains("校验位不对"), "{message}");
    assert_no_english(&message);
    let cli = f.ws.run(&["scan", &typo, "--station", "desk-9", "--json", "--lang", "zh"]);
    assert_eq!(cli.json()["message"], message.as_str(), "the window shows the CLI's words");
    assert_eq!(cli.json()["message_code"], "id_wrong_check");

    // A number of a courier gradlab has no rule for: the hint names the window's own field and
    // choice, where the CLI names its flag.
    scan(app, "ZT7781234567");
    let (word, _, message) = verdict(app);
    assert_eq!(word, "拒收");
    assert!(message.contains("“其他快递”") && !message.contains("--carrier"), "{message}");
    let cli = f.ws.run(&["scan", "ZT7781234567", "--station", "desk-9", "--json", "--lang", "zh"]);
    assert!(cli.json()["message"].as_str().unwrap().contains("--carrier other"), "{}", cli.stdout);

    // The running list, newest first; the scan field kept the focus through it all.
    let scans = app.global::<Mailroom>().get_scans();
    assert_eq!(scans.row_count(), 4);
    assert_eq!(scans.row_data(1).unwrap().code, typo.as_str());
    assert_eq!(scans.row_data(3).unwrap().verdict, "发运单");
    let logged = f.ws.count("SELECT COUNT(*) FROM scans WHERE station = 'desk-9'");
    assert_eq!(logged, 6, "four scans from the window and two from the CLI, all logged");

    // The label goes to the chosen printer (the hot folder) as it is.
    click(app, "打印面单");
    wait_for(app, "the label to be sent", |app| app.get_pending() == 0 && !app.global::<Mailroom>().get_busy());
    assert!(!app.global::<Mailroom>().get_notice_error(), "{}", app.global::<Mailroom>().get_notice());
    let dropped: Vec<String> = std::fs::read_dir(f.ws.path("rip"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        dropped.iter().any(|n| n.starts_with(&format!("{}-label", f.shipment)) && n.ends_with(".pdf")),
        "{dropped:?}"
    );

    // The last packet, the seal button, then the courier's number scanned: shipped.
    scan(app, &f.packets[1]);
    assert_eq!(verdict(app).1, "accepted");
    click(app, "封箱");
    wait_for(app, "the seal", |app| {
        app.get_pending() == 0 && app.global::<Mailroom>().get_shipment_state() == "已封箱"
    });
    scan(app, "EE473124829CN");
    let (word, colour, message) = verdict(app);
    assert_eq!((word.as_str(), colour.as_str()), ("已发运", "accepted"), "{message}");
    assert_eq!(app.global::<Mailroom>().get_shipment_state(), "已发运");

    mailroom_returns_and_ships_to_one_person(app, f);
}

fn type_into(app: &AppWindow, label: &str, text: &str) {
    let fields: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, label).collect();
    assert_eq!(fields.len(), 1, "fields labelled {label:?}");
    fields[0].set_accessible_value(text);
}

/// The courier brings the shipment back (退回, with a reason); its packets go out again to one
/// person, with another courier's tracking number typed in.
fn mailroom_returns_and_ships_to_one_person(app: &AppWindow, f: &Fixture) {
    let g = app.global::<Mailroom>();
    assert!(g.get_can_return() && !g.get_can_ship());
    type_into(app, "封箱或退回原因", "地址不详，快递退回");
    click(app, "退回");
    wait_for(app, "the return", |app| {
        app.get_pending() == 0 && app.global::<Mailroom>().get_shipment_state() == "已退回"
    });
    assert!(!g.get_notice_error(), "{}", g.get_notice());
    let returned = f.ws.run_ok(&["shipment", "show", &f.shipment, "--json"]).json();
    assert_eq!(returned["state"], "returned");
    assert_eq!(returned["return_reason"], "地址不详，快递退回");

    g.set_school_index(0);
    click(app, "寄给个人…");
    assert!(g.get_to_person_open());
    type_into(app, "收件地址", "广东省深圳市福田区莲花路2号");
    type_into(app, "个人收件人", "王小明");
    click(app, "新建");
    let first = f.shipment.clone();
    wait_for(app, "the new shipment", move |app| {
        let g = app.global::<Mailroom>();
        app.get_pending() == 0 && !g.get_to_person_open() && g.get_shipment() != first.as_str()
    });
    assert!(!g.get_notice_error(), "{}", g.get_notice());
    let second = g.get_shipment().to_string();
    let shown = f.ws.run_ok(&["shipment", "show", &second, "--json"]).json();
    assert_eq!(shown["to_person"], true);
    assert_eq!(shown["recipient"]["name"], "王小明");
    assert_eq!(shown["recipient"]["address"], "广东省深圳市福田区莲花路2号");

    for p in &f.packets {
        scan(app, p);
        assert_eq!(verdict(app).1, "accepted", "{}", verdict(app).2);
    }
    click(app, "封箱");
    wait_for(app, "the seal", |app| app.get_pending() == 0 && app.global::<Mailroom>().get_can_ship());
    // A courier gradlab has no rule for: chosen by name, its number taken as typed.
    let carriers = g.get_carriers();
    let other = (0..carriers.row_count()).find(|&i| carriers.row_data(i).unwrap() == "其他快递").unwrap();
    let boxes: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, "快递公司").collect();
    assert_eq!(boxes.len(), 1);
    g.set_carrier_index(other as i32);
    type_into(app, "快递单号", "ZT7781234567");
    click(app, "登记单号并发运");
    wait_for(app, "the shipping", |app| {
        app.get_pending() == 0 && app.global::<Mailroom>().get_shipment_state() == "已发运"
    });
    let shipped = f.ws.run_ok(&["shipment", "show", &second, "--json"]).json();
    assert_eq!((shipped["carrier"].as_str(), shipped["tracking"].as_str()), (Some("other"), Some("ZT7781234567")));
}

fn technician_render_progress_reaches_the_end(app: &AppWindow, f: &Fixture) {
    app.set_screen(0);
    let t = app.global::<Technician>();

    // The batch again, through the window's file chooser: every photo is already stored.
    t.set_page(0);
    t.set_school_row(0);
    t.invoke_select_school(0);
    click(app, "导入批次…");
    let chooser = app.global::<gradlab::gui::ui::FileChooser>();
    assert!(chooser.get_open());
    chooser.invoke_go_to(f.ws.path("").display().to_string().into());
    let entries = chooser.get_entries();
    let batch = (0..entries.row_count()).find(|&i| entries.row_data(i).unwrap().name == "batch").unwrap();
    // One click on the batch folder, then the button: it takes the folder highlighted, not the
    // one shown (the workspace, which is no batch).
    chooser.set_current(batch as i32);
    click(app, "选择“batch”");
    assert!(!chooser.get_open());
    wait_for(app, "the import", |app| !app.global::<Technician>().get_import_task().running && app.get_pending() == 0);
    assert!(t.get_report_title().contains("已有 9"), "{}", t.get_report_title());
    // The cartoon photos are nothing the photo check can judge; it says so and nothing else.
    let report = t.get_report();
    let kinds: Vec<String> = (0..report.row_count()).map(|r| cell(&report, r, 0)).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "已有").count(), 9, "{kinds:?}");
    assert!(kinds.iter().all(|k| k == "已有" || k == "无法判断"), "{kinds:?}");
    for r in 0..report.row_count() {
        let line: Vec<String> = (0..5).map(|c| cell(&report, r, c)).collect();
        assert_no_english(&line.join(" "));
    }

    // A real face off centre: its warning in Chinese, and its thumbnail with the lines drawn.
    let faces = f.ws.path("faces");
    let row = Row::new(50, SCHOOL, "计算机1班");
    write_batch(&faces, std::slice::from_ref(&row), |_| {
        Some(portrait::portrait(&portrait::Pose { centre: 300.0, ..Default::default() }))
    });
    click(app, "导入批次…");
    chooser.invoke_go_to(faces.display().to_string().into());
    click(app, "选择此文件夹");
    wait_for(app, "the import", |app| !app.global::<Technician>().get_import_task().running && app.get_pending() == 0);
    let report = t.get_report();
    let texts: Vec<String> = (0..report.row_count()).map(|r| cell(&report, r, 4)).collect();
    assert!(texts.iter().any(|t| t.starts_with("人像偏右") && t.contains("标准为居中")), "{texts:?}");
    let cards = t.get_photo_warnings();
    assert_eq!(cards.row_count(), 1);
    let card = cards.row_data(0).unwrap();
    assert_eq!((card.picture.size().width, card.picture.size().height), (160, 213));
    assert!(card.title.contains(&row.cjm) && card.text.contains("人像偏右"), "{} {}", card.title, card.text);

    t.set_page(1);
    let row = (0..t.get_jobs().row_count()).find(|&r| cell(&t.get_jobs(), r, 0) == f.unrendered_job).unwrap();
    assert_eq!(cell(&t.get_jobs(), row, 5), "未渲染");
    // The other job first, its preview drawn; then this one: the other's picture goes at once.
    let other = 1 - row as i32;
    t.set_job_row(other);
    t.invoke_select_job(other);
    wait_for(app, "the other job's preview", |app| {
        app.get_pending() == 0 && app.global::<Technician>().get_preview().size().width > 0
    });
    assert!(!t.get_preview_caption().contains(&f.unrendered_job), "{}", t.get_preview_caption());
    t.set_job_row(row as i32);
    t.invoke_select_job(row as i32);
    assert_eq!(t.get_preview().size().width, 0, "no picture of another job under this job's title");
    assert!(t.get_preview_caption().contains(&f.unrendered_job), "{}", t.get_preview_caption());
    wait_for(app, "the job's detail", |app| app.get_pending() == 0 && app.global::<Technician>().get_sheet_count() > 0);
    let sheets = t.get_sheet_count();
    assert!(t.get_preview().size().width > 0, "a preview of the first sheet is shown");
    assert!(t.get_preview_caption().contains(&f.unrendered_job), "{}", t.get_preview_caption());

    click(app, "渲染 PDF");
    assert!(t.get_job_task().running, "the bar shows the work at once");
    wait_for(app, "the render to finish", |app| {
        let t = app.global::<Technician>();
        !t.get_job_task().running && app.get_pending() == 0
    });
    let bar = t.get_job_task();
    assert_eq!(bar.stage, "完成", "{}", t.get_notice());
    assert_eq!((bar.done, bar.total), (sheets, sheets), "the bar reached the end");
    assert!(!t.get_notice_error(), "{}", t.get_notice());
    assert!(t.get_notice().contains(&f.unrendered_job), "{}", t.get_notice());
    assert_eq!(cell(&t.get_jobs(), row, 5), "已渲染 1 段");
    assert_eq!(t.get_parts().row_count(), 1);
    let listed = f.ws.run_ok(&["job", "list", "--json"]).json();
    let rendered = listed.as_array().unwrap().iter().find(|j| j["id"] == f.unrendered_job.as_str()).unwrap();
    assert_eq!(rendered["rendered_parts"], 1);
    // Verified right after rendering: the part says so and no problem is listed.
    assert!(t.get_notice().contains("已校验"), "{}", t.get_notice());
    assert_eq!(cell(&t.get_parts(), 0, 2), "已校验");
    assert_eq!(t.get_verification().row_count(), 0);

    // One byte of a photo flipped in the file: 校验 fails, and the window lists what and whose.
    let show = f.ws.run_ok(&["job", "show", &f.unrendered_job, "--json"]).json();
    let path = show["parts"][0]["path"].as_str().unwrap().to_string();
    let mut pdf = std::fs::read(&path).unwrap();
    let image = pdf.windows(9).position(|w| w == b"DCTDecode").unwrap();
    let data = image + pdf[image..].windows(6).position(|w| w == b"stream").unwrap() + 7;
    pdf[data + 2000] ^= 0x10;
    std::fs::write(&path, pdf).unwrap();
    click(app, "校验");
    wait_for(app, "the verification", |app| {
        let t = app.global::<Technician>();
        !t.get_job_task().running && app.get_pending() == 0 && t.get_verification().row_count() > 0
    });
    assert!(t.get_notice_error() && t.get_notice().contains("校验失败"), "{}", t.get_notice());
    assert_eq!(cell(&t.get_parts(), 0, 2), "校验失败");
    assert_eq!(t.get_job_view(), 2, "the failures are what the technician reads next");
    // The next action starts with a clean status line; moving to another page clears it too.
    click(app, "查询打印状态");
    assert_eq!(t.get_notice(), "", "the last action's words do not stay over the next");
    wait_for(app, "the printer states", |app| app.get_pending() == 0);
    t.set_notice("旧消息".into());
    t.set_page(0);
    settle(app, 200);
    assert_eq!(t.get_notice(), "", "a page's words do not stay on the next page");
    t.set_page(1);
    let problems = t.get_verification();
    let kinds: Vec<String> = (0..problems.row_count()).map(|r| cell(&problems, r, 4)).collect();
    assert!(kinds.contains(&"文件".to_string()) && kinds.contains(&"照片".to_string()), "{kinds:?}");
    let photo = (0..problems.row_count()).find(|&r| cell(&problems, r, 4) == "照片").unwrap();
    let first = &show["sheets"][1]["students"][0];
    assert_eq!(
        cell(&problems, photo, 3),
        format!("{} {}", first["xh"].as_str().unwrap(), first["xm"].as_str().unwrap()),
        "the student is named"
    );
    assert_eq!(cell(&problems, photo, 2), show["sheets"][1]["barcode"].as_str().unwrap());
}

/// Who is at the station: chosen in the window, shown in the footer, remembered for the
/// station in the store, and recorded with what is done next (the approval below).
fn the_operator_is_chosen_at_the_station(app: &AppWindow, f: &Fixture) {
    assert_eq!(app.get_operator(), "测试员");
    click(app, "更换操作人");
    assert!(app.get_choosing_operator());
    let field: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, "操作人姓名").collect();
    assert_eq!(field.len(), 1);
    assert_eq!(field[0].accessible_value().unwrap_or_default(), "测试员", "the field starts with who is there");
    field[0].set_accessible_value("");
    click(app, "确定");
    wait_for(app, "the refusal of no name", |app| app.get_pending() == 0 && app.get_operator_error() != "");
    assert!(app.get_operator_error().contains("请填写操作人"), "{}", app.get_operator_error());
    assert!(app.get_choosing_operator(), "the dialog stays until a name is taken");

    field[0].set_accessible_value("王老师");
    click(app, "确定");
    wait_for(app, "the choice", |app| app.get_pending() == 0 && !app.get_choosing_operator());
    assert_eq!(app.get_operator(), "王老师");
    assert!(!app.get_operator_unchosen());
    wait_for(app, "the names offered", |app| app.get_known_operators().row_count() > 0);
    assert_eq!(app.get_known_operators().row_data(0).unwrap(), "王老师", "most recent first");

    let mut ws = gradlab::app::Workspace::open(&f.ws.root()).unwrap();
    ws.settings.lab.station = "desk-9".into();
    assert_eq!(
        gradlab::app::operators::station_operator(&ws).unwrap().operator,
        "王老师",
        "remembered for the station"
    );
}

fn admin_approves_a_request(app: &AppWindow, f: &Fixture) {
    app.set_screen(2);
    let a = app.global::<Admin>();
    a.set_page(0);
    wait_for(app, "the requests to load", |app| {
        app.get_pending() == 0 && app.global::<Admin>().get_requests().row_count() == 1
    });
    assert_eq!(cell(&a.get_requests(), 0, 0), f.request);
    assert_eq!(cell(&a.get_requests(), 0, 3), "已匹配");
    a.set_request_row(0);
    a.invoke_select_request(0);
    wait_for(app, "the request's detail", |app| app.global::<Admin>().get_can_approve());
    assert!(!a.get_can_ship() && !a.get_can_close(), "only the next steps are offered");

    click(app, "批准");
    wait_for(app, "the approval", |app| {
        app.get_pending() == 0 && app.global::<Admin>().get_request_status() == "已批准"
    });
    assert!(!a.get_notice_error(), "{}", a.get_notice());
    assert_eq!(cell(&a.get_requests(), 0, 3), "已批准");
    assert!(a.get_can_print() && !a.get_can_approve());
    let history = a.get_history();
    let last = history.row_count() - 1;
    assert_eq!(cell(&history, last, 1), "王老师（desk-9）", "the window records its operator and station");
    assert_eq!(cell(&history, last, 2), "批准");
    assert!(cell(&history, last, 3).starts_with("费用 "), "{}", cell(&history, last, 3));
    // Added at a Chinese desk, matched and approved: the whole history reads Chinese.
    for r in 0..history.row_count() {
        assert_no_english(&format!("{} {}", cell(&history, r, 2), cell(&history, r, 3)));
    }
    let shown = f.ws.run_ok(&["request", "show", &f.request, "--json"]).json();
    assert_eq!(shown["status"], "approved");
    let at = shown["history"][last]["at"].as_str().unwrap();
    let berlin = chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono_tz::Europe::Berlin);
    assert_eq!(cell(&history, last, 0), berlin.format("%Y-%m-%d %H:%M").to_string(), "stored {at}");

    // A step the status does not allow is refused with the CLI's words.
    a.invoke_act("close".into(), "".into());
    wait_for(app, "the refusal", |app| app.get_pending() == 0 && app.global::<Admin>().get_notice_error());
    assert!(a.get_notice().contains("下一步是制作补印作业（“制作补印作业”按钮"), "{}", a.get_notice());
    assert_no_english(&a.get_notice().replace("request print", ""));
}
