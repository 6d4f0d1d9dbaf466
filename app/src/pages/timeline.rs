//! Staff: a young person's record as one timeline, with charts of their session scores
//! (start and end of each session) and programme scores (first and last). The charts are
//! SVG drawn on the server, so they show before any script arrives and print as they are;
//! each has the same numbers as a table beside it for screen readers and for checking.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::timeline::load_timeline;
use crate::components::layout::Layout;
use crate::components::page_state::load_failed;
use crate::i18n::*;
use crate::pages::report::measure_name;
use crate::questionnaire::written_date;
use crate::scaling::Score;
use crate::timeline::{bar_top, EventKind, ScoreChart, TimelineEvent};

const TOP: u32 = 16;
const BOTTOM: u32 = 150;
const LEFT: u32 = 36;
const GROUP: u32 = 52;

fn score_text(score: Option<Score>) -> String {
    score
        .map(|s| s.value().to_string())
        .unwrap_or_else(|| "–".into())
}

/// Two bars per group: the first outlined, the second solid, so they differ without colour.
fn bar_chart(
    id: String,
    title: String,
    groups: Vec<(String, Option<Score>, Option<Score>)>,
    first_label: String,
    second_label: String,
) -> impl IntoView {
    let width = LEFT + GROUP * groups.len().max(1) as u32 + 8;
    let height = BOTTOM + 44;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let bar = |x: u32, score: Option<Score>, class: &'static str| {
        score.map(|s| {
            let top = bar_top(s.value(), TOP, BOTTOM);
            view! {
                <rect class=class x=x.to_string() y=top.to_string() width="18" height=(BOTTOM - top).max(1).to_string() />
                <text class="chart__value" x=(x + 9).to_string() y=(top.saturating_sub(3)).to_string() text-anchor="middle">{s.value().to_string()}</text>
            }
        })
    };
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=labelled_by>
            <title id=title_id>{title}</title>
            {[0u8, 5, 10].into_iter().map(|v| {
                let y = bar_top(v, TOP, BOTTOM);
                view! {
                    <line class="chart__grid" x1=LEFT.to_string() x2=width.to_string() y1=y.to_string() y2=y.to_string() />
                    <text class="chart__axis" x=(LEFT - 6).to_string() y=(y + 4).to_string() text-anchor="end">{v.to_string()}</text>
                }
            }).collect_view()}
            {groups.into_iter().enumerate().map(|(i, (label, first, second))| {
                let x = LEFT + GROUP * i as u32 + 6;
                view! {
                    {bar(x, first, "chart__first")}
                    {bar(x + 20, second, "chart__second")}
                    <text class="chart__axis" x=(x + 19).to_string() y=(BOTTOM + 16).to_string() text-anchor="middle">{label}</text>
                }
            }).collect_view()}
            <rect class="chart__first" x=LEFT.to_string() y=(BOTTOM + 28).to_string() width="12" height="12" />
            <text class="chart__axis" x=(LEFT + 16).to_string() y=(BOTTOM + 38).to_string()>{first_label}</text>
            <rect class="chart__second" x=(LEFT + 110).to_string() y=(BOTTOM + 28).to_string() width="12" height="12" />
            <text class="chart__axis" x=(LEFT + 126).to_string() y=(BOTTOM + 38).to_string()>{second_label}</text>
        </svg>
    }
}

/// A chart's numbers as a table: the text alternative, and a check on the drawing.
fn numbers_table(
    i18n: leptos_i18n::I18nContext<Locale>,
    row_header: String,
    first: String,
    second: String,
    rows: Vec<(String, Option<Score>, Option<Score>)>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="caption">{t!(i18n, timeline_numbers)}</caption>
                <thead><tr>
                    <th scope="col">{row_header}</th>
                    <th scope="col">{first}</th>
                    <th scope="col">{second}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, a, b)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td>{score_text(a)}</td>
                            <td>{score_text(b)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn charts_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    chart: ScoreChart,
    index: usize,
) -> impl IntoView {
    let programme = chart.programme.clone();
    let sessions_title = t_string!(i18n, timeline_sessions_chart).to_string();
    let measures_title = t_string!(i18n, timeline_measures_chart).to_string();
    let start = t_string!(i18n, timeline_start).to_string();
    let end = t_string!(i18n, timeline_end).to_string();
    let first = t_string!(i18n, timeline_first).to_string();
    let last = t_string!(i18n, timeline_last).to_string();
    let session_groups = chart
        .sessions
        .iter()
        .map(|(n, _, s, e)| (n.to_string(), *s, *e))
        .collect();
    let measure_groups = chart
        .measures
        .iter()
        .enumerate()
        .map(|(i, (_, s, e))| (format!("Q{}", i + 1), *s, *e))
        .collect();
    let session_rows = chart
        .sessions
        .into_iter()
        .map(|(n, topic, s, e)| (format!("{n}. {topic}"), s, e))
        .collect();
    let measure_rows = chart
        .measures
        .into_iter()
        .enumerate()
        .map(|(i, (m, s, e))| (format!("Q{}: {}", i + 1, measure_name(i18n, m)), s, e))
        .collect();
    view! {
        <section class="card" aria-labelledby=format!("chart-{index}")>
            <h2 id=format!("chart-{index}")>{programme}</h2>
            <figure class="chart-figure">
                {bar_chart(format!("sessions-{index}"), sessions_title.clone(), session_groups, start.clone(), end.clone())}
                <figcaption>{sessions_title}</figcaption>
            </figure>
            {numbers_table(i18n, t_string!(i18n, report_col_topic).to_string(), start, end, session_rows)}
            <figure class="chart-figure">
                {bar_chart(format!("measures-{index}"), measures_title.clone(), measure_groups, first.clone(), last.clone())}
                <figcaption>{measures_title}</figcaption>
            </figure>
            {numbers_table(i18n, t_string!(i18n, report_col_measure).to_string(), first, last, measure_rows)}
        </section>
    }
}

fn event_text(i18n: leptos_i18n::I18nContext<Locale>, e: TimelineEvent) -> AnyView {
    let who = e.who.clone().unwrap_or_default();
    let subject = e.subject.clone().unwrap_or_default();
    let number = e.number.unwrap_or_default();
    let score = e.score.unwrap_or_default();
    let start = e.step.as_deref() == Some("start");
    match e.kind {
        EventKind::SessionScore if start => t!(i18n, timeline_session_start, number, topic = subject, score, who).into_any(),
        EventKind::SessionScore => t!(i18n, timeline_session_end, number, topic = subject, score, who).into_any(),
        EventKind::ProgrammeScore => {
            let measure = subject
                .parse::<crate::programme::Measure>()
                .map(|m| measure_name(i18n, m))
                .unwrap_or(subject);
            if start {
                t!(i18n, timeline_programme_first, measure, score).into_any()
            } else {
                t!(i18n, timeline_programme_last, measure, score).into_any()
            }
        }
        EventKind::Questionnaire => t!(i18n, timeline_questionnaire, title = subject).into_any(),
        EventKind::Feedback => t!(i18n, timeline_feedback, who).into_any(),
        EventKind::FeedbackAnswer => t!(i18n, timeline_feedback_answer, who).into_any(),
        EventKind::PlanVersion => t!(i18n, timeline_plan_version, number, who).into_any(),
        EventKind::PlanResponse if e.step.as_deref() == Some("agree") => {
            t!(i18n, timeline_plan_agreed, number, who).into_any()
        }
        EventKind::PlanResponse => t!(i18n, timeline_plan_disagreed, number, who).into_any(),
        EventKind::Entry if e.step.as_deref() == Some("urgent") => view! {
            {t!(i18n, timeline_entry)}" "<strong class="tag tag--red">{t!(i18n, voice_urgent_tag)}</strong>
        }
        .into_any(),
        EventKind::Entry => t!(i18n, timeline_entry).into_any(),
        EventKind::EntryAnswer => t!(i18n, timeline_entry_answer, who).into_any(),
    }
}

#[component]
pub fn TimelinePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let page = Resource::new(
        move || params.with(|p| p.get("young_person").unwrap_or_default()),
        load_timeline,
    );
    view! {
        <Title text=t_string!(i18n, timeline_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let name = page.name.clone();
                            let record = format!("/young-people/{}", page.young_person);
                            view! {
                                <p class="caption"><a href=record>{t!(i18n, timeline_back, name = name.clone())}</a></p>
                                <h1>{t!(i18n, timeline_heading, name)}</h1>
                                {page.charts.into_iter().enumerate().map(|(i, c)| charts_view(i18n, c, i)).collect_view()}
                                <h2>{t!(i18n, timeline_events)}</h2>
                                {page.events.is_empty().then(|| view! { <p>{t!(i18n, timeline_none)}</p> })}
                                <ol class="timeline">
                                    {page.events.into_iter().map(|e| {
                                        let (at, date) = (e.at.clone(), written_date(&e.at));
                                        view! {
                                            <li class="timeline__event">
                                                <time class="caption" datetime=at>{date}</time>
                                                <p>{event_text(i18n, e)}</p>
                                            </li>
                                        }
                                    }).collect_view()}
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
