//! Charts as HTML: bars whose length is set in CSS with logical properties, so a right-to-left page
//! mirrors them with its text, screen readers read their labels and numbers, and no script is needed.

use serde::Serialize;

/// One bar: a message id for its label, its value, its share of the whole, and its length relative
/// to the longest bar (0–100).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    pub value: u64,
    pub share: f64,
    pub length: f64,
}

/// Bars from (label, value, share); the longest is 100, the others in proportion (a bar with a value
/// is never thinner than 1, so that it stays visible).
pub(crate) fn bars(rows: impl Iterator<Item = (String, u64, f64)>) -> Vec<Bar> {
    let rows: Vec<(String, u64, f64)> = rows.collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
    rows.into_iter()
        .map(|(label, value, share)| {
            let length = if max == 0 {
                0.0
            } else {
                let l = value as f64 * 100.0 / max as f64;
                if value > 0 { l.max(1.0) } else { 0.0 }
            };
            Bar { label, value, share, length: (length * 10.0).round() / 10.0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_relative_to_the_longest() {
        let b = bars([("a".to_owned(), 200, 0.5), ("b".to_owned(), 100, 0.25), ("c".to_owned(), 1, 0.0)].into_iter());
        assert_eq!(b.iter().map(|b| b.length).collect::<Vec<_>>(), [100.0, 50.0, 1.0]);
        assert!(bars([("z".to_owned(), 0, 0.0)].into_iter()).iter().all(|b| b.length == 0.0));
    }
}
