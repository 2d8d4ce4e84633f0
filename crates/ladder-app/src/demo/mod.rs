//! The demo shop: a realistic, deterministic history of a coffee-and-tea shop whose customers live in
//! Israel, Iran, Russia and Britain, with the people the retention literature talks about — suspects and
//! prospects who never bought, one-time event buyers (a costume before Halloween or Purim and nothing
//! else), advocates who brought friends and best customers whose spending fades — and, for everyone else,
//! a purchase process with the figures of a real small shop: customers arrive all through the two years,
//! about three in ten come back for a second order and about half of those for a third, and from there
//! most keep coming until, one day, they stop (so testers, regulars and lapsed customers arise by
//! themselves). The campaign that brought a customer changes their odds: the welcome offer brings more
//! regulars than the flash sale.
//!
//! The same seed, size and `as_of` always give the same shop. The generator writes to a [`DemoSink`]:
//! straight into a store (`ladder demo`) or into CSV files in the import format (`ladder demo --export`,
//! and the benchmark).

mod catalog;
mod names;

use crate::progress::Progress;
use crate::score::{ScoreOptions, ScoreSummary, score_replaying};
use crate::{Action, Actor, App, AppError, audit, require};
use catalog::{EVERYDAY, PRODUCTS, Product, in_category};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ladder_domain::campaign::{Campaign, CampaignKind, CampaignStatus, CostEntry, Expectations};
use ladder_domain::consent::ConsentMethod;
use ladder_domain::date::{SECONDS_PER_DAY, date_day_number, date_of_day};
use ladder_domain::shop::{OpeningDays, Sender};
use ladder_domain::{
    Birthday, Channel, Consent, Currency, Customer, CustomerKind, Interaction, InteractionKind, Order, OrderLine,
    OrderStatus,
};
use ladder_store::{Absent, Evidence, StoreError, Tx};
use names::{INCOME_BANDS, INDUSTRIES, LOCALES, Locale, PROFESSIONS};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How big a shop, when, and from which seed.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// The random seed; the same seed gives the same shop.
    pub seed: u64,
    /// How many customers and contacts.
    pub customers: u64,
    /// The last day of the shop's two years of history.
    pub as_of: NaiveDate,
    /// The shop's currency.
    pub currency: Currency,
    /// How many times the lines of an everyday order, as far as the customer's favourite categories
    /// have products (1 for the demo shop; `ladder bench --basket 3` makes about ten lines a customer).
    pub basket: usize,
}

/// Why the demo could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The database holds data that is not a demo shop.
    #[error("the database already holds {0} customers that are not the demo shop; choose another with --database")]
    NotEmpty(u64),
    /// A file could not be written.
    #[error("cannot write {path}: {message}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The store failed, or the change was refused.
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for DemoError {
    fn from(e: StoreError) -> Self {
        DemoError::App(e.into())
    }
}

/// Receives the generated shop.
pub trait DemoSink {
    /// A customer or contact; always before their orders and interactions.
    fn customer(&mut self, customer: &Customer) -> Result<(), DemoError>;
    /// An order.
    fn order(&mut self, order: &Order) -> Result<(), DemoError>;
    /// An interaction.
    fn interaction(&mut self, interaction: &Interaction) -> Result<(), DemoError>;
}

/// How much was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DemoCounts {
    /// Customers and contacts.
    pub customers: u64,
    /// Orders.
    pub orders: u64,
    /// Order lines.
    pub order_lines: u64,
    /// Interactions.
    pub interactions: u64,
}

/// The people the demo is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persona {
    Suspect,
    Prospect,
    EventBuyer,
    /// A customer whose orders follow the shop's purchase process ([`Generator::buyer_days`]).
    Buyer,
    Advocate,
    Fading,
}

/// Shares of each persona, in percent.
const PERSONAS: &[(Persona, u32)] = &[
    (Persona::Suspect, 8),
    (Persona::Prospect, 12),
    (Persona::EventBuyer, 12),
    (Persona::Buyer, 63),
    (Persona::Advocate, 3),
    (Persona::Fading, 2),
];

/// The chance, in percent, that a buyer orders again after their first, second and later orders, by the
/// code of their first order: the welcome offer and friends' referrals bring customers who come back, the
/// flash sale bargain hunters who mostly do not.
fn comes_back(code: Option<&str>, orders_so_far: usize) -> u32 {
    match (orders_so_far, code) {
        (1, Some("WELCOME10")) => 48,
        (1, Some("FRIEND")) => 42,
        (1, Some("FLASHSALE")) => 16,
        (1, _) => 30,
        (2, Some("FLASHSALE")) => 35,
        (2, _) => 52,
        (3, _) => 72,
        _ => 84,
    }
}

/// Days of history.
const HISTORY_DAYS: i64 = 730;

struct Generator<'a> {
    /// Revenue of completed first orders by their campaign code, minor units: what the campaigns brought.
    first_order_revenue: std::collections::BTreeMap<String, i64>,
    rng: fastrand::Rng,
    currency: Currency,
    today: i64,
    start: i64,
    next_customer: u64,
    next_order: u64,
    basket: usize,
    counts: DemoCounts,
    sink: &'a mut dyn DemoSink,
}

/// Generates the shop into a sink.
pub fn generate(
    options: &DemoOptions,
    sink: &mut dyn DemoSink,
    progress: &dyn Progress,
) -> Result<DemoCounts, DemoError> {
    generate_with_revenue(options, sink, progress).map(|(counts, _)| counts)
}

/// Generates the shop, and tells what each campaign code's first orders brought.
fn generate_with_revenue(
    options: &DemoOptions,
    sink: &mut dyn DemoSink,
    progress: &dyn Progress,
) -> Result<(DemoCounts, std::collections::BTreeMap<String, i64>), DemoError> {
    let today = date_day_number(options.as_of);
    let mut g = Generator {
        first_order_revenue: std::collections::BTreeMap::new(),
        rng: fastrand::Rng::with_seed(options.seed),
        currency: options.currency,
        today,
        start: today - HISTORY_DAYS,
        next_customer: 0,
        next_order: 0,
        basket: options.basket.max(1),
        counts: DemoCounts::default(),
        sink,
    };
    progress.begin("generating the demo shop", Some(options.customers));
    while g.next_customer < options.customers {
        let persona = g.persona();
        g.person(persona, None)?;
        if persona == Persona::Advocate {
            // Advocates bring one to three friends who buy.
            let referrer = format!("C{:07}", g.next_customer);
            for _ in 0..g.rng.u32(1..=3) {
                if g.next_customer >= options.customers {
                    break;
                }
                g.person(Persona::Buyer, Some(&referrer))?;
            }
        }
        if g.next_customer.is_multiple_of(1024) {
            progress.set_position(g.next_customer);
        }
    }
    progress.end();
    Ok((g.counts, g.first_order_revenue))
}

impl Generator<'_> {
    fn persona(&mut self) -> Persona {
        let mut roll = self.rng.u32(0..100);
        for &(persona, share) in PERSONAS {
            if roll < share {
                return persona;
            }
            roll -= share;
        }
        Persona::Buyer
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.u32(0..100) < percent
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.rng.usize(0..items.len())]
    }

    fn at(&mut self, day: i64) -> DateTime<Utc> {
        let seconds = day * SECONDS_PER_DAY + i64::from(self.rng.u32(8 * 3600..21 * 3600));
        DateTime::from_timestamp(seconds, 0).unwrap_or_default()
    }

    /// Generates one person with their orders and interactions.
    fn person(&mut self, persona: Persona, referred_by: Option<&str>) -> Result<(), DemoError> {
        self.next_customer += 1;
        let id = format!("C{:07}", self.next_customer);
        let locale = &LOCALES[[0, 0, 0, 1, 1, 1, 2, 2, 2, 3][self.rng.usize(0..10)]];
        let favourites = [*self.pick(EVERYDAY), *self.pick(EVERYDAY)];
        let (order_days, code) = self.order_days(persona, referred_by.is_some());
        let first_day = order_days.first().copied();
        let interactions = self.interaction_plan(persona, first_day);
        let known_since = order_days.iter().chain(interactions.iter().map(|(d, _)| d)).min().copied();
        let created_day = match known_since {
            Some(d) => d - i64::from(self.rng.u32(0..30)),
            None => self.start + i64::from(self.rng.u32(0..HISTORY_DAYS as u32)),
        };
        let mut customer = self.profile(&id, locale, persona, created_day);
        customer.referred_by = referred_by.map(str::to_owned);
        self.sink.customer(&customer)?;
        self.counts.customers += 1;

        for (day, kind) in interactions {
            let at = self.at(day);
            // Regulars who came through the welcome offer signed up on its page; two in five prospects'
            // clicks came from the flash sale's ads (chosen without the random stream, so that the rest
            // of the shop stays the same for a seed).
            let campaign_code = match kind {
                InteractionKind::SignUp if code.as_deref() == Some("WELCOME10") && day >= self.start => code.clone(),
                InteractionKind::Click if persona == Persona::Prospect && self.next_customer % 5 < 2 => {
                    Some("FLASHSALE".to_owned())
                }
                _ => None,
            };
            let note = match kind {
                InteractionKind::Complaint => Some("late delivery".to_owned()),
                InteractionKind::Feedback => Some("liked the beans".to_owned()),
                InteractionKind::Recommendation => Some("posted a review".to_owned()),
                _ => None,
            };
            self.sink.interaction(&Interaction { customer_external_id: id.clone(), at, kind, note, campaign_code })?;
            self.counts.interactions += 1;
        }

        let fading_from = self.today - 180;
        for (i, &day) in order_days.iter().enumerate() {
            self.next_order += 1;
            let ordered_at = self.at(day);
            let first = i == 0;
            // A customer quiet for three months or more often comes back through the win-back mail.
            let back_after_quiet = i > 0 && day - order_days[i - 1] >= 90 && self.chance(45);
            let campaign_code = if first {
                code.clone()
            } else if back_after_quiet && persona == Persona::Buyer {
                Some("COMEBACK".to_owned())
            } else {
                None
            };
            let mut order = Order {
                external_id: format!("O{:08}", self.next_order),
                customer_external_id: id.clone(),
                ordered_at,
                currency: self.currency,
                campaign_code,
                one_off: false,
                status: OrderStatus::Completed,
                lines: Vec::new(),
            };
            match persona {
                Persona::EventBuyer => {
                    let category =
                        if code.as_deref().is_some_and(|c| c.starts_with("NOWRUZ")) { "gifts" } else { "costumes" };
                    let count = self.rng.usize(1..=2);
                    order.lines = self.lines(&in_category(category), count);
                    order.one_off = self.chance(50);
                }
                _ => {
                    let big = persona == Persona::Fading && day < fading_from;
                    let count =
                        if big { self.rng.usize(3..=5) } else { [1, 1, 1, 1, 2, 2, 2, 3][self.rng.usize(0..8)] };
                    let count = count * self.basket;
                    let mut pool: Vec<&Product> =
                        PRODUCTS.iter().filter(|p| favourites.contains(&p.category)).collect();
                    if big || self.chance(20) {
                        pool.extend(in_category("kitchen"));
                    }
                    order.lines = self.lines(&pool, count);
                    if !first && self.chance(3) {
                        // A gift for someone else: a one-off that says nothing about their taste.
                        order.lines = self.lines(&in_category("gifts"), 1);
                        order.one_off = true;
                    }
                    order.status = match self.rng.u32(0..100) {
                        0..=2 => OrderStatus::Cancelled,
                        3..=4 => OrderStatus::Refunded,
                        _ => OrderStatus::Completed,
                    };
                }
            }
            self.counts.orders += 1;
            self.counts.order_lines += order.lines.len() as u64;
            if let (Some(code), OrderStatus::Completed) = (&order.campaign_code, order.status) {
                let total: i64 = order.lines.iter().map(|l| l.quantity * l.unit_price_minor).sum();
                *self.first_order_revenue.entry(code.clone()).or_default() += total;
            }
            self.sink.order(&order)?;
        }
        Ok(())
    }

    /// `count` distinct products from the pool (fewer if the pool is smaller).
    fn lines(&mut self, pool: &[&Product], count: usize) -> Vec<OrderLine> {
        // A pool may hold a product twice (kitchen as a favourite and as the extra).
        let distinct = pool.iter().enumerate().filter(|(i, p)| pool[..*i].iter().all(|q| q.sku != p.sku)).count();
        let wanted = count.min(distinct);
        let mut lines: Vec<OrderLine> = Vec::with_capacity(wanted);
        while lines.len() < wanted {
            let p = *self.pick(pool);
            if lines.iter().any(|l| l.sku == p.sku) {
                continue;
            }
            let quantity = if matches!(p.category, "coffee" | "tea" | "snacks") { self.rng.i64(1..=3) } else { 1 };
            lines.push(OrderLine {
                sku: p.sku.to_owned(),
                product_name: Some(p.name.to_owned()),
                category: Some(p.category.to_owned()),
                quantity,
                unit_price_minor: p.price_minor,
            });
        }
        lines
    }

    /// The days a persona orders on, oldest first, and the code of their first order.
    fn order_days(&mut self, persona: Persona, referred: bool) -> (Vec<i64>, Option<String>) {
        let (start, today) = (self.start, self.today);
        let first_code = |g: &mut Self, persona: Persona| {
            if referred {
                Some("FRIEND".to_owned())
            } else if persona != Persona::Buyer {
                g.chance(30).then(|| "WELCOME10".to_owned())
            } else {
                match g.rng.u32(0..100) {
                    0..=17 => Some("WELCOME10".to_owned()),
                    18..=39 => Some("FLASHSALE".to_owned()),
                    _ => None,
                }
            }
        };
        match persona {
            Persona::Suspect | Persona::Prospect => (Vec::new(), None),
            Persona::EventBuyer => {
                let (day, name) = self.holiday();
                (vec![day - i64::from(self.rng.u32(0..14))], Some(name))
            }
            Persona::Buyer => {
                let code = first_code(self, persona);
                (self.buyer_days(code.as_deref()), code)
            }
            Persona::Advocate => {
                let gap = f64::from(self.rng.u32(15..45));
                let first = start + i64::from(self.rng.u32(0..(HISTORY_DAYS - 150) as u32));
                let code = first_code(self, persona);
                (self.cadence(first, gap, today), code)
            }
            Persona::Fading => {
                let first = start + i64::from(self.rng.u32(0..60));
                let (fast, slow) = (f64::from(self.rng.u32(18..30)), f64::from(self.rng.u32(50..80)));
                let mut days = self.cadence(first, fast, today - 180);
                let slower = self.cadence(today - 180 + 20, slow, today);
                days.extend(slower);
                let code = first_code(self, persona);
                (days, code)
            }
        }
    }

    /// A buyer's order days: a first order on any day of the history (the shop gains customers all the
    /// time, a few more each month as it grows), then each next one after a gap around their own pace,
    /// with the chance of [`comes_back`], until they stop or `today` comes.
    fn buyer_days(&mut self, code: Option<&str>) -> Vec<i64> {
        // The square root of a uniform draw leans towards later days: a shop that grows.
        let offset = (self.rng.f64().sqrt() * HISTORY_DAYS as f64) as i64;
        let mut days = vec![self.start + offset.min(HISTORY_DAYS)];
        let pace = f64::from(self.rng.u32(18..75));
        while self.chance(comes_back(code, days.len())) {
            // Exponential-like gaps: most near the pace, some much longer.
            let gap = pace * (0.3 - (1.0 - self.rng.f64()).ln() * 0.8);
            let next = days.last().copied().unwrap_or(self.start) + (gap.round() as i64).max(1);
            if next > self.today {
                break;
            }
            days.push(next);
        }
        days
    }

    /// Orders every `gap` days (± 40 %) from `first` until `until`, at least three of them.
    fn cadence(&mut self, first: i64, gap: f64, until: i64) -> Vec<i64> {
        let mut days = vec![first];
        let mut day = first as f64;
        loop {
            day += gap * (0.6 + 0.8 * self.rng.f64());
            if day as i64 > until {
                break;
            }
            days.push(day as i64);
        }
        while days.len() < 3 {
            let last = *days.last().expect("never empty");
            days.push((last + 7).min(self.today));
        }
        days.sort_unstable();
        days
    }

    /// A holiday in the history with its campaign code: Halloween, Purim or Nowruz.
    fn holiday(&mut self) -> (i64, String) {
        let mut candidates = Vec::new();
        let this_year = date_of_day(self.today).year();
        for year in this_year - 2..=this_year {
            let purim = match year {
                2023 => (3, 7),
                2024 => (3, 24),
                2025 => (3, 14),
                2026 => (3, 3),
                2027 => (3, 23),
                2028 => (3, 12),
                _ => (3, 10),
            };
            for (name, (month, day)) in [("HALLOWEEN", (10, 31)), ("PURIM", purim), ("NOWRUZ", (3, 20))] {
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
                let d = date_day_number(date);
                if d - 14 >= self.start && d <= self.today {
                    candidates.push((d, format!("{name}{:02}", year % 100)));
                }
            }
        }
        if candidates.is_empty() {
            return (self.today, "EVENT".to_owned());
        }
        let i = self.rng.usize(0..candidates.len());
        candidates.swap_remove(i)
    }

    fn interaction_plan(&mut self, persona: Persona, first_order: Option<i64>) -> Vec<(i64, InteractionKind)> {
        let mut plan = Vec::new();
        match persona {
            Persona::Suspect => {}
            Persona::Prospect => {
                for _ in 0..self.rng.u32(1..=3) {
                    let kind = *self.pick(&[
                        InteractionKind::SignUp,
                        InteractionKind::Inquiry,
                        InteractionKind::Visit,
                        InteractionKind::Click,
                    ]);
                    plan.push((self.today - i64::from(self.rng.u32(0..400)), kind));
                }
            }
            _ => {
                let first = first_order.unwrap_or(self.today);
                if self.chance(40) {
                    plan.push((first - i64::from(self.rng.u32(0..20)), InteractionKind::SignUp));
                }
                if matches!(persona, Persona::Buyer | Persona::Advocate | Persona::Fading) && self.chance(15) {
                    plan.push(((first + 30).min(self.today), InteractionKind::Feedback));
                }
                if self.chance(5) {
                    plan.push(((first + 5).min(self.today), InteractionKind::Complaint));
                }
                if persona == Persona::Advocate && self.chance(40) {
                    plan.push(((first + 60).min(self.today), InteractionKind::Recommendation));
                }
            }
        }
        plan.sort_by_key(|(d, _)| *d);
        plan.dedup_by_key(|(d, _)| *d);
        plan
    }

    fn profile(&mut self, id: &str, locale: &Locale, persona: Persona, created_day: i64) -> Customer {
        let female = self.chance(52);
        let (first, first_latin) = *self.pick(if female { locale.female } else { locale.male });
        let (last, last_latin) = *self.pick(locale.last);
        // Russian surnames agree with gender: Иванов → Иванова.
        let last = if locale.country == "RU" && female { format!("{last}а") } else { last.to_owned() };
        let business = self.chance(8);
        let (city, region) = *self.pick(locale.cities);
        let number: u64 = id[1..].parse().unwrap_or_default();
        let mut customer = Customer {
            external_id: id.to_owned(),
            kind: Some(if business { CustomerKind::Business } else { CustomerKind::Person }),
            first_name: Some(first.to_owned()),
            last_name: Some(last),
            company: business.then(|| (*self.pick(locale.companies)).to_owned()),
            industry: business.then(|| (*self.pick(INDUSTRIES)).to_owned()),
            email: self.chance(90).then(|| format!("{first_latin}.{last_latin}{number}@{}", locale.email_domain)),
            phone: self.chance(75).then(|| {
                let pattern = *self.pick(locale.phones);
                pattern.chars().map(|c| if c == '#' { char::from(b'0' + self.rng.u8(0..10)) } else { c }).collect()
            }),
            address: self.chance(50).then(|| format!("{} {}", self.rng.u32(1..200), self.pick(locale.last).0)),
            city: Some(city.to_owned()),
            region: Some(region.to_owned()),
            country: Some(locale.country.to_owned()),
            birthday: self.chance(60).then(|| Birthday {
                year: self.chance(80).then(|| self.rng.i32(1950..=2004)),
                month: self.rng.u32(1..=12),
                day: self.rng.u32(1..=28),
            }),
            profession: self.chance(50).then(|| (*self.pick(PROFESSIONS)).to_owned()),
            income_band: self.chance(40).then(|| (*self.pick(INCOME_BANDS)).to_owned()),
            preferred_language: Some(locale.language.to_owned()),
            preferred_channel: match self.rng.u32(0..20) {
                0..=9 => Some(Channel::Email),
                10..=14 => Some(Channel::Sms),
                15..=16 => Some(Channel::Phone),
                17 => Some(Channel::Mail),
                _ => None,
            },
            consents: Vec::new(),
            referred_by: None,
            created_at: DateTime::from_timestamp(created_day.max(0) * SECONDS_PER_DAY, 0),
            tags: Vec::new(),
            attributes: Default::default(),
        };
        for (channel, yes, no) in
            [(Channel::Email, 75, 10), (Channel::Sms, 45, 15), (Channel::Phone, 25, 10), (Channel::Mail, 15, 5)]
        {
            let roll = self.rng.u32(0..100);
            if roll < yes + no {
                customer.consents.push(Consent {
                    channel,
                    granted: roll < yes,
                    at: customer.created_at,
                    source: Some("sign-up form".to_owned()),
                    method: Some(ConsentMethod::Form),
                    evidence: Some("the sign-up form's box: \"Send me offers\"".to_owned()),
                    ..Consent::PLAIN
                });
            }
        }
        if business {
            customer.tags.push("wholesale".to_owned());
        }
        if matches!(persona, Persona::Fading | Persona::Advocate) && self.chance(50) {
            customer.tags.push("vip".to_owned());
        }
        if self.chance(10) {
            customer.attributes.insert("shoe_size".to_owned(), self.rng.u32(36..46).to_string());
        }
        customer
    }
}

/// Writes the demo straight into a unit of work.
pub struct StoreSink<'a, 't> {
    tx: &'a mut (dyn Tx + 't),
    evidence: Evidence,
}

impl DemoSink for StoreSink<'_, '_> {
    fn customer(&mut self, customer: &Customer) -> Result<(), DemoError> {
        self.tx.put_customer(customer, &self.evidence, Absent::Clear).map(drop).map_err(Into::into)
    }
    fn order(&mut self, order: &Order) -> Result<(), DemoError> {
        self.tx.put_order(order).map(drop).map_err(Into::into)
    }
    fn interaction(&mut self, interaction: &Interaction) -> Result<(), DemoError> {
        self.tx.put_interaction(interaction).map(drop).map_err(Into::into)
    }
}

/// What `ladder demo` made.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// What was generated.
    pub generated: DemoCounts,
    /// The scoring that followed.
    pub scoring: ScoreSummary,
    /// The playbooks' runs, messages and tasks of the last day (the team's queue to see).
    pub playbooks: DemoPlaybooks,
}

/// What the playbooks did on the demo's last day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DemoPlaybooks {
    /// Runs started.
    pub runs: u64,
    /// Messages queued.
    pub messages: u64,
    /// Tasks given to the team.
    pub tasks: u64,
}

/// Replaces the database's demo shop (or fills an empty database) and scores it: the customers, the shop's
/// profile, the campaigns and their costs, the marks and the audit entry in one unit of work, then the
/// scoring in its own.
pub fn create(
    app: &App,
    actor: &Actor,
    options: &DemoOptions,
    progress: &dyn Progress,
) -> Result<DemoSummary, DemoError> {
    require(actor, ladder_domain::Permission::ManageSettings)?;
    let store = app.store();
    let now = app.now();
    let existing = store.counts()?.customers;
    if existing > 0 && store.shop_state()?.demo_seed.is_none() {
        return Err(DemoError::NotEmpty(existing));
    }
    let mut tx = store.begin_import()?;
    if existing > 0 {
        tx.clear_customers()?;
    }
    let evidence = Evidence { at: now, source: "demo".to_owned() };
    let (generated, revenue) = generate_with_revenue(options, &mut StoreSink { tx: tx.as_mut(), evidence }, progress)?;
    let mut settings = tx.shop_settings()?;
    settings.name = "Ladder Coffee & Tea".to_owned();
    settings.country = Some("IL".to_owned());
    settings.city = Some("Tel Aviv-Yafo".to_owned());
    settings.time_zone = "Asia/Jerusalem".to_owned();
    settings.currency = Some(options.currency.code().to_owned());
    // Closed on Saturdays, as many shops in Israel are.
    settings.opening_days = OpeningDays([true, true, true, true, true, false, true]);
    settings.sender = Sender {
        name: "Ladder Coffee & Tea".to_owned(),
        address: "12 Rothschild Blvd, Tel Aviv-Yafo 6688112, Israel".to_owned(),
        email: Some("hello@ladder-coffee.example".to_owned()),
        phone: Some("+972 3 555 0123".to_owned()),
    };
    tx.save_shop_settings(&settings)?;
    tx.set_demo_seed(Some(options.seed))?;
    tx.mark_data_changed(now)?;
    for (campaign, costs) in campaigns(options, &revenue) {
        tx.put_campaign(&campaign)?;
        // Replacing the demo keeps campaigns (they are not customer data): their costs are entered once.
        if store.campaign_costs(&campaign.id)?.is_empty() {
            for cost in &costs {
                tx.add_campaign_cost(&campaign.id, cost)?;
            }
        }
    }
    tx.mark_campaigns_changed(now)?;
    audit(tx.as_mut(), actor, now, &Action::DemoCreated { seed: options.seed, customers: generated.customers })?;
    tx.commit()?;
    // Scored at the end of every month of its history, then on `as_of`: the moves on the ladder, each
    // customer's history and "since" filters show how the shop got here, as a shop scored each month would.
    let month_ends = month_ends(options.as_of - chrono::Duration::days(HISTORY_DAYS - 60), options.as_of);
    let scoring = score_replaying(app, actor, &month_ends, options.as_of, &ScoreOptions::default(), progress)?;
    // The last day's playbooks, as the worker would run them: the team's queue is there to see.
    let (runs, messages, tasks) =
        crate::playbooks::engine::evaluate(app, actor, options.as_of, false, progress)?.totals();
    Ok(DemoSummary { generated, scoring, playbooks: DemoPlaybooks { runs, messages, tasks } })
}

/// The last day of every month from the month of `from` to the month before `as_of`'s.
fn month_ends(from: NaiveDate, as_of: NaiveDate) -> Vec<NaiveDate> {
    let calendar = ladder_domain::date::Calendar::Gregorian;
    let (first, last) = (calendar.month_index(from), calendar.month_index(as_of));
    (first + 1..=last).filter_map(|m| calendar.month_start(m)).map(|next| next - chrono::Duration::days(1)).collect()
}

/// Writes the demo as the three CSV files of the import format.
pub struct CsvSink {
    dir: PathBuf,
    customers: csv::Writer<std::fs::File>,
    orders: csv::Writer<std::fs::File>,
    interactions: csv::Writer<std::fs::File>,
}

/// The files a CSV export writes, in the order to import them.
pub const CSV_FILES: [&str; 3] = ["customers.csv", "orders.csv", "interactions.csv"];

impl CsvSink {
    /// Creates the three files in `dir` with their headers.
    pub fn create(dir: &Path) -> Result<Self, DemoError> {
        std::fs::create_dir_all(dir).map_err(|e| DemoError::Write { path: dir.to_owned(), message: e.to_string() })?;
        let open = |name: &str, header: &[&str]| -> Result<csv::Writer<std::fs::File>, DemoError> {
            let path = dir.join(name);
            let fail = |e: csv::Error| DemoError::Write { path: path.clone(), message: e.to_string() };
            let mut w = csv::Writer::from_path(&path).map_err(fail)?;
            w.write_record(header).map_err(fail)?;
            Ok(w)
        };
        Ok(Self {
            dir: dir.to_owned(),
            customers: open(CSV_FILES[0], &customer_header())?,
            orders: open(CSV_FILES[1], ORDER_HEADER)?,
            interactions: open(CSV_FILES[2], &["customer_id", "at", "kind", "note", "campaign_code"])?,
        })
    }

    /// Flushes the files.
    pub fn finish(mut self) -> Result<PathBuf, DemoError> {
        for w in [&mut self.customers, &mut self.orders, &mut self.interactions] {
            w.flush().map_err(|e| DemoError::Write { path: self.dir.clone(), message: e.to_string() })?;
        }
        Ok(self.dir)
    }

    fn fail(&self, e: csv::Error) -> DemoError {
        DemoError::Write { path: self.dir.clone(), message: e.to_string() }
    }
}

/// The demo's customer columns: the standard ones, the consents, and one custom attribute.
fn customer_header() -> Vec<&'static str> {
    let mut header = crate::import::CUSTOMER_COLUMNS.to_vec();
    header.extend(["consent_email", "consent_sms", "consent_phone", "consent_mail", "consent_fax", "shoe_size"]);
    header
}

const ORDER_HEADER: &[&str] = &[
    "order_id",
    "customer_id",
    "ordered_at",
    "sku",
    "product_name",
    "category",
    "quantity",
    "unit_price",
    "currency",
    "campaign_code",
    "one_off",
    "status",
];

impl DemoSink for CsvSink {
    fn customer(&mut self, c: &Customer) -> Result<(), DemoError> {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let consent = |ch: Channel| {
            c.consents
                .iter()
                .find(|x| x.channel == ch)
                .map_or(String::new(), |x| if x.granted { "yes" } else { "no" }.to_owned())
        };
        let row = [
            c.external_id.clone(),
            c.kind.map_or(String::new(), |k| k.as_str().to_owned()),
            o(&c.first_name),
            o(&c.last_name),
            o(&c.company),
            o(&c.industry),
            o(&c.email),
            o(&c.phone),
            o(&c.address),
            o(&c.city),
            o(&c.region),
            o(&c.country),
            c.birthday.map_or(String::new(), |b| b.to_string()),
            o(&c.profession),
            o(&c.income_band),
            o(&c.preferred_language),
            c.preferred_channel.map_or(String::new(), |ch| ch.as_str().to_owned()),
            o(&c.referred_by),
            c.created_at.map_or(String::new(), |t| t.format("%Y-%m-%d").to_string()),
            ladder_domain::customer::join_tags(&c.tags),
            consent(Channel::Email),
            consent(Channel::Sms),
            consent(Channel::Phone),
            consent(Channel::Mail),
            consent(Channel::Fax),
            c.attributes.get("shoe_size").cloned().unwrap_or_default(),
        ];
        self.customers.write_record(&row).map_err(|e| self.fail(e))
    }

    fn order(&mut self, order: &Order) -> Result<(), DemoError> {
        let at = order.ordered_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for line in &order.lines {
            let row = [
                order.external_id.as_str(),
                order.customer_external_id.as_str(),
                at.as_str(),
                line.sku.as_str(),
                line.product_name.as_deref().unwrap_or_default(),
                line.category.as_deref().unwrap_or_default(),
                &line.quantity.to_string(),
                &order.currency.format_amount(line.unit_price_minor),
                order.currency.code(),
                order.campaign_code.as_deref().unwrap_or_default(),
                if order.one_off { "yes" } else { "no" },
                order.status.as_str(),
            ];
            self.orders.write_record(row).map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    fn interaction(&mut self, i: &Interaction) -> Result<(), DemoError> {
        let at = i.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let row = [
            i.customer_external_id.as_str(),
            at.as_str(),
            i.kind.as_str(),
            i.note.as_deref().unwrap_or_default(),
            i.campaign_code.as_deref().unwrap_or_default(),
        ];
        self.interactions.write_record(row).map_err(|e| self.fail(e))
    }
}

/// What the owner planned for one demo campaign.
struct Plan {
    id: &'static str,
    name: &'static str,
    kind: CampaignKind,
    channel: Option<Channel>,
    codes: Vec<String>,
    /// The return on its first orders, percent.
    roi_percent: i64,
    /// The budget against what was spent, percent.
    budget_percent: i64,
    /// The revenue hoped for per unit of budget.
    hoped: i64,
}

/// The demo's campaigns and their costs: a cheap flash sale that buys bargain hunters who rarely return, a
/// welcome offer that costs more than its first orders bring (−20 %) but brings regulars, the holiday
/// costume campaigns that bring event buyers, the referral programme that pays best, and a win-back mail
/// that brings quiet customers back — so their reports differ the way real ones do. Each
/// cost is paid in four instalments that add up to what the campaign's first orders brought divided by
/// one plus its return (`revenue` by code), and each budget was planned above or below what was spent.
fn campaigns(
    options: &DemoOptions,
    revenue: &std::collections::BTreeMap<String, i64>,
) -> Vec<(Campaign, Vec<CostEntry>)> {
    let starts = options.as_of - chrono::Duration::days(HISTORY_DAYS);
    let year = options.as_of.year();
    let holidays: Vec<String> = (year - 2..=year)
        .flat_map(|y| ["HALLOWEEN", "PURIM", "NOWRUZ"].map(|name| format!("{name}{:02}", y % 100)))
        .collect();
    let mut rng = fastrand::Rng::with_seed(options.seed ^ 0xC057);
    let plan = |id: &'static str, name: &'static str, kind, channel, codes: Vec<String>, returns: (i64, i64, i64)| {
        Plan { id, name, kind, channel, codes, roi_percent: returns.0, budget_percent: returns.1, hoped: returns.2 }
    };
    let plans = [
        plan("FLASH", "Flash sale", CampaignKind::Social, None, vec!["FLASHSALE".into()], (10, 85, 3)),
        plan(
            "WELCOME",
            "Welcome offer",
            CampaignKind::Email,
            Some(Channel::Email),
            vec!["WELCOME10".into()],
            (-20, 110, 2),
        ),
        plan("HOLIDAYS", "Holiday costumes", CampaignKind::Event, None, holidays, (40, 95, 2)),
        plan("FRIENDS", "Refer a friend", CampaignKind::Referral, None, vec!["FRIEND".into()], (250, 120, 4)),
        plan(
            "COMEBACK",
            "We miss you",
            CampaignKind::Email,
            Some(Channel::Email),
            vec!["COMEBACK".into()],
            (80, 90, 2),
        ),
    ];
    plans
        .into_iter()
        .map(|Plan { id, name, kind, channel, codes, roi_percent, budget_percent, hoped }| {
            let brought: i64 = codes.iter().filter_map(|c| revenue.get(c)).sum();
            let spent = (brought.saturating_mul(100) / (100 + roi_percent)).max(1);
            let budget = spent.saturating_mul(budget_percent) / 100;
            let weights: Vec<i64> = (0..4).map(|_| rng.i64(15..=35)).collect();
            let total_weight: i64 = weights.iter().sum();
            let mut paid = 0;
            let costs = weights
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let amount_minor = if i == 3 { spent - paid } else { spent * w / total_weight };
                    paid += amount_minor;
                    let on = starts + chrono::Duration::days(HISTORY_DAYS / 4 * i as i64 + rng.i64(0..30));
                    let note = ["launch", "second quarter", "third quarter", "last quarter"][i];
                    CostEntry { on, amount_minor, note: Some(note.to_owned()) }
                })
                .collect();
            let responses_hoped = u64::try_from(budget / 1500).ok();
            let campaign = Campaign {
                id: id.to_owned(),
                name: name.to_owned(),
                kind,
                channel,
                status: CampaignStatus::Active,
                starts,
                ends: None,
                codes,
                window_days: 30,
                target_segment: None,
                target_size: None,
                notes: None,
                expectations: Expectations {
                    budget_minor: Some(budget),
                    expected_revenue_minor: Some(budget.saturating_mul(hoped)),
                    expected_responses: responses_hoped.map(|r| r * 5 / 4),
                    expected_sales: responses_hoped,
                },
            };
            (campaign, costs)
        })
        .collect()
}
