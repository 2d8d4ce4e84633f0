-- How the columns of a file from each source (its header) were paired with Ladder's on the import page,
-- to offer the same pairing the next time a file with that header comes.
CREATE TABLE import_column_pairs (
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    pairs TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (kind, source)
);
