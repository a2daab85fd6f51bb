//! The desktop window, `gradlab gui`: the technician's, the mailroom's and the administrator's
//! screens in Simplified Chinese (or English, `[lab] language` / `--lang`), over the same workspace and the same services as the CLI.
//!
//! - `ui/*.slint` are the views (compiled by `build.rs` into [`ui`]);
//! - [`model`] holds plain Rust controllers and models that know nothing of Slint (file
//!   listing, throttled progress, workers, Chinese labels, service results as table rows);
//! - `adapters` wire each screen's Slint global to the services and map the results.
//!
//! Nothing here speaks SQL or writes a PDF. Long work runs off the UI thread and reports
//! through [`crate::progress::Progress`]; errors are shown with the CLI's words.

mod adapters;
pub mod model;
mod screenshots;

/// The views, generated from `ui/app.slint`.
#[allow(clippy::all, clippy::pedantic, unused_qualifications, missing_docs)]
pub mod ui {
    slint::include_modules!();
}

pub use model::session::Session;
pub use ui::AppWindow;

use crate::error::{Error, Result};
use slint::ComponentHandle;
use std::path::PathBuf;

/// How `gradlab gui` was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub workspace: PathBuf,
    pub operator: Option<String>,
    pub station: Option<String>,
    /// The window's language (default: [lab] language, else Chinese).
    pub lang: Option<crate::i18n::Lang>,
    /// Save a PNG of each screen into this folder and exit (for review; `scripts/gui-screenshots`).
    pub screenshots: Option<PathBuf>,
    /// With `screenshots`: codes to scan in the mailroom before its picture.
    pub scans: Vec<String>,
    /// With `screenshots`: a batch folder to import through the file chooser before the
    /// technician's picture.
    pub import: Option<PathBuf>,
    /// The window's size at start (logical pixels).
    pub size: Option<(u32, u32)>,
}

/// `1024x700` as a window size; at least the 1024x700 the screens are laid out for.
pub fn parse_size(text: &str) -> std::result::Result<(u32, u32), String> {
    let (w, h) =
        text.trim().split_once(['x', 'X', '×']).ok_or_else(|| format!("{text:?}: give WIDTHxHEIGHT, e.g. 1024x700"))?;
    let (w, h): (u32, u32) = match (w.trim().parse(), h.trim().parse()) {
        (Ok(w), Ok(h)) => (w, h),
        _ => return Err(format!("{text:?}: give WIDTHxHEIGHT, e.g. 1024x700")),
    };
    if w < 1024 || h < 700 {
        return Err(format!("{text:?}: the window needs at least 1024x700"));
    }
    Ok((w, h))
}

fn window_error(e: impl std::fmt::Display) -> Error {
    Error::input(format!("cannot open the window: {e}"))
}

/// Make the main window and wire it to the services of `session`'s workspace. The platform
/// must be set up already (the default winit backend, or Slint's testing backend in tests).
pub fn build(session: Session) -> Result<AppWindow> {
    build_in(session, None)
}

/// [`build`] in the language `--lang` asked for, which outranks the lab's `[lab] language`. The
/// language is chosen before anything is wired, so every text the window fills in speaks it.
pub fn build_in(session: Session, asked: Option<crate::i18n::Lang>) -> Result<AppWindow> {
    // The people at the desks read Chinese: the window speaks it unless the lab says otherwise.
    let language = asked.or_else(|| session.open().ok().and_then(|ws| ws.settings.lab.language));
    let lang = language.unwrap_or(crate::i18n::Lang::Zh);
    crate::i18n::set(lang);
    register_font();
    let app = AppWindow::new().map_err(window_error)?;
    select_language(lang)?;
    adapters::wire(&app, session);
    Ok(app)
}

/// The window writes in the font the PDF writer embeds (`render::font::font_bytes`, named in
/// `ui/app.slint` as the default family): registered with Slint's fonts from the same bytes, so
/// the program carries one copy of it, not two. Once per thread, as Slint's platform is.
fn register_font() {
    use slint::fontique_011::{fontique, shared_collection};
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !DONE.replace(true) {
        let blob = fontique::Blob::new(std::sync::Arc::new(crate::render::font::font_bytes()));
        shared_collection().register_fonts(blob, None);
    }
}

/// The views' own labels (`@tr` in `ui/*.slint`) in `lang`: Chinese is the source text, English
/// the translation `build.rs` bundles from `translations/en/`. Slint picks a bundled language from
/// the computer's locale when the first window is made, so the choice is always set here, after it.
fn select_language(lang: crate::i18n::Lang) -> Result<()> {
    let name = match lang {
        crate::i18n::Lang::Zh => "",
        crate::i18n::Lang::En => "en",
    };
    slint::select_bundled_translation(name).map_err(window_error)
}

/// Open the window and run until it is closed.
pub fn run(opts: &Options) -> Result<()> {
    // A missing workspace is refused before any window opens, with the CLI's words.
    crate::app::Workspace::open(&opts.workspace)?;
    let session = Session::new(opts.workspace.clone(), opts.operator.clone(), opts.station.clone());
    let app = build_in(session, opts.lang)?;
    if let Some((w, h)) = opts.size {
        app.window().set_size(slint::LogicalSize::new(w as f32, h as f32));
    }
    let _driver = match &opts.screenshots {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
            Some(screenshots::start(&app, dir.clone(), opts.scans.clone(), opts.import.clone()))
        }
        None => None,
    };
    app.run().map_err(window_error)?;
    match &opts.screenshots {
        Some(_) => screenshots::outcome(),
        None => Ok(()),
    }
}
