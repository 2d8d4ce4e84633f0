//! Message templates (migration 23).

use crate::tx::PgTx;
use crate::{Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::MessagePurpose;
use ladder_domain::template::Template;
use ladder_store::{StoreResult, TemplateStore, TemplateTx};
use postgres::Row;

const COLUMNS: &str = "name, channel, language, version, purpose, subject, body, created_at";

fn template(r: &Row) -> Option<Template> {
    Some(Template {
        name: r.get(0),
        channel: Channel::parse(r.get(1))?,
        language: r.get(2),
        version: u32::try_from(r.get::<_, i64>(3)).ok()?,
        purpose: MessagePurpose::parse(r.get(4))?,
        subject: r.get(5),
        body: r.get(6),
        created_at: DateTime::<Utc>::from_timestamp(r.get(7), 0)?,
    })
}

impl TemplateStore for PostgresStore {
    fn templates(&self) -> StoreResult<Vec<Template>> {
        let what = "cannot read message templates";
        self.read(|c| {
            let rows = c
                .query(
                    &format!(
                        "SELECT DISTINCT ON (name, channel, language) {COLUMNS} FROM message_templates
                         ORDER BY name, channel, language, version DESC"
                    ),
                    &[],
                )
                .ctx(what)?;
            Ok(rows.iter().filter_map(template).collect())
        })
    }

    fn template_versions(&self, name: &str) -> StoreResult<Vec<Template>> {
        let what = "cannot read message templates";
        self.read(|c| {
            let rows = c
                .query(
                    &format!(
                        "SELECT {COLUMNS} FROM message_templates WHERE name = $1 ORDER BY channel, language, version"
                    ),
                    &[&name],
                )
                .ctx(what)?;
            Ok(rows.iter().filter_map(template).collect())
        })
    }
}

impl TemplateTx for PgTx {
    fn add_template(&mut self, t: &Template) -> StoreResult<u32> {
        let row = self
            .query_opt(
                &format!(
                    "INSERT INTO message_templates ({COLUMNS})
                     SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7 FROM message_templates
                     WHERE name = $1 AND channel = $2 AND language = $3 RETURNING version"
                ),
                &[
                    &t.name,
                    &t.channel.as_str(),
                    &t.language,
                    &t.purpose.as_str(),
                    &t.subject,
                    &t.body,
                    &t.created_at.timestamp(),
                ],
                "cannot save a message template",
            )?
            .map(|r| r.get::<_, i64>(0))
            .unwrap_or(1);
        Ok(u32::try_from(row).unwrap_or(u32::MAX))
    }

    fn latest_template(&mut self, name: &str, channel: Channel, language: &str) -> StoreResult<Option<Template>> {
        let row = self.query_opt(
            &format!(
                "SELECT {COLUMNS} FROM message_templates WHERE name = $1 AND channel = $2 AND language = $3
                 ORDER BY version DESC LIMIT 1"
            ),
            &[&name, &channel.as_str(), &language],
            "cannot read a message template",
        )?;
        Ok(row.as_ref().and_then(template))
    }
}
