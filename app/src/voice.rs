//! "What I think": a young person's entries, in words or a feeling or both, at any time,
//! optionally about one of their plan targets, and the worker's answer ("you said, we did").
//! An entry can say "I need to talk to someone now": the young person is shown at once what
//! to do and who to call, and the entry goes to the top of the worker's view.

use serde::{Deserialize, Serialize};

use crate::ids::{EntryId, PersonId};

/// Words in an entry: enough for a long message typed on a phone.
pub const WORDS_MAX: usize = 2000;
/// A worker's response, and the note of what was done.
pub const RESPONSE_MAX: usize = 1000;

/// For those who would rather pick than write: a face with a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    Happy,
    Calm,
    Okay,
    Worried,
    Sad,
    Angry,
}

impl Feeling {
    pub const ALL: [Feeling; 6] = [
        Feeling::Happy,
        Feeling::Calm,
        Feeling::Okay,
        Feeling::Worried,
        Feeling::Sad,
        Feeling::Angry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Feeling::Happy => "happy",
            Feeling::Calm => "calm",
            Feeling::Okay => "okay",
            Feeling::Worried => "worried",
            Feeling::Sad => "sad",
            Feeling::Angry => "angry",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw.trim())
    }

    pub fn face(self) -> &'static str {
        match self {
            Feeling::Happy => "😀",
            Feeling::Calm => "🙂",
            Feeling::Okay => "😐",
            Feeling::Worried => "😟",
            Feeling::Sad => "😢",
            Feeling::Angry => "😠",
        }
    }
}

/// An entry as the young person sent it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    pub words: Option<String>,
    pub feeling: Option<Feeling>,
    pub target: Option<String>,
    pub urgent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// Neither words nor a feeling.
    Empty,
    TooLong,
    FeelingInvalid,
}

impl EntryProblem {
    /// The problem as the person is told it; `answering` says whether a worker was
    /// answering (an empty answer reads differently from an empty entry).
    pub fn into_error(self, answering: bool) -> crate::error::AppError {
        use crate::error::Problem;
        crate::error::AppError::Invalid(match self {
            EntryProblem::Empty if answering => Problem::AnswerEmpty,
            EntryProblem::Empty => Problem::EntryEmpty,
            EntryProblem::TooLong => Problem::EntryTooLong,
            EntryProblem::FeelingInvalid => Problem::FeelingInvalid,
        })
    }
}

fn words(raw: Option<&str>, limit: usize) -> Result<Option<String>, ()> {
    let text = raw
        .map(|w| w.replace("\r\n", "\n").trim().to_owned())
        .unwrap_or_default();
    if text.chars().count() > limit {
        Err(())
    } else {
        Ok((!text.is_empty()).then_some(text))
    }
}

pub fn parse_entry(
    text: Option<&str>,
    feeling: Option<&str>,
    target: Option<&str>,
    urgent: bool,
) -> Result<NewEntry, EntryProblem> {
    let words = words(text, WORDS_MAX).map_err(|_| EntryProblem::TooLong)?;
    let feeling = match feeling.map(str::trim).filter(|f| !f.is_empty()) {
        Some(raw) => Some(Feeling::parse(raw).ok_or(EntryProblem::FeelingInvalid)?),
        None => None,
    };
    // An urgent entry needs nothing else: asking for help is enough.
    if words.is_none() && feeling.is_none() && !urgent {
        return Err(EntryProblem::Empty);
    }
    let target = target
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    Ok(NewEntry {
        words,
        feeling,
        target,
        urgent,
    })
}

/// A worker's answer: a response to the young person, a note of what was done, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub response: Option<String>,
    pub action_taken: Option<String>,
}

pub fn parse_answer(response: Option<&str>, action: Option<&str>) -> Result<Answer, EntryProblem> {
    let response = words(response, RESPONSE_MAX).map_err(|_| EntryProblem::TooLong)?;
    let action_taken = words(action, RESPONSE_MAX).map_err(|_| EntryProblem::TooLong)?;
    if response.is_none() && action_taken.is_none() {
        return Err(EntryProblem::Empty);
    }
    Ok(Answer {
        response,
        action_taken,
    })
}

/// What the worker's reply form posted: `None` for "mark as seen", else the answer.
pub fn parse_reply(
    response: Option<&str>,
    action: Option<&str>,
    seen_only: bool,
) -> Result<Option<Answer>, crate::error::AppError> {
    if seen_only {
        return Ok(None);
    }
    parse_answer(response, action)
        .map(Some)
        .map_err(|p| p.into_error(true))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceEntry {
    pub id: EntryId,
    pub words: Option<String>,
    pub feeling: Option<Feeling>,
    /// The target's key and, filled in from the plan, its words.
    pub target: Option<(String, String)>,
    pub urgent: bool,
    pub written_at: String,
    #[serde(flatten)]
    pub reply: Reply,
}

/// What the worker did with something a young person or parent/carer said: saw it, and
/// perhaps answered it ("you said, we did"). The same for "What I think" and feedback.
/// Names are given names only: enough for "Jo answered", nothing more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub seen_by: Option<String>,
    pub seen_at: Option<String>,
    pub response: Option<String>,
    pub action_taken: Option<String>,
    pub responded_by: Option<String>,
    pub responded_at: Option<String>,
}

impl Reply {
    pub fn answered(&self) -> bool {
        self.response.is_some() || self.action_taken.is_some()
    }

    pub fn seen(&self) -> bool {
        self.seen_at.is_some()
    }
}

impl VoiceEntry {
    /// Urgent and not yet answered: first in the worker's view.
    pub fn needs_help(&self) -> bool {
        self.urgent && self.reply.responded_at.is_none()
    }
}

/// The worker's order: urgent ones still waiting for an answer, then unseen, then newest.
pub fn worker_order(entries: &mut [VoiceEntry]) {
    entries.sort_by(|a, b| {
        (b.needs_help(), !b.reply.seen(), &b.written_at).cmp(&(
            a.needs_help(),
            !a.reply.seen(),
            &a.written_at,
        ))
    });
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoicePage {
    pub young_person: PersonId,
    pub young_person_name: String,
    pub mine: bool,
    pub may_answer: bool,
    /// The plan's targets still being worked on, to link an entry to.
    pub targets: Vec<(String, String)>,
    pub entries: Vec<VoiceEntry>,
    /// A fresh idempotency key for the one-tap help button, so a double press is one entry.
    pub help_key: String,
    /// What they pressed "I don't understand this" on, waiting to be explained (staff
    /// view only).
    pub not_understood: Vec<crate::support::NotUnderstood>,
}

pub fn voice_href(young_person: PersonId) -> String {
    format!("/young-people/{young_person}/what-i-think")
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn an_entry_needs_words_a_feeling_or_a_call_for_help() {
        assert_eq!(
            parse_entry(Some("  "), None, None, false),
            Err(EntryProblem::Empty)
        );
        let help = parse_entry(None, None, None, true).expect("asking for help is enough");
        assert!(help.urgent && help.words.is_none());
        let feeling = parse_entry(None, Some("worried"), Some(" t1 "), false).expect("a feeling");
        assert_eq!(feeling.feeling, Some(Feeling::Worried));
        assert_eq!(feeling.target.as_deref(), Some("t1"));
        assert_eq!(
            parse_entry(None, Some("furious"), None, false),
            Err(EntryProblem::FeelingInvalid)
        );
        assert_eq!(
            parse_entry(Some(&"é".repeat(WORDS_MAX + 1)), None, None, false),
            Err(EntryProblem::TooLong)
        );
        assert!(parse_entry(Some(&"é".repeat(WORDS_MAX)), None, None, false).is_ok());
    }

    #[test]
    fn an_answer_says_something() {
        assert_eq!(parse_answer(Some(" "), None), Err(EntryProblem::Empty));
        let a = parse_answer(None, Some("Rang school")).expect("an action is enough");
        assert_eq!(a.action_taken.as_deref(), Some("Rang school"));
        assert_eq!(
            parse_answer(Some(&"x".repeat(RESPONSE_MAX + 1)), None),
            Err(EntryProblem::TooLong)
        );
    }

    #[test]
    fn urgent_unanswered_entries_come_first_then_unseen_then_newest() {
        let entry = |n: u128, urgent, seen: bool, answered: bool, at: &str| VoiceEntry {
            id: EntryId(Uuid::from_u128(n)),
            words: None,
            feeling: Some(Feeling::Okay),
            target: None,
            urgent,
            written_at: at.into(),
            reply: Reply {
                seen_at: seen.then(|| "x".into()),
                responded_at: answered.then(|| "x".into()),
                ..Reply::default()
            },
        };
        let mut all = vec![
            entry(1, false, true, true, "2026-11-01"),
            entry(2, false, false, false, "2026-11-02"),
            entry(3, true, true, true, "2026-11-03"),
            entry(4, true, false, false, "2026-10-01"),
            entry(5, false, true, false, "2026-11-05"),
        ];
        worker_order(&mut all);
        let order: Vec<u128> = all.iter().map(|e| e.id.0.as_u128()).collect();
        assert_eq!(order, vec![4, 2, 5, 3, 1]);
    }
}
