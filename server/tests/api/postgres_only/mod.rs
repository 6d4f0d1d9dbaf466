//! Several servers on one PostgreSQL database: what only that deployment can get wrong.
//! These need `WAYPOINT_TEST_PG` (run them through `scripts/with-postgres.sh`, as
//! `scripts/test.sh` does); the SQLite run skips them (`--skip postgres_only::`).

mod fault;
mod schema;
mod two_servers;

/// The PostgreSQL server these tests use; a clear failure, not a silent pass, without one.
fn postgres() -> String {
    crate::support::postgres_server()
        .expect("postgres_only tests need WAYPOINT_TEST_PG: run them with scripts/with-postgres.sh")
}
