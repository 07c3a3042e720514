//! `biotimeline [PATH…]` opens the explorer; `biotimeline extract|chart|export …` run
//! headless.

#![forbid(unsafe_code)]

use biotimeline::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: loading is thousands of small strings
/// (lines, keys, items) made and freed on every core, and glibc's malloc took a tenth
/// of `extract`'s time (issue 5: 78 → 89 MB/s on the benchmark corpus, peak memory
/// still within its bound). The library itself leaves the choice to the program.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => biotimeline::cli::run(command, cli.themes, cli.lexicon, cli.lang),
        None => biotimeline::ui::run(
            cli.paths,
            cli.themes,
            cli.lexicon,
            cli.no_merge,
            cli.follow,
            cli.lang.map(Into::into),
        ),
    }
}
