//! A young person's record as one timeline, newest first: scores, questionnaires, plan
//! versions and agreements, "What I think" entries, feedback and the answers to them; and
//! charts of their session and programme scores. Each kind of event needs the same right
//! as the page it comes from, so a timeline never shows more than the pages would.

use serde::{Deserialize, Serialize};

use crate::ids::{CohortId, PersonId, SessionNumber};
use crate::policy::Act;
use crate::programme::Measure;
use crate::scaling::Score;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    SessionScore,
    ProgrammeScore,
    Questionnaire,
    Feedback,
    FeedbackAnswer,
    PlanVersion,
    PlanResponse,
    Entry,
    EntryAnswer,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::SessionScore,
        EventKind::ProgrammeScore,
        EventKind::Questionnaire,
        EventKind::Feedback,
        EventKind::FeedbackAnswer,
        EventKind::PlanVersion,
        EventKind::PlanResponse,
        EventKind::Entry,
        EventKind::EntryAnswer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::SessionScore => "session_score",
            EventKind::ProgrammeScore => "programme_score",
            EventKind::Questionnaire => "questionnaire",
            EventKind::Feedback => "feedback",
            EventKind::FeedbackAnswer => "feedback_answer",
            EventKind::PlanVersion => "plan_version",
            EventKind::PlanResponse => "plan_response",
            EventKind::Entry => "entry",
            EventKind::EntryAnswer => "entry_answer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What the viewer must be allowed to see this kind of event.
    pub fn needs(self) -> Act {
        match self {
            EventKind::SessionScore | EventKind::ProgrammeScore => Act::ViewScores,
            EventKind::Questionnaire => Act::ViewAnswers,
            EventKind::Feedback | EventKind::FeedbackAnswer => Act::ViewFeedback,
            EventKind::PlanVersion | EventKind::PlanResponse => Act::ViewPlan,
            EventKind::Entry | EventKind::EntryAnswer => Act::ViewVoice,
        }
    }
}

/// One thing that happened. Which fields are filled depends on the kind: a session score
/// has a topic (`subject`), session number, stage (`step`) and score; a plan response has
/// who, the decision (`step`) and the version (`number`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub at: String,
    pub kind: EventKind,
    pub subject: Option<String>,
    pub step: Option<String>,
    pub number: Option<i64>,
    pub score: Option<i64>,
    pub who: Option<String>,
}

/// One programme's scores for the charts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChart {
    pub cohort: CohortId,
    pub programme: String,
    pub sessions: Vec<(SessionNumber, String, Option<Score>, Option<Score>)>,
    pub measures: Vec<(Measure, Option<Score>, Option<Score>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub young_person: PersonId,
    pub name: String,
    pub events: Vec<TimelineEvent>,
    pub charts: Vec<ScoreChart>,
}

pub fn timeline_href(young_person: PersonId) -> String {
    format!("/young-people/{young_person}/timeline")
}

/// Keeps the events the viewer may see: `may` answers for each act.
pub fn visible(events: &mut Vec<TimelineEvent>, may: impl Fn(Act) -> bool) {
    events.retain(|e| may(e.kind.needs()));
}

/// Where a bar of height `value` (a score, 0–10) starts, in a chart whose plotting area
/// runs from `top` to `bottom` (SVG y grows downwards).
pub fn bar_top(value: u8, top: u32, bottom: u32) -> u32 {
    bottom - (bottom - top) * u32::from(value.min(10)) / 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind) -> TimelineEvent {
        TimelineEvent {
            at: "2026-11-01T10:00:00.000000Z".into(),
            kind,
            subject: None,
            step: None,
            number: None,
            score: None,
            who: None,
        }
    }

    #[test]
    fn a_timeline_shows_only_what_its_viewer_may_see() {
        let mut all: Vec<TimelineEvent> = EventKind::ALL.into_iter().map(event).collect();
        // A carer with shared scores: scores and the plan, never entries or answers.
        visible(&mut all, |act| {
            matches!(act, Act::ViewScores | Act::ViewPlan)
        });
        let kinds: Vec<EventKind> = all.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventKind::SessionScore,
                EventKind::ProgrammeScore,
                EventKind::PlanVersion,
                EventKind::PlanResponse
            ]
        );
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn bars_grow_up_from_the_bottom() {
        assert_eq!(bar_top(0, 20, 170), 170);
        assert_eq!(bar_top(10, 20, 170), 20);
        assert_eq!(bar_top(5, 20, 170), 95);
        assert_eq!(bar_top(11, 20, 170), 20, "never above the chart");
    }
}
