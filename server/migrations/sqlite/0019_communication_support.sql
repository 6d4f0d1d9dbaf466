-- Communication support (issue 18): most young people in youth justice have speech,
-- language and communication needs. The mode is the young person's own setting, set by
-- their worker with them or by themselves; it makes pages bigger, offers read-aloud on
-- every page, starts scales with faces, gives each question a screen of its own and an
-- "I don't understand this" button.
ALTER TABLE people ADD COLUMN communication_support BOOLEAN NOT NULL DEFAULT FALSE;

-- "I don't understand this", pressed on a question or a plan target: the worker explains
-- it next time (or sooner), then marks it explained. `item` names what was pressed
-- (`question:<version>:<key>` or `target:<key>`); `words` is the item as the young person
-- saw it, read by the server, never sent by the phone.
CREATE TABLE not_understood (
    id              TEXT PRIMARY KEY,
    young_person_id TEXT NOT NULL REFERENCES people (id),
    item            TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 120),
    words           TEXT NOT NULL CHECK (length(words) BETWEEN 1 AND 1000),
    asked_at        TEXT NOT NULL,
    explained_by    TEXT REFERENCES people (id),
    explained_at    TEXT
);
-- One open question per item: pressing twice (or on two phones) asks once.
CREATE UNIQUE INDEX not_understood_open_item
    ON not_understood (young_person_id, item) WHERE explained_at IS NULL;
