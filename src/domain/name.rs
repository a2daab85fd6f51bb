//! Masked names (`张*三`, two-character `李*`) as the collection code carries them, and the
//! check that a roster's full name agrees with one. Characters are Unicode scalar values, so
//! rare names outside the BMP (𠅤) count as one character.

/// Mask a full name the way CHSI does: first and last character with `*` between; a
/// two-character name shows only the first. A name that is already masked is returned as is;
/// stray `*` in a name that is not a mask (`王小明*`) are dropped before masking.
pub fn mask(name: &str) -> String {
    let name = name.trim();
    if is_masked(name) {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().filter(|c| *c != '*').collect();
    match chars.len() {
        0 => String::new(),
        1 => chars[0].to_string(),
        2 => format!("{}*", chars[0]),
        n => format!("{}*{}", chars[0], chars[n - 1]),
    }
}

/// A masked name is exactly a first character, `*`, and optionally a last character
/// (`张*三`, `李*`); a name that merely contains `*` (`王小明*`) is not.
pub fn is_masked(name: &str) -> bool {
    let c: Vec<char> = name.trim().chars().collect();
    match c.as_slice() {
        [first, '*'] => *first != '*',
        [first, '*', last] => *first != '*' && *last != '*',
        _ => false,
    }
}

/// Whether a roster's full name is consistent with a masked name: same first character, and
/// same last character unless the mask hides it (`李*`).
pub fn agrees(masked: &str, full: &str) -> bool {
    let m: Vec<char> = masked.trim().chars().collect();
    let f: Vec<char> = full.trim().chars().collect();
    let (Some(mf), Some(ff)) = (m.first(), f.first()) else {
        return false;
    };
    if mf != ff {
        return false;
    }
    match m.last() {
        Some('*') | None => true,
        Some(ml) => {
            let fl = f.last().copied();
            if is_masked(full) { fl == Some(*ml) } else { f.len() >= 2 && fl == Some(*ml) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_chsi() {
        assert_eq!(mask("张小三"), "张*三");
        assert_eq!(mask("李四"), "李*");
        assert_eq!(mask("李𠅤"), "李*");
        assert_eq!(mask("欧阳㛃㛃"), "欧*㛃");
        assert_eq!(mask("王*"), "王*");
        assert_eq!(mask("王小明*"), "王*明");
    }

    #[test]
    fn masked_means_first_star_and_an_optional_last() {
        assert!(is_masked("张*三"));
        assert!(is_masked("李*"));
        assert!(!is_masked("王小明*"));
        assert!(!is_masked("*三"));
        assert!(!is_masked("张**三"));
        assert!(!is_masked("张三"));
    }

    #[test]
    fn full_names_agree_with_masks() {
        assert!(agrees("张*三", "张小三"));
        assert!(agrees("张*三", "张三"));
        assert!(agrees("李*", "李𠅤"));
        assert!(agrees("李*", "李大𠅤"));
        assert!(agrees("王*𠅤", "王小𠅤"));
        assert!(!agrees("张*三", "张小四"));
        assert!(!agrees("张*三", "李小三"));
        assert!(!agrees("张*三", ""));
        assert!(!agrees("张*三", "张"));
    }
}
