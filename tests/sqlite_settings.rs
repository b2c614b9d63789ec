//! SQLite's process-wide settings (`store::configure_sqlite`) take effect
//! when the store opens its first connection. A test binary of its own: in
//! a shared one another test could start SQLite first.

#[test]
fn the_store_starts_sqlite_without_memory_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("s.db").display());
    let mut conn = tapballot::store::connect(&url).unwrap();
    tapballot::store::migrate(&mut conn).unwrap();
    // SAFETY: reads SQLite's allocation counter; no arguments, no state.
    let counted = unsafe { libsqlite3_sys::sqlite3_memory_used() };
    // SQLite counts its allocations only while memory statistics are on.
    assert_eq!(counted, 0, "SQLite kept memory statistics");
}
