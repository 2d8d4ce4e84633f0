//! Pairing a file's columns with Ladder's, for files that come with their own column names (a till's
//! export, a spreadsheet kept for years): the import page offers a pairing — the one saved for a file
//! with the same header, else Ladder's own names where they match — and remembers what the person
//! chose, per source, for the next file. The command line pairs with `--map THEIRS=OURS`.

use crate::import::{CUSTOMER_COLUMNS, ImportError, ImportKind, LEFT_OUT};
use crate::{Action, Actor, App, AppError, audit, require};
use ladder_domain::Channel;
use ladder_domain::validate::{FieldError, Problem};
use ladder_store::{Store, column_source};
use std::path::Path;

/// What a file's column is taken as: one of Ladder's columns, a custom field (customers only, under the
/// file's own name), or left out.
pub const CUSTOM_FIELD: &str = "+";

/// Ladder's columns a file of `kind` may have, required ones first.
pub fn ladder_columns(kind: ImportKind) -> Vec<String> {
    let mut columns: Vec<String> = kind.required().iter().map(|c| (*c).to_owned()).collect();
    let more: Vec<String> = match kind {
        ImportKind::Customers => {
            let mut more: Vec<String> = CUSTOMER_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
            for ch in Channel::ALL {
                let c = ch.as_str();
                more.extend([format!("consent_{c}"), format!("consent_{c}_at"), format!("consent_{c}_source")]);
            }
            more
        }
        ImportKind::Orders => {
            ["product_name", "category", "campaign_code", "one_off", "status"].map(String::from).to_vec()
        }
        ImportKind::Interactions => ["note", "campaign_code"].map(String::from).to_vec(),
    };
    for c in more {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    columns
}

/// The header of a CSV file (any of the separators the import reads), its names trimmed.
pub fn header_of(path: &Path) -> Result<Vec<String>, ImportError> {
    use std::io::BufRead;
    let label = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let unreadable =
        |message: String, line: Option<u64>| ImportError::Unreadable { file: label.clone(), line, message };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string(), None))?;
    let mut input = std::io::BufReader::new(file);
    let head = input.fill_buf().map_err(|e| unreadable(e.to_string(), None))?;
    let separator = crate::import::separator_for(head);
    let mut csv = csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(separator).from_reader(input);
    let header = csv.headers().map_err(|e| unreadable(e.to_string(), Some(1)))?;
    Ok(header
        .iter()
        .map(|h| ladder_domain::text::cell_from_csv(h.trim().trim_start_matches('\u{feff}')).to_owned())
        .collect())
}

/// Whether a header needs pairing: a column Ladder does not know (for customers: one that is neither a
/// customer column nor meant as a custom field is unknowable, so any unknown column asks), or a required
/// column missing.
pub fn needs_pairing(kind: ImportKind, header: &[String]) -> bool {
    let known = ladder_columns(kind);
    let lower: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
    lower.iter().any(|h| !known.contains(h) && !crate::import::COMPUTED_COLUMNS.contains(&h.as_str()))
        || kind.required().iter().any(|r| !lower.iter().any(|h| h == r))
}

/// The pairing to offer for `header`: the one remembered for this source, else each column as the
/// Ladder column of its name, a custom field (customers) or left out. `true` when it was remembered.
pub fn offered(
    store: &dyn Store,
    kind: ImportKind,
    header: &[String],
) -> Result<(Vec<(String, String)>, bool), AppError> {
    if let Some(pairs) = store.column_pairs(kind_name(kind), &column_source(header))? {
        return Ok((pairs, true));
    }
    let known = ladder_columns(kind);
    let pairs = header
        .iter()
        .map(|h| {
            let lower = h.to_ascii_lowercase();
            let ours = if known.contains(&lower) {
                lower
            } else if kind == ImportKind::Customers {
                CUSTOM_FIELD.to_owned()
            } else {
                LEFT_OUT.to_owned()
            };
            (h.clone(), ours)
        })
        .collect();
    Ok((pairs, false))
}

/// The pairs as the import reads them (`--map`'s form): a custom field keeps the file's name.
pub fn as_import_columns(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(theirs, ours)| (theirs.clone(), if ours == CUSTOM_FIELD { theirs.clone() } else { ours.clone() }))
        .collect()
}

/// Checks a pairing chosen for `header` and remembers it for the next file from the same source, with
/// an audit entry. Refused: a choice that is not one of the kind's columns, one of Ladder's columns
/// chosen twice, a required column left unpaired.
pub fn remember(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    header: &[String],
    pairs: &[(String, String)],
) -> Result<(), AppError> {
    require(actor, ladder_domain::Permission::ImportData)?;
    let known = ladder_columns(kind);
    let refuse = |field: &str, problem| Err(AppError::Invalid(FieldError::new(field, problem)));
    let mut taken: Vec<&str> = Vec::new();
    for (theirs, ours) in pairs {
        let allowed =
            known.contains(ours) || ours == LEFT_OUT || (ours == CUSTOM_FIELD && kind == ImportKind::Customers);
        if !header.contains(theirs) || !allowed {
            return refuse(theirs, Problem::Unknown);
        }
        if ours != LEFT_OUT && ours != CUSTOM_FIELD {
            if taken.contains(&ours.as_str()) {
                return refuse(theirs, Problem::Taken);
            }
            taken.push(ours);
        }
    }
    if let Some(missing) = kind.required().iter().find(|r| !taken.contains(r)) {
        return refuse(missing, Problem::Required);
    }
    let now = app.now();
    let mut tx = app.store().begin()?;
    tx.remember_column_pairs(kind_name(kind), &column_source(header), pairs, now)?;
    audit(
        tx.as_mut(),
        actor,
        now,
        &Action::ImportColumnsPaired { kind: kind_name(kind).to_owned(), pairs: pairs.to_vec() },
    )?;
    tx.commit()?;
    Ok(())
}

/// The kind's name, as files and the pairing store know it.
pub fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Customers => "customers",
        ImportKind::Orders => "orders",
        ImportKind::Interactions => "interactions",
    }
}
