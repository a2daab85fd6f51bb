//! 电子版: wires the electronic-copy part of the `Admin` global to `app::ecopy`: the log of
//! requests and their parts, recording a school's letter, and sending with a progress bar.

use super::admin::notice;
use super::{Ctx, given, row_of, starting, table};
use crate::app;
use crate::app::ecopy::{RequestLog, RequestSpec, SendOptions};
use crate::domain::ids::EcopyRequestId;
use crate::gui::model::worker::Worker;
use crate::gui::model::{rows, texts};
use crate::gui::ui::Admin;
use slint::ComponentHandle;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

struct Ecopy {
    ctx: Rc<Ctx>,
    worker: Worker,
    log: RefCell<Vec<RequestLog>>,
    selected: RefCell<Option<EcopyRequestId>>,
    cancel: Arc<AtomicBool>,
}

pub(super) fn wire(app: &crate::gui::ui::AppWindow, ctx: &Rc<Ctx>) -> impl Fn() + 'static {
    let e = Rc::new(Ecopy {
        ctx: ctx.clone(),
        worker: Worker::new("ecopy"),
        log: RefCell::default(),
        selected: RefCell::default(),
        cancel: Arc::default(),
    });
    let g = app.global::<Admin>();
    g.set_naming_options(super::strings(texts::NAMINGS.iter().map(|(_, w)| w.to_string())));
    let ee = e.clone();
    g.on_select_ecopy(move |row| {
        let Some(app) = ee.ctx.app() else { return };
        let log = ee.log.borrow();
        let Some(r) = log.get(row.max(0) as usize).filter(|_| row >= 0) else { return };
        *ee.selected.borrow_mut() = Some(r.id);
        app.global::<Admin>().set_ecopy_parts(table(rows::ecopy_parts(r, ee.ctx.session.zone())));
    });
    let ee = e.clone();
    g.on_request_ecopy(move |school, classes, naming, to, letter| {
        let spec = RequestSpec {
            school: school.trim().to_string(),
            classes: classes.split([',', '，', ';', '；']).filter_map(given).collect(),
            naming: texts::NAMINGS.get(naming.max(0) as usize).map(|(k, _)| k.to_string()),
            to: to.trim().to_string(),
            letter: given(&letter),
        };
        request(&ee, spec);
    });
    let ee = e.clone();
    g.on_send_ecopy(move |resend| send(&ee, resend));
    let c = e.cancel.clone();
    g.on_cancel_ecopy(move || c.store(true, Ordering::SeqCst));

    refresh(&e);
    move || refresh(&e)
}

fn refresh(e: &Rc<Ecopy>) {
    let ee = e.clone();
    let zone = e.ctx.session.zone();
    e.ctx.run(
        &e.worker,
        |s| app::ecopy::log(&s.open()?, None),
        move |app, r| match r {
            Ok(log) => {
                let g = app.global::<Admin>();
                g.set_ecopies(table(rows::ecopies(&log, zone)));
                let ids: Vec<EcopyRequestId> = log.iter().map(|l| l.id).collect();
                let row = row_of(&ids, ee.selected.borrow().as_ref());
                g.set_ecopy_row(row);
                let parts = log
                    .get(row.max(0) as usize)
                    .filter(|_| row >= 0)
                    .map(|r| rows::ecopy_parts(r, zone))
                    .unwrap_or_default();
                g.set_ecopy_parts(table(parts));
                *ee.log.borrow_mut() = log;
            }
            Err(err) => notice(app, &texts::error(&err), true),
        },
    );
}

fn request(e: &Rc<Ecopy>, spec: RequestSpec) {
    let ee = e.clone();
    e.ctx.run(
        &e.worker,
        move |s| app::ecopy::request(&s.open()?, &spec),
        move |app, r| match r {
            Ok(made) => {
                let mut text = crate::msg!(
                    "wo-ecopy-requested",
                    id = made.id.to_string(),
                    school = made.school.to_string(),
                    name = made.school_name.to_string(),
                    students = made.students as i64,
                    to = made.to.to_string()
                )
                .to_string();
                if !made.without_full_name.is_empty() {
                    text += &crate::msg!("wo-ecopy-no-full-name", n = made.without_full_name.len()).to_string();
                }
                notice(app, &text, false);
                *ee.selected.borrow_mut() = Some(made.id);
                refresh(&ee);
            }
            Err(err) => notice(app, &texts::error(&err), true),
        },
    );
}

fn send(e: &Rc<Ecopy>, resend: bool) {
    let Some(app) = e.ctx.app() else { return };
    let g = app.global::<Admin>();
    let Some(id) = *e.selected.borrow() else {
        return notice(&app, &crate::i18n::tr("wo-ecopy-choose-first"), true);
    };
    if g.get_ecopy_task().running {
        return;
    }
    let sending = crate::i18n::tr("wo-ecopy-sending");
    g.set_ecopy_task(starting(&sending));
    let ee = e.clone();
    let opts = SendOptions { resend, parts: Vec::new() };
    e.ctx.run_long(
        "ecopy",
        &sending,
        &e.cancel,
        |app, s| app.global::<Admin>().set_ecopy_task(s),
        move |s, progress| app::ecopy::send(&s.open()?, id, &opts, progress),
        move |app, r| {
            match r {
                Ok(rep) => {
                    let failed: Vec<String> = rep
                        .parts
                        .iter()
                        .filter(|p| p.outcome.is_failure())
                        .map(|p| {
                            crate::msg!(
                                "wo-ecopy-failed-part",
                                part = p.part,
                                parts = p.parts,
                                reply = p.reply.to_string()
                            )
                            .to_string()
                        })
                        .collect();
                    let mut text = crate::msg!(
                        "wo-ecopy-sent",
                        id = rep.id.to_string(),
                        to = rep.to.to_string(),
                        accepted = rep.accepted_in_all as i64,
                        parts = rep.parts.len()
                    )
                    .to_string();
                    if !failed.is_empty() {
                        text += &format!("\n{}", failed.join("\n"));
                    }
                    notice(app, &text, !failed.is_empty());
                }
                Err(err) => notice(app, &texts::error(&err), true),
            }
            refresh(&ee);
        },
    );
}
