//! The PostgreSQL backend of Ladder's store, for a shop that outgrows a file on one machine: several staff,
//! a web shop posting orders all day, millions of customers.
//!
//! It keeps the SQLite backend's schema shape (Unix seconds, day numbers, integer minor units) so that both
//! pass one conformance suite, and owns its SQL and migrations. Connections come from a pool (r2d2); every
//! connection runs in UTC with a statement timeout, which the long sessions (imports, scoring) lift for
//! their transaction. Migrations are recorded in `ladder_schema` and applied under an advisory lock, so
//! two instances starting together do not race; a database made by a newer Ladder is refused.
//!
//! Every unit of work ([`ladder_store::Tx`]) is one pooled connection from `BEGIN` to `COMMIT`. One
//! module per area of the store: `customers`, `imports`, `scoring`, `reports`, `accounts`, `audit`,
//! `segments`, `campaigns`, `shop`, `transfer`, `jobs`; `tx` is the unit of work they write through.

mod accounts;
mod audit;
mod broadcasts;
mod campaigns;
mod club;
mod customers;
mod deliverability;
mod imports;
mod jobs;
mod keys;
mod outbox;
mod playbooks;
mod pool;
mod privacy;
mod reports;
mod scoring;
mod segments;
mod shop;
mod templates;
mod tls;
mod transfer;
mod tx;

use ladder_store::filter::{Dialect, SqlValue};
use ladder_store::{Store, StoreError, StoreResult, Tx};
use postgres::Client;
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
    include_str!("../migrations/0009_shop_audit_jobs.sql"),
    include_str!("../migrations/0010_token_expiry.sql"),
    include_str!("../migrations/0011_order_lines_by_position.sql"),
    include_str!("../migrations/0012_referrals.sql"),
    include_str!("../migrations/0013_privacy.sql"),
    include_str!("../migrations/0014_event_buyers.sql"),
    include_str!("../migrations/0015_fold_yo.sql"),
    include_str!("../migrations/0016_audit_by_target.sql"),
    include_str!("../migrations/0017_phone_forms.sql"),
    include_str!("../migrations/0018_phone_search.sql"),
    include_str!("../migrations/0019_column_pairs.sql"),
    include_str!("../migrations/0020_one_phone_form.sql"),
    include_str!("../migrations/0021_consent_ledger.sql"),
    include_str!("../migrations/0022_deliverability.sql"),
    include_str!("../migrations/0023_message_templates.sql"),
    include_str!("../migrations/0024_outbox.sql"),
    include_str!("../migrations/0025_phone_lookup.sql"),
    include_str!("../migrations/0026_broadcasts.sql"),
    include_str!("../migrations/0027_sending_rules.sql"),
    include_str!("../migrations/0028_password_resets.sql"),
    include_str!("../migrations/0029_sent_merge_data.sql"),
    include_str!("../migrations/0030_sending_terms_and_prices.sql"),
    include_str!("../migrations/0031_playbooks.sql"),
    include_str!("../migrations/0032_task_digests.sql"),
    include_str!("../migrations/0033_club.sql"),
    include_str!("../migrations/0034_club_perk_grants.sql"),
    include_str!("../migrations/0035_one_referrer_index.sql"),
    include_str!("../migrations/0036_open_lots_by_member.sql"),
];

/// The migration after which the stored phones are given their normal forms, in Rust.
const PHONE_FORMS_MIGRATION: i64 = 17;

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Connections to the server (each with its turn at the pool).
const CONNECTIONS: usize = 8;

/// How long a request waits for a connection before the store answers busy.
const CONNECTION_WAIT: Duration = Duration::from_secs(10);

/// How long one statement of an interactive read may run.
const STATEMENT_TIMEOUT: &str = "60s";

type Pool = r2d2::Pool<pool::Manager>;
pub(crate) type Connection = pool::Lease;

/// A Ladder database in PostgreSQL.
pub struct PostgresStore {
    pool: Pool,
    /// Turns at the pool, one per connection, handed out in line.
    turns: std::sync::Arc<ladder_store::fair::FairQueue<()>>,
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

/// The URL with its passwords hidden: the one in `user:password@` and any `password=` (or `sslpassword=`)
/// among its query parameters.
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut shown = match (base.find("://"), base.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => match base[scheme + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &base[..scheme + 3], &base[at..]),
            None => base.to_owned(),
        },
        _ => base.to_owned(),
    };
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") || key.eq_ignore_ascii_case("sslpassword") => {
                    format!("{key}=***")
                }
                _ => param.to_owned(),
            })
            .collect();
        shown.push('?');
        shown.push_str(&params.join("&"));
    }
    shown
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
        let manager = pool::Manager { config, tls };
        // No test query on each checkout (r2d2's default): it cost every read a round trip. A connection
        // the server dropped fails the one call that meets it and is then discarded (r2d2 checks
        // `is_closed` when it comes back), and the next call gets a new one.
        let pool = r2d2::Pool::builder()
            .max_size(CONNECTIONS as u32)
            .min_idle(Some(0))
            .test_on_check_out(false)
            .connection_timeout(CONNECTION_WAIT)
            .build(manager)
            .map_err(|e| {
                StoreError::backend(
                    format!("cannot connect to PostgreSQL at {shown}; is the server running and the URL right?"),
                    e,
                )
            })?;
        let turns = std::sync::Arc::new(ladder_store::fair::FairQueue::new(vec![(); CONNECTIONS]));
        Ok(Self { pool, turns, shown })
    }

    /// Whether this store's connections are encrypted (TLS), as the server sees them.
    pub fn encrypted(&self) -> StoreResult<bool> {
        let what = "cannot read the connection's encryption";
        let row =
            self.client()?.query_opt("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).ctx(what)?;
        Ok(row.is_some_and(|r| r.get(0)))
    }

    pub(crate) fn client(&self) -> StoreResult<Connection> {
        let turn = pool::Turn::take(&self.turns, CONNECTION_WAIT).ok_or_else(|| {
            StoreError::backend(
                format!(
                    "no connection to PostgreSQL at {} came free within {} s (all {CONNECTIONS} in use); try again",
                    self.shown,
                    CONNECTION_WAIT.as_secs()
                ),
                std::io::Error::from(std::io::ErrorKind::TimedOut),
            )
        })?;
        let conn = self.pool.get().map_err(|e| {
            StoreError::backend(
                format!("cannot connect to PostgreSQL at {}; is the server running and the URL right?", self.shown),
                e,
            )
        })?;
        Ok(pool::Lease::new(conn, turn))
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
    migrate_to(client, SCHEMA_VERSION)
}

/// Applies the migrations up to `target` only: for tests that make a database of an older version.
pub fn migrate_to(client: &mut Client, target: i64) -> StoreResult<()> {
    let found = schema_version(client)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, known: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
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
            if version == PHONE_FORMS_MIGRATION {
                fill_phone_forms(&mut tx).ctx(&what)?;
            }
            tx.execute("INSERT INTO ladder_schema (version) VALUES ($1)", &[&version]).ctx(&what)?;
        }
        tx.commit().ctx(&what)?;
    }
    Ok(())
}

/// Gives every stored phone its E.164 and national digits, as a write would: read in one pass, written
/// back in batches of arrays.
fn fill_phone_forms(tx: &mut postgres::Transaction<'_>) -> Result<(), postgres::Error> {
    let rows = tx.query("SELECT id, phone, country FROM customers WHERE phone IS NOT NULL", &[])?;
    for batch in rows.chunks(10_000) {
        let (mut ids, mut e164s, mut nationals) = (Vec::new(), Vec::new(), Vec::new());
        for r in batch {
            let (phone, country): (String, Option<String>) = (r.get(1), r.get(2));
            let (e164, national) = ladder_store::schema::phone_forms(&phone, country.as_deref());
            ids.push(r.get::<_, i64>(0));
            e164s.push(e164);
            nationals.push(national);
        }
        tx.execute(
            "UPDATE customers c SET phone_e164 = f.e164, phone_national = f.national
             FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[]) AS f (id, e164, national) WHERE c.id = f.id",
            &[&ids, &e164s, &nationals],
        )?;
    }
    Ok(())
}

impl PostgresStore {
    /// Runs `f` on a pooled connection.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Connection) -> StoreResult<T>) -> StoreResult<T> {
        f(&mut self.client()?)
    }

    /// Starts a unit of work; `long` lifts the statement timeout for its transaction.
    pub(crate) fn unit(&self, long: bool) -> StoreResult<tx::PgTx> {
        tx::PgTx::begin(self.client()?, long)
    }

    /// Runs `f` in its own short unit of work and commits it.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Connection) -> StoreResult<T>) -> StoreResult<T> {
        let mut tx = self.unit(false)?;
        let value = f(&mut tx.client)?;
        Box::new(tx).commit()?;
        Ok(value)
    }
}

impl Store for PostgresStore {
    fn begin(&self) -> StoreResult<Box<dyn Tx + '_>> {
        Ok(Box::new(self.unit(false)?))
    }

    fn schema_version(&self) -> StoreResult<i64> {
        PostgresStore::schema_version(self)
    }
}

/// PostgreSQL's side of the shared customer filter.
pub(crate) struct Postgres;

impl Dialect for Postgres {
    fn placeholder(&self, n: usize) -> String {
        format!("${n}")
    }

    fn search(&self, search: &str, bind: &mut dyn FnMut(SqlValue) -> String) -> Option<String> {
        let p = bind(SqlValue::Text(ladder_store::search::like_pattern(search)?));
        // `ladder_fold` (migration 4) folds as the SQLite backend does; the trigram index is on it.
        Some(format!("ladder_fold({}) LIKE {p}", ladder_store::search::SEARCH_TEXT))
    }

    fn country_equals(&self, placeholder: &str) -> String {
        format!("upper(c.country) = upper({placeholder})")
    }
}

/// The filter's arguments as the driver's parameters.
pub(crate) fn sql_params(args: &[SqlValue]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    args.iter()
        .map(|a| match a {
            SqlValue::Text(t) => t as &(dyn postgres::types::ToSql + Sync),
            SqlValue::Int(i) => i as &(dyn postgres::types::ToSql + Sync),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_show() {
        assert_eq!(redact("postgres://shop:secret@db.local/ladder"), "postgres://shop:***@db.local/ladder");
        assert_eq!(redact("postgres://root@127.0.0.1/test"), "postgres://root@127.0.0.1/test");
        assert_eq!(redact("postgres://127.0.0.1/test"), "postgres://127.0.0.1/test");
        assert_eq!(
            redact("postgres://shop@db.local/ladder?sslmode=require&password=secret"),
            "postgres://shop@db.local/ladder?sslmode=require&password=***"
        );
        assert_eq!(
            redact("postgres://a:b@h/d?PassWord=x&sslpassword=y"),
            "postgres://a:***@h/d?PassWord=***&sslpassword=***"
        );
    }
}
