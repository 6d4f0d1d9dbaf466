//! "I agree" and "I don't agree": the young person, each parent/carer and the worker, each
//! on the exact words they read (named by their hash).

use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "respond_to_plan")]
pub async fn respond_to_plan(
    young_person: String,
    hash: String,
    decision: String,
    comment: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, plan_changes};
    use crate::error::Problem;
    use crate::plan::{self, Decision};
    use crate::policy::Act;
    let page = crate::api::plan::plan_page(&young_person);
    let result = async {
        let asker = checked::asker(&young_person, Act::AgreePlan).await?;
        let decision =
            Decision::parse(&decision).ok_or(AppError::Invalid(Problem::DecisionInvalid))?;
        let comment = plan::comment(comment.as_deref(), decision == Decision::Disagree)?;
        plan_changes()?
            .respond_to_plan(
                &asker.viewer,
                asker.young_person,
                hash.trim(),
                decision,
                comment,
            )
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &page, None);
    result
}
