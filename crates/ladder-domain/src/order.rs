//! Orders and their lines.

use crate::customer::string_enum;
use crate::money::Currency;
use chrono::{DateTime, Utc};

string_enum! {
    /// Where an order stands. Only completed orders count as purchases.
    OrderStatus { Completed = "completed" | "complete" | "paid", Cancelled = "cancelled" | "canceled", Refunded = "refunded" }
}

impl OrderStatus {
    /// Whether the order counts as a purchase for the ladder, RFM and revenue.
    pub fn counts(self) -> bool {
        self == OrderStatus::Completed
    }
}

/// A purchase by one customer at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The business's own order id.
    pub external_id: String,
    /// The customer's external id.
    pub customer_external_id: String,
    /// When it was placed.
    pub ordered_at: DateTime<Utc>,
    /// The currency of every line.
    pub currency: Currency,
    /// The campaign or coupon code it carried.
    pub campaign_code: Option<String>,
    /// A gift or one-time event purchase: kept out of preference learning and category targeting.
    pub one_off: bool,
    /// Completed, cancelled or refunded.
    pub status: OrderStatus,
    /// What was bought.
    pub lines: Vec<OrderLine>,
}

impl Order {
    /// The order's total in minor units, or `None` on overflow.
    pub fn total_minor(&self) -> Option<i64> {
        self.lines.iter().try_fold(0i64, |acc, l| acc.checked_add(l.quantity.checked_mul(l.unit_price_minor)?))
    }
}

/// One product line of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    /// The product's SKU; one SKU may sit on several lines of an order (a gift, another price).
    pub sku: String,
    /// The product's name, when the file gives it.
    pub product_name: Option<String>,
    /// The product's category, when the file gives it.
    pub category: Option<String>,
    /// How many.
    pub quantity: i64,
    /// Price of one, in minor units of the order's currency.
    pub unit_price_minor: i64,
}
