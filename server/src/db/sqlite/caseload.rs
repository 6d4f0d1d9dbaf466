//! What a caseload shows beside each name, on SQLite: six reads for the whole caseload
//! (no query per young person), each using an index that starts with the young person or
//! their cohort.

use std::collections::{BTreeMap, HashMap};

use sqlx::Row;

use app::caseload::{CaseActivity, ProgrammeStanding};
use app::ids::{CohortId, PersonId, SessionNumber};
use app::report::SessionFacts;
use app::scaling::Stage;
use app::store::StoreError;

use super::{parse_uuid, placeholders, score, session_number, stage, SqliteStore};

fn person(raw: &str) -> Result<PersonId, StoreError> {
    Ok(PersonId(parse_uuid(raw)?))
}

impl SqliteStore {
    pub(super) async fn read_case_activity(
        &self,
        young_people: &[PersonId],
    ) -> Result<Vec<CaseActivity>, StoreError> {
        if young_people.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = young_people.iter().map(ToString::to_string).collect();
        let list = placeholders(ids.len());
        let mut activity: HashMap<PersonId, CaseActivity> = young_people
            .iter()
            .map(|&young_person| {
                (
                    young_person,
                    CaseActivity {
                        young_person,
                        unseen_feedback: 0,
                        last_activity: None,
                        programme: None,
                    },
                )
            })
            .collect();

        let last = self
            .rows_for(
                &format!(
                    "SELECT yp, MAX(at) FROM (
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
                &ids,
            )
            .await?;
        for r in last {
            if let Some(a) = activity.get_mut(&person(r.get(0))?) {
                a.last_activity = r.get(1);
            }
        }

        let unseen = self
            .rows_for(
                &format!(
                    "SELECT r.young_person_id, COUNT(*) FROM questionnaire_responses r
                     JOIN question_set_versions v ON v.id = r.version_id
                     JOIN question_sets s ON s.id = v.question_set_id
                     WHERE r.young_person_id IN ({list}) AND r.seen_at IS NULL
                       AND s.purpose IN ('young_person_feedback', 'carer_feedback')
                     GROUP BY r.young_person_id"
                ),
                &ids,
            )
            .await?;
        for r in unseen {
            if let Some(a) = activity.get_mut(&person(r.get(0))?) {
                a.unseen_feedback = u32::try_from(r.get::<i64, _>(1)).unwrap_or(0);
            }
        }

        // Each young person's current programme: the latest-starting cohort they are still in.
        let memberships = self
            .rows_for(
                &format!(
                    "SELECT m.young_person_id, c.id, p.name, p.id,
                            (SELECT COUNT(*) FROM programme_sessions ps WHERE ps.programme_id = p.id)
                     FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                     JOIN programmes p ON p.id = c.programme_id
                     WHERE m.young_person_id IN ({list}) AND m.left_at IS NULL
                     ORDER BY c.starts_on DESC, c.id"
                ),
                &ids,
            )
            .await?;
        let mut current: HashMap<PersonId, (CohortId, String, String, u32)> = HashMap::new();
        for r in memberships {
            current.entry(person(r.get(0))?).or_insert((
                CohortId(parse_uuid(r.get(1))?),
                r.get(2),
                r.get(3),
                u32::try_from(r.get::<i64, _>(4)).unwrap_or(0),
            ));
        }
        if current.is_empty() {
            return Ok(activity.into_values().collect());
        }
        let in_cohorts = format!(
            "cohort_id IN (SELECT cohort_id FROM cohort_members
                           WHERE young_person_id IN ({list}) AND left_at IS NULL)
             AND young_person_id IN ({list})"
        );
        let mut facts: HashMap<(PersonId, CohortId), BTreeMap<SessionNumber, SessionFacts>> =
            HashMap::new();
        let register = self
            .rows_for(
                &format!(
                    "SELECT young_person_id, cohort_id, session_number, attended FROM attendance
                     WHERE {in_cohorts}"
                ),
                &ids,
            )
            .await?;
        for r in register {
            let key = (person(r.get(0))?, CohortId(parse_uuid(r.get(1))?));
            facts
                .entry(key)
                .or_default()
                .entry(session_number(r.get(2))?)
                .or_default()
                .register = Some(r.get(3));
        }
        // Newest first: the first score seen for a slot is the one that counts.
        let scores = self
            .rows_for(
                &format!(
                    "SELECT young_person_id, cohort_id, session_number, stage, score FROM session_scores
                     WHERE {in_cohorts} ORDER BY recorded_at DESC"
                ),
                &ids,
            )
            .await?;
        for r in scores {
            let key = (person(r.get(0))?, CohortId(parse_uuid(r.get(1))?));
            let slot = facts
                .entry(key)
                .or_default()
                .entry(session_number(r.get(2))?)
                .or_default();
            let slot = match stage(r.get::<&str, _>(3))? {
                Stage::Start => &mut slot.start,
                Stage::End => &mut slot.end,
            };
            if slot.is_none() {
                *slot = Some(score(r.get(4))?);
            }
        }
        let programme_ids: Vec<String> = current.values().map(|c| c.2.clone()).collect();
        let scored_rows = self
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
                .entry(r.get(0))
                .or_default()
                .push(session_number(r.get(1))?);
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
