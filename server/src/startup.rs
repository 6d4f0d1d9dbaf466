//! Builds the HTTP application from configuration and runs it until it is told to stop.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;

use axum::extract::State;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;

use app::api::server_side::{CookiePolicy, SiteSettings, SESSION_COOKIE};
use app::shell::{shell, ShellAssets};
use app::store::{SharedAccounts, SharedPlanChanges, SharedStore};
use app::App;

use crate::config::Config;
use crate::db::{self, Database};
use crate::{api_errors, csrf, request_log, security};

/// Forms here are a few fields long; anything bigger is refused before it is read.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub struct Application {
    listener: TcpListener,
    router: Router,
    database: Database,
    /// Set when the server starts stopping: open live streams end, so that they do not hold
    /// the stop up for as long as someone keeps a group view open.
    closing: tokio::sync::watch::Sender<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] db::ConnectError),
    #[error("could not seed demo data: {0}")]
    Seed(sqlx::Error),
    #[error("could not listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
}

impl Application {
    pub async fn build(config: &Config) -> Result<Self, StartError> {
        let database = db::connect(&config.database_url).await?;
        if config.demo_data
            && database
                .seed_demo_if_empty()
                .await
                .map_err(StartError::Seed)?
        {
            tracing::info!("seeded the fictional demo service");
        }
        database
            .install_missing_libraries()
            .await
            .map_err(StartError::Seed)?;
        let services = Services {
            store: database.shared(),
            accounts: database.accounts(),
            plan_changes: database.plan_changes(),
        };
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| StartError::Listen(config.addr, e))?;
        let live = crate::live_bus::start(&database);
        let (closing, closing_seen) = tokio::sync::watch::channel(false);
        let router = router(config, services, live, closing_seen);
        Ok(Application {
            listener,
            router,
            database,
            closing,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, lets requests in flight finish, then closes the
    /// database cleanly (so SQLite checkpoints its write-ahead log).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let closing = self.closing;
        let shutdown = async move {
            shutdown.await;
            closing.send_replace(true);
        };
        // The peer address feeds the per-address sign-in limits.
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        self.database.close().await;
        served
    }
}

/// What the server functions are given: the store, and the rules kept out of it.
struct Services {
    store: SharedStore,
    accounts: SharedAccounts,
    plan_changes: SharedPlanChanges,
}

/// The app's routes, listed once per process. Listing them renders the app with resource
/// loading switched off through a flag that is global to the process (leptos issue #4773),
/// so a second server listing its routes in the same process (the integration tests start
/// one per test) would leave a page that another server is rendering at that moment
/// waiting for ever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(
    config: &Config,
    services: Services,
    live: app::live::LiveUpdates,
    closing: tokio::sync::watch::Receiver<bool>,
) -> Router {
    let Services {
        store,
        accounts,
        plan_changes,
    } = services;
    let site_root = config.site_root.clone();
    let assets = read_assets(&site_root);
    let leptos_options = LeptosOptions::builder()
        .output_name("waypoint")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();

    let routes = route_list();
    let site = SiteSettings {
        public_url: config.public_url.clone(),
    };
    let page_context = {
        let store = store.clone();
        let accounts = accounts.clone();
        let plan_changes = plan_changes.clone();
        let site = site.clone();
        let live = live.clone();
        move || {
            provide_context(store.clone());
            provide_context(accounts.clone());
            provide_context(plan_changes.clone());
            provide_context(site.clone());
            provide_context(live.clone());
        }
    };
    let render_shell = move || shell(assets.clone());

    // Unknown addresses: a file from the site folder if there is one, else the app's own
    // "page not found" (rendered with the same shell, with a 404 status).
    let not_found =
        leptos_axum::render_app_to_stream_with_context(page_context.clone(), render_shell.clone());
    let static_files = ServeDir::new(&site_root)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(not_found.into_service());

    let health_store = store.clone();
    let exit = QuickExit {
        accounts: accounts.clone(),
        cookies: site.cookies(),
        to: config.quick_exit_url.clone(),
    };
    let report_state = crate::report_route::ReportState {
        store: store.clone(),
        accounts: accounts.clone(),
        cookies: site.cookies(),
    };
    Router::new()
        .route("/healthz", get(move || health(health_store.clone())))
        .route(
            "/exit",
            get(move |headers: HeaderMap| quick_exit(exit.clone(), headers)),
        )
        .route(
            "/live/cohorts/{cohort}/sessions/{session}",
            get(crate::live_route::session_events).with_state(crate::live_route::LiveState {
                store: store.clone(),
                accounts,
                live,
                cookies: site.cookies(),
                closing,
            }),
        )
        .route(
            "/reports/cohorts.csv",
            get(crate::report_route::cohort_report_csv).with_state(report_state.clone()),
        )
        .route(
            "/reports/team.csv",
            get(|State(state), headers| {
                crate::report_route::team_report_csv(state, "team", headers)
            })
            .with_state(report_state.clone()),
        )
        .route(
            "/reports/quotes.csv",
            get(|State(state), headers| {
                crate::report_route::team_report_csv(state, "quotes", headers)
            })
            .with_state(report_state),
        )
        .leptos_routes_with_context(&leptos_options, routes, page_context, render_shell)
        .fallback_service(static_files)
        .with_state(leptos_options)
        .layer(middleware::from_fn(api_errors::malformed_is_bad_request))
        .layer(middleware::from_fn(request_log::log_request))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            config.trusted_proxies.clone(),
            crate::client_address::resolve,
        ))
        .layer(middleware::from_fn(csrf::require_form_encoding))
        .layer(middleware::from_fn(csrf::reject_cross_site))
        .layer(middleware::from_fn_with_state(
            site.cookies().https,
            security::security_headers,
        ))
}

#[derive(Clone)]
struct QuickExit {
    accounts: SharedAccounts,
    cookies: CookiePolicy,
    to: String,
}

/// Leaves at once for a neutral site, ending the session on the way out so the back button
/// shows nothing. The phone keeps its device credential: the PIN opens the app again.
/// A link to `/exit` on another site only sends the browser on to the neutral site: it
/// cannot end anyone's session.
async fn quick_exit(exit: QuickExit, headers: HeaderMap) -> Response {
    if !crate::csrf::sent_from_this_site(&headers) {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, exit.to)]).into_response();
    }
    let name = exit.cookies.name(SESSION_COOKIE);
    let token = app::api::server_side::cookie_in(&headers, exit.cookies, SESSION_COOKIE);
    if let Some(token) = token {
        if let Err(e) = exit.accounts.sign_out(&token, false).await {
            tracing::error!(error = %e, "quick exit could not end the session");
        }
    }
    let secure = if exit.cookies.https { "; Secure" } else { "" };
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, exit.to),
            (
                header::SET_COOKIE,
                format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
            ),
        ],
    )
        .into_response()
}

async fn health(store: SharedStore) -> impl IntoResponse {
    match store.ping().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "database unavailable" })),
            )
        }
    }
}

/// Reads the hashed asset names that scripts/build-site.sh recorded in `hash.txt`. Without a
/// built site (API-only tests) pages still render, just without script and style. A name
/// that is not the hex the build writes is ignored: it is put into every page's script.
fn read_assets(site_root: &Path) -> ShellAssets {
    let text = std::fs::read_to_string(site_root.join("hash.txt")).ok();
    if text.is_none() {
        tracing::warn!(site_root = %site_root.display(), "no built site found: pages will not hydrate (run scripts/build-site.sh)");
    }
    let hash = |kind: &str| {
        text.as_deref()
            .and_then(|t| {
                t.lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(k, _)| k.trim() == kind)
                    .map(|(_, v)| v.trim().to_owned())
            })
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|h| format!(".{h}"))
            .unwrap_or_default()
    };
    ShellAssets::new(
        format!("/pkg/waypoint{}.css", hash("css")),
        &format!("/pkg/waypoint{}.js", hash("js")),
        &format!("/pkg/waypoint{}.wasm", hash("wasm")),
    )
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM (what a service manager sends).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
