//! Signing in and staying signed in ([`Accounts`]), and who may see a record ([`Access`]).
//! Outcomes a person can act on come back as a [`Problem`]; everything else is a
//! [`StoreError`].

use std::net::IpAddr;

use async_trait::async_trait;

use super::StoreError;
use crate::casework::{Email, IssuedInvitation, PersonName};
use crate::error::Problem;
use crate::identity::{JoinKind, NewPhone, Role, Viewer};
use crate::ids::{PersonId, TeamId};
use crate::policy::Relation;

/// Who is on the other end, as far as rate limiting and device lists need to know.
#[derive(Clone, Debug)]
pub struct Client {
    pub address: Option<IpAddr>,
    /// "Android phone", "iPhone": shown to workers in the device list.
    pub device_label: String,
}

/// A freshly started session. `token` goes into the cookie once and is stored only as a
/// digest.
#[derive(Clone)]
pub struct NewSession {
    pub token: String,
    pub viewer: Viewer,
    /// Staff whose team requires a second factor sign in in two steps.
    pub awaiting_second_factor: bool,
}

/// A redeemed invitation: a session, and the device credential for this phone.
#[derive(Clone)]
pub struct Redeemed {
    pub session: NewSession,
    pub device_token: String,
}

#[derive(Clone, Debug)]
pub struct ActiveSession {
    pub viewer: Viewer,
    pub awaiting_second_factor: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditOutcome {
    Done,
    Denied,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Done => "done",
            AuditOutcome::Denied => "denied",
        }
    }
}

/// A staff member's second factor, while they set it up.
#[derive(Clone, Debug)]
pub struct SecondFactorSetup {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    /// `otpauth://` address, for the QR code.
    pub address: String,
}

pub type Outcome<T> = Result<Result<T, Problem>, StoreError>;

/// Signing in, sessions and the secrets that open accounts: the rules (limits on guessing,
/// password and PIN checks, the second factor, how long a session lives) and the minting of
/// codes and tokens. The server implements it once, over the store, so no database engine
/// holds a security rule.
#[async_trait]
pub trait Accounts: Send + Sync + 'static {
    /// Email and password. Unknown addresses, wrong passwords and deactivated accounts
    /// all give [`Problem::SignInFailed`] after the same work, so nothing is revealed.
    async fn staff_sign_in(
        &self,
        email: &str,
        password: &str,
        client: &Client,
    ) -> Outcome<NewSession>;

    /// The second step for staff who use a second factor: the code from their app.
    async fn confirm_second_factor(
        &self,
        session_token: &str,
        code: &str,
        client: &Client,
    ) -> Outcome<NewSession>;

    /// Whether an invitation code can still be redeemed, and so which step comes next. A
    /// wrong code counts as a failed sign-in for this address, and a locked-out address
    /// learns nothing: checking is as limited as redeeming.
    async fn check_invitation(&self, code: &str, client: &Client) -> Outcome<JoinKind>;

    /// Redeems an invitation and registers this phone. For someone new, `pin` becomes their
    /// PIN. For someone who already has one, `pin` must be it: a code adds a phone and never
    /// replaces the PIN, so a code alone (in anyone's hands) does not open their account.
    async fn redeem_invitation(&self, code: &str, pin: &str, client: &Client) -> Outcome<Redeemed>;

    /// Phones added to this session's person in the last fortnight, other than the one in
    /// use, so they can tell their worker if one was not theirs.
    async fn phones_added_lately(&self, session_token: &str) -> Result<Vec<NewPhone>, StoreError>;

    /// The first name of the person this device belongs to, if it is still trusted.
    async fn device_holder(&self, device_token: &str) -> Result<Option<String>, StoreError>;

    /// The PIN on a trusted device.
    async fn unlock(&self, device_token: &str, pin: &str, client: &Client) -> Outcome<NewSession>;

    /// The session behind a cookie, if it is live; notes the activity for the idle timer.
    async fn session(&self, token: &str) -> Result<Option<ActiveSession>, StoreError>;

    /// Ends this session, or every session of its person.
    async fn sign_out(&self, token: &str, everywhere: bool) -> Result<(), StoreError>;

    /// Starts (or restarts) setting up an authenticator app.
    async fn begin_second_factor(&self, viewer: &Viewer) -> Result<SecondFactorSetup, StoreError>;

    /// Confirms the app with a first code; from then on sign-in asks for one.
    async fn finish_second_factor(&self, viewer: &Viewer, code: &str) -> Outcome<()>;

    /// Whether this staff member has an authenticator app set up.
    async fn has_second_factor(&self, viewer: &Viewer) -> Result<bool, StoreError>;

    /// Sets a new password with a reset link's token; ends all the person's sessions.
    async fn reset_password(&self, token: &str, new_password: &str) -> Outcome<()>;

    /// A new invitation for the young person or one of their carers, withdrawing any
    /// unused one. `None` if `person` is neither.
    async fn issue_invitation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
    ) -> Result<Option<IssuedInvitation>, StoreError>;

    /// A staff account in the viewer's organisation, with no usable password until the
    /// person follows the reset link whose token comes back.
    async fn add_staff(
        &self,
        viewer: &Viewer,
        name: &PersonName,
        email: &Email,
        role: Role,
        team: Option<TeamId>,
    ) -> Outcome<(PersonId, String)>;

    /// A password reset token for a staff member of the viewer's organisation.
    async fn issue_password_reset(
        &self,
        viewer: &Viewer,
        person: PersonId,
    ) -> Result<Option<String>, StoreError>;
}

pub type SharedAccounts = std::sync::Arc<dyn Accounts>;

/// Who may see a young person's record, and the trail of who did.
#[async_trait]
pub trait Access {
    /// How `viewer` stands to a young person; `None` if there is no such young person in
    /// the viewer's organisation.
    async fn relation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
    ) -> Result<Option<Relation>, StoreError>;

    /// Records a read, or a refused attempt, on a young person's record.
    async fn audit(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_person: PersonId,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError>;

    /// Records one read on each young person's record that a page about several of them
    /// shows (a group's register, a live session's scores), so each child's own trail has
    /// it; one write for the lot.
    async fn audit_each(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_people: &[PersonId],
    ) -> Result<(), StoreError>;

    /// Records a read, or a refused attempt, on a record that is not one young person's
    /// (a cohort, a question set).
    async fn audit_record(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        record_id: &str,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError>;
}
