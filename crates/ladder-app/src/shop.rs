//! The shop's settings (its profile and scoring thresholds, one typed value) and what its marks say.

use crate::{Action, Actor, App, AppError, change, require};
use chrono::NaiveDate;
use ladder_domain::Permission;
use ladder_domain::audit::{FieldChange, changes_between};
use ladder_domain::shop::ShopSettings;
use ladder_store::{Store, StoreResult};

/// When the scores were computed, and whether data changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringStatus {
    /// The `as_of` date of the last scoring, if any.
    pub as_of: Option<NaiveDate>,
    /// Whether data changed after it.
    pub stale: bool,
}

/// Reads the scoring status.
pub fn scoring_status(store: &dyn Store) -> StoreResult<ScoringStatus> {
    let state = store.shop_state()?;
    Ok(ScoringStatus { as_of: state.scored_as_of, stale: state.stale() })
}

/// The shop's currency code, if known.
pub fn currency(store: &dyn Store) -> StoreResult<Option<String>> {
    Ok(store.shop_settings()?.currency)
}

/// The shop's currency, which its money is kept in; none before the first order (or a code Ladder does
/// not know).
pub fn money(store: &dyn Store) -> StoreResult<Option<ladder_domain::Currency>> {
    Ok(currency(store)?.as_deref().and_then(|c| ladder_domain::Currency::parse(c).ok()))
}

/// The decimals of the shop's currency (2 until it has one): how amounts typed in a filter are read.
pub fn exponent(currency: Option<&ladder_domain::Currency>) -> u8 {
    currency.map_or(2, |c| c.exponent())
}

/// Every setting as text, by the name the settings form gives it, for telling what changed.
fn fields(s: &ShopSettings) -> Vec<(&'static str, Option<String>)> {
    let r = &s.thresholds.rules;
    let text = |v: &str| Some(v.to_owned()).filter(|v| !v.is_empty());
    vec![
        ("name", text(&s.name)),
        ("country", s.country.clone()),
        ("city", s.city.clone()),
        ("time_zone", text(&s.time_zone)),
        ("language", text(&s.language)),
        ("currency", s.currency.clone()),
        ("opening_days", Some(s.opening_days.to_text())),
        ("sender_name", text(&s.sender.name)),
        ("sender_address", text(&s.sender.address)),
        ("sender_email", s.sender.email.clone()),
        ("sender_phone", s.sender.phone.clone()),
        ("active_p_alive", Some(r.active_p_alive.to_string())),
        ("at_risk_p_alive", Some(r.at_risk_p_alive.to_string())),
        ("lapsed_p_alive", Some(r.lapsed_p_alive.to_string())),
        ("at_risk_gaps", Some(r.at_risk_gaps.to_string())),
        ("lapsed_gaps", Some(r.lapsed_gaps.to_string())),
        ("lost_gaps", Some(r.lost_gaps.to_string())),
        ("lost_min_days", Some(r.lost_min_days.to_string())),
        ("min_repeat_customers", Some(s.thresholds.min_repeat_customers.to_string())),
        ("email_window_hours", Some(s.sending.email_window_hours.to_string())),
        ("sms_window_hours", Some(s.sending.sms_window_hours.to_string())),
        ("marketing_per_period", Some(s.sending.marketing_per_period.to_string())),
        ("marketing_period_days", Some(s.sending.marketing_period_days.to_string())),
        ("quiet_from", Some(s.sending.quiet_from.format("%H:%M").to_string())),
        ("quiet_to", Some(s.sending.quiet_to.format("%H:%M").to_string())),
        ("quiet_email", Some(s.sending.quiet_email.to_string())),
        ("closed_days", Some(s.sending.closed_days_text())),
        ("days_after_purchase", Some(s.sending.days_after_purchase.to_string())),
        ("israel_existing_customers", Some(s.sending.israel_existing_customers.to_string())),
        ("israel_exception_terms", Some(s.sending.israel_exception_terms.clone()).filter(|t| !t.is_empty())),
        ("track_clicks", Some(s.sending.track_clicks.to_string())),
        ("sms_part_price_minor", s.sending.sms_part_price_minor.map(|p| p.to_string())),
    ]
}

/// What differs between two versions of the settings, field by field.
pub fn differences(before: &ShopSettings, after: &ShopSettings) -> Vec<FieldChange> {
    changes_between(&fields(before), &fields(after))
}

/// Stores new settings, checked whole; the audit entry names every field that changed, before and after.
/// Nothing changed: nothing is written.
pub fn save_settings(app: &App, actor: &Actor, settings: ShopSettings) -> Result<Vec<FieldChange>, AppError> {
    require(actor, Permission::ManageSettings)?;
    if let Some(problem) = settings.problem() {
        return Err(AppError::Invalid(problem));
    }
    let changed = change(app, actor, |tx, _| {
        let before = tx.shop_settings()?;
        let changed = differences(&before, &settings);
        if changed.is_empty() {
            return Ok((changed, Vec::new()));
        }
        tx.save_shop_settings(&settings)?;
        Ok((changed.clone(), vec![Action::SettingsChanged { changes: changed }]))
    })?;
    // The till's day follows the time zone.
    app.forget_club_rules();
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_app as app;

    #[test]
    fn settings_are_saved_checked_and_audited_field_by_field() {
        let (_dir, app) = app();
        let mut s = app.store().shop_settings().expect("read");
        s.time_zone = "Asia/Tehran".into();
        s.thresholds.rules.active_p_alive = 0.1 + 0.6;
        let changed = save_settings(&app, &Actor::Cli, s.clone()).expect("save");
        assert_eq!(changed.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["time_zone", "active_p_alive"]);
        assert_eq!(changed[0].before.as_deref(), Some("UTC"));
        assert_eq!(app.store().shop_settings().expect("read"), s, "every number reads back exactly");
        let entry = &app.store().audit_log(1, None).expect("audit")[0];
        assert_eq!((entry.action.as_str(), entry.actor.as_str()), ("settings.changed", "cli"));
        assert!(save_settings(&app, &Actor::Cli, s.clone()).expect("same").is_empty());
        assert_eq!(app.store().audit_log(5, None).expect("audit").len(), 1, "no change, no entry");

        let mut wrong = s.clone();
        wrong.thresholds.rules.at_risk_p_alive = 0.8;
        let err = save_settings(&app, &Actor::Cli, wrong).expect_err("out of order");
        assert!(matches!(err, AppError::Invalid(ref p) if p.field == "at_risk_p_alive"), "{err}");
        let viewer = Actor::User { id: 1, role: ladder_domain::Role::Marketing };
        assert!(matches!(save_settings(&app, &viewer, s), Err(AppError::Forbidden(Permission::ManageSettings))));
    }
}
