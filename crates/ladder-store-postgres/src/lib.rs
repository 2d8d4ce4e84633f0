//! The PostgreSQL backend of Ladder's store, for a shop that outgrows a file on one machine: several staff,
//! a web shop posting orders all day, millions of customers.
//!
//! It keeps the SQLite backend's schema shape (Unix seconds, day numbers, integer minor units) so that both
//! pass one conformance suite, and owns its SQL and migrations. Connections come from a pool (r2d2); every
//! connection runs in UTC with a statement timeout, which the long sessions (imports, scoring) lift for
//! their transaction. Migrations are recorded in `ladder_schema` and applied under an advisory lock, so
//! two instances starting together do not race; a database made by a newer Ladder is refused.

mod accounts;
mod analytics;
mod bulk;
mod campaigns;
mod import;
mod keys;
mod read;
mod scoring;
mod tls;
mod transfer;

use chrono::{DateTime, Utc};
use ladder_store::{
    ApiToken, AuditEntry, AuditRecord, CalibrationRow, CategorisedOrder, CohortCell, CustomerDetail, CustomerQuery,
    CustomerSummary, Dimension, GroupTotals, ImportContext, ImportSession, NewUser, PurchaseMilestones, PurchasePath,
    ScoreSession, ScoringRow, Segment, Store, StoreError, StoreResult, TableCounts, User, UserChanges, ValueWindowRow,
    ValueWindows, WebSession,
};
use postgres::Client;
use r2d2_postgres::PostgresConnectionManager;
use std::str::FromStr;
use std::time::Duration;

/// The migrations, in order; the position (from 1) is the schema version, as in the SQLite backend.
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

/// How long one statement of an interactive read may run.
const STATEMENT_TIMEOUT: &str = "60s";

type Pool = r2d2::Pool<PostgresConnectionManager<tls::Tls>>;
pub(crate) type Connection = r2d2::PooledConnection<PostgresConnectionManager<tls::Tls>>;

/// A Ladder database in PostgreSQL.
pub struct PostgresStore {
    pool: Pool,
    /// The URL without its password, for messages.
    shown: String,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").field("url", &self.shown).finish()
    }
}

/// Adds what the store was doing to a driver error.
pub(crate) trait Context<T> {
    fn ctx(self, what: &str) -> StoreResult<T>;
}

impl<T> Context<T> for Result<T, postgres::Error> {
    fn ctx(self, what: &str) -> StoreResult<T> {
        self.map_err(|e| StoreError::backend(what, e))
    }
}

/// Every pooled connection works in UTC with a statement timeout.
#[derive(Debug)]
struct Session;

impl r2d2::CustomizeConnection<Client, postgres::Error> for Session {
    fn on_acquire(&self, client: &mut Client) -> Result<(), postgres::Error> {
        client.batch_execute(&format!("SET TIME ZONE 'UTC'; SET statement_timeout = '{STATEMENT_TIMEOUT}'"))
    }
}

/// The URL with its password hidden.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl PostgresStore {
    /// Connects to `postgres://…`, checks the server answers, and brings the schema up to date.
    pub fn connect(url: &str) -> StoreResult<Self> {
        let store = Self::open(url)?;
        let mut client = store.client()?;
        migrate(&mut client)?;
        Ok(store)
    }

    /// Connects without migrating; [`PostgresStore::schema_version`] then tells what the database holds.
    pub fn open(url: &str) -> StoreResult<Self> {
        let shown = redact(url);
        let (driver_url, tls) = tls::split(url, &shown)?;
        let mut config = postgres::Config::from_str(&driver_url)
            .map_err(|e| StoreError::backend(format!("{shown} is not a PostgreSQL URL"), e))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        // One connection first: an unreachable server or a wrong password fails at once, with its reason.
        config.connect(tls.clone()).map_err(|e| {
            StoreError::backend(
                format!("cannot connect to PostgreSQL at {shown}; is the server running and the URL right?"),
                e,
            )
        })?;
        let manager = PostgresConnectionManager::new(config, tls);
        let pool = r2d2::Pool::builder()
            .max_size(8)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(Session))
            .build(manager)
            .map_err(|e| {
                StoreError::backend(
                    format!("cannot connect to PostgreSQL at {shown}; is the server running and the URL right?"),
                    e,
                )
            })?;
        Ok(Self { pool, shown })
    }

    /// Whether this store's connections are encrypted (TLS), as the server sees them.
    pub fn encrypted(&self) -> StoreResult<bool> {
        let what = "cannot read the connection's encryption";
        let row =
            self.client()?.query_opt("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).ctx(what)?;
        Ok(row.is_some_and(|r| r.get(0)))
    }

    pub(crate) fn client(&self) -> StoreResult<Connection> {
        self.pool.get().map_err(|e| {
            StoreError::backend(
                format!("cannot connect to PostgreSQL at {}; is the server running and the URL right?", self.shown),
                e,
            )
        })
    }

    /// The schema version the database holds (0 when empty).
    pub fn schema_version(&self) -> StoreResult<i64> {
        schema_version(&mut *self.client()?)
    }
}

fn schema_version(client: &mut Client) -> StoreResult<i64> {
    let exists: bool = client
        .query_one("SELECT to_regclass('ladder_schema') IS NOT NULL", &[])
        .ctx("cannot read the schema version")?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client
        .query_one("SELECT COALESCE(MAX(version), 0) FROM ladder_schema", &[])
        .ctx("cannot read the schema version")?;
    Ok(row.get(0))
}

/// Applies the missing migrations, each in its own transaction, under an advisory lock.
pub fn migrate(client: &mut Client) -> StoreResult<()> {
    let found = schema_version(client)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, known: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let what = format!("cannot apply migration {version}");
        let mut tx = client.transaction().ctx(&what)?;
        tx.batch_execute("SELECT pg_advisory_xact_lock(7317001); CREATE TABLE IF NOT EXISTS ladder_schema (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            .ctx(&what)?;
        // Another instance may have applied it while this one waited for the lock.
        let done: bool = tx
            .query_one("SELECT EXISTS (SELECT 1 FROM ladder_schema WHERE version = $1)", &[&version])
            .ctx(&what)?
            .get(0);
        if !done {
            tx.batch_execute(sql).ctx(&what)?;
            tx.execute("INSERT INTO ladder_schema (version) VALUES ($1)", &[&version]).ctx(&what)?;
        }
        tx.commit().ctx(&what)?;
    }
    Ok(())
}

impl Store for PostgresStore {
    fn begin_import(&self, context: ImportContext) -> StoreResult<Box<dyn ImportSession>> {
        Ok(Box::new(import::PgImport::begin(self.client()?, context)?))
    }

    fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        let row = self
            .client()?
            .query_opt("SELECT value FROM settings WHERE key = $1", &[&key])
            .ctx("cannot read a setting")?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        self.client()?
            .execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map(drop)
            .ctx("cannot write a setting")
    }

    fn scoring_facts(
        &self,
        as_of: chrono::NaiveDate,
        currency: &str,
        sink: &mut dyn FnMut(ScoringRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        scoring::facts(&mut self.client()?, as_of, currency, sink)
    }

    fn begin_scoring(&self) -> StoreResult<Box<dyn ScoreSession>> {
        Ok(Box::new(scoring::PgScoring::begin(self.client()?, None)?))
    }

    fn begin_scoring_shard(&self, shard: u32) -> StoreResult<Box<dyn ScoreSession>> {
        Ok(Box::new(scoring::PgScoring::begin(self.client()?, Some(shard))?))
    }

    fn counts(&self) -> StoreResult<TableCounts> {
        read::counts(&mut self.client()?)
    }

    fn customer(&self, external_id: &str) -> StoreResult<Option<CustomerDetail>> {
        read::customer(&mut self.client()?, external_id)
    }

    fn list_customers(&self, query: &CustomerQuery) -> StoreResult<Vec<CustomerSummary>> {
        read::list_customers(&mut self.client()?, query)
    }

    fn count_customers(&self, query: &CustomerQuery, cap: u64) -> StoreResult<u64> {
        read::count_customers(&mut self.client()?, query, cap)
    }

    fn summary_by(&self, dimension: Dimension) -> StoreResult<Vec<GroupTotals>> {
        read::summary_by(&mut self.client()?, dimension)
    }

    fn purchase_milestones(&self) -> StoreResult<PurchaseMilestones> {
        read::purchase_milestones(&mut self.client()?)
    }

    fn moves_since(
        &self,
        kind: ladder_store::ChangeKind,
        since: chrono::NaiveDate,
    ) -> StoreResult<Vec<ladder_store::Move>> {
        read::moves_since(&mut self.client()?, kind, since)
    }

    fn moved_customers(
        &self,
        kind: ladder_store::ChangeKind,
        since: chrono::NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<ladder_store::MovedCustomer>> {
        read::moved_customers(&mut self.client()?, kind, since, limit)
    }

    fn clv_histogram(&self, edges: &[i64]) -> StoreResult<ladder_store::ClvHistogram> {
        read::clv_histogram(&mut self.client()?, edges)
    }

    fn clear(&self) -> StoreResult<()> {
        let what = "cannot clear the database";
        let mut client = self.client()?;
        // A transaction object rolls back if anything fails, so the pooled connection comes back clean.
        let mut tx = client.transaction().ctx(what)?;
        tx.batch_execute(
            "TRUNCATE ladder_history, customer_scores, interactions, order_lines, orders, products, consents,
                      customer_tags, customers, settings",
        )
        .ctx(what)?;
        tx.commit().ctx(what)
    }

    fn export_rows(
        &self,
        table: &ladder_store::schema::Table,
        sink: &mut dyn FnMut(ladder_store::schema::TextRow) -> StoreResult<()>,
    ) -> StoreResult<()> {
        transfer::export_rows(&mut self.client()?, table, sink)
    }

    fn begin_restore(&self) -> StoreResult<Box<dyn ladder_store::RestoreSession>> {
        Ok(Box::new(transfer::PgRestore::begin(self.client()?)?))
    }

    fn last_order_day(&self) -> StoreResult<Option<chrono::NaiveDate>> {
        analytics::last_order_day(&mut self.client()?)
    }

    fn calibration_rows(
        &self,
        calibration_end: chrono::NaiveDate,
        holdout_end: chrono::NaiveDate,
    ) -> StoreResult<Vec<CalibrationRow>> {
        analytics::calibration_rows(&mut self.client()?, calibration_end, holdout_end)
    }

    fn purchase_paths(&self) -> StoreResult<Vec<PurchasePath>> {
        analytics::purchase_paths(&mut self.client()?)
    }

    fn cohort_activity(&self, as_of: chrono::NaiveDate, currency: &str) -> StoreResult<Vec<CohortCell>> {
        analytics::cohort_activity(&mut self.client()?, as_of, currency)
    }

    fn value_windows(
        &self,
        as_of: chrono::NaiveDate,
        currency: &str,
        windows: ValueWindows,
    ) -> StoreResult<Vec<ValueWindowRow>> {
        analytics::value_windows(&mut self.client()?, as_of, currency, windows)
    }

    fn orders_with_categories(
        &self,
        as_of: chrono::NaiveDate,
        sink: &mut dyn FnMut(CategorisedOrder) -> StoreResult<()>,
    ) -> StoreResult<()> {
        analytics::orders_with_categories(&mut self.client()?, as_of, sink)
    }

    fn user_count(&self) -> StoreResult<u64> {
        accounts::user_count(&mut self.client()?)
    }

    fn create_user(&self, user: &NewUser, at: DateTime<Utc>) -> StoreResult<User> {
        accounts::create_user(&mut self.client()?, user, at)
    }

    fn user(&self, id: i64) -> StoreResult<Option<User>> {
        accounts::user(&mut self.client()?, id)
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        accounts::user_by_email(&mut self.client()?, email)
    }

    fn users(&self) -> StoreResult<Vec<User>> {
        accounts::users(&mut self.client()?)
    }

    fn update_user(&self, id: i64, changes: &UserChanges) -> StoreResult<User> {
        accounts::update_user(&mut self.client()?, id, changes)
    }

    fn create_session(&self, session: &WebSession) -> StoreResult<()> {
        accounts::create_session(&mut self.client()?, session)
    }

    fn session(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(WebSession, User)>> {
        accounts::session(&mut self.client()?, token_hash, now)
    }

    fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        accounts::delete_session(&mut self.client()?, token_hash)
    }

    fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        accounts::delete_expired_sessions(&mut self.client()?, now)
    }

    fn create_api_token(&self, user_id: i64, name: &str, token_hash: &str, at: DateTime<Utc>) -> StoreResult<ApiToken> {
        accounts::create_api_token(&mut self.client()?, user_id, name, token_hash, at)
    }

    fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        accounts::api_tokens(&mut self.client()?, user_id)
    }

    fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<(ApiToken, User)>> {
        accounts::api_token_user(&mut self.client()?, token_hash, now)
    }

    fn revoke_api_token(&self, user_id: i64, id: i64) -> StoreResult<bool> {
        accounts::revoke_api_token(&mut self.client()?, user_id, id)
    }

    fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        accounts::record_audit(&mut self.client()?, entry)
    }

    fn audit_log(&self, limit: u32, before_id: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
        accounts::audit_log(&mut self.client()?, limit, before_id)
    }

    fn save_segment(
        &self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment> {
        accounts::save_segment(&mut self.client()?, id, name, definition, user_id, at)
    }

    fn segments(&self) -> StoreResult<Vec<Segment>> {
        accounts::segments(&mut self.client()?)
    }

    fn segment(&self, id: i64) -> StoreResult<Option<Segment>> {
        accounts::segment(&mut self.client()?, id)
    }

    fn delete_segment(&self, id: i64) -> StoreResult<bool> {
        accounts::delete_segment(&mut self.client()?, id)
    }

    fn put_campaign(&self, campaign: &ladder_domain::Campaign) -> StoreResult<ladder_store::WriteOutcome> {
        campaigns::put_campaign(&mut self.client()?, campaign)
    }

    fn campaigns(&self) -> StoreResult<Vec<ladder_domain::Campaign>> {
        campaigns::campaigns(&mut self.client()?)
    }

    fn campaign(&self, id: &str) -> StoreResult<Option<ladder_domain::Campaign>> {
        campaigns::campaign(&mut self.client()?, id)
    }

    fn add_campaign_cost(&self, campaign_id: &str, cost: &ladder_domain::CostEntry) -> StoreResult<()> {
        campaigns::add_campaign_cost(&mut self.client()?, campaign_id, cost)
    }

    fn add_campaign_costs(
        &self,
        costs: &[(String, ladder_domain::CostEntry)],
    ) -> StoreResult<Vec<ladder_store::WriteOutcome>> {
        campaigns::add_campaign_costs(&mut self.client()?, costs)
    }

    fn campaign_costs(&self, campaign_id: &str) -> StoreResult<Vec<ladder_domain::CostEntry>> {
        campaigns::campaign_costs(&mut self.client()?, campaign_id)
    }

    fn campaign_histories(
        &self,
        codes: &[String],
        as_of: chrono::NaiveDate,
    ) -> StoreResult<Vec<ladder_domain::CustomerHistory>> {
        campaigns::campaign_histories(&mut self.client()?, codes, as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_show() {
        assert_eq!(redact("postgres://shop:secret@db.local/ladder"), "postgres://shop:***@db.local/ladder");
        assert_eq!(redact("postgres://root@127.0.0.1/test"), "postgres://root@127.0.0.1/test");
        assert_eq!(redact("postgres://127.0.0.1/test"), "postgres://127.0.0.1/test");
    }
}
