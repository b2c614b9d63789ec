//! Command line only: everything else lives in the library.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use secrecy::{ExposeSecret, SecretString};
use tapballot::auth::Role;
use tapballot::clock::SystemClock;
use tapballot::config::Settings;
use tapballot::mail::MailSettings;
use tapballot::service::sign_in;
use tapballot::service::users::{self, NewUser};
use tapballot::startup::Application;
use tapballot::{demo, store};

// mimalloc rather than glibc's malloc: many small, short-lived allocations
// on the request and writer threads (docs/benchmarks.md); SQLite takes its
// memory from it too (store::sqlite_global).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "tapballot", version, about = "TAP consultations of ITU-T")]
struct Cli {
    /// sqlite://PATH (embedded, the default) or postgres://…
    #[arg(
        long,
        env = "TAPBALLOT_DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://tapballot.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct MailArgs {
    /// SMTP server: smtp://user:pass@host:587 (STARTTLS), smtps://… (implicit
    /// TLS), smtp://host:port (local relay). When unset, emails are written as
    /// .eml files to the mail folder.
    #[arg(long, env = "TAPBALLOT_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Folder for .eml files when no SMTP server is set.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_DIR",
        hide_env_values = true,
        default_value = "mail"
    )]
    mail_dir: PathBuf,
    /// The From address of every email.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_FROM",
        hide_env_values = true,
        default_value = "tapballot <tapballot@localhost>"
    )]
    mail_from: String,
    /// Address that receives a copy of every confirmation and the closing summaries.
    #[arg(long, env = "TAPBALLOT_TSB_COPY_TO", hide_env_values = true)]
    tsb_copy_to: Option<String>,
    /// Address of the service as people reach it, for links in emails
    /// (default: http:// and the address `serve` or `demo` listens on).
    #[arg(long, env = "TAPBALLOT_PUBLIC_URL", hide_env_values = true)]
    public_url: Option<String>,
    /// Days before the cut-off when reminders go out (Geneva time).
    #[arg(
        long,
        env = "TAPBALLOT_REMINDER_DAYS",
        hide_env_values = true,
        default_value = "7,1",
        value_delimiter = ','
    )]
    reminder_days: Vec<u32>,
    /// Folder whose files override the built-in email templates.
    #[arg(long, env = "TAPBALLOT_EMAIL_TEMPLATES_DIR", hide_env_values = true)]
    email_templates_dir: Option<PathBuf>,
    /// Seconds between two passes of the mail worker.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_POLL_SECONDS",
        hide_env_values = true,
        default_value_t = 5
    )]
    mail_poll_seconds: u64,
    /// How many emails the worker sends at once.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_CONCURRENCY",
        hide_env_values = true,
        default_value_t = 16,
        value_parser = clap::value_parser!(u16).range(1..=64)
    )]
    mail_concurrency: u16,
    /// Seconds a stopping worker waits for the emails being sent.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_STOP_SECONDS",
        hide_env_values = true,
        default_value_t = 10
    )]
    mail_stop_seconds: u64,
    /// Seconds a worker holds the emails it sends; a worker that dies
    /// leaves them to others for this long.
    #[arg(
        long,
        env = "TAPBALLOT_MAIL_LEASE_SECONDS",
        hide_env_values = true,
        default_value_t = 120,
        value_parser = clap::value_parser!(u64).range(5..)
    )]
    mail_lease_seconds: u64,
}

/// The address a browser on this machine uses for `bind` (an address on
/// every interface becomes the loopback one).
fn default_public_url(bind: &str) -> String {
    let (host, port) = bind.rsplit_once(':').unwrap_or((bind, "8080"));
    let host = match host {
        "0.0.0.0" | "" => "127.0.0.1",
        "[::]" => "[::1]",
        h => h,
    };
    format!("http://{host}:{port}")
}

impl MailArgs {
    /// `bind`: where the server listens, for the default public address.
    fn settings(self, bind: &str) -> MailSettings {
        let public_url = self
            .public_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| default_public_url(bind));
        MailSettings {
            from: self.mail_from,
            tsb_copy_to: self.tsb_copy_to.filter(|s| !s.trim().is_empty()),
            public_url: public_url.trim_end_matches('/').to_owned(),
            reminder_days: self.reminder_days,
            smtp_url: self
                .smtp_url
                .filter(|s| !s.trim().is_empty())
                .map(SecretString::from),
            mail_dir: self.mail_dir,
            templates_dir: self.email_templates_dir,
            poll_interval: Duration::from_secs(self.mail_poll_seconds.max(1)),
            send_concurrency: usize::from(self.mail_concurrency),
            stop_timeout: Duration::from_secs(self.mail_stop_seconds),
            lease: Duration::from_secs(self.mail_lease_seconds),
        }
    }
}

#[derive(clap::Args)]
struct DemoArgs {
    /// Delete the demo data (consultations, replies, accounts, and the
    /// .eml files of the mail folder) and seed it afresh. Refused on a
    /// database with accounts that are not demo accounts.
    #[arg(long)]
    reset: bool,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "TAPBALLOT_BIND",
        hide_env_values = true,
        default_value = "127.0.0.1:8080"
    )]
    bind: String,
    /// The service's secret (32+ characters), from which the keys of API
    /// tokens and session cookies are derived; when neither it nor
    /// --jwt-secret-file is set, one is generated once and kept in the database.
    #[arg(long, env = "TAPBALLOT_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,
    /// A file holding the secret (its first line), e.g. from the service
    /// manager's credentials; preferred to the environment in production.
    #[arg(
        long,
        env = "TAPBALLOT_JWT_SECRET_FILE",
        hide_env_values = true,
        conflicts_with = "jwt_secret"
    )]
    jwt_secret_file: Option<PathBuf>,
    /// Lifetime of an API token, in seconds.
    #[arg(
        long,
        env = "TAPBALLOT_TOKEN_TTL_SECONDS",
        hide_env_values = true,
        default_value_t = 3600
    )]
    token_ttl_seconds: u64,
    /// Database connections per instance.
    #[arg(
        long,
        env = "TAPBALLOT_POOL_SIZE",
        hide_env_values = true,
        default_value_t = 8
    )]
    pool_size: u32,
    /// Run the mail worker inside the server (turn off when running
    /// `tapballot worker` separately).
    #[arg(long, env = "TAPBALLOT_EMBEDDED_WORKER", hide_env_values = true, default_value_t = true, action = clap::ArgAction::Set)]
    embedded_worker: bool,
    /// Serve Prometheus metrics at /metrics on this address (e.g.
    /// 127.0.0.1:9464), apart from the site; not served when unset.
    #[arg(long, env = "TAPBALLOT_METRICS_BIND", hide_env_values = true)]
    metrics_bind: Option<String>,
    /// Reverse proxies whose X-Forwarded-For names the client, as addresses
    /// or networks, comma-separated (e.g. 127.0.0.1,10.0.0.0/8); when
    /// unset, the peer of each connection is the client.
    #[arg(long, env = "TAPBALLOT_TRUSTED_PROXIES", hide_env_values = true, value_parser = clap::value_parser!(tapballot::client_address::TrustedProxies))]
    trusted_proxies: Option<tapballot::client_address::TrustedProxies>,
    /// Failed sign-ins allowed per client address in 15 minutes, whatever
    /// the accounts tried (10 per account apply too).
    #[arg(
        long,
        env = "TAPBALLOT_SIGN_IN_FAILURES_PER_CLIENT",
        hide_env_values = true,
        default_value_t = tapballot::config::DEFAULT_MAX_CLIENT_SIGN_IN_FAILURES,
        value_parser = clap::value_parser!(i64).range(1..)
    )]
    sign_in_failures_per_client: i64,
    #[command(flatten)]
    mail: MailArgs,
    #[command(flatten)]
    log: LogArgs,
}

/// The verifiable log's name and key.
#[derive(clap::Args)]
struct LogArgs {
    /// The log's origin, the name its checkpoints carry; chosen when the log
    /// starts (default: the public URL's host + "/log") and kept for good.
    #[arg(long, env = "TAPBALLOT_LOG_ORIGIN", hide_env_values = true)]
    log_origin: Option<String>,
    /// A file holding the log's signer key (a C2SP signed-note Ed25519 key,
    /// as `tapballot log generate-key` writes it); when unset, one is
    /// generated once and kept in the database.
    #[arg(long, env = "TAPBALLOT_LOG_KEY_FILE", hide_env_values = true)]
    log_key_file: Option<PathBuf>,
}

impl LogArgs {
    fn apply(self, settings: Settings) -> anyhow::Result<Settings> {
        let log_key = match &self.log_key_file {
            Some(path) => Some(tapballot::config::read_secret_file(path)?),
            None => None,
        };
        Ok(Settings {
            log_origin: self.log_origin,
            log_key,
            ..settings
        })
    }
}

#[derive(clap::Args)]
struct WorkerArgs {
    #[command(flatten)]
    mail: MailArgs,
    #[command(flatten)]
    log: LogArgs,
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
    Demo(DemoArgs),
    /// Run the mail worker alone: deliver queued emails, send reminders and summaries.
    Worker(WorkerArgs),
    /// The verifiable log: check it against the database, or make a key.
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
    /// Copy the SQLite database to FILE while the service runs (a consistent
    /// copy, checked); never overwrites. On PostgreSQL, use pg_dump.
    Backup {
        /// Where to write the copy (a new file).
        file: PathBuf,
    },
    /// Check a receipt file (receipt-CODE.json): its entry, its inclusion in
    /// the signed checkpoint, and the signature; exit 0 only if all hold.
    VerifyReceipt {
        /// The receipt file, as the receipt page or the confirmation email gives it.
        file: PathBuf,
        /// The log's verifier key, from a source you trust (TSB's published
        /// key); default: the key written in the file.
        #[arg(long)]
        key: Option<String>,
        /// Also fetch the service's latest checkpoint and a consistency proof,
        /// to show the entry is still in the log (e.g. https://tap.itu.int).
        #[arg(long)]
        online: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Tsb,
    Member,
}

#[derive(Subcommand)]
enum LogCommand {
    /// Recompute the tree from the stored entries, check every stored
    /// checkpoint, and check that the stored replies, revisions,
    /// consultations and decisions equal what their entries say. Exits
    /// non-zero, naming each difference, if any.
    Verify {
        /// Earlier verifier keys of this log (after a key rotation), besides
        /// the current one.
        #[arg(long = "key")]
        keys: Vec<String>,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Print a new signer key for TAPBALLOT_LOG_KEY_FILE (keep it secret),
    /// and its verifier key on standard error.
    GenerateKey {
        /// The log's origin (its name in every checkpoint).
        #[arg(long)]
        origin: String,
    },
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

fn settings(database_url: &str, args: ServeArgs) -> anyhow::Result<Settings> {
    let jwt_secret = match (&args.jwt_secret_file, args.jwt_secret) {
        (Some(path), _) => Some(tapballot::config::read_secret_file(path)?),
        (None, secret) => secret.map(SecretString::from),
    };
    let mail = args.mail.settings(&args.bind);
    args.log.apply(Settings {
        bind: args.bind,
        jwt_secret,
        token_ttl: Duration::from_secs(args.token_ttl_seconds),
        pool_size: args.pool_size,
        run_worker: args.embedded_worker,
        metrics_bind: args.metrics_bind,
        trusted_proxies: args.trusted_proxies.unwrap_or_default(),
        max_client_sign_in_failures: args.sign_in_failures_per_client,
        mail,
        ..Settings::new(database_url)
    })
}

async fn serve(settings: Settings, seed_demo: bool) -> anyhow::Result<()> {
    let stop = StopSignals::listen()?;
    let clock = Arc::new(SystemClock);
    let app = Application::build(&settings, clock.clone())?;
    let server = app.stop_handle();
    let worker = app.worker_stop_flag();
    actix_web::rt::spawn(async move {
        stop.wait().await;
        tracing::info!("stopping: finishing the requests in flight and the emails being sent");
        if let Some(w) = &worker {
            w.raise();
        }
        server.stop(true).await;
    });
    if seed_demo {
        let (mail, log) = (app.state().mail.clone(), app.state().log.clone());
        let seeded = app
            .state()
            .run(move |conn, clock| demo::seed(conn, clock, &mail, &log))
            .await;
        match seeded {
            Ok(true) => println!("Demo data seeded."),
            Ok(false) => println!("Demo data already present; reusing it."),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot seed demo data")),
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

/// `demo --reset`: empties the demo database and the mail folder's .eml
/// files, before the service (and its worker) start.
fn reset_demo(settings: &Settings) -> anyhow::Result<()> {
    let mut conn = store::connect(&settings.database_url)?;
    store::migrate(&mut conn)?;
    demo::reset(&mut conn)
        .map_err(|e| anyhow::anyhow!("cannot reset the demo: {}", e.message()))?;
    if settings.mail.smtp_url.is_none() {
        if let Ok(entries) = std::fs::read_dir(&settings.mail.mail_dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "eml") {
                    std::fs::remove_file(&path)
                        .with_context(|| format!("cannot remove {}", path.display()))?;
                }
            }
        }
    }
    println!("Demo data reset.");
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
            let user = users::add(&mut conn, &SystemClock, users::By::CommandLine, new)?;
            println!("added {} ({})", user.email, user.id);
        }
        UserCommand::RevokeTokens { email } => {
            let user = users::find_by_email(&mut conn, &email)?;
            sign_in::revoke_tokens(&mut conn, &SystemClock, users::By::CommandLine, &user.id)?;
            println!("revoked every token of {}", user.email);
        }
        UserCommand::Deactivate { email } => {
            let user = users::find_by_email(&mut conn, &email)?;
            users::deactivate(&mut conn, &SystemClock, users::By::CommandLine, &user.id)?;
            println!("deactivated {}", user.email);
        }
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM from a service manager, listened for from the moment
/// this is made, so that a signal sent during start-up is not missed.
struct StopSignals {
    terminate: actix_web::rt::signal::unix::Signal,
    interrupt: actix_web::rt::signal::unix::Signal,
}

impl StopSignals {
    /// Needs the runtime (call it inside `block_on`).
    fn listen() -> std::io::Result<Self> {
        use actix_web::rt::signal::unix::{signal, SignalKind};
        Ok(StopSignals {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let s = settings(&cli.database_url, args)?;
            actix_web::rt::System::new().block_on(serve(s, false))
        }
        Command::Demo(args) => {
            let s = settings(&cli.database_url, args.serve)?;
            if args.reset {
                reset_demo(&s)?;
            }
            actix_web::rt::System::new().block_on(serve(s, true))
        }
        Command::Worker(args) => {
            let settings = args.log.apply(Settings {
                mail: args.mail.settings("127.0.0.1:8080"),
                ..Settings::new(&cli.database_url)
            })?;
            let state = tapballot::startup::prepare(&settings, Arc::new(SystemClock))?;
            let handle = tapballot::startup::worker(&state)?.spawn();
            actix_web::rt::System::new().block_on(async {
                let stop = StopSignals::listen()?;
                println!("mail worker running; Ctrl-C or SIGTERM stops it");
                stop.wait().await;
                Ok::<_, std::io::Error>(())
            })?;
            // Lets the emails being sent finish (at most the stop timeout);
            // their lease covers a harder stop.
            handle.stop();
            Ok(())
        }
        Command::Migrate => {
            let mut conn = store::connect(&cli.database_url)?;
            store::migrate(&mut conn)?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command } => user_command(&cli.database_url, command),
        Command::Log { command } => log_command(&cli.database_url, command),
        Command::Backup { file } => {
            if !cli.database_url.starts_with("sqlite://") {
                anyhow::bail!("{}", store::backup::BackupError::Postgres);
            }
            let mut conn = store::connect(&cli.database_url)?;
            let c = store::backup::sqlite(&mut conn, &file)?;
            println!(
                "backed up to {} ({} bytes, checked: {} consultations, {} revisions, {} log entries)",
                file.display(),
                c.bytes,
                c.consultations,
                c.revisions,
                c.log_entries
            );
            Ok(())
        }
        Command::VerifyReceipt { file, key, online } => {
            verify_receipt(&file, key.as_deref(), online.as_deref())
        }
    }
}

fn log_command(database_url: &str, command: LogCommand) -> anyhow::Result<()> {
    match command {
        LogCommand::GenerateKey { origin } => {
            let skey = tapballot::tlog::generate_signer_key(&origin)?;
            let key = tapballot::tlog::LogKey::from_signer_key(&skey)?;
            println!("{skey}");
            eprintln!("verifier key (publish it): {}", key.verifier_key());
            Ok(())
        }
        LogCommand::Verify { keys, log } => {
            let settings = log.apply(Settings::new(database_url))?;
            let mut conn = store::connect(database_url)?;
            store::migrate(&mut conn)?;
            let current = tapballot::service::log::settle_key(
                &mut conn,
                settings.log_origin.as_deref(),
                "localhost/log",
                settings.log_key.as_ref().map(|k| k.expose_secret()),
            )
            .map_err(anyhow::Error::new)?;
            let mut known = vec![current.verifier_key().to_owned()];
            known.extend(keys);
            let v =
                tapballot::service::log::verify(&mut conn, &known).map_err(anyhow::Error::new)?;
            for p in &v.problems {
                println!("DIFFERENCE: {p}");
            }
            if v.problems.is_empty() {
                println!(
                    "the log holds: {} entries, {} checkpoints verified, and the database says what they say",
                    v.entries, v.checkpoints
                );
                if v.queued > 0 {
                    println!(
                        "{} more entries are stored with their records and wait to be appended (the service appends them at once, and at start-up)",
                        v.queued
                    );
                }
                Ok(())
            } else {
                anyhow::bail!(
                    "{} difference(s) between the log and the database",
                    v.problems.len()
                )
            }
        }
    }
}

fn verify_receipt(
    file: &std::path::Path,
    key: Option<&str>,
    online: Option<&str>,
) -> anyhow::Result<()> {
    use tapballot::tlog;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let receipt: tlog::ReceiptFile = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a tapballot receipt file", file.display()))?;
    let key = match key {
        Some(k) => k.trim().to_owned(),
        None => {
            println!("note: checked against the key written in the file; compare it with the key TSB publishes, or pass --key");
            receipt.key.clone()
        }
    };
    let (checks, checkpoint) = tlog::check_receipt(&receipt.log, &key);
    let mut ok = true;
    for c in &checks {
        match &c.failure {
            None => println!("ok      {}", c.name),
            Some(why) => {
                ok = false;
                println!("FAILED  {}: {why}", c.name);
            }
        }
    }
    if let (Some(base), Some(old)) = (online, checkpoint.filter(|_| ok)) {
        match check_online(base, &key, &receipt.log, &old) {
            Ok(size) => println!("ok      still in the log (its latest checkpoint, {size} entries, extends the receipt's)"),
            Err(e) => {
                ok = false;
                println!("FAILED  online: {e:#}");
            }
        }
    }
    if ok {
        let entry: serde_json::Value = serde_json::from_str(&receipt.log.entry).unwrap_or_default();
        println!(
            "the receipt holds: entry {} of the log ({} revision {} of {}, received {})",
            receipt.log.leaf_index,
            entry["consultation_reference"].as_str().unwrap_or("?"),
            entry["revision"],
            entry["member_state"].as_str().unwrap_or("?"),
            entry["received_at"].as_str().unwrap_or("?"),
        );
        Ok(())
    } else {
        anyhow::bail!("the receipt does not verify")
    }
}

/// The service's latest checkpoint, signed by `key`, and its consistency
/// with the receipt's: the entry is still in the log.
fn check_online(
    base: &str,
    key: &str,
    receipt: &tapballot::tlog::LogReceipt,
    old: &tapballot::tlog::VerifiedCheckpoint,
) -> anyhow::Result<u64> {
    use tapballot::tlog;
    let base = base.trim_end_matches('/');
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    let note = client
        .get(format!("{base}/api/v1/log/checkpoint"))
        .send()?
        .error_for_status()?
        .text()?;
    let new = tlog::verify_checkpoint(&note, key).context("the latest checkpoint")?;
    #[derive(serde::Deserialize)]
    struct Proof {
        hashes: Vec<String>,
    }
    let proof: Vec<String> = if new.tree_size == receipt.tree_size {
        Vec::new()
    } else {
        client
            .get(format!(
                "{base}/api/v1/log/proof/consistency?from={}&to={}",
                receipt.tree_size, new.tree_size
            ))
            .send()?
            .error_for_status()?
            .json::<Proof>()?
            .hashes
    };
    tlog::check_consistency(&proof, old, &new)?;
    Ok(new.tree_size)
}

fn main() -> ExitCode {
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TAPBALLOT_LOG")
                .unwrap_or_else(|_| "info".into()),
        );
    match std::env::var("TAPBALLOT_LOG_FORMAT").as_deref() {
        Err(_) | Ok("" | "text") => logs.init(),
        // One object per line; the request's span (its id) in "span".
        Ok("json") => logs
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        Ok(other) => {
            eprintln!("tapballot: TAPBALLOT_LOG_FORMAT must be text or json, not {other:?}");
            return ExitCode::FAILURE;
        }
    }
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tapballot: {e:#}");
            ExitCode::FAILURE
        }
    }
}
