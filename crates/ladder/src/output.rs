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

/// Whether tables print as wide as they are (`--wide`), set once at the start.
static WIDE: OnceLock<bool> = OnceLock::new();

/// The columns a table fits into unless `--wide`: a laptop's terminal beside another window.
pub const TABLE_COLUMNS: usize = 120;

/// Prints tables as wide as they are from now on; the first call wins.
pub fn set_wide(wide: bool) {
    let _ = WIDE.set(wide);
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

    /// The table as text, fitted into [`TABLE_COLUMNS`] unless `--wide`: a table too wide is split by
    /// columns into tables that each repeat the first (the row's name), and a column of long text wraps.
    pub fn render(&self) -> String {
        let all: Vec<usize> = (0..self.header.len()).collect();
        let whole = self.table(&all, None);
        if WIDE.get().copied().unwrap_or(false) || width(&whole) <= TABLE_COLUMNS {
            return whole;
        }
        self.parts()
            .iter()
            .map(|columns| {
                let part = self.table(columns, None);
                // Still too wide with its first column and one more: its long text wraps.
                if width(&part) > TABLE_COLUMNS { self.table(columns, Some(TABLE_COLUMNS)) } else { part }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The columns of each part of a split table: the first column, then as many of the others, in
    /// order, as fit beside it.
    fn parts(&self) -> Vec<Vec<usize>> {
        // A column's width: its widest cell, the padding and a border.
        let column_width = |i: usize| {
            let cells = std::iter::once(&self.header[i]).chain(self.rows.iter().filter_map(|r| r.get(i)));
            cells.map(|c| readable_number(c).chars().count()).max().unwrap_or(0) + 3
        };
        let first = column_width(0) + 1;
        let mut parts: Vec<Vec<usize>> = Vec::new();
        let mut used = first;
        for i in 1..self.header.len() {
            let w = column_width(i);
            match parts.last_mut() {
                Some(part) if used + w <= TABLE_COLUMNS => {
                    part.push(i);
                    used += w;
                }
                _ => {
                    parts.push(vec![0, i]);
                    used = first + w;
                }
            }
        }
        if parts.is_empty() { vec![vec![0]] } else { parts }
    }

    /// The table of some of the columns; with a width, long text wraps to fit it.
    fn table(&self, columns: &[usize], fit: Option<usize>) -> String {
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED);
        match fit {
            Some(w) => {
                table
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(u16::try_from(w).unwrap_or(u16::MAX));
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(columns.iter().map(|&i| Cell::new(&self.header[i])));
        for row in &self.rows {
            table.add_row(columns.iter().map(|&i| {
                let v = row.get(i).map_or("", String::as_str);
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

/// The widest line of a rendered table, in characters (one terminal column each in our scripts).
fn width(rendered: &str) -> usize {
    rendered.lines().map(|l| l.chars().count()).max().unwrap_or(0)
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

/// An amount in minor units with its currency's code (`12.50 EUR`).
pub fn money(minor: i64, code: &str) -> String {
    match ladder_domain::Currency::parse(code) {
        Ok(c) => format!("{} {code}", c.format_amount(minor)),
        Err(_) => format!("{minor} {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide_grid() -> Grid {
        let header: Vec<String> = (0..10).map(|i| format!("column number {i}")).collect();
        let mut grid = Grid::new(header.iter().map(String::as_str).collect(), vec![1]);
        for r in 0..3 {
            grid.push(
                (0..10).map(|c| if c == 0 { format!("row {r}") } else { format!("{}", 1_000_000 * c) }).collect(),
            );
        }
        grid
    }

    #[test]
    fn a_wide_table_is_split_into_tables_that_repeat_the_first_column_and_fit_120_columns() {
        let grid = wide_grid();
        let text = grid.render();
        assert!(text.lines().all(|l| l.chars().count() <= TABLE_COLUMNS), "{text}");
        let parts = grid.parts();
        assert!(parts.len() > 1 && parts.iter().all(|p| p[0] == 0), "{parts:?}");
        let shown: Vec<usize> = parts.iter().flat_map(|p| p[1..].to_vec()).collect();
        assert_eq!(shown, (1..10).collect::<Vec<_>>(), "every column once, in order");
        assert_eq!(text.matches("row 2").count(), parts.len(), "each part names its rows");
        assert!(text.contains("1,000,000"), "numbers keep their separators");
        let whole = grid.table(&(0..10).collect::<Vec<_>>(), None);
        assert!(width(&whole) > TABLE_COLUMNS, "as wide as it is: what --wide prints");
    }

    #[test]
    fn a_long_text_column_wraps_to_fit() {
        let mut grid = Grid::new(vec!["as of", "why"], vec![]);
        grid.push(vec![
            "2026-12-01".into(),
            "no order for 98 days, customers usually return within 29 days ".repeat(3),
        ]);
        let text = grid.render();
        assert!(text.lines().all(|l| l.chars().count() <= TABLE_COLUMNS), "{text}");
        assert!(text.lines().count() > 5, "the reason wraps onto more lines");
    }
}
