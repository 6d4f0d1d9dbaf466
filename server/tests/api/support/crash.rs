//! Crash safety, for either engine: several clients send keyed scores, retrying until they
//! hear back, to one or more real server processes on one database, while those processes
//! are killed with SIGKILL in turn and restarted. The caller then checks the database: every
//! acknowledged score stored exactly once, nothing stored that was not acknowledged.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENTS: usize = 4;
const PER_CLIENT: usize = 260; // 1,040 submissions in all
const KILLS: usize = 4;

/// Every score a server acknowledged: (idempotency key, the id it answered with).
pub type Acknowledged = Vec<(String, String)>;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(port: u16, database_url: &str, site: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waypoint"))
        .env("WAYPOINT_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", database_url)
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

/// Runs `servers` server processes on `database_url` (all started at once, so they race to
/// migrate and seed), sends 1,040 keyed scores spread over them while killing them in turn,
/// and returns what was acknowledged. `scratch` holds the (empty) site folder.
pub async fn send_scores_while_killing(
    database_url: &str,
    servers: usize,
    scratch: &std::path::Path,
) -> Acknowledged {
    let site = scratch.join("site").display().to_string();
    let ports: Vec<u16> = (0..servers).map(|_| free_port()).collect();
    let bases: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    let children: Vec<Arc<Mutex<Child>>> = ports
        .iter()
        .map(|&port| Arc::new(Mutex::new(start(port, database_url, &site))))
        .collect();

    // One young person's phone (Amara, the demo invitation); every client shares its cookie,
    // which every server accepts (the session is in the database).
    let phone = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    for base in &bases {
        wait_healthy(&phone, base).await;
    }
    let base = &bases[0];
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

    let acknowledged = Arc::new(Mutex::new(Acknowledged::new()));
    let mut senders = Vec::new();
    for c in 0..CLIENTS {
        let (phone, bases, yp, cohort, acknowledged) = (
            phone.clone(),
            bases.clone(),
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
                    // Each try goes to the next server, as a load balancer would send it.
                    let base = &bases[(c + i + attempts) % bases.len()];
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
                        Err(_) => {} // that server is down: try again
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }));
    }

    // Kill the servers in turn at intervals while the clients send, and bring each back.
    let checker = reqwest::Client::new();
    for kill in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let victim = kill % servers;
        {
            let mut child = children[victim].lock().expect("lock");
            child.kill().expect("SIGKILL"); // std's kill sends SIGKILL on Unix
            child.wait().expect("reaped");
            *child = start(ports[victim], database_url, &site);
        }
        wait_healthy(&checker, &bases[victim]).await;
    }
    for s in senders {
        s.await.expect("client finished");
    }
    for child in &children {
        let mut child = child.lock().expect("lock");
        child.kill().expect("stop");
        let _ = child.wait();
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert_eq!(acknowledged.len(), CLIENTS * PER_CLIENT);
    acknowledged
}

/// Every acknowledged score is stored exactly once, and nothing else was stored.
pub fn assert_stored_exactly_once(acknowledged: &Acknowledged, rows: &[(String, String)]) {
    let stored: std::collections::HashSet<&(String, String)> = rows.iter().collect();
    assert_eq!(rows.len(), stored.len(), "no key stored twice");
    for pair in acknowledged {
        assert!(stored.contains(pair), "acknowledged but missing: {pair:?}");
    }
    assert_eq!(
        rows.len(),
        acknowledged.len(),
        "nothing stored that was not acknowledged"
    );
}
