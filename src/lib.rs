//! gradlab: the production system of a graduation-photo lab.
//!
//! Data flows import -> store -> plan -> render -> verify -> dispatch -> ship. Each stage is a module
//! with its own types; `app` holds the services (one function per user action) that the CLI
//! and the GUI share. Nothing outside `store` speaks SQL.

pub mod app;
pub mod cli;
pub mod domain;
pub mod email;
pub mod error;
pub mod gui;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod mail;
pub mod print;
pub mod progress;
pub mod render;
pub mod store;
pub mod support_log;
pub mod verify;
pub mod words;

pub use error::{Error, Result};
