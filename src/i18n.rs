//! The words people read, in Simplified Chinese and English, from one catalog
//! (`locales/zh-CN/*.ftl`, `locales/en/*.ftl`, Fluent syntax, built into the program). A message is
//! a [`Msg`]: its catalog key and its arguments, turned into text only when shown, in the
//! language this process speaks (`--lang`, else `[lab] language`, else the locale for the
//! command line; Chinese for the window). Its key, with `_` for `-`, is the stable code
//! `--json` gives beside the text, so scripts never parse prose.
//!
//! Messages not yet in the catalog are still English text made where they arise; they move in
//! here one area at a time.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

// One file per area (`core`, `services`, `window`, the command line's own reports in `cli`
// and `cli-desk`, layouts, tables and corrections in `imports`, printing and e-mail in
// `sending`, check and backups in `care`), so areas grow without stepping on each other; a
// language's files are one catalog.
pub const ZH_CATALOG: &str = concat!(
    include_str!("../locales/zh-CN/core.ftl"),
    "\n",
    include_str!("../locales/zh-CN/services.ftl"),
    "\n",
    include_str!("../locales/zh-CN/window.ftl"),
    "\n",
    include_str!("../locales/zh-CN/cli.ftl"),
    "\n",
    include_str!("../locales/zh-CN/cli-desk.ftl"),
    "\n",
    include_str!("../locales/zh-CN/imports.ftl"),
    "\n",
    include_str!("../locales/zh-CN/sending.ftl"),
    "\n",
    include_str!("../locales/zh-CN/window-tech.ftl"),
    "\n",
    include_str!("../locales/zh-CN/window-office.ftl"),
    "\n",
    include_str!("../locales/zh-CN/care.ftl"),
);
pub const EN_CATALOG: &str = concat!(
    include_str!("../locales/en/core.ftl"),
    "\n",
    include_str!("../locales/en/services.ftl"),
    "\n",
    include_str!("../locales/en/window.ftl"),
    "\n",
    include_str!("../locales/en/cli.ftl"),
    "\n",
    include_str!("../locales/en/cli-desk.ftl"),
    "\n",
    include_str!("../locales/en/imports.ftl"),
    "\n",
    include_str!("../locales/en/sending.ftl"),
    "\n",
    include_str!("../locales/en/window-tech.ftl"),
    "\n",
    include_str!("../locales/en/window-office.ftl"),
    "\n",
    include_str!("../locales/en/care.ftl"),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh")]
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_CN.UTF-8`: Chinese; `en`, `en_US`, `C`, `POSIX`: English.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") || t == "c" || t.starts_with("c.") || t == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// What the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
    /// not empty, as C programs read it; Chinese when it starts with `zh`, else English.
    pub fn from_locale() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map(|v| if v.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En })
            .unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::parse(s).ok_or_else(|| format!("{s:?} is not a language gradlab speaks: use zh or en"))
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language every message of this process is shown in from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn current() -> Lang {
    if let Some(lang) = THIS_THREAD.get() {
        return lang;
    }
    if CURRENT.load(Ordering::Relaxed) == Lang::Zh as u8 { Lang::Zh } else { Lang::En }
}

thread_local! {
    static THIS_THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Run `f` with this thread speaking `lang`, whatever the process speaks (tests of one
/// language beside tests of the other).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = THIS_THREAD.replace(Some(lang));
    let out = f();
    THIS_THREAD.set(before);
    out
}

/// One argument of a message: text, a number (so the catalog can choose a plural), or another
/// message shown in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
    Msg(Msg),
    /// Several messages, each in the same language, joined by the language's semicolon.
    List(Vec<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as i64)
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}
impl From<Vec<Msg>> for Arg {
    fn from(list: Vec<Msg>) -> Arg {
        Arg::List(list)
    }
}

/// A message a person reads: a catalog key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// `msg!("id-wrong-check", code = code)`: the message `key` with named arguments.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The stable machine code: the key with `_` for `-` (`wrong_check_character`).
    pub fn code(&self) -> String {
        self.key.replace('-', "_")
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang`; a key missing there falls back to English (the catalog test
    /// keeps both complete).
    pub fn text(&self, lang: Lang) -> String {
        self.render(lang, false)
    }

    /// The message as the window says it: where the catalog has `<key>-in-window` (a hint that
    /// names the window's button instead of a command-line flag), that text, with the same
    /// arguments; the same for each message inside it.
    pub fn window_text(&self, lang: Lang) -> String {
        self.render(lang, true)
    }

    fn render(&self, lang: Lang, window: bool) -> String {
        let bundle = bundle(lang);
        let variant = window.then(|| format!("{}-in-window", self.key));
        let message = variant.as_deref().and_then(|k| bundle.get_message(k)).or_else(|| bundle.get_message(self.key));
        let Some(pattern) = message.and_then(|m| m.value()) else {
            return match lang {
                Lang::Zh => self.render(Lang::En, window),
                Lang::En => format!("{} {:?}", self.key, self.args),
            };
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(t) => FluentValue::from(t.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Msg(m) => FluentValue::from(m.render(lang, window)),
                Arg::List(list) => {
                    let sep = if lang == Lang::Zh { "；" } else { "; " };
                    FluentValue::from(list.iter().map(|m| m.render(lang, window)).collect::<Vec<_>>().join(sep))
                }
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(current()))
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let make = |id: &str, text: &str| {
        let mut b = FluentBundle::new_concurrent(vec![id.parse().expect("language id")]);
        // Bidi isolation marks would land inside terminal output and file names.
        b.set_use_isolating(false);
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = b.add_resource(resource);
        b
    };
    let bundles = BUNDLES.get_or_init(|| [make("en", EN_CATALOG), make("zh-CN", ZH_CATALOG)]);
    &bundles[lang as usize]
}

/// Text in the current language for a key with no arguments.
pub fn tr(key: &'static str) -> String {
    Msg::new(key).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Each message of a catalog and the variables its text uses.
    fn messages(catalog: &str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
        let (_, errors) = match FluentResource::try_new(catalog.to_string()) {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        assert!(errors.is_empty(), "{name} does not parse: {errors:?}");
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut key = None;
        for line in catalog.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(char::is_whitespace) {
                let k = line.split('=').next().unwrap().trim().to_string();
                assert!(out.insert(k.clone(), BTreeSet::new()).is_none(), "{name}: {k} twice");
                key = Some(k);
            }
            let vars = out.get_mut(key.as_ref().unwrap()).unwrap();
            for part in line.split('$').skip(1) {
                let var: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                vars.insert(var);
            }
        }
        out
    }

    #[test]
    fn every_key_is_in_both_languages_with_the_same_arguments() {
        let zh = messages(ZH_CATALOG, "locales/zh-CN");
        let en = messages(EN_CATALOG, "locales/en");
        let mut missing: Vec<String> = Vec::new();
        missing.extend(en.keys().filter(|k| !zh.contains_key(*k)).map(|k| format!("{k} (not in zh-CN)")));
        missing.extend(zh.keys().filter(|k| !en.contains_key(*k)).map(|k| format!("{k} (not in en)")));
        assert!(missing.is_empty(), "{missing:?}");
        for (k, vars) in &en {
            assert_eq!(&zh[k], vars, "{k}: the two languages take different arguments");
        }
    }

    /// A window's variant of a hint takes its arguments from the service's message: it may
    /// use only the arguments that message has.
    #[test]
    fn every_window_variant_belongs_to_a_message_and_uses_its_arguments() {
        let en = messages(EN_CATALOG, "locales/en");
        let mut variants = 0;
        for (key, vars) in en.iter().filter(|(k, _)| k.ends_with("-in-window")) {
            let base = key.trim_end_matches("-in-window");
            let Some(base_vars) = en.get(base) else { panic!("{key}: no message {base}") };
            assert!(vars.is_subset(base_vars), "{key} uses {vars:?}, {base} has {base_vars:?}");
            variants += 1;
        }
        assert!(variants >= 10, "{variants}");
        let m =
            crate::msg!("shipment-packets-missing", shipment = "H14", expected = 3_i64, missing = 1_i64, codes = "P35");
        let refused = crate::msg!("shipment-refused", shipment = "H14", why = m.clone());
        assert!(m.text(Lang::Zh).contains("--force --reason"));
        for said in [m.window_text(Lang::Zh), refused.window_text(Lang::Zh)] {
            assert!(said.contains("“强制封箱”") && !said.contains("--"), "{said}");
        }
        assert_eq!(crate::msg!("tracking-empty").window_text(Lang::Zh), crate::msg!("tracking-empty").text(Lang::Zh));
    }

    /// Every `msg!("key"` and `tr("key")` in the program names a message the catalog has.
    #[test]
    fn every_key_the_program_uses_is_in_the_catalog() {
        let en = messages(EN_CATALOG, "locales/en");
        let mut unknown = Vec::new();
        let mut used = 0;
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                // The command line's table headings are lists of keys (`output::table_tr`).
                for opener in ["msg!(\"", "tr(\"", "Msg::new(\"", "\"desk-", "\"cli-"] {
                    for (at, _) in text.match_indices(opener) {
                        // A call whose name only ends in `tr` (`attr`) is not ours.
                        if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        let from = if opener.ends_with('-') { at + 1 } else { at + opener.len() };
                        let key = text[from..].split('"').next().unwrap();
                        if key.is_empty() || key == "key" || key.ends_with('-') {
                            continue;
                        }
                        used += 1;
                        if !en.contains_key(key) {
                            unknown.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(used > 20, "the program uses the catalog ({used} uses found)");
        assert!(unknown.is_empty(), "keys not in the catalog: {unknown:?}");
    }

    #[test]
    fn a_message_is_shown_in_the_language_asked_for_with_its_arguments() {
        let m = crate::msg!("id-wrong-check", code = "P999X");
        assert_eq!(m.text(Lang::En), "\"P999X\": wrong check character; the code was mistyped or misread");
        assert_eq!(m.text(Lang::Zh), "“P999X”校验位不对：条码输错或读错了");
        assert_eq!(m.code(), "id_wrong_check");
    }

    #[test]
    fn the_locale_and_the_flag_choose_the_language() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert!("klingon".parse::<Lang>().unwrap_err().contains("zh or en"));
    }
}
