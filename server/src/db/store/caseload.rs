//! What a caseload shows beside each name: six reads for the whole caseload
//! (no query per young person), each using an index that starts with the young person or
//! their cohort.

use std::collections::{BTreeMap, HashMap};

use app::caseload::{CaseActivity, ProgrammeStanding};
use app::ids::{CohortId, PersonId, SessionNumber};
use app::report::SessionFacts;
use app::scaling::Stage;
use app::store::StoreError;

use super::{parse_uuid, placeholders, score, session_number, stage, DbRow, Store};

#[derive(sqlx::FromRow)]
struct LastActivityRow {
    yp: String,
    at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UnseenRow {
    young_person_id: String,
    unseen: i64,
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    young_person_id: String,
    cohort_id: String,
    programme: String,
    programme_id: String,
    sessions: i64,
}

#[derive(sqlx::FromRow)]
struct RegisterRow {
    young_person_id: String,
    cohort_id: String,
    session_number: i64,
    attended: bool,
}

#[derive(sqlx::FromRow)]
struct SlotScoreRow {
    young_person_id: String,
    cohort_id: String,
    session_number: i64,
    stage: String,
    score: i64,
}

#[derive(sqlx::FromRow)]
struct ScoredSessionRow {
    programme_id: String,
    number: i64,
}

#[derive(sqlx::FromRow)]
struct TimelineRow {
    at: String,
    kind: String,
    subject: Option<String>,
    step: Option<String>,
    number: Option<i64>,
    score: Option<i64>,
    who: Option<String>,
}

/// The caseload's reads for `n` young people (`$1…$n`). Public so the benchmark can show
/// their query plans.
pub struct ActivityQueries {
    pub last_activity: String,
    pub unseen_feedback: String,
    pub not_understood: String,
    pub memberships: String,
}

impl ActivityQueries {
    pub fn new(n: usize) -> Self {
        let list = placeholders(n);
        ActivityQueries {
            last_activity: format!(
                "SELECT yp, MAX(at) AS at FROM (
                    SELECT young_person_id AS yp, MAX(recorded_at) AS at FROM session_scores
                     WHERE young_person_id IN ({list}) GROUP BY young_person_id
                    UNION ALL
                    SELECT young_person_id, MAX(recorded_at) FROM programme_scores
                     WHERE young_person_id IN ({list}) GROUP BY young_person_id
                    UNION ALL
                    SELECT young_person_id, MAX(written_at) FROM voice_entries
                     WHERE young_person_id IN ({list}) GROUP BY young_person_id
                    UNION ALL
                    SELECT young_person_id, MAX(submitted_at) FROM questionnaire_responses
                     WHERE young_person_id IN ({list}) GROUP BY young_person_id
                 ) latest GROUP BY yp"
            ),
            unseen_feedback: format!(
                "SELECT r.young_person_id, COUNT(*) AS unseen FROM questionnaire_responses r
                 JOIN question_set_versions v ON v.id = r.version_id
                 JOIN question_sets s ON s.id = v.question_set_id
                 WHERE r.young_person_id IN ({list}) AND r.seen_at IS NULL
                   AND s.purpose IN ('young_person_feedback', 'carer_feedback')
                 GROUP BY r.young_person_id"
            ),
            // Uses the partial index of open items, which starts with the young person.
            not_understood: format!(
                "SELECT young_person_id, COUNT(*) AS unseen FROM not_understood
                 WHERE young_person_id IN ({list}) AND explained_at IS NULL
                 GROUP BY young_person_id"
            ),
            // Each young person's current programme: the latest-starting cohort they are
            // still in.
            memberships: format!(
                "SELECT m.young_person_id, c.id AS cohort_id, {name} AS programme, p.id AS programme_id,
                        (SELECT COUNT(*) FROM programme_sessions ps WHERE ps.programme_id = p.id)
                            AS sessions
                 FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                 JOIN programmes p ON p.id = c.programme_id
                 WHERE m.young_person_id IN ({list}) AND m.left_at IS NULL
                 ORDER BY c.starts_on DESC, c.id",
                name = crate::db::wordings::programme("name", n + 1)
            ),
        }
    }

    /// The register and the scores of the current cohorts only (`$1…$cohorts`, then the
    /// young people): earlier runs of a programme are history the caseload does not show.
    pub fn current_sessions(cohorts: usize, people: usize) -> [String; 2] {
        let cohort_list = placeholders(cohorts);
        let people_list = (cohorts + 1..=cohorts + people)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let within = format!("cohort_id IN ({cohort_list}) AND young_person_id IN ({people_list})");
        [
            format!(
                "SELECT young_person_id, cohort_id, session_number, attended FROM attendance
                 WHERE {within}"
            ),
            // Newest first: the first score seen for a slot is the one that counts.
            format!(
                "SELECT young_person_id, cohort_id, session_number, stage, score FROM session_scores
                 WHERE {within} ORDER BY recorded_at DESC"
            ),
        ]
    }

    pub fn all(&self) -> [(&'static str, &str); 4] {
        [
            ("caseload: last activity", &self.last_activity),
            ("caseload: unseen feedback", &self.unseen_feedback),
            ("caseload: not understood", &self.not_understood),
            ("caseload: memberships", &self.memberships),
        ]
    }
}

fn person(raw: &str) -> Result<PersonId, StoreError> {
    Ok(PersonId(parse_uuid(raw)?))
}

impl Store {
    /// Runs a query whose `$1…$n` are the given ids, in order: a whole caseload in one read.
    pub(super) async fn rows_for<T>(&self, sql: &str, ids: &[String]) -> Result<Vec<T>, StoreError>
    where
        T: for<'r> sqlx::FromRow<'r, DbRow> + Send + Unpin,
    {
        ids.iter()
            .fold(sqlx::query_as(sql), |query, id| query.bind(id))
            .fetch_all(self.reader())
            .await
            .map_err(StoreError::from)
    }

    pub(super) async fn read_case_activity(
        &self,
        young_people: &[PersonId],
        language: app::language::Language,
    ) -> Result<Vec<CaseActivity>, StoreError> {
        if young_people.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = young_people.iter().map(ToString::to_string).collect();
        let sql = ActivityQueries::new(ids.len());
        let mut activity: HashMap<PersonId, CaseActivity> = young_people
            .iter()
            .map(|&young_person| {
                (
                    young_person,
                    CaseActivity {
                        young_person,
                        unseen_feedback: 0,
                        not_understood: 0,
                        last_activity: None,
                        programme: None,
                    },
                )
            })
            .collect();

        let last: Vec<LastActivityRow> = self.rows_for(&sql.last_activity, &ids).await?;
        for r in last {
            if let Some(a) = activity.get_mut(&person(&r.yp)?) {
                a.last_activity = r.at;
            }
        }

        let unseen: Vec<UnseenRow> = self.rows_for(&sql.unseen_feedback, &ids).await?;
        for r in unseen {
            if let Some(a) = activity.get_mut(&person(&r.young_person_id)?) {
                a.unseen_feedback = u32::try_from(r.unseen).unwrap_or(0);
            }
        }

        let asked: Vec<UnseenRow> = self.rows_for(&sql.not_understood, &ids).await?;
        for r in asked {
            if let Some(a) = activity.get_mut(&person(&r.young_person_id)?) {
                a.not_understood = u32::try_from(r.unseen).unwrap_or(0);
            }
        }

        // The programme's name in the page's language, bound after the young people.
        let with_language: Vec<String> = ids
            .iter()
            .cloned()
            .chain([language.tag().to_owned()])
            .collect();
        let memberships: Vec<MembershipRow> =
            self.rows_for(&sql.memberships, &with_language).await?;
        let mut current: HashMap<PersonId, (CohortId, String, String, u32)> = HashMap::new();
        for r in memberships {
            current.entry(person(&r.young_person_id)?).or_insert((
                CohortId(parse_uuid(&r.cohort_id)?),
                r.programme,
                r.programme_id,
                u32::try_from(r.sessions).unwrap_or(0),
            ));
        }
        if current.is_empty() {
            return Ok(activity.into_values().collect());
        }
        let mut facts: HashMap<(PersonId, CohortId), BTreeMap<SessionNumber, SessionFacts>> =
            HashMap::new();
        let mut cohort_ids: Vec<String> = current.values().map(|c| c.0.to_string()).collect();
        cohort_ids.sort();
        cohort_ids.dedup();
        let [register_sql, scores_sql] =
            ActivityQueries::current_sessions(cohort_ids.len(), ids.len());
        let binds: Vec<String> = cohort_ids.iter().chain(&ids).cloned().collect();
        let register: Vec<RegisterRow> = self.rows_for(&register_sql, &binds).await?;
        for r in register {
            let key = (
                person(&r.young_person_id)?,
                CohortId(parse_uuid(&r.cohort_id)?),
            );
            facts
                .entry(key)
                .or_default()
                .entry(session_number(r.session_number)?)
                .or_default()
                .register = Some(r.attended);
        }
        let scores: Vec<SlotScoreRow> = self.rows_for(&scores_sql, &binds).await?;
        for r in scores {
            let key = (
                person(&r.young_person_id)?,
                CohortId(parse_uuid(&r.cohort_id)?),
            );
            let slot = facts
                .entry(key)
                .or_default()
                .entry(session_number(r.session_number)?)
                .or_default();
            let slot = match stage(&r.stage)? {
                Stage::Start => &mut slot.start,
                Stage::End => &mut slot.end,
            };
            if slot.is_none() {
                *slot = Some(score(r.score)?);
            }
        }
        let programme_ids: Vec<String> = current.values().map(|c| c.2.clone()).collect();
        let scored_rows: Vec<ScoredSessionRow> = self
            .rows_for(
                &format!(
                    "SELECT programme_id, number FROM programme_sessions
                     WHERE scored AND programme_id IN ({})",
                    placeholders(programme_ids.len())
                ),
                &programme_ids,
            )
            .await?;
        let mut scored: HashMap<String, Vec<SessionNumber>> = HashMap::new();
        for r in scored_rows {
            scored
                .entry(r.programme_id)
                .or_default()
                .push(session_number(r.number)?);
        }
        let empty = BTreeMap::new();
        for (young_person, (cohort, name, programme_id, sessions)) in current {
            if let Some(a) = activity.get_mut(&young_person) {
                a.programme = Some(ProgrammeStanding::from_facts(
                    cohort,
                    name,
                    sessions,
                    scored.get(&programme_id).map(Vec::as_slice).unwrap_or(&[]),
                    facts.get(&(young_person, cohort)).unwrap_or(&empty),
                ));
            }
        }
        Ok(activity.into_values().collect())
    }
}

/// Every kind of event on a record, as one list: (time, kind, subject, step, number,
/// score, who). Text columns are cast so each branch has the same shape on any engine.
/// `$1` is the young person; `$2` the language of the session topics.
fn timeline_sql() -> String {
    TIMELINE.replace("{topic}", &crate::db::wordings::topic(2))
}

const TIMELINE: &str = "
    SELECT s.recorded_at AS at, 'session_score' AS kind, {topic} AS subject, s.stage AS step,
           s.session_number AS number, s.score AS score, e.given_name AS who
      FROM session_scores s
      JOIN programme_sessions ps ON ps.programme_id = s.programme_id AND ps.number = s.session_number
      JOIN people e ON e.id = s.entered_by
     WHERE s.young_person_id = $1
    UNION ALL
    SELECT recorded_at, 'programme_score', measure, stage, NULL, score, NULL
      FROM programme_scores WHERE young_person_id = $1
    UNION ALL
    SELECT r.submitted_at,
           CASE WHEN qs.purpose IN ('young_person_feedback', 'carer_feedback') THEN 'feedback' ELSE 'questionnaire' END,
           v.title, NULL, NULL, NULL, g.given_name
      FROM questionnaire_responses r
      JOIN question_set_versions v ON v.id = r.version_id
      JOIN question_sets qs ON qs.id = v.question_set_id
      JOIN people g ON g.id = r.entered_by
     WHERE r.young_person_id = $1
    UNION ALL
    SELECT r.responded_at, 'feedback_answer', NULL, NULL, NULL, NULL, a.given_name
      FROM questionnaire_responses r JOIN people a ON a.id = r.responded_by
     WHERE r.young_person_id = $1 AND r.responded_at IS NOT NULL
    UNION ALL
    SELECT v.updated_at, 'plan_version', NULL, NULL, v.version, NULL, u.given_name
      FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN people u ON u.id = v.updated_by
     WHERE p.young_person_id = $1
    UNION ALL
    SELECT pr.responded_at, 'plan_response', NULL, pr.decision, pr.version, NULL, w.given_name
      FROM plan_responses pr JOIN plans p ON p.id = pr.plan_id JOIN people w ON w.id = pr.person_id
     WHERE p.young_person_id = $1
    UNION ALL
    SELECT written_at, 'entry', feeling, CASE WHEN urgent THEN 'urgent' ELSE NULL END, NULL, NULL, NULL
      FROM voice_entries WHERE young_person_id = $1
    UNION ALL
    SELECT e.responded_at, 'entry_answer', NULL, NULL, NULL, NULL, a.given_name
      FROM voice_entries e JOIN people a ON a.id = e.responded_by
     WHERE e.young_person_id = $1 AND e.responded_at IS NOT NULL
    ORDER BY at DESC
    LIMIT 500";

impl Store {
    /// The English titles of the versions this young person's answers name, with their
    /// titles in `language` (none for English, where nothing changes).
    async fn worded_titles(
        &self,
        young_person: PersonId,
        language: app::language::Language,
    ) -> Result<HashMap<String, String>, StoreError> {
        if language == app::language::Language::English {
            return Ok(HashMap::new());
        }
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT v.title, v.wordings FROM questionnaire_responses r
             JOIN question_set_versions v ON v.id = r.version_id
             WHERE r.young_person_id = $1",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut titles = HashMap::new();
        for (title, raw) in rows {
            let wordings: app::questionnaire::Wordings = serde_json::from_str(&raw)
                .map_err(|e| StoreError(format!("malformed stored JSON: {e}")))?;
            if let Some(worded) = wordings.get(&language).and_then(|w| w.title.clone()) {
                titles.insert(title, worded);
            }
        }
        Ok(titles)
    }

    pub(super) async fn read_timeline(
        &self,
        young_person: PersonId,
        language: app::language::Language,
    ) -> Result<Vec<app::timeline::TimelineEvent>, StoreError> {
        use app::timeline::{EventKind, TimelineEvent};
        let titles = self.worded_titles(young_person, language).await?;
        sqlx::query_as::<_, TimelineRow>(&timeline_sql())
            .bind(young_person.to_string())
            .bind(language.tag())
            .fetch_all(self.reader())
            .await?
            .into_iter()
            .map(|r| {
                let kind = EventKind::parse(&r.kind)
                    .ok_or_else(|| StoreError(format!("unknown timeline kind {:?}", r.kind)))?;
                // A questionnaire is named as it was titled in the page's language.
                let subject = match (kind, r.subject) {
                    (EventKind::Questionnaire | EventKind::Feedback, Some(title)) => {
                        Some(titles.get(&title).cloned().unwrap_or(title))
                    }
                    (_, subject) => subject,
                };
                Ok(TimelineEvent {
                    kind,
                    at: r.at,
                    subject,
                    step: r.step,
                    number: r.number,
                    score: r.score,
                    who: r.who,
                })
            })
            .collect()
    }
}
