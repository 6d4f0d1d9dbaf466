//! Question sets, their versions and the answers given to them.

use async_trait::async_trait;

use uuid::Uuid;

use app::error::Problem;
use app::identity::Viewer;
use app::ids::{CohortId, PersonId, ResponseId, VersionId};
use app::language::Language;
use app::questionnaire::*;
use app::store::{AuditOutcome, NewResponse, Outcome, Questionnaires, SaveOutcome, StoreError};

use super::{actor, audit, claim_key, parse_uuid, Claim, Db, DbTx, Store};
use crate::clock;
use crate::db::WriteScope;

/// The columns of a [`VersionRow`].
const VERSION_COLUMNS: &str = "v.id, s.purpose, v.title, v.version, v.questions, v.wordings, v.published_at,
     CASE WHEN p.id IS NULL THEN NULL ELSE p.given_name || ' ' || p.family_name END AS published_by";

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

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: String,
    purpose: String,
    title: String,
    version: i64,
    questions: String,
    wordings: String,
    published_at: String,
    published_by: Option<String>,
}

impl VersionRow {
    fn parse(self) -> Result<PublishedVersion, StoreError> {
        Ok(PublishedVersion {
            id: VersionId(parse_uuid(&self.id)?),
            purpose: purpose(&self.purpose)?,
            title: self.title,
            version: u32::try_from(self.version)
                .map_err(|_| StoreError("version out of range".into()))?,
            questions: from_json(&self.questions)?,
            wordings: from_json(&self.wordings)?,
            published_at: self.published_at,
            published_by: self.published_by,
        })
    }
}

#[derive(sqlx::FromRow)]
struct CurrentVersionRow {
    set_id: String,
    #[sqlx(flatten)]
    version: VersionRow,
}

#[derive(sqlx::FromRow)]
struct SetSummaryRow {
    purpose: String,
    title: String,
    version: i64,
    published_at: String,
    has_draft: bool,
    responses: i64,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    draft: Option<String>,
    draft_at: Option<String>,
    draft_by: String,
}

#[derive(sqlx::FromRow)]
struct LatestRow {
    id: String,
    latest: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ResponseRow {
    id: String,
    title: String,
    purpose: String,
    version: i64,
    programme: Option<String>,
    submitted_at: String,
    questions: String,
    wordings: String,
    answers: String,
    entered_by: String,
    given_by_name: String,
    given_by_role: String,
    share_words: bool,
    #[sqlx(flatten)]
    reply: super::ReplyRow,
}

#[derive(sqlx::FromRow)]
struct QuoteRow {
    questions: String,
    answers: String,
    role: String,
    submitted_at: String,
}

#[derive(sqlx::FromRow)]
struct CohortDueRow {
    id: String,
    name: String,
    finished: bool,
    pre_done: bool,
    post_done: bool,
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
    content: &ParsedSet,
    published_by: Option<PersonId>,
    now: &str,
) -> Result<(), sqlx::Error> {
    let protocol = |e: serde_json::Error| sqlx::Error::Protocol(e.to_string());
    let questions = serde_json::to_string(&content.questions).map_err(protocol)?;
    let wordings = serde_json::to_string(&content.wordings).map_err(protocol)?;
    sqlx::query(
        "INSERT INTO question_set_versions (id, question_set_id, version, title, questions, wordings, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(set)
    .bind(i64::from(version))
    .bind(&content.title)
    .bind(questions)
    .bind(wordings)
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
        let row: Option<CurrentVersionRow> = sqlx::query_as(&format!(
            "SELECT {VERSION_COLUMNS}, s.id AS set_id {VERSION_FROM}
             WHERE s.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
               AND s.purpose = $2
             ORDER BY v.version DESC LIMIT 1"
        ))
        .bind(person.to_string())
        .bind(purpose.as_str())
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| Ok((r.set_id, r.version.parse()?))).transpose()
    }
}

#[async_trait]
impl Questionnaires for Store {
    async fn question_sets(&self, viewer: &Viewer) -> Result<Vec<SetSummary>, StoreError> {
        let rows: Vec<SetSummaryRow> = sqlx::query_as(
            "SELECT s.purpose, v.title, v.version, v.published_at, s.draft IS NOT NULL AS has_draft,
                    (SELECT COUNT(*) FROM questionnaire_responses r
                     JOIN question_set_versions any_v ON any_v.id = r.version_id
                     WHERE any_v.question_set_id = s.id) AS responses
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
                    purpose: purpose(&r.purpose)?,
                    title: r.title,
                    version: u32::try_from(r.version).unwrap_or(0),
                    published_at: r.published_at,
                    has_draft: r.has_draft,
                    responses: u32::try_from(r.responses).unwrap_or(0),
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
        let row: DraftRow = sqlx::query_as(
            "SELECT s.draft, s.draft_at,
                    CASE WHEN p.id IS NULL THEN '' ELSE p.given_name || ' ' || p.family_name END
                        AS draft_by
             FROM question_sets s LEFT JOIN people p ON p.id = s.draft_by WHERE s.id = $1",
        )
        .bind(&set)
        .fetch_one(self.reader())
        .await?;
        let (draft, draft_saved, problems) = match row.draft {
            Some(raw) => {
                let draft: SetDraft = from_json(&raw)?;
                let known = known_keys(self.reader(), &set).await?;
                let problems = parse_set(&draft, &known).err().unwrap_or_default();
                let saved = (row.draft_by, row.draft_at.unwrap_or_default());
                (draft, Some(saved), problems)
            }
            None => (SetDraft::of(&current), None, DraftProblems::default()),
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
        let row: Option<LatestRow> = sqlx::query_as(
            "SELECT s.id, (SELECT MAX(version) FROM question_set_versions WHERE question_set_id = s.id) AS latest
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
        let set = row.id;
        let latest = row.latest.unwrap_or(0);
        let outcome = if publish {
            let known = known_keys(&mut *tx, &set).await?;
            match parse_set(draft, &known) {
                Ok(parsed) => {
                    let version = u32::try_from(latest + 1)
                        .map_err(|_| StoreError("version out of range".into()))?;
                    insert_version(&mut tx, &set, version, &parsed, Some(viewer.person), &now)
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
        let row: Option<VersionRow> = sqlx::query_as(&format!(
            "SELECT {VERSION_COLUMNS} {VERSION_FROM}
             WHERE v.id = $1
               AND s.organisation_id = (SELECT organisation_id FROM people WHERE id = $2)"
        ))
        .bind(version.to_string())
        .bind(young_person.to_string())
        .fetch_optional(self.reader())
        .await?;
        row.map(VersionRow::parse).transpose()
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

    async fn responses(
        &self,
        young_person: PersonId,
        language: Language,
    ) -> Result<Vec<ResponseView>, StoreError> {
        sqlx::query_as::<_, ResponseRow>(
            "SELECT r.id, v.title, s.purpose, v.version, p.name AS programme, r.submitted_at,
                    v.questions, v.wordings, r.answers, r.entered_by, g.given_name AS given_by_name,
                    g.role AS given_by_role, r.share_words,
                    sb.given_name AS seen_by, r.seen_at, r.response, r.action_taken,
                    rb.given_name AS responded_by, r.responded_at
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
            let questions: Vec<Question> = from_json(&r.questions)?;
            let wordings: Wordings = from_json(&r.wordings)?;
            let answers: Answers = from_json(&r.answers)?;
            let title = wordings
                .get(&language)
                .and_then(|w| w.title.clone())
                .unwrap_or(r.title);
            let questions = questions_in(language, &questions, &wordings);
            Ok(ResponseView {
                id: ResponseId(parse_uuid(&r.id)?),
                title,
                purpose: purpose(&r.purpose)?,
                version: u32::try_from(r.version).unwrap_or(0),
                programme: r.programme,
                submitted_at: r.submitted_at,
                items: read_back(&questions, &answers),
                given_by: PersonId(parse_uuid(&r.entered_by)?),
                given_by_name: r.given_by_name,
                given_by_role: super::role_of(&r.given_by_role)?,
                share_words: r.share_words,
                reply: r.reply.into(),
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
        let rows: Vec<QuoteRow> = sqlx::query_as(
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
            let questions: Vec<Question> = from_json(&r.questions)?;
            let answers: Answers = from_json(&r.answers)?;
            let from = super::role_of(&r.role)?;
            let items = read_back(&questions, &answers);
            quotes.extend(quotes_in(&items, &questions, from, &r.submitted_at));
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
        let titles: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT s.purpose, v.title, v.wordings
             FROM question_sets s JOIN question_set_versions v ON v.question_set_id = s.id
             WHERE s.organisation_id = (SELECT organisation_id FROM people WHERE id = $1)
               AND v.version = (SELECT MAX(version) FROM question_set_versions
                                WHERE question_set_id = s.id)",
        )
        .bind(young_person.to_string())
        .fetch_all(self.reader())
        .await?;
        let mut by_purpose = Vec::new();
        for (raw, title, wordings) in titles {
            let wordings: Wordings = from_json(&wordings)?;
            let worded = wordings
                .into_iter()
                .filter_map(|(language, w)| Some((language, w.title?)))
                .collect();
            by_purpose.push((raw, (title, worded)));
        }
        let title = |p: SetPurpose| {
            by_purpose
                .iter()
                .find(|(raw, _)| raw == p.as_str())
                .map(|(_, t)| t.clone())
        };
        let answered = "EXISTS (SELECT 1 FROM questionnaire_responses r
                 JOIN question_set_versions v ON v.id = r.version_id
                 JOIN question_sets s ON s.id = v.question_set_id
                 WHERE r.young_person_id = m.young_person_id AND r.cohort_id = c.id AND s.purpose = ";
        let rows: Vec<CohortDueRow> = sqlx::query_as(&format!(
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
                                                    AND NOT a.attended)) AS finished,
                    {answered} 'pre_programme') AS pre_done,
                    {answered} 'post_programme') AS post_done
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
            let cohort = CohortId(parse_uuid(&r.id)?);
            let programme = r.name;
            let due = [
                (SetPurpose::PreProgramme, !r.pre_done),
                (SetPurpose::PostProgramme, r.finished && !r.post_done),
            ];
            for (purpose, offered) in due {
                if let (true, Some((title, title_wordings))) = (offered, title(purpose)) {
                    links.push(QuestionnaireLink {
                        purpose,
                        title,
                        title_wordings,
                        cohort: Some(cohort),
                        programme: Some(programme.clone()),
                        answered: false,
                    });
                }
            }
        }
        if let Some((title, title_wordings)) = title(SetPurpose::SelfAssessment) {
            let answered = self
                .last_answered(young_person, SetPurpose::SelfAssessment, None)
                .await?
                .is_some();
            links.push(QuestionnaireLink {
                purpose: SetPurpose::SelfAssessment,
                title,
                title_wordings,
                cohort: None,
                programme: None,
                answered,
            });
        }
        Ok(links)
    }
}
