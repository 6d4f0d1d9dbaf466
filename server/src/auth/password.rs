//! Staff passwords: the rules a new one must meet and how it is stored.
//!
//! The rules follow current guidance (NIST SP 800-63B, NCSC): at least 8 characters, long
//! passphrases welcome, no composition rules and no forced rotation, and none of the
//! passwords that top every breach list. Hashing is Argon2id with OWASP's minimum settings,
//! run on a blocking thread so a sign-in never stalls the async executor.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use password_hash::rand_core::OsRng;

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase; the cap only stops hashing megabytes on purpose.
pub const MAX_CHARS: usize = 256;

/// Argon2id, 19 MiB of memory, 2 passes, 1 lane: OWASP's recommended minimum.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const LANES: u32 = 1;

const COMMON: &str = include_str!("common-passwords.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("a password needs at least {MIN_CHARS} characters")]
    TooShort,
    #[error("a password can have at most {MAX_CHARS} characters")]
    TooLong,
    #[error("that password is one of the most common ones, so it is easy to guess")]
    TooCommon,
}

/// Checks a password someone is choosing. Existing passwords are never re-checked.
pub fn check_new(password: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.trim().to_lowercase();
    if COMMON
        .lines()
        .any(|common| common.to_lowercase() == lowered)
    {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None)
        .expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password into a self-describing PHC string (algorithm, parameters, salt).
pub async fn hash(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    })
    .await
    .map_err(|e| HashError(e.to_string()))?
}

/// Whether `password` matches the stored hash. A malformed stored hash never matches.
pub async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                hasher()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules_allow_long_passphrases() {
        assert_eq!(check_new("short7!"), Err(PasswordProblem::TooShort));
        assert_eq!(check_new("eight ok"), Ok(()));
        let passphrase = "correct horse battery staple ".repeat(3);
        assert!(passphrase.chars().count() > 64);
        assert_eq!(check_new(&passphrase), Ok(()));
        assert_eq!(
            check_new(&"x".repeat(MAX_CHARS + 1)),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Seven characters, more than eight bytes: still too short.
        assert_eq!(check_new("ééééééé"), Err(PasswordProblem::TooShort));
    }

    #[test]
    fn the_commonest_breached_passwords_are_refused_whatever_their_case() {
        for p in [
            "password",
            "PASSWORD1",
            "12345678",
            "Qwerty123!",
            "iloveyou",
        ] {
            assert_eq!(check_new(p), Err(PasswordProblem::TooCommon), "{p}");
        }
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_agreed_parameters_and_verify() {
        let stored = hash("a long and private passphrase".into())
            .await
            .expect("hash");
        let parsed = PasswordHash::new(&stored).expect("PHC string");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert_eq!(parsed.version, Some(0x13));
        let params = Params::try_from(&parsed).expect("params");
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (19 * 1024, 2, 1)
        );

        assert!(verify("a long and private passphrase".into(), stored.clone()).await);
        assert!(!verify("a long and private passphrasE".into(), stored.clone()).await);
        assert!(!verify("anything".into(), "not a hash".into()).await);
    }

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash("the same password".into()).await.expect("hash");
        let b = hash("the same password".into()).await.expect("hash");
        assert_ne!(a, b);
    }
}
