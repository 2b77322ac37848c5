//! How the code reads for the next engineer: no module of a crate depends,
//! through any chain, on itself; no source file grows past 600 lines.
//!
//! A module's dependencies are the paths its code names: `crate::a::b`,
//! `super::x`, `self::x`, and a child module's name (`read::search`), each
//! resolved to the longest module it names. Declaring a child (`mod x;`)
//! and re-exporting a child's items (`pub use x::Y`) make a module's
//! interface, not a dependency; test modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module of the crate whose sources are in `src`, by path
/// (`store::assets::read`; the root is ""), with its file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                parts.pop();
            }
            (parts.join("::"), f)
        })
        .collect()
}

/// The modules declared directly under `module`.
fn children(modules: &BTreeMap<String, PathBuf>, module: &str) -> BTreeSet<String> {
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{module}::")
    };
    modules
        .keys()
        .filter_map(|m| {
            m.strip_prefix(&prefix)
                .filter(|rest| !rest.is_empty() && !rest.contains("::"))
        })
        .map(str::to_owned)
        .collect()
}

/// `a::{b, c::{d, e}}` as its paths: `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let close = tree.rfind('}').unwrap();
    let (prefix, inner) = (&tree[..open], &tree[open + 1..close]);
    let (mut items, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .iter()
        .filter(|i| !i.trim().is_empty())
        .flat_map(|i| expand(i))
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The module `path` (seen from `module`) names, if it names one of ours.
fn resolve(modules: &BTreeMap<String, PathBuf>, module: &str, path: &str) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").map(str::trim).collect();
    let mut base: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    match segs[0] {
        "crate" => {
            base.clear();
            segs.remove(0);
        }
        "super" | "self" => {
            while let Some(&s) = segs.first().filter(|s| matches!(**s, "super" | "self")) {
                if s == "super" {
                    base.pop();
                }
                segs.remove(0);
            }
        }
        first if children(modules, module).contains(first) => {}
        _ => return None,
    }
    let full: Vec<&str> = base.into_iter().chain(segs).collect();
    (0..=full.len())
        .rev()
        .map(|k| full[..k].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The source of a file without comments and without its test module.
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string ("https://…") is not a comment.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each module's dependencies on the crate's other modules.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(src);
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let own = children(&modules, module);
        let text = code(file);
        let mut deps = BTreeSet::new();
        let mut rest = String::new();
        // `use` statements (they may span lines) end at `;`.
        let mut statement = String::new();
        for line in text.lines() {
            let t = line.trim_start();
            let starts_use = t.starts_with("use ") || (t.starts_with("pub") && t.contains(" use "));
            if statement.is_empty() && !starts_use {
                let declares_mod = t.contains("mod ") && t.trim_end().ends_with(';');
                if !declares_mod {
                    rest.push_str(line);
                    rest.push('\n');
                }
                continue;
            }
            statement.push_str(t);
            statement.push(' ');
            if !t.trim_end().ends_with(';') {
                continue;
            }
            let stmt = std::mem::take(&mut statement);
            let public = stmt.starts_with("pub");
            let tree = &stmt[stmt.find("use ").unwrap() + 4..stmt.rfind(';').unwrap()];
            for path in expand(tree) {
                let path = path.split(" as ").next().unwrap().trim().to_owned();
                let first = path.split("::").next().unwrap();
                if public && (first == "self" || own.contains(first)) {
                    continue;
                }
                deps.extend(resolve(&modules, module, &path));
            }
        }
        // Other paths in the code: `crate::…`, `super::…`, `child::…`
        // (a visibility, `pub(in crate::store)`, names no dependency).
        while let Some(at) = rest.find("pub(in ") {
            let end = at + rest[at..].find(')').unwrap() + 1;
            rest.replace_range(at..end, "pub");
        }
        let bytes: Vec<char> = rest.chars().collect();
        let mut i = 0;
        while i < bytes.len() {
            let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
            if boundary && (bytes[i].is_ascii_lowercase() || bytes[i] == '_') {
                let start = i;
                while i < bytes.len() && (bytes[i].is_alphanumeric() || bytes[i] == '_' || bytes[i] == ':') {
                    i += 1;
                }
                let path: String = bytes[start..i].iter().collect();
                let path = path.trim_end_matches(':');
                if path.contains("::") {
                    deps.extend(resolve(&modules, module, path));
                }
            } else {
                i += 1;
            }
        }
        deps.remove(module);
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A chain of modules that leads back to its start, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        module: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut circle = path[at..].to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for dep in graph.get(module).into_iter().flatten() {
            if let Some(c) = visit(graph, dep, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|m| visit(graph, m, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_depends_on_itself_through_others() {
    for src in ["src-tauri/core/src", "src-tauri/typeset/src", "src-tauri/cli/src"] {
        let graph = graph(&root().join(src));
        assert!(graph.len() > 3, "{src}: no modules found");
        if let Some(c) = circle(&graph) {
            panic!("{src}: the modules import each other in a circle: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_circle_check_sees_a_circle() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("store")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod store;\npub use a::A;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::store::{self, read::Row};\n").unwrap();
    std::fs::write(
        src.join("store/mod.rs"),
        "mod read;\npub use read::Row;\npub struct Store;\n",
    )
    .unwrap();
    std::fs::write(src.join("store/read.rs"), "pub(in crate::store) struct Row;\n").unwrap();
    let g = graph(src);
    assert_eq!(circle(&g), None, "{g:?}");
    assert_eq!(g["a"], BTreeSet::from(["store".to_owned(), "store::read".to_owned()]));
    // The store's reads come to use `a`, which uses the store's reads.
    std::fs::write(src.join("store/read.rs"), "pub struct Row(crate::a::A);\n").unwrap();
    let c = circle(&graph(src)).expect("a circle");
    assert_eq!(c.first(), c.last());
    assert!(
        c.contains(&"a".to_owned()) && c.contains(&"store::read".to_owned()),
        "{c:?}"
    );
    // A parent calling its child, and the child using the parent: a circle.
    std::fs::write(src.join("store/read.rs"), "pub fn rows(_: &super::Store) {}\n").unwrap();
    std::fs::write(
        src.join("store/mod.rs"),
        "mod read;\npub struct Store;\nfn all(s: &Store) { read::rows(s) }\n",
    )
    .unwrap();
    assert!(circle(&graph(src)).is_some());
}

/// Sources the 600-line rule covers: ours, not generated, not data.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | "node_modules" | "dist" | "corpus" | "gen" | ".git"
            ) {
                sources(&path, out);
            }
        } else if [".rs", ".ts", ".svelte", ".js", ".css", ".py", ".sh"]
            .iter()
            .any(|e| name.ends_with(e))
            // Generated from the Rust types (ts-rs).
            && name != "bindings.ts"
        {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["src-tauri", "ui/src", "tests", "scripts", ".ci"] {
        if root.join(dir).is_dir() {
            sources(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 600).then(|| format!("{} ({lines} lines)", f.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {}", long.join(", "));
}
