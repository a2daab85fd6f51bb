//! Corrections (勘误): which fields of a student may be corrected and what a corrected value
//! must look like. Only what the caption strip prints may change (学号, 姓名, 班级, 层次,
//! 学历类别); the collection code, school, ID last-4 and timestamp come from CHSI and are never
//! edited here. A corrected 姓名 must be a masked name, so a correction can never bring a full
//! name onto a strip. Pure rules, no I/O.

use super::student::{Field, check_student_number};

/// The fields a correction may change: those printed on the caption strip.
pub const STRIP_FIELDS: [Field; 5] = [Field::Xh, Field::Xm, Field::Bh, Field::Cc, Field::Xllb];

/// Names a school may use for a field in a correction table or on the command line.
const NAMES: &[(Field, &[&str])] = &[
    (Field::Xh, &["xh", "学号"]),
    (Field::Xm, &["xm", "姓名"]),
    (Field::Bh, &["bh", "班级", "班级名称"]),
    (Field::Cc, &["cc", "层次", "学历层次", "培养层次"]),
    (Field::Xllb, &["xllb", "类别", "学历类别"]),
    (Field::Cjm, &["cjm", "采集码"]),
    (Field::Sjc, &["sjc", "时间戳", "采集时间"]),
    (Field::Yxdm, &["yxdm", "院校代码", "学校代码"]),
    (Field::Zjhm, &["zjhm", "证件号码", "证件号", "身份证号", "身份证号码"]),
];

/// The Chinese name the lab uses for a strip field, as in `学号 2020… 姓名 is 张*三 now`.
pub fn chinese_name(field: Field) -> &'static str {
    match field {
        Field::Xh => "学号",
        Field::Xm => "姓名",
        Field::Bh => "班级",
        Field::Cc => "层次",
        Field::Xllb => "学历类别",
        Field::Cjm => "采集码",
        Field::Sjc => "时间戳",
        Field::Yxdm => "院校代码",
        Field::Zjhm => "证件号码",
    }
}

fn allowed_list() -> String {
    STRIP_FIELDS.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")
}

/// A field name reduced to what identifies it: no spaces, no bracketed note, lower case.
fn normalise(raw: &str) -> String {
    let mut s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    for open in ['(', '（', '['] {
        if let Some(i) = s.find(open)
            && i > 0
        {
            s.truncate(i);
        }
    }
    s.to_lowercase()
}

/// The strip field a name means (key or Chinese name). Any other field is refused, naming
/// the ones that can be corrected.
pub fn parse_field(raw: &str) -> Result<Field, String> {
    let n = normalise(raw);
    let Some(field) = NAMES.iter().find(|(_, names)| names.contains(&n.as_str())).map(|(f, _)| *f) else {
        return Err(crate::msg!("correction-unknown-field", field = raw.trim(), allowed = allowed_list()).to_string());
    };
    if !STRIP_FIELDS.contains(&field) {
        return Err(crate::msg!("correction-not-on-strip", field = field.label(), allowed = allowed_list()).to_string());
    }
    Ok(field)
}

/// Whether a name has the shape CHSI masks names to: one character, `*`, and the last
/// character unless the name has only two (`张*三`, `李*`).
pub fn is_strip_mask(name: &str) -> bool {
    let c: Vec<char> = name.chars().collect();
    match c.as_slice() {
        [first, '*'] => *first != '*' && !first.is_whitespace(),
        [first, '*', last] => ![*first, *last].iter().any(|x| *x == '*' || x.is_whitespace()),
        _ => false,
    }
}

/// Check and normalise a new value for `field` the way an import checks it. The error says
/// what is wrong in plain words, naming the field.
pub fn check_value(field: Field, raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(crate::msg!("correction-value-empty", field = field.label()).to_string());
    }
    if v.chars().any(char::is_control) {
        return Err(crate::msg!("correction-value-control", field = field.label(), value = v).to_string());
    }
    match field {
        Field::Xh => check_student_number(v).map_err(|e| e.to_string()),
        Field::Xm if is_strip_mask(v) => Ok(v.to_string()),
        Field::Xm if !v.contains('*') => {
            Err(crate::msg!("correction-full-name", value = v, masked = super::name::mask(v)).to_string())
        }
        Field::Xm => Err(crate::msg!("correction-bad-mask", value = v).to_string()),
        _ => Ok(v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_by_key_or_chinese_name_and_only_strip_fields() {
        assert_eq!(parse_field("xh"), Ok(Field::Xh));
        assert_eq!(parse_field(" XM "), Ok(Field::Xm));
        assert_eq!(parse_field("学历层次"), Ok(Field::Cc));
        assert_eq!(parse_field("层次"), Ok(Field::Cc));
        assert_eq!(parse_field("类别"), Ok(Field::Xllb));
        assert_eq!(parse_field("班级(必填)"), Ok(Field::Bh));
        for other in ["cjm", "采集码", "zjhm", "身份证号", "yxdm", "sjc"] {
            let e = parse_field(other).unwrap_err();
            assert!(e.contains("not printed on the strip") && e.contains("xllb (学历类别)"), "{e}");
        }
        assert!(parse_field("备注").unwrap_err().starts_with("unknown field"));
    }

    #[test]
    fn masked_names_only() {
        assert!(is_strip_mask("张*三"));
        assert!(is_strip_mask("李*"));
        assert!(is_strip_mask("王*𠅤"));
        assert!(!is_strip_mask("张小三"));
        assert!(!is_strip_mask("张**三"));
        assert!(!is_strip_mask("*三"));
        assert!(!is_strip_mask("张*小三"));
        assert_eq!(check_value(Field::Xm, " 张*山 ").unwrap(), "张*山");
        let e = check_value(Field::Xm, "张小山").unwrap_err();
        assert!(e.contains("full name") && e.contains("张*山"), "{e}");
        assert!(check_value(Field::Xm, "张*小山").unwrap_err().contains("not a masked name"));
    }

    #[test]
    fn values_are_checked_like_an_import() {
        assert!(check_value(Field::Xh, "2.02001E+12").unwrap_err().contains("scientific notation"));
        assert_eq!(check_value(Field::Xh, "2020010001032").unwrap(), "2020010001032");
        assert!(check_value(Field::Bh, "  ").unwrap_err().contains("empty"));
        assert!(check_value(Field::Bh, "软工\n三班").is_err());
        assert_eq!(check_value(Field::Cc, "专科").unwrap(), "专科");
    }
}
