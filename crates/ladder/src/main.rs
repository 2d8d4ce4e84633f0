//! `ladder`, the command-line binary: reads the configuration, installs the log, and runs a command of
//! `commands/`, which parses its flags and calls the use-cases of `ladder-app`. Nothing here computes
//! anything the web app would also need.

mod channels;
mod cli;
mod commands;
mod config;
mod logging;
mod output;
mod progress;
mod shutdown;

use clap::Parser;
use std::process::ExitCode;

/// Imports parse on one thread and write on another; glibc's allocator spends much of that time on
/// memory freed by the other thread, mimalloc does not (the PostgreSQL import of 2 million lines went
/// from 16 s to 11 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`ladder report ladder | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // Each cause once: drivers often repeat their source in their own message.
            let mut causes: Vec<String> = Vec::new();
            for cause in e.chain().map(ToString::to_string) {
                if !causes.iter().any(|c| c.contains(&cause)) {
                    causes.push(cause);
                }
            }
            eprintln!("error: {}", causes.join(": "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: cli::Cli) -> anyhow::Result<()> {
    let env = |name: &str| std::env::var(name).ok();
    let sources = config::Sources { file: cli.config.as_deref(), env: &env, flags: cli.settings() };
    let config = config::Config::load(&sources)?;
    logging::init(&config)?;
    output::set_lang(config.lang);
    output::set_wide(cli.wide);
    let ctx = commands::Ctx { config, bar: progress::Bar::default() };
    commands::run(cli.command, &ctx)
}
