//! Message templates as the shop writes them: one per name, channel and language, each save a new
//! version (a sent message names the version it used), with the merge fields a template may use.

use crate::customer::Channel;
use crate::messaging::MessagePurpose;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One version of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// The shop's name for it (`welcome`, `birthday`); its variants share it.
    pub name: String,
    /// The channel it is written for.
    pub channel: Channel,
    /// The language it is written in (`en`, `he`, `fa`, `ru`).
    pub language: String,
    /// 1 for the first save of this name, channel and language; one more for each save after.
    pub version: u32,
    /// What the message is for: decides consent, caps and labels.
    pub purpose: MessagePurpose,
    /// The subject (email), when the channel has one.
    pub subject: Option<String>,
    /// The body, in the template language (minijinja: `{{ first_name | default("friend") }}`).
    pub body: String,
    /// When this version was saved.
    pub created_at: DateTime<Utc>,
}

/// The merge fields every template may use, beside `attributes.NAME` (the customer's custom fields).
pub const MERGE_FIELDS: [&str; 19] = [
    "first_name",
    "last_name",
    "name",
    "shop.name",
    "last_purchase.date",
    "last_purchase.product_name",
    "last_purchase.category",
    "recommended_product.name",
    "recommended_product.price",
    "club.card_number",
    "club.referral_code",
    "club.tier",
    "club.points",
    "club.perks",
    "club.expiring_points",
    "club.expiring_on",
    "club.card_url",
    "unsubscribe_url",
    "preferences_url",
];

/// The fields of `used` (as the template engine lists them, nested: `last_purchase.date`) that are
/// not merge fields: a template naming one is refused when saved.
pub fn unknown_fields<'a>(used: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let known = |field: &str| {
        MERGE_FIELDS.contains(&field)
            || field.strip_prefix("attributes.").is_some_and(|name| !name.is_empty())
            || ["shop", "last_purchase", "recommended_product", "attributes", "club"].contains(&field)
    };
    let mut unknown: Vec<String> = used.into_iter().filter(|f| !known(f)).map(str::to_owned).collect();
    unknown.sort();
    unknown.dedup();
    unknown
}

/// Whether text in `language` runs right to left.
pub fn is_right_to_left(language: &str) -> bool {
    matches!(language.split(['-', '_']).next().unwrap_or_default(), "he" | "fa" | "ar" | "ur" | "yi")
}

/// The words a person reads for a merge field a customer lacks ("no last purchase"), in English for
/// logs and the outbox's reason.
pub fn missing_reason(field: &str) -> String {
    let top = field.split('.').next().unwrap_or(field);
    format!("no {}", top.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_merge_fields_and_custom_attributes_may_be_used() {
        assert!(unknown_fields(["first_name", "last_purchase.date", "attributes.shoe_size", "shop.name"]).is_empty());
        assert_eq!(unknown_fields(["first_nam", "password", "first_nam"]), ["first_nam", "password"]);
        assert_eq!(unknown_fields(["attributes."]), ["attributes."]);
    }

    #[test]
    fn hebrew_and_persian_run_right_to_left() {
        assert!(is_right_to_left("he") && is_right_to_left("fa-IR"));
        assert!(!is_right_to_left("ru") && !is_right_to_left("en"));
        assert_eq!(missing_reason("last_purchase.product_name"), "no last purchase");
    }
}
