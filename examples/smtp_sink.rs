//! A real SMTP server for the integration tests (a separate process, so tests
//! can stop and restart it). Every message received is written as a JSON file
//! `{"from", "to", "data"}` into the folder given.
//!
//! Usage: smtp_sink ADDRESS FOLDER
//! With SMTP_SINK_DELAY_MS=N it takes N ms to accept each message (a slow
//! server, for the worker's stop and schedule tests).

use std::io;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use mailin_embedded::{response, Handler, Response, Server};

#[derive(Clone)]
struct Sink {
    dir: PathBuf,
    counter: Arc<AtomicUsize>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    delay_ms: u64,
}

impl Handler for Sink {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if self.delay_ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(self.delay_ms));
        }
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let record = serde_json::json!({
            "from": self.from,
            "to": self.to,
            "data": String::from_utf8_lossy(&self.data),
        });
        let name = format!("{}-{n:06}", std::process::id());
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let path = self.dir.join(format!("{name}.json"));
        let written =
            std::fs::write(&tmp, record.to_string()).and_then(|_| std::fs::rename(&tmp, &path));
        match written {
            Ok(()) => Response::custom(250, format!("stored as {name}")),
            Err(_) => response::INTERNAL_ERROR,
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().ok_or("usage: smtp_sink ADDRESS FOLDER")?;
    let dir = PathBuf::from(args.next().ok_or("usage: smtp_sink ADDRESS FOLDER")?);
    std::fs::create_dir_all(&dir)?;
    let sink = Sink {
        dir,
        counter: Arc::new(AtomicUsize::new(0)),
        from: String::new(),
        to: Vec::new(),
        data: Vec::new(),
        delay_ms: std::env::var("SMTP_SINK_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    };
    let mut server = Server::new(sink);
    server
        .with_name("smtp-sink.test")
        .with_addr(addr)?
        // Enough for every connection the workers of a test keep open.
        .with_num_threads(64);
    server.serve()?;
    Ok(())
}
