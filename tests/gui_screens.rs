//! The technician's 打印机 and 散拍 pages of the desktop window, headless, with Slint's
//! testing backend, on a workspace built with the real CLI; what they did is checked with the
//! CLI (`--json`) and in the hot folder.
//!
//! One event loop per process, so the scenarios run in one test, in turn: a hot-folder printer
//! added through the window's file chooser, its correction changed (the table follows, the
//! store has it), a calibration sheet printed into the hot folder; a scanned text that is no
//! collection code refused in Chinese; a walk-in (code typed by the "scanner", photo chosen,
//! checked, laid out, printed) whose PDF reaches the hot folder and whose student and job the
//! store lists; and the printer removed, only at the second press.

mod common;
use common::window::wait_for;
use common::*;
use gradlab::gui::ui::{AppWindow, FileChooser, Printers, Technician, Walkin};
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::platform::{Key, PointerEventButton, WindowEvent};
use slint::{ComponentHandle, LogicalPosition, Model, SharedString};
use std::fs;
use std::path::{Path, PathBuf};

const SCHOOL: &str = "10418";
const CJM: &str = "Hx4KcUcseltovhGV";
const XH: &str = "201818004215114";
const PRINTER: &str = "热文件夹1";
/// The technician's sub-tabs: 院校与导入, 作业与打印, 补印, 散拍, 打印机.
const WALKIN_PAGE: i32 = 3;
const PRINTERS_PAGE: i32 = 4;

fn payload(cjm: &str, school: &str, xh: &str) -> String {
    format!(
        r#"{{"sjc":1653446320558,"cjm":"{cjm}","yxdm":"{school}","zjhm":"471X","xh":"{xh}","cc":"本科","xllb":"网络教育","xm":"张*三","bh":"计算机科学与技术软工三班"}}"#
    )
}

struct Fixture {
    ws: Ws,
    /// The RIP's hot folder, added as a printer in the window.
    hot: PathBuf,
    /// Where the walk-in's photo lies, as the technician finds it.
    photos: PathBuf,
}

fn fixture() -> Fixture {
    let ws = Ws::new();
    ws.add_school(SCHOOL);
    let hot = ws.path("rip");
    fs::create_dir(&hot).unwrap();
    let photos = ws.path("photos-in");
    fs::create_dir(&photos).unwrap();
    // A real face placed off centre: the photo check has something to say and to draw.
    let photo = portrait::portrait(&portrait::Pose { centre: 300.0, ..Default::default() });
    fs::write(photos.join("walkin.jpg"), photo).unwrap();
    Fixture { ws, hot, photos }
}

/// A text meant for the people at the desks has no English sentence in it (codes such as
/// J1 and 10418 are fine).
fn assert_no_english(text: &str) {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).collect();
    assert!(words.len() < 2, "English in {text:?}: {words:?}");
}

fn buttons(app: &AppWindow, label: &str) -> Vec<ElementHandle> {
    ElementHandle::find_by_accessible_label(app, label)
        .filter(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .collect()
}

fn click(app: &AppWindow, label: &str) {
    let found = buttons(app, label);
    assert_eq!(found.len(), 1, "buttons labelled {label:?}");
    assert_eq!(found[0].accessible_enabled(), Some(true), "button {label:?} is enabled");
    found[0].invoke_accessible_default_action();
}

/// What a USB scanner does: the field is clicked, then the code is typed and Enter pressed.
fn scan_into(app: &AppWindow, label: &str, text: &str) {
    let fields: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(app, label)
        .filter(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .collect();
    assert_eq!(fields.len(), 1, "text fields labelled {label:?}");
    // A click in the field gives it the focus (by hand: the testing backend's own click moves
    // a mock clock, which the system time this test runs on refuses).
    let (pos, size) = (fields[0].absolute_position(), fields[0].size());
    let at = LogicalPosition::new(pos.x + size.width / 2.0, pos.y + size.height / 2.0);
    let w = app.window();
    w.dispatch_event(WindowEvent::PointerMoved { position: at });
    w.dispatch_event(WindowEvent::PointerPressed { position: at, button: PointerEventButton::Left });
    w.dispatch_event(WindowEvent::PointerReleased { position: at, button: PointerEventButton::Left });
    let keys = text.chars().map(|c| SharedString::from(c.to_string())).chain([SharedString::from(Key::Return)]);
    for key in keys {
        w.dispatch_event(WindowEvent::KeyPressed { text: key.clone() });
        w.dispatch_event(WindowEvent::KeyReleased { text: key });
    }
}

fn cell(rows: &slint::ModelRc<slint::ModelRc<slint::StandardListViewItem>>, row: usize, col: usize) -> String {
    rows.row_data(row).and_then(|r| r.row_data(col)).map(|c| c.text.to_string()).unwrap_or_default()
}

fn strings(model: &slint::ModelRc<SharedString>) -> Vec<String> {
    model.iter().map(|s| s.to_string()).collect()
}

/// In the open file chooser: go to `dir` and open the entry called `name`.
fn choose_file(app: &AppWindow, dir: &Path, name: &str) {
    let chooser = app.global::<FileChooser>();
    assert!(chooser.get_open(), "the file chooser is open");
    chooser.invoke_go_to(dir.display().to_string().into());
    let entries = chooser.get_entries();
    let i = (0..entries.row_count())
        .find(|&i| entries.row_data(i).unwrap().name == name)
        .unwrap_or_else(|| panic!("{name} is not listed in {}", dir.display()));
    chooser.invoke_activate(i as i32);
    assert!(!chooser.get_open(), "choosing {name} closes the chooser");
}

fn printers_idle(app: &AppWindow) -> bool {
    app.get_pending() == 0 && !app.global::<Printers>().get_task().running
}

fn walkin_idle(app: &AppWindow) -> bool {
    app.get_pending() == 0 && !app.global::<Walkin>().get_task().running
}

fn status(app: &AppWindow) -> (String, bool) {
    let t = app.global::<Technician>();
    (t.get_notice().to_string(), t.get_notice_error())
}

#[test]
fn printers_and_walkins_in_the_technicians_window() {
    let f = fixture();
    i_slint_backend_testing::init_integration_test_with_system_time();
    let session = gradlab::gui::Session::new(f.ws.root(), Some("测试员".into()), Some("print-1".into()));
    let app = gradlab::gui::build(session).unwrap();
    app.show().unwrap();
    wait_for(&app, "the first screens to load", |app| {
        app.get_pending() == 0 && app.global::<Walkin>().get_layouts().row_count() > 0
    });

    add_a_hot_folder_printer_and_correct_it(&app, &f);
    print_the_calibration_sheet(&app, &f);
    a_scan_that_is_no_collection_code_is_refused_in_chinese(&app);
    a_walkin_is_checked_laid_out_and_printed(&app, &f);
    a_code_is_read_from_a_picture_of_it(&app, &f);
    remove_the_printer_at_the_second_press(&app, &f);
}

fn add_a_hot_folder_printer_and_correct_it(app: &AppWindow, f: &Fixture) {
    app.set_screen(0);
    let t = app.global::<Technician>();
    t.set_page(PRINTERS_PAGE);
    let p = app.global::<Printers>();
    assert_eq!(p.get_printers().row_count(), 0);

    // No name yet: nothing is asked of the file chooser, and the window says what is missing.
    click(app, "选择热文件夹并添加…");
    assert!(!app.global::<FileChooser>().get_open());
    let (text, error) = status(app);
    assert!(error && text.contains("名称"), "{text}");

    p.set_name(PRINTER.into());
    click(app, "选择热文件夹并添加…");
    let chooser = app.global::<FileChooser>();
    assert!(chooser.get_open());
    chooser.invoke_go_to(f.hot.display().to_string().into());
    click(app, "选择此文件夹");
    wait_for(app, "the printer to be added", |app| {
        printers_idle(app) && app.global::<Printers>().get_printers().row_count() == 1
    });
    let (text, error) = status(app);
    assert!(!error && text.contains(PRINTER), "{text}");
    let rows = p.get_printers();
    let hot = f.hot.canonicalize().unwrap().display().to_string();
    assert_eq!(
        (0..8).map(|c| cell(&rows, 0, c)).collect::<Vec<_>>()[..7],
        [PRINTER, "热文件夹", hot.as_str(), "A4（默认）", "+0.0 mm", "+0.0 mm", "100.0%"]
    );
    assert_eq!(p.get_selected(), PRINTER, "the new printer is the chosen one");
    assert_eq!((p.get_offset_x().as_str(), p.get_scale().as_str()), ("0", "100"));
    assert!(p.get_help().contains("105") && p.get_help().contains("148.5"), "{}", p.get_help());
    assert_eq!(p.get_name(), "", "the form is cleared");
    // The walk-in page offers it at once.
    wait_for(app, "the walk-in page to offer the printer", |app| {
        strings(&app.global::<Walkin>().get_printers()) == [PRINTER]
    });
    let listed = f.ws.run_ok(&["printer", "list", "--json"]).json();
    assert_eq!(listed[0]["name"], PRINTER);
    assert_eq!(listed[0]["kind"], "hot-folder");

    // A value that is no number is refused by name, in Chinese, and nothing is saved.
    p.set_scale("九十九".into());
    click(app, "保存校正");
    let (text, error) = status(app);
    assert!(error && text.contains("缩放") && text.contains("九十九"), "{text}");
    assert_no_english(&text);

    // Offsets typed as a Chinese input method types them (full width) are read too.
    p.set_offset_x("1.5".into());
    p.set_offset_y("－０.５".into());
    p.set_scale("99".into());
    click(app, "保存校正");
    wait_for(app, "the correction to be saved", |app| {
        printers_idle(app) && cell(&app.global::<Printers>().get_printers(), 0, 4) == "+1.5 mm"
    });
    let (text, error) = status(app);
    assert!(!error && text.contains("已保存"), "{text}");
    let rows = p.get_printers();
    assert_eq!([cell(&rows, 0, 4), cell(&rows, 0, 5), cell(&rows, 0, 6)], ["+1.5 mm", "-0.5 mm", "99.0%"]);
    assert_eq!((p.get_offset_y().as_str(), p.get_scale().as_str()), ("-0.5", "99"));
    let listed = f.ws.run_ok(&["printer", "list", "--json"]).json();
    assert_eq!((listed[0]["offset_x_mm"].as_f64(), listed[0]["offset_y_mm"].as_f64()), (Some(1.5), Some(-0.5)));
    assert_eq!(listed[0]["scale_pct"].as_f64(), Some(99.0));
}

fn print_the_calibration_sheet(app: &AppWindow, f: &Fixture) {
    assert!(pdfs(&f.hot).is_empty());
    click(app, "打印校准页");
    wait_for(app, "the calibration sheet to be sent", printers_idle);
    let (text, error) = status(app);
    assert!(!error && text.contains("校准页已发送"), "{text}");
    let sent = pdfs(&f.hot);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].starts_with("calibration-"), "{sent:?}");
    let pdf = fs::read(f.hot.join(&sent[0])).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF in the hot folder");
    // The RIP takes it.
    fs::remove_file(f.hot.join(&sent[0])).unwrap();
}

fn a_scan_that_is_no_collection_code_is_refused_in_chinese(app: &AppWindow) {
    app.global::<Technician>().set_page(WALKIN_PAGE);
    let w = app.global::<Walkin>();
    scan_into(app, "采集码", "HELLO WORLD 12345");
    wait_for(app, "the refusal", |app| app.global::<Walkin>().get_code_message() != "");
    assert!(!w.get_code_ok());
    let why = w.get_code_message().to_string();
    assert!(why.contains("不是采集码"), "{why}");
    assert_no_english(&why);
    assert_eq!(status(app), (why, true), "the status line says it too");
    let make = buttons(app, "检查并排版");
    assert_eq!(make[0].accessible_enabled(), Some(false), "nothing can be made from it");
}

fn a_walkin_is_checked_laid_out_and_printed(app: &AppWindow, f: &Fixture) {
    let w = app.global::<Walkin>();
    click(app, "下一位");
    assert_eq!((w.get_code().as_str(), w.get_code_message().as_str()), ("", ""));

    scan_into(app, "采集码", &payload(CJM, SCHOOL, XH));
    wait_for(app, "the code to be read", |app| app.global::<Walkin>().get_code_ok());
    let student = w.get_code_message().to_string();
    assert!(student.contains(XH) && student.contains("张*三") && student.contains(SCHOOL), "{student}");
    assert!(!student.contains("471X"), "{student}");
    assert_eq!(w.get_code().as_str(), "", "the scanned data leaves the field once read, ready for the next scan");

    click(app, "选择照片…");
    choose_file(app, &f.photos, "walkin.jpg");
    assert!(w.get_photo().ends_with("walkin.jpg"), "{}", w.get_photo());
    wait_for(app, "the photo to show", |app| app.global::<Walkin>().get_photo_picture().size().width > 0);
    assert_eq!(w.get_job(), "", "nothing is made before the button");

    click(app, "检查并排版");
    assert!(w.get_task().running, "the bar shows the work at once");
    wait_for(app, "the walk-in to be laid out", walkin_idle);
    assert_eq!(w.get_task().stage, "完成", "{}", status(app).0);
    let job = w.get_job().to_string();
    assert!(job.starts_with('J'), "{job} {:?}", status(app));
    let (text, error) = status(app);
    assert!(!error && text.contains(&job) && text.contains(XH), "{text}");
    assert_eq!(w.get_result(), text.as_str());
    assert_no_english(&text);
    // The photo check's finding in Chinese, drawn over the photo; no other warning repeats it.
    assert!(!w.get_photo_checks_ok());
    assert!(w.get_photo_checks().contains("人像偏右"), "{}", w.get_photo_checks());
    let picture = w.get_photo_picture().size();
    assert_eq!((picture.width, picture.height), (160, 213));
    // Other warnings (the file's size, say) name the photo by its file name, in Chinese.
    let warnings = w.get_warnings().to_string();
    assert!(!warnings.contains(f.photos.to_str().unwrap()), "{warnings}");
    assert_no_english(&warnings.replace("walkin.jpg", ""));
    assert!(w.get_preview().size().width > 100, "a preview of the sheet");
    assert!(w.get_preview_caption().contains(&job));

    // The store has the student and his one-student job, not yet sent anywhere.
    let students = f.ws.run_ok(&["student", "list", "--school", SCHOOL, "--json"]).json();
    let listed: Vec<&str> = students.as_array().unwrap().iter().map(|s| s["cjm"].as_str().unwrap()).collect();
    assert_eq!(listed, [CJM]);
    let show = f.ws.run_ok(&["job", "show", &job, "--json"]).json();
    assert_eq!(show["students"], 1);
    assert!(show["dispatches"].as_array().unwrap().is_empty());
    assert!(pdfs(&f.hot).is_empty());

    assert_eq!(strings(&w.get_printers()), [PRINTER]);
    click(app, "打印散拍");
    wait_for(app, "the walk-in to be printed", walkin_idle);
    let (text, error) = status(app);
    assert!(!error && text.contains(&job) && text.contains(PRINTER), "{text}");
    assert_no_english(&text);
    let sent = pdfs(&f.hot);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(fs::read(f.hot.join(&sent[0])).unwrap().starts_with(b"%PDF"));
    let show = f.ws.run_ok(&["job", "show", &job, "--json"]).json();
    let dispatches = show["dispatches"].as_array().unwrap();
    assert_eq!(dispatches.len(), 1, "{show}");
    assert_eq!(dispatches[0]["printer"], PRINTER);
    let jobs = f.ws.run_ok(&["job", "list", "--json"]).json();
    assert!(jobs.as_array().unwrap().iter().any(|j| j["id"] == job.as_str()), "{jobs}");
    let audit = f.ws.rows(
        "SELECT operator, detail FROM audit WHERE action = 'walkin' AND subject = ?1",
        &[&format!("student {CJM}")],
    );
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0][0], "测试员");
    assert!(audit[0][1].contains(&job), "{audit:?}");
}

fn a_code_is_read_from_a_picture_of_it(app: &AppWindow, f: &Fixture) {
    let code = qrcode::QrCode::new(payload(CJM, SCHOOL, XH).as_bytes()).unwrap();
    let img = code.render::<image::Luma<u8>>().module_dimensions(6, 6).quiet_zone(true).build();
    img.save(f.photos.join("code.png")).unwrap();
    let w = app.global::<Walkin>();
    click(app, "下一位");
    assert!(!w.get_code_ok() && w.get_photo() == "" && w.get_job() == "", "a clean page for the next student");
    click(app, "选择二维码图片…");
    choose_file(app, &f.photos, "code.png");
    wait_for(app, "the picture to be read", |app| app.get_pending() == 0 && app.global::<Walkin>().get_code_ok());
    let student = w.get_code_message().to_string();
    assert!(student.contains(XH) && student.contains("张*三"), "{student}");
    // The walk-in's job is listed on 作业与打印 as well.
    let jobs = app.global::<Technician>().get_jobs();
    assert_eq!(jobs.row_count(), 1);
}

fn remove_the_printer_at_the_second_press(app: &AppWindow, f: &Fixture) {
    app.global::<Technician>().set_page(PRINTERS_PAGE);
    let p = app.global::<Printers>();
    p.set_row(0);
    p.invoke_select(0);
    click(app, "删除打印机");
    assert!(p.get_confirm_remove());
    assert!(buttons(app, "删除打印机").is_empty());
    wait_for(app, "nothing to happen", printers_idle);
    assert_eq!(p.get_printers().row_count(), 1, "one press removes nothing");
    click(app, "再点一次确认删除");
    wait_for(app, "the printer to be removed", |app| {
        printers_idle(app) && app.global::<Printers>().get_printers().row_count() == 0
    });
    let (text, error) = status(app);
    assert!(!error && text.contains(PRINTER), "{text}");
    assert_eq!(p.get_selected(), "");
    let listed = f.ws.run_ok(&["printer", "list", "--json"]).json();
    assert_eq!(listed.as_array().unwrap().len(), 0, "{listed}");
    wait_for(app, "the walk-in page to drop it", |app| app.global::<Walkin>().get_printers().row_count() == 0);
}
