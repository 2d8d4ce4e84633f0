//! `ladder import KIND FILE`: a CSV file into the shop, all or nothing unless `--skip-invalid`; with
//! `--queue`, as a job that keeps the file's content in the database for a worker to run.

use super::{Ctx, print_id};
use crate::cli::FormatArg;
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use ladder_app::import::{ImportError, ImportKind, ImportOptions, import_file};
use ladder_app::jobs::ImportPayload;
use ladder_i18n::{Arg, Locale, plain};
use std::path::PathBuf;

/// What a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    /// customer_id, kind, first_name, last_name, …, tags; other columns become custom attributes.
    Customers,
    /// One row per order line: order_id, customer_id, ordered_at, sku, quantity, unit_price, currency, ….
    Orders,
    /// customer_id, at, kind, note.
    Interactions,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub what: ImportWhat,
    /// The CSV file (UTF-8, with a header row).
    pub file: PathBuf,
    /// Import the good rows and write the bad ones, with the reason, to a reject file.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where rejected rows go (default: FILE.rejects.csv).
    #[arg(long, value_name = "FILE", requires = "skip_invalid", conflicts_with = "queue")]
    pub rejects: Option<PathBuf>,
    /// Enqueue the import as a job (the file's content is kept with it) and print the job's id; a worker
    /// runs it (`ladder worker`, or `ladder serve`).
    #[arg(long)]
    pub queue: bool,
    /// A column of the file under Ladder's name, when its header says it otherwise: `--map
    /// "E-mail=email" --map "Client=customer_id"`; may be repeated.
    #[arg(long = "map", value_name = "THEIRS=OURS")]
    pub map: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

fn kind(what: ImportWhat) -> ImportKind {
    match what {
        ImportWhat::Customers => ImportKind::Customers,
        ImportWhat::Orders => ImportKind::Orders,
        ImportWhat::Interactions => ImportKind::Interactions,
    }
}

pub fn run(ctx: &Ctx, args: &ImportArgs) -> Result<()> {
    let columns = ladder_app::import::column_map(&args.map).map_err(|problem| anyhow::anyhow!("--map {problem}"))?;
    let app = ctx.app(true)?;
    if args.queue {
        let mut file =
            std::fs::File::open(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
        let name =
            args.file.file_name().map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let payload = ImportPayload {
            actor: ctx.actor(),
            kind: kind(args.what),
            name,
            skip_invalid: args.skip_invalid,
            dry_run: false,
            file_from: None,
            columns,
        };
        let id =
            ladder_app::jobs::queue_import(&app, &ctx.actor(), payload, Some(&mut file)).map_err(|e| ctx.fail(e))?;
        eprintln!("Queued as job {id}; `ladder jobs show {id}` tells how it went.");
        return print_id(args.format.format, id.0, serde_json::json!({ "kind": "import" }));
    }
    let options = ImportOptions {
        skip_invalid: args.skip_invalid,
        rejects_path: args.rejects.clone(),
        lang: ctx.lang(),
        columns,
    };
    let s =
        import_file(&app, &ctx.actor(), kind(args.what), &args.file, &options, &ctx.bar).map_err(|e| said(ctx, e))?;
    let mut grid =
        Grid::new(vec!["read", "written", "inserted", "updated", "unchanged", "rejected"], vec![0, 1, 2, 3, 4, 5]);
    grid.push(
        [s.read, s.written(), s.inserted, s.updated, s.unchanged, s.rejected].iter().map(u64::to_string).collect(),
    );
    let mut notes = Vec::new();
    if let Some(path) = &s.rejects_file {
        notes.push(format!("{} rejected rows, with the reason, are in {}.", s.rejected, path.display()));
    }
    if s.written() > 0 {
        notes.push("Run `ladder score` to place the changed customers on the ladder.".to_owned());
    }
    print(args.format.format, &s, &[("", &grid)], &notes)
}

/// A bad row in the configured language (English keeps the error's own words, with its hint).
pub(crate) fn said(ctx: &Ctx, e: ImportError) -> anyhow::Error {
    match &e {
        ImportError::Invalid { file, line, column, value, problem } if ctx.lang() != Locale::En => {
            let catalog = super::catalog();
            let problem = catalog.problem(ctx.lang(), problem, &|f| f.to_owned());
            let args = [
                ("line", Arg::from(*line)),
                ("column", Arg::from(column.as_str())),
                ("value", Arg::from(value.as_str())),
                ("problem", Arg::Text(problem)),
            ];
            anyhow::anyhow!("{file}: {}", plain(&catalog.text_with(ctx.lang(), "import-invalid-row", &args)))
        }
        _ => e.into(),
    }
}
