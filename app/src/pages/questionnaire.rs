//! A young person answering a questionnaire, and their answers read back.
//!
//! Unlike the other forms, this one lets the browser check required answers before it is
//! sent (no `novalidate`): without JavaScript a refused post comes back as a fresh page, and
//! a long questionnaire must not be lost for one missed answer. The server still checks
//! everything, and with JavaScript its messages appear beside each question.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::questionnaires::{load_answers, load_questionnaire, SaveAnswers};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::components::read_aloud::ReadAloud;
use crate::components::scale::{Scale, ScaleToggle};
use crate::components::support::{ExplainForm, ExplainSubmit};
use crate::error::AppError;
use crate::i18n::*;
use crate::questionnaire::{written_date, AnswerProblem, Question, QuestionKind, ANSWER_MAX};

fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: Option<AnswerProblem>) -> String {
    match problem {
        Some(AnswerProblem::Missing) => t_string!(i18n, answer_missing),
        Some(AnswerProblem::ScoreInvalid) => t_string!(i18n, answer_score_invalid),
        Some(AnswerProblem::ChoiceInvalid) => t_string!(i18n, answer_choice_invalid),
        Some(AnswerProblem::TooLong) => t_string!(i18n, answer_too_long),
        None => t_string!(i18n, answer_check),
    }
    .to_string()
}

/// The question as read aloud: the words, and what the answers are.
fn spoken(question: &Question) -> String {
    match &question.kind {
        QuestionKind::Scale { low, high, .. } => format!("{} {low}. {high}.", question.text),
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            format!("{} {}.", question.text, options.join(". "))
        }
        QuestionKind::FreeText => question.text.clone(),
    }
}

/// Communication support on a questionnaire: each question on a screen of its own, with
/// "I don't understand this" (its form is outside the answers' form) and a way on to the
/// next.
struct OnScreen {
    /// The next question's key; `None` for the last.
    next: Option<String>,
}

fn question_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    question: Question,
    faces: bool,
    in_english: bool,
    on_screen: Option<OnScreen>,
    error: Signal<Option<String>>,
) -> AnyView {
    let key = question.key.clone();
    let field = format!("answers[{key}][]");
    let legend = if question.required {
        question.text.clone()
    } else {
        format!(
            "{} {}",
            question.text,
            t_string!(i18n, questionnaire_optional)
        )
    };
    let required = question.required;
    let error_id = format!("{key}-error");
    let has_error = move || error.with(Option::is_some);
    let error_line = {
        let error_id = error_id.clone();
        move || {
            error
                .get()
                .map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })
        }
    };
    let described = {
        let error_id = error_id.clone();
        move |hint: String| {
            if has_error() {
                format!("{hint} {error_id}")
            } else {
                hint
            }
        }
    };
    let read = if in_english {
        view! { <ReadAloud text=spoken(&question) language=crate::language::Language::English /> }
            .into_any()
    } else {
        view! { <ReadAloud text=spoken(&question) /> }.into_any()
    };
    let multiple = matches!(question.kind, QuestionKind::MultipleChoice { .. });
    let body = match question.kind {
        QuestionKind::Scale { low, high, good_end } => view! {
            <Scale legend checked=None name=field id=key.clone() ends=(low, high) faces good_end required error />
        }
        .into_any(),
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let hint_id = format!("{key}-hint");
            let hint = if multiple {
                t_string!(i18n, questionnaire_tick_all).to_string()
            } else {
                t_string!(i18n, questionnaire_choose_one).to_string()
            };
            let describedby = {
                let hint_id = hint_id.clone();
                move || described(hint_id.clone())
            };
            view! {
                <div class="form-group" class:form-group--error=has_error>
                    <fieldset class="fieldset" id=format!("{key}-fieldset") aria-describedby=describedby>
                        <legend class="scale__legend">{legend}</legend>
                        <p class="hint" id=hint_id>{hint}</p>
                        {error_line}
                        {options.into_iter().enumerate().map(|(i, option)| {
                            let id = format!("{key}-{i}");
                            view! {
                                <div class="choice">
                                    <input
                                        class="choice__input"
                                        type=if multiple { "checkbox" } else { "radio" }
                                        name=field.clone()
                                        id=id.clone()
                                        value=i.to_string()
                                        // A required checkbox would mean "tick every one".
                                        required=required && !multiple
                                    />
                                    <label class="choice__label" for=id>{option}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
            }
            .into_any()
        }
        QuestionKind::FreeText => {
            let id = format!("{key}-fieldset");
            let hint_id = format!("{key}-hint");
            let describedby = {
                let hint_id = hint_id.clone();
                move || described(hint_id.clone())
            };
            view! {
                <div class="form-group" class:form-group--error=has_error>
                    <label class="label" for=id.clone()>{legend}</label>
                    <p class="hint" id=hint_id>{t!(i18n, questionnaire_free_text_hint)}</p>
                    {error_line}
                    <textarea
                        class="input textarea"
                        id=id
                        name=field
                        rows="5"
                        maxlength=ANSWER_MAX.to_string()
                        required=required
                        aria-describedby=describedby
                    ></textarea>
                </div>
            }
            .into_any()
        }
    };
    // Never English passed off as the page's language: the note says so, and `lang` lets
    // a screen reader (and read-aloud) use an English voice for it.
    let note = in_english
        .then(|| view! { <p class="tag tag--grey">{t!(i18n, questionnaire_in_english)}</p> });
    let lang = in_english.then_some("en");
    let Some(screen) = on_screen else {
        return view! { <div class="question">{note}<div lang=lang>{read}{body}</div></div> }
            .into_any();
    };
    let anchor = format!("{key}-screen");
    let section_id = anchor.clone();
    let next = screen.next.map(|next| {
        view! { <p><a class="button button--secondary question__next" href=format!("#{next}-screen")>{t!(i18n, next_question)}" ↓"</a></p> }
    });
    view! {
        <section class="question question--screen" id=section_id>
            {note}
            <div lang=lang>{read}{body}</div>
            <ExplainSubmit anchor form=format!("explain-{key}") new_tab=true />
            {next}
        </section>
    }
    .into_any()
}

#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let action = ServerAction::<SaveAnswers>::new();
    let errors = form_error(i18n, action);
    let address = move || {
        params.with(|p| {
            (
                p.get("young_person").unwrap_or_default(),
                p.get("purpose").unwrap_or_default(),
                p.get("cohort"),
            )
        })
    };
    let search = use_location().search;
    let data = Resource::new(
        move || (address(), search.get()),
        |((yp, purpose, cohort), _)| load_questionnaire(yp, purpose, cohort),
    );
    // Which questions need another look: from the server's answer once the form was sent
    // here, else from the address after a post without JavaScript (keys only).
    let from_address: Vec<(String, Option<AnswerProblem>)> = use_query_map().with_untracked(|q| {
        q.get("questions")
            .map(|keys| keys.split(',').map(|k| (k.to_owned(), None)).collect())
            .unwrap_or_default()
    });
    let problems = Memo::new(move |_| match action.value().get() {
        Some(Err(AppError::AnswersInvalid(found))) => {
            found.into_iter().map(|(k, p)| (k, Some(p))).collect()
        }
        Some(_) => Vec::new(),
        None => from_address.clone(),
    });
    view! {
        <Title text=t_string!(i18n, questionnaire_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => {
                            let faces = use_query_map().with_untracked(|q| {
                                crate::components::scale::faces_chosen(q.get("faces").as_deref(), view.support)
                            });
                            let first = view.version.questions.first().map(|q| format!("{}-fieldset", q.key));
                            let title = view.version.title.clone();
                            let title_lang = view.title_in_english.then_some("en");
                            let in_english = view.in_english.clone();
                            let support = view.support;
                            let keys: Vec<String> = view.version.questions.iter().map(|q| q.key.clone()).collect();
                            let (young_person, version_id) = (view.young_person, view.version.id);
                            let explain_keys = keys.clone();
                            view! {
                                <FormErrors errors field=first.unwrap_or_default() />
                                {view.programme.clone().map(|p| view! { <p class="caption">{p}</p> })}
                                <h1 lang=title_lang>{title}</h1>
                                <p>{t!(i18n, questionnaire_intro)}</p>
                                {view.last_answered.clone().map(|at| {
                                    let date = written_date(&at);
                                    view! { <p class="hint">{t!(i18n, questionnaire_last_answered, date)}</p> }
                                })}
                                <p><ScaleToggle faces /></p>
                                // `data-draft`: answers chosen are kept on the phone until sent, so
                                // a time-out or a closed tab loses none (offline-queue.js).
                                <ActionForm action attr:data-queue="true" attr:data-draft="answers">
                                    <input type="hidden" name="young_person" value=view.young_person.to_string() />
                                    <input type="hidden" name="purpose" value=view.version.purpose.as_str() />
                                    {view.cohort.map(|c| view! { <input type="hidden" name="cohort" value=c.to_string() /> })}
                                    <input type="hidden" name="version" value=view.version.id.to_string() />
                                    {view.version.questions.iter().cloned().map(|q| {
                                        let key = q.key.clone();
                                        let error = Signal::derive(move || {
                                            problems.with(|all| {
                                                all.iter().find(|(k, _)| *k == key).map(|(_, p)| problem_text(i18n, *p))
                                            })
                                        });
                                        let english = in_english.contains(&q.key);
                                        let on_screen = support.then(|| OnScreen {
                                            next: keys.iter().skip_while(|k| **k != q.key).nth(1).cloned(),
                                        });
                                        question_view(i18n, q, faces, english, on_screen, error)
                                    }).collect_view()}
                                    {view.version.purpose.is_feedback().then(|| view! {
                                        <div class="form-group">
                                            <div class="choice">
                                                <input class="choice__input" type="checkbox" id="share-words" name="share_words" value="yes" aria-describedby="share-words-hint" />
                                                <label class="choice__label" for="share-words">{t!(i18n, feedback_share_label)}</label>
                                            </div>
                                            <p class="hint" id="share-words-hint">{t!(i18n, feedback_share_hint)}</p>
                                        </div>
                                    })}
                                    <button class="button" type="submit">{t!(i18n, questionnaire_send)}</button>
                                </ActionForm>
                                // Outside the answers' form: forms cannot nest.
                                {support.then(|| explain_keys.iter().map(|key| {
                                    let item = crate::support::Item::Question { version: version_id, key: key.clone() };
                                    view! { <ExplainForm young_person item anchor=format!("{key}-screen") id=format!("explain-{key}") /> }
                                }).collect_view())}
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// The questions of one response with what was answered, for reading back.
pub fn answered_items(
    i18n: leptos_i18n::I18nContext<Locale>,
    items: Vec<crate::questionnaire::AnsweredQuestion>,
) -> impl IntoView {
    view! {
        <dl class="summary">
            {items.into_iter().map(|item| view! {
                <dt>{item.question}</dt>
                <dd>{item.answer.unwrap_or_else(|| t_string!(i18n, answers_skipped).to_string())}</dd>
            }).collect_view()}
        </dl>
    }
}

/// Everything a young person has answered: for them ("My answers") and for staff who may
/// see it. Each response is shown against the version it answered.
#[component]
pub fn AnswersPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let data = Resource::new(
        move || params.with(|p| p.get("young_person").unwrap_or_default()),
        load_answers,
    );
    view! {
        <Title text=t_string!(i18n, answers_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(responses) => view! {
                            {saved.then(|| view! { <p class="saved-notice" role="status">{t!(i18n, answers_saved)}</p> })}
                            <h1>{t!(i18n, answers_title)}</h1>
                            {responses.is_empty().then(|| view! { <p>{t!(i18n, answers_none)}</p> })}
                            {responses.into_iter().map(|r| {
                                let date = written_date(&r.submitted_at);
                                let version = r.version;
                                view! {
                                    <section class="card response">
                                        <h2 class="card__title">{r.title.clone()}</h2>
                                        <p class="caption">
                                            {r.programme.clone().map(|p| format!("{p} · "))}
                                            {t!(i18n, answers_given_on, date, version)}
                                        </p>
                                        {answered_items(i18n, r.items)}
                                    </section>
                                }
                            }).collect_view()}
                            <p><a href="/">{t!(i18n, not_found_home)}</a></p>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
