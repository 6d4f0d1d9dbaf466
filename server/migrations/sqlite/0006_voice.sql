-- "What I think": a young person's own entries, at any time, in words and/or a feeling,
-- optionally about a plan target, and the worker's answer ("you said, we did"). Seen by
-- the young person, their workers and their team's managers; never by parents/carers.

CREATE TABLE voice_entries (
    id              TEXT PRIMARY KEY,
    young_person_id TEXT NOT NULL REFERENCES people (id),
    words           TEXT CHECK (words IS NULL OR length(words) <= 2000),
    feeling         TEXT CHECK (feeling IS NULL OR feeling IN ('happy', 'calm', 'okay', 'worried', 'sad', 'angry')),
    -- A plan target's key ("t1"); the plan keeps targets for ever, so it always resolves.
    target_key      TEXT,
    -- "I need to talk to someone now".
    urgent          BOOLEAN NOT NULL DEFAULT FALSE,
    written_at      TEXT NOT NULL,
    seen_by         TEXT REFERENCES people (id),
    seen_at         TEXT,
    response        TEXT CHECK (response IS NULL OR length(response) <= 1000),
    action_taken    TEXT CHECK (action_taken IS NULL OR length(action_taken) <= 1000),
    responded_by    TEXT REFERENCES people (id),
    responded_at    TEXT,
    CHECK (words IS NOT NULL OR feeling IS NOT NULL)
);
CREATE INDEX voice_by_young_person ON voice_entries (young_person_id, written_at);
-- The caseload counts what is waiting to be seen.
CREATE INDEX voice_unseen ON voice_entries (young_person_id) WHERE seen_at IS NULL;
