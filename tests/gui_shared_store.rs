//! The window on a shared PostgreSQL store that stops answering: it says so in Chinese above
//! every screen, keeps asking, and once the server answers again clears the notice and reloads
//! the screen in front by itself, without a restart. (A test binary of its own: Slint's testing
//! backend runs one event loop per process.)

mod common;
use common::window::{settle, wait_for};
use common::*;
use gradlab::gui::ui::{AppWindow, Technician};
use slint::{ComponentHandle, Model};

const SCHOOL: &str = "10418";

fn jobs_listed(app: &AppWindow) -> usize {
    app.global::<Technician>().get_jobs().row_count()
}

#[test]
fn the_window_says_the_server_is_gone_and_reloads_when_it_answers() {
    let url = pg::server().fresh_database();
    let database = url.rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    let ws = Ws::joining(&url);
    ws.add_school(SCHOOL);
    let rows: Vec<Row> = (1..=4).map(|i| Row::new(i, SCHOOL, "1班")).collect();
    let batch = ws.path("batch");
    write_batch(&batch, &rows, |r| Some(good_photo(r.cjm[3..].parse::<u64>().unwrap())));
    ws.run_ok(&["batch", "import", batch.to_str().unwrap()]);
    ws.run_ok(&["job", "create", "--school", SCHOOL]);

    i_slint_backend_testing::init_integration_test_with_system_time();
    let session = gradlab::gui::Session::new(ws.root(), Some("测试员".into()), Some("desk-1".into()));
    let app = gradlab::gui::build(session).unwrap();
    app.show().unwrap();
    wait_for(&app, "the first screens to load", |app| app.get_pending() == 0 && jobs_listed(app) == 1);
    assert_eq!(app.get_connection_lost(), "", "no notice while the server answers");

    // Another station makes a job the window has not read yet; then the server goes away.
    ws.run_ok(&["job", "create", "--school", SCHOOL, "--again", "--reason", "试印"]);
    pg::server().refuse_connections(&database, true);
    app.set_screen(1);
    wait_for(&app, "the notice that the server is gone", |app| app.get_connection_lost() != "");
    let notice = app.get_connection_lost().to_string();
    assert!(notice.contains("连不上数据库服务器 127.0.0.1:"), "names the server, in Chinese: {notice}");
    assert!(notice.contains("正在重试"), "{notice}");
    app.set_screen(0);
    wait_for(&app, "the technician screen to try", |app| app.get_pending() == 0);
    // Still unreachable after several rounds of asking: the notice stays, the list is as read.
    settle(&app, 7000);
    assert_ne!(app.get_connection_lost(), "", "the notice stays while the server is away");
    assert_eq!(jobs_listed(&app), 1);

    pg::server().refuse_connections(&database, false);
    wait_for(&app, "the window to find the server again", |app| {
        app.get_connection_lost() == "" && app.get_pending() == 0 && jobs_listed(app) == 2
    });
}
