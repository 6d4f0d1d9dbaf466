//! A worker's home page: their young people, what needs attention first, and for each one
//! where they are in their programme, their latest scores, their plan and when anything
//! last happened. Filtered and sorted on the server, so it works without JavaScript.

use serde::{Deserialize, Serialize};

use crate::ids::{CohortId, PersonId, SessionNumber};
use crate::plan::PlanStatus;
use crate::report::SessionFacts;
use crate::scaling::Score;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: PersonId,
    pub name: String,
    pub workers: Vec<String>,
    pub closed: bool,
    /// "I need to talk to someone now" entries not yet answered (casework staff only).
    pub urgent_entries: u32,
    /// "What I think" entries nobody has seen yet (casework staff only).
    pub unseen_entries: u32,
    /// Feedback nobody has seen yet (casework staff only).
    pub unseen_feedback: u32,
    /// Questions and targets they said they did not understand, not yet explained
    /// (casework staff only).
    #[serde(default)]
    pub not_understood: u32,
    /// Where their plan stands, if they have one (casework staff only).
    pub plan: Option<PlanStatus>,
    /// Someone said "I don't agree" with the current version of the plan.
    pub plan_disagreement: bool,
    /// Their current programme, if they are in one (casework staff only).
    pub programme: Option<ProgrammeStanding>,
    /// The last time anything was recorded for them: a score, an entry, answers.
    pub last_activity: Option<String>,
}

/// What the store adds to each case of a caseload, read for the whole caseload at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseActivity {
    pub young_person: PersonId,
    pub unseen_feedback: u32,
    pub not_understood: u32,
    pub last_activity: Option<String>,
    pub programme: Option<ProgrammeStanding>,
}

/// How far a young person is through their current programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStanding {
    pub cohort: CohortId,
    pub programme: String,
    pub sessions: u32,
    pub attended: u32,
    /// Scored sessions they came to without both a start and an end score.
    pub missing_scores: u32,
    /// The most recent session with a score: its number, start and end.
    pub latest: Option<(SessionNumber, Option<Score>, Option<Score>)>,
}

impl ProgrammeStanding {
    /// `scored` lists the programme's sessions that take scores.
    pub fn from_facts(
        cohort: CohortId,
        programme: String,
        sessions: u32,
        scored: &[SessionNumber],
        facts: &std::collections::BTreeMap<SessionNumber, SessionFacts>,
    ) -> Self {
        let attended = facts.values().filter(|f| f.attended()).count() as u32;
        let missing_scores = scored
            .iter()
            .filter_map(|n| facts.get(n))
            .filter(|f| f.attended() && f.paired().is_none())
            .count() as u32;
        let latest = facts
            .iter()
            .rev()
            .find(|(_, f)| f.start.is_some() || f.end.is_some())
            .map(|(n, f)| (*n, f.start, f.end));
        ProgrammeStanding {
            cohort,
            programme,
            sessions,
            attended,
            missing_scores,
            latest,
        }
    }
}

impl CaseSummary {
    fn plan_rank(&self) -> u8 {
        match self.plan {
            _ if self.plan_disagreement => 0,
            Some(PlanStatus::ReviewDue) => 1,
            Some(
                PlanStatus::WaitingForYoungPerson
                | PlanStatus::WaitingForCarer
                | PlanStatus::WaitingForWorker,
            ) => 2,
            _ => 3,
        }
    }

    fn missing_scores(&self) -> u32 {
        self.programme.as_ref().map_or(0, |p| p.missing_scores)
    }

    /// Something here is waiting for the worker.
    pub fn needs_attention(&self) -> bool {
        !self.closed
            && (self.urgent_entries > 0
                || self.unseen_entries > 0
                || self.unseen_feedback > 0
                || self.not_understood > 0
                || self.plan_rank() < 3
                || self.missing_scores() > 0)
    }

    /// Needs attention first: urgent entries, then unseen entries and feedback, then a plan
    /// someone does not agree with, due for review or waiting for agreement, then missing
    /// session scores; closed cases last.
    pub fn attention_order(cases: &mut [CaseSummary]) {
        cases.sort_by_key(|c| {
            (
                c.closed,
                std::cmp::Reverse(c.urgent_entries),
                std::cmp::Reverse(c.unseen_entries + c.unseen_feedback + c.not_understood),
                c.plan_rank(),
                std::cmp::Reverse(c.missing_scores()),
            )
        });
    }
}

/// Which cases to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseFilter {
    #[default]
    Open,
    NeedsAttention,
    InProgramme,
    Closed,
    All,
}

/// In what order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseSort {
    #[default]
    Attention,
    Name,
    /// Most recent activity first.
    Recent,
    /// Longest without any activity first: who might be slipping away.
    Quietest,
}

impl CaseFilter {
    pub const ALL: [CaseFilter; 5] = [
        CaseFilter::Open,
        CaseFilter::NeedsAttention,
        CaseFilter::InProgramme,
        CaseFilter::Closed,
        CaseFilter::All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseFilter::Open => "open",
            CaseFilter::NeedsAttention => "attention",
            CaseFilter::InProgramme => "programme",
            CaseFilter::Closed => "closed",
            CaseFilter::All => "all",
        }
    }

    /// Anything unknown (an old bookmark, a typo) shows the default.
    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == raw.trim())
            .unwrap_or_default()
    }

    fn keeps(self, case: &CaseSummary) -> bool {
        match self {
            CaseFilter::Open => !case.closed,
            CaseFilter::NeedsAttention => case.needs_attention(),
            CaseFilter::InProgramme => !case.closed && case.programme.is_some(),
            CaseFilter::Closed => case.closed,
            CaseFilter::All => true,
        }
    }
}

impl CaseSort {
    pub const ALL: [CaseSort; 4] = [
        CaseSort::Attention,
        CaseSort::Name,
        CaseSort::Recent,
        CaseSort::Quietest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Attention => "attention",
            CaseSort::Name => "name",
            CaseSort::Recent => "recent",
            CaseSort::Quietest => "quietest",
        }
    }

    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .unwrap_or_default()
    }
}

/// Filters, then sorts; ties always fall back to the name so the list is stable.
pub fn arrange(cases: &mut Vec<CaseSummary>, filter: CaseFilter, sort: CaseSort) {
    cases.retain(|c| filter.keeps(c));
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    match sort {
        CaseSort::Attention => CaseSummary::attention_order(cases),
        CaseSort::Name => {}
        // Never-active cases count as the quietest of all.
        CaseSort::Recent => cases.sort_by(|a, b| b.last_activity.cmp(&a.last_activity)),
        CaseSort::Quietest => cases.sort_by(|a, b| a.last_activity.cmp(&b.last_activity)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn case(
        n: u128,
        urgent: u32,
        unseen: u32,
        plan: Option<PlanStatus>,
        disagreement: bool,
        closed: bool,
    ) -> CaseSummary {
        CaseSummary {
            id: PersonId(uuid::Uuid::from_u128(n)),
            name: format!("p{n}"),
            workers: Vec::new(),
            closed,
            urgent_entries: urgent,
            unseen_entries: unseen,
            unseen_feedback: 0,
            not_understood: 0,
            plan,
            plan_disagreement: disagreement,
            programme: None,
            last_activity: None,
        }
    }

    fn names(cases: &[CaseSummary]) -> Vec<&str> {
        cases.iter().map(|c| c.name.as_str()).collect()
    }

    fn n(v: u16) -> SessionNumber {
        SessionNumber::new(v).expect("from 1")
    }

    fn standing(missing: u32) -> ProgrammeStanding {
        ProgrammeStanding {
            cohort: CohortId(uuid::Uuid::from_u128(1)),
            programme: "Group".into(),
            sessions: 6,
            attended: 3,
            missing_scores: missing,
            latest: None,
        }
    }

    #[test]
    fn the_caseload_puts_what_needs_attention_first() {
        let mut cases = vec![
            case(1, 0, 0, Some(PlanStatus::Agreed), false, false),
            case(2, 0, 0, Some(PlanStatus::WaitingForCarer), false, false),
            case(3, 0, 2, None, false, false),
            case(4, 1, 0, None, false, false),
            case(5, 3, 0, None, false, true),
            case(6, 0, 0, Some(PlanStatus::ReviewDue), false, false),
            case(7, 0, 0, Some(PlanStatus::Agreed), true, false),
            case(8, 0, 0, None, false, false),
            case(9, 0, 0, None, false, false),
        ];
        cases[7].unseen_feedback = 1;
        cases[8].programme = Some(standing(2));
        CaseSummary::attention_order(&mut cases);
        assert_eq!(
            names(&cases),
            ["p4", "p3", "p8", "p7", "p6", "p2", "p9", "p1", "p5"]
        );
    }

    #[test]
    fn filters_and_sorts() {
        let mut cases = vec![
            case(1, 0, 0, Some(PlanStatus::Agreed), false, false),
            case(2, 0, 1, None, false, false),
            case(3, 0, 0, None, false, true),
            case(4, 0, 0, None, false, false),
        ];
        cases[0].last_activity = Some("2026-11-20T10:00:00.000000Z".into());
        cases[1].last_activity = Some("2026-11-01T10:00:00.000000Z".into());
        cases[3].programme = Some(standing(0));
        let arranged = |filter, sort| {
            let mut c = cases.clone();
            arrange(&mut c, filter, sort);
            names(&c).join(" ")
        };
        assert_eq!(arranged(CaseFilter::Open, CaseSort::Name), "p1 p2 p4");
        assert_eq!(
            arranged(CaseFilter::NeedsAttention, CaseSort::Attention),
            "p2"
        );
        assert_eq!(arranged(CaseFilter::InProgramme, CaseSort::Name), "p4");
        assert_eq!(arranged(CaseFilter::Closed, CaseSort::Name), "p3");
        assert_eq!(arranged(CaseFilter::All, CaseSort::Recent), "p1 p2 p3 p4");
        assert_eq!(arranged(CaseFilter::Open, CaseSort::Quietest), "p4 p2 p1");
        assert_eq!(CaseFilter::parse("nonsense"), CaseFilter::Open);
        assert_eq!(CaseSort::parse("quietest"), CaseSort::Quietest);
    }

    #[test]
    fn programme_standing_counts_sessions_and_missing_scores() {
        let score = |v| Some(Score::new(v).expect("0..=10"));
        let mut facts = BTreeMap::new();
        facts.insert(
            n(1),
            SessionFacts {
                register: Some(true),
                start: score(4),
                end: score(7),
            },
        );
        facts.insert(
            n(2),
            SessionFacts {
                register: Some(true),
                start: score(5),
                end: None,
            },
        );
        facts.insert(
            n(3),
            SessionFacts {
                register: Some(false),
                start: None,
                end: None,
            },
        );
        facts.insert(
            n(4),
            SessionFacts {
                register: None,
                start: None,
                end: score(6),
            },
        );
        let s = ProgrammeStanding::from_facts(
            CohortId(uuid::Uuid::from_u128(1)),
            "Group".into(),
            6,
            &[n(1), n(2), n(3), n(4), n(5)],
            &facts,
        );
        assert_eq!(s.attended, 3, "1, 2 and 4 (a score without a register)");
        assert_eq!(s.missing_scores, 2, "2 has no end, 4 no start");
        assert_eq!(s.latest, Some((n(4), None, score(6))));
    }
}
