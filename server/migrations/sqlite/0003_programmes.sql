-- Programmes in use: cohorts that workers run, who came to each session, programme-level
-- scaling, and the idempotency keys that let a phone resend a queued submission safely.

-- A short description for workers choosing a programme, and how often sessions happen.
ALTER TABLE programmes ADD COLUMN summary TEXT NOT NULL DEFAULT '';

-- Leaving a cohort keeps the member's scores: membership ends, it is not deleted.
ALTER TABLE cohort_members ADD COLUMN left_at TEXT;

-- The register a worker keeps for each session. A register is corrected in place (it is
-- the worker's record, not the young person's words); each change is audited.
CREATE TABLE attendance (
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    session_number  INTEGER NOT NULL CHECK (session_number >= 1),
    attended        BOOLEAN NOT NULL,
    marked_by       TEXT NOT NULL REFERENCES people (id),
    marked_at       TEXT NOT NULL,
    PRIMARY KEY (cohort_id, young_person_id, session_number),
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);

-- A worker's note that a young person missed the start of a session, so their end score
-- can still be taken (it is then unpaired, and reports say so).
CREATE TABLE missed_starts (
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    session_number  INTEGER NOT NULL CHECK (session_number >= 1),
    marked_by       TEXT NOT NULL REFERENCES people (id),
    marked_at       TEXT NOT NULL,
    PRIMARY KEY (cohort_id, young_person_id, session_number),
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);

-- Programme scaling at the start and end of a programme, one row per measure. Append-only
-- like session scores: the latest row per (cohort, young person, stage, measure) counts.
CREATE TABLE programme_scores (
    id              TEXT PRIMARY KEY,
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('start', 'end')),
    measure         TEXT NOT NULL CHECK (measure IN ('learning', 'risk_taking', 'consequences')),
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    entered_by      TEXT NOT NULL REFERENCES people (id),
    recorded_at     TEXT NOT NULL,
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);
CREATE INDEX programme_scores_latest
    ON programme_scores (cohort_id, young_person_id, stage, measure, recorded_at);

-- Every submission a phone may resend (it queues offline and retries until it hears back).
-- The key is the client's; the digest is of what was submitted, so a resend of the same
-- thing is acknowledged again and a different thing under the same key is refused.
-- Inserted in the same transaction as the record and its audit row.
CREATE TABLE submissions (
    idempotency_key TEXT PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 16 AND 64),
    person_id       TEXT NOT NULL REFERENCES people (id),
    kind            TEXT NOT NULL,
    content_digest  TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    received_at     TEXT NOT NULL
);

CREATE INDEX session_scores_by_session
    ON session_scores (cohort_id, session_number, recorded_at);
