//! 打印机 (技术员 → 打印机): wires the `Printers` global to `app::printing`'s `list_printers`,
//! `add_printer`, `set_printer`, `remove_printer` and `test_printer`. A printer added, changed
//! or removed here is offered at once on the other screens that print (their printer lists
//! are loaded again).

use super::technician::{fail, notice};
use super::{Ctx, given, row_of, starting, table};
use crate::app::printing::{PrinterChange, PrinterLine, PrinterSpec};
use crate::app::{self, Workspace};
use crate::error::Result;
use crate::gui::model::files::Filter;
use crate::gui::model::printers as model;
use crate::gui::model::texts;
use crate::gui::model::worker::Worker;
use crate::gui::ui::{AppWindow, Printers, Technician, Walkin};
use crate::msg;
use slint::{ComponentHandle, SharedString};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

struct Prn {
    ctx: Rc<Ctx>,
    worker: Worker,
    lines: RefCell<Vec<PrinterLine>>,
    /// The chosen printer's name.
    selected: RefCell<Option<String>>,
    cancel: Arc<AtomicBool>,
}

pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) {
    let p = Rc::new(Prn {
        ctx: ctx.clone(),
        worker: Worker::new("printers"),
        lines: RefCell::default(),
        selected: RefCell::default(),
        cancel: Arc::default(),
    });
    let g = app.global::<Printers>();
    let on = |f: fn(&Rc<Prn>)| {
        let p = p.clone();
        move || f(&p)
    };
    g.on_refresh(on(|p| refresh(p, None)));
    g.on_add_ipp(on(add_ipp));
    g.on_add_hot_folder(on(add_hot_folder));
    g.on_save(on(save));
    g.on_test_print(on(test_print));
    g.on_remove(on(remove));
    let c = p.cancel.clone();
    g.on_cancel(move || c.store(true, Ordering::SeqCst));
    let pp = p.clone();
    g.on_select(move |row| select(&pp, row));
    refresh(&p, None);
}

/// The table again, keeping the chosen printer (or choosing `choose`).
fn refresh(p: &Rc<Prn>, choose: Option<String>) {
    let pp = p.clone();
    let zone = p.ctx.session.zone();
    p.ctx.run(
        &p.worker,
        |s| app::printing::list_printers(&s.open()?),
        move |app, r| {
            let lines = match r {
                Ok(l) => l,
                Err(e) => return fail(app, &e),
            };
            let g = app.global::<Printers>();
            g.set_printers(table(model::rows(&lines, zone)));
            let names: Vec<String> = lines.iter().map(|l| l.name.clone()).collect();
            *pp.lines.borrow_mut() = lines;
            let wanted = choose.or_else(|| pp.selected.borrow().clone());
            let row = row_of(&names, wanted.as_deref());
            g.set_row(row);
            if row >= 0 {
                show_selected(&pp, app, row as usize);
            } else {
                unselect(&pp, app);
            }
        },
    );
}

/// The chosen printer's correction in the fields, and how to calibrate it.
fn show_selected(p: &Prn, app: &AppWindow, row: usize) {
    let Some(line) = p.lines.borrow().get(row).cloned() else { return };
    let g = app.global::<Printers>();
    if p.selected.borrow().as_deref() != Some(line.name.as_str()) {
        g.set_confirm_remove(false);
    }
    *p.selected.borrow_mut() = Some(line.name.clone());
    g.set_selected(line.name.as_str().into());
    g.set_help(model::calibration_help(&line).into());
    g.set_offset_x(model::shown(line.adjustment.offset_x_mm).into());
    g.set_offset_y(model::shown(line.adjustment.offset_y_mm).into());
    g.set_scale(model::shown(line.adjustment.scale_pct).into());
    g.set_selected_media(line.media.clone().unwrap_or_default().into());
}

fn unselect(p: &Prn, app: &AppWindow) {
    *p.selected.borrow_mut() = None;
    let g = app.global::<Printers>();
    g.set_row(-1);
    g.set_selected(SharedString::new());
    g.set_help(SharedString::new());
    for set in [Printers::set_offset_x, Printers::set_offset_y, Printers::set_scale, Printers::set_selected_media] {
        set(&g, SharedString::new());
    }
    g.set_confirm_remove(false);
}

fn select(p: &Rc<Prn>, row: i32) {
    let Some(app) = p.ctx.app() else { return };
    match usize::try_from(row) {
        Ok(r) if r < p.lines.borrow().len() => show_selected(p, &app, r),
        _ => unselect(p, &app),
    }
}

/// The other screens that print offer the printers as they are now.
fn printers_changed(app: &AppWindow) {
    app.global::<Walkin>().invoke_refresh();
    app.global::<Technician>().invoke_refresh();
}

/// Long work on the printers with the page's bar; then the table again.
fn printer_work<T: Send + 'static>(
    p: &Rc<Prn>,
    stage: &str,
    work: impl FnOnce(&Workspace) -> Result<T> + Send + 'static,
    done: impl FnOnce(&Rc<Prn>, &AppWindow, T) + 'static,
) {
    let Some(app) = p.ctx.app() else { return };
    let g = app.global::<Printers>();
    if g.get_task().running {
        return;
    }
    notice(&app, "", false);
    p.cancel.store(false, Ordering::SeqCst);
    g.set_task(starting(stage));
    let pp = p.clone();
    p.ctx.run_long(
        "printers",
        stage,
        &p.cancel,
        |app, s| app.global::<Printers>().set_task(s),
        move |s, _| work(&s.open()?),
        move |app, r| match r {
            Ok(v) => done(&pp, app, v),
            Err(e) => fail(app, &e),
        },
    );
}

fn add(p: &Rc<Prn>, spec: PrinterSpec) {
    printer_work(
        p,
        &crate::i18n::tr("wt-add-printer"),
        move |ws| app::printing::add_printer(ws, &spec),
        |p, app, line| {
            let g = app.global::<Printers>();
            for set in [Printers::set_name, Printers::set_ipp, Printers::set_media] {
                set(&g, SharedString::new());
            }
            printers_changed(app);
            let text = match &line.supports_error {
                Some(e) => msg!("gui-printers-added-unasked", name = line.name.as_str(), error = e.as_str()),
                None => msg!("gui-printers-added", name = line.name.as_str()),
            };
            notice(app, &text.to_string(), false);
            refresh(p, Some(line.name));
        },
    );
}

/// The name and paper typed for a new printer, or why it cannot be added yet.
fn new_printer(app: &AppWindow) -> Option<PrinterSpec> {
    let g = app.global::<Printers>();
    let Some(name) = given(&g.get_name()) else {
        notice(app, &msg!("gui-printers-need-name").to_string(), true);
        return None;
    };
    let adjust = PrinterChange { media: given(&g.get_media()), ..Default::default() };
    Some(PrinterSpec { name, adjust, ..Default::default() })
}

fn add_ipp(p: &Rc<Prn>) {
    let Some(app) = p.ctx.app() else { return };
    let Some(spec) = new_printer(&app) else { return };
    let Some(ipp) = given(&app.global::<Printers>().get_ipp()) else {
        return notice(&app, &msg!("gui-printers-need-ipp").to_string(), true);
    };
    add(p, PrinterSpec { ipp: Some(ipp), ..spec });
}

fn add_hot_folder(p: &Rc<Prn>) {
    let Some(app) = p.ctx.app() else { return };
    let Some(spec) = new_printer(&app) else { return };
    let title = msg!("gui-printers-choose-folder", name = spec.name.as_str()).to_string();
    let pp = p.clone();
    let filter = Filter { extensions: Vec::new(), folders: true };
    p.ctx.chooser.open(&app, &title, filter, move |_, dir: PathBuf| {
        add(&pp, PrinterSpec { hot_folder: Some(dir), ..spec });
    });
}

/// The selected printer's name, or say that one must be chosen.
fn chosen(p: &Prn, app: &AppWindow) -> Option<String> {
    let name = p.selected.borrow().clone();
    if name.is_none() {
        notice(app, &msg!("gui-printers-need-selection").to_string(), true);
    }
    name
}

fn save(p: &Rc<Prn>) {
    let Some(app) = p.ctx.app() else { return };
    let Some(name) = chosen(p, &app) else { return };
    let g = app.global::<Printers>();
    g.set_confirm_remove(false);
    let read = || -> std::result::Result<PrinterChange, String> {
        Ok(PrinterChange {
            offset_x_mm: model::parse_field(&crate::i18n::tr("wt-offset-x"), &g.get_offset_x())?,
            offset_y_mm: model::parse_field(&crate::i18n::tr("wt-offset-y"), &g.get_offset_y())?,
            scale_pct: model::parse_field(&crate::i18n::tr("wt-scale"), &g.get_scale())?,
            media: given(&g.get_selected_media()),
        })
    };
    let change = match read() {
        Ok(c) => c,
        Err(why) => return notice(&app, &why, true),
    };
    notice(&app, "", false);
    let pp = p.clone();
    p.ctx.run(
        &p.worker,
        move |s| app::printing::set_printer(&s.open()?, &name, &change),
        move |app, r| match r {
            Ok(line) => {
                let text = msg!(
                    "gui-printers-saved",
                    name = line.name.as_str(),
                    ox = model::shown(line.adjustment.offset_x_mm),
                    oy = model::shown(line.adjustment.offset_y_mm),
                    scale = model::shown(line.adjustment.scale_pct)
                );
                notice(app, &text.to_string(), false);
                refresh(&pp, Some(line.name));
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn test_print(p: &Rc<Prn>) {
    let Some(app) = p.ctx.app() else { return };
    let Some(name) = chosen(p, &app) else { return };
    app.global::<Printers>().set_confirm_remove(false);
    printer_work(
        p,
        &crate::i18n::tr("wt-test-sheet"),
        move |ws| app::printing::test_printer(ws, &name),
        |_, app, sent| {
            let text = msg!(
                "gui-printers-test-sent",
                name = sent.printer.as_str(),
                state = texts::part_state(&sent.state),
                file = sent.file.as_str()
            );
            notice(app, &text.to_string(), false);
        },
    );
}

fn remove(p: &Rc<Prn>) {
    let Some(app) = p.ctx.app() else { return };
    let Some(name) = chosen(p, &app) else { return };
    app.global::<Printers>().set_confirm_remove(false);
    notice(&app, "", false);
    let pp = p.clone();
    p.ctx.run(
        &p.worker,
        move |s| app::printing::remove_printer(&s.open()?, &name),
        move |app, r| match r {
            Ok(line) => {
                unselect(&pp, app);
                printers_changed(app);
                notice(app, &msg!("gui-printers-removed", name = line.name.as_str()).to_string(), false);
                refresh(&pp, None);
            }
            Err(e) => fail(app, &e),
        },
    );
}
