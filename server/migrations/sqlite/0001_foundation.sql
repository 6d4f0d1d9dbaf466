-- Waypoint's first schema. Identifiers are random UUIDs stored as text and timestamps are
-- fixed-width UTC text (sortable), so the same queries run on SQLite and PostgreSQL.
-- Records that matter for children's rights are append-only: scores are never updated
-- (a correction is a new row) and every change writes an audit event.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role            TEXT NOT NULL CHECK (role IN ('young_person', 'parent_carer', 'worker', 'manager', 'administrator')),
    given_name      TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name     TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    -- Staff belong to a team; young people and carers are reached through links below.
    team_id         TEXT REFERENCES teams (id),
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT NOT NULL,
    CHECK ((role IN ('worker', 'manager') AND team_id IS NOT NULL) OR role NOT IN ('worker', 'manager'))
);
CREATE INDEX people_by_role ON people (organisation_id, role);

-- A worker's caseload: which young people they are allocated to.
CREATE TABLE caseload_allocations (
    worker_id       TEXT NOT NULL REFERENCES people (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    allocated_at    TEXT NOT NULL,
    PRIMARY KEY (worker_id, young_person_id)
);
CREATE INDEX caseload_by_young_person ON caseload_allocations (young_person_id);

-- Parents and carers linked to the young people whose plans they may read and sign.
CREATE TABLE carer_links (
    carer_id        TEXT NOT NULL REFERENCES people (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    relationship    TEXT NOT NULL,
    linked_at       TEXT NOT NULL,
    PRIMARY KEY (carer_id, young_person_id)
);
CREATE INDEX carers_by_young_person ON carer_links (young_person_id);

CREATE TABLE programmes (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    delivery        TEXT NOT NULL CHECK (delivery IN ('group', 'one_to_one')),
    created_at      TEXT NOT NULL
);

CREATE TABLE programme_sessions (
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    number       INTEGER NOT NULL CHECK (number >= 1),
    topic        TEXT NOT NULL,
    -- The celebratory last session of a group programme has no scores.
    scored       BOOLEAN NOT NULL,
    PRIMARY KEY (programme_id, number)
);

CREATE TABLE session_objectives (
    programme_id   TEXT NOT NULL,
    session_number INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (programme_id, session_number, position),
    FOREIGN KEY (programme_id, session_number) REFERENCES programme_sessions (programme_id, number)
);

-- One run of a programme. One-to-one programmes are cohorts of one.
CREATE TABLE cohorts (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    team_id      TEXT NOT NULL REFERENCES teams (id),
    name         TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE cohort_workers (
    cohort_id TEXT NOT NULL REFERENCES cohorts (id),
    worker_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (cohort_id, worker_id)
);

CREATE TABLE cohort_members (
    cohort_id       TEXT NOT NULL REFERENCES cohorts (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    joined_at       TEXT NOT NULL,
    PRIMARY KEY (cohort_id, young_person_id)
);
CREATE INDEX cohort_members_by_young_person ON cohort_members (young_person_id);

-- Append-only: the latest row per (cohort, young person, session, stage) counts; earlier
-- rows are the history of corrections.
CREATE TABLE session_scores (
    id              TEXT PRIMARY KEY,
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    programme_id    TEXT NOT NULL,
    session_number  INTEGER NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('start', 'end')),
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    entered_by      TEXT NOT NULL REFERENCES people (id),
    recorded_at     TEXT NOT NULL,
    -- Set by clients that queue offline, so a resend is stored once.
    idempotency_key TEXT UNIQUE,
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id),
    FOREIGN KEY (programme_id, session_number) REFERENCES programme_sessions (programme_id, number)
);
CREATE INDEX session_scores_latest
    ON session_scores (cohort_id, young_person_id, session_number, stage, recorded_at);

-- Who did what to which record, and when. Holds identifiers only, never names or the
-- content of a record, so it can be kept and inspected without exposing anyone.
CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id    TEXT REFERENCES people (id),
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    -- The young person whose record it is, so "who saw my record" is one index lookup.
    subject_id  TEXT REFERENCES people (id)
);
CREATE INDEX audit_by_subject ON audit_events (subject_id, occurred_at);
