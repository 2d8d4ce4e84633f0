//! The shop's settings (one typed value, checked before it is stored) and the marks its work leaves:
//! when data last changed, when campaigns last changed, what the last scoring knew.

use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::shop::ShopSettings;
use serde::Serialize;

/// Reading the shop's settings and marks.
pub trait ShopStore {
    /// The settings (the defaults where nothing was stored).
    fn shop_settings(&self) -> StoreResult<ShopSettings>;

    /// The marks of the shop's work.
    fn shop_state(&self) -> StoreResult<ShopState>;

    /// How the columns of a file of `kind` with this `header` (its column names, as
    /// [`column_source`] keys them) were paired with Ladder's last time: `(theirs, ours)` pairs.
    fn column_pairs(&self, kind: &str, source: &str) -> StoreResult<Option<Vec<(String, String)>>>;

    /// The secret Ladder keeps under `name` (the links' signing key), if it made one.
    fn signing_key(&self, name: &str) -> StoreResult<Option<String>>;
}

/// The key of a file's source for remembering its column pairing: its column names, trimmed and in
/// lower case, in order — the next export from the same shop system, till or spreadsheet has the same.
pub fn column_source(header: &[String]) -> String {
    header.iter().map(|h| h.trim().to_lowercase()).collect::<Vec<_>>().join("\u{1f}")
}

/// Changing the shop's settings and marks, inside a unit of work.
pub trait ShopTx {
    /// The settings, as this unit of work sees them.
    fn shop_settings(&mut self) -> StoreResult<ShopSettings>;

    /// Writes the settings as they are; use [`ShopTx::save_shop_settings`], which checks them first.
    fn write_shop_settings(&mut self, settings: &ShopSettings) -> StoreResult<()>;

    /// Stores the settings when they are valid; a problem is [`StoreError::Invalid`] and nothing is
    /// written. Every door checks the same way, so a stored setting is always one the rules can use.
    fn save_shop_settings(&mut self, settings: &ShopSettings) -> StoreResult<()> {
        if let Some(problem) = settings.problem() {
            return Err(StoreError::Invalid(problem));
        }
        self.write_shop_settings(settings)
    }

    /// Customers, orders or interactions changed at `at`: the scores are out of date.
    fn mark_data_changed(&mut self, at: DateTime<Utc>) -> StoreResult<()>;

    /// A campaign or its costs changed at `at`: cached campaign figures are out of date.
    fn mark_campaigns_changed(&mut self, at: DateTime<Utc>) -> StoreResult<()>;

    /// A full scoring ran.
    fn record_scoring(&mut self, mark: &ScoringMark) -> StoreResult<()>;

    /// The database holds the demo shop made with this seed (`None`: it holds a real shop).
    fn set_demo_seed(&mut self, seed: Option<u64>) -> StoreResult<()>;

    /// Remembers how the columns of a file of `kind` from `source` ([`column_source`]) pair with
    /// Ladder's, replacing what was remembered for it.
    fn remember_column_pairs(
        &mut self,
        kind: &str,
        source: &str,
        pairs: &[(String, String)],
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The secret kept under `name`: `fresh`, kept now, when there was none — the first of two instances
    /// to ask makes it, and both get the same one.
    fn keep_signing_key(&mut self, name: &str, fresh: &str, at: DateTime<Utc>) -> StoreResult<String>;
}

/// The marks of the shop's work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShopState {
    /// When customers, orders or interactions last changed.
    pub data_changed_at: Option<DateTime<Utc>>,
    /// When a campaign or a cost last changed.
    pub campaigns_changed_at: Option<DateTime<Utc>>,
    /// When the last full scoring ran.
    pub scored_at: Option<DateTime<Utc>>,
    /// The `as_of` date of the last full scoring.
    pub scored_as_of: Option<NaiveDate>,
    /// How the last scoring set the states (JSON of the model's basis).
    pub state_basis: Option<String>,
    /// What the last scoring knew about the shop (JSON), for placing one customer alone.
    pub scoring_context: Option<String>,
    /// The seed of the demo shop this database holds.
    pub demo_seed: Option<u64>,
}

impl ShopState {
    /// Whether data changed after the last scoring (or there is data and no scoring yet).
    pub fn stale(&self) -> bool {
        match (self.scored_at, self.data_changed_at) {
            (Some(scored), Some(changed)) => changed > scored,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

/// What a full scoring records about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringMark {
    /// When it ran.
    pub at: DateTime<Utc>,
    /// The day it scored as of.
    pub as_of: NaiveDate,
    /// How it set the states (JSON).
    pub state_basis: String,
    /// What it knew about the shop (JSON).
    pub context: String,
}

/// The sending rules' columns after the settings' first ones, in order (migrations 27 and 30): windows,
/// cap, quiet hours, closed days, the days after a purchase, Israel's exception and its terms, click
/// tracking, the price of a text message's part.
pub const SENDING_COLUMNS: &str = "send_email_window_hours, send_sms_window_hours, send_marketing_per_period, \
     send_marketing_period_days, send_quiet_from, send_quiet_to, send_quiet_email, send_closed_days, \
     send_days_after_purchase, send_israel_existing_customers, send_israel_terms, send_track_clicks, \
     send_sms_part_price_minor";

/// The sending rules as their columns hold them, in [`SENDING_COLUMNS`]' order: the numbers, the times
/// as `HH:MM`, the days as `sat,sun`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendingColumns {
    /// The two windows, the cap and its days.
    pub numbers: [i64; 4],
    /// Quiet hours from and to.
    pub quiet: [String; 2],
    /// Whether email keeps them.
    pub quiet_email: bool,
    /// Closed days.
    pub closed_days: String,
    /// Days after a purchase.
    pub days_after_purchase: i64,
    /// Israel's existing-customer exception, and how its conditions are met.
    pub israel: (bool, String),
    /// Whether emails' links count clicks.
    pub track_clicks: bool,
    /// A text message part's price, in minor units.
    pub sms_part_price_minor: Option<i64>,
}

impl SendingColumns {
    /// The columns of `r`.
    pub fn of(r: &ladder_domain::messaging::SendingRules) -> Self {
        Self {
            numbers: [
                i64::from(r.email_window_hours),
                i64::from(r.sms_window_hours),
                i64::from(r.marketing_per_period),
                i64::from(r.marketing_period_days),
            ],
            quiet: [r.quiet_from.format("%H:%M").to_string(), r.quiet_to.format("%H:%M").to_string()],
            quiet_email: r.quiet_email,
            closed_days: r.closed_days_text(),
            days_after_purchase: i64::from(r.days_after_purchase),
            israel: (r.israel_existing_customers, r.israel_exception_terms.clone()),
            track_clicks: r.track_clicks,
            sms_part_price_minor: r.sms_part_price_minor,
        }
    }

    /// The rules these columns hold; one Ladder cannot read is a conflict naming it.
    pub fn rules(self) -> StoreResult<ladder_domain::messaging::SendingRules> {
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        let time = |t: &str| {
            chrono::NaiveTime::parse_from_str(t, "%H:%M")
                .map_err(|_| StoreError::Conflict(format!("the database holds an unknown quiet hour {t:?}")))
        };
        let closed = &self.closed_days;
        Ok(ladder_domain::messaging::SendingRules {
            email_window_hours: count(self.numbers[0]),
            sms_window_hours: count(self.numbers[1]),
            marketing_per_period: count(self.numbers[2]),
            marketing_period_days: count(self.numbers[3]),
            quiet_from: time(&self.quiet[0])?,
            quiet_to: time(&self.quiet[1])?,
            quiet_email: self.quiet_email,
            closed_days: ladder_domain::messaging::SendingRules::parse_days(closed)
                .map_err(|_| StoreError::Conflict(format!("the database holds unknown closed days {closed:?}")))?,
            days_after_purchase: count(self.days_after_purchase),
            israel_existing_customers: self.israel.0,
            israel_exception_terms: self.israel.1,
            track_clicks: self.track_clicks,
            sms_part_price_minor: self.sms_part_price_minor,
        })
    }
}
