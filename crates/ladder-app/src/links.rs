//! The links a message carries for its customer — one-click unsubscribe and the preference page —
//! signed so that nobody can make one for another customer, and working without a sign-in. The key is
//! made once and kept in the database, so that every worker and web instance signs and checks alike.

use crate::{App, AppError};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use ladder_domain::Channel;
use ladder_domain::consent::Purpose;
use sha2::Sha256;

/// The name the links' key is kept under.
const KEY_NAME: &str = "links";

/// Bytes of the signature a link carries (128 bits: enough against guessing, short in a text message).
const SIGNATURE_BYTES: usize = 16;

/// What a link stands for: a customer's answer on a channel for a purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSubject {
    /// The customer's id.
    pub customer_id: String,
    /// The channel the message came by.
    pub channel: Channel,
    /// The purpose it was for.
    pub purpose: Purpose,
}

/// Signs and checks links with the shop's key.
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner { key: [hidden] }")
    }
}

impl LinkSigner {
    /// The signer with the key kept in the database, made now if there is none.
    pub fn of(app: &App) -> Result<Self, AppError> {
        let key = match app.store().signing_key(KEY_NAME)? {
            Some(key) => key,
            None => {
                let mut fresh = [0u8; 32];
                getrandom::fill(&mut fresh)
                    .map_err(|e| AppError::Conflict(format!("no randomness on this machine: {e}")))?;
                let mut tx = app.store().begin()?;
                let kept = tx.keep_signing_key(KEY_NAME, &hex(&fresh), app.now())?;
                tx.commit()?;
                kept
            }
        };
        Ok(Self { key: key.into_bytes() })
    }

    fn signature(&self, payload: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(payload.as_bytes());
        mac.finalize().into_bytes()[..SIGNATURE_BYTES].to_vec()
    }

    /// The token of a link: `QzE3-email-marketing-<signature>` (the customer's id in URL-safe base64: an
    /// id may hold any character).
    pub fn token(&self, subject: &LinkSubject) -> String {
        let id = URL_SAFE_NO_PAD.encode(subject.customer_id.as_bytes());
        let payload = format!("{id}-{}-{}", subject.channel.as_str(), subject.purpose.as_str());
        let signature = hex(&self.signature(&payload));
        format!("{payload}-{signature}")
    }

    /// A token's payload, if Ladder signed it (`payload-<signature>`), compared in constant time.
    fn signed<'a>(&self, token: &'a str) -> Option<&'a str> {
        let (payload, signature) = token.rsplit_once('-')?;
        let given = unhex(signature)?;
        if given.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).ok()?;
        mac.update(payload.as_bytes());
        mac.verify_truncated_left(&given).ok()?;
        Some(payload)
    }

    /// The token of a tracked link: the `n`-th web address of outbox message `id` (`c17.2-<signature>`).
    pub fn click_token(&self, id: i64, n: usize) -> String {
        let payload = format!("c{id}.{n}");
        format!("{payload}-{}", hex(&self.signature(&payload)))
    }

    /// The message and address a click token stands for, if Ladder signed it.
    pub fn verify_click(&self, token: &str) -> Option<(i64, u32)> {
        let (id, n) = self.signed(token)?.strip_prefix('c')?.split_once('.')?;
        Some((id.parse().ok()?, n.parse().ok()?))
    }

    /// The token of a member's card link: `k274…-<signature>` (the card number, so that a replaced card's
    /// link stops working with the card).
    pub fn card_token(&self, card_number: &str) -> String {
        let payload = format!("k{card_number}");
        format!("{payload}-{}", hex(&self.signature(&payload)))
    }

    /// The card number a card token stands for, if Ladder signed it.
    pub fn verify_card(&self, token: &str) -> Option<String> {
        let number = self.signed(token)?.strip_prefix('k')?;
        number.bytes().all(|b| b.is_ascii_digit()).then(|| number.to_owned())
    }

    /// What a token stands for, if Ladder signed it.
    pub fn verify(&self, token: &str) -> Option<LinkSubject> {
        let mut parts = self.signed(token)?.rsplitn(3, '-');
        let purpose = Purpose::parse(parts.next()?)?;
        let channel = Channel::parse(parts.next()?)?;
        let customer_id = String::from_utf8(URL_SAFE_NO_PAD.decode(parts.next()?).ok()?).ok()?;
        Some(LinkSubject { customer_id, channel, purpose })
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// The links of one message, under `public_url` (`https://shop.example/ladder`), with the member's card
/// link when they hold `card_number`.
pub fn links_for(
    signer: &LinkSigner,
    public_url: &str,
    subject: &LinkSubject,
    card_number: Option<&str>,
) -> crate::templates::Links {
    let base = public_url.trim_end_matches('/');
    let token = signer.token(subject);
    crate::templates::Links {
        unsubscribe: format!("{base}/u/{token}"),
        preferences: format!("{base}/preferences/{token}"),
        card: card_number.map(|n| format!("{base}/card/{}", signer.card_token(n))),
    }
}

/// Whether `url` may be the base of the links customers get: https, or http on a loopback address (a
/// test, or a shop trying Ladder on its own machine).
pub fn check_public_url(url: &str) -> Result<(), String> {
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, port)| if port.parse::<u16>().is_ok() { h } else { host });
        let loopback = matches!(host, "localhost" | "[::1]") || host.starts_with("127.");
        if !loopback {
            return Err(format!(
                "public_url {url:?} is http: customers' links must be https (http is accepted only for a loopback address)"
            ));
        }
        rest
    } else {
        return Err(format!("public_url {url:?} is not a web address (https://…)"));
    };
    if rest.split(['/', '?', '#']).next().unwrap_or_default().is_empty() {
        return Err(format!("public_url {url:?} names no host"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(key: &str) -> LinkSigner {
        LinkSigner { key: key.as_bytes().to_vec() }
    }

    #[test]
    fn a_token_stands_for_its_subject_and_no_other() {
        let s = signer("k1");
        let subject =
            LinkSubject { customer_id: "C-17/ä".into(), channel: Channel::Email, purpose: Purpose::Marketing };
        let token = s.token(&subject);
        assert!(token.contains("-email-marketing-") && token.is_ascii() && !token.contains('/'), "{token}");
        assert_eq!(s.verify(&token), Some(subject.clone()));
        let other = s.token(&LinkSubject { customer_id: "C-18/ä".into(), ..subject.clone() });
        let forged = format!(
            "{}{}",
            &other[..other.rfind('-').expect("dash") + 1],
            &token[token.rfind('-').expect("dash") + 1..]
        );
        assert_eq!(s.verify(&forged), None, "another customer's link cannot be made by changing the id");
        assert_eq!(signer("k2").verify(&token), None, "another key does not accept it");
        assert_eq!(s.verify(&token[..token.len() - 2]), None, "a shortened signature is refused");
        assert_eq!(s.verify("nonsense"), None);
        assert!(!format!("{s:?}").contains("k1"), "the key stays out of Debug");
    }

    #[test]
    fn public_urls_are_https_or_loopback_http() {
        assert!(check_public_url("https://shop.example/ladder").is_ok());
        assert!(check_public_url("http://127.0.0.1:8080").is_ok());
        assert!(check_public_url("http://localhost:3000/").is_ok());
        assert!(check_public_url("http://shop.example").unwrap_err().contains("https"));
        assert!(check_public_url("shop.example").is_err());
        assert!(check_public_url("https://").is_err());
    }
}
