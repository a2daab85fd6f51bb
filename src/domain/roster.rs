//! A school's roster (学校数据表): its rows in the school's order. Full names and the last four
//! of ID numbers may be on it; full names are kept apart from students and never printed
//! unless a layout asks for them.

use super::order::RosterKey;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterRow {
    /// The row's number in the file as a spreadsheet shows it (1-based).
    pub source_row: usize,
    pub cjm: Option<String>,
    pub xh: Option<String>,
    pub full_name: Option<String>,
    pub id_last4: Option<String>,
    pub bh: Option<String>,
    pub department: Option<String>,
    pub major: Option<String>,
}

impl RosterRow {
    pub fn key(&self) -> RosterKey {
        RosterKey { cjm: self.cjm.clone(), xh: self.xh.clone() }
    }
}

/// A roster row with the class it belongs to (its own 班级 cell, else its student's class;
/// None when neither is known) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow<T> {
    pub row: RosterRow,
    pub class: Option<String>,
    pub origin: T,
}

/// The roster after a school sends one for some of its classes. Schools send a roster per
/// class, at different times: the classes in the new file take its order, in the places the
/// old roster gave those classes (in the new file's class order); every other class keeps its
/// rows and its place. Old rows of no known class are dropped; new rows of a class the old
/// roster lacked, or of no known class, follow at the end in the file's order.
pub fn replace_classes<T: Clone>(old: &[ClassRow<T>], new: &[ClassRow<T>]) -> Vec<ClassRow<T>> {
    fn classes<T>(rows: &[ClassRow<T>]) -> Vec<&String> {
        let mut seen: Vec<&String> = Vec::new();
        for c in rows.iter().filter_map(|r| r.class.as_ref()) {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen
    }
    let of = |rows: &[ClassRow<T>], class: &String| -> Vec<ClassRow<T>> {
        rows.iter().filter(|r| r.class.as_ref() == Some(class)).cloned().collect()
    };
    let old_classes = classes(old);
    let new_classes = classes(new);
    let mut incoming = new_classes.iter().filter(|c| old_classes.contains(c));
    let mut out: Vec<ClassRow<T>> = Vec::with_capacity(old.len() + new.len());
    for class in &old_classes {
        if new_classes.contains(class) {
            if let Some(next) = incoming.next() {
                out.extend(of(new, next));
            }
        } else {
            out.extend(of(old, class));
        }
    }
    out.extend(new.iter().filter(|n| n.class.as_ref().is_none_or(|c| !old_classes.contains(&c))).cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize, class: Option<&str>, origin: u8) -> ClassRow<u8> {
        let row = RosterRow {
            source_row: n,
            cjm: None,
            xh: Some(format!("{n}")),
            full_name: None,
            id_last4: None,
            bh: class.map(str::to_string),
            department: None,
            major: None,
        };
        ClassRow { row, class: class.map(str::to_string), origin }
    }

    fn rows(r: &[ClassRow<u8>]) -> Vec<(usize, u8)> {
        r.iter().map(|c| (c.row.source_row, c.origin)).collect()
    }

    #[test]
    fn a_class_roster_replaces_its_class_in_place_and_keeps_the_others() {
        let old = [row(1, Some("A"), 0), row(2, Some("A"), 0), row(3, Some("B"), 0), row(4, None, 0)];
        let new = [row(9, Some("A"), 1), row(8, Some("C"), 1), row(7, None, 1)];
        assert_eq!(rows(&replace_classes(&old, &new)), [(9, 1), (3, 0), (8, 1), (7, 1)]);
    }

    #[test]
    fn a_roster_of_every_class_replaces_all_of_it_in_its_own_order() {
        let old = [row(1, Some("A"), 0), row(2, Some("B"), 0), row(3, Some("A"), 0)];
        let new = [row(5, Some("B"), 1), row(6, Some("A"), 1)];
        assert_eq!(rows(&replace_classes(&old, &new)), [(5, 1), (6, 1)]);
    }

    #[test]
    fn replaced_classes_take_the_new_files_class_order_in_the_old_places() {
        let old = [row(1, Some("A"), 0), row(2, Some("X"), 0), row(3, Some("B"), 0)];
        let new = [row(5, Some("B"), 1), row(6, Some("A"), 1)];
        assert_eq!(rows(&replace_classes(&old, &new)), [(5, 1), (2, 0), (6, 1)]);
    }
}
