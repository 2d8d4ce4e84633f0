//! The customer filter that lists, segments and (next) audiences share, written once: each backend
//! supplies only its dialect — placeholders, how it searches text, how it compares a country.
//!
//! The clause reads `customers c LEFT JOIN customer_scores s ON s.customer_id = c.id`.

use crate::customers::CustomerQuery;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlValue {
    /// Text.
    Text(String),
    /// A 64-bit integer.
    Int(i64),
}

/// What differs between the backends' SQL for the filter.
pub trait Dialect {
    /// The placeholder of the `n`th argument, counted from 1 (`?1`, `$1`).
    fn placeholder(&self, n: usize) -> String;

    /// The condition that finds `search` (as the person typed it) in the customer's folded text
    /// ([`crate::search::SEARCH_TEXT`]), binding its arguments through `bind`; `None` when the text is
    /// empty once folded.
    fn search(&self, search: &str, bind: &mut dyn FnMut(SqlValue) -> String) -> Option<String>;

    /// `c.country` equal to the bound code (`placeholder`) without regard to case.
    fn country_equals(&self, placeholder: &str) -> String;
}

/// A `WHERE` clause (empty when nothing is filtered) and its arguments, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// `WHERE …`, or empty.
    pub clause: String,
    /// The arguments of the clause's placeholders, from the first.
    pub args: Vec<SqlValue>,
}

impl Filter {
    /// Binds one more argument after the clause's (a limit, an offset) and returns its placeholder.
    pub fn bind(&mut self, dialect: &dyn Dialect, value: SqlValue) -> String {
        self.args.push(value);
        dialect.placeholder(self.args.len())
    }
}

/// The filter of a customer query (its sort and page aside).
pub fn customer_filter(q: &CustomerQuery, dialect: &dyn Dialect) -> Filter {
    let mut conditions = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let mut bind = |v: SqlValue| {
        args.push(v);
        dialect.placeholder(args.len())
    };
    // A phone typed in any form is looked for by its digits, which every stored form of it contains.
    let search = q.search.as_deref().map(|s| ladder_domain::phone::search_digits(s).unwrap_or_else(|| s.to_owned()));
    if let Some(search) = search.as_deref().and_then(|s| dialect.search(s, &mut bind)) {
        conditions.push(search);
    }
    let text = |v: &str| SqlValue::Text(v.to_owned());
    if let Some(rung) = q.rung {
        conditions.push(format!("s.rung = {}", bind(text(rung.as_str()))));
    }
    if let Some(state) = q.state {
        conditions.push(format!("s.state = {}", bind(text(state.as_str()))));
    }
    if let Some(segment) = q.segment {
        conditions.push(format!("s.rfm_segment = {}", bind(text(segment.as_str()))));
    }
    if let Some(country) = &q.country {
        let p = bind(text(country));
        conditions.push(dialect.country_equals(&p));
    }
    if !q.ids.is_empty() {
        let list: Vec<String> = q.ids.iter().map(|id| bind(SqlValue::Int(id.0))).collect();
        conditions.push(format!("c.id IN ({})", list.join(", ")));
    }
    if let Some(tag) = &q.tag {
        // `IN`, not `EXISTS`: the planner then starts from the tag's index instead of every customer.
        conditions
            .push(format!("c.id IN (SELECT t.customer_id FROM customer_tags t WHERE t.tag = {})", bind(text(tag))));
    }
    if let Some(channel) = q.consent {
        // One row per channel holds the latest answer.
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = {} AND k.purpose = 'marketing' AND k.granted = TRUE)",
            bind(text(channel.as_str()))
        ));
    }
    if let Some(min) = q.min_clv_minor {
        conditions.push(format!("s.clv_minor >= {}", bind(SqlValue::Int(min))));
    }
    if let Some(max) = q.max_clv_minor {
        conditions.push(format!("s.clv_minor <= {}", bind(SqlValue::Int(max))));
    }
    if let Some(min) = q.min_orders {
        conditions.push(format!("COALESCE(s.orders, 0) >= {}", bind(SqlValue::Int(i64::from(min)))));
    }
    if let Some(max) = q.max_orders {
        conditions.push(format!("COALESCE(s.orders, 0) <= {}", bind(SqlValue::Int(i64::from(max)))));
    }
    if q.no_event_buyers {
        conditions.push("COALESCE(s.event_buyer, FALSE) = FALSE".to_owned());
    }
    if let Some(product) = &q.product {
        let p = bind(text(product));
        conditions.push(format!(
            "c.id IN (SELECT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                      JOIN products p ON p.id = l.product_id
                      WHERE o.status = 'completed' AND (p.sku = {p} OR p.category = {p}))"
        ));
    }
    let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    Filter { clause, args }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ladder_domain::{Channel, Rung};

    struct Numbered;
    impl Dialect for Numbered {
        fn placeholder(&self, n: usize) -> String {
            format!("${n}")
        }
        fn search(&self, search: &str, bind: &mut dyn FnMut(SqlValue) -> String) -> Option<String> {
            let p = crate::search::like_pattern(search)?;
            Some(format!("text LIKE {}", bind(SqlValue::Text(p))))
        }
        fn country_equals(&self, placeholder: &str) -> String {
            format!("upper(c.country) = upper({placeholder})")
        }
    }

    #[test]
    fn an_empty_query_filters_nothing() {
        assert_eq!(customer_filter(&CustomerQuery::default(), &Numbered), Filter::default());
    }

    #[test]
    fn conditions_and_arguments_come_in_one_order() {
        let q = CustomerQuery {
            search: Some("Ольга".into()),
            rung: Some(Rung::Loyal),
            country: Some("il".into()),
            consent: Some(Channel::Sms),
            min_orders: Some(3),
            ..CustomerQuery::default()
        };
        let mut f = customer_filter(&q, &Numbered);
        assert!(
            f.clause.starts_with("WHERE text LIKE $1 AND s.rung = $2 AND upper(c.country) = upper($3)"),
            "{}",
            f.clause
        );
        assert!(
            f.clause.contains("k.channel = $4") && f.clause.ends_with("COALESCE(s.orders, 0) >= $5"),
            "{}",
            f.clause
        );
        assert_eq!(
            f.args,
            [
                SqlValue::Text("%ольга%".into()),
                SqlValue::Text("loyal".into()),
                SqlValue::Text("il".into()),
                SqlValue::Text("sms".into()),
                SqlValue::Int(3)
            ]
        );
        assert_eq!(f.bind(&Numbered, SqlValue::Int(50)), "$6");
    }
}
