//! Command line only: everything else lives in the library.

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use secrecy::SecretString;
use tapballot::auth::Role;
use tapballot::clock::SystemClock;
use tapballot::config::Settings;
use tapballot::service::users::{self, NewUser};
use tapballot::startup::Application;
use tapballot::{demo, store};

#[derive(Parser)]
#[command(name = "tapballot", version, about = "TAP consultations of ITU-T")]
struct Cli {
    /// sqlite://PATH (embedded, the default) or postgres://…
    #[arg(
        long,
        env = "TAPBALLOT_DATABASE_URL",
        default_value = "sqlite://tapballot.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "TAPBALLOT_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Secret for API tokens (32+ characters); when unset, one is generated
    /// once and kept in the database.
    #[arg(long, env = "TAPBALLOT_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,
    /// Lifetime of an API token, in seconds.
    #[arg(long, env = "TAPBALLOT_TOKEN_TTL_SECONDS", default_value_t = 3600)]
    token_ttl_seconds: u64,
    /// Database connections per instance.
    #[arg(long, env = "TAPBALLOT_POOL_SIZE", default_value_t = 8)]
    pool_size: u32,
}

#[derive(Subcommand)]
enum Command {
    /// Run pending migrations, then serve.
    Serve(ServeArgs),
    /// Run pending migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Seed demo data (once), print the demo accounts, then serve.
    Demo(ServeArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Tsb,
    Member,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password is read as one line from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// ISO 3166-1 alpha-3 code; required for member, refused for tsb.
        #[arg(long)]
        member_state: Option<String>,
        /// Preferred language: ar, zh, en, fr, ru or es.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Revoke every API token of a user.
    RevokeTokens {
        #[arg(long)]
        email: String,
    },
    /// Deactivate a user (and revoke their tokens).
    Deactivate {
        #[arg(long)]
        email: String,
    },
}

fn settings(database_url: &str, args: ServeArgs) -> Settings {
    Settings {
        bind: args.bind,
        jwt_secret: args.jwt_secret.map(SecretString::from),
        token_ttl: Duration::from_secs(args.token_ttl_seconds),
        pool_size: args.pool_size,
        ..Settings::new(database_url)
    }
}

async fn serve(settings: Settings, seed_demo: bool) -> anyhow::Result<()> {
    let clock = Arc::new(SystemClock);
    let app = Application::build(&settings, clock.clone())?;
    if seed_demo {
        let seeded = app.state().run(demo::seed).await;
        match seeded {
            Ok(true) => println!("Demo data seeded."),
            Ok(false) => println!("Demo data already present; reusing it."),
            Err(e) => anyhow::bail!("cannot seed demo data: {e}"),
        }
        let host = settings
            .bind
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or("127.0.0.1");
        demo::print_accounts(&format!("http://{host}:{}", app.port()));
    }
    tracing::info!(port = app.port(), "listening");
    app.run().await?;
    Ok(())
}

fn user_command(database_url: &str, command: UserCommand) -> anyhow::Result<()> {
    let mut conn = store::connect(database_url)?;
    store::migrate(&mut conn)?;
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            member_state,
            language,
        } => {
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let role = match role {
                RoleArg::Tsb => Role::Tsb,
                RoleArg::Member => Role::Member,
            };
            let new = NewUser {
                email,
                name,
                role,
                member_state,
                password: Some(password),
                language,
            };
            let user =
                users::add(&mut conn, &SystemClock, new).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("added {} ({})", user.email, user.id);
        }
        UserCommand::RevokeTokens { email } => {
            let user =
                users::find_by_email(&mut conn, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
            users::revoke_tokens(&mut conn, &user.id).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("revoked every token of {}", user.email);
        }
        UserCommand::Deactivate { email } => {
            let user =
                users::find_by_email(&mut conn, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
            users::deactivate(&mut conn, &user.id).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("deactivated {}", user.email);
        }
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let s = settings(&cli.database_url, args);
            actix_web::rt::System::new().block_on(serve(s, false))
        }
        Command::Demo(args) => {
            let s = settings(&cli.database_url, args);
            actix_web::rt::System::new().block_on(serve(s, true))
        }
        Command::Migrate => {
            let mut conn = store::connect(&cli.database_url)?;
            store::migrate(&mut conn)?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command } => user_command(&cli.database_url, command),
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TAPBALLOT_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tapballot: {e:#}");
            ExitCode::FAILURE
        }
    }
}
