pub mod error_summary;
pub mod layout;
pub mod scale;
