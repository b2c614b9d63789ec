//! SQLite's process-wide settings (`store::sqlite_global`) take effect
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

#[test]
fn sqlite_takes_its_memory_from_mimalloc() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("m.db").display());
    let mut conn = tapballot::store::connect(&url).unwrap();
    tapballot::store::migrate(&mut conn).unwrap();
    // SAFETY: a block from SQLite's allocator, looked at and given back.
    let ours = unsafe {
        let p = libsqlite3_sys::sqlite3_malloc(64);
        let ours = !p.is_null() && libmimalloc_sys::mi_is_in_heap_region(p);
        libsqlite3_sys::sqlite3_free(p);
        ours
    };
    assert!(ours, "SQLite allocates with another allocator");
}
