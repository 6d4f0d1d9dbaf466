-- A sign-in attempt is written down before the secret is checked, so guesses sent at the
-- same moment (to any number of servers) each take a place under the limit; the row is
-- deleted when the secret was right. This id finds the rows one attempt wrote.
ALTER TABLE sign_in_failures ADD COLUMN attempt_id TEXT;
CREATE INDEX sign_in_failures_by_attempt ON sign_in_failures (attempt_id);
