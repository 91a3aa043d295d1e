//! The Elixir parser against real Elixir: trees and errors from `tests/lang/parse/` (generated
//! by `scripts/gen_parse_vectors.sh` with `Code.string_to_quoted!/2`), every Elixir block of
//! the two exercise sheets, and properties (no panic, bounded depth, print → parse round trip).

use std::fmt::Write as _;

use otp_playground::lang::ast::{Expr, Head};
use otp_playground::lang::syntax::{self, SyntaxErrorKind, MAX_DEPTH};

/// Our tree in the canonical text `scripts/gen_parse_vectors.exs` prints Elixir's in.
fn canon(expr: &Expr) -> String {
    let mut out = String::new();
    write_canon(expr, &mut out);
    out
}

fn write_canon(expr: &Expr, out: &mut String) {
    match expr {
        Expr::Int(n) => write!(out, "{n}").unwrap(),
        Expr::BigInt(n) => write!(out, "{n}").unwrap(),
        Expr::Float(f) => write!(out, "f{:X}", f.to_bits()).unwrap(),
        Expr::Atom(a) => {
            out.push(':');
            write_str(a, out);
        }
        Expr::Str(s) => write_str(s, out),
        Expr::List(items) => write_list(items, out),
        Expr::Pair(pair) => {
            out.push('{');
            write_canon(&pair.0, out);
            out.push(' ');
            write_canon(&pair.1, out);
            out.push('}');
        }
        Expr::Node(node) => {
            out.push('(');
            match &node.head {
                Head::Atom(name) => {
                    out.push(':');
                    write_str(name, out);
                }
                Head::Expr(e) => write_canon(e, out),
            }
            let m = node.meta;
            if m.line == 0 {
                out.push_str(" @-");
            } else {
                write!(out, " @{}:{}", m.line, m.column).unwrap();
            }
            if m.no_parens {
                out.push('!');
            }
            out.push(' ');
            match &node.args {
                Some(args) => write_list(args, out),
                None => out.push_str("nil"),
            }
            out.push(')');
        }
    }
}

fn write_list(items: &[Expr], out: &mut String) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_canon(item, out);
    }
    out.push(']');
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(b as char),
            _ => write!(out, "\\x{b:02X}").unwrap(),
        }
    }
    out.push('"');
}

/// `#### name` sections of a vector file: (name, text), the text without its final newline.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("#### ") {
            out.push((name.trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        }
    }
    for (_, body) in &mut out {
        if body.ends_with('\n') {
            body.pop();
        }
    }
    out
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn vector_pairs(cases: &str, expected: &str) -> Vec<(String, String, String)> {
    let cases = sections(&read(cases));
    let expected = sections(&read(expected));
    assert_eq!(cases.len(), expected.len(), "regenerate with scripts/gen_parse_vectors.sh");
    cases
        .into_iter()
        .zip(expected)
        .map(|((name, src), (name2, want))| {
            assert_eq!(name, name2, "regenerate with scripts/gen_parse_vectors.sh");
            (name, src, want)
        })
        .collect()
}

#[test]
fn valid_snippets_parse_to_the_tree_elixir_builds() {
    let pairs = vector_pairs("tests/lang/parse/valid.txt", "tests/lang/parse/valid.expected");
    let mut failures = Vec::new();
    for (name, src, want) in &pairs {
        let got = match syntax::parse(src) {
            Ok(expr) => canon(&expr),
            Err(e) => format!("error {e}"),
        };
        if &got != want {
            failures.push(format!("{name}:\n  source: {src:?}\n  elixir: {want}\n  ours:   {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), pairs.len(), failures.join("\n"));
}

#[test]
fn malformed_snippets_give_elixirs_error() {
    let pairs = vector_pairs("tests/lang/parse/invalid.txt", "tests/lang/parse/invalid.expected");
    let mut failures = Vec::new();
    for (name, src, want) in &pairs {
        let got = match syntax::parse(src) {
            Ok(expr) => format!("parsed: {}", canon(&expr)),
            Err(e) => {
                let mut message = String::new();
                write_str(&e.message, &mut message);
                let kind = match e.kind {
                    SyntaxErrorKind::Invalid => "SyntaxError",
                    SyntaxErrorKind::Incomplete => "TokenMissingError",
                };
                assert_eq!(kind, e.exception_name());
                format!("{kind} {}:{} {message}", e.line, e.column)
            }
        };
        if &got != want {
            failures.push(format!("{name}:\n  source: {src:?}\n  elixir: {want}\n  ours:   {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), pairs.len(), failures.join("\n"));
}

/// The ```elixir blocks of a sheet: (first line number, code).
fn elixir_blocks(sheet: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in sheet.lines().enumerate() {
        match &mut current {
            None if line.trim_start().starts_with("```elixir") => current = Some((i + 2, String::new())),
            Some(_) if line.trim_start().starts_with("```") => blocks.extend(current.take()),
            Some((_, code)) => {
                code.push_str(line);
                code.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Blocks in an elixir fence that are not Elixir code, by `sheet:line` (the block's first
/// line), with the reason. None today: real Elixir parses all 42.
const NOT_ELIXIR: &[(&str, &str)] = &[];

#[test]
fn every_elixir_block_of_both_sheets_parses_as_elixir_parses_it() {
    let expected = sections(&read("tests/lang/parse/sheets.expected"));
    let mut blocks = Vec::new();
    for sheet in ["chapter6.txt", "chapter7.txt"] {
        let text = read(&format!("tests/lang/sheets/{sheet}"));
        for (line, code) in elixir_blocks(&text) {
            blocks.push((format!("{sheet}:{line}"), code));
        }
    }
    assert_eq!(blocks.len(), expected.len(), "regenerate with scripts/gen_parse_vectors.sh");
    let mut failures = Vec::new();
    for ((name, code), (name2, want)) in blocks.iter().zip(&expected) {
        assert_eq!(name, name2, "regenerate with scripts/gen_parse_vectors.sh");
        if NOT_ELIXIR.iter().any(|(n, _)| n == name) {
            continue;
        }
        match syntax::parse(code) {
            Ok(expr) if canon(&expr) == *want => {}
            Ok(expr) => failures.push(format!("{name}: tree differs\n  elixir: {want}\n  ours:   {}", canon(&expr))),
            Err(e) => failures.push(format!("{name}: {} {e}", e.exception_name())),
        }
    }
    assert!(failures.is_empty(), "{} of {} blocks fail:\n{}", failures.len(), blocks.len(), failures.join("\n"));
    assert!(blocks.len() >= 40, "only {} blocks found", blocks.len());
}

fn nesting_error(source: &str) -> String {
    match syntax::parse(source) {
        Ok(_) => panic!("parsed {} bytes of deep nesting", source.len()),
        Err(e) => e.message,
    }
}

/// Runs `f` on a thread with room for [`MAX_DEPTH`] levels even in a debug build, whose frames
/// are several times larger than release frames (see `nesting_at_the_bound_fits_in_a_wasm_stack`).
fn with_room(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(16 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn a_hundred_thousand_nested_brackets_are_a_nesting_error_not_a_stack_overflow() {
    with_room(a_hundred_thousand_nested_brackets);
}

fn a_hundred_thousand_nested_brackets() {
    let too_deep = format!("nesting too deep: more than {MAX_DEPTH} levels");
    let n = 100_000;
    for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("%{a: ", "}"), ("<< ", " >>"), ("fn -> ", " end")] {
        let closed = format!("{}1{}", open.repeat(n), close.repeat(n));
        assert_eq!(nesting_error(&closed), too_deep, "{open}…{close}");
        assert_eq!(nesting_error(&open.repeat(n)), too_deep, "unclosed {open}");
    }
    assert_eq!(nesting_error(&format!("{}\"", "\"#{".repeat(n))), too_deep, "interpolations");
    assert_eq!(nesting_error(&format!("{}x", "if x do\n".repeat(n))), too_deep, "do blocks");
}

#[test]
fn long_operator_and_call_chains_are_bounded_like_nesting() {
    with_room(long_chains);
}

fn long_chains() {
    // A left-associative chain builds a tree as deep as it is long without recursing in the
    // parser: it must be bounded too, or dropping the tree overflows the stack.
    let too_deep = format!("nesting too deep: more than {MAX_DEPTH} levels");
    let n = 100_000;
    for source in [
        format!("1{}", " + 1".repeat(n)),
        format!("x{}", " |> f()".repeat(n)),
        format!("a{}", " = a".repeat(n)),
        format!("{}1", "- ".repeat(n)),
        format!("{}x", "@a ".repeat(n)),
        format!("{}x", "& ".repeat(n)),
        format!("a{}", ".b".repeat(n)),
        format!("f{}", ".()".repeat(n)),
        format!("a{}", "[0]".repeat(n)),
        format!("x{}", " when x".repeat(n)),
    ] {
        assert_eq!(nesting_error(&source), too_deep, "{}…", &source[..20]);
    }
}

/// The deepest input the parser accepts, in a stack of 1 MiB (a wasm32 Rust program's default)
/// in a release build; a debug build's frames are about four times larger, so it gets 4 MiB.
#[test]
fn nesting_at_the_bound_fits_in_a_wasm_stack() {
    let stack = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(|| {
            for (open, close) in [
                ("[", "]"),
                ("{", "}"),
                ("(", ")"),
                ("f(", ")"),
                ("fn -> ", " end"),
                ("\"#{", "}\""),
                ("if x do\n", "\nend"),
                ("%{a: ", "}"),
                ("- ", ""),
                ("x = ", ""),
            ] {
                let nested = |n: usize| format!("{}1{}", open.repeat(n), close.repeat(n));
                // The deepest nesting accepted: at least a level per two brackets.
                let n = (1..=MAX_DEPTH).rev().find(|&n| syntax::parse(&nested(n)).is_ok()).unwrap();
                assert!(n >= MAX_DEPTH / 2 - 2, "{open}: only {n} levels");
                let tree = syntax::parse(&nested(n)).unwrap();
                assert!(!canon(&tree).is_empty());
                drop(tree);
            }
            let n = MAX_DEPTH - 2;
            assert!(syntax::parse(&format!("1{}", " + 1".repeat(n))).is_ok());
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Prefixes of every snippet and sheet block: an error or a tree, never a panic.
#[test]
fn every_truncation_of_the_snippets_and_sheets_gives_a_result() {
    let mut sources: Vec<String> = sections(&read("tests/lang/parse/valid.txt")).into_iter().map(|(_, s)| s).collect();
    for sheet in ["chapter6.txt", "chapter7.txt"] {
        sources.extend(elixir_blocks(&read(&format!("tests/lang/sheets/{sheet}"))).into_iter().map(|(_, c)| c));
    }
    let mut cuts = 0;
    for source in &sources {
        let boundaries: Vec<usize> = source.char_indices().map(|(i, _)| i).collect();
        let step = (boundaries.len() / 60).max(1);
        for &cut in boundaries.iter().step_by(step) {
            let _ = syntax::parse(&source[..cut]);
            cuts += 1;
        }
    }
    assert!(cuts > 5_000, "{cuts}");
}

#[test]
fn an_open_do_block_asks_for_more_input() {
    for source in ["defmodule A do\n  def f do\n    1", "case x do\n  1 ->", "fn x ->", "foo(1,", "[1, 2", "\"abc", "x |>", "%{a: 1"] {
        let e = syntax::parse(source).unwrap_err();
        assert!(e.is_incomplete(), "{source:?}: {e}");
    }
    for source in [")", "1 2", "[1, 2)", "end"] {
        let e = syntax::parse(source).unwrap_err();
        assert!(!e.is_incomplete(), "{source:?}: {e}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of Elixir, so that random sequences reach deep into the grammar.
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "%{", "%", "<<", ">>", ",", ";", "\n", " ", "do", "end", "fn", "->",
        "else", "x", "Foo", ".", "1", "2.5", ":a", "\"s", "\"", "#{", "'", "~s(", "a:", "+", "-", "|>", "=",
        "when", "&", "&1", "@", "not", "in", "..", "//", "|", "::", "=>", "\\\\", "<-", "?a", "\"\"\"\n",
        "case", "if", "def", "#", "!", "^", "*", "**", "<>", "++", "and", "or",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = syntax::parse(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn random_sequences_of_elixir_pieces_never_panic(picks in proptest::collection::vec(0..PIECES.len(), 0..80)) {
            let source: String = picks.iter().map(|&i| PIECES[i]).collect();
            if let Err(e) = syntax::parse(&source) {
                prop_assert!(e.line >= 1 && e.column >= 1, "{e}");
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
