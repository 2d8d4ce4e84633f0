-- Message templates, one row per version of a name, channel and language; versions stay.
CREATE TABLE message_templates (
    name       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    language   TEXT NOT NULL,
    version    BIGINT NOT NULL,
    purpose    TEXT NOT NULL,
    subject    TEXT,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (name, channel, language, version)
);
