//! Driving the window headless (Slint's testing backend): run its event loop until what a test
//! waits for has happened.

use gradlab::gui::ui::AppWindow;
use slint::ComponentHandle;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Run the event loop until `cond` holds (or a minute has passed), then check it.
pub fn wait_for(app: &AppWindow, what: &str, cond: impl Fn(&AppWindow) -> bool + 'static) {
    let cond = Rc::new(cond);
    let deadline = Instant::now() + Duration::from_secs(60);
    let weak = app.as_weak();
    let c = cond.clone();
    let timer = slint::Timer::default();
    timer.start(slint::TimerMode::Repeated, Duration::from_millis(20), move || {
        let done = weak.upgrade().is_none_or(|app| c(&app));
        if done || Instant::now() > deadline {
            slint::quit_event_loop().unwrap();
        }
    });
    slint::run_event_loop().unwrap();
    timer.stop();
    assert!(cond(app), "timed out waiting for {what}");
}

/// Let the window's own timers run for a while (focus, change handlers, retries).
pub fn settle(app: &AppWindow, ms: u64) {
    let until = Instant::now() + Duration::from_millis(ms);
    wait_for(app, "time to pass", move |_| Instant::now() >= until);
}
