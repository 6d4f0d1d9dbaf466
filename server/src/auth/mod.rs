//! Sign-in (issue 4). So far the building blocks, not yet wired to pages: staff passwords
//! (rules and hashing), the one-time invitation codes young people and parents/carers
//! redeem on their own phones, the PIN they then choose, and the device credential.

pub mod device;
pub mod invitation;
pub mod password;
pub mod pin;

/// Hex SHA-256: how high-entropy secrets (invitation codes, device tokens) are stored. Fine
/// for those; human-chosen secrets go through Argon2id instead ([`password::hash`]).
fn sha256_hex(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
