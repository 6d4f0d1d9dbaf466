//! Migrations that rebuild a table must keep what is already in it. Each test here brings
//! a database to the migration before the rebuild, puts records in, then runs the rest
//! the way the server does at start-up.

use std::path::Path;

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

async fn database_before(version: i64) -> (SqlitePool, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("waypoint-migrate-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("waypoint.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let pool = SqlitePool::connect(&url).await.expect("database");
    let all = Migrator::new(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/migrations/sqlite"
    )))
    .await
    .expect("migrations");
    let mut earlier = all;
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|m| m.version < version)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    earlier.run(&pool).await.expect("earlier migrations");
    (pool, path)
}

#[tokio::test]
async fn widening_question_set_purposes_keeps_every_set_version_and_answer() {
    let (pool, path) = database_before(7).await;
    for sql in [
        "INSERT INTO organisations (id, name, created_at) VALUES ('org', 'Northmoor', '2026-01-01')",
        "INSERT INTO people (id, organisation_id, role, given_name, family_name, created_at)
         VALUES ('yp', 'org', 'young_person', 'Test', 'Person', '2026-01-01')",
        "INSERT INTO question_sets (id, organisation_id, purpose, title, draft, created_at)
         VALUES ('set', 'org', 'self_assessment', 'About me', '{\"edited\":true}', '2026-01-01')",
        "INSERT INTO question_set_versions (id, question_set_id, version, title, questions, published_at)
         VALUES ('v1', 'set', 1, 'About me', '[]', '2026-01-01')",
        "INSERT INTO questionnaire_responses (id, version_id, young_person_id, answers, entered_by, submitted_at)
         VALUES ('r1', 'v1', 'yp', '[]', 'yp', '2026-01-02')",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    pool.close().await;

    // The server's own start-up path: every migration, foreign keys on.
    let store = server::db::sqlite::Store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("the rest of the migrations run");
    store.close().await;

    let pool = SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("database");
    let kept: (String, Option<String>, i64, i64) = sqlx::query_as(
        "SELECT s.purpose, s.draft,
                (SELECT COUNT(*) FROM question_set_versions v WHERE v.question_set_id = s.id),
                (SELECT COUNT(*) FROM questionnaire_responses r WHERE r.version_id = 'v1')
         FROM question_sets s WHERE s.id = 'set'",
    )
    .fetch_one(&pool)
    .await
    .expect("the set is still there");
    assert_eq!(
        kept,
        (
            "self_assessment".into(),
            Some("{\"edited\":true}".into()),
            1,
            1
        )
    );
    let orphans: Vec<(String,)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .expect("check");
    assert!(orphans.is_empty(), "{orphans:?}");
    // The wider purposes are accepted now, and anything else still is not.
    sqlx::query(
        "INSERT INTO question_sets (id, organisation_id, purpose, title, created_at)
         VALUES ('fb', 'org', 'carer_feedback', 'Feedback', '2026-01-03')",
    )
    .execute(&pool)
    .await
    .expect("a feedback set");
    let refused = sqlx::query(
        "INSERT INTO question_sets (id, organisation_id, purpose, title, created_at)
         VALUES ('x', 'org', 'quiz', 'Quiz', '2026-01-03')",
    )
    .execute(&pool)
    .await;
    assert!(refused.is_err(), "the CHECK still holds");
    pool.close().await;
}
