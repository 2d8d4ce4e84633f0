//! A member's card beyond the till: printed as a PDF (a port the channels crate implements, so that the
//! web and the command line print alike without knowing how), shown on the member's phone through a
//! signed link that works without a sign-in and stops working when the card is replaced, and sent by
//! email with that link.

use super::{ClubRules, Member, MemberView, find, refuse_blocked, rules, today, view_of};
use crate::messages::{MessageRequest, send_transactional};
use crate::{Actor, App, AppError};
use ladder_domain::Channel;
use ladder_i18n::{Arg, Locale};
use ladder_store::OutboxMessage;

/// The starter template the card goes out in: a transactional email with the card's link.
pub const CARD_TEMPLATE: &str = "club_card";

/// What a card shows, in the member's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFace {
    /// The shop's name.
    pub shop: String,
    /// The member's name.
    pub name: String,
    /// The tier's name, as the member reads it.
    pub tier: String,
    /// The card number, digits only.
    pub number: String,
    /// Lines on the back (the referral code, where the terms are).
    pub back: Vec<String>,
    /// Whether the member's language reads right to left.
    pub right_to_left: bool,
}

/// Draws a card as a printable document.
pub trait CardPrinter: Send + Sync {
    /// The card as a PDF: front, then back.
    fn card_pdf(&self, face: &CardFace) -> Result<Vec<u8>, String>;
}

/// The language a member reads: their preferred one, else the shop's.
pub fn member_locale(app: &App, member: &Member) -> Result<Locale, AppError> {
    let store = app.store();
    let detail = store.customer(&member.customer_id)?;
    Ok(locale_of(detail.and_then(|d| d.profile.preferred_language).as_deref(), &store.shop_settings()?.language))
}

fn locale_of(preferred: Option<&str>, shop_language: &str) -> Locale {
    preferred.and_then(Locale::parse).or_else(|| Locale::parse(shop_language)).unwrap_or_default()
}

/// What the member's card shows, in their language.
pub fn face(app: &App, member: &Member) -> Result<CardFace, AppError> {
    let store = app.store();
    let shop = store.shop_settings()?;
    let detail = store
        .customer(&member.customer_id)?
        .ok_or_else(|| AppError::NotFound(format!("customer {}", member.customer_id)))?;
    let locale = locale_of(detail.profile.preferred_language.as_deref(), &shop.language);
    let rules = rules(store)?;
    let say = |id: &str, args: &[(&str, Arg)]| ladder_i18n::plain(&ladder_i18n::catalog().text_with(locale, id, args));
    let p = &detail.profile;
    let name = [p.first_name.as_deref(), p.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    Ok(CardFace {
        shop: shop.name.clone(),
        name: if name.is_empty() { p.company.clone().unwrap_or_default() } else { name },
        tier: say("club-card-tier", &[("tier", Arg::Text(tier_name(&rules, member, locale)))]),
        number: member.card_number.clone(),
        back: vec![
            say("club-card-referral", &[("code", Arg::Text(member.referral_code.clone()))]),
            say("club-card-terms", &[("shop", Arg::Text(shop.name.clone()))]),
        ],
        right_to_left: locale.dir() == "rtl",
    })
}

/// The name of the member's tier in `locale` (empty without one).
pub fn tier_name(rules: &ClubRules, member: &Member, locale: Locale) -> String {
    member.tier.as_deref().and_then(|t| rules.tier(t)).map(|t| t.name(locale.code()).to_owned()).unwrap_or_default()
}

/// The card of the member a key names (customer id, card number, email or phone) as a PDF, with the
/// file name to give it.
pub fn card_pdf(app: &App, key: &str) -> Result<(String, Vec<u8>), AppError> {
    let member = find(app.store(), key)?;
    printed(app, &member)
}

fn printed(app: &App, member: &Member) -> Result<(String, Vec<u8>), AppError> {
    let printer =
        app.card_printer().ok_or_else(|| AppError::Conflict("this Ladder was built without card printing".into()))?;
    let pdf = printer.card_pdf(&face(app, member)?).map_err(AppError::Conflict)?;
    Ok((format!("club-card-{}.pdf", member.card_number), pdf))
}

/// The member a card link stands for, as they are today, with the language they read: none for a link
/// Ladder did not sign; a replaced card's link is refused as that card is at the till.
pub fn by_link(app: &App, token: &str) -> Result<(Member, MemberView, Locale), AppError> {
    let signer = crate::links::LinkSigner::of(app)?;
    let number = signer.verify_card(token).ok_or_else(|| AppError::NotFound("this card link".into()))?;
    let till = app.store().club_till(&number)?.ok_or_else(|| AppError::NotFound("this card link".into()))?;
    refuse_blocked(&till.card, &till.member)?;
    let view = view_of(&*app.club_rules()?, &till.member, &till.lots, &till.perks, today(app)?);
    let locale = member_locale(app, &till.member)?;
    Ok((till.member, view, locale))
}

/// The card behind a link as a PDF.
pub fn pdf_by_link(app: &App, token: &str) -> Result<(String, Vec<u8>), AppError> {
    let (member, ..) = by_link(app, token)?;
    printed(app, &member)
}

/// The link to a card under `public_url`.
pub fn link(app: &App, public_url: &str, card_number: &str) -> Result<String, AppError> {
    let token = crate::links::LinkSigner::of(app)?.card_token(card_number);
    Ok(format!("{}/card/{token}", public_url.trim_end_matches('/')))
}

/// Sends the member their card by email (the `club_card` template, with the card's link): once per card
/// number, so asking again sends nothing new until the card is replaced.
pub fn send_card(app: &App, actor: &Actor, key: &str) -> Result<(OutboxMessage, bool), AppError> {
    let member = find(app.store(), key)?;
    {
        let mut tx = app.store().begin()?;
        if crate::playbooks::engine::ensure_starter_templates(app.store(), tx.as_mut(), app.now())? > 0 {
            tx.commit()?;
        }
    }
    let request = MessageRequest {
        customer_id: member.customer_id.clone(),
        template: CARD_TEMPLATE.to_owned(),
        channel: Channel::Email,
        key: format!("club-card-{}", member.card_number),
    };
    send_transactional(app, actor, &request)
}
