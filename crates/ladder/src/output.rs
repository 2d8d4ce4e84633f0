//! Printing results: readable tables, JSON or CSV.

use crate::cli::Format;
use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use ladder_domain::Reason;
use ladder_i18n::{Arg, Locale, plain};
use serde::Serialize;
use std::io::Write;
use std::sync::OnceLock;

/// The language of this run's words (`--lang`, `LADDER_LANG`), set once at the start.
static LANG: OnceLock<Locale> = OnceLock::new();

/// Sets the language of the output; the first call wins.
pub fn set_lang(locale: Locale) {
    let _ = LANG.set(locale);
}

/// The language of the output.
pub fn lang() -> Locale {
    LANG.get().copied().unwrap_or_default()
}

/// A reason in the output's language, as plain text.
pub fn say(reason: &Reason) -> String {
    plain(&ladder_i18n::catalog().reason(lang(), reason))
}

/// A message in the output's language, as plain text.
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    plain(&ladder_i18n::catalog().text_with(lang(), id, args))
}

/// A table of strings with a header, printable in every format but JSON.
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned to the right (numbers).
    pub numeric: Vec<usize>,
}

impl Grid {
    pub fn new(header: Vec<&str>, numeric: Vec<usize>) -> Self {
        Self { header: header.into_iter().map(str::to_owned).collect(), rows: Vec::new(), numeric }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    pub fn render(&self) -> String {
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(self.header.iter().map(Cell::new));
        for row in &self.rows {
            table.add_row(row.iter().enumerate().map(|(i, v)| {
                if self.numeric.contains(&i) {
                    // Whole numbers with the output language's thousands separator (20,000); CSV and JSON
                    // keep them plain for programs.
                    return Cell::new(readable_number(v)).set_alignment(CellAlignment::Right);
                }
                // A terminal cannot isolate a name: a direction override in it would turn the line around.
                Cell::new(ladder_domain::text::without_bidi_controls(v))
            }));
        }
        table.to_string()
    }

    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        ladder_app::csv_out::write_row(&mut w, &self.header)?;
        for row in &self.rows {
            ladder_app::csv_out::write_row(&mut w, row)?;
        }
        w.flush()?;
        Ok(())
    }
}

/// Prints a value as JSON, its grids as tables with titles and notes, or its main grid as CSV.
pub fn print(format: Format, value: &impl Serialize, grids: &[(&str, &Grid)], notes: &[String]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            // Reasons travel as data; here each becomes its words, with its `<key>_kind` beside it.
            let mut value = serde_json::to_value(value)?;
            ladder_i18n::catalog().say_reasons(lang(), &mut value);
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // One table per file: the report's main table (JSON carries everything).
            if let Some((_, grid)) = grids.first() {
                grid.write_csv(&mut out)?;
            }
        }
        Format::Table => {
            for (title, grid) in grids {
                if !title.is_empty() {
                    writeln!(out, "{title}")?;
                }
                writeln!(out, "{}", grid.render())?;
            }
            for note in notes {
                writeln!(out, "{note}")?;
            }
        }
    }
    Ok(())
}

/// A number in a table cell as the output language writes it (`20,000`, `6,244.50`); anything else as
/// it is.
fn readable_number(cell: &str) -> String {
    if let Ok(n) = cell.parse::<i64>() {
        return ladder_i18n::format::format_integer(lang(), n);
    }
    match (cell.split_once('.'), cell.parse::<f64>()) {
        (Some((_, fraction)), Ok(v)) if fraction.bytes().all(|b| b.is_ascii_digit()) => {
            ladder_i18n::format::format_decimal(lang(), v, fraction.len())
        }
        _ => cell.to_owned(),
    }
}

/// A share as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

/// An optional value, or a dash.
pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| v.to_string())
}

/// Days with at most one decimal.
pub fn days(v: Option<f64>) -> String {
    match v {
        Some(d) if (d - d.round()).abs() < 1e-9 => format!("{d:.0}"),
        Some(d) => format!("{d:.1}"),
        None => "–".to_owned(),
    }
}
