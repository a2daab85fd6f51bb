//! `gradlab`: parse the command line, call a service, print. Nothing else lives here, and this
//! is the one place where what a command came to becomes an exit code.

use clap::Parser;
use gradlab::app::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = gradlab::cli::Cli::parse();
    let as_json = cli.json;
    match gradlab::cli::run(cli) {
        Ok(outcome) => ExitCode::from(exit_code(outcome)),
        Err(e) => {
            // What is shown names the problem, never a whole ID number or a control character.
            let shown = gradlab::domain::privacy::redact(&e.to_string()).into_owned();
            if as_json {
                println!("{}", serde_json::json!({ "error": shown, "code": e.code() }));
            }
            let shown = gradlab::domain::text::escape_controls(&shown).into_owned();
            eprintln!("{}", gradlab::msg!("error-line", message = shown));
            ExitCode::from(ERROR)
        }
    }
}

/// An error: nothing was changed. (Usage errors exit 2, from clap.)
const ERROR: u8 = 1;

/// The exit codes `--help` promises: 0 done, 3 done with some items refused (each named), 1
/// nothing done.
fn exit_code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Done => 0,
        Outcome::Partly => 3,
        Outcome::Nothing => ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::{Outcome, exit_code};

    #[test]
    fn outcomes_exit_0_3_and_1() {
        assert_eq!(exit_code(Outcome::Done), 0);
        assert_eq!(exit_code(Outcome::Partly), 3);
        assert_eq!(exit_code(Outcome::Nothing), 1);
    }
}
