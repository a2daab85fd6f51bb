//! The window's controllers and models, in plain Rust: they know nothing of Slint, so they
//! can be read and tested on their own. The adapters (`gui::adapters`) map what these give to
//! Slint's models and wire the window's callbacks to them.

pub mod files;
pub mod overlay;
pub mod printers;
pub mod progress;
pub mod requests;
pub mod rows;
pub mod session;
pub mod texts;
pub mod walkin;
pub mod worker;
