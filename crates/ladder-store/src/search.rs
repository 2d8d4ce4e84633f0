//! Text matching that every backend does alike: the fold that makes search blind to case and to the
//! spelling variants of Persian, Arabic and Hebrew, and the normal forms of emails and segment names.
//!
//! The SQLite backend runs [`fold`] itself as the SQL function `ladder_fold`; PostgreSQL defines a SQL
//! function of the same name that does the same (ICU's lower case, which is Rust's, then the same
//! letter table). The conformance suite checks both against this one.

/// The text of a customer that search looks in, as SQL over `customers c`: id, names, company, email
/// and one form of the phone (its E.164, or its digits when it is not a number of its country's plan),
/// space-separated. Both backends index `ladder_fold`
/// of exactly this.
pub const SEARCH_TEXT: &str = "c.external_id || ' ' || COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '') || ' ' || \
     COALESCE(c.company, '') || ' ' || COALESCE(c.email, '') || ' ' || \
     COALESCE(c.phone_e164, c.phone_national, '')";

/// Letters written two ways, folded to one: in Persian and Arabic text Arabic yeh and alef maksura to
/// Persian yeh, Arabic kaf to keheh, teh marbuta to heh; in Russian ё to е (most people type Семен for
/// Семён).
pub const LETTER_VARIANTS: &[(char, char)] = &[
    ('\u{064A}', '\u{06CC}'),
    ('\u{0649}', '\u{06CC}'),
    ('\u{0643}', '\u{06A9}'),
    ('\u{0629}', '\u{0647}'),
    ('\u{0451}', '\u{0435}'),
];

/// Marks that search ignores: Arabic harakat (fathatan … sukun), the tatweel, and Hebrew niqqud and
/// cantillation.
pub fn is_ignored_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}' | '\u{0591}'..='\u{05C7}')
}

/// Text as search compares it: lower case (Unicode's full mapping), letter variants unified and
/// vowel marks removed.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| !is_ignored_mark(*c))
        .map(|c| LETTER_VARIANTS.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to))
        .collect()
}

/// The `LIKE` pattern (escape character `\`) that finds the folded search text anywhere; `None` for
/// text that is empty once folded.
pub fn like_pattern(search: &str) -> Option<String> {
    let folded = fold(search.trim());
    if folded.is_empty() {
        return None;
    }
    Some(format!("%{}%", folded.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
}

/// An email address as stored and compared: trimmed and lower-cased.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The key that makes segment names unique without regard to case.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_letters_and_marks() {
        assert_eq!(fold("ОЛЬГА Straße"), "ольга straße");
        assert_eq!(fold("علي"), fold("علی"));
        assert_eq!(fold("كتاب"), "کتاب");
        assert_eq!(fold("مدرسة"), "مدرسه");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("کـــتاب"), "کتاب");
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("ΣΑΣ"), "σας", "final sigma, as ICU does it");
        assert_eq!(fold("СЕМЁН Фёдоров"), "семен федоров");
    }

    #[test]
    fn patterns_escape_wildcards() {
        assert_eq!(like_pattern(" 50%_a\\ ").as_deref(), Some("%50\\%\\_a\\\\%"));
        assert_eq!(like_pattern("  "), None);
        assert_eq!(like_pattern("\u{064E}"), None, "a lone mark folds to nothing");
    }
}
