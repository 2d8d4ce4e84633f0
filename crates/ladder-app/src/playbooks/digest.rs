//! The daily digest: every user who acts on tasks gets one email a day with their open tasks
//! (theirs and their role's unassigned ones), overdue first, when a mail server is configured. A
//! user's digest of a day is recorded once it went, so that the job run again — after a crash, or by a
//! second worker — mails nobody twice; a user with nothing to do gets nothing.

use super::tasks::{self, TaskFilter, reason_words};
use crate::delivery::{Outgoing, Transport};
use crate::jobs::worker::JobError;
use crate::{Actor, App};
use ladder_domain::Permission;
use ladder_domain::playbook::TaskStatus;
use ladder_i18n::Locale;
use serde::Serialize;

/// What a digest run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DigestSummary {
    /// Users mailed now.
    pub mailed: u64,
    /// Users mailed earlier today.
    pub already: u64,
    /// Users with nothing due.
    pub nothing: u64,
}

/// Mails today's digests not mailed yet. `public_url` links each to the Today page.
pub fn mail_digests(app: &App, mailer: &dyn Transport, public_url: Option<&str>) -> Result<DigestSummary, JobError> {
    let retry = |e: &dyn std::fmt::Display| JobError::retry(e.to_string());
    let store = app.store();
    let today = super::today(app).map_err(|e| retry(&e))?;
    let mut summary = DigestSummary::default();
    let users = store.users().map_err(|e| retry(&e))?;
    for user in users.into_iter().filter(|u| !u.disabled && u.role.allows(Permission::AddInteractions)) {
        if store.digest_sent(user.id, today).map_err(|e| retry(&e))? {
            summary.already += 1;
            continue;
        }
        let filter = TaskFilter {
            assignee: Some(user.email.clone()),
            status: Some(TaskStatus::Open),
            due_by: None,
            customer_id: None,
            limit: 0,
        };
        let due = tasks::list(app, &Actor::System, &filter).map_err(|e| retry(&e))?;
        if due.is_empty() {
            summary.nothing += 1;
            continue;
        }
        let locale = Locale::parse(&user.language).unwrap_or_default();
        let catalog = ladder_i18n::catalog();
        let say =
            |id: &str, args: &[(&str, ladder_i18n::Arg)]| ladder_i18n::plain(&catalog.text_with(locale, id, args));
        let mut body = say("task-digest-intro", &[("count", (due.len() as u64).into())]);
        body.push_str("\n\n");
        for q in due.iter().take(50) {
            let when = if q.overdue_days > 0 {
                say("today-overdue", &[("count", q.overdue_days.into())])
            } else {
                say("today-due", &[("date", ladder_i18n::format::format_date(locale, q.task.due).into())])
            };
            let phone = q.task.phone.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
            body.push_str(&format!("• {}{phone} — {} — {when}\n", q.task.name, reason_words(locale, &q.task)));
        }
        if due.len() > 50 {
            body.push_str(&format!("…{}\n", say("task-digest-more", &[("count", (due.len() as u64 - 50).into())])));
        }
        if let Some(url) = public_url {
            body.push('\n');
            body.push_str(&say("task-digest-link", &[("link", format!("{}/today", url.trim_end_matches('/')).into())]));
            body.push('\n');
        }
        let outgoing = Outgoing {
            message_id: format!("<ladder.task-digest.{}.{today}@ladder.invalid>", user.id),
            channel: ladder_domain::Channel::Email,
            to: user.email.clone(),
            to_name: Some(user.name.clone()).filter(|n| !n.trim().is_empty()),
            language: locale.code().to_owned(),
            right_to_left: ladder_domain::template::is_right_to_left(locale.code()),
            subject: Some(say("task-digest-subject", &[("count", (due.len() as u64).into())])),
            body,
            purpose: ladder_domain::messaging::MessagePurpose::Transactional,
            unsubscribe_url: None,
        };
        mailer.send(&outgoing).map_err(|e| retry(&e))?;
        let mut tx = store.begin().map_err(|e| retry(&e))?;
        tx.mark_digest_sent(user.id, today, app.now(), due.len() as u64).map_err(|e| retry(&e))?;
        tx.commit().map_err(|e| retry(&e))?;
        summary.mailed += 1;
    }
    Ok(summary)
}
