//! `gradlab`: parse the command line, call a service, print. Nothing else lives here.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = gradlab::cli::Cli::parse();
    let as_json = cli.json;
    match gradlab::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // What is shown names the problem, never a whole ID number or a control character.
            let shown = gradlab::domain::privacy::redact(&e.to_string()).into_owned();
            if as_json {
                println!("{}", serde_json::json!({ "error": shown }));
            }
            eprintln!("error: {}", gradlab::domain::text::escape_controls(&shown));
            ExitCode::from(1)
        }
    }
}
