//! "Did you mean": the known values closest to a mistyped one (a school code with two digits
//! swapped, a 学号 with one digit wrong), so a refusal can point at the likely right answer
//! instead of only saying what is wrong.

/// Up to `max` of `known` within a small edit distance of `typed`, closest first. Swapped
/// neighbours count as one edit, as they are the commonest slip at a keyboard.
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<&'a str> {
    let typed = typed.trim();
    let limit = (typed.chars().count() / 4).clamp(1, 3);
    let mut near: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != typed)
        .map(|k| (strsim::damerau_levenshtein(typed, k), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort();
    near.dedup_by(|a, b| a.1 == b.1);
    near.into_iter().take(max).map(|(_, k)| k).collect()
}

/// Row numbers as a person reads them: `3, 5-7, 12`.
pub fn row_ranges(rows: &[usize]) -> String {
    let mut rows = rows.to_vec();
    rows.sort_unstable();
    rows.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}-{}", rows[i], rows[j]) } else { rows[i].to_string() });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_and_mistyped_digits_find_the_registered_code() {
        let known = ["10418", "10611", "10001"];
        assert_eq!(closest("10481", known, 3), ["10418"]);
        assert_eq!(closest("10612", known, 3), ["10611"]);
        assert!(closest("99999", known, 3).is_empty());
        assert!(closest("10418", known, 3).is_empty(), "the value itself is no suggestion");
    }

    #[test]
    fn student_numbers_allow_a_little_more_slack() {
        let known = ["2020010001032", "2020010001033", "2019990000001"];
        assert_eq!(closest("2020010001023", known, 2), ["2020010001032", "2020010001033"]);
    }

    #[test]
    fn ranges() {
        assert_eq!(row_ranges(&[7, 3, 5, 6, 12]), "3, 5-7, 12");
        assert_eq!(row_ranges(&[]), "");
    }
}
