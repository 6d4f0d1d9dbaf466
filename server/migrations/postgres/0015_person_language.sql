-- The language each person chose ('en', 'cy'): their pages are in it on any phone they
-- sign in on. NULL until they choose, when the page's language (their browser's) is kept.
ALTER TABLE people ADD COLUMN language TEXT;
