//! "What I think": the young person writes (or picks a face), sees every answer beside what
//! they wrote; the worker sees urgent entries first and answers each ("you said, we did").
//! Also the help page shown at once when someone asks to talk to someone now.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::voice::{load_voice, AnswerEntry, WriteEntry};
use crate::components::help::{HelpLines, UrgentHelpButton};
use crate::components::layout::Layout;
use crate::components::page_state::{action_error, form_error, load_failed, FormErrors};
use crate::components::reply::{reply_form, reply_view};
use crate::i18n::*;
use crate::questionnaire::written_date_time;
use crate::voice::{Feeling, VoiceEntry, VoicePage};

fn feeling_word(i18n: leptos_i18n::I18nContext<Locale>, feeling: Feeling) -> AnyView {
    match feeling {
        Feeling::Happy => t!(i18n, feeling_happy).into_any(),
        Feeling::Calm => t!(i18n, feeling_calm).into_any(),
        Feeling::Okay => t!(i18n, feeling_okay).into_any(),
        Feeling::Worried => t!(i18n, feeling_worried).into_any(),
        Feeling::Sad => t!(i18n, feeling_sad).into_any(),
        Feeling::Angry => t!(i18n, feeling_angry).into_any(),
    }
}

fn entry_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &VoicePage,
    entry: VoiceEntry,
    answer: ServerAction<AnswerEntry>,
) -> AnyView {
    let date = written_date_time(&entry.written_at);
    let yp = page.young_person.to_string();
    let id = entry.id.to_string();
    let staff_view = !page.mine;
    let name = page.young_person_name.clone();
    let said = view! {
        <div class="voice-said">
            <p class="caption">
                {if staff_view { t!(i18n, voice_they_said, name, date).into_any() } else { t!(i18n, voice_you_said, date).into_any() }}
            </p>
            {entry.urgent.then(|| view! { <p><strong class="tag tag--red">{t!(i18n, voice_urgent_tag)}</strong></p> })}
            {entry.feeling.map(|f| view! {
                <p class="voice-feeling"><span aria-hidden="true">{f.face()}</span>" "{feeling_word(i18n, f)}</p>
            })}
            {entry.words.clone().map(|w| view! { <p class="voice-words">{w}</p> })}
            {entry.target.clone().filter(|(_, words)| !words.is_empty()).map(|(_, words)| view! {
                <p class="caption">{t!(i18n, voice_about_target, target = words)}</p>
            })}
        </div>
    };
    let needs_help = entry.needs_help();
    let li_id = format!("entry-{id}");
    let reply = reply_view(i18n, &entry.reply, staff_view);
    let form = page.may_answer.then(|| {
        let hidden = vec![("young_person", yp.clone()), ("entry", id.clone())];
        reply_form(i18n, answer, hidden, &entry.reply, id.clone(), needs_help)
    });
    view! {
        <li class="card voice-entry" class:voice-entry--urgent=needs_help id=li_id>
            {said}
            {reply}
            {form}
        </li>
    }
    .into_any()
}

/// `urgent`: the young person came from "I need to talk to someone now" to add words, which
/// then go to the worker as urgent too.
fn write_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: &VoicePage,
    write: ServerAction<WriteEntry>,
    urgent: bool,
) -> AnyView {
    let yp = page.young_person.to_string();
    let targets = page.targets.clone();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Sent: the form starts again empty, so nothing is sent twice by mistake.
    Effect::new(move |_| {
        if matches!(write.value().get(), Some(Ok(()))) {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    view! {
        <section class="card" aria-labelledby="write-title">
            <h2 id="write-title" class="card__title">{t!(i18n, voice_write_title)}</h2>
            <ActionForm action=write node_ref=form_ref attr:data-queue="true" attr:data-draft="entry" attr:novalidate="true">
                <input type="hidden" name="young_person" value=yp />
                {urgent.then(|| view! { <input type="hidden" name="urgent" value="yes" /> })}
                <fieldset class="fieldset form-group">
                    <legend class="label">{t!(i18n, voice_feeling_legend)}</legend>
                    <div class="feelings">
                        {Feeling::ALL.into_iter().map(|f| {
                            let id = format!("feeling-{}", f.as_str());
                            view! {
                                <div class="feeling">
                                    <input class="feeling__input" type="radio" name="feeling" id=id.clone() value=f.as_str() />
                                    <label class="feeling__label" for=id>
                                        <span class="feeling__face" aria-hidden="true">{f.face()}</span>
                                        <span>{feeling_word(i18n, f)}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <label class="label" for="voice-words">{t!(i18n, voice_words_label)}</label>
                <p class="hint" id="voice-words-hint">{t!(i18n, voice_words_hint)}</p>
                <textarea class="input textarea" id="voice-words" name="words" rows="5" aria-describedby="voice-words-hint"></textarea>
                {(!targets.is_empty()).then(|| view! {
                    <label class="label" for="voice-target">{t!(i18n, voice_target_label)}</label>
                    <select class="input" id="voice-target" name="target">
                        <option value="">{t!(i18n, voice_target_none)}</option>
                        {targets.into_iter().map(|(key, words)| view! { <option value=key>{words}</option> }).collect_view()}
                    </select>
                })}
                <button class="button" type="submit">{t!(i18n, voice_send)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
pub fn VoicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let search = use_location().search;
    let write = ServerAction::<WriteEntry>::new();
    let answer = ServerAction::<AnswerEntry>::new();
    let write_errors = form_error(i18n, write);
    let answer_errors = action_error(i18n, answer);
    let query = use_query_map();
    let urgent = Memo::new(move |_| query.with(|q| q.get("urgent").is_some()));
    // "Sent" after a plain form post (in the address) and after the app's own post alike.
    let saved = Memo::new(move |_| {
        query.with(|q| q.get("saved").is_some()) || matches!(write.value().get(), Some(Ok(())))
    });
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("young_person").unwrap_or_default()),
                search.get(),
                write.version().get() + answer.version().get(),
            )
        },
        |(yp, _, _)| load_voice(yp),
    );
    view! {
        <Title text=t_string!(i18n, voice_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let name = page.young_person_name.clone();
                            let heading = if page.mine {
                                view! { <h1>{t!(i18n, voice_title)}</h1> }.into_any()
                            } else {
                                view! { <h1>{t!(i18n, voice_their_title, name)}</h1> }.into_any()
                            };
                            let entries = page.entries.clone();
                            view! {
                                <FormErrors errors=write_errors field="voice-words" />
                                <FormErrors errors=answer_errors />
                                <div role="status">
                                    {move || saved.get().then(|| view! { <p class="saved-notice">{t!(i18n, voice_saved)}</p> })}
                                </div>
                                {heading}
                                {page.mine.then(|| view! {
                                    <UrgentHelpButton young_person=page.young_person key=page.help_key.clone() />
                                    <p>{t!(i18n, voice_intro)}</p>
                                })}
                                {page.mine.then(|| write_form(i18n, &page, write, urgent.get_untracked()))}
                                {(!page.not_understood.is_empty()).then(|| not_understood_view(i18n, &page))}
                                <h2>{if page.mine { t!(i18n, voice_yours).into_any() } else { t!(i18n, voice_entries).into_any() }}</h2>
                                {entries.is_empty().then(|| view! { <p>{t!(i18n, voice_none)}</p> })}
                                <ol class="card-list">
                                    {entries.into_iter().map(|e| entry_view(i18n, &page, e, answer)).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// What to do now. Needs no sign-in, so it can be reached from anywhere, and says nothing
/// about who is reading it.
/// What the young person said they did not understand, for their worker to explain.
fn not_understood_view(i18n: leptos_i18n::I18nContext<Locale>, page: &VoicePage) -> AnyView {
    let name = page.young_person_name.clone();
    let young_person = page.young_person.to_string();
    let may_answer = page.may_answer;
    view! {
        <section class="not-understood" id="not-understood" aria-labelledby="not-understood-title">
            <h2 id="not-understood-title">{t!(i18n, not_understood_heading, name)}</h2>
            <p class="hint">{t!(i18n, not_understood_hint)}</p>
            <ul class="card-list">
                {page.not_understood.iter().map(|item| {
                    let date = crate::questionnaire::written_date_time(&item.asked_at);
                    let young_person = young_person.clone();
                    let (id, words) = (item.id.to_string(), item.words.clone());
                    view! {
                        <li class="card">
                            <p class="card__title">{words}</p>
                            <p class="caption">{t!(i18n, not_understood_asked, date)}</p>
                            {may_answer.then(|| {
                                let action = ServerAction::<crate::api::support::MarkExplained>::new();
                                view! {
                                    <ActionForm action>
                                        <input type="hidden" name="young_person" value=young_person />
                                        <input type="hidden" name="item" value=id />
                                        <button class="button button--secondary" type="submit">{t!(i18n, mark_explained)}</button>
                                    </ActionForm>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
pub fn HelpNowPage() -> impl IntoView {
    let i18n = use_i18n();
    // `sent` carries the young person's id (their own, as it is in every address of their
    // pages), so the page can offer to add words to what was sent.
    let sent = use_query_map()
        .with_untracked(|q| q.get("sent").map(|raw| crate::ids::PersonId::parse(&raw)));
    view! {
        <Title text=t_string!(i18n, help_title).to_string() />
        <Layout>
            <h1>{t!(i18n, help_title)}</h1>
            {sent.is_some().then(|| view! { <p class="panel" role="status">{t!(i18n, help_sent)}</p> })}
            <HelpLines />
            <p>{t!(i18n, help_when_worker)}</p>
            <p>{t!(i18n, help_trusted_adult)}</p>
            {sent.flatten().map(|yp| view! {
                <p><a class="button button--secondary" href=format!("{}?urgent=1", crate::voice::voice_href(yp))>{t!(i18n, help_add_words)}</a></p>
            })}
        </Layout>
    }
}
