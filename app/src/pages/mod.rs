pub mod demo;
pub mod home;
pub mod not_found;
pub mod score_session;
