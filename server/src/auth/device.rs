//! The long-lived credential a phone keeps after its owner redeemed an invitation. The phone
//! holds a random token (in an HttpOnly cookie); the server keeps only its SHA-256, so the
//! token can be revoked by deleting the row and a copy of the database cannot sign anyone in.
//! The PIN is still asked on each opening: the token alone proves the phone, not the person.

use password_hash::rand_core::{OsRng, RngCore};

/// 256 bits: far beyond guessing, and a fast hash is then enough for storage.
const TOKEN_BYTES: usize = 32;

#[derive(Clone, PartialEq, Eq)]
pub struct DeviceToken(String);

impl std::fmt::Debug for DeviceToken {
    // Never print a credential, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceToken(…)")
    }
}

impl DeviceToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        DeviceToken(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Accepts a token from a cookie only if it has the exact shape we issue.
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == TOKEN_BYTES * 2
            && raw
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| DeviceToken(raw.to_owned()))
    }

    /// The cookie value, sent to the phone once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database stores and looks tokens up by.
    pub fn digest(&self) -> String {
        super::sha256_hex(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_round_trip_through_a_cookie() {
        let a = DeviceToken::generate();
        let b = DeviceToken::generate();
        assert_ne!(a, b);
        assert_eq!(DeviceToken::parse(a.expose()), Some(a.clone()));
        assert_ne!(a.digest(), a.expose());
    }

    #[test]
    fn tampered_tokens_are_refused() {
        let t = DeviceToken::generate();
        assert_eq!(DeviceToken::parse(&t.expose()[1..]), None);
        assert_eq!(DeviceToken::parse(&t.expose().to_uppercase()), None);
        assert_eq!(DeviceToken::parse(&format!("{}g", &t.expose()[1..])), None);
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let t = DeviceToken::generate();
        assert!(!format!("{t:?}").contains(t.expose()));
    }
}
