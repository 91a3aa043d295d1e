//! `inspect` against Elixir 1.14's own `inspect/2`: every line of tests/vectors/inspect.txt
//! (made by scripts/vectors/inspect.exs with the real `elixir`) gives a term as External Term
//! Format and what Elixir printed for it with four sets of options.

use otp_playground::term::{binary_to_term, inspect, InspectOpts, Term};

mod support;
use support::hex;

const VECTORS: &str = include_str!("vectors/inspect.txt");

struct Vector {
    name: String,
    term: Term,
    /// `inspect(t)`, `inspect(t, pretty: true)`, `... width: 30`, `inspect(t, limit: 5, printable_limit: 10)`.
    expected: [String; 4],
}

/// Undoes the script's escaping of `\`, newline and tab.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in {field}"),
        }
    }
    out
}

fn vectors() -> Vec<Vector> {
    VECTORS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 6, "bad vector line: {line}");
            let term = binary_to_term(&hex(f[1])).unwrap_or_else(|e| panic!("{}: {e}", f[0]));
            Vector { name: f[0].to_string(), term, expected: [2, 3, 4, 5].map(|i| unescape(f[i])) }
        })
        .collect()
}

/// Runs `opts` over every vector and lists the ones that differ, with both texts.
fn check(column: usize, opts: &InspectOpts) {
    let vectors = vectors();
    assert!(vectors.len() > 250, "only {} vectors", vectors.len());
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            let ours = inspect(&v.term, opts);
            (ours != v.expected[column])
                .then(|| format!("{}:\n--- elixir\n{}\n--- ours\n{}", v.name, v.expected[column], ours))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), vectors.len(), failures.join("\n"));
}

#[test]
fn kernel_inspect_matches_elixir() {
    check(0, &InspectOpts::default());
}

#[test]
fn io_inspect_layout_matches_elixir_at_width_80() {
    check(1, &InspectOpts::io_inspect());
}

#[test]
fn pretty_layout_matches_elixir_at_width_30() {
    check(2, &InspectOpts { width: 30, ..InspectOpts::io_inspect() });
}

#[test]
fn limits_cut_containers_and_strings_as_elixir_does() {
    check(3, &InspectOpts { limit: Some(5), printable_limit: Some(10), ..InspectOpts::default() });
}

#[test]
fn render_pretty_is_io_inspect_with_charlists_as_lists_and_no_limit() {
    let v = vectors().into_iter().find(|v| v.name == "todo_5").expect("vector");
    assert_eq!(v.term.render_pretty(80), v.expected[1]);
    let cl = Term::list([Term::Int(104), Term::Int(105)]);
    assert_eq!(cl.render_pretty(80), "[104, 105]");
    assert_eq!(inspect(&cl, &InspectOpts::default()), "'hi'");
}
