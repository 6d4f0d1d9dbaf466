-- "I need to talk to someone now" on its own is a whole entry: a young person who can only
-- press the button must reach their worker. 0006 required words or a feeling, so an urgent
-- entry with neither failed with a 500 and nothing was stored.
--
-- SQLite cannot change a CHECK in place, so the table is rebuilt (see 0007 on deferring
-- foreign keys inside sqlx's migration transaction).
PRAGMA defer_foreign_keys = ON;

CREATE TABLE voice_entries_copy AS SELECT * FROM voice_entries;
DROP TABLE voice_entries;
CREATE TABLE voice_entries (
    id              TEXT PRIMARY KEY,
    young_person_id TEXT NOT NULL REFERENCES people (id),
    words           TEXT CHECK (words IS NULL OR length(words) <= 2000),
    feeling         TEXT CHECK (feeling IS NULL OR feeling IN ('happy', 'calm', 'okay', 'worried', 'sad', 'angry')),
    target_key      TEXT,
    urgent          BOOLEAN NOT NULL DEFAULT FALSE,
    written_at      TEXT NOT NULL,
    seen_by         TEXT REFERENCES people (id),
    seen_at         TEXT,
    response        TEXT CHECK (response IS NULL OR length(response) <= 1000),
    action_taken    TEXT CHECK (action_taken IS NULL OR length(action_taken) <= 1000),
    responded_by    TEXT REFERENCES people (id),
    responded_at    TEXT,
    CHECK (words IS NOT NULL OR feeling IS NOT NULL OR urgent)
);
INSERT INTO voice_entries (id, young_person_id, words, feeling, target_key, urgent, written_at,
                           seen_by, seen_at, response, action_taken, responded_by, responded_at)
    SELECT id, young_person_id, words, feeling, target_key, urgent, written_at,
           seen_by, seen_at, response, action_taken, responded_by, responded_at
    FROM voice_entries_copy;
DROP TABLE voice_entries_copy;
CREATE INDEX voice_by_young_person ON voice_entries (young_person_id, written_at);
CREATE INDEX voice_unseen ON voice_entries (young_person_id) WHERE seen_at IS NULL;
