//! Communication support: turning it on and off, "I don't understand this", and the worker
//! marking an item explained. Plain forms, so each works without JavaScript.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::language::path_back;
use crate::error::AppError;

/// Turns communication support on (`on` sent) or off, for the young person themselves or
/// by their worker with them, then goes back to the page it was set on.
#[server(prefix = "/api", endpoint = "set_communication_support")]
pub async fn set_communication_support(
    young_person: String,
    on: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked::asker;
    use crate::api::server_side::{finish_form, store};
    use crate::policy::Act;
    let back = path_back(back.as_deref());
    let result = async {
        let asker = asker(&young_person, Act::SetSupport).await?;
        store()?
            .set_communication_support(&asker.viewer, asker.young_person, on.is_some())
            .await?;
        Ok(())
    }
    .await;
    finish_form(&result, &back, Some(&back));
    result
}

/// "I don't understand this" about a question or a plan target. The words the worker sees
/// are read here, in the language the young person saw them in, never taken from the form.
#[server(prefix = "/api", endpoint = "explain_this")]
pub async fn explain_this(
    young_person: String,
    item: String,
    back: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked::asker;
    use crate::api::server_side::{current_language, finish_form, store};
    use crate::policy::Act;
    use crate::support::Item;
    let back = path_back(back.as_deref());
    let result = async {
        let asker = asker(&young_person, Act::AskToExplain).await?;
        let young_person = asker.young_person;
        // An item that is not theirs, or not there, is an edited form: not found.
        let item = Item::parse(&item).ok_or(AppError::NotFound)?;
        let store = store()?;
        let words = match &item {
            Item::Question { version, key } => {
                let version = store
                    .version_for(young_person, *version)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let worded = version.worded_in(current_language()).version;
                worded
                    .questions
                    .into_iter()
                    .find(|q| q.key == *key)
                    .map(|q| format!("{}: {}", worded.title, q.text))
                    .ok_or(AppError::NotFound)?
            }
            Item::Target { key } => store
                .plan(young_person)
                .await?
                .and_then(|plan| plan.content.target(key).map(|t| t.target.text.clone()))
                .filter(|words| !words.trim().is_empty())
                .ok_or(AppError::NotFound)?,
        };
        store
            .ask_to_explain(&asker.viewer, young_person, &item, &words)
            .await?;
        Ok(())
    }
    .await;
    finish_form(&result, &back, Some(&back));
    result
}

/// The worker has explained it (in person, on the phone): it leaves their list.
#[server(prefix = "/api", endpoint = "mark_explained")]
pub async fn mark_explained(young_person: String, item: String) -> Result<(), AppError> {
    use crate::api::plan::checked::asker;
    use crate::api::server_side::{finish_form, store};
    use crate::ids::ExplainId;
    use crate::policy::Act;
    let page = format!(
        "/young-people/{}/what-i-think#not-understood",
        crate::api::server_side::address_part(&young_person)
    );
    let result = async {
        let asker = asker(&young_person, Act::AnswerVoice).await?;
        let id = ExplainId::parse(&item).ok_or(AppError::NotFound)?;
        store()?
            .mark_explained(&asker.viewer, asker.young_person, id)
            .await?
            .then_some(())
            .ok_or(AppError::NotFound)
    }
    .await;
    finish_form(&result, &page, Some(&page));
    result
}
