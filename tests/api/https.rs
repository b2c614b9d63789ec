//! The https deployment of docs/operations.md, run for real: nginx with the
//! site file `deploy/nginx/tapballot.conf` (its ports, name, certificate and
//! upstream replaced) and a self-signed certificate, in front of
//! `tapballot serve` configured as `deploy/systemd/tapballot.env` says. The
//! systemd units of `deploy/systemd/` are checked by `systemd-analyze`.
//!
//! Clients use addresses of their own on loopback (127.0.0.2, 127.0.0.4),
//! apart from nginx's (127.0.0.1, the one trusted proxy), so that the sign-in
//! throttle can be seen to count the forwarded client, and only that.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::smtp::free_port;

const HTTPS_CLIENT: &str = "127.0.0.2";
const OTHER_CLIENT: &str = "127.0.0.4";

struct Nginx(Child);

impl Drop for Nginx {
    /// SIGTERM, so that the master stops its workers too (SIGKILL would
    /// leave them running, holding their ports); SIGKILL only if it hangs.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn find_program(name: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] {
        let path = Path::new(dir).join(name);
        if path.exists() {
            return path;
        }
    }
    panic!("{name} is not installed (TAPBALLOT_TEST_NGINX=1 needs it: apt-get install nginx-light openssl)")
}

/// A self-signed certificate for `localhost` and 127.0.0.1; returns the
/// paths of the certificate and of its key.
fn self_signed_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let status = Command::new(find_program("openssl"))
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "openssl req failed");
    (cert, key)
}

/// Starts nginx with the repository's site file, adapted to this test.
fn start_nginx(
    dir: &Path,
    (cert, key): (&Path, &Path),
    http_port: u16,
    https_port: u16,
    app_port: u16,
) -> Nginx {
    let site = std::fs::read_to_string(repository().join("deploy/nginx/tapballot.conf")).unwrap();
    let mut adapted = String::new();
    for line in site.lines() {
        // Loopback only here, and no IPv6: the machine may have none.
        if line.trim_start().starts_with("listen [::]") {
            continue;
        }
        adapted.push_str(line);
        adapted.push('\n');
    }
    let replace = |text: String, from: &str, to: &str| {
        assert!(
            text.contains(from),
            "deploy/nginx/tapballot.conf has no {from:?}"
        );
        text.replace(from, to)
    };
    let mut adapted = replace(
        adapted,
        "listen 80;",
        &format!("listen 127.0.0.1:{http_port};"),
    );
    adapted = replace(
        adapted,
        "listen 443 ssl",
        &format!("listen 127.0.0.1:{https_port} ssl"),
    );
    adapted = replace(
        adapted,
        "server 127.0.0.1:8080;",
        &format!("server 127.0.0.1:{app_port};"),
    );
    adapted = replace(
        adapted,
        "server_name tapballot.example.org;",
        "server_name localhost;",
    );
    adapted = replace(
        adapted,
        "/etc/ssl/tapballot/fullchain.pem",
        cert.to_str().unwrap(),
    );
    adapted = replace(
        adapted,
        "/etc/ssl/tapballot/privkey.pem",
        key.to_str().unwrap(),
    );
    std::fs::write(dir.join("tapballot.conf"), adapted).unwrap();
    let d = dir.display();
    let main = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 256; }}\n\
         http {{\n  access_log {d}/access.log;\n\
           client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           include {d}/tapballot.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let nginx = find_program("nginx");
    let mut args = vec!["-p".to_owned(), format!("{d}/")];
    args.extend(["-e".to_owned(), format!("{d}/error.log")]);
    args.extend(["-c".to_owned(), format!("{d}/nginx.conf")]);
    let test = Command::new(&nginx).args(&args).arg("-t").output().unwrap();
    assert!(
        test.status.success(),
        "nginx -t refuses the configuration: {}",
        String::from_utf8_lossy(&test.stderr)
    );
    let child = Command::new(&nginx)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", https_port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nginx did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx(child)
}

/// A client on its own loopback address, trusting the test's certificate,
/// reaching `localhost` at 127.0.0.1.
fn client_from(source: &str, cert: &Path, ports: &[u16]) -> reqwest::Client {
    let pem = std::fs::read(cert).unwrap();
    let mut builder = reqwest::Client::builder()
        .local_address(source.parse::<IpAddr>().unwrap())
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .cookie_store(true)
        .redirect(Policy::none());
    for port in ports {
        builder = builder.resolve("localhost", SocketAddr::from(([127, 0, 0, 1], *port)));
    }
    builder.build().unwrap()
}

async fn token_request(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> StatusCode {
    client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

/// The text of every part of every email written to `dir`.
fn emails_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| {
            let raw = std::fs::read(e.path()).unwrap();
            let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
            let mut text = String::new();
            for i in 0..message.text_body_count() {
                text.push_str(&message.body_text(i).unwrap_or_default());
            }
            for i in 0..message.html_body_count() {
                text.push_str(&message.body_html(i).unwrap_or_default());
            }
            text
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(nginx_tests),
    ignore = "nginx suite skipped: set TAPBALLOT_TEST_NGINX=1 (needs apt-get install nginx-light openssl)"
)]
async fn behind_nginx_with_tls_cookies_links_redirects_and_the_throttle_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _db) = new_database(Backend::Sqlite).expect("SQLite always runs");
    crate::mail::add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    crate::mail::add_user_with_cli(&url, "che@admin.test", "member", Some("CHE"));
    let (http_port, https_port, app_port) = (free_port(), free_port(), free_port());
    let public = format!("https://localhost:{https_port}");
    let mail_dir = dir.path().join("mail");
    let log_path = dir.path().join("serve.log");
    let _serve = crate::mail::serve_logging_to(
        &url,
        app_port,
        &[
            ("TAPBALLOT_PUBLIC_URL", public.as_str()),
            ("TAPBALLOT_TRUSTED_PROXIES", "127.0.0.1"),
            ("TAPBALLOT_SIGN_IN_FAILURES_PER_CLIENT", "3"),
            ("TAPBALLOT_MAIL_DIR", mail_dir.to_str().unwrap()),
            ("TAPBALLOT_LOG", "info"),
        ],
        std::fs::File::create(&log_path).unwrap(),
    );
    let (cert, key) = self_signed_certificate(dir.path());
    let _nginx = start_nginx(dir.path(), (&cert, &key), http_port, https_port, app_port);
    let client = client_from(HTTPS_CLIENT, &cert, &[http_port, https_port]);

    // Plain HTTP only redirects to HTTPS, keeping the path.
    let r = client
        .get(format!("http://localhost:{http_port}/sign-in?next=%2Fhome"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        r.headers()["location"],
        "https://localhost/sign-in?next=%2Fhome"
    );

    // Over HTTPS, the session cookie is Secure (and HttpOnly); HSTS is sent.
    let r = client
        .get(format!("{public}/sign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key("strict-transport-security"));
    let page = r.text().await.unwrap();
    let csrf = crate::pages::hidden(&page, "csrf");
    let r = client
        .post(format!("{public}/sign-in"))
        .form(&[
            ("email", "che@admin.test"),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("tapballot_session="))
        .expect("a session cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("; HttpOnly"), "{cookie}");
    // After signing in, the redirect stays on the site.
    let location = r.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "{location}"
    );

    // A reply through the proxy: the emails it causes link to the https URL.
    let tsb = login(&client, &public, "tsb@itu.test", PASSWORD).await;
    let consultation = crate::durability::create_consultation(&client, &public, &tsb).await;
    let che = login(&client, &public, "che@admin.test", PASSWORD).await;
    let r = client
        .put(format!(
            "{public}/api/v1/consultations/{consultation}/replies/CHE"
        ))
        .bearer_auth(&che)
        .json(&json!({ "responses": all_yes() }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // The invitation to the consultation and the reply's confirmation.
    let started = Instant::now();
    let emails = loop {
        let emails = emails_in(&mail_dir);
        if emails.len() >= 2 {
            break emails;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} emails written",
            emails.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    for email in &emails {
        assert!(
            email.contains(&format!("{public}/")),
            "no https link in {email}"
        );
        assert!(
            !email.contains("http://127.0.0.1") && !email.contains("http://localhost"),
            "{email}"
        );
    }

    // The throttle counts the client nginx saw, not nginx: three failures
    // from 127.0.0.2 (whatever it writes in X-Forwarded-For) lock it out...
    for n in 1..=3 {
        let r = client
            .post(format!("{public}/api/v1/auth/token"))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .json(&json!({ "email": format!("nobody{n}@x.test"), "password": "a guess" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        token_request(&client, &public, "tsb@itu.test", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ... but not another client behind the same proxy, even one that names
    // the locked-out address itself.
    let other = client_from(OTHER_CLIENT, &cert, &[https_port]);
    let r = other
        .post(format!("{public}/api/v1/auth/token"))
        .header("x-forwarded-for", HTTPS_CLIENT)
        .json(&json!({ "email": "tsb@itu.test", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Straight to the service, X-Forwarded-For is not believed: the peer
    // 127.0.0.2 is no trusted proxy, and it is the one locked out.
    let direct = format!("http://127.0.0.1:{app_port}");
    let r = client
        .post(format!("{direct}/api/v1/auth/token"))
        .header("x-forwarded-for", "192.0.2.1")
        .json(&json!({ "email": "tsb@itu.test", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);

    // The access log names the client, not the proxy nor what it claimed.
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.lines()
            .any(|l| l.contains(&format!("{HTTPS_CLIENT} \"POST /api/v1/auth/token\" 401"))),
        "{log}"
    );
    assert!(!log.contains("198.51.100."), "{log}");
}

/// The systemd units of `deploy/systemd` are valid (as `systemd-analyze
/// verify` reads them, with the binary at hand instead of /usr/local/bin).
#[test]
#[cfg_attr(
    not(nginx_tests),
    ignore = "nginx suite skipped: set TAPBALLOT_TEST_NGINX=1 (needs apt-get install nginx-light openssl)"
)]
fn the_systemd_units_verify() {
    let analyze = find_program("systemd-analyze");
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("tapballot.env");
    std::fs::copy(repository().join("deploy/systemd/tapballot.env"), &env).unwrap();
    let mut units = Vec::new();
    for name in ["tapballot.service", "tapballot-worker.service"] {
        let text = std::fs::read_to_string(repository().join("deploy/systemd").join(name)).unwrap();
        assert!(text.contains("ExecStart=/usr/local/bin/tapballot "));
        let text = text
            .replace("/usr/local/bin/tapballot", env!("CARGO_BIN_EXE_tapballot"))
            .replace("/etc/tapballot/tapballot.env", env.to_str().unwrap());
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        units.push(path);
    }
    let out = Command::new(analyze)
        .arg("verify")
        .args(&units)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    // Unknown keys are only warned of: none may be.
    assert!(!said.contains("Unknown"), "{said}");
    // The worker's command is one the binary has, as is serve's.
    for command in ["serve", "worker"] {
        let help = Command::new(env!("CARGO_BIN_EXE_tapballot"))
            .args([command, "--help"])
            .output()
            .unwrap();
        assert!(help.status.success(), "tapballot {command} --help");
    }
}
