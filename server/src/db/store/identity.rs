//! Sign-in, sessions, relations for the policy, and audit of reads.

use async_trait::async_trait;
use sqlx::Row;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use app::error::Problem;
use app::identity::{JoinKind, NewPhone, Role, Viewer};
use app::ids::{PersonId, TeamId};
use app::policy::Relation;
use app::store::{
    ActiveSession, AuditOutcome, Client, Identity, NewSession, Outcome, Redeemed,
    SecondFactorSetup, StoreError,
};

use super::{actor, audit, audit_via, parse_uuid, role_of, AuditRecord, DbTx, Store};
use crate::auth::device::DeviceToken;
use crate::auth::invitation::InvitationCode;
use crate::auth::{password, pin, random_token, throttle, token_digest, totp};
use crate::clock;
use crate::db::WriteScope;

/// Staff leave shared office computers; young people and carers are on their own phones
/// and re-open with a PIN anyway, so their sessions may idle longer.
const STAFF_IDLE: Duration = Duration::minutes(30);
const FAMILY_IDLE: Duration = Duration::hours(4);
const STAFF_MAX: Duration = Duration::hours(12);
const FAMILY_MAX: Duration = Duration::days(7);
/// Writing "last seen" on every request would queue every page behind the one writer.
const TOUCH_EVERY: Duration = Duration::minutes(1);

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

/// Only the exact shape of session token we issue is looked up; anything else is a
/// tampered cookie.
fn issued_shape(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

fn ago(d: Duration) -> String {
    clock::format(OffsetDateTime::now_utc() - d)
}

fn team_of(raw: Option<&str>) -> Result<Option<TeamId>, StoreError> {
    raw.map(|t| parse_uuid(t).map(TeamId)).transpose()
}

pub(super) fn pin_problem(p: pin::PinProblem) -> Problem {
    match p {
        pin::PinProblem::TooShort => Problem::PinTooShort,
        pin::PinProblem::TooLong => Problem::PinTooLong,
        pin::PinProblem::TooEasy => Problem::PinTooEasy,
        pin::PinProblem::Passphrase(p) => password_problem(p),
    }
}

pub(super) fn password_problem(p: password::PasswordProblem) -> Problem {
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

/// A sign-in attempt that has taken its place under the limits before the secret is
/// checked. Left alone, it counts as a failure; [`Store::attempt_succeeded`] gives it back.
struct Attempt(String);

impl Store {
    /// Counts an attempt against the account (if any) and the client's address before the
    /// secret is checked, inside one transaction that holds both keys' locks: guesses sent
    /// at the same moment, to one server or several, each see the others, so no more than
    /// the limit are ever checked. `None`: over a limit, refuse without checking.
    async fn begin_attempt(
        &self,
        account: Option<&str>,
        client: &Client,
    ) -> Result<Option<Attempt>, StoreError> {
        let address = throttle::address_key(client.address);
        let keys: Vec<(&str, i64)> = account
            .map(|a| (a, throttle::PER_ACCOUNT))
            .into_iter()
            .chain(address.as_deref().map(|a| (a, throttle::PER_ADDRESS)))
            .collect();
        // No key at all (no account, and the address unknown): nothing to count or lock.
        let first = keys
            .first()
            .map_or(WriteScope::Unlocked, |(key, _)| WriteScope::Throttle(key));
        let mut tx = self.begin_write(first).await?;
        // Always the account's lock first, then the address's: never a cycle.
        for (key, _) in keys.iter().skip(1) {
            Self::lock(&mut tx, WriteScope::Throttle(key)).await?;
        }
        for (key, limit) in &keys {
            let failures: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND failed_at > $2",
            )
            .bind(*key)
            .bind(ago(throttle::WINDOW))
            .fetch_one(&mut *tx)
            .await?;
            if throttle::is_locked(failures, *limit) {
                return Ok(None);
            }
        }
        let attempt = Uuid::new_v4().to_string();
        for (key, _) in &keys {
            sqlx::query(
                "INSERT INTO sign_in_failures (key, failed_at, attempt_id) VALUES ($1, $2, $3)",
            )
            .bind(*key)
            .bind(clock::now())
            .bind(&attempt)
            .execute(&mut *tx)
            .await?;
        }
        // Old failures count for nothing; keep the table small.
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
            .bind(ago(Duration::days(1)))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(Attempt(attempt)))
    }

    /// The secret was right: the attempt was no failure, and the account's earlier
    /// failures are forgiven (the address's are not: others may share it).
    async fn attempt_succeeded(
        &self,
        attempt: Attempt,
        account: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE attempt_id = $1")
            .bind(&attempt.0)
            .execute(&mut *tx)
            .await?;
        if let Some(account) = account {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                .bind(account)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await.map_err(StoreError::from)
    }

    async fn viewer_of(&self, person: &str) -> Result<Option<Viewer>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT id, role, given_name, team_id FROM people WHERE id = $1 AND active",
        )
        .bind(person)
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        Ok(Some(Viewer {
            person: PersonId(parse_uuid(row.get::<&str, _>(0))?),
            role: role_of(row.get::<&str, _>(1))?,
            given_name: row.get(2),
            team: team_of(row.get::<Option<&str>, _>(3))?,
        }))
    }

    async fn insert_session(
        tx: &mut DbTx,
        viewer: Viewer,
        device: Option<&str>,
        factor: Factor,
    ) -> Result<NewSession, StoreError> {
        let token = random_token();
        let now = clock::now();
        let awaiting_second_factor = factor == Factor::AwaitingSecond;
        sqlx::query(
            "INSERT INTO sessions (id_digest, person_id, device_id, created_at, last_seen_at,
                                   awaiting_second_factor, second_factor)
             VALUES ($1, $2, $3, $4, $4, $5, $6)",
        )
        .bind(token_digest(&token))
        .bind(viewer.person.to_string())
        .bind(device)
        .bind(&now)
        .bind(awaiting_second_factor)
        .bind(factor == Factor::Second)
        .execute(&mut **tx)
        .await?;
        Ok(NewSession {
            token,
            viewer,
            awaiting_second_factor,
        })
    }

    async fn start_session(
        &self,
        viewer: Viewer,
        device: Option<&str>,
        factor: Factor,
    ) -> Result<NewSession, StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        let session = Self::insert_session(&mut tx, viewer, device, factor).await?;
        tx.commit().await?;
        Ok(session)
    }

    async fn staff_secrets(
        &self,
        person: PersonId,
    ) -> Result<(Option<String>, Option<String>, String), StoreError> {
        let row = sqlx::query(
            "SELECT totp_secret, totp_pending, email FROM staff_credentials WHERE person_id = $1",
        )
        .bind(person.to_string())
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| StoreError("staff member without credentials".into()))?;
        Ok((row.get(0), row.get(1), row.get(2)))
    }

    /// Records `step` as used, if it is later than the last one used: `false` for a code
    /// already used (or an older one), which is then refused as wrong.
    async fn use_totp_step(&self, person: PersonId, step: u64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        let updated = sqlx::query(
            "UPDATE staff_credentials SET totp_last_step = $2
             WHERE person_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(person.to_string())
        .bind(i64::try_from(step).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(updated.rows_affected() == 1)
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
        let (secret, pending, _) = self.staff_secrets(person).await?;
        let now = OffsetDateTime::now_utc().unix_timestamp().max(0) as u64;
        let matched = match (&secret, &pending) {
            (Some(s), _) => match totp::matching_step(s, code, now) {
                Some(step) => self.use_totp_step(person, step).await?,
                None => false,
            },
            (None, Some(p)) if totp::verify(p, code, now) => {
                let step = totp::matching_step(p, code, now).unwrap_or(0);
                let mut tx = self.begin_write(WriteScope::Person(person)).await?;
                sqlx::query(
                    "UPDATE staff_credentials SET totp_secret = totp_pending, totp_pending = NULL,
                            totp_last_step = $2
                     WHERE person_id = $1",
                )
                .bind(person.to_string())
                .bind(i64::try_from(step).unwrap_or(i64::MAX))
                .execute(&mut *tx)
                .await?;
                audit(
                    &mut tx,
                    actor(viewer),
                    "second_factor_set_up",
                    "staff",
                    &person.to_string(),
                    None,
                    AuditOutcome::Done,
                )
                .await?;
                tx.commit().await?;
                true
            }
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

/// An invitation that can still be redeemed, with what redeeming it needs to know.
struct OpenInvitation {
    invitation: String,
    person: String,
    issued_by: String,
    /// The holder's PIN if they have one already.
    pin_hash: Option<String>,
    /// For a parent/carer, the young person they were invited for (their first link).
    young_person: Option<PersonId>,
}

impl Store {
    async fn open_invitation(&self, code: &str) -> Result<Option<OpenInvitation>, StoreError> {
        let Some(code) = InvitationCode::parse(code) else {
            return Ok(None);
        };
        let Some(row) = sqlx::query(
            "SELECT i.id, i.person_id, i.issued_by, c.pin_hash,
                    (SELECT MIN(l.young_person_id) FROM carer_links l WHERE l.carer_id = p.id)
             FROM invitations i JOIN people p ON p.id = i.person_id
             LEFT JOIN pin_credentials c ON c.person_id = p.id
             WHERE i.code_digest = $1 AND i.used_at IS NULL AND i.withdrawn_at IS NULL
               AND i.expires_at > $2 AND p.active",
        )
        .bind(code.digest())
        .bind(clock::now())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        Ok(Some(OpenInvitation {
            invitation: row.get(0),
            person: row.get(1),
            issued_by: row.get(2),
            pin_hash: row.get(3),
            young_person: row
                .get::<Option<&str>, _>(4)
                .map(parse_uuid)
                .transpose()?
                .map(PersonId),
        }))
    }
}

#[async_trait]
impl Identity for Store {
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
        let row = sqlx::query(
            "SELECT p.id, c.password_hash, p.active, c.totp_secret IS NOT NULL,
                    COALESCE(t.requires_second_factor, FALSE)
             FROM staff_credentials c
             JOIN people p ON p.id = c.person_id
             LEFT JOIN teams t ON t.id = p.team_id
             WHERE c.email = $1",
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(self.reader())
        .await?;
        let stored = match &row {
            Some(r) => r.get::<String, _>(1),
            None => dummy_hash().await.to_owned(),
        };
        let matches = password::verify(password_typed.to_owned(), stored).await;
        let Some(row) = row.filter(|r| matches && r.get::<bool, _>(2)) else {
            return Ok(Err(Problem::SignInFailed));
        };
        self.attempt_succeeded(attempt, Some(&key)).await?;
        let person: String = row.get(0);
        let viewer = self
            .viewer_of(&person)
            .await?
            .ok_or_else(|| StoreError("staff member vanished while signing in".into()))?;
        let awaiting = row.get::<bool, _>(3) || row.get::<bool, _>(4);
        let factor = if awaiting {
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
        let Some(attempt) = self.begin_attempt(None, client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        let Some(found) = self.open_invitation(code).await? else {
            return Ok(Err(Problem::InvitationInvalid));
        };
        self.attempt_succeeded(attempt, None).await?;
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
        let Some(attempt) = self.begin_attempt(None, client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        let Some(found) = self.open_invitation(code).await? else {
            return Ok(Err(Problem::InvitationInvalid));
        };
        self.attempt_succeeded(attempt, None).await?;
        // Someone with a PIN proves it is them: the code adds a phone, nothing more.
        let new_pin_hash = if let Some(existing) = &found.pin_hash {
            let key = throttle::account_key("person", &found.person);
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
            // Hash before taking the write lock: Argon2 takes tens of milliseconds.
            Some(
                password::hash(pin_typed.trim().to_owned())
                    .await
                    .map_err(hash_error)?,
            )
        };
        let now = clock::now();

        let mut tx = self
            .begin_write(WriteScope::Person(PersonId(parse_uuid(&found.person)?)))
            .await?;
        let used = sqlx::query(
            "UPDATE invitations SET used_at = $2
             WHERE id = $1 AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
        )
        .bind(&found.invitation)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            // Redeemed by someone else a moment ago.
            return Ok(Err(Problem::InvitationInvalid));
        }
        let person = found.person;
        if let Some(pin_hash) = &new_pin_hash {
            // A PIN set in between (a second code redeemed at the same moment) is not
            // replaced: the first one to arrive chose it.
            let set = sqlx::query(
                "INSERT INTO pin_credentials (person_id, pin_hash, set_at) VALUES ($1, $2, $3)
                 ON CONFLICT (person_id) DO NOTHING",
            )
            .bind(&person)
            .bind(pin_hash)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            if set.rows_affected() == 0 {
                return Ok(Err(Problem::InvitationInvalid));
            }
        }
        let device = DeviceToken::generate();
        let device_id = Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO devices (id, person_id, token_digest, label, created_at, last_used_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&device_id)
        .bind(&person)
        .bind(device.digest())
        .bind(&client.device_label)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query("SELECT role, given_name FROM people WHERE id = $1")
            .bind(&person)
            .fetch_one(&mut *tx)
            .await?;
        let viewer = Viewer {
            person: PersonId(parse_uuid(&person)?),
            role: role_of(row.get::<&str, _>(0))?,
            given_name: row.get(1),
            team: None,
        };
        let subject = match viewer.role {
            Role::YoungPerson => Some(viewer.person),
            _ => found.young_person,
        };
        let action = if new_pin_hash.is_some() {
            "redeem_invitation"
        } else {
            "add_device"
        };
        audit_via(
            &mut tx,
            actor(&viewer),
            action,
            AuditRecord {
                record_type: "device",
                record_id: &device_id,
                subject,
                via: Some(&found.issued_by),
            },
            AuditOutcome::Done,
        )
        .await?;
        let session =
            Self::insert_session(&mut tx, viewer, Some(&device_id), Factor::First).await?;
        tx.commit().await?;
        Ok(Ok(Redeemed {
            session,
            device_token: device.expose().to_owned(),
        }))
    }

    async fn phones_added_lately(&self, session_token: &str) -> Result<Vec<NewPhone>, StoreError> {
        if !issued_shape(session_token) {
            return Ok(Vec::new());
        }
        sqlx::query(
            "SELECT d.label, d.created_at FROM sessions s
             JOIN devices d ON d.person_id = s.person_id
             WHERE s.id_digest = $1 AND d.revoked_at IS NULL AND d.created_at > $2
               AND d.id IS DISTINCT FROM s.device_id
             ORDER BY d.created_at DESC",
        )
        .bind(token_digest(session_token))
        .bind(ago(Duration::days(14)))
        .fetch_all(self.reader())
        .await?
        .into_iter()
        .map(|r| {
            Ok(NewPhone {
                label: r.get(0),
                added_at: r.get(1),
            })
        })
        .collect()
    }

    async fn device_holder(&self, device_token: &str) -> Result<Option<String>, StoreError> {
        let Some(token) = DeviceToken::parse(device_token) else {
            return Ok(None);
        };
        sqlx::query_scalar(
            "SELECT p.given_name FROM devices d JOIN people p ON p.id = d.person_id
             WHERE d.token_digest = $1 AND d.revoked_at IS NULL AND p.active",
        )
        .bind(token.digest())
        .fetch_optional(self.reader())
        .await
        .map_err(StoreError::from)
    }

    async fn unlock(
        &self,
        device_token: &str,
        pin_typed: &str,
        client: &Client,
    ) -> Outcome<NewSession> {
        let device = match DeviceToken::parse(device_token) {
            Some(token) => {
                sqlx::query(
                    "SELECT d.id, d.person_id, c.pin_hash FROM devices d
                 JOIN people p ON p.id = d.person_id
                 JOIN pin_credentials c ON c.person_id = d.person_id
                 WHERE d.token_digest = $1 AND d.revoked_at IS NULL AND p.active",
                )
                .bind(token.digest())
                .fetch_optional(self.reader())
                .await?
            }
            None => None,
        };
        let Some(device) = device else {
            // Counted, and left counted: an unknown phone is a failed attempt.
            return Ok(Err(match self.begin_attempt(None, client).await? {
                Some(_) => Problem::DeviceNotRecognised,
                None => Problem::TooManyAttempts,
            }));
        };
        let device_id: String = device.get(0);
        let person: String = device.get(1);
        let key = throttle::account_key("person", &person);
        let Some(attempt) = self.begin_attempt(Some(&key), client).await? else {
            return Ok(Err(Problem::TooManyAttempts));
        };
        if !password::verify(pin_typed.trim().to_owned(), device.get(2)).await {
            return Ok(Err(Problem::PinWrong));
        }
        self.attempt_succeeded(attempt, Some(&key)).await?;
        let viewer = self
            .viewer_of(&person)
            .await?
            .ok_or_else(|| StoreError("person vanished while signing in".into()))?;
        let mut tx = self.begin_write(WriteScope::Person(viewer.person)).await?;
        sqlx::query("UPDATE devices SET last_used_at = $2 WHERE id = $1")
            .bind(&device_id)
            .bind(clock::now())
            .execute(&mut *tx)
            .await?;
        let session =
            Self::insert_session(&mut tx, viewer, Some(&device_id), Factor::First).await?;
        tx.commit().await?;
        Ok(Ok(session))
    }

    async fn session(&self, token: &str) -> Result<Option<ActiveSession>, StoreError> {
        // Only the exact shape we issue is looked up; anything else is a tampered cookie.
        if !issued_shape(token) {
            return Ok(None);
        }
        let digest = token_digest(token);
        let Some(row) = sqlx::query(
            "SELECT s.person_id, s.created_at, s.last_seen_at, s.awaiting_second_factor,
                    p.role, p.given_name, p.team_id, p.active, d.revoked_at IS NOT NULL,
                    s.second_factor, COALESCE(t.requires_second_factor, FALSE)
             FROM sessions s
             JOIN people p ON p.id = s.person_id
             LEFT JOIN devices d ON d.id = s.device_id
             LEFT JOIN teams t ON t.id = p.team_id
             WHERE s.id_digest = $1",
        )
        .bind(&digest)
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let role = role_of(row.get::<&str, _>(4))?;
        let (idle, max) = if role.is_staff() {
            (STAFF_IDLE, STAFF_MAX)
        } else {
            (FAMILY_IDLE, FAMILY_MAX)
        };
        let created: String = row.get(1);
        let last_seen: String = row.get(2);
        let live = row.get::<bool, _>(7)
            && !row.get::<bool, _>(8)
            && last_seen > ago(idle)
            && created > ago(max);
        // Most requests change nothing here, so they never queue for the write lock.
        if !live || last_seen < ago(TOUCH_EVERY) {
            let query = if live {
                sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id_digest = $1")
                    .bind(&digest)
                    .bind(clock::now())
            } else {
                sqlx::query("DELETE FROM sessions WHERE id_digest = $1").bind(&digest)
            };
            let mut tx = self.begin_write(WriteScope::Unlocked).await?;
            query.execute(&mut *tx).await?;
            tx.commit().await?;
        }
        if !live {
            return Ok(None);
        }
        Ok(Some(ActiveSession {
            viewer: Viewer {
                person: PersonId(parse_uuid(row.get::<&str, _>(0))?),
                role,
                given_name: row.get(5),
                team: team_of(row.get::<Option<&str>, _>(6))?,
            },
            // A team that has started requiring a second factor holds its sessions opened
            // with a password alone at that step, from their very next request.
            awaiting_second_factor: row.get::<bool, _>(3)
                || (role.is_staff() && row.get::<bool, _>(10) && !row.get::<bool, _>(9)),
        }))
    }

    async fn sign_out(&self, token: &str, everywhere: bool) -> Result<(), StoreError> {
        let digest = token_digest(token);
        let sql = if everywhere {
            "DELETE FROM sessions WHERE person_id IN (SELECT person_id FROM sessions WHERE id_digest = $1)"
        } else {
            "DELETE FROM sessions WHERE id_digest = $1"
        };
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        sqlx::query(sql).bind(digest).execute(&mut *tx).await?;
        tx.commit().await.map_err(StoreError::from)
    }

    async fn relation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
    ) -> Result<Option<Relation>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT yp.team_id, yp.shares_scores_with_carers,
                    EXISTS (SELECT 1 FROM carer_links l WHERE l.young_person_id = yp.id AND l.carer_id = v.id),
                    EXISTS (SELECT 1 FROM caseload_allocations a WHERE a.young_person_id = yp.id AND a.worker_id = v.id)
             FROM people yp
             JOIN people v ON v.id = $2 AND v.organisation_id = yp.organisation_id
             WHERE yp.id = $1 AND yp.role = 'young_person'",
        )
        .bind(young_person.to_string())
        .bind(viewer.person.to_string())
        .fetch_optional(self.reader())
        .await?
        else {
            return Ok(None);
        };
        let team = team_of(row.get::<Option<&str>, _>(0))?;
        let relation = match viewer.role {
            Role::YoungPerson if viewer.person == young_person => Relation::Themselves,
            Role::ParentCarer if row.get::<bool, _>(2) => Relation::Carer {
                scores_shared: row.get(1),
            },
            Role::Worker if row.get::<bool, _>(3) => Relation::AllocatedWorker,
            Role::Manager if team.is_some() && team == viewer.team => Relation::TeamManager,
            Role::Administrator => Relation::Administrator,
            _ => Relation::Unrelated,
        };
        Ok(Some(relation))
    }

    async fn audit(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_person: PersonId,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        audit(
            &mut tx,
            actor(viewer),
            action,
            record_type,
            &young_person.to_string(),
            Some(young_person),
            outcome,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)
    }

    async fn audit_each(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        young_people: &[PersonId],
    ) -> Result<(), StoreError> {
        if young_people.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        for young_person in young_people {
            audit(
                &mut tx,
                actor(viewer),
                action,
                record_type,
                &young_person.to_string(),
                Some(*young_person),
                AuditOutcome::Done,
            )
            .await?;
        }
        tx.commit().await.map_err(StoreError::from)
    }

    async fn audit_record(
        &self,
        viewer: &Viewer,
        action: &str,
        record_type: &str,
        record_id: &str,
        outcome: AuditOutcome,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        audit(
            &mut tx,
            actor(viewer),
            action,
            record_type,
            record_id,
            None,
            outcome,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)
    }

    async fn begin_second_factor(&self, viewer: &Viewer) -> Result<SecondFactorSetup, StoreError> {
        let secret = totp::generate_secret();
        let mut tx = self.begin_write(WriteScope::Person(viewer.person)).await?;
        let email: Option<String> = sqlx::query_scalar(
            "UPDATE staff_credentials SET totp_pending = $2 WHERE person_id = $1 RETURNING email",
        )
        .bind(viewer.person.to_string())
        .bind(&secret)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        let email = email
            .ok_or_else(|| StoreError("second factor for someone without a password".into()))?;
        Ok(SecondFactorSetup {
            address: totp::setup_address(&secret, &email),
            secret,
        })
    }

    async fn finish_second_factor(&self, viewer: &Viewer, code: &str) -> Outcome<()> {
        let client = Client {
            address: None,
            device_label: String::new(),
        };
        self.check_second_factor(viewer, code, &client).await
    }

    async fn has_second_factor(&self, viewer: &Viewer) -> Result<bool, StoreError> {
        Ok(self.staff_secrets(viewer.person).await?.0.is_some())
    }

    async fn reset_password(&self, token: &str, new_password: &str) -> Outcome<()> {
        if let Err(p) = password::check_new(new_password) {
            return Ok(Err(password_problem(p)));
        }
        let hash = password::hash(new_password.to_owned())
            .await
            .map_err(hash_error)?;
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        let Some(person) = sqlx::query_scalar::<_, String>(
            "UPDATE password_resets SET used_at = $2
             WHERE token_digest = $1 AND used_at IS NULL AND expires_at > $2
             RETURNING person_id",
        )
        .bind(token_digest(token))
        .bind(&now)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Err(Problem::ResetLinkInvalid));
        };
        sqlx::query("UPDATE staff_credentials SET password_hash = $2, password_set_at = $3 WHERE person_id = $1")
            .bind(&person)
            .bind(&hash)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(&person)
            .execute(&mut *tx)
            .await?;
        let id = PersonId(parse_uuid(&person)?);
        audit(
            &mut tx,
            None,
            "password_reset",
            "staff",
            &id.to_string(),
            None,
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}
