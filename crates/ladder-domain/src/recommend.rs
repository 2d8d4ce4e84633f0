//! The product a message suggests (`recommended_product`), until the recommendations capability comes:
//! the best-selling product of the customer's most-bought category, within the prices they usually pay,
//! never from a category they bought only on a one-off occasion, and never one they already have —
//! unless it is a consumable people buy again.

use serde::Serialize;

/// A product as the shop sells it, from its completed orders (one-off occasions left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BestSeller {
    /// Its SKU.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: String,
    /// Customers who bought it.
    pub buyers: u64,
    /// Of them, the ones who bought it in two orders or more.
    pub repeat_buyers: u64,
    /// The price it usually sells at (the median of its lines' unit prices), minor units.
    pub price_minor: i64,
}

impl BestSeller {
    /// Whether people buy it again (coffee beans, not a grinder): a quarter of its buyers, and at least
    /// three people, bought it twice or more.
    pub fn is_consumable(&self) -> bool {
        self.repeat_buyers >= 3 && self.repeat_buyers * 4 >= self.buyers
    }
}

/// A line the customer bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bought<'a> {
    /// The product's SKU.
    pub sku: &'a str,
    /// Its category.
    pub category: Option<&'a str>,
    /// How many.
    pub quantity: i64,
    /// The price of one, minor units.
    pub unit_price_minor: i64,
    /// Whether its order was a one-off occasion (a gift, an event).
    pub one_off: bool,
}

/// The product to suggest to a customer who bought `bought`, from the shop's `best_sellers` (best first);
/// none when they bought nothing beyond one-off occasions, or nothing fits.
///
/// Their category is the one they bought most units of in orders that were not one-off; their price
/// range is the unit prices they paid there, widened by a quarter each way (a customer of 12-euro beans
/// is shown a 14-euro bag, not a 90-euro machine).
pub fn recommended<'a>(bought: &[Bought<'_>], best_sellers: &'a [BestSeller]) -> Option<&'a BestSeller> {
    let mut units: Vec<(&str, i64)> = Vec::new();
    for line in bought.iter().filter(|l| !l.one_off) {
        let Some(category) = line.category.filter(|c| !c.trim().is_empty()) else { continue };
        match units.iter_mut().find(|(c, _)| *c == category) {
            Some((_, n)) => *n = n.saturating_add(line.quantity.max(1)),
            None => units.push((category, line.quantity.max(1))),
        }
    }
    // Most units, ties to the name: the same customer always gets the same suggestion.
    let (category, _) = units.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    let prices: Vec<i64> =
        bought.iter().filter(|l| !l.one_off && l.category == Some(category)).map(|l| l.unit_price_minor).collect();
    let (low, high) = (prices.iter().min()?, prices.iter().max()?);
    let (low, high) = (low.saturating_sub(low / 4), high.saturating_add(high / 4));
    best_sellers.iter().find(|p| {
        p.category == category
            && (low..=high).contains(&p.price_minor)
            && (p.is_consumable() || !bought.iter().any(|l| l.sku == p.sku))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(sku: &str, category: &str, buyers: u64, repeat_buyers: u64, price_minor: i64) -> BestSeller {
        BestSeller {
            sku: sku.into(),
            name: format!("Product {sku}"),
            category: category.into(),
            buyers,
            repeat_buyers,
            price_minor,
        }
    }

    fn line<'a>(sku: &'a str, category: &'a str, quantity: i64, price: i64, one_off: bool) -> Bought<'a> {
        Bought { sku, category: Some(category), quantity, unit_price_minor: price, one_off }
    }

    #[test]
    fn the_best_seller_of_their_category_in_their_price_range_that_they_do_not_have() {
        let shop = [
            product("MACHINE", "coffee", 500, 0, 45_000),
            product("GRINDER", "coffee", 400, 2, 1_300),
            product("BEANS", "coffee", 300, 150, 1_200),
            product("TEA", "tea", 900, 400, 800),
            product("MUG", "coffee", 100, 1, 1_100),
        ];
        let bought = [line("BEANS", "coffee", 3, 1_200, false), line("TEA", "tea", 1, 800, false)];
        // The machine is far above their prices; the grinder fits; beans they have but buy again.
        let got = recommended(&bought, &shop).expect("a suggestion");
        assert_eq!(got.sku, "GRINDER");
        let has_grinder = [line("BEANS", "coffee", 3, 1_200, false), line("GRINDER", "coffee", 1, 1_300, false)];
        assert_eq!(recommended(&has_grinder, &shop).map(|p| p.sku.as_str()), Some("BEANS"), "a consumable again");
        assert!(shop[2].is_consumable() && !shop[1].is_consumable());
    }

    #[test]
    fn a_one_off_occasion_is_not_a_preference() {
        let shop = [product("ROSES", "flowers", 900, 10, 1_000), product("BEANS", "coffee", 300, 150, 1_200)];
        let bought = [line("ROSES", "flowers", 10, 1_000, true), line("BEANS", "coffee", 1, 1_200, false)];
        assert_eq!(recommended(&bought, &shop).map(|p| p.sku.as_str()), Some("BEANS"));
        let only_gifts = [line("ROSES", "flowers", 10, 1_000, true)];
        assert_eq!(recommended(&only_gifts, &shop), None, "nothing to go on");
        assert_eq!(recommended(&[], &shop), None);
    }
}
