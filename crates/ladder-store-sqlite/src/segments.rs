//! Saved segments: a name, unique without regard to case, and a rule.

use crate::accounts::{for_user, is_unique_violation, time};
use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, Utc};
use ladder_store::search::name_key;
use ladder_store::{Segment, SegmentStore, SegmentTx, StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, Row, params};

const SEGMENT_COLUMNS: &str = "id, name, definition, created_by, created_at, updated_at";

impl SegmentStore for SqliteStore {
    fn segments(&self) -> StoreResult<Vec<Segment>> {
        self.read(segments)
    }

    fn segment(&self, id: i64) -> StoreResult<Option<Segment>> {
        self.read(|c| segment(c, id))
    }
}

impl SegmentTx for SqliteTx<'_> {
    fn segment(&mut self, id: i64) -> StoreResult<Option<Segment>> {
        segment(self.conn(), id)
    }

    fn save_segment(
        &mut self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment> {
        save_segment(self.conn(), id, name, definition, user_id, at)
    }

    fn delete_segment(&mut self, id: i64) -> StoreResult<bool> {
        self.conn().execute("DELETE FROM segments WHERE id = ?1", [id]).map(|n| n > 0).ctx("cannot delete a segment")
    }
}

fn segment_from(r: &Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: r.get(0)?,
        name: r.get(1)?,
        definition: r.get(2)?,
        created_by: r.get(3)?,
        created_at: time(r.get(4)?),
        updated_at: time(r.get(5)?),
    })
}

fn save_segment(
    conn: &Connection,
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
    let what = "cannot save a segment";
    let written = match id {
        None => conn
            .prepare_cached(
                "INSERT INTO segments (name, name_key, definition, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )
            .and_then(|mut s| s.execute(params![name, name_key(name), definition, user_id, at.timestamp()]))
            .map(|_| Some(conn.last_insert_rowid())),
        Some(id) => conn
            .prepare_cached(
                "UPDATE segments SET name = ?2, name_key = ?3, definition = ?4, updated_at = ?5 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![id, name, name_key(name), definition, at.timestamp()]))
            .map(|n| (n > 0).then_some(id)),
    };
    let written = match written {
        Err(e) if is_unique_violation(&e) => {
            return Err(StoreError::Conflict(format!("a segment named “{name}” already exists")));
        }
        other => for_user(other, user_id, what)?,
    };
    // Nothing written: an update of a segment that is not there.
    let Some(saved) = written else {
        return Err(StoreError::NotFound(format!("segment {}", id.unwrap_or_default())));
    };
    segment(conn, saved)?.ok_or_else(|| StoreError::NotFound(format!("segment {saved}")))
}

fn segments(conn: &Connection) -> StoreResult<Vec<Segment>> {
    conn.prepare_cached(&format!("SELECT {SEGMENT_COLUMNS} FROM segments ORDER BY name_key, id"))
        .and_then(|mut s| s.query_map([], segment_from)?.collect())
        .ctx("cannot read segments")
}

fn segment(conn: &Connection, id: i64) -> StoreResult<Option<Segment>> {
    conn.prepare_cached(&format!("SELECT {SEGMENT_COLUMNS} FROM segments WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], segment_from).optional())
        .ctx("cannot read a segment")
}
