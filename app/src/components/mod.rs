pub mod error_summary;
pub mod layout;
pub mod page_state;
pub mod scale;
pub mod signed_in_bar;
