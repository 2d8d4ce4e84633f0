//! The outbox's SQL that both backends share word for word (their placeholders aside).

/// The columns of a message as read, over `outbox o JOIN customers c`.
pub const MESSAGE_COLUMNS: &str = "o.id, o.cause, o.customer_id, c.external_id, o.channel, o.template, \
     o.template_version, o.language, o.purpose, o.status, o.reason, o.not_before, o.attempts, o.message_id, \
     o.created_at, o.sent_at";

/// A message's fixed Message-ID, from what makes it one message: the cause (its letters and digits),
/// the customer and the channel.
pub fn message_id(cause: &str, customer: i64, channel: &str, domain: &str) -> String {
    let cause: String = cause.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("<ladder.{cause}.{customer}.{channel}@{domain}>")
}
