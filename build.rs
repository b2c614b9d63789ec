//! Marks the PostgreSQL, browser and nginx tests as ignored, with a plain
//! reason, unless TAPBALLOT_TEST_POSTGRES_URL / TAPBALLOT_TEST_BROWSER=1 /
//! TAPBALLOT_TEST_NGINX=1 are set, so
//! `cargo test` says plainly what it skipped.
fn main() {
    println!("cargo:rerun-if-env-changed=TAPBALLOT_TEST_POSTGRES_URL");
    println!("cargo:rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo:rerun-if-env-changed=TAPBALLOT_TEST_BROWSER");
    println!("cargo:rustc-check-cfg=cfg(browser_tests)");
    if std::env::var("TAPBALLOT_TEST_BROWSER").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=browser_tests");
    }
    println!("cargo:rerun-if-env-changed=TAPBALLOT_TEST_NGINX");
    println!("cargo:rustc-check-cfg=cfg(nginx_tests)");
    if std::env::var("TAPBALLOT_TEST_NGINX").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=nginx_tests");
    }
    if std::env::var("TAPBALLOT_TEST_POSTGRES_URL").is_ok_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=postgres_tests");
    }
}
