//! Fax through an email-to-fax gateway: the message laid out as a letter (the same PDF as the post's),
//! attached to an email sent to an address the gateway makes from the number (`{digits}@fax.example`),
//! through the shop's SMTP server. Fax has its own consent, checked like every channel's.

use crate::ChannelError;
use crate::email::{MailBuilder, SmtpSettings};
use crate::letter::{Letter, Letterhead, Paper, letters_pdf};
use crate::smtp::SmtpClient;
use ladder_app::delivery::{Outgoing, SendError, Transport};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

/// How to reach the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaxSettings {
    /// The gateway's address for a number: `{digits}` (without the `+`) or `{e164}` in it.
    pub address_pattern: String,
    /// Who sends them, and the letterhead.
    pub letterhead: Letterhead,
    /// The paper.
    pub paper: Paper,
}

/// Faxes through an email gateway.
pub struct FaxSender {
    settings: FaxSettings,
    from: Mailbox,
    client: SmtpClient,
}

impl FaxSender {
    /// A sender through the SMTP server of `smtp`.
    pub fn new(smtp: &SmtpSettings, settings: FaxSettings) -> Result<Self, ChannelError> {
        if !settings.address_pattern.contains("{digits}") && !settings.address_pattern.contains("{e164}") {
            return Err(ChannelError::Config(format!(
                "fax.address_pattern {:?} has no {{digits}} or {{e164}}: write the gateway's address for a number, such as {{digits}}@fax.example",
                settings.address_pattern
            )));
        }
        // The sender's address is checked as the mail's is.
        MailBuilder::new(&smtp.from, None)?;
        let from: Mailbox = smtp.from.parse().map_err(|e| ChannelError::Config(format!("mail_from: {e}")))?;
        let client = SmtpClient::new(&smtp.url, 2)?;
        Ok(Self { settings, from, client })
    }

    /// The gateway's address for a number in E.164.
    pub fn address_for(&self, e164: &str) -> String {
        let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
        self.settings.address_pattern.replace("{digits}", &digits).replace("{e164}", e164)
    }
}

impl Transport for FaxSender {
    fn send(&self, m: &Outgoing) -> Result<(), SendError> {
        let letter = Letter {
            address: m.to_name.iter().cloned().chain(std::iter::once(m.to.clone())).collect(),
            date: String::new(),
            body: m.body.clone(),
            right_to_left: m.right_to_left,
            footer: Vec::new(),
        };
        let pdf = letters_pdf(&self.settings.letterhead, &[letter], self.settings.paper).map_err(SendError::Retry)?;
        let to: Mailbox = self.address_for(&m.to).parse().map_err(|e| SendError::Rejected(format!("{}: {e}", m.to)))?;
        let subject = m.subject.clone().unwrap_or_else(|| self.settings.letterhead.name.clone());
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(m.message_id.clone()))
            .multipart(MultiPart::mixed().singlepart(SinglePart::plain(String::new())).singlepart(
                Attachment::new("fax.pdf".into()).body(pdf, ContentType::parse("application/pdf").expect("a type")),
            ))
            .map_err(|e| SendError::Rejected(e.to_string()))?;
        self.client.send(&message).map_err(SendError::from)
    }
}
