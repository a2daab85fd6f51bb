//! Electronic copies (电子版) leave the lab by e-mail. This module owns the `[smtp]` settings and
//! the password behind them (`config`), the packaging of photos into numbered zip parts with
//! their `index.csv` (`package`, pure over the bytes it is given), and the talking to the
//! lab's mail server (`smtp`: one message per part, each reply classified as accepted,
//! transient or permanent).
//!
//! It never touches the store and never decides what to send or to whom: the service
//! `app::ecopy` checks the address against the school's registered ones, records every part
//! and chooses what goes out. It never changes a photo's bytes, and never writes the SMTP
//! password anywhere: not into an error, a log line, a report or the database.

pub mod config;
pub mod package;
pub mod smtp;

pub use config::{Secret, Security, SmtpConfig, SmtpSettings};
pub use package::Naming;
pub use smtp::{Failure, Formatted, Mailer, Outgoing};
