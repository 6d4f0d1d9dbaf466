//! Who is asking: the signed-in person as every server function and page sees them.

use serde::{Deserialize, Serialize};

use crate::ids::{PersonId, TeamId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    YoungPerson,
    ParentCarer,
    Worker,
    Manager,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::YoungPerson,
        Role::ParentCarer,
        Role::Worker,
        Role::Manager,
        Role::Administrator,
    ];

    /// The word stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young_person",
            Role::ParentCarer => "parent_carer",
            Role::Worker => "worker",
            Role::Manager => "manager",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    /// Staff sign in with e-mail and password; families with an invitation and a PIN.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Worker | Role::Manager | Role::Administrator)
    }

    /// Where this person lands after signing in.
    pub fn home(self) -> &'static str {
        match self {
            Role::YoungPerson => "/me",
            Role::ParentCarer => "/family",
            Role::Worker | Role::Manager => "/caseload",
            Role::Administrator => "/admin/staff",
        }
    }
}

/// The signed-in person. Built on the server from the session, never from anything the
/// browser says about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub person: PersonId,
    pub role: Role,
    pub given_name: String,
    /// Staff only.
    pub team: Option<TeamId>,
}

/// What a good invitation code leads to: choosing a PIN, or typing the one they have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinKind {
    ChoosePin,
    HasPin,
}

/// A phone added to someone's account, as they are told about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPhone {
    /// "Android phone", "iPhone".
    pub label: String,
    pub added_at: String,
}

/// A device's kind, as stored ("Android phone"), in the page's language. The kinds are
/// the few `server_side::device_label` gives, so they are worded here rather than stored
/// in every language.
pub fn device_in(language: crate::language::Language, label: &str) -> String {
    use crate::language::Language;
    // (English, Welsh, Polish, Romanian, Urdu); names of products are the same in each.
    const KINDS: [[&str; 5]; 4] = [
        [
            "Android phone",
            "Ffôn Android",
            "Telefon z Androidem",
            "Telefon Android",
            "اینڈرائیڈ فون",
        ],
        [
            "Windows computer",
            "Cyfrifiadur Windows",
            "Komputer z Windows",
            "Calculator Windows",
            "ونڈوز کمپیوٹر",
        ],
        [
            "Linux computer",
            "Cyfrifiadur Linux",
            "Komputer z Linuksem",
            "Calculator Linux",
            "لینکس کمپیوٹر",
        ],
        [
            "Unknown device",
            "Dyfais anhysbys",
            "Nieznane urządzenie",
            "Dispozitiv necunoscut",
            "نامعلوم ڈیوائس",
        ],
    ];
    let column = match language {
        Language::English => 0,
        Language::Welsh => 1,
        Language::Polish => 2,
        Language::Romanian => 3,
        Language::Urdu => 4,
    };
    KINDS
        .iter()
        .find(|kind| kind[0] == label)
        .map_or(label, |kind| kind[column])
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn only_workers_managers_and_administrators_are_staff() {
        let staff: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
        assert_eq!(staff, [Role::Worker, Role::Manager, Role::Administrator]);
    }
}
