//! Casework: caseloads, a young person's record, who can sign in for them, allocation,
//! closing a case, the audit trail; and the home pages of young people and carers.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::caseload::{CaseFilter, CaseSort, CaseSummary};
use crate::casework::*;
use crate::error::AppError;
use crate::identity::Viewer;

/// A just-issued invitation with the link and QR code the person scans.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCard {
    pub invitation: IssuedInvitation,
    pub link: String,
    pub qr_svg: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub viewer: Viewer,
    pub record: CaseRecord,
    pub may_manage_case: bool,
    pub may_view_audit: bool,
    /// Sign-in codes and PIN resets: casework staff, never the administrator.
    pub may_issue_codes: bool,
    /// Communication support: whether it is on, shown to casework staff; `may_set_support`
    /// for their worker, who sets it with them.
    pub support: Option<bool>,
    pub may_set_support: bool,
}

/// The case page a form on it returns to, from the id as posted.
#[cfg(feature = "ssr")]
fn case_page(young_person: &str) -> String {
    crate::api::server_side::young_person_page(young_person, "")
}

/// The case page's sign-in section (devices, codes), from the id as posted.
#[cfg(feature = "ssr")]
fn sign_in_section(young_person: &str, query: &str) -> String {
    format!(
        "/young-people/{}{query}#sign-in",
        crate::api::server_side::address_part(young_person)
    )
}

#[cfg(feature = "ssr")]
fn id(raw: &str) -> Result<crate::ids::PersonId, AppError> {
    crate::ids::PersonId::parse(raw).ok_or(AppError::NotFound)
}

/// The caseload as chosen on the page (`show`, `sort`); anything unknown takes the default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadPage {
    pub viewer: Viewer,
    pub cases: Vec<CaseSummary>,
    pub filter: CaseFilter,
    pub sort: CaseSort,
    /// How many cases there are before filtering, so "none match" is not "none at all".
    pub total: usize,
}

#[server(prefix = "/api", endpoint = "caseload")]
pub async fn caseload(
    show: Option<String>,
    sort: Option<String>,
) -> Result<CaseloadPage, AppError> {
    use crate::api::server_side::{answer, store, viewer};
    use crate::caseload::arrange;
    use std::collections::HashMap;
    let result = async {
        let viewer = viewer().await?;
        if !viewer.role.is_staff() {
            return Err(AppError::NotFound);
        }
        let store = store()?;
        let mut cases = store.caseload(&viewer).await?;
        let total = cases.len();
        let filter = CaseFilter::parse(show.as_deref().unwrap_or_default());
        let sort = CaseSort::parse(sort.as_deref().unwrap_or_default());
        // Administrators get names only; casework staff see where each case stands.
        if matches!(
            viewer.role,
            crate::identity::Role::Worker | crate::identity::Role::Manager
        ) {
            let ids: Vec<_> = cases.iter().map(|c| c.id).collect();
            let mut by_id: HashMap<_, &mut CaseSummary> =
                cases.iter_mut().map(|c| (c.id, c)).collect();
            for standing in store.plan_standings(&ids).await? {
                if let Some(case) = by_id.get_mut(&standing.young_person) {
                    case.plan = Some(standing.status());
                    case.plan_disagreement = standing.disagreement();
                }
            }
            for activity in store
                .case_activity(&ids, crate::api::server_side::current_language())
                .await?
            {
                if let Some(case) = by_id.get_mut(&activity.young_person) {
                    case.unseen_feedback = activity.unseen_feedback;
                    case.not_understood = activity.not_understood;
                    case.last_activity = activity.last_activity;
                    case.programme = activity.programme;
                }
            }
        }
        arrange(&mut cases, filter, sort);
        Ok(CaseloadPage {
            viewer,
            cases,
            filter,
            sort,
            total,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "case_record")]
pub async fn load_case(young_person: String) -> Result<CasePage, AppError> {
    use crate::api::server_side::{answer, authorise, store, viewer};
    use crate::policy::{may, Act};
    let result = async {
        let viewer = viewer().await?;
        let young_person = id(&young_person)?;
        let relation = authorise(&viewer, young_person, Act::ViewRecord).await?;
        let store = store()?;
        let record = store
            .case_record(young_person)
            .await?
            .ok_or(AppError::NotFound)?;
        // The administrator runs accounts, not casework: they do not see it.
        let support = if may(viewer.role, relation, Act::ViewVoice) {
            Some(store.communication_support(young_person).await?)
        } else {
            None
        };
        Ok(CasePage {
            may_manage_case: may(viewer.role, relation, Act::ManageCase),
            may_view_audit: may(viewer.role, relation, Act::ViewAudit),
            may_issue_codes: may(viewer.role, relation, Act::IssueInvitation),
            may_set_support: may(viewer.role, relation, Act::SetSupport),
            support,
            viewer,
            record,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "add_young_person")]
pub async fn add_young_person(given_name: String, family_name: String) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, require, store, viewer};
    use crate::policy::may_add_young_person;
    let result = async {
        let viewer = viewer().await?;
        require(
            &viewer,
            "add_young_person",
            may_add_young_person(viewer.role),
        )
        .await?;
        let name = PersonName::parse(&given_name, &family_name).map_err(AppError::Invalid)?;
        let id = store()?.add_young_person(&viewer, &name).await?;
        Ok(format!("/young-people/{id}"))
    }
    .await;
    finish_form(&result, "/young-people/new", result.as_deref().ok());
    result.map(|_| ())
}

#[server(prefix = "/api", endpoint = "add_carer")]
pub async fn add_carer(
    young_person: String,
    given_name: String,
    family_name: String,
    relationship: String,
) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::error::Problem;
    use crate::policy::Act;
    let page = case_page(&young_person);
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ManageSignIn).await?;
        let name = PersonName::parse(&given_name, &family_name).map_err(AppError::Invalid)?;
        let relationship = relationship.trim();
        if relationship.is_empty() || relationship.chars().count() > 50 {
            return Err(AppError::Invalid(Problem::RelationshipMissing));
        }
        store()?
            .add_carer(&viewer, yp, &name, relationship)
            .await?
            .map_err(AppError::Invalid)?;
        Ok(())
    }
    .await;
    finish_form(&result, &format!("{page}#carers"), None);
    result
}

#[server(prefix = "/api", endpoint = "issue_invitation")]
pub async fn issue_invitation(
    young_person: String,
    person: String,
) -> Result<InvitationCard, AppError> {
    use crate::api::server_side::{accounts, authorise, finish_form, site, viewer};
    use crate::policy::Act;
    let page = case_page(&young_person);
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::IssueInvitation).await?;
        let person = id(&person)?;
        let invitation = accounts()?
            .issue_invitation(&viewer, yp, person)
            .await?
            .ok_or(AppError::NotFound)?;
        let link = format!(
            "{}/join?code={}",
            site().public_url.trim_end_matches('/'),
            invitation.code
        );
        Ok(InvitationCard {
            qr_svg: crate::qr::svg(&link, "QR code that opens the invitation").unwrap_or_default(),
            link,
            invitation,
        })
    }
    .await;
    // Without JavaScript the new code has to travel in the address to be shown; it is
    // single-use and short-lived, and the page is never cached.
    let done = result.as_ref().ok().map(|card| {
        format!(
            "{page}?issued={}&code={}#sign-in",
            card.invitation.person, card.invitation.code
        )
    });
    finish_form(&result, &page, None);
    if let (Some(done), true) = (done, crate::api::server_side::is_plain_form_post()) {
        leptos_axum::redirect(&done);
    }
    result
}

/// For a young person or carer who has forgotten their PIN: a code alone never replaces
/// a PIN, so the worker first resets it (which signs them out everywhere, and is audited),
/// then gives them a new code.
#[server(prefix = "/api", endpoint = "reset_pin")]
pub async fn reset_pin(young_person: String, person: String) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::policy::Act;
    let page = sign_in_section(&young_person, "");
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::IssueInvitation).await?;
        let person = id(&person)?;
        if store()?.reset_pin(&viewer, yp, person).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    // Back to the sign-in section, saying what happened and what to do next.
    let done = sign_in_section(&young_person, "?reset=1");
    finish_form(&result, &page, Some(&done));
    result
}

/// The worker notes which language a young person's or parent's pages are in, and the
/// language they need an interpreter for (empty: none).
#[server(prefix = "/api", endpoint = "set_language_needs")]
pub async fn set_language_needs(
    young_person: String,
    person: String,
    language: Option<String>,
    interpreter: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::casework::InterpreterLanguage;
    use crate::language::Language;
    use crate::policy::Act;
    let page = sign_in_section(&young_person, "");
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ManageSignIn).await?;
        let person = id(&person)?;
        // "" is "not chosen"; anything else must be a language Waypoint is written in.
        let language = match language.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            tag => Some(
                Language::parse(tag)
                    .ok_or_else(|| AppError::Malformed("language is en or cy".into()))?,
            ),
        };
        let interpreter = InterpreterLanguage::parse(interpreter.as_deref().unwrap_or_default())
            .map_err(AppError::Invalid)?;
        if store()?
            .set_language_needs(&viewer, yp, person, language, interpreter.as_ref())
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    finish_form(
        &result,
        &page,
        Some(&sign_in_section(&young_person, "?language=1")),
    );
    result
}

#[server(prefix = "/api", endpoint = "revoke_device")]
pub async fn revoke_device(young_person: String, device: String) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::policy::Act;
    let page = sign_in_section(&young_person, "");
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ManageSignIn).await?;
        let device = crate::ids::DeviceId::parse(&device).ok_or(AppError::NotFound)?;
        if store()?.revoke_device(&viewer, yp, device).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    finish_form(&result, &page, None);
    result
}

#[server(prefix = "/api", endpoint = "allocate_worker")]
pub async fn allocate_worker(young_person: String, worker: Option<String>) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::error::Problem;
    use crate::policy::Act;
    let page = case_page(&young_person);
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ManageCase).await?;
        let worker = worker
            .as_deref()
            .and_then(crate::ids::PersonId::parse)
            .ok_or(AppError::Invalid(Problem::WorkerInvalid))?;
        store()?
            .allocate(&viewer, yp, worker)
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &page, None);
    result
}

#[server(prefix = "/api", endpoint = "close_case")]
pub async fn close_case(young_person: String) -> Result<(), AppError> {
    use crate::api::server_side::{authorise, finish_form, store, viewer};
    use crate::policy::Act;
    let page = case_page(&young_person);
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ManageCase).await?;
        store()?
            .close_case(&viewer, yp)
            .await
            .map_err(AppError::from)
    }
    .await;
    finish_form(&result, &page, None);
    result
}

/// One page of a young person's audit trail, filtered by who, what and whether it was
/// refused (all optional; anything not understood means "all").
#[server(prefix = "/api", endpoint = "audit_trail")]
pub async fn audit_trail(
    young_person: String,
    #[server(default)] who: String,
    #[server(default)] what: String,
    #[server(default)] outcome: String,
    #[server(default)] page: String,
) -> Result<AuditPage, AppError> {
    use crate::api::server_side::{answer, authorise, store, viewer};
    use crate::policy::Act;
    let result = async {
        let viewer = viewer().await?;
        let yp = id(&young_person)?;
        authorise(&viewer, yp, Act::ViewAudit).await?;
        let filter = AuditFilter::parse(&who, &what, &outcome, &page);
        store()?
            .audit_trail(yp, &filter)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "young_person_home")]
pub async fn load_young_person_home() -> Result<YoungPersonHome, AppError> {
    use crate::api::server_side::{answer, store, viewer};
    use crate::identity::Role;
    let result = async {
        let viewer = viewer().await?;
        if viewer.role != Role::YoungPerson {
            return Err(AppError::NotFound);
        }
        let store = store()?;
        let mut home = store
            .young_person_home(&viewer, crate::api::server_side::current_language())
            .await?;
        home.help_key = uuid::Uuid::new_v4().to_string();
        home.plan_cue = plan_cue(&store, viewer.person, viewer.person).await?;
        home.unread_answers = store.unread_answers(viewer.person).await?;
        home.unread_feedback_answers = store
            .unread_feedback_answers(viewer.person, viewer.person)
            .await?;
        home.new_phones = phones_added_lately().await?;
        home.support = store.communication_support(viewer.person).await?;
        Ok(home)
    }
    .await;
    answer(result)
}

/// What a young person's plan waits for from `person` (the young person or a parent/carer
/// linked to them; callers have checked that).
#[cfg(feature = "ssr")]
async fn plan_cue(
    store: &crate::store::SharedStore,
    young_person: crate::ids::PersonId,
    person: crate::ids::PersonId,
) -> Result<Option<crate::plan::PlanCue>, AppError> {
    Ok(store
        .plan(young_person)
        .await?
        .and_then(|p| crate::plan::cue_for(p.ready, p.version, &p.responses, person)))
}

/// Other phones added to the signed-in person's account lately.
#[cfg(feature = "ssr")]
async fn phones_added_lately() -> Result<Vec<crate::identity::NewPhone>, AppError> {
    match crate::api::server_side::session_token() {
        Some(token) => Ok(crate::api::server_side::accounts()?
            .phones_added_lately(&token)
            .await?),
        None => Ok(Vec::new()),
    }
}

/// A parent/carer's home: who they are linked to, and other phones added to their account
/// lately.
#[server(prefix = "/api", endpoint = "family_home")]
pub async fn family_home(
) -> Result<(Viewer, Vec<FamilyMember>, Vec<crate::identity::NewPhone>), AppError> {
    use crate::api::server_side::{answer, store, viewer};
    use crate::identity::Role;
    let result = async {
        let viewer = viewer().await?;
        if viewer.role != Role::ParentCarer {
            return Err(AppError::NotFound);
        }
        let store = store()?;
        let mut family = store.family(&viewer).await?;
        for member in &mut family {
            member.plan_cue = plan_cue(&store, member.young_person, viewer.person).await?;
            member.unread_feedback_answers = store
                .unread_feedback_answers(member.young_person, viewer.person)
                .await?;
        }
        Ok((viewer, family, phones_added_lately().await?))
    }
    .await;
    answer(result)
}
