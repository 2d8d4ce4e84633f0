//! Message templates (migration 23).

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_domain::Channel;
use ladder_domain::messaging::MessagePurpose;
use ladder_domain::template::Template;
use ladder_store::{StoreResult, TemplateStore, TemplateTx};
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "name, channel, language, version, purpose, subject, body, created_at";

fn template(r: &Row<'_>) -> rusqlite::Result<Option<Template>> {
    let (channel, purpose): (String, String) = (r.get(1)?, r.get(4)?);
    let (Some(channel), Some(purpose)) = (Channel::parse(&channel), MessagePurpose::parse(&purpose)) else {
        return Ok(None);
    };
    Ok(DateTime::<Utc>::from_timestamp(r.get(7)?, 0).map(|created_at| Template {
        name: r.get(0).unwrap_or_default(),
        channel,
        language: r.get(2).unwrap_or_default(),
        version: r.get::<_, i64>(3).ok().and_then(|v| u32::try_from(v).ok()).unwrap_or(0),
        purpose,
        subject: r.get(5).unwrap_or_default(),
        body: r.get(6).unwrap_or_default(),
        created_at,
    }))
}

fn all(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> StoreResult<Vec<Template>> {
    let what = "cannot read message templates";
    let mut stmt = conn.prepare_cached(sql).ctx(what)?;
    let rows = stmt.query_map(p, template).ctx(what)?;
    Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
}

impl TemplateStore for SqliteStore {
    fn templates(&self) -> StoreResult<Vec<Template>> {
        self.read(|c| {
            all(
                c,
                &format!(
                    "SELECT {COLUMNS} FROM message_templates t WHERE version = (SELECT MAX(version) FROM message_templates l
                     WHERE l.name = t.name AND l.channel = t.channel AND l.language = t.language)
                     ORDER BY name, channel, language"
                ),
                [],
            )
        })
    }

    fn template_versions(&self, name: &str) -> StoreResult<Vec<Template>> {
        self.read(|c| {
            all(
                c,
                &format!("SELECT {COLUMNS} FROM message_templates WHERE name = ?1 ORDER BY channel, language, version"),
                [name],
            )
        })
    }
}

impl TemplateTx for SqliteTx<'_> {
    fn add_template(&mut self, t: &Template) -> StoreResult<u32> {
        let version: i64 = self
            .conn()
            .query_row(
                &format!(
                    "INSERT INTO message_templates ({COLUMNS})
                     SELECT ?1, ?2, ?3, COALESCE(MAX(version), 0) + 1, ?4, ?5, ?6, ?7 FROM message_templates
                     WHERE name = ?1 AND channel = ?2 AND language = ?3 RETURNING version"
                ),
                params![
                    t.name,
                    t.channel.as_str(),
                    t.language,
                    t.purpose.as_str(),
                    t.subject,
                    t.body,
                    t.created_at.timestamp()
                ],
                |r| r.get(0),
            )
            .ctx("cannot save a message template")?;
        Ok(u32::try_from(version).unwrap_or(u32::MAX))
    }

    fn latest_template(&mut self, name: &str, channel: Channel, language: &str) -> StoreResult<Option<Template>> {
        let found = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM message_templates WHERE name = ?1 AND channel = ?2 AND language = ?3
                     ORDER BY version DESC LIMIT 1"
                ),
                params![name, channel.as_str(), language],
                template,
            )
            .optional()
            .ctx("cannot read a message template")?;
        Ok(found.flatten())
    }
}
