//! Timestamps as stored: fixed-width UTC text, so that ordering by text is ordering by time
//! on every database engine.

use time::macros::format_description;
use time::OffsetDateTime;

pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

pub fn format(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    ))
    .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_fixed_width_and_sort_as_text() {
        let early = format(datetime!(2026-01-02 03:04:05.5 UTC));
        let late = format(datetime!(2026-01-02 03:04:05.500001 UTC));
        assert_eq!(early, "2026-01-02T03:04:05.500000Z");
        assert_eq!(early.len(), late.len());
        assert!(early < late);
    }

    #[test]
    fn other_offsets_are_stored_as_utc() {
        let at = datetime!(2026-06-01 01:00:00 +01:00);
        assert_eq!(format(at), "2026-06-01T00:00:00.000000Z");
    }
}
