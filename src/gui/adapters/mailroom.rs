//! 收发室: wires the `Mailroom` global to `app::scan` and `app::shipments` (which also prints
//! the label and packing lists, as `shipment print` does). Scans go through one worker,
//! so they are answered in the order the scanner typed them.

use super::{Ctx, given, strings, table};
use crate::app;
use crate::app::scan::{ScanOutcome, ScanRequest};
use crate::app::shipments::{CreateShipment, Papers, ShipmentLine, ShipmentView};
use crate::domain::ids::ShipmentCode;
use crate::domain::local_time::Zone;
use crate::domain::shipment::{ShipmentAction, ShipmentState};
use crate::domain::tracking::Carrier;
use crate::error::Result;
use crate::gui::model::worker::Worker;
use crate::gui::model::{rows, texts};
use crate::gui::ui::{AppWindow, Mailroom, ScanLine};
use crate::store::SchoolSummary;
use slint::{ComponentHandle, ModelRc, VecModel};
use std::cell::RefCell;
use std::rc::Rc;

struct Mail {
    ctx: Rc<Ctx>,
    worker: Worker,
    scans: Rc<VecModel<ScanLine>>,
    /// The station's shipment, as the last scan or step showed it.
    shipment: RefCell<Option<ShipmentCode>>,
    open: RefCell<Vec<ShipmentLine>>,
    schools: RefCell<Vec<SchoolSummary>>,
    printers: RefCell<Vec<String>>,
}

fn notice(app: &AppWindow, text: &str, error: bool) {
    let g = app.global::<Mailroom>();
    g.set_notice(text.into());
    g.set_notice_error(error);
    // Whatever happened, the scanner's next code goes to the scan field.
    g.set_answered(g.get_answered() + 1);
}

pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) -> impl Fn() + 'static {
    let m = Rc::new(Mail {
        ctx: ctx.clone(),
        worker: Worker::new("mailroom"),
        scans: Rc::new(VecModel::default()),
        shipment: RefCell::default(),
        open: RefCell::default(),
        schools: RefCell::default(),
        printers: RefCell::default(),
    });
    let g = app.global::<Mailroom>();
    g.set_station(ctx.session.station().into());
    g.set_scans(ModelRc::from(m.scans.clone()));

    let mm = m.clone();
    g.on_scan(move |code| scan(&mm, code.to_string()));
    let mm = m.clone();
    g.on_choose_shipment(move |row| {
        let id = mm.open.borrow().get(row.max(0) as usize).filter(|_| row >= 0).map(|s| s.id);
        if let Some(id) = id {
            scan(&mm, id.to_string());
        }
    });
    let mm = m.clone();
    g.on_create_shipment(move || create(&mm, ToPerson::default()));
    let mm = m.clone();
    g.on_seal(move |force, reason| {
        let reason = reason.to_string();
        step(&mm, "wo-step-seal", move |ws, id| {
            app::shipments::seal(ws, id, force, Some(reason.as_str()).filter(|r| !r.is_empty()))
        });
    });
    let mm = m.clone();
    g.on_deliver(move || step(&mm, "wo-step-deliver", app::shipments::deliver));
    let names: Vec<String> =
        CARRIERS.iter().map(|c| c.map_or_else(|| crate::i18n::tr("carrier-auto"), |c| c.label().to_string())).collect();
    g.set_carriers(strings(names));
    let mm = m.clone();
    g.on_ship(move |carrier, number| {
        let carrier = CARRIERS.get(carrier.max(0) as usize).copied().flatten().map(Carrier::as_str);
        let number = number.trim().to_string();
        step(&mm, "wo-step-ship", move |ws, id| app::shipments::ship(ws, id, Some(&number), carrier, None));
    });
    let mm = m.clone();
    g.on_return_shipment(move |reason| {
        let reason = reason.to_string();
        step(&mm, "wo-step-return", move |ws, id| app::shipments::return_shipment(ws, id, &reason));
    });
    let mm = m.clone();
    g.on_create_to_person(move |address, recipient, phone| {
        let person = ToPerson { address: given(&address), recipient: given(&recipient), phone: given(&phone) };
        create(&mm, person);
    });
    let mm = m.clone();
    g.on_print_label(move || print(&mm, true));
    let mm = m.clone();
    g.on_print_packing_lists(move || print(&mm, false));
    let mm = m.clone();
    g.on_refresh(move || refresh(&mm));

    refresh(&m);
    move || refresh(&m)
}

/// The time of day of a scan, in the lab's zone, for the desk's running log.
fn now(zone: Zone) -> String {
    zone.now().format("%H:%M:%S").to_string()
}

fn scan(m: &Rc<Mail>, code: String) {
    m.ctx.action_begins();
    let code = code.trim().to_string();
    if code.is_empty() {
        return;
    }
    let mm = m.clone();
    let zone = m.ctx.session.zone();
    let req = ScanRequest { code: code.clone(), station: m.ctx.session.station_override(), ..Default::default() };
    m.ctx.run(
        &m.worker,
        move |s| app::scan::scan(&s.open()?, &req),
        move |app, r| {
            let g = app.global::<Mailroom>();
            let (verdict, kind, message) = match &r {
                Ok(o) => {
                    let shipped = o.shipment.as_ref().is_some_and(|v| v.progress.state == ShipmentState::Shipped);
                    let (word, kind) = texts::scan_verdict(o.kind, o.result, shipped);
                    // The CLI's words, with a hint naming the window's field where it names a flag.
                    (word, kind, o.said.window_text(crate::i18n::current()))
                }
                Err(e) => (crate::i18n::tr("verdict-error"), "error", texts::error(e)),
            };
            g.set_verdict(verdict.as_str().into());
            g.set_verdict_kind(kind.into());
            g.set_verdict_message(message.as_str().into());
            mm.scans.insert(
                0,
                ScanLine {
                    time: now(zone).into(),
                    code: code.as_str().into(),
                    verdict: verdict.into(),
                    kind: kind.into(),
                    message: message.into(),
                },
            );
            if let Ok(ScanOutcome { shipment: Some(v), .. }) = &r {
                show(&mm, app, v);
            }
            g.set_answered(g.get_answered() + 1);
            refresh_list(&mm);
        },
    );
}

fn show(m: &Rc<Mail>, app: &AppWindow, v: &ShipmentView) {
    *m.shipment.borrow_mut() = Some(v.id);
    let g = app.global::<Mailroom>();
    g.set_shipment(v.id.to_string().into());
    g.set_shipment_title(rows::shipment_title(v).into());
    g.set_shipment_state(texts::shipment_state(v.progress.state).into());
    g.set_shipment_detail(rows::shipment_detail(v).into());
    g.set_expected(v.expected as i32);
    g.set_scanned(v.scanned as i32);
    g.set_packets(table(rows::packets(v, m.ctx.session.zone())));
    g.set_can_seal(v.progress.state.after(ShipmentAction::Seal).is_ok());
    g.set_can_deliver(v.progress.state.after(ShipmentAction::Deliver).is_ok());
    g.set_can_ship(v.progress.state.after(ShipmentAction::Ship).is_ok());
    g.set_can_return(v.progress.state.after(ShipmentAction::Return).is_ok());
    g.set_has_documents(!v.documents.is_empty());
}

/// Shipments still being packed or waiting for the courier, schools and printers.
fn refresh(m: &Rc<Mail>) {
    refresh_list(m);
    let current = *m.shipment.borrow();
    let mm = m.clone();
    m.ctx.run(
        &m.worker,
        move |s| {
            let ws = s.open()?;
            let shown = current.map(|id| app::shipments::show(&ws, id)).transpose()?;
            let printers = app::printing::list_printers(&ws)?.into_iter().map(|p| p.name).collect();
            Ok((app::schools::list(&ws)?, printers, shown))
        },
        move |app, r: Result<(Vec<SchoolSummary>, Vec<String>, Option<ShipmentView>)>| match r {
            Ok((schools, printers, shown)) => {
                let g = app.global::<Mailroom>();
                g.set_schools(strings(schools.iter().map(|s| format!("{} {}", s.code, s.name))));
                g.set_printers(strings(&printers));
                if g.get_printer_index() >= printers.len() as i32 {
                    g.set_printer_index(0);
                }
                *mm.schools.borrow_mut() = schools;
                *mm.printers.borrow_mut() = printers;
                if let Some(v) = shown {
                    show(&mm, app, &v);
                }
            }
            Err(e) => notice(app, &texts::error(&e), true),
        },
    );
}

fn refresh_list(m: &Rc<Mail>) {
    let mm = m.clone();
    m.ctx.run(
        &m.worker,
        |s| {
            let ws = s.open()?;
            let mut list = app::shipments::list(&ws, Some(ShipmentState::Open))?;
            list.extend(app::shipments::list(&ws, Some(ShipmentState::Sealed))?);
            Ok(list)
        },
        move |app, r| match r {
            Ok(list) => {
                app.global::<Mailroom>().set_open_shipments(table(rows::open_shipments(&list)));
                *mm.open.borrow_mut() = list;
            }
            Err(e) => notice(app, &texts::error(&e), true),
        },
    );
}

/// The couriers the mailroom can name for a tracking number; the first recognises the number
/// from its shape (EMS, 顺丰 and registered post have check digits), the last takes any number.
/// The carrier combo's choices: recognised from the number, then each carrier, the most used
/// first.
const CARRIERS: [Option<Carrier>; 5] =
    [None, Some(Carrier::Ems), Some(Carrier::Sf), Some(Carrier::Upu), Some(Carrier::Other)];

/// A shipment to one person instead of the school; all empty for the school.
#[derive(Default)]
struct ToPerson {
    address: Option<String>,
    recipient: Option<String>,
    phone: Option<String>,
}

fn create(m: &Rc<Mail>, person: ToPerson) {
    m.ctx.action_begins();
    let Some(app) = m.ctx.app() else { return };
    let index = app.global::<Mailroom>().get_school_index();
    let Some(school) = m.schools.borrow().get(index.max(0) as usize).filter(|_| index >= 0).map(|s| s.code.clone())
    else {
        return notice(&app, &crate::i18n::tr("wo-school-first"), true);
    };
    let mm = m.clone();
    let to_person = person.address.is_some();
    let req = CreateShipment {
        school,
        to: person.address,
        recipient: person.recipient,
        phone: person.phone,
        ..Default::default()
    };
    m.ctx.run(
        &m.worker,
        move |s| app::shipments::create(&s.open()?, &req),
        move |app, r| match r {
            Ok(v) => {
                if to_person {
                    app.global::<Mailroom>().set_to_person_open(false);
                }
                let text = crate::msg!(
                    "wo-shipment-created",
                    id = v.id.to_string(),
                    packets = v.expected as i64,
                    students = v.students
                );
                notice(app, &text.to_string(), false);
                // A station works on the shipment whose barcode it scanned last.
                scan(&mm, v.id.to_string());
            }
            Err(e) => notice(app, &texts::error(&e), true),
        },
    );
}

/// A step of the station's shipment (seal, deliver); `what` is the catalog key of its name.
fn step(
    m: &Rc<Mail>,
    what: &'static str,
    f: impl FnOnce(&app::Workspace, ShipmentCode) -> Result<ShipmentView> + Send + 'static,
) {
    m.ctx.action_begins();
    let Some(app) = m.ctx.app() else { return };
    let Some(id) = *m.shipment.borrow() else {
        return notice(&app, &crate::i18n::tr("wo-scan-first"), true);
    };
    let mm = m.clone();
    m.ctx.run(
        &m.worker,
        move |s| f(&s.open()?, id),
        move |app, r| match r {
            Ok(v) => {
                let text = crate::msg!(
                    "wo-step-done",
                    id = v.id.to_string(),
                    step = crate::i18n::tr(what),
                    state = texts::shipment_state(v.progress.state)
                );
                notice(app, &text.to_string(), false);
                show(&mm, app, &v);
                refresh_list(&mm);
            }
            Err(e) => notice(app, &texts::error(&e), true),
        },
    );
}

/// Print the label, or the shipment's and its packets' packing lists, of the station's
/// shipment on the chosen printer; the papers are written first if they are missing.
fn print(m: &Rc<Mail>, label: bool) {
    m.ctx.action_begins();
    let Some(app) = m.ctx.app() else { return };
    let g = app.global::<Mailroom>();
    let Some(id) = *m.shipment.borrow() else {
        return notice(&app, &crate::i18n::tr("wo-scan-first"), true);
    };
    let Some(printer) = m.printers.borrow().get(g.get_printer_index().max(0) as usize).cloned() else {
        return notice(&app, &crate::i18n::tr("wo-no-printer"), true);
    };
    g.set_busy(true);
    // Printers can be slow to answer: not on the scan worker, so scanning goes on meanwhile.
    let printing = Worker::new("mailroom-print");
    m.ctx.run(
        &printing,
        move |s| {
            let papers = if label { Papers::Label } else { Papers::PackingLists };
            app::shipments::print_papers(&s.open()?, id, &printer, papers)
        },
        move |app, r| {
            app.global::<Mailroom>().set_busy(false);
            match r {
                Ok(sent) => {
                    let what = crate::i18n::tr(if label { "wo-papers-label" } else { "wo-papers-packing-lists" });
                    let printer = sent.first().map(|s| s.printer.clone()).unwrap_or_default();
                    let text = crate::msg!("wo-papers-sent", what = what, printer = printer, n = sent.len());
                    notice(app, &text.to_string(), false);
                }
                Err(e) => notice(app, &texts::error(&e), true),
            }
        },
    );
}
