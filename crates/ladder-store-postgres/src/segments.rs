//! Saved segments: a name, unique without regard to case, and a rule.

use crate::accounts::{for_user, is, time};
use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::{DateTime, Utc};
use ladder_store::search::name_key;
use ladder_store::{Segment, SegmentStore, SegmentTx, StoreError, StoreResult};
use postgres::Row;
use postgres::error::SqlState;

const SEGMENT_COLUMNS: &str = "id, name, definition, created_by, created_at, updated_at";

impl SegmentStore for PostgresStore {
    fn segments(&self) -> StoreResult<Vec<Segment>> {
        self.read(segments)
    }

    fn segment(&self, id: i64) -> StoreResult<Option<Segment>> {
        self.read(|c| segment(c, id))
    }
}

impl SegmentTx for PgTx {
    fn segment(&mut self, id: i64) -> StoreResult<Option<Segment>> {
        segment(&mut self.client, id)
    }

    fn save_segment(
        &mut self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment> {
        save_segment(&mut self.client, id, name, definition, user_id, at)
    }

    fn delete_segment(&mut self, id: i64) -> StoreResult<bool> {
        self.client.execute("DELETE FROM segments WHERE id = $1", &[&id]).map(|n| n > 0).ctx("cannot delete a segment")
    }
}

fn segment_from(r: &Row) -> Segment {
    Segment {
        id: r.get(0),
        name: r.get(1),
        definition: r.get(2),
        created_by: r.get(3),
        created_at: time(r.get(4)),
        updated_at: time(r.get(5)),
    }
}

fn save_segment(
    client: &mut Connection,
    id: Option<i64>,
    name: &str,
    definition: &str,
    user_id: Option<i64>,
    at: DateTime<Utc>,
) -> StoreResult<Segment> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Conflict("a segment needs a name".to_owned()));
    }
    let written = match id {
        None => client.query_opt(
            &format!(
                "INSERT INTO segments (name, name_key, definition, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING {SEGMENT_COLUMNS}"
            ),
            &[&name, &name_key(name), &definition, &user_id, &at.timestamp()],
        ),
        Some(id) => client.query_opt(
            &format!(
                "UPDATE segments SET name = $2, name_key = $3, definition = $4, updated_at = $5 WHERE id = $1
                 RETURNING {SEGMENT_COLUMNS}"
            ),
            &[&id, &name, &name_key(name), &definition, &at.timestamp()],
        ),
    };
    match written {
        Err(e) if is(&e, &SqlState::UNIQUE_VIOLATION) => {
            Err(StoreError::Conflict(format!("a segment named “{name}” already exists")))
        }
        other => match for_user(other, user_id, "cannot save a segment")? {
            Some(row) => Ok(segment_from(&row)),
            // Nothing written: an update of a segment that is not there.
            None => Err(StoreError::NotFound(format!("segment {}", id.unwrap_or_default()))),
        },
    }
}

fn segments(client: &mut Connection) -> StoreResult<Vec<Segment>> {
    Ok(client
        .query(&format!("SELECT {SEGMENT_COLUMNS} FROM segments ORDER BY name_key COLLATE \"C\", id"), &[])
        .ctx("cannot read segments")?
        .iter()
        .map(segment_from)
        .collect())
}

fn segment(client: &mut Connection, id: i64) -> StoreResult<Option<Segment>> {
    Ok(client
        .query_opt(&format!("SELECT {SEGMENT_COLUMNS} FROM segments WHERE id = $1"), &[&id])
        .ctx("cannot read a segment")?
        .map(|r| segment_from(&r)))
}
