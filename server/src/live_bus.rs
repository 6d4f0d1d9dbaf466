//! Carries live group-view updates between servers. On SQLite there is one server, and the
//! in-process channel is all there is. On PostgreSQL an announcement is a NOTIFY on one
//! channel; each server LISTENs on a connection of its own and hands what arrives to its
//! in-process channel, the sender's own announcements included, so there is one path.
//! Notifications sent while a server's listening connection is down are lost, so after
//! every (re)connection each open group view is told to look again.

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPool};

use app::ids::{CohortId, SessionNumber};
use app::live::{Change, LiveUpdates};

use crate::db::Database;

const CHANNEL: &str = "waypoint_live";

/// The live-update channel for this server, on whichever engine it runs.
pub fn start(database: &Database) -> LiveUpdates {
    let Database::Postgres(store) = database else {
        return LiveUpdates::default();
    };
    let pool = store.reader().clone();
    let sender = pool.clone();
    let live = LiveUpdates::relayed(Arc::new(move |cohort, session| {
        let pool = sender.clone();
        // After the commit, off the request's path: an announcement that fails costs a view
        // one refresh, not the person's save.
        tokio::spawn(async move {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload(cohort, session))
                .execute(&pool)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "a live update could not be sent");
            }
        });
    }));
    tokio::spawn(listen(pool, live.clone()));
    live
}

fn payload(cohort: CohortId, session: SessionNumber) -> String {
    format!("{cohort}:{}", session.value())
}

fn parse(payload: &str) -> Option<(CohortId, SessionNumber)> {
    let (cohort, session) = payload.split_once(':')?;
    Some((CohortId::parse(cohort)?, SessionNumber::parse(session)?))
}

async fn listen(pool: PgPool, live: LiveUpdates) {
    while !pool.is_closed() {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::warn!(error = %e, "live updates: cannot reach the database; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "live updates: cannot listen; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        live.deliver(Change::Everything);
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    if let Some((cohort, session)) = parse(notification.payload()) {
                        live.deliver(Change::Session(cohort, session));
                    }
                }
                // The connection dropped; the listener reconnects on the next call, and
                // whatever was announced in between is lost: everyone looks again.
                Ok(None) => live.deliver(Change::Everything),
                Err(e) => {
                    if !pool.is_closed() {
                        tracing::warn!(error = %e, "live updates: listening failed; reconnecting");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_names_the_session_and_reads_back() {
        let cohort = CohortId(uuid::Uuid::new_v4());
        let session = SessionNumber::new(5).expect("session 5");
        assert_eq!(parse(&payload(cohort, session)), Some((cohort, session)));
        assert_eq!(parse("not-a-cohort:5"), None);
        assert_eq!(parse(&format!("{cohort}:0")), None);
        assert_eq!(parse(&cohort.to_string()), None);
    }
}
