-- Question sets (pre/post programme questionnaires, the self-assessment) and the answers
-- to them. A set changes only by publishing a new version; a version's questions are
-- written once (a JSON document) and never updated, and each response names its version,
-- so editing a set cannot change an answer already given.

CREATE TABLE question_sets (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    purpose         TEXT NOT NULL CHECK (purpose IN ('pre_programme', 'post_programme', 'self_assessment')),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    -- The manager's unpublished edit, exactly as typed (JSON), so a half-finished or
    -- mistaken edit is never lost; NULL when there is none. Publishing parses it into a
    -- new version and clears it.
    draft           TEXT,
    draft_by        TEXT REFERENCES people (id),
    draft_at        TEXT,
    created_at      TEXT NOT NULL,
    -- One set per purpose in an organisation: a set changes by new versions, so "the
    -- pre-programme questionnaire" always means one thing.
    UNIQUE (organisation_id, purpose)
);

CREATE TABLE question_set_versions (
    id              TEXT PRIMARY KEY,
    question_set_id TEXT NOT NULL REFERENCES question_sets (id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    -- The title as it was when published, so an old answer shows the name it was given under.
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    questions       TEXT NOT NULL,
    -- NULL for the sets Waypoint ships with.
    published_by    TEXT REFERENCES people (id),
    published_at    TEXT NOT NULL,
    UNIQUE (question_set_id, version)
);

-- Append-only like scores: answering again adds a response; the latest counts.
CREATE TABLE questionnaire_responses (
    id              TEXT PRIMARY KEY,
    version_id      TEXT NOT NULL REFERENCES question_set_versions (id),
    young_person_id TEXT NOT NULL REFERENCES people (id),
    -- The programme run it belongs to, for pre/post questionnaires.
    cohort_id       TEXT REFERENCES cohorts (id),
    answers         TEXT NOT NULL,
    entered_by      TEXT NOT NULL REFERENCES people (id),
    submitted_at    TEXT NOT NULL
);
CREATE INDEX responses_by_version ON questionnaire_responses (version_id);
CREATE INDEX responses_by_young_person ON questionnaire_responses (young_person_id, submitted_at);
