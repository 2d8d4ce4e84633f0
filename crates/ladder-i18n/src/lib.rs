//! Ladder's languages: English, Hebrew, Persian and Russian.
//!
//! Shop owners use Ladder in their own language. Hebrew and Persian run right to left, and Persian
//! readers expect Persian digits and Jalali (Solar Hijri) dates. This crate has three parts:
//!
//! - [`Locale`]: the four languages, their direction, and [`Locale::negotiate`] for a browser's
//!   `Accept-Language` header.
//! - [`Catalog`]: the user-interface strings, written in [Fluent](https://projectfluent.org/) and embedded
//!   from `locales/{en,he,fa,ru}.ftl`. Fluent gives each language its own plural forms (Russian has four)
//!   and lets translators reorder a sentence around its variables.
//! - [`format`](mod@format): numbers, percentages, money, dates and month labels as each locale writes them, and the
//!   Jalali calendar.
//!
//! ```
//! use ladder_i18n::{Arg, Catalog, Locale, format};
//!
//! let catalog = Catalog::new();
//! let locale = Locale::negotiate("fa-IR,fa;q=0.9,en;q=0.8");
//! assert_eq!(locale.dir(), "rtl");
//! assert_eq!(catalog.text(locale, "nav-customers"), "مشتریان");
//! assert_eq!(
//!     catalog.text_with(locale, "customers-count", &[("count", Arg::Number(1234))]),
//!     "\u{2068}۱٬۲۳۴\u{2069} مشتری",
//! );
//! assert_eq!(format::format_date(locale, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "۲ آذر ۱۴۰۵");
//! ```
//!
//! # Directions
//!
//! Messages keep Fluent's isolation of placeables: every variable is wrapped in U+2068 … U+2069 (first
//! strong isolate … pop directional isolate), so a Latin product name or a number cannot scramble the
//! Hebrew or Persian sentence around it. Pages should set `dir` from [`Locale::dir`]; the marks are
//! invisible in HTML. Formatted Hebrew and Persian amounts of money start with a right-to-left mark for
//! the same reason (see [`format::format_money`]).
//!
//! # Numbers inside messages
//!
//! A number passed as [`Arg::Number`] reaches Fluent as a number, so it still chooses the plural form
//! (`1 клиент`, `2 клиента`, `5 клиентов`). Each locale's bundle has a number formatter that writes it with
//! that locale's digits and grouping, the same as [`format::format_integer`]: `1,234` in English,
//! `1 234` in Russian, `۱٬۲۳۴` in Persian. Fluent's `NUMBER()` options `minimumFractionDigits` and
//! `useGrouping` are honoured.
//!
//! # Adding a string
//!
//! 1. Add the message to `locales/en.ftl`, with a comment naming each variable and its kind.
//! 2. Add it, translated, with the same id and the same variables, to `he.ftl`, `fa.ftl` and `ru.ftl`.
//!    Give Russian counts `[one]`, `[few]`, `[many]` and `*[other]` variants; a Persian noun after a number
//!    stays singular.
//! 3. Run `cargo test -p ladder-i18n`: it fails if a file does not parse, if a locale lacks an English id
//!    or has one English lacks, or if a translation uses different variables.
//!
//! A message that is nevertheless missing at run time falls back to English, then to its id.
//!
//! # The Jalali calendar
//!
//! The conversion is written here — about forty lines of Borkowski's arithmetic, which follows the
//! astronomical calendar for Jalali years −61 to 3177 (Gregorian 560–3798) — rather than taken from ICU4X's
//! `icu_calendar`, the one well-kept implementation: with its data that crate adds about thirty crates, and
//! a cold build of it takes about 31 s on a two-core machine against 13 s for all of Fluent, for one
//! function. For 1178–1501 AP (1799–2123) the two give the same day for every date. The conversion is
//! tested against known New Year days and leap years and by a day-by-day round trip over 1990–2040.

mod catalog;
pub mod format;

mod locale;
mod problems;
mod reasons;

pub use catalog::{Arg, Catalog};
pub use format::{from_jalali, to_jalali, to_persian_digits};
pub use locale::{Locale, UnknownLocale};
pub use reasons::plain;

/// The catalog, parsed once for the whole process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::new)
}
