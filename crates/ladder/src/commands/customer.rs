//! `ladder customer show|list`: one customer with everything Ladder knows, or a filtered list through
//! the same rule as the customer list page and the segments (`ladder_app::segments::query`).

use super::Ctx;
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, money, or_dash, print, say};
use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use ladder_app::reports::ReportBasis;
use ladder_domain::segment::SegmentRule;
use ladder_domain::{CustomerState, Reason, RfmSegment, Rung};
use ladder_store::{Change, CustomerDetail, CustomerSummary, OrderView, ScoreRecord, Store};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Profile, consents, orders, rung and state with the reason, RFM and history of one customer.
    Show {
        /// The business's customer id.
        id: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Lists customers, with filters.
    List(Box<ListArgs>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// By customer id.
    Id,
    /// By name.
    Name,
    /// Highest spend first.
    Spend,
    /// Most recent order first.
    LastOrder,
    /// Most orders first.
    Orders,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Text in the name, company, email, phone or id (any script, any case).
    #[arg(long)]
    pub search: Option<String>,
    /// Only this rung: suspect, prospect, customer, repeat, loyal, advocate.
    #[arg(long)]
    pub rung: Option<String>,
    /// Only this state: active, at_risk, lapsed, lost.
    #[arg(long)]
    pub state: Option<String>,
    /// Only this RFM segment (champions, loyal, potential_loyalist, new, promising, need_attention,
    /// about_to_sleep, cant_lose, at_risk, hibernating).
    #[arg(long)]
    pub segment: Option<String>,
    /// Only this country code.
    #[arg(long)]
    pub country: Option<String>,
    /// Only customers with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only customers whose latest answer for this channel is a yes: email, sms, phone, mail, fax.
    #[arg(long)]
    pub consent: Option<String>,
    /// Only customers worth at least this over the next 12 months, in the shop's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub min_clv: Option<String>,
    /// Only customers worth at most this.
    #[arg(long, value_name = "AMOUNT")]
    pub max_clv: Option<String>,
    /// Only customers with at least this many orders.
    #[arg(long, value_name = "N")]
    pub min_orders: Option<u32>,
    /// Only customers with at most this many orders.
    #[arg(long, value_name = "N")]
    pub max_orders: Option<u32>,
    /// Only customers who bought this product (its SKU) or from this category.
    #[arg(long)]
    pub product: Option<String>,
    /// Sort order.
    #[arg(long, value_enum, default_value_t = SortArg::Id)]
    pub sort: SortArg,
    /// At most this many.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    #[command(flatten)]
    pub format: FormatArg,
}

impl SortArg {
    fn name(self) -> &'static str {
        match self {
            SortArg::Id => "id",
            SortArg::Name => "name",
            SortArg::Spend => "spend",
            SortArg::LastOrder => "last_order",
            SortArg::Orders => "orders",
        }
    }
}

impl ListArgs {
    /// The flags as a segment rule: the filters of the customer list page, checked the same way.
    pub fn rule(&self) -> Result<SegmentRule, ladder_domain::validate::FieldError> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        let fields = [
            ("q", text(&self.search)),
            ("rung", text(&self.rung)),
            ("state", text(&self.state)),
            ("segment", text(&self.segment)),
            ("country", text(&self.country)),
            ("tag", text(&self.tag)),
            ("consent", text(&self.consent)),
            ("min_clv", text(&self.min_clv)),
            ("max_clv", text(&self.max_clv)),
            ("min_orders", count(self.min_orders)),
            ("max_orders", count(self.max_orders)),
            ("product", text(&self.product)),
            ("sort", self.sort.name().to_owned()),
        ];
        SegmentRule::from_fields(fields.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

pub fn run(ctx: &Ctx, command: CustomerCommand) -> Result<()> {
    match command {
        CustomerCommand::Show { id, format } => {
            let store = ctx.store(false)?;
            let Some(detail) = store.customer(&id)? else {
                bail!(
                    "no customer with id {id:?}; `ladder customer list --search TEXT` finds customers by name, email or phone"
                )
            };
            let currency = ladder_app::shop::currency(store.as_ref())?;
            print_customer(&detail, currency.as_deref(), format.format)
        }
        CustomerCommand::List(args) => {
            let store = ctx.store(false)?;
            let rule = args.rule().map_err(|e| anyhow::anyhow!("{}", ctx.problem(&e)))?;
            let mut query =
                ladder_app::segments::query(&rule, ladder_app::segments::currency_exponent(store.as_ref())?);
            query.limit = args.limit;
            query.offset = args.offset;
            let list = store.list_customers(&query)?;
            let note = format!(
                "{} customers shown (from {}); --limit and --offset page through.",
                list.len(),
                args.offset + 1
            );
            print_list(store.as_ref(), &list, args.format.format, &[note])
        }
    }
}

/// A list of customers, as a table, JSON or CSV.
pub fn print_list(store: &dyn Store, list: &[CustomerSummary], format: Format, notes: &[String]) -> Result<()> {
    let basis = ReportBasis::read(store)?;
    let mut grid = Grid::new(
        vec!["id", "name", "email", "phone", "country", "rung", "state", "segment", "orders", "spend", "last order"],
        vec![8, 9],
    );
    for c in list {
        grid.push(vec![
            c.customer_id.clone(),
            c.name.clone(),
            or_dash(c.email.as_deref()),
            or_dash(c.phone.as_deref()),
            or_dash(c.country.as_deref()),
            or_dash(c.rung.map(Rung::as_str)),
            or_dash(c.state.map(CustomerState::as_str)),
            or_dash(c.rfm_segment.map(RfmSegment::as_str)),
            c.orders.to_string(),
            basis.money(c.spend_minor),
            or_dash(c.last_order),
        ]);
    }
    print(format, &list, &[("", &grid)], notes)
}

/// The JSON of one customer: the profile, the score (rung, state, lifecycle stage, RFM and reasons) and
/// the history, all at the top level with snake_case keys.
#[derive(Serialize)]
struct CustomerJson<'a> {
    name: String,
    #[serde(flatten)]
    profile: &'a ladder_domain::Customer,
    #[serde(flatten)]
    score: Option<&'a ScoreRecord>,
    rfm_segment_name: Option<&'static str>,
    orders: &'a [OrderView],
    interactions: &'a [ladder_domain::Interaction],
    history: &'a [Change],
}

fn print_customer(d: &CustomerDetail, shop_currency: Option<&str>, format: Format) -> Result<()> {
    let json = CustomerJson {
        name: d.profile.display_name(),
        profile: &d.profile,
        score: d.score.as_ref(),
        rfm_segment_name: d.score.as_ref().and_then(|s| s.rfm_segment).map(|s| s.as_str()),
        orders: &d.orders,
        interactions: &d.interactions,
        history: &d.history,
    };
    let p = &d.profile;
    let mut profile = Grid::new(vec!["field", "value"], vec![]);
    let mut field = |k: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            profile.push(vec![k.to_owned(), v]);
        }
    };
    field("customer id", Some(p.external_id.clone()));
    field("name", Some(p.display_name()));
    field("kind", p.kind.map(|k| k.to_string()));
    field("company", p.company.clone());
    field("industry", p.industry.clone());
    field("email", p.email.clone());
    field("phone", p.phone.clone());
    field("address", p.address.clone());
    let place = [p.city.as_deref(), p.region.as_deref(), p.country.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    field("place", Some(place));
    field("birthday", p.birthday.map(|b| b.to_string()));
    field("profession", p.profession.clone());
    field("income band", p.income_band.clone());
    field("language", p.preferred_language.clone());
    field("preferred channel", p.preferred_channel.map(|c| c.to_string()));
    field("referred by", p.referred_by.clone());
    field("known since", p.created_at.map(|t| t.date_naive().to_string()));
    field("tags", Some(ladder_domain::customer::join_tags(&p.tags)));
    for (k, v) in &p.attributes {
        profile.push(vec![k.clone(), v.clone()]);
    }

    let mut consents = Grid::new(vec!["channel", "consent", "since", "source"], vec![]);
    for c in &p.consents {
        consents.push(vec![
            c.channel.to_string(),
            if c.granted { "yes" } else { "no" }.to_owned(),
            or_dash(c.at.map(|t| t.date_naive())),
            or_dash(c.source.as_deref()),
        ]);
    }

    let mut ladder = Grid::new(vec!["", "value", "why"], vec![]);
    let mut notes = Vec::new();
    match &d.score {
        Some(s) => {
            ladder.push(vec!["rung".into(), s.rung.to_string(), say(&s.rung_reason)]);
            ladder.push(vec![
                "state".into(),
                or_dash(s.state.map(|x| x.to_string())),
                or_dash(s.state_reason.as_ref().map(say)),
            ]);
            let stage = Reason::Lifecycle { stage: s.lifecycle_stage, rung: s.rung };
            ladder.push(vec!["lifecycle stage".into(), s.lifecycle_stage.to_string(), say(&stage)]);
            let rfm = s.rfm.map(|r| format!("R{} F{} M{}", r.r, r.f, r.m));
            ladder.push(vec!["RFM".into(), or_dash(rfm), or_dash(s.rfm_segment.map(|x| x.to_string()))]);
            let spend = shop_currency.map_or_else(|| s.spend_minor.to_string(), |c| money(s.spend_minor, c));
            ladder.push(vec!["orders".into(), s.orders.to_string(), format!("spend {spend}")]);
            ladder.push(vec![
                "first / last order".into(),
                format!("{} / {}", or_dash(s.first_order), or_dash(s.last_order)),
                String::new(),
            ]);
            if let Some(v) = &s.value {
                let money_of = |m: Option<i64>| match (m, shop_currency) {
                    (Some(m), Some(c)) => money(m, c),
                    (Some(m), None) => m.to_string(),
                    (None, _) => "–".to_owned(),
                };
                let p_alive = v.p_alive.map_or_else(|| "–".to_owned(), |p| format!("{:.0} %", p * 100.0));
                let why = if v.p_alive.is_none() { "one order day: BG/NBD cannot tell yet" } else { "BG/NBD" };
                ladder.push(vec!["P(alive)".into(), p_alive, why.into()]);
                ladder.push(vec![
                    "expected orders".into(),
                    format!("{:.2} in 90 days, {:.2} in a year", v.expected_purchases_90d, v.expected_purchases_365d),
                    String::new(),
                ]);
                ladder.push(vec!["next order expected".into(), or_dash(v.expected_next_order), String::new()]);
                ladder.push(vec![
                    "expected spend per order".into(),
                    money_of(v.expected_spend_minor),
                    "Gamma-Gamma".into(),
                ]);
                ladder.push(vec![
                    "value, next 12 months".into(),
                    money_of(v.clv_minor),
                    "discounted 1 % a month".into(),
                ]);
            }
            notes.push(format!("Scored as of {}.", s.as_of));
        }
        None => notes.push("Not scored yet: run `ladder score`.".to_owned()),
    }

    let mut orders = Grid::new(vec!["date", "order", "status", "total", "code", "one-off", "items"], vec![3]);
    for o in &d.orders {
        let items = o
            .lines
            .iter()
            .map(|l| format!("{} × {}", l.quantity, l.product_name.as_deref().unwrap_or(&l.sku)))
            .collect::<Vec<_>>()
            .join("; ");
        orders.push(vec![
            o.ordered_at.date_naive().to_string(),
            o.order_id.clone(),
            o.status.to_string(),
            money(o.total_minor, &o.currency),
            or_dash(o.campaign_code.as_deref()),
            if o.one_off { "yes" } else { "" }.to_owned(),
            items,
        ]);
    }
    let mut interactions = Grid::new(vec!["date", "kind", "note"], vec![]);
    for i in &d.interactions {
        interactions.push(vec![i.at.date_naive().to_string(), i.kind.to_string(), or_dash(i.note.as_deref())]);
    }
    let mut history = Grid::new(vec!["as of", "what", "from", "to", "why"], vec![]);
    for h in &d.history {
        history.push(vec![
            h.at.to_string(),
            h.kind.as_str().to_owned(),
            or_dash(h.from.as_deref()),
            or_dash(h.to.as_deref()),
            say(&h.reason),
        ]);
    }
    let mut grids: Vec<(&str, &Grid)> = vec![("Profile", &profile)];
    if !consents.rows.is_empty() {
        grids.push(("\nConsents", &consents));
    }
    if d.score.is_some() {
        grids.push(("\nOn the ladder", &ladder));
    }
    if !orders.rows.is_empty() {
        grids.push(("\nOrders", &orders));
    }
    if !interactions.rows.is_empty() {
        grids.push(("\nInteractions", &interactions));
    }
    if !history.rows.is_empty() {
        grids.push(("\nHistory", &history));
    }
    print(format, &json, &grids, &notes)
}
