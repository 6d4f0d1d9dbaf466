-- Identity and access: how each person signs in, their server-side sessions, and the
-- limits on guessing. Secrets are never stored as given: passwords and PINs as Argon2id
-- hashes, invitation codes, device tokens and session ids as SHA-256 digests.

-- A young person's service team (staff already have one): managers see their team's
-- young people, and new allocations stay inside it.
UPDATE people SET team_id = (
    SELECT MIN(w.team_id) FROM caseload_allocations a JOIN people w ON w.id = a.worker_id
    WHERE a.young_person_id = people.id)
WHERE role = 'young_person' AND team_id IS NULL;

ALTER TABLE people ADD COLUMN case_closed_at TEXT;
-- The young person's choice; until they make it, carers see plans but not scores.
ALTER TABLE people ADD COLUMN shares_scores_with_carers BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE teams ADD COLUMN requires_second_factor BOOLEAN NOT NULL DEFAULT FALSE;

-- Workers, managers and administrators.
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
);

-- Young people and parents/carers: the PIN or passphrase they chose on first use.
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

-- A phone a young person or carer has signed in on. The device keeps a long-lived token in
-- a cookie; with it, the PIN alone opens the app.
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
);
CREATE INDEX sessions_by_person ON sessions (person_id);

-- Password resets issued by an administrator; the link carries the token.
CREATE TABLE password_resets (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    token_digest TEXT NOT NULL UNIQUE,
    issued_by    TEXT NOT NULL REFERENCES people (id),
    issued_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);

-- Failed sign-in attempts, by account and by client address. Keys are digests, so the
-- table names no one.
CREATE TABLE sign_in_failures (
    key          TEXT NOT NULL,
    failed_at    TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, failed_at);

-- Who did what is recorded with the role they did it in, and whether it was refused.
ALTER TABLE audit_events ADD COLUMN actor_role TEXT;
ALTER TABLE audit_events ADD COLUMN outcome TEXT NOT NULL DEFAULT 'done';
