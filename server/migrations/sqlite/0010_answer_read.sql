-- When the young person last opened "What I think" after their worker answered an entry,
-- so their home page can say "Jo answered you" until they have read it.
ALTER TABLE voice_entries ADD COLUMN answer_read_at TEXT;
-- The same for the worker's answer to end-of-intervention feedback, for whoever gave it
-- (the young person, or a parent/carer).
ALTER TABLE questionnaire_responses ADD COLUMN answer_read_at TEXT;
