//! Starts the real server on 127.0.0.1, on a port the OS picks, against a fresh SQLite file
//! seeded with the demo data, and talks to it over HTTP.

#![allow(dead_code)] // each test file uses a different part of this module

use std::path::PathBuf;

use serde_json::Value;
use server::config::Config;
use server::startup::Application;
use tokio::sync::oneshot;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db_path: PathBuf,
    dir: PathBuf,
    stop: Option<oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let dir = std::env::temp_dir().join(format!("waypoint-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db_path = dir.join("waypoint.db");
        let config = Config {
            database_url: format!("sqlite://{}?mode=rwc", db_path.display()),
            addr: "127.0.0.1:0".parse().expect("address"),
            // No built site: these tests are about the server, not the browser files.
            site_root: dir.join("site"),
            demo_data: true,
            public_url: "http://127.0.0.1".into(),
            quick_exit_url: "https://www.bbc.co.uk/weather".into(),
        };
        let app = Application::build(&config).await.expect("server starts");
        let base = format!("http://{}", app.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails the test instead of stalling the whole run.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("client");
        TestApp {
            base,
            client,
            db_path,
            dir,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Calls a server function the way the hydrated app does (form-encoded, JSON back).
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let res = self
            .client
            .post(self.url(&format!("/api/{function}")))
            .form(form)
            .send()
            .await
            .expect("POST");
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        let json = serde_json::from_str(&body).unwrap_or(Value::String(body));
        (status, json)
    }

    /// Posts a form the way a browser without JavaScript does.
    pub async fn post_plain_form(
        &self,
        function: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{function}")))
            .header("Accept", "text/html,application/xhtml+xml")
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    pub async fn demo_people(&self) -> Vec<Value> {
        let (status, body) = self.call("demo_young_people", &[]).await;
        assert_eq!(status, 200, "{body}");
        body.as_array().expect("a list").clone()
    }

    /// A young person in the demo group, at session 5, which the demo data leaves unscored.
    pub async fn group_member(&self) -> Member {
        member_of(&self.demo_people().await)
    }

    /// A young person of the demo service who is not in the group, with the group's cohort.
    pub async fn outsider(&self) -> Member {
        let people = self.demo_people().await;
        let person = people
            .iter()
            .find(|p| p["next_session"].is_null())
            .expect("someone outside the group");
        Member {
            young_person: person["id"].as_str().expect("id").to_owned(),
            ..member_of(&people)
        }
    }

    pub async fn scores(&self, m: &Member) -> Value {
        let (status, body) = self
            .call(
                "score_session",
                &[
                    ("young_person", &m.young_person),
                    ("cohort", &m.cohort),
                    ("session", &m.session),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["scores"].clone()
    }
}

fn member_of(people: &[Value]) -> Member {
    let person = people
        .iter()
        .find(|p| p["next_session"].is_object())
        .expect("someone in the group");
    Member {
        young_person: person["id"].as_str().expect("id").to_owned(),
        cohort: person["next_session"]["cohort"]
            .as_str()
            .expect("cohort")
            .to_owned(),
        session: "5".into(),
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub young_person: String,
    pub cohort: String,
    pub session: String,
}

impl Member {
    pub fn page(&self) -> String {
        format!(
            "/young-people/{}/cohorts/{}/sessions/{}/score",
            self.young_person, self.cohort, self.session
        )
    }

    pub fn form<'a>(&'a self, stage: &'a str, score: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
        let mut form = vec![
            ("young_person", self.young_person.as_str()),
            ("cohort", self.cohort.as_str()),
            ("session", self.session.as_str()),
            ("stage", stage),
        ];
        if let Some(score) = score {
            form.push(("score", score));
        }
        form
    }
}
