-- Co-produced plans. A young person has at most one plan; what it says is kept whole with
-- each version (a JSON document of targets, each in five parts, each naming who last
-- wrote it). A version is changed in place only until someone has agreed or disagreed
-- with it; after that any change makes the next version, so every agreement keeps naming
-- exactly the words that were agreed (and the hash of them, taken when agreeing).

CREATE TABLE plans (
    id                TEXT PRIMARY KEY,
    young_person_id   TEXT NOT NULL UNIQUE REFERENCES people (id),
    review_every_days INTEGER NOT NULL CHECK (review_every_days BETWEEN 7 AND 365),
    next_review_on    TEXT,
    created_by        TEXT NOT NULL REFERENCES people (id),
    created_at        TEXT NOT NULL
);

CREATE TABLE plan_versions (
    plan_id      TEXT NOT NULL REFERENCES plans (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    content      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    -- The worker marked it "ready to agree"; a new version made from a ready one is ready.
    ready        BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by   TEXT NOT NULL REFERENCES people (id),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
);

-- "I agree" and "I don't agree", append-only. Only those on the current version count.
CREATE TABLE plan_responses (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL,
    version      INTEGER NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id),
    role         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('agree', 'disagree')),
    comment      TEXT CHECK (comment IS NULL OR length(comment) <= 1000),
    content_hash TEXT NOT NULL,
    responded_at TEXT NOT NULL,
    FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);
CREATE INDEX plan_responses_by_plan ON plan_responses (plan_id, version);

-- What someone typed that could not be saved (a conflict, too many words), kept until they
-- save again, so a refused save loses nothing even without JavaScript. 'new' stands for a
-- target not yet added.
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
    number    INTEGER NOT NULL CHECK (number >= 1),
    opened_by TEXT NOT NULL REFERENCES people (id),
    opened_at TEXT NOT NULL,
    closed_by TEXT REFERENCES people (id),
    closed_at TEXT,
    PRIMARY KEY (plan_id, number)
);

-- Append-only like session scores: scoring again adds a row; each person's latest counts.
CREATE TABLE plan_review_scores (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL,
    review     INTEGER NOT NULL,
    target_key TEXT NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment    TEXT CHECK (comment IS NULL OR length(comment) <= 1000),
    scored_at  TEXT NOT NULL,
    FOREIGN KEY (plan_id, review) REFERENCES plan_reviews (plan_id, number)
);
CREATE INDEX plan_review_scores_by_plan ON plan_review_scores (plan_id, review);
