//! Question sets (pre/post questionnaires, the self-assessment, feedback) and the answers
//! to them. A set is edited by publishing a new version: a version never changes once
//! published, and every answer names the version it answered, so editing a set can never
//! change what someone already said. Everything typed by a manager or a young person is
//! parsed here, at the edge, with limits that are said out loud in the messages.

use serde::{Deserialize, Serialize};

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
}

impl SetPurpose {
    pub const ALL: [SetPurpose; 3] = [
        SetPurpose::PreProgramme,
        SetPurpose::PostProgramme,
        SetPurpose::SelfAssessment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SetPurpose::PreProgramme => "pre_programme",
            SetPurpose::PostProgramme => "post_programme",
            SetPurpose::SelfAssessment => "self_assessment",
        }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
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
}

fn tidy(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
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
            let options: Vec<String> = input
                .options
                .lines()
                .map(tidy)
                .filter(|o| !o.is_empty())
                .collect();
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
                QuestionKind::Scale { low, high }
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
                high: "Really good".into()
            }
        );
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

    #[test]
    fn purposes_round_trip() {
        for p in SetPurpose::ALL {
            assert_eq!(SetPurpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(SetPurpose::parse("quiz"), None);
    }
}
