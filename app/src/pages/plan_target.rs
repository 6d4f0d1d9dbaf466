//! Writing one target, or adding one. Each person gets boxes for their own parts and reads
//! the others'. The form says what each part said when it was opened, so a change someone
//! else made meanwhile is merged or shown side by side; a refused save comes back with the
//! person's words kept (on the server, so this works without JavaScript too). Without
//! signal the save waits on the phone in the offline queue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

use crate::api::plan::{load_target_editor, SaveTarget, TargetEditor};
use crate::components::layout::Layout;
use crate::components::page_state::{form_error, load_failed, FormErrors};
use crate::i18n::*;
use crate::pages::plan::{byline, PartHeading};
use crate::plan::{Part, PartProblem, TargetStatus};

fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: PartProblem) -> AnyView {
    match problem {
        PartProblem::Empty => t!(i18n, error_plan_target_empty).into_any(),
        PartProblem::TooLong => t!(i18n, plan_part_too_long).into_any(),
        PartProblem::NotYours => t!(i18n, error_plan_part_not_yours).into_any(),
        PartProblem::Conflict => t!(i18n, plan_part_conflict).into_any(),
    }
}

fn part_field(
    i18n: leptos_i18n::I18nContext<Locale>,
    editor: &TargetEditor,
    part: Part,
) -> AnyView {
    let written = editor
        .target
        .as_ref()
        .map(|t| t.part(part).clone())
        .unwrap_or_default();
    let heading = view! {
        <PartHeading
            part
            young_person=editor.young_person_name.clone()
            worker=editor.worker_name.clone()
            mine=editor.viewer_role == crate::identity::Role::YoungPerson
        />
    };
    if !editor.writes.contains(&part) {
        let text = written.text.clone();
        return view! {
            <div class="form-group plan-part plan-part--read">
                <p class="label">{heading}</p>
                <p class="plan-parts__text">{if text.is_empty() { t!(i18n, plan_not_written).into_any() } else { text.into_any() }}</p>
                {byline(i18n, &written, &editor.young_person_name)}
            </div>
        }
        .into_any();
    }
    let id = format!("part-{}", part.as_str());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let kept = editor.kept.as_ref();
    let problem = kept.and_then(|k| k.problem(part));
    let typed = kept
        .and_then(|k| k.typed(part))
        .map(str::to_owned)
        .unwrap_or_else(|| written.text.clone());
    let limit = part.limit();
    let describedby = if problem.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let theirs = (problem == Some(PartProblem::Conflict)).then(|| {
        let who = written
            .by
            .as_ref()
            .map(|b| b.name.clone())
            .unwrap_or_default();
        let text = written.text.clone();
        view! {
            <div class="conflict">
                <p class="conflict__title">{t!(i18n, plan_conflict_theirs, who)}</p>
                <blockquote class="conflict__theirs">{text}</blockquote>
                <p class="hint">{t!(i18n, plan_conflict_yours)}</p>
            </div>
        }
    });
    view! {
        <div class="form-group plan-part" class:form-group--error=problem.is_some()>
            <label class="label" for=id.clone()>{heading}</label>
            <p class="hint" id=hint_id>
                {(part == Part::Success).then(|| view! { {t!(i18n, plan_success_hint)} " " })}
                {t!(i18n, plan_part_hint, limit)}
            </p>
            {problem.map(|p| view! { <p class="error-message" id=error_id.clone()>{problem_text(i18n, p)}</p> })}
            {theirs}
            <input type="hidden" name=format!("was[{}]", part.as_str()) value=written.text.clone() />
            <textarea
                class="input textarea"
                id=id
                name=format!("mine[{}]", part.as_str())
                rows=if part == Part::Target { "2" } else { "4" }
                aria-describedby=describedby
            >{crate::markup::textarea_text(&typed)}</textarea>
        </div>
    }
    .into_any()
}

#[component]
pub fn TargetEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let search = use_location().search;
    let action = ServerAction::<SaveTarget>::new();
    let errors = form_error(i18n, action);
    let data = Resource::new(
        move || {
            (
                params.with(|p| (p.get("young_person").unwrap_or_default(), p.get("target"))),
                search.get(),
                action.version().get(),
            )
        },
        |((yp, target), _, _)| load_target_editor(yp, target),
    );
    view! {
        <Title text=t_string!(i18n, plan_target_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(editor) => {
                            let yp = editor.young_person.to_string();
                            let first = editor.writes.first().map(|p| format!("part-{}", p.as_str())).unwrap_or_default();
                            let key = editor.target.as_ref().map(|t| t.key.clone()).unwrap_or_else(|| "new".into());
                            let status = editor.target.as_ref().map(|t| t.status);
                            let title = match &editor.target {
                                Some(t) => { let target = t.target.text.clone(); view! { <h1>{t!(i18n, plan_change_heading, target)}</h1> }.into_any() }
                                None => view! { <h1>{t!(i18n, plan_add_target)}</h1> }.into_any(),
                            };
                            let fields = Part::ALL.into_iter().map(|part| part_field(i18n, &editor, part)).collect_view();
                            let back = format!("/young-people/{}/plan", editor.young_person);
                            let may_manage = editor.may_manage;
                            view! {
                                <FormErrors errors field=first />
                                {title}
                                <p>{t!(i18n, plan_target_intro)}</p>
                                <ActionForm action attr:data-queue="true" attr:data-draft="target" attr:novalidate="true">
                                    <input type="hidden" name="young_person" value=yp.clone() />
                                    <input type="hidden" name="target" value=key />
                                    {fields}
                                    {(may_manage && status.is_some()).then(|| view! {
                                        <fieldset class="fieldset form-group">
                                            <legend class="label">{t!(i18n, plan_target_status_legend)}</legend>
                                            {TargetStatus::ALL.into_iter().map(|s| {
                                                let id = format!("status-{}", s.as_str());
                                                view! {
                                                    <div class="choice">
                                                        <input class="choice__input" type="radio" name="status" id=id.clone() value=s.as_str() checked=status == Some(s) />
                                                        <label class="choice__label" for=id>{match s {
                                                            TargetStatus::Active => t!(i18n, plan_target_active).into_any(),
                                                            TargetStatus::Achieved => t!(i18n, plan_target_achieved).into_any(),
                                                            TargetStatus::Dropped => t!(i18n, plan_target_dropped).into_any(),
                                                        }}</label>
                                                    </div>
                                                }
                                            }).collect_view()}
                                        </fieldset>
                                    })}
                                    <button class="button" type="submit">{t!(i18n, plan_save_target)}</button>
                                </ActionForm>
                                <p><a href=back>{t!(i18n, plan_back)}</a></p>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
