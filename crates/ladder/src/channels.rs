//! The ways out the configuration sets up (SMTP, an SMS gateway), and the dispatcher that sends the
//! outbox through them beside the job workers.

use crate::config::Config;
use anyhow::Result;
use ladder_app::App;
use ladder_app::delivery::{DeliveryOptions, Dispatcher, Transports};
use ladder_channels::email::{DkimSettings, SmtpMailer, SmtpSettings};
use ladder_channels::sms::{SmsGateway, SmsSender};
use std::sync::Arc;

/// The transports `config` sets up; none when it names no mail server and no gateway.
pub fn transports(config: &Config, app: &App) -> Result<Transports> {
    let m = &config.messaging;
    let email = match (&m.smtp_url, &m.mail_from) {
        (Some(url), Some(from)) => {
            let dkim = m.dkim.as_ref().map(|(selector, domain, key_file)| DkimSettings {
                selector: selector.clone(),
                domain: domain.clone(),
                key_file: key_file.clone(),
            });
            let settings = SmtpSettings {
                url: url.expose().to_owned(),
                from: from.clone(),
                dkim,
                // One connection per message in flight: each waits for its server's answers on its own.
                connections: m.in_flight,
            };
            Some(Arc::new(SmtpMailer::new(&settings)?) as Arc<dyn ladder_app::delivery::Transport>)
        }
        _ => None,
    };
    let sms = match &m.sms {
        Some(s) => {
            let gateway = SmsGateway::preset(
                &s.preset,
                s.account.as_deref(),
                s.secret.expose(),
                s.from.as_deref(),
                s.base_url.as_deref(),
            )?;
            Some(Arc::new(SmsSender::new(gateway)) as Arc<dyn ladder_app::delivery::Transport>)
        }
        None => None,
    };
    let fax = match (&m.fax_pattern, &m.smtp_url, &m.mail_from) {
        (Some(pattern), Some(url), Some(from)) => {
            let shop = app.store().shop_settings()?;
            let letterhead = ladder_channels::letter::Letterhead {
                name: if shop.sender.name.trim().is_empty() { shop.name.clone() } else { shop.sender.name.clone() },
                lines: [Some(shop.sender.address.clone()), shop.sender.phone.clone(), shop.sender.email.clone()]
                    .into_iter()
                    .flatten()
                    .filter(|l| !l.trim().is_empty())
                    .collect(),
            };
            let smtp = SmtpSettings { url: url.expose().to_owned(), from: from.clone(), dkim: None, connections: 4 };
            let settings = ladder_channels::fax::FaxSettings {
                address_pattern: pattern.clone(),
                letterhead,
                paper: ladder_channels::letter::Paper::A4,
            };
            Some(Arc::new(ladder_channels::fax::FaxSender::new(&smtp, settings)?)
                as Arc<dyn ladder_app::delivery::Transport>)
        }
        _ => None,
    };
    Ok(Transports { email, sms, fax })
}

/// The dispatcher of this process, when there is a way out.
pub fn dispatcher(config: &Config, app: &App) -> Result<Option<Dispatcher>> {
    let transports = transports(config, app)?;
    if transports.channels().is_empty() {
        return Ok(None);
    }
    let options = DeliveryOptions {
        in_flight: config.messaging.in_flight,
        public_url: config.messaging.public_url.clone(),
        // A message claimed by a worker that died goes to another once this lease runs out.
        lease: std::time::Duration::from_secs(config.lease_seconds.max(10)),
        ..DeliveryOptions::default()
    };
    Ok(Some(Dispatcher::new(app.clone(), transports, options)?))
}

/// The job handlers of this process: Ladder's own, the daily digest of tasks when a mail server is set,
/// and the password reset's mail when a mail server and the public address are set.
pub fn handlers(config: &Config, app: &App) -> Result<ladder_app::jobs::worker::Handlers> {
    let mut handlers = ladder_app::jobs::worker::Handlers::standard();
    if let Some(mailer) = transports(config, app)?.email {
        let public_url = config.messaging.public_url.clone();
        handlers.register(
            ladder_app::jobs::kind::TASK_DIGEST,
            Box::new(move |app, _, _| {
                let summary = ladder_app::playbooks::digest::mail_digests(app, mailer.as_ref(), public_url.as_deref())?;
                Ok(Some(serde_json::to_string(&summary).unwrap_or_default()))
            }),
        );
    }
    if let (Some(mailer), Some(public_url)) = (transports(config, app)?.email, config.messaging.public_url.clone()) {
        handlers.register(
            ladder_app::jobs::kind::PASSWORD_RESET,
            Box::new(move |app, job, _| {
                let payload: ladder_app::accounts::ResetPayload = serde_json::from_str(&job.payload).map_err(|e| {
                    ladder_app::jobs::worker::JobError::permanent(format!(
                        "a password reset job Ladder cannot read: {e}"
                    ))
                })?;
                Ok(Some(ladder_app::accounts::mail_password_reset(app, &payload, mailer.as_ref(), &public_url)?))
            }),
        );
    }
    Ok(handlers)
}

/// Whether users can reset their password by email here.
pub fn password_reset_by_email(config: &Config) -> bool {
    config.messaging.smtp_url.is_some() && config.messaging.public_url.is_some()
}
