//! Templates and the helpers they use: `t` for messages, filters for numbers, money, percentages and
//! dates in the page's locale. Both the catalog and the templates are built once, from files embedded
//! in the binary.

use axum::response::Html;
use ladder_domain::Reason;
use ladder_domain::validate::Problem;
use ladder_i18n::format::{format_date, format_decimal, format_integer, format_money, format_month, format_percent};
use ladder_i18n::{Arg, Catalog, Locale};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State};
use std::sync::OnceLock;

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("bare.html", include_str!("../templates/bare.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("unsubscribe.html", include_str!("../templates/unsubscribe.html")),
    ("password_forgot.html", include_str!("../templates/password_forgot.html")),
    ("password_reset.html", include_str!("../templates/password_reset.html")),
    ("messages.html", include_str!("../templates/messages.html")),
    ("message_template.html", include_str!("../templates/message_template.html")),
    ("message_preview.html", include_str!("../templates/message_preview.html")),
    ("message_broadcast_new.html", include_str!("../templates/message_broadcast_new.html")),
    ("message_broadcast.html", include_str!("../templates/message_broadcast.html")),
    ("message_calls.html", include_str!("../templates/message_calls.html")),
    ("playbooks.html", include_str!("../templates/playbooks.html")),
    ("playbook.html", include_str!("../templates/playbook.html")),
    ("today.html", include_str!("../templates/today.html")),
    ("preferences.html", include_str!("../templates/preferences.html")),
    ("setup.html", include_str!("../templates/setup.html")),
    ("dashboard.html", include_str!("../templates/dashboard.html")),
    ("customers.html", include_str!("../templates/customers.html")),
    ("customer.html", include_str!("../templates/customer.html")),
    ("club.html", include_str!("../templates/club.html")),
    ("club_card.html", include_str!("../templates/club_card.html")),
    ("club_member.html", include_str!("../templates/club_member.html")),
    ("club_till.html", include_str!("../templates/club_till.html")),
    ("customer_new.html", include_str!("../templates/customer_new.html")),
    ("ladder.html", include_str!("../templates/ladder.html")),
    ("settings.html", include_str!("../templates/settings.html")),
    ("import.html", include_str!("../templates/import.html")),
    ("import_pairs.html", include_str!("../templates/import_pairs.html")),
    ("shop.html", include_str!("../templates/shop.html")),
    ("segments.html", include_str!("../templates/segments.html")),
    ("segment.html", include_str!("../templates/segment.html")),
    ("reports.html", include_str!("../templates/reports.html")),
    ("campaigns.html", include_str!("../templates/campaigns.html")),
    ("campaign.html", include_str!("../templates/campaign.html")),
    ("campaign_new.html", include_str!("../templates/campaign_new.html")),
    ("campaign_form.html", include_str!("../templates/campaign_form.html")),
    ("job_progress.html", include_str!("../templates/job_progress.html")),
    ("job.html", include_str!("../templates/job.html")),
    ("jobs.html", include_str!("../templates/jobs.html")),
];

/// The message catalog of every language.
pub(crate) fn catalog() -> &'static Catalog {
    ladder_i18n::catalog()
}

/// A field's name as the pages label it (`field-email`), else as files name it.
pub(crate) fn field_label(locale: Locale, field: &str) -> String {
    let kebab = field.replace('_', "-");
    [format!("field-{kebab}"), kebab]
        .into_iter()
        .find(|id| catalog().has(Locale::En, id))
        .map_or_else(|| field.to_owned(), |id| catalog().text(locale, &id))
}

/// `value | reason`: a reason (`ladder_domain::Reason`, as the store keeps it) in the page's language.
fn reason(state: &State, value: Value) -> String {
    let parsed = serde_json::to_value(&value).ok().and_then(|v| serde_json::from_value::<Reason>(v).ok());
    match parsed {
        Some(reason) => catalog().reason(locale_of(state), &reason),
        None => value.to_string(),
    }
}

/// `value | problem`: what is wrong with a value (`ladder_domain::validate::Problem`) in the page's
/// language.
fn problem(state: &State, value: Value) -> String {
    let locale = locale_of(state);
    let parsed = serde_json::to_value(&value).ok().and_then(|v| serde_json::from_value::<Problem>(v).ok());
    match parsed {
        Some(problem) => catalog().problem(locale, &problem, &|f| field_label(locale, f)),
        None => value.to_string(),
    }
}

fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(environment)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source).unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env.add_function("t", translate);
    env.add_filter("reason", reason);
    env.add_filter("problem", problem);
    env.add_filter("num", |state: &State, value: i64| format_integer(locale_of(state), value));
    env.add_filter("dec", |state: &State, value: f64, digits: Option<usize>| {
        format_decimal(locale_of(state), value, digits.unwrap_or(1))
    });
    env.add_filter("pct", |state: &State, value: f64| format_percent(locale_of(state), value));
    // A number someone typed (a segment's limits: `3`, `2500.50`), written back in the page's digits
    // and separators; anything else as it is.
    env.add_filter("typed_number", |state: &State, value: Value| {
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        let locale = locale_of(state);
        if let Ok(n) = text.trim().parse::<i64>() {
            return format_integer(locale, n);
        }
        match (text.trim().split_once('.'), text.trim().parse::<f64>()) {
            (Some((_, fraction)), Ok(v)) if fraction.bytes().all(|b| b.is_ascii_digit()) => {
                format_decimal(locale, v, fraction.len())
            }
            _ => text,
        }
    });
    env.add_filter("money", money);
    env.add_filter("date", |state: &State, value: String| match parse_day(&value) {
        Some(day) => format_date(locale_of(state), day),
        None => value,
    });
    env.add_filter("birthday", |state: &State, value: String| match ladder_domain::Birthday::parse(&value) {
        Ok(b) => match b.year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, b.month, b.day)) {
            Some(day) => format_date(locale_of(state), day),
            None => ladder_i18n::format::format_day_month(locale_of(state), b.month, b.day),
        },
        Err(_) => value,
    });
    env.add_filter("datetime", |state: &State, value: String| datetime(locale_of(state), &value));
    env.add_filter("month", |state: &State, value: String| match parse_month(&value) {
        Some((year, month)) => format_month(locale_of(state), year, month),
        None => value,
    });
    // Between figures on one line. A middle dot reads as the Persian zero ("۱۴۳ · ۱۰" looks like
    // "۱۴۳۰۱۰"): Persian pages use the Persian comma instead.
    env.add_function("sep", |state: &State| ladder_i18n::format::figure_separator(locale_of(state)));
    // Between the items of a list on one line: Persian writes its own comma.
    env.add_function("list_sep", |state: &State| if locale_of(state) == Locale::Fa { "، " } else { ", " });
    // From before to after, in the reading direction: → reads backwards in Hebrew and Persian.
    env.add_function("arrow", |state: &State| if locale_of(state).dir() == "rtl" { "←" } else { "→" });
    // Dates typed into forms, in the reader's calendar: a Persian reader types Jalali dates into a text
    // field (browsers' date pickers know only the Gregorian calendar), every other reader gets the
    // browser's date picker.
    env.add_filter("typed_date", |state: &State, value: String| match parse_day(&value) {
        Some(day) => ladder_i18n::format::typed_date(locale_of(state), day),
        None => value,
    });
    env.add_function("date_input", |state: &State| match locale_of(state).calendar() {
        ladder_domain::date::Calendar::Jalali => "text",
        ladder_domain::date::Calendar::Gregorian => "date",
    });
    env.add_function("date_hint", |state: &State| {
        let example = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        ladder_i18n::format::typed_date(locale_of(state), example)
    });
    env.add_filter("urlencode_component", |value: String| encode(&value));
    // A window title cannot isolate a name the way `<bdi>` does on the page.
    // The block arrives rendered (escaped already) and leaves as safe, so it is not escaped twice.
    env.add_filter("no_bidi_controls", |value: minijinja::Value| {
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        let clean = ladder_domain::text::without_bidi_controls(&text).into_owned();
        if value.is_safe() { minijinja::Value::from_safe_string(clean) } else { minijinja::Value::from(clean) }
    });
    env
}

/// The locale a template renders in, from its `locale` variable.
fn locale_of(state: &State) -> Locale {
    state.lookup("locale").and_then(|v| v.as_str().and_then(Locale::parse)).unwrap_or_default()
}

/// `t("id", name=value, …)`: a message in the page's language; integer arguments choose plural forms.
fn translate(state: &State, id: String, kwargs: Kwargs) -> Result<String, Error> {
    let locale = locale_of(state);
    let mut args: Vec<(String, Arg)> = Vec::new();
    for key in kwargs.args() {
        let value: Value = kwargs.get(key)?;
        let arg = match i64::try_from(value.clone()) {
            Ok(n) if value.is_integer() => Arg::Number(n),
            _ => Arg::Text(value.to_string()),
        };
        args.push((key.to_owned(), arg));
    }
    let borrowed: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Ok(catalog().text_with(locale, &id, &borrowed))
}

/// `minor|money(currency)`: integer minor units in the page's locale.
fn money(state: &State, minor: i64, currency: Option<String>) -> Result<String, Error> {
    let code = currency.or_else(|| state.lookup("currency").and_then(|v| v.as_str().map(str::to_owned)));
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return Ok(format_integer(locale_of(state), minor));
    };
    let digits = ladder_domain::Currency::parse(&code)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?
        .exponent();
    Ok(format_money(locale_of(state), minor, &code, u32::from(digits)))
}

/// An RFC 3339 time as the locale writes its day, with the time of day (UTC).
fn datetime(locale: Locale, value: &str) -> String {
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(value) else { return value.to_owned() };
    let at = at.to_utc();
    let time = at.format("%H:%M").to_string();
    let time = if locale == Locale::Fa { ladder_i18n::to_persian_digits(&time) } else { time };
    format!("{} {time} UTC", format_date(locale, at.date_naive()))
}

/// `YYYY-MM`, as a year and a month (1–12).
fn parse_month(value: &str) -> Option<(i32, u32)> {
    let (year, month) = value.split_once('-')?;
    let (year, month) = (year.parse().ok()?, month.parse().ok()?);
    (1..=12).contains(&month).then_some((year, month))
}

fn parse_day(value: &str) -> Option<chrono::NaiveDate> {
    let day = value.get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Reads a date the reader typed into a form, in their calendar ([`ladder_domain::date::parse_typed`]); the
/// problem says which form to use.
pub(crate) fn read_typed_date(locale: Locale, text: &str) -> Result<chrono::NaiveDate, Problem> {
    ladder_domain::date::parse_typed(text, locale.calendar()).map_err(|e| match e {
        ladder_domain::date::DateError::NotGregorian(year) => Problem::NotGregorian { year },
        _ => Problem::NotDate { expected: date_form(locale) },
    })
}

/// The form a typed date takes, as an example: `YYYY-MM-DD`, or a Jalali date in Persian digits.
pub(crate) fn date_form(locale: Locale) -> String {
    match locale.calendar() {
        ladder_domain::date::Calendar::Jalali => {
            ladder_i18n::format::typed_date(locale, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default())
        }
        ladder_domain::date::Calendar::Gregorian => "YYYY-MM-DD".to_owned(),
    }
}

/// A typed date as the Gregorian `YYYY-MM-DD` the use-cases read, when it reads; as typed otherwise, for
/// the use-case to refuse and the form to show again.
pub(crate) fn typed_as_iso(locale: Locale, text: &str) -> String {
    match ladder_domain::date::parse_typed(text, locale.calendar()) {
        Ok(day) => day.format("%Y-%m-%d").to_string(),
        Err(_) => text.to_owned(),
    }
}

/// Renders a template with its context; a template error is a bug, shown as an internal error.
pub(crate) fn render(name: &str, context: Value) -> Result<Html<String>, crate::error::WebError> {
    let template = templates().get_template(name).map_err(crate::error::WebError::internal)?;
    template.render(context).map(Html).map_err(|e| crate::error::WebError::internal(format!("{name}: {e:#}")))
}

/// A page for an error, in `locale`.
pub(crate) fn error_page(locale: Locale, title: &str, detail: &str, status: u16) -> Html<String> {
    let context = minijinja::context! {
        locale => locale.code(), dir => locale.dir(), title, detail, status,
    };
    render("error.html", context).unwrap_or_else(|_| Html(format!("<h1>{status}</h1>")))
}

/// Percent-encodes a URL component.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        let env = templates();
        for (name, _) in TEMPLATES {
            env.get_template(name).expect(name);
        }
    }

    #[test]
    fn typed_numbers_are_written_in_the_pages_digits() {
        let env = templates();
        let render = |locale: &str, value: &str| {
            env.render_str("{{ v | typed_number }}", minijinja::context! { locale, v => value }).expect("render")
        };
        assert_eq!(render("fa", "3"), "۳");
        assert_eq!(render("fa", "2500.50"), "۲٬۵۰۰٫۵۰");
        assert_eq!(render("ru", "2500.50"), "2\u{a0}500,50");
        assert_eq!(render("en", "12"), "12");
        assert_eq!(render("fa", "abc"), "abc", "not a number: as it is");
        let list = env.render_str("a{{ list_sep() }}b", minijinja::context! { locale => "fa" }).expect("render");
        assert_eq!(list, "a، b");
    }

    #[test]
    fn months_are_named_in_the_locale() {
        let env = templates();
        let render = |locale: &str, value: &str| {
            env.render_str("{{ v | month }}", minijinja::context! { locale, v => value }).expect("render")
        };
        assert_eq!(render("en", "2026-11"), "Nov 2026");
        assert_eq!(render("fa", "2026-11"), "نوامبر ۲۰۲۶", "a Gregorian month keeps its name");
        assert_eq!(render("fa", "1405-08"), "آبان ۱۴۰۵", "a Jalali month's key");
        assert_eq!(render("en", "2026-13"), "2026-13", "not a month: shown as it is");
    }

    #[test]
    fn encoding_keeps_paths_and_escapes_the_rest() {
        assert_eq!(encode("/customers/C 1?x=ы"), "/customers/C%201%3Fx%3D%D1%8B");
    }
}
