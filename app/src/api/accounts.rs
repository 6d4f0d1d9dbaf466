//! Staff accounts: administrators add staff, deactivate them and issue password links;
//! managers require a second factor for their team; staff set their password from a link
//! and set up an authenticator app.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::casework::{StaffSummary, TeamOption};
use crate::error::AppError;
use crate::identity::Viewer;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPage {
    pub viewer: Viewer,
    pub staff: Vec<StaffSummary>,
    pub teams: Vec<TeamOption>,
}

/// A "set your password" link. No e-mail can be sent from here yet, so the administrator
/// passes it on; a mail transport would send this same link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    pub name: String,
    pub link: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub viewer: Viewer,
    pub has_second_factor: bool,
    pub teams: Vec<TeamOption>,
    pub may_set_team_security: bool,
}

#[cfg(feature = "ssr")]
fn password_link(token: &str) -> String {
    format!(
        "{}/reset-password?token={token}",
        crate::api::server_side::site()
            .public_url
            .trim_end_matches('/')
    )
}

#[server(prefix = "/api", endpoint = "staff_accounts")]
pub async fn staff_accounts() -> Result<StaffPage, AppError> {
    use crate::api::server_side::{answer, require, store, viewer};
    use crate::policy::may_manage_staff;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "manage_staff", may_manage_staff(viewer.role)).await?;
        let store = store()?;
        Ok(StaffPage {
            staff: store.staff(&viewer).await?,
            teams: store.teams(&viewer).await?,
            viewer,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "add_staff_member")]
pub async fn add_staff_member(
    given_name: String,
    family_name: String,
    email: String,
    role: Option<String>,
    team: Option<String>,
) -> Result<PasswordLink, AppError> {
    use crate::api::server_side::{accounts, finish_form, require, viewer};
    use crate::casework::{Email, PersonName};
    use crate::error::Problem;
    use crate::identity::Role;
    use crate::policy::may_manage_staff;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "manage_staff", may_manage_staff(viewer.role)).await?;
        let name = PersonName::parse(&given_name, &family_name).map_err(AppError::Invalid)?;
        let email = Email::parse(&email).map_err(AppError::Invalid)?;
        let role = role
            .as_deref()
            .and_then(Role::parse)
            .filter(|r| r.is_staff())
            .ok_or(AppError::Invalid(Problem::RoleInvalid))?;
        let team = team.as_deref().and_then(crate::ids::TeamId::parse);
        let (_, token) = accounts()?
            .add_staff(&viewer, &name, &email, role, team)
            .await?
            .map_err(AppError::Invalid)?;
        Ok(PasswordLink {
            name: format!("{} {}", name.given(), name.family()),
            link: password_link(&token),
        })
    }
    .await;
    finish_form(&result, "/admin/staff", None);
    result
}

#[server(prefix = "/api", endpoint = "set_staff_active")]
pub async fn set_staff_active(person: String, active: String) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, require, store, viewer};
    use crate::policy::may_manage_staff;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "manage_staff", may_manage_staff(viewer.role)).await?;
        let person = crate::ids::PersonId::parse(&person).ok_or(AppError::NotFound)?;
        // Locking yourself out would leave no one to undo it: a rule, not an access refusal.
        if person == viewer.person {
            return Err(AppError::Invalid(crate::error::Problem::NotAllowed));
        }
        if store()?
            .set_staff_active(&viewer, person, active == "true")
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    finish_form(&result, "/admin/staff", None);
    result
}

#[server(prefix = "/api", endpoint = "issue_password_reset")]
pub async fn issue_password_reset(person: String) -> Result<PasswordLink, AppError> {
    use crate::api::server_side::{accounts, finish_form, require, viewer};
    use crate::policy::may_manage_staff;
    let result = async {
        let viewer = viewer().await?;
        require(&viewer, "manage_staff", may_manage_staff(viewer.role)).await?;
        let person = crate::ids::PersonId::parse(&person).ok_or(AppError::NotFound)?;
        let token = accounts()?
            .issue_password_reset(&viewer, person)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(PasswordLink {
            name: String::new(),
            link: password_link(&token),
        })
    }
    .await;
    finish_form(&result, "/admin/staff", None);
    result
}

/// Sets a password from a link. Works signed out: the token is the proof.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::api::server_side::{accounts, finish_form};
    use crate::error::Problem;
    let token_page = format!(
        "/reset-password?token={}",
        token
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(64)
            .collect::<String>()
    );
    let result = async {
        if password != password_again {
            return Err(AppError::Invalid(Problem::PinsDiffer));
        }
        accounts()?
            .reset_password(&token, &password)
            .await?
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, &token_page, Some("/sign-in?reset=done"));
    result
}

#[server(prefix = "/api", endpoint = "account")]
pub async fn load_account() -> Result<AccountPage, AppError> {
    use crate::api::server_side::{accounts, answer, store, viewer};
    use crate::policy::may_set_team_security;
    let result = async {
        let viewer = viewer().await?;
        if !viewer.role.is_staff() {
            return Err(AppError::NotFound);
        }
        let store = store()?;
        let may_set = may_set_team_security(viewer.role);
        let teams = if may_set {
            store
                .teams(&viewer)
                .await?
                .into_iter()
                .filter(|t| {
                    viewer.role == crate::identity::Role::Administrator || Some(t.id) == viewer.team
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(AccountPage {
            has_second_factor: accounts()?.has_second_factor(&viewer).await?,
            teams,
            may_set_team_security: may_set,
            viewer,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "set_team_second_factor")]
pub async fn set_team_second_factor(team: String, required: String) -> Result<(), AppError> {
    use crate::api::server_side::{accounts, finish_form, require, session_token, store, viewer};
    use crate::policy::may_set_team_security;
    let result = async {
        let viewer = viewer().await?;
        require(
            &viewer,
            "set_team_security",
            may_set_team_security(viewer.role),
        )
        .await?;
        let team = crate::ids::TeamId::parse(&team).ok_or(AppError::NotFound)?;
        let store = store()?;
        if !store
            .set_team_second_factor(&viewer, team, required == "true")
            .await?
        {
            return Err(AppError::NotFound);
        }
        // Requiring it of their own team holds their own password-only session too: take
        // them straight to the step rather than to a "signed out" page.
        let held = match session_token() {
            Some(token) => accounts()?
                .session(&token)
                .await?
                .is_some_and(|s| s.awaiting_second_factor),
            None => false,
        };
        Ok(held)
    }
    .await;
    let done = matches!(result, Ok(true)).then_some("/sign-in/code");
    finish_form(&result, "/account", done);
    result.map(|_| ())
}
