//! The two engines' schemas must not drift apart: the same tables, each with the same
//! columns, and the same migration versions from the PostgreSQL baseline on.

use std::collections::BTreeSet;

use crate::support::{new_database, TestDb};

#[tokio::test]
async fn both_engines_have_the_same_tables_and_columns() {
    super::postgres();
    let dir = std::env::temp_dir().join(format!("waypoint-schema-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    let sqlite_url = format!("sqlite://{}?mode=rwc", dir.join("schema.db").display());
    server::db::connect(&sqlite_url)
        .await
        .expect("SQLite migrates")
        .close()
        .await;
    let sqlite = TestDb::open(&sqlite_url).await;
    let sqlite_columns: BTreeSet<String> = sqlite
        .texts(
            "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
            &[],
        )
        .await
        .into_iter()
        .collect();
    sqlite.close().await;

    let postgres = TestDb::open(&new_database(&dir).await).await;
    let postgres_columns: BTreeSet<String> = postgres
        .texts(
            "SELECT table_name || '.' || column_name FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
            &[],
        )
        .await
        .into_iter()
        .collect();
    postgres.close().await;

    assert!(sqlite_columns.len() > 150, "{}", sqlite_columns.len());
    assert_eq!(
        sqlite_columns
            .difference(&postgres_columns)
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "columns only SQLite has"
    );
    assert_eq!(
        postgres_columns
            .difference(&sqlite_columns)
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "columns only PostgreSQL has"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// After the PostgreSQL baseline (which stands for SQLite's first migrations), every
/// migration exists for both engines under the same number and name.
#[test]
fn every_migration_after_the_baseline_is_written_for_both_engines() {
    let names = |engine: &str| -> BTreeSet<String> {
        let folder = format!("{}/migrations/{engine}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_dir(folder)
            .expect("migrations folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (sqlite, postgres) = (names("sqlite"), names("postgres"));
    let baseline = postgres.iter().next().expect("a baseline").clone();
    let baseline_version = &baseline[..4];
    assert!(
        sqlite.iter().any(|n| n.starts_with(baseline_version)),
        "the baseline {baseline} is numbered after a SQLite migration"
    );
    let later = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|n| n[..4] > *baseline_version)
            .cloned()
            .collect()
    };
    assert_eq!(later(&sqlite), later(&postgres));
}
