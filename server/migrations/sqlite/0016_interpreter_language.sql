-- The language a young person or parent/carer needs an interpreter for ("Polish"), noted
-- by a worker so whoever meets them next books one; NULL when they need none.
ALTER TABLE people ADD COLUMN interpreter_language TEXT
    CHECK (interpreter_language IS NULL OR length(interpreter_language) BETWEEN 1 AND 60);
