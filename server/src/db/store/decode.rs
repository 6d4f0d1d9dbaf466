//! Turning database values into domain types. A value that does not parse is a fault in the
//! database, never the user's: it becomes a `StoreError`.

use uuid::Uuid;

use app::identity::Role;
use app::ids::SessionNumber;
use app::store::StoreError;

use super::DbRow;

/// `$1, $2, …, $n`, for an `IN` list of `n` bound values.
pub fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn parse_uuid(raw: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(raw).map_err(|_| StoreError(format!("malformed id in database: {raw:?}")))
}

pub fn session_number(raw: i64) -> Result<SessionNumber, StoreError> {
    u16::try_from(raw)
        .ok()
        .and_then(SessionNumber::new)
        .ok_or_else(|| StoreError(format!("malformed session number in database: {raw}")))
}

pub fn score(raw: i64) -> Result<app::scaling::Score, StoreError> {
    u8::try_from(raw)
        .ok()
        .and_then(|v| app::scaling::Score::new(v).ok())
        .ok_or_else(|| StoreError(format!("malformed score in database: {raw}")))
}

pub fn role_of(raw: &str) -> Result<Role, StoreError> {
    Role::parse(raw).ok_or_else(|| StoreError(format!("unknown role in database: {raw:?}")))
}

pub fn stage(raw: &str) -> Result<app::scaling::Stage, StoreError> {
    raw.parse()
        .map_err(|_| StoreError(format!("malformed stage in database: {raw:?}")))
}

/// A worker's reply read from six columns starting at `first`: seen by (given name), seen
/// at, response, action taken, responded by (given name), responded at.
pub fn reply_from(row: &DbRow, first: usize) -> app::voice::Reply {
    use sqlx::Row;
    app::voice::Reply {
        seen_by: row.get(first),
        seen_at: row.get(first + 1),
        response: row.get(first + 2),
        action_taken: row.get(first + 3),
        responded_by: row.get(first + 4),
        responded_at: row.get(first + 5),
    }
}
