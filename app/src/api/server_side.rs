//! What every server function does on the server: find the store, find out who is asking,
//! ask the policy, keep the audit trail, and talk back in the way the caller needs (data
//! for the hydrated app, a redirect for a form posted without JavaScript).

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::{AppError, Problem};
use crate::identity::Viewer;
use crate::ids::CohortId;
use crate::ids::PersonId;
use crate::policy::{self, Act, CohortAct, CohortRelation};
use crate::store::{AuditOutcome, Client, SharedAccounts, SharedPlanChanges, SharedStore};

pub fn store() -> Result<SharedStore, AppError> {
    use_context::<SharedStore>()
        .ok_or_else(|| AppError::internal(&"no store in the server function's context"))
}

pub fn plan_changes() -> Result<SharedPlanChanges, AppError> {
    use_context::<SharedPlanChanges>()
        .ok_or_else(|| AppError::internal(&"no plan changes in the server function's context"))
}

pub fn accounts() -> Result<SharedAccounts, AppError> {
    use_context::<SharedAccounts>()
        .ok_or_else(|| AppError::internal(&"no accounts in the server function's context"))
}

/// What the server tells every server function about where it is deployed.
#[derive(Clone, Debug)]
pub struct SiteSettings {
    /// The address people reach Waypoint at, for links in QR codes. Cookies are `Secure`
    /// and `__Host-` prefixed when it is HTTPS.
    pub public_url: String,
}

impl SiteSettings {
    pub fn cookies(&self) -> CookiePolicy {
        CookiePolicy {
            https: self.public_url.starts_with("https://"),
        }
    }
}

pub fn site() -> SiteSettings {
    use_context::<SiteSettings>().unwrap_or_else(|| SiteSettings {
        public_url: "http://127.0.0.1:3000".into(),
    })
}

/// How cookies are set. Over HTTPS they are `Secure` and `__Host-` prefixed, which stops a
/// sibling subdomain or a plain-HTTP page from planting or reading them.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookiePolicy {
    pub https: bool,
}

impl CookiePolicy {
    pub fn name(self, base: &str) -> String {
        if self.https {
            format!("__Host-{base}")
        } else {
            base.to_owned()
        }
    }

    fn set(self, base: &str, value: &str, max_age_seconds: u64) -> String {
        let secure = if self.https { "; Secure" } else { "" };
        format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}",
            self.name(base)
        )
    }
}

pub const SESSION_COOKIE: &str = "waypoint_session";
const DEVICE_COOKIE: &str = "waypoint_device";
/// Browsers cap cookie lifetimes at 400 days; the device credential lives that long unless
/// revoked.
const DEVICE_COOKIE_SECONDS: u64 = 400 * 24 * 60 * 60;
/// The session cookie outlives any idle time-out; the server decides when a session ends.
const SESSION_COOKIE_SECONDS: u64 = 24 * 60 * 60;

fn cookie_policy() -> CookiePolicy {
    site().cookies()
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

fn cookie(base: &str) -> Option<String> {
    cookie_in(&parts()?.headers, cookie_policy(), base)
}

/// A cookie from request headers, by its base name (the policy adds `__Host-` over HTTPS).
/// Also used by the plain axum routes (quick exit, live updates).
pub fn cookie_in(
    headers: &axum::http::HeaderMap,
    policy: CookiePolicy,
    base: &str,
) -> Option<String> {
    let name = policy.name(base);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn add_header(name: header::HeaderName, value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(name, value);
    }
}

pub fn session_token() -> Option<String> {
    cookie(SESSION_COOKIE)
}

pub fn device_token() -> Option<String> {
    cookie(DEVICE_COOKIE)
}

/// A code typed on the join page, kept between its two steps (and after a typo) so it
/// never travels in the address: for a quarter of an hour, readable by the server only.
const JOIN_COOKIE: &str = "waypoint_join";
const JOIN_COOKIE_SECONDS: u64 = 15 * 60;

pub fn join_code() -> Option<String> {
    cookie(JOIN_COOKIE).filter(|c| !c.is_empty())
}

/// Keeps `code` (already reduced to the characters a code can have), or with "" forgets it.
pub fn set_join_code(code: &str) {
    let seconds = if code.is_empty() {
        0
    } else {
        JOIN_COOKIE_SECONDS
    };
    add_header(
        header::SET_COOKIE,
        &cookie_policy().set(JOIN_COOKIE, code, seconds),
    );
}

const EMAIL_COOKIE: &str = "waypoint_email";
const EMAIL_COOKIE_SECONDS: u64 = 15 * 60;

/// The e-mail address typed at a staff sign-in that failed, so the form comes back with it
/// (the password is never kept). Only an address made of the characters addresses use is
/// kept; anything else is simply typed again.
pub fn typed_email() -> Option<String> {
    cookie(EMAIL_COOKIE).filter(|c| !c.is_empty())
}

pub fn set_typed_email(email: &str) {
    let email = email.trim();
    let keep = email.len() <= 254
        && email
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@._+-".contains(&b));
    let (value, seconds) = if keep && !email.is_empty() {
        (email, EMAIL_COOKIE_SECONDS)
    } else {
        ("", 0)
    };
    add_header(
        header::SET_COOKIE,
        &cookie_policy().set(EMAIL_COOKIE, value, seconds),
    );
}

pub fn set_session_cookie(token: &str) {
    add_header(
        header::SET_COOKIE,
        &cookie_policy().set(SESSION_COOKIE, token, SESSION_COOKIE_SECONDS),
    );
}

/// A chosen language, kept for a year on this phone or computer.
pub fn set_language_cookie(language: crate::language::Language) {
    const YEAR_SECONDS: u64 = 365 * 24 * 60 * 60;
    add_header(
        header::SET_COOKIE,
        &cookie_policy().set(crate::language::COOKIE, language.tag(), YEAR_SECONDS),
    );
}

/// The language of the page this request came from.
pub fn current_language() -> crate::language::Language {
    crate::language::of_this_request().page
}

/// The language the person asking chose (their cookie, else their browser's), whether or
/// not this page is written in it.
pub fn chosen_language() -> crate::language::Language {
    parts().map_or(crate::language::Language::English, |parts| {
        crate::language::chosen(&parts.headers, cookie_policy())
    })
}

/// Whether the viewer is a young person with communication support on (nobody else has
/// it: it is a young person's setting).
pub async fn communication_support(viewer: &Viewer) -> Result<bool, AppError> {
    if viewer.role != crate::identity::Role::YoungPerson {
        return Ok(false);
    }
    Ok(store()?.communication_support(viewer.person).await?)
}

/// After a sign-in: someone who has chosen a language gets it on this phone too; someone
/// who has not keeps the one they signed in with, which becomes their choice. Staff pages
/// are in English and Welsh only (`language::Reach`), so a parent's language that a staff
/// member's browser asks for becomes English rather than a note on every page.
pub async fn settle_language(viewer: &Viewer) -> Result<(), AppError> {
    use crate::language::{Language, Reach};
    let store = store()?;
    match store.language_of(viewer.person).await? {
        Some(language) => set_language_cookie(language),
        None => {
            let chosen = chosen_language();
            let language = if viewer.role.is_staff() && chosen.reach() != Reach::WholeSite {
                Language::English
            } else {
                chosen
            };
            store.set_language(viewer.person, language).await?;
            if language != chosen {
                set_language_cookie(language);
            }
        }
    }
    Ok(())
}

pub fn set_device_cookie(token: &str) {
    add_header(
        header::SET_COOKIE,
        &cookie_policy().set(DEVICE_COOKIE, token, DEVICE_COOKIE_SECONDS),
    );
}

/// Ends the session in this browser. With `forget_device`, the phone also forgets who it
/// belongs to (sign-out, as opposed to quick exit, which keeps the PIN sign-in).
pub fn clear_cookies(forget_device: bool) {
    let policy = cookie_policy();
    add_header(header::SET_COOKIE, &policy.set(SESSION_COOKIE, "", 0));
    if forget_device {
        add_header(header::SET_COOKIE, &policy.set(DEVICE_COOKIE, "", 0));
        // Also drops anything the browser cached for this site (the service worker's shell
        // copy holds no personal data, but a shared phone should keep nothing at all).
        add_header(
            header::HeaderName::from_static("clear-site-data"),
            "\"cache\", \"storage\"",
        );
    }
}

/// The address a request came from, as the server worked it out (past any trusted proxy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The client, for rate limiting (its address) and for telling devices apart (a coarse
/// label from its user agent, nothing that identifies the person).
pub fn client() -> Client {
    let parts = parts();
    // The server works out the address (past any trusted proxy); the connection's own
    // address is the fallback when nothing did.
    let address: Option<IpAddr> = parts.as_ref().and_then(|p| {
        p.extensions
            .get::<ClientAddress>()
            .map(|ClientAddress(ip)| *ip)
            .or_else(|| {
                p.extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|ConnectInfo(addr)| addr.ip())
            })
    });
    let agent = parts
        .as_ref()
        .and_then(|p| p.headers.get(header::USER_AGENT))
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Client {
        address,
        device_label: device_label(&agent).to_owned(),
    }
}

fn device_label(agent: &str) -> &'static str {
    if agent.contains("iPhone") {
        "iPhone"
    } else if agent.contains("iPad") {
        "iPad"
    } else if agent.contains("Android") {
        "Android phone"
    } else if agent.contains("Mac OS") {
        "Mac"
    } else if agent.contains("Windows") {
        "Windows computer"
    } else if agent.contains("Linux") {
        "Linux computer"
    } else {
        "Unknown device"
    }
}

/// The signed-in person, from the session cookie and the sessions table. Anything else
/// (no cookie, an unknown or tampered one, an idle or ended session, a deactivated
/// account, a sign-in still waiting for its second factor) is "signed out".
pub async fn viewer() -> Result<Viewer, AppError> {
    let token = session_token().ok_or(AppError::SignedOut)?;
    signed_in(&accounts()?, &token)
        .await?
        .ok_or(AppError::SignedOut)
}

/// The person a session token stands for, if the session is live and past its second
/// factor. The one rule for "signed in", shared with the plain axum routes.
pub async fn signed_in(
    accounts: &SharedAccounts,
    token: &str,
) -> Result<Option<Viewer>, crate::store::StoreError> {
    Ok(match accounts.session(token).await? {
        Some(active) if !active.awaiting_second_factor => Some(active.viewer),
        _ => None,
    })
}

/// Asks the policy whether `viewer` may do `action` to this young person's record. Denials
/// look exactly like a record that does not exist (nothing is revealed) and are audited;
/// staff reads are audited too. Returns the relation, for pages that show what else the
/// viewer may do.
pub async fn authorise(
    viewer: &Viewer,
    young_person: PersonId,
    action: Act,
) -> Result<policy::Relation, AppError> {
    let store = store()?;
    let relation = store
        .relation(viewer, young_person)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = policy::may(viewer.role, relation, action);
    let is_read = matches!(
        action,
        Act::ViewScores
            | Act::ViewRecord
            | Act::ViewAudit
            | Act::ViewAnswers
            | Act::ViewPlan
            | Act::ViewVoice
            | Act::ViewFeedback
    );
    settle(allowed, is_read && viewer.role.is_staff(), |outcome| {
        store.audit(
            viewer,
            action.as_str(),
            "young_person",
            young_person,
            outcome,
        )
    })
    .await?;
    Ok(relation)
}

/// The end of every authorisation: refusals (and, when `audit_allowed`, successes) go to
/// the audit trail; a refusal then looks exactly like a record that does not exist.
async fn settle<F, Fut>(allowed: bool, audit_allowed: bool, record: F) -> Result<(), AppError>
where
    F: FnOnce(AuditOutcome) -> Fut,
    Fut: std::future::Future<Output = Result<(), crate::store::StoreError>>,
{
    if !allowed || audit_allowed {
        record(if allowed {
            AuditOutcome::Done
        } else {
            AuditOutcome::Denied
        })
        .await?;
    }
    if allowed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Asks the policy whether `viewer` may do `action` to a cohort. As for a young person's
/// record: denials look like "not found" and are audited, and so are staff reads.
pub async fn authorise_cohort(
    viewer: &Viewer,
    cohort: CohortId,
    action: CohortAct,
) -> Result<CohortRelation, AppError> {
    let store = store()?;
    let relation = store
        .cohort_relation(viewer, cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = policy::may_cohort(viewer.role, relation, action);
    let id = cohort.to_string();
    settle(allowed, action == CohortAct::View, |outcome| {
        store.audit_record(viewer, action.as_str(), "cohort", &id, outcome)
    })
    .await?;
    Ok(relation)
}

/// A session score belongs to the young person's record and to the cohort it was given
/// in: staff who run the cohort reach it through the cohort (a co-facilitator need not
/// hold the case); everyone else through the young person's record.
pub async fn authorise_session_score(
    viewer: &Viewer,
    young_person: PersonId,
    cohort: CohortId,
    action: Act,
) -> Result<(), AppError> {
    let through_cohort = match action {
        Act::ViewScores => Some(CohortAct::View),
        Act::RecordScore => Some(CohortAct::RecordForMember),
        _ => None,
    };
    if let (true, Some(cohort_act)) = (viewer.role.is_staff(), through_cohort) {
        let relation = store()?.cohort_relation(viewer, cohort).await?;
        if relation.is_some_and(|r| policy::may_cohort(viewer.role, r, cohort_act)) {
            if action == Act::ViewScores {
                store()?
                    .audit(
                        viewer,
                        action.as_str(),
                        "young_person",
                        young_person,
                        AuditOutcome::Done,
                    )
                    .await?;
            }
            return Ok(());
        }
    }
    authorise(viewer, young_person, action).await.map(|_| ())
}

/// For actions that are not about one young person or cohort (staff accounts, team
/// settings, question sets, starting a cohort): the same guard as a record's. A refusal is
/// audited (`action` on the viewer's team, or the service) and answers "not found", as a
/// record the viewer may not see does.
pub async fn require(viewer: &Viewer, action: &str, allowed: bool) -> Result<(), AppError> {
    let store = store()?;
    let scope = viewer
        .team
        .map_or_else(|| "service".to_owned(), |t| t.to_string());
    settle(allowed, false, |outcome| {
        store.audit_record(viewer, action, "service", &scope, outcome)
    })
    .await
}

/// A form posted by a browser without JavaScript: it wants a page back, not data.
pub fn is_plain_form_post() -> bool {
    parts()
        .and_then(|parts| {
            parts
                .headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Gives an API client the HTTP status that matches the error (a 4xx for anything the
/// client can fix). Also used during server rendering, where it sets the page's status.
pub fn set_error_status(err: &AppError) {
    if let Some(res) = use_context::<ResponseOptions>() {
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        res.set_status(status);
    }
}

/// Finishes a server function that loads a page's data: an error carries its HTTP status.
pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        set_error_status(e);
    }
    result
}

/// Finishes a form's server function. Without JavaScript the browser gets a redirect: to
/// `done` on success, or back to `form_page` with the problem's code (and a reference for
/// internal errors) so the page can say what went wrong. With JavaScript, successes that
/// move somewhere else redirect too, and errors carry their HTTP status.
pub fn finish_form<T>(result: &Result<T, AppError>, form_page: &str, done: Option<&str>) {
    match result {
        Ok(_) => {
            if let Some(done) = done {
                leptos_axum::redirect(done);
            } else if is_plain_form_post() {
                leptos_axum::redirect(form_page);
            }
        }
        Err(e) => {
            if is_plain_form_post() {
                leptos_axum::redirect(&with_error(form_page, e));
            } else {
                set_error_status(e);
            }
        }
    }
}

/// A record id as it may appear in a redirect address: only the characters an id has, and
/// no longer than one (a UUID is 36), so whatever was posted cannot shape the address.
pub fn address_part(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect()
}

/// A page of a young person's record (`tail` is "" or "/plan", "/what-i-think", …), with the
/// posted id made safe for a redirect address.
pub fn young_person_page(young_person: &str, tail: &str) -> String {
    format!("/young-people/{}{tail}", address_part(young_person))
}

/// `page` with `error=…` (and `ref=…`) added to its query.
pub fn with_error(page: &str, e: &AppError) -> String {
    let joiner = if page.contains('?') { '&' } else { '?' };
    match e {
        AppError::Invalid(problem) => format!("{page}{joiner}error={}", problem.code()),
        // The keys are ours ("q1", "q2"), never typed by anyone, so they can go in the address.
        AppError::AnswersInvalid(problems) => format!(
            "{page}{joiner}error={}&questions={}",
            Problem::AnswersInvalid.code(),
            problems
                .iter()
                .map(|(key, _)| address_part(key))
                .collect::<Vec<_>>()
                .join(",")
        ),
        AppError::Internal { id } => format!("{page}{joiner}error=internal&ref={id}"),
        AppError::SignedOut => "/".to_owned(),
        _ => format!("{page}{joiner}error=not_found"),
    }
}
