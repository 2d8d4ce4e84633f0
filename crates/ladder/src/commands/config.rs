//! `ladder config show`: the configuration in effect, each setting with where it came from.

use super::Ctx;
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every setting with its value (secrets redacted), where it came from and its variable.
    Show {
        #[command(flatten)]
        format: FormatArg,
    },
}

pub fn run(ctx: &Ctx, command: &ConfigCommand) -> Result<()> {
    match command {
        ConfigCommand::Show { format } => {
            let shown = ctx.config.shown();
            let mut grid = Grid::new(vec!["setting", "value", "from", "variable"], vec![]);
            for s in &shown {
                grid.push(vec![s.setting.to_owned(), s.value.clone(), s.from.clone(), s.env.to_owned()]);
            }
            let notes = [format!(
                "Layers: defaults, then {} (or --config FILE), then LADDER_* variables (or LADDER_*_FILE), then flags.",
                crate::config::DEFAULT_FILE
            )];
            print(format.format, &shown, &[("", &grid)], &notes)
        }
    }
}
