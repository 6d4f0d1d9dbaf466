//! Question sets (pre/post questionnaires, the self-assessment, feedback) and the answers
//! to them. A set is edited by publishing a new version: a version never changes once
//! published, and every answer names the version it answered, so editing a set can never
//! change what someone already said. Everything typed by a manager or a young person is
//! parsed here, at the edge, with limits that are said out loud in the messages.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::ids::{CohortId, PersonId, ResponseId, VersionId};
use crate::language::Language;
use crate::scaling::Score;

pub const TITLE_MAX: usize = 120;
pub const QUESTION_MAX: usize = 300;
pub const LABEL_MAX: usize = 60;
pub const OPTION_MAX: usize = 80;
pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 10;
pub const QUESTIONS_MAX: usize = 40;
/// A free-text answer: room for a paragraph, not an essay.
pub const ANSWER_MAX: usize = 2000;

/// What a question set is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetPurpose {
    PreProgramme,
    PostProgramme,
    SelfAssessment,
    /// What a young person thought of the help they had, at the end of it.
    YoungPersonFeedback,
    /// The same, from each parent/carer, in their own words and separately.
    CarerFeedback,
}

impl SetPurpose {
    pub const ALL: [SetPurpose; 5] = [
        SetPurpose::PreProgramme,
        SetPurpose::PostProgramme,
        SetPurpose::SelfAssessment,
        SetPurpose::YoungPersonFeedback,
        SetPurpose::CarerFeedback,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SetPurpose::PreProgramme => "pre_programme",
            SetPurpose::PostProgramme => "post_programme",
            SetPurpose::SelfAssessment => "self_assessment",
            SetPurpose::YoungPersonFeedback => "young_person_feedback",
            SetPurpose::CarerFeedback => "carer_feedback",
        }
    }

    /// Pre/post programme questionnaires belong to one run of a programme; the rest do not.
    pub fn needs_cohort(self) -> bool {
        matches!(self, SetPurpose::PreProgramme | SetPurpose::PostProgramme)
    }

    /// Feedback asks whether the words may be quoted, and is answered by a worker.
    pub fn is_feedback(self) -> bool {
        matches!(
            self,
            SetPurpose::YoungPersonFeedback | SetPurpose::CarerFeedback
        )
    }

    /// Who answers it: always the person themselves, never someone on their behalf.
    pub fn answered_by(self) -> crate::identity::Role {
        match self {
            SetPurpose::CarerFeedback => crate::identity::Role::ParentCarer,
            _ => crate::identity::Role::YoungPerson,
        }
    }

    /// The languages besides English its pages are read in, so the builder offers their
    /// words: Welsh for every set; a parent's languages (`language::Reach::ParentsPages`)
    /// for the one set parents and carers answer.
    pub fn other_languages(self) -> Vec<crate::language::Language> {
        use crate::language::{Language, Reach};
        Language::ALL
            .into_iter()
            .filter(|l| *l != Language::English)
            .filter(|l| {
                l.reach() == Reach::WholeSite
                    || self.answered_by() == crate::identity::Role::ParentCarer
            })
            .collect()
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// 0–10, with words at both ends.
    Scale {
        low: String,
        high: String,
        /// Which end is the hoped-for one; versions published before this was asked for
        /// have high as good, as every shipped scale does.
        #[serde(default)]
        good_end: crate::scaling::GoodEnd,
    },
    SingleChoice {
        options: Vec<String>,
    },
    MultipleChoice {
        options: Vec<String>,
    },
    FreeText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within a set across versions ("q1", "q2", …), so answers can be compared
    /// between versions where a question did not change.
    pub key: String,
    pub text: String,
    pub kind: QuestionKind,
    pub required: bool,
}

/// Something wrong with a question as a manager typed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum QuestionProblem {
    #[error("the question is empty")]
    TextMissing,
    #[error("the question is longer than {QUESTION_MAX} characters")]
    TextTooLong,
    #[error("a scale needs words for both ends, each up to {LABEL_MAX} characters")]
    EndsInvalid,
    #[error(
        "a choice needs {OPTIONS_MIN} to {OPTIONS_MAX} options, each up to {OPTION_MAX} characters"
    )]
    OptionsInvalid,
    #[error("the type of question is not one Waypoint knows")]
    KindInvalid,
    /// Words in another language must be whole: the question, both ends of a scale, and
    /// one option for each English option in the same order (answers are kept by place).
    #[error("the words in another language are not complete")]
    WordingIncomplete,
}

fn tidy(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A choice's options as typed, one per line: tidied, blank lines dropped.
fn option_lines(raw: &str) -> Vec<String> {
    raw.lines().map(tidy).filter(|o| !o.is_empty()).collect()
}

fn within(text: &str, max: usize) -> bool {
    !text.is_empty() && text.chars().count() <= max
}

/// The builder's fields for one question, as posted.
#[derive(Clone, Debug, Default)]
pub struct QuestionInput<'a> {
    pub text: &'a str,
    /// "scale", "single_choice", "multiple_choice" or "free_text".
    pub kind: &'a str,
    pub low: &'a str,
    pub high: &'a str,
    /// One option per line.
    pub options: &'a str,
    pub required: bool,
    /// For a scale: 0 is the hoped-for end ("how likely are you to take risks?").
    pub lower_better: bool,
}

impl Question {
    pub fn parse(key: String, input: &QuestionInput<'_>) -> Result<Question, QuestionProblem> {
        let text = tidy(input.text);
        if text.is_empty() {
            return Err(QuestionProblem::TextMissing);
        }
        if text.chars().count() > QUESTION_MAX {
            return Err(QuestionProblem::TextTooLong);
        }
        let options = || -> Result<Vec<String>, QuestionProblem> {
            let options = option_lines(input.options);
            let count_ok = (OPTIONS_MIN..=OPTIONS_MAX).contains(&options.len());
            let each_ok = options.iter().all(|o| within(o, OPTION_MAX));
            let distinct = options
                .iter()
                .enumerate()
                .all(|(i, o)| !options[..i].iter().any(|p| p.eq_ignore_ascii_case(o)));
            if count_ok && each_ok && distinct {
                Ok(options)
            } else {
                Err(QuestionProblem::OptionsInvalid)
            }
        };
        let kind = match input.kind.trim() {
            "scale" => {
                let (low, high) = (tidy(input.low), tidy(input.high));
                if !within(&low, LABEL_MAX) || !within(&high, LABEL_MAX) {
                    return Err(QuestionProblem::EndsInvalid);
                }
                let good_end = if input.lower_better {
                    crate::scaling::GoodEnd::Low
                } else {
                    crate::scaling::GoodEnd::High
                };
                QuestionKind::Scale {
                    low,
                    high,
                    good_end,
                }
            }
            "single_choice" => QuestionKind::SingleChoice {
                options: options()?,
            },
            "multiple_choice" => QuestionKind::MultipleChoice {
                options: options()?,
            },
            "free_text" => QuestionKind::FreeText,
            _ => return Err(QuestionProblem::KindInvalid),
        };
        Ok(Question {
            key,
            text,
            kind,
            required: input.required,
        })
    }
}

/// A question's words in a language other than English. The question's key, type and
/// number of options are the English version's: an answer is kept by key and by option
/// place, so answers given in Welsh and in English count together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub low: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub high: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// A version's words in one other language. A question missing here is shown in English,
/// and marked so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetWording {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub questions: BTreeMap<String, Wording>,
}

/// Every other language's words for one version, published with it and never changed.
pub type Wordings = BTreeMap<Language, SetWording>;

/// One block's words in another language, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordingDraft {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    /// One option per line, in the English options' order.
    #[serde(default)]
    pub options: String,
}

impl WordingDraft {
    pub fn of(wording: &Wording) -> Self {
        WordingDraft {
            text: wording.text.clone(),
            low: wording.low.clone(),
            high: wording.high.clone(),
            options: wording.options.join("\n"),
        }
    }

    pub fn is_blank(&self) -> bool {
        [&self.text, &self.low, &self.high, &self.options]
            .iter()
            .all(|f| f.trim().is_empty())
    }

    /// Checks the words against the question they translate. Left blank, there are none
    /// (the question shows in English); begun, they must be whole.
    pub fn parse(&self, question: &Question) -> Result<Option<Wording>, QuestionProblem> {
        if self.is_blank() {
            return Ok(None);
        }
        let text = tidy(&self.text);
        if !within(&text, QUESTION_MAX) {
            return Err(QuestionProblem::WordingIncomplete);
        }
        let mut wording = Wording {
            text,
            ..Default::default()
        };
        match &question.kind {
            QuestionKind::Scale { .. } => {
                let (low, high) = (tidy(&self.low), tidy(&self.high));
                if !within(&low, LABEL_MAX) || !within(&high, LABEL_MAX) {
                    return Err(QuestionProblem::WordingIncomplete);
                }
                (wording.low, wording.high) = (low, high);
            }
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                let given = option_lines(&self.options);
                if given.len() != options.len() || !given.iter().all(|o| within(o, OPTION_MAX)) {
                    return Err(QuestionProblem::WordingIncomplete);
                }
                wording.options = given;
            }
            QuestionKind::FreeText => {}
        }
        Ok(Some(wording))
    }
}

impl Question {
    /// The question in `language`, if it has words there; English has none to look up.
    pub fn worded(&self, language: Language, wordings: &Wordings) -> Option<Question> {
        let wording = wordings.get(&language)?.questions.get(&self.key)?;
        let kind = match &self.kind {
            QuestionKind::Scale { good_end, .. } => QuestionKind::Scale {
                low: wording.low.clone(),
                high: wording.high.clone(),
                good_end: *good_end,
            },
            QuestionKind::SingleChoice { .. } => QuestionKind::SingleChoice {
                options: wording.options.clone(),
            },
            QuestionKind::MultipleChoice { .. } => QuestionKind::MultipleChoice {
                options: wording.options.clone(),
            },
            QuestionKind::FreeText => QuestionKind::FreeText,
        };
        Some(Question {
            key: self.key.clone(),
            text: wording.text.clone(),
            kind,
            required: self.required,
        })
    }
}

/// A version as shown in one language, with the keys of the questions that had to be shown
/// in English because nobody has worded them yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordedVersion {
    pub version: PublishedVersion,
    pub title_in_english: bool,
    pub in_english: Vec<String>,
}

/// Questions in `language` where they have words there, else in English.
pub fn questions_in(
    language: Language,
    questions: &[Question],
    wordings: &Wordings,
) -> Vec<Question> {
    questions
        .iter()
        .map(|q| q.worded(language, wordings).unwrap_or_else(|| q.clone()))
        .collect()
}

impl PublishedVersion {
    pub fn worded_in(&self, language: Language) -> WordedVersion {
        if language == Language::English {
            return WordedVersion {
                version: self.clone(),
                title_in_english: false,
                in_english: Vec::new(),
            };
        }
        let mut in_english = Vec::new();
        let questions = self
            .questions
            .iter()
            .map(|q| {
                q.worded(language, &self.wordings).unwrap_or_else(|| {
                    in_english.push(q.key.clone());
                    q.clone()
                })
            })
            .collect();
        let title = self.wordings.get(&language).and_then(|w| w.title.clone());
        WordedVersion {
            title_in_english: title.is_none(),
            version: PublishedVersion {
                title: title.unwrap_or_else(|| self.title.clone()),
                questions,
                wordings: Wordings::new(),
                ..self.clone()
            },
            in_english,
        }
    }
}

/// One answer, in the shape its question asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Scale(Score),
    /// The chosen option's position (options are fixed within a version).
    Choice(usize),
    Choices(Vec<usize>),
    Text(String),
}

/// Something wrong with an answer, said to the young person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerProblem {
    Missing,
    ScoreInvalid,
    ChoiceInvalid,
    TooLong,
}

/// Answers by question key, in the version's order.
pub type Answers = Vec<(String, Answer)>;
/// What was wrong, by question key.
pub type AnswerProblems = Vec<(String, AnswerProblem)>;

/// Parses a submitted form against the version's questions. `field(key)` gives every value
/// posted for a question (several for multiple choice). Questions left blank and optional
/// are left out; anything else wrong is reported per question, and nothing is kept unless
/// everything is right.
pub fn parse_answers<'a>(
    questions: &[Question],
    field: impl Fn(&str) -> Vec<&'a str>,
) -> Result<Answers, AnswerProblems> {
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for q in questions {
        let values: Vec<&str> = field(&q.key)
            .into_iter()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            if q.required {
                problems.push((q.key.clone(), AnswerProblem::Missing));
            }
            continue;
        }
        let choice = |raw: &str, options: &[String]| {
            raw.parse::<usize>()
                .ok()
                .filter(|i| *i < options.len())
                .ok_or(AnswerProblem::ChoiceInvalid)
        };
        let parsed = match &q.kind {
            QuestionKind::Scale { .. } => match values.as_slice() {
                [one] => Score::parse(Some(one))
                    .map(Answer::Scale)
                    .map_err(|_| AnswerProblem::ScoreInvalid),
                _ => Err(AnswerProblem::ScoreInvalid),
            },
            QuestionKind::SingleChoice { options } => match values.as_slice() {
                [one] => choice(one, options).map(Answer::Choice),
                _ => Err(AnswerProblem::ChoiceInvalid),
            },
            QuestionKind::MultipleChoice { options } => values
                .iter()
                .map(|v| choice(v, options))
                .collect::<Result<Vec<_>, _>>()
                .map(|mut chosen| {
                    chosen.sort_unstable();
                    chosen.dedup();
                    Answer::Choices(chosen)
                }),
            QuestionKind::FreeText => {
                let text = values.join("\n");
                if text.chars().count() > ANSWER_MAX {
                    Err(AnswerProblem::TooLong)
                } else {
                    Ok(Answer::Text(text))
                }
            }
        };
        match parsed {
            Ok(answer) => answers.push((q.key.clone(), answer)),
            Err(problem) => problems.push((q.key.clone(), problem)),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// One question block of the builder, exactly as typed. Drafts are stored like this, so a
/// manager's unfinished or mistaken edit is kept word for word until it is published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    /// The question's key in earlier versions; empty for a new question.
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    /// One option per line.
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub lower_better: bool,
    /// The question in other languages, kept with its block so they cannot drift apart.
    #[serde(default)]
    pub wordings: BTreeMap<Language, WordingDraft>,
}

impl QuestionDraft {
    pub fn of(question: &Question, wordings: &Wordings) -> Self {
        let lower_better = matches!(
            question.kind,
            QuestionKind::Scale {
                good_end: crate::scaling::GoodEnd::Low,
                ..
            }
        );
        let (kind, low, high, options) = match &question.kind {
            QuestionKind::Scale { low, high, .. } => ("scale", low.clone(), high.clone(), vec![]),
            QuestionKind::SingleChoice { options } => (
                "single_choice",
                String::new(),
                String::new(),
                options.clone(),
            ),
            QuestionKind::MultipleChoice { options } => (
                "multiple_choice",
                String::new(),
                String::new(),
                options.clone(),
            ),
            QuestionKind::FreeText => ("free_text", String::new(), String::new(), vec![]),
        };
        QuestionDraft {
            key: question.key.clone(),
            text: question.text.clone(),
            kind: kind.into(),
            low,
            high,
            options: options.join("\n"),
            required: question.required,
            lower_better,
            wordings: wordings
                .iter()
                .filter_map(|(language, set)| {
                    let wording = set.questions.get(&question.key)?;
                    Some((*language, WordingDraft::of(wording)))
                })
                .collect(),
        }
    }

    /// A block left empty: the builder always offers spare blocks, and empty ones are not
    /// questions. Words typed only in Welsh are not empty: they are kept, and the block
    /// asks for its English.
    pub fn is_blank(&self) -> bool {
        [&self.text, &self.low, &self.high, &self.options]
            .iter()
            .all(|f| f.trim().is_empty())
            && self.wordings.values().all(WordingDraft::is_blank)
    }

    fn input(&self) -> QuestionInput<'_> {
        QuestionInput {
            text: &self.text,
            kind: &self.kind,
            low: &self.low,
            high: &self.high,
            options: &self.options,
            required: self.required,
            lower_better: self.lower_better,
        }
    }
}

/// A question set as the builder shows and posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetDraft {
    pub title: String,
    pub questions: Vec<QuestionDraft>,
    /// The title in other languages; empty for none.
    #[serde(default)]
    pub title_wordings: BTreeMap<Language, String>,
}

impl SetDraft {
    /// The builder's starting point: a published version, with its words in every language.
    pub fn of(version: &PublishedVersion) -> Self {
        SetDraft {
            title: version.title.clone(),
            questions: version
                .questions
                .iter()
                .map(|q| QuestionDraft::of(q, &version.wordings))
                .collect(),
            title_wordings: version
                .wordings
                .iter()
                .filter_map(|(language, set)| Some((*language, set.title.clone()?)))
                .collect(),
        }
    }
}

/// Something wrong with the set as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetProblem {
    TitleInvalid,
    Empty,
    TooLong,
}

/// Everything wrong with a draft: the set's own problem, and each question's by its place
/// in the draft (counting blank blocks, so it matches what the builder shows).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftProblems {
    pub set: Option<SetProblem>,
    pub questions: Vec<(usize, QuestionProblem)>,
}

impl DraftProblems {
    pub fn is_empty(&self) -> bool {
        self.set.is_none() && self.questions.is_empty()
    }

    pub fn of_question(&self, index: usize) -> Option<QuestionProblem> {
        self.questions
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, p)| *p)
    }
}

/// A draft ready to publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedSet {
    pub title: String,
    pub questions: Vec<Question>,
    pub wordings: Wordings,
}

/// Parses a draft for publishing. Blank blocks are dropped. A block keeps its key when the
/// key was used by this set before (`known_keys`) and not already taken in this draft, so
/// a question edited in place can be followed across versions; other blocks get fresh keys
/// after the highest ever used, so a key never means two different questions.
pub fn parse_set(draft: &SetDraft, known_keys: &[String]) -> Result<ParsedSet, DraftProblems> {
    let mut problems = DraftProblems::default();
    let title = tidy(&draft.title);
    if !within(&title, TITLE_MAX) {
        problems.set = Some(SetProblem::TitleInvalid);
    }
    let number = |key: &str| key.strip_prefix('q').and_then(|n| n.parse::<u32>().ok());
    let mut next = known_keys
        .iter()
        .chain(draft.questions.iter().map(|q| &q.key))
        .filter_map(|k| number(k))
        .max()
        .unwrap_or(0);
    let mut wordings = Wordings::new();
    for (language, raw) in &draft.title_wordings {
        let worded = tidy(raw);
        if worded.is_empty() {
            continue;
        }
        if worded.chars().count() > TITLE_MAX {
            problems.set = Some(SetProblem::TitleInvalid);
        }
        wordings.entry(*language).or_default().title = Some(worded);
    }
    let mut questions: Vec<Question> = Vec::new();
    for (index, block) in draft.questions.iter().enumerate() {
        if block.is_blank() {
            continue;
        }
        let keep = known_keys.contains(&block.key) && !questions.iter().any(|q| q.key == block.key);
        let key = if keep {
            block.key.clone()
        } else {
            next += 1;
            format!("q{next}")
        };
        let parsed = Question::parse(key, &block.input()).and_then(|question| {
            for (language, raw) in &block.wordings {
                if let Some(wording) = raw.parse(&question)? {
                    wordings
                        .entry(*language)
                        .or_default()
                        .questions
                        .insert(question.key.clone(), wording);
                }
            }
            Ok(question)
        });
        match parsed {
            Ok(question) => questions.push(question),
            Err(problem) => problems.questions.push((index, problem)),
        }
    }
    let count = questions.len() + problems.questions.len();
    if problems.set.is_none() {
        if count == 0 {
            problems.set = Some(SetProblem::Empty);
        } else if count > QUESTIONS_MAX {
            problems.set = Some(SetProblem::TooLong);
        }
    }
    if problems.is_empty() {
        Ok(ParsedSet {
            title,
            questions,
            wordings,
        })
    } else {
        Err(problems)
    }
}

/// One published version, as a young person answers it and as a response is read back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVersion {
    pub id: VersionId,
    pub purpose: SetPurpose,
    pub title: String,
    pub version: u32,
    pub questions: Vec<Question>,
    /// The same questions in other languages.
    pub wordings: Wordings,
    pub published_at: String,
    /// Who published it; `None` for the sets Waypoint ships with.
    pub published_by: Option<String>,
}

/// A set on the managers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSummary {
    pub purpose: SetPurpose,
    pub title: String,
    pub version: u32,
    pub published_at: String,
    pub has_draft: bool,
    pub responses: u32,
}

/// The builder's page: what is published, and what is being edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetEditor {
    pub current: PublishedVersion,
    pub draft: SetDraft,
    /// When the draft was last saved and by whom; `None` when the draft is the current
    /// version (nothing edited yet).
    pub draft_saved: Option<(String, String)>,
    pub problems: DraftProblems,
}

/// A questionnaire for a young person to answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireView {
    pub young_person: PersonId,
    pub cohort: Option<CohortId>,
    pub programme: Option<String>,
    /// In the page's language.
    pub version: PublishedVersion,
    /// Shown in English because nobody has worded them in the page's language yet: the
    /// page says so beside each, rather than passing English off as the language chosen.
    pub title_in_english: bool,
    pub in_english: Vec<String>,
    /// When they last answered this questionnaire (any version), if ever.
    pub last_answered: Option<String>,
    /// The viewer has communication support on: faces first, one question to a screen,
    /// "I don't understand this" on each.
    #[serde(default)]
    pub support: bool,
}

/// A questionnaire on a young person's home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireLink {
    pub purpose: SetPurpose,
    pub title: String,
    /// The current version's title in other languages.
    pub title_wordings: BTreeMap<Language, String>,
    pub cohort: Option<CohortId>,
    pub programme: Option<String>,
    pub answered: bool,
}

impl QuestionnaireLink {
    /// The title in `language`, and whether it had to be the English one.
    pub fn title_in(&self, language: Language) -> (String, bool) {
        match self.title_wordings.get(&language) {
            Some(title) => (title.clone(), false),
            None => (self.title.clone(), language != Language::English),
        }
    }

    pub fn href(&self, young_person: PersonId) -> String {
        questionnaire_href(young_person, self.purpose, self.cohort)
    }
}

pub fn questionnaire_href(
    young_person: PersonId,
    purpose: SetPurpose,
    cohort: Option<CohortId>,
) -> String {
    match cohort {
        Some(cohort) => format!(
            "/young-people/{young_person}/cohorts/{cohort}/questionnaires/{}",
            purpose.as_str()
        ),
        None => format!(
            "/young-people/{young_person}/questionnaires/{}",
            purpose.as_str()
        ),
    }
}

pub fn answers_href(young_person: PersonId) -> String {
    format!("/young-people/{young_person}/answers")
}

/// A stored time (`2026-11-22T…`) as a day people read, in the page's language:
/// "22 November 2026", "22 Tachwedd 2026".
pub fn written_date(stored: &str) -> String {
    written_date_in(crate::language::of_page(), stored)
}

/// A stored timestamp as UK local date and time, in the page's language: "30 November
/// 2026 at 14:05", "30 Tachwedd 2026 am 14:05".
pub fn written_date_time(stored: &str) -> String {
    written_date_time_in(crate::language::of_page(), stored)
}

pub fn written_date_in(language: crate::language::Language, stored: &str) -> String {
    uk_day(stored).map_or_else(|| stored.to_owned(), |day| day_words(language, day))
}

pub fn written_date_time_in(language: crate::language::Language, stored: &str) -> String {
    use crate::language::Language;
    match crate::calendar::CalendarDate::uk_time_of(stored) {
        Some((day, time)) => {
            let at = match language {
                Language::English => "at",
                Language::Welsh => "am",
                Language::Polish => "o",
                Language::Romanian => "la",
                Language::Urdu => "بوقت",
            };
            format!("{} {at} {time}", day_words(language, day))
        }
        None => written_date_in(language, stored),
    }
}

/// A plain date (`2026-11-30`) as it is, a stored UTC timestamp as the UK day it fell on;
/// nothing for what is not a real day.
fn uk_day(stored: &str) -> Option<crate::calendar::CalendarDate> {
    use crate::calendar::CalendarDate;
    if stored.trim().len() > 10 {
        CalendarDate::uk_time_of(stored).map(|(day, _)| day)
    } else {
        CalendarDate::parse(stored)
    }
}

fn day_words(language: crate::language::Language, day: crate::calendar::CalendarDate) -> String {
    use crate::language::Language;
    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const WELSH: [&str; 12] = [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ];
    // Polish and Romanian day-and-month order need the month's genitive ("7 grudnia").
    const POLISH: [&str; 12] = [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ];
    const ROMANIAN: [&str; 12] = [
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ];
    const URDU: [&str; 12] = [
        "جنوری",
        "فروری",
        "مارچ",
        "اپریل",
        "مئی",
        "جون",
        "جولائی",
        "اگست",
        "ستمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    ];
    let months = match language {
        Language::English => ENGLISH,
        Language::Welsh => WELSH,
        Language::Polish => POLISH,
        Language::Romanian => ROMANIAN,
        Language::Urdu => URDU,
    };
    let month = months[usize::from(day.month().clamp(1, 12)) - 1];
    format!("{} {month} {}", day.day(), day.year())
}

/// One question with the answer given, for reading back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredQuestion {
    pub question: String,
    /// `None` when an optional question was left blank.
    pub answer: Option<String>,
}

/// A set of answers, shown against the version it answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub id: ResponseId,
    pub title: String,
    pub purpose: SetPurpose,
    pub version: u32,
    pub programme: Option<String>,
    pub submitted_at: String,
    pub items: Vec<AnsweredQuestion>,
    /// Who gave it: the young person, or a parent/carer for their feedback.
    pub given_by: PersonId,
    pub given_by_name: String,
    pub given_by_role: crate::identity::Role,
    /// Feedback only: "you can share my words without my name".
    pub share_words: bool,
    /// Feedback only: the worker's answer.
    pub reply: crate::voice::Reply,
}

/// Words from feedback that the giver agreed may be quoted without their name. Carries
/// nothing that points back to them: no name, no id, no day (only the month).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub from: crate::identity::Role,
    pub question: String,
    pub words: String,
    /// `2026-11`
    pub month: String,
}

/// The quotes bank as CSV: who (a role, never a name), the month, the question, the words.
pub fn quotes_csv(quotes: &[Quote], language: Language) -> String {
    let word = |english| crate::report::csv_word(language, english).to_owned();
    let mut rows = vec![["From", "Month", "Question", "Words"].map(word).to_vec()];
    rows.extend(quotes.iter().map(|q| {
        let from = if q.from == crate::identity::Role::ParentCarer {
            "A parent or carer"
        } else {
            "A young person"
        };
        vec![
            word(from),
            q.month.clone(),
            q.question.clone(),
            q.words.clone(),
        ]
    }));
    crate::report::csv(rows)
}

/// The free-text answers of a response, as quotes.
pub fn quotes_in(
    items: &[AnsweredQuestion],
    questions: &[Question],
    from: crate::identity::Role,
    month: &str,
) -> Vec<Quote> {
    items
        .iter()
        .zip(questions)
        .filter(|(_, q)| q.kind == QuestionKind::FreeText)
        .filter_map(|(item, _)| {
            Some(Quote {
                from,
                question: item.question.clone(),
                words: item.answer.clone()?,
                month: month.get(..7).unwrap_or(month).to_owned(),
            })
        })
        .collect()
}

/// An answer in words: the score with its end labels, the chosen options, or the text.
pub fn answer_in_words(question: &Question, answer: &Answer) -> String {
    match (&question.kind, answer) {
        (QuestionKind::Scale { low, high, .. }, Answer::Scale(score)) => {
            format!("{score} (from \u{201c}{low}\u{201d} to \u{201c}{high}\u{201d})")
        }
        (QuestionKind::SingleChoice { options }, Answer::Choice(i)) => {
            options.get(*i).cloned().unwrap_or_default()
        }
        (QuestionKind::MultipleChoice { options }, Answer::Choices(chosen)) => chosen
            .iter()
            .filter_map(|i| options.get(*i).cloned())
            .collect::<Vec<_>>()
            .join(", "),
        (_, Answer::Text(text)) => text.clone(),
        // An answer always has its question's shape (both are parsed against the same
        // version); anything else is shown as given rather than hidden.
        (_, other) => format!("{other:?}"),
    }
}

/// Pairs a version's questions with the answers given to it.
pub fn read_back(questions: &[Question], answers: &Answers) -> Vec<AnsweredQuestion> {
    questions
        .iter()
        .map(|q| AnsweredQuestion {
            question: q.text.clone(),
            answer: answers
                .iter()
                .find(|(key, _)| *key == q.key)
                .map(|(_, a)| answer_in_words(q, a)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: &str, kind: &str, options: &str, required: bool) -> Question {
        Question::parse(
            key.into(),
            &QuestionInput {
                text: "How are things?",
                kind,
                low: "Not good",
                high: "Really good",
                options,
                required,
                lower_better: false,
            },
        )
        .expect("valid question")
    }

    #[test]
    fn builder_input_is_tidied_and_checked() {
        let scale = q("q1", "scale", "", true);
        assert_eq!(
            scale.kind,
            QuestionKind::Scale {
                low: "Not good".into(),
                high: "Really good".into(),
                good_end: crate::scaling::GoodEnd::High,
            }
        );
        let risky = Question::parse(
            "q9".into(),
            &QuestionInput {
                text: "How likely are you to take risks?",
                kind: "scale",
                low: "0 = not likely",
                high: "10 = very likely",
                lower_better: true,
                ..Default::default()
            },
        )
        .expect("valid question");
        assert!(matches!(
            risky.kind,
            QuestionKind::Scale {
                good_end: crate::scaling::GoodEnd::Low,
                ..
            }
        ));
        // A version published before the question was asked reads as high-is-good.
        let old: QuestionKind =
            serde_json::from_str(r#"{"type":"scale","low":"a","high":"b"}"#).expect("old JSON");
        assert!(matches!(
            old,
            QuestionKind::Scale {
                good_end: crate::scaling::GoodEnd::High,
                ..
            }
        ));
        let choice = Question::parse(
            "q2".into(),
            &QuestionInput {
                text: "  Who   helped? ",
                kind: "single_choice",
                options: "My worker\n\n  My family \nFriends",
                ..Default::default()
            },
        )
        .expect("valid");
        assert_eq!(choice.text, "Who helped?");
        assert_eq!(
            choice.kind,
            QuestionKind::SingleChoice {
                options: vec!["My worker".into(), "My family".into(), "Friends".into()]
            }
        );
    }

    #[test]
    fn bad_questions_are_named() {
        let input = |text, kind, options| QuestionInput {
            text,
            kind,
            options,
            ..Default::default()
        };
        let parse = |i: QuestionInput<'_>| Question::parse("q".into(), &i).map(|_| ());
        assert_eq!(
            parse(input(" ", "free_text", "")),
            Err(QuestionProblem::TextMissing)
        );
        let long = "a".repeat(QUESTION_MAX + 1);
        assert_eq!(
            parse(input(&long, "free_text", "")),
            Err(QuestionProblem::TextTooLong)
        );
        assert_eq!(
            parse(input("Why?", "scale", "")),
            Err(QuestionProblem::EndsInvalid)
        );
        assert_eq!(
            parse(input("Which?", "single_choice", "Only one")),
            Err(QuestionProblem::OptionsInvalid)
        );
        assert_eq!(
            parse(input("Which?", "multiple_choice", "Same\nsame")),
            Err(QuestionProblem::OptionsInvalid)
        );
        assert_eq!(
            parse(input("Which?", "essay", "")),
            Err(QuestionProblem::KindInvalid)
        );
    }

    #[test]
    fn answers_of_every_type_are_parsed_against_their_question() {
        let questions = vec![
            q("q1", "scale", "", true),
            q("q2", "single_choice", "A\nB\nC", true),
            q("q3", "multiple_choice", "A\nB\nC", false),
            q("q4", "free_text", "", false),
        ];
        let form = |key: &str| -> Vec<&'static str> {
            match key {
                "q1" => vec!["7"],
                "q2" => vec!["2"],
                "q3" => vec!["2", "0", "2"],
                "q4" => vec!["  It helped <b>a lot</b>  "],
                _ => vec![],
            }
        };
        let answers = parse_answers(&questions, form).expect("all valid");
        assert_eq!(
            answers,
            vec![
                ("q1".into(), Answer::Scale(Score::new(7).expect("7"))),
                ("q2".into(), Answer::Choice(2)),
                ("q3".into(), Answer::Choices(vec![0, 2])),
                // Stored as typed (trimmed): rendering escapes it, so markup stays inert.
                ("q4".into(), Answer::Text("It helped <b>a lot</b>".into())),
            ]
        );
    }

    #[test]
    fn every_wrong_answer_is_reported_and_optional_blanks_are_skipped() {
        let questions = vec![
            q("q1", "scale", "", true),
            q("q2", "single_choice", "A\nB", true),
            q("q3", "multiple_choice", "A\nB", false),
            q("q4", "free_text", "", false),
            q("q5", "free_text", "", true),
        ];
        let long = "x".repeat(ANSWER_MAX + 1);
        let problems = parse_answers(&questions, |key| match key {
            "q1" => vec!["11"],
            "q2" => vec!["5"],
            "q3" => vec![],
            "q4" => vec![long.as_str()],
            _ => vec![" "],
        })
        .expect_err("several problems");
        assert_eq!(
            problems,
            vec![
                ("q1".into(), AnswerProblem::ScoreInvalid),
                ("q2".into(), AnswerProblem::ChoiceInvalid),
                ("q4".into(), AnswerProblem::TooLong),
                ("q5".into(), AnswerProblem::Missing),
            ]
        );
    }

    #[test]
    fn a_single_choice_takes_one_value_only() {
        let questions = vec![q("q1", "single_choice", "A\nB", true)];
        assert!(parse_answers(&questions, |_| vec!["0", "1"]).is_err());
    }

    fn block(key: &str, text: &str, kind: &str) -> QuestionDraft {
        QuestionDraft {
            key: key.into(),
            text: text.into(),
            kind: kind.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_draft_keeps_known_keys_and_gives_new_questions_fresh_ones() {
        let draft = SetDraft {
            title: " About  me ".into(),
            questions: vec![
                block("q2", "Kept", "free_text"),
                QuestionDraft::default(),
                block("", "New", "free_text"),
                // A key this set never used (a hand-made post) is not trusted.
                block("q99", "Made up", "free_text"),
                block("q2", "Copy of a kept one", "free_text"),
            ],
            ..Default::default()
        };
        let known = vec!["q1".to_string(), "q2".to_string(), "q3".to_string()];
        let parsed = parse_set(&draft, &known).expect("valid");
        assert_eq!(parsed.title, "About me");
        let keys: Vec<&str> = parsed.questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, vec!["q2", "q100", "q101", "q102"]);
    }

    #[test]
    fn draft_problems_point_at_the_block_as_shown() {
        let draft = SetDraft {
            title: String::new(),
            questions: vec![
                QuestionDraft::default(),
                block("", "Pick one", "single_choice"),
            ],
            ..Default::default()
        };
        let problems = parse_set(&draft, &[]).expect_err("invalid");
        assert_eq!(problems.set, Some(SetProblem::TitleInvalid));
        assert_eq!(
            problems.of_question(1),
            Some(QuestionProblem::OptionsInvalid)
        );
        assert_eq!(problems.of_question(0), None);

        let empty = SetDraft {
            title: "Fine".into(),
            questions: vec![QuestionDraft::default()],
            ..Default::default()
        };
        assert_eq!(
            parse_set(&empty, &[]).expect_err("empty").set,
            Some(SetProblem::Empty)
        );
        let too_many = SetDraft {
            title: "Fine".into(),
            questions: (0..=QUESTIONS_MAX)
                .map(|_| block("", "Why?", "free_text"))
                .collect(),
            ..Default::default()
        };
        assert_eq!(
            parse_set(&too_many, &[]).expect_err("long").set,
            Some(SetProblem::TooLong)
        );
    }

    #[test]
    fn a_published_question_round_trips_through_the_builder() {
        for kind in ["scale", "single_choice", "multiple_choice", "free_text"] {
            let question = q("q1", kind, "One\nTwo", true);
            let draft = QuestionDraft::of(&question, &Wordings::new());
            let again = parse_set(
                &SetDraft {
                    title: "T".into(),
                    questions: vec![draft],
                    ..Default::default()
                },
                &["q1".to_string()],
            )
            .expect("valid");
            assert_eq!(again.questions, vec![question]);
        }
    }

    fn welsh(text: &str, low: &str, high: &str, options: &str) -> WordingDraft {
        WordingDraft {
            text: text.into(),
            low: low.into(),
            high: high.into(),
            options: options.into(),
        }
    }

    /// Welsh words keep the English question's key, type and options' places, so an
    /// answer given on a Welsh page is the same answer as one given on an English page.
    #[test]
    fn welsh_words_are_whole_or_absent_and_fall_back_visibly() {
        let scale = q("q1", "scale", "", true);
        let choice = q("q2", "single_choice", "A\nB", true);
        let free = q("q3", "free_text", "", false);
        assert_eq!(welsh("  ", "", "", "").parse(&scale), Ok(None));
        assert_eq!(
            welsh("Sut mae pethau?", "Gwael", "", "").parse(&scale),
            Err(QuestionProblem::WordingIncomplete),
            "a scale needs both ends"
        );
        assert_eq!(
            welsh("Dewis un", "", "", "Un").parse(&choice),
            Err(QuestionProblem::WordingIncomplete),
            "one option for each English option"
        );
        assert_eq!(
            welsh("", "Gwael", "Da", "").parse(&scale),
            Err(QuestionProblem::WordingIncomplete),
            "ends without the question"
        );
        let mut blocks: Vec<QuestionDraft> = [&scale, &choice, &free]
            .iter()
            .map(|q| QuestionDraft::of(q, &Wordings::new()))
            .collect();
        blocks[0].wordings.insert(
            Language::Welsh,
            welsh(" Sut  mae pethau? ", "Gwael", "Da", ""),
        );
        blocks[1]
            .wordings
            .insert(Language::Welsh, welsh("Dewis un", "", "", "Un\n\nDau"));
        let draft = SetDraft {
            title: "T".into(),
            questions: blocks,
            title_wordings: [(Language::Welsh, "Teitl".to_string())].into(),
        };
        let known = ["q1", "q2", "q3"].map(String::from);
        let parsed = parse_set(&draft, &known).expect("valid");
        let version = PublishedVersion {
            id: VersionId(uuid::Uuid::nil()),
            purpose: SetPurpose::SelfAssessment,
            title: parsed.title.clone(),
            version: 1,
            questions: parsed.questions.clone(),
            wordings: parsed.wordings.clone(),
            published_at: "2026-12-01T10:00:00Z".into(),
            published_by: None,
        };
        let worded = version.worded_in(Language::Welsh);
        assert_eq!(worded.version.title, "Teitl");
        assert_eq!(worded.version.questions[0].text, "Sut mae pethau?");
        assert_eq!(
            worded.version.questions[1].kind,
            QuestionKind::SingleChoice {
                options: vec!["Un".into(), "Dau".into()]
            }
        );
        assert_eq!(worded.in_english, vec!["q3".to_string()]);
        assert_eq!(worded.version.questions[2], free);
        // The same answer reads back in either language.
        let answers = vec![("q2".to_string(), Answer::Choice(1))];
        assert_eq!(
            read_back(&worded.version.questions, &answers)[1]
                .answer
                .as_deref(),
            Some("Dau")
        );
        assert_eq!(
            read_back(&version.questions, &answers)[1].answer.as_deref(),
            Some("B")
        );
        // English has nothing to look up and nothing to flag.
        assert!(version.worded_in(Language::English).in_english.is_empty());
        // The builder opens a published version with its Welsh, and publishes it again
        // unchanged.
        let again = parse_set(&SetDraft::of(&version), &known).expect("valid");
        assert_eq!(again.wordings, version.wordings);
    }

    /// Welsh typed with no English is kept and asks for the English, not dropped.
    #[test]
    fn a_block_with_only_welsh_is_not_blank() {
        let mut block = QuestionDraft::default();
        block
            .wordings
            .insert(Language::Welsh, welsh("Beth sy'n dda?", "", "", ""));
        assert!(!block.is_blank());
        let draft = SetDraft {
            title: "T".into(),
            questions: vec![block],
            ..Default::default()
        };
        assert_eq!(
            parse_set(&draft, &[])
                .expect_err("no English")
                .of_question(0),
            Some(QuestionProblem::TextMissing)
        );
    }

    #[test]
    fn answers_read_back_in_words_against_their_version() {
        let questions = vec![
            q("q1", "scale", "", true),
            q("q2", "single_choice", "A\nB", true),
            q("q3", "multiple_choice", "A\nB\nC", false),
            q("q4", "free_text", "", false),
        ];
        let answers = vec![
            ("q1".to_string(), Answer::Scale(Score::new(3).expect("3"))),
            ("q2".to_string(), Answer::Choice(1)),
            ("q3".to_string(), Answer::Choices(vec![0, 2])),
        ];
        let shown: Vec<Option<String>> = read_back(&questions, &answers)
            .into_iter()
            .map(|a| a.answer)
            .collect();
        assert_eq!(
            shown,
            vec![
                Some("3 (from \u{201c}Not good\u{201d} to \u{201c}Really good\u{201d})".into()),
                Some("B".into()),
                Some("A, C".into()),
                None,
            ]
        );
    }

    #[test]
    fn dates_are_written_as_people_say_them() {
        assert_eq!(
            written_date("2026-11-02T10:00:00.000000Z"),
            "2 November 2026"
        );
        assert_eq!(written_date("nonsense"), "nonsense");
        assert_eq!(
            written_date_time_in(
                crate::language::Language::Welsh,
                "2026-11-30T14:05:00.000000Z"
            ),
            "30 Tachwedd 2026 am 14:05"
        );
        assert_eq!(
            written_date_in(crate::language::Language::Welsh, "2026-06-01"),
            "1 Mehefin 2026"
        );
        // A parent's languages: the month as it follows a day.
        assert_eq!(
            written_date_time_in(
                crate::language::Language::Polish,
                "2026-12-07T14:05:00.000000Z"
            ),
            "7 grudnia 2026 o 14:05"
        );
        assert_eq!(
            written_date_in(crate::language::Language::Romanian, "2026-06-01"),
            "1 iunie 2026"
        );
        assert_eq!(
            written_date_in(crate::language::Language::Urdu, "2026-03-27"),
            "27 مارچ 2026"
        );
        // No impossible day is ever written out as if it were real.
        assert_eq!(written_date("2026-10-34T10:00:00Z"), "2026-10-34T10:00:00Z");
        // UK time: late on a summer evening in UTC is already the next day in London.
        assert_eq!(written_date("2026-06-01T23:30:00.000000Z"), "2 June 2026");
        assert_eq!(
            written_date_time("2026-06-01T23:30:00.000000Z"),
            "2 June 2026 at 00:30"
        );
        assert_eq!(
            written_date_time("2026-11-30T14:05:00.000000Z"),
            "30 November 2026 at 14:05"
        );
    }

    #[test]
    fn purposes_round_trip() {
        for p in SetPurpose::ALL {
            assert_eq!(SetPurpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(SetPurpose::parse("quiz"), None);
    }
}
