-- When the young person last opened "What I think" after their worker answered an entry,
-- so their home page can say "Jo answered you" until they have read it.
ALTER TABLE voice_entries ADD COLUMN answer_read_at TEXT;
