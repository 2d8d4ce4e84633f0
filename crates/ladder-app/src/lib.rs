//! Ladder's use-cases, written once over the [`ladder_store::Store`] trait, and the only door for writes.
//!
//! Every change — from a page, an API call, the command line or a job — is a function here that takes the
//! [`App`] (the store and the clock) and the [`Actor`] asking. It checks the actor's permission, parses
//! and validates through the domain's validators, and writes inside one unit of work
//! ([`ladder_store::Tx`]): the data, the "data changed" mark, the typed audit entry and any job it causes
//! commit together or not at all. Pages, API handlers and commands only parse their input and call these
//! functions; reads may go to the store directly (`app.store()`).
#![deny(missing_docs)]

pub mod accounts;
pub mod analytics;
pub mod broadcasts;
pub mod calls;
pub mod campaigns;
pub mod clock;
pub mod club;
pub mod clv;
pub mod column_pairs;
pub mod consent;
pub mod csv_out;
pub mod customers;
pub mod deliverability;
pub mod delivery;
pub mod demo;
mod gate;
pub mod import;
pub mod jobs;
pub mod letters;
pub mod links;
pub mod messages;
pub mod playbooks;
pub mod preferences;
pub mod privacy;
pub mod progress;
pub mod recommend;
pub mod reports;
pub mod score;
pub mod segments;
pub mod shop;
pub mod templates;
pub mod transfer;

pub use clock::{Clock, ManualClock, SystemClock};
pub use ladder_domain::audit::{Action, Actor};
pub use progress::{NoProgress, Progress};

use chrono::{DateTime, Utc};
use ladder_domain::Permission;
use ladder_domain::validate::FieldError;
use ladder_store::{AuditEntry, Store, StoreError, Tx};
use std::sync::Arc;

/// The store and the clock every use-case runs with; cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    best_sellers: Arc<recommend::Cached>,
    club_rules: Arc<club::CachedRules>,
    card_printer: Option<Arc<dyn club::card::CardPrinter>>,
}

impl App {
    /// The app over a store, with the system's clock.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self::with_clock(store, Arc::new(SystemClock))
    }

    /// The app with a clock of its own (tests pin the time, jobs' tests move it).
    pub fn with_clock(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock, best_sellers: Arc::default(), club_rules: Arc::default(), card_printer: None }
    }

    /// The app that prints club cards with `printer` (the binary gives it the PDF one).
    pub fn with_card_printer(mut self, printer: Arc<dyn club::card::CardPrinter>) -> Self {
        self.card_printer = Some(printer);
        self
    }

    /// What prints club cards, when this app has one.
    pub fn card_printer(&self) -> Option<&dyn club::card::CardPrinter> {
        self.card_printer.as_deref()
    }

    /// The store, for reads.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The store, shared.
    pub fn shared_store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// Why a use-case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The actor's role does not allow it.
    #[error("the role may not {}", .0.as_str().replace('_', " "))]
    Forbidden(Permission),
    /// A value is not valid; the field and the problem say which and why.
    #[error("{0}")]
    Invalid(FieldError),
    /// What the change is about does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The change contradicts what is stored (a name taken, the last owner).
    #[error("{0}")]
    Conflict(String),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict(why) => AppError::Conflict(why),
            StoreError::Invalid(problem) => AppError::Invalid(problem),
            other => AppError::Store(other),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(e)
    }
}

/// Refuses unless the actor may do what `permission` covers.
pub fn require(actor: &Actor, permission: Permission) -> Result<(), AppError> {
    if actor.allows(permission) { Ok(()) } else { Err(AppError::Forbidden(permission)) }
}

/// Appends the audit entry of `action` by `actor` at `at` to the unit of work.
pub fn audit(tx: &mut dyn Tx, actor: &Actor, at: DateTime<Utc>, action: &Action) -> Result<(), StoreError> {
    tx.record_audit(&AuditEntry {
        at,
        user_id: actor.user_id(),
        actor: actor.name(),
        action: action.name(),
        target: action.target(),
        detail: action.detail(),
    })
}

/// Runs `work` in one unit of work and commits it: everything `work` wrote, and the audit entries of the
/// actions it returns, become visible together. An error drops the unit of work, which writes nothing.
pub fn change<T>(
    app: &App,
    actor: &Actor,
    work: impl FnOnce(&mut dyn Tx, DateTime<Utc>) -> Result<(T, Vec<Action>), AppError>,
) -> Result<T, AppError> {
    let now = app.now();
    let mut tx = app.store().begin()?;
    let (value, actions) = work(tx.as_mut(), now)?;
    for action in &actions {
        audit(tx.as_mut(), actor, now, action)?;
    }
    tx.commit()?;
    Ok(value)
}

/// An error with every cause, as the logs and the jobs page show it.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// A new app over a fresh SQLite file, for the use-cases' tests.
#[cfg(test)]
pub(crate) fn test_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = ladder_store_sqlite::SqliteStore::open(dir.path().join("ladder.db")).expect("open");
    (dir, App::new(Arc::new(store)))
}
