//! The SIGKILL test's PostgreSQL twin, with two servers on one database behind a stand-in
//! for a load balancer: 1,040 keyed scores, each try sent to the next server, while the
//! servers are killed in turn. Both servers start together on an empty database, so this is
//! also the test that they migrate and seed it once between them.

use crate::support::{crash, new_database, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_killed_in_turn_store_every_acknowledged_score_exactly_once() {
    super::postgres();
    let dir = std::env::temp_dir().join(format!("waypoint-fault-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A fresh database copied from the migrated template; the servers seed it.
    let url = new_database(&dir).await;
    let acknowledged = crash::send_scores_while_killing(&url, 2, &dir).await;

    let db = TestDb::open(&url).await;
    let TestDb::Postgres(pool) = &db else {
        unreachable!("new_database gives PostgreSQL when WAYPOINT_TEST_PG is set")
    };
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT idempotency_key, id FROM session_scores WHERE idempotency_key LIKE 'fault-%'",
    )
    .fetch_all(pool)
    .await
    .expect("stored scores");
    crash::assert_stored_exactly_once(&acknowledged, &rows);
    // Each stored score has its audit row, written in the same transaction.
    let audited = db
        .number(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'record_score'
               AND record_id IN (SELECT id FROM session_scores WHERE idempotency_key LIKE 'fault-%')",
            &[],
        )
        .await;
    assert_eq!(audited as usize, rows.len());
    // Two servers started at once on one empty database seeded it once.
    assert_eq!(
        db.number("SELECT COUNT(*) FROM organisations", &[]).await,
        1
    );
    assert_eq!(
        db.number(
            "SELECT COUNT(*) FROM staff_credentials WHERE email = 'jo.lindqvist@northmoor.example'",
            &[]
        )
        .await,
        1
    );
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
