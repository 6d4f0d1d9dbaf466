//! Starts the real server on 127.0.0.1, on a port the OS picks, against a fresh database
//! seeded with the demo data, and talks to it over HTTP. The database is a SQLite file, or,
//! when `WAYPOINT_TEST_PG` names a PostgreSQL server (`scripts/with-postgres.sh` sets it), a
//! new PostgreSQL database copied from a migrated template.

use std::path::PathBuf;

pub mod crash;

use serde_json::Value;
use server::config::Config;
use server::startup::Application;
use tokio::sync::oneshot;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// The test's own database, for checking what the server stored.
    pub database_url: String,
    dir: PathBuf,
    stop: Option<oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// As [`spawn`](Self::spawn), with the configuration changed first (an HTTPS public
    /// address, say).
    pub async fn spawn_with(change: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_on(None, change).await
    }

    /// A second server on this one's database, as behind a load balancer.
    pub async fn spawn_beside(&self) -> TestApp {
        Self::spawn_on(Some(self.database_url.clone()), |_| {}).await
    }

    async fn spawn_on(database: Option<String>, change: impl FnOnce(&mut Config)) -> TestApp {
        let dir = std::env::temp_dir().join(format!("waypoint-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let database_url = match database {
            Some(url) => url,
            None => new_database(&dir).await,
        };
        let config = Config {
            database_url: database_url.clone(),
            addr: "127.0.0.1:0".parse().expect("address"),
            // No built site: these tests are about the server, not the browser files.
            site_root: dir.join("site"),
            demo_data: true,
            public_url: "http://127.0.0.1".into(),
            quick_exit_url: "https://www.bbc.co.uk/weather".into(),
            trusted_proxies: Default::default(),
        };
        let mut config = config;
        change(&mut config);
        let app = Application::build(&config).await.expect("server starts");
        let base = format!("http://{}", app.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        let client = new_client();
        TestApp {
            base,
            client,
            database_url,
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
        call(&self.client, &self.base, function, form).await
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

    /// Signs the default client in as Amara, the demo young person in the group, with the
    /// demo invitation code, and returns her home page's data.
    pub async fn sign_in_young_person(&self) -> Value {
        let (status, home) = self.call("young_person_home", &[]).await;
        if status == 200 {
            return home;
        }
        let (status, body) = self
            .call(
                "redeem_invitation",
                &[
                    ("code", server::demo_data::YOUNG_PERSON_CODE),
                    ("pin", DEMO_PIN),
                    ("pin_again", DEMO_PIN),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let (status, home) = self.call("young_person_home", &[]).await;
        assert_eq!(status, 200, "{home}");
        home
    }

    /// A signed-in client for a demo staff member.
    pub async fn staff(&self, email: &str) -> Session {
        let session = Session {
            base: self.base.clone(),
            client: new_client(),
        };
        let (status, body) = session
            .call(
                "staff_sign_in",
                &[
                    ("email", email),
                    ("password", server::demo_data::STAFF_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, 200, "{email}: {body}");
        session
    }

    /// Colm, Amara's father, signed in on his own phone with the demo invitation.
    pub async fn carer(&self) -> Session {
        let colm = self.anonymous();
        let (status, body) = colm
            .call(
                "redeem_invitation",
                &[
                    ("code", server::demo_data::CARER_CODE),
                    ("pin", DEMO_PIN),
                    ("pin_again", DEMO_PIN),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        colm
    }

    /// The default client (the one `sign_in_young_person` signs in) as a session.
    pub fn default_session(&self) -> Session {
        Session {
            base: self.base.clone(),
            client: self.client.clone(),
        }
    }

    /// A client with no session at all.
    pub fn anonymous(&self) -> Session {
        Session {
            base: self.base.clone(),
            client: new_client(),
        }
    }

    /// The test database, opened afresh.
    pub async fn db(&self) -> TestDb {
        TestDb::open(&self.database_url).await
    }

    /// One number from the test database, for checking what was stored (an audit row, a
    /// count of records) with a single bound value.
    pub async fn count(&self, sql: &str, bind: &str) -> i64 {
        self.db().await.number(sql, &[bind]).await
    }

    /// The id of a demo person, by first name.
    pub async fn person_id(&self, given_name: &str) -> String {
        self.db()
            .await
            .text("SELECT id FROM people WHERE given_name = $1", &[given_name])
            .await
    }

    /// Amara, signed in on the default client, at session 5 of her group, which the demo
    /// data leaves unscored.
    pub async fn group_member(&self) -> Member {
        let home = self.sign_in_young_person().await;
        let cohort = home["programmes"][0]["cohort"]
            .as_str()
            .expect("Amara is in the group");
        Member {
            young_person: home["young_person"].as_str().expect("id").to_owned(),
            cohort: cohort.to_owned(),
            session: "5".into(),
        }
    }

    /// Another young person of the service with Amara's group and session: a record she
    /// must not reach.
    pub async fn outsider(&self) -> Member {
        let m = self.group_member().await;
        Member {
            young_person: self.person_id("Ava").await,
            ..m
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
        serde_json::json!({ "start": body["scores"]["start"], "end": body["scores"]["end"] })
    }
}

pub const DEMO_PIN: &str = "402719";

fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A stuck request fails the test instead of stalling the whole run.
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

/// One person's browser: its own cookies, so its own session.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub client: reqwest::Client,
}

impl Session {
    /// The same browser talking to another server (its cookies go with it: they belong to
    /// the host, not the port).
    pub fn on(&self, server: &TestApp) -> Session {
        Session {
            base: server.base.clone(),
            client: self.client.clone(),
        }
    }

    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> (u16, Value) {
        call(&self.client, &self.base, function, form).await
    }

    /// The id of a cohort this member of staff can see, by its name.
    pub async fn cohort_named(&self, name: &str) -> String {
        let (status, body) = self.call("cohorts", &[]).await;
        assert_eq!(status, 200, "{body}");
        body["cohorts"]
            .as_array()
            .expect("cohorts")
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["id"].as_str())
            .unwrap_or_else(|| panic!("no cohort {name}: {body}"))
            .to_owned()
    }

    /// Posts a form the way a browser without JavaScript does; returns the redirect's target.
    pub async fn post_plain_form(&self, function: &str, form: &[(&str, &str)]) -> String {
        let res = self
            .client
            .post(format!("{}/api/{function}", self.base))
            .header("Accept", "text/html,application/xhtml+xml")
            .form(form)
            .send()
            .await
            .expect("POST");
        assert!(res.status().is_redirection(), "{}", res.status());
        res.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    /// A server-rendered page's HTML with the markers put between pieces of text removed,
    /// so a sentence can be looked for whole.
    pub async fn page(&self, path: &str) -> String {
        self.get(path)
            .await
            .text()
            .await
            .expect("page")
            .replace("<!-- -->", "")
            .replace("<!---->", "")
            .replace("<!>", "")
    }
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let res = client
        .post(format!("{base}/api/{function}"))
        .form(form)
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    let body = res.text().await.expect("body");
    let json = serde_json::from_str(&body).unwrap_or(Value::String(body));
    (status, json)
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

/// The engine the tests run on: PostgreSQL when `WAYPOINT_TEST_PG` is set, else SQLite.
pub fn postgres_server() -> Option<String> {
    std::env::var("WAYPOINT_TEST_PG")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// A fresh, empty database for one test: a SQLite file in `dir`, or a PostgreSQL database
/// copied from a template that was migrated once for the whole run.
pub async fn new_database(dir: &std::path::Path) -> String {
    let Some(server) = postgres_server() else {
        return format!("sqlite://{}?mode=rwc", dir.join("waypoint.db").display());
    };
    static TEMPLATE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    TEMPLATE.get_or_init(|| make_template(server.clone())).await;
    let name = format!("waypoint_{}", uuid::Uuid::new_v4().simple());
    run_admin(
        &server,
        format!("CREATE DATABASE {name} TEMPLATE waypoint_template"),
    )
    .await;
    format!("{server}/{name}")
}

/// The template every test database is copied from: migrated once, by the server's own
/// start-up path, and closed so that it can be copied.
async fn make_template(server: String) {
    run_admin(&server, "DROP DATABASE IF EXISTS waypoint_template".into()).await;
    run_admin(&server, "CREATE DATABASE waypoint_template".into()).await;
    let store = server::db::connect(&format!("{server}/waypoint_template"))
        .await
        .expect("migrate the template");
    store.close().await;
}

/// One statement on the server's `postgres` database (creating and dropping databases).
async fn run_admin(server: &str, sql: String) {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::query(&sql).execute(&mut admin).await.expect(&sql);
    admin.close().await.expect("close");
}

/// A test's own look at its database, whichever the engine.
pub enum TestDb {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs `$body` with `$pool` bound to the pool, whichever engine it is: the queries are
/// the same text on both.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            TestDb::Sqlite($pool) => $body,
            TestDb::Postgres($pool) => $body,
        }
    };
}

impl TestDb {
    pub async fn open(url: &str) -> TestDb {
        if url.starts_with("sqlite:") {
            TestDb::Sqlite(
                sqlx::SqlitePool::connect(url)
                    .await
                    .expect("open test database"),
            )
        } else {
            TestDb::Postgres(
                sqlx::PgPool::connect(url)
                    .await
                    .expect("open test database"),
            )
        }
    }

    pub async fn execute(&self, sql: &str) {
        on_pool!(self, pool => {
            sqlx::query(sql).execute(pool).await.expect(sql);
        })
    }

    /// One number, with the binds given in order.
    pub async fn number(&self, sql: &str, binds: &[&str]) -> i64 {
        on_pool!(self, pool => binds
            .iter()
            .fold(sqlx::query_scalar(sql), |q, b| q.bind(*b))
            .fetch_one(pool)
            .await
            .expect(sql))
    }

    /// One piece of text, with the binds given in order.
    pub async fn text(&self, sql: &str, binds: &[&str]) -> String {
        on_pool!(self, pool => binds
            .iter()
            .fold(sqlx::query_scalar(sql), |q, b| q.bind(*b))
            .fetch_one(pool)
            .await
            .expect(sql))
    }

    /// A column of text.
    pub async fn texts(&self, sql: &str, binds: &[&str]) -> Vec<String> {
        on_pool!(self, pool => binds
            .iter()
            .fold(sqlx::query_scalar(sql), |q, b| q.bind(*b))
            .fetch_all(pool)
            .await
            .expect(sql))
    }

    pub async fn close(self) {
        on_pool!(self, pool => pool.close().await)
    }
}
