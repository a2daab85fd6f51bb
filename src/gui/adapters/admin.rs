//! 管理员: wires the `Admin` global to `app::requests`, `app::corrections`, `app::schools`
//! and `app::reports`. (Electronic copies are in `adapters::ecopy`.)

use super::{Ctx, given, row_of, strings, table};
use crate::app::corrections::CorrectionRequest;
use crate::app::requests::{RequestInput, RequestView};
use crate::app::schools::NewSchool;
use crate::app::{self, Workspace};
use crate::domain::ids::RequestId;
use crate::domain::local_time::Zone;
use crate::domain::request::RequestStatus;
use crate::error::{Error, Result};
use crate::gui::model::files::Filter;
use crate::gui::model::worker::Worker;
use crate::gui::model::{requests, rows, texts};
use crate::gui::ui::{Admin, AppWindow, NewRequestForm};
use slint::ComponentHandle;
use std::cell::RefCell;
use std::rc::Rc;

struct Adm {
    ctx: Rc<Ctx>,
    worker: Worker,
    requests: RefCell<Vec<RequestId>>,
    request: RefCell<Option<RequestId>>,
    schools: RefCell<Vec<String>>,
    school: RefCell<Option<String>>,
    emails: RefCell<Vec<String>>,
}

pub(super) fn notice(app: &AppWindow, text: &str, error: bool) {
    let g = app.global::<Admin>();
    g.set_notice(text.into());
    g.set_notice_error(error);
}

fn fail(app: &AppWindow, e: &Error) {
    notice(app, &texts::error(e), true);
}

pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) -> impl Fn() + 'static {
    let a = Rc::new(Adm {
        ctx: ctx.clone(),
        worker: Worker::new("admin"),
        requests: RefCell::default(),
        request: RefCell::default(),
        schools: RefCell::default(),
        school: RefCell::default(),
        emails: RefCell::default(),
    });
    let g = app.global::<Admin>();
    let mut statuses = vec![crate::i18n::tr("wo-status-all")];
    statuses.extend(RequestStatus::ALL.into_iter().map(texts::request_status));
    g.set_status_options(strings(statuses));
    // The kind's word, and its key where the word is another language's (丢失（lost）).
    let kinds = texts::REQUEST_KINDS.iter().map(|(k, w)| {
        let word = w.to_string();
        if word == *k { word } else { crate::msg!("wo-kind-with-key", word = word, key = *k).to_string() }
    });
    g.set_kind_options(strings(kinds));
    g.set_requester_options(strings(texts::REQUESTERS.iter().map(|(_, w)| w.to_string())));
    g.set_field_options(strings(texts::CORRECTION_FIELDS.iter().map(|(_, w)| w.to_string())));
    g.set_due_date(a.ctx.session.zone().today().to_string().into());

    let aa = a.clone();
    g.on_filter_requests(move || list_requests(&aa));
    let aa = a.clone();
    g.on_select_request(move |row| {
        let id = aa.requests.borrow().get(row.max(0) as usize).filter(|_| row >= 0).cloned();
        if let Some(id) = id {
            *aa.request.borrow_mut() = Some(id);
            show_request(&aa);
        }
    });
    let aa = a.clone();
    g.on_act(move |action, argument| act(&aa, action.to_string(), argument.to_string()));
    let aa = a.clone();
    g.on_add_request(move |form| add_request(&aa, &form));
    let aa = a.clone();
    g.on_choose_request_table(move || choose_request_table(&aa));
    let aa = a.clone();
    g.on_list_corrections(move |school| list_corrections(&aa, given(&school)));
    let aa = a.clone();
    g.on_add_correction(move |school, student, field, from, to| {
        let field = texts::CORRECTION_FIELDS.get(field.max(0) as usize).map(|(k, _)| k.to_string()).unwrap_or_default();
        let req = CorrectionRequest {
            school: school.trim().to_string(),
            student: student.trim().to_string(),
            field,
            from: from.to_string(),
            to: to.to_string(),
            source: crate::msg!("source-window", station = aa.ctx.session.station()).to_string(),
        };
        add_correction(&aa, req);
    });
    let aa = a.clone();
    g.on_choose_correction_table(move |school| choose_correction_table(&aa, school.trim().to_string()));
    let aa = a.clone();
    g.on_select_school(move |row| {
        let code = aa.schools.borrow().get(row.max(0) as usize).filter(|_| row >= 0).cloned();
        if let Some(code) = code {
            *aa.school.borrow_mut() = Some(code);
            show_school(&aa);
        }
    });
    let aa = a.clone();
    g.on_save_school(move || save_school(&aa));
    let aa = a.clone();
    g.on_add_email(move |email| {
        let email = email.trim().to_string();
        school_change(&aa, "wo-email-added", move |ws, code| app::schools::add_email(ws, code, &email).map(|_| ()));
    });
    let aa = a.clone();
    g.on_remove_email(move || {
        let Some(app) = aa.ctx.app() else { return };
        let row = app.global::<Admin>().get_email_row();
        let Some(email) = aa.emails.borrow().get(row.max(0) as usize).filter(|_| row >= 0).cloned() else { return };
        school_change(&aa, "wo-email-removed", move |ws, code| {
            app::schools::remove_email(ws, code, &email).map(|_| ())
        });
    });
    let aa = a.clone();
    g.on_add_school(move |code, name| {
        add_school(&aa, NewSchool { code: code.trim().into(), name: name.trim().into(), ..Default::default() })
    });
    let aa = a.clone();
    g.on_refresh_due(move || refresh_due(&aa));

    let reload = move || {
        list_requests(&a);
        list_corrections(&a, None);
        list_schools(&a);
        refresh_due(&a);
    };
    reload();
    reload
}

// ----- requests -----------------------------------------------------------------------------

fn list_requests(a: &Rc<Adm>) {
    let Some(app) = a.ctx.app() else { return };
    let g = app.global::<Admin>();
    let status = match g.get_status_filter() {
        i if i <= 0 => None,
        i => RequestStatus::ALL.get(i as usize - 1).copied(),
    };
    let school = given(&g.get_school_filter());
    let aa = a.clone();
    let zone = a.ctx.session.zone();
    a.ctx.run(
        &a.worker,
        move |s| app::requests::list(&s.open()?, status, school.as_deref()),
        move |app, r| match r {
            Ok(list) => {
                let g = app.global::<Admin>();
                g.set_requests(table(rows::requests(&list, zone)));
                let ids: Vec<RequestId> = list.iter().map(|r| r.id).collect();
                g.set_request_row(row_of(&ids, aa.request.borrow().as_ref()));
                *aa.requests.borrow_mut() = ids;
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn show_request_view(app: &AppWindow, r: &RequestView, zone: Zone) {
    let g = app.global::<Admin>();
    g.set_request_title(rows::request_title(r).into());
    g.set_request_status(texts::request_status(r.status).into());
    g.set_request_detail(rows::request_detail(r, zone).into());
    g.set_candidates(table(rows::candidates(r)));
    g.set_history(table(rows::history(r, zone)));
    let can = requests::allowed(r.status);
    g.set_can_match(can.match_student);
    g.set_can_approve(can.approve);
    g.set_can_reject(can.reject);
    g.set_can_print(can.print);
    g.set_can_ship(can.ship);
    g.set_can_close(can.close);
}

fn show_request(a: &Rc<Adm>) {
    let Some(id) = *a.request.borrow() else { return };
    let zone = a.ctx.session.zone();
    a.ctx.run(
        &a.worker,
        move |s| app::requests::show(&s.open()?, id),
        move |app, r| match r {
            Ok(v) => show_request_view(app, &v, zone),
            Err(e) => fail(app, &e),
        },
    );
}

fn act(a: &Rc<Adm>, action: String, argument: String) {
    a.ctx.action_begins();
    let Some(id) = *a.request.borrow() else { return };
    let Some(app) = a.ctx.app() else { return };
    app.global::<Admin>().set_busy(true);
    let aa = a.clone();
    let zone = a.ctx.session.zone();
    a.ctx.run(
        &a.worker,
        {
            let action = action.clone();
            move |s| requests::perform(&s.open()?, id, &action, &argument)
        },
        move |app, r| {
            app.global::<Admin>().set_busy(false);
            match r {
                Ok(v) => {
                    let text =
                        crate::msg!("wo-request-done", id = v.id.to_string(), done = requests::done_word(&action));
                    notice(app, &text.to_string(), false);
                    show_request_view(app, &v, zone);
                    list_requests(&aa);
                }
                Err(e) => fail(app, &e),
            }
        },
    );
}

fn add_request(a: &Rc<Adm>, form: &NewRequestForm) {
    a.ctx.action_begins();
    let input = RequestInput {
        kind: texts::REQUEST_KINDS.get(form.kind.max(0) as usize).map(|(k, _)| k.to_string()).unwrap_or_default(),
        school: form.school.trim().to_string(),
        xh: given(&form.xh),
        cjm: given(&form.cjm),
        id_number: given(&form.id_last4),
        name: given(&form.name),
        requester: texts::REQUESTERS
            .get(form.requester.max(0) as usize)
            .map(|(k, _)| k.to_string())
            .unwrap_or_default(),
        address: given(&form.address),
        phone: given(&form.phone),
        contact: given(&form.contact),
        note: given(&form.note),
        source: crate::msg!("source-window", station = a.ctx.session.station()).to_string(),
    };
    let aa = a.clone();
    let zone = a.ctx.session.zone();
    a.ctx.run(
        &a.worker,
        move |s| app::requests::add(&s.open()?, &input),
        move |app, r| match r {
            Ok(v) => {
                let matched =
                    crate::i18n::tr(if v.student.is_some() { "wo-student-matched" } else { "wo-student-unmatched" });
                let text = crate::msg!("wo-request-added", id = v.id.to_string(), matched = matched);
                notice(app, &text.to_string(), false);
                app.global::<Admin>().set_adding_request(false);
                *aa.request.borrow_mut() = Some(v.id);
                show_request_view(app, &v, zone);
                list_requests(&aa);
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn tables() -> Filter {
    Filter { extensions: vec!["xlsx", "xls", "ods", "csv"], folders: false }
}

fn choose_request_table(a: &Rc<Adm>) {
    let Some(app) = a.ctx.app() else { return };
    let aa = a.clone();
    a.ctx.chooser.open(&app, &crate::i18n::tr("wo-request-table-title"), tables(), move |_, path| {
        let aaa = aa.clone();
        aa.ctx.run(
            &aa.worker,
            move |s| app::requests::import(&s.open()?, &path, None),
            move |app, r| match r {
                Ok(rep) => {
                    let mut text = crate::msg!(
                        "wo-request-import",
                        file = rep.file.to_string(),
                        added = rep.added.len(),
                        refused = rep.refused.len()
                    )
                    .to_string();
                    for f in rep.refused.iter().chain(&rep.warnings).take(5) {
                        text += &format!("\n{f}");
                    }
                    notice(app, &text, !rep.refused.is_empty());
                    list_requests(&aaa);
                }
                Err(e) => fail(app, &e),
            },
        );
    });
}

// ----- corrections --------------------------------------------------------------------------

fn list_corrections(a: &Rc<Adm>, school: Option<String>) {
    let zone = a.ctx.session.zone();
    a.ctx.run(
        &a.worker,
        move |s| app::corrections::list(&s.open()?, school.as_deref()),
        move |app, r| match r {
            Ok(list) => app.global::<Admin>().set_corrections(table(rows::corrections(&list, zone))),
            Err(e) => fail(app, &e),
        },
    );
}

fn add_correction(a: &Rc<Adm>, req: CorrectionRequest) {
    a.ctx.action_begins();
    let aa = a.clone();
    let school = given(&req.school);
    a.ctx.run(
        &a.worker,
        move |s| app::corrections::add(&s.open()?, &req),
        move |app, r| match r {
            Ok(applied) => {
                let c = &applied.correction;
                let mut text = crate::msg!(
                    "wo-correction-done",
                    xh = c.xh.to_string(),
                    field = texts::correction_field(&c.field),
                    old = c.old_value.to_string(),
                    new = c.new_value.to_string()
                )
                .to_string();
                if applied.needs_reprint {
                    text += &crate::i18n::tr("wo-correction-reprint");
                }
                for w in &applied.warnings {
                    text += &format!("\n{w}");
                }
                notice(app, &text, false);
                list_corrections(&aa, school);
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn choose_correction_table(a: &Rc<Adm>, school: String) {
    let Some(app) = a.ctx.app() else { return };
    if school.is_empty() {
        return notice(&app, &crate::i18n::tr("wo-school-code-first"), true);
    }
    let aa = a.clone();
    let title = crate::msg!("wo-correction-table-title", school = school.as_str()).to_string();
    a.ctx.chooser.open(&app, &title, tables(), move |_, path| {
        let aaa = aa.clone();
        let list_school = Some(school.clone());
        aa.ctx.run(
            &aa.worker,
            move |s| app::corrections::import(&s.open()?, &path, &school, None),
            move |app, r| match r {
                Ok(rep) => {
                    let mut text = crate::msg!(
                        "wo-correction-import",
                        file = rep.file.to_string(),
                        rows = rep.rows as i64,
                        applied = rep.applied.len(),
                        rejected = rep.rejected.len()
                    )
                    .to_string();
                    for f in rep.rejected.iter().take(5) {
                        text += &format!("\n{f}");
                    }
                    notice(app, &text, !rep.rejected.is_empty());
                    list_corrections(&aaa, list_school);
                }
                Err(e) => fail(app, &e),
            },
        );
    });
}

// ----- schools ------------------------------------------------------------------------------

fn list_schools(a: &Rc<Adm>) {
    let aa = a.clone();
    a.ctx.run(
        &a.worker,
        |s| app::schools::list(&s.open()?),
        move |app, r| match r {
            Ok(list) => {
                let g = app.global::<Admin>();
                g.set_schools(table(rows::schools(&list)));
                let codes: Vec<String> = list.iter().map(|s| s.code.clone()).collect();
                g.set_school_row(row_of(&codes, aa.school.borrow().as_deref()));
                *aa.schools.borrow_mut() = codes;
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn show_school(a: &Rc<Adm>) {
    let Some(code) = a.school.borrow().clone() else { return };
    let aa = a.clone();
    a.ctx.run(
        &a.worker,
        move |s| app::schools::show(&s.open()?, &code),
        move |app, r| match r {
            Ok(d) => {
                let g = app.global::<Admin>();
                let s = &d.school;
                g.set_school_title(format!("{} {}", s.code, s.name).into());
                g.set_school_address(s.address.clone().unwrap_or_default().into());
                g.set_school_contact(s.contact.clone().unwrap_or_default().into());
                g.set_school_phone(s.phone.clone().unwrap_or_default().into());
                g.set_school_emails(table(s.emails.iter().map(|e| vec![e.clone()]).collect()));
                g.set_email_row(-1);
                *aa.emails.borrow_mut() = s.emails.clone();
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn save_school(a: &Rc<Adm>) {
    a.ctx.action_begins();
    let Some(app) = a.ctx.app() else { return };
    let g = app.global::<Admin>();
    let (address, contact, phone) =
        (g.get_school_address().to_string(), g.get_school_contact().to_string(), g.get_school_phone().to_string());
    school_change(a, "wo-address-saved", move |ws, code| {
        app::schools::set_contact(ws, code, Some(&address), Some(&contact), Some(&phone)).map(|_| ())
    });
}

/// A change to the selected school, then show it again; `done` is the catalog key of its notice.
fn school_change(a: &Rc<Adm>, done: &'static str, f: impl FnOnce(&Workspace, &str) -> Result<()> + Send + 'static) {
    a.ctx.action_begins();
    let Some(code) = a.school.borrow().clone() else { return };
    let aa = a.clone();
    a.ctx.run(
        &a.worker,
        {
            let code = code.clone();
            move |s| f(&s.open()?, &code)
        },
        move |app, r| match r {
            Ok(()) => {
                notice(
                    app,
                    &crate::msg!("wo-school-done", code = code.as_str(), done = crate::i18n::tr(done)).to_string(),
                    false,
                );
                show_school(&aa);
                list_schools(&aa);
            }
            Err(e) => fail(app, &e),
        },
    );
}

fn add_school(a: &Rc<Adm>, new: NewSchool) {
    a.ctx.action_begins();
    let aa = a.clone();
    a.ctx.run(
        &a.worker,
        move |s| app::schools::add(&s.open()?, &new),
        move |app, r| match r {
            Ok(code) => {
                notice(app, &crate::msg!("wo-school-added", code = code.to_string()).to_string(), false);
                *aa.school.borrow_mut() = Some(code.to_string());
                list_schools(&aa);
                show_school(&aa);
            }
            Err(e) => fail(app, &e),
        },
    );
}

// ----- due report ---------------------------------------------------------------------------

fn refresh_due(a: &Rc<Adm>) {
    let Some(app) = a.ctx.app() else { return };
    let day = app.global::<Admin>().get_due_date().to_string();
    a.ctx.run(
        &a.worker,
        move |s| {
            let ws = s.open()?;
            let today = match given(&day) {
                Some(d) => app::reports::parse_day(&d)?,
                None => ws.zone().today(),
            };
            Ok((app::reports::due(&ws, today)?, app::reports::schools(&ws)?))
        },
        |app, r| match r {
            Ok((due, schools)) => {
                let g = app.global::<Admin>();
                g.set_due_summary(rows::due_summary(&due).into());
                g.set_due(table(rows::due(&due)));
                g.set_school_report(table(rows::school_counts(&schools)));
            }
            Err(e) => fail(app, &e),
        },
    );
}
