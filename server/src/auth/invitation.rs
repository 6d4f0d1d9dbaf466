//! One-time invitation codes for young people and parents/carers, who may have no e-mail
//! address. A worker reads the code out or shows it as a QR code; the person types it on
//! their phone. Codes are short and easy to read aloud (no 0/O, 1/I/L, 5/S, 8/B, 2/Z look-alikes),
//! forgiving to type (any case, spaces and dashes ignored), and stored only as a hash, so a
//! copy of the database cannot be used to sign in.

use password_hash::rand_core::{OsRng, RngCore};
use time::{Duration, OffsetDateTime};

/// 26 characters that cannot be mistaken for one another when read or heard.
const ALPHABET: &[u8; 26] = b"ACDEFGHJKMNPQRTUVWXY234679";
const LENGTH: usize = 10;
/// How long a code works unless the worker says otherwise.
pub const DEFAULT_LIFETIME: Duration = Duration::days(7);

/// A freshly made code, shown once to the worker. Only [`InvitationCode::digest`] is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationCode(String);

impl InvitationCode {
    pub fn generate() -> Self {
        // Rejection sampling keeps every character equally likely (no modulo bias).
        let mut code = String::with_capacity(LENGTH);
        let limit = u8::MAX - (u8::MAX % ALPHABET.len() as u8);
        while code.len() < LENGTH {
            let mut byte = [0u8; 1];
            OsRng.fill_bytes(&mut byte);
            if byte[0] < limit {
                code.push(ALPHABET[usize::from(byte[0]) % ALPHABET.len()] as char);
            }
        }
        InvitationCode(code)
    }

    /// Parses what a person typed: case, spaces and dashes do not matter.
    pub fn parse(typed: &str) -> Option<Self> {
        let cleaned: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (cleaned.len() == LENGTH && cleaned.bytes().all(|b| ALPHABET.contains(&b)))
            .then_some(InvitationCode(cleaned))
    }

    /// For reading out and printing: two groups of five.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }

    /// What the database keeps: a SHA-256 of the code, hex. About 47 bits of randomness
    /// with single use, a week's life and the sign-in rate limit make guessing hopeless,
    /// so a fast hash suffices here (unlike passwords).
    pub fn digest(&self) -> String {
        super::sha256_hex(&self.0)
    }
}

/// Whether an invitation issued at `issued` may still be redeemed at `now`.
pub fn is_current(
    issued: OffsetDateTime,
    lifetime: Duration,
    used: bool,
    now: OffsetDateTime,
) -> bool {
    !used && now >= issued && now < issued + lifetime
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use time::macros::datetime;

    #[test]
    fn codes_use_only_unambiguous_characters_and_read_in_two_groups() {
        for _ in 0..200 {
            let code = InvitationCode::generate();
            assert_eq!(code.0.len(), LENGTH);
            assert!(
                !code
                    .0
                    .contains(['0', 'O', '1', 'I', 'L', '5', 'S', '8', 'B']),
                "{}",
                code.0
            );
            let shown = code.display();
            assert_eq!(shown.len(), LENGTH + 1);
            assert_eq!(&shown[5..6], "-");
        }
    }

    #[test]
    fn every_character_of_the_alphabet_is_distinct() {
        let distinct: HashSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(distinct.len(), ALPHABET.len());
    }

    #[test]
    fn codes_do_not_repeat() {
        let codes: HashSet<String> = (0..2000).map(|_| InvitationCode::generate().0).collect();
        assert_eq!(codes.len(), 2000);
    }

    #[test]
    fn typing_is_forgiving_but_exact_about_the_characters() {
        let code = InvitationCode::generate();
        let typed = format!(" {} ", code.display().to_lowercase().replace('-', " - "));
        assert_eq!(InvitationCode::parse(&typed), Some(code.clone()));
        assert_eq!(InvitationCode::parse(&code.0[..9]), None, "too short");
        assert_eq!(
            InvitationCode::parse(&format!("{}0", &code.0[..9])),
            None,
            "look-alike"
        );
        assert_eq!(InvitationCode::parse("<script>alert</script>"), None);
    }

    #[test]
    fn only_the_digest_is_kept_and_it_is_stable() {
        let code = InvitationCode::parse("ACDEF-GHJKM").expect("valid");
        assert_eq!(code.digest().len(), 64);
        assert_eq!(
            code.digest(),
            InvitationCode::parse("acdefghjkm").expect("valid").digest()
        );
        assert!(!code.digest().contains("ACDEF"));
    }

    #[test]
    fn an_invitation_works_once_within_its_lifetime() {
        let issued = datetime!(2026-11-01 10:00 UTC);
        assert!(is_current(
            issued,
            DEFAULT_LIFETIME,
            false,
            datetime!(2026-11-08 09:59 UTC)
        ));
        assert!(
            !is_current(
                issued,
                DEFAULT_LIFETIME,
                false,
                datetime!(2026-11-08 10:00 UTC)
            ),
            "expired"
        );
        assert!(
            !is_current(
                issued,
                DEFAULT_LIFETIME,
                true,
                datetime!(2026-11-02 10:00 UTC)
            ),
            "used"
        );
        assert!(
            !is_current(
                issued,
                DEFAULT_LIFETIME,
                false,
                datetime!(2026-10-31 10:00 UTC)
            ),
            "not yet issued"
        );
    }
}
