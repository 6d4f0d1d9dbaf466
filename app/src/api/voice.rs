//! "What I think": the young person's entries, and their worker's answers.

use leptos::prelude::*;

use crate::error::AppError;
use crate::voice::VoicePage;

#[cfg(feature = "ssr")]
fn voice_page(young_person: &str) -> String {
    crate::api::server_side::young_person_page(young_person, "/what-i-think")
}

#[server(prefix = "/api", endpoint = "what_i_think")]
pub async fn load_voice(young_person: String) -> Result<VoicePage, AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{answer, store};
    use crate::plan::TargetStatus;
    use crate::policy::Act;
    use crate::voice::worker_order;
    let result = async {
        let asker = checked::asker(&young_person, Act::ViewVoice).await?;
        let store = store()?;
        let people = checked::people(asker.young_person).await?;
        let plan = store.plan(asker.young_person).await?;
        let words_of = |key: &str| {
            plan.as_ref()
                .and_then(|p| p.content.target(key))
                .map(|t| t.target.text.clone())
                .unwrap_or_default()
        };
        let mut entries = store.voice_entries(asker.young_person).await?;
        for entry in &mut entries {
            if let Some((key, words)) = &mut entry.target {
                *words = words_of(key);
            }
        }
        let mine = asker.viewer.person == asker.young_person;
        let not_understood = if mine {
            Vec::new()
        } else {
            store.not_understood(asker.young_person).await?
        };
        if mine {
            // She has the page open: every answer on it is read (the home page stops
            // saying "Jo answered you").
            store.mark_answers_read(asker.young_person).await?;
        } else {
            worker_order(&mut entries);
        }
        Ok(VoicePage {
            young_person: asker.young_person,
            young_person_name: people.young_person.name,
            mine,
            may_answer: asker.may(Act::AnswerVoice),
            targets: plan
                .map(|p| {
                    p.content
                        .targets
                        .into_iter()
                        .filter(|t| t.status == TargetStatus::Active)
                        .map(|t| (t.key, t.target.text))
                        .collect()
                })
                .unwrap_or_default(),
            entries,
            help_key: uuid::Uuid::new_v4().to_string(),
            not_understood,
        })
    }
    .await;
    answer(result)
}

/// A young person's entry. "I need to talk to someone now" takes them straight to what to
/// do and who to call.
#[server(prefix = "/api", endpoint = "write_entry")]
pub async fn write_entry(
    young_person: String,
    words: Option<String>,
    feeling: Option<String>,
    target: Option<String>,
    urgent: Option<String>,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::policy::Act;
    use crate::programme::IdempotencyKey;
    use crate::voice::parse_entry;
    let page = voice_page(&young_person);
    let result = async {
        let asker = checked::asker(&young_person, Act::GiveVoice).await?;
        let key = IdempotencyKey::parse_optional(key.as_deref()).map_err(AppError::Invalid)?;
        let mut entry = parse_entry(
            words.as_deref(),
            feeling.as_deref(),
            target.as_deref(),
            urgent.is_some(),
        )
        .map_err(|p| p.into_error(false))?;
        // A link to a target that is not in the plan is dropped, not refused: the words
        // matter more than the link.
        if let Some(key) = &entry.target {
            let known = store()?
                .plan(asker.young_person)
                .await?
                .is_some_and(|p| p.content.target(key).is_some());
            if !known {
                entry.target = None;
            }
        }
        store()?
            .add_entry(&asker.viewer, asker.young_person, &entry, key.as_ref())
            .await?
            .map_err(AppError::Invalid)?;
        Ok(if entry.urgent {
            format!("/help-now?sent={}", asker.young_person)
        } else {
            format!("{page}?saved=1")
        })
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, &page, done.as_deref());
    result.map(|_| ())
}

/// The worker marks an entry seen, or answers it: a response to the young person, a note
/// of what was done, or both.
#[server(prefix = "/api", endpoint = "answer_entry")]
pub async fn answer_entry(
    young_person: String,
    entry: String,
    response: Option<String>,
    action_taken: Option<String>,
    seen_only: Option<String>,
) -> Result<(), AppError> {
    use crate::api::plan::checked;
    use crate::api::server_side::{finish_form, store};
    use crate::ids::EntryId;
    use crate::policy::Act;
    use crate::voice::parse_reply;
    let page = voice_page(&young_person);
    let result = async {
        let asker = checked::asker(&young_person, Act::AnswerVoice).await?;
        let entry = EntryId::parse(&entry).ok_or(AppError::NotFound)?;
        let answer = parse_reply(
            response.as_deref(),
            action_taken.as_deref(),
            seen_only.is_some(),
        )?;
        store()?
            .answer_entry(&asker.viewer, asker.young_person, entry, answer.as_ref())
            .await?
            .then_some(())
            .ok_or(AppError::NotFound)
    }
    .await;
    finish_form(&result, &page, None);
    result
}
