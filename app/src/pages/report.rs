//! Managers: the cohort report for the board. A plain GET form chooses the programme and
//! period (so it works without JavaScript and the address can be bookmarked); each table
//! has its CSV download; the print stylesheet lays the page out for paper.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::report::{load_cohort_report, load_team_overview, ReportPage, ReportQuery};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Layout;
use crate::components::page_state::load_failed;
use crate::components::signed_in_bar::SignedInBar;
use crate::i18n::*;
use crate::messages::problem_message;
use crate::messages::ShownError;
use crate::programme::Measure;
use crate::report::{Cell, CohortReport, Table};

fn cell_view<T: std::fmt::Display + Copy + Send + Sync + 'static>(
    i18n: leptos_i18n::I18nContext<Locale>,
    cell: Cell<T>,
) -> AnyView {
    match cell {
        Cell::Shown(v) => v.to_string().into_any(),
        Cell::Suppressed => {
            view! { <span class="suppressed">{t!(i18n, report_suppressed)}</span> }.into_any()
        }
        Cell::Empty => {
            view! { <span class="caption">{t!(i18n, report_no_scores)}</span> }.into_any()
        }
    }
}

fn percent_view(i18n: leptos_i18n::I18nContext<Locale>, cell: Cell<u32>) -> AnyView {
    match cell {
        Cell::Shown(p) => format!("{p}%").into_any(),
        other => cell_view(i18n, other),
    }
}

pub fn measure_name(i18n: leptos_i18n::I18nContext<Locale>, m: Measure) -> String {
    match m {
        Measure::Learning => t_string!(i18n, report_measure_learning),
        Measure::RiskTaking => t_string!(i18n, report_measure_risk_taking),
        Measure::Consequences => t_string!(i18n, report_measure_consequences),
    }
    .to_string()
}

fn download(
    i18n: leptos_i18n::I18nContext<Locale>,
    query: ReportQuery,
    table: Table,
) -> impl IntoView {
    view! {
        <p class="no-print">
            <a href=query.href(Some(table)) rel="external" download>{t!(i18n, report_download_csv)}</a>
        </p>
    }
}

#[component]
pub fn CohortReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("programme").unwrap_or_default(),
                    q.get("from").unwrap_or_default(),
                    q.get("to").unwrap_or_default(),
                    q.get("cohort"),
                )
            })
        },
        |(programme, from, to, cohort)| load_cohort_report(programme, from, to, cohort),
    );
    view! {
        <Title text=t_string!(i18n, report_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => report_page(i18n, page).into_any(),
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

fn report_page(i18n: leptos_i18n::I18nContext<Locale>, page: ReportPage) -> impl IntoView {
    let ReportPage {
        viewer,
        programmes,
        programme,
        groups,
        cohort,
        from,
        to,
        problem,
        report,
    } = page;
    let error = problem.map(|p| ShownError {
        message: problem_message(i18n, p),
        reference: None,
    });
    view! {
        <SignedInBar viewer />
        <h1>{t!(i18n, report_title)}</h1>
        <p class="no-print">{t!(i18n, report_intro)}</p>
        {error.map(|error| view! { <ErrorSummary error /> })}
        <form class="report-choice no-print" method="get" action="/reports/cohorts">
            <div class="form-group">
                <label class="label" for="report-programme">{t!(i18n, report_programme)}</label>
                <select class="select" id="report-programme" name="programme">
                    {programmes.into_iter().map(|p| {
                        let selected = programme == Some(p.id);
                        view! { <option value=p.id.to_string() selected=selected>{p.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="report-cohort">{t!(i18n, report_group)}</label>
                <select class="select" id="report-cohort" name="cohort">
                    <option value="" selected=cohort.is_none()>{t!(i18n, report_all_groups)}</option>
                    {groups.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=cohort == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="hint" id="report-dates-hint">{t!(i18n, date_hint)}</p>
            <div class="form-group report-choice__dates">
                <div>
                    <label class="label" for="report-from">{t!(i18n, report_from)}</label>
                    <input class="input input--date" type="text" inputmode="numeric" autocomplete="off" id="report-from" name="from" aria-describedby="report-dates-hint" value=crate::calendar::CalendarDate::typed_value(&from) />
                </div>
                <div>
                    <label class="label" for="report-to">{t!(i18n, report_to)}</label>
                    <input class="input input--date" type="text" inputmode="numeric" autocomplete="off" id="report-to" name="to" aria-describedby="report-dates-hint" value=crate::calendar::CalendarDate::typed_value(&to) />
                </div>
            </div>
            <button class="button" type="submit">{t!(i18n, report_show)}</button>
        </form>
        {report.map(|(query, report)| report_tables(i18n, query, report))}
        <p class="no-print"><a href="/reports/quotes">{t!(i18n, quotes_link)}</a></p>
        <p class="no-print"><a href="/caseload">{t!(i18n, back_to_caseload)}</a></p>
    }
}

fn report_tables(
    i18n: leptos_i18n::I18nContext<Locale>,
    query: ReportQuery,
    report: CohortReport,
) -> impl IntoView {
    let CohortReport {
        programme,
        from,
        to,
        cohorts,
        participants,
        sessions,
        measures,
        people,
        engagement,
        completeness,
    } = report;
    let (from, to) = (
        crate::questionnaire::written_date(&from.to_string()),
        crate::questionnaire::written_date(&to.to_string()),
    );
    let groups = if cohorts.is_empty() {
        t_string!(i18n, report_no_groups).to_string()
    } else {
        cohorts.join(", ")
    };
    let young_people = match participants {
        Cell::Shown(n) => n.to_string(),
        _ => t_string!(i18n, report_suppressed).to_string(),
    };
    let threshold = engagement.threshold;
    let of = engagement.sessions;
    let attended = completeness.attended;
    let paired = completeness.paired;
    view! {
        <section class="report" aria-labelledby="report-heading">
            <h2 id="report-heading">{programme}</h2>
            <p>{t!(i18n, report_summary, from, to, young_people)}</p>
            <p>{t!(i18n, report_groups_counted, groups)}</p>
            <p class="caption">{t!(i18n, report_small_numbers)}</p>

            <h3 id="report-sessions">{t!(i18n, report_sessions_heading)}</h3>
            <p class="caption">{t!(i18n, report_sessions_hint)}</p>
            <div class="table-wrap" role="region" aria-labelledby="report-sessions" tabindex="0">
                <table class="table report-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, report_col_topic)}</th>
                        <th scope="col">{t!(i18n, report_col_came)}</th>
                        <th scope="col">{t!(i18n, report_col_paired)}</th>
                        <th scope="col">{t!(i18n, report_col_start)}</th>
                        <th scope="col">{t!(i18n, report_col_end)}</th>
                        <th scope="col">{t!(i18n, report_col_change)}</th>
                    </tr></thead>
                    <tbody>
                        {sessions.into_iter().map(|r| {
                            let number = r.number.value();
                            view! {
                                <tr>
                                    <th scope="row">{t!(i18n, report_session_topic, number, topic = r.topic)}</th>
                                    <td>{cell_view(i18n, r.attended)}</td>
                                    <td>{cell_view(i18n, r.paired)}</td>
                                    <td>{cell_view(i18n, r.start)}</td>
                                    <td>{cell_view(i18n, r.end)}</td>
                                    <td>{crate::report::change_text(crate::language::of_page(), r.start, r.end)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {download(i18n, query, Table::Sessions)}

            <h3 id="report-measures">{t!(i18n, report_measures_heading)}</h3>
            <div class="table-wrap" role="region" aria-labelledby="report-measures" tabindex="0">
                <table class="table report-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, report_col_measure)}</th>
                        <th scope="col">{t!(i18n, report_col_paired)}</th>
                        <th scope="col">{t!(i18n, report_col_first)}</th>
                        <th scope="col">{t!(i18n, report_col_last)}</th>
                        <th scope="col">{t!(i18n, report_col_change)}</th>
                    </tr></thead>
                    <tbody>
                        {measures.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{measure_name(i18n, r.measure)}</th>
                                <td>{cell_view(i18n, r.paired)}</td>
                                <td>{cell_view(i18n, r.start)}</td>
                                <td>{cell_view(i18n, r.end)}</td>
                                <td>{crate::report::change_text(crate::language::of_page(), r.start, r.end)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {download(i18n, query, Table::Measures)}

            <h3 id="report-people">{t!(i18n, report_people_heading)}</h3>
            {if people.is_empty() {
                view! { <p>{t!(i18n, report_people_withheld)}</p> }.into_any()
            } else {
                view! {
                    <p class="caption">{t!(i18n, report_people_hint)}</p>
                    <div class="table-wrap" role="region" aria-labelledby="report-people" tabindex="0">
                        <table class="table report-table">
                            <thead><tr>
                                <th scope="col">{t!(i18n, report_col_young_person)}</th>
                                {Measure::ALL.into_iter().map(|m| view! { <th scope="col">{measure_name(i18n, m)}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {people.into_iter().map(|p| {
                                    let number = p.number;
                                    view! {
                                        <tr>
                                            <th scope="row">{t!(i18n, report_person, number)}</th>
                                            {p.scores.into_iter().map(|(_, start, end)| {
                                                let text = |s: Option<crate::scaling::Score>| s.map(|s| s.value().to_string()).unwrap_or_else(|| "–".into());
                                                let change = crate::report::score_change(start, end);
                                                let (start, end) = (text(start), text(end));
                                                view! {
                                                    <td>
                                                        {t!(i18n, report_first_to_last, start, end)}
                                                        {(!change.is_empty()).then(|| view! { " (" {change} ")" })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {download(i18n, query, Table::People)}
                }.into_any()
            }}

            <h3 id="report-engagement">{t!(i18n, report_engagement_heading)}</h3>
            <div class="table-wrap" role="region" aria-labelledby="report-engagement" tabindex="0">
                <table class="table report-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, report_col_figure)}</th>
                        <th scope="col">{t!(i18n, report_col_count)}</th>
                        <th scope="col">{t!(i18n, report_col_percent)}</th>
                    </tr></thead>
                    <tbody>
                        <tr>
                            <th scope="row">{t!(i18n, report_engaged, threshold, of)}</th>
                            <td>{cell_view(i18n, engagement.engaged)}</td>
                            <td>{percent_view(i18n, engagement.percent)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{t!(i18n, report_session_pairs, attended)}</th>
                            <td>{paired}</td>
                            <td>{percent_view(i18n, completeness.paired_percent)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{t!(i18n, report_programme_pairs)}</th>
                            <td>{cell_view(i18n, completeness.programme_paired)}</td>
                            <td>{percent_view(i18n, completeness.programme_percent)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            {download(i18n, query, Table::Engagement)}
        </section>
    }
}

fn duration(i18n: leptos_i18n::I18nContext<Locale>, minutes: Option<u64>) -> AnyView {
    let Some(minutes) = minutes else {
        return "–".into_any();
    };
    match crate::team::duration_words(minutes) {
        (0, 0, minutes) => t!(i18n, duration_minutes, minutes).into_any(),
        (0, hours, minutes) => t!(i18n, duration_hours, hours, minutes).into_any(),
        (days, hours, _) => t!(i18n, duration_days, days, hours).into_any(),
    }
}

/// Managers: each worker's open cases, what waits for them, and how quickly "What I think"
/// entries are answered.
#[component]
pub fn TeamOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| load_team_overview());
    view! {
        <Title text=t_string!(i18n, team_title).to_string() />
        <Layout>
            <Suspense>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let overview = page.overview;
                            let days = crate::team::RESPONSE_WINDOW_DAYS;
                            let team_median = duration(i18n, overview.team_median_minutes);
                            let answered = overview.team_answered;
                            view! {
                                <SignedInBar viewer=page.viewer />
                                <h1>{t!(i18n, team_title)}</h1>
                                <p>{t!(i18n, team_summary, answered, days)}" "{t!(i18n, team_usual)}" "<strong>{team_median}</strong></p>
                                <div class="table-wrap" role="region" aria-labelledby="team-caption" tabindex="0">
                                    <table class="table report-table">
                                        <caption id="team-caption" class="visually-hidden">{t!(i18n, team_caption)}</caption>
                                        <thead><tr>
                                            <th scope="col">{t!(i18n, team_col_worker)}</th>
                                            <th scope="col">{t!(i18n, team_col_open)}</th>
                                            <th scope="col">{t!(i18n, team_col_urgent)}</th>
                                            <th scope="col">{t!(i18n, team_col_unseen)}</th>
                                            <th scope="col">{t!(i18n, team_col_feedback)}</th>
                                            <th scope="col">{t!(i18n, team_col_answered, days)}</th>
                                            <th scope="col">{t!(i18n, team_col_median)}</th>
                                            <th scope="col">{t!(i18n, team_col_longest)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {overview.workers.into_iter().map(|w| view! {
                                                <tr>
                                                    <th scope="row">{w.name}</th>
                                                    <td>{w.open_cases}</td>
                                                    <td>{if w.urgent_waiting > 0 { view! { <strong class="tag tag--red">{w.urgent_waiting}</strong> }.into_any() } else { "0".into_any() }}</td>
                                                    <td>{w.entries_unseen}</td>
                                                    <td>{w.feedback_unseen}</td>
                                                    <td>{w.answered}</td>
                                                    <td>{duration(i18n, w.median_minutes)}</td>
                                                    <td>{duration(i18n, w.longest_waiting_minutes)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <p class="no-print"><a href="/reports/team.csv" rel="external" download>{t!(i18n, report_download_csv)}</a></p>
                                <p class="no-print"><a href="/reports/cohorts">{t!(i18n, report_title)}</a></p>
                                <p class="no-print"><a href="/caseload">{t!(i18n, back_to_caseload)}</a></p>
                            }.into_any()
                        }
                        Err(e) => load_failed(i18n, e),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
