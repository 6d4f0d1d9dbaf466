//! The one error type that crosses from server to browser. It carries what the person needs
//! to be told (a code the message catalogue turns into words) and never internal detail:
//! database and other internal errors are logged on the server under an id, and only that
//! id travels.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::scaling::{ScoreError, StageError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// Input that can be corrected by the person: shown next to the field.
    #[error("invalid input: {0:?}")]
    Invalid(Problem),
    /// Answers to a questionnaire that need checking, each by its question's key, so the
    /// page can say which.
    #[error("answers need checking: {0:?}")]
    AnswersInvalid(crate::questionnaire::AnswerProblems),
    /// The record does not exist, or the person may not know that it does.
    #[error("not found")]
    NotFound,
    /// Nobody is signed in (or their session ended): sign in and try again.
    #[error("signed out")]
    SignedOut,
    /// The request itself was malformed (a client bug or a hand-made request).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// Something failed on our side; the id is in the server log next to the cause.
    #[error("internal error {id}")]
    Internal { id: String },
    /// The browser could not reach the server at all.
    #[error("could not reach the server")]
    Offline,
}

/// Things a person can put right. Each has one sentence in the message catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    ScoreMissing,
    ScoreOutOfRange,
    StageInvalid,
    NotInSession,
    SessionNotScored,
    EndBeforeStart,
    PinsDiffer,
    PinTooShort,
    PinTooLong,
    PinTooEasy,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    InvitationInvalid,
    SignInFailed,
    PinWrong,
    TooManyAttempts,
    DeviceNotRecognised,
    SecondFactorWrong,
    NameMissing,
    NameTooLong,
    InterpreterLanguageTooLong,
    EmailInvalid,
    EmailInUse,
    RoleInvalid,
    RelationshipMissing,
    WorkerInvalid,
    ResetLinkInvalid,
    NotAllowed,
    KeyReused,
    KeyInvalid,
    /// The register says the young person was not at this session.
    SessionMissed,
    /// A parent/carer of that name is already linked to the young person.
    CarerExists,
    /// A report asked for a group that is not one of the list.
    ReportGroupUnknown,
    CohortNameMissing,
    CohortNameTooLong,
    DateInvalid,
    ProgrammeInvalid,
    MemberInvalid,
    AttendanceInvalid,
    MeasureMissing,
    VersionInvalid,
    AnswersInvalid,
    QuestionSetInvalid,
    QuestionSetTitleInvalid,
    QuestionSetEmpty,
    QuestionSetTooLong,
    PurposeInvalid,
    PlanExists,
    PlanConflict,
    PlanPartNotYours,
    PlanTargetEmpty,
    PlanTextTooLong,
    PlanTooManyTargets,
    PlanChanged,
    PlanNotReady,
    PlanIncomplete,
    CommentMissing,
    CommentTooLong,
    DecisionInvalid,
    ReviewNotOpen,
    ReviewOpen,
    ReviewIntervalInvalid,
    TargetStatusInvalid,
    EntryEmpty,
    EntryTooLong,
    FeelingInvalid,
    AnswerEmpty,
    ReportPeriodBackwards,
    ReportProgrammeUnknown,
}

impl Problem {
    pub const ALL: [Problem; 70] = [
        Problem::ScoreMissing,
        Problem::ScoreOutOfRange,
        Problem::StageInvalid,
        Problem::NotInSession,
        Problem::SessionNotScored,
        Problem::EndBeforeStart,
        Problem::PinsDiffer,
        Problem::PinTooShort,
        Problem::PinTooLong,
        Problem::PinTooEasy,
        Problem::PasswordTooShort,
        Problem::PasswordTooLong,
        Problem::PasswordTooCommon,
        Problem::InvitationInvalid,
        Problem::SignInFailed,
        Problem::PinWrong,
        Problem::TooManyAttempts,
        Problem::DeviceNotRecognised,
        Problem::SecondFactorWrong,
        Problem::NameMissing,
        Problem::NameTooLong,
        Problem::InterpreterLanguageTooLong,
        Problem::EmailInvalid,
        Problem::EmailInUse,
        Problem::RoleInvalid,
        Problem::RelationshipMissing,
        Problem::WorkerInvalid,
        Problem::ResetLinkInvalid,
        Problem::NotAllowed,
        Problem::KeyReused,
        Problem::KeyInvalid,
        Problem::SessionMissed,
        Problem::CarerExists,
        Problem::ReportGroupUnknown,
        Problem::CohortNameMissing,
        Problem::CohortNameTooLong,
        Problem::DateInvalid,
        Problem::ProgrammeInvalid,
        Problem::MemberInvalid,
        Problem::AttendanceInvalid,
        Problem::MeasureMissing,
        Problem::VersionInvalid,
        Problem::AnswersInvalid,
        Problem::QuestionSetInvalid,
        Problem::QuestionSetTitleInvalid,
        Problem::QuestionSetEmpty,
        Problem::QuestionSetTooLong,
        Problem::PurposeInvalid,
        Problem::PlanExists,
        Problem::PlanConflict,
        Problem::PlanPartNotYours,
        Problem::PlanTargetEmpty,
        Problem::PlanTextTooLong,
        Problem::PlanTooManyTargets,
        Problem::PlanChanged,
        Problem::PlanNotReady,
        Problem::PlanIncomplete,
        Problem::CommentMissing,
        Problem::CommentTooLong,
        Problem::DecisionInvalid,
        Problem::ReviewNotOpen,
        Problem::ReviewOpen,
        Problem::ReviewIntervalInvalid,
        Problem::TargetStatusInvalid,
        Problem::EntryEmpty,
        Problem::EntryTooLong,
        Problem::FeelingInvalid,
        Problem::AnswerEmpty,
        Problem::ReportPeriodBackwards,
        Problem::ReportProgrammeUnknown,
    ];

    /// The stable word used for this problem in a web address (`?error=…`), so a page
    /// re-shown after a form post without JavaScript can say what went wrong.
    pub fn code(self) -> &'static str {
        match self {
            Problem::ScoreMissing => "score_missing",
            Problem::ScoreOutOfRange => "score_out_of_range",
            Problem::StageInvalid => "stage_invalid",
            Problem::NotInSession => "not_in_session",
            Problem::SessionNotScored => "session_not_scored",
            Problem::EndBeforeStart => "end_before_start",
            Problem::PinsDiffer => "pins_differ",
            Problem::PinTooShort => "pin_too_short",
            Problem::PinTooLong => "pin_too_long",
            Problem::PinTooEasy => "pin_too_easy",
            Problem::PasswordTooShort => "password_too_short",
            Problem::PasswordTooLong => "password_too_long",
            Problem::PasswordTooCommon => "password_too_common",
            Problem::InvitationInvalid => "invitation_invalid",
            Problem::SignInFailed => "sign_in_failed",
            Problem::PinWrong => "pin_wrong",
            Problem::TooManyAttempts => "too_many_attempts",
            Problem::DeviceNotRecognised => "device_not_recognised",
            Problem::SecondFactorWrong => "second_factor_wrong",
            Problem::NameMissing => "name_missing",
            Problem::NameTooLong => "name_too_long",
            Problem::InterpreterLanguageTooLong => "interpreter_language_too_long",
            Problem::EmailInvalid => "email_invalid",
            Problem::EmailInUse => "email_in_use",
            Problem::RoleInvalid => "role_invalid",
            Problem::RelationshipMissing => "relationship_missing",
            Problem::WorkerInvalid => "worker_invalid",
            Problem::ResetLinkInvalid => "reset_link_invalid",
            Problem::NotAllowed => "not_allowed",
            Problem::MeasureMissing => "measure_missing",
            Problem::ReportProgrammeUnknown => "report_programme_unknown",
            Problem::ReportPeriodBackwards => "report_period_backwards",
            Problem::AnswerEmpty => "answer_empty",
            Problem::FeelingInvalid => "feeling_invalid",
            Problem::EntryTooLong => "entry_too_long",
            Problem::EntryEmpty => "entry_empty",
            Problem::TargetStatusInvalid => "target_status_invalid",
            Problem::ReviewIntervalInvalid => "review_interval_invalid",
            Problem::ReviewOpen => "review_open",
            Problem::ReviewNotOpen => "review_not_open",
            Problem::DecisionInvalid => "decision_invalid",
            Problem::CommentTooLong => "comment_too_long",
            Problem::CommentMissing => "comment_missing",
            Problem::PlanIncomplete => "plan_incomplete",
            Problem::PlanNotReady => "plan_not_ready",
            Problem::PlanChanged => "plan_changed",
            Problem::PlanTooManyTargets => "plan_too_many_targets",
            Problem::PlanTextTooLong => "plan_text_too_long",
            Problem::PlanTargetEmpty => "plan_target_empty",
            Problem::PlanPartNotYours => "plan_part_not_yours",
            Problem::PlanConflict => "plan_conflict",
            Problem::PlanExists => "plan_exists",
            Problem::PurposeInvalid => "purpose_invalid",
            Problem::QuestionSetTooLong => "question_set_too_long",
            Problem::QuestionSetEmpty => "question_set_empty",
            Problem::QuestionSetTitleInvalid => "question_set_title_invalid",
            Problem::QuestionSetInvalid => "question_set_invalid",
            Problem::AnswersInvalid => "answers_invalid",
            Problem::VersionInvalid => "version_invalid",
            Problem::AttendanceInvalid => "attendance_invalid",
            Problem::MemberInvalid => "member_invalid",
            Problem::ProgrammeInvalid => "programme_invalid",
            Problem::DateInvalid => "date_invalid",
            Problem::CohortNameTooLong => "cohort_name_too_long",
            Problem::CohortNameMissing => "cohort_name_missing",
            Problem::KeyInvalid => "key_invalid",
            Problem::KeyReused => "key_reused",
            Problem::SessionMissed => "session_missed",
            Problem::CarerExists => "carer_exists",
            Problem::ReportGroupUnknown => "report_group_unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

impl From<ScoreError> for AppError {
    fn from(e: ScoreError) -> Self {
        AppError::Invalid(match e {
            ScoreError::Missing => Problem::ScoreMissing,
            ScoreError::OutOfRange => Problem::ScoreOutOfRange,
        })
    }
}

impl From<StageError> for AppError {
    fn from(_: StageError) -> Self {
        AppError::Invalid(Problem::StageInvalid)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Offline,
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m) => {
                AppError::Malformed(m)
            }
            other => AppError::Malformed(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs an internal failure under a fresh short id and returns the error that shows the
    /// person only that id. The one place internal errors are turned into `Internal`.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string()[..10].to_string();
        tracing::error!(error_id = %id, error = %cause, "internal error");
        AppError::Internal { id }
    }

    /// The HTTP status an API client gets for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(
                Problem::NotInSession | Problem::NotAllowed | Problem::PlanPartNotYours,
            ) => 403,
            AppError::Invalid(Problem::PlanConflict | Problem::PlanChanged) => 409,
            AppError::Invalid(Problem::TooManyAttempts) => 429,
            AppError::SignedOut => 401,
            AppError::Invalid(_) | AppError::AnswersInvalid(_) => 422,
            AppError::NotFound => 404,
            AppError::Malformed(_) => 400,
            AppError::Internal { .. } => 500,
            AppError::Offline => 503,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_codes_round_trip() {
        for p in Problem::ALL {
            assert_eq!(Problem::from_code(p.code()), Some(p));
        }
        assert_eq!(Problem::from_code("<script>"), None);
    }

    #[test]
    fn score_errors_become_problems_the_person_can_fix() {
        assert_eq!(
            AppError::from(ScoreError::Missing),
            AppError::Invalid(Problem::ScoreMissing)
        );
        assert_eq!(
            AppError::from(ScoreError::OutOfRange),
            AppError::Invalid(Problem::ScoreOutOfRange)
        );
    }
}
