//! `ladder user`: the people who sign in to the web app, added through the same use-case (and password
//! policy) as the settings page.

use super::{Ctx, print_id};
use crate::cli::{Format, FormatArg};
use crate::output::{Grid, print};
use anyhow::{Context, Result};
use clap::Subcommand;
use ladder_app::accounts::{UserEdit, UserInput, create_user, random_password, update_user};
use ladder_domain::access::Role;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Adds a user; the password comes from LADDER_PASSWORD, or is generated and printed once.
    Add {
        /// Their email, which they sign in with.
        email: String,
        /// Their name.
        #[arg(long, default_value = "")]
        name: String,
        /// owner, marketing, sales, support or viewer (see docs/PERMISSIONS.md).
        #[arg(long, default_value = "viewer")]
        role: String,
        /// Their language: en, he, fa or ru.
        #[arg(long, default_value = "en")]
        language: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Gives a user a new password, from LADDER_PASSWORD or generated and printed once; their sessions
    /// end. For an owner who lost theirs (the demo's too).
    ResetPassword {
        /// Their email.
        email: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Lists the users.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
}

/// The password a new account gets: `LADDER_PASSWORD` when set, else a generated one (and whether it was).
pub fn password_from_env() -> (String, bool) {
    match std::env::var("LADDER_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (random_password(), true),
    }
}

pub fn run(ctx: &Ctx, command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { email, name, role, language, format } => {
            let role = Role::parse(role)
                .with_context(|| format!("--role {role:?} is not a role; use one of {}", Role::names()))?;
            let app = ctx.app(true)?;
            let (password, generated) = password_from_env();
            let input = UserInput {
                email: email.clone(),
                name: name.clone(),
                role,
                language: language.clone(),
                password: password.clone(),
            };
            let user = create_user(&app, &ctx.actor(), &input).map_err(|e| ctx.fail(e))?;
            if generated {
                eprintln!("Added {} as {}. Their password (shown once): {password}", user.email, role.as_str());
            } else {
                eprintln!("Added {} as {}.", user.email, role.as_str());
            }
            let shown = generated.then_some(password);
            print_id(
                format.format,
                user.id,
                serde_json::json!({ "email": user.email, "role": role.as_str(), "password": shown }),
            )
        }
        UserCommand::ResetPassword { email, format } => {
            let app = ctx.app(true)?;
            let user = app
                .store()
                .user_by_email(&email.trim().to_lowercase())?
                .with_context(|| format!("no user has the email {email:?}; `ladder user list` shows who has one"))?;
            let (password, generated) = password_from_env();
            let edit = UserEdit { password: Some(password.clone()), ..UserEdit::default() };
            update_user(&app, &ctx.actor(), user.id, &edit).map_err(|e| ctx.fail(e))?;
            if generated {
                eprintln!("{} has a new password (shown once): {password}", user.email);
            } else {
                eprintln!("{} has the password from LADDER_PASSWORD.", user.email);
            }
            let shown = generated.then_some(password);
            print_id(format.format, user.id, serde_json::json!({ "email": user.email, "password": shown }))
        }
        UserCommand::List { format } => {
            let store = ctx.store(false)?;
            let users = store.users()?;
            let mut grid = Grid::new(vec!["id", "email", "name", "role", "language", "enabled"], vec![0]);
            for u in &users {
                grid.push(vec![
                    u.id.to_string(),
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
