//! The secrets of sign-in: staff passwords (rules and hashing), the one-time invitation
//! codes young people and parents/carers redeem on their own phones, the PIN they then
//! choose, the device credential, session ids, second-factor codes and the limits on
//! guessing. [`accounts`] holds the rules that use them, over the narrow [`records`] the
//! store keeps; nothing here knows which database engine is behind it.

pub mod accounts;
pub mod device;
pub mod invitation;
pub mod password;
pub mod pin;
pub mod records;
pub mod throttle;
pub mod totp;

/// Hex SHA-256: how high-entropy secrets (invitation codes, device tokens) are stored. Fine
/// for those; human-chosen secrets go through Argon2id instead ([`password::hash`]).
pub fn sha256_hex(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 256 random bits as lower-case hex: session ids, device tokens, reset tokens.
pub fn random_token() -> String {
    use password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest a token is stored and looked up by.
pub fn token_digest(token: &str) -> String {
    sha256_hex(token)
}
