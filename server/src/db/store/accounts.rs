//! What signing in keeps: attempts under the limits, sessions, phones, invitations, reset
//! tokens and authenticator secrets. The rules that use them are in `crate::auth::accounts`;
//! these are the reads and writes, each atomic on its own.

use async_trait::async_trait;
use uuid::Uuid;

use app::error::Problem;
use app::identity::{NewPhone, Viewer};
use app::ids::{PersonId, TeamId};
use app::store::{AuditOutcome, Outcome, StoreError};

use super::{actor, audit, audit_via, parse_uuid, role_of, AuditRecord, DbTx, Store};
use crate::auth::records::{
    AccountRecords, AttemptId, DeviceLogin, Limit, NewSecret, NewStaff, OpenInvitation, Redemption,
    SessionRow, SessionState, StaffLogin, StaffSecrets,
};
use crate::clock;
use crate::db::WriteScope;

fn person_id(raw: &str) -> Result<PersonId, StoreError> {
    parse_uuid(raw).map(PersonId)
}

fn team_id(raw: Option<&str>) -> Result<Option<TeamId>, StoreError> {
    raw.map(|t| parse_uuid(t).map(TeamId)).transpose()
}

#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: String,
    role: String,
    given_name: String,
    team_id: Option<String>,
}

impl ViewerRow {
    fn parse(self) -> Result<Viewer, StoreError> {
        Ok(Viewer {
            person: person_id(&self.id)?,
            role: role_of(&self.role)?,
            given_name: self.given_name,
            team: team_id(self.team_id.as_deref())?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct StaffLoginRow {
    person_id: String,
    password_hash: String,
    active: bool,
    second_factor_due: bool,
}

#[derive(sqlx::FromRow)]
struct SessionStateRow {
    #[sqlx(flatten)]
    person: ViewerRow,
    created_at: String,
    last_seen_at: String,
    awaiting_second_factor: bool,
    second_factor: bool,
    active: bool,
    device_revoked: bool,
    team_requires_second_factor: bool,
}

#[derive(sqlx::FromRow)]
struct StaffSecretsRow {
    totp_secret: Option<String>,
    totp_pending: Option<String>,
    email: String,
}

#[derive(sqlx::FromRow)]
struct OpenInvitationRow {
    id: String,
    person_id: String,
    issued_by: String,
    pin_hash: Option<String>,
    young_person_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DeviceLoginRow {
    id: String,
    person_id: String,
    pin_hash: String,
}

#[derive(sqlx::FromRow)]
struct NewPhoneRow {
    label: String,
    created_at: String,
}

async fn insert_session(tx: &mut DbTx, session: &SessionRow) -> Result<(), StoreError> {
    let now = clock::now();
    sqlx::query(
        "INSERT INTO sessions (id_digest, person_id, device_id, created_at, last_seen_at,
                               awaiting_second_factor, second_factor)
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(&session.digest)
    .bind(session.person.to_string())
    .bind(&session.device)
    .bind(&now)
    .bind(session.awaiting_second_factor)
    .bind(session.second_factor)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_reset(
    tx: &mut DbTx,
    viewer: &Viewer,
    person: &str,
    reset: &NewSecret,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO password_resets (id, person_id, token_digest, issued_by, issued_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(person)
    .bind(&reset.digest)
    .bind(viewer.person.to_string())
    .bind(clock::now())
    .bind(&reset.expires_at)
    .execute(&mut **tx)
    .await?;
    audit(
        tx,
        actor(viewer),
        "issue_password_reset",
        "staff",
        person,
        None,
        AuditOutcome::Done,
    )
    .await
}

#[async_trait]
impl AccountRecords for Store {
    async fn reserve_attempt(
        &self,
        limits: &[Limit],
        locked: fn(i64, i64) -> bool,
        since: &str,
        forget_before: &str,
    ) -> Result<Option<AttemptId>, StoreError> {
        // No key at all (no account, and the address unknown): nothing to count or lock.
        let first = limits
            .first()
            .map_or(WriteScope::Unlocked, |l| WriteScope::Throttle(&l.key));
        let mut tx = self.begin_write(first).await?;
        for limit in limits.iter().skip(1) {
            Self::lock(&mut tx, WriteScope::Throttle(&limit.key)).await?;
        }
        for limit in limits {
            let attempts: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND failed_at > $2",
            )
            .bind(&limit.key)
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
            if locked(attempts, limit.most) {
                return Ok(None);
            }
        }
        let attempt = Uuid::new_v4().to_string();
        let now = clock::now();
        for limit in limits {
            sqlx::query(
                "INSERT INTO sign_in_failures (key, failed_at, attempt_id) VALUES ($1, $2, $3)",
            )
            .bind(&limit.key)
            .bind(&now)
            .bind(&attempt)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(AttemptId(attempt)))
    }

    async fn release_attempt(
        &self,
        attempt: &AttemptId,
        forgive: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE attempt_id = $1")
            .bind(&attempt.0)
            .execute(&mut *tx)
            .await?;
        if let Some(key) = forgive {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn staff_login(&self, email: &str) -> Result<Option<StaffLogin>, StoreError> {
        let row: Option<StaffLoginRow> = sqlx::query_as(
            "SELECT c.person_id, c.password_hash, p.active,
                    c.totp_secret IS NOT NULL OR COALESCE(t.requires_second_factor, FALSE)
                        AS second_factor_due
             FROM staff_credentials c
             JOIN people p ON p.id = c.person_id
             LEFT JOIN teams t ON t.id = p.team_id
             WHERE c.email = $1",
        )
        .bind(email)
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| {
            Ok(StaffLogin {
                person: person_id(&r.person_id)?,
                password_hash: r.password_hash,
                active: r.active,
                second_factor_due: r.second_factor_due,
            })
        })
        .transpose()
    }

    async fn viewer(&self, person: PersonId) -> Result<Option<Viewer>, StoreError> {
        let row: Option<ViewerRow> = sqlx::query_as(
            "SELECT id, role, given_name, team_id FROM people WHERE id = $1 AND active",
        )
        .bind(person.to_string())
        .fetch_optional(self.reader())
        .await?;
        row.map(ViewerRow::parse).transpose()
    }

    async fn open_session(&self, session: &SessionRow) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        insert_session(&mut tx, session).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session_state(&self, digest: &str) -> Result<Option<SessionState>, StoreError> {
        let row: Option<SessionStateRow> = sqlx::query_as(
            "SELECT p.id, p.role, p.given_name, p.team_id, p.active,
                    s.created_at, s.last_seen_at, s.awaiting_second_factor, s.second_factor,
                    d.revoked_at IS NOT NULL AS device_revoked,
                    COALESCE(t.requires_second_factor, FALSE) AS team_requires_second_factor
             FROM sessions s
             JOIN people p ON p.id = s.person_id
             LEFT JOIN devices d ON d.id = s.device_id
             LEFT JOIN teams t ON t.id = p.team_id
             WHERE s.id_digest = $1",
        )
        .bind(digest)
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| {
            Ok(SessionState {
                viewer: r.person.parse()?,
                created_at: r.created_at,
                last_seen_at: r.last_seen_at,
                awaiting_second_factor: r.awaiting_second_factor,
                second_factor: r.second_factor,
                person_active: r.active,
                device_revoked: r.device_revoked,
                team_requires_second_factor: r.team_requires_second_factor,
            })
        })
        .transpose()
    }

    async fn touch_session(&self, digest: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id_digest = $1")
            .bind(digest)
            .bind(clock::now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn end_sessions(&self, digest: &str, everywhere: bool) -> Result<(), StoreError> {
        let sql = if everywhere {
            "DELETE FROM sessions WHERE person_id IN (SELECT person_id FROM sessions WHERE id_digest = $1)"
        } else {
            "DELETE FROM sessions WHERE id_digest = $1"
        };
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        sqlx::query(sql).bind(digest).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn staff_secrets(&self, person: PersonId) -> Result<Option<StaffSecrets>, StoreError> {
        let row: Option<StaffSecretsRow> = sqlx::query_as(
            "SELECT totp_secret, totp_pending, email FROM staff_credentials WHERE person_id = $1",
        )
        .bind(person.to_string())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|r| StaffSecrets {
            confirmed: r.totp_secret,
            pending: r.totp_pending,
            email: r.email,
        }))
    }

    async fn use_totp_step(&self, person: PersonId, step: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        let updated = sqlx::query(
            "UPDATE staff_credentials SET totp_last_step = $2
             WHERE person_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(person.to_string())
        .bind(step)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(updated.rows_affected() == 1)
    }

    async fn confirm_totp(&self, viewer: &Viewer, step: i64) -> Result<(), StoreError> {
        let person = viewer.person.to_string();
        let mut tx = self.begin_write(WriteScope::Person(viewer.person)).await?;
        sqlx::query(
            "UPDATE staff_credentials SET totp_secret = totp_pending, totp_pending = NULL,
                    totp_last_step = $2
             WHERE person_id = $1",
        )
        .bind(&person)
        .bind(step)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            actor(viewer),
            "second_factor_set_up",
            "staff",
            &person,
            None,
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_pending_totp(
        &self,
        person: PersonId,
        secret: &str,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        let email: Option<String> = sqlx::query_scalar(
            "UPDATE staff_credentials SET totp_pending = $2 WHERE person_id = $1 RETURNING email",
        )
        .bind(person.to_string())
        .bind(secret)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(email)
    }

    async fn open_invitation(
        &self,
        code_digest: &str,
    ) -> Result<Option<OpenInvitation>, StoreError> {
        let row: Option<OpenInvitationRow> = sqlx::query_as(
            "SELECT i.id, i.person_id, i.issued_by, c.pin_hash,
                    (SELECT MIN(l.young_person_id) FROM carer_links l WHERE l.carer_id = p.id)
                        AS young_person_id
             FROM invitations i JOIN people p ON p.id = i.person_id
             LEFT JOIN pin_credentials c ON c.person_id = p.id
             WHERE i.code_digest = $1 AND i.used_at IS NULL AND i.withdrawn_at IS NULL
               AND i.expires_at > $2 AND p.active",
        )
        .bind(code_digest)
        .bind(clock::now())
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| {
            Ok(OpenInvitation {
                invitation: r.id,
                person: person_id(&r.person_id)?,
                issued_by: r.issued_by,
                pin_hash: r.pin_hash,
                young_person: r.young_person_id.as_deref().map(person_id).transpose()?,
            })
        })
        .transpose()
    }

    async fn redeem(&self, redemption: &Redemption) -> Result<Option<Viewer>, StoreError> {
        let found = &redemption.found;
        let person = found.person.to_string();
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Person(found.person)).await?;
        let used = sqlx::query(
            "UPDATE invitations SET used_at = $2
             WHERE id = $1 AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
        )
        .bind(&found.invitation)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            return Ok(None);
        }
        if let Some(pin_hash) = &redemption.new_pin_hash {
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
                return Ok(None);
            }
        }
        let device_id = Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO devices (id, person_id, token_digest, label, created_at, last_used_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&device_id)
        .bind(&person)
        .bind(&redemption.device_digest)
        .bind(&redemption.device_label)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        // A family member's viewer names no team (as at every sign-in on a phone).
        let viewer = sqlx::query_as::<_, ViewerRow>(
            "SELECT id, role, given_name, CAST(NULL AS TEXT) AS team_id FROM people WHERE id = $1",
        )
        .bind(&person)
        .fetch_one(&mut *tx)
        .await?
        .parse()?;
        let subject = match viewer.role {
            app::identity::Role::YoungPerson => Some(viewer.person),
            _ => found.young_person,
        };
        let action = if redemption.new_pin_hash.is_some() {
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
        insert_session(
            &mut tx,
            &SessionRow {
                digest: redemption.session_digest.clone(),
                person: viewer.person,
                device: Some(device_id),
                awaiting_second_factor: false,
                second_factor: false,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Some(viewer))
    }

    async fn device_login(&self, device_digest: &str) -> Result<Option<DeviceLogin>, StoreError> {
        let row: Option<DeviceLoginRow> = sqlx::query_as(
            "SELECT d.id, d.person_id, c.pin_hash FROM devices d
             JOIN people p ON p.id = d.person_id
             JOIN pin_credentials c ON c.person_id = d.person_id
             WHERE d.token_digest = $1 AND d.revoked_at IS NULL AND p.active",
        )
        .bind(device_digest)
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| {
            Ok(DeviceLogin {
                device: r.id,
                person: person_id(&r.person_id)?,
                pin_hash: r.pin_hash,
            })
        })
        .transpose()
    }

    async fn unlock_device(&self, device: &str, session: &SessionRow) -> Result<(), StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(session.person)).await?;
        sqlx::query("UPDATE devices SET last_used_at = $2 WHERE id = $1")
            .bind(device)
            .bind(clock::now())
            .execute(&mut *tx)
            .await?;
        insert_session(&mut tx, session).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn device_holder(&self, device_digest: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT p.given_name FROM devices d JOIN people p ON p.id = d.person_id
             WHERE d.token_digest = $1 AND d.revoked_at IS NULL AND p.active",
        )
        .bind(device_digest)
        .fetch_optional(self.reader())
        .await?)
    }

    async fn phones_added_since(
        &self,
        session_digest: &str,
        since: &str,
    ) -> Result<Vec<NewPhone>, StoreError> {
        let rows: Vec<NewPhoneRow> = sqlx::query_as(
            "SELECT d.label, d.created_at FROM sessions s
             JOIN devices d ON d.person_id = s.person_id
             WHERE s.id_digest = $1 AND d.revoked_at IS NULL AND d.created_at > $2
               AND d.id IS DISTINCT FROM s.device_id
             ORDER BY d.created_at DESC",
        )
        .bind(session_digest)
        .bind(since)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| NewPhone {
                label: r.label,
                added_at: r.created_at,
            })
            .collect())
    }

    async fn reset_password(
        &self,
        token_digest: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Unlocked).await?;
        let Some(person) = sqlx::query_scalar::<_, String>(
            "UPDATE password_resets SET used_at = $2
             WHERE token_digest = $1 AND used_at IS NULL AND expires_at > $2
             RETURNING person_id",
        )
        .bind(token_digest)
        .bind(&now)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE staff_credentials SET password_hash = $2, password_set_at = $3 WHERE person_id = $1",
        )
        .bind(&person)
        .bind(password_hash)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(&person)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            None,
            "password_reset",
            "staff",
            &person,
            None,
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn record_invitation(
        &self,
        viewer: &Viewer,
        young_person: PersonId,
        person: PersonId,
        code: &NewSecret,
    ) -> Result<Option<String>, StoreError> {
        let yp = young_person.to_string();
        let who = person.to_string();
        let now = clock::now();
        let id = Uuid::new_v4().to_string();
        let mut tx = self.begin_write(WriteScope::Person(young_person)).await?;
        // Checked inside the transaction: a carer unlinked a moment ago gets no code.
        let Some(given_name) = sqlx::query_scalar::<_, String>(
            "SELECT p.given_name FROM people p
             WHERE p.id = $2 AND p.active
               AND ((p.id = $1 AND p.role = 'young_person')
                    OR EXISTS (SELECT 1 FROM carer_links l WHERE l.carer_id = p.id AND l.young_person_id = $1))",
        )
        .bind(&yp)
        .bind(&who)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE invitations SET withdrawn_at = $2
             WHERE person_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL",
        )
        .bind(&who)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO invitations (id, person_id, code_digest, issued_by, issued_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&who)
        .bind(&code.digest)
        .bind(viewer.person.to_string())
        .bind(&now)
        .bind(&code.expires_at)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            actor(viewer),
            "issue_invitation",
            "invitation",
            &id,
            Some(young_person),
            AuditOutcome::Done,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(given_name))
    }

    async fn add_staff(
        &self,
        viewer: &Viewer,
        staff: NewStaff<'_>,
        reset: &NewSecret,
    ) -> Outcome<PersonId> {
        let org = self.organisation_of(viewer.person).await?;
        let id = PersonId(Uuid::new_v4());
        let now = clock::now();
        let mut tx = self.begin_write(WriteScope::Organisation(&org)).await?;
        if let Some(team) = staff.team {
            let known: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM teams WHERE id = $1 AND organisation_id = $2)",
            )
            .bind(team.to_string())
            .bind(&org)
            .fetch_one(&mut *tx)
            .await?;
            if !known {
                return Ok(Err(Problem::RoleInvalid));
            }
        }
        sqlx::query(
            "INSERT INTO people (id, organisation_id, role, given_name, family_name, team_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(&org)
        .bind(staff.role.as_str())
        .bind(staff.name.given())
        .bind(staff.name.family())
        .bind(staff.team.map(|t| t.to_string()))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        // No usable password until the person follows their link. An address is unique
        // across every organisation, which no lock covers: the unique key decides, and an
        // address already taken (perhaps by another server a moment ago) rolls this back.
        let added = sqlx::query(
            "INSERT INTO staff_credentials (person_id, email, password_hash, password_set_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(staff.email.as_str())
        .bind("unset")
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() == 0 {
            return Ok(Err(Problem::EmailInUse));
        }
        audit(
            &mut tx,
            actor(viewer),
            "add_staff",
            "staff",
            &id.to_string(),
            None,
            AuditOutcome::Done,
        )
        .await?;
        insert_reset(&mut tx, viewer, &id.to_string(), reset).await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn record_password_reset(
        &self,
        viewer: &Viewer,
        person: PersonId,
        reset: &NewSecret,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write(WriteScope::Person(person)).await?;
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM people p JOIN staff_credentials c ON c.person_id = p.id
             WHERE p.id = $1 AND p.organisation_id = (SELECT organisation_id FROM people WHERE id = $2))",
        )
        .bind(person.to_string())
        .bind(viewer.person.to_string())
        .fetch_one(&mut *tx)
        .await?;
        if known {
            insert_reset(&mut tx, viewer, &person.to_string(), reset).await?;
            tx.commit().await?;
        }
        Ok(known)
    }
}
