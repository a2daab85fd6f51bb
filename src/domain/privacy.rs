//! The one redaction rule for text that may carry a full ID number: a run shaped like a
//! resident ID (18 characters: area, a birth date YYYYMMDD, sequence and check character; or
//! the old 15 digits: area, YYMMDD, sequence) shows only its last 4. Every message printed,
//! every audit detail and every stored scan goes through it, so an ID a school or a student
//! typed in the wrong place never lands on a screen or in the store whole. A 学号 does not
//! carry a valid birth date where an ID does, so student numbers are left alone.

use std::borrow::Cow;

fn valid_date(month: &[u8], day: &[u8]) -> bool {
    let n = |d: &[u8]| (d[0] - b'0') as u32 * 10 + (d[1] - b'0') as u32;
    (1..=12).contains(&n(month)) && (1..=31).contains(&n(day))
}

/// Whether `run` (digits, possibly ending in X) has the shape of a resident ID number.
fn id_shaped(run: &[u8]) -> bool {
    match run.len() {
        18 => {
            run[..17].iter().all(u8::is_ascii_digit)
                && (run[17].is_ascii_digit() || run[17] == b'X' || run[17] == b'x')
                && matches!(&run[6..8], b"19" | b"20")
                && valid_date(&run[10..12], &run[12..14])
        }
        15 => run.iter().all(u8::is_ascii_digit) && valid_date(&run[8..10], &run[10..12]),
        _ => false,
    }
}

/// `text` with every ID-shaped run masked to its last 4 (`**************1234`).
pub fn redact(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j < b.len() && (b[j] == b'X' || b[j] == b'x') && j - i == 17 {
            j += 1;
        }
        let ends_clean = j == b.len() || !b[j].is_ascii_alphanumeric();
        if ends_clean && id_shaped(&b[i..j]) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            o.push_str(&"*".repeat(j - i - 4));
            o.push_str(&text[j - 4..j]);
            copied = j;
        }
        i = j.max(i + 1);
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_show_their_last_four_and_student_numbers_stay() {
        assert_eq!(redact("zjhm 11010519491231002X in row 3"), "zjhm **************002X in row 3");
        assert_eq!(redact("{\"zjhm\":\"110105491231002\"}"), "{\"zjhm\":\"***********1002\"}");
        assert_eq!(redact("学号 201818004215114"), "学号 201818004215114");
        assert_eq!(redact("学号 2020010001032"), "学号 2020010001032");
        assert_eq!(redact("EA123456785CN"), "EA123456785CN");
        assert_eq!(redact("a11010519491231002Xb"), "a11010519491231002Xb", "part of a longer token");
        assert!(matches!(redact("nothing here"), Cow::Borrowed(_)));
    }
}
