//! Test helper: opens PostgreSQL connections (TLS when the server offers it)
//! on several threads and exits while they are busy, as `tapballot serve`
//! does after a shutdown with pool threads still alive. The test
//! `misc::the_process_exits_cleanly_with_busy_postgres_connections` runs it
//! many times and expects a clean exit every time.

use diesel::RunQueryDsl;

fn main() {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: busy_exit postgres://...");
        std::process::exit(2);
    };
    for _ in 0..4 {
        let url = url.clone();
        std::thread::spawn(move || loop {
            let Ok(mut conn) = tapballot::store::connect(&url) else {
                continue;
            };
            for _ in 0..3 {
                let _ = diesel::sql_query("SELECT 1").execute(&mut conn);
            }
        });
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
}
