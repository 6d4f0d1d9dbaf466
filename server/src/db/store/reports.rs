//! The facts behind manager reports. Six queries however many cohorts and young
//! people the period holds, all in one read transaction so the figures agree with each
//! other even while sessions are being scored.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;

use app::calendar::CalendarDate;
use app::ids::{CohortId, PersonId, ProgrammeId, TeamId};
use app::programme::{Measure, MeasureScores};
use app::report::{Participant, ReportFacts, SessionPlan};
use app::scaling::Stage;
use app::store::{Reports, StoreError};
use app::team::{EntryTimes, TeamOverview, WorkerLoad};

use crate::clock;

use super::{parse_uuid, score, session_number, stage, Store};

/// The cohorts a report covers, as a subquery every query below shares.
/// `$5` is one cohort's id, or '' for every cohort of the period.
const IN_PERIOD: &str = "SELECT id FROM cohorts
     WHERE team_id = $1 AND programme_id = $2 AND starts_on BETWEEN $3 AND $4
       AND ($5 = '' OR id = $5)";

/// The report's reads over a period, each binding team, programme, from and to. Public so
/// the benchmark can show their query plans.
pub struct PeriodQueries {
    pub cohorts: String,
    pub members: String,
    pub register: String,
    pub session_scores: String,
    pub programme_scores: String,
}

impl Default for PeriodQueries {
    fn default() -> Self {
        PeriodQueries {
            cohorts: format!(
                "SELECT name FROM cohorts WHERE id IN ({IN_PERIOD}) ORDER BY starts_on, name"
            ),
            members: format!(
                "SELECT cohort_id, young_person_id FROM cohort_members WHERE cohort_id IN ({IN_PERIOD})"
            ),
            register: format!(
                "SELECT cohort_id, young_person_id, session_number, attended FROM attendance
                 WHERE cohort_id IN ({IN_PERIOD})"
            ),
            // Newest first: the first score seen for a slot is the one that counts; older
            // rows are corrections' history.
            session_scores: format!(
                "SELECT cohort_id, young_person_id, session_number, stage, score FROM session_scores
                 WHERE cohort_id IN ({IN_PERIOD}) ORDER BY recorded_at DESC, id DESC"
            ),
            programme_scores: format!(
                "SELECT cohort_id, young_person_id, stage, measure, score FROM programme_scores
                 WHERE cohort_id IN ({IN_PERIOD}) ORDER BY recorded_at DESC, id DESC"
            ),
        }
    }
}

impl PeriodQueries {
    pub fn all(&self) -> [(&'static str, &str); 5] {
        [
            ("report: cohorts", &self.cohorts),
            ("report: members", &self.members),
            ("report: register", &self.register),
            ("report: session scores", &self.session_scores),
            ("report: programme scores", &self.programme_scores),
        ]
    }
}

#[derive(sqlx::FromRow)]
struct SessionPlanRow {
    number: i64,
    topic: String,
    scored: bool,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    cohort_id: String,
    young_person_id: String,
}

#[derive(sqlx::FromRow)]
struct RegisterRow {
    cohort_id: String,
    young_person_id: String,
    session_number: i64,
    attended: bool,
}

#[derive(sqlx::FromRow)]
struct SessionScoreRow {
    cohort_id: String,
    young_person_id: String,
    session_number: i64,
    stage: String,
    score: i64,
}

#[derive(sqlx::FromRow)]
struct ProgrammeScoreRow {
    cohort_id: String,
    young_person_id: String,
    stage: String,
    measure: String,
    score: i64,
}

#[derive(sqlx::FromRow)]
struct WorkerRow {
    id: String,
    given_name: String,
    family_name: String,
}

#[derive(sqlx::FromRow)]
struct WorkerCountRow {
    worker_id: String,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct EntryTimesRow {
    worker_id: String,
    id: String,
    urgent: bool,
    written_at: String,
    seen_at: Option<String>,
    responded_at: Option<String>,
}

type Key = (CohortId, PersonId);

fn key(cohort: &str, young_person: &str) -> Result<Key, StoreError> {
    Ok((
        CohortId(parse_uuid(cohort)?),
        PersonId(parse_uuid(young_person)?),
    ))
}

#[async_trait]
impl Reports for Store {
    async fn report_facts(
        &self,
        team: TeamId,
        programme: ProgrammeId,
        from: CalendarDate,
        to: CalendarDate,
        cohort: Option<CohortId>,
        language: app::language::Language,
    ) -> Result<Option<ReportFacts>, StoreError> {
        let mut tx = self.reader().begin().await?;
        let (team, programme_id) = (team.to_string(), programme.to_string());
        let cohort_id = cohort.map(|c| c.to_string()).unwrap_or_default();
        let (from_text, to_text) = (from.to_string(), to.to_string());
        let Some(name) = sqlx::query_scalar::<_, String>(&format!(
            "SELECT {} FROM programmes p JOIN teams t ON t.organisation_id = p.organisation_id
             WHERE p.id = $1 AND t.id = $2",
            crate::db::wordings::programme("name", 3)
        ))
        .bind(&programme_id)
        .bind(&team)
        .bind(language.tag())
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        let sessions = sqlx::query_as::<_, SessionPlanRow>(&format!(
            "SELECT ps.number, {} AS topic, ps.scored FROM programme_sessions ps
             WHERE ps.programme_id = $1 ORDER BY ps.number",
            crate::db::wordings::topic(2)
        ))
        .bind(&programme_id)
        .bind(language.tag())
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|r| {
            Ok(SessionPlan {
                number: session_number(r.number)?,
                topic: r.topic,
                scored: r.scored,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

        // Each query binds the same five values for IN_PERIOD.
        macro_rules! period_query {
            ($sql:expr, $row:ty) => {
                sqlx::query_as::<_, $row>($sql)
                    .bind(&team)
                    .bind(&programme_id)
                    .bind(&from_text)
                    .bind(&to_text)
                    .bind(&cohort_id)
                    .fetch_all(&mut *tx)
                    .await?
            };
        }

        let sql = PeriodQueries::default();
        let cohorts: Vec<String> = period_query!(&sql.cohorts, (String,))
            .into_iter()
            .map(|(name,)| name)
            .collect();

        let mut people: BTreeMap<Key, Participant> = BTreeMap::new();
        for r in period_query!(&sql.members, MemberRow) {
            let (cohort, young_person) = key(&r.cohort_id, &r.young_person_id)?;
            people.insert(
                (cohort, young_person),
                Participant {
                    young_person,
                    cohort,
                    sessions: BTreeMap::new(),
                    programme_start: MeasureScores::default(),
                    programme_end: MeasureScores::default(),
                },
            );
        }

        for r in period_query!(&sql.register, RegisterRow) {
            if let Some(p) = people.get_mut(&key(&r.cohort_id, &r.young_person_id)?) {
                let facts = p
                    .sessions
                    .entry(session_number(r.session_number)?)
                    .or_default();
                facts.register = Some(r.attended);
            }
        }

        for r in period_query!(&sql.session_scores, SessionScoreRow) {
            let Some(p) = people.get_mut(&key(&r.cohort_id, &r.young_person_id)?) else {
                continue;
            };
            let facts = p
                .sessions
                .entry(session_number(r.session_number)?)
                .or_default();
            let slot = match stage(&r.stage)? {
                Stage::Start => &mut facts.start,
                Stage::End => &mut facts.end,
            };
            if slot.is_none() {
                *slot = Some(score(r.score)?);
            }
        }

        for r in period_query!(&sql.programme_scores, ProgrammeScoreRow) {
            let Some(p) = people.get_mut(&key(&r.cohort_id, &r.young_person_id)?) else {
                continue;
            };
            let measure: Measure = r
                .measure
                .parse()
                .map_err(|()| StoreError("malformed measure in database".into()))?;
            let scores = match stage(&r.stage)? {
                Stage::Start => &mut p.programme_start,
                Stage::End => &mut p.programme_end,
            };
            let slot = scores.slot(measure);
            if slot.is_none() {
                *slot = Some(score(r.score)?);
            }
        }
        tx.commit().await?;

        Ok(Some(ReportFacts {
            programme: name,
            from,
            to,
            cohorts,
            sessions,
            participants: people.into_values().collect(),
        }))
    }

    async fn team_overview(&self, team: TeamId) -> Result<TeamOverview, StoreError> {
        let now = clock::now();
        let since = clock::format(
            time::OffsetDateTime::now_utc()
                - time::Duration::days(i64::from(app::team::RESPONSE_WINDOW_DAYS)),
        );
        let (now, since) = (now.as_str(), since.as_str());
        let team = team.to_string();
        let mut tx = self.reader().begin().await?;
        let workers = sqlx::query_as::<_, WorkerRow>(
            "SELECT id, given_name, family_name FROM people
             WHERE team_id = $1 AND role = 'worker' AND active ORDER BY given_name, family_name",
        )
        .bind(&team)
        .fetch_all(&mut *tx)
        .await?;
        let per_worker = |rows: Vec<WorkerCountRow>| -> HashMap<String, u32> {
            rows.into_iter()
                .map(|r| (r.worker_id, u32::try_from(r.n).unwrap_or(0)))
                .collect()
        };
        let open = per_worker(
            sqlx::query_as(
                "SELECT a.worker_id, COUNT(*) AS n FROM caseload_allocations a
                 JOIN people w ON w.id = a.worker_id JOIN people yp ON yp.id = a.young_person_id
                 WHERE w.team_id = $1 AND yp.case_closed_at IS NULL GROUP BY a.worker_id",
            )
            .bind(&team)
            .fetch_all(&mut *tx)
            .await?,
        );
        let feedback = per_worker(
            sqlx::query_as(
                "SELECT a.worker_id, COUNT(*) AS n FROM questionnaire_responses r
                 JOIN caseload_allocations a ON a.young_person_id = r.young_person_id
                 JOIN people w ON w.id = a.worker_id
                 JOIN question_set_versions v ON v.id = r.version_id
                 JOIN question_sets s ON s.id = v.question_set_id
                 WHERE w.team_id = $1 AND r.seen_at IS NULL
                   AND s.purpose IN ('young_person_feedback', 'carer_feedback')
                 GROUP BY a.worker_id",
            )
            .bind(&team)
            .fetch_all(&mut *tx)
            .await?,
        );
        // Everything still waiting, whenever it was written; answered ones in the window.
        let entry_rows = sqlx::query_as::<_, EntryTimesRow>(
            "SELECT a.worker_id, e.id, e.urgent, e.written_at, e.seen_at, e.responded_at
             FROM voice_entries e
             JOIN caseload_allocations a ON a.young_person_id = e.young_person_id
             JOIN people w ON w.id = a.worker_id
             WHERE w.team_id = $1 AND (e.responded_at IS NULL OR e.written_at >= $2)",
        )
        .bind(&team)
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut entries: HashMap<String, Vec<EntryTimes>> = HashMap::new();
        let mut all = Vec::with_capacity(entry_rows.len());
        for r in entry_rows {
            let times = EntryTimes {
                urgent: r.urgent,
                written_at: r.written_at,
                seen_at: r.seen_at,
                responded_at: r.responded_at,
            };
            all.push((r.id, times.clone()));
            entries.entry(r.worker_id).or_default().push(times);
        }
        let loads = workers
            .into_iter()
            .map(|w| {
                let id = &w.id;
                Ok(WorkerLoad::from_entries(
                    PersonId(parse_uuid(id)?),
                    format!("{} {}", w.given_name, w.family_name),
                    open.get(id).copied().unwrap_or(0),
                    feedback.get(id).copied().unwrap_or(0),
                    entries.get(id).map(Vec::as_slice).unwrap_or(&[]),
                    since,
                    now,
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(TeamOverview::new(loads, &all, since))
    }
}
