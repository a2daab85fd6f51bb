//! How long work reports progress and learns it should stop. The CLI shows it as a progress
//! bar, the GUI as a bar with a cancel button; tests use it to stop work part-way.

/// Receives progress from a service. Implementations must be cheap: `inc` is called per item.
pub trait Progress: Sync {
    /// A new stage of the work begins, with `total` items (0 when unknown).
    fn stage(&self, what: &str, total: u64);
    fn inc(&self, n: u64);
    /// Something worth telling the operator while the work goes on (a busy printer, say).
    fn note(&self, _what: &str) {}
    /// Whether the operator asked to stop; the service then undoes what it did.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Progress that nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &str, _: u64) {}
    fn inc(&self, _: u64) {}
}

/// Stop with [`crate::Error::Cancelled`] if the operator asked to.
pub fn check(p: &dyn Progress) -> crate::Result<()> {
    if p.cancelled() { Err(crate::Error::Cancelled) } else { Ok(()) }
}
