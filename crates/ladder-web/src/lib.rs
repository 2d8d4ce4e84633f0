//! Ladder's web app and JSON API, served from the `ladder` binary (`ladder serve`).
//!
//! Pages are rendered on the server from templates embedded in the binary (minijinja), in the reader's
//! language (English, Hebrew, Persian, Russian; Hebrew and Persian right to left), with small partial
//! updates through htmx; charts are SVG drawn on the server, so a page needs no script to be read and
//! nothing is fetched from the internet. The store is synchronous; handlers call it on Tokio's blocking
//! pool. Who may see and change what is decided on the server, for pages and API alike, from the
//! signed-in user's role (`ladder_domain::access`).

mod api;
mod assets;
mod auth;
mod card_codes;
mod charts;
mod error;
mod pages;
mod request_log;
mod state;
mod views;

pub use auth::TrustedProxies;
use axum::Router;
use axum::routing::{get, post};
pub use state::{AppState, WebOptions};
use std::net::SocketAddr;

/// Every route of the app.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::dashboard::show))
        .route("/login", get(pages::login::form).post(pages::login::submit))
        .route("/logout", post(pages::login::logout))
        .route("/password/forgot", get(pages::password::forgot_form).post(pages::password::forgot))
        .route("/password/reset/{token}", get(pages::password::reset_form).post(pages::password::reset))
        .route("/setup", get(pages::login::setup_form).post(pages::login::setup_submit))
        .route("/language", post(pages::login::choose_language))
        .route("/customers", get(pages::customers::list))
        .route("/customers.csv", get(pages::customers::export))
        .route("/customers/new", get(pages::customer::new_form).post(pages::customer::create))
        .route("/customers/{id}", get(pages::customer::show))
        .route("/customers/{id}/orders", post(pages::customer::add_order))
        .route("/customers/{id}/merge", post(pages::customer::merge))
        .route("/customers/{id}/delete", post(pages::customer::delete))
        .route("/customers/{id}/erase", post(pages::customer::erase))
        .route("/customers/{id}/club/join", post(pages::club::join))
        .route("/customers/{id}/club/card", get(pages::club::card_pdf).post(pages::club::replace_card))
        .route("/customers/{id}/club/card/email", post(pages::club::email_card))
        .route("/club", get(pages::club::overview))
        .route("/club/till", get(pages::club::till).post(pages::club::redeem))
        .route("/customers/{id}/export.json", get(pages::customer::export))
        .route("/customers/{id}/profile", post(pages::customer::save_profile))
        .route("/customers/{id}/interactions", post(pages::customer::add_interaction))
        .route("/customers/{id}/orders/{order}/one-off", post(pages::customer::mark_one_off))
        .route("/today", get(pages::today::show))
        .route("/tasks/{id}", post(pages::today::act))
        .route("/playbooks", get(pages::playbooks::list))
        .route("/playbooks/{key}", get(pages::playbooks::show).post(pages::playbooks::change))
        .route("/ladder", get(pages::ladder::show))
        .route("/reports", get(pages::reports::show))
        .route("/campaigns", get(pages::campaigns::list).post(pages::campaigns::create))
        .route("/campaigns/new", get(pages::campaigns::new_form))
        .route("/campaigns/costs", post(pages::campaigns::import).layer(pages::campaigns::upload_limit()))
        .route("/campaigns/{id}", get(pages::campaigns::show).post(pages::campaigns::change))
        .route("/campaigns/{id}/costs", post(pages::campaigns::add_cost))
        .route("/campaigns/{id}/acquired.csv", get(pages::campaigns::acquired_csv))
        .route("/segments", get(pages::segments::list).post(pages::segments::create))
        .route("/segments/count", get(pages::segments::live_count))
        .route("/segments/{id}", get(pages::segments::edit).post(pages::segments::change))
        .route("/segments/{id}/delete", post(pages::segments::delete))
        .route("/settings", get(pages::settings::show))
        .route("/settings/shop", get(pages::shop::show).post(pages::shop::save))
        .route("/settings/shop/score", post(pages::shop::score_now))
        .route("/import", get(pages::import::show))
        .route("/import/check", post(pages::import::check).layer(pages::import::upload_limit()))
        .route("/import/run", post(pages::import::run))
        .route("/import/pair", post(pages::import::pair))
        .route("/jobs", get(pages::jobs::list))
        .route("/jobs/{id}", get(pages::jobs::show))
        .route("/jobs/{id}/retry", post(pages::jobs::retry))
        .route("/jobs/{id}/cancel", post(pages::jobs::cancel))
        .route("/settings/users", post(pages::settings::add_user))
        .route("/settings/users/{id}", post(pages::settings::change_user))
        .route("/settings/tokens", post(pages::settings::create_token))
        .route("/settings/password", post(pages::settings::change_password))
        .route("/settings/tokens/{id}/revoke", post(pages::settings::revoke_token))
        .route("/messages", get(pages::messages::overview))
        .route("/messages/templates", post(pages::messages::save_template))
        .route("/messages/templates/new", get(pages::messages::new_template))
        .route("/messages/templates/preview", post(pages::messages::preview))
        .route("/messages/calls", get(pages::messages::calls))
        .route("/messages/calls/{id}", post(pages::messages::record_call))
        .route("/messages/broadcasts", post(pages::messages::create_broadcast))
        .route("/messages/broadcasts/new", get(pages::messages::new_broadcast))
        .route("/messages/broadcasts/{id}", get(pages::messages::show_broadcast))
        .route("/messages/broadcasts/{id}/send", post(pages::messages::send_broadcast))
        .route("/u/{token}", get(pages::links::ask).post(pages::links::unsubscribe))
        .route("/r/{token}", get(pages::links::follow))
        .route("/card/{token}", get(pages::club::public_card))
        .route("/card/{token}/pdf", get(pages::club::public_card_pdf))
        .route("/preferences/{token}", get(pages::links::show).post(pages::links::save))
        .route("/assets/{*path}", get(assets::serve))
        .nest("/api/v1", api::router())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), request_log::security_headers))
        .layer(axum::middleware::from_fn(request_log::log_request))
        .with_state(state)
}

/// Serves the app until `shutdown` completes (the binary passes Ctrl-C or SIGTERM); `ready` hears the
/// bound address (useful with port 0).
pub async fn serve(
    state: AppState,
    bind: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}; is another program using that port?"))?;
    ready(listener.local_addr()?);
    // The dashboard's, the reports' and today's campaign figures take seconds over a million customers:
    // compute them before anyone asks.
    let warm = state.clone();
    tokio::spawn(async move {
        if let Err(e) = pages::dashboard::dashboard(&warm).await {
            tracing::warn!("the dashboard could not be prepared: {e:?}");
        }
        if let Err(e) = pages::reports::reports(&warm).await {
            tracing::warn!("the reports could not be prepared: {e:?}");
        }
        if let Err(e) = warm.campaigns.get(&warm, chrono::Utc::now().date_naive()).await {
            tracing::warn!("the campaign figures could not be prepared: {e:?}");
        }
    });
    tokio::spawn(pages::import::sweep_forever());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Runs the server on a new Tokio runtime until `shutdown` completes: the `ladder` binary is otherwise
/// synchronous.
pub fn run(
    state: AppState,
    bind: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // A few blocking threads: the store has a handful of connections, and more threads than that only
    // queue for them, switching contexts.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()?
        .block_on(serve(state, bind, ready, shutdown))
}
