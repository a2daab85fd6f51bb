//! `gradlab`: parse the command line, call a service, print. Nothing else lives here.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = gradlab::cli::Cli::parse();
    let as_json = cli.json;
    match gradlab::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            if as_json {
                println!("{}", serde_json::json!({ "error": e.to_string() }));
            }
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
