//! Signing in and out: staff with e-mail, password and perhaps a second factor; young
//! people and carers with an invitation code, then a PIN on their own phone.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::identity::Viewer;

/// What the start page needs: who is signed in, or whose phone this is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub viewer: Option<Viewer>,
    /// The first name of the person this phone belongs to, when it has a device credential.
    pub device_holder: Option<String>,
}

/// The second step of a staff sign-in: enter a code, or first set up an app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStep {
    pub given_name: String,
    /// Present when the person has no app yet and their team requires one.
    pub setup: Option<SecondFactorSetupView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorSetupView {
    pub secret: String,
    pub qr_svg: String,
}

#[server(prefix = "/api", endpoint = "entry")]
pub async fn load_entry() -> Result<Entry, AppError> {
    use crate::api::server_side::{accounts, device_token, viewer};
    let viewer = match viewer().await {
        Ok(v) => Some(v),
        Err(AppError::SignedOut) => None,
        Err(e) => return Err(e),
    };
    let device_holder = match (&viewer, device_token()) {
        (None, Some(token)) => accounts()?.device_holder(&token).await?,
        _ => None,
    };
    Ok(Entry {
        viewer,
        device_holder,
    })
}

/// What the page frame offers: a quick exit to everyone except signed-in staff, and to a
/// signed-in young person or parent a way back to their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub quick_exit: bool,
    pub home: Option<String>,
    /// A young person with communication support on: every page offers read-aloud, and
    /// the style makes words and buttons bigger.
    pub support: bool,
}

#[server(prefix = "/api", endpoint = "frame")]
pub async fn load_frame() -> Result<Frame, AppError> {
    use crate::api::server_side::{store, viewer};
    use crate::identity::Role;
    Ok(match viewer().await {
        Ok(v) if v.role.is_staff() => Frame {
            quick_exit: false,
            home: None,
            support: false,
        },
        Ok(v) => Frame {
            quick_exit: true,
            home: Some(v.role.home().to_owned()),
            support: v.role == Role::YoungPerson
                && store()?.communication_support(v.person).await?,
        },
        Err(_) => Frame {
            quick_exit: true,
            home: None,
            support: false,
        },
    })
}

#[server(prefix = "/api", endpoint = "staff_sign_in")]
pub async fn staff_sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::api::server_side::{
        accounts, client, finish_form, session_token, set_session_cookie, set_typed_email,
        settle_language,
    };
    let result = async {
        let accounts = accounts()?;
        let session = accounts
            .staff_sign_in(&email, &password, &client())
            .await?
            .map_err(AppError::Invalid)?;
        set_typed_email("");
        // Whatever session this browser had ends: a new id at every sign-in.
        if let Some(old) = session_token() {
            accounts.sign_out(&old, false).await?;
        }
        set_session_cookie(&session.token);
        settle_language(&session.viewer).await?;
        Ok(if session.awaiting_second_factor {
            "/sign-in/code"
        } else {
            session.viewer.role.home()
        })
    }
    .await;
    if result.is_err() {
        set_typed_email(&email);
    }
    finish_form(&result, "/sign-in", result.as_ref().ok().copied());
    result.map(|_| ())
}

#[server(prefix = "/api", endpoint = "second_factor_step")]
pub async fn load_second_factor() -> Result<SecondFactorStep, AppError> {
    use crate::api::server_side::{accounts, answer, session_token};
    let result = async {
        let accounts = accounts()?;
        let token = session_token().ok_or(AppError::SignedOut)?;
        let active = accounts
            .session(&token)
            .await?
            .filter(|a| a.awaiting_second_factor)
            .ok_or(AppError::SignedOut)?;
        let setup = if accounts.has_second_factor(&active.viewer).await? {
            None
        } else {
            let setup = accounts.begin_second_factor(&active.viewer).await?;
            Some(SecondFactorSetupView {
                qr_svg: crate::qr::svg(&setup.address, "QR code for your authenticator app")
                    .unwrap_or_default(),
                secret: setup.secret,
            })
        };
        Ok(SecondFactorStep {
            given_name: active.viewer.given_name,
            setup,
        })
    }
    .await;
    answer(result)
}

#[server(prefix = "/api", endpoint = "confirm_second_factor")]
pub async fn confirm_second_factor(code: String) -> Result<(), AppError> {
    use crate::api::server_side::{
        accounts, client, finish_form, session_token, set_session_cookie,
    };
    let result = async {
        let token = session_token().ok_or(AppError::SignedOut)?;
        let session = accounts()?
            .confirm_second_factor(&token, &code, &client())
            .await?
            .map_err(AppError::Invalid)?;
        set_session_cookie(&session.token);
        Ok(session.viewer.role.home())
    }
    .await;
    finish_form(&result, "/sign-in/code", result.as_ref().ok().copied());
    result.map(|_| ())
}

/// Where the join page stands: the code being used (from the QR link's address, or as
/// typed and kept by the server), and what comes next when it is good. It names no one:
/// a code shows whose it is only once it has been used, so guessing codes finds nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinStep {
    pub code: String,
    /// `Some` when the code can be used: choose a PIN, or type the one they have.
    pub next: Option<crate::identity::JoinKind>,
    /// Why a code from the QR link's address was not taken (a typed one says so through
    /// its own form).
    pub refused: Option<crate::error::Problem>,
}

/// `code` is the QR link's; without one, the code typed earlier on this phone. Checking a
/// code counts against this address like a sign-in: it cannot be used to try codes.
#[server(prefix = "/api", endpoint = "join_step")]
pub async fn load_join(code: String) -> Result<JoinStep, AppError> {
    use crate::api::server_side::{accounts, answer, client, join_code};
    let result = async {
        let from_link = url_safe_code(&code);
        let code = match from_link.clone() {
            c if c.is_empty() => join_code().map(|c| url_safe_code(&c)).unwrap_or_default(),
            c => c,
        };
        if code.is_empty() {
            return Ok(JoinStep::default());
        }
        Ok(
            match accounts()?.check_invitation(&code, &client()).await? {
                Ok(next) => JoinStep {
                    code,
                    next: Some(next),
                    refused: None,
                },
                Err(problem) => JoinStep {
                    refused: (!from_link.is_empty()).then_some(problem),
                    code,
                    next: None,
                },
            },
        )
    }
    .await;
    answer(result)
}

/// Step one of joining: the code as typed. Kept by the server (a short-lived cookie), so
/// neither a good code nor a mistyped one goes into the address, and a typo comes back in
/// the box to be corrected.
#[server(prefix = "/api", endpoint = "enter_code")]
pub async fn enter_code(code: String) -> Result<(), AppError> {
    use crate::api::server_side::{accounts, client, finish_form, set_join_code};
    use crate::error::Problem;
    let typed = url_safe_code(&code.trim().to_uppercase());
    set_join_code(&typed);
    let result = async {
        if typed.is_empty() {
            return Err(AppError::Invalid(Problem::InvitationInvalid));
        }
        accounts()?
            .check_invitation(&typed, &client())
            .await?
            .map(|_| ())
            .map_err(AppError::Invalid)
    }
    .await;
    finish_form(&result, "/join", None);
    result
}

#[server(prefix = "/api", endpoint = "redeem_invitation")]
pub async fn redeem_invitation(
    code: String,
    pin: String,
    // Only when choosing a PIN: someone adding a phone types the PIN they have, once.
    pin_again: Option<String>,
) -> Result<(), AppError> {
    use crate::api::server_side::{
        accounts, client, finish_form, set_device_cookie, set_join_code, set_session_cookie,
        settle_language,
    };
    use crate::error::Problem;
    let result = async {
        if pin_again.is_some_and(|again| again.trim() != pin.trim()) {
            return Err(AppError::Invalid(Problem::PinsDiffer));
        }
        let redeemed = accounts()?
            .redeem_invitation(&code, &pin, &client())
            .await?
            .map_err(AppError::Invalid)?;
        set_device_cookie(&redeemed.device_token);
        set_session_cookie(&redeemed.session.token);
        set_join_code("");
        settle_language(&redeemed.session.viewer).await?;
        Ok(redeemed.session.viewer.role.home())
    }
    .await;
    // Back to the join page, which still knows the code (kept by the server, never in the
    // address) unless the code itself was the problem.
    if matches!(result, Err(AppError::Invalid(Problem::InvitationInvalid))) {
        set_join_code("");
    } else if result.is_err() {
        set_join_code(&url_safe_code(&code));
    }
    finish_form(&result, "/join", result.as_ref().ok().copied());
    result.map(|_| ())
}

/// Keeps only characters an invitation code can have, so the address carries nothing else.
pub fn url_safe_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect()
}

#[server(prefix = "/api", endpoint = "unlock")]
pub async fn unlock(pin: String) -> Result<(), AppError> {
    use crate::api::server_side::{
        accounts, client, device_token, finish_form, set_session_cookie, settle_language,
    };
    use crate::error::Problem;
    let result = async {
        let device = device_token().ok_or(AppError::Invalid(Problem::DeviceNotRecognised))?;
        let session = accounts()?
            .unlock(&device, &pin, &client())
            .await?
            .map_err(AppError::Invalid)?;
        set_session_cookie(&session.token);
        settle_language(&session.viewer).await?;
        Ok(session.viewer.role.home())
    }
    .await;
    finish_form(&result, "/unlock", result.as_ref().ok().copied());
    result.map(|_| ())
}

/// Signs out here, or everywhere. On a shared phone, signing out also makes the phone
/// forget whose it was.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out(everywhere: Option<String>) -> Result<(), AppError> {
    use crate::api::server_side::{accounts, clear_cookies, finish_form, session_token};
    let result = async {
        if let Some(token) = session_token() {
            accounts()?.sign_out(&token, everywhere.is_some()).await?;
        }
        clear_cookies(true);
        Ok(())
    }
    .await;
    finish_form(&result, "/", Some("/signed-out"));
    result
}
