//! Deliverability suppressions: kept per channel and address, the first report standing, liftable.

use crate::support::*;
use ladder_domain::messaging::SuppressionReason;
use ladder_store::Suppression;

fn bounce(channel: Channel, key: &str, at: &str, reason: SuppressionReason) -> Suppression {
    Suppression {
        channel,
        key: key.to_owned(),
        hint: format!("{}***", &key[..1]),
        reason,
        at: ts(at),
        source: "smtp".to_owned(),
        detail: Some("550 5.1.1 user unknown".to_owned()),
    }
}

/// An address suppressed on one channel is suppressed there only; the first report stands; a lifted
/// suppression is gone; the list is newest first.
pub fn suppressions_are_kept_per_channel_and_address(store: &dyn Store) {
    let first = bounce(Channel::Email, "k-dana", "2025-07-01T10:00:00Z", SuppressionReason::HardBounce);
    let again = bounce(Channel::Email, "k-dana", "2025-07-02T10:00:00Z", SuppressionReason::Complaint);
    let sms = bounce(Channel::Sms, "k-noa", "2025-07-03T10:00:00Z", SuppressionReason::InvalidNumber);
    assert_eq!(write(store, |tx| tx.suppress(&first)).expect("suppress"), WriteOutcome::Inserted);
    assert_eq!(write(store, |tx| tx.suppress(&again)).expect("again"), WriteOutcome::Unchanged);
    write(store, |tx| tx.suppress(&sms)).expect("sms");
    let keys = ["k-dana".to_owned(), "k-noa".to_owned(), "k-other".to_owned()];
    assert_eq!(store.suppressed_keys(Channel::Email, &keys).expect("read"), ["k-dana"]);
    assert_eq!(store.suppressed_keys(Channel::Sms, &keys).expect("read"), ["k-noa"]);
    assert_eq!(store.suppressions(10).expect("list"), [sms.clone(), first.clone()], "newest first, the first report");
    assert!(write(store, |tx| tx.lift_suppression(Channel::Email, "k-dana")).expect("lift"));
    assert!(!write(store, |tx| tx.lift_suppression(Channel::Email, "k-dana")).expect("lift again"));
    assert!(store.suppressed_keys(Channel::Email, &keys).expect("read").is_empty());
    let mut tx = store.begin().expect("begin");
    tx.suppress(&first).expect("suppress");
    drop(tx);
    assert!(store.suppressed_keys(Channel::Email, &keys).expect("read").is_empty(), "a dropped unit of work");
}
