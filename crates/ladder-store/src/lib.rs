//! The storage of Ladder, spoken in domain types only, cut by area.
//!
//! [`Store`] is the sum of one trait per area — [`CustomerStore`], [`ImportStore`], [`ScoringStore`],
//! [`ReportStore`], [`AccountStore`], [`AuditStore`], [`SegmentStore`], [`CampaignStore`], [`ShopStore`],
//! [`TransferStore`] and [`JobStore`] — each in its own module here, implemented by one module per area
//! in each backend crate (`ladder-store-sqlite`, `ladder-store-postgres`) and pinned by one conformance
//! file per area in `ladder-store-conformance`. Nothing here names a driver.
//!
//! # The unit of work
//!
//! Reads go to the store. Every change goes through a unit of work, [`Tx`], from [`Store::begin`] (or
//! [`ImportStore::begin_import`] and [`ScoringStore::begin_scoring`], units tuned for bulk work): the
//! data, the "data changed" mark, the audit entry and any job it enqueues are written in one database
//! transaction and become visible together at [`Tx::commit`]. Dropping a unit of work without committing
//! writes nothing anywhere. `Tx` is the sum of the areas' write traits ([`CustomerTx`], [`ScoringTx`],
//! [`AccountTx`], [`AuditTx`], [`SegmentTx`], [`CampaignTx`], [`ShopTx`], [`JobTx`], [`TransferTx`],
//! [`PrivacyTx`]).
//!
//! # Synchronous on purpose
//!
//! The bulk paths (imports of millions of lines, scoring over every customer) are streams that a
//! blocking connection with prepared statements serves best; an async caller (the web server) calls the
//! store from a blocking thread pool. The traits are object-safe: callers hold an `Arc<dyn Store>`.
#![deny(missing_docs)]

pub mod accounts;
pub mod audit;
pub mod broadcasts;
pub mod campaigns;
pub mod club;
pub mod club_sql;
pub mod customers;
pub mod deliverability;
pub mod fair;
pub mod filter;
pub mod imports;
pub mod jobs;
pub mod outbox;
pub mod outbox_sql;
pub mod playbooks;
pub mod playbooks_sql;
pub mod privacy;
pub mod reports;
pub mod schema;
pub mod scoring;
pub mod search;
pub mod segments;
pub mod shop;
pub mod templates;
pub mod transfer;

pub use accounts::*;
pub use audit::*;
pub use broadcasts::{
    AudienceMember, AudienceQuery, BroadcastResults, BroadcastStore, BroadcastTx, NewBroadcast, OrderTotal,
};
pub use campaigns::{CampaignStore, CampaignTx};
pub use club::{ClubStore, ClubTx};
pub use customers::*;
pub use deliverability::{DeliverabilityStore, DeliverabilityTx, Suppression};
pub use imports::ImportStore;
pub use jobs::*;
pub use outbox::{Delivery, NewMessage, OutboxMessage, OutboxQuery, OutboxStore, OutboxTx};
pub use playbooks::*;
pub use privacy::PrivacyTx;
pub use reports::*;
pub use schema::PreparedCustomer;
pub use scoring::*;
pub use segments::*;
pub use shop::*;
pub use templates::{TemplateStore, TemplateTx};
pub use transfer::*;

/// What went wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The write contradicts what is stored (an order moving to another customer, for instance).
    #[error("{0}")]
    Conflict(String),
    /// A value the store refuses to keep (shop settings the rules could not use).
    #[error("{0}")]
    Invalid(ladder_domain::validate::FieldError),
    /// The way to the database is set wrong (an unknown option in its URL, a file it names unreadable).
    #[error("{0}")]
    Configuration(String),
    /// The database is busy with another long write (SQLite admits one writer at a time).
    #[error("the database is busy with another change (an import or a scoring); try again in a moment")]
    Busy,
    /// The database was made by a newer Ladder.
    #[error("the database schema is version {found}, newer than this Ladder knows (version {known}); upgrade Ladder")]
    SchemaTooNew {
        /// The version found in the database.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// The database could not be opened or answered with an error.
    #[error("{context}: {source}")]
    Backend {
        /// What the store was doing.
        context: String,
        /// The driver's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl StoreError {
    /// Wraps a driver error with what the store was doing.
    pub fn backend(context: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Backend { context: context.into(), source: Box::new(source) }
    }
}

/// Shorthand for store results.
pub type StoreResult<T> = Result<T, StoreError>;

/// A Ladder database: the sum of its areas, and the unit of work that changes them.
pub trait Store:
    CustomerStore
    + ImportStore
    + ScoringStore
    + ReportStore
    + AccountStore
    + AuditStore
    + SegmentStore
    + CampaignStore
    + ShopStore
    + TransferStore
    + JobStore
    + DeliverabilityStore
    + TemplateStore
    + OutboxStore
    + BroadcastStore
    + PlaybookStore
    + ClubStore
    + Send
    + Sync
{
    /// Starts a unit of work.
    fn begin(&self) -> StoreResult<Box<dyn Tx + '_>>;

    /// The schema version the database holds.
    fn schema_version(&self) -> StoreResult<i64>;
}

/// One unit of work: every change inside it commits together, or — dropped without [`Tx::commit`] —
/// not at all.
pub trait Tx:
    CustomerTx
    + ScoringTx
    + AccountTx
    + AuditTx
    + SegmentTx
    + CampaignTx
    + ShopTx
    + JobTx
    + TransferTx
    + PrivacyTx
    + DeliverabilityTx
    + TemplateTx
    + OutboxTx
    + BroadcastTx
    + PlaybookTx
    + ClubTx
{
    /// Makes every change of this unit of work visible at once.
    fn commit(self: Box<Self>) -> StoreResult<()>;
}
