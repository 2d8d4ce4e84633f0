//! Members from a file: sign-ups a shop collected elsewhere (paper forms at the till, the web shop's own
//! list). Each row is the shop's record that the customer accepted the club's terms; the file is checked
//! whole before anything is written, then every new member joins in one unit of work with their card,
//! referral code, points and tier — so a bad row, or a failure half-way, leaves nothing joined.
//!
//! Columns: `customer_id` (required), `joined_at` (the day they accepted; default now), `since` (their
//! orders from this day earn points; default the day they joined), `referral_code` (the member who
//! brought them), `terms_version` (default the club's). A customer who is a member already is left as
//! they are and counted.

use super::{evidence_of, new_member, rules, today};
use crate::import::ImportError;
use crate::{Action, Actor, App, AppError, change, require};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::Permission;
use ladder_domain::validate::Problem;
use ladder_store::CustomerId;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What an import of members did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MembersImported {
    /// Rows read.
    pub rows: u64,
    /// Customers who joined.
    pub joined: u64,
    /// Customers who were members already.
    pub already: u64,
    /// Points their earlier orders earned at once.
    pub points: i64,
}

/// One checked row.
struct Row {
    line: u64,
    customer: CustomerId,
    customer_id: String,
    joined_at: Option<DateTime<Utc>>,
    since: Option<NaiveDate>,
    referrer: Option<String>,
    terms_version: Option<String>,
}

fn invalid(file: &str, line: u64, column: &str, value: &str, problem: Problem) -> ImportError {
    ImportError::Invalid {
        file: file.to_owned(),
        line,
        column: column.to_owned(),
        value: value.to_owned(),
        problem: Box::new(problem),
    }
}

/// Imports the members of a CSV file (`name` names it in errors and in the evidence).
pub fn import_members(app: &App, actor: &Actor, path: &Path, name: &str) -> Result<MembersImported, ImportError> {
    require(actor, Permission::AddInteractions)?;
    let store = app.store();
    let rules = rules(store)?;
    if !rules.enabled {
        return Err(AppError::Conflict("the club takes no members: turn it on in the club's rules".to_owned()).into());
    }
    let unreadable =
        |line: Option<u64>, message: String| ImportError::Unreadable { file: name.to_owned(), line, message };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| unreadable(None, e.to_string()))?;
    let header: Vec<String> =
        reader.headers().map_err(|e| unreadable(Some(1), e.to_string()))?.iter().map(str::to_lowercase).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let Some(id_column) = column("customer_id") else {
        return Err(ImportError::MissingColumns {
            file: name.to_owned(),
            missing: vec!["customer_id".to_owned()],
            found: header.clone(),
        });
    };
    let (joined_column, since_column, code_column, terms_column) =
        (column("joined_at"), column("since"), column("referral_code"), column("terms_version"));
    let mut done = MembersImported::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<CustomerId> = HashSet::new();
    let mut referrers: HashMap<String, (CustomerId, String)> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let record = record.map_err(|e| unreadable(Some(line), e.to_string()))?;
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_owned();
        done.rows += 1;
        let customer_id = cell(Some(id_column));
        if customer_id.is_empty() {
            return Err(invalid(name, line, "customer_id", "", Problem::Required));
        }
        let customer = store
            .club_customer_id(&customer_id)?
            .ok_or_else(|| invalid(name, line, "customer_id", &customer_id, Problem::UnknownCustomer))?;
        if !seen.insert(customer) || store.club_member(customer)?.is_some() {
            done.already += 1;
            continue;
        }
        let joined = cell(joined_column);
        let joined_at = match joined.as_str() {
            "" => None,
            text => Some(
                ladder_domain::date::parse_timestamp(text)
                    .or_else(|_| {
                        ladder_domain::date::parse_date(text).map(|d| d.and_time(Default::default()).and_utc())
                    })
                    .map_err(|_| {
                        invalid(name, line, "joined_at", text, Problem::NotDate { expected: "YYYY-MM-DD".into() })
                    })?,
            ),
        };
        if joined_at.is_some_and(|at| at > app.now()) {
            return Err(invalid(name, line, "joined_at", &joined, Problem::InFuture));
        }
        let since_text = cell(since_column);
        let since =
            match since_text.as_str() {
                "" => None,
                text => Some(ladder_domain::date::parse_date(text).map_err(|_| {
                    invalid(name, line, "since", text, Problem::NotDate { expected: "YYYY-MM-DD".into() })
                })?),
            };
        let code = ladder_domain::club::normal_referral_code(&cell(code_column));
        let referrer = if code.is_empty() {
            None
        } else {
            if !referrers.contains_key(&code) {
                let by = store
                    .club_member_by_referral(&code)?
                    .ok_or_else(|| invalid(name, line, "referral_code", &code, Problem::UnknownReferrer))?;
                referrers.insert(code.clone(), (by.customer, by.customer_id));
            }
            let (by, by_id) = &referrers[&code];
            if *by == customer {
                return Err(invalid(name, line, "referral_code", &code, Problem::SelfReferral));
            }
            Some(by_id.clone())
        };
        let terms_version = Some(cell(terms_column)).filter(|t| !t.is_empty());
        rows.push(Row { line, customer, customer_id, joined_at, since, referrer, terms_version });
    }
    if rows.is_empty() {
        return Ok(done);
    }
    let day = today(app)?;
    let currency = crate::shop::currency(store)?.unwrap_or_default();
    for _ in 0..4 {
        let attempt = change(app, actor, |tx, now| {
            let mut points = 0i64;
            let mut actions = Vec::with_capacity(rows.len());
            for row in &rows {
                let joined_at = row.joined_at.unwrap_or(now);
                let terms = row.terms_version.as_deref().unwrap_or(&rules.terms_version);
                let proof = evidence_of(actor, "import", None, terms, Some((name, row.line)));
                let since = row.since.unwrap_or_else(|| joined_at.date_naive());
                let mut member = new_member(&rules, row.customer, joined_at, since, &proof, &actor.name())?;
                member.terms_version = terms.to_owned();
                tx.add_club_member(&member)?;
                let mut referred_by = None;
                if let Some(referrer) = &row.referrer
                    && tx.link_club_referral(row.customer, referrer)?
                {
                    referred_by = Some(referrer.clone());
                }
                let earned = super::evaluate_member(tx, &rules, &currency, row.customer, day, now)?.earned;
                points = points.saturating_add(earned);
                actions.push(Action::ClubJoined {
                    customer_id: row.customer_id.clone(),
                    earn_from: since,
                    points: earned,
                    referred_by,
                });
            }
            Ok((points, actions))
        });
        match attempt {
            // A card number or referral code drawn twice (one in 10¹² per member): the whole file again.
            Err(AppError::Conflict(_)) => continue,
            other => {
                done.points = other?;
                done.joined = rows.len() as u64;
                return Ok(done);
            }
        }
    }
    Err(AppError::Conflict("could not draw free card numbers; try again".to_owned()).into())
}
