//! The ceiling for score submissions: the same store call the server function makes
//! (session score + audit row in one `BEGIN IMMEDIATE` transaction, synchronous=FULL), made
//! directly, without HTTP, sessions, CSRF or authorisation. `bench/scores.sh` runs it next
//! to the HTTP load test and prints the ratio. A measurement: it prints, it does not judge.
//!
//! cargo bench -p server --bench direct_insert -- <seconds>

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::identity::Role;
use app::ids::{CohortId, PersonId, SessionNumber};
use app::scaling::{Score, Stage};
use app::store::{NewSessionScore, Scoring};
use server::db::sqlite::Store as SqliteStore;

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("waypoint-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.display());
    let store = SqliteStore::open(&url).await.expect("open");
    store.seed_demo_if_empty().await.expect("seed");
    let (yp, cohort): (String, String) = sqlx::query_as(
        "SELECT m.young_person_id, m.cohort_id FROM cohort_members m
         JOIN people p ON p.id = m.young_person_id WHERE p.given_name = 'Amara'",
    )
    .fetch_one(store.reader())
    .await
    .expect("demo member");
    let young_person = PersonId::parse(&yp).expect("id");
    let cohort = CohortId::parse(&cohort).expect("id");

    // Callers at once: one (each waits for its own commit), then more, which the group
    // commit gathers into shared transactions; the HTTP run keeps 32 connections busy.
    for tasks in [1usize, 8, 32, 128] {
        let done = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..tasks {
            let (store, done, stop) = (store.clone(), done.clone(), stop.clone());
            handles.push(tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    store
                        .record_session_score(NewSessionScore {
                            young_person,
                            cohort,
                            session: SessionNumber::new(5).expect("5"),
                            stage: Stage::Start,
                            score: Score::new(5).expect("5"),
                            entered_by: young_person,
                            entered_by_role: Role::YoungPerson,
                            key: None,
                        })
                        .await
                        .expect("insert")
                        .expect("accepted");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        for h in handles {
            h.await.expect("task");
        }
        let n = done.load(Ordering::Relaxed);
        let rate = n as f64 / started.elapsed().as_secs_f64();
        println!("direct store inserts, {tasks} task(s): {n} in {seconds} s = {rate:.0}/s");
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
