//! How messages count things: "1 packet", "3 packets". English needs the plural chosen by
//! the number; one helper keeps every message right.

/// `n` followed by the singular or plural noun, as the number wants.
pub fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(super::count(1, "packet", "packets"), "1 packet");
        assert_eq!(super::count(0, "packet", "packets"), "0 packets");
        assert_eq!(super::count(2, "copy", "copies"), "2 copies");
    }
}
