//! What signing in needs kept, as narrow reads and writes for [`super::accounts::Accounts`].
//! Each method is one statement or one transaction, atomic on every engine, and none of
//! them decides who may sign in: the limits, secrets, lifetimes and checks are all passed
//! in or checked by the caller. Secrets arrive here only as digests or Argon2 hashes.

use async_trait::async_trait;

use app::casework::{Email, PersonName};
use app::identity::{NewPhone, Role, Viewer};
use app::ids::{PersonId, TeamId};
use app::store::{Outcome, StoreError};

/// One key a sign-in attempt counts against, and how many attempts it may have in the
/// window.
#[derive(Clone, Debug)]
pub struct Limit {
    pub key: String,
    pub most: i64,
}

/// An attempt that has taken its place under the limits; it names the rows that count it.
#[derive(Clone, Debug)]
pub struct AttemptId(pub String);

/// A staff member's password login, found by e-mail address.
#[derive(Clone, Debug)]
pub struct StaffLogin {
    pub person: PersonId,
    pub password_hash: String,
    pub active: bool,
    /// They have an authenticator app, or their team requires one.
    pub second_factor_due: bool,
}

/// A session to store: only its token's digest is kept.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub digest: String,
    pub person: PersonId,
    pub device: Option<String>,
    pub awaiting_second_factor: bool,
    /// Opened with a password and a code from an authenticator app.
    pub second_factor: bool,
}

/// What is known about a stored session, for deciding whether it is still live.
#[derive(Clone, Debug)]
pub struct SessionState {
    pub viewer: Viewer,
    pub created_at: String,
    pub last_seen_at: String,
    pub awaiting_second_factor: bool,
    pub second_factor: bool,
    pub person_active: bool,
    pub device_revoked: bool,
    pub team_requires_second_factor: bool,
}

/// A staff member's authenticator secrets and the address the app shows.
#[derive(Clone, Debug)]
pub struct StaffSecrets {
    pub confirmed: Option<String>,
    pub pending: Option<String>,
    pub email: String,
}

/// An invitation that can still be redeemed, with what redeeming it needs to know.
#[derive(Clone, Debug)]
pub struct OpenInvitation {
    pub invitation: String,
    pub person: PersonId,
    pub issued_by: String,
    /// The holder's PIN hash if they have one already.
    pub pin_hash: Option<String>,
    /// For a parent/carer, the young person they were invited for (their first link).
    pub young_person: Option<PersonId>,
}

/// Redeeming an invitation: the invitation used, a PIN set if they had none, a phone
/// registered and a session opened, in one transaction.
#[derive(Clone, Debug)]
pub struct Redemption {
    pub found: OpenInvitation,
    pub new_pin_hash: Option<String>,
    pub device_digest: String,
    pub device_label: String,
    pub session_digest: String,
}

/// A trusted phone and the PIN hash that unlocks it.
#[derive(Clone, Debug)]
pub struct DeviceLogin {
    pub device: String,
    pub person: PersonId,
    pub pin_hash: String,
}

/// A one-time secret about to be stored: its digest and when it stops working.
#[derive(Clone, Debug)]
pub struct NewSecret {
    pub digest: String,
    pub expires_at: String,
}

/// A staff account to add.
#[derive(Clone, Copy, Debug)]
pub struct NewStaff<'a> {
    pub name: &'a PersonName,
    pub email: &'a Email,
    pub role: Role,
    pub team: Option<TeamId>,
}

#[async_trait]
pub trait AccountRecords: Send + Sync + 'static {
    /// Under each key's lock, in the order given: if `locked(attempts since `since`, most)`
    /// for any key, records nothing and answers `None`; otherwise records one attempt
    /// against every key, forgets attempts from before `forget_before`, and answers the new
    /// attempt's id. Attempts sent at the same moment, to one server or several, each see
    /// the others.
    async fn reserve_attempt(
        &self,
        limits: &[Limit],
        locked: fn(i64, i64) -> bool,
        since: &str,
        forget_before: &str,
    ) -> Result<Option<AttemptId>, StoreError>;

    /// Removes the attempt's rows and, if given, every attempt counted against `forgive`.
    async fn release_attempt(
        &self,
        attempt: &AttemptId,
        forgive: Option<&str>,
    ) -> Result<(), StoreError>;

    async fn staff_login(&self, email: &str) -> Result<Option<StaffLogin>, StoreError>;

    /// The person as a signed-in viewer, if their account is active.
    async fn viewer(&self, person: PersonId) -> Result<Option<Viewer>, StoreError>;

    async fn open_session(&self, session: &SessionRow) -> Result<(), StoreError>;

    async fn session_state(&self, digest: &str) -> Result<Option<SessionState>, StoreError>;

    async fn touch_session(&self, digest: &str) -> Result<(), StoreError>;

    /// Ends the session, or every session of its person.
    async fn end_sessions(&self, digest: &str, everywhere: bool) -> Result<(), StoreError>;

    async fn staff_secrets(&self, person: PersonId) -> Result<Option<StaffSecrets>, StoreError>;

    /// Records `step` as the last authenticator step used, if it is later than the one
    /// recorded: `false` for a step already used or an older one.
    async fn use_totp_step(&self, person: PersonId, step: i64) -> Result<bool, StoreError>;

    /// Makes the pending authenticator secret the confirmed one, with `step` used; audited.
    async fn confirm_totp(&self, viewer: &Viewer, step: i64) -> Result<(), StoreError>;

    /// Sets the authenticator secret being set up; the account's e-mail address, or `None`
    /// for someone without a password.
    async fn set_pending_totp(
        &self,
        person: PersonId,
        secret: &str,
    ) -> Result<Option<String>, StoreError>;

    /// The unused, unexpired, unwithdrawn invitation with this code digest, for an active
    /// person.
    async fn open_invitation(
        &self,
        code_digest: &str,
    ) -> Result<Option<OpenInvitation>, StoreError>;

    /// `None` if the invitation was used or withdrawn a moment ago, or a PIN was set in
    /// between: the first to arrive wins and this changes nothing.
    async fn redeem(&self, redemption: &Redemption) -> Result<Option<Viewer>, StoreError>;

    /// A trusted, unrevoked phone of an active person with a PIN.
    async fn device_login(&self, device_digest: &str) -> Result<Option<DeviceLogin>, StoreError>;

    /// Notes the phone's use and opens the session on it.
    async fn unlock_device(&self, device: &str, session: &SessionRow) -> Result<(), StoreError>;

    async fn device_holder(&self, device_digest: &str) -> Result<Option<String>, StoreError>;

    /// Phones added since `since` to the session's person, other than the session's own.
    async fn phones_added_since(
        &self,
        session_digest: &str,
        since: &str,
    ) -> Result<Vec<NewPhone>, StoreError>;

    /// Uses the reset token (if unused and unexpired), sets the password hash and ends the
    /// person's sessions; `false` if the token cannot be used.
    async fn reset_password(
        &self,
        token_digest: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError>;

    /// Withdraws the person's unused invitations and stores a new one; the person's first
    /// name, or `None` if they are not the young person or one of their carers.
    async fn record_invitation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
        code: &NewSecret,
    ) -> Result<Option<String>, StoreError>;

    /// Adds the account with no usable password and stores its reset token, in one
    /// transaction; [`app::error::Problem::EmailInUse`] if the address is taken.
    async fn add_staff(
        &self,
        viewer: &Viewer,
        staff: NewStaff<'_>,
        reset: &NewSecret,
    ) -> Outcome<PersonId>;

    /// Stores a reset token for a staff member of the viewer's organisation; `false` if
    /// there is no such staff member.
    async fn record_password_reset(
        &self,
        viewer: &Viewer,
        person: PersonId,
        reset: &NewSecret,
    ) -> Result<bool, StoreError>;
}
