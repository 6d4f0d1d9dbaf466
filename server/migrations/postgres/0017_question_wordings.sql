-- A version's questions in other languages (Welsh), published with it and never changed:
-- `{"cy": {"title": "…", "questions": {"q1": {"text": "…", "low": "…", …}}}}`. The
-- keys, types and number of options are the English questions', so answers given in any
-- language are kept, compared and counted together.
ALTER TABLE question_set_versions ADD COLUMN wordings TEXT NOT NULL DEFAULT '{}';
