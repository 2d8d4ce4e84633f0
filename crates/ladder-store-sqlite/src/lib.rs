//! The embedded SQLite backend of Ladder's store, the default for a shop on one machine.
//!
//! Each database is one file. Opening it sets the pragmas that make SQLite safe and fast under a
//! writer and readers (WAL, `synchronous=NORMAL`, a busy timeout, foreign keys on) and applies the
//! migrations this build knows, in order, each in its own transaction; the schema version lives in
//! `PRAGMA user_version`. A database made by a newer Ladder is refused rather than guessed at.
//!
//! SQLite admits one writer at a time, so the store keeps one writer connection behind a lock: every
//! unit of work ([`ladder_store::Tx`]) holds it for its savepoint, and in-process writers queue for the
//! lock instead of spinning on SQLite's busy handler; units that queued together are committed together
//! (`group`). Reads run side by side on
//! four reader connections (WAL). Bulk work uses cached prepared statements inside one transaction:
//! measured, this is several times faster than an async driver that hops threads per statement (see
//! docs/PERFORMANCE.md).
//!
//! One module per area of the store: `customers`, `imports`, `scoring`, `reports`, `accounts`, `audit`,
//! `segments`, `campaigns`, `shop`, `transfer`, `jobs`; `tx` is the unit of work they write through, `group`
//! its commit.

mod accounts;
mod audit;
mod broadcasts;
mod campaigns;
mod checkpoint;
mod club;
mod customers;
mod deliverability;
mod group;
mod imports;
mod jobs;
mod outbox;
mod playbooks;
mod privacy;
mod readers;
mod reports;
mod scoring;
mod segments;
mod shop;
mod templates;
mod transfer;
mod tx;

use ladder_store::filter::{Dialect, SqlValue};
use ladder_store::{Store, StoreError, StoreResult, Tx};
use rusqlite::{Connection, functions::FunctionFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// Reader connections kept open: SQLite in WAL mode reads in parallel, so the web app's requests run side
/// by side instead of queueing for one connection.
const READERS: usize = 4;

/// How long a writer waits for another unit of work to finish, as SQLite's own busy timeout.
const WRITER_WAIT: Duration = Duration::from_secs(10);

/// A Ladder database in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    readers: readers::Readers,
    /// Shared with the checkpointer, which takes its turn when the WAL grows large.
    writer: std::sync::Arc<parking_lot::Mutex<group::Writer>>,
    /// The units of work waiting for the writer and the groups they committed together.
    groups: group::Groups,
    /// Copies the WAL back off the writer's path (declared last: it stops after the connections close).
    _checkpointer: checkpoint::Checkpointer,
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
        let mut writer = connect(&path)?;
        migrate(&mut writer, SCHEMA_VERSION)?;
        // The checkpointer copies the WAL back; the writer's commits never stop to do it.
        // A WAL that grew under a burst of writes is cut back when it starts again.
        writer
            .execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864")
            .ctx("cannot open the database")?;
        let writer = std::sync::Arc::new(parking_lot::Mutex::new(group::Writer::new(writer)));
        let checkpointer =
            checkpoint::Checkpointer::start(connect(&path)?, writer.clone(), checkpoint::LARGE_WAL_FRAMES);
        let mut readers = Vec::with_capacity(READERS);
        for i in 0..READERS {
            let reader = connect(&path)?;
            if i > 0 {
                // The first reader keeps the large page cache for the heavy reads; the others serve pages.
                reader.execute_batch("PRAGMA cache_size = -32768").ctx("cannot open the database")?;
            }
            readers.push(reader);
        }
        // The first reader on top of the stack: a lone read always gets the large cache.
        readers.reverse();
        Ok(Self {
            path,
            readers: readers::Readers::new(readers),
            writer,
            groups: group::Groups::default(),
            _checkpointer: checkpointer,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a free reader connection, or waits for one in turn (first come, first served).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        self.readers.with(f)
    }

    /// Starts a unit of work on the writer connection, waiting up to [`WRITER_WAIT`] for it.
    pub(crate) fn writer(&self) -> StoreResult<tx::SqliteTx<'_>> {
        self.unit(false)
    }

    /// Starts an import's or a scoring's unit of work: alone in its group ([`group`]).
    pub(crate) fn long_writer(&self) -> StoreResult<tx::SqliteTx<'_>> {
        self.unit(true)
    }

    fn unit(&self, alone: bool) -> StoreResult<tx::SqliteTx<'_>> {
        let held = self.groups.queue(|| self.writer.try_lock_for(WRITER_WAIT)).ok_or(StoreError::Busy)?;
        tx::SqliteTx::begin(&self.writer, held, &self.groups, alone)
    }

    /// A unit of work only if the writer is free now, alone in its group: for heartbeats, which must never
    /// wait on an import, nor on the unit after them.
    pub(crate) fn writer_now(&self) -> StoreResult<Option<tx::SqliteTx<'_>>> {
        self.writer.try_lock().map(|held| tx::SqliteTx::begin(&self.writer, held, &self.groups, true)).transpose()
    }

    /// Runs `f` in its own short unit of work and commits it.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let tx = self.writer()?;
        let value = f(tx.conn())?;
        Box::new(tx).commit()?;
        Ok(value)
    }
}

/// Opens a connection with Ladder's pragmas and functions.
pub fn connect(path: &Path) -> StoreResult<Connection> {
    let what = format!("cannot open the database {}", path.display());
    let conn = Connection::open(path).ctx(&what)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 10000;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -131072;
         PRAGMA mmap_size = 2147418112;",
    )
    .ctx(&what)?;
    conn.set_prepared_statement_cache_capacity(64);
    // One plan per statement, whatever is bound to it: without this SQLite marks a statement with an
    // unindexed `col = ?` to be planned again for new values, and the cache's clearing of the bindings
    // then re-prepares every cached statement on every use.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).ctx(&what)?;
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
    // An order's Jalali month (year × 12 + month − 1) from its Unix seconds, for Persian readers' cohorts.
    conn.create_scalar_function(
        "ladder_jalali_month",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let seconds: i64 = ctx.get(0)?;
            let day = ladder_domain::date::date_of_day(ladder_domain::date::day_number(seconds));
            Ok(ladder_domain::date::Calendar::Jalali.month_index(day))
        },
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
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, known: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let version = index as i64 + 1;
        let what = format!("cannot apply migration {version}");
        let tx = conn.transaction().ctx(&what)?;
        tx.execute_batch(sql).ctx(&what)?;
        if version == PHONE_FORMS_MIGRATION {
            fill_phone_forms(&tx).ctx(&what)?;
        }
        tx.pragma_update(None, "user_version", version).ctx(&what)?;
        tx.commit().ctx(&what)?;
    }
    Ok(())
}

/// Gives every stored phone its E.164 and national digits, as a write would.
fn fill_phone_forms(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, phone, country FROM customers WHERE phone IS NOT NULL")?;
    let mut update = tx.prepare("UPDATE customers SET phone_e164 = ?2, phone_national = ?3 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, phone, country): (i64, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (e164, national) = ladder_store::schema::phone_forms(&phone, country.as_deref());
        update.execute(rusqlite::params![id, e164, national])?;
    }
    Ok(())
}

fn schema_version(conn: &Connection) -> StoreResult<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ctx("cannot read the schema version")
}

impl Store for SqliteStore {
    fn begin(&self) -> StoreResult<Box<dyn Tx + '_>> {
        Ok(Box::new(self.writer()?))
    }

    fn schema_version(&self) -> StoreResult<i64> {
        self.read(schema_version)
    }
}

/// SQLite's side of the shared customer filter.
pub(crate) struct Sqlite;

impl Dialect for Sqlite {
    fn placeholder(&self, n: usize) -> String {
        format!("?{n}")
    }

    fn search(&self, search: &str, bind: &mut dyn FnMut(SqlValue) -> String) -> Option<String> {
        let folded = ladder_store::search::fold(search);
        let plain = folded.trim();
        if !plain.is_empty() && !plain.contains(['%', '_', '\\']) {
            // The trigram index answers `LIKE` without an escape character (migration 6); text with `%`
            // or `_` in it, which must be escaped, reads every customer instead.
            let p = bind(SqlValue::Text(format!("%{plain}%")));
            return Some(format!("c.id IN (SELECT rowid FROM customer_search WHERE text LIKE {p})"));
        }
        let p = bind(SqlValue::Text(ladder_store::search::like_pattern(search)?));
        Some(format!("ladder_fold({}) LIKE {p} ESCAPE '\\'", ladder_store::search::SEARCH_TEXT))
    }

    fn country_equals(&self, placeholder: &str) -> String {
        format!("c.country = {placeholder} COLLATE NOCASE")
    }
}

/// The filter's arguments as rusqlite values.
pub(crate) fn sql_values(args: Vec<SqlValue>) -> Vec<rusqlite::types::Value> {
    args.into_iter()
        .map(|a| match a {
            SqlValue::Text(t) => rusqlite::types::Value::Text(t),
            SqlValue::Int(i) => rusqlite::types::Value::Integer(i),
        })
        .collect()
}
