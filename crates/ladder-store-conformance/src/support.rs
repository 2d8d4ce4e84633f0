//! What the cases share: test values, a seeded shop, and a unit of work in one call.

pub(crate) use chrono::{DateTime, NaiveDate, Utc};
pub(crate) use ladder_domain::consent::{ConsentAction, ConsentEvent, ConsentMethod, LegalBasis, Purpose};
pub(crate) use ladder_domain::{
    Birthday, Channel, Consent, Currency, Customer, CustomerKind, CustomerState, Interaction, InteractionKind,
    LifecycleStage, Order, OrderLine, OrderStatus, Reason, RfmScore, RfmSegment, Role, Rung,
};
pub(crate) use ladder_store::{
    Absent, AuditEntry, Change, ChangeKind, ClvHistogram, CustomerId, CustomerQuery, CustomerSort, CustomerValue,
    Dimension, Evidence, NewUser, PreviousScore, ScoreRecord, Store, StoreError, StoreResult, Tx, UserChanges,
    WebSession, WriteOutcome,
};

/// Runs `f` in one unit of work and commits it; an error drops the unit, which writes nothing.
pub(crate) fn write<T>(store: &dyn Store, f: impl FnOnce(&mut dyn Tx) -> StoreResult<T>) -> StoreResult<T> {
    let mut tx = store.begin()?;
    let value = f(tx.as_mut())?;
    tx.commit()?;
    Ok(value)
}

/// Customers as an import hands them to the store, their phones' forms read.
pub(crate) fn prepared(customers: &[ladder_domain::Customer]) -> Vec<ladder_store::PreparedCustomer> {
    customers.iter().cloned().map(ladder_store::PreparedCustomer::new).collect()
}

/// The evidence the cases' imports record with consents that carry none.
pub(crate) fn evidence() -> Evidence {
    Evidence { at: ts("2025-06-01T12:00:00Z"), source: "import:test.csv".to_owned() }
}

pub(crate) fn ts(s: &str) -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp(s).expect("test timestamp")
}

pub(crate) fn date(s: &str) -> NaiveDate {
    ladder_domain::date::parse_date(s).expect("test date")
}

pub(crate) fn customer(id: &str) -> Customer {
    Customer { external_id: id.to_owned(), first_name: Some(format!("Name {id}")), ..Customer::default() }
}

pub(crate) fn order(id: &str, customer: &str, at: &str, lines: &[(&str, i64, i64)]) -> Order {
    Order {
        external_id: id.to_owned(),
        customer_external_id: customer.to_owned(),
        ordered_at: ts(at),
        currency: Currency::parse("EUR").expect("EUR"),
        campaign_code: None,
        one_off: false,
        status: OrderStatus::Completed,
        lines: lines
            .iter()
            .map(|(sku, quantity, price)| OrderLine {
                sku: (*sku).to_owned(),
                product_name: Some(format!("Product {sku}")),
                category: Some("coffee".to_owned()),
                quantity: *quantity,
                unit_price_minor: *price,
            })
            .collect(),
    }
}

/// Writes customers, orders and interactions in one committed import.
pub(crate) fn seed(store: &dyn Store, customers: &[Customer], orders: &[Order], interactions: &[Interaction]) {
    let mut s = store.begin_import().expect("begin import");
    for c in customers {
        s.put_customer(c, &evidence(), Absent::Clear).expect("put customer");
    }
    for o in orders {
        s.put_order(o).expect("put order");
    }
    for i in interactions {
        s.put_interaction(i).expect("put interaction");
    }
    s.commit().expect("commit import");
}

pub(crate) fn facts_of(store: &dyn Store, as_of: &str, currency: &str) -> Vec<ladder_store::ScoringRow> {
    let mut rows = Vec::new();
    store
        .scoring_facts(date(as_of), currency, &mut |r| {
            rows.push(r);
            Ok(())
        })
        .expect("scoring facts");
    rows
}

pub(crate) fn id_of(store: &dyn Store, external: &str) -> CustomerId {
    store.customer(external).expect("read").expect("exists").id
}

pub(crate) fn score(customer: CustomerId, as_of: &str, rung: Rung, state: Option<CustomerState>) -> ScoreRecord {
    ScoreRecord {
        customer,
        as_of: date(as_of),
        rung,
        rung_reason: Reason::Loyal { orders: 3, on: Some(date("2025-01-31")), at_risk: false },
        state,
        state_reason: state.map(|state| Reason::Overdue {
            days: 3,
            usual: Some(ladder_domain::Usual::Own { days: 10.5 }),
            state,
            after_days: 21.0,
        }),
        lifecycle_stage: rung.lifecycle_stage(),
        recency_days: Some(3),
        orders: 3,
        first_order: Some(date("2025-01-01")),
        second_order: Some(date("2025-01-11")),
        third_order: Some(date("2025-01-31")),
        last_order: Some(date("2025-01-31")),
        spend_minor: 4200,
        rfm: Some(RfmScore { r: 5, f: 4, m: 3 }),
        rfm_segment: Some(RfmSegment::Champions),
        fourth_order: None,
        value: None,
        event_buyer: true,
    }
}
