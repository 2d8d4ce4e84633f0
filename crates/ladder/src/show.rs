//! `ladder customer show`: one customer, everything Ladder knows, as sections or one JSON object.

use crate::cli::Format;
use crate::output::{Grid, or_dash, print};
use anyhow::Result;
use ladder_domain::Currency;
use ladder_store::{Change, CustomerDetail, OrderView, ScoreRecord};
use serde::Serialize;

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

fn money(minor: i64, code: &str) -> String {
    match Currency::parse(code) {
        Ok(c) => format!("{} {code}", c.format_amount(minor)),
        Err(_) => format!("{minor} {code}"),
    }
}

pub fn customer(d: &CustomerDetail, shop_currency: Option<&str>, format: Format) -> Result<()> {
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
    field("tags", Some(p.tags.join(", ")));
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
            ladder.push(vec!["rung".into(), s.rung.to_string(), s.rung_reason.clone()]);
            ladder.push(vec!["state".into(), or_dash(s.state.map(|x| x.to_string())), or_dash(s.state_reason.clone())]);
            ladder.push(vec!["lifecycle stage".into(), s.lifecycle_stage.to_string(), String::new()]);
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
            h.reason.clone(),
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
