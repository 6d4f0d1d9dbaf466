pub mod error_summary;
pub mod help;
pub mod layout;
pub mod page_state;
pub mod read_aloud;
pub mod reply;
pub mod scale;
pub mod signed_in_bar;
