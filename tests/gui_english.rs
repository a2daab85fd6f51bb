//! The desktop window in English: with `[lab] language = "en"` the views' own labels (`@tr` in
//! `ui/*.slint`, English bundled from `translations/en/`) speak English, on every screen, and a
//! window for a Chinese desk made afterwards in the same process speaks Chinese again.
//!
//! One test: Slint's testing backend and its event loop are set up once per process.

mod common;
use common::window::{settle, wait_for};
use common::*;
use gradlab::gui::ui::{Admin, AppWindow, Mailroom, Technician};
use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::ComponentHandle;
use std::collections::BTreeSet;

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
}

fn labelled(app: &AppWindow, label: &str, role: AccessibleRole) -> usize {
    ElementHandle::find_by_accessible_label(app, label).filter(|e| e.accessible_role() == Some(role)).count()
}

/// Show each screen and each of its pages in turn (a tab's content exists only while it is
/// shown) and gather the accessible labels of its buttons and of all its elements.
fn every_page(app: &AppWindow) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut buttons, mut all) = (BTreeSet::new(), BTreeSet::new());
    for (screen, pages) in [(0, 5), (1, 1), (2, 5)] {
        app.set_screen(screen);
        for page in 0..pages {
            match screen {
                0 => app.global::<Technician>().set_page(page),
                2 => app.global::<Admin>().set_page(page),
                _ => {}
            }
            settle(app, 100);
            for e in ElementQuery::from_root(app).match_descendants().find_all() {
                let Some(label) = e.accessible_label().filter(|l| !l.is_empty()) else { continue };
                if e.accessible_role() == Some(AccessibleRole::Button) {
                    buttons.insert(label.to_string());
                }
                all.insert(label.to_string());
            }
        }
    }
    app.set_screen(0);
    app.global::<Technician>().set_page(0);
    settle(app, 100);
    (buttons, all)
}

fn workspace(language: &str) -> Ws {
    let ws = Ws::new();
    let settings = std::fs::read_to_string(ws.root().join("gradlab.toml")).unwrap();
    assert!(settings.contains("language = \"\""), "{settings}");
    ws.write_settings(&settings.replace("language = \"\"", &format!("language = \"{language}\"")));
    ws.run_ok(&["school", "add", "10418", "测试大学", "--address", "北京市大学路1号", "--phone", "010-1234"]);
    ws
}

#[test]
fn the_window_speaks_the_labs_language() {
    let en = workspace("en");
    let zh = workspace("zh");
    i_slint_backend_testing::init_integration_test_with_system_time();

    let session = gradlab::gui::Session::new(en.root(), Some("Tester".into()), Some("desk-1".into()));
    let app = gradlab::gui::build(session).unwrap();
    app.show().unwrap();
    wait_for(&app, "the first screens to load", |app| app.get_pending() == 0);

    // The technician's import and the mailroom's seal, by their English names; the Chinese
    // ones are gone.
    assert_eq!(labelled(&app, "Import batch…", AccessibleRole::Button), 1);
    assert_eq!(labelled(&app, "导入批次…", AccessibleRole::Button), 0);
    app.set_screen(1);
    settle(&app, 100);
    assert_eq!(labelled(&app, "Seal", AccessibleRole::Button), 1);
    assert_eq!(labelled(&app, "封箱", AccessibleRole::Button), 0);
    assert_eq!(labelled(&app, "Force seal", AccessibleRole::Button), 1);
    // A field's accessible label is translated too.
    assert_eq!(ElementHandle::find_by_accessible_label(&app, "Scan result").count(), 1);
    assert_eq!(ElementHandle::find_by_accessible_label(&app, "扫描结果").count(), 0);

    // Every button of every page, and every element the views label with one of their own
    // texts. (Texts made in Rust, such as the due report's summary, and data from the store
    // are not the views' words.)
    let (english, labels) = every_page(&app);
    for name in ["Render PDF", "Reprint", "Check and lay out", "Add IPP printer", "Approve", "Save address"] {
        assert!(english.contains(name), "no button {name:?} in {english:?}");
    }
    let chinese: Vec<&String> = english.iter().filter(|l| has_cjk(l)).collect();
    assert!(chinese.is_empty(), "buttons still in Chinese: {chinese:?}");
    let sources: BTreeSet<&str> = include_str!("../translations/en/LC_MESSAGES/gradlab.po")
        .lines()
        .filter_map(|l| l.strip_prefix("msgid \"")?.strip_suffix('"'))
        .filter(|id| !id.is_empty() && !id.contains("{}"))
        .collect();
    assert!(sources.len() > 200, "{} texts in the catalog", sources.len());
    let left: Vec<&String> = labels.iter().filter(|l| has_cjk(l) && sources.contains(l.as_str())).collect();
    assert!(left.is_empty(), "labels still in Chinese: {left:?}");

    // A Chinese desk's window, made later in the same process, shows the source texts again.
    drop(app);
    let session = gradlab::gui::Session::new(zh.root(), Some("测试员".into()), Some("desk-2".into()));
    let app = gradlab::gui::build(session).unwrap();
    app.show().unwrap();
    wait_for(&app, "the Chinese window to load", |app| app.get_pending() == 0);
    assert_eq!(labelled(&app, "导入批次…", AccessibleRole::Button), 1);
    assert_eq!(labelled(&app, "Import batch…", AccessibleRole::Button), 0);
    let (chinese, _) = every_page(&app);
    assert!(chinese.contains("封箱") && chinese.contains("批准"), "{chinese:?}");
    assert_eq!(chinese.len(), english.len(), "{chinese:?} against {english:?}");
    assert_eq!(carriers(&app)[0], "自动识别");

    // `--lang en` outranks the Chinese desk's setting, for the texts the window fills in too.
    drop(app);
    let session = gradlab::gui::Session::new(zh.root(), Some("Tester".into()), Some("desk-3".into()));
    let app = gradlab::gui::build_in(session, Some(gradlab::i18n::Lang::En)).unwrap();
    app.show().unwrap();
    wait_for(&app, "the window in English to load", |app| app.get_pending() == 0);
    assert_eq!(labelled(&app, "Import batch…", AccessibleRole::Button), 1);
    let names = carriers(&app);
    assert_eq!(names[0], "recognise from the number");
    assert!(names.iter().all(|n| !has_cjk(n)), "{names:?}");
}

fn carriers(app: &AppWindow) -> Vec<String> {
    use slint::Model;
    app.global::<Mailroom>().get_carriers().iter().map(|s| s.to_string()).collect()
}
