//! What a young person or parent/carer chooses when they redeem an invitation: a PIN of at
//! least six digits, or a passphrase. It unlocks the device credential on their own phone, so
//! it is short enough to type every day but refuses the guesses everyone tries first. It is
//! hashed like a password ([`super::password::hash`]).

use super::password;

pub const MIN_PIN_DIGITS: usize = 6;
pub const MAX_PIN_DIGITS: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PinProblem {
    #[error("a PIN needs at least {MIN_PIN_DIGITS} numbers")]
    TooShort,
    #[error("a PIN can have at most {MAX_PIN_DIGITS} numbers")]
    TooLong,
    #[error("that PIN is too easy to guess, like 111111 or 123456")]
    TooEasy,
    #[error("{0}")]
    Passphrase(password::PasswordProblem),
}

/// Accepts digits only as a PIN; anything else is judged as a passphrase.
pub fn check_new(secret: &str) -> Result<(), PinProblem> {
    let trimmed = secret.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit()) {
        check_pin(trimmed)
    } else {
        password::check_new(secret).map_err(PinProblem::Passphrase)
    }
}

fn check_pin(digits: &str) -> Result<(), PinProblem> {
    let d: Vec<i16> = digits.bytes().map(|b| i16::from(b - b'0')).collect();
    if d.len() < MIN_PIN_DIGITS {
        return Err(PinProblem::TooShort);
    }
    if d.len() > MAX_PIN_DIGITS {
        return Err(PinProblem::TooLong);
    }
    let steps: Vec<i16> = d.windows(2).map(|w| (w[1] - w[0]).rem_euclid(10)).collect();
    let one_step_throughout = steps.windows(2).all(|w| w[0] == w[1]);
    // All the same (111111), counting up or down (123456, 987654), or a repeated pair (121212).
    let repeated_pair = d.iter().enumerate().all(|(i, x)| *x == d[i % 2]);
    let common_dates = ["112233", "123123", "696969", "159753", "147258", "147852"];
    if one_step_throughout || repeated_pair || common_dates.contains(&digits) {
        return Err(PinProblem::TooEasy);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_pins_are_refused() {
        for pin in [
            "111111", "123456", "234567", "987654", "890123", "121212", "123123", "000000",
        ] {
            assert_eq!(check_new(pin), Err(PinProblem::TooEasy), "{pin}");
        }
    }

    #[test]
    fn ordinary_pins_are_accepted() {
        for pin in ["402719", "583920", "7310462"] {
            assert_eq!(check_new(pin), Ok(()), "{pin}");
        }
    }

    #[test]
    fn length_rules() {
        assert_eq!(check_new("4027"), Err(PinProblem::TooShort));
        assert_eq!(check_new("4027194027194"), Err(PinProblem::TooLong));
    }

    #[test]
    fn anything_but_digits_is_a_passphrase() {
        assert_eq!(check_new("my dog rex"), Ok(()));
        assert_eq!(
            check_new("letmein"),
            Err(PinProblem::Passphrase(password::PasswordProblem::TooShort))
        );
        assert_eq!(
            check_new("password"),
            Err(PinProblem::Passphrase(password::PasswordProblem::TooCommon))
        );
    }
}
