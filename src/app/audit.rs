//! The audit log as an administrator checks it: the whole chain walked (`audit verify`), and on
//! every open a cheap look (the triggers in place, the last entries chained) so a log changed
//! with sqlite3 does not go unnoticed until someone thinks to ask.

use super::Outcome;
use super::Workspace;
use crate::domain::audit_chain::{self, Verdict};
use crate::error::Result;
use crate::store::Store;

/// Entries walked on every open.
const LOOK_BACK: i64 = 200;

/// Walk the whole chain.
pub fn verify(ws: &Workspace) -> Result<Verdict> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    Ok(audit_chain::verify(&tx.audit_links(0)?, None))
}

/// Nothing stands when the chain is broken.
pub fn outcome(verdict: &Verdict) -> Outcome {
    if verdict.problem.is_some() { Outcome::Nothing } else { Outcome::Done }
}

/// Put back dropped triggers and check the last entries; what a person should know, if anything.
pub fn look_on_open(store: &mut Store) -> Result<Vec<String>> {
    let mut said = Vec::new();
    let tx = store.read()?;
    let restored = tx.restore_audit_guards()?;
    let mark = tx.audit_mark(LOOK_BACK)?;
    let links = tx.audit_links(mark.as_ref().map_or(0, |m| m.0))?;
    let verdict = audit_chain::verify(&links, mark);
    if !restored.is_empty() {
        tx.audit(
            "gradlab",
            "audit.guards-restored",
            "audit log",
            &format!("{} had been dropped and were put back", restored.join(", ")),
        )?;
        tx.commit()?;
        said.push(format!(
            "the audit log's guards ({}) had been removed outside gradlab and were put back; run gradlab audit verify",
            restored.join(", ")
        ));
    }
    if let Some(problem) = verdict.problem {
        said.push(format!("the audit log was changed outside gradlab: {problem}; run gradlab audit verify"));
    }
    Ok(said)
}
