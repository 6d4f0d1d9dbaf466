//! Database engines behind the application's `Store` trait. SQLite is the embedded default;
//! a PostgreSQL implementation will sit beside it for multi-server deployments.

pub mod sqlite;

use std::sync::Arc;

use app::store::SharedStore;

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported DATABASE_URL scheme (expected sqlite://…)")]
    UnsupportedScheme,
    #[error("could not open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("could not apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
}

/// Opens the database named by `url`, applies pending migrations and returns the store.
pub async fn connect(url: &str) -> Result<(SharedStore, sqlite::SqliteStore), ConnectError> {
    if url.starts_with("sqlite:") {
        let store = sqlite::SqliteStore::open(url).await?;
        Ok((Arc::new(store.clone()), store))
    } else {
        Err(ConnectError::UnsupportedScheme)
    }
}
