-- Programmes in other languages (Welsh). A session's topic and objectives are shown in the
-- page's language where they have words there, else in English; the English rows stay
-- what the programme is (scores and registers name sessions by number, never by words).

CREATE TABLE programme_wordings (
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    language     TEXT NOT NULL CHECK (language IN ('cy')),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    summary      TEXT NOT NULL,
    PRIMARY KEY (programme_id, language)
);

CREATE TABLE programme_session_wordings (
    programme_id TEXT NOT NULL,
    number       INTEGER NOT NULL,
    language     TEXT NOT NULL CHECK (language IN ('cy')),
    topic        TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 120),
    PRIMARY KEY (programme_id, number, language),
    FOREIGN KEY (programme_id, number) REFERENCES programme_sessions (programme_id, number)
);

CREATE TABLE session_objective_wordings (
    programme_id   TEXT NOT NULL,
    session_number INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    language       TEXT NOT NULL CHECK (language IN ('cy')),
    text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    PRIMARY KEY (programme_id, session_number, position, language),
    FOREIGN KEY (programme_id, session_number, position)
        REFERENCES session_objectives (programme_id, session_number, position)
);
