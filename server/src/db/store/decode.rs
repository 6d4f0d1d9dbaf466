//! Turning database values into domain types. A value that does not parse is a fault in the
//! database, never the user's: it becomes a `StoreError`.

use uuid::Uuid;

use app::identity::Role;
use app::ids::SessionNumber;
use app::store::StoreError;

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

/// A worker's reply, from six columns named as here (the two names are given names).
#[derive(sqlx::FromRow)]
pub struct ReplyRow {
    pub seen_by: Option<String>,
    pub seen_at: Option<String>,
    pub response: Option<String>,
    pub action_taken: Option<String>,
    pub responded_by: Option<String>,
    pub responded_at: Option<String>,
}

impl From<ReplyRow> for app::voice::Reply {
    fn from(r: ReplyRow) -> Self {
        app::voice::Reply {
            seen_by: r.seen_by,
            seen_at: r.seen_at,
            response: r.response,
            action_taken: r.action_taken,
            responded_by: r.responded_by,
            responded_at: r.responded_at,
        }
    }
}
