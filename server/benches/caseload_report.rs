//! The caseload and the cohort report at service scale: 200 workers in 10 teams, 5,000
//! young people (25 per worker), each in five runs of the six-session group programme
//! (one a quarter), 500,000 session scores (every score given and then corrected once),
//! 150,000 register marks, 150,000 programme scores and 10,000 "What I think" entries.
//!
//! Timed over real HTTP against the server running in-process (session lookup,
//! authorisation, audit row and all): a worker's caseload and a manager's quarterly cohort
//! report. Then prints the query plan of every query those two pages run. A measurement:
//! it prints, it does not judge; the README records the numbers.
//!
//! cargo bench -p server --bench caseload_report -- [caseload requests] [report requests]

use std::time::{Duration, Instant};

use server::config::Config;
use server::db::sqlite::caseload::ActivityQueries;
use server::db::sqlite::casework::caseload_query;
use server::db::sqlite::reports::PeriodQueries;
use server::db::sqlite::Store as SqliteStore;
use server::startup::Application;
use sqlx::{Row, SqlitePool};

const TEAMS: usize = 10;
const WORKERS_PER_TEAM: usize = 20;
const CASELOAD: usize = 25;
const ROUNDS: usize = 5;
const GROUP: usize = 10;
const QUARTERS: [&str; ROUNDS] = [
    "2025-10-06",
    "2026-01-05",
    "2026-04-06",
    "2026-07-06",
    "2026-10-05",
];

fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A small fixed generator, so every run measures the same data.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) % n
    }
}

async fn generate(store: &SqliteStore) -> (String, String) {
    let mut tx = store
        .begin_write(server::db::WriteScope::Setup)
        .await
        .expect("write");
    let (org, programme, password): (String, String, String) = sqlx::query_as(
        "SELECT o.id, p.id, (SELECT password_hash FROM staff_credentials LIMIT 1)
         FROM organisations o JOIN programmes p ON p.organisation_id = o.id
         WHERE p.delivery = 'group' LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("demo organisation");
    let now = "2026-11-20T10:00:00.000000Z";
    let mut n = Numbers(20_261_123);
    let mut worker_email = String::new();
    let mut manager_email = String::new();
    for t in 0..TEAMS {
        let team = id();
        sqlx::query(
            "INSERT INTO teams (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&team)
        .bind(&org)
        .bind(format!("Bench team {t}"))
        .bind(now)
        .execute(&mut *tx)
        .await
        .expect("team");
        let person = |role: &'static str, given: String, team: Option<String>| {
            let pid = id();
            let sql = "INSERT INTO people (id, organisation_id, role, given_name, family_name, team_id, created_at)
                       VALUES ($1, $2, $3, $4, 'Bench', $5, $6)";
            (pid, sql, role, given, team)
        };
        let (manager, sql, role, given, team_id) =
            person("manager", format!("Manager{t}"), Some(team.clone()));
        sqlx::query(sql)
            .bind(&manager)
            .bind(&org)
            .bind(role)
            .bind(given)
            .bind(team_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .expect("manager");
        let email = format!("manager{t}@bench.example");
        sqlx::query("INSERT INTO staff_credentials (person_id, email, password_hash, password_set_at) VALUES ($1, $2, $3, $4)")
            .bind(&manager).bind(&email).bind(&password).bind(now)
            .execute(&mut *tx).await.expect("credentials");
        if t == 0 {
            manager_email = email;
        }
        let mut team_people = Vec::new();
        for w in 0..WORKERS_PER_TEAM {
            let (worker, sql, role, given, team_id) =
                person("worker", format!("Worker{t}x{w}"), Some(team.clone()));
            sqlx::query(sql)
                .bind(&worker)
                .bind(&org)
                .bind(role)
                .bind(given)
                .bind(team_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .expect("worker");
            let email = format!("worker{t}x{w}@bench.example");
            sqlx::query("INSERT INTO staff_credentials (person_id, email, password_hash, password_set_at) VALUES ($1, $2, $3, $4)")
                .bind(&worker).bind(&email).bind(&password).bind(now)
                .execute(&mut *tx).await.expect("credentials");
            if t == 0 && w == 0 {
                worker_email = email;
            }
            for y in 0..CASELOAD {
                let (yp, sql, role, given, team_id) = person(
                    "young_person",
                    format!("Young{t}x{w}x{y}"),
                    Some(team.clone()),
                );
                sqlx::query(sql)
                    .bind(&yp)
                    .bind(&org)
                    .bind(role)
                    .bind(given)
                    .bind(team_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .expect("young person");
                sqlx::query("INSERT INTO caseload_allocations (worker_id, young_person_id, allocated_at) VALUES ($1, $2, $3)")
                    .bind(&worker).bind(&yp).bind(now)
                    .execute(&mut *tx).await.expect("allocation");
                for e in 0..2 {
                    let answered = e == 0;
                    sqlx::query(
                        "INSERT INTO voice_entries (id, young_person_id, words, urgent, written_at, seen_by, seen_at, response, responded_by, responded_at)
                         VALUES ($1, $2, 'Bench words', FALSE, $3, $4, $5, $6, $4, $5)",
                    )
                    .bind(id()).bind(&yp)
                    .bind(format!("2026-11-{:02}T09:00:00.000000Z", 1 + e * 10))
                    .bind(answered.then(|| worker.clone()))
                    .bind(answered.then(|| "2026-11-01T15:00:00.000000Z".to_owned()))
                    .bind(answered.then(|| "Thanks".to_owned()))
                    .execute(&mut *tx).await.expect("entry");
                }
                team_people.push((worker.clone(), yp));
            }
        }
        // Each quarter, the team's young people in groups of ten.
        for (round, starts_on) in QUARTERS.iter().enumerate() {
            for group in team_people.chunks(GROUP) {
                let cohort = id();
                sqlx::query("INSERT INTO cohorts (id, programme_id, team_id, name, starts_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(&cohort).bind(&programme).bind(&team).bind(format!("Round {round}")).bind(starts_on).bind(now)
                    .execute(&mut *tx).await.expect("cohort");
                sqlx::query("INSERT INTO cohort_workers (cohort_id, worker_id) VALUES ($1, $2)")
                    .bind(&cohort)
                    .bind(&group[0].0)
                    .execute(&mut *tx)
                    .await
                    .expect("cohort worker");
                for (worker, yp) in group {
                    sqlx::query("INSERT INTO cohort_members (cohort_id, young_person_id, joined_at) VALUES ($1, $2, $3)")
                        .bind(&cohort).bind(yp).bind(now)
                        .execute(&mut *tx).await.expect("member");
                    for session in 1..=6i64 {
                        sqlx::query("INSERT INTO attendance (cohort_id, young_person_id, session_number, attended, marked_by, marked_at) VALUES ($1, $2, $3, $4, $5, $6)")
                            .bind(&cohort).bind(yp).bind(session).bind(n.below(6) != 0).bind(worker).bind(now)
                            .execute(&mut *tx).await.expect("register");
                    }
                    for session in 1..=5i64 {
                        for stage in ["start", "end"] {
                            // Given, then corrected: the second is the one that counts.
                            for version in 0..2 {
                                sqlx::query(
                                    "INSERT INTO session_scores (id, cohort_id, young_person_id, programme_id, session_number, stage, score, entered_by, recorded_at)
                                     VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $8)",
                                )
                                .bind(id()).bind(&cohort).bind(yp).bind(&programme).bind(session).bind(stage)
                                .bind(n.below(11) as i64)
                                .bind(format!("{starts_on}T1{session}:0{version}:00.000000Z"))
                                .execute(&mut *tx).await.expect("score");
                            }
                        }
                    }
                    for stage in ["start", "end"] {
                        for measure in ["learning", "risk_taking", "consequences"] {
                            sqlx::query(
                                "INSERT INTO programme_scores (id, cohort_id, young_person_id, stage, measure, score, entered_by, recorded_at)
                                 VALUES ($1, $2, $3, $4, $5, $6, $3, $7)",
                            )
                            .bind(id()).bind(&cohort).bind(yp).bind(stage).bind(measure).bind(n.below(11) as i64)
                            .bind(format!("{starts_on}T18:00:00.000000Z"))
                            .execute(&mut *tx).await.expect("programme score");
                        }
                    }
                }
            }
        }
    }
    tx.commit().await.expect("commit");
    sqlx::query("ANALYZE").execute(store.reader()).await.ok();
    (worker_email, manager_email)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

async fn sign_in(base: &str, email: &str) -> reqwest::Client {
    let client = client();
    let res = client
        .post(format!("{base}/api/staff_sign_in"))
        .form(&[
            ("email", email),
            ("password", server::demo_data::STAFF_PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert!(res.status().is_success(), "{email}: {}", res.status());
    client
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn time(label: &str, times: usize, mut call: impl AsyncFnMut() -> usize) {
    // Warm the caches first, as a page in use would be.
    for _ in 0..3 {
        call().await;
    }
    let mut took = Vec::with_capacity(times);
    let mut bytes = 0;
    for _ in 0..times {
        let started = Instant::now();
        bytes = call().await;
        took.push(started.elapsed());
    }
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: {times} requests, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({bytes} bytes)",
        ms(percentile(&took, 0.5)),
        ms(percentile(&took, 0.99)),
        ms(took[took.len() - 1]),
    );
}

async fn explain(pool: &SqlitePool, label: &str, sql: &str, binds: &[String]) {
    let query = binds.iter().fold(
        sqlx::query(format!("EXPLAIN QUERY PLAN {sql}").leak()),
        |q, b| q.bind(b.clone()),
    );
    println!("\n{label}");
    for row in query.fetch_all(pool).await.expect("plan") {
        let detail: String = row.get(3);
        println!("  {detail}");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let caseload_requests = args.first().copied().unwrap_or(500);
    let report_requests = args.get(1).copied().unwrap_or(50);

    let dir = std::env::temp_dir().join(format!("waypoint-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bench.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let store = SqliteStore::open(&url).await.expect("open");
    store.seed_demo_if_empty().await.expect("seed");
    let started = Instant::now();
    let (worker, manager) = generate(&store).await;
    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM people WHERE role = 'worker'),
                (SELECT COUNT(*) FROM people WHERE role = 'young_person'),
                (SELECT COUNT(*) FROM session_scores),
                (SELECT COUNT(*) FROM cohorts)",
    )
    .fetch_one(store.reader())
    .await
    .expect("counts");
    println!(
        "generated in {:.0} s: {} workers, {} young people, {} session scores, {} cohorts",
        started.elapsed().as_secs_f64(),
        counts.0,
        counts.1,
        counts.2,
        counts.3
    );
    store.close().await;

    let config = Config {
        database_url: url.clone(),
        addr: "127.0.0.1:0".parse().expect("address"),
        site_root: dir.join("site"),
        demo_data: false,
        public_url: "http://127.0.0.1".into(),
        quick_exit_url: "https://www.bbc.co.uk/weather".into(),
        trusted_proxies: Default::default(),
    };
    let app = Application::build(&config).await.expect("server");
    let pool = SqlitePool::connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .expect("read-only pool for the plans");
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));

    let jo = sign_in(&base, &worker).await;
    time(
        "caseload (25 young people, JSON)",
        caseload_requests,
        async || {
            let res = jo
                .post(format!("{base}/api/caseload"))
                .send()
                .await
                .expect("caseload");
            assert!(res.status().is_success());
            res.bytes().await.expect("body").len()
        },
    )
    .await;
    time(
        "caseload page (server-rendered HTML)",
        caseload_requests / 5,
        async || {
            let res = jo
                .get(format!("{base}/caseload"))
                .send()
                .await
                .expect("page");
            assert!(res.status().is_success());
            res.bytes().await.expect("body").len()
        },
    )
    .await;

    let helen = sign_in(&base, &manager).await;
    let programme: String =
        sqlx::query_scalar("SELECT id FROM programmes WHERE delivery = 'group' LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("programme");
    for (label, from, to) in [
        (
            "cohort report, one quarter (50 groups, 500 young people)",
            "2026-07-01",
            "2026-09-30",
        ),
        (
            "cohort report, a whole year (200 groups, 2,000 places)",
            "2025-10-01",
            "2026-09-30",
        ),
    ] {
        let form = [
            ("programme", programme.as_str()),
            ("from", from),
            ("to", to),
        ];
        let (helen, base) = (&helen, &base);
        time(label, report_requests, async || {
            let res = helen
                .post(format!("{base}/api/cohort_report"))
                .form(&form)
                .send()
                .await
                .expect("report");
            assert!(res.status().is_success());
            res.bytes().await.expect("body").len()
        })
        .await;
    }

    // The plans, with the bench's own ids bound so SQLite chooses as it does for real.
    let worker_id: String =
        sqlx::query_scalar("SELECT person_id FROM staff_credentials WHERE email = $1")
            .bind(&worker)
            .fetch_one(&pool)
            .await
            .expect("worker");
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT young_person_id FROM caseload_allocations WHERE worker_id = $1")
            .bind(&worker_id)
            .fetch_all(&pool)
            .await
            .expect("caseload");
    let main_query = caseload_query(app::identity::Role::Worker).expect("a worker's caseload");
    explain(
        &pool,
        "caseload: names and entries",
        &main_query,
        std::slice::from_ref(&worker_id),
    )
    .await;
    let activity = ActivityQueries::new(ids.len());
    for (label, sql) in activity.all() {
        // The memberships read names programmes in the page's language, bound last.
        let mut binds = ids.clone();
        if sql == activity.memberships {
            binds.push("en".to_owned());
        }
        explain(&pool, label, sql, &binds).await;
    }
    let cohorts: Vec<String> = sqlx::query_scalar(
        "SELECT m.cohort_id FROM cohort_members m JOIN caseload_allocations a ON a.young_person_id = m.young_person_id
         JOIN cohorts c ON c.id = m.cohort_id WHERE a.worker_id = $1 AND c.starts_on = '2026-10-05'",
    )
    .bind(&worker_id)
    .fetch_all(&pool)
    .await
    .expect("current cohorts");
    let [register, scores] = ActivityQueries::current_sessions(cohorts.len(), ids.len());
    let binds: Vec<String> = cohorts.iter().chain(&ids).cloned().collect();
    explain(
        &pool,
        "caseload: register (current cohorts)",
        &register,
        &binds,
    )
    .await;
    explain(
        &pool,
        "caseload: session scores (current cohorts)",
        &scores,
        &binds,
    )
    .await;
    let team: String = sqlx::query_scalar("SELECT team_id FROM people WHERE id = $1")
        .bind(&worker_id)
        .fetch_one(&pool)
        .await
        .expect("team");
    let period = PeriodQueries::default();
    let binds = [
        team,
        programme,
        "2026-07-01".to_owned(),
        "2026-09-30".to_owned(),
        // Every group of the period (a group's id here asks for that group alone).
        String::new(),
    ];
    for (label, sql) in period.all() {
        explain(&pool, label, sql, &binds).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
