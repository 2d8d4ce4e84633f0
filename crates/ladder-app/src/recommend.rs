//! The product a message suggests to a customer (`recommended_product`), chosen by
//! [`ladder_domain::recommend::recommended`] from the shop's best sellers. Over ten million order lines
//! the best sellers take seconds to count, so each app keeps them for ten minutes: a broadcast's
//! messages and a template's live preview all read the same list.

use crate::App;
use ladder_domain::recommend::{BestSeller, Bought, recommended};
use ladder_store::{CustomerDetail, StoreError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the best sellers are kept.
const FRESH_FOR: Duration = Duration::from_secs(600);

/// Products read per count: enough for every category a shop has, the best first.
const COUNTED: u32 = 2_000;

/// The best sellers an app counted, and when.
#[derive(Default)]
pub struct Cached(Mutex<Option<(Instant, Arc<Vec<BestSeller>>)>>);

impl App {
    /// The shop's best sellers, counted at most ten minutes ago.
    pub fn best_sellers(&self) -> Result<Arc<Vec<BestSeller>>, StoreError> {
        let mut kept = self.best_sellers.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((at, list)) = kept.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return Ok(list.clone());
        }
        let list = Arc::new(self.store().best_sellers(COUNTED)?);
        *kept = Some((Instant::now(), list.clone()));
        Ok(list)
    }
}

/// The product to suggest to the customer of `detail`, if one fits.
pub fn for_customer(app: &App, detail: &CustomerDetail) -> Result<Option<BestSeller>, StoreError> {
    let bought: Vec<Bought<'_>> = detail
        .orders
        .iter()
        .filter(|o| o.status == ladder_domain::OrderStatus::Completed)
        .flat_map(|o| {
            o.lines.iter().map(move |l| Bought {
                sku: &l.sku,
                category: l.category.as_deref(),
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
                one_off: o.one_off,
            })
        })
        .collect();
    let best = app.best_sellers()?;
    Ok(recommended(&bought, &best).cloned())
}
