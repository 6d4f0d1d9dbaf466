//! Server functions, one capability per file. Each checks its input at the edge and, from
//! the identity issue on, who is asking.

pub mod accounts;
pub mod casework;
pub mod cohorts;
pub mod feedback;
pub mod language;
pub mod plan;
pub mod plan_agreement;
pub mod plan_review;
pub mod programme_scaling;
pub mod question_sets;
pub mod questionnaires;
pub mod report;
pub mod score_session;
pub mod session;
pub mod support;
pub mod timeline;
pub mod voice;

#[cfg(feature = "ssr")]
pub mod server_side;
