//! Tests of the SQLite engine itself: its migrations that rebuild tables, and its
//! durability when the server is killed (`PRAGMA integrity_check`). They make their own
//! SQLite files whatever engine the rest of the run uses, so the PostgreSQL run skips them
//! (`--skip sqlite_only::`); `postgres_only::` has PostgreSQL's twins.

mod fault;
mod migrations;
