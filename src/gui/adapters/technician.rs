//! 技术员: wires the `Technician` global to `app::schools`, `app::batch`, `app::roster`,
//! `app::jobs`, `app::verify`, `app::printing` and `app::reprint`.

use super::{Ctx, row_of, starting, strings, table};
use crate::app::jobs::{JobListLine, JobRequest};
use crate::app::printing::PrintRequest;
use crate::app::reprint::ReprintRequest;
use crate::app::{self, Workspace};
use crate::domain::ids::JobCode;
use crate::error::{Error, Result};
use crate::gui::model::files::Filter;
use crate::gui::model::worker::Worker;
use crate::gui::model::{rows, texts};
use crate::gui::ui::{AppWindow, ClassChoice, PhotoWarning, Technician};
use crate::store::SchoolSummary;
use slint::{ComponentHandle, Model, ModelRc, SharedPixelBuffer, SharedString, VecModel};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

struct Tech {
    ctx: Rc<Ctx>,
    worker: Worker,
    schools: RefCell<Vec<SchoolSummary>>,
    school: RefCell<Option<String>>,
    jobs: RefCell<Vec<JobListLine>>,
    job: RefCell<Option<JobCode>>,
    layouts: RefCell<Vec<String>>,
    printers: RefCell<Vec<String>>,
    classes: Rc<VecModel<ClassChoice>>,
    reprints: RefCell<Vec<Vec<String>>>,
    cancel_import: Arc<AtomicBool>,
    cancel_job: Arc<AtomicBool>,
}

/// The technician's status line; the walk-in and printer pages speak through it too.
pub(super) fn notice(app: &AppWindow, text: &str, error: bool) {
    let g = app.global::<Technician>();
    g.set_notice(text.into());
    g.set_notice_error(error);
}

pub(super) fn fail(app: &AppWindow, e: &Error) {
    notice(app, &texts::error(e), true);
}

fn clear_notice(t: &Rc<Tech>) {
    t.ctx.action_begins();
}

/// Wire the screen; returns its reload, run whenever the screen is brought to the front.
pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) -> impl Fn() + 'static {
    let t = Rc::new(Tech {
        ctx: ctx.clone(),
        worker: Worker::new("technician"),
        schools: RefCell::default(),
        school: RefCell::default(),
        jobs: RefCell::default(),
        job: RefCell::default(),
        layouts: RefCell::default(),
        printers: RefCell::default(),
        classes: Rc::new(VecModel::default()),
        reprints: RefCell::default(),
        cancel_import: Arc::default(),
        cancel_job: Arc::default(),
    });
    let g = app.global::<Technician>();
    g.set_classes(ModelRc::from(t.classes.clone()));

    // Each action starts with a clean status line: what it says is about it, not the last one.
    let on = |f: fn(&Rc<Tech>)| {
        let t = t.clone();
        move || {
            clear_notice(&t);
            f(&t)
        }
    };
    g.on_refresh(on(refresh));
    g.on_choose_batch(on(choose_batch));
    g.on_choose_roster(on(choose_roster));
    g.on_create_job(on(create_job));
    g.on_render_job(on(render_job));
    g.on_verify_job(on(verify_job));
    g.on_job_status(on(|t| printer_states(t, false)));
    g.on_cancel_printing(on(|t| printer_states(t, true)));
    let c = t.cancel_import.clone();
    g.on_cancel_import(move || c.store(true, Ordering::SeqCst));
    let c = t.cancel_job.clone();
    g.on_cancel_task(move || c.store(true, Ordering::SeqCst));
    let tt = t.clone();
    g.on_select_school(move |row| select_school(&tt, row));
    let tt = t.clone();
    g.on_job_school_chosen(move |i| job_school_chosen(&tt, i));
    let tt = t.clone();
    g.on_class_toggled(move |i, chosen| {
        if let Some(mut c) = tt.classes.row_data(i as usize) {
            c.chosen = chosen;
            tt.classes.set_row_data(i as usize, c);
        }
    });
    let tt = t.clone();
    g.on_select_job(move |row| select_job(&tt, row));
    let tt = t.clone();
    g.on_preview_sheet(move |n| preview(&tt, Some(n.max(1) as usize)));
    let tt = t.clone();
    g.on_print_job(move |copies, force| {
        clear_notice(&tt);
        print_job(&tt, copies, force)
    });
    let tt = t.clone();
    g.on_reprint(move |codes, reason, printer| {
        clear_notice(&tt);
        reprint(&tt, &codes, &reason, printer)
    });

    refresh(&t);
    move || refresh(&t)
}

/// Schools, jobs, layouts and printers, keeping the selections.
fn refresh(t: &Rc<Tech>) {
    struct Loaded {
        schools: Vec<SchoolSummary>,
        jobs: Vec<JobListLine>,
        layouts: Vec<String>,
        printers: Vec<String>,
    }
    let tt = t.clone();
    t.ctx.run(
        &t.worker,
        |s| {
            let ws = s.open()?;
            Ok(Loaded {
                schools: app::schools::list(&ws)?,
                jobs: app::jobs::list(&ws)?,
                layouts: app::layouts::list(&ws)?.into_iter().map(|l| l.name).collect(),
                printers: app::printing::list_printers(&ws)?.into_iter().map(|p| p.name).collect(),
            })
        },
        move |app, r| {
            let l = match r {
                Ok(l) => l,
                Err(e) => return fail(app, &e),
            };
            let g = app.global::<Technician>();
            g.set_schools(table(rows::schools(&l.schools)));
            g.set_school_names(strings(l.schools.iter().map(|s| format!("{} {}", s.code, s.name))));
            let codes: Vec<String> = l.schools.iter().map(|s| s.code.clone()).collect();
            g.set_school_row(row_of(&codes, tt.school.borrow().as_deref()));
            g.set_jobs(table(rows::jobs(&l.jobs)));
            let ids: Vec<JobCode> = l.jobs.iter().map(|j| j.id).collect();
            g.set_job_row(row_of(&ids, tt.job.borrow().as_ref()));
            if g.get_layouts().row_count() != l.layouts.len() {
                let default = l.layouts.iter().position(|n| n == crate::layout::DEFAULT_LAYOUT).unwrap_or(0);
                g.set_layouts(strings(&l.layouts));
                g.set_layout_index(default as i32);
            }
            g.set_printers(strings(&l.printers));
            let mut reprint_printers = vec![crate::i18n::tr("wt-last-printer")];
            reprint_printers.extend(l.printers.iter().cloned());
            g.set_reprint_printers(strings(reprint_printers));
            if g.get_printer_index() >= l.printers.len() as i32 {
                g.set_printer_index(0);
            }
            *tt.schools.borrow_mut() = l.schools;
            *tt.jobs.borrow_mut() = l.jobs;
            *tt.layouts.borrow_mut() = l.layouts;
            *tt.printers.borrow_mut() = l.printers;
        },
    );
}

fn select_school(t: &Rc<Tech>, row: i32) {
    let Some(code) = t.schools.borrow().get(row.max(0) as usize).filter(|_| row >= 0).map(|s| s.code.clone()) else {
        return;
    };
    *t.school.borrow_mut() = Some(code.clone());
    let zone = t.ctx.session.zone();
    t.ctx.run(
        &t.worker,
        move |s| app::schools::show(&s.open()?, &code),
        move |app, r| {
            let g = app.global::<Technician>();
            match r {
                Ok(d) => {
                    g.set_school_title(format!("{} {}", d.school.code, d.school.name).into());
                    g.set_school_detail(rows::school_detail(&d, zone).into());
                    g.set_batches(table(rows::batches(&d, zone)));
                }
                Err(e) => fail(app, &e),
            }
        },
    );
}

fn choose_batch(t: &Rc<Tech>) {
    let Some(app) = t.ctx.app() else { return };
    let tt = t.clone();
    let filter = Filter { extensions: vec!["zip"], folders: true };
    let title = crate::i18n::tr("wt-choose-batch");
    t.ctx.chooser.open(&app, &title, filter, move |_, path| import(&tt, path, None));
}

fn choose_roster(t: &Rc<Tech>) {
    let Some(app) = t.ctx.app() else { return };
    let Some(school) = t.school.borrow().clone() else {
        return notice(&app, &crate::i18n::tr("wt-choose-school-left"), true);
    };
    let tt = t.clone();
    let filter = Filter { extensions: vec!["xlsx", "xls", "ods", "csv"], folders: false };
    let title = crate::msg!("wt-choose-roster", school = school.as_str()).to_string();
    t.ctx.chooser.open(&app, &title, filter, move |_, path| import(&tt, path, Some(school)));
}

/// The photo check's findings drawn over their photos, at most this many per import (the rest
/// are in the report's table).
const MAX_PHOTO_CARDS: usize = 30;

/// One photo with the photo check's findings: its thumbnail with the measured lines drawn in.
struct PhotoCard {
    pixels: SharedPixelBuffer<slint::Rgba8Pixel>,
    title: String,
    text: String,
}

/// What an import shows: the title, the table's rows and the photo check's pictures.
struct Imported {
    title: String,
    rows: Vec<Vec<String>>,
    cards: Vec<PhotoCard>,
}

/// The first photos the photo check found something in, drawn with their measures. A photo
/// that cannot be read back is left out; its findings are still in the table.
fn photo_cards(ws: &Workspace, report: &app::batch::BatchReport) -> Vec<PhotoCard> {
    let photos = ws.photos();
    report
        .photo_checks
        .iter()
        .take(MAX_PHOTO_CARDS)
        .filter_map(|p| {
            let bytes = photos.read(&p.sha256).ok()?;
            let img = crate::gui::model::overlay::thumbnail(&bytes, &p.measure, &p.checks).ok()?;
            let texts: Vec<String> = p.checks.iter().map(|c| c.said().to_string()).collect();
            Some(PhotoCard {
                pixels: SharedPixelBuffer::clone_from_slice(img.as_raw(), img.width(), img.height()),
                title: crate::msg!(
                    "wt-photo-card",
                    row = p.row.to_string(),
                    cjm = p.cjm.to_string(),
                    xh = p.xh.to_string()
                )
                .to_string(),
                text: texts.join("\n"),
            })
        })
        .collect()
}

/// Import a batch (no school) or a roster (for `school`), then show its report.
fn import(t: &Rc<Tech>, path: PathBuf, roster_school: Option<String>) {
    let Some(app) = t.ctx.app() else { return };
    let g = app.global::<Technician>();
    if g.get_import_task().running {
        return;
    }
    let stage = crate::i18n::tr("wt-import");
    g.set_import_task(starting(&stage));
    let replace = g.get_replace_photos();
    let tt = t.clone();
    t.ctx.run_long(
        "import",
        &stage,
        &t.cancel_import,
        |app, s| app.global::<Technician>().set_import_task(s),
        move |s, progress| {
            let ws = s.open()?;
            match &roster_school {
                None => {
                    let report = app::batch::import(&ws, &path, replace, progress)?;
                    let (title, rows) = rows::batch_report(&report);
                    Ok(Imported { title, rows, cards: photo_cards(&ws, &report) })
                }
                Some(school) => {
                    let (title, rows) = rows::roster_report(&app::roster::import(&ws, &path, school, None, false)?);
                    Ok(Imported { title, rows, cards: Vec::new() })
                }
            }
        },
        move |app, r| {
            let g = app.global::<Technician>();
            match r {
                Ok(Imported { title, rows, cards }) => {
                    notice(app, &title, false);
                    g.set_report_title(title.into());
                    g.set_report(table(rows));
                    g.set_report_row(-1);
                    let cards: Vec<PhotoWarning> = cards
                        .into_iter()
                        .map(|c| PhotoWarning {
                            picture: slint::Image::from_rgba8(c.pixels),
                            title: c.title.into(),
                            text: c.text.into(),
                        })
                        .collect();
                    g.set_photo_warnings(ModelRc::from(Rc::new(VecModel::from(cards))));
                }
                Err(e) => fail(app, &e),
            }
            refresh(&tt);
            let row = g.get_school_row();
            if row >= 0 {
                select_school(&tt, row);
            }
        },
    );
}

fn job_school_chosen(t: &Rc<Tech>, index: i32) {
    let Some(code) = t.schools.borrow().get(index.max(0) as usize).filter(|_| index >= 0).map(|s| s.code.clone())
    else {
        return;
    };
    let tt = t.clone();
    t.ctx.run(
        &t.worker,
        move |s| app::schools::show(&s.open()?, &code),
        move |app, r| match r {
            Ok(d) => {
                let classes: Vec<ClassChoice> = d
                    .classes
                    .iter()
                    .map(|c| ClassChoice { name: c.bh.as_str().into(), students: c.students as i32, chosen: false })
                    .collect();
                tt.classes.set_vec(classes);
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn create_job(t: &Rc<Tech>) {
    let Some(app) = t.ctx.app() else { return };
    let g = app.global::<Technician>();
    let Some(school) = t.schools.borrow().get(g.get_job_school().max(0) as usize).map(|s| s.code.clone()) else {
        return notice(&app, &crate::i18n::tr("wt-need-school"), true);
    };
    let classes: Vec<String> = t.classes.iter().filter(|c| c.chosen).map(|c| c.name.to_string()).collect();
    let layout = t.layouts.borrow().get(g.get_layout_index().max(0) as usize).cloned();
    let needs_reprint = g.get_needs_reprint();
    let req = JobRequest { school, classes, layout, needs_reprint, ..Default::default() };
    let tt = t.clone();
    t.ctx.run(
        &t.worker,
        move |s| app::jobs::create(&s.open()?, &req),
        move |app, r| match r {
            Ok(made) => {
                let text = made.said(crate::i18n::Msg::new("wt-job-created")).to_string();
                notice(app, &text, false);
                refresh(&tt);
                open_job(&tt, made.id);
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn select_job(t: &Rc<Tech>, row: i32) {
    let Some(id) = t.jobs.borrow().get(row.max(0) as usize).filter(|_| row >= 0).map(|j| j.id) else {
        return;
    };
    open_job(t, id);
}

/// Make `id` the job on the right: its details and its first photo sheet. The previous job's
/// preview goes at once, so no picture is ever shown under another job's title.
fn open_job(t: &Rc<Tech>, id: JobCode) {
    *t.job.borrow_mut() = Some(id);
    if let Some(app) = t.ctx.app() {
        let g = app.global::<Technician>();
        g.set_preview(slint::Image::default());
        g.set_preview_caption(crate::msg!("wt-preview-making", job = id.to_string()).to_string().into());
    }
    show_job(t);
    preview(t, None);
}

/// The selected job's title, sheets and parts, as recorded.
fn show_job(t: &Rc<Tech>) {
    let Some(id) = *t.job.borrow() else { return };
    let zone = t.ctx.session.zone();
    t.ctx.run(
        &t.worker,
        move |s| app::jobs::show(&s.open()?, id),
        move |app, r| {
            let g = app.global::<Technician>();
            match r {
                Ok(d) => {
                    g.set_job_title(rows::job_title(&d, zone).into());
                    g.set_sheet_count(d.sheets.len() as i32);
                    g.set_parts(table(rows::job_parts(&d)));
                    g.set_verification(table(rows::verification_failures(&d)));
                }
                Err(e) => fail(app, &e),
            }
        },
    );
}

/// A preview PNG, decoded here off the UI thread.
struct Picture {
    pixels: SharedPixelBuffer<slint::Rgba8Pixel>,
    caption: String,
}

fn preview(t: &Rc<Tech>, sheet: Option<usize>) {
    let Some(id) = *t.job.borrow() else { return };
    let tt = t.clone();
    t.ctx.run(
        &t.worker,
        move |s| {
            let ws = s.open()?;
            let dir = std::env::temp_dir().join(format!("gradlab-gui-{}", std::process::id()));
            let out = dir.join(format!("{id}-{}.png", sheet.unwrap_or(0)));
            let path = app::jobs::preview(&ws, id, sheet, &out)?;
            let decoded = image::open(&path).map_err(|e| Error::input(format!("{}: {e}", path.display())));
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_dir(&dir);
            let rgba = decoded?.to_rgba8();
            let pixels = SharedPixelBuffer::clone_from_slice(rgba.as_raw(), rgba.width(), rgba.height());
            let caption = match sheet {
                Some(n) => crate::msg!("wt-preview-sheet", job = id.to_string(), sheet = n.to_string()).to_string(),
                None => crate::msg!("wt-preview-first", job = id.to_string()).to_string(),
            };
            Ok(Picture { pixels, caption })
        },
        move |app, r| {
            let g = app.global::<Technician>();
            if *tt.job.borrow() != Some(id) {
                return; // another job was chosen while this one was drawn
            }
            match r {
                Ok(p) => {
                    g.set_preview(slint::Image::from_rgba8(p.pixels));
                    g.set_preview_caption(p.caption.into());
                }
                Err(e) => {
                    g.set_preview(slint::Image::default());
                    g.set_preview_caption(SharedString::default());
                    fail(app, &e);
                }
            }
        },
    );
}

/// Start long work on the selected job with the job bar.
fn job_work<T: Send + 'static>(
    t: &Rc<Tech>,
    stage: &str,
    work: impl FnOnce(&Workspace, JobCode, &dyn crate::progress::Progress) -> Result<T> + Send + 'static,
    done: impl FnOnce(&AppWindow, T) + 'static,
) {
    let Some(app) = t.ctx.app() else { return };
    let g = app.global::<Technician>();
    let Some(id) = *t.job.borrow() else {
        return notice(&app, &crate::i18n::tr("wt-need-job"), true);
    };
    if g.get_job_task().running {
        return;
    }
    g.set_job_task(starting(stage));
    let tt = t.clone();
    t.ctx.run_long(
        "job",
        stage,
        &t.cancel_job,
        |app, s| app.global::<Technician>().set_job_task(s),
        move |s, progress| work(&s.open()?, id, progress),
        move |app, r| {
            match r {
                Ok(v) => done(app, v),
                Err(e) => fail(app, &e),
            }
            refresh(&tt);
            show_job(&tt);
        },
    );
}

fn render_job(t: &Rc<Tech>) {
    job_work(
        t,
        &crate::i18n::tr("wt-render"),
        |ws, id, p| app::jobs::render(ws, id, p),
        |app, r| {
            let mut text =
                crate::msg!("wt-rendered", job = r.id.to_string(), sheets = r.sheets as i64, parts = r.parts.len())
                    .to_string();
            let failed = r.verification.as_ref().is_some_and(|v| !v.passed);
            if let Some(v) = &r.verification {
                text += &verified_text(v);
            }
            notice(app, &text, failed);
        },
    );
}

/// `；已校验…` or `；校验失败…` after a notice.
fn verified_text(v: &app::verify::VerifyReport) -> String {
    if v.passed {
        crate::i18n::tr("wt-verified-ok")
    } else {
        crate::msg!("wt-verified-failed", n = v.failures() as i64).to_string()
    }
}

fn verify_job(t: &Rc<Tech>) {
    job_work(
        t,
        &crate::i18n::tr("wt-verify"),
        |ws, id, p| app::verify::verify(ws, id, p),
        |app, r| {
            let text = crate::msg!("wt-job-verified", job = r.job.to_string(), result = verified_text(&r)).to_string();
            notice(app, &text, !r.passed);
            if !r.passed {
                // What failed, and whose, is what the technician must read next.
                app.global::<Technician>().set_job_view(2);
            }
        },
    );
}

fn print_job(t: &Rc<Tech>, copies: i32, force: bool) {
    let Some(app) = t.ctx.app() else { return };
    let index = app.global::<Technician>().get_printer_index().max(0) as usize;
    let Some(printer) = t.printers.borrow().get(index).cloned() else {
        return notice(&app, &crate::i18n::tr("wt-no-printer"), true);
    };
    job_work(
        t,
        &crate::i18n::tr("wt-print"),
        move |ws, id, p| {
            let req = PrintRequest { job: id, printer, copies: copies.clamp(1, 99) as u32, force };
            app::printing::print_job(ws, &req, p)
        },
        |app, r| {
            let skipped = r.parts.len() - r.sent();
            let mut text = crate::msg!(
                "wt-parts-sent",
                job = r.job.to_string(),
                sent = r.sent(),
                printer = r.printer.to_string(),
                status = r.printer_status.to_string()
            )
            .to_string();
            if skipped > 0 {
                text += &crate::msg!("wt-parts-skipped", n = skipped).to_string();
            }
            notice(app, &text, false);
        },
    );
}

/// Ask the printers (or cancel what they still hold) and show each part's state.
fn printer_states(t: &Rc<Tech>, cancel: bool) {
    let stage = crate::i18n::tr(if cancel { "wt-cancel-printing" } else { "wt-ask-printers" });
    let zone = t.ctx.session.zone();
    job_work(
        t,
        &stage,
        move |ws, id, _| if cancel { app::printing::cancel_job(ws, id) } else { app::printing::job_status(ws, id) },
        move |app, r| {
            app.global::<Technician>().set_parts(table(rows::job_status(&r)));
            let text = match (&r.printed_at, cancel) {
                (_, true) => crate::msg!("wt-print-cancelled", job = r.job.to_string()).to_string(),
                (Some(t), false) => {
                    crate::msg!("wt-all-printed", job = r.job.to_string(), at = zone.show(t).to_string()).to_string()
                }
                (None, false) => crate::msg!("wt-not-all-printed", job = r.job.to_string()).to_string(),
            };
            notice(app, &text, false);
        },
    );
}

fn reprint(t: &Rc<Tech>, codes: &str, reason: &str, printer_index: i32) {
    let Some(app) = t.ctx.app() else { return };
    let g = app.global::<Technician>();
    if g.get_reprint_task().running {
        return;
    }
    let codes: Vec<String> = codes
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let printer = match printer_index {
        i if i <= 0 => None,
        i => t.printers.borrow().get(i as usize - 1).cloned(),
    };
    let req = ReprintRequest { codes, printer, reason: reason.to_string(), as_printed: false };
    let stage = crate::i18n::tr("wt-reprint");
    g.set_reprint_task(starting(&stage));
    let tt = t.clone();
    t.ctx.run_long(
        "reprint",
        &stage,
        &t.cancel_job,
        |app, s| app.global::<Technician>().set_reprint_task(s),
        move |s, progress| app::reprint::reprint(&s.open()?, &req, progress),
        move |app, r| match r {
            Ok(done) => {
                let new = rows::reprints(&done);
                let what: Vec<crate::i18n::Msg> = new
                    .iter()
                    .map(|r| crate::msg!("wt-reprint-item", job = &r[1], sheets = &r[2], printer = &r[3]))
                    .collect();
                notice(app, &crate::msg!("wt-reprinted", items = what).to_string(), false);
                let mut all = tt.reprints.borrow_mut();
                all.splice(0..0, new);
                app.global::<Technician>().set_reprints(table(all.clone()));
            }
            Err(e) => fail(app, &e),
        },
    );
}
