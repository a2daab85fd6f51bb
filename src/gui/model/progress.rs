//! Progress for the window: a [`Reporter`] implements [`crate::progress::Progress`] for a
//! service running on a worker thread and hands snapshots ([`TaskState`]) to a sink that posts
//! them to the UI thread. Services call `inc` per item, so snapshots are throttled to about 30
//! a second; a new stage, the last item and the end always get through.

use crate::progress::Progress;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What a progress bar shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskState {
    pub running: bool,
    pub stage: String,
    pub done: u64,
    pub total: u64,
    pub note: String,
}

/// Fastest rate at which snapshots are posted while items are counted.
pub const MIN_INTERVAL: Duration = Duration::from_millis(33);

type Sink = Box<dyn Fn(TaskState) + Send + Sync>;

pub struct Reporter {
    inner: Mutex<Inner>,
    sink: Sink,
    cancel: Arc<AtomicBool>,
    interval: Duration,
}

struct Inner {
    state: TaskState,
    last_post: Option<Instant>,
}

impl Reporter {
    /// A reporter that starts in the `running` state, under the stage name `first_stage`.
    pub fn new(first_stage: &str, cancel: Arc<AtomicBool>, sink: impl Fn(TaskState) + Send + Sync + 'static) -> Self {
        Reporter::with_interval(first_stage, cancel, MIN_INTERVAL, sink)
    }

    pub fn with_interval(
        first_stage: &str,
        cancel: Arc<AtomicBool>,
        interval: Duration,
        sink: impl Fn(TaskState) + Send + Sync + 'static,
    ) -> Self {
        cancel.store(false, Ordering::SeqCst);
        let state = TaskState { running: true, stage: first_stage.to_string(), ..TaskState::default() };
        let r = Reporter {
            inner: Mutex::new(Inner { state: state.clone(), last_post: None }),
            sink: Box::new(sink),
            cancel,
            interval,
        };
        (r.sink)(state);
        r
    }

    /// The work is over: post the final state, no longer running, with `stage` as its label.
    pub fn finish(&self, stage: &str) {
        let snapshot = {
            let mut inner = self.lock();
            inner.state.running = false;
            inner.state.stage = stage.to_string();
            inner.state.clone()
        };
        (self.sink)(snapshot);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update(&self, force: bool, change: impl FnOnce(&mut TaskState)) {
        let snapshot = {
            let mut inner = self.lock();
            change(&mut inner.state);
            let now = Instant::now();
            let at_end = inner.state.total > 0 && inner.state.done >= inner.state.total;
            let due = inner.last_post.is_none_or(|t| now.duration_since(t) >= self.interval);
            if !(force || at_end || due) {
                return;
            }
            inner.last_post = Some(now);
            inner.state.clone()
        };
        (self.sink)(snapshot);
    }
}

impl Progress for Reporter {
    fn stage(&self, what: &str, total: u64) {
        self.update(true, |s| {
            s.stage = what.to_string();
            s.total = total;
            s.done = 0;
        });
    }

    fn inc(&self, n: u64) {
        self.update(false, |s| s.done += n);
    }

    fn note(&self, what: &str) {
        self.update(true, |s| s.note = what.to_string());
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collecting() -> (Arc<Mutex<Vec<TaskState>>>, impl Fn(TaskState) + Send + Sync + 'static) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        (seen, move |t| s.lock().unwrap().push(t))
    }

    #[test]
    fn per_item_updates_are_throttled_but_the_end_always_arrives() {
        let (seen, sink) = collecting();
        let r = Reporter::with_interval("开始", Arc::default(), Duration::from_secs(3600), sink);
        r.stage("rendering", 10_000);
        for _ in 0..10_000 {
            r.inc(1);
        }
        r.finish("done");
        let seen = seen.lock().unwrap();
        // start, stage, the first item, the last item, finish
        assert!(seen.len() <= 5, "{} snapshots posted", seen.len());
        let last_running = seen.iter().rev().find(|s| s.running).unwrap();
        assert_eq!((last_running.done, last_running.total), (10_000, 10_000));
        assert!(!seen.last().unwrap().running);
    }

    #[test]
    fn cancelling_is_seen_by_the_service() {
        let flag = Arc::new(AtomicBool::new(true));
        let r = Reporter::new("x", flag.clone(), |_| {});
        assert!(!r.cancelled(), "a new task starts uncancelled");
        flag.store(true, Ordering::SeqCst);
        assert!(r.cancelled());
        assert!(crate::progress::check(&r).is_err());
    }
}
