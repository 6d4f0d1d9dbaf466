//! The server's integration tests, one binary (one link, one process): each starts the real
//! server on 127.0.0.1, on a port the OS picks, against a fresh database, and calls it over
//! HTTP. Modules are the capabilities they test. The same tests run on SQLite and, under
//! `scripts/with-postgres.sh`, on PostgreSQL (see `support`).

mod support;

mod authorisation;
mod caseload;
mod communication;
mod feedback;
mod http;
mod language;
mod plans;
mod postgres_only;
mod programmes;
mod questionnaires;
mod reports;
mod scoring;
mod sign_in;
mod sqlite_only;
mod voice;
