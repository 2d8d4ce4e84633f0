//! CSV import of customers, orders and interactions.
//!
//! An import is all-or-nothing: it runs in one store transaction, and the first bad row stops it with an
//! error that names the file, the line, the column and the value, and nothing is written. With
//! `skip_invalid`, good rows are written and each bad row goes to a reject file with its reason.
//! Re-importing a file changes nothing: rows are upserted by the business's own ids, and the summary
//! counts them as unchanged.
//!
//! Files are read as a stream (one record buffer, one order's lines at a time), so memory does not grow
//! with the file.

use crate::progress::Progress;
use crate::{Action, Actor, App, AppError, audit};
use chrono::{DateTime, Utc};
use csv::StringRecord;
use ladder_domain::consent::{ConsentMethod, LegalBasis};
use ladder_domain::date::{Birthday, parse_timestamp};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{
    Channel, Consent, Currency, Customer, CustomerKind, Interaction, InteractionKind, Order, OrderLine, OrderStatus,
};
use ladder_store::{Evidence, PreparedCustomer, StoreError, Tx, WriteOutcome};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Customers and contacts.
    Customers,
    /// Orders, one row per line.
    Orders,
    /// Interactions.
    Interactions,
}

impl ImportKind {
    /// The columns a file of this kind must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            ImportKind::Customers => &["customer_id"],
            ImportKind::Orders => {
                &["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "currency"]
            }
            ImportKind::Interactions => &["customer_id", "at", "kind"],
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Write the good rows and send bad ones to a reject file instead of stopping.
    pub skip_invalid: bool,
    /// Where rejected rows go; by default `FILE.rejects.csv` beside the input.
    pub rejects_path: Option<PathBuf>,
    /// The language of the reject file's reasons.
    pub lang: ladder_i18n::Locale,
    /// The file's columns under Ladder's names: (their header, ours), as `--map theirs=ours` gives them.
    pub columns: Vec<(String, String)>,
}

/// The "ours" of a pair that leaves a file's column out (`--map "Notes=-"`).
pub const LEFT_OUT: &str = "-";

/// Reads `theirs=ours` pairs (`--map "E-mail=email"`, `--map "Notes=-"` to leave a column out); the
/// error says which pair is not one.
pub fn column_map(pairs: &[String]) -> Result<Vec<(String, String)>, String> {
    pairs
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((theirs, ours)) if !theirs.trim().is_empty() && !ours.trim().is_empty() => {
                Ok((theirs.trim().to_owned(), ours.trim().to_ascii_lowercase()))
            }
            _ => Err(format!("{pair:?} is not a column pair; write THEIRS=OURS, such as \"E-mail=email\"")),
        })
        .collect()
}

/// The forms a time in a file may take.
const TIME_FORMS: &str = "YYYY-MM-DD or 2025-03-02T14:30:00Z";

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ImportSummary {
    /// Data rows read.
    pub read: u64,
    /// Rows that created something new.
    pub inserted: u64,
    /// Rows that changed something stored.
    pub updated: u64,
    /// Rows that were already stored exactly so.
    pub unchanged: u64,
    /// Rows rejected (only with `skip_invalid`).
    pub rejected: u64,
    /// The reject file, when rows were rejected.
    pub rejects_file: Option<PathBuf>,
}

impl ImportSummary {
    /// Rows written: inserted or updated.
    pub fn written(&self) -> u64 {
        self.inserted + self.updated
    }

    fn count(&mut self, outcome: WriteOutcome) {
        match outcome {
            WriteOutcome::Inserted => self.inserted += 1,
            WriteOutcome::Updated => self.updated += 1,
            WriteOutcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// Why an import stopped. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A row has a bad value.
    #[error(
        "{file} line {line}, column \"{column}\", value {value:?}: {} Nothing was imported; fix the row, or use --skip-invalid to import the good rows",
        english(problem)
    )]
    Invalid {
        /// The file.
        file: String,
        /// The line in the file (1 is the header).
        line: u64,
        /// The column.
        column: String,
        /// The value found.
        value: String,
        /// What is wrong and what to do.
        problem: Box<Problem>,
    },
    /// Required columns are missing from the header.
    #[error("{file}: the header lacks the required column{} {}; it has: {}", if missing.len() == 1 { "" } else { "s" }, missing.join(", "), found.join(", "))]
    MissingColumns {
        /// The file.
        file: String,
        /// The missing columns.
        missing: Vec<String>,
        /// The columns found.
        found: Vec<String>,
    },
    /// Two columns of the header have one name (after `--map`).
    #[error("{file}: the header has the column {column:?} twice (columns {first} and {second}); rename or remove one")]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The name.
        column: String,
        /// Its first position, from 1.
        first: usize,
        /// Its second position, from 1.
        second: usize,
    },
    /// The file cannot be read as CSV.
    #[error("{file}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Unreadable {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<u64>,
        /// What went wrong.
        message: String,
    },
    /// The actor may not import, or the change was refused.
    #[error(transparent)]
    Refused(AppError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(e) => ImportError::Store(e),
            other => ImportError::Refused(other),
        }
    }
}

/// Why an import stopped, as data that outlives the error: a job keeps it as its result, and a page says
/// it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportStop {
    /// A row has a bad value.
    Invalid {
        /// The line in the file.
        line: u64,
        /// The column.
        column: String,
        /// The value found.
        value: String,
        /// What is wrong and what to do.
        problem: Problem,
    },
    /// Required columns are missing from the header.
    MissingColumns {
        /// The missing columns.
        missing: Vec<String>,
        /// The columns found.
        found: Vec<String>,
    },
    /// The file cannot be read as CSV.
    Unreadable {
        /// The line, when known.
        line: Option<u64>,
        /// What went wrong.
        message: String,
    },
    /// Refused or failed otherwise (English, for the log).
    Failed {
        /// What happened.
        message: String,
    },
}

impl From<&ImportError> for ImportStop {
    fn from(e: &ImportError) -> Self {
        match e {
            ImportError::Invalid { line, column, value, problem, .. } => ImportStop::Invalid {
                line: *line,
                column: column.clone(),
                value: value.clone(),
                problem: (**problem).clone(),
            },
            ImportError::MissingColumns { missing, found, .. } => {
                ImportStop::MissingColumns { missing: missing.clone(), found: found.clone() }
            }
            ImportError::Unreadable { line, message, .. } => {
                ImportStop::Unreadable { line: *line, message: message.clone() }
            }
            other => ImportStop::Failed { message: other.to_string() },
        }
    }
}

/// A bad value in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowError {
    column: String,
    value: String,
    problem: Problem,
}

fn bad(column: &str, value: &str, problem: Problem) -> RowError {
    RowError { column: column.to_owned(), value: value.to_owned(), problem }
}

/// A problem in English, for errors on the command line and in logs (pages say it in their reader's
/// language through `ladder-i18n`).
fn english(problem: &Problem) -> String {
    ladder_i18n::plain(&ladder_i18n::catalog().problem(ladder_i18n::Locale::En, problem, &|f| f.to_owned()))
}

/// Imports one CSV file, for `actor`, in one unit of work with its "data changed" mark, the shop's first
/// currency and its audit entry.
pub fn import_file(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary, ImportError> {
    run(app, actor, kind, path, options, None, progress).map(|report| report.summary)
}

/// A rejected row, as a report shows it to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RejectedRow {
    /// The line in the file (1 is the header).
    pub line: u64,
    /// The column.
    pub column: String,
    /// The value found.
    pub value: String,
    /// What is wrong and what to do.
    pub problem: Problem,
}

/// How a reviewed import runs: for a person who reads a report (the web app), not a reject file.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// Roll everything back at the end, so the report says what the file would do and nothing is written.
    pub dry_run: bool,
    /// How many rejected rows the report lists; all of them are counted.
    pub keep: usize,
    /// The file's name for messages and as the source of consents, when its path means nothing to the
    /// reader (an upload's temporary file).
    pub name: Option<String>,
}

/// What a reviewed import did, or in a dry run would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// The counts.
    pub summary: ImportSummary,
    /// The first rejected rows, at most [`Review::keep`].
    pub rejected_rows: Vec<RejectedRow>,
}

/// Imports one CSV file with a report of its rejected rows, or checks it (`review.dry_run`) through the
/// same code and transaction, rolled back at the end. A reject file is written only when
/// `options.rejects_path` names one.
pub fn import_reviewed(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    review: &Review,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    run(app, actor, kind, path, options, Some(review), progress)
}

fn run(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    review: Option<&Review>,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    let named = review.and_then(|r| r.name.clone());
    let label = named.clone().unwrap_or_else(|| path.display().to_string());
    let file_name =
        named.unwrap_or_else(|| path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned()));
    let file = File::open(path).map_err(|e| ImportError::Unreadable {
        file: label.clone(),
        line: None,
        message: e.to_string(),
    })?;
    let size = file.metadata().map(|m| m.len()).ok();
    crate::require(actor, ladder_domain::Permission::ImportData)?;
    let now = app.now();
    let reader = Reader::new(label.clone(), file, kind, &options.columns, now)?;
    let evidence = Evidence { at: now, source: format!("import:{file_name}") };
    let mut session = app.store().begin_import()?;
    let aliases = session.aliases()?;
    let mut job = Job {
        file: label,
        options,
        evidence,
        summary: ImportSummary::default(),
        rejects: None,
        write_rejects: review.is_none() || options.rejects_path.is_some(),
        keep: review.map_or(0, |r| r.keep),
        kept: Vec::new(),
        headers: reader.headers.clone(),
        first_currency: None,
        aliases,
    };
    progress.begin(&format!("importing {kind:?}").to_lowercase(), size);
    let session_ref = session.as_mut();
    match kind {
        ImportKind::Customers => in_background(reader, parse_prepared_customer, progress, |rows| {
            import_customers(rows, session_ref, &mut job)
        })?,
        ImportKind::Orders => {
            in_background(reader, parse_order_line, progress, |rows| import_orders(rows, session_ref, &mut job))?
        }
        ImportKind::Interactions => {
            in_background(reader, parse_interaction, progress, |rows| import_interactions(rows, session_ref, &mut job))?
        }
    }
    progress.end();
    if let Some(mut writer) = job.rejects.take() {
        writer.flush().map_err(|e| ImportError::Unreadable {
            file: job.rejects_path().display().to_string(),
            line: None,
            message: e.to_string(),
        })?;
    }
    let report = ImportReport { summary: job.summary, rejected_rows: job.kept };
    if review.is_some_and(|r| r.dry_run) {
        // Dropping the unit of work rolls back everything it wrote.
        drop(session);
        return Ok(report);
    }
    let s = &report.summary;
    if s.written() > 0 {
        session.mark_data_changed(now)?;
    }
    if let Some(code) = job.first_currency {
        let mut settings = session.shop_settings()?;
        if settings.currency.is_none() {
            settings.currency = Some(code.code().to_owned());
            session.save_shop_settings(&settings)?;
        }
    }
    let action = Action::ImportRun {
        kind: format!("{kind:?}").to_lowercase(),
        file: file_name,
        read: s.read,
        inserted: s.inserted,
        updated: s.updated,
        rejected: s.rejected,
    };
    audit(session.as_mut(), actor, now, &action)?;
    let result = serde_json::to_string(&report).map_err(|e| StoreError::backend("cannot write the report", e))?;
    progress.committing(session.as_mut(), &result)?;
    session.commit()?;
    Ok(report)
}

/// State shared by the three kinds of import.
struct Job<'a> {
    file: String,
    options: &'a ImportOptions,
    /// When and where the consents the file gives no date and source for were given.
    evidence: Evidence,
    summary: ImportSummary,
    rejects: Option<csv::Writer<File>>,
    /// Whether rejected rows go to a reject file.
    write_rejects: bool,
    /// How many rejected rows to keep for a report, and those kept.
    keep: usize,
    kept: Vec<RejectedRow>,
    headers: Vec<String>,
    first_currency: Option<Currency>,
    /// Ids merged away, with the id each now stands for: rows that use one land on the merged customer.
    aliases: HashMap<String, String>,
}

impl Job<'_> {
    /// The customer an id means now: itself, or the customer it was merged into.
    fn canonical(&self, id: &mut String) {
        if let Some(kept) = self.aliases.get(id.as_str()) {
            id.clone_from(kept);
        }
    }

    fn rejects_path(&self) -> PathBuf {
        self.options.rejects_path.clone().unwrap_or_else(|| PathBuf::from(format!("{}.rejects.csv", self.file)))
    }

    /// Stops the import, or (with `skip_invalid`) sends the row to the reject file.
    fn reject(&mut self, line: u64, record: &StringRecord, error: RowError) -> Result<(), ImportError> {
        if !self.options.skip_invalid {
            return Err(ImportError::Invalid {
                file: self.file.clone(),
                line,
                column: error.column,
                value: error.value,
                problem: Box::new(error.problem),
            });
        }
        if self.kept.len() < self.keep {
            let RowError { column, value, problem } = error.clone();
            self.kept.push(RejectedRow { line, column, value, problem });
        }
        if !self.write_rejects {
            self.summary.rejected += 1;
            return Ok(());
        }
        if self.rejects.is_none() {
            let path = self.rejects_path();
            let unwritable = |e: csv::Error| ImportError::Unreadable {
                file: path.display().to_string(),
                line: None,
                message: e.to_string(),
            };
            let mut writer = csv::Writer::from_path(&path).map_err(unwritable)?;
            let mut header = self.headers.clone();
            header.extend(["line".to_owned(), "reason".to_owned()]);
            crate::csv_out::write_row(&mut writer, &header).map_err(unwritable)?;
            self.rejects = Some(writer);
            self.summary.rejects_file = Some(path);
        }
        let problem = ladder_i18n::catalog().problem(self.options.lang, &error.problem, &|f| f.to_owned());
        let reason = format!("{} ({:?}): {}", error.column, error.value, ladder_i18n::plain(&problem));
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        row.extend([line.to_string(), reason]);
        let path = self.rejects_path();
        let writer = self.rejects.as_mut().expect("created above");
        crate::csv_out::write_row(writer, &row).map_err(|e| ImportError::Unreadable {
            file: path.display().to_string(),
            line: None,
            message: e.to_string(),
        })?;
        self.summary.rejected += 1;
        Ok(())
    }
}

/// The field separators Ladder recognises: a comma, a semicolon (Excel in Russian and most European
/// locales) and a tab.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator of a file from its header line: the one that occurs most often outside quotes (a
/// comma when none does).
/// The separator of a file from its first bytes (a byte-order mark first is skipped).
pub fn separator_for(head: &[u8]) -> u8 {
    separator_of(head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head))
}

fn separator_of(header: &[u8]) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for &b in header {
        if !quoted && (b == b'\n' || b == b'\r') {
            break;
        }
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = SEPARATORS.iter().position(|s| *s == b) {
            counts[i] += 1;
        }
    }
    let best = (0..SEPARATORS.len()).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 { b',' } else { SEPARATORS[best] }
}

/// The columns whose values may hold a line break (a quoted address or note over several lines); in
/// any other a line break means a quote that was never closed, which swallowed the lines after it.
fn may_hold_line_breaks(column: &str) -> bool {
    matches!(column, "note" | "address")
}

/// A CSV file read one record at a time, with its columns by name.
struct Reader {
    file: String,
    csv: csv::Reader<std::io::BufReader<File>>,
    headers: Vec<String>,
    columns: HashMap<String, usize>,
    /// Columns where a line break is a stray quote's doing, by position.
    single_line: Vec<bool>,
    /// Today, for dates that may not lie ahead (a birthday, an order).
    now: DateTime<Utc>,
    /// Customers: the columns that hold custom attributes.
    attribute_columns: Vec<usize>,
    /// Customers: per channel, the columns of its consent, its date and its source.
    consent_columns: Vec<ConsentColumns>,
    record: StringRecord,
    line: u64,
}

struct ConsentColumns {
    channel: Channel,
    answer: (String, usize),
    at: Option<(String, usize)>,
    source: Option<usize>,
}

impl Reader {
    fn new(
        file: String,
        input: File,
        kind: ImportKind,
        mapping: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<Self, ImportError> {
        use std::io::BufRead;
        let mut input = std::io::BufReader::with_capacity(256 * 1024, input);
        let head = input.fill_buf().map_err(|e| ImportError::Unreadable {
            file: file.clone(),
            line: None,
            message: e.to_string(),
        })?;
        let separator = separator_for(head);
        // Flexible: a record with too few fields is checked here, first for the stray quote that
        // usually causes it, which names the line where the quote opened.
        let mut csv =
            csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(separator).from_reader(input);
        let headers: Vec<String> = csv
            .headers()
            .map_err(|e| ImportError::Unreadable { file: file.clone(), line: Some(1), message: csv_problem(&e) })?
            .iter()
            .map(|h| {
                let h = ladder_domain::text::cell_from_csv(h.trim());
                let mapped = mapping.iter().find(|(theirs, _)| theirs.eq_ignore_ascii_case(h)).map(|(_, ours)| ours);
                // `-` leaves the column out: it is read as a column without a name.
                match mapped {
                    Some(ours) if ours == LEFT_OUT => String::new(),
                    Some(ours) => ours.clone(),
                    None => h.to_owned(),
                }
            })
            .collect();
        let mut columns: HashMap<String, usize> = HashMap::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if let Some(first) = columns.insert(h.to_ascii_lowercase(), i) {
                return Err(ImportError::DuplicateColumn { file, column: h.clone(), first: first + 1, second: i + 1 });
            }
        }
        let missing: Vec<String> =
            kind.required().iter().filter(|c| !columns.contains_key(**c)).map(|c| (*c).to_owned()).collect();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns { file, missing, found: headers });
        }
        let attribute_columns = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty() && !is_customer_column(&h.to_ascii_lowercase()))
            .map(|(i, _)| i)
            .collect();
        let consent_columns = Channel::ALL
            .iter()
            .filter_map(|&channel| {
                let name = format!("consent_{}", channel.as_str());
                let at = format!("{name}_at");
                Some(ConsentColumns {
                    channel,
                    answer: (name.clone(), *columns.get(&name)?),
                    at: columns.get(&at).map(|&i| (at, i)),
                    source: columns.get(&format!("{name}_source")).copied(),
                })
            })
            .collect();
        let single_line = headers
            .iter()
            .map(|h| {
                let h = h.to_ascii_lowercase();
                !may_hold_line_breaks(&h) && (kind != ImportKind::Customers || is_customer_column(&h))
            })
            .collect();
        Ok(Self {
            file,
            csv,
            headers,
            columns,
            single_line,
            now,
            attribute_columns,
            consent_columns,
            record: StringRecord::new(),
            line: 1,
        })
    }

    /// Reads the next record; false at the end of the file.
    fn next(&mut self) -> Result<bool, ImportError> {
        match self.csv.read_record(&mut self.record) {
            Ok(more) => {
                self.line = self.record.position().map_or(self.line + 1, |p| p.line());
                if more && self.record.len() != self.headers.len() && self.unclosed_quote().is_none() {
                    let (expected, found) = (self.headers.len(), self.record.len());
                    return Err(ImportError::Unreadable {
                        file: self.file.clone(),
                        line: Some(self.line),
                        message: format!(
                            "has {found} fields but the header has {expected}; quote values that contain the separator"
                        ),
                    });
                }
                Ok(more)
            }
            Err(e) => Err(ImportError::Unreadable {
                file: self.file.clone(),
                line: e.position().map(|p| p.line()),
                message: csv_problem(&e),
            }),
        }
    }

    fn byte(&self) -> u64 {
        self.csv.position().byte()
    }

    /// A line break in a column that cannot hold one: a quote opened on this record's first line was
    /// never closed and swallowed the lines after it (a stray `"` in a name).
    fn unclosed_quote(&self) -> Option<RowError> {
        let (i, value) = self
            .record
            .iter()
            .enumerate()
            .find(|(i, v)| self.single_line.get(*i).copied().unwrap_or(true) && v.contains(['\n', '\r']))?;
        let shown: String = value.chars().take(40).collect();
        Some(bad(&self.headers[i], &shown, Problem::UnclosedQuote { line: self.line }))
    }

    /// The trimmed value of a column, `None` when the column is absent or the cell empty.
    fn get(&self, column: &str) -> Option<&str> {
        self.columns.get(column).and_then(|&i| self.at(i))
    }

    /// The trimmed value at a column index, `None` when empty; a `'` that an export put before a
    /// formula-like start (`'+972…`) is taken off.
    fn at(&self, index: usize) -> Option<&str> {
        self.record.get(index).map(str::trim).map(ladder_domain::text::cell_from_csv).filter(|v| !v.is_empty())
    }

    fn required(&self, column: &str) -> Result<&str, RowError> {
        self.get(column).ok_or_else(|| bad(column, "", Problem::Required))
    }
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text; save the file as UTF-8 (with or without a BOM)".to_owned(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields but the header has {expected_len}; quote values that contain commas")
        }
        _ => e.to_string(),
    }
}

/// Records read per message between the reading thread and the writing one.
const RECORD_CHUNK: usize = 1024;

/// One record as read and parsed, with what an import needs to report it.
struct Parsed<T> {
    line: u64,
    record: StringRecord,
    value: Result<T, RowError>,
}

/// What the reading thread sends: parsed records and how far into the file it is, or why it stopped.
enum Chunk<T> {
    Rows(Vec<Parsed<T>>, u64),
    Failed(ImportError),
}

/// The parsed records of a file, as the reading thread delivers them.
struct Records<'a, T> {
    receiver: std::sync::mpsc::Receiver<Chunk<T>>,
    current: std::vec::IntoIter<Parsed<T>>,
    progress: &'a dyn Progress,
}

impl<T> Iterator for Records<'_, T> {
    type Item = Result<Parsed<T>, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.current.next() {
                return Some(Ok(row));
            }
            match self.receiver.recv() {
                Ok(Chunk::Rows(rows, byte)) => {
                    self.progress.set_position(byte);
                    self.current = rows.into_iter();
                }
                Ok(Chunk::Failed(e)) => return Some(Err(e)),
                Err(_) => return None,
            }
        }
    }
}

/// Reads and parses the file on a second thread while `consume` writes what was read: the next rows are
/// parsed while the store writes the previous batch, so a two-core machine keeps both cores busy.
fn in_background<T: Send, R>(
    mut reader: Reader,
    parse: fn(&Reader) -> Result<T, RowError>,
    progress: &dyn Progress,
    consume: impl FnOnce(&mut Records<'_, T>) -> Result<R, ImportError>,
) -> Result<R, ImportError> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(8);
        scope.spawn(move || read_records(&mut reader, parse, &sender));
        // Dropping the records when `consume` stops early ends the reading thread at its next send.
        let mut records = Records { receiver, current: Vec::new().into_iter(), progress };
        consume(&mut records)
    })
}

fn read_records<T>(
    reader: &mut Reader,
    parse: fn(&Reader) -> Result<T, RowError>,
    sender: &std::sync::mpsc::SyncSender<Chunk<T>>,
) {
    loop {
        let mut rows = Vec::with_capacity(RECORD_CHUNK);
        while rows.len() < RECORD_CHUNK {
            match reader.next() {
                Ok(true) => {
                    let value = reader.unclosed_quote().map_or_else(|| parse(reader), Err);
                    rows.push(Parsed { line: reader.line, value, record: reader.record.clone() })
                }
                Ok(false) => {
                    let _ = sender.send(Chunk::Rows(rows, reader.byte()));
                    return;
                }
                Err(e) => {
                    let _ = sender.send(Chunk::Rows(rows, reader.byte()));
                    let _ = sender.send(Chunk::Failed(e));
                    return;
                }
            }
        }
        if sender.send(Chunk::Rows(rows, reader.byte())).is_err() {
            return;
        }
    }
}

fn parse_yes_no(column: &str, value: &str) -> Result<bool, RowError> {
    match value.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "granted" => Ok(true),
        "no" | "n" | "false" | "0" | "denied" | "withdrawn" => Ok(false),
        _ => Err(bad(column, value, Problem::NotYesOrNo)),
    }
}

fn parse_time(column: &str, value: &str) -> Result<DateTime<Utc>, RowError> {
    parse_timestamp(value).map_err(|_| bad(column, value, ladder_domain::validate::date_problem(value, TIME_FORMS)))
}

// ---------------------------------------------------------------- customers

/// The standard columns of the customers file, besides the consent columns; any other column is a
/// custom attribute.
pub const CUSTOMER_COLUMNS: &[&str] = &[
    "customer_id",
    "kind",
    "first_name",
    "last_name",
    "company",
    "industry",
    "email",
    "phone",
    "address",
    "city",
    "region",
    "country",
    "birthday",
    "profession",
    "income_band",
    "preferred_language",
    "preferred_channel",
    "referred_by",
    "created_at",
    "tags",
];

/// The columns Ladder's own export adds to the customers file's (what it computed): an import ignores
/// them, so an export imports back as it is.
pub const COMPUTED_COLUMNS: &[&str] =
    &["rung", "state", "rfm_segment", "orders", "last_order", "spend", "clv_12m", "currency"];

fn is_customer_column(column: &str) -> bool {
    CUSTOMER_COLUMNS.contains(&column)
        || COMPUTED_COLUMNS.contains(&column)
        || Channel::ALL.iter().any(|ch| {
            let c = ch.as_str();
            column
                .strip_prefix("consent_")
                .is_some_and(|rest| rest == c || rest == format!("{c}_at") || rest == format!("{c}_source"))
        })
}

/// A customer with its phone's forms read, on the reading thread: the writing thread only writes.
fn parse_prepared_customer(r: &Reader) -> Result<PreparedCustomer, RowError> {
    parse_customer(r).map(PreparedCustomer::new)
}

fn parse_customer(r: &Reader) -> Result<Customer, RowError> {
    let text = |c: &str| r.get(c).map(str::to_owned);
    let external_id = r.required("customer_id")?.to_owned();
    let kind = match r.get("kind") {
        Some(v) => Some(
            CustomerKind::parse(v)
                .ok_or_else(|| bad("kind", v, Problem::NotOneOf { choices: CustomerKind::names() }))?,
        ),
        None => None,
    };
    let birthday = match r.get("birthday") {
        Some(v) => Some(Birthday::parse(v).map_err(|_| {
            let problem = match ladder_domain::date::early_year(v) {
                Some(year) => Problem::NotGregorian { year },
                None => Problem::NotBirthday,
            };
            bad("birthday", v, problem)
        })?),
        None => None,
    };
    let preferred_channel = match r.get("preferred_channel") {
        Some(v) => Some(
            Channel::parse(v)
                .ok_or_else(|| bad("preferred_channel", v, Problem::NotOneOf { choices: Channel::names() }))?,
        ),
        None => None,
    };
    let created_at = r.get("created_at").map(|v| parse_time("created_at", v)).transpose()?;
    let mut consents = Vec::new();
    for columns in &r.consent_columns {
        let Some(value) = r.at(columns.answer.1) else { continue };
        let at = match &columns.at {
            Some((name, i)) => r.at(*i).map(|v| parse_time(name, v)).transpose()?,
            None => None,
        };
        consents.push(Consent {
            channel: columns.channel,
            granted: parse_yes_no(&columns.answer.0, value)?,
            at,
            source: columns.source.and_then(|i| r.at(i)).map(str::to_owned),
            // The shop's own record of consent; the file and line are added by the import.
            method: Some(ConsentMethod::Import),
            basis: Some(LegalBasis::Imported),
            ..Consent::PLAIN
        });
    }
    let referred_by = text("referred_by");
    if referred_by.as_deref() == Some(external_id.as_str()) {
        return Err(bad("referred_by", &external_id, Problem::SelfReferral));
    }
    let tags = r.get("tags").map(ladder_domain::customer::split_tags).unwrap_or_default();
    let attributes: BTreeMap<String, String> =
        r.attribute_columns.iter().filter_map(|&i| Some((r.headers[i].clone(), r.at(i)?.to_owned()))).collect();
    let customer = Customer {
        external_id,
        kind,
        first_name: text("first_name"),
        last_name: text("last_name"),
        company: text("company"),
        industry: text("industry"),
        email: text("email"),
        phone: text("phone"),
        address: text("address"),
        city: text("city"),
        region: text("region"),
        country: text("country").map(|c| c.to_uppercase()),
        birthday,
        profession: text("profession"),
        income_band: text("income_band"),
        preferred_language: text("preferred_language"),
        preferred_channel,
        consents,
        referred_by,
        created_at,
        tags,
        attributes,
    };
    // The same checks as a form and the API make, naming the column and what it held.
    validate::customer(&customer, r.now.date_naive())
        .map_err(|e| bad(&e.field, r.get(&e.field).unwrap_or_default(), e.problem))?;
    Ok(customer)
}

/// Interactions written in one call to the store.
const INTERACTION_BATCH: usize = 2000;

/// Customers written in one call to the store.
const CUSTOMER_BATCH: usize = 2000;

/// A person whose data was erased left a suppression entry: an import that brings their email or phone
/// back brings no "yes" to marketing with it (their other answers stay as the file gives them).
fn keep_erased_out_of_mailings(customers: &mut [PreparedCustomer], session: &mut dyn Tx) -> Result<(), ImportError> {
    let hashes: Vec<String> = customers
        .iter()
        .map(|p| &p.customer)
        .filter(|c| c.consents.iter().any(|k| k.granted))
        .flat_map(crate::privacy::suppression_hashes)
        .collect();
    if hashes.is_empty() {
        return Ok(());
    }
    let suppressed: HashSet<String> = session.suppressed(&hashes)?.into_iter().collect();
    if suppressed.is_empty() {
        return Ok(());
    }
    for c in customers.iter_mut().map(|p| &mut p.customer) {
        if crate::privacy::suppression_hashes(c).iter().any(|h| suppressed.contains(h)) {
            c.consents.retain(|k| !k.granted);
        }
    }
    Ok(())
}

fn import_customers(
    rows: &mut Records<'_, PreparedCustomer>,
    session: &mut dyn Tx,
    job: &mut Job<'_>,
) -> Result<(), ImportError> {
    // Rows whose referrer comes later in the file wait until the end.
    let mut waiting: Vec<(u64, StringRecord, PreparedCustomer)> = Vec::new();
    // Customers are written in batches; the ids of the pending batch count as known.
    let mut pending: Vec<PreparedCustomer> = Vec::with_capacity(CUSTOMER_BATCH);
    let mut pending_ids: HashSet<String> = HashSet::new();
    let flush =
        |pending: &mut Vec<PreparedCustomer>, ids: &mut HashSet<String>, session: &mut dyn Tx, job: &mut Job<'_>| {
            keep_erased_out_of_mailings(pending, session)?;
            for outcome in session.put_customers(pending, &job.evidence)? {
                job.summary.count(outcome);
            }
            pending.clear();
            ids.clear();
            Ok::<(), ImportError>(())
        };
    for row in rows {
        let Parsed { line, record, value } = row?;
        job.summary.read += 1;
        let mut prepared = match value {
            Ok(c) => c,
            Err(e) => {
                job.reject(line, &record, e)?;
                continue;
            }
        };
        let customer = &mut prepared.customer;
        // The shop's record of consent rests on its file: the file and line are the ledger's evidence.
        let file = job.evidence.source.strip_prefix("import:").unwrap_or(&job.evidence.source);
        for consent in &mut customer.consents {
            consent.evidence.get_or_insert_with(|| format!("{file}, line {line}"));
        }
        job.canonical(&mut customer.external_id);
        if let Some(referrer) = customer.referred_by.as_mut() {
            job.canonical(referrer);
        }
        if let Some(referrer) = &customer.referred_by
            && !pending_ids.contains(referrer)
            && !session.customer_known(referrer)?
        {
            waiting.push((line, record, prepared));
            continue;
        }
        pending_ids.insert(customer.external_id.clone());
        pending.push(prepared);
        if pending.len() >= CUSTOMER_BATCH {
            flush(&mut pending, &mut pending_ids, session, job)?;
        }
    }
    flush(&mut pending, &mut pending_ids, session, job)?;
    for (line, record, prepared) in waiting {
        let referrer = prepared.customer.referred_by.as_deref().unwrap_or_default();
        if session.customer_known(referrer)? {
            let mut one = [prepared];
            keep_erased_out_of_mailings(&mut one, session)?;
            for outcome in session.put_customers(&one, &job.evidence)? {
                job.summary.count(outcome);
            }
        } else {
            job.reject(line, &record, bad("referred_by", referrer, Problem::UnknownReferrer))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- orders

/// One order line as read, before it joins its order.
struct LineRow {
    order_id: String,
    customer_id: String,
    ordered_at: DateTime<Utc>,
    currency: Currency,
    campaign_code: Option<String>,
    one_off: bool,
    status: OrderStatus,
    line: OrderLine,
}

fn parse_order_line(r: &Reader) -> Result<LineRow, RowError> {
    let order_id = r.required("order_id")?.to_owned();
    let customer_id = r.required("customer_id")?.to_owned();
    let ordered_at = parse_time("ordered_at", r.required("ordered_at")?)?;
    let sku = r.required("sku")?.to_owned();
    let currency_text = r.required("currency")?;
    let currency = Currency::parse(currency_text).map_err(|e| bad("currency", currency_text, e.into()))?;
    let quantity_text = r.required("quantity")?;
    let quantity: i64 = quantity_text.parse().map_err(|_| bad("quantity", quantity_text, Problem::NotWholeNumber))?;
    let price_text = r.required("unit_price")?;
    let unit_price_minor = currency.parse_amount(price_text).map_err(|e| bad("unit_price", price_text, e.into()))?;
    let one_off = r.get("one_off").map(|v| parse_yes_no("one_off", v)).transpose()?.unwrap_or(false);
    let status = match r.get("status") {
        Some(v) => OrderStatus::parse(v)
            .ok_or_else(|| bad("status", v, Problem::NotOneOf { choices: OrderStatus::names() }))?,
        None => OrderStatus::Completed,
    };
    let campaign_code = r.get("campaign_code").map(str::to_owned);
    let line = OrderLine {
        sku,
        product_name: r.get("product_name").map(str::to_owned),
        category: r.get("category").map(str::to_owned),
        quantity,
        unit_price_minor,
    };
    // The same checks as the API's, naming the column and what it held.
    let named = |e: FieldError| bad(&e.field, r.get(&e.field).unwrap_or_default(), e.problem);
    validate::order_header(&order_id, &customer_id, campaign_code.as_deref(), ordered_at, r.now).map_err(named)?;
    validate::order_line(&line, &currency).map_err(named)?;
    Ok(LineRow { order_id, customer_id, ordered_at, currency, campaign_code, one_off, status, line })
}

/// The lines of one order read so far, with where each came from.
struct OrderGroup {
    order: Order,
    rows: Vec<(u64, StringRecord)>,
}

impl OrderGroup {
    /// Checks that a further line agrees with the order's first line.
    fn check(&self, row: &LineRow) -> Result<(), RowError> {
        let first = self.rows[0].0;
        let o = &self.order;
        let differs = |column: &str, value: String| bad(column, &value, Problem::DiffersFromFirstLine { line: first });
        if row.customer_id != o.customer_external_id {
            return Err(differs("customer_id", row.customer_id.clone()));
        }
        if row.ordered_at != o.ordered_at {
            return Err(differs("ordered_at", row.ordered_at.to_rfc3339()));
        }
        if row.currency != o.currency {
            return Err(differs("currency", row.currency.code().to_owned()));
        }
        if row.status != o.status {
            return Err(differs("status", row.status.as_str().to_owned()));
        }
        if row.campaign_code != o.campaign_code {
            return Err(differs("campaign_code", row.campaign_code.clone().unwrap_or_default()));
        }
        if row.one_off != o.one_off {
            return Err(differs("one_off", if row.one_off { "yes" } else { "no" }.to_owned()));
        }
        Ok(())
    }
}

/// Orders written in one call to the store: enough for a set-based backend to pay off.
const ORDER_BATCH: usize = 2000;

/// Writes the pending orders in one batch; an order the store refuses is rejected line by line.
fn flush_orders(pending: &mut Vec<OrderGroup>, session: &mut dyn Tx, job: &mut Job<'_>) -> Result<(), ImportError> {
    if pending.is_empty() {
        return Ok(());
    }
    let (orders, rows): (Vec<Order>, Vec<_>) = pending.drain(..).map(|g| (g.order, g.rows)).unzip();
    let results = session.put_orders(&orders)?;
    for ((order, rows), result) in orders.iter().zip(rows).zip(results) {
        match result {
            Ok(outcomes) => outcomes.into_iter().for_each(|o| job.summary.count(o)),
            // The one contradiction a batch of orders can meet.
            Err(_) => {
                for (line, record) in &rows {
                    job.reject(*line, record, bad("order_id", &order.external_id, Problem::OrderOfAnotherCustomer))?;
                }
            }
        }
    }
    Ok(())
}

fn import_orders(rows: &mut Records<'_, LineRow>, session: &mut dyn Tx, job: &mut Job<'_>) -> Result<(), ImportError> {
    let mut group: Option<OrderGroup> = None;
    let mut pending: Vec<OrderGroup> = Vec::with_capacity(ORDER_BATCH);
    for parsed in rows {
        let Parsed { line, record, value } = parsed?;
        job.summary.read += 1;
        let mut row = match value {
            Ok(row) => row,
            Err(e) => {
                job.reject(line, &record, e)?;
                continue;
            }
        };
        job.canonical(&mut row.customer_id);
        if group.as_ref().is_some_and(|g| g.order.external_id == row.order_id) {
            let g = group.as_mut().expect("checked above");
            if let Err(e) = g.check(&row) {
                job.reject(line, &record, e)?;
                continue;
            }
            g.order.lines.push(row.line);
            g.rows.push((line, record));
            continue;
        }
        if let Some(done) = group.take() {
            pending.push(done);
            if pending.len() >= ORDER_BATCH {
                flush_orders(&mut pending, session, job)?;
            }
        }
        if !session.customer_known(&row.customer_id)? {
            job.reject(line, &record, bad("customer_id", &row.customer_id, Problem::UnknownCustomer))?;
            continue;
        }
        job.first_currency.get_or_insert(row.currency);
        group = Some(OrderGroup {
            order: Order {
                external_id: row.order_id,
                customer_external_id: row.customer_id,
                ordered_at: row.ordered_at,
                currency: row.currency,
                campaign_code: row.campaign_code,
                one_off: row.one_off,
                status: row.status,
                lines: vec![row.line],
            },
            rows: vec![(line, record)],
        });
    }
    pending.extend(group);
    flush_orders(&mut pending, session, job)
}

// ---------------------------------------------------------------- interactions

fn parse_interaction(r: &Reader) -> Result<Interaction, RowError> {
    let customer_external_id = r.required("customer_id")?.to_owned();
    let at = parse_time("at", r.required("at")?)?;
    let kind_text = r.required("kind")?;
    let kind = InteractionKind::parse(kind_text)
        .ok_or_else(|| bad("kind", kind_text, Problem::NotOneOf { choices: InteractionKind::names() }))?;
    Ok(Interaction {
        customer_external_id,
        at,
        kind,
        note: r.get("note").map(str::to_owned),
        campaign_code: r.get("campaign_code").map(str::to_owned),
    })
}

fn import_interactions(
    rows: &mut Records<'_, Interaction>,
    session: &mut dyn Tx,
    job: &mut Job<'_>,
) -> Result<(), ImportError> {
    let mut pending: Vec<Interaction> = Vec::with_capacity(INTERACTION_BATCH);
    let flush = |pending: &mut Vec<Interaction>, session: &mut dyn Tx, job: &mut Job<'_>| {
        for outcome in session.put_interactions(pending)? {
            job.summary.count(outcome);
        }
        pending.clear();
        Ok::<(), ImportError>(())
    };
    for row in rows {
        let Parsed { line, record, value } = row?;
        job.summary.read += 1;
        let mut interaction = match value {
            Ok(i) => i,
            Err(e) => {
                job.reject(line, &record, e)?;
                continue;
            }
        };
        job.canonical(&mut interaction.customer_external_id);
        if !session.customer_known(&interaction.customer_external_id)? {
            let problem = Problem::UnknownCustomer;
            job.reject(line, &record, bad("customer_id", &interaction.customer_external_id, problem))?;
            continue;
        }
        pending.push(interaction);
        if pending.len() >= INTERACTION_BATCH {
            flush(&mut pending, session, job)?;
        }
    }
    flush(&mut pending, session, job)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoProgress;
    use ladder_store_sqlite::SqliteStore;

    const CUSTOMERS: &str = "customer_id,email,birthday\nA1,a@example.com,1990-01-02\nA2,not-an-email,\nA3,,1990-13-40\nA4,d@example.com,\n";

    fn shop() -> (tempfile::TempDir, App, PathBuf) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let path = dir.path().join("upload-1234.csv");
        std::fs::write(&path, CUSTOMERS).expect("write");
        let clock = crate::ManualClock::new(parse_timestamp("2025-06-01T12:00:00Z").expect("time"));
        (dir, App::with_clock(std::sync::Arc::new(store), std::sync::Arc::new(clock)), path)
    }

    fn options(skip_invalid: bool) -> ImportOptions {
        ImportOptions { skip_invalid, ..ImportOptions::default() }
    }

    #[test]
    fn a_dry_run_reports_every_bad_row_and_writes_nothing() {
        let (dir, app, path) = shop();
        let store = app.store();
        let review = Review { dry_run: true, keep: 1, name: Some("customers.csv".to_owned()) };
        let report =
            import_reviewed(&app, &Actor::Cli, ImportKind::Customers, &path, &options(true), &review, &NoProgress)
                .expect("check");
        let s = &report.summary;
        assert_eq!((s.read, s.inserted, s.updated, s.unchanged, s.rejected), (4, 2, 0, 0, 2));
        assert_eq!(s.rejects_file, None, "no reject file beside the upload");
        assert_eq!(report.rejected_rows.len(), 1, "only as many rows as asked are kept");
        let first = &report.rejected_rows[0];
        assert_eq!((first.line, first.column.as_str(), first.value.as_str()), (3, "email", "not-an-email"));
        assert_eq!(store.counts().expect("counts").customers, 0, "the dry run wrote nothing");
        assert_eq!(store.shop_state().expect("read").data_changed_at, None);
        assert_eq!(store.audit_log(5, None).expect("audit"), [], "a dry run is not audited");
        assert!(!dir.path().join("upload-1234.csv.rejects.csv").exists());
    }

    #[test]
    fn a_reviewed_import_writes_the_good_rows_or_stops_at_the_first_bad_one() {
        let (_dir, app, path) = shop();
        let store = app.store();
        let review = Review { dry_run: false, keep: 10, name: Some("customers.csv".to_owned()) };
        let stopped =
            import_reviewed(&app, &Actor::Cli, ImportKind::Customers, &path, &options(false), &review, &NoProgress);
        match stopped {
            Err(ImportError::Invalid { file, line, column, .. }) => {
                assert_eq!((file.as_str(), line, column.as_str()), ("customers.csv", 3, "email"));
            }
            other => panic!("expected the bad email to stop the import, got {other:?}"),
        }
        assert_eq!(store.counts().expect("counts").customers, 0, "all or nothing");
        let report =
            import_reviewed(&app, &Actor::Cli, ImportKind::Customers, &path, &options(true), &review, &NoProgress)
                .expect("import");
        assert_eq!((report.summary.inserted, report.summary.rejected, report.rejected_rows.len()), (2, 2, 2));
        assert_eq!(store.counts().expect("counts").customers, 2);
        let entry = &store.audit_log(5, None).expect("audit")[0];
        assert_eq!((entry.action.as_str(), entry.target.as_str()), ("import.run", "file:customers.csv"));
        assert_eq!(store.shop_state().expect("read").data_changed_at, Some(app.now()), "marked in the same unit");
        let viewer = Actor::User { id: 1, role: ladder_domain::Role::Viewer };
        let refused =
            import_reviewed(&app, &viewer, ImportKind::Customers, &path, &options(true), &review, &NoProgress);
        assert!(matches!(refused, Err(ImportError::Refused(AppError::Forbidden(_)))), "{refused:?}");
    }
}
