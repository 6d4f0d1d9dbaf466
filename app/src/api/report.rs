//! The manager's cohort report: chosen by programme and period, shown as a page, printed,
//! or downloaded one table at a time as CSV (`GET /reports/cohorts.csv`, served by the
//! server crate through [`csv_download`] so both paths check and audit the same way).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
use crate::error::{AppError, Problem};
use crate::identity::Viewer;
use crate::ids::{CohortId, ProgrammeId};
use crate::programme::ProgrammeOption;
use crate::report::CohortReport;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    pub viewer: Viewer,
    pub programmes: Vec<ProgrammeOption>,
    pub programme: Option<ProgrammeId>,
    /// The team's groups of the chosen programme, to run the report for one of them.
    pub groups: Vec<(CohortId, String)>,
    pub cohort: Option<CohortId>,
    /// The period as typed, so a mistake comes back in the boxes to be corrected.
    pub from: String,
    pub to: String,
    pub problem: Option<Problem>,
    pub report: Option<(ReportQuery, CohortReport)>,
}

/// What a report is asked for, parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub programme: ProgrammeId,
    pub from: CalendarDate,
    pub to: CalendarDate,
    /// One group of the programme, or (`None`) every group that started in the period.
    pub cohort: Option<CohortId>,
}

impl ReportQuery {
    /// Blank choices take defaults: the first programme and the twelve months to `today`.
    pub fn parse(
        programme: &str,
        from: &str,
        to: &str,
        programmes: &[ProgrammeOption],
        today: CalendarDate,
    ) -> Result<Self, Problem> {
        let programme = match programme.trim() {
            "" => programmes.first().map(|p| p.id),
            raw => ProgrammeId::parse(raw).filter(|id| programmes.iter().any(|p| p.id == *id)),
        }
        .ok_or(Problem::ReportProgrammeUnknown)?;
        let date = |raw: &str, default: CalendarDate| match raw.trim() {
            "" => Ok(default),
            raw => CalendarDate::parse_typed(raw).ok_or(Problem::DateInvalid),
        };
        let to = date(to, today)?;
        let from = date(from, to.start_of_year_to())?;
        if from > to {
            return Err(Problem::ReportPeriodBackwards);
        }
        Ok(ReportQuery {
            programme,
            from,
            to,
            cohort: None,
        })
    }

    /// The same, for one group (`cohort` blank: every group of the period).
    pub fn with_cohort(self, cohort: &str) -> Result<Self, Problem> {
        match cohort.trim() {
            "" => Ok(self),
            raw => CohortId::parse(raw)
                .map(|id| ReportQuery {
                    cohort: Some(id),
                    ..self
                })
                .ok_or(Problem::ReportGroupUnknown),
        }
    }

    /// The page's address for this report, and with `table`, its CSV download's.
    pub fn href(&self, table: Option<crate::report::Table>) -> String {
        let mut query = format!(
            "programme={}&from={}&to={}",
            self.programme, self.from, self.to
        );
        if let Some(cohort) = self.cohort {
            query.push_str(&format!("&cohort={cohort}"));
        }
        match table {
            Some(t) => format!("/reports/cohorts.csv?{query}&table={}", t.as_str()),
            None => format!("/reports/cohorts?{query}"),
        }
    }
}

/// The signed-in manager and their team, for a team-wide read (`action` on `record_type`),
/// which is audited. Anyone else finds nothing here.
#[cfg(feature = "ssr")]
pub async fn manager_team(
    action: &str,
    record_type: &str,
) -> Result<(Viewer, crate::ids::TeamId), AppError> {
    use crate::api::server_side::{store, viewer};
    let viewer = viewer().await?;
    let team = team_of(&store()?, &viewer, action, record_type).await?;
    Ok((viewer, team))
}

/// [`manager_team`] for a viewer already known (the CSV downloads).
#[cfg(feature = "ssr")]
pub async fn team_of(
    store: &crate::store::SharedStore,
    viewer: &Viewer,
    action: &str,
    record_type: &str,
) -> Result<crate::ids::TeamId, AppError> {
    use crate::store::AuditOutcome;
    let team = reporting_team(store, viewer, action, record_type).await?;
    store
        .audit_record(
            viewer,
            action,
            record_type,
            &team.to_string(),
            AuditOutcome::Done,
        )
        .await?;
    Ok(team)
}

/// The team whose reports this viewer may read: a manager's own. Anyone else is refused
/// like a record they may not see: the attempt is audited and the answer is "not found".
#[cfg(feature = "ssr")]
async fn reporting_team(
    store: &crate::store::SharedStore,
    viewer: &Viewer,
    action: &str,
    record_type: &str,
) -> Result<crate::ids::TeamId, AppError> {
    use crate::store::AuditOutcome;
    match viewer
        .team
        .filter(|_| crate::policy::may_see_reports(viewer.role))
    {
        Some(team) => Ok(team),
        None => {
            let scope = viewer
                .team
                .map_or_else(|| "service".to_owned(), |t| t.to_string());
            store
                .audit_record(viewer, action, record_type, &scope, AuditOutcome::Denied)
                .await?;
            Err(AppError::NotFound)
        }
    }
}

/// The team overview or the quotes bank as a CSV file: (file name, contents).
#[cfg(feature = "ssr")]
pub async fn team_csv(
    store: &crate::store::SharedStore,
    viewer: &Viewer,
    which: &str,
    language: crate::language::Language,
) -> Result<(String, String), AppError> {
    let today = CalendarDate::today();
    match which {
        "team" => {
            let team = team_of(store, viewer, "download_team_overview", "team").await?;
            let overview = store.team_overview(team).await?;
            Ok((format!("team-overview-{today}.csv"), overview.csv(language)))
        }
        "quotes" => {
            let team = team_of(store, viewer, "download_quotes", "quotes_bank").await?;
            let quotes = store.quotes(team).await?;
            Ok((
                format!("quotes-{today}.csv"),
                crate::questionnaire::quotes_csv(&quotes, language),
            ))
        }
        _ => Err(AppError::NotFound),
    }
}

/// Managers only, for their own team; anyone else finds nothing here. The read is audited.
#[cfg(feature = "ssr")]
pub async fn checked_report(
    store: &crate::store::SharedStore,
    viewer: &Viewer,
    query: ReportQuery,
    action: &str,
) -> Result<CohortReport, AppError> {
    use crate::store::AuditOutcome;
    let team = reporting_team(store, viewer, action, "cohort_report").await?;
    let facts = store
        .report_facts(
            team,
            query.programme,
            query.from,
            query.to,
            query.cohort,
            crate::api::server_side::current_language(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
    store
        .audit_record(
            viewer,
            action,
            "cohort_report",
            &query.programme.to_string(),
            AuditOutcome::Done,
        )
        .await?;
    Ok(CohortReport::from_facts(facts))
}

/// One table of the report as a CSV file: (file name, contents).
/// A download's address, as typed: `?programme=…&from=…&to=…&cohort=…&table=…`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DownloadQuery<'a> {
    pub programme: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub cohort: &'a str,
    pub table: &'a str,
}

#[cfg(feature = "ssr")]
pub async fn csv_download(
    store: &crate::store::SharedStore,
    viewer: &Viewer,
    asked: DownloadQuery<'_>,
    language: crate::language::Language,
) -> Result<(String, String), AppError> {
    reporting_team(store, viewer, "download_report", "cohort_report").await?;
    let table = crate::report::Table::parse(asked.table).ok_or(AppError::NotFound)?;
    let programmes = store.programmes(viewer, language).await?;
    let today = CalendarDate::today();
    let query = ReportQuery::parse(asked.programme, asked.from, asked.to, &programmes, today)
        .and_then(|q| q.with_cohort(asked.cohort))
        .map_err(AppError::Invalid)?;
    let report = checked_report(store, viewer, query, "download_report").await?;
    Ok((report.file_name(table), report.csv(table, language)))
}

#[server(prefix = "/api", endpoint = "cohort_report")]
pub async fn load_cohort_report(
    programme: String,
    from: String,
    to: String,
    cohort: Option<String>,
) -> Result<ReportPage, AppError> {
    use crate::api::server_side::{answer, store, viewer};
    let result = async {
        let viewer = viewer().await?;
        let store = store()?;
        reporting_team(&store, &viewer, "view_report", "cohort_report").await?;
        let programmes = store
            .programmes(&viewer, crate::api::server_side::current_language())
            .await?;
        let parsed = ReportQuery::parse(&programme, &from, &to, &programmes, CalendarDate::today())
            .and_then(|q| q.with_cohort(cohort.as_deref().unwrap_or_default()));
        let (report, problem) = match parsed {
            Ok(query) => (
                Some((
                    query,
                    checked_report(&store, &viewer, query, "view_report").await?,
                )),
                None,
            ),
            Err(problem) => (None, Some(problem)),
        };
        let chosen = parsed.ok();
        let shown_programme = chosen
            .map(|q| q.programme)
            .or_else(|| ProgrammeId::parse(&programme))
            .or_else(|| programmes.first().map(|p| p.id));
        let programme_name = programmes
            .iter()
            .find(|p| Some(p.id) == shown_programme)
            .map(|p| p.name.clone());
        // The team's groups of that programme, newest first.
        let groups = store
            .cohorts(&viewer)
            .await?
            .into_iter()
            .filter(|c| Some(&c.programme) == programme_name.as_ref())
            .map(|c| (c.id, c.name))
            .collect();
        Ok(ReportPage {
            viewer,
            programmes,
            groups,
            cohort: chosen.and_then(|q| q.cohort),
            programme: shown_programme,
            from: chosen.map(|q| q.from.to_string()).unwrap_or(from),
            to: chosen.map(|q| q.to.to_string()).unwrap_or(to),
            problem,
            report,
        })
    }
    .await;
    answer(result)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPage {
    pub viewer: Viewer,
    pub overview: crate::team::TeamOverview,
}

/// The manager's own team: its workers' loads and answer times. Audited as a report read.
#[server(prefix = "/api", endpoint = "team_overview")]
pub async fn load_team_overview() -> Result<TeamPage, AppError> {
    use crate::api::server_side::{answer, store};
    let result = async {
        let (viewer, team) = manager_team("view_team_overview", "team").await?;
        let overview = store()?.team_overview(team).await?;
        Ok(TeamPage { viewer, overview })
    }
    .await;
    answer(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::Delivery;

    fn programmes() -> Vec<ProgrammeOption> {
        (1..=2u128)
            .map(|i| ProgrammeOption {
                id: ProgrammeId(uuid::Uuid::from_u128(i)),
                name: format!("Programme {i}"),
                delivery: Delivery::Group,
                sessions: 6,
                summary: String::new(),
            })
            .collect()
    }

    fn today() -> CalendarDate {
        CalendarDate::parse("2026-11-23").expect("a date")
    }

    #[test]
    fn blank_choices_take_the_first_programme_and_the_last_twelve_months() {
        let q = ReportQuery::parse("", " ", "", &programmes(), today()).expect("defaults");
        assert_eq!(q.programme, programmes()[0].id);
        assert_eq!(
            (q.from.to_string(), q.to.to_string()),
            ("2025-12-01".into(), "2026-11-23".into())
        );
        assert_eq!(
            q.href(Some(crate::report::Table::Sessions)),
            format!(
                "/reports/cohorts.csv?programme={}&from=2025-12-01&to=2026-11-23&table=sessions",
                q.programme
            )
        );
    }

    #[test]
    fn bad_choices_say_what_is_wrong() {
        let ps = programmes();
        let other = ProgrammeId(uuid::Uuid::from_u128(9)).to_string();
        let parse = |p: &str, f: &str, t: &str| ReportQuery::parse(p, f, t, &ps, today());
        assert_eq!(parse(&other, "", ""), Err(Problem::ReportProgrammeUnknown));
        assert_eq!(
            parse("not-an-id", "", ""),
            Err(Problem::ReportProgrammeUnknown)
        );
        assert_eq!(parse("", "2026-02-30", ""), Err(Problem::DateInvalid));
        assert_eq!(
            parse("", "2026-10-01", "2026-09-30"),
            Err(Problem::ReportPeriodBackwards)
        );
        assert!(parse(&ps[1].id.to_string(), "2026-07-01", "2026-09-30").is_ok());
        assert_eq!(
            ReportQuery::parse("", "", "", &[], today()),
            Err(Problem::ReportProgrammeUnknown),
            "an organisation with no programmes"
        );
    }
}
