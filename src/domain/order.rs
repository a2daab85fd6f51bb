//! Print order: the order in which a school's students come off the printer, so the school can
//! hand photos out class by class. With a roster, roster order (students not on it after, by
//! class then 学号); without one, class, then shooting sequence, then 学号.

use super::student::Student;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The part of a roster row that decides matching: 采集码 when present, else 学号.
#[derive(Debug, Clone)]
pub struct RosterKey {
    pub cjm: Option<String>,
    pub xh: Option<String>,
}

/// For each roster row, the index of the student it matches, if any. A student is matched by
/// at most one row (the first).
pub fn match_roster(students: &[Student], roster: &[RosterKey]) -> Vec<Option<usize>> {
    let by_cjm: HashMap<&str, usize> = students.iter().enumerate().map(|(i, s)| (s.cjm.as_str(), i)).collect();
    let mut by_xh: HashMap<&str, usize> = HashMap::new();
    for (i, s) in students.iter().enumerate() {
        by_xh.entry(s.xh.as_str()).or_insert(i);
    }
    let mut taken = vec![false; students.len()];
    roster
        .iter()
        .map(|row| {
            let hit = match &row.cjm {
                Some(c) => by_cjm.get(c.as_str()).copied(),
                None => row.xh.as_deref().and_then(|x| by_xh.get(x).copied()),
            };
            match hit {
                Some(i) if !taken[i] => {
                    taken[i] = true;
                    Some(i)
                }
                _ => None,
            }
        })
        .collect()
}

/// Student numbers compare as numbers when both are all digits, so `9` sorts before `10`.
pub fn cmp_student_number(a: &str, b: &str) -> Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if digits(a) && digits(b) {
        let (ta, tb) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
        ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb)).then_with(|| a.cmp(b))
    } else {
        a.cmp(b)
    }
}

fn without_roster(a: &Student, b: &Student) -> Ordering {
    a.bh.cmp(&b.bh)
        .then_with(|| match (a.shooting_seq, b.shooting_seq) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| cmp_student_number(&a.xh, &b.xh))
        .then_with(|| a.cjm.cmp(&b.cjm))
}

/// Students in print order, each with its 1-based roster position when on the roster.
pub fn print_order(students: &[Student], roster: Option<&[RosterKey]>) -> Vec<(usize, Option<usize>)> {
    let Some(roster) = roster else {
        let mut idx: Vec<usize> = (0..students.len()).collect();
        idx.sort_by(|&a, &b| without_roster(&students[a], &students[b]));
        return idx.into_iter().map(|i| (i, None)).collect();
    };
    let matched = match_roster(students, roster);
    let mut on_roster = vec![false; students.len()];
    let mut out: Vec<(usize, Option<usize>)> = Vec::with_capacity(students.len());
    for (pos, hit) in matched.iter().enumerate() {
        if let Some(i) = *hit {
            on_roster[i] = true;
            out.push((i, Some(pos + 1)));
        }
    }
    let mut rest: Vec<usize> = (0..students.len()).filter(|&i| !on_roster[i]).collect();
    rest.sort_by(|&a, &b| {
        let (a, b) = (&students[a], &students[b]);
        a.bh.cmp(&b.bh).then_with(|| cmp_student_number(&a.xh, &b.xh)).then_with(|| a.cjm.cmp(&b.cjm))
    });
    out.extend(rest.into_iter().map(|i| (i, None)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SchoolCode;

    fn st(cjm: &str, xh: &str, bh: &str, seq: Option<i64>) -> Student {
        Student {
            cjm: cjm.into(),
            school: SchoolCode::parse("10418").unwrap(),
            xh: xh.into(),
            xm: "张*".into(),
            bh: bh.into(),
            cc: String::new(),
            xllb: String::new(),
            zjhm4: String::new(),
            sjc: None,
            shooting_seq: seq,
        }
    }

    #[test]
    fn without_roster_class_then_sequence_then_number() {
        let s = vec![
            st("a", "10", "2班", None),
            st("b", "9", "2班", None),
            st("c", "3", "1班", Some(2)),
            st("d", "1", "1班", Some(5)),
            st("e", "2", "1班", None),
        ];
        let order: Vec<&str> = print_order(&s, None).iter().map(|(i, _)| s[*i].cjm.as_str()).collect();
        assert_eq!(order, ["c", "d", "e", "b", "a"]);
    }

    #[test]
    fn roster_order_first_then_the_rest() {
        let s = vec![
            st("a", "1", "1班", None),
            st("b", "2", "1班", None),
            st("c", "3", "2班", None),
            st("d", "4", "1班", None),
        ];
        let roster = vec![
            RosterKey { cjm: None, xh: Some("3".into()) },
            RosterKey { cjm: Some("b".into()), xh: Some("999".into()) },
            RosterKey { cjm: None, xh: Some("77".into()) },
        ];
        let order = print_order(&s, Some(&roster));
        let got: Vec<(&str, Option<usize>)> = order.iter().map(|(i, p)| (s[*i].cjm.as_str(), *p)).collect();
        assert_eq!(got, [("c", Some(1)), ("b", Some(2)), ("a", None), ("d", None)]);
    }
}
