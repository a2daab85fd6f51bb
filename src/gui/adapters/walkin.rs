//! 散拍 (技术员 → 散拍): wires the `Walkin` global to `app::qr` (a picture of the collection
//! code), `app::walkin` (check the photo, store it, lay out, render and preview the student's
//! sheet), `app::layouts` and `app::printing` (the printers, printing the job made). A scanned
//! code is read at once in the window (`model::walkin`), so a wrong scan is refused before
//! anything else; the service reads it again itself.

use super::technician::{fail, notice};
use super::{Ctx, starting, strings};
use crate::app::printing::PrintRequest;
use crate::app::walkin::{CodeSource, Walkin as WalkinDone, WalkinRequest};
use crate::app::{self, Workspace};
use crate::domain::ids::JobCode;
use crate::domain::printing::PrintOutcome;
use crate::error::{Error, Result};
use crate::gui::model::files::Filter;
use crate::gui::model::worker::Worker;
use crate::gui::model::{overlay, texts, walkin as model};
use crate::gui::ui::{AppWindow, Technician, Walkin};
use crate::msg;
use slint::{ComponentHandle, SharedPixelBuffer, SharedString};
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

type Pixels = SharedPixelBuffer<slint::Rgba8Pixel>;

struct Walk {
    ctx: Rc<Ctx>,
    worker: Worker,
    /// The code as last read well: the scanner's text or the picture.
    source: RefCell<Option<CodeSource>>,
    photo: RefCell<Option<PathBuf>>,
    /// The job the walk-in made, to print.
    job: Cell<Option<JobCode>>,
    layouts: RefCell<Vec<String>>,
    printers: RefCell<Vec<String>>,
    /// Bumped whenever the student or the photo changes: an answer about an earlier one is
    /// dropped, so nothing is shown under the wrong student.
    generation: Cell<u64>,
    cancel: Arc<AtomicBool>,
}

pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) {
    let w = Rc::new(Walk {
        ctx: ctx.clone(),
        worker: Worker::new("walkin"),
        source: RefCell::default(),
        photo: RefCell::default(),
        job: Cell::default(),
        layouts: RefCell::default(),
        printers: RefCell::default(),
        generation: Cell::new(0),
        cancel: Arc::default(),
    });
    let g = app.global::<Walkin>();
    g.set_photo_checks(msg!("gui-walkin-photo-unchecked").to_string().into());
    g.set_photo_checks_ok(true);
    let on = |f: fn(&Rc<Walk>)| {
        let w = w.clone();
        move || f(&w)
    };
    g.on_refresh(on(refresh));
    g.on_choose_code_picture(on(choose_code_picture));
    g.on_choose_photo(on(choose_photo));
    g.on_make(on(make));
    g.on_print(on(print));
    g.on_next(on(next));
    let c = w.cancel.clone();
    g.on_cancel(move || c.store(true, Ordering::SeqCst));
    let ww = w.clone();
    g.on_read_code(move |text| read_code(&ww, &text));
    refresh(&w);
}

/// The layouts and the printers, keeping the choices.
fn refresh(w: &Rc<Walk>) {
    let ww = w.clone();
    w.ctx.run(
        &w.worker,
        |s| {
            let ws = s.open()?;
            let layouts: Vec<String> = app::layouts::list(&ws)?.into_iter().map(|l| l.name).collect();
            let printers: Vec<String> = app::printing::list_printers(&ws)?.into_iter().map(|p| p.name).collect();
            Ok((layouts, printers))
        },
        move |app, r| {
            let (layouts, printers) = match r {
                Ok(l) => l,
                Err(e) => return fail(app, &e),
            };
            let g = app.global::<Walkin>();
            if *ww.layouts.borrow() != layouts {
                let default = layouts.iter().position(|n| n == crate::layout::DEFAULT_LAYOUT).unwrap_or(0);
                g.set_layouts(strings(&layouts));
                g.set_layout_index(default as i32);
            }
            // The printer chosen stays chosen, by name, when others come or go.
            let chosen = ww.printers.borrow().get(g.get_printer_index().max(0) as usize).cloned();
            g.set_printers(strings(&printers));
            let index = chosen.and_then(|c| printers.iter().position(|p| *p == c)).unwrap_or(0);
            g.set_printer_index(index as i32);
            *ww.layouts.borrow_mut() = layouts;
            *ww.printers.borrow_mut() = printers;
        },
    );
}

/// A new student or a new photo: what was made for the one before goes.
fn forget_made(w: &Walk, app: &AppWindow) {
    w.generation.set(w.generation.get() + 1);
    w.job.set(None);
    let g = app.global::<Walkin>();
    g.set_job(SharedString::new());
    g.set_result(SharedString::new());
    g.set_preview(slint::Image::default());
    g.set_preview_caption(SharedString::new());
    g.set_warnings(SharedString::new());
    g.set_photo_checks(msg!("gui-walkin-photo-unchecked").to_string().into());
    g.set_photo_checks_ok(true);
}

/// Show a code read well (from `from`, the scan or the picture) or why it was refused.
fn show_code(w: &Walk, app: &AppWindow, read: std::result::Result<(CodeSource, String), String>) {
    let g = app.global::<Walkin>();
    match read {
        Ok((source, line)) => {
            *w.source.borrow_mut() = Some(source);
            g.set_code_ok(true);
            g.set_code_message(line.into());
            notice(app, "", false);
        }
        Err(why) => {
            *w.source.borrow_mut() = None;
            g.set_code_ok(false);
            g.set_code_message(why.as_str().into());
            notice(app, &why, true);
        }
    }
}

/// Enter in the scan field: read the code at once, in the window.
fn read_code(w: &Rc<Walk>, text: &str) {
    let Some(app) = w.ctx.app() else { return };
    forget_made(w, &app);
    let read = model::read_code(text).map(|code| {
        let mut line = model::student_line(&code);
        for warning in &code.warnings {
            line += &format!("\n{warning}");
        }
        (CodeSource::Text(text.to_string()), line)
    });
    // The scanner typed the code's whole data (JSON); once read, the student's line says who it
    // was and the field is empty for the next scan.
    if read.is_ok() {
        app.global::<Walkin>().set_code(SharedString::new());
    }
    show_code(w, &app, read);
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn choose_code_picture(w: &Rc<Walk>) {
    let Some(app) = w.ctx.app() else { return };
    let ww = w.clone();
    let filter = Filter { extensions: vec!["png", "jpg", "jpeg"], folders: false };
    let title = msg!("gui-walkin-choose-code").to_string();
    w.ctx.chooser.open(&app, &title, filter, move |app, path| {
        forget_made(&ww, app);
        app.global::<Walkin>().set_code(SharedString::new());
        let www = ww.clone();
        let generation = ww.generation.get();
        ww.ctx.run(
            &ww.worker,
            {
                let path = path.clone();
                move |_| app::qr::decode_file(&path)
            },
            move |app, r| {
                if www.generation.get() != generation {
                    return;
                }
                let read = match r {
                    Ok(code) => Ok((CodeSource::Image(path), model::student_line(&code))),
                    Err(e) => {
                        Err(msg!("gui-walkin-code-picture", file = file_name(&path), error = texts::error(&e))
                            .to_string())
                    }
                };
                show_code(&www, app, read);
            },
        );
    });
}

/// A JPEG as pixels for the window, shrunk as the photo check's thumbnails are.
fn picture(path: &Path) -> Result<Pixels> {
    let img = image::open(path).map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
    let img = img.thumbnail(480 / overlay::SHRINK, 640 / overlay::SHRINK).to_rgba8();
    Ok(SharedPixelBuffer::clone_from_slice(img.as_raw(), img.width(), img.height()))
}

fn choose_photo(w: &Rc<Walk>) {
    let Some(app) = w.ctx.app() else { return };
    let ww = w.clone();
    let filter = Filter { extensions: vec!["jpg", "jpeg"], folders: false };
    let title = msg!("gui-walkin-choose-photo").to_string();
    w.ctx.chooser.open(&app, &title, filter, move |app, path| {
        forget_made(&ww, app);
        *ww.photo.borrow_mut() = Some(path.clone());
        let g = app.global::<Walkin>();
        g.set_photo(path.display().to_string().into());
        g.set_photo_picture(slint::Image::default());
        let www = ww.clone();
        let shown = path.clone();
        ww.ctx.run(
            &ww.worker,
            move |_| picture(&path),
            move |app, r| {
                if www.photo.borrow().as_ref() != Some(&shown) {
                    return; // another photo was chosen meanwhile
                }
                match r {
                    Ok(p) => app.global::<Walkin>().set_photo_picture(slint::Image::from_rgba8(p)),
                    // Not a picture the window can show; the photo check will say what is wrong.
                    Err(e) => notice(app, &texts::error(&e), true),
                }
            },
        );
    });
}

/// What the walk-in made, with its pictures decoded off the UI thread.
struct Made {
    done: WalkinDone,
    preview: Option<Pixels>,
    /// The photo with the photo check's lines, when it found something.
    checked: Option<Pixels>,
    warnings: Vec<String>,
}

fn checked_picture(ws: &Workspace, done: &WalkinDone) -> Option<Pixels> {
    let p = done.photo_checks.first()?;
    let bytes = ws.photos().read(&p.sha256).ok()?;
    let img = overlay::thumbnail(&bytes, &p.measure, &p.checks).ok()?;
    Some(SharedPixelBuffer::clone_from_slice(img.as_raw(), img.width(), img.height()))
}

fn preview_picture(path: &str) -> Option<Pixels> {
    let img = image::open(path).ok()?.to_rgba8();
    Some(SharedPixelBuffer::clone_from_slice(img.as_raw(), img.width(), img.height()))
}

/// 检查并排版: the walk-in service without a printer (the technician looks before printing).
fn make(w: &Rc<Walk>) {
    let Some(app) = w.ctx.app() else { return };
    let g = app.global::<Walkin>();
    if g.get_task().running {
        return;
    }
    let Some(code) = w.source.borrow().clone() else {
        return notice(&app, &msg!("gui-walkin-need-code").to_string(), true);
    };
    let Some(photo) = w.photo.borrow().clone() else {
        return notice(&app, &msg!("gui-walkin-need-photo").to_string(), true);
    };
    forget_made(w, &app);
    notice(&app, "", false);
    let layout = w.layouts.borrow().get(g.get_layout_index().max(0) as usize).cloned();
    let req = WalkinRequest { code, photo, layout, printer: None, replace: g.get_replace_photo() };
    let generation = w.generation.get();
    w.cancel.store(false, Ordering::SeqCst);
    let stage = crate::i18n::tr("wt-walkin");
    g.set_task(starting(&stage));
    let ww = w.clone();
    w.ctx.run_long(
        "walkin",
        &stage,
        &w.cancel,
        |app, s| app.global::<Walkin>().set_task(s),
        move |s, progress| {
            let ws = s.open()?;
            let done = app::walkin::walkin(&ws, &req, progress)?;
            let checked = checked_picture(&ws, &done);
            let preview = preview_picture(&done.preview);
            let warnings = model::other_warnings(&done, &req.photo);
            Ok(Made { done, preview, checked, warnings })
        },
        move |app, r| {
            if ww.generation.get() != generation {
                return;
            }
            let g = app.global::<Walkin>();
            match r {
                Ok(Made { done, preview, checked, warnings }) => {
                    // The new job is listed on 作业与打印 too (before the status line is set:
                    // that page's reload starts with a clean one).
                    app.global::<Technician>().invoke_refresh();
                    ww.job.set(Some(done.job));
                    g.set_job(done.job.to_string().into());
                    let line = model::done_line(&done);
                    g.set_result(line.as_str().into());
                    notice(app, &line, false);
                    let findings = model::photo_findings(&done);
                    g.set_photo_checks_ok(findings.is_empty());
                    g.set_photo_checks(if findings.is_empty() {
                        msg!("gui-walkin-photo-ok").to_string().into()
                    } else {
                        findings.join("\n").into()
                    });
                    g.set_warnings(warnings.join("\n").into());
                    if let Some(p) = checked {
                        g.set_photo_picture(slint::Image::from_rgba8(p));
                    }
                    if let Some(p) = preview {
                        g.set_preview(slint::Image::from_rgba8(p));
                    }
                    g.set_preview_caption(msg!("gui-walkin-preview", job = done.job.to_string()).to_string().into());
                }
                Err(e) => {
                    let why = texts::error(&e);
                    g.set_result(why.as_str().into());
                    notice(app, &why, true);
                }
            }
        },
    );
}

fn print(w: &Rc<Walk>) {
    let Some(app) = w.ctx.app() else { return };
    let g = app.global::<Walkin>();
    if g.get_task().running {
        return;
    }
    let Some(job) = w.job.get() else { return };
    let Some(printer) = w.printers.borrow().get(g.get_printer_index().max(0) as usize).cloned() else {
        return notice(&app, &msg!("gui-walkin-no-printer").to_string(), true);
    };
    notice(&app, "", false);
    w.cancel.store(false, Ordering::SeqCst);
    let stage = crate::i18n::tr("wt-print");
    g.set_task(starting(&stage));
    w.ctx.run_long(
        "walkin-print",
        &stage,
        &w.cancel,
        |app, s| app.global::<Walkin>().set_task(s),
        move |s, progress| {
            let req = PrintRequest { job, printer, copies: 1, force: false };
            app::printing::print_job(&s.open()?, &req, progress)
        },
        move |app, r| match r {
            Ok(r) if r.sent() == 0 => {
                let text = msg!("gui-walkin-already-printed", job = r.job.to_string(), printer = r.printer.as_str());
                notice(app, &text.to_string(), false);
            }
            Ok(r) => {
                // What the printer said of the part it took, in the window's words.
                let state = r.parts.iter().find(|p| p.outcome == PrintOutcome::Sent).map(|p| p.state.as_str());
                let text = msg!(
                    "gui-walkin-printed",
                    job = r.job.to_string(),
                    printer = r.printer.as_str(),
                    status = texts::part_state(state.unwrap_or_default())
                );
                notice(app, &text.to_string(), false);
            }
            Err(e) => fail(app, &e),
        },
    );
}

/// 下一位: clear everything for the next student.
fn next(w: &Rc<Walk>) {
    let Some(app) = w.ctx.app() else { return };
    forget_made(w, &app);
    *w.source.borrow_mut() = None;
    *w.photo.borrow_mut() = None;
    let g = app.global::<Walkin>();
    g.set_code(SharedString::new());
    g.set_code_ok(false);
    g.set_code_message(SharedString::new());
    g.set_photo(SharedString::new());
    g.set_photo_picture(slint::Image::default());
    g.set_replace_photo(false);
    notice(&app, &msg!("gui-walkin-next").to_string(), false);
}
