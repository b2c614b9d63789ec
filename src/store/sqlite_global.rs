//! SQLite's process-wide settings, made before its first connection opens
//! (every URL passes `store::diesel_url`, which calls `configure`). Too late
//! once SQLite has started (SQLITE_MISUSE): it then keeps its defaults, which
//! are slower but also correct.
//!
//! - No memory statistics: their upkeep takes a global mutex at every
//!   allocation SQLite makes.
//! - No mutex of SQLite's own around each connection ("multi-thread" mode):
//!   a diesel connection is never used by two threads at once (it is not
//!   `Sync`), so the lock SQLite takes at every call guards nothing here.
//! - Its memory from mimalloc, as the rest of the process's (`main.rs`):
//!   glibc's malloc was a fifth of the writer's time, most of it SQLite's
//!   own allocations (the in-memory journal of each request's savepoint
//!   takes and gives back a kilobyte chunk at a time, too many for glibc's
//!   per-thread cache). docs/benchmarks.md has the measurements.

use std::ffi::{c_int, c_void};

use libsqlite3_sys as ffi;

pub(super) fn configure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config takes, for MULTITHREAD nothing, for
        // MEMSTATUS one int, for MALLOC a pointer to a sqlite3_mem_methods
        // that it copies; each touches only SQLite's global configuration,
        // which is allowed before sqlite3_initialize, and `Once` keeps them
        // to one thread.
        let methods = mimalloc_methods();
        let (threads, stats, memory) = unsafe {
            (
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD),
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0),
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods),
            )
        };
        if [threads, stats, memory]
            .iter()
            .any(|r| *r != ffi::SQLITE_OK)
        {
            tracing::debug!(
                threads,
                stats,
                memory,
                "SQLite had started: its defaults stay"
            );
        }
    });
}

/// SQLite's allocator interface over mimalloc (SQLite copies it). SQLite
/// asks for sizes as positive ints, needs 8-byte alignment (mimalloc gives
/// at least 16), and frees only what these functions allocated.
fn mimalloc_methods() -> ffi::sqlite3_mem_methods {
    ffi::sqlite3_mem_methods {
        xMalloc: Some(malloc),
        xFree: Some(free),
        xRealloc: Some(realloc),
        xSize: Some(size),
        xRoundup: Some(roundup),
        xInit: Some(init),
        xShutdown: Some(shutdown),
        pAppData: std::ptr::null_mut(),
    }
}

unsafe extern "C" fn malloc(n: c_int) -> *mut c_void {
    match usize::try_from(n) {
        // SAFETY: mimalloc's malloc, for any size.
        Ok(n) => unsafe { libmimalloc_sys::mi_malloc(n) },
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn free(p: *mut c_void) {
    // SAFETY: SQLite frees only what `malloc` or `realloc` gave it (or NULL).
    unsafe { libmimalloc_sys::mi_free(p) }
}

unsafe extern "C" fn realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    match usize::try_from(n) {
        // SAFETY: `p` came from `malloc` or `realloc`, as for `free`.
        Ok(n) => unsafe { libmimalloc_sys::mi_realloc(p, n) },
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    // SAFETY: `p` came from `malloc` or `realloc` (or is NULL: 0).
    let n = unsafe { libmimalloc_sys::mi_usable_size(p) };
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn roundup(n: c_int) -> c_int {
    let Ok(wanted) = usize::try_from(n) else {
        return n;
    };
    // SAFETY: a pure function of the size.
    let given = unsafe { libmimalloc_sys::mi_good_size(wanted) };
    c_int::try_from(given).unwrap_or(n)
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}
