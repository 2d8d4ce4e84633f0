//! `ladder serve`: the web app and the JSON API, with workers for the background jobs in the same process
//! unless `--no-worker` (then `ladder worker` runs them, here or on another machine).

use super::Ctx;
use anyhow::Result;
use clap::Args;
use ladder_app::accounts::{UserInput, set_up_owner};
use ladder_app::jobs::worker::LiveJobs;
use ladder_domain::access::Role;
use std::sync::Arc;

/// The demo owner's sign-in.
const DEMO_OWNER: &str = "owner@demo.shop";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; 0.0.0.0:8080 to be reachable from other machines [env: LADDER_BIND]
    /// [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDRESS")]
    pub bind: Option<String>,
    /// Creates the demo shop and an owner account on first start if the database is empty, and prints
    /// how to sign in.
    #[arg(long)]
    pub demo: bool,
    /// Customers of the demo shop.
    #[arg(long, default_value_t = 20_000)]
    pub demo_customers: u64,
    /// Mark cookies Secure (sent over HTTPS only): use it when people reach the app through HTTPS [env:
    /// LADDER_SECURE_COOKIES].
    #[arg(long)]
    pub secure_cookies: bool,
    /// A proxy in front of the app (an address or a network such as 10.0.0.0/8), whose X-Forwarded-For
    /// header names the client; may be repeated [env: LADDER_TRUSTED_PROXY].
    #[arg(long, value_name = "CIDR")]
    pub trusted_proxy: Vec<String>,
    /// Run no worker here: background jobs wait for `ladder worker` on this or another machine [env:
    /// LADDER_SERVE_WORKER=false].
    #[arg(long)]
    pub no_worker: bool,
    /// Jobs the worker runs side by side [env: LADDER_WORKER_CONCURRENCY] [default: 1].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// How long a claimed job is held before another worker may take it over [default: 30].
    #[arg(long, value_name = "SECONDS", hide = true)]
    pub lease_seconds: Option<u64>,
    /// Stop when standard input closes: a test harness that started the server then takes it down
    /// even if it exits without stopping it.
    #[arg(long, hide = true)]
    pub stop_when_input_closes: bool,
}

pub fn run(ctx: &Ctx, args: &ServeArgs) -> Result<()> {
    let app = ctx.app(args.demo)?;
    let store = app.store();
    let mut first_login = None;
    if args.demo {
        if store.counts()?.customers == 0 {
            eprintln!("Creating the demo shop ({} customers) in {}…", args.demo_customers, ctx.shown_database());
            let options = ladder_app::demo::DemoOptions {
                seed: 42,
                customers: args.demo_customers,
                as_of: chrono::Utc::now().date_naive(),
                currency: ladder_domain::Currency::parse("USD")?,
                basket: 1,
            };
            ladder_app::demo::create(&app, &ctx.actor(), &options, &ctx.bar)?;
        }
        let (password, _) = super::user::password_from_env();
        let owner = UserInput {
            email: DEMO_OWNER.to_owned(),
            name: "Demo owner".to_owned(),
            role: Role::Owner,
            language: "en".to_owned(),
            password: password.clone(),
        };
        if set_up_owner(&app, &owner).map_err(|e| ctx.fail(e))?.is_some() {
            first_login = Some(password);
        }
    }
    let users = store.user_count()?;
    if args.stop_when_input_closes {
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            std::process::exit(0);
        });
    }
    let live = Arc::new(LiveJobs::default());
    let workers = if ctx.config.serve_worker {
        Some(super::worker::Pool::start(ctx, &app, live.clone())?)
    } else {
        tracing::info!("no worker in this process (--no-worker): background jobs wait for `ladder worker`");
        None
    };
    let options = ladder_web::WebOptions {
        secure_cookies: ctx.config.secure_cookies,
        trusted_proxies: ctx.config.trusted_proxies.clone(),
        password_reset: crate::channels::password_reset_by_email(&ctx.config),
    };
    let state = ladder_web::AppState::new(app, live, options);
    let served = ladder_web::run(
        state,
        ctx.config.bind,
        move |address| {
            println!("Ladder is running at http://{address}/ (Ctrl-C stops it).");
            match (&first_login, users) {
                (Some(password), _) => {
                    println!("Sign in as {DEMO_OWNER} with the password {password}");
                    println!("Lost it? `ladder user reset-password {DEMO_OWNER}` gives a new one.");
                }
                (None, _) if args.demo => {
                    println!(
                        "The demo owner is {DEMO_OWNER}; `ladder user reset-password {DEMO_OWNER}` gives a new password."
                    )
                }
                (None, 0) => println!("No account yet: open http://{address}/setup to create the owner's."),
                _ => {}
            }
        },
        async {
            if let Err(e) = crate::shutdown::signal().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C; stop the server with SIGKILL");
                std::future::pending::<()>().await;
            }
        },
    );
    if let Some(workers) = workers {
        workers.stop();
    }
    served
}
