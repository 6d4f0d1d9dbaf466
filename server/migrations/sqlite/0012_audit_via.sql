-- Whose doing an event was when it was not only the actor's: a phone added with a sign-in
-- code names the member of staff who made the code, so a code used by the wrong person
-- shows up in the young person's trail under the name of who made it.
ALTER TABLE audit_events ADD COLUMN via_id TEXT REFERENCES people (id);

-- The trail is paged and filtered by who did it; the newest first.
CREATE INDEX audit_by_subject_actor ON audit_events (subject_id, actor_id, occurred_at);
