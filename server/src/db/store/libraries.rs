//! Installs the question sets and programmes Waypoint ships with (their content is in
//! `crate::question_library` and `crate::programme_library`).

use app::questionnaire::{Question, Wordings};
use uuid::Uuid;

use super::questionnaires::insert_version;
use super::{DbTx, Store};
use crate::db::WriteScope;

/// Installs each shipped set an organisation does not have yet, as its version 1. A set
/// the organisation has edited (a manager published a version) is left alone; a set still
/// as Waypoint shipped it gets the library's newer words (the Welsh came later) as its next
/// version, so answers already given keep the version they answered.
pub async fn install_question_sets(
    tx: &mut DbTx,
    organisation: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    for set in crate::question_library::sets() {
        let id = Uuid::new_v4().to_string();
        let added = sqlx::query(
            "INSERT INTO question_sets (id, organisation_id, purpose, title, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, purpose) DO NOTHING",
        )
        .bind(&id)
        .bind(organisation)
        .bind(set.purpose.as_str())
        .bind(set.title)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        if added.rows_affected() == 1 {
            insert_version(tx, &id, 1, &set.content(), None, now).await?;
            continue;
        }
        let current: ShippedRow = sqlx::query_as(
            "SELECT s.id AS set_id, v.version, v.title, v.questions, v.wordings,
                    v.published_by IS NULL AS shipped
             FROM question_sets s JOIN question_set_versions v ON v.question_set_id = s.id
             WHERE s.organisation_id = $1 AND s.purpose = $2
             ORDER BY v.version DESC LIMIT 1",
        )
        .bind(organisation)
        .bind(set.purpose.as_str())
        .fetch_one(&mut **tx)
        .await?;
        let same = |raw: &str, value: &dyn Fn(&str) -> bool| value(raw);
        let unchanged = current.title == set.title
            && same(&current.questions, &|raw| {
                serde_json::from_str::<Vec<Question>>(raw).is_ok_and(|q| q == set.questions)
            })
            && same(&current.wordings, &|raw| {
                serde_json::from_str::<Wordings>(raw).is_ok_and(|w| w == set.wordings)
            });
        if current.shipped && !unchanged {
            let next = u32::try_from(current.version + 1)
                .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
            insert_version(tx, &current.set_id, next, &set.content(), None, now).await?;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ShippedRow {
    set_id: String,
    version: i64,
    title: String,
    questions: String,
    wordings: String,
    shipped: bool,
}

/// At start-up: gives every organisation the sets added to the library since it was set
/// up (the feedback sets came after the first services started).
impl Store {
    pub async fn install_missing_libraries(&self) -> Result<(), sqlx::Error> {
        install_missing(self).await
    }
}

async fn install_missing(store: &Store) -> Result<(), sqlx::Error> {
    let mut tx = store.begin_write(WriteScope::Setup).await?;
    let organisations: Vec<String> = sqlx::query_scalar("SELECT id FROM organisations")
        .fetch_all(&mut *tx)
        .await?;
    let now = crate::clock::now();
    for organisation in organisations {
        install_question_sets(&mut tx, &organisation, &now).await?;
        install_programme_wordings(&mut tx, &organisation).await?;
    }
    tx.commit().await
}

/// Installs the standard programmes for an organisation. Returns their ids in the order of
/// [`crate::programme_library::templates`].
pub async fn install_programmes(
    tx: &mut DbTx,
    organisation: &str,
    now: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = Vec::new();
    for template in crate::programme_library::templates() {
        let id = Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO programmes (id, organisation_id, name, delivery, summary, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(organisation)
        .bind(template.name)
        .bind(template.delivery)
        .bind(template.summary)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        for (index, (topic, scored, objectives)) in template.sessions.iter().enumerate() {
            let number = index as i64 + 1;
            sqlx::query(
                "INSERT INTO programme_sessions (programme_id, number, topic, scored) VALUES ($1, $2, $3, $4)",
            )
            .bind(&id)
            .bind(number)
            .bind(topic)
            .bind(scored)
            .execute(&mut **tx)
            .await?;
            for (position, text) in objectives.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO session_objectives (programme_id, session_number, position, text)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&id)
                .bind(number)
                .bind(position as i64 + 1)
                .bind(*text)
                .execute(&mut **tx)
                .await?;
            }
        }
        ids.push(id);
    }
    install_programme_wordings(tx, organisation).await?;
    Ok(ids)
}

/// Gives the organisation's programmes the library's Welsh wherever their English is the
/// library's own words and they have no Welsh yet. Run at install and at every start-up
/// (the Welsh came after the first services started); words a service changed are left
/// alone, because the library's Welsh would not match them.
pub async fn install_programme_wordings(
    tx: &mut DbTx,
    organisation: &str,
) -> Result<(), sqlx::Error> {
    use crate::programme_library::welsh;
    let programmes: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, name, summary FROM programmes WHERE organisation_id = $1")
            .bind(organisation)
            .fetch_all(&mut **tx)
            .await?;
    for (id, name, summary) in programmes {
        if let (Some(name), Some(summary)) = (welsh(&name), welsh(&summary)) {
            sqlx::query(
                "INSERT INTO programme_wordings (programme_id, language, name, summary)
                 VALUES ($1, 'cy', $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(&id)
            .bind(name)
            .bind(summary)
            .execute(&mut **tx)
            .await?;
        }
        // Only sessions and objectives with no Welsh yet are read: at an ordinary start-up
        // both reads are empty and nothing is written.
        let sessions: Vec<(i64, String)> = sqlx::query_as(
            "SELECT ps.number, ps.topic FROM programme_sessions ps
             WHERE ps.programme_id = $1
               AND NOT EXISTS (SELECT 1 FROM programme_session_wordings w
                               WHERE w.programme_id = ps.programme_id AND w.number = ps.number
                                 AND w.language = 'cy')",
        )
        .bind(&id)
        .fetch_all(&mut **tx)
        .await?;
        for (number, topic) in sessions {
            let Some(topic) = welsh(&topic) else { continue };
            sqlx::query(
                "INSERT INTO programme_session_wordings (programme_id, number, language, topic)
                 VALUES ($1, $2, 'cy', $3) ON CONFLICT DO NOTHING",
            )
            .bind(&id)
            .bind(number)
            .bind(topic)
            .execute(&mut **tx)
            .await?;
        }
        let objectives: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT o.session_number, o.position, o.text FROM session_objectives o
             WHERE o.programme_id = $1
               AND NOT EXISTS (SELECT 1 FROM session_objective_wordings w
                               WHERE w.programme_id = o.programme_id
                                 AND w.session_number = o.session_number
                                 AND w.position = o.position AND w.language = 'cy')",
        )
        .bind(&id)
        .fetch_all(&mut **tx)
        .await?;
        for (number, position, text) in objectives {
            let Some(text) = welsh(&text) else { continue };
            sqlx::query(
                "INSERT INTO session_objective_wordings
                     (programme_id, session_number, position, language, text)
                 VALUES ($1, $2, $3, 'cy', $4) ON CONFLICT DO NOTHING",
            )
            .bind(&id)
            .bind(number)
            .bind(position)
            .bind(text)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
