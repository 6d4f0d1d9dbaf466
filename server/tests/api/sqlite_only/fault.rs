//! Crash safety: several clients send keyed scores, retrying until they hear back, while
//! the real server binary is killed with SIGKILL and restarted on the same database. Every
//! acknowledged score must be stored exactly once, and the database must pass
//! `PRAGMA integrity_check`.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENTS: usize = 4;
const PER_CLIENT: usize = 260; // 1,040 submissions in all
const KILLS: usize = 4;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(port: u16, db: &str, site: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .env("WAYPOINT_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", format!("sqlite://{db}?mode=rwc"))
        .env("WAYPOINT_DEMO_DATA", "true")
        .env("WAYPOINT_SITE_ROOT", site)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts")
}

async fn wait_healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if let Ok(res) = client.get(format!("{base}/healthz")).send().await {
            if res.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not become healthy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_scores_survive_sigkill_exactly_once() {
    let dir = std::env::temp_dir().join(format!("waypoint-fault-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("fault.db").display().to_string();
    let site = dir.join("site").display().to_string();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Arc::new(Mutex::new(start(port, &db, &site)));

    // One young person's phone (Amara, the demo invitation); every client shares its cookie.
    let phone = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    wait_healthy(&phone, &base).await;
    let res = phone
        .post(format!("{base}/api/redeem_invitation"))
        .form(&[
            ("code", "AMARA-PENHA"),
            ("pin", "402719"),
            ("pin_again", "402719"),
        ])
        .send()
        .await
        .expect("redeem");
    assert!(res.status().is_success(), "{}", res.status());
    let home: serde_json::Value = phone
        .post(format!("{base}/api/young_person_home"))
        .form(&[("", "")])
        .send()
        .await
        .expect("home")
        .json()
        .await
        .expect("json");
    let young_person = home["young_person"].as_str().expect("id").to_owned();
    let cohort = home["programmes"][0]["cohort"]
        .as_str()
        .expect("cohort")
        .to_owned();

    let acknowledged = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let mut senders = Vec::new();
    for c in 0..CLIENTS {
        let (phone, base, yp, cohort, acknowledged) = (
            phone.clone(),
            base.clone(),
            young_person.clone(),
            cohort.clone(),
            acknowledged.clone(),
        );
        senders.push(tokio::spawn(async move {
            for i in 0..PER_CLIENT {
                let key = format!("fault-{c:02}-{i:05}-{}", uuid::Uuid::new_v4().simple());
                let score = ((c + i) % 11).to_string();
                let mut attempts = 0;
                loop {
                    attempts += 1;
                    assert!(attempts < 400, "{key} never acknowledged");
                    let res = phone
                        .post(format!("{base}/api/save_session_score"))
                        .form(&[
                            ("young_person", yp.as_str()),
                            ("cohort", cohort.as_str()),
                            ("session", "5"),
                            ("stage", "start"),
                            ("score", score.as_str()),
                            ("key", key.as_str()),
                        ])
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status().is_success() => {
                            let body: serde_json::Value = r.json().await.expect("json");
                            let id = body["id"].as_str().expect("id").to_owned();
                            acknowledged.lock().expect("lock").push((key, id));
                            break;
                        }
                        Ok(r) => assert!(
                            r.status().is_server_error(),
                            "{key}: refused with {}",
                            r.status()
                        ),
                        Err(_) => {} // the server is down: try again
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }));
    }

    // Kill the server at intervals while the clients send, then bring it back.
    let checker = reqwest::Client::new();
    for _ in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(700)).await;
        {
            let mut child = server.lock().expect("lock");
            child.kill().expect("SIGKILL"); // std's kill sends SIGKILL on Unix
            child.wait().expect("reaped");
            *child = start(port, &db, &site);
        }
        wait_healthy(&checker, &base).await;
    }
    for s in senders {
        s.await.expect("client finished");
    }
    server.lock().expect("lock").kill().expect("stop");
    let _ = server.lock().expect("lock").wait();

    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert_eq!(acknowledged.len(), CLIENTS * PER_CLIENT);
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
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
    let stored: HashSet<(String, String)> = rows.iter().cloned().collect();
    assert_eq!(rows.len(), stored.len(), "no key stored twice");
    for pair in &acknowledged {
        assert!(stored.contains(pair), "acknowledged but missing: {pair:?}");
    }
    assert_eq!(
        rows.len(),
        acknowledged.len(),
        "nothing stored that was not acknowledged"
    );
    pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
