//! What staff, young people and carers see of cases: caseloads, a young person's record with
//! who can sign in for them, the audit trail, and staff accounts. Shared by server functions
//! and pages.

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
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
    /// The language of their pages, once chosen.
    pub language: Option<crate::language::Language>,
    /// The language they need an interpreter for, if they do.
    pub interpreter: Option<InterpreterLanguage>,
}

/// The language someone needs an interpreter for, as a worker typed it ("Polish",
/// "British Sign Language"): 1 to 60 characters, spaces tidied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterpreterLanguage(String);

impl InterpreterLanguage {
    pub const MAX_CHARS: usize = 60;

    /// `Ok(None)`: nothing typed, so no interpreter is needed.
    pub fn parse(typed: &str) -> Result<Option<InterpreterLanguage>, crate::error::Problem> {
        let tidy = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if tidy.is_empty() {
            Ok(None)
        } else if tidy.chars().count() > Self::MAX_CHARS {
            Err(crate::error::Problem::InterpreterLanguageTooLong)
        } else {
            Ok(Some(InterpreterLanguage(tidy)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
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
    /// Whose doing it also was: the member of staff whose sign-in code added a phone.
    pub via: Option<String>,
}

/// Rows of the audit trail on one page. Refused requests add rows too, so a trail can be
/// long; it is read a page at a time, newest first.
pub const AUDIT_PAGE_SIZE: u32 = 50;

/// Which events of a trail to show: everything, or one person's, one kind, refused or
/// done. Parsed from the page's address; anything unknown means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub who: Option<PersonId>,
    pub action: Option<String>,
    pub outcome: Option<AuditOutcomeFilter>,
    /// 0 is the newest page.
    pub page: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditOutcomeFilter {
    Done,
    Refused,
}

impl AuditOutcomeFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcomeFilter::Done => "done",
            AuditOutcomeFilter::Refused => "denied",
        }
    }
}

impl AuditFilter {
    /// From the address: `who` (a person id), `what` (an action), `outcome` (`done` or
    /// `denied`), `page` (from 1, as people count).
    pub fn parse(who: &str, what: &str, outcome: &str, page: &str) -> Self {
        let action = what.trim();
        AuditFilter {
            who: PersonId::parse(who.trim()),
            // Actions are short snake_case words; anything else matches nothing useful.
            action: (!action.is_empty()
                && action.len() <= 40
                && action.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            .then(|| action.to_owned()),
            outcome: match outcome.trim() {
                "done" => Some(AuditOutcomeFilter::Done),
                "denied" => Some(AuditOutcomeFilter::Refused),
                _ => None,
            },
            page: page
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=100_000).contains(p))
                .map_or(0, |p| p - 1),
        }
    }

    /// The address of another page of the same filter.
    pub fn href(&self, young_person: PersonId, page: u32) -> String {
        let mut query = vec![format!("page={}", page + 1)];
        if let Some(who) = self.who {
            query.push(format!("who={who}"));
        }
        if let Some(action) = &self.action {
            query.push(format!("what={action}"));
        }
        if let Some(outcome) = self.outcome {
            query.push(format!("outcome={}", outcome.as_str()));
        }
        format!("/young-people/{young_person}/audit?{}", query.join("&"))
    }
}

/// One page of a trail, with what the filter can choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub young_person: PersonId,
    pub name: String,
    pub filter: AuditFilter,
    pub entries: Vec<AuditEntry>,
    /// How many events match the filter, over all pages.
    pub matching: u32,
    /// Everyone who appears in the trail, by name.
    pub people: Vec<(PersonId, String)>,
    /// Every kind of event in the trail.
    pub actions: Vec<String>,
}

impl AuditPage {
    pub fn pages(&self) -> u32 {
        self.matching.div_ceil(AUDIT_PAGE_SIZE).max(1)
    }
}

/// What each audit action means, in words a manager reads without a manual: English and
/// Welsh side by side, so neither can lack one the other has.
const ACTION_WORDS: &[(&str, &str, &str)] = &[
    (
        "view_record",
        "Opened the case record",
        "Agorodd gofnod yr achos",
    ),
    ("view_scores", "Looked at scores", "Edrychodd ar sgorau"),
    (
        "view_cohort",
        "Opened their group's page",
        "Agorodd dudalen eu grŵp",
    ),
    (
        "view_answers",
        "Read questionnaire answers",
        "Darllenodd atebion holiadur",
    ),
    ("view_plan", "Read the plan", "Darllenodd y cynllun"),
    (
        "view_voice",
        "Read \"What I think\"",
        "Darllenodd \"Beth dw i'n ei feddwl\"",
    ),
    ("view_feedback", "Read feedback", "Darllenodd adborth"),
    (
        "view_audit",
        "Read this audit trail",
        "Darllenodd y trywydd archwilio hwn",
    ),
    (
        "view_timeline",
        "Opened the timeline",
        "Agorodd y llinell amser",
    ),
    (
        "give_voice",
        "Wrote in \"What I think\"",
        "Ysgrifennodd yn \"Beth dw i'n ei feddwl\"",
    ),
    (
        "give_voice_urgent",
        "Asked to talk to someone now",
        "Gofynnodd am gael siarad â rhywun nawr",
    ),
    (
        "answer_voice",
        "Answered \"What I think\"",
        "Atebodd \"Beth dw i'n ei feddwl\"",
    ),
    (
        "give_answers",
        "Answered a questionnaire",
        "Atebodd holiadur",
    ),
    ("give_feedback", "Gave feedback", "Rhoddodd adborth"),
    ("answer_feedback", "Answered feedback", "Atebodd adborth"),
    (
        "record_score",
        "Gave a session score",
        "Rhoddodd sgôr sesiwn",
    ),
    (
        "record_programme_scores",
        "Gave programme scores",
        "Rhoddodd sgorau rhaglen",
    ),
    ("mark_attendance", "Register taken", "Cymerwyd y gofrestr"),
    (
        "mark_start_missed",
        "Noted a missed start",
        "Nododd ddechrau a gollwyd",
    ),
    ("join_cohort", "Joined a group", "Ymunodd â grŵp"),
    ("start_plan", "Started the plan", "Dechreuodd y cynllun"),
    ("edit_plan", "Changed the plan", "Newidiodd y cynllun"),
    (
        "plan_ready",
        "Marked the plan ready to agree",
        "Marciodd y cynllun yn barod i gytuno",
    ),
    (
        "agree_plan",
        "Agreed or disagreed with the plan",
        "Cytunodd neu anghytunodd â'r cynllun",
    ),
    ("manage_plan", "Managed the plan", "Rheolodd y cynllun"),
    (
        "write_plan",
        "Wrote in the plan",
        "Ysgrifennodd yn y cynllun",
    ),
    (
        "open_review",
        "Opened a plan review",
        "Agorodd adolygiad o'r cynllun",
    ),
    (
        "close_review",
        "Closed a plan review",
        "Caeodd adolygiad o'r cynllun",
    ),
    (
        "score_target",
        "Scored a target at a review",
        "Sgoriodd darged mewn adolygiad",
    ),
    (
        "schedule_review",
        "Set the next review",
        "Gosododd yr adolygiad nesaf",
    ),
    (
        "manage_sign_in",
        "Managed who can sign in",
        "Rheolodd pwy all fewngofnodi",
    ),
    (
        "issue_invitation",
        "Made a sign-in code",
        "Gwnaeth god mewngofnodi",
    ),
    (
        "redeem_invitation",
        "Signed up with a code",
        "Cofrestrodd gyda chod",
    ),
    (
        "add_device",
        "Added a phone with a code",
        "Ychwanegodd ffôn gyda chod",
    ),
    (
        "reset_pin",
        "Reset a forgotten PIN",
        "Ailosododd PIN a anghofiwyd",
    ),
    (
        "set_language_needs",
        "Noted their language or interpreter",
        "Nododd eu hiaith neu gyfieithydd",
    ),
    ("revoke_device", "Removed a phone", "Tynnodd ffôn"),
    (
        "link_carer",
        "Added a parent or carer",
        "Ychwanegodd riant neu ofalwr",
    ),
    ("manage_case", "Managed the case", "Rheolodd yr achos"),
    (
        "allocate_worker",
        "Allocated a worker",
        "Dyrannodd weithiwr",
    ),
    ("close_case", "Closed the case", "Caeodd yr achos"),
];

/// An audit row's action in the page's language. Actions not listed read as their name
/// with spaces (never blank).
pub fn audit_action_words(action: &str) -> String {
    let welsh = crate::language::of_page() == crate::language::Language::Welsh;
    ACTION_WORDS
        .iter()
        .find(|(name, _, _)| *name == action)
        .map_or_else(
            || action.replace('_', " "),
            |(_, english, cymraeg)| if welsh { *cymraeg } else { *english }.to_owned(),
        )
}

/// A session a young person can score, for their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLink {
    pub cohort: CohortId,
    pub programme: String,
    pub number: SessionNumber,
    pub topic: String,
    /// The session happening this week; the others are earlier ones they came to and have
    /// not finished scoring.
    pub now: bool,
}

/// One scored session of a group as it stands for one young person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionStanding {
    pub number: SessionNumber,
    /// The worker's register: `None` until it is taken.
    pub register: Option<bool>,
    pub end_given: bool,
}

/// Sessions are weekly from the group's first day: the session of the week `today` is in,
/// if the programme is still running.
pub fn session_this_week(
    starts_on: CalendarDate,
    today: CalendarDate,
    sessions: u16,
) -> Option<SessionNumber> {
    let days = today.days_since(starts_on)?;
    let week = u16::try_from(days / 7).ok()?.checked_add(1)?;
    (week <= sessions)
        .then_some(week)
        .and_then(SessionNumber::new)
}

/// What a young person's home page offers in one group: the session of this week (a late
/// joiner gets the one they are in, not the group's first), then earlier sessions the
/// register says they came to and that still wait for an end score. A session the register
/// says they missed is never offered. Returns the numbers with "this week" marked.
pub fn sessions_to_offer(
    this_week: Option<SessionNumber>,
    standings: &[SessionStanding],
) -> Vec<(SessionNumber, bool)> {
    let open = |s: &&SessionStanding| s.register != Some(false) && !s.end_given;
    let now = standings
        .iter()
        .filter(open)
        .find(|s| Some(s.number) == this_week)
        .map(|s| (s.number, true));
    let earlier = standings
        .iter()
        .filter(open)
        .filter(|s| this_week.is_none_or(|w| s.number < w) && s.register == Some(true))
        .map(|s| (s.number, false));
    now.into_iter().chain(earlier).collect()
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
    /// A fresh idempotency key for the one-tap help button (set by the server function).
    pub help_key: String,
    /// What waits for them, said first (set by the server function).
    pub plan_cue: Option<crate::plan::PlanCue>,
    /// Answers from the worker not yet read: to "What I think", and to their feedback.
    pub unread_answers: u32,
    pub unread_feedback_answers: u32,
    /// Other phones added to their account lately (set by the server function).
    pub new_phones: Vec<crate::identity::NewPhone>,
    /// Communication support is on (set by the server function).
    #[serde(default)]
    pub support: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub given_name: String,
    pub relationship: String,
    pub young_person: PersonId,
    /// What this young person's plan waits for from the parent/carer viewing.
    #[serde(default)]
    pub plan_cue: Option<crate::plan::PlanCue>,
    /// The worker's answers to this parent/carer's feedback, not yet read.
    #[serde(default)]
    pub unread_feedback_answers: u32,
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
    fn an_audit_filter_from_the_address_keeps_only_what_it_understands() {
        let who = "0b7f6f8e-6c1e-4a55-9f1e-2d8a4c1b9e10";
        let f = AuditFilter::parse(who, "view_record", "denied", "3");
        assert_eq!(f.who.map(|p| p.to_string()).as_deref(), Some(who));
        assert_eq!(f.action.as_deref(), Some("view_record"));
        assert_eq!(f.outcome, Some(AuditOutcomeFilter::Refused));
        assert_eq!(f.page, 2);
        // Odd input means "all", never an error.
        let odd = AuditFilter::parse("nobody", "x' OR 1=1", "maybe", "-4");
        assert_eq!(odd, AuditFilter::default());
        assert_eq!(AuditFilter::parse("", "", "", "0").page, 0);
        assert_eq!(AuditFilter::parse("", "", "", "999999999").page, 0);
        // Another page keeps the filter.
        let yp = PersonId::parse(who).expect("id");
        assert_eq!(
            f.href(yp, 3),
            format!("/young-people/{who}/audit?page=4&who={who}&what=view_record&outcome=denied")
        );
    }

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

#[cfg(test)]
mod home_tests {
    use super::*;

    fn n(v: u16) -> SessionNumber {
        SessionNumber::new(v).expect("session")
    }

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("date")
    }

    #[test]
    fn the_session_of_this_week_counts_from_the_first_day() {
        let start = day("2026-11-02");
        assert_eq!(
            session_this_week(start, day("2026-11-01"), 6),
            None,
            "not begun"
        );
        assert_eq!(session_this_week(start, day("2026-11-02"), 6), Some(n(1)));
        assert_eq!(session_this_week(start, day("2026-11-08"), 6), Some(n(1)));
        assert_eq!(session_this_week(start, day("2026-11-23"), 6), Some(n(4)));
        assert_eq!(session_this_week(start, day("2026-12-13"), 6), Some(n(6)));
        assert_eq!(
            session_this_week(start, day("2026-12-14"), 6),
            None,
            "finished"
        );
    }

    #[test]
    fn a_late_joiner_is_offered_this_weeks_session_and_never_a_missed_one() {
        let standing = |v, register, end_given| SessionStanding {
            number: n(v),
            register,
            end_given,
        };
        // Joined at session 4: nothing before it was theirs.
        let late: Vec<_> = (1..=6).map(|v| standing(v, None, false)).collect();
        assert_eq!(sessions_to_offer(Some(n(4)), &late), vec![(n(4), true)]);
        // Missed session 2, came to 3 without finishing it, and this week is 5.
        let mut mixed = vec![
            standing(1, Some(true), true),
            standing(2, Some(false), false),
            standing(3, Some(true), false),
            standing(4, None, false),
            standing(5, None, false),
        ];
        assert_eq!(
            sessions_to_offer(Some(n(5)), &mixed),
            vec![(n(5), true), (n(3), false)]
        );
        // Marked absent this week: not offered, even though it is this week's.
        mixed[4].register = Some(false);
        assert_eq!(sessions_to_offer(Some(n(5)), &mixed), vec![(n(3), false)]);
        // After the programme, only unfinished sessions they came to.
        assert_eq!(sessions_to_offer(None, &mixed), vec![(n(3), false)]);
    }
}
