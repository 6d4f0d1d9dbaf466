//! Crash safety on SQLite: the server binary is killed with SIGKILL while clients send keyed
//! scores (`support::crash`), and the file must then pass `PRAGMA integrity_check` with every
//! acknowledged score in it exactly once.

use crate::support::crash;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_scores_survive_sigkill_exactly_once() {
    let dir = std::env::temp_dir().join(format!("waypoint-fault-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("fault.db").display());
    let acknowledged = crash::send_scores_while_killing(&url, 1, &dir).await;

    let pool = sqlx::SqlitePool::connect(&url)
        .await
        .expect("open database");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT idempotency_key, id FROM session_scores WHERE idempotency_key LIKE 'fault-%'",
    )
    .fetch_all(&pool)
    .await
    .expect("stored scores");
    crash::assert_stored_exactly_once(&acknowledged, &rows);
    pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
