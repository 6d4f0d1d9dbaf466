//! Installs the question sets and programmes Waypoint ships with (their content is in
//! `crate::question_library` and `crate::programme_library`).

use uuid::Uuid;

use super::questionnaires::insert_version;
use super::{DbTx, Store};
use crate::db::WriteScope;

/// Installs each shipped set an organisation does not have yet, as its version 1. A set
/// the organisation already has (perhaps edited by its managers) is left alone.
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
            insert_version(tx, &id, 1, set.title, &set.questions, None, now).await?;
        }
    }
    Ok(())
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
    Ok(ids)
}
