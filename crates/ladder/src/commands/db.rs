//! `ladder migrate` and `ladder db copy`: the schema, and moving a whole installation between backends.

use super::{Ctx, open_store};
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::Result;
use clap::Subcommand;
use ladder_store_postgres::redact;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copies a whole installation into an empty database (SQLite to PostgreSQL or back), keeping every id,
    /// and checks it by row counts and checksums read back from the target.
    Copy {
        /// The database to copy from (path, sqlite://PATH or postgres://…).
        #[arg(long, value_name = "URL")]
        from: String,
        /// The empty database to copy into.
        #[arg(long, value_name = "URL")]
        to: String,
        #[command(flatten)]
        format: FormatArg,
    },
}

pub fn run(ctx: &Ctx, command: DbCommand) -> Result<()> {
    match command {
        DbCommand::Copy { from, to, format } => {
            let source = open_store(&from, false)?;
            let target = open_store(&to, true)?;
            let tables = ladder_app::transfer::copy_database(source.as_ref(), target.as_ref(), &ctx.bar)?;
            let mut grid = Grid::new(vec!["table", "rows", "checksum", "verified"], vec![1]);
            for t in &tables {
                grid.push(vec![
                    t.table.clone(),
                    t.rows.to_string(),
                    t.checksum.clone(),
                    if t.verified { "yes" } else { "NO" }.to_owned(),
                ]);
            }
            let title = format!("Copied {} to {}", redact(&from), redact(&to));
            print(
                format.format,
                &tables,
                &[(&title, &grid)],
                &["Every table read back with the same rows and checksum.".to_owned()],
            )
        }
    }
}

/// Opening a store applies the missing migrations (and refuses a schema newer than this build); the
/// version printed is the one the backend reports afterwards.
pub fn migrate(ctx: &Ctx) -> Result<()> {
    let store = ctx.store(true)?;
    let version = store.schema_version()?;
    println!("The database {} is at schema version {version}.", ctx.shown_database());
    Ok(())
}
