//! The message catalog: Ladder's Fluent resources, one bundle per locale.

use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::format::format_fluent_number;
use crate::locale::Locale;

/// The embedded `.ftl` sources, in the order of [`Locale::ALL`].
const SOURCES: [&str; 4] = [
    include_str!("../locales/en.ftl"),
    include_str!("../locales/he.ftl"),
    include_str!("../locales/fa.ftl"),
    include_str!("../locales/ru.ftl"),
];

/// A value for a message's variable (`$name` in the `.ftl` file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is, such as a customer's or product's name.
    Text(String),
    /// A number: it chooses the plural form and is shown in the locale's digits and grouping
    /// (`۱٬۲۳۴` in Persian). Numbers pass through Fluent as `f64`, so beyond 2⁵³ pass a formatted
    /// [`Arg::Text`] instead.
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(number) => FluentValue::from(*number),
        }
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

impl From<i32> for Arg {
    fn from(number: i32) -> Self {
        Arg::Number(number.into())
    }
}

impl From<u32> for Arg {
    fn from(number: u32) -> Self {
        Arg::Number(number.into())
    }
}

impl From<u64> for Arg {
    fn from(number: u64) -> Self {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    fn from(number: usize) -> Self {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

type Bundle = FluentBundle<FluentResource>;

/// Every message of Ladder in every locale. Build it once and share it: it is `Send + Sync`.
pub struct Catalog {
    bundles: [Bundle; 4],
    ids: [Vec<String>; 4],
}

impl Catalog {
    /// Parses the four embedded resources.
    ///
    /// # Panics
    ///
    /// Only if an embedded `.ftl` file is malformed, which the crate's tests rule out.
    pub fn new() -> Catalog {
        match Catalog::from_sources(SOURCES) {
            Ok(catalog) => catalog,
            Err(error) => panic!("an embedded Fluent resource is broken: {error}"),
        }
    }

    fn from_sources(sources: [&str; 4]) -> Result<Catalog, String> {
        let mut bundles = Vec::with_capacity(4);
        let mut ids = Vec::with_capacity(4);
        for (locale, source) in Locale::ALL.into_iter().zip(sources) {
            let resource = parse(locale, source)?;
            ids.push(message_ids(&resource));
            bundles.push(bundle(locale, resource)?);
        }
        Ok(Catalog {
            bundles: bundles.try_into().map_err(|_| "expected four bundles".to_owned())?,
            ids: ids.try_into().map_err(|_| "expected four resources".to_owned())?,
        })
    }

    /// The text of a message (or of an attribute, as `"message.attribute"`).
    ///
    /// A message missing in `locale` is taken from English, and one missing there too comes back as its
    /// id, so a forgotten string shows up on the page instead of failing the request.
    pub fn text(&self, locale: Locale, id: &str) -> String {
        self.format(locale, id, None)
    }

    /// The text of a message with its variables, such as `[("count", Arg::Number(5))]`.
    ///
    /// Each placeable is wrapped in Unicode isolation marks, U+2068 FIRST STRONG ISOLATE and U+2069 POP
    /// DIRECTIONAL ISOLATE, so that a Latin product name or a number inside a Hebrew or Persian sentence
    /// is laid out on its own and cannot reorder the words around it. Keep them in the output: HTML
    /// renders them invisibly. A variable the message uses but `args` lacks is shown as `{$name}`.
    pub fn text_with(&self, locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, arg) in args {
            fluent_args.set(*name, arg.to_fluent());
        }
        self.format(locale, id, Some(&fluent_args))
    }

    /// Whether `locale`'s own resource has this message (or `"message.attribute"`) with text.
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.pattern(locale, id).is_some()
    }

    /// The ids of the messages in `locale`'s resource, in file order.
    pub fn ids(&self, locale: Locale) -> Vec<String> {
        self.ids[locale.index()].clone()
    }

    fn format(&self, locale: Locale, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for locale in [locale, Locale::En] {
            if let Some(pattern) = self.pattern(locale, id) {
                let mut errors = Vec::new();
                return self.bundles[locale.index()].format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_owned()
    }

    fn pattern(&self, locale: Locale, id: &str) -> Option<&ast::Pattern<&str>> {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message_id, attribute)) => (message_id, Some(attribute)),
            None => (id, None),
        };
        let message = self.bundles[locale.index()].get_message(message_id)?;
        match attribute {
            Some(attribute) => message.get_attribute(attribute).map(|attribute| attribute.value()),
            None => message.value(),
        }
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for locale in Locale::ALL {
            map.entry(&locale.code(), &self.ids[locale.index()].len());
        }
        map.finish()
    }
}

/// Parses one locale's resource, failing on any syntax error (Fluent would otherwise drop the entry).
fn parse(locale: Locale, source: &str) -> Result<FluentResource, String> {
    FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
        let errors: Vec<String> = errors.iter().map(|e| format!("{e:?}")).collect();
        format!("{}.ftl: {}", locale.code(), errors.join("; "))
    })
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

fn bundle(locale: Locale, resource: FluentResource) -> Result<Bundle, String> {
    let language = locale.code().parse().map_err(|e| format!("{}: {e}", locale.code()))?;
    let mut bundle = Bundle::new_concurrent(vec![language]);
    bundle.set_use_isolating(true);
    bundle.add_builtins().map_err(|e| format!("{}.ftl: {e}", locale.code()))?;
    bundle.set_formatter(Some(match locale {
        Locale::En => |value, _| fluent_number(Locale::En, value),
        Locale::He => |value, _| fluent_number(Locale::He, value),
        Locale::Fa => |value, _| fluent_number(Locale::Fa, value),
        Locale::Ru => |value, _| fluent_number(Locale::Ru, value),
    }));
    bundle.add_resource(resource).map_err(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{}.ftl: {}", locale.code(), errors.join("; "))
    })?;
    Ok(bundle)
}

/// Fluent's hook for writing numbers: the value still selects the plural form, this only spells it.
fn fluent_number(locale: Locale, value: &FluentValue<'_>) -> Option<String> {
    match value {
        FluentValue::Number(number) => format_fluent_number(locale, number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const FSI: char = '\u{2068}';
    const PDI: char = '\u{2069}';

    fn count(catalog: &Catalog, locale: Locale, n: i64) -> String {
        catalog.text_with(locale, "customers-count", &[("count", Arg::Number(n))])
    }

    fn strip_isolation(text: &str) -> String {
        text.chars().filter(|&c| c != FSI && c != PDI).collect()
    }

    #[test]
    fn every_resource_parses_without_errors() {
        for locale in Locale::ALL {
            if let Err(error) = parse(locale, SOURCES[locale.index()]) {
                panic!("{error}");
            }
        }
        let catalog = Catalog::new();
        for locale in Locale::ALL {
            assert!(!catalog.ids(locale).is_empty());
        }
    }

    #[test]
    fn every_locale_has_exactly_the_english_ids() {
        let catalog = Catalog::new();
        let english: BTreeSet<String> = catalog.ids(Locale::En).into_iter().collect();
        for locale in Locale::ALL {
            let ids: BTreeSet<String> = catalog.ids(locale).into_iter().collect();
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", locale.code());
            assert!(extra.is_empty(), "{}.ftl has ids English lacks: {extra:?}", locale.code());
            for id in &english {
                assert!(catalog.has(locale, id), "{}.ftl: {id} has no text", locale.code());
            }
        }
    }

    fn variables_of_pattern(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                variables_of_expression(expression, out);
            }
        }
    }

    fn variables_of_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                variables_of_inline(selector, out);
                for variant in variants {
                    variables_of_pattern(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => variables_of_inline(inline, out),
        }
    }

    fn variables_of_inline(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    variables_of_inline(argument, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
            _ => {}
        }
    }

    fn variables(locale: Locale) -> Vec<(String, BTreeSet<String>)> {
        let resource = parse(locale, SOURCES[locale.index()]).unwrap();
        let mut found = Vec::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let mut names = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables_of_pattern(value, &mut names);
                }
                for attribute in &message.attributes {
                    variables_of_pattern(&attribute.value, &mut names);
                }
                found.push((message.id.name.to_owned(), names));
            }
        }
        found.sort();
        found
    }

    #[test]
    fn translations_use_the_english_variables() {
        let english = variables(Locale::En);
        for locale in [Locale::He, Locale::Fa, Locale::Ru] {
            assert_eq!(variables(locale), english, "{}.ftl", locale.code());
        }
    }

    #[test]
    fn plain_messages() {
        let catalog = Catalog::new();
        assert_eq!(catalog.text(Locale::En, "app-name"), "Ladder");
        assert_eq!(catalog.text(Locale::En, "nav-customers"), "Customers");
        assert_eq!(catalog.text(Locale::He, "nav-customers"), "לקוחות");
        assert_eq!(catalog.text(Locale::Fa, "nav-customers"), "مشتریان");
        assert_eq!(catalog.text(Locale::Ru, "nav-customers"), "Клиенты");
        assert_eq!(catalog.text(Locale::Ru, "state-at_risk"), "В зоне риска");
    }

    #[test]
    fn russian_plural_forms() {
        let catalog = Catalog::new();
        let cases = [
            (1, "1 клиент"),
            (2, "2 клиента"),
            (5, "5 клиентов"),
            (11, "11 клиентов"),
            (12, "12 клиентов"),
            (21, "21 клиент"),
            (22, "22 клиента"),
            (25, "25 клиентов"),
            (0, "0 клиентов"),
            (111, "111 клиентов"),
            (1001, "1\u{A0}001 клиент"),
        ];
        for (n, expected) in cases {
            assert_eq!(strip_isolation(&count(&catalog, Locale::Ru, n)), expected, "{n}");
        }
    }

    #[test]
    fn english_and_hebrew_plural_forms() {
        let catalog = Catalog::new();
        assert_eq!(count(&catalog, Locale::En, 1), format!("{FSI}1{PDI} customer"));
        assert_eq!(count(&catalog, Locale::En, 0), format!("{FSI}0{PDI} customers"));
        assert_eq!(count(&catalog, Locale::En, 1234), format!("{FSI}1,234{PDI} customers"));
        assert_eq!(count(&catalog, Locale::He, 1), "לקוח אחד");
        assert_eq!(count(&catalog, Locale::He, 2), format!("{FSI}2{PDI} לקוחות"));
        assert_eq!(count(&catalog, Locale::He, 20), format!("{FSI}20{PDI} לקוחות"));
    }

    #[test]
    fn persian_numbers_use_persian_digits() {
        let catalog = Catalog::new();
        assert_eq!(count(&catalog, Locale::Fa, 1), format!("{FSI}۱{PDI} مشتری"));
        assert_eq!(count(&catalog, Locale::Fa, 1234), format!("{FSI}۱٬۲۳۴{PDI} مشتری"));
        assert_eq!(count(&catalog, Locale::Fa, -5), format!("{FSI}\u{200E}\u{2212}۵{PDI} مشتری"));
        assert!(!count(&catalog, Locale::Fa, 9_876_543).chars().any(|c| c.is_ascii_digit()));
    }

    #[test]
    fn placeables_are_isolated() {
        let catalog = Catalog::new();
        for locale in Locale::ALL {
            let text = count(&catalog, locale, 5);
            assert!(text.contains(FSI) && text.contains(PDI), "{locale}: {text:?}");
        }
    }

    const TEST_SOURCES: [&str; 4] = [
        "only-english = Only in English\n\
         greeting = Hello, { $name }!\n\
         total = Total: { NUMBER($amount, minimumFractionDigits: 2) }\n\
         plain = { NUMBER($amount, useGrouping: \"false\") }\n\
         button = Save\n    .title = Save the customer\n",
        "greeting = שלום, { $name }!\n",
        "greeting = سلام، { $name }!\n\
         total = جمع: { NUMBER($amount, minimumFractionDigits: 2) }\n\
         plain = { NUMBER($amount, useGrouping: \"false\") }\n\
         literal = { 1234.5 } و { -0 }\n",
        "total = Итого: { NUMBER($amount, minimumFractionDigits: 2) }\n",
    ];

    #[test]
    fn missing_messages_fall_back_to_english_then_to_the_id() {
        let catalog = Catalog::from_sources(TEST_SOURCES).unwrap();
        assert_eq!(catalog.text(Locale::He, "only-english"), "Only in English");
        assert!(!catalog.has(Locale::He, "only-english"));
        assert!(catalog.has(Locale::En, "only-english"));
        assert_eq!(catalog.text(Locale::Fa, "nowhere"), "nowhere");
        assert_eq!(catalog.text_with(Locale::Ru, "nowhere", &[("n", Arg::Number(1))]), "nowhere");
        assert_eq!(catalog.text(Locale::En, "button.title"), "Save the customer");
        assert_eq!(catalog.text(Locale::He, "button.title"), "Save the customer");
        assert_eq!(catalog.text(Locale::En, "button.nothing"), "button.nothing");
        assert!(catalog.has(Locale::En, "button.title"));
        assert_eq!(catalog.ids(Locale::En), ["only-english", "greeting", "total", "plain", "button"]);
        assert_eq!(catalog.ids(Locale::He), ["greeting"]);
    }

    #[test]
    fn text_arguments_are_isolated() {
        let catalog = Catalog::from_sources(TEST_SOURCES).unwrap();
        let args = [("name", Arg::from("Dana's Shop"))];
        assert_eq!(catalog.text_with(Locale::Fa, "greeting", &args), format!("سلام، {FSI}Dana's Shop{PDI}!"));
        assert_eq!(catalog.text_with(Locale::He, "greeting", &args), format!("שלום, {FSI}Dana's Shop{PDI}!"));
        assert_eq!(catalog.text(Locale::En, "greeting"), format!("Hello, {FSI}{{$name}}{PDI}!"));
    }

    #[test]
    fn fluent_number_options_are_localised() {
        let catalog = Catalog::from_sources(TEST_SOURCES).unwrap();
        let amount = [("amount", Arg::Number(1234))];
        assert_eq!(catalog.text_with(Locale::En, "total", &amount), format!("Total: {FSI}1,234.00{PDI}"));
        assert_eq!(catalog.text_with(Locale::Fa, "total", &amount), format!("جمع: {FSI}۱٬۲۳۴٫۰۰{PDI}"));
        assert_eq!(catalog.text_with(Locale::Ru, "total", &amount), format!("Итого: {FSI}1\u{A0}234,00{PDI}"));
        assert_eq!(catalog.text_with(Locale::En, "plain", &amount), "1234");
        assert_eq!(catalog.text_with(Locale::Fa, "plain", &amount), "۱۲۳۴");
        assert_eq!(catalog.text(Locale::Fa, "literal"), format!("{FSI}۱٬۲۳۴٫۵{PDI} و {FSI}۰{PDI}"));
    }

    #[test]
    fn catalog_is_shareable_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Catalog>();
        let catalog = std::sync::Arc::new(Catalog::new());
        let worker = {
            let catalog = std::sync::Arc::clone(&catalog);
            std::thread::spawn(move || count(&catalog, Locale::Ru, 3))
        };
        assert_eq!(strip_isolation(&worker.join().unwrap()), "3 клиента");
    }

    #[test]
    fn broken_sources_are_reported() {
        let mut sources = TEST_SOURCES;
        sources[2] = "greeting = { $name\n";
        assert!(Catalog::from_sources(sources).unwrap_err().starts_with("fa.ftl"));
        sources[2] = "a = one\na = two\n";
        assert!(Catalog::from_sources(sources).unwrap_err().starts_with("fa.ftl"));
    }

    #[test]
    fn debug_lists_message_counts() {
        let catalog = Catalog::from_sources(TEST_SOURCES).unwrap();
        assert_eq!(format!("{catalog:?}"), r#"{"en": 5, "he": 1, "fa": 4, "ru": 1}"#);
    }
}
