//! Turns errors into sentences from the message catalogue. Every error a person can see is
//! worded here, once.

use leptos_i18n::I18nContext;

use crate::error::{AppError, Problem};
use crate::i18n::*;

pub fn problem_message(i18n: I18nContext<Locale>, problem: Problem) -> String {
    match problem {
        Problem::ScoreMissing => t_string!(i18n, error_score_missing).to_string(),
        Problem::ScoreOutOfRange => t_string!(i18n, error_score_out_of_range).to_string(),
        Problem::StageInvalid => t_string!(i18n, error_stage_invalid).to_string(),
        Problem::NotInSession => t_string!(i18n, error_not_in_session).to_string(),
        Problem::SessionNotScored => t_string!(i18n, error_session_not_scored).to_string(),
        Problem::EndBeforeStart => t_string!(i18n, error_end_before_start).to_string(),
        Problem::PinsDiffer => t_string!(i18n, error_pins_differ).to_string(),
        Problem::PinTooShort => t_string!(i18n, error_pin_too_short).to_string(),
        Problem::PinTooLong => t_string!(i18n, error_pin_too_long).to_string(),
        Problem::PinTooEasy => t_string!(i18n, error_pin_too_easy).to_string(),
        Problem::PasswordTooShort => t_string!(i18n, error_password_too_short).to_string(),
        Problem::PasswordTooLong => t_string!(i18n, error_password_too_long).to_string(),
        Problem::PasswordTooCommon => t_string!(i18n, error_password_too_common).to_string(),
        Problem::InvitationInvalid => t_string!(i18n, error_invitation_invalid).to_string(),
        Problem::SignInFailed => t_string!(i18n, error_sign_in_failed).to_string(),
        Problem::PinWrong => t_string!(i18n, error_pin_wrong).to_string(),
        Problem::TooManyAttempts => t_string!(i18n, error_too_many_attempts).to_string(),
        Problem::DeviceNotRecognised => t_string!(i18n, error_device_not_recognised).to_string(),
        Problem::SecondFactorWrong => t_string!(i18n, error_second_factor_wrong).to_string(),
        Problem::NameMissing => t_string!(i18n, error_name_missing).to_string(),
        Problem::NameTooLong => t_string!(i18n, error_name_too_long).to_string(),
        Problem::InterpreterLanguageTooLong => {
            t_string!(i18n, error_interpreter_language_too_long).to_string()
        }
        Problem::EmailInvalid => t_string!(i18n, error_email_invalid).to_string(),
        Problem::EmailInUse => t_string!(i18n, error_email_in_use).to_string(),
        Problem::RoleInvalid => t_string!(i18n, error_role_invalid).to_string(),
        Problem::RelationshipMissing => t_string!(i18n, error_relationship_missing).to_string(),
        Problem::WorkerInvalid => t_string!(i18n, error_worker_invalid).to_string(),
        Problem::ResetLinkInvalid => t_string!(i18n, error_reset_link_invalid).to_string(),
        Problem::NotAllowed => t_string!(i18n, error_not_allowed).to_string(),
        Problem::MeasureMissing => t_string!(i18n, error_measure_missing).to_string(),
        Problem::ReportProgrammeUnknown => {
            t_string!(i18n, error_report_programme_unknown).to_string()
        }
        Problem::ReportPeriodBackwards => {
            t_string!(i18n, error_report_period_backwards).to_string()
        }
        Problem::AnswerEmpty => t_string!(i18n, error_answer_empty).to_string(),
        Problem::FeelingInvalid => t_string!(i18n, error_feeling_invalid).to_string(),
        Problem::EntryTooLong => t_string!(i18n, error_entry_too_long).to_string(),
        Problem::EntryEmpty => t_string!(i18n, error_entry_empty).to_string(),
        Problem::TargetStatusInvalid => t_string!(i18n, error_target_status_invalid).to_string(),
        Problem::ReviewIntervalInvalid => {
            t_string!(i18n, error_review_interval_invalid).to_string()
        }
        Problem::ReviewOpen => t_string!(i18n, error_review_open).to_string(),
        Problem::ReviewNotOpen => t_string!(i18n, error_review_not_open).to_string(),
        Problem::DecisionInvalid => t_string!(i18n, error_decision_invalid).to_string(),
        Problem::CommentTooLong => t_string!(i18n, error_comment_too_long).to_string(),
        Problem::CommentMissing => t_string!(i18n, error_comment_missing).to_string(),
        Problem::PlanIncomplete => t_string!(i18n, error_plan_incomplete).to_string(),
        Problem::PlanNotReady => t_string!(i18n, error_plan_not_ready).to_string(),
        Problem::PlanChanged => t_string!(i18n, error_plan_changed).to_string(),
        Problem::PlanTooManyTargets => t_string!(i18n, error_plan_too_many_targets).to_string(),
        Problem::PlanTextTooLong => t_string!(i18n, error_plan_text_too_long).to_string(),
        Problem::PlanTargetEmpty => t_string!(i18n, error_plan_target_empty).to_string(),
        Problem::PlanPartNotYours => t_string!(i18n, error_plan_part_not_yours).to_string(),
        Problem::PlanConflict => t_string!(i18n, error_plan_conflict).to_string(),
        Problem::PlanExists => t_string!(i18n, error_plan_exists).to_string(),
        Problem::PurposeInvalid => t_string!(i18n, error_purpose_invalid).to_string(),
        Problem::QuestionSetTooLong => t_string!(i18n, error_question_set_too_long).to_string(),
        Problem::QuestionSetEmpty => t_string!(i18n, error_question_set_empty).to_string(),
        Problem::QuestionSetTitleInvalid => {
            t_string!(i18n, error_question_set_title_invalid).to_string()
        }
        Problem::QuestionSetInvalid => t_string!(i18n, error_question_set_invalid).to_string(),
        Problem::AnswersInvalid => t_string!(i18n, error_answers_invalid).to_string(),
        Problem::VersionInvalid => t_string!(i18n, error_version_invalid).to_string(),
        Problem::AttendanceInvalid => t_string!(i18n, error_attendance_invalid).to_string(),
        Problem::MemberInvalid => t_string!(i18n, error_member_invalid).to_string(),
        Problem::ProgrammeInvalid => t_string!(i18n, error_programme_invalid).to_string(),
        Problem::DateInvalid => t_string!(i18n, error_date_invalid).to_string(),
        Problem::CohortNameTooLong => t_string!(i18n, error_cohort_name_too_long).to_string(),
        Problem::CohortNameMissing => t_string!(i18n, error_cohort_name_missing).to_string(),
        Problem::KeyInvalid => t_string!(i18n, error_key_invalid).to_string(),
        Problem::KeyReused => t_string!(i18n, error_key_reused).to_string(),
        Problem::SessionMissed => t_string!(i18n, error_session_missed).to_string(),
        Problem::CarerExists => t_string!(i18n, error_carer_exists).to_string(),
        Problem::ReportGroupUnknown => t_string!(i18n, error_report_group_unknown).to_string(),
    }
}

/// An error as a person sees it: a sentence, and for failures on our side the code that
/// finds the matching line in the server log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownError {
    pub message: String,
    pub reference: Option<String>,
}

pub fn error_message(i18n: I18nContext<Locale>, error: &AppError) -> ShownError {
    let plain = |message: String| ShownError {
        message,
        reference: None,
    };
    match error {
        AppError::Invalid(problem) => plain(problem_message(i18n, *problem)),
        AppError::AnswersInvalid(_) => plain(problem_message(i18n, Problem::AnswersInvalid)),
        AppError::NotFound => plain(t_string!(i18n, error_not_found).to_string()),
        AppError::SignedOut => plain(t_string!(i18n, error_signed_out).to_string()),
        AppError::Offline => plain(t_string!(i18n, error_offline).to_string()),
        AppError::Internal { id } => internal_error(i18n, Some(id.clone())),
        // A malformed request is a bug on our side of the screen, so the person gets the
        // same apology as for any other internal failure.
        AppError::Malformed(_) => internal_error(i18n, None),
    }
}

pub fn internal_error(i18n: I18nContext<Locale>, reference: Option<String>) -> ShownError {
    ShownError {
        message: t_string!(i18n, error_internal).to_string(),
        reference,
    }
}
