//! Builds the application from settings: pool, migrations, routes; binds, and
//! exposes the port (tests bind port 0).

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};
use anyhow::Context;
use secrecy::ExposeSecret;

use crate::api;
use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::i18n::Catalogue;
use crate::mail::transport::Transport;
use crate::mail::worker::{Worker, WorkerHandle};
use crate::mail::Mail;
use crate::service::sign_in;
use crate::state::AppState;
use crate::store;

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    worker: Option<WorkerHandle>,
    /// `/metrics` on its own address, when `TAPBALLOT_METRICS_BIND` is set.
    metrics: Option<Server>,
}

impl Application {
    /// Migrates the database, then binds. The server runs once `run` is awaited.
    pub fn build(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let state = prepare(settings, clock)?;
        let worker = if settings.run_worker {
            Some(worker(&state)?.spawn())
        } else {
            None
        };
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state.clone());
        let pages = web::Data::new(crate::web::render::Pages::new(
            state.mail.renderer.catalogue_arc(),
        ));
        // Secure cookies need HTTPS; the embedded default serves plain HTTP on loopback.
        let secure_cookies = settings.mail.public_url.starts_with("https://");
        let cookie_key = state.cookie_key.clone();
        // Who may name the client (`client_address`): the throttle and the access log.
        let trusted_proxies = web::Data::new(settings.trusted_proxies.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(pages.clone())
                .app_data(trusted_proxies.clone())
                .wrap(middleware::from_fn(head_as_get))
                .wrap(middleware::from_fn(api::openapi::docs_security_headers))
                .wrap(crate::web::session_middleware(&cookie_key, secure_cookies))
                .wrap(
                    middleware::DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("X-Frame-Options", "DENY")),
                )
                // The path without its query string: set-password links carry a secret token.
                .wrap(
                    middleware::Logger::new(
                        "%{client}xi \"%{method}xi %U\" %s %b %Dms %{x-request-id}i",
                    )
                    .custom_request_replace("method", |req| req.method().to_string())
                    // Not actix's `%a`, which believes any client's
                    // X-Forwarded-For: only trusted proxies are.
                    .custom_request_replace("client", |req| {
                        crate::client_address::of_service_request(req)
                            .map_or_else(|| "-".to_owned(), |a| a.to_string())
                    }),
                )
                .wrap(middleware::from_fn(crate::telemetry::record_http))
                // Outermost: every other layer runs in the request's span.
                .wrap(middleware::from_fn(crate::request_id::middleware))
                .configure(api::config)
                .configure(crate::web::config)
                .default_service(web::to(unrouted))
        })
        .listen(listener)?
        // The binary listens for SIGTERM/Ctrl-C itself, from before start-up,
        // and stops the server through `stop_handle`; tests get no handlers.
        .disable_signals()
        // A stop waits this long at most for requests in flight.
        .shutdown_timeout(10)
        .run();
        let metrics = match &settings.metrics_bind {
            Some(bind) => Some(metrics_server(bind, &state)?),
            None => None,
        };
        Ok(Application {
            port,
            server,
            state,
            worker,
            metrics,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops the server gracefully (requests in flight finish) when asked.
    pub fn stop_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Stops the embedded mail worker's work at once (between two emails),
    /// while the server finishes its requests.
    pub fn worker_stop_flag(&self) -> Option<crate::mail::worker::StopFlag> {
        self.worker.as_ref().map(WorkerHandle::stop_flag)
    }

    /// Serves until the server stops, then stops the metrics and the mail
    /// worker.
    pub async fn run(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|m| {
            let handle = m.handle();
            actix_web::rt::spawn(m);
            handle
        });
        let result = self.server.await;
        if let Some(m) = metrics {
            m.stop(true).await;
        }
        if let Some(w) = self.worker {
            w.stop();
        }
        result
    }
}

/// `GET /metrics` (Prometheus text format) on `bind`, and nothing else.
fn metrics_server(bind: &str, state: &AppState) -> anyhow::Result<Server> {
    let handle = crate::telemetry::install()?;
    let state = state.clone();
    let listener =
        TcpListener::bind(bind).with_context(|| format!("cannot listen for metrics on {bind}"))?;
    let server = HttpServer::new(move || {
        let (handle, state) = (handle.clone(), state.clone());
        App::new().route(
            "/metrics",
            web::get().to(move || {
                let (handle, state) = (handle.clone(), state.clone());
                async move { scrape(&handle, &state).await }
            }),
        )
    })
    .workers(1)
    .listen(listener)?
    .disable_signals()
    .shutdown_timeout(2)
    .run();
    Ok(server)
}

async fn scrape(
    handle: &metrics_exporter_prometheus::PrometheusHandle,
    state: &AppState,
) -> actix_web::HttpResponse {
    let pools = [("main", &state.pool), ("read", &state.reads)]
        .into_iter()
        .filter(|(name, pool)| *name == "main" || !std::ptr::eq(*pool, &state.pool))
        .flat_map(|(name, pool)| {
            let s = pool.state();
            [
                (name, "idle", s.idle_connections),
                (name, "in_use", s.connections - s.idle_connections),
            ]
        })
        .collect();
    let gauges = state.read(crate::service::health::gauges).await;
    let gauges = match gauges {
        Ok(g) => g,
        Err(e) => {
            tracing::warn!(error = %e, "metrics: the database could not be read");
            return actix_web::HttpResponse::ServiceUnavailable()
                .body("the database could not be read\n");
        }
    };
    let text = crate::telemetry::render(
        handle,
        &crate::telemetry::Scraped {
            emails: gauges.emails,
            oldest_due_seconds: gauges.oldest_due_seconds,
            log_tree_size: gauges.log_tree_size,
            pools,
        },
    );
    actix_web::HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text)
}

/// Opens the pool, runs pending migrations, and settles the token secret.
pub fn prepare(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    let pool = store::build_pool(&settings.database_url, settings.pool_size)?;
    let mut conn = pool.get()?;
    store::migrate(&mut conn)?;
    let secret = match &settings.jwt_secret {
        Some(s) => s.expose_secret().to_owned(),
        None => sign_in::jwt_secret(&mut conn).context("cannot settle the token secret")?,
    };
    if secret.len() < 32 {
        anyhow::bail!("TAPBALLOT_JWT_SECRET must have at least 32 characters");
    }
    let keys = crate::auth::keys::Keys::derive(secret.as_bytes());
    let log = crate::service::log::settle_key(
        &mut conn,
        settings.log_origin.as_deref(),
        &crate::service::log::default_origin(&settings.mail.public_url),
        settings.log_key.as_ref().map(|k| k.expose_secret()),
    )
    .context("cannot settle the log's signing key")?;
    let backfilled = crate::service::log::backfill(&mut conn, &log, clock.now())
        .context("cannot append the stored records to the verifiable log")?;
    if backfilled > 0 {
        tracing::info!(
            entries = backfilled,
            "records stored before the verifiable log began were appended to it"
        );
    }
    // The receipts of entries just appended, for the requests waiting.
    let recent = Arc::new(crate::tlog::RecentReceipts::new(4096));
    // SQLite's writes of this process go through one connection, in groups.
    let writer = match &*conn {
        store::DbConnection::Sqlite(_) => {
            let (key, recent) = (Arc::new(log.clone()), recent.clone());
            Some(crate::writer::Writer::start(
                &settings.database_url,
                clock.clone(),
                // Each group's entries are appended before it commits:
                // one lock and one checkpoint for the group.
                Arc::new(move |conn, clock| {
                    crate::service::log::append_queued(conn, &key, clock.now(), Some(&recent))
                        .map(drop)
                }),
            )?)
        }
        store::DbConnection::Postgres(_) => None,
    };
    drop(conn);
    // Opened after the migrations: a read-only connection cannot run them.
    let reads = store::build_read_pool(&settings.database_url, settings.pool_size)?
        .unwrap_or_else(|| pool.clone());
    let catalogue = Arc::new(Catalogue::embedded()?);
    let writing = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    Ok(AppState {
        pool,
        reads,
        clock,
        tokens: TokenKeys::new(keys.token_key(), settings.token_ttl),
        mail: Arc::new(Mail::new(settings.mail.clone(), catalogue)),
        cookie_key: Arc::new(keys.cookie_key().to_vec()),
        after_answer: Default::default(),
        writer,
        after_write: {
            let (key, recent, writing) = (Arc::new(log.clone()), recent.clone(), writing.clone());
            let appender = Arc::new(crate::service::log::Appender::default());
            let url = settings.database_url.clone();
            let connect = move || {
                store::connect(&url).map_err(|e| {
                    crate::error::ServiceError::unavailable(format!(
                        "the log's appender cannot connect: {e}"
                    ))
                })
            };
            let others_writing = move || writing.load(std::sync::atomic::Ordering::SeqCst) > 0;
            Arc::new(move |clock: &dyn crate::clock::Clock| {
                appender.settle(&connect, &others_writing, &key, clock.now(), &recent)
            })
        },
        writing,
        recent_receipts: recent,
        log: Arc::new(log),
        max_client_sign_in_failures: settings.max_client_sign_in_failures,
    })
}

/// A mail worker over the application's pool, clock and mail settings.
pub fn worker(state: &AppState) -> anyhow::Result<Worker> {
    let transport = Transport::from_settings(&state.mail.settings)?;
    Ok(worker_with(state, transport))
}

/// A mail worker that delivers through `transport`, running the service's
/// notification schedule every second (with the append of log entries that
/// a stopped process left queued) and attaching verifiable receipts.
pub fn worker_with(state: &AppState, transport: Transport) -> Worker {
    let (log, key) = (state.log.clone(), state.log.clone());
    Worker::new(
        state.pool.clone(),
        state.clock.clone(),
        state.mail.clone(),
        transport,
        Arc::new(move |conn, mail, clock| {
            crate::service::log::settle(conn, &log, clock.now())?;
            crate::service::notices::schedule(conn, mail, clock)
        }),
        Arc::new(move |conn, clock, email| {
            crate::service::notices::attachments(conn, &key, clock, email)
        }),
    )
}

/// An address nothing serves: the API answers in JSON for its own paths, the
/// pages with a page elsewhere.
async fn unrouted(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    if api::fallback::owns(req.path()) {
        api::fallback::unrouted(req).await
    } else {
        crate::web::not_found(req).await
    }
}

/// HEAD is answered as GET would be, without the body (HTTP requires it for
/// GET resources; monitors and load balancers probe with it). The connection
/// layer drops the body of a response to HEAD.
async fn head_as_get(
    mut req: actix_web::dev::ServiceRequest,
    next: middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}
