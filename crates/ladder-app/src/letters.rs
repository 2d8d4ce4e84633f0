//! Printed letters: messages on the post channel wait until someone prints the day's letters. Each is
//! rendered for its customer (their language and direction, their address block, the date as they
//! read it); an offer or newsletter carries what Israel's Privacy Protection Law asks of direct mail —
//! who sends it, where the address came from, how to be taken off the list. Marking them posted
//! records the contact in one unit of work. The PDF itself is `ladder_channels::letter`'s.

use crate::{Actor, App, AppError, change, require};
use chrono::NaiveDate;
use ladder_domain::messaging::OutboxStatus;
use ladder_domain::template::is_right_to_left;
use ladder_domain::{Channel, Permission};
use ladder_i18n::Locale;
use ladder_store::{Delivery, OutboxQuery};
use serde::Serialize;

/// A letter ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedLetter {
    /// The outbox message it is.
    pub message_id: i64,
    /// To whom.
    pub customer_id: String,
    /// The address block: their name, then their address, a line each.
    pub address: Vec<String>,
    /// The date, as they read it.
    pub date: String,
    /// The message.
    pub body: String,
    /// Whether it reads right to left.
    pub right_to_left: bool,
    /// The foot: the direct-mail notice of an offer or newsletter.
    pub footer: Vec<String>,
}

/// The day's letters, and the ones that cannot go, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LetterBatch {
    /// The letters to print, oldest first.
    pub letters: Vec<PreparedLetter>,
    /// (customer, why): no postal address, a field missing.
    pub skipped: Vec<(String, String)>,
}

/// The letters waiting on `day` (the shop's today when not given): queued ones, and held ones whose
/// day has come.
pub fn todays_letters(app: &App, actor: &Actor, day: Option<NaiveDate>) -> Result<LetterBatch, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let shop = store.shop_settings()?;
    let tz = shop.tz();
    let day = day.unwrap_or_else(|| app.now().with_timezone(&tz).date_naive());
    // The end of the day in the shop's time zone.
    let end_of_day = day
        .succ_opt()
        .and_then(|next| next.and_hms_opt(0, 0, 0))
        .and_then(|midnight| midnight.and_local_timezone(tz).earliest())
        .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc));
    let mut due = Vec::new();
    for status in [OutboxStatus::Queued, OutboxStatus::Held] {
        let query =
            OutboxQuery { status: Some(status), channel: Some(Channel::Mail), limit: 10_000, ..OutboxQuery::default() };
        due.extend(store.outbox(&query)?.into_iter().filter(|m| m.not_before.is_none_or(|t| t <= end_of_day)));
    }
    due.sort_by_key(|m| m.id);
    let mut batch = LetterBatch::default();
    let versions = crate::templates::Versions::default();
    for message in due {
        let Some(detail) = store.customer(&message.customer_id)? else { continue };
        let p = &detail.profile;
        let Some(street) = p.address.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
            batch.skipped.push((message.customer_id.clone(), "no address".into()));
            continue;
        };
        let Some(template) = versions.of(store, &message)? else {
            batch.skipped.push((message.customer_id.clone(), "no template".into()));
            continue;
        };
        let about = crate::templates::about(app, &detail, &shop)?;
        let data = crate::templates::merge_data(&detail, &shop, &template.language, None, &about);
        let body = match crate::templates::render(&template, &data) {
            Ok(r) => r.body,
            Err(skipped) => {
                batch.skipped.push((message.customer_id.clone(), skipped.reason));
                continue;
            }
        };
        let name = ladder_domain::customer::display_name(
            &p.external_id,
            p.first_name.as_deref(),
            p.last_name.as_deref(),
            p.company.as_deref(),
        );
        let mut address = vec![name];
        address.extend(street.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
        let town = [p.city.as_deref(), p.region.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
        if !town.is_empty() {
            address.push(town);
        }
        if let Some(country) = p.country.as_deref().filter(|c| Some(*c) != shop.country.as_deref()) {
            address.push(country.to_owned());
        }
        let locale = Locale::parse(&template.language).unwrap_or_default();
        let marketing = message.purpose.consent().is_some();
        batch.letters.push(PreparedLetter {
            message_id: message.id,
            customer_id: message.customer_id.clone(),
            address,
            date: ladder_i18n::format::format_date(locale, day),
            body,
            right_to_left: is_right_to_left(&template.language),
            footer: if marketing { direct_mail_notice(locale, &shop) } else { Vec::new() },
        });
    }
    Ok(batch)
}

/// Who sends it, where the address came from, and how to be taken off the list.
fn direct_mail_notice(locale: Locale, shop: &ladder_domain::shop::ShopSettings) -> Vec<String> {
    let catalog = ladder_i18n::catalog();
    let name = if shop.sender.name.trim().is_empty() { shop.name.trim() } else { shop.sender.name.trim() };
    let contact = [Some(shop.sender.address.trim()), shop.sender.phone.as_deref(), shop.sender.email.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let say = |id: &str, args: &[(&str, ladder_i18n::Arg)]| ladder_i18n::plain(&catalog.text_with(locale, id, args));
    vec![
        say("letter-notice-sender", &[("name", name.into()), ("contact", contact.clone().into())]),
        say("letter-notice-source", &[]),
        say("letter-notice-removal", &[("contact", contact.into())]),
    ]
}

/// Marks printed letters posted, in one unit of work: each is then the contact it is (the caps count
/// it). Returns how many were waiting.
pub fn mark_posted(app: &App, actor: &Actor, message_ids: &[i64]) -> Result<usize, AppError> {
    require(actor, Permission::EditCustomers)?;
    change(app, actor, |tx, now| {
        let mut posted = 0;
        for id in message_ids {
            if tx.record_delivered_by_hand(*id, &Delivery::Sent(now))? {
                posted += 1;
            }
        }
        Ok((posted, Vec::new()))
    })
}
