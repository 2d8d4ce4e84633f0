//! The messaging gate for many customers at once — what a broadcast and a playbook's message step both
//! pass through: the contact log read once, suppressions looked up per thousand members, the customers
//! in recovery from a complaint known, and each message decided by the domain's rules (address,
//! suppression, consent, recovery, caps, quiet hours, the days after a purchase).

use crate::AppError;
use chrono::{DateTime, Duration, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::{MessagePurpose, PastContact, Recipient, Verdict, address_key, time_zone_of};
use ladder_domain::shop::ShopSettings;
use ladder_store::{AudienceMember, CustomerId, Store};
use std::collections::{HashMap, HashSet};

/// The domain's decision: [`ladder_domain::messaging::decide`] or its deferring form.
pub(crate) type Decider = fn(
    &ladder_domain::messaging::SendingRules,
    Option<&str>,
    &Recipient<'_>,
    Channel,
    MessagePurpose,
    DateTime<Utc>,
) -> Verdict;

/// What deciding needs besides the members, read once for a whole send.
pub(crate) struct Gate {
    /// The shop's settings and sending rules.
    pub shop: ShopSettings,
    contacts: HashMap<CustomerId, Vec<PastContact>>,
    in_recovery: HashSet<CustomerId>,
}

impl Gate {
    /// Reads the contact log of the longest window the caps look back over from `now` — of everyone, or
    /// of one customer — and who is in recovery.
    pub(crate) fn load(store: &dyn Store, now: DateTime<Utc>, only: Option<CustomerId>) -> Result<Self, AppError> {
        let shop = store.shop_settings()?;
        let rules = &shop.sending;
        let back = Duration::days(i64::from(rules.marketing_period_days))
            .max(Duration::hours(i64::from(rules.email_window_hours.max(rules.sms_window_hours))));
        let mut contacts: HashMap<CustomerId, Vec<PastContact>> = HashMap::new();
        match only {
            Some(customer) => {
                contacts.insert(customer, store.customer_contacts(customer, now - back)?);
            }
            None => {
                store.each_contact(now - back, &mut |customer, contact| {
                    contacts.entry(customer).or_default().push(contact);
                    Ok(true)
                })?;
            }
        }
        let in_recovery = crate::playbooks::tasks::in_recovery(store, now)?;
        Ok(Self { shop, contacts, in_recovery })
    }

    /// Puts a customer in recovery for the rest of this send (their complaint's task was just made).
    pub(crate) fn recovering(&mut self, customer: CustomerId) {
        self.in_recovery.insert(customer);
    }

    /// Records a message decided to go, so that the caps count it for the next decisions of this send.
    pub(crate) fn count(&mut self, customer: CustomerId, contact: PastContact) {
        self.contacts.entry(customer).or_default().push(contact);
    }

    /// The verdict for each member, in order, for a message of `purpose` on `channel` at `at`.
    pub(crate) fn decide(
        &self,
        store: &dyn Store,
        members: &[AudienceMember],
        channel: Channel,
        purpose: MessagePurpose,
        at: DateTime<Utc>,
        decider: Decider,
    ) -> Result<Vec<Verdict>, AppError> {
        let shop = &self.shop;
        let keys: Vec<Option<String>> = members
            .iter()
            .map(|m| {
                let address = m.address.as_deref().filter(|a| !a.trim().is_empty())?;
                address_key(channel, address, m.country.as_deref().or(shop.country.as_deref()))
                    .map(|normal| crate::deliverability::key_of(channel, &normal))
            })
            .collect();
        let wanted: Vec<String> = keys.iter().flatten().cloned().collect();
        let suppressed: HashSet<String> = store.suppressed_keys(channel, &wanted)?.into_iter().collect();
        let shop_tz = shop.tz();
        let none = Vec::new();
        Ok(members
            .iter()
            .zip(keys)
            .map(|(m, key)| {
                let country = m.country.as_deref();
                let recipient = Recipient {
                    country,
                    has_address: m.address.as_deref().is_some_and(|a| !a.trim().is_empty()),
                    consent: m.consent,
                    bought_before: m.last_order.is_some(),
                    suppressed: key.as_ref().is_some_and(|k| suppressed.contains(k)),
                    last_order: m.last_order,
                    time_zone: time_zone_of(country.or(shop.country.as_deref()), shop_tz),
                    contacts: self.contacts.get(&m.customer).unwrap_or(&none),
                    in_recovery: self.in_recovery.contains(&m.customer),
                };
                decider(&shop.sending, shop.country.as_deref(), &recipient, channel, purpose, at)
            })
            .collect())
    }
}
