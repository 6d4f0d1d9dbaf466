//! How many wrong guesses are allowed before sign-in pauses. Failures are counted per
//! account (so one person's account cannot be guessed at slowly from many places) and per
//! client address (so one place cannot try many accounts). Counting happens in the
//! database, so it holds across restarts and servers.

use time::Duration;

/// Failures are counted over this window; a locked key opens again when its oldest counted
/// failure leaves it.
pub const WINDOW: Duration = Duration::minutes(15);
/// Wrong passwords or PINs for one account within the window.
pub const PER_ACCOUNT: i64 = 5;
/// Wrong guesses of any kind from one address within the window (a family or a youth
/// centre may share one address, so this is looser).
pub const PER_ADDRESS: i64 = 30;

/// The key failures for an account are counted under. Hashed so the table names no one;
/// `kind` keeps e-mail addresses, people and invitation codes apart.
pub fn account_key(kind: &str, account: &str) -> String {
    format!("{kind}:{}", super::sha256_hex(&account.to_lowercase()))
}

pub fn address_key(address: Option<std::net::IpAddr>) -> Option<String> {
    address.map(|a| format!("addr:{}", super::sha256_hex(&a.to_string())))
}

/// Whether `failures` recent failures on a key lock it.
pub fn is_locked(failures: i64, limit: i64) -> bool {
    failures >= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hide_what_they_count() {
        let key = account_key("email", "Sam.Okafor@northmoor.example");
        assert!(key.starts_with("email:"));
        assert!(!key.contains("okafor"));
        assert_eq!(key, account_key("email", "sam.okafor@NORTHMOOR.example"));
        assert_ne!(key, account_key("person", "sam.okafor@northmoor.example"));
    }

    #[test]
    fn the_fifth_failure_locks_an_account() {
        assert!(!is_locked(PER_ACCOUNT - 1, PER_ACCOUNT));
        assert!(is_locked(PER_ACCOUNT, PER_ACCOUNT));
    }
}
