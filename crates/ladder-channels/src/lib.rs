//! Ladder's ways out — the only crate with outbound network IO and the secrets it needs: email over
//! SMTP ([`email`], connections in [`smtp`]) and text messages through an HTTP gateway ([`sms`]), each a
//! [`ladder_app::delivery::Transport`] the outbox's dispatcher sends through; and printed letters and
//! address labels as PDF ([`letter`]); a club member's card to print ([`card`]).
#![deny(missing_docs)]

pub mod card;
pub mod email;
pub mod fax;
pub mod letter;
pub mod sms;
pub mod smtp;

/// Why a channel cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    /// The configuration is wrong; the text says which setting and what to do.
    #[error("{0}")]
    Config(String),
}
