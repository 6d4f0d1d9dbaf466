//! Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second
//! factor staff can add and a manager can require. Every authenticator app speaks this.

use hmac::{Hmac, Mac};
use password_hash::rand_core::{OsRng, RngCore};
use sha1::Sha1;

const STEP_SECONDS: u64 = 30;
const DIGITS: u32 = 6;
/// A phone's clock may be a little off: accept the step before and after.
const SKEW_STEPS: i64 = 1;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new 160-bit secret, base32 as authenticator apps expect it.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

/// The address an authenticator app reads from a QR code.
pub fn setup_address(secret: &str, account: &str) -> String {
    let label: String = account
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    format!("otpauth://totp/Waypoint:{label}?secret={secret}&issuer=Waypoint&digits=6&period=30")
}

/// Whether `typed` is the code for `secret` at `unix_seconds` (give or take one step).
pub fn verify(secret: &str, typed: &str, unix_seconds: u64) -> bool {
    matching_step(secret, typed, unix_seconds).is_some()
}

/// The time step whose code was typed, if it is one of those accepted now. The caller
/// refuses a step already used (or an earlier one), so a code cannot be replayed within
/// its window.
pub fn matching_step(secret: &str, typed: &str, unix_seconds: u64) -> Option<u64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let typed_value = typed.parse::<u32>().ok()?;
    if typed.len() != DIGITS as usize {
        return None;
    }
    let key = base32_decode(secret)?;
    let step = (unix_seconds / STEP_SECONDS) as i64;
    (-SKEW_STEPS..=SKEW_STEPS)
        .filter_map(|d| u64::try_from(step + d).ok())
        .find(|counter| code_at(&key, *counter) == typed_value)
}

fn code_at(key: &[u8], counter: u64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[19] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    binary % 10u32.pow(DIGITS)
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(BASE32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|b| *b != b'=') {
        let value = BASE32.iter().position(|x| *x == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The current code, for tests that play the authenticator app.
pub fn current_code(secret: &str, unix_seconds: u64) -> Option<String> {
    let key = base32_decode(secret)?;
    Some(format!("{:06}", code_at(&key, unix_seconds / STEP_SECONDS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn matches_the_rfc_test_vectors() {
        // The RFC lists 8 digits; the last 6 are the 6-digit code.
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (2_000_000_000, "279037"),
        ] {
            assert!(verify(RFC_SECRET, code, time), "{time}");
            assert_eq!(current_code(RFC_SECRET, time).as_deref(), Some(code));
        }
    }

    #[test]
    fn tolerates_one_step_of_clock_drift_and_no_more() {
        let code = current_code(RFC_SECRET, 1_000_000_000).expect("valid secret");
        assert!(verify(RFC_SECRET, &code, 1_000_000_000 + 30));
        assert!(!verify(RFC_SECRET, &code, 1_000_000_000 + 90));
        // The step found is the code's own, whichever moment in the window checks it, so
        // the store can refuse it the second time.
        let own = 1_000_000_000 / STEP_SECONDS;
        assert_eq!(matching_step(RFC_SECRET, &code, 1_000_000_000), Some(own));
        assert_eq!(
            matching_step(RFC_SECRET, &code, 1_000_000_000 + 30),
            Some(own)
        );
    }

    #[test]
    fn refuses_malformed_codes() {
        for bad in ["", "12345", "1234567", "abcdef", "-12345"] {
            assert!(!verify(RFC_SECRET, bad, 59), "{bad}");
        }
    }

    #[test]
    fn base32_round_trips() {
        let secret = generate_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(
            base32_encode(&base32_decode(&secret).expect("valid base32")),
            secret
        );
    }
}
