//! A real SMTP server process for the tests (`examples/smtp_sink.rs`), which
//! can be stopped and started again on the same port.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail_parser::{Message, MessageParser, MimeHeaders};

pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// Milliseconds the server takes to accept each message.
    delay_ms: u64,
}

fn sink_binary() -> PathBuf {
    crate::helpers::example_binary("smtp_sink")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: String,
}

impl Received {
    pub fn parsed(&self) -> Message<'_> {
        MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("a MIME message")
    }
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }
    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed().header_raw(name).map(|v| v.trim().to_owned())
    }
    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }
    pub fn attachment_types(&self) -> Vec<String> {
        let m = self.parsed();
        m.attachments()
            .filter_map(|a| {
                a.content_type()
                    .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
            })
            .collect()
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_slow(0)
    }

    /// A server that takes `delay_ms` to accept each message.
    pub fn start_slow(delay_ms: u64) -> SmtpSink {
        let mut sink = SmtpSink {
            port: free_port(),
            dir: tempfile::tempdir().expect("sink dir"),
            child: None,
            delay_ms,
        };
        sink.resume();
        sink
    }

    /// A sink that is not running yet: its port refuses connections.
    pub fn stopped() -> SmtpSink {
        SmtpSink {
            port: free_port(),
            dir: tempfile::tempdir().expect("sink dir"),
            child: None,
            delay_ms: 0,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "already running");
        let child = Command::new(sink_binary())
            .arg(format!("127.0.0.1:{}", self.port))
            .arg(self.dir.path())
            .env("SMTP_SINK_DELAY_MS", self.delay_ms.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start smtp_sink");
        self.child = Some(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "smtp_sink did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let v: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).expect("read"))
                        .expect("json");
                Received {
                    to: v["to"]
                        .as_array()
                        .expect("to")
                        .iter()
                        .map(|t| t.as_str().unwrap_or_default().to_owned())
                        .collect(),
                    raw: v["data"].as_str().expect("data").to_owned(),
                }
            })
            .collect()
    }

    pub fn messages_to(&self, address: &str) -> Vec<Received> {
        self.messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits (bounded) until at least `n` messages have arrived: for tests
    /// where a separate process delivers.
    pub fn wait_for(&self, n: usize, limit: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let m = self.messages();
            if m.len() >= n || started.elapsed() > limit {
                return m;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
