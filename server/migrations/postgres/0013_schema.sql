-- The whole schema as the SQLite migrations 0001-0013 leave it, for PostgreSQL. Its number is
-- the last SQLite one, so from here on
-- every change is a migration in both folders, with the same number and name.
-- Integers are BIGINT because the store reads every number as i64; timestamps stay fixed-width
-- UTC text so both engines compare and sort them the same way.

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
, requires_second_factor BOOLEAN NOT NULL DEFAULT FALSE);
CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role            TEXT NOT NULL CHECK (role IN ('young_person', 'parent_carer', 'worker', 'manager', 'administrator')),
    given_name      TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name     TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    -- Staff belong to a team; young people and carers are reached through links below.
    team_id         TEXT REFERENCES teams (id),
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT NOT NULL, case_closed_at TEXT, shares_scores_with_carers BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((role IN ('worker', 'manager') AND team_id IS NOT NULL) OR role NOT IN ('worker', 'manager'))
);
CREATE INDEX people_by_role ON people (organisation_id, role);
CREATE TABLE caseload_allocations (
    worker_id       TEXT NOT NULL REFERENCES people (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    allocated_at    TEXT NOT NULL,
    PRIMARY KEY (worker_id, young_person_id)
);
CREATE INDEX caseload_by_young_person ON caseload_allocations (young_person_id);
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
, summary TEXT NOT NULL DEFAULT '');
CREATE TABLE programme_sessions (
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    number       BIGINT NOT NULL CHECK (number >= 1),
    topic        TEXT NOT NULL,
    -- The celebratory last session of a group programme has no scores.
    scored       BOOLEAN NOT NULL,
    PRIMARY KEY (programme_id, number)
);
CREATE TABLE session_objectives (
    programme_id   TEXT NOT NULL,
    session_number BIGINT NOT NULL,
    position       BIGINT NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (programme_id, session_number, position),
    FOREIGN KEY (programme_id, session_number) REFERENCES programme_sessions (programme_id, number)
);
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
    joined_at       TEXT NOT NULL, left_at TEXT,
    PRIMARY KEY (cohort_id, young_person_id)
);
CREATE INDEX cohort_members_by_young_person ON cohort_members (young_person_id);
CREATE TABLE session_scores (
    id              TEXT PRIMARY KEY,
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    programme_id    TEXT NOT NULL,
    session_number  BIGINT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('start', 'end')),
    score           BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    entered_by      TEXT NOT NULL REFERENCES people (id),
    recorded_at     TEXT NOT NULL,
    -- Set by clients that queue offline, so a resend is stored once.
    idempotency_key TEXT UNIQUE,
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id),
    FOREIGN KEY (programme_id, session_number) REFERENCES programme_sessions (programme_id, number)
);
CREATE INDEX session_scores_latest
    ON session_scores (cohort_id, young_person_id, session_number, stage, recorded_at);
CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id    TEXT REFERENCES people (id),
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    -- The young person whose record it is, so "who saw my record" is one index lookup.
    subject_id  TEXT REFERENCES people (id)
, actor_role TEXT, outcome TEXT NOT NULL DEFAULT 'done', via_id TEXT REFERENCES people (id));
CREATE INDEX audit_by_subject ON audit_events (subject_id, occurred_at);
CREATE TABLE staff_credentials (
    person_id      TEXT PRIMARY KEY REFERENCES people (id),
    -- Lower-cased; one account per address.
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    -- Base32 TOTP secret once the person has confirmed a first code; NULL means none.
    totp_secret    TEXT,
    -- A secret shown for setting up, not yet confirmed.
    totp_pending   TEXT,
    password_set_at TEXT NOT NULL
, totp_last_step BIGINT);
CREATE TABLE pin_credentials (
    person_id  TEXT PRIMARY KEY REFERENCES people (id),
    pin_hash   TEXT NOT NULL,
    set_at     TEXT NOT NULL
);
CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    code_digest TEXT NOT NULL UNIQUE,
    issued_by   TEXT NOT NULL REFERENCES people (id),
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    -- Set when a newer invitation replaces it or a worker withdraws it.
    withdrawn_at TEXT
);
CREATE INDEX invitations_by_person ON invitations (person_id, issued_at);
CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    token_digest TEXT NOT NULL UNIQUE,
    -- "Android phone", "iPhone": enough for a worker to tell devices apart, no more.
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX devices_by_person ON devices (person_id);
CREATE TABLE sessions (
    id_digest    TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    device_id    TEXT REFERENCES devices (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    -- Staff who must give a second factor get a session that can do nothing else first.
    awaiting_second_factor BOOLEAN NOT NULL DEFAULT FALSE
, second_factor BOOLEAN NOT NULL DEFAULT FALSE);
CREATE INDEX sessions_by_person ON sessions (person_id);
CREATE TABLE password_resets (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    token_digest TEXT NOT NULL UNIQUE,
    issued_by    TEXT NOT NULL REFERENCES people (id),
    issued_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);
CREATE TABLE sign_in_failures (
    key          TEXT NOT NULL,
    failed_at    TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, failed_at);
CREATE TABLE attendance (
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    session_number  BIGINT NOT NULL CHECK (session_number >= 1),
    attended        BOOLEAN NOT NULL,
    marked_by       TEXT NOT NULL REFERENCES people (id),
    marked_at       TEXT NOT NULL,
    PRIMARY KEY (cohort_id, young_person_id, session_number),
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);
CREATE TABLE missed_starts (
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    session_number  BIGINT NOT NULL CHECK (session_number >= 1),
    marked_by       TEXT NOT NULL REFERENCES people (id),
    marked_at       TEXT NOT NULL,
    PRIMARY KEY (cohort_id, young_person_id, session_number),
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);
CREATE TABLE programme_scores (
    id              TEXT PRIMARY KEY,
    cohort_id       TEXT NOT NULL,
    young_person_id TEXT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('start', 'end')),
    measure         TEXT NOT NULL CHECK (measure IN ('learning', 'risk_taking', 'consequences')),
    score           BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    entered_by      TEXT NOT NULL REFERENCES people (id),
    recorded_at     TEXT NOT NULL,
    FOREIGN KEY (cohort_id, young_person_id) REFERENCES cohort_members (cohort_id, young_person_id)
);
CREATE INDEX programme_scores_latest
    ON programme_scores (cohort_id, young_person_id, stage, measure, recorded_at);
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
CREATE TABLE question_sets (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    purpose         TEXT NOT NULL CHECK (purpose IN ('pre_programme', 'post_programme', 'self_assessment',
                                                     'young_person_feedback', 'carer_feedback')),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    -- The manager's unpublished edit, exactly as typed (JSON); see 0004.
    draft           TEXT,
    draft_by        TEXT REFERENCES people (id),
    draft_at        TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (organisation_id, purpose)
);
CREATE TABLE question_set_versions (
    id              TEXT PRIMARY KEY,
    question_set_id TEXT NOT NULL REFERENCES question_sets (id),
    version         BIGINT NOT NULL CHECK (version >= 1),
    -- The title as it was when published, so an old answer shows the name it was given under.
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    questions       TEXT NOT NULL,
    -- NULL for the sets Waypoint ships with.
    published_by    TEXT REFERENCES people (id),
    published_at    TEXT NOT NULL,
    UNIQUE (question_set_id, version)
);
CREATE TABLE questionnaire_responses (
    id              TEXT PRIMARY KEY,
    version_id      TEXT NOT NULL REFERENCES question_set_versions (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    -- The programme run it belongs to, for pre/post questionnaires.
    cohort_id       TEXT REFERENCES cohorts (id),
    answers         TEXT NOT NULL,
    entered_by      TEXT NOT NULL REFERENCES people (id),
    submitted_at    TEXT NOT NULL
, share_words BOOLEAN NOT NULL DEFAULT FALSE, seen_by TEXT REFERENCES people (id), seen_at TEXT, response TEXT CHECK (response IS NULL OR length(response) <= 1000), action_taken TEXT CHECK (action_taken IS NULL OR length(action_taken) <= 1000), responded_by TEXT REFERENCES people (id), responded_at TEXT, answer_read_at TEXT);
CREATE INDEX responses_by_version ON questionnaire_responses (version_id);
CREATE INDEX responses_by_young_person ON questionnaire_responses (young_person_id, submitted_at);
CREATE TABLE plans (
    id                TEXT PRIMARY KEY,
    young_person_id   TEXT NOT NULL UNIQUE REFERENCES people (id),
    review_every_days BIGINT NOT NULL CHECK (review_every_days BETWEEN 7 AND 365),
    next_review_on    TEXT,
    created_by        TEXT NOT NULL REFERENCES people (id),
    created_at        TEXT NOT NULL
);
CREATE TABLE plan_versions (
    plan_id      TEXT NOT NULL REFERENCES plans (id),
    version      BIGINT NOT NULL CHECK (version >= 1),
    content      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    -- The worker marked it "ready to agree"; a new version made from a ready one is ready.
    ready        BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by   TEXT NOT NULL REFERENCES people (id),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
);
CREATE TABLE plan_responses (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL,
    version      BIGINT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id),
    role         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('agree', 'disagree')),
    comment      TEXT CHECK (comment IS NULL OR length(comment) <= 1000),
    content_hash TEXT NOT NULL,
    responded_at TEXT NOT NULL,
    FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);
CREATE INDEX plan_responses_by_plan ON plan_responses (plan_id, version);
CREATE TABLE plan_kept_edits (
    plan_id    TEXT NOT NULL REFERENCES plans (id),
    target_key TEXT NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    kept       TEXT NOT NULL,
    kept_at    TEXT NOT NULL,
    PRIMARY KEY (plan_id, target_key, person_id)
);
CREATE TABLE plan_reviews (
    plan_id   TEXT NOT NULL REFERENCES plans (id),
    number    BIGINT NOT NULL CHECK (number >= 1),
    opened_by TEXT NOT NULL REFERENCES people (id),
    opened_at TEXT NOT NULL,
    closed_by TEXT REFERENCES people (id),
    closed_at TEXT,
    PRIMARY KEY (plan_id, number)
);
CREATE TABLE plan_review_scores (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL,
    review     BIGINT NOT NULL,
    target_key TEXT NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL,
    score      BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment    TEXT CHECK (comment IS NULL OR length(comment) <= 1000),
    scored_at  TEXT NOT NULL,
    FOREIGN KEY (plan_id, review) REFERENCES plan_reviews (plan_id, number)
);
CREATE INDEX plan_review_scores_by_plan ON plan_review_scores (plan_id, review);
CREATE INDEX responses_shared ON questionnaire_responses (submitted_at) WHERE share_words;
CREATE INDEX session_scores_by_young_person ON session_scores (young_person_id, recorded_at);
CREATE INDEX programme_scores_by_young_person ON programme_scores (young_person_id, recorded_at);
CREATE INDEX people_by_team ON people (team_id, role);
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
    responded_at    TEXT, answer_read_at TEXT,
    CHECK (words IS NOT NULL OR feeling IS NOT NULL OR urgent)
);
CREATE INDEX voice_by_young_person ON voice_entries (young_person_id, written_at);
CREATE INDEX voice_unseen ON voice_entries (young_person_id) WHERE seen_at IS NULL;
CREATE INDEX audit_by_subject_actor ON audit_events (subject_id, actor_id, occurred_at);

;
