//! Builds the application from settings: pool, migrations, routes; binds, and
//! exposes the port (tests bind port 0).

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};
use secrecy::ExposeSecret;

use crate::api;
use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::service::users;
use crate::state::AppState;
use crate::store;

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Migrates the database, then binds. The server runs once `run` is awaited.
    pub fn build(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let state = prepare(settings, clock)?;
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .wrap(
                    middleware::DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("X-Frame-Options", "DENY")),
                )
                .wrap(middleware::Logger::new("%a \"%r\" %s %b %Dms"))
                .configure(api::config)
                .default_service(web::to(api::error::not_found))
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the pool, runs pending migrations, and settles the token secret.
pub fn prepare(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    let pool = store::build_pool(&settings.database_url, settings.pool_size)?;
    let mut conn = pool.get()?;
    store::migrate(&mut conn)?;
    let secret = match &settings.jwt_secret {
        Some(s) => s.expose_secret().to_owned(),
        None => users::jwt_secret(&mut conn)
            .map_err(|e| anyhow::anyhow!("cannot settle the token secret: {e}"))?,
    };
    if secret.len() < 32 {
        anyhow::bail!("TAPBALLOT_JWT_SECRET must have at least 32 characters");
    }
    drop(conn);
    Ok(AppState {
        pool,
        clock,
        tokens: TokenKeys::new(secret.as_bytes(), settings.token_ttl),
    })
}
