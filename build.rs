//! Marks the PostgreSQL integration tests as ignored, with a plain reason, when
//! TAPBALLOT_TEST_POSTGRES_URL is unset, so `cargo test` says they were skipped.
fn main() {
    println!("cargo:rerun-if-env-changed=TAPBALLOT_TEST_POSTGRES_URL");
    println!("cargo:rustc-check-cfg=cfg(postgres_tests)");
    if std::env::var("TAPBALLOT_TEST_POSTGRES_URL").is_ok_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=postgres_tests");
    }
}
