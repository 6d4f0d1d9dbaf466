//! Live updates for the worker's group view: when a score or a register mark is saved, the
//! server announces "this cohort's session changed" and every open group view re-reads it.
//! In-process (a broadcast channel), so it reaches browsers connected to this server; a
//! multi-server deployment needs the database's own notifications (PostgreSQL LISTEN) here.

use tokio::sync::broadcast;

use crate::ids::{CohortId, SessionNumber};

#[derive(Clone, Debug)]
pub struct LiveUpdates(broadcast::Sender<(CohortId, SessionNumber)>);

impl Default for LiveUpdates {
    fn default() -> Self {
        // A slow listener that falls this far behind just re-reads once: the message only
        // says "look again", never what changed.
        LiveUpdates(broadcast::channel(256).0)
    }
}

impl LiveUpdates {
    pub fn publish(&self, cohort: CohortId, session: SessionNumber) {
        // No listeners is normal (nobody has the group view open).
        let _ = self.0.send((cohort, session));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(CohortId, SessionNumber)> {
        self.0.subscribe()
    }
}

/// Announces a change from inside a server function, if the server provided the channel.
pub fn announce(cohort: CohortId, session: SessionNumber) {
    if let Some(live) = leptos::prelude::use_context::<LiveUpdates>() {
        live.publish(cohort, session);
    }
}
