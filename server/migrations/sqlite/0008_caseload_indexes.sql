-- The caseload asks, for a whole caseload at once, when anything last happened to each
-- young person. Scores were only indexed by cohort first, which made that a scan of every
-- score in the service.
CREATE INDEX session_scores_by_young_person ON session_scores (young_person_id, recorded_at);
CREATE INDEX programme_scores_by_young_person ON programme_scores (young_person_id, recorded_at);
-- A manager's caseload is their team's young people.
CREATE INDEX people_by_team ON people (team_id, role);
