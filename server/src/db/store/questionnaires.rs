//! Question sets, their versions and the answers given to them.

use async_trait::async_trait;
use sqlx::Row;
use uuid::Uuid;

use app::error::Problem;
use app::identity::Viewer;
use app::ids::{CohortId, PersonId, ResponseId, VersionId};
use app::questionnaire::*;
use app::store::{AuditOutcome, NewResponse, Outcome, Questionnaires, SaveOutcome, StoreError};

use super::{actor, audit, claim_key, parse_uuid, Claim, Db, DbRow, DbTx, Store};
use crate::clock;
use crate::db::WriteScope;

const VERSION_COLUMNS: &str = "v.id, s.purpose, v.title, v.version, v.questions, v.published_at,
     CASE WHEN p.id IS NULL THEN NULL ELSE p.given_name || ' ' || p.family_name END";

const VERSION_FROM: &str = "FROM question_set_versions v
     JOIN question_sets s ON s.id = v.question_set_id
     LEFT JOIN people p ON p.id = v.published_by";

fn purpose(raw: &str) -> Result<SetPurpose, StoreError> {
    SetPurpose::parse(raw).ok_or_else(|| StoreError(format!("malformed purpose: {raw:?}")))
}

fn from_json<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, StoreError> {
    serde_json::from_str(raw).map_err(|e| StoreError(format!("malformed stored JSON: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError(format!("JSON: {e}")))
}

fn published(r: &DbRow) -> Result<PublishedVersion, StoreError> {
    Ok(PublishedVersion {
        id: VersionId(parse_uuid(r.get::<&str, _>(0))?),
        purpose: purpose(r.get::<&str, _>(1))?,
        title: r.get(2),
        version: u32::try_from(r.get::<i64, _>(3))
            .map_err(|_| StoreError("version out of range".into()))?,
        questions: from_json(r.get::<&str, _>(4))?,
        published_at: r.get(5),
        published_by: r.get(6),
    })
}

/// Every key the set has used in any version, so a new question never takes an old key.
async fn known_keys(
    executor: impl sqlx::Executor<'_, Database = Db>,
    set: &str,
) -> Result<Vec<String>, StoreError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT questions FROM question_set_versions WHERE question_set_id = $1",
    )
    .bind(set)
    .fetch_all(executor)
    .await?;
    let mut keys = Vec::new();
    for raw in rows {
        let questions: Vec<Question> = from_json(&raw)?;
        keys.extend(questions.into_iter().map(|q| q.key));
    }
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// Writes a new version of a set (the shipped sets at install, a manager's at publish).
pub async fn insert_version(
    tx: &mut DbTx,
    set: &str,
    version: u32,
    title: &str,
    questions: &[Question],
    published_by: Option<PersonId>,
    now: &str,
) -> Result<(), sqlx::Error> {
    let questions =
        serde_json::to_string(questions).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    sqlx::query(
        "INSERT INTO question_set_versions (id, question_set_id, version, title, questions, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(set)
    .bind(i64::from(version))
    .bind(title)
    .bind(questions)
    .bind(published_by.map(|p| p.to_string()))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The set's id and its current version, in this person's organisation.
    async fn current_in_organisation_of(
        &self,
        person: PersonId,
        purpose: SetPurpose,
    ) -> Result<Option<(String, PublishedVersion)>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS}, s.id {VERSION_FROM}
             WHERE s.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
               AND s.purpose = $2
             ORDER BY v.version DESC LIMIT 1"
        ))
        .bind(person.to_string())
        .bind(purpose.as_str())
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| Ok((r.get::<String, _>(7), published(&r)?)))
            .transpose()
    }
}

#[async_trait]
impl Questionnaires for Store {
    async fn question_sets(&self, viewer: &Viewer) -> Result<Vec<SetSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.purpose, v.title, v.version, v.published_at, s.draft IS NOT NULL,
                    (SELECT COUNT(*) FROM questionnaire_responses r
                     JOIN question_set_versions any_v ON any_v.id = r.version_id
                     WHERE any_v.question_set_id = s.id)
             FROM question_sets s
             JOIN question_set_versions v ON v.question_set_id = s.id
              AND v.version = (SELECT MAX(version) FROM question_set_versions WHERE question_set_id = s.id)
             WHERE s.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)",
        )
        .bind(viewer.person.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut sets = rows
            .into_iter()
            .map(|r| {
                Ok(SetSummary {
                    purpose: purpose(r.get::<&str, _>(0))?,
                    title: r.get(1),
                    version: u32::try_from(r.get::<i64, _>(2)).unwrap_or(0),
                    published_at: r.get(3),
                    has_draft: r.get(4),
                    responses: u32::try_from(r.get::<i64, _>(5)).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        sets.sort_by_key(|s| SetPurpose::ALL.iter().position(|p| *p == s.purpose));
        Ok(sets)
    }

    async fn set_editor(
        &self,
        viewer: &Viewer,
        purpose: SetPurpose,
    ) -> Result<Option<SetEditor>, StoreError> {
        let Some((set, current)) = self
            .current_in_organisation_of(viewer.person, purpose)
            .await?
        else {
            return Ok(None);
        };
        let row = sqlx::query(
            "SELECT s.draft, s.draft_at,
                    CASE WHEN p.id IS NULL THEN '' ELSE p.given_name || ' ' || p.family_name END
             FROM question_sets s LEFT JOIN people p ON p.id = s.draft_by WHERE s.id = $1",
        )
        .bind(&set)
        .fetch_one(self.reader())
        .await?;
        let stored: Option<String> = row.get(0);
        let (draft, draft_saved, problems) = match stored {
            Some(raw) => {
                let draft: SetDraft = from_json(&raw)?;
                let known = known_keys(self.reader(), &set).await?;
                let problems = parse_set(&draft, &known).err().unwrap_or_default();
                let saved = (row.get::<String, _>(2), row.get::<String, _>(1));
                (draft, Some(saved), problems)
            }
            None => (
                SetDraft {
                    title: current.title.clone(),
                    questions: current.questions.iter().map(QuestionDraft::of).collect(),
                },
                None,
                DraftProblems::default(),
            ),
        };
        Ok(Some(SetEditor {
            current,
            draft,
            draft_saved,
            problems,
        }))
    }

    async fn save_question_set(
        &self,
        viewer: &Viewer,
        purpose: SetPurpose,
        draft: &SetDraft,
        publish: bool,
    ) -> Result<Option<SaveOutcome>, StoreError> {
        let now = clock::now();
        let org = self.organisation_of(viewer.person).await?;
        let mut tx = self.begin_write(WriteScope::Organisation(&org)).await?;
        let row = sqlx::query(
            "SELECT s.id, (SELECT MAX(version) FROM question_set_versions WHERE question_set_id = s.id)
             FROM question_sets s
             WHERE s.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
               AND s.purpose = $2",
        )
        .bind(viewer.person.to_string())
        .bind(purpose.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let set: String = row.get(0);
        let latest: i64 = row.get::<Option<i64>, _>(1).unwrap_or(0);
        let outcome = if publish {
            let known = known_keys(&mut *tx, &set).await?;
            match parse_set(draft, &known) {
                Ok(parsed) => {
                    let version = u32::try_from(latest + 1)
                        .map_err(|_| StoreError("version out of range".into()))?;
                    insert_version(
                        &mut tx,
                        &set,
                        version,
                        &parsed.title,
                        &parsed.questions,
                        Some(viewer.person),
                        &now,
                    )
                    .await?;
                    SaveOutcome::Published(version)
                }
                Err(problems) => SaveOutcome::NotPublished(problems),
            }
        } else {
            SaveOutcome::DraftSaved
        };
        // A published draft is cleared; anything else is kept exactly as typed.
        let (stored, by, at) = match outcome {
            SaveOutcome::Published(_) => (None, None, None),
            _ => (
                Some(to_json(draft)?),
                Some(viewer.person.to_string()),
                Some(now.clone()),
            ),
        };
        let title = match &outcome {
            SaveOutcome::Published(_) => {
                draft.title.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            _ => String::new(),
        };
        sqlx::query(
            "UPDATE question_sets SET draft = $1, draft_by = $2, draft_at = $3,
                    title = CASE WHEN $4 = '' THEN title ELSE $4 END
             WHERE id = $5",
        )
        .bind(stored)
        .bind(by)
        .bind(at)
        .bind(title)
        .bind(&set)
        .execute(&mut *tx)
        .await?;
        let action = match outcome {
            SaveOutcome::Published(_) => "publish_question_set",
            _ => "save_question_set_draft",
        };
        audit(
            &mut tx,
            actor(viewer),
            action,
            "question_set",
            &set,
            None,
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(outcome))
    }

    async fn current_version(
        &self,
        young_person: PersonId,
        purpose: SetPurpose,
    ) -> Result<Option<PublishedVersion>, StoreError> {
        Ok(self
            .current_in_organisation_of(young_person, purpose)
            .await?
            .map(|(_, version)| version))
    }

    async fn version_for(
        &self,
        young_person: PersonId,
        version: VersionId,
    ) -> Result<Option<PublishedVersion>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} {VERSION_FROM}
             WHERE v.id = $1
               AND s.organisation_id = (SELECT organisation_id FROM people WHERE id = $2)"
        ))
        .bind(version.to_string())
        .bind(young_person.to_string())
        .fetch_optional(self.reader())
        .await?;
        row.as_ref().map(published).transpose()
    }

    async fn last_answered(
        &self,
        young_person: PersonId,
        purpose: SetPurpose,
        cohort: Option<CohortId>,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT MAX(r.submitted_at) FROM questionnaire_responses r
             JOIN question_set_versions v ON v.id = r.version_id
             JOIN question_sets s ON s.id = v.question_set_id
             WHERE r.young_person_id = $1 AND s.purpose = $2
               AND COALESCE(r.cohort_id, '') = COALESCE($3, '')",
        )
        .bind(young_person.to_string())
        .bind(purpose.as_str())
        .bind(cohort.map(|c| c.to_string()))
        .fetch_one(self.reader())
        .await
        .map_err(StoreError::from)
    }

    async fn record_response(&self, viewer: &Viewer, new: NewResponse) -> Outcome<ResponseId> {
        let id = ResponseId(Uuid::new_v4());
        let answers = to_json(&new.answers)?;
        let cohort = new.cohort.map(|c| c.to_string());
        let mut tx = self
            .begin_write(WriteScope::Person(new.young_person))
            .await?;
        if let Some(cohort) = new.cohort {
            if !Store::is_member(&mut *tx, cohort, new.young_person).await? {
                return Ok(Err(Problem::NotInSession));
            }
        }
        if let Some(key) = &new.key {
            let content = format!(
                "questionnaire|{}|{}|{}|{}|{answers}",
                new.version,
                new.young_person,
                cohort.as_deref().unwrap_or(""),
                new.share_words
            );
            match claim_key(
                &mut tx,
                key,
                viewer.person,
                "questionnaire",
                &content,
                &id.to_string(),
            )
            .await?
            {
                Claim::New => {}
                Claim::Repeat(earlier) => {
                    return Ok(Ok(ResponseId(parse_uuid(&earlier)?)));
                }
                Claim::Conflict => {
                    audit(
                        &mut tx,
                        actor(viewer),
                        "give_answers_key_reused",
                        "questionnaire_response",
                        &new.version.to_string(),
                        Some(new.young_person),
                        AuditOutcome::Denied,
                    )
                    .await?;
                    tx.commit().await?;
                    return Ok(Err(Problem::KeyReused));
                }
            }
        }
        sqlx::query(
            "INSERT INTO questionnaire_responses
                 (id, version_id, young_person_id, cohort_id, answers, entered_by, submitted_at, share_words)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id.to_string())
        .bind(new.version.to_string())
        .bind(new.young_person.to_string())
        .bind(&cohort)
        .bind(&answers)
        .bind(viewer.person.to_string())
        .bind(clock::now())
        .bind(new.share_words)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            actor(viewer),
            "give_answers",
            "questionnaire_response",
            &id.to_string(),
            Some(new.young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn responses(&self, young_person: PersonId) -> Result<Vec<ResponseView>, StoreError> {
        sqlx::query(
            "SELECT r.id, v.title, s.purpose, v.version, p.name, r.submitted_at, v.questions, r.answers,
                    r.entered_by, g.given_name, g.role, r.share_words,
                    sb.given_name, r.seen_at, r.response, r.action_taken, rb.given_name, r.responded_at
             FROM questionnaire_responses r
             JOIN question_set_versions v ON v.id = r.version_id
             JOIN question_sets s ON s.id = v.question_set_id
             JOIN people g ON g.id = r.entered_by
             LEFT JOIN people sb ON sb.id = r.seen_by
             LEFT JOIN people rb ON rb.id = r.responded_by
             LEFT JOIN cohorts c ON c.id = r.cohort_id
             LEFT JOIN programmes p ON p.id = c.programme_id
             WHERE r.young_person_id = $1
             ORDER BY r.submitted_at DESC LIMIT 200",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            let questions: Vec<Question> = from_json(r.get::<&str, _>(6))?;
            let answers: Answers = from_json(r.get::<&str, _>(7))?;
            Ok(ResponseView {
                id: ResponseId(parse_uuid(r.get::<&str, _>(0))?),
                title: r.get(1),
                purpose: purpose(r.get::<&str, _>(2))?,
                version: u32::try_from(r.get::<i64, _>(3)).unwrap_or(0),
                programme: r.get(4),
                submitted_at: r.get(5),
                items: read_back(&questions, &answers),
                given_by: PersonId(parse_uuid(r.get::<&str, _>(8))?),
                given_by_name: r.get(9),
                given_by_role: super::role_of(r.get::<&str, _>(10))?,
                share_words: r.get(11),
                reply: super::reply_from(&r, 12),
            })
        })
        .collect()
    }

    async fn answer_feedback(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        response: ResponseId,
        answer: Option<&app::voice::Answer>,
    ) -> Result<bool, StoreError> {
        self.reply(
            super::reply::ReplyTo::Feedback,
            viewer,
            young_person,
            response.0,
            answer,
        )
        .await
    }

    async fn quotes(&self, team: app::ids::TeamId) -> Result<Vec<Quote>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.questions, r.answers, g.role, r.submitted_at
             FROM questionnaire_responses r
             JOIN question_set_versions v ON v.id = r.version_id
             JOIN people yp ON yp.id = r.young_person_id
             JOIN people g ON g.id = r.entered_by
             WHERE r.share_words AND yp.team_id = $1
             ORDER BY r.submitted_at DESC LIMIT 500",
        )
        .bind(team.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut quotes = Vec::new();
        for r in rows {
            let questions: Vec<Question> = from_json(r.get::<&str, _>(0))?;
            let answers: Answers = from_json(r.get::<&str, _>(1))?;
            let from = super::role_of(r.get::<&str, _>(2))?;
            let items = read_back(&questions, &answers);
            quotes.extend(quotes_in(&items, &questions, from, r.get(3)));
        }
        Ok(quotes)
    }

    async fn unread_feedback_answers(
        &self,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<u32, StoreError> {
        self.unread_replies(super::reply::ReplyTo::Feedback, young_person, giver)
            .await
    }

    async fn mark_feedback_answers_read(
        &self,
        young_person: PersonId,
        giver: PersonId,
    ) -> Result<(), StoreError> {
        self.mark_replies_read(super::reply::ReplyTo::Feedback, young_person, giver)
            .await
    }

    async fn questionnaire_links(
        &self,
        young_person: PersonId,
    ) -> Result<Vec<QuestionnaireLink>, StoreError> {
        let titles: Vec<(String, String)> = sqlx::query_as(
            "SELECT purpose, title FROM question_sets
             WHERE organisation_id = (SELECT organisation_id FROM people WHERE id = $1)",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        let title = |p: SetPurpose| {
            titles
                .iter()
                .find(|(raw, _)| raw == p.as_str())
                .map(|(_, t)| t.clone())
        };
        let answered = "EXISTS (SELECT 1 FROM questionnaire_responses r
                 JOIN question_set_versions v ON v.id = r.version_id
                 JOIN question_sets s ON s.id = v.question_set_id
                 WHERE r.young_person_id = m.young_person_id AND r.cohort_id = c.id AND s.purpose = ";
        let rows = sqlx::query(&format!(
            "SELECT c.id, c.name,
                    NOT EXISTS (SELECT 1 FROM programme_sessions ps
                                WHERE ps.programme_id = p.id AND ps.scored
                                  AND NOT EXISTS (SELECT 1 FROM session_scores sc
                                                  WHERE sc.cohort_id = c.id
                                                    AND sc.young_person_id = m.young_person_id
                                                    AND sc.session_number = ps.number
                                                    AND sc.stage = 'end')
                                  -- A session the register says they missed has nothing
                                  -- to wait for.
                                  AND NOT EXISTS (SELECT 1 FROM attendance a
                                                  WHERE a.cohort_id = c.id
                                                    AND a.young_person_id = m.young_person_id
                                                    AND a.session_number = ps.number
                                                    AND NOT a.attended)),
                    {answered} 'pre_programme'),
                    {answered} 'post_programme')
             FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
             JOIN programmes p ON p.id = c.programme_id
             WHERE m.young_person_id = $1 AND m.left_at IS NULL
             ORDER BY c.starts_on"
        ))
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut links = Vec::new();
        for r in rows {
            let cohort = CohortId(parse_uuid(r.get::<&str, _>(0))?);
            let programme: String = r.get(1);
            let (finished, pre_done, post_done): (bool, bool, bool) =
                (r.get(2), r.get(3), r.get(4));
            let due = [
                (SetPurpose::PreProgramme, !pre_done),
                (SetPurpose::PostProgramme, finished && !post_done),
            ];
            for (purpose, offered) in due {
                if let (true, Some(title)) = (offered, title(purpose)) {
                    links.push(QuestionnaireLink {
                        purpose,
                        title,
                        cohort: Some(cohort),
                        programme: Some(programme.clone()),
                        answered: false,
                    });
                }
            }
        }
        if let Some(title) = title(SetPurpose::SelfAssessment) {
            let answered = self
                .last_answered(young_person, SetPurpose::SelfAssessment, None)
                .await?
                .is_some();
            links.push(QuestionnaireLink {
                purpose: SetPurpose::SelfAssessment,
                title,
                cohort: None,
                programme: None,
                answered,
            });
        }
        Ok(links)
    }
}
