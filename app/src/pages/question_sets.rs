//! The managers' question-set builder. Every question is a block of plain fields, so the
//! builder works without JavaScript: spare blank blocks take new questions, a tick takes
//! one out, and saving keeps the draft exactly as typed until it is published.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::question_sets::{load_question_set, load_question_sets, SaveQuestionSet};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::i18n::*;
use crate::language::Language;
use crate::questionnaire::{
    written_date, QuestionDraft, QuestionProblem, SetPurpose, LABEL_MAX, OPTIONS_MAX, OPTION_MAX,
    QUESTION_MAX, TITLE_MAX,
};

/// Blank blocks offered after the set's questions, for adding new ones.
const SPARE_BLOCKS: usize = 3;

pub fn purpose_name(i18n: leptos_i18n::I18nContext<Locale>, purpose: SetPurpose) -> String {
    match purpose {
        SetPurpose::PreProgramme => t_string!(i18n, purpose_pre_programme),
        SetPurpose::PostProgramme => t_string!(i18n, purpose_post_programme),
        SetPurpose::SelfAssessment => t_string!(i18n, purpose_self_assessment),
        SetPurpose::YoungPersonFeedback => t_string!(i18n, purpose_young_person_feedback),
        SetPurpose::CarerFeedback => t_string!(i18n, purpose_carer_feedback),
    }
    .to_string()
}

fn question_problem(i18n: leptos_i18n::I18nContext<Locale>, problem: QuestionProblem) -> String {
    match problem {
        QuestionProblem::TextMissing => t_string!(i18n, builder_text_missing).to_string(),
        QuestionProblem::TextTooLong => t_string!(i18n, builder_text_too_long).to_string(),
        QuestionProblem::EndsInvalid => t_string!(i18n, builder_ends_invalid).to_string(),
        QuestionProblem::OptionsInvalid => t_string!(i18n, builder_options_invalid).to_string(),
        QuestionProblem::KindInvalid => t_string!(i18n, builder_kind_invalid).to_string(),
        QuestionProblem::WordingIncomplete => {
            t_string!(i18n, builder_wording_incomplete).to_string()
        }
    }
}

#[component]
pub fn QuestionSetListPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_question_sets());
    view! {
        <Title text=t_string!(i18n, question_sets_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(sets) => view! {
                            <h1>{t!(i18n, question_sets_title)}</h1>
                            <p>{t!(i18n, question_sets_intro)}</p>
                            <div class="table-wrap">
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, question_sets_col_set)}</th>
                                        <th scope="col">{t!(i18n, question_sets_col_version)}</th>
                                        <th scope="col">{t!(i18n, question_sets_col_answers)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {sets.into_iter().map(|s| {
                                            let href = format!("/question-sets/{}", s.purpose.as_str());
                                            let version = s.version;
                                            let date = written_date(&s.published_at);
                                            view! {
                                                <tr>
                                                    <td>
                                                        <a href=href>{s.title.clone()}</a>
                                                        <span class="caption">{format!(" · {}", purpose_name(i18n, s.purpose))}</span>
                                                        {s.has_draft.then(|| view! { <span class="tag">{t!(i18n, question_sets_draft_tag)}</span> })}
                                                    </td>
                                                    <td>{t!(i18n, question_sets_version, version, date)}</td>
                                                    <td>{s.responses}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

fn question_block(
    i18n: leptos_i18n::I18nContext<Locale>,
    index: usize,
    block: QuestionDraft,
    problem: Option<QuestionProblem>,
    languages: &[Language],
) -> impl IntoView {
    let number = index + 1;
    let id = |field: &str| format!("q{index}-{field}");
    let name = |field: &str| format!("questions[{index}][{field}]");
    let kinds = [
        ("scale", t_string!(i18n, kind_scale).to_string()),
        (
            "single_choice",
            t_string!(i18n, kind_single_choice).to_string(),
        ),
        (
            "multiple_choice",
            t_string!(i18n, kind_multiple_choice).to_string(),
        ),
        ("free_text", t_string!(i18n, kind_free_text).to_string()),
    ];
    let kind = if block.kind.is_empty() {
        "scale".to_string()
    } else {
        block.kind.clone()
    };
    let error_id = id("error");
    let describedby = problem.map(|_| error_id.clone());
    view! {
        <fieldset class="builder-question form-group" class:form-group--error=problem.is_some() id=id("fieldset") aria-describedby=describedby>
            <legend class="heading-small">{t!(i18n, builder_question_number, number)}</legend>
            {problem.map(|p| view! { <p class="error-message" id=error_id>{question_problem(i18n, p)}</p> })}
            <input type="hidden" name=name("key") value=block.key.clone() />
            <label class="label" for=id("text")>{t!(i18n, builder_question_text)}</label>
            <textarea class="input textarea" id=id("text") name=name("text") rows="2" maxlength=(QUESTION_MAX * 2).to_string()>{crate::markup::textarea_text(&block.text)}</textarea>
            <label class="label" for=id("kind")>{t!(i18n, builder_kind)}</label>
            <select class="input" id=id("kind") name=name("kind")>
                {kinds.into_iter().map(|(value, label)| view! {
                    <option value=value selected=kind == value>{label}</option>
                }).collect_view()}
            </select>
            <div class="builder-pair">
                <div>
                    <label class="label" for=id("low")>{t!(i18n, builder_low)}</label>
                    <input class="input" id=id("low") name=name("low") value=block.low.clone() maxlength=(LABEL_MAX * 2).to_string() />
                </div>
                <div>
                    <label class="label" for=id("high")>{t!(i18n, builder_high)}</label>
                    <input class="input" id=id("high") name=name("high") value=block.high.clone() maxlength=(LABEL_MAX * 2).to_string() />
                </div>
            </div>
            <div class="choice">
                <input class="choice__input" type="checkbox" id=id("lower_better") name=name("lower_better") value="yes" checked=block.lower_better />
                <label class="choice__label" for=id("lower_better")>{t!(i18n, builder_lower_better)}</label>
            </div>
            <label class="label" for=id("options")>{t!(i18n, builder_options)}</label>
            <p class="hint" id=id("options-hint")>{t!(i18n, builder_options_hint, most = OPTIONS_MAX, length = OPTION_MAX)}</p>
            <textarea class="input textarea" id=id("options") name=name("options") rows="4" aria-describedby=id("options-hint")>{crate::markup::textarea_text(&block.options)}</textarea>
            <div class="choice">
                <input class="choice__input" type="checkbox" id=id("required") name=name("required") value="yes" checked=block.required />
                <label class="choice__label" for=id("required")>{t!(i18n, builder_required)}</label>
            </div>
            {languages.iter().map(|language| {
                let language = *language;
                let words = block.wordings.get(&language).cloned().unwrap_or_default();
                // Welsh opens when it has words; a parent's languages only when there is a
                // problem, or the page would be four times as long.
                let open = problem == Some(QuestionProblem::WordingIncomplete)
                    || (language == Language::Welsh && !words.is_blank());
                let tag = language.tag();
                let field = move |part: &str| format!("{tag}_{part}");
                let name_of = language.own_name();
                let (summary, hint) = if language == Language::Welsh {
                    (t!(i18n, builder_welsh_words).into_any(), t!(i18n, builder_welsh_hint).into_any())
                } else {
                    (
                        t!(i18n, builder_parents_words, language = name_of).into_any(),
                        t!(i18n, builder_parents_words_hint, language = name_of).into_any(),
                    )
                };
                view! {
                    <details class="builder-wording" open=open>
                        <summary>{summary}</summary>
                        // The labels and hint are in the page's language; only what is typed is in
                        // the other one (its lang and direction on each box).
                        <div>
                            <p class="hint">{hint}</p>
                            <label class="label" for=id(&field("text"))>{t!(i18n, builder_question_text)}</label>
                            <textarea class="input textarea" id=id(&field("text")) name=name(&field("text")) lang=tag dir=language.dir() rows="2" maxlength=(QUESTION_MAX * 2).to_string()>{crate::markup::textarea_text(&words.text)}</textarea>
                            <div class="builder-pair">
                                <div>
                                    <label class="label" for=id(&field("low"))>{t!(i18n, builder_low)}</label>
                                    <input class="input" id=id(&field("low")) name=name(&field("low")) lang=tag dir=language.dir() value=words.low.clone() maxlength=(LABEL_MAX * 2).to_string() />
                                </div>
                                <div>
                                    <label class="label" for=id(&field("high"))>{t!(i18n, builder_high)}</label>
                                    <input class="input" id=id(&field("high")) name=name(&field("high")) lang=tag dir=language.dir() value=words.high.clone() maxlength=(LABEL_MAX * 2).to_string() />
                                </div>
                            </div>
                            <label class="label" for=id(&field("options"))>{t!(i18n, builder_options)}</label>
                            <textarea class="input textarea" id=id(&field("options")) name=name(&field("options")) lang=tag dir=language.dir() rows="4">{crate::markup::textarea_text(&words.options)}</textarea>
                        </div>
                    </details>
                }
            }).collect_view()}
            {(!block.is_blank()).then(|| view! {
                <div class="choice">
                    <input class="choice__input" type="checkbox" id=id("remove") name=name("remove") value="yes" />
                    <label class="choice__label" for=id("remove")>{t!(i18n, builder_remove)}</label>
                </div>
            })}
        </fieldset>
    }
}

#[component]
pub fn QuestionSetBuilderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let action = ServerAction::<SaveQuestionSet>::new();
    let errors = form_error(i18n, action);
    let search = use_location().search;
    // Re-read after every save, so the problems of a kept draft appear beside its questions.
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("purpose").unwrap_or_default()),
                search.get(),
                action.version().get(),
            )
        },
        |(purpose, _, _)| load_question_set(purpose),
    );
    view! {
        <Title text=t_string!(i18n, builder_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(editor) => {
                            let saved = use_query_map().with_untracked(|q| q.get("saved"));
                            let current = editor.current.clone();
                            let version = current.version;
                            let next = version + 1;
                            let date = written_date(&current.published_at);
                            let by = current.published_by.clone().unwrap_or_else(|| t_string!(i18n, builder_by_waypoint).to_string());
                            let mut blocks = editor.draft.questions.clone();
                            blocks.extend((0..SPARE_BLOCKS).map(|_| QuestionDraft::default()));
                            let problems = editor.problems.clone();
                            let set_problem = problems.set;
                            let languages = current.purpose.other_languages();
                            view! {
                                {match saved.as_deref() {
                                    Some("published") => Some(view! { <p class="saved-notice" role="status">{t!(i18n, builder_published, version)}</p> }.into_any()),
                                    Some("draft") => Some(view! { <p class="saved-notice" role="status">{t!(i18n, builder_draft_saved)}</p> }.into_any()),
                                    _ => None,
                                }}
                                <FormErrors errors field="title" />
                                <p class="caption">{purpose_name(i18n, current.purpose)}</p>
                                <h1>{current.title.clone()}</h1>
                                <p>{t!(i18n, builder_current, version, date, by)}</p>
                                <p class="hint">{t!(i18n, builder_versions_explained)}</p>
                                {editor.draft_saved.clone().map(|(who, at)| {
                                    let when = written_date(&at);
                                    view! { <p class="notice">{t!(i18n, builder_draft_waiting, who, when)}</p> }
                                })}
                                <ActionForm action attr:novalidate=true attr:class="builder">
                                    <input type="hidden" name="purpose" value=current.purpose.as_str() />
                                    <div class="form-group" class:form-group--error=set_problem.is_some()>
                                        <label class="label" for="title">{t!(i18n, builder_set_title)}</label>
                                        <input class="input" id="title" name="title" value=editor.draft.title.clone() maxlength=(TITLE_MAX * 2).to_string() />
                                        {languages.iter().map(|language| {
                                            let language = *language;
                                            let field = format!("title_{}", language.tag());
                                            let name_of = language.own_name();
                                            let label = if language == Language::Welsh {
                                                t!(i18n, builder_set_title_welsh).into_any()
                                            } else {
                                                t!(i18n, builder_set_title_parents, language = name_of).into_any()
                                            };
                                            let value = editor.draft.title_wordings.get(&language).cloned().unwrap_or_default();
                                            view! {
                                                <label class="label" for=field.clone()>{label}</label>
                                                <input class="input" id=field.clone() name=field lang=language.tag() dir=language.dir() value=value maxlength=(TITLE_MAX * 2).to_string() />
                                            }
                                        }).collect_view()}
                                    </div>
                                    <p class="hint">{t!(i18n, builder_languages_explained)}</p>
                                    {blocks.into_iter().enumerate().map(|(i, block)| {
                                        question_block(i18n, i, block, problems.of_question(i), &languages)
                                    }).collect_view()}
                                    <div class="button-row">
                                        <button class="button" type="submit" name="publish" value="yes">{t!(i18n, builder_publish, next)}</button>
                                        <button class="button button--secondary" type="submit">{t!(i18n, builder_save_draft)}</button>
                                    </div>
                                </ActionForm>
                                <p><a href="/question-sets">{t!(i18n, builder_back)}</a></p>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
