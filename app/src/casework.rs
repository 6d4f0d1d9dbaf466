//! What staff, young people and carers see of cases: caseloads, a young person's record with
//! who can sign in for them, the audit trail, and staff accounts. Shared by server functions
//! and pages.

use serde::{Deserialize, Serialize};

use crate::identity::Role;
use crate::ids::{CohortId, DeviceId, PersonId, SessionNumber};

/// A name as staff type it: both parts present, neither over 100 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    given: String,
    family: String,
}

impl PersonName {
    pub fn parse(given: &str, family: &str) -> Result<Self, crate::error::Problem> {
        use crate::error::Problem;
        let (given, family) = (given.trim(), family.trim());
        if given.is_empty() || family.is_empty() {
            return Err(Problem::NameMissing);
        }
        if given.chars().count() > 100 || family.chars().count() > 100 {
            return Err(Problem::NameTooLong);
        }
        Ok(PersonName {
            given: given.to_owned(),
            family: family.to_owned(),
        })
    }

    pub fn given(&self) -> &str {
        &self.given
    }

    pub fn family(&self) -> &str {
        &self.family
    }
}

/// A work e-mail address, lower-cased. Only its shape is checked: one `@`, something
/// either side, a dot in the domain, no spaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, crate::error::Problem> {
        let e = raw.trim().to_lowercase();
        let ok = e.len() <= 254
            && !e.chars().any(char::is_whitespace)
            && e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if ok {
            Ok(Email(e))
        } else {
            Err(crate::error::Problem::EmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSummary {
    pub id: DeviceId,
    pub label: String,
    pub created_at: String,
    pub last_used_at: String,
}

/// A young person or one of their carers, with how they sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInHolder {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    /// For carers: "mother", "foster carer".
    pub relationship: Option<String>,
    pub active: bool,
    pub has_pin: bool,
    /// When the newest unused invitation runs out, if there is one.
    pub invitation_expires: Option<String>,
    pub devices: Vec<DeviceSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerOption {
    pub id: PersonId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub young_person: SignInHolder,
    pub carers: Vec<SignInHolder>,
    pub workers: Vec<WorkerOption>,
    /// Workers of the team, for (re-)allocation.
    pub team_workers: Vec<WorkerOption>,
    pub closed: bool,
}

/// A code just issued: shown to the worker once, never stored in readable form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedInvitation {
    pub person: PersonId,
    pub given_name: String,
    /// "ACDEF-GHJKM".
    pub code: String,
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub occurred_at: String,
    pub actor: String,
    pub actor_role: Option<Role>,
    pub action: String,
    pub outcome: String,
}

/// A session a young person can score, for their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLink {
    pub cohort: CohortId,
    pub programme: String,
    pub number: SessionNumber,
    pub topic: String,
}

impl SessionLink {
    pub fn href(&self, young_person: PersonId) -> String {
        format!(
            "/young-people/{young_person}/cohorts/{}/sessions/{}/score",
            self.cohort, self.number
        )
    }
}

/// A programme a young person is in, on their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeLink {
    pub cohort: CohortId,
    pub programme: String,
    /// Whether they have answered the three programme-scaling questions at the start.
    pub start_answered: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YoungPersonHome {
    pub young_person: PersonId,
    pub given_name: String,
    /// The next session to score in each of their programmes.
    pub sessions: Vec<SessionLink>,
    pub programmes: Vec<ProgrammeLink>,
    pub questionnaires: Vec<crate::questionnaire::QuestionnaireLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub given_name: String,
    pub relationship: String,
    pub young_person: PersonId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSummary {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub team: String,
    pub active: bool,
    pub has_second_factor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOption {
    pub id: crate::ids::TeamId,
    pub name: String,
    pub requires_second_factor: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn names_are_trimmed_and_both_parts_required() {
        let n = PersonName::parse("  Ava ", " Brightwater").expect("valid");
        assert_eq!((n.given(), n.family()), ("Ava", "Brightwater"));
        assert_eq!(PersonName::parse("Ava", " "), Err(Problem::NameMissing));
        assert_eq!(
            PersonName::parse(&"x".repeat(101), "B"),
            Err(Problem::NameTooLong)
        );
    }

    #[test]
    fn email_shapes() {
        assert_eq!(
            Email::parse(" Sam.Okafor@Northmoor.example ").map(|e| e.0),
            Ok("sam.okafor@northmoor.example".to_owned())
        );
        for bad in [
            "",
            "sam",
            "sam@",
            "@x.org",
            "sam@localhost",
            "a b@x.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(Problem::EmailInvalid), "{bad}");
        }
    }
}
