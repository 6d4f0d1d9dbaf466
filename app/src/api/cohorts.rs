//! Cohorts for workers: the list, starting one, its page (members, sessions), and the live
//! view of a session with its register. Scores entered for a member go through
//! `score_session::save_session_score` like everyone else's.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::identity::Viewer;
use crate::ids::PersonId;
use crate::programme::*;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortListPage {
    pub viewer: Viewer,
    pub cohorts: Vec<CohortSummary>,
    pub may_start: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCohortForm {
    pub viewer: Viewer,
    pub programmes: Vec<ProgrammeOption>,
    pub workers: Vec<(PersonId, String)>,
    pub young_people: Vec<(PersonId, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortPage {
    /// The session of this week, while the group runs: the worker's shortcut to it.
    pub this_week: Option<crate::ids::SessionNumber>,
    pub viewer: Viewer,
    pub cohort: CohortView,
    pub may_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSessionPage {
    pub viewer: Viewer,
    pub session: GroupSessionView,
    pub may_manage: bool,
    pub may_record: bool,
}

#[cfg(feature = "ssr")]
fn cohort_id(raw: &str) -> Result<crate::ids::CohortId, AppError> {
    crate::ids::CohortId::parse(raw).ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn member_id(raw: &str) -> Result<PersonId, AppError> {
    PersonId::parse(raw).ok_or(AppError::Invalid(crate::error::Problem::MemberInvalid))
}

/// Who keeps this session's register, with the ids parsed: the one check for every
/// register write.
#[cfg(feature = "ssr")]
async fn register_keeper(
    cohort: &str,
    session: &str,
) -> Result<(Viewer, crate::ids::CohortId, crate::ids::SessionNumber), AppError> {
    use crate::api::server_side::{authorise_cohort, viewer};
    let viewer = viewer().await?;
    let cohort = cohort_id(cohort)?;
    let session = session_number(session)?;
    authorise_cohort(&viewer, cohort, crate::policy::CohortAct::Manage).await?;
    Ok((viewer, cohort, session))
}

/// The live session view a form on it returns to, from the ids as posted.
#[cfg(feature = "ssr")]
fn live_session_page(cohort: &str, session: &str) -> String {
    format!(
        "/cohorts/{}/sessions/{}",
        crate::api::server_side::address_part(cohort),
        crate::api::server_side::address_part(session)
    )
}

#[cfg(feature = "ssr")]
fn session_number(raw: &str) -> Result<crate::ids::SessionNumber, AppError> {
    crate::ids::SessionNumber::parse(raw).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "cohorts")]
pub async fn cohort_list() -> Result<CohortListPage, AppError> {
    use crate::api::server_side::{answer, store, viewer};
    use crate::policy::may_start_cohort;
    let result = async {
        let viewer = viewer().await?;
        if !viewer.role.is_staff() {
            return Err(AppError::NotFound);
        }
        let cohorts = store()?.cohorts(&viewer).await?;
        Ok(CohortListPage {
            may_start: may_start_cohort(viewer.role),
            viewer,
            cohorts,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "new_cohort_choices")]
pub async fn load_new_cohort_form() -> Result<NewCohortForm, AppError> {
    use crate::api::server_side::{answer, require, store, viewer};
    use crate::policy::may_start_cohort;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "start_cohort", may_start_cohort(viewer.role)).await?;
        let store = store()?;
        let programmes = store
            .programmes(&viewer, crate::api::server_side::current_language())
            .await?;
        let (workers, young_people) = store.team_choices(&viewer).await?;
        Ok(NewCohortForm {
            viewer,
            programmes,
            workers,
            young_people,
        })
    }
    .await;
    answer(result)
}

/// The longest cohort name, in characters.
pub const COHORT_NAME_MAX: usize = 80;

/// Checks a cohort's name and start date as typed.
pub fn parse_cohort_details(
    name: &str,
    starts_on: &str,
) -> Result<(String, String), crate::error::Problem> {
    use crate::error::Problem;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Problem::CohortNameMissing);
    }
    if name.chars().count() > COHORT_NAME_MAX {
        return Err(Problem::CohortNameTooLong);
    }
    let date = crate::calendar::CalendarDate::parse_typed(starts_on).ok_or(Problem::DateInvalid)?;
    Ok((name, date.to_string()))
}

#[server(prefix = "/api", endpoint = "start_cohort")]
pub async fn start_cohort(
    programme: Option<String>,
    name: String,
    starts_on: String,
    workers: Option<Vec<String>>,
    members: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, require, store, viewer};
    use crate::error::Problem;
    use crate::identity::Role;
    use crate::policy::may_start_cohort;
    use crate::store::NewCohort;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "start_cohort", may_start_cohort(viewer.role)).await?;
        let programme = programme
            .as_deref()
            .and_then(crate::ids::ProgrammeId::parse)
            .ok_or(AppError::Invalid(Problem::ProgrammeInvalid))?;
        let (name, starts_on) =
            parse_cohort_details(&name, &starts_on).map_err(AppError::Invalid)?;
        let mut workers = workers
            .unwrap_or_default()
            .iter()
            .map(|w| PersonId::parse(w).ok_or(AppError::Invalid(Problem::WorkerInvalid)))
            .collect::<Result<Vec<_>, _>>()?;
        // A worker who starts a group runs it.
        if viewer.role == Role::Worker && !workers.contains(&viewer.person) {
            workers.push(viewer.person);
        }
        let members = members
            .unwrap_or_default()
            .iter()
            .map(|m| member_id(m))
            .collect::<Result<Vec<_>, _>>()?;
        let id = store()?
            .create_cohort(
                &viewer,
                NewCohort {
                    programme,
                    name,
                    starts_on,
                    workers,
                    members,
                },
            )
            .await?
            .map_err(AppError::Invalid)?;
        Ok(cohort_href(id))
    }
    .await;
    let done = result.as_ref().ok().cloned();
    finish_form(&result, "/cohorts/new", done.as_deref());
    result.map(|_| ())
}

#[server(prefix = "/api", endpoint = "cohort")]
pub async fn load_cohort(cohort: String) -> Result<CohortPage, AppError> {
    use crate::api::server_side::{answer, authorise_cohort, store, viewer};
    use crate::policy::{may_cohort, CohortAct};
    let result = async {
        let viewer = viewer().await?;
        let cohort = cohort_id(&cohort)?;
        let relation = authorise_cohort(&viewer, cohort, CohortAct::View).await?;
        let store = store()?;
        let view = store
            .cohort(cohort, crate::api::server_side::current_language())
            .await?
            .ok_or(AppError::NotFound)?;
        // The page shows each member's name and attendance: each one's trail says so.
        let shown: Vec<_> = view.members.iter().map(|m| m.id).collect();
        store
            .audit_each(&viewer, "view_cohort", "young_person", &shown)
            .await?;
        let this_week = crate::calendar::CalendarDate::parse(&view.starts_on).and_then(|start| {
            let count = u16::try_from(view.sessions.len()).unwrap_or(u16::MAX);
            crate::casework::session_this_week(start, crate::calendar::CalendarDate::today(), count)
        });
        Ok(CohortPage {
            this_week,
            may_manage: may_cohort(viewer.role, relation, CohortAct::Manage),
            viewer,
            cohort: view,
        })
    }
    .await;
    answer(result)
}

/// Adds (`change` = "add") or removes ("remove") a member.
#[server(prefix = "/api", endpoint = "change_membership")]
pub async fn change_membership(
    cohort: String,
    young_person: Option<String>,
    change: String,
) -> Result<(), AppError> {
    use crate::api::server_side::{authorise_cohort, finish_form, store, viewer};
    use crate::policy::CohortAct;
    let page = format!(
        "/cohorts/{}",
        crate::api::server_side::address_part(&cohort)
    );
    let result = async {
        let viewer = viewer().await?;
        let cohort = cohort_id(&cohort)?;
        authorise_cohort(&viewer, cohort, CohortAct::Manage).await?;
        let young_person = member_id(young_person.as_deref().unwrap_or_default())?;
        store()?
            .set_membership(&viewer, cohort, young_person, change == "add")
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &page, None);
    result
}

#[server(prefix = "/api", endpoint = "group_session")]
pub async fn load_group_session(
    cohort: String,
    session: String,
) -> Result<GroupSessionPage, AppError> {
    use crate::api::server_side::{answer, authorise_cohort, store, viewer};
    use crate::policy::{may_cohort, CohortAct};
    let result = async {
        let viewer = viewer().await?;
        let cohort = cohort_id(&cohort)?;
        let session = session_number(&session)?;
        let relation = authorise_cohort(&viewer, cohort, CohortAct::View).await?;
        let store = store()?;
        let view = store
            .group_session(cohort, session, crate::api::server_side::current_language())
            .await?
            .ok_or(AppError::NotFound)?;
        // Names, the register and scores of each member: on each one's trail.
        let shown: Vec<_> = view.rows.iter().map(|r| r.young_person).collect();
        store
            .audit_each(&viewer, "view_scores", "young_person", &shown)
            .await?;
        Ok(GroupSessionPage {
            may_manage: may_cohort(viewer.role, relation, CohortAct::Manage),
            may_record: may_cohort(viewer.role, relation, CohortAct::RecordForMember),
            viewer,
            session: view,
        })
    }
    .await;
    answer(result)
}

/// The register: `attended` is "yes" or "no". `missed_start` = "yes" instead notes that
/// the young person missed the start, so their end score can be taken.
#[server(prefix = "/api", endpoint = "mark_register")]
pub async fn mark_register(
    cohort: String,
    session: String,
    young_person: String,
    attended: Option<String>,
    missed_start: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, store};
    use crate::error::Problem;
    let page = live_session_page(&cohort, &session);
    let result = async {
        let (viewer, cohort, session) = register_keeper(&cohort, &session).await?;
        let young_person = member_id(&young_person)?;
        let store = store()?;
        let outcome = if missed_start.as_deref() == Some("yes") {
            store
                .mark_start_missed(&viewer, cohort, young_person, session)
                .await?
        } else {
            let attended = match attended.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(AppError::Invalid(Problem::AttendanceInvalid)),
            };
            store
                .mark_attendance(&viewer, cohort, young_person, session, attended)
                .await?
        };
        outcome.map_err(AppError::Invalid)?;
        crate::live::announce(cohort, session);
        Ok(())
    }
    .await;
    finish_form(&result, &page, None);
    result
}

/// "Everyone came": the register for every member not yet marked, in one press.
#[server(prefix = "/api", endpoint = "mark_everyone_came")]
pub async fn mark_everyone_came(cohort: String, session: String) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, store};
    let page = live_session_page(&cohort, &session);
    let result = async {
        let (viewer, cohort, session) = register_keeper(&cohort, &session).await?;
        store()?
            .mark_everyone_came(&viewer, cohort, session)
            .await?;
        crate::live::announce(cohort, session);
        Ok(())
    }
    .await;
    finish_form(&result, &page, None);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn cohort_names_are_tidied_and_bounded() {
        assert_eq!(
            parse_cohort_details("  Spring   group ", "2027-03-01"),
            Ok(("Spring group".into(), "2027-03-01".into()))
        );
        assert_eq!(
            parse_cohort_details(" ", "2027-03-01"),
            Err(Problem::CohortNameMissing)
        );
        assert_eq!(
            parse_cohort_details(&"a".repeat(81), "2027-03-01"),
            Err(Problem::CohortNameTooLong)
        );
    }

    #[test]
    fn start_dates_must_be_real_days() {
        for bad in [
            "",
            "tomorrow",
            "2027-02-29",
            "2027-13-01",
            "2027-1-5",
            "1999-01-01",
        ] {
            assert_eq!(
                parse_cohort_details("Group", bad),
                Err(Problem::DateInvalid),
                "{bad}"
            );
        }
        assert!(parse_cohort_details("Group", "2028-02-29").is_ok());
    }
}
