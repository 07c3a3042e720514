//! `biotimeline [PATH…]` opens the explorer; `biotimeline extract|chart|export …` run
//! headless.

#![forbid(unsafe_code)]

use biotimeline::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => biotimeline::cli::run(command, cli.themes),
        None => biotimeline::ui::run(cli.paths, cli.themes),
    }
}
