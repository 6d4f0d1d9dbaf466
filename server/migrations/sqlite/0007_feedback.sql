-- End-of-intervention feedback from young people and, separately, from each parent/carer:
-- two more kinds of question set, the giver's choice to let their words be quoted without
-- their name, and the worker's answer ("you said, we did"), as for "What I think".
--
-- SQLite cannot widen a CHECK in place, so question_sets is rebuilt. Foreign keys stay on
-- (sqlx runs each migration in a transaction, where they cannot be turned off); instead
-- they are deferred to the commit: dropping the table leaves its versions without a
-- parent for a moment, and putting the same rows back under the same ids gives it back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE question_sets_copy AS SELECT * FROM question_sets;
DROP TABLE question_sets;
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
INSERT INTO question_sets (id, organisation_id, purpose, title, draft, draft_by, draft_at, created_at)
    SELECT id, organisation_id, purpose, title, draft, draft_by, draft_at, created_at FROM question_sets_copy;
DROP TABLE question_sets_copy;

-- "You can share my words without my name": asked with feedback, false until chosen.
ALTER TABLE questionnaire_responses ADD COLUMN share_words BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE questionnaire_responses ADD COLUMN seen_by TEXT REFERENCES people (id);
ALTER TABLE questionnaire_responses ADD COLUMN seen_at TEXT;
ALTER TABLE questionnaire_responses ADD COLUMN response TEXT CHECK (response IS NULL OR length(response) <= 1000);
ALTER TABLE questionnaire_responses ADD COLUMN action_taken TEXT CHECK (action_taken IS NULL OR length(action_taken) <= 1000);
ALTER TABLE questionnaire_responses ADD COLUMN responded_by TEXT REFERENCES people (id);
ALTER TABLE questionnaire_responses ADD COLUMN responded_at TEXT;

-- The quotes bank reads consented words newest first.
CREATE INDEX responses_shared ON questionnaire_responses (submitted_at) WHERE share_words;
