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

/// Malformed snippets Elixir rejects and we accept (see tests/lang/parse/README.md).
const ACCEPTED_THOUGH_ELIXIR_REJECTS: &[(&str, &str)] = &[
    ("prec_bar_vs_arrow", "`=>` is accepted outside maps (Elixir allows it only in map entries)"),
    ("multiple_blank_semicolons", "an empty statement between two `;` is skipped"),
];

#[test]
fn malformed_snippets_give_elixirs_error() {
    let pairs = vector_pairs("tests/lang/parse/invalid.txt", "tests/lang/parse/invalid.expected");
    let mut failures = Vec::new();
    for (name, src, want) in &pairs {
        if ACCEPTED_THOUGH_ELIXIR_REJECTS.iter().any(|(n, _)| n == name) {
            assert!(syntax::parse(src).is_ok(), "{name} is listed as accepted but fails: update the list");
            continue;
        }
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

#[test]
fn malformed_snippets_print_what_elixir_prints_on_stderr() {
    let pairs = vector_pairs("tests/lang/parse/invalid.txt", "tests/lang/parse/invalid.stderr");
    let mut failures = Vec::new();
    for (name, src, want) in &pairs {
        let Err(e) = syntax::parse(src) else { continue };
        let got = e.render("snippet.exs", src);
        if got != format!("{want}\n") {
            failures.push(format!("{name}:\n--- elixir\n{want}\n--- ours\n{got}"));
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
        // Unclosed, Elixir's tokenizer reports the missing terminator first, and so do we.
        let unclosed = syntax::parse(&open.repeat(n)).unwrap_err();
        assert!(unclosed.message.starts_with("missing terminator"), "unclosed {open}: {unclosed}");
    }
    assert_eq!(nesting_error(&format!("{}\"", "\"#{".repeat(n))), too_deep, "interpolations");
    assert_eq!(nesting_error(&format!("{}x{}", "if x do\n".repeat(n), "\nend".repeat(n))), too_deep, "do blocks");
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

/// Print → parse round trips on trees of the shapes the parser builds.
mod round_trip {
    use super::*;
    use otp_playground::lang::ast::{Meta, Node};
    use proptest::prelude::*;
    use std::rc::Rc;

    /// The tree without positions (the `no_parens` flag stays: it is part of the meaning).
    fn strip(expr: &Expr) -> Expr {
        match expr {
            Expr::List(items) => Expr::List(items.iter().map(strip).collect()),
            Expr::Pair(p) => Expr::Pair(Box::new((strip(&p.0), strip(&p.1)))),
            Expr::Node(n) => Expr::Node(Box::new(Node {
                head: match &n.head {
                    Head::Atom(a) => Head::Atom(a.clone()),
                    Head::Expr(e) => Head::Expr(strip(e)),
                },
                meta: Meta { no_parens: n.meta.no_parens, ..Meta::default() },
                args: n.args.as_ref().map(|a| a.iter().map(strip).collect()),
            })),
            other => other.clone(),
        }
    }

    fn m() -> Meta {
        Meta::default()
    }

    fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::call(name, m(), args)
    }

    /// `(!x).f` cannot be written: Elixir reads `(!x)` as a block (as it does `!x` alone), so
    /// such a target is replaced by a variable.
    fn writable_target(target: Expr) -> Expr {
        match target.as_named() {
            Some(("!" | "not", Some([_]))) => Expr::var("x", Meta::default()),
            _ => target,
        }
    }

    /// A body (of the file, a `do`, a clause) as Elixir's `build_block` leaves it: a lone `!x`
    /// or `not x` stays wrapped in `__block__`.
    fn body(expr: Expr) -> Expr {
        match expr.as_named() {
            Some(("!" | "not", Some([_]))) => call("__block__", vec![expr]),
            _ => expr,
        }
    }

    /// A clause head as Elixir leaves it: `a, b when g ->` is `[when(a, b, g)]`.
    fn clause_head(mut head: Vec<Expr>) -> Vec<Expr> {
        if head.len() > 1 && matches!(head.last().and_then(|e| e.as_named()), Some(("when", Some([_, _])))) {
            let Some(Expr::Node(last)) = head.pop() else { unreachable!() };
            head.extend(last.args.unwrap_or_default());
            return vec![call("when", head)];
        }
        head
    }

    fn remote(target: Expr, name: &str, args: Vec<Expr>, no_parens: bool) -> Expr {
        let target = writable_target(target);
        let dot = call(".", vec![target, Expr::Atom(name.into())]);
        Expr::Node(Box::new(Node { head: Head::Expr(dot), meta: Meta { no_parens, ..m() }, args: Some(args) }))
    }

    fn pair(a: Expr, b: Expr) -> Expr {
        Expr::Pair(Box::new((a, b)))
    }

    fn alias(parts: &[&str]) -> Expr {
        call("__aliases__", parts.iter().map(|p| Expr::Atom((*p).into())).collect())
    }

    const NAMES: &[&str] = &["x", "y", "acc", "_", "_ignored", "valid?", "save!", "état", "__MODULE__"];
    const ATOMS: &[&str] = &["ok", "error", "nil", "true", "false", "Foo", "hello world", "+", "<<>>", "do", "a-b", "Elixir.Enum", "", "é", "\"q\""];
    const BINARY: &[&str] = &[
        "<-", "\\\\", "when", "::", "|", "=>", "=", "||", "|||", "or", "&&", "&&&", "and", "==", "!=", "=~", "===", "!==",
        "<", ">", "<=", ">=", "|>", "<<<", ">>>", "<<~", "~>>", "<~", "~>", "<~>", "<|>", "in", "^^^", "++", "--", "+++",
        "---", "<>", "..", "+", "-", "*", "/", "**",
    ];
    const UNARY: &[&str] = &["!", "^", "not", "-", "+", "~~~"];
    const TEXT: &[&str] = &["a", " ", "\"", "\\", "\n", "\t", "#", "{", "}", "é", "😀", "\u{1}", "#{", "'"];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(TEXT), 0..5).prop_map(|parts| parts.concat())
    }

    fn leaf() -> impl Strategy<Value = Expr> {
        prop_oneof![
            (0i64..1_000_000).prop_map(Expr::Int),
            Just(Expr::BigInt(Rc::new("123456789012345678901234567890".parse().unwrap()))),
            (0.0f64..1e30).prop_map(Expr::Float),
            Just(Expr::Float(1.5e-9)),
            proptest::sample::select(ATOMS).prop_map(|a| Expr::Atom(a.into())),
            text().prop_map(|s| Expr::Str(s.into())),
            proptest::sample::select(NAMES).prop_map(|n| Expr::var(n, Meta::default())),
            Just(alias(&["Todo", "Server"])),
            (1i64..5).prop_map(|n| call("&", vec![Expr::Int(n)])),
        ]
    }

    fn tree() -> impl Strategy<Value = Expr> {
        leaf().prop_recursive(5, 48, 4, |inner| {
            let args = proptest::collection::vec(inner.clone(), 0..3);
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Expr::List),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| pair(a, b)),
                proptest::collection::vec(inner.clone(), 3..5).prop_map(|items| call("{}", items)),
                Just(call("{}", vec![])),
                (proptest::sample::select(BINARY), inner.clone(), inner.clone())
                    .prop_map(|(op, a, b)| call(op, vec![a, b])),
                (proptest::sample::select(UNARY), inner.clone()).prop_map(|(op, a)| call(op, vec![a])),
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(a, b, c)| call("..//", vec![a, b, c])),
                inner.clone().prop_map(|a| call("&", vec![a])),
                (proptest::sample::select(&["foo", "is_integer", "send", "if_"][..]), args.clone())
                    .prop_map(|(name, args)| call(name, args)),
                (inner.clone(), args.clone()).prop_map(|(t, args)| remote(t, "fun", args, false)),
                inner.clone().prop_map(|t| remote(t, "field", vec![], true)),
                (args.clone()).prop_map(|args| remote(Expr::Atom("lists".into()), "reverse", args, false)),
                (args.clone()).prop_map(|args| remote(Expr::Atom("Elixir.Kernel".into()), "+", args, false)),
                (inner.clone(), args.clone()).prop_map(|(f, args)| {
                    let dot = call(".", vec![writable_target(f)]);
                    Expr::Node(Box::new(Node { head: Head::Expr(dot), meta: m(), args: Some(args) }))
                }),
                (inner.clone(), inner.clone()).prop_map(|(a, k)| remote(Expr::Atom("Elixir.Access".into()), "get", vec![writable_target(a), k], false)),
                proptest::collection::vec((inner.clone(), inner.clone()), 0..3)
                    .prop_map(|kvs| call("%{}", kvs.into_iter().map(|(k, v)| pair(k, v)).collect())),
                (inner.clone(), proptest::collection::vec(inner.clone(), 1..3)).prop_map(|(map, vs)| {
                    let pairs = vs.into_iter().enumerate().map(|(i, v)| pair(Expr::Atom(format!("k{i}").into()), v)).collect();
                    call("%{}", vec![call("|", vec![map, Expr::List(pairs)])])
                }),
                proptest::collection::vec(inner.clone(), 0..2).prop_map(|vs| {
                    let pairs = vs.into_iter().map(|v| pair(Expr::Atom("name".into()), v)).collect();
                    call("%", vec![alias(&["User"]), call("%{}", pairs)])
                }),
                (text(), inner.clone(), text()).prop_map(|(a, code, b)| {
                    let interp = call("::", vec![
                        remote(Expr::Atom("Elixir.Kernel".into()), "to_string", vec![body(code)], false),
                        Expr::var("binary", m()),
                    ]);
                    let mut parts = Vec::new();
                    if !a.is_empty() {
                        parts.push(Expr::Str(a.into()));
                    }
                    parts.push(interp);
                    if !b.is_empty() {
                        parts.push(Expr::Str(b.into()));
                    }
                    call("<<>>", parts)
                }),
                proptest::collection::vec(inner.clone(), 0..3).prop_map(|parts| call("<<>>", parts)),
                (proptest::collection::vec((args.clone(), inner.clone()), 1..3)).prop_map(|clauses| {
                    call("fn", clauses.into_iter().map(|(head, b)| call("->", vec![Expr::List(clause_head(head)), body(b)])).collect())
                }),
                (inner.clone(), inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, a, b, d)| {
                    let then = call("__block__", vec![a, b]);
                    call("if", vec![c, Expr::List(vec![pair(Expr::Atom("do".into()), then), pair(Expr::Atom("else".into()), body(d))])])
                }),
                (inner.clone(), proptest::collection::vec((inner.clone(), inner.clone()), 1..3)).prop_map(|(x, cls)| {
                    let clauses = cls.into_iter().map(|(p, b)| call("->", vec![Expr::List(vec![p]), body(b)])).collect();
                    call("case", vec![x, Expr::List(vec![pair(Expr::Atom("do".into()), Expr::List(clauses))])])
                }),
                inner.clone().prop_map(|v| call("@", vec![call("attr", vec![v])])),
                (text(), proptest::sample::select(&["s", "r", "w", "S"][..])).prop_map(|(t, letter)| {
                    call(&format!("sigil_{letter}"), vec![call("<<>>", vec![Expr::Str(t.into())]), Expr::List(vec![Expr::Int(105)])])
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn printed_trees_parse_back_to_themselves(tree in tree().prop_map(body)) {
            let source = syntax::to_source(&tree);
            let parsed = syntax::parse(&source);
            prop_assert!(parsed.is_ok(), "{source}\n{:?}", parsed);
            let parsed = strip(&parsed.unwrap());
            prop_assert_eq!(canon(&parsed), canon(&tree), "source: {}", source);
        }
    }
}

/// Measures the parser's stack use per nesting level: the smallest thread stack (to 4 KiB) that
/// parses each shape `n` deep, found by running this test binary again as a child process with
/// `PARSE_STACK_PROBE=shape,depth,bytes` (a stack overflow aborts the child, not this test).
/// Prints bytes per level; run with `cargo test --release --test lang_parse -- --ignored
/// --nocapture stack_use`.
#[test]
#[ignore]
fn stack_use_per_nesting_level() {
    if let Ok(probe) = std::env::var("PARSE_STACK_PROBE") {
        let parts: Vec<usize> = probe.split(',').map(|p| p.parse().unwrap()).collect();
        let source = stack_shape(parts[0], parts[1]);
        std::thread::Builder::new()
            .stack_size(parts[2])
            .spawn(move || assert!(syntax::parse(&source).is_ok()))
            .unwrap()
            .join()
            .unwrap();
        return;
    }
    let fits = |shape: usize, depth: usize, bytes: usize| {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "stack_use_per_nesting_level", "--test-threads=1"])
            .env("PARSE_STACK_PROBE", format!("{shape},{depth},{bytes}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap()
            .success()
    };
    let least_stack = |shape: usize, depth: usize| {
        let (mut low, mut high) = (4096usize, 64 << 20);
        while high - low > 4096 {
            let mid = (low + high) / 2;
            if fits(shape, depth, mid) { high = mid } else { low = mid }
        }
        high
    };
    for (shape, (open, _)) in STACK_SHAPES.iter().enumerate() {
        // The deepest nesting of this shape the parser accepts, and a quarter of it.
        let deep = (1..=MAX_DEPTH).rev().find(|&n| fits(shape, n, 64 << 20)).unwrap();
        let shallow = deep / 4;
        let (a, b) = (least_stack(shape, shallow), least_stack(shape, deep));
        println!(
            "{:>10}: {deep} layers accepted; least stack {} KiB at {shallow} layers, {} KiB at {deep}: {} bytes per layer",
            open.trim(),
            a / 1024,
            b / 1024,
            (b - a) / (deep - shallow)
        );
    }
}

const STACK_SHAPES: [(&str, &str); 7] = [
    ("[", "]"),
    ("(", ")"),
    ("f(", ")"),
    ("fn -> ", " end"),
    ("\"#{", "}\""),
    ("if x do\n", "\nend"),
    ("%{a: ", "}"),
];

/// Shape `shape` nested `layers` deep.
fn stack_shape(shape: usize, layers: usize) -> String {
    let (open, close) = STACK_SHAPES[shape];
    format!("{}1{}", open.repeat(layers), close.repeat(layers))
}
