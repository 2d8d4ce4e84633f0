//! The shop's settings and marks: one row each (migration 9), every setting a typed column.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_domain::StateRules;
use ladder_domain::date::{date_day_number, date_of_day};
use ladder_domain::shop::{OpeningDays, Sender, ShopSettings, Thresholds};
use ladder_store::{ScoringMark, ShopState, ShopStore, ShopTx, StoreError, StoreResult};
use rusqlite::{Connection, params};

const SETTINGS_COLUMNS: &str = "name, country, city, time_zone, language, currency, opening_days, sender_name, \
     sender_address, sender_email, sender_phone, active_p_alive, at_risk_p_alive, lapsed_p_alive, at_risk_gaps, \
     lapsed_gaps, lost_gaps, lost_min_days, min_repeat_customers";

impl ShopStore for SqliteStore {
    fn shop_settings(&self) -> StoreResult<ShopSettings> {
        self.read(settings)
    }

    fn shop_state(&self) -> StoreResult<ShopState> {
        self.read(state)
    }

    fn column_pairs(&self, kind: &str, source: &str) -> StoreResult<Option<Vec<(String, String)>>> {
        let what = "cannot read the remembered column pairing";
        let text: Option<String> = self.read(|c| {
            use rusqlite::OptionalExtension;
            c.query_row("SELECT pairs FROM import_column_pairs WHERE kind = ?1 AND source = ?2", [kind, source], |r| {
                r.get(0)
            })
            .optional()
            .ctx(what)
        })?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::backend(what, e))).transpose()
    }

    fn signing_key(&self, name: &str) -> StoreResult<Option<String>> {
        self.read(|c| signing_key(c, name))
    }
}

fn signing_key(c: &Connection, name: &str) -> StoreResult<Option<String>> {
    use rusqlite::OptionalExtension;
    c.prepare_cached("SELECT secret FROM signing_keys WHERE name = ?1")
        .and_then(|mut s| s.query_row([name], |r| r.get(0)).optional())
        .ctx("cannot read a signing key")
}

impl ShopTx for SqliteTx<'_> {
    fn shop_settings(&mut self) -> StoreResult<ShopSettings> {
        settings(self.conn())
    }

    fn write_shop_settings(&mut self, s: &ShopSettings) -> StoreResult<()> {
        let r = &s.thresholds.rules;
        let columns = format!("{SETTINGS_COLUMNS}, {}", ladder_store::shop::SENDING_COLUMNS);
        let c = ladder_store::shop::SendingColumns::of(&s.sending);
        let sets: Vec<String> = columns.split(", ").enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
        self.conn()
            .execute(
                &format!("UPDATE shop_settings SET {} WHERE id = 1", sets.join(", ")),
                params![
                    s.name,
                    s.country,
                    s.city,
                    s.time_zone,
                    s.language,
                    s.currency,
                    s.opening_days.to_text(),
                    s.sender.name,
                    s.sender.address,
                    s.sender.email,
                    s.sender.phone,
                    r.active_p_alive,
                    r.at_risk_p_alive,
                    r.lapsed_p_alive,
                    r.at_risk_gaps,
                    r.lapsed_gaps,
                    r.lost_gaps,
                    r.lost_min_days,
                    i64::try_from(s.thresholds.min_repeat_customers).unwrap_or(i64::MAX),
                    c.numbers[0],
                    c.numbers[1],
                    c.numbers[2],
                    c.numbers[3],
                    c.quiet[0],
                    c.quiet[1],
                    c.quiet_email,
                    c.closed_days,
                    c.days_after_purchase,
                    c.israel.0,
                    c.israel.1,
                    c.track_clicks,
                    c.sms_part_price_minor,
                ],
            )
            .ctx("cannot write the shop's settings")
            .map(drop)
    }

    fn mark_data_changed(&mut self, at: DateTime<Utc>) -> StoreResult<()> {
        mark(self.conn(), "data_changed_at", at)
    }

    fn mark_campaigns_changed(&mut self, at: DateTime<Utc>) -> StoreResult<()> {
        mark(self.conn(), "campaigns_changed_at", at)
    }

    fn record_scoring(&mut self, m: &ScoringMark) -> StoreResult<()> {
        self.conn()
            .execute(
                "UPDATE shop_state SET scored_at = ?1, scored_as_of = ?2, state_basis = ?3, scoring_context = ?4
                 WHERE id = 1",
                params![m.at.timestamp_micros(), date_day_number(m.as_of), m.state_basis, m.context],
            )
            .ctx("cannot record the scoring")
            .map(drop)
    }

    fn set_demo_seed(&mut self, seed: Option<u64>) -> StoreResult<()> {
        let seed = seed.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
        self.conn()
            .execute("UPDATE shop_state SET demo_seed = ?1 WHERE id = 1", [seed])
            .ctx("cannot mark the demo shop")
            .map(drop)
    }

    fn remember_column_pairs(
        &mut self,
        kind: &str,
        source: &str,
        pairs: &[(String, String)],
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let text = serde_json::to_string(pairs).map_err(|e| StoreError::backend("cannot keep the pairing", e))?;
        self.conn()
            .execute(
                "INSERT INTO import_column_pairs (kind, source, pairs, saved_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind, source) DO UPDATE SET pairs = excluded.pairs, saved_at = excluded.saved_at",
                params![kind, source, text, at.timestamp()],
            )
            .ctx("cannot remember the column pairing")
            .map(drop)
    }

    fn keep_signing_key(&mut self, name: &str, fresh: &str, at: DateTime<Utc>) -> StoreResult<String> {
        self.conn()
            .execute(
                "INSERT INTO signing_keys (name, secret, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
                params![name, fresh, at.timestamp()],
            )
            .ctx("cannot keep a signing key")?;
        signing_key(self.conn(), name)?
            .ok_or_else(|| StoreError::backend("cannot keep a signing key", std::io::Error::other("it was not kept")))
    }
}

fn mark(conn: &Connection, column: &str, at: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached(&format!("UPDATE shop_state SET {column} = ?1 WHERE id = 1"))
        .and_then(|mut s| s.execute([at.timestamp_micros()]))
        .ctx("cannot mark a change")
        .map(drop)
}

fn settings(conn: &Connection) -> StoreResult<ShopSettings> {
    let what = "cannot read the shop's settings";
    let s = conn
        .prepare_cached(&format!(
            "SELECT {SETTINGS_COLUMNS}, {} FROM shop_settings WHERE id = 1",
            ladder_store::shop::SENDING_COLUMNS
        ))
        .and_then(|mut s| {
            s.query_row([], |r| {
                let days: String = r.get(6)?;
                let sending = ladder_store::shop::SendingColumns {
                    numbers: [r.get(19)?, r.get(20)?, r.get(21)?, r.get(22)?],
                    quiet: [r.get(23)?, r.get(24)?],
                    quiet_email: r.get(25)?,
                    closed_days: r.get(26)?,
                    days_after_purchase: r.get(27)?,
                    israel: (r.get(28)?, r.get(29)?),
                    track_clicks: r.get(30)?,
                    sms_part_price_minor: r.get(31)?,
                };
                Ok((
                    (days, sending),
                    ShopSettings {
                        name: r.get(0)?,
                        country: r.get(1)?,
                        city: r.get(2)?,
                        time_zone: r.get(3)?,
                        language: r.get(4)?,
                        currency: r.get(5)?,
                        opening_days: OpeningDays::default(),
                        sender: Sender { name: r.get(7)?, address: r.get(8)?, email: r.get(9)?, phone: r.get(10)? },
                        thresholds: Thresholds {
                            rules: StateRules {
                                active_p_alive: r.get(11)?,
                                at_risk_p_alive: r.get(12)?,
                                lapsed_p_alive: r.get(13)?,
                                at_risk_gaps: r.get(14)?,
                                lapsed_gaps: r.get(15)?,
                                lost_gaps: r.get(16)?,
                                lost_min_days: r.get(17)?,
                            },
                            min_repeat_customers: u64::try_from(r.get::<_, i64>(18)?).unwrap_or(0),
                        },
                        sending: ladder_domain::messaging::SendingRules::default(),
                    },
                ))
            })
        })
        .ctx(what)?;
    let ((days, sending), mut settings) = s;
    settings.sending = sending.rules()?;
    settings.opening_days = OpeningDays::parse(&days)
        .map_err(|_| StoreError::Conflict(format!("the database holds unknown opening days {days:?}")))?;
    Ok(settings)
}

fn state(conn: &Connection) -> StoreResult<ShopState> {
    conn.prepare_cached(
        "SELECT data_changed_at, campaigns_changed_at, scored_at, scored_as_of, state_basis, scoring_context, demo_seed
         FROM shop_state WHERE id = 1",
    )
    .and_then(|mut s| {
        s.query_row([], |r| {
            Ok(ShopState {
                data_changed_at: r.get::<_, Option<i64>>(0)?.map(micros),
                campaigns_changed_at: r.get::<_, Option<i64>>(1)?.map(micros),
                scored_at: r.get::<_, Option<i64>>(2)?.map(micros),
                scored_as_of: r.get::<_, Option<i64>>(3)?.map(date_of_day),
                state_basis: r.get(4)?,
                scoring_context: r.get(5)?,
                demo_seed: r.get::<_, Option<i64>>(6)?.map(|s| u64::try_from(s).unwrap_or(0)),
            })
        })
    })
    .ctx("cannot read the shop's marks")
}

/// The marks keep microseconds: two changes within a second must still tell apart.
fn micros(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t).unwrap_or_default()
}
