//! Message templates written by the shop: saved as versions (checked first: they must read, and name
//! only merge fields), rendered for one customer in their language with a fuel limit, so that a
//! template can neither reach beyond the merge data nor run for ever.

use crate::{Actor, App, AppError, change, require};
use chrono::NaiveDate;
use ladder_domain::audit::Action;
use ladder_domain::messaging::MessagePurpose;
use ladder_domain::shop::{LANGUAGES, ShopSettings};
use ladder_domain::template::{Template, is_right_to_left, missing_reason, unknown_fields};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_domain::{Channel, Permission};
use ladder_i18n::Locale;
use ladder_store::CustomerDetail;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// How much work one rendering may do: far more than any message needs, far less than a loop that
/// would stall a broadcast.
const FUEL: u64 = 50_000;

/// The longest body a template may have.
const MAX_BODY: usize = 100_000;

/// A template as the shop writes it, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDraft {
    /// Its name (`welcome`); variants in other languages and channels share it.
    pub name: String,
    /// The channel.
    pub channel: Channel,
    /// The language (`en`, `he`, `fa`, `ru`).
    pub language: String,
    /// What messages from it are for.
    pub purpose: MessagePurpose,
    /// The subject (email needs one).
    pub subject: Option<String>,
    /// The body.
    pub body: String,
}

/// A template rendered for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    /// The template's name.
    pub name: String,
    /// The version used.
    pub version: u32,
    /// The variant's language.
    pub language: String,
    /// `rtl` or `ltr`.
    pub direction: &'static str,
    /// The subject, when the template has one.
    pub subject: Option<String>,
    /// The body.
    pub body: String,
    /// For a text message, its length as the network counts it (each part is billed).
    pub sms: Option<ladder_domain::sms::SmsLength>,
}

/// Why a template gives no message for a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// In words: "no last purchase".
    pub reason: String,
}

fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_fuel(Some(FUEL));
    // A field a customer lacks is an error unless the template gives a fallback (`default`), so that
    // nobody gets "Dear ,".
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env
}

/// The fields a template's text reads from its data (nested: `last_purchase.date`), the engine's own
/// functions (`range`) left out; sorted.
fn fields_used(env: &minijinja::Environment<'_>, template: &minijinja::Template<'_, '_>) -> Vec<String> {
    let globals: Vec<&str> = env.globals().map(|(name, _)| name).collect();
    let mut used: Vec<String> = template
        .undeclared_variables(true)
        .into_iter()
        .filter(|f| !globals.contains(&f.split('.').next().unwrap_or(f)))
        .collect();
    used.sort();
    used
}

/// Checks a text of a template: it reads, and names merge fields only.
fn check(field: &str, text: &str) -> Result<(), AppError> {
    let env = environment();
    let template = env.template_from_str(text).map_err(|e| {
        FieldError::new(
            field,
            Problem::TemplateSyntax { line: e.line().unwrap_or(1), detail: e.detail().unwrap_or("").to_owned() },
        )
    })?;
    let used = fields_used(&env, &template);
    if let Some(field_name) = unknown_fields(used.iter().map(String::as_str)).into_iter().next() {
        return Err(FieldError::new(field, Problem::UnknownMergeField { field: field_name }).into());
    }
    Ok(())
}

/// Saves `draft` as the next version of its name, channel and language.
pub fn add(app: &App, actor: &Actor, draft: &TemplateDraft) -> Result<Template, AppError> {
    require(actor, Permission::ManageCampaigns)?;
    let name = draft.name.trim();
    if name.is_empty() {
        return Err(FieldError::new("name", Problem::Required).into());
    }
    validate::optional_text(name, validate::SHORT_TEXT).map_err(|p| FieldError::new("name", p))?;
    if !LANGUAGES.contains(&draft.language.as_str()) {
        return Err(FieldError::new("language", Problem::NotOneOf { choices: LANGUAGES.join(", ") }).into());
    }
    let subject = draft.subject.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if draft.channel == Channel::Email && subject.is_none() {
        return Err(FieldError::new("subject", Problem::Required).into());
    }
    if let Some(subject) = subject {
        validate::optional_text(subject, validate::SHORT_TEXT).map_err(|p| FieldError::new("subject", p))?;
        check("subject", subject)?;
    }
    if draft.body.trim().is_empty() {
        return Err(FieldError::new("body", Problem::Required).into());
    }
    validate::optional_text(&draft.body, MAX_BODY).map_err(|p| FieldError::new("body", p))?;
    check("body", &draft.body)?;
    change(app, actor, |tx, now| {
        let mut template = Template {
            name: name.to_owned(),
            channel: draft.channel,
            language: draft.language.clone(),
            version: 0,
            purpose: draft.purpose,
            subject: subject.map(str::to_owned),
            body: draft.body.clone(),
            created_at: now,
        };
        template.version = tx.add_template(&template)?;
        let action = Action::TemplateSaved {
            name: template.name.clone(),
            channel: template.channel,
            language: template.language.clone(),
            version: template.version,
        };
        Ok((template, vec![action]))
    })
}

/// What a template may say about a customer: their names, the shop's, their last purchase (dates in
/// their language and calendar), their custom fields. A field they lack is left out, so that the
/// template's fallback — or the skip — applies. In a right-to-left template every merged value is
/// isolated (U+2068 … U+2069), so that a Latin name or a number inside Hebrew or Persian text keeps its
/// place.
pub fn merge_data(
    detail: &CustomerDetail,
    shop: &ShopSettings,
    language: &str,
    links: Option<&Links>,
    about: &About,
) -> Value {
    let recommended = about.suggested.as_ref();
    let rtl = is_right_to_left(language);
    let locale = Locale::parse(language).unwrap_or_default();
    let value = |text: &str| -> Value {
        if rtl { Value::String(format!("\u{2068}{text}\u{2069}")) } else { Value::String(text.to_owned()) }
    };
    let mut data = Map::new();
    let p = &detail.profile;
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    if let Some(first) = given(&p.first_name) {
        data.insert("first_name".into(), value(first));
    }
    if let Some(last) = given(&p.last_name) {
        data.insert("last_name".into(), value(last));
    }
    let name = [given(&p.first_name), given(&p.last_name)].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let name = Some(name).filter(|n| !n.is_empty()).or_else(|| given(&p.company).map(str::to_owned));
    if let Some(name) = name {
        data.insert("name".into(), value(&name));
    }
    if !shop.name.trim().is_empty() {
        data.insert("shop".into(), json!({ "name": value(shop.name.trim()) }));
    }
    // The newest order that is not a one-off: an occasion is not a preference to write about.
    if let Some(order) = detail.orders.iter().find(|o| !o.one_off)
        && let Some(line) = order.lines.first()
    {
        let mut purchase = Map::new();
        let day: NaiveDate = order.ordered_at.date_naive();
        purchase.insert("date".into(), value(&ladder_i18n::format::format_date(locale, day)));
        if let Some(product) = line.product_name.as_deref().filter(|n| !n.is_empty()) {
            purchase.insert("product_name".into(), value(product));
        }
        if let Some(category) = line.category.as_deref().filter(|c| !c.is_empty()) {
            purchase.insert("category".into(), value(category));
        }
        data.insert("last_purchase".into(), Value::Object(purchase));
    }
    if !p.attributes.is_empty() {
        let attributes: Map<String, Value> = p.attributes.iter().map(|(k, v)| (k.clone(), value(v))).collect();
        data.insert("attributes".into(), Value::Object(attributes));
    }
    if let Some(product) = recommended {
        let mut suggested = Map::new();
        suggested.insert("name".into(), value(&product.name));
        if let Some(currency) = shop.currency.as_deref() {
            let digits = ladder_domain::Currency::parse(currency).map_or(2, |c| u32::from(c.exponent()));
            let price = ladder_i18n::format::format_money(locale, product.price_minor, currency, digits);
            suggested.insert("price".into(), value(&price));
        }
        data.insert("recommended_product".into(), Value::Object(suggested));
    }
    if let Some(club) = &about.club {
        let mut member = Map::new();
        member.insert("card_number".into(), value(&ladder_domain::club::grouped(&club.card_number)));
        member.insert("referral_code".into(), value(&club.referral_code));
        member.insert("points".into(), value(&ladder_i18n::format::format_integer(locale, club.points)));
        if let Some(tier) = &club.tier_names {
            let name = tier.get(language).or_else(|| tier.get("en")).cloned().unwrap_or_default();
            member.insert("tier".into(), value(&name));
        }
        if let Some((on, points)) = club.expiring {
            member.insert("expiring_points".into(), value(&ladder_i18n::format::format_integer(locale, points)));
            member.insert("expiring_on".into(), value(&ladder_i18n::format::format_date(locale, on)));
        }
        if !club.perks.is_empty() {
            let catalog = ladder_i18n::catalog();
            let named: Vec<String> = club
                .perks
                .iter()
                .map(|p| {
                    ladder_i18n::plain(&catalog.text(locale, &format!("club-perk-{}", p.as_str().replace('_', "-"))))
                })
                .collect();
            member.insert("perks".into(), value(&named.join(if locale == Locale::Fa { "، " } else { ", " })));
        }
        if let Some(card) = links.and_then(|l| l.card.as_deref()) {
            member.insert("card_url".into(), Value::String(card.to_owned()));
        }
        data.insert("club".into(), Value::Object(member));
    }
    // A group the customer has nothing of is there, empty: its fields are then missing one by one, so
    // that `{{ last_purchase.date | default("…") }}` falls back instead of failing on the group.
    for group in ["shop", "last_purchase", "recommended_product", "attributes", "club"] {
        data.entry(group).or_insert_with(|| Value::Object(Map::new()));
    }
    if let Some(links) = links {
        data.insert("unsubscribe_url".into(), Value::String(links.unsubscribe.clone()));
        data.insert("preferences_url".into(), Value::String(links.preferences.clone()));
    }
    Value::Object(data)
}

/// What a message may say beside the customer's own record: the product to suggest, and their club
/// membership (card, referral code, tier, points available).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct About {
    /// The product to suggest.
    pub suggested: Option<ladder_domain::recommend::BestSeller>,
    /// Their membership, when they are a member.
    pub club: Option<ClubFacts>,
}

/// A member as messages name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClubFacts {
    /// The card in use.
    pub card_number: String,
    /// The code friends bring.
    pub referral_code: String,
    /// The tier's names by language.
    pub tier_names: Option<std::collections::BTreeMap<String, String>>,
    /// Points available today.
    pub points: i64,
    /// What they get: their tier's perks and those given to them.
    pub perks: Vec<ladder_domain::club::Perk>,
    /// The next points to expire: the first day they no longer count, and how many.
    pub expiring: Option<(NaiveDate, i64)>,
}

/// What a message to the customer of `detail` may say beside their record.
pub fn about(app: &App, detail: &CustomerDetail, shop: &ShopSettings) -> Result<About, AppError> {
    let suggested = crate::recommend::for_customer(app, detail)?;
    let store = app.store();
    let club = match store.club_member(detail.id)?.filter(|m| m.blocked_at.is_none()) {
        Some(m) => {
            let rules = app.club_rules()?;
            let day = app.now().with_timezone(&shop.tz()).date_naive();
            let balance = ladder_store::club::Balance::of_lots(&store.club_open_lots(m.customer)?, day);
            let tier = m.tier.as_deref().and_then(|t| rules.tier(t));
            let perks = crate::club::perks_on(&rules, &m, &store.club_perk_grants(m.customer)?, day);
            Some(ClubFacts {
                tier_names: tier.map(|t| t.names.clone()),
                perks,
                card_number: m.card_number,
                referral_code: m.referral_code,
                points: balance.available,
                expiring: balance.expiring.first().copied(),
            })
        }
        None => None,
    };
    Ok(About { suggested, club })
}

/// The links a message carries for its customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// One-click unsubscribe.
    pub unsubscribe: String,
    /// The preference page.
    pub preferences: String,
    /// The member's card on their phone (members only).
    pub card: Option<String>,
}

/// Renders `template` with `data`; a field the customer lacks and the template gives no fallback for
/// skips the message, with the reason.
pub fn render(template: &Template, data: &Value) -> Result<Rendered, Skipped> {
    let env = environment();
    let one = |text: &str| -> Result<String, Skipped> {
        env.render_str(text, data).map_err(|e| {
            let missing = (e.kind() == minijinja::ErrorKind::UndefinedError)
                .then(|| env.template_from_str(text).ok().map(|t| fields_used(&env, &t)))
                .flatten()
                .and_then(|used| used.into_iter().find(|f| lookup(data, f).is_none()));
            let reason = match (missing, e.kind()) {
                (Some(field), _) => missing_reason(&field),
                (None, minijinja::ErrorKind::OutOfFuel) => "the template does too much work (out of fuel)".to_owned(),
                (None, _) => format!("the template failed: {e}"),
            };
            Skipped { reason }
        })
    };
    let body = one(&template.body)?;
    Ok(Rendered {
        sms: (template.channel == Channel::Sms).then(|| ladder_domain::sms::length(&body)),
        name: template.name.clone(),
        version: template.version,
        language: template.language.clone(),
        direction: if is_right_to_left(&template.language) { "rtl" } else { "ltr" },
        subject: template.subject.as_deref().map(one).transpose()?,
        body,
    })
}

fn lookup<'a>(data: &'a Value, field: &str) -> Option<&'a Value> {
    field.split('.').try_fold(data, |v, key| v.get(key))
}

/// The variant of `name` on `channel` for a customer: their language's, else the shop's, else any.
pub fn variant(
    templates: &[Template],
    name: &str,
    channel: Channel,
    customer: Option<&str>,
    shop: &str,
) -> Option<Template> {
    let of =
        |language: &str| templates.iter().find(|t| t.name == name && t.channel == channel && t.language == language);
    customer
        .and_then(|l| of(l.split(['-', '_']).next().unwrap_or(l)))
        .or_else(|| of(shop))
        .or_else(|| templates.iter().find(|t| t.name == name && t.channel == channel))
        .cloned()
}

/// A template rendered for a real customer, as they would receive it (links shown as placeholders).
pub fn preview(
    app: &App,
    actor: &Actor,
    name: &str,
    channel: Channel,
    customer_id: &str,
) -> Result<Result<Rendered, Skipped>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let store = app.store();
    let templates = store.templates()?;
    let detail = store.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    let shop = store.shop_settings()?;
    let language = detail.profile.preferred_language.clone();
    let template = variant(&templates, name, channel, language.as_deref(), &shop.language)
        .ok_or_else(|| AppError::NotFound(format!("template {name} for {}", channel.as_str())))?;
    render_for(app, &template, &detail, &shop)
}

/// A template being written, rendered for a real customer before it is saved (the live preview): a
/// text that does not read, or names a field that does not exist, is the same error as on saving.
pub fn preview_draft(
    app: &App,
    actor: &Actor,
    draft: &TemplateDraft,
    customer_id: &str,
) -> Result<Result<Rendered, Skipped>, AppError> {
    require(actor, Permission::ViewCustomers)?;
    let subject = draft.subject.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(subject) = subject {
        check("subject", subject)?;
    }
    check("body", &draft.body)?;
    let store = app.store();
    let detail = store.customer(customer_id)?.ok_or_else(|| AppError::NotFound(format!("customer {customer_id}")))?;
    let shop = store.shop_settings()?;
    let template = Template {
        name: draft.name.clone(),
        channel: draft.channel,
        language: draft.language.clone(),
        version: 0,
        purpose: draft.purpose,
        subject: subject.map(str::to_owned),
        body: draft.body.clone(),
        created_at: app.now(),
    };
    render_for(app, &template, &detail, &shop)
}

/// A template rendered for a customer as the worker would send it — with what their country's law adds
/// (the ad label, the sender, how to refuse) — the links shown as placeholders.
pub(crate) fn render_for(
    app: &App,
    template: &Template,
    detail: &CustomerDetail,
    shop: &ShopSettings,
) -> Result<Result<Rendered, Skipped>, AppError> {
    let links = Links {
        unsubscribe: "[unsubscribe link]".into(),
        preferences: "[preferences link]".into(),
        card: Some("[card link]".into()),
    };
    let about = about(app, detail, shop)?;
    let kept =
        crate::delivery::kept_for(detail, shop, template, template.channel, template.purpose, Some(&links), &about);
    Ok(render(template, &kept.data).map(|rendered| {
        let (subject, body) = kept.wrap(rendered.subject, &rendered.body);
        Rendered { sms: rendered.sms.map(|_| ladder_domain::sms::length(&body)), subject, body, ..rendered }
    }))
}

/// The template versions read so far, by name: a message names its template's version, and a saved
/// version never changes, so one read per name serves every message of a batch — and a version saved
/// since the read is found by reading the name again.
#[derive(Default)]
pub struct Versions(std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Vec<Template>>>>);

impl Versions {
    /// The template version `message` names, if it exists.
    pub fn of(
        &self,
        store: &dyn ladder_store::Store,
        message: &ladder_store::OutboxMessage,
    ) -> ladder_store::StoreResult<Option<Template>> {
        let find = |versions: &[Template]| {
            versions
                .iter()
                .find(|t| {
                    t.channel == message.channel
                        && t.language == message.language
                        && t.version == message.template_version
                })
                .cloned()
        };
        let kept = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&message.template).cloned();
        if let Some(found) = kept.as_deref().and_then(|v| find(v)) {
            return Ok(Some(found));
        }
        let fresh = std::sync::Arc::new(store.template_versions(&message.template)?);
        let found = find(&fresh);
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(message.template.clone(), fresh);
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_app as app;

    /// A long-running worker reads a template's versions once, yet finds a version saved after that.
    #[test]
    fn a_version_saved_after_the_first_read_is_found() {
        let (_dir, app) = app();
        let draft = TemplateDraft {
            name: "winter".into(),
            channel: Channel::Email,
            language: "en".into(),
            purpose: ladder_domain::messaging::MessagePurpose::Offer,
            subject: Some("Winter".into()),
            body: "Hello".into(),
        };
        let first = add(&app, &Actor::Cli, &draft).expect("v1");
        let message = |version: u32| ladder_store::OutboxMessage {
            id: 1,
            cause: "broadcast:1".into(),
            customer: ladder_store::CustomerId(1),
            customer_id: "C1".into(),
            channel: Channel::Email,
            template: "winter".into(),
            template_version: version,
            language: "en".into(),
            purpose: ladder_domain::messaging::MessagePurpose::Offer,
            status: ladder_domain::messaging::OutboxStatus::Sending,
            reason: None,
            not_before: None,
            attempts: 1,
            message_id: "<m>".into(),
            created_at: app.now(),
            sent_at: None,
        };
        let versions = Versions::default();
        assert_eq!(
            versions.of(app.store(), &message(first.version)).expect("read").map(|t| t.body),
            Some("Hello".into())
        );
        let second = add(&app, &Actor::Cli, &TemplateDraft { body: "Hello again".into(), ..draft }).expect("v2");
        let found = versions.of(app.store(), &message(second.version)).expect("read");
        assert_eq!(found.map(|t| t.body), Some("Hello again".into()));
        assert_eq!(versions.of(app.store(), &message(9)).expect("read"), None);
    }
}
