//! Addresses that get nothing, whatever their consent says: reported by the mail server (a 5xx
//! answer), by a provider's webhook (a bounce, a spam complaint, an invalid number) or blocked by the
//! shop. Kept by the hash of the address's one form ([`ladder_domain::messaging::address_key`]).

use crate::{Actor, App, AppError, change, require};
use ladder_domain::Channel;
use ladder_domain::Permission;
use ladder_domain::audit::Action;
use ladder_domain::messaging::{SuppressionReason, address_key, masked};
use ladder_domain::validate::{self, FieldError, Problem};
use ladder_store::{Store, StoreResult, Suppression, WriteOutcome};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The key an address is suppressed under: the SHA-256 of its channel and one form.
pub(crate) fn key_of(channel: Channel, normal: &str) -> String {
    let digest = Sha256::digest(format!("{}:{normal}", channel.as_str()).as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The address's one form, or a field error naming it.
fn normal(channel: Channel, address: &str, country: Option<&str>) -> Result<String, AppError> {
    address_key(channel, address, country).ok_or_else(|| {
        let problem = if channel == Channel::Email { Problem::NotEmail } else { Problem::NotPhone };
        FieldError::new("address", problem).into()
    })
}

/// Blocks `address` on `channel` for `reason`; one blocked before keeps its first reason. Returns
/// whether it was new.
pub fn suppress(
    app: &App,
    actor: &Actor,
    channel: Channel,
    address: &str,
    reason: SuppressionReason,
    detail: Option<&str>,
    source: &str,
) -> Result<WriteOutcome, AppError> {
    require(actor, Permission::EditCustomers)?;
    let normal = normal(channel, address, None)?;
    if let Some(detail) = detail {
        validate::optional_text(detail, validate::LONG_TEXT).map_err(|p| FieldError::new("detail", p))?;
    }
    let suppression = Suppression {
        channel,
        key: key_of(channel, &normal),
        hint: masked(&normal),
        reason,
        at: app.now(),
        source: source.to_owned(),
        detail: detail.map(str::to_owned).filter(|d| !d.trim().is_empty()),
    };
    change(app, actor, |tx, _| {
        let outcome = tx.suppress(&suppression)?;
        let actions = if outcome == WriteOutcome::Inserted {
            vec![Action::AddressSuppressed { channel, hint: suppression.hint.clone(), reason }]
        } else {
            Vec::new()
        };
        Ok((outcome, actions))
    })
}

/// Unblocks `address` on `channel`; whether it was blocked.
pub fn lift(app: &App, actor: &Actor, channel: Channel, address: &str) -> Result<bool, AppError> {
    require(actor, Permission::EditCustomers)?;
    let normal = normal(channel, address, None)?;
    let hint = masked(&normal);
    change(app, actor, |tx, _| {
        let lifted = tx.lift_suppression(channel, &key_of(channel, &normal))?;
        let actions = if lifted { vec![Action::AddressUnsuppressed { channel, hint }] } else { Vec::new() };
        Ok((lifted, actions))
    })
}

/// Whether `address` (read in `country` when it is a number without a country code) is blocked.
pub fn is_suppressed(store: &dyn Store, channel: Channel, address: &str, country: Option<&str>) -> StoreResult<bool> {
    let Some(normal) = address_key(channel, address, country) else { return Ok(false) };
    Ok(!store.suppressed_keys(channel, &[key_of(channel, &normal)])?.is_empty())
}
