//! `gradlab gui --screenshots DIR` (hidden; `scripts/gui-screenshots` runs it under Xvfb):
//! shows each screen in turn, the way an operator would reach it, waits for the window to
//! settle, saves a PNG of it and exits. For reviewing the views, not for tests.

use super::ui::{Admin, AppWindow, FileChooser, Mailroom, Printers, Technician, Walkin};
use crate::error::{Error, Result};
use slint::{ComponentHandle, Model, Timer, TimerMode};
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

struct Step {
    name: &'static str,
    enter: Box<dyn Fn(&AppWindow)>,
}

thread_local! {
    static FAILURES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// After the event loop ends: whether every picture was saved.
pub fn outcome() -> Result<()> {
    let failures = FAILURES.with(|f| f.borrow().clone());
    if failures.is_empty() { Ok(()) } else { Err(Error::input(failures.join("; "))) }
}

fn steps(scans: Vec<String>, import: Option<PathBuf>) -> Vec<Step> {
    let browse_from = import.as_ref().and_then(|p| p.parent()).map(Path::to_path_buf);
    let mut steps = vec![
        Step {
            name: "01-technician-schools",
            enter: Box::new(move |app| {
                app.set_screen(0);
                let t = app.global::<Technician>();
                t.set_page(0);
                t.set_school_row(0);
                t.invoke_select_school(0);
                if let Some(batch) = &import {
                    // Through the file chooser, as the technician does.
                    t.invoke_choose_batch();
                    let c = app.global::<FileChooser>();
                    c.invoke_go_to(batch.display().to_string().into());
                    c.invoke_choose_folder(-1);
                }
            }),
        },
        Step {
            // The report's first row chosen: its reason read whole under the table.
            name: "01b-technician-import-report",
            enter: Box::new(|app| {
                let t = app.global::<Technician>();
                t.set_report_view(0);
                t.set_report_row(0);
            }),
        },
        Step {
            name: "01c-technician-photo-check",
            enter: Box::new(|app| app.global::<Technician>().set_report_view(1)),
        },
        Step {
            name: "02-technician-jobs",
            enter: Box::new(|app| {
                let t = app.global::<Technician>();
                t.set_page(1);
                t.set_job_school(0);
                t.invoke_job_school_chosen(0);
                t.set_job_row(0);
                t.invoke_select_job(0);
                t.set_job_view(1);
            }),
        },
        Step {
            // The second job, when there is one: its preflight failures listed.
            name: "02b-technician-preflight",
            enter: Box::new(|app| {
                let t = app.global::<Technician>();
                let row = (t.get_jobs().row_count() > 1) as i32;
                t.set_job_row(row);
                t.invoke_select_job(row);
                t.set_job_view(2);
            }),
        },
        Step { name: "03-technician-reprint", enter: Box::new(|app| app.global::<Technician>().set_page(2)) },
        Step {
            name: "04-mailroom",
            enter: Box::new(move |app| {
                app.set_screen(1);
                for code in &scans {
                    app.global::<Mailroom>().invoke_scan(code.as_str().into());
                }
            }),
        },
    ];
    steps.push(Step {
        // A shipment to one person: the dialog over the mailroom.
        name: "04b-mailroom-to-person",
        enter: Box::new(|app| {
            let m = app.global::<Mailroom>();
            m.set_school_index(0);
            m.set_to_person_open(true);
        }),
    });
    let admin_pages: [(&'static str, i32); 5] = [
        ("05-admin-requests", 0),
        ("06-admin-corrections", 1),
        ("07-admin-ecopy", 2),
        ("08-admin-schools", 3),
        ("09-admin-due", 4),
    ];
    for (name, page) in admin_pages {
        steps.push(Step {
            name,
            enter: Box::new(move |app| {
                app.global::<Mailroom>().set_to_person_open(false);
                app.set_screen(2);
                let a = app.global::<Admin>();
                a.set_page(page);
                match page {
                    0 => {
                        a.set_request_row(0);
                        a.invoke_select_request(0);
                    }
                    2 => {
                        a.set_ecopy_row(0);
                        a.invoke_select_ecopy(0);
                    }
                    3 => {
                        a.set_school_row(0);
                        a.invoke_select_school(0);
                    }
                    _ => {}
                }
            }),
        });
    }
    steps.push(Step {
        name: "10-admin-new-request",
        enter: Box::new(|app| {
            app.global::<Admin>().set_page(0);
            app.global::<Admin>().set_adding_request(true);
        }),
    });
    steps.push(Step {
        name: "11-file-chooser",
        enter: Box::new(move |app| {
            app.global::<Admin>().set_adding_request(false);
            app.set_screen(0);
            app.global::<Technician>().set_page(0);
            app.global::<Technician>().invoke_choose_batch();
            if let Some(dir) = &browse_from {
                app.global::<FileChooser>().invoke_go_to(dir.display().to_string().into());
            }
        }),
    });
    steps.push(Step {
        name: "12-about",
        enter: Box::new(|app| {
            app.global::<FileChooser>().invoke_cancel();
            app.set_about_open(true);
        }),
    });
    steps.push(Step {
        // A walk-in with its code read and its photo checked and laid out, when the workspace
        // has one waiting in inbox/walkin (code.txt, photo.jpg; `scripts/gui-screenshots`).
        name: "14-technician-walkin",
        enter: Box::new(|app| {
            app.set_about_open(false);
            app.set_screen(0);
            app.global::<Technician>().set_page(3);
            let dir = PathBuf::from(app.get_workspace().as_str()).join("inbox").join("walkin");
            let Ok(code) = std::fs::read_to_string(dir.join("code.txt")) else { return };
            let w = app.global::<Walkin>();
            w.set_code(code.trim().into());
            w.invoke_read_code(code.trim().into());
            // The photo through the file chooser, as the technician chooses it.
            w.invoke_choose_photo();
            let c = app.global::<FileChooser>();
            c.invoke_go_to(dir.display().to_string().into());
            let entries = c.get_entries();
            match (0..entries.row_count()).find(|&i| entries.row_data(i).is_some_and(|e| e.name == "photo.jpg")) {
                Some(i) => c.invoke_activate(i as i32),
                None => c.invoke_cancel(),
            }
            w.invoke_make();
        }),
    });
    steps.push(Step {
        name: "15-technician-printers",
        enter: Box::new(|app| {
            app.global::<Technician>().set_page(4);
            let p = app.global::<Printers>();
            p.set_row(0);
            p.invoke_select(0);
        }),
    });
    steps.push(Step {
        name: "13-server-gone",
        enter: Box::new(|app| {
            app.set_about_open(false);
            app.set_screen(1);
            // The words the window shows when a shared store stops answering (tests/gui_shared_store.rs
            // makes it happen for real); here only to look at.
            let lost = crate::error::Unreachable::Lost { server: "lab-server:5432".into() };
            app.set_connection_lost(super::model::texts::unreachable(&lost).into());
        }),
    });
    steps
}

/// Draw the window and save the picture; how long the drawing took.
fn save(app: &AppWindow, path: &Path) -> std::result::Result<Duration, String> {
    let painting = Instant::now();
    let shot = app.window().take_snapshot().map_err(|e| e.to_string())?;
    let painted = painting.elapsed();
    image::save_buffer(path, shot.as_bytes(), shot.width(), shot.height(), image::ColorType::Rgba8)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(painted)
}

/// When the step was entered, and how long after it the window was first found idle.
type Entered = (Instant, Option<Duration>);

/// Start the driver; keep the returned timer alive while the event loop runs. For each screen it
/// says how long the window took: from the click to the service calls answered and the models
/// filled (`ready`, to the driver's 10 ms tick), and the drawing of the whole window after it
/// (`paint`, the software renderer's full frame that the picture is).
pub fn start(app: &AppWindow, dir: PathBuf, scans: Vec<String>, import: Option<PathBuf>) -> Timer {
    let steps = steps(scans, import);
    let index = Rc::new(Cell::new(0usize));
    let entered: Rc<Cell<Option<Entered>>> = Rc::default();
    let weak = app.as_weak();
    let timer = Timer::default();
    timer.start(TimerMode::Repeated, Duration::from_millis(10), move || {
        let Some(app) = weak.upgrade() else { return };
        let i = index.get();
        let Some(step) = steps.get(i) else {
            let _ = slint::quit_event_loop();
            return;
        };
        let Some((at, ready)) = entered.get() else {
            let at = Instant::now();
            (step.enter)(&app);
            entered.set(Some((at, None)));
            return;
        };
        let busy = app.get_pending() > 0 || app.global::<Technician>().get_import_task().running;
        let waited = at.elapsed();
        let ready = ready.or((!busy).then_some(waited));
        entered.set(Some((at, ready)));
        // Let the window settle: the service calls answered, then a few frames drawn.
        if waited < Duration::from_millis(800) || (busy && waited < Duration::from_secs(60)) {
            return;
        }
        let path = dir.join(format!("{}.png", step.name));
        match save(&app, &path) {
            Ok(painted) => {
                let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                let ready = ready.map_or("-".to_string(), |d| format!("{:.0}", ms(d)));
                eprintln!("saved {} (ready {ready} ms, paint {:.0} ms)", path.display(), ms(painted));
            }
            Err(e) => FAILURES.with(|f| f.borrow_mut().push(format!("{}: {e}", step.name))),
        }
        index.set(i + 1);
        entered.set(None);
    });
    timer
}
