//! Database engines behind the application's `Store` trait. SQLite is the embedded default
//! for one server; PostgreSQL serves several servers behind a load balancer. Both compile the
//! same query files (`store/`), so there is one copy of every query; each engine adds only
//! its pool, its write transaction and its migrations (`sqlite/mod.rs`, `postgres/mod.rs`).

// Each engine compiles the same query files from `store/` against its own types: loading a
// file twice is the point here, not a mistake.
#[allow(clippy::duplicate_mod)]
pub mod postgres;
#[allow(clippy::duplicate_mod)]
pub mod sqlite;
pub mod wordings;

use std::sync::Arc;

use app::ids::{CohortId, PersonId, TeamId};
use app::store::{SharedAccounts, SharedPlanChanges, SharedStore};

use crate::auth::accounts::Accounts;
use crate::auth::records::AccountRecords;
use crate::plan_changes::records::PlanRecords;
use crate::plan_changes::PlanEditor;

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:")]
    UnsupportedScheme,
    #[error("could not open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("could not apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
}

/// What a write transaction is about. On PostgreSQL, writes with the same scope take turns
/// (a lock held until commit), so a check made inside the transaction still holds when it
/// commits, while writes about different young people run side by side. SQLite has a
/// single writer and needs none of this.
#[derive(Clone, Copy, Debug)]
pub enum WriteScope<'a> {
    /// One person's record: a young person's plan, scores and words; anyone's sign-in.
    Person(PersonId),
    /// A programme run: its members, register and missed starts.
    Cohort(CohortId),
    /// Scores added to a programme run. They check the register but change nothing another
    /// score relies on, so any number go ahead together; a `Cohort` write (the register)
    /// waits for those in flight, and they for it.
    CohortScores(CohortId),
    /// A team's settings and staff.
    Team(TeamId),
    /// An organisation's shared things: its question sets, its staff e-mail addresses.
    Organisation(&'a str),
    /// Sign-in failures counted under one key (an account or an address).
    Throttle(&'a str),
    /// Start-up writes (demo data, libraries): one server at a time.
    Setup,
    /// Writes that a unique key already keeps right (audit rows, session touches).
    Unlocked,
}

impl WriteScope<'_> {
    /// Whether others with the same name may hold the lock at the same time.
    pub fn shared(&self) -> bool {
        matches!(self, WriteScope::CohortScores(_))
    }

    /// The lock's name, or none.
    pub fn key(&self) -> Option<String> {
        match self {
            WriteScope::Person(id) => Some(format!("person:{id}")),
            WriteScope::Cohort(id) | WriteScope::CohortScores(id) => Some(format!("cohort:{id}")),
            WriteScope::Team(id) => Some(format!("team:{id}")),
            WriteScope::Organisation(id) => Some(format!("organisation:{id}")),
            WriteScope::Throttle(key) => Some(format!("throttle:{key}")),
            WriteScope::Setup => Some("setup".to_owned()),
            WriteScope::Unlocked => None,
        }
    }
}

/// The open database, whichever engine it is.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(sqlite::Store),
    Postgres(postgres::Store),
}

/// Opens the database named by `url` (`sqlite:…` or `postgres://…`), applies pending
/// migrations and returns it.
pub async fn connect(url: &str) -> Result<Database, ConnectError> {
    if url.starts_with("sqlite:") {
        Ok(Database::Sqlite(sqlite::Store::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Database::Postgres(postgres::Store::open(url).await?))
    } else {
        Err(ConnectError::UnsupportedScheme)
    }
}

impl Database {
    pub fn shared(&self) -> SharedStore {
        match self {
            Database::Sqlite(store) => Arc::new(store.clone()),
            Database::Postgres(store) => Arc::new(store.clone()),
        }
    }

    /// The sign-in rules, over this database's account records.
    pub fn accounts(&self) -> SharedAccounts {
        let records: Arc<dyn AccountRecords> = match self {
            Database::Sqlite(store) => Arc::new(store.clone()),
            Database::Postgres(store) => Arc::new(store.clone()),
        };
        Arc::new(Accounts::new(records))
    }

    /// The plan-changing rules, over this database's plan records.
    pub fn plan_changes(&self) -> SharedPlanChanges {
        let records: Arc<dyn PlanRecords> = match self {
            Database::Sqlite(store) => Arc::new(store.clone()),
            Database::Postgres(store) => Arc::new(store.clone()),
        };
        Arc::new(PlanEditor::new(records))
    }

    /// Seeds the fictional demo service if the database holds no organisation yet.
    pub async fn seed_demo_if_empty(&self) -> Result<bool, sqlx::Error> {
        match self {
            Database::Sqlite(store) => store.seed_demo_if_empty().await,
            Database::Postgres(store) => {
                let seeded = store.seed_demo_if_empty().await?;
                if seeded {
                    store.analyze().await?;
                }
                Ok(seeded)
            }
        }
    }

    /// Gives every organisation the question sets added to the library since it was set up.
    pub async fn install_missing_libraries(&self) -> Result<(), sqlx::Error> {
        match self {
            Database::Sqlite(store) => store.install_missing_libraries().await,
            Database::Postgres(store) => store.install_missing_libraries().await,
        }
    }

    pub async fn close(&self) {
        match self {
            Database::Sqlite(store) => store.close().await,
            Database::Postgres(store) => store.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Each `#[path = …]` line with the module line after it.
    fn included(source: &str) -> Vec<String> {
        let lines: Vec<&str> = source.lines().map(str::trim).collect();
        lines
            .windows(2)
            .filter(|pair| pair[0].starts_with("#[path"))
            .map(|pair| format!("{} {}", pair[0], pair[1]))
            .collect()
    }

    /// The two engines list the query files by hand (rustfmt does not reach files included
    /// from a macro, so a shared macro would leave them unformatted): the lists must agree.
    #[test]
    fn both_engines_compile_the_same_query_files() {
        let sqlite = included(include_str!("sqlite/mod.rs"));
        assert!(sqlite.len() >= 15, "{sqlite:?}");
        assert_eq!(sqlite, included(include_str!("postgres/mod.rs")));
    }
}
