//! `ladder serve` and `ladder user`: the web app, and its accounts from the command line.

use crate::cli::{Format, ServeArgs, UserCommand};
use crate::output::{Grid, print};
use anyhow::{Context, Result, bail};
use chrono::Utc;
use ladder_domain::access::Role;
use ladder_store::{AuditEntry, NewUser, Store};
use std::sync::Arc;

/// The demo owner's sign-in.
const DEMO_OWNER: &str = "owner@demo.shop";

pub fn serve(database: &str, args: &ServeArgs, bar: &dyn ladder_app::Progress) -> Result<()> {
    let store: Arc<dyn Store> = Arc::from(crate::open_store(database, args.demo)?);
    let mut first_login = None;
    if args.demo {
        if store.counts()?.customers == 0 {
            eprintln!("Creating the demo shop ({} customers) in {database}…", args.demo_customers);
            let options = ladder_app::demo::DemoOptions {
                seed: 42,
                customers: args.demo_customers,
                as_of: Utc::now().date_naive(),
                currency: ladder_domain::Currency::parse("USD")?,
            };
            ladder_app::demo::create(store.as_ref(), &options, Utc::now(), bar)?;
        }
        if store.user_count()? == 0 {
            let password = ladder_web::random_password();
            add_user(store.as_ref(), DEMO_OWNER, "Demo owner", Role::Owner, "en", &password)?;
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
    let state = ladder_web::state(store, ladder_web::WebOptions { secure_cookies: args.secure_cookies });
    ladder_web::run(state, args.bind, move |address| {
        println!("Ladder is running at http://{address}/ (Ctrl-C stops it).");
        match (&first_login, users) {
            (Some(password), _) => println!("Sign in as {DEMO_OWNER} with the password {password}"),
            (None, 0) => println!("No account yet: open http://{address}/setup to create the owner's."),
            _ => {}
        }
    })
}

fn add_user(store: &dyn Store, email: &str, name: &str, role: Role, language: &str, password: &str) -> Result<()> {
    if let Some(problem) = ladder_web::password_problem(password, email) {
        bail!("the password is not accepted ({problem}): use at least 10 characters, not the email");
    }
    let now = Utc::now();
    let user = store.create_user(
        &NewUser {
            email: email.trim().to_lowercase(),
            name: name.to_owned(),
            role,
            language: language.to_owned(),
            password_hash: ladder_web::hash_password(password)?,
        },
        now,
    )?;
    store.record_audit(&AuditEntry {
        at: now,
        user_id: None,
        action: "add_user".into(),
        target: format!("user:{}", user.email),
        detail: format!("{} (command line)", role.as_str()),
    })?;
    Ok(())
}

pub fn user(database: &str, command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { email, name, role, language } => {
            let store = crate::open_store(database, true)?;
            let role = Role::parse(role)
                .with_context(|| format!("--role {role:?} is not a role; use one of {}", Role::names()))?;
            if ladder_i18n::Locale::parse(language).is_none() {
                bail!("--language {language:?} is not one of en, he, fa, ru");
            }
            let (password, generated) = match std::env::var("LADDER_PASSWORD") {
                Ok(p) if !p.is_empty() => (p, false),
                _ => (ladder_web::random_password(), true),
            };
            add_user(store.as_ref(), email, name, role, language, &password)?;
            if generated {
                println!("Added {email} as {}. Their password (shown once): {password}", role.as_str());
            } else {
                println!("Added {email} as {}.", role.as_str());
            }
            Ok(())
        }
        UserCommand::List { format } => {
            let store = crate::open_store(database, false)?;
            let users = store.users()?;
            let mut grid = Grid::new(vec!["email", "name", "role", "language", "enabled"], vec![]);
            for u in &users {
                grid.push(vec![
                    u.email.clone(),
                    u.name.clone(),
                    u.role.as_str().to_owned(),
                    u.language.clone(),
                    if u.disabled { "no" } else { "yes" }.to_owned(),
                ]);
            }
            if format.format == Format::Json {
                return print(Format::Json, &users, &[], &[]);
            }
            print(format.format, &users, &[("", &grid)], &[])
        }
    }
}
