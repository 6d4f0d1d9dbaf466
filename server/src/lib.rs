//! Waypoint's server: configuration, database, HTTP stack and start-up around the `app` crate.

pub mod api_errors;
pub mod auth;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod db;
pub mod demo_data;
pub mod live_bus;
pub mod live_route;
pub mod plan_changes;
pub mod programme_library;
pub mod question_library;
pub mod report_route;
pub mod request_log;
pub mod security;
pub mod startup;
