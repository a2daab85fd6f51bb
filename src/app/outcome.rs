//! What a user action came to, for the exit code and for anyone who reports it: done, done with
//! some items refused (each named in the service's report), or nothing done. Services decide
//! it; only `main` turns it into a number.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done, or was so already.
    Done,
    /// Done, but some items were refused or failed; the report names each.
    Partly,
    /// Nothing was done: every item was refused, or what was checked is broken as a whole.
    Nothing,
}

impl Outcome {
    /// From how many items were done and how many refused: none refused is done, none done is
    /// nothing, and both is partly.
    pub fn of(done: usize, refused: usize) -> Self {
        match (done, refused) {
            (_, 0) => Outcome::Done,
            (0, _) => Outcome::Nothing,
            _ => Outcome::Partly,
        }
    }

    /// Done unless some items were refused, which leaves it partly done.
    pub fn refusing(refused: usize) -> Self {
        if refused == 0 { Outcome::Done } else { Outcome::Partly }
    }
}

#[cfg(test)]
mod tests {
    use super::Outcome;

    #[test]
    fn refusals_decide_between_done_partly_and_nothing() {
        assert_eq!(Outcome::of(5, 0), Outcome::Done);
        assert_eq!(Outcome::of(0, 0), Outcome::Done, "nothing asked, nothing refused");
        assert_eq!(Outcome::of(4, 1), Outcome::Partly);
        assert_eq!(Outcome::of(0, 2), Outcome::Nothing);
        assert_eq!(Outcome::refusing(0), Outcome::Done);
        assert_eq!(Outcome::refusing(3), Outcome::Partly);
    }
}
