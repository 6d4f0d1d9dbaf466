//! TEMPORARY demo entry: lists every young person so the score page can be reached before
//! sign-in exists. The identity issue removes this file, its route and `Store::demo_young_people`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ids::{CohortId, PersonId, SessionNumber};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoYoungPerson {
    pub id: PersonId,
    pub display_name: String,
    pub next_session: Option<DemoSessionLink>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoSessionLink {
    pub cohort: CohortId,
    pub number: SessionNumber,
    pub topic: String,
}

#[server(prefix = "/api", endpoint = "demo_young_people")]
pub async fn demo_young_people() -> Result<Vec<DemoYoungPerson>, AppError> {
    use crate::api::server_side::{set_error_status, store};
    let result = async { Ok(store()?.demo_young_people().await?) }.await;
    if let Err(e) = &result {
        set_error_status(e);
    }
    result
}
