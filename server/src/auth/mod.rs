//! Sign-in (issue 4). So far: staff passwords, their rules and their hashing.

pub mod password;
