//! The services: one function per user action, shared by the CLI and the GUI. Each opens the
//! workspace's store, does its work in one transaction (all of it or none of it) and returns a
//! plain result type that the CLI prints and the GUI shows. Long work reports through
//! [`crate::progress::Progress`].

pub mod audit;
pub mod backup;
pub mod batch;
pub mod check;
pub mod corrections;
pub mod demo;
pub mod ecopy;
pub mod jobs;
pub mod layouts;
pub mod migrate;
pub mod operators;
mod outcome;
pub mod printing;
pub mod qr;
pub mod reports;
pub mod reprint;
pub mod requests;
pub mod roster;
pub mod scan;
pub mod schools;
pub mod settings;
pub mod shipments;
pub mod students;
pub mod verify;
pub mod walkin;
pub mod workspace;

pub use outcome::Outcome;
pub use settings::Settings;
pub use workspace::Workspace;
