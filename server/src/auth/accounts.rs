//! The sign-in rules, once for every database engine: limits on guessing, password and PIN
//! checks (with the same work for an unknown address as a wrong password), the second
//! factor, how long a session lives, and the minting of every code and token. What must be
//! kept goes through [`AccountRecords`]; nothing here knows which engine is behind it.

use std::sync::Arc;

use async_trait::async_trait;
use time::{Duration, OffsetDateTime};

use app::casework::{Email, IssuedInvitation, PersonName};
use app::error::Problem;
use app::identity::{JoinKind, NewPhone, Role, Viewer};
use app::ids::{PersonId, TeamId};
use app::store::{
    Accounts as AccountsApi, ActiveSession, Client, NewSession, Outcome, Redeemed,
    SecondFactorSetup, StoreError,
};

use super::device::DeviceToken;
use super::invitation::{InvitationCode, DEFAULT_LIFETIME};
use super::records::{
    AccountRecords, AttemptId, Limit, NewSecret, NewStaff, OpenInvitation, Redemption, SessionRow,
    SessionState,
};
use super::{password, pin, random_token, throttle, token_digest, totp};
use crate::clock;

/// Staff leave shared office computers; young people and carers are on their own phones
/// and re-open with a PIN anyway, so their sessions may idle longer.
const STAFF_IDLE: Duration = Duration::minutes(30);
const FAMILY_IDLE: Duration = Duration::hours(4);
const STAFF_MAX: Duration = Duration::hours(12);
const FAMILY_MAX: Duration = Duration::days(7);
/// Writing "last seen" on every request would queue every page behind the writers.
const TOUCH_EVERY: Duration = Duration::minutes(1);
/// A reset link is sent by hand (the manager passes it on), so it lives a couple of days.
const RESET_LIFETIME: Duration = Duration::days(2);
/// Phones added this recently are shown to their owner, who can tell a worker if one was
/// not theirs.
const NEW_PHONE_WINDOW: Duration = Duration::days(14);
/// Attempts older than this count for nothing and are forgotten.
const FORGET_ATTEMPTS_AFTER: Duration = Duration::days(1);

/// How a session was opened, as far as a second factor goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Factor {
    /// A password (staff) or a device and PIN (family): enough unless a second factor is
    /// required.
    First,
    /// A password, with the second factor still to give: the session can do nothing else.
    AwaitingSecond,
    /// A password and a code from an authenticator app.
    Second,
}

pub struct Accounts {
    records: Arc<dyn AccountRecords>,
}

/// Only the exact shape of session token we issue is looked up; anything else is a
/// tampered cookie.
fn issued_shape(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

fn ago(d: Duration) -> String {
    clock::format(OffsetDateTime::now_utc() - d)
}

fn pin_problem(p: pin::PinProblem) -> Problem {
    match p {
        pin::PinProblem::TooShort => Problem::PinTooShort,
        pin::PinProblem::TooLong => Problem::PinTooLong,
        pin::PinProblem::TooEasy => Problem::PinTooEasy,
        pin::PinProblem::Passphrase(p) => password_problem(p),
    }
}

fn password_problem(p: password::PasswordProblem) -> Problem {
    match p {
        password::PasswordProblem::TooShort => Problem::PasswordTooShort,
        password::PasswordProblem::TooLong => Problem::PasswordTooLong,
        password::PasswordProblem::TooCommon => Problem::PasswordTooCommon,
    }
}

fn hash_error(e: password::HashError) -> StoreError {
    StoreError(e.to_string())
}

/// A hash to check wrong e-mail addresses against, so an unknown address takes as long as
/// a wrong password and timing reveals nothing.
async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            password::hash(random_token())
                .await
                .unwrap_or_else(|_| String::from("$argon2id$invalid"))
        })
        .await
}

/// Whether a stored session is still live: its person active, its phone trusted, and
/// within both its idle and its overall lifetime.
fn is_live(state: &SessionState) -> bool {
    let (idle, max) = if state.viewer.role.is_staff() {
        (STAFF_IDLE, STAFF_MAX)
    } else {
        (FAMILY_IDLE, FAMILY_MAX)
    };
    state.person_active
        && !state.device_revoked
        && state.last_seen_at > ago(idle)
        && state.created_at > ago(max)
}

/// A new reset token: shown once (in the link), stored as a digest.
fn reset_token() -> (String, NewSecret) {
    let token = random_token();
    let secret = NewSecret {
        digest: token_digest(&token),
        expires_at: clock::format(OffsetDateTime::now_utc() + RESET_LIFETIME),
    };
    (token, secret)
}

impl Accounts {
    pub fn new(records: Arc<dyn AccountRecords>) -> Self {
        Accounts { records }
    }

    /// Counts an attempt against the account (if any) and the client's address before the
    /// secret is checked, so no more guesses than the limits allow are ever checked.
    /// `None`: over a limit, refuse without checking.
    async fn begin_attempt(
        &self,
        account: Option<&str>,
        client: &Client,
    ) -> Result<Option<AttemptId>, StoreError> {
        // Always the account first, then the address: the locks are taken in this order,
        // so never in a cycle.
        let limits: Vec<Limit> = account
            .map(|a| Limit {
                key: a.to_owned(),
                most: throttle::PER_ACCOUNT,
            })
            .into_iter()
            .chain(throttle::address_key(client.address).map(|key| Limit {
                key,
                most: throttle::PER_ADDRESS,
            }))
            .collect();
        self.records
            .reserve_attempt(
                &limits,
                throttle::is_locked,
                &ago(throttle::WINDOW),
                &ago(FORGET_ATTEMPTS_AFTER),
            )
            .await
    }

    /// The secret was right: the attempt was no failure, and the account's earlier
    /// failures are forgiven (the address's are not: others may share it).
    async fn attempt_succeeded(
        &self,
        attempt: AttemptId,
        account: Option<&str>,
    ) -> Result<(), StoreError> {
        self.records.release_attempt(&attempt, account).await
    }

    async fn start_session(
        &self,
        viewer: Viewer,
        device: Option<&str>,
        factor: Factor,
    ) -> Result<NewSession, StoreError> {
        let (token, row) = session_row(&viewer, device, factor);
        self.records.open_session(&row).await?;
        Ok(NewSession {
            token,
            viewer,
            awaiting_second_factor: row.awaiting_second_factor,
        })
    }

    /// The invitation a typed code opens. A wrong code counts as a failed attempt from this
    /// address (and stays counted); a right one does not.
    async fn open_invitation(&self, code: &str, client: &Client) -> Outcome<OpenInvitation> {
        let Some(attempt) = self.begin_attempt(None, client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        let found = match InvitationCode::parse(code) {
            Some(code) => self.records.open_invitation(&code.digest()).await?,
            None => None,
        };
        let Some(found) = found else {
            return Ok(Err(Problem::InvitationInvalid));
        };
        self.attempt_succeeded(attempt, None).await?;
        Ok(Ok(found))
    }

    /// Checks a code against the confirmed secret, or else the one being set up (which it
    /// then confirms). Failures count towards the account's lock.
    async fn check_second_factor(
        &self,
        viewer: &Viewer,
        code: &str,
        client: &Client,
    ) -> Outcome<()> {
        let person = viewer.person;
        let key = throttle::account_key("person", &person.to_string());
        let Some(attempt) = self.begin_attempt(Some(&key), client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        let secrets = self
            .records
            .staff_secrets(person)
            .await?
            .ok_or_else(|| StoreError("staff member without credentials".into()))?;
        let now = OffsetDateTime::now_utc().unix_timestamp().max(0) as u64;
        let step = |s: u64| i64::try_from(s).unwrap_or(i64::MAX);
        let matched = match (&secrets.confirmed, &secrets.pending) {
            (Some(s), _) => match totp::matching_step(s, code, now) {
                // A code already used (or an older one) is refused as wrong.
                Some(found) => self.records.use_totp_step(person, step(found)).await?,
                None => false,
            },
            (None, Some(p)) => match totp::matching_step(p, code, now) {
                Some(found) => {
                    self.records.confirm_totp(viewer, step(found)).await?;
                    true
                }
                None => false,
            },
            _ => false,
        };
        if matched {
            self.attempt_succeeded(attempt, Some(&key)).await?;
            Ok(Ok(()))
        } else {
            Ok(Err(Problem::SecondFactorWrong))
        }
    }
}

/// A new session token for `viewer`, and the row that stores its digest.
fn session_row(viewer: &Viewer, device: Option<&str>, factor: Factor) -> (String, SessionRow) {
    let token = random_token();
    let row = SessionRow {
        digest: token_digest(&token),
        person: viewer.person,
        device: device.map(str::to_owned),
        awaiting_second_factor: factor == Factor::AwaitingSecond,
        second_factor: factor == Factor::Second,
    };
    (token, row)
}

#[async_trait]
impl AccountsApi for Accounts {
    async fn staff_sign_in(
        &self,
        email: &str,
        password_typed: &str,
        client: &Client,
    ) -> Outcome<NewSession> {
        let key = throttle::account_key("email", email.trim());
        let Some(attempt) = self.begin_attempt(Some(&key), client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        let login = self
            .records
            .staff_login(&email.trim().to_lowercase())
            .await?;
        let stored = match &login {
            Some(l) => l.password_hash.clone(),
            None => dummy_hash().await.to_owned(),
        };
        let matches = password::verify(password_typed.to_owned(), stored).await;
        let Some(login) = login.filter(|l| matches && l.active) else {
            return Ok(Err(Problem::SignInFailed));
        };
        self.attempt_succeeded(attempt, Some(&key)).await?;
        let viewer = self
            .records
            .viewer(login.person)
            .await?
            .ok_or_else(|| StoreError("staff member vanished while signing in".into()))?;
        let factor = if login.second_factor_due {
            Factor::AwaitingSecond
        } else {
            Factor::First
        };
        Ok(Ok(self.start_session(viewer, None, factor).await?))
    }

    async fn confirm_second_factor(
        &self,
        session_token: &str,
        code: &str,
        client: &Client,
    ) -> Outcome<NewSession> {
        let Some(active) = self.session(session_token).await? else {
            return Ok(Err(Problem::SecondFactorWrong));
        };
        if let Err(p) = self
            .check_second_factor(&active.viewer, code, client)
            .await?
        {
            return Ok(Err(p));
        }
        // A new session id once fully signed in; the half-way one is gone.
        self.sign_out(session_token, false).await?;
        Ok(Ok(self
            .start_session(active.viewer, None, Factor::Second)
            .await?))
    }

    async fn check_invitation(&self, code: &str, client: &Client) -> Outcome<JoinKind> {
        let found = match self.open_invitation(code, client).await? {
            Ok(found) => found,
            Err(problem) => return Ok(Err(problem)),
        };
        Ok(Ok(if found.pin_hash.is_some() {
            JoinKind::HasPin
        } else {
            JoinKind::ChoosePin
        }))
    }

    async fn redeem_invitation(
        &self,
        code: &str,
        pin_typed: &str,
        client: &Client,
    ) -> Outcome<Redeemed> {
        let found = match self.open_invitation(code, client).await? {
            Ok(found) => found,
            Err(problem) => return Ok(Err(problem)),
        };
        // Someone with a PIN proves it is them: the code adds a phone, nothing more.
        let new_pin_hash = if let Some(existing) = &found.pin_hash {
            let key = throttle::account_key("person", &found.person.to_string());
            let Some(attempt) = self.begin_attempt(Some(&key), client).await? else {
                return Ok(Err(Problem::TooManyAttempts));
            };
            if !password::verify(pin_typed.trim().to_owned(), existing.clone()).await {
                return Ok(Err(Problem::PinWrong));
            }
            self.attempt_succeeded(attempt, Some(&key)).await?;
            None
        } else {
            if let Err(p) = pin::check_new(pin_typed) {
                return Ok(Err(pin_problem(p)));
            }
            // Hashed before the write transaction: Argon2 takes tens of milliseconds.
            Some(
                password::hash(pin_typed.trim().to_owned())
                    .await
                    .map_err(hash_error)?,
            )
        };
        let device = DeviceToken::generate();
        let session_token = random_token();
        let redemption = Redemption {
            found,
            new_pin_hash,
            device_digest: device.digest(),
            device_label: client.device_label.clone(),
            session_digest: token_digest(&session_token),
        };
        let Some(viewer) = self.records.redeem(&redemption).await? else {
            // Redeemed by someone else a moment ago, or a PIN chosen in between.
            return Ok(Err(Problem::InvitationInvalid));
        };
        Ok(Ok(Redeemed {
            session: NewSession {
                token: session_token,
                viewer,
                awaiting_second_factor: false,
            },
            device_token: device.expose().to_owned(),
        }))
    }

    async fn phones_added_lately(&self, session_token: &str) -> Result<Vec<NewPhone>, StoreError> {
        if !issued_shape(session_token) {
            return Ok(Vec::new());
        }
        self.records
            .phones_added_since(&token_digest(session_token), &ago(NEW_PHONE_WINDOW))
            .await
    }

    async fn device_holder(&self, device_token: &str) -> Result<Option<String>, StoreError> {
        match DeviceToken::parse(device_token) {
            Some(token) => self.records.device_holder(&token.digest()).await,
            None => Ok(None),
        }
    }

    async fn unlock(
        &self,
        device_token: &str,
        pin_typed: &str,
        client: &Client,
    ) -> Outcome<NewSession> {
        let device = match DeviceToken::parse(device_token) {
            Some(token) => self.records.device_login(&token.digest()).await?,
            None => None,
        };
        let Some(device) = device else {
            // Counted, and left counted: an unknown phone is a failed attempt.
            return Ok(Err(match self.begin_attempt(None, client).await? {
                Some(_) => Problem::DeviceNotRecognised,
                None => Problem::TooManyAttempts,
            }));
        };
        let key = throttle::account_key("person", &device.person.to_string());
        let Some(attempt) = self.begin_attempt(Some(&key), client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        if !password::verify(pin_typed.trim().to_owned(), device.pin_hash).await {
            return Ok(Err(Problem::PinWrong));
        }
        self.attempt_succeeded(attempt, Some(&key)).await?;
        let viewer = self
            .records
            .viewer(device.person)
            .await?
            .ok_or_else(|| StoreError("person vanished while signing in".into()))?;
        let (token, row) = session_row(&viewer, Some(&device.device), Factor::First);
        self.records.unlock_device(&device.device, &row).await?;
        Ok(Ok(NewSession {
            token,
            viewer,
            awaiting_second_factor: false,
        }))
    }

    async fn session(&self, token: &str) -> Result<Option<ActiveSession>, StoreError> {
        if !issued_shape(token) {
            return Ok(None);
        }
        let digest = token_digest(token);
        let Some(state) = self.records.session_state(&digest).await? else {
            return Ok(None);
        };
        let live = is_live(&state);
        if !live {
            self.records.end_sessions(&digest, false).await?;
            return Ok(None);
        }
        // Most requests change nothing here, so they never queue for a write.
        if state.last_seen_at < ago(TOUCH_EVERY) {
            self.records.touch_session(&digest).await?;
        }
        let staff = state.viewer.role.is_staff();
        Ok(Some(ActiveSession {
            // A team that has started requiring a second factor holds its sessions opened
            // with a password alone at that step, from their very next request.
            awaiting_second_factor: state.awaiting_second_factor
                || (staff && state.team_requires_second_factor && !state.second_factor),
            viewer: state.viewer,
        }))
    }

    async fn sign_out(&self, token: &str, everywhere: bool) -> Result<(), StoreError> {
        if !issued_shape(token) {
            return Ok(());
        }
        self.records
            .end_sessions(&token_digest(token), everywhere)
            .await
    }

    async fn begin_second_factor(&self, viewer: &Viewer) -> Result<SecondFactorSetup, StoreError> {
        let secret = totp::generate_secret();
        let email = self
            .records
            .set_pending_totp(viewer.person, &secret)
            .await?
            .ok_or_else(|| StoreError("second factor for someone without a password".into()))?;
        Ok(SecondFactorSetup {
            address: totp::setup_address(&secret, &email),
            secret,
        })
    }

    async fn finish_second_factor(&self, viewer: &Viewer, code: &str) -> Outcome<()> {
        // Already signed in: only the account's own limit applies.
        let client = Client {
            address: None,
            device_label: String::new(),
        };
        self.check_second_factor(viewer, code, &client).await
    }

    async fn has_second_factor(&self, viewer: &Viewer) -> Result<bool, StoreError> {
        Ok(self
            .records
            .staff_secrets(viewer.person)
            .await?
            .is_some_and(|s| s.confirmed.is_some()))
    }

    async fn reset_password(&self, token: &str, new_password: &str) -> Outcome<()> {
        if let Err(p) = password::check_new(new_password) {
            return Ok(Err(password_problem(p)));
        }
        if !issued_shape(token) {
            return Ok(Err(Problem::ResetLinkInvalid));
        }
        let hash = password::hash(new_password.to_owned())
            .await
            .map_err(hash_error)?;
        Ok(
            if self
                .records
                .reset_password(&token_digest(token), &hash)
                .await?
            {
                Ok(())
            } else {
                Err(Problem::ResetLinkInvalid)
            },
        )
    }

    async fn issue_invitation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
    ) -> Result<Option<IssuedInvitation>, StoreError> {
        let code = InvitationCode::generate();
        let secret = NewSecret {
            digest: code.digest(),
            expires_at: clock::format(OffsetDateTime::now_utc() + DEFAULT_LIFETIME),
        };
        Ok(self
            .records
            .record_invitation(viewer, young_person, person, &secret)
            .await?
            .map(|given_name| IssuedInvitation {
                person,
                given_name,
                code: code.display(),
                expires_at: secret.expires_at,
            }))
    }

    async fn add_staff(
        &self,
        viewer: &Viewer,
        name: &PersonName,
        email: &Email,
        role: Role,
        team: Option<TeamId>,
    ) -> Outcome<(PersonId, String)> {
        // Workers and managers belong to a team; an administrator to the organisation.
        let team = match role {
            Role::Worker | Role::Manager if team.is_none() => {
                return Ok(Err(Problem::RoleInvalid));
            }
            Role::Administrator => None,
            _ => team,
        };
        let (token, reset) = reset_token();
        let staff = NewStaff {
            name,
            email,
            role,
            team,
        };
        Ok(self
            .records
            .add_staff(viewer, staff, &reset)
            .await?
            .map(|id| (id, token)))
    }

    async fn issue_password_reset(
        &self,
        viewer: &Viewer,
        person: PersonId,
    ) -> Result<Option<String>, StoreError> {
        let (token, reset) = reset_token();
        Ok(self
            .records
            .record_password_reset(viewer, person, &reset)
            .await?
            .then_some(token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(role: Role, last_seen: Duration, created: Duration) -> SessionState {
        SessionState {
            viewer: Viewer {
                person: PersonId(uuid::Uuid::nil()),
                role,
                given_name: "Test".into(),
                team: None,
            },
            created_at: ago(created),
            last_seen_at: ago(last_seen),
            awaiting_second_factor: false,
            second_factor: false,
            person_active: true,
            device_revoked: false,
            team_requires_second_factor: false,
        }
    }

    #[test]
    fn staff_sessions_idle_out_sooner_than_family_ones() {
        let idle = Duration::minutes(45);
        assert!(!is_live(&state(Role::Worker, idle, idle)));
        assert!(is_live(&state(Role::YoungPerson, idle, idle)));
    }

    #[test]
    fn a_session_ends_at_its_full_lifetime_however_busy() {
        let busy = Duration::seconds(5);
        assert!(!is_live(&state(Role::Manager, busy, Duration::hours(13))));
        assert!(is_live(&state(Role::ParentCarer, busy, Duration::days(6))));
        assert!(!is_live(&state(Role::ParentCarer, busy, Duration::days(8))));
    }

    #[test]
    fn a_revoked_phone_or_deactivated_person_ends_the_session() {
        let fresh = Duration::seconds(5);
        let mut revoked = state(Role::YoungPerson, fresh, fresh);
        revoked.device_revoked = true;
        assert!(!is_live(&revoked));
        let mut inactive = state(Role::Worker, fresh, fresh);
        inactive.person_active = false;
        assert!(!is_live(&inactive));
    }

    #[test]
    fn only_the_shape_of_token_we_issue_is_looked_up() {
        assert!(issued_shape(&random_token()));
        assert!(!issued_shape("' OR 1=1 --"));
        assert!(!issued_shape(&"a".repeat(63)));
    }
}
