//! A broadcast: one template sent to an audience on one channel — a newsletter, a seasonal offer. Who
//! receives it is decided for each customer when it is enqueued ([`crate::messaging::decide`]); what
//! became of each message is the outbox's.

use crate::customer::Channel;
use crate::ladder::{CustomerState, Rung};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whom a broadcast is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Audience {
    /// Every customer (each still needs consent for an offer).
    All,
    /// The members of a saved segment.
    Segment {
        /// The segment's id.
        id: i64,
    },
    /// The customers on a rung, in a state if given.
    Rung {
        /// The rung.
        rung: Rung,
        /// Only this state.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<CustomerState>,
    },
    /// The customers subscribed to the newsletter on the broadcast's channel.
    Newsletter,
}

impl Audience {
    /// The audience in a few words, for lists and reports.
    pub fn describe(&self) -> String {
        match self {
            Self::All => "all customers".to_owned(),
            Self::Segment { id } => format!("segment {id}"),
            Self::Rung { rung, state: None } => format!("rung {}", rung.as_str()),
            Self::Rung { rung, state: Some(s) } => format!("rung {}, {}", rung.as_str(), s.as_str()),
            Self::Newsletter => "newsletter subscribers".to_owned(),
        }
    }
}

crate::string_enum! {
    /// Where a broadcast stands.
    BroadcastStatus {
        /// Composed, not sent: its counts can be previewed.
        Draft = "draft",
        /// Asked to be sent: its job enqueues the messages.
        Queued = "queued",
        /// Its messages are in the outbox.
        Enqueued = "enqueued",
        /// Called off before it was sent.
        Cancelled = "cancelled",
    }
}

/// A broadcast as composed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broadcast {
    /// Its id.
    pub id: i64,
    /// Its name, for the shop (the template's unless given).
    pub name: String,
    /// The template's name.
    pub template: String,
    /// The channel.
    pub channel: Channel,
    /// Whom it is for.
    pub audience: Audience,
    /// The campaign code that orders it brings carry, counted in the campaign report.
    pub campaign_code: Option<String>,
    /// Not before this time (now when not given).
    pub send_at: Option<DateTime<Utc>>,
    /// Where it stands.
    pub status: BroadcastStatus,
    /// Who composed it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When its messages were enqueued.
    pub enqueued_at: Option<DateTime<Utc>>,
    /// How many messages were enqueued (skipped ones included).
    pub enqueued: u64,
    /// Whether a message the caps would skip waits until they free instead (the sender's choice).
    pub defer_capped: bool,
}

/// The cause of a broadcast's messages in the outbox.
pub fn cause(id: i64) -> String {
    format!("broadcast:{id}")
}
