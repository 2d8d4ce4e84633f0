//! Email over SMTP: `smtp://` (plain, or STARTTLS with `?tls=required`), `smtps://`, AUTH from the URL's
//! user and password, a pool of connections ([`crate::smtp`]), and DKIM signing (Ed25519 or RSA) from a key file. Each
//! message has a plain-text and an HTML part; right-to-left ones carry `dir` and `lang` on the root and
//! inline `direction: rtl; text-align: right` on the body, which Gmail needs; marketing mail carries
//! `List-Unsubscribe` (the one-click HTTPS link and a mailto) with `List-Unsubscribe-Post`
//! (RFC 8058), both covered by the signature.

use crate::ChannelError;
use crate::smtp::{SmtpClient, SmtpFailure};
use ladder_app::delivery::{Outgoing, SendError, Transport};
use ladder_domain::messaging::MessagePurpose;
use lettre::Message;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm, DkimSigningKey,
};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use std::path::PathBuf;

/// How to sign with DKIM.
#[derive(Clone, PartialEq, Eq)]
pub struct DkimSettings {
    /// The selector published in DNS (`ladder` for `ladder._domainkey.shop.example`).
    pub selector: String,
    /// The signing domain (`shop.example`).
    pub domain: String,
    /// The private key's file: RSA as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), Ed25519 as the base64 of
    /// its 32-byte seed.
    pub key_file: PathBuf,
}

impl std::fmt::Debug for DkimSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DkimSettings")
            .field("selector", &self.selector)
            .field("domain", &self.domain)
            .field("key_file", &self.key_file)
            .finish()
    }
}

/// How to reach the mail server.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// `smtp://user:pass@host:port?tls=required` or `smtps://…`: a secret (it may hold a password).
    pub url: String,
    /// Who the mail is from (`Café Ladder <hello@shop.example>`).
    pub from: String,
    /// DKIM signing, if set.
    pub dkim: Option<DkimSettings>,
    /// Connections kept open to the server.
    pub connections: u32,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &redacted(&self.url))
            .field("from", &self.from)
            .field("dkim", &self.dkim)
            .field("connections", &self.connections)
            .finish()
    }
}

/// A URL with its password hidden, for logs and messages.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// The two signing configurations: marketing mail signs its `List-Unsubscribe` pair too.
struct Signing {
    plain: DkimConfig,
    marketing: DkimConfig,
}

/// Builds messages: the sender, and the signature if any. Apart from the connection, so that what is
/// sent can be built and read without a server (tests, the benchmark's build-only figure).
pub struct MailBuilder {
    from: Mailbox,
    signing: Option<Signing>,
}

impl MailBuilder {
    /// A builder for mail from `from`, signed as `dkim` says.
    pub fn new(from: &str, dkim: Option<&DkimSettings>) -> Result<Self, ChannelError> {
        let from: Mailbox = from.parse().map_err(|e| {
            ChannelError::Config(format!("mail_from {from:?} is not an address (\"Shop <hello@shop.example>\"): {e}"))
        })?;
        let signing = dkim.map(signing).transpose()?;
        Ok(Self { from, signing })
    }

    /// The message for `outgoing`, signed.
    pub fn build(&self, outgoing: &Outgoing) -> Result<Message, String> {
        let to =
            Mailbox::new(outgoing.to_name.clone(), outgoing.to.parse().map_err(|e| format!("{}: {e}", outgoing.to))?);
        let subject = outgoing.subject.clone().unwrap_or_default();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject.clone())
            .message_id(Some(outgoing.message_id.clone()))
            .raw_header(raw("Content-Language", outgoing.language.clone()));
        let marketing = outgoing.unsubscribe_url.is_some();
        if let Some(url) = &outgoing.unsubscribe_url {
            let token = url.rsplit('/').next().unwrap_or_default();
            let mailto = format!("mailto:{}?subject=unsubscribe%20{token}", self.from.email);
            builder = builder
                .raw_header(raw("List-Unsubscribe", format!("<{url}>, <{mailto}>")))
                .raw_header(raw("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()));
        }
        if outgoing.purpose != MessagePurpose::Transactional {
            // Kept apart by mailbox providers from receipts and password resets.
            builder = builder.raw_header(raw("Precedence", "bulk".to_owned()));
        }
        let html = html_body(&subject, &outgoing.body, &outgoing.language, outgoing.right_to_left);
        let mut message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::plain(outgoing.body.clone()))
                    .singlepart(SinglePart::html(html)),
            )
            .map_err(|e| e.to_string())?;
        if let Some(signing) = &self.signing {
            message.sign(if marketing { &signing.marketing } else { &signing.plain });
        }
        Ok(message)
    }
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

fn signing(settings: &DkimSettings) -> Result<Signing, ChannelError> {
    let text = std::fs::read_to_string(&settings.key_file).map_err(|e| {
        ChannelError::Config(format!("cannot read the DKIM key file {}: {e}", settings.key_file.display()))
    })?;
    let text = text.trim();
    let algorithm =
        if text.starts_with("-----BEGIN") { DkimSigningAlgorithm::Rsa } else { DkimSigningAlgorithm::Ed25519 };
    let key = || {
        DkimSigningKey::new(text, algorithm).map_err(|e| {
            ChannelError::Config(format!(
                "the DKIM key in {} cannot be read ({e}): RSA as PKCS#1 PEM (BEGIN RSA PRIVATE KEY), Ed25519 as the base64 of its 32-byte seed",
                settings.key_file.display()
            ))
        })
    };
    let names = |list: &[&'static str]| list.iter().map(|n| HeaderName::new_from_ascii_str(n)).collect::<Vec<_>>();
    let canonicalization =
        DkimCanonicalization { header: DkimCanonicalizationType::Relaxed, body: DkimCanonicalizationType::Relaxed };
    let plain = ["From", "To", "Subject", "Date", "Message-ID", "Content-Language"];
    let marketing = [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "Content-Language",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    ];
    let config = |headers: &[&'static str]| -> Result<DkimConfig, ChannelError> {
        Ok(DkimConfig::new(
            settings.selector.clone(),
            settings.domain.clone(),
            key()?,
            names(headers),
            canonicalization,
        ))
    };
    Ok(Signing { plain: config(&plain)?, marketing: config(&marketing)? })
}

/// The HTML part: the text's paragraphs, links made clickable, and the direction set three ways (the
/// root's `dir` and `lang`, the body's attribute and its inline style) so that every mail client keeps
/// it.
pub fn html_body(title: &str, text: &str, language: &str, right_to_left: bool) -> String {
    let (dir, align) = if right_to_left { ("rtl", "right") } else { ("ltr", "left") };
    let paragraphs: String = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(linked).collect();
            format!("<p style=\"margin: 0 0 1em 0;\">{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\" dir=\"{dir}\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\n\
         <body dir=\"{dir}\" style=\"direction: {dir}; text-align: {align}; margin: 0; padding: 16px; \
         font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5;\">\n\
         <div dir=\"{dir}\" style=\"direction: {dir}; text-align: {align}; max-width: 600px;\">\n{paragraphs}</div>\n</body>\n</html>\n",
        title = escape(title),
    )
}

/// A line of text as HTML, its web addresses as links.
fn linked(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.starts_with("https://") || word.starts_with("http://") {
                let url = escape(word);
                format!("<a href=\"{url}\">{url}</a>")
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Email through an SMTP server.
pub struct SmtpMailer {
    builder: MailBuilder,
    client: SmtpClient,
}

impl SmtpMailer {
    /// A mailer for `settings`; connects on the first message.
    pub fn new(settings: &SmtpSettings) -> Result<Self, ChannelError> {
        let builder = MailBuilder::new(&settings.from, settings.dkim.as_ref())?;
        let client = SmtpClient::new(&settings.url, settings.connections)?;
        Ok(Self { builder, client })
    }
}

impl Transport for SmtpMailer {
    fn send(&self, outgoing: &Outgoing) -> Result<(), SendError> {
        let message = self.builder.build(outgoing).map_err(SendError::Rejected)?;
        self.client.send(&message).map_err(SendError::from)
    }
}

impl From<SmtpFailure> for SendError {
    fn from(failure: SmtpFailure) -> Self {
        match failure {
            SmtpFailure::Refused(why) => SendError::Rejected(why),
            SmtpFailure::Retry(why) => SendError::Retry(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_shows() {
        assert_eq!(redacted("smtps://dana:s3cret@mail.example:465"), "smtps://dana:***@mail.example:465");
        assert_eq!(redacted("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
        let settings =
            SmtpSettings { url: "smtp://u:hunter2@h".into(), from: "a@b.example".into(), dkim: None, connections: 4 };
        assert!(!format!("{settings:?}").contains("hunter2"));
    }

    #[test]
    fn right_to_left_html_says_so_three_ways_and_escapes_the_text() {
        let html = html_body("שלום", "שלום <דנה>\nhttps://shop.example/u/1-a\n\nתודה", "he", true);
        assert!(html.contains("<html lang=\"he\" dir=\"rtl\">"), "{html}");
        assert!(html.contains("<body dir=\"rtl\" style=\"direction: rtl; text-align: right;"), "{html}");
        assert!(html.contains("שלום &lt;דנה&gt;<br>"), "{html}");
        assert!(html.contains("<a href=\"https://shop.example/u/1-a\">"), "{html}");
        assert_eq!(html.matches("<p ").count(), 2);
        let ltr = html_body("Hi", "Hi", "en", false);
        assert!(ltr.contains("dir=\"ltr\"") && ltr.contains("text-align: left"), "{ltr}");
    }
}
