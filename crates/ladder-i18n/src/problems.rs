//! What is wrong with a value, in the reader's language: the domain's validation problems
//! (`ladder_domain::validate::Problem`) rendered from the `problem-*` messages.

use crate::{Arg, Catalog, Locale};
use ladder_domain::validate::{FieldError, Problem};

impl Catalog {
    /// A problem as a sentence. `label` names another field the problem refers to (`at_risk_p_alive`
    /// must not be above `active_p_alive`) as the page labels it.
    pub fn problem(&self, locale: Locale, problem: &Problem, label: &dyn Fn(&str) -> String) -> String {
        let text = |s: &str| Arg::Text(s.to_owned());
        let count = |n: usize| Arg::Number(i64::try_from(n).unwrap_or(i64::MAX));
        let (id, args): (&str, Vec<(&str, Arg)>) = match problem {
            Problem::Required => ("problem-required", vec![]),
            Problem::TooLong { max } => ("problem-too-long", vec![("max", count(*max))]),
            Problem::NotEmail => ("problem-not-email", vec![]),
            Problem::NotPhone => ("problem-not-phone", vec![]),
            Problem::NotDate { expected } => ("problem-not-date", vec![("expected", text(expected))]),
            Problem::NotGregorian { year } => ("problem-not-gregorian", vec![("year", Arg::Number(i64::from(*year)))]),
            Problem::TemplateSyntax { line, detail } => {
                ("problem-template-syntax", vec![("line", count(*line)), ("detail", text(detail))])
            }
            Problem::UnknownMergeField { field } => ("problem-unknown-merge-field", vec![("field", text(field))]),
            Problem::InFuture => ("problem-in-future", vec![]),
            Problem::InPast => ("problem-in-past", vec![]),
            Problem::NotWholeNumber => ("problem-not-whole-number", vec![]),
            Problem::NotNumber => ("problem-not-number", vec![]),
            Problem::NotBetween { min, max } => ("problem-not-between", vec![("min", text(min)), ("max", text(max))]),
            Problem::NotPositive => ("problem-not-positive", vec![]),
            Problem::BelowMinimum { min } => ("problem-below-minimum", vec![("min", text(min))]),
            Problem::AboveMaximum { max } => ("problem-above-maximum", vec![("max", text(max))]),
            Problem::AboveField { other } => ("problem-above-field", vec![("other", text(&label(other)))]),
            Problem::BelowField { other } => ("problem-below-field", vec![("other", text(&label(other)))]),
            Problem::NotOneOf { choices } => ("problem-not-one-of", vec![("choices", text(choices))]),
            Problem::NotCurrency => ("problem-not-currency", vec![]),
            Problem::NotCountry => ("problem-not-country", vec![]),
            Problem::NotTimeZone => ("problem-not-time-zone", vec![]),
            Problem::PasswordTooShort { min } => ("problem-password-too-short", vec![("min", count(*min))]),
            Problem::PasswordIsEmail => ("problem-password-is-email", vec![]),
            Problem::WrongPassword => ("problem-wrong-password", vec![]),
            Problem::Taken => ("problem-taken", vec![]),
            Problem::Unknown => ("problem-unknown", vec![]),
            Problem::NotYesOrNo => ("problem-not-yes-or-no", vec![]),
            Problem::NotBirthday => ("problem-not-birthday", vec![]),
            Problem::NotAttribute => ("problem-not-attribute", vec![]),
            Problem::NotAmount => ("problem-not-amount", vec![]),
            Problem::TooPrecise { currency, decimals } => (
                "problem-too-precise",
                vec![("currency", text(currency)), ("decimals", Arg::Number(i64::from(*decimals)))],
            ),
            Problem::TooLarge => ("problem-too-large", vec![]),
            Problem::NegativeQuantity => ("problem-negative-quantity", vec![]),
            Problem::NegativePrice => ("problem-negative-price", vec![]),
            Problem::SelfReferral => ("problem-self-referral", vec![]),
            Problem::UnknownReferrer => ("problem-unknown-referrer", vec![]),
            Problem::UnknownCustomer => ("problem-unknown-customer", vec![]),
            Problem::DiffersFromFirstLine { line } => (
                "problem-differs-from-first-line",
                vec![("line", Arg::Number(i64::try_from(*line).unwrap_or(i64::MAX)))],
            ),
            Problem::OrderOfAnotherCustomer => ("problem-order-of-another-customer", vec![]),
            Problem::UnclosedQuote { line } => {
                ("problem-unclosed-quote", vec![("line", Arg::Number(i64::try_from(*line).unwrap_or(i64::MAX)))])
            }
            Problem::NotShopCurrency { currency } => ("problem-not-shop-currency", vec![("currency", text(currency))]),
            Problem::NotCardNumber => ("problem-not-card-number", vec![]),
            Problem::CardCheckDigit => ("problem-card-check-digit", vec![]),
            Problem::CardBlocked { on } => ("problem-card-blocked", vec![("on", text(on))]),
            Problem::NotEnoughPoints { available } => {
                ("problem-not-enough-points", vec![("available", Arg::Number(*available))])
            }
        };
        self.text_with(locale, id, &args)
    }

    /// A problem with a field, as `field: problem`, the field named by `label`.
    pub fn field_error(&self, locale: Locale, error: &FieldError, label: &dyn Fn(&str) -> String) -> String {
        let problem = self.problem(locale, &error.problem, label);
        self.text_with(
            locale,
            "problem-in-field",
            &[("field", Arg::Text(label(&error.field))), ("problem", Arg::Text(problem))],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind of problem, so that a new kind cannot miss its messages.
    fn every_problem() -> Vec<Problem> {
        let t = |s: &str| s.to_owned();
        vec![
            Problem::Required,
            Problem::TooLong { max: 21 },
            Problem::NotEmail,
            Problem::NotPhone,
            Problem::NotDate { expected: t("YYYY-MM-DD") },
            Problem::InFuture,
            Problem::InPast,
            Problem::NotWholeNumber,
            Problem::NotNumber,
            Problem::NotBetween { min: t("0"), max: t("1") },
            Problem::NotPositive,
            Problem::BelowMinimum { min: t("1") },
            Problem::AboveMaximum { max: t("9") },
            Problem::AboveField { other: t("active_p_alive") },
            Problem::BelowField { other: t("min_orders") },
            Problem::NotOneOf { choices: t("a, b") },
            Problem::NotCurrency,
            Problem::NotCountry,
            Problem::NotTimeZone,
            Problem::PasswordTooShort { min: 10 },
            Problem::PasswordIsEmail,
            Problem::WrongPassword,
            Problem::Taken,
            Problem::Unknown,
            Problem::NotYesOrNo,
            Problem::NotBirthday,
            Problem::NotAttribute,
            Problem::NotAmount,
            Problem::TooPrecise { currency: t("ILS"), decimals: 2 },
            Problem::TooLarge,
            Problem::NegativeQuantity,
            Problem::NegativePrice,
            Problem::SelfReferral,
            Problem::UnknownReferrer,
            Problem::UnknownCustomer,
            Problem::DiffersFromFirstLine { line: 2 },
            Problem::OrderOfAnotherCustomer,
            Problem::UnclosedQuote { line: 7 },
            Problem::NotShopCurrency { currency: t("ILS") },
            Problem::NotCardNumber,
            Problem::CardCheckDigit,
            Problem::CardBlocked { on: t("2026-12-01") },
            Problem::NotEnoughPoints { available: 21 },
        ]
    }

    #[test]
    fn every_problem_reads_in_every_language() {
        let catalog = Catalog::new();
        let label = |f: &str| format!("<{f}>");
        for problem in every_problem() {
            for locale in Locale::ALL {
                let text = catalog.problem(locale, &problem, &label);
                assert!(!text.starts_with("problem-") && !text.contains("{$"), "{locale:?} {problem:?}: {text}");
            }
        }
        let ru = catalog.problem(Locale::Ru, &Problem::TooLong { max: 21 }, &label);
        assert!(ru.contains("символа"), "21 takes the singular genitive: {ru}");
        let fa = catalog.field_error(Locale::Fa, &FieldError::new("email", Problem::NotEmail), &label);
        assert!(fa.contains("<email>") && fa.contains("ایمیل"), "{fa}");
        let he = catalog.problem(Locale::He, &Problem::AboveField { other: "active_p_alive".into() }, &label);
        assert!(he.contains("<active_p_alive>"), "{he}");
    }
}
