//! "You said, we did" as people see it: the worker's answer beside what someone said, and
//! for the worker, whether it has been seen and the form to answer it. One look for "What
//! I think" entries and for feedback.

use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos_i18n::I18nContext;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::i18n::*;
use crate::questionnaire::written_date;
use crate::voice::{Reply, RESPONSE_MAX};

/// The answer (for everyone), and for staff whether it was seen while unanswered.
pub fn reply_view(i18n: I18nContext<Locale>, reply: &Reply, staff_view: bool) -> impl IntoView {
    let did = reply.answered().then(|| {
        let who = reply.responded_by.clone().unwrap_or_default();
        let when = written_date(reply.responded_at.as_deref().unwrap_or_default());
        view! {
            <div class="voice-did">
                <p class="caption">{t!(i18n, voice_we_said, who, when)}</p>
                {reply.response.clone().map(|r| view! { <p class="voice-words">{r}</p> })}
                {reply.action_taken.clone().map(|a| view! { <p><strong>{t!(i18n, voice_we_did)}</strong>" "{a}</p> })}
            </div>
        }
    });
    let seen = (staff_view && !reply.answered()).then(|| match (&reply.seen_by, &reply.seen_at) {
        (Some(who), Some(at)) => {
            let (who, when) = (who.clone(), written_date(at));
            view! { <p class="caption">{t!(i18n, voice_seen_by, who, when)}</p> }.into_any()
        }
        _ => view! { <p><strong class="tag">{t!(i18n, voice_not_seen)}</strong></p> }.into_any(),
    });
    view! { {did} {seen} }
}

/// The worker's answer form, and "Mark as seen" while it is unseen. `hidden` names the
/// record (posted with both forms); `id` keeps the fields' ids unique on the page.
pub fn reply_form<S, O>(
    i18n: I18nContext<Locale>,
    action: ServerAction<S>,
    hidden: Vec<(&'static str, String)>,
    reply: &Reply,
    id: String,
    open: bool,
) -> impl IntoView
where
    // What `ActionForm` asks of a server function, spelled out once here.
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, O>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Client: Client<AppError>,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    S::Output: Send + Sync + 'static,
{
    let fields = move |hidden: &Vec<(&'static str, String)>| {
        hidden
            .iter()
            .map(|(name, value)| view! { <input type="hidden" name=*name value=value.clone() /> })
            .collect_view()
    };
    let (response_id, action_id) = (format!("response-{id}"), format!("action-{id}"));
    let (response_text, action_text) = (
        reply.response.clone().unwrap_or_default(),
        reply.action_taken.clone().unwrap_or_default(),
    );
    let unseen = !reply.seen();
    let seen_fields = fields(&hidden);
    view! {
        <details class="voice-answer" open=open>
            <summary>{t!(i18n, voice_answer_open)}</summary>
            <ActionForm action=action attr:novalidate="true">
                {fields(&hidden)}
                <label class="label" for=response_id.clone()>{t!(i18n, voice_response_label)}</label>
                <p class="hint" id=format!("{response_id}-hint")>{t!(i18n, voice_response_hint, limit = RESPONSE_MAX)}</p>
                <textarea class="input textarea" id=response_id.clone() name="response" rows="3" aria-describedby=format!("{response_id}-hint")>{crate::markup::textarea_text(&response_text)}</textarea>
                <label class="label" for=action_id.clone()>{t!(i18n, voice_action_label)}</label>
                <textarea class="input textarea" id=action_id name="action_taken" rows="2">{crate::markup::textarea_text(&action_text)}</textarea>
                <button class="button" type="submit">{t!(i18n, voice_send_answer)}</button>
            </ActionForm>
        </details>
        {unseen.then(|| view! {
            <ActionForm action=action>
                {seen_fields}
                <input type="hidden" name="seen_only" value="1" />
                <button class="button button--secondary" type="submit">{t!(i18n, voice_mark_seen)}</button>
            </ActionForm>
        })}
    }
}
