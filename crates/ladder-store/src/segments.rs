//! Saved segments: a name and a rule, never a list of members.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Reading segments.
pub trait SegmentStore {
    /// Every segment, by name.
    fn segments(&self) -> StoreResult<Vec<Segment>>;

    /// One segment.
    fn segment(&self, id: i64) -> StoreResult<Option<Segment>>;
}

/// Changing segments, inside a unit of work.
pub trait SegmentTx {
    /// One segment, as this unit of work sees it.
    fn segment(&mut self, id: i64) -> StoreResult<Option<Segment>>;

    /// Creates a segment (`id` none) or changes one; names are unique without regard to case
    /// ([`crate::StoreError::Conflict`]), and changing a missing segment is [`crate::StoreError::NotFound`].
    fn save_segment(
        &mut self,
        id: Option<i64>,
        name: &str,
        definition: &str,
        user_id: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<Segment>;

    /// Deletes a segment; false when there is none with that id.
    fn delete_segment(&mut self, id: i64) -> StoreResult<bool>;
}

/// A saved customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The store's id.
    pub id: i64,
    /// Its name; unique without regard to case.
    pub name: String,
    /// The filters, as JSON text; the web layer owns its shape.
    pub definition: String,
    /// Who made it, while that user exists.
    pub created_by: Option<i64>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}
