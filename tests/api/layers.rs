//! The layering of `docs/architecture.md`, checked on the source: which
//! top-level module of `src/` may use which, and no cycle between them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/` but the crate roots, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                out.push((path, text));
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&src, &mut out);
    out.retain(|(p, _)| {
        let rel = p.strip_prefix(&src).expect("under src");
        rel != Path::new("lib.rs") && rel != Path::new("main.rs")
    });
    assert!(out.len() > 30, "the sources were not found");
    out
}

/// `src/web/replies.rs` → `web`; `src/state.rs` → `state`.
fn top_module(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = path.strip_prefix(&src).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_owned()
}

/// The top-level modules a file names through `crate::`, in paths and in
/// `use crate::{a, b::c}` groups.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut refs = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group, up to its closing brace.
            let (mut depth, mut item) = (1, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    refs.insert(ident(&item));
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            refs.insert(ident(rest));
        }
    }
    refs.retain(|r| !r.is_empty());
    refs
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources() {
        let top = top_module(&path);
        let refs = crate_refs(&text);
        edges
            .entry(top.clone())
            .or_default()
            .extend(refs.into_iter().filter(|r| *r != top));
    }
    edges
}

#[test]
fn group_imports_are_read() {
    let refs = crate_refs("use crate::{error::ErrorCode, service::{a, b}};\nuse crate::i18n;");
    let want: BTreeSet<String> = ["error", "service", "i18n"].map(String::from).into();
    assert_eq!(refs, want);
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let edges = graph();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        false
    };
    let cycles: Vec<String> = edges
        .iter()
        .flat_map(|(a, bs)| bs.iter().map(move |b| (a, b)))
        .filter(|(a, b)| reaches(b, a))
        .map(|(a, b)| format!("{a} -> {b}"))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles: {cycles:?}\nthe graph: {edges:#?}"
    );
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    // What each module may use besides itself; docs/architecture.md explains why.
    let allowed: &[(&str, &[&str])] = &[
        ("error", &[]),
        ("clock", &[]),
        ("domain", &[]),
        ("i18n", &[]),
        ("tlog", &[]),
        ("request_id", &[]),
        ("telemetry", &[]),
        ("client_address", &[]),
        ("auth", &["domain"]),
        ("store", &["auth"]),
        ("export", &["domain"]),
        ("mail", &["clock", "domain", "error", "i18n", "store"]),
        ("config", &["client_address", "mail"]),
        (
            "service",
            &[
                "auth", "clock", "domain", "error", "export", "i18n", "mail", "store", "tlog",
            ],
        ),
        ("writer", &["clock", "error", "store"]),
        (
            "state",
            &["auth", "clock", "error", "mail", "store", "tlog", "writer"],
        ),
        (
            "api",
            &[
                "auth",
                "client_address",
                "domain",
                "error",
                "request_id",
                "service",
                "state",
            ],
        ),
        (
            "web",
            &[
                "auth",
                "client_address",
                "domain",
                "error",
                "i18n",
                "mail",
                "request_id",
                "service",
                "state",
            ],
        ),
    ];
    let edges = graph();
    let mut wrong = Vec::new();
    for (module, uses) in &edges {
        let Some((_, may)) = allowed.iter().find(|(m, _)| m == module) else {
            continue; // startup and demo compose everything
        };
        for used in uses {
            if !may.contains(&used.as_str()) {
                wrong.push(format!("{module} uses {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken: {wrong:?}");
}

#[test]
fn pages_and_api_reach_the_database_only_through_the_service_layer() {
    let mut wrong = Vec::new();
    for (path, text) in sources() {
        let top = top_module(&path);
        if (top == "web" || top == "api") && text.contains("store::") {
            wrong.push(path.display().to_string());
        }
    }
    assert!(wrong.is_empty(), "store:: used in {wrong:?}");
}
