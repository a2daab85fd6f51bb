//! The audit log's hash chain. Each entry's hash covers the entry and the hash before it, so an
//! entry changed, removed or slipped in with sqlite3 (after dropping the triggers that refuse
//! it) breaks the chain from that entry on. Entries written before the chain existed carry no
//! hash; they may only come first.

use sha2::{Digest, Sha256};

/// One audit entry as the chain sees it.
#[derive(Debug, Clone)]
pub struct Link {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub os_account: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    /// The station (computer) the action was taken at; empty in entries from before stations.
    pub station: String,
    pub hash: String,
}

/// The hash of an entry following `prev` (empty for the first entry, or after unchained ones).
pub fn hash(prev: &str, l: &Link) -> String {
    let mut h = Sha256::new();
    for part in [prev, &l.id.to_string(), &l.at, &l.operator, &l.os_account, &l.action, &l.subject, &l.detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    // Entries from before stations were recorded hash as they always did.
    if !l.station.is_empty() {
        h.update((l.station.len() as u64).to_le_bytes());
        h.update(l.station.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a walk along the chain found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verdict {
    /// Entries checked.
    pub entries: usize,
    /// Entries from before the chain (no hash), all at the start.
    pub unchained: usize,
    /// The first entry where the chain breaks, and why; none when whole.
    pub broken_at: Option<i64>,
    pub problem: Option<String>,
}

/// Walk `links` (in id order). `prev` is the entry just before the first (id and hash), when the
/// walk starts part-way.
pub fn verify(links: &[Link], prev: Option<(i64, String)>) -> Verdict {
    let mut v = Verdict { entries: links.len(), unchained: 0, broken_at: None, problem: None };
    let (mut prev_id, mut prev_hash) = prev.clone().unwrap_or((0, String::new()));
    let mut chained = prev.as_ref().is_some_and(|(_, h)| !h.is_empty());
    let mut first = prev.is_none();
    for l in links {
        let fail = |why: String| (Some(l.id), Some(why));
        let (at, why) = if !first && l.id != prev_id + 1 {
            fail(format!("entries {} to {} are missing", prev_id + 1, l.id - 1))
        } else if l.hash.is_empty() {
            if chained { fail(format!("entry {} has no hash after chained entries", l.id)) } else { (None, None) }
        } else if l.hash != hash(&prev_hash, l) {
            fail(format!(
                "entry {} ({} {}) does not match its hash: it was changed or the entry before it was",
                l.id, l.action, l.subject
            ))
        } else {
            (None, None)
        };
        if at.is_some() {
            v.broken_at = at;
            v.problem = why;
            return v;
        }
        if l.hash.is_empty() {
            v.unchained += 1;
        } else {
            chained = true;
        }
        first = false;
        prev_id = l.id;
        prev_hash = l.hash.clone();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Link> {
        let mut prev = String::new();
        (1..=n)
            .map(|id| {
                let mut l = Link {
                    station: String::new(),
                    id,
                    at: format!("2026-11-29T10:00:{id:02}Z"),
                    operator: "甲".into(),
                    os_account: "lab (uid 1000)".into(),
                    action: "job.create".into(),
                    subject: format!("job J{id}"),
                    detail: String::new(),
                    hash: String::new(),
                };
                l.hash = hash(&prev, &l);
                prev = l.hash.clone();
                l
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies_and_any_change_breaks_it() {
        let c = chain(5);
        assert_eq!(verify(&c, None).broken_at, None);
        let mut changed = c.clone();
        changed[2].detail = "nothing happened".into();
        assert_eq!(verify(&changed, None).broken_at, Some(3));
        let mut removed = c.clone();
        removed.remove(1);
        assert_eq!(verify(&removed, None).broken_at, Some(3));
        let mut last_gone = c.clone();
        last_gone.pop();
        assert_eq!(verify(&last_gone, None).broken_at, None, "entries cut from the end leave a shorter whole chain");
        assert_eq!(verify(&c[3..], Some((3, c[2].hash.clone()))).broken_at, None, "a walk may start part-way");
    }

    #[test]
    fn unchained_entries_may_only_come_first() {
        let mut c = chain(3);
        let mut legacy: Vec<Link> = (1..=2).map(|id| Link { id, hash: String::new(), ..c[0].clone() }).collect();
        let mut prev = String::new();
        for (i, l) in c.iter_mut().enumerate() {
            l.id = i as i64 + 3;
            l.hash = hash(&prev, l);
            prev = l.hash.clone();
        }
        legacy.extend(c.clone());
        let v = verify(&legacy, None);
        assert_eq!((v.unchained, v.broken_at), (2, None));
        legacy[3].hash = String::new();
        assert_eq!(verify(&legacy, None).broken_at, Some(4));
    }
}
