//! Live updates for the worker's group view: when a score or a register mark is saved, the
//! server announces "this cohort's session changed" and every open group view re-reads it.
//! Within one server a broadcast channel carries it. With several servers on PostgreSQL, a
//! relay sends each announcement through the database (NOTIFY) and every server, the sender
//! included, hands what arrives to its own channel (`server/src/live_bus.rs`).

use std::sync::Arc;

use tokio::sync::broadcast;

use crate::ids::{CohortId, SessionNumber};

/// What a group view hears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Session(CohortId, SessionNumber),
    /// Changes may have been missed (the server lost its link to the database for a while):
    /// every open view should look again.
    Everything,
}

type Relay = Arc<dyn Fn(CohortId, SessionNumber) + Send + Sync>;

#[derive(Clone)]
pub struct LiveUpdates {
    local: broadcast::Sender<Change>,
    relay: Option<Relay>,
}

impl std::fmt::Debug for LiveUpdates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveUpdates")
            .field("relayed", &self.relay.is_some())
            .finish()
    }
}

impl Default for LiveUpdates {
    fn default() -> Self {
        // A slow listener that falls this far behind just re-reads once: the message only
        // says "look again", never what changed.
        LiveUpdates {
            local: broadcast::channel(256).0,
            relay: None,
        }
    }
}

impl LiveUpdates {
    /// Announcements go to `relay` instead of straight to this server's listeners; whatever
    /// receives them elsewhere calls [`deliver`](Self::deliver).
    pub fn relayed(relay: Relay) -> Self {
        LiveUpdates {
            relay: Some(relay),
            ..LiveUpdates::default()
        }
    }

    pub fn publish(&self, cohort: CohortId, session: SessionNumber) {
        match &self.relay {
            Some(relay) => relay(cohort, session),
            None => self.deliver(Change::Session(cohort, session)),
        }
    }

    /// Hands a change to the group views open on this server.
    pub fn deliver(&self, change: Change) {
        // No listeners is normal (nobody has the group view open).
        let _ = self.local.send(change);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.local.subscribe()
    }
}

/// Announces a change from inside a server function, if the server provided the channel.
pub fn announce(cohort: CohortId, session: SessionNumber) {
    if let Some(live) = leptos::prelude::use_context::<LiveUpdates>() {
        live.publish(cohort, session);
    }
}
