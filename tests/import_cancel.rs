//! An import stopped part-way (the operator cancels, or an error strikes while rows are being
//! stored) leaves the store exactly as it was: no rows, no photo files, no staging.

mod common;
use common::*;
use gradlab::app::{Workspace, batch};
use gradlab::progress::Progress;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Cancels once `after` items of the named stage have been reported.
struct CancelIn {
    stage: &'static str,
    after: u64,
    current: Mutex<String>,
    done: AtomicU64,
}

impl Progress for CancelIn {
    fn stage(&self, what: &str, _total: u64) {
        *self.current.lock().unwrap() = what.to_string();
        self.done.store(0, Ordering::SeqCst);
    }
    fn inc(&self, n: u64) {
        self.done.fetch_add(n, Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        *self.current.lock().unwrap() == self.stage && self.done.load(Ordering::SeqCst) >= self.after
    }
}

fn cancel_during(stage: &'static str, after: u64) {
    let ws = Ws::new();
    ws.add_school("10418");
    let rs: Vec<Row> = (0..120).map(|i| Row::new(i, "10418", "1班")).collect();
    let batch_dir = ws.path("batch");
    write_batch(&batch_dir, &rs, |r| Some(good_photo(1000 + r.xh[8..].parse::<u64>().unwrap())));
    let before = ws.snapshot();
    let workspace = Workspace::open(&ws.root()).unwrap();
    let p = CancelIn { stage, after, current: Mutex::new(String::new()), done: AtomicU64::new(0) };
    let err = batch::import(&workspace, &batch_dir, false, &p).unwrap_err();
    assert!(matches!(err, gradlab::Error::Cancelled), "{err}");
    assert_eq!(ws.snapshot(), before, "store unchanged after cancelling in {stage}");
    assert!(!ws.root().join("photos/.staging").exists());
    // And the same import then goes through whole.
    let report = batch::import(&workspace, &batch_dir, false, &gradlab::progress::Silent).unwrap();
    assert_eq!(report.accepted.len(), 120);
}

#[test]
fn cancelled_while_checking_photos() {
    cancel_during("checking photos", 30);
}

#[test]
fn cancelled_while_storing_rows_after_photos_were_placed() {
    cancel_during("storing", 60);
}
