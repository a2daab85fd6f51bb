//! The in-app file chooser (`FileChooser` global) over `model::files::Browser`. A screen opens
//! it with what to list and what to do with the chosen path.

use super::Ctx;
use crate::gui::model::files::{Activated, Browser, Filter};
use crate::gui::ui::{AppWindow, FileChooser, FileEntry};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

type OnChosen = Box<dyn FnOnce(&AppWindow, PathBuf)>;

#[derive(Default)]
pub(crate) struct Chooser {
    browser: RefCell<Option<Browser>>,
    on_chosen: RefCell<Option<OnChosen>>,
    /// Where the last chooser was left, so the next one starts there.
    last_dir: RefCell<Option<PathBuf>>,
}

impl Chooser {
    /// Show the chooser; `on_chosen` runs with the file (or folder) the operator picks.
    pub fn open(
        &self,
        app: &AppWindow,
        title: &str,
        filter: Filter,
        on_chosen: impl FnOnce(&AppWindow, PathBuf) + 'static,
    ) {
        let start = self.last_dir.borrow().clone().or_else(|| std::env::current_dir().ok()).unwrap_or_default();
        let g = app.global::<FileChooser>();
        g.set_title(title.into());
        g.set_filter(filter.describe().into());
        g.set_folder_allowed(filter.folders);
        *self.browser.borrow_mut() = Some(Browser::open(&start, filter));
        *self.on_chosen.borrow_mut() = Some(Box::new(on_chosen));
        self.show(app, "");
        g.set_open(true);
    }

    fn show(&self, app: &AppWindow, error: &str) {
        let g = app.global::<FileChooser>();
        if let Some(b) = self.browser.borrow().as_ref() {
            g.set_path(b.dir.display().to_string().into());
            let entries: Vec<FileEntry> = b
                .entries
                .iter()
                .map(|e| FileEntry { name: e.name.as_str().into(), is_dir: e.is_dir, detail: e.size_text().into() })
                .collect();
            g.set_entries(ModelRc::new(VecModel::from(entries)));
        }
        g.set_current(-1);
        g.set_error(error.into());
    }

    fn close(&self, app: &AppWindow) {
        app.global::<FileChooser>().set_open(false);
        if let Some(b) = self.browser.borrow_mut().take() {
            *self.last_dir.borrow_mut() = Some(b.dir);
        }
    }

    fn choose(&self, app: &AppWindow, path: PathBuf) {
        self.close(app);
        if let Some(f) = self.on_chosen.borrow_mut().take() {
            f(app, path);
        }
    }

    /// Apply a move (`up`, `go to`); on failure stay and say why.
    fn step(&self, app: &AppWindow, f: impl FnOnce(&mut Browser) -> Result<(), String>) {
        let result = match self.browser.borrow_mut().as_mut() {
            Some(b) => f(b),
            None => return,
        };
        self.show(app, result.err().as_deref().unwrap_or(""));
    }
}

pub(super) fn wire(app: &AppWindow, ctx: &Rc<Ctx>) {
    let g = app.global::<FileChooser>();
    let c = ctx.clone();
    g.on_go_to(move |path| {
        if let Some(app) = c.app() {
            c.chooser.step(&app, |b| b.go_to(Path::new(path.trim())));
        }
    });
    let c = ctx.clone();
    g.on_up(move || {
        if let Some(app) = c.app() {
            c.chooser.step(&app, |b| b.up());
        }
    });
    let c = ctx.clone();
    g.on_activate(move |index| {
        let Some(app) = c.app() else { return };
        let result = match c.chooser.browser.borrow_mut().as_mut() {
            Some(b) => b.activate(index.max(0) as usize),
            None => return,
        };
        match result {
            Ok(Activated::Entered) => c.chooser.show(&app, ""),
            Ok(Activated::Chosen(path)) => c.chooser.choose(&app, path),
            Err(e) => c.chooser.show(&app, &e),
        }
    });
    let c = ctx.clone();
    g.on_choose_folder(move |highlighted| {
        let Some(app) = c.app() else { return };
        let highlighted = usize::try_from(highlighted).ok();
        let dir = c.chooser.browser.borrow().as_ref().map(|b| b.folder_to_choose(highlighted));
        if let Some(dir) = dir {
            c.chooser.choose(&app, dir);
        }
    });
    let c = ctx.clone();
    g.on_cancel(move || {
        if let Some(app) = c.app() {
            c.chooser.close(&app);
            c.chooser.on_chosen.borrow_mut().take();
        }
    });
}
