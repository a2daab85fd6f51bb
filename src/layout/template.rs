//! Text templates of captions, headers and footers: `"{xh} {xm}"` split into literal text and
//! fields. Pure.

/// A piece of a text template: literal text or a `{field}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Field(String),
}

/// Split a template like `"{xh} {xm}"` into pieces; `{{` and `}}` stand for literal braces.
/// Fields not in `allowed` are refused.
pub fn parse_template(template: &str, allowed: &[&str]) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err(format!("a {{ without its }} in {template:?}")),
                    }
                }
                let name = name.trim().to_string();
                if !allowed.contains(&name.as_str()) {
                    return Err(format!("unknown field {{{name}}} (the fields are {})", allowed.join(", ")));
                }
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Field(name));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}
