//! Layout: how a job's prints sit on paper. A layout is a user-editable TOML file
//! (layouts/*.toml, documented in layouts/README.md; the shipped ones are also compiled in).
//! `file` loads layouts and `validate` checks them (`template` splits their text templates),
//! `plan` turns (layout, classes in print order) into
//! sheets and millimetre geometry, `compose` turns one planned sheet and its data into a
//! `render::PageSpec`. All of it is pure except `load`, which reads the layout file: layout
//! never touches SQL, never writes PDF and never converts millimetres to points.

pub mod compose;
pub mod file;
pub mod plan;
pub mod template;
mod validate;

pub use compose::{CaptionStudent, ComposeError, SheetContext, compose};
pub use file::{DEFAULT_LAYOUT, Layout, builtin, builtin_names, load};
pub use plan::{BandSlot, GroupSlot, Placement, SeparatorSlots, SheetKind, SheetPlan, plan, split_parts};
