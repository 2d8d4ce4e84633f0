//! Campaign reports: for every campaign, what it cost, brought and acquired, and whether the customers
//! it acquired came back — computed from the orders carrying its codes, never typed in.
//!
//! The rules of attribution are the domain's (`ladder_domain::campaign`); this use-case reads each
//! campaign, its costs and the histories of the customers who used its codes, and applies them.

use crate::{Action, Actor, App, AppError, change, require};
use chrono::NaiveDate;
use ladder_domain::Permission;
use ladder_domain::audit::changes_between;
use ladder_domain::campaign::{
    Attribution, Campaign, CampaignError, CampaignKind, CampaignStatus, CostEntry, Expectations, Figures, Roi,
    RoiUndefined, RungCount, attribute,
};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Channel, Currency, Reason};
use ladder_store::{Store, StoreError, WriteOutcome};
use serde::Serialize;

/// Why a campaign report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CampaignReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Sums too large for the money type.
    #[error("campaign {campaign}: {source}")]
    Figures {
        /// The campaign.
        campaign: String,
        /// What overflowed.
        source: CampaignError,
    },
}

/// One campaign's figures, flat, as reports and the API show them. Money is in minor units of the
/// shop's currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignRow {
    /// The campaign's id.
    pub campaign_id: String,
    /// Its name.
    pub name: String,
    /// Its kind (advertisement, email, …).
    pub kind: String,
    /// Its status.
    pub status: String,
    /// The budget (expected cost), when set.
    pub budget: Option<i64>,
    /// The sum of its cost entries.
    pub actual_cost: i64,
    /// The revenue expected, when set.
    pub expected_revenue: Option<i64>,
    /// Revenue of the completed orders that carried its codes in its window.
    pub revenue: i64,
    /// ROI expected from budget and expected revenue.
    pub expected_roi: Option<f64>,
    /// (revenue − cost) / cost; `null` when it cannot be computed (see `roi_note`).
    pub roi: Option<f64>,
    /// Why there is no ROI (no cost recorded), when there is none.
    pub roi_note: Option<Reason>,
    /// Customers who ordered with a code (any status) in the window.
    pub responses: u64,
    /// Responses expected, when set.
    pub expected_responses: Option<u64>,
    /// Completed orders with a code in the window.
    pub sales: u64,
    /// Sales expected, when set.
    pub expected_sales: Option<u64>,
    /// Customers whose first order carried a code in the window.
    pub customers_acquired: u64,
    /// Quiet customers (at risk or worse by the recency rule) whose order with a code in the window
    /// brought them back: what a win-back campaign is for.
    pub customers_reactivated: u64,
    /// Cost per acquired customer; `null` without acquisitions.
    pub cost_per_acquisition: Option<i64>,
    /// Share of the acquired who placed a second order.
    pub second_purchase_share: Option<f64>,
    /// Share of the acquired who placed a third order.
    pub third_purchase_share: Option<f64>,
    /// How many of the acquired stand on each rung at the last scoring (every rung, lowest first).
    pub acquired_rungs: Vec<RungCount>,
    /// Acquired customers not placed by a scoring yet.
    pub acquired_unscored: u64,
    /// The acquired customers' revenue in their first 12 months, summed.
    pub acquired_revenue_12m: i64,
    /// That revenue per acquired customer.
    pub revenue_12m_per_acquisition: Option<i64>,
    /// Predicted 12-month value of the acquired (last scoring), summed over those with a prediction.
    pub acquired_clv: Option<i64>,
    /// Predicted value per acquired customer with a prediction.
    pub clv_per_acquisition: Option<i64>,
}

/// A campaign's report: its row and what was counted, so that every figure can be checked.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignReport {
    /// The figures.
    #[serde(flatten)]
    pub row: CampaignRow,
    /// The campaign as defined.
    pub campaign: Campaign,
    /// The orders counted, those left out and why, the responders and the acquired customers.
    pub attribution: Attribution,
}

/// The report of one campaign, with the orders placed by the end of `as_of`.
pub fn report(store: &dyn Store, campaign: Campaign, as_of: NaiveDate) -> Result<CampaignReport, CampaignReportError> {
    let wrap = |source| CampaignReportError::Figures { campaign: campaign.id.clone(), source };
    let histories = store.campaign_histories(&campaign.codes, as_of)?;
    let costs = store.campaign_costs(&campaign.id)?;
    let attribution = attribute(&campaign, &histories).map_err(wrap)?;
    let figures = Figures::compute(&campaign, &attribution, &costs).map_err(wrap)?;
    let roi_note = match figures.roi {
        Roi::Ratio(_) => None,
        Roi::Undefined(RoiUndefined::NoCostRecorded) => Some(Reason::RoiNoCost),
        Roi::Undefined(RoiUndefined::NegativeCost) => Some(Reason::RoiNegativeCost),
    };
    let row = CampaignRow {
        campaign_id: campaign.id.clone(),
        name: campaign.name.clone(),
        kind: campaign.kind.as_str().to_owned(),
        status: campaign.status.as_str().to_owned(),
        budget: figures.cost_minor.expected,
        actual_cost: figures.cost_minor.actual,
        expected_revenue: figures.revenue_minor.expected,
        revenue: figures.revenue_minor.actual,
        expected_roi: figures.expected_roi,
        roi: figures.roi.value(),
        roi_note,
        responses: figures.responses.actual,
        expected_responses: figures.responses.expected,
        sales: figures.sales.actual,
        expected_sales: figures.sales.expected,
        customers_acquired: figures.customers_acquired,
        customers_reactivated: figures.customers_reactivated,
        cost_per_acquisition: figures.cost_per_acquisition_minor,
        second_purchase_share: figures.second_purchase_share,
        third_purchase_share: figures.third_purchase_share,
        acquired_rungs: figures.acquired_rungs,
        acquired_unscored: figures.acquired_unscored,
        acquired_revenue_12m: figures.acquired_revenue_12m_minor,
        revenue_12m_per_acquisition: figures.revenue_12m_per_acquisition_minor,
        acquired_clv: figures.acquired_clv_minor,
        clv_per_acquisition: figures.clv_per_acquisition_minor,
    };
    Ok(CampaignReport { row, campaign, attribution })
}

/// A campaign's fields as text (amounts in minor units), for telling what changed.
fn fields(c: &Campaign) -> Vec<(&'static str, Option<String>)> {
    let n = |v: Option<u64>| v.map(|n| n.to_string());
    let m = |v: Option<i64>| v.map(|n| n.to_string());
    let e = &c.expectations;
    vec![
        ("name", Some(c.name.clone())),
        ("kind", Some(c.kind.as_str().to_owned())),
        ("channel", c.channel.map(|ch| ch.as_str().to_owned())),
        ("status", Some(c.status.as_str().to_owned())),
        ("starts", Some(c.starts.to_string())),
        ("ends", c.ends.map(|d| d.to_string())),
        ("codes", Some(c.codes.join(", "))),
        ("window_days", Some(c.window_days.to_string())),
        ("target_segment", c.target_segment.clone()),
        ("target_size", n(c.target_size)),
        ("notes", c.notes.clone()),
        ("budget_minor", m(e.budget_minor)),
        ("expected_revenue_minor", m(e.expected_revenue_minor)),
        ("expected_responses", n(e.expected_responses)),
        ("expected_sales", n(e.expected_sales)),
    ]
}

/// Creates or replaces a campaign; a change marks the campaign figures out of date and is audited with
/// what it changed.
pub fn save(app: &App, actor: &Actor, campaign: &Campaign) -> Result<WriteOutcome, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    change(app, actor, |tx, now| {
        let before = tx.campaign(&campaign.id)?;
        let outcome = tx.put_campaign(campaign)?;
        if outcome == WriteOutcome::Unchanged {
            return Ok((outcome, Vec::new()));
        }
        tx.mark_campaigns_changed(now)?;
        let after = tx.campaign(&campaign.id)?;
        let old = before.as_ref().map(fields).unwrap_or_default();
        let new = after.as_ref().map(fields).unwrap_or_default();
        let action = Action::CampaignSaved {
            campaign_id: campaign.id.clone(),
            outcome: if outcome == WriteOutcome::Inserted { "inserted" } else { "updated" }.to_owned(),
            changes: changes_between(&old, &new),
        };
        Ok((outcome, vec![action]))
    })
}

/// Adds a dated cost to a campaign (not found for an unknown one), marks the figures out of date, audits.
pub fn add_cost(app: &App, actor: &Actor, campaign_id: &str, cost: &CostEntry) -> Result<(), AppError> {
    require(actor, Permission::ManageCampaigns)?;
    change(app, actor, |tx, now| {
        tx.add_campaign_cost(campaign_id, cost)?;
        tx.mark_campaigns_changed(now)?;
        let action = Action::CampaignCostAdded {
            campaign_id: campaign_id.to_owned(),
            on: cost.on,
            amount_minor: cost.amount_minor,
            note: cost.note.clone(),
        };
        Ok(((), vec![action]))
    })
}

/// Every campaign's report, in the store's order of campaigns. Campaigns are computed side by side, one
/// per core: each reads the whole histories of the customers its codes reached, which over a million
/// customers takes a second or two.
pub fn reports(store: &dyn Store, as_of: NaiveDate) -> Result<Vec<CampaignReport>, CampaignReportError> {
    let campaigns = store.campaigns()?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(campaigns.len()).max(1);
    if workers == 1 {
        return campaigns.into_iter().map(|c| report(store, c, as_of)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Result<CampaignReport, CampaignReportError>>>> =
        campaigns.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(campaign) = campaigns.get(i) else { break };
                    let done = report(store, campaign.clone(), as_of);
                    *slots[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(done);
                }
            });
        }
    });
    // The scope has joined every worker (a panic in one would have surfaced here), so every slot is full.
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).expect("every campaign is computed")
        })
        .collect()
}

/// A campaign as a person types it (amounts in the shop's currency, dates as YYYY-MM-DD), for the command
/// line and the web form; [`CampaignForm::to_campaign`] checks every field and names the one that is wrong.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    /// A stable id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Kind (advertisement, email, …); `other` when empty.
    pub kind: String,
    /// Contact channel, optional.
    pub channel: String,
    /// Status; `planning` when empty.
    pub status: String,
    /// First day.
    pub starts: String,
    /// Last day, optional.
    pub ends: String,
    /// Codes, separated by commas or new lines.
    pub codes: String,
    /// Days after the end in which orders still count; 30 when empty.
    pub window_days: String,
    /// The segment it targets, optional.
    pub target_segment: String,
    /// How many people it targets, optional.
    pub target_size: String,
    /// Budget, optional.
    pub budget: String,
    /// Revenue expected, optional.
    pub expected_revenue: String,
    /// Responses expected, optional.
    pub expected_responses: String,
    /// Sales expected, optional.
    pub expected_sales: String,
    /// Notes, optional.
    pub notes: String,
}

fn field_error(field: &str, problem: Problem) -> FieldError {
    FieldError::new(field, problem)
}

fn optional(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// The longest window after a campaign's end: ten years.
const WINDOW_MAX: u32 = 3660;

impl CampaignForm {
    /// The campaign, with amounts read in `currency`; a field that cannot be read is named with its
    /// problem (the form keeps what was typed).
    pub fn to_campaign(&self, currency: &Currency) -> Result<Campaign, FieldError> {
        let id = self.id.trim();
        if id.is_empty() {
            return Err(field_error("id", Problem::Required));
        }
        let name = optional(&self.name).unwrap_or(id);
        let kind = match optional(&self.kind) {
            None => CampaignKind::Other,
            Some(k) => CampaignKind::parse(k)
                .ok_or_else(|| field_error("kind", Problem::NotOneOf { choices: CampaignKind::names() }))?,
        };
        let status = match optional(&self.status) {
            None => CampaignStatus::Planning,
            Some(s) => CampaignStatus::parse(s)
                .ok_or_else(|| field_error("status", Problem::NotOneOf { choices: CampaignStatus::names() }))?,
        };
        let channel = optional(&self.channel)
            .map(|c| {
                Channel::parse(c).ok_or_else(|| field_error("channel", Problem::NotOneOf { choices: Channel::names() }))
            })
            .transpose()?;
        let date = |field: &'static str, v: &str| {
            ladder_domain::date::parse_date(v)
                .map_err(|_| field_error(field, Problem::NotDate { expected: "YYYY-MM-DD".to_owned() }))
        };
        let starts = date("starts", self.starts.trim())?;
        let ends = optional(&self.ends).map(|e| date("ends", e)).transpose()?;
        if ends.is_some_and(|e| e < starts) {
            return Err(field_error("ends", Problem::BelowField { other: "starts".to_owned() }));
        }
        let codes: Vec<String> =
            self.codes.split([',', '\n']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect();
        if codes.is_empty() {
            return Err(field_error("codes", Problem::Required));
        }
        let count = |field: &'static str, v: &str| {
            optional(v).map(|v| v.parse::<u64>().map_err(|_| field_error(field, Problem::NotWholeNumber))).transpose()
        };
        let amount = |field: &'static str, v: &str| {
            optional(v).map(|v| currency.parse_amount(v).map_err(|e| field_error(field, e.into()))).transpose()
        };
        let window_days = match count("window_days", &self.window_days)? {
            None => 30,
            Some(days) => u32::try_from(days)
                .ok()
                .filter(|d| *d <= WINDOW_MAX)
                .ok_or_else(|| field_error("window_days", Problem::AboveMaximum { max: WINDOW_MAX.to_string() }))?,
        };
        Ok(Campaign {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            channel,
            status,
            starts,
            ends,
            codes,
            window_days,
            target_segment: optional(&self.target_segment).map(str::to_owned),
            target_size: count("target_size", &self.target_size)?,
            notes: optional(&self.notes).map(str::to_owned),
            expectations: Expectations {
                budget_minor: amount("budget", &self.budget)?,
                expected_revenue_minor: amount("expected_revenue", &self.expected_revenue)?,
                expected_responses: count("expected_responses", &self.expected_responses)?,
                expected_sales: count("expected_sales", &self.expected_sales)?,
            },
        })
    }

    /// The form filled in with a stored campaign, for editing.
    pub fn of(campaign: &Campaign, currency: &Currency) -> CampaignForm {
        let amount = |v: Option<i64>| v.map(|m| currency.format_amount(m)).unwrap_or_default();
        let count = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        CampaignForm {
            id: campaign.id.clone(),
            name: campaign.name.clone(),
            kind: campaign.kind.as_str().to_owned(),
            channel: campaign.channel.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            status: campaign.status.as_str().to_owned(),
            starts: campaign.starts.to_string(),
            ends: campaign.ends.map(|e| e.to_string()).unwrap_or_default(),
            codes: campaign.codes.join(", "),
            window_days: campaign.window_days.to_string(),
            target_segment: campaign.target_segment.clone().unwrap_or_default(),
            target_size: count(campaign.target_size),
            budget: amount(campaign.expectations.budget_minor),
            expected_revenue: amount(campaign.expectations.expected_revenue_minor),
            expected_responses: count(campaign.expectations.expected_responses),
            expected_sales: count(campaign.expectations.expected_sales),
            notes: campaign.notes.clone().unwrap_or_default(),
        }
    }
}

/// What a cost import added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CostImportSummary {
    /// Data rows read.
    pub read: u64,
    /// Costs added.
    pub added: u64,
    /// Rows already recorded by an earlier import of the same costs.
    pub already_recorded: u64,
    /// The sum of the costs added, in minor units.
    pub added_minor: i64,
    /// The campaigns that got costs, sorted.
    pub campaigns: Vec<String>,
}

/// Why a cost import stopped. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CostImportError {
    /// A row has a bad value.
    #[error(
        "{file} line {line}, column \"{column}\", value {value:?}: {} Nothing was imported; fix the row and import the file again",
        ladder_i18n::plain(&ladder_i18n::catalog().problem(ladder_i18n::Locale::En, problem, &|f| f.to_owned()))
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
    #[error("{file}: the header lacks the column{} {}; a cost file has campaign_id, spent_on, amount and optionally note and currency", if missing.len() == 1 { "" } else { "s" }, missing.join(", "))]
    MissingColumns {
        /// The file.
        file: String,
        /// The missing columns.
        missing: Vec<String>,
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
    /// The actor may not, or the store refused or failed.
    #[error(transparent)]
    Refused(AppError),
}

impl From<StoreError> for CostImportError {
    fn from(e: StoreError) -> Self {
        CostImportError::Refused(e.into())
    }
}

/// The columns a cost file must have (`note` and `currency` may follow).
pub const REQUIRED_COST_COLUMNS: [&str; 3] = ["campaign_id", "spent_on", "amount"];

/// Imports campaign costs from CSV (`campaign_id,spent_on,amount[,note][,currency]`, amounts in the shop's
/// currency): every row is checked first, and either all are added in one transaction or none. Rows
/// already recorded (the same campaign, day, amount and note) are not added again, so a file can be
/// imported twice safely. `file` names the input in errors.
pub fn import_costs(
    app: &App,
    actor: &Actor,
    input: impl std::io::Read,
    file: &str,
    currency: &Currency,
) -> Result<CostImportSummary, CostImportError> {
    require(actor, Permission::ManageCampaigns).map_err(CostImportError::Refused)?;
    let store = app.store();
    let unreadable =
        |line: Option<u64>, message: String| CostImportError::Unreadable { file: file.to_owned(), line, message };
    let mut csv = csv::ReaderBuilder::new().has_headers(true).from_reader(input);
    let headers: Vec<String> = csv
        .headers()
        .map_err(|e| unreadable(Some(1), e.to_string()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<String> =
        REQUIRED_COST_COLUMNS.iter().filter(|c| column(c).is_none()).map(|c| (*c).to_owned()).collect();
    if !missing.is_empty() {
        return Err(CostImportError::MissingColumns { file: file.to_owned(), missing });
    }
    let (id_at, day_at, amount_at) = (column("campaign_id"), column("spent_on"), column("amount"));
    let (note_at, currency_at) = (column("note"), column("currency"));
    let known: std::collections::HashSet<String> = store.campaigns()?.into_iter().map(|c| c.id).collect();
    let mut costs = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(unreadable(e.position().map(|p| p.line()), e.to_string())),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        let cell = |at: Option<usize>| at.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        let invalid = |column: &str, value: &str, problem: Problem| CostImportError::Invalid {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            value: value.to_owned(),
            problem: Box::new(problem),
        };
        let id = cell(id_at);
        if !known.contains(id) {
            let problem = if id.is_empty() { Problem::Required } else { Problem::Unknown };
            return Err(invalid("campaign_id", id, problem));
        }
        let day = cell(day_at);
        let on = ladder_domain::date::parse_date(day)
            .map_err(|_| invalid("spent_on", day, validate::date_problem(day, "YYYY-MM-DD")))?;
        let given = cell(currency_at);
        if !given.is_empty() && !given.eq_ignore_ascii_case(currency.code()) {
            return Err(invalid("currency", given, Problem::NotShopCurrency { currency: currency.code().to_owned() }));
        }
        let amount = cell(amount_at);
        let amount_minor = currency.parse_amount(amount).map_err(|e| invalid("amount", amount, e.into()))?;
        let note = Some(cell(note_at)).filter(|n| !n.is_empty()).map(str::to_owned);
        costs.push((id.to_owned(), CostEntry { on, amount_minor, note }));
    }
    let outcomes = change(app, actor, |tx, now| {
        let outcomes = tx.add_campaign_costs(&costs)?;
        let added = outcomes.iter().filter(|o| **o == WriteOutcome::Inserted).count() as u64;
        if added > 0 {
            tx.mark_campaigns_changed(now)?;
        }
        let action =
            Action::CampaignCostsImported { file: file.to_owned(), added, unchanged: outcomes.len() as u64 - added };
        Ok((outcomes, vec![action]))
    })
    .map_err(CostImportError::Refused)?;
    let mut summary = CostImportSummary { read: costs.len() as u64, ..Default::default() };
    let mut campaigns = std::collections::BTreeSet::new();
    for ((id, cost), outcome) in costs.iter().zip(outcomes) {
        if outcome == WriteOutcome::Inserted {
            summary.added += 1;
            summary.added_minor = summary.added_minor.saturating_add(cost.amount_minor);
            campaigns.insert(id.clone());
        } else {
            summary.already_recorded += 1;
        }
    }
    summary.campaigns = campaigns.into_iter().collect();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder_store_sqlite::SqliteStore;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("a time")
    }

    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let clock = std::sync::Arc::new(crate::ManualClock::new(now()));
        (dir, App::with_clock(std::sync::Arc::new(store), clock))
    }

    fn eur() -> Currency {
        Currency::parse("EUR").expect("EUR")
    }

    fn form() -> CampaignForm {
        CampaignForm {
            id: " SPRING ".into(),
            name: "Spring mailing".into(),
            kind: "direct mail".into(),
            starts: "2026-03-01".into(),
            ends: "2026-03-31".into(),
            codes: "SPRING, spring-utm\nSPRING2".into(),
            budget: "800.50".into(),
            expected_sales: "60".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_form_becomes_a_campaign_and_back() {
        let campaign = form().to_campaign(&eur()).expect("valid");
        assert_eq!(campaign.id, "SPRING");
        assert_eq!(campaign.kind, CampaignKind::DirectMail);
        assert_eq!(campaign.status, CampaignStatus::Planning);
        assert_eq!(campaign.codes, ["SPRING", "spring-utm", "SPRING2"]);
        assert_eq!(campaign.window_days, 30);
        assert_eq!(campaign.expectations.budget_minor, Some(80_050));
        assert_eq!(campaign.expectations.expected_sales, Some(60));
        let again = CampaignForm::of(&campaign, &eur()).to_campaign(&eur()).expect("round trip");
        assert_eq!(again, campaign);
    }

    #[test]
    fn a_bad_field_is_named() {
        let field = |f: CampaignForm| f.to_campaign(&eur()).expect_err("invalid").field;
        assert_eq!(field(CampaignForm { ends: "2026-02-01".into(), ..form() }), "ends");
        assert_eq!(field(CampaignForm { kind: "billboard".into(), ..form() }), "kind");
        assert_eq!(field(CampaignForm { codes: " , ".into(), ..form() }), "codes");
        assert_eq!(field(CampaignForm { budget: "lots".into(), ..form() }), "budget");
        assert_eq!(field(CampaignForm { expected_sales: "-3".into(), ..form() }), "expected_sales");
        assert_eq!(field(CampaignForm { starts: "1.3.2026".into(), ..form() }), "starts");
        assert_eq!(field(CampaignForm { id: "  ".into(), ..form() }), "id");
    }

    #[test]
    fn costs_import_all_or_nothing_and_only_once() {
        let (_dir, app) = app();
        let store = app.store();
        save(&app, &Actor::Cli, &form().to_campaign(&eur()).expect("valid")).expect("put");
        let file = "campaign_id,spent_on,amount,note\nSPRING,2026-03-01,450.00,printing\nSPRING,2026-03-02,50,\n";
        let first = import_costs(&app, &Actor::Cli, file.as_bytes(), "costs.csv", &eur()).expect("import");
        assert_eq!((first.read, first.added, first.already_recorded, first.added_minor), (2, 2, 0, 50_000));
        assert_eq!(first.campaigns, ["SPRING"]);
        let again = import_costs(&app, &Actor::Cli, file.as_bytes(), "costs.csv", &eur()).expect("again");
        assert_eq!((again.added, again.already_recorded), (0, 2));

        let bad = "campaign_id,spent_on,amount\nSPRING,2026-03-05,10\nAUTUMN,2026-03-05,10\n";
        let error = import_costs(&app, &Actor::Cli, bad.as_bytes(), "more.csv", &eur()).expect_err("unknown campaign");
        assert!(
            matches!(&error, CostImportError::Invalid { line: 3, column, .. } if column == "campaign_id"),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("more.csv line 3, column \"campaign_id\", value \"AUTUMN\": Nothing with this id"),
            "{error}"
        );
        let bad = "campaign_id,spent_on,amount,currency\nSPRING,2026-03-05,10,USD\n";
        let error = import_costs(&app, &Actor::Cli, bad.as_bytes(), "usd.csv", &eur()).expect_err("currency");
        assert!(matches!(&error, CostImportError::Invalid { column, .. } if column == "currency"), "{error}");
        assert!(error.to_string().contains("campaign costs are kept in EUR"), "{error}");
        let bad = "campaign_id,amount\nSPRING,10\n";
        let error = import_costs(&app, &Actor::Cli, bad.as_bytes(), "short.csv", &eur()).expect_err("columns");
        assert!(matches!(&error, CostImportError::MissingColumns { missing, .. } if missing == &["spent_on"]));
        let costs: Vec<i64> = store.campaign_costs("SPRING").expect("costs").iter().map(|c| c.amount_minor).collect();
        assert_eq!(costs, [45_000, 5_000], "nothing of the failed imports");
        let noted = store.shop_state().expect("read").campaigns_changed_at;
        assert_eq!(noted, Some(now()), "cached figures learn that the costs changed");
        let actions: Vec<String> = store.audit_log(10, None).expect("audit").into_iter().map(|a| a.action).collect();
        assert_eq!(actions, ["campaign.costs_imported", "campaign.costs_imported", "campaign.saved"]);
    }
}
