//! Thin adapters between the window and the services: each screen's module wires the
//! callbacks of its Slint global to service calls made on a worker thread, and maps what comes
//! back (through `gui::model`) to Slint's models. No SQL, no PDF, no business rules here.
//! Errors are shown with `Error`'s Display, the same words the CLI prints.

mod admin;
mod chooser;
mod ecopy;
mod mailroom;
mod printers;
mod technician;
mod walkin;

use super::model::progress::{Reporter, TaskState};
use super::model::rows::Rows;
use super::model::session::Session;
use super::model::texts;
use super::model::worker::{self, Worker};
use super::ui::{self, AppWindow};
use crate::error::{Error, Result, Unreachable};
use slint::{ComponentHandle, ModelRc, SharedString, StandardListViewItem, VecModel, Weak};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub(crate) use chooser::Chooser;

/// What every screen's adapter shares.
pub(crate) struct Ctx {
    pub session: Session,
    pub weak: Weak<AppWindow>,
    pub chooser: Chooser,
    /// Service calls under way; shown as `AppWindow.pending` so tests and the screenshot
    /// driver can wait for the window to settle.
    pending: Cell<i32>,
    /// Reloads what the screen in front shows (set once every screen is wired).
    reload: RefCell<Option<Rc<dyn Fn()>>>,
    /// While the shared store does not answer: the timer that asks it again.
    retry: RefCell<Option<slint::Timer>>,
    probe: Worker,
}

/// How often the window asks a shared store that stopped answering whether it is back.
const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// Wire every screen to the services and load what each shows first.
pub fn wire(app: &AppWindow, session: Session) {
    app.set_workspace(session.root().display().to_string().into());
    app.set_station(session.station().into());
    app.set_operator(session.operator().into());
    let ctx = Rc::new(Ctx {
        session,
        weak: app.as_weak(),
        chooser: Chooser::default(),
        pending: Cell::new(0),
        reload: RefCell::default(),
        retry: RefCell::default(),
        probe: Worker::new("probe"),
    });
    chooser::wire(app, &ctx);
    wire_operator(app, &ctx);
    let tech = technician::wire(app, &ctx);
    walkin::wire(app, &ctx);
    printers::wire(app, &ctx);
    let mail = mailroom::wire(app, &ctx);
    let admin = admin::wire(app, &ctx);
    let ecopy = ecopy::wire(app, &ctx);
    let shown = Rc::new(move |screen: i32| match screen {
        0 => tech(),
        1 => mail(),
        _ => {
            admin();
            ecopy();
        }
    });
    let weak = app.as_weak();
    let again = shown.clone();
    *ctx.reload.borrow_mut() = Some(Rc::new(move || {
        if let Some(app) = weak.upgrade() {
            again(app.get_screen());
        }
    }));
    app.on_screen_shown(move |screen| shown(screen));
}

/// The names the operator choice offers: enough for a lab's shifts, few enough to read.
const OPERATORS_OFFERED: usize = 6;

/// Who is at this station: the one remembered for it (unless `--operator` said), shown in
/// the footer, changed with 更换操作人, and recorded with every action from then on.
fn wire_operator(app: &AppWindow, ctx: &Rc<Ctx>) {
    let load = {
        let ctx = ctx.clone();
        move |take_remembered: bool| {
            ctx.run(&ctx.probe, |s| crate::app::operators::station_operator(&s.open()?), {
                let ctx = ctx.clone();
                move |app, r: Result<crate::app::operators::StationOperator>| {
                    let Ok(here) = r else { return };
                    if take_remembered && !here.operator.is_empty() && !ctx.session.operator_given() {
                        ctx.session.set_operator(&here.operator);
                    }
                    let chosen = ctx.session.operator_given() || !here.operator.is_empty();
                    app.set_operator(ctx.session.operator().into());
                    app.set_operator_unchosen(!chosen);
                    app.set_known_operators(strings(here.known.iter().take(OPERATORS_OFFERED)));
                }
            })
        }
    };
    load(true);
    let c = ctx.clone();
    app.on_choose_operator(move |name| {
        let name = name.to_string();
        let ctx = c.clone();
        let load = load.clone();
        c.run(
            &c.probe,
            move |s| crate::app::operators::choose_operator(&s.open()?, &name),
            move |app, r| match r {
                Ok(name) => {
                    ctx.session.set_operator(&name);
                    app.set_operator_error(SharedString::new());
                    app.set_choosing_operator(false);
                    load(false);
                }
                Err(e) => app.set_operator_error(texts::error(&e).into()),
            },
        );
    });
}

impl Ctx {
    pub fn app(&self) -> Option<AppWindow> {
        self.weak.upgrade()
    }

    /// An action begins: the status line no longer speaks of the one before.
    pub fn action_begins(&self) {
        if let Some(app) = self.app() {
            app.global::<ui::Technician>().set_notice(SharedString::new());
            app.global::<ui::Mailroom>().set_notice(SharedString::new());
            app.global::<ui::Admin>().set_notice(SharedString::new());
        }
    }

    fn add_pending(&self, n: i32) {
        self.pending.set(self.pending.get() + n);
        if let Some(app) = self.app() {
            app.set_pending(self.pending.get());
        }
    }

    /// Run `work` on `worker`, then `done` on the UI thread with its result. `done` may hold
    /// the window's state; a panic in `work` arrives as an error. The log names the action by
    /// the adapter function and line that asked for it.
    #[track_caller]
    pub fn run<T: Send + 'static>(
        self: &Rc<Self>,
        worker: &Worker,
        work: impl FnOnce(&Session) -> Result<T> + Send + 'static,
        done: impl FnOnce(&AppWindow, Result<T>) + 'static,
    ) {
        let (tx, rx) = worker::oneshot();
        let session = self.session.clone();
        let action = window_action(std::any::type_name_of_val(&work), std::panic::Location::caller());
        worker.run(move || tx.send(logged(action, guarded(|| work(&session)))));
        self.finish_with(rx, done);
    }

    /// Like [`Ctx::run`], for long work on a thread of its own that reports progress to a
    /// bar: `show` puts each snapshot into the window; `cancel` is the bar's cancel flag.
    #[track_caller]
    pub fn run_long<T: Send + 'static>(
        self: &Rc<Self>,
        name: &str,
        first_stage: &str,
        cancel: &Arc<AtomicBool>,
        show: fn(&AppWindow, ui::TaskState),
        work: impl FnOnce(&Session, &Reporter) -> Result<T> + Send + 'static,
        done: impl FnOnce(&AppWindow, Result<T>) + 'static,
    ) {
        let weak = self.weak.clone();
        let reporter = Reporter::new(first_stage, cancel.clone(), move |s| {
            let _ = weak.upgrade_in_event_loop(move |app| show(&app, task(&s)));
        });
        let (tx, rx) = worker::oneshot();
        let session = self.session.clone();
        // Said in the window's language, which the worker thread may not speak.
        let [finished, cancelled, failed] = ["wt-done", "wt-cancelled", "wt-failed"].map(crate::i18n::tr);
        let action = window_action(std::any::type_name_of_val(&work), std::panic::Location::caller());
        worker::spawn(name, move || {
            let result = logged(action, guarded(|| work(&session, &reporter)));
            reporter.finish(match &result {
                Ok(_) => &finished,
                Err(Error::Cancelled) => &cancelled,
                Err(_) => &failed,
            });
            tx.send(result);
        });
        self.finish_with(rx, done);
    }

    fn finish_with<T: 'static>(
        self: &Rc<Self>,
        rx: worker::Receiver<Result<T>>,
        done: impl FnOnce(&AppWindow, Result<T>) + 'static,
    ) {
        self.add_pending(1);
        let ctx = self.clone();
        let spawned = slint::spawn_local(async move {
            let result = rx.await.unwrap_or_else(|| Err(Error::input("internal error: the work stopped")));
            if let Some(u) = result.as_ref().err().and_then(Error::unreachable) {
                ctx.store_unreachable(&u);
            }
            if let Some(app) = ctx.app() {
                done(&app, result);
            }
            ctx.add_pending(-1);
        });
        if let Err(e) = spawned {
            eprintln!("error: {e}");
            self.add_pending(-1);
        }
    }
}

impl Ctx {
    /// The shared store stopped answering: say so above every screen, and ask it again every
    /// few seconds until it answers; then clear the notice and reload the screen in front, so
    /// nobody has to restart the window.
    fn store_unreachable(self: &Rc<Self>, why: &Unreachable) {
        if let Some(app) = self.app() {
            app.set_connection_lost(texts::unreachable(why).into());
        }
        if self.retry.borrow().is_some() {
            return;
        }
        let timer = slint::Timer::default();
        let ctx = Rc::downgrade(self);
        let asking = Rc::new(Cell::new(false));
        timer.start(slint::TimerMode::Repeated, RETRY_EVERY, move || {
            let Some(ctx) = ctx.upgrade() else { return };
            if asking.replace(true) {
                return;
            }
            let (tx, rx) = worker::oneshot();
            let session = ctx.session.clone();
            ctx.probe.run(move || tx.send(guarded(|| session.open()?.store_info().map(|_| ()))));
            let asking = asking.clone();
            let _ = slint::spawn_local(async move {
                let answer = rx.await.unwrap_or_else(|| Err(Error::input("internal error: the work stopped")));
                asking.set(false);
                match answer {
                    Ok(()) => ctx.store_answers(),
                    Err(e) => match (e.unreachable(), ctx.app()) {
                        (Some(u), Some(app)) => app.set_connection_lost(texts::unreachable(&u).into()),
                        // Anything else is not the connection: the screen's own work will say it.
                        _ => ctx.store_answers(),
                    },
                }
            });
        });
        *self.retry.borrow_mut() = Some(timer);
    }

    fn store_answers(&self) {
        self.retry.borrow_mut().take();
        if let Some(app) = self.app() {
            app.set_connection_lost(SharedString::new());
        }
        let reload = self.reload.borrow().clone();
        if let Some(reload) = reload {
            reload();
        }
    }
}

/// A window action as the log names it: the adapter function that asked for it and its line
/// (`window action technician::wire_jobs (src/gui/adapters/technician.rs:355)`), begun now.
fn window_action(work: &str, at: &std::panic::Location<'_>) -> crate::support_log::Action {
    let name = work.trim_start_matches("gradlab::gui::adapters::").replace("::{{closure}}", "");
    crate::support_log::Action::begin(format!("window action {name} ({}:{})", at.file(), at.line()))
}

/// Tell the log how an action ended, and pass its result on.
fn logged<T>(action: crate::support_log::Action, result: Result<T>) -> Result<T> {
    match &result {
        Ok(_) => action.ended("done"),
        Err(e) => action.failed(e),
    }
    result
}

/// Turn a panic in a service into an error the window can show.
fn guarded<T>(work: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::input(format!("internal error: {what}")))
    })
}

/// Rows of strings as a Slint table model.
pub(crate) fn table(rows: Rows) -> ModelRc<ModelRc<StandardListViewItem>> {
    let rows: Vec<ModelRc<StandardListViewItem>> = rows
        .into_iter()
        .map(|r| {
            let cells: Vec<StandardListViewItem> = r.iter().map(|c| StandardListViewItem::from(c.as_str())).collect();
            ModelRc::new(VecModel::from(cells))
        })
        .collect();
    ModelRc::new(VecModel::from(rows))
}

pub(crate) fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> ModelRc<SharedString> {
    let v: Vec<SharedString> = items.into_iter().map(|s| SharedString::from(s.as_ref())).collect();
    ModelRc::new(VecModel::from(v))
}

pub(crate) fn task(s: &TaskState) -> ui::TaskState {
    ui::TaskState {
        running: s.running,
        stage: s.stage.as_str().into(),
        done: s.done.min(i32::MAX as u64) as i32,
        total: s.total.min(i32::MAX as u64) as i32,
        note: s.note.as_str().into(),
    }
}

/// A task bar that says work has begun, before the worker's first snapshot arrives.
pub(crate) fn starting(stage: &str) -> ui::TaskState {
    ui::TaskState { running: true, stage: stage.into(), ..Default::default() }
}

/// A typed value, or `None` when the field was left empty.
pub(crate) fn given(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The row of `key` in `keys`, for keeping a selection across a reload.
pub(crate) fn row_of<K: PartialEq + ?Sized, T: std::borrow::Borrow<K>>(keys: &[T], key: Option<&K>) -> i32 {
    key.and_then(|k| keys.iter().position(|x| x.borrow() == k)).map(|i| i as i32).unwrap_or(-1)
}
