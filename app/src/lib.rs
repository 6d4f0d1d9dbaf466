//! Waypoint's application: pages, components, server functions and the domain types they
//! share. The server crate renders every page; the browser build (`frontend/`, feature
//! `hydrate`) carries only the islands (`#[island]`), the parts that need the browser.

// Leptos views are deeply nested types; the staff case page exceeds the default limit.
#![recursion_limit = "256"]

// The build.rs route that replaces this macro pulls in ICU's data exporter and an HTTP
// client as build dependencies, which costs minutes on every fresh build here; the macro
// reads the same `locales/` files and `[package.metadata.leptos-i18n]`.
#[allow(deprecated)]
mod i18n_catalogue {
    leptos_i18n::load_locales!();
}
pub use i18n_catalogue::i18n;

pub mod api;
pub mod calendar;
pub mod caseload;
pub mod casework;
pub mod components;
pub mod error;
pub mod feedback;
pub mod identity;
pub mod ids;
pub mod language;
#[cfg(feature = "ssr")]
pub mod live;
pub mod markup;
pub mod messages;
pub mod pages;
pub mod plan;
pub mod policy;
pub mod programme;
#[cfg(feature = "ssr")]
pub mod qr;
pub mod questionnaire;
pub mod report;
pub mod scaling;
#[cfg(feature = "ssr")]
pub mod shell;
#[cfg(feature = "ssr")]
pub mod store;
pub mod support;
pub mod team;
pub mod timeline;
pub mod voice;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::i18n::I18nContextProvider;
use crate::pages::case_record::{AuditTrailPage, CaseRecordPage};
use crate::pages::caseload::{CaseloadPage, NewYoungPersonPage};
use crate::pages::cohorts::{CohortListPage, CohortPage, GroupSessionLivePage, NewCohortPage};
use crate::pages::feedback::{FeedbackPage, QuotesPage};
use crate::pages::home::HomePage;
use crate::pages::join::{JoinPage, SignedOutPage, UnlockPage};
use crate::pages::me::{FamilyHomePage, YoungPersonHomePage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::plan::{PlanPage, PlanPrintPage};
use crate::pages::plan_review::PlanReviewPage;
use crate::pages::plan_target::TargetEditPage;
use crate::pages::progress::{ProgrammeScalingPage, ProgressPage};
use crate::pages::question_sets::{QuestionSetBuilderPage, QuestionSetListPage};
use crate::pages::questionnaire::{AnswersPage, QuestionnairePage};
use crate::pages::report::{CohortReportPage, TeamOverviewPage};
use crate::pages::score_session::ScoreSessionPage;
use crate::pages::sign_in::{SecondFactorPage, StaffSignInPage};
use crate::pages::staff::{AccountPage, ResetPasswordPage, StaffAdminPage};
use crate::pages::timeline::TimelinePage;
use crate::pages::voice::{HelpNowPage, VoicePage};
use crate::pages::words::WordsPage;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    provide_i18n_context_quietly();
    view! {
        // The language goes on <html> in the shell, not through leptos_meta: meta output
        // is rendered after the page's reactive owner is gone, and a signal read there
        // panicked under concurrent load (issue 15). For the same reason page titles
        // are plain strings, never closures.
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <Router>
                <Routes fallback=NotFoundPage>
                    // Every page renders whole before it is sent (Async), so its status
                    // code and redirects are right and it works without JavaScript.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=StaffSignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/code") view=SecondFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/join") view=JoinPage ssr=SsrMode::Async />
                    <Route path=path!("/unlock") view=UnlockPage ssr=SsrMode::Async />
                    <Route path=path!("/signed-out") view=SignedOutPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view=YoungPersonHomePage ssr=SsrMode::Async />
                    <Route path=path!("/family") view=FamilyHomePage ssr=SsrMode::Async />
                    <Route path=path!("/caseload") view=CaseloadPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/staff") view=StaffAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/cohorts") view=CohortListPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/cohorts") view=CohortReportPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/quotes") view=QuotesPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/team") view=TeamOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/feedback") view=FeedbackPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/timeline") view=TimelinePage ssr=SsrMode::Async />
                    <Route path=path!("/cohorts/new") view=NewCohortPage ssr=SsrMode::Async />
                    <Route path=path!("/cohorts/:cohort") view=CohortPage ssr=SsrMode::Async />
                    <Route path=path!("/cohorts/:cohort/sessions/:session") view=GroupSessionLivePage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/cohorts/:cohort/programme/:stage") view=ProgrammeScalingPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/cohorts/:cohort/progress") view=ProgressPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/cohorts/:cohort/questionnaires/:purpose") view=QuestionnairePage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/questionnaires/:purpose") view=QuestionnairePage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/answers") view=AnswersPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/plan") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/what-i-think") view=VoicePage ssr=SsrMode::Async />
                    <Route path=path!("/help-now") view=HelpNowPage />
                    <Route path=path!("/words") view=WordsPage />
                    <Route path=path!("/young-people/:young_person/plan/print") view=PlanPrintPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/plan/review") view=PlanReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/plan/targets/:target") view=TargetEditPage ssr=SsrMode::Async />
                    <Route path=path!("/question-sets") view=QuestionSetListPage ssr=SsrMode::Async />
                    <Route path=path!("/question-sets/:purpose") view=QuestionSetBuilderPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/new") view=NewYoungPersonPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person") view=CaseRecordPage ssr=SsrMode::Async />
                    <Route path=path!("/young-people/:young_person/audit") view=AuditTrailPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/young-people/:young_person/cohorts/:cohort/sessions/:session/score")
                        view=ScoreSessionPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// leptos_i18n starts an effect that writes its language cookie. On the server that effect
/// runs on a task of its own, which under load can start after the page is sent and its
/// signals are gone; it then panicked, and took other requests' connections with it
/// (issue 15). So on the server the context is made under an owner whose effects are
/// paused (the effect is never wanted there), and provided before `I18nContextProvider`,
/// which then uses it and makes no other.
#[cfg(feature = "ssr")]
fn provide_i18n_context_quietly() {
    let owner = Owner::new();
    let i18n = owner.with(leptos_i18n::context::init_i18n_context::<i18n::Locale>);
    owner.pause();
    // Waypoint decides the language (the person's choice, then the browser's, and whether
    // the page is written in it) once per request, and the shell's `<html lang>` reads the
    // same answer; so does the layout, which says so where the page is not in the chosen one.
    if use_context::<axum::http::request::Parts>().is_some() {
        i18n.set_locale_untracked(language::of_this_request().page.locale());
    }
    provide_context(i18n);
    // The owner holds the context's signals; it lives as long as the page's.
    on_cleanup(move || drop(owner));
}

#[cfg(test)]
mod render_rules {
    /// leptos_meta renders titles after the page's reactive owner has gone, so a title
    /// that reads a signal (a closure over the i18n context) panicked mid-response under
    /// concurrent load and the connection dropped (issue 15). The load test in
    /// `server/tests/api/http.rs` catches it sometimes; this catches it every time.
    #[test]
    fn no_page_title_is_a_closure() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("source folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source file");
                    let needle = ["<Title", " text=move"].concat();
                    if text.contains(&needle) {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(found.is_empty(), "titles must be plain strings: {found:?}");
    }
}
