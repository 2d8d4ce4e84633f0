//! The embedded SQLite backend of Ladder's store, the default for a shop on one machine.
//!
//! Each database is one file. Opening it sets the pragmas that make SQLite safe and fast under a
//! writer and readers (WAL, `synchronous=NORMAL`, a busy timeout, foreign keys on) and applies the
//! migrations this build knows, in order, each in its own transaction; the schema version lives in
//! `PRAGMA user_version`. A database made by a newer Ladder is refused rather than guessed at.
//!
//! Bulk work uses rusqlite with cached prepared statements inside one transaction: measured, this is
//! several times faster than an async driver that hops threads per statement (see docs/PERFORMANCE.md).

mod accounts;
mod analytics;
mod campaigns;
mod import;
mod read;
mod scoring;
mod transfer;

use chrono::{DateTime, Utc};
use ladder_store::{
    ApiToken, AuditEntry, AuditRecord, CalibrationRow, CategorisedOrder, CohortCell, CustomerDetail, CustomerQuery,
    CustomerSummary, Dimension, GroupTotals, ImportContext, ImportSession, NewUser, PurchaseMilestones, PurchasePath,
    ScoreSession, ScoringRow, Segment, Store, StoreError, StoreResult, TableCounts, User, UserChanges, ValueWindowRow,
    ValueWindows, WebSession,
};
use rusqlite::{Connection, OptionalExtension, functions::FunctionFlags};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The migrations, in order; the position (from 1) is the schema version. Never edit a released one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_score_filters.sql"),
    include_str!("../migrations/0003_customer_value.sql"),
    include_str!("../migrations/0004_accounts.sql"),
    include_str!("../migrations/0005_list_order.sql"),
    include_str!("../migrations/0006_search.sql"),
    include_str!("../migrations/0007_campaigns.sql"),
    include_str!("../migrations/0008_campaign_touches.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Connections kept open: SQLite in WAL mode reads in parallel, so the web app's requests run side by side
/// instead of queueing for one connection; writers wait for each other through SQLite's own lock.
const CONNECTIONS: usize = 4;

/// A Ladder database in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    conns: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish()
    }
}

/// Adds what the store was doing to a driver error.
pub(crate) trait Context<T> {
    fn ctx(self, what: &str) -> StoreResult<T>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn ctx(self, what: &str) -> StoreResult<T> {
        self.map_err(|e| StoreError::backend(what, e))
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> StoreResult<Self> {
        let path = path.as_ref().to_path_buf();
        let mut conn = connect(&path)?;
        migrate(&mut conn, SCHEMA_VERSION)?;
        let mut conns = vec![Mutex::new(conn)];
        for _ in 1..CONNECTIONS {
            let extra = connect(&path)?;
            // The first connection keeps the large page cache for the heavy reads; the others serve pages.
            extra.execute_batch("PRAGMA cache_size = -32768").ctx("cannot open the database")?;
            conns.push(Mutex::new(extra));
        }
        Ok(Self { path, conns, next: AtomicUsize::new(0) })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a free connection, or waits for one in turn.
    fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        for conn in &self.conns {
            if let Ok(conn) = conn.try_lock() {
                return f(&conn);
            }
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len();
        let conn = self.conns[turn].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&conn)
    }
}

/// Opens a connection with Ladder's pragmas and functions.
pub(crate) fn connect(path: &Path) -> StoreResult<Connection> {
    let what = format!("cannot open the database {}", path.display());
    let conn = Connection::open(path).ctx(&what)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 10000;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -131072;
         PRAGMA mmap_size = 268435456;",
    )
    .ctx(&what)?;
    conn.set_prepared_statement_cache_capacity(64);
    // Search without case in every script, and blind to Persian letter variants and vowel marks
    // (SQLite's own LIKE folds ASCII only).
    conn.create_scalar_function(
        "ladder_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| ladder_store::search::fold(&s))),
    )
    .ctx(&what)?;
    // Campaign codes as the domain compares them, for the indexes on orders' and interactions' codes.
    conn.create_scalar_function(
        "ladder_code",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| ladder_domain::campaign::normalize_code(&s))),
    )
    .ctx(&what)?;
    conn.create_aggregate_function(
        "ladder_order_days",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        scoring::OrderDays,
    )
    .ctx(&what)?;
    Ok(conn)
}

/// Applies the migrations up to `target`, each in its own transaction.
pub fn migrate(conn: &mut Connection, target: i64) -> StoreResult<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ctx("cannot read the schema version")?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, known: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let version = index as i64 + 1;
        let what = format!("cannot apply migration {version}");
        let tx = conn.transaction().ctx(&what)?;
        tx.execute_batch(sql).ctx(&what)?;
        tx.pragma_update(None, "user_version", version).ctx(&what)?;
        tx.commit().ctx(&what)?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn begin_import(&self, context: ImportContext) -> StoreResult<Box<dyn ImportSession>> {
        Ok(Box::new(import::SqliteImport::begin(connect(&self.path)?, context)?))
    }

    fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        self.with_conn(|c| {
            c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
                .optional()
                .ctx("cannot read a setting")
        })
    }

    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(drop)
            .ctx("cannot write a setting")
        })
    }

    fn scoring_facts(
        &self,
        as_of: chrono::NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.with_conn(|c| scoring::facts(c, as_of, currency, sink))
    }

    fn begin_scoring(&self) -> StoreResult<Box<dyn ScoreSession>> {
        Ok(Box::new(scoring::SqliteScoring::begin(connect(&self.path)?)?))
    }

    fn counts(&self) -> StoreResult<TableCounts> {
        self.with_conn(read::counts)
    }

    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        self.with_conn(|c| read::customer(c, external_id))
    }

    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
        self.with_conn(|c| read::list_customers(c, query))
    }

    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64> {
        self.with_conn(|c| read::count_customers(c, query, cap))
    }

    fn summary_by(&self, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
        self.with_conn(|c| read::summary_by(c, dimension))
    }

    fn purchase_milestones(&self) -> StoreResult<PurchaseMilestones> {
        self.with_conn(read::purchase_milestones)
    }

    fn moves_since(
        &self,
        kind: ladder_store::ChangeKind,
        since: chrono::NaiveDate,
    ) -> StoreResult<Vec<ladder_store::Move>> {
        self.with_conn(|c| read::moves_since(c, kind, since))
    }

    fn moved_customers(
        &self,
        kind: ladder_store::ChangeKind,
        since: chrono::NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<ladder_store::MovedCustomer>> {
        self.with_conn(|c| read::moved_customers(c, kind, since, limit))
    }

    fn clv_histogram(&self, edges: &[i64]) -> StoreResult<ladder_store::ClvHistogram> {
        self.with_conn(|c| read::clv_histogram(c, edges))
    }

    fn export_rows(
        &self,
        table: &ladder_store::schema::Table,
        sink: &mut dyn FnMut(ladder_store::schema::TextRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.with_conn(|c| transfer::export_rows(c, table, sink))
    }

    fn begin_restore(&self) -> StoreResult<Box<dyn ladder_store::RestoreSession>> {
        Ok(Box::new(transfer::SqliteRestore::begin(connect(&self.path)?)?))
    }

    fn last_order_day(&self) -> StoreResult<Option<chrono::NaiveDate>> {
        self.with_conn(analytics::last_order_day)
    }

    fn calibration_rows(
        &self,
        calibration_end: chrono::NaiveDate,
        holdout_end: chrono::NaiveDate,
    ) -> StoreResult<Vec<CalibrationRow>> {
        self.with_conn(|c| analytics::calibration_rows(c, calibration_end, holdout_end))
    }

    fn purchase_paths(&self) -> StoreResult<Vec<PurchasePath>> {
        self.with_conn(analytics::purchase_paths)
    }

    fn cohort_activity(&self, as_of: chrono::NaiveDate, currency: &str) -> StoreResult<Vec<CohortCell>> {
        self.with_conn(|c| analytics::cohort_activity(c, as_of, currency))
    }

    fn value_windows(
        &self,
        as_of: chrono::NaiveDate,
        currency: &str,
        windows: ValueWindows,
    ) -> StoreResult<Vec<ValueWindowRow>> {
        self.with_conn(|c| analytics::value_windows(c, as_of, currency, windows))
    }

    fn orders_with_categories(
        &self,
        as_of: chrono::NaiveDate,
        sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
    ) -> StoreResult<()> {
        self.with_conn(|c| analytics::orders_with_categories(c, as_of, sink))
    }

    fn clear(&self) -> StoreResult<()> {
        self.with_conn(|c| {
            let what = "cannot clear the database";
            let tx = c.unchecked_transaction().ctx(what)?;
            tx.execute_batch(
                "DELETE FROM ladder_history; DELETE FROM customer_scores; DELETE FROM interactions;
                 DELETE FROM order_lines; DELETE FROM orders; DELETE FROM products; DELETE FROM consents;
                 DELETE FROM customer_tags; DELETE FROM customers; DELETE FROM settings;",
            )
            .ctx(what)?;
            tx.commit().ctx(what)
        })
    }

    fn user_count(&self) -> StoreResult<u64> {
        self.with_conn(accounts::user_count)
    }

    fn create_user(&self, user: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
        self.with_conn(|c| accounts::create_user(c, user, at))
    }

    fn user(&self, id: i64) -> StoreResult<Option<User>> {
        self.with_conn(|c| accounts::user(c, id))
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        self.with_conn(|c| accounts::user_by_email(c, email))
    }

    fn users(&self) -> StoreResult<Vec<User>> {
        self.with_conn(accounts::users)
    }

    fn update_user(&self, id: i64, changes: &UserChanges) -> StoreResult<User> {
        self.with_conn(|c| accounts::update_user(c, id, changes))
    }

    fn create_session(&self, session: &WebSession) -> StoreResult<()> {
        self.with_conn(|c| accounts::create_session(c, session))
    }

    fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>> {
        self.with_conn(|c| accounts::session(c, token_hash, now))
    }

    fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        self.with_conn(|c| accounts::delete_session(c, token_hash))
    }

    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        self.with_conn(|c| accounts::delete_expired_sessions(c, now))
    }

    fn create_api_token(&self, user_id: i64, name: &str, token_hash: &str, at: DateTime<Utc>) -> StoreResult<ApiToken> {
        self.with_conn(|c| accounts::create_api_token(c, user_id, name, token_hash, at))
    }

    fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        self.with_conn(|c| accounts::api_tokens(c, user_id))
    }

    fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>> {
        self.with_conn(|c| accounts::api_token_user(c, token_hash, now))
    }

    fn revoke_api_token(&self, user_id: i64, id: i64) -> StoreResult<bool> {
        self.with_conn(|c| accounts::revoke_api_token(c, user_id, id))
    }

    fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        self.with_conn(|c| accounts::record_audit(c, entry))
    }

    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
        self.with_conn(|c| accounts::audit_log(c, limit, before_id))
    }

    fn save_segment(
        &self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment> {
        self.with_conn(|c| accounts::save_segment(c, id, name, definition, user_id, at))
    }

    fn segments(&self) -> StoreResult<Vec<Segment>> {
        self.with_conn(accounts::segments)
    }

    fn segment(&self, id: i64) -> StoreResult<Option<Segment>> {
        self.with_conn(|c| accounts::segment(c, id))
    }

    fn delete_segment(&self, id: i64) -> StoreResult<bool> {
        self.with_conn(|c| accounts::delete_segment(c, id))
    }

    fn put_campaign(&self, campaign: &ladder_domain::Campaign) -> StoreResult<ladder_store::WriteOutcome> {
        self.with_conn(|c| campaigns::put_campaign(c, campaign))
    }

    fn campaigns(&self) -> StoreResult<Vec<ladder_domain::Campaign>> {
        self.with_conn(campaigns::campaigns)
    }

    fn campaign(&self, id: &str) -> StoreResult<Option<ladder_domain::Campaign>> {
        self.with_conn(|c| campaigns::campaign(c, id))
    }

    fn add_campaign_cost(&self, campaign_id: &str, cost: &ladder_domain::CostEntry) -> StoreResult<()> {
        self.with_conn(|c| campaigns::add_campaign_cost(c, campaign_id, cost))
    }

    fn add_campaign_costs(
        &self,
        costs: &[(String, ladder_domain::CostEntry)],
    ) -> StoreResult<Vec<ladder_store::WriteOutcome>> {
        self.with_conn(|c| campaigns::add_campaign_costs(c, costs))
    }

    fn campaign_costs(&self, campaign_id: &str) -> StoreResult<Vec<ladder_domain::CostEntry>> {
        self.with_conn(|c| campaigns::campaign_costs(c, campaign_id))
    }

    fn campaign_histories(
        &self,
        codes: &[String],
        as_of: chrono::NaiveDate,
    ) -> StoreResult<Vec<ladder_domain::CustomerHistory>> {
        self.with_conn(|c| campaigns::campaign_histories(c, codes, as_of))
    }
}
