//! Text that leaves Ladder for places that read more into it than letters: spreadsheets (a cell that
//! starts with `=` is a formula) and one-line displays (a right-to-left override turns the rest of a line
//! around, so a file name typed as `U+202E gpj.exe` reads `exe.jpg`).

use std::borrow::Cow;

/// Whether `c` changes the direction of the text after it until a matching end: the embeddings and
/// overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). The marks (U+200E, U+200F, U+061C) only
/// nudge neutral characters and are kept.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without direction controls, for a place that cannot isolate it (a window title, a terminal,
/// a spreadsheet cell). Pages isolate names with `<bdi>` instead.
pub fn without_bidi_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        Cow::Owned(text.chars().filter(|c| !is_bidi_control(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The first characters a spreadsheet reads as the start of a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is a plain number (`-12.50`, `+3`): a spreadsheet reads it as a number, never a
/// formula, so it is written as it is.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A cell for a CSV file Ladder writes: direction controls removed, and a leading `'` before text a
/// spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+1`, `@SUM(…)`). [`cell_from_csv`] takes the
/// `'` off again, so what Ladder exports it imports as it was.
pub fn cell_for_csv(text: &str) -> Cow<'_, str> {
    let text = without_bidi_controls(text);
    if text.starts_with(FORMULA_STARTS) && !is_plain_number(&text) { Cow::Owned(format!("'{text}")) } else { text }
}

/// A cell as read from a CSV file: the `'` that [`cell_for_csv`] put before a formula-like start is
/// taken off; any other text stays as it is.
pub fn cell_from_csv(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_come_back_as_they_were() {
        for risky in ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "+972 50 123 4567"] {
            let written = cell_for_csv(risky);
            assert!(written.starts_with('\''), "{risky:?} → {written:?}");
            assert_eq!(cell_from_csv(&written), risky);
        }
        for plain in ["Dana", "-12.50", "+3", "12", "it's", "'quoted'"] {
            assert_eq!(cell_for_csv(plain), plain);
            assert_eq!(cell_from_csv(plain), plain);
        }
    }

    #[test]
    fn direction_controls_are_removed_but_marks_kept() {
        assert_eq!(without_bidi_controls("a\u{202E}gpj.exe"), "agpj.exe");
        assert_eq!(without_bidi_controls("\u{2067}x\u{2069}"), "x");
        assert_eq!(without_bidi_controls("שלום\u{200F}"), "שלום\u{200F}");
        assert_eq!(cell_for_csv("\u{202E}=1+1"), "'=1+1");
    }
}
