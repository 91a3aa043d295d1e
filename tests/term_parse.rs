//! The term literal parser the forms and share links use: Elixir's syntax and escapes, a
//! clear sentence for anything else, and never a panic or unbounded recursion, whatever
//! the text (deep, wide, random).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use otp_playground::term::{Date, MAX_DEPTH, Term, parse_date, parse_term, term_to_binary};
use proptest::prelude::*;

fn parse(text: &str) -> Result<Term, String> {
    parse_term(text, &|_| None)
}

#[test]
fn term_literals_parse_into_the_terms_elixir_would_build() {
    assert_eq!(parse(":ok").unwrap(), Term::atom("ok"));
    assert_eq!(parse("-42").unwrap(), Term::Int(-42));
    assert_eq!(parse("1_000").unwrap(), Term::Int(1000));
    assert_eq!(parse("2.5e3").unwrap(), Term::Float(2500.0));
    assert_eq!(parse("\"a \\\"b\\\"\"").unwrap(), Term::string("a \"b\""));
    assert_eq!(
        parse("{:add, [1, 2.5], %{a: 1, \"k\" => nil}}").unwrap(),
        Term::tuple([
            Term::atom("add"),
            Term::list([Term::Int(1), Term::Float(2.5)]),
            Term::map([(Term::atom("a"), Term::Int(1)), (Term::string("k"), Term::atom("nil"))]),
        ])
    );
    assert_eq!(parse("[a: 1]").unwrap(), Term::list([Term::tuple([Term::atom("a"), Term::Int(1)])]));
    assert_eq!(parse("~D[2024-01-22]").unwrap(), Date::new(2024, 1, 22).to_term());
    assert_eq!(parse("Todo.Cache").unwrap(), Term::atom("Elixir.Todo.Cache"));
    assert_eq!(parse("<<97, 0, 255>>").unwrap(), Term::Binary(vec![97, 0, 255]));
    assert_eq!(parse("<<>>").unwrap(), Term::Binary(vec![]));
    let text = "{:add_entry, %{date: ~D[2024-01-22], title: \"Buy milk\"}}";
    assert_eq!(parse(text).unwrap().to_string(), text);
}

#[test]
fn escapes_in_strings_and_atoms_read_as_real_elixir_reads_them() {
    let vectors = include_str!("vectors/term_literals.txt");
    let mut checked = 0;
    for line in vectors.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (literal, expected) = line.split_once('\t').expect("two fields");
        let literal = String::from_utf8(support::hex(literal)).expect("UTF-8 literal");
        match (expected, parse(&literal)) {
            ("error", Ok(term)) => panic!("{literal}: Elixir refuses it, we read {term}"),
            ("error", Err(why)) => assert!(why.contains("column"), "{literal}: {why}"),
            (hex, Ok(term)) => assert_eq!(term_to_binary(&term), support::hex(hex), "{literal} read as {term}"),
            (_, Err(why)) => panic!("{literal}: Elixir reads it, we say {why}"),
        }
        checked += 1;
    }
    assert!(checked >= 19, "only {checked} vectors");
}

#[test]
fn a_nul_and_a_bell_escape_give_those_bytes_not_their_letters() {
    assert_eq!(parse(r#""a\u0000b\x07""#).unwrap(), Term::Binary(vec![b'a', 0, b'b', 7]));
}

#[test]
fn bad_escapes_are_refused_with_their_column() {
    assert_eq!(
        parse(r#""ab\u12""#).unwrap_err(),
        "invalid escape at column 4: \\u needs 4 hexadecimal digits (\\u0041) or braces (\\u{1F600})"
    );
    assert_eq!(parse(r#""\u{D800}""#).unwrap_err(), "invalid or reserved Unicode code point \\u{D800} at column 2");
    assert_eq!(parse(r#""\xZ""#).unwrap_err(), "invalid escape at column 2: \\x needs hexadecimal digits, as in \\x07");
}

#[test]
fn an_unclosed_container_says_what_is_open_and_where_it_opened() {
    assert_eq!(parse("{:a, 1").unwrap_err(), "the tuple opened at column 1 is not closed: expected , or }");
    assert_eq!(parse("[:x, %{a: 1").unwrap_err(), "the map opened at column 6 is not closed: expected , or }");
    assert_eq!(parse("{:a, [1, 2}").unwrap_err(), "unexpected \"}\" at column 11: the list opened at column 6 is not closed: expected , or ]");
    assert_eq!(parse("%{1 2}").unwrap_err(), "unexpected \"2\" at column 5: the map opened at column 1 is not closed: expected => after the key");
    assert_eq!(parse(":\"abc").unwrap_err(), "the quoted atom opened at column 1 is not closed: expected \"");
}

#[test]
fn an_integer_too_large_for_the_forms_gives_the_limit() {
    assert_eq!(
        parse("10000000000000000000000000000000000000000").unwrap_err(),
        "the integer at column 1 (41 digits) is too large: integers here go from -9223372036854775808 to 9223372036854775807"
    );
    assert!(parse("1.0e400").unwrap_err().contains("too large"));
}

#[test]
fn other_bad_literals_say_what_is_wrong() {
    assert!(parse("").unwrap_err().contains("empty"));
    assert_eq!(parse("hello").unwrap_err(), "unknown word hello at column 1: atoms start with ':' (:hello), strings are quoted (\"hello\")");
    assert_eq!(parse("#PID<0.5.0>").unwrap_err(), "no live process #PID<0.5.0>");
    assert_eq!(parse(":a :b").unwrap_err(), "unexpected \":\" at column 4 after a complete term");
    assert!(parse(&format!(":{}", "a".repeat(256))).unwrap_err().contains("at most 255"));
    assert_eq!(parse("<<1, 256>>").unwrap_err(), "a binary holds bytes from 0 to 255 (column 6)");
    assert_eq!(parse("<<1, 2").unwrap_err(), "the binary opened at column 1 is not closed: expected , or >>");
}

#[test]
fn dates_are_checked_against_the_calendar() {
    assert_eq!(parse_date("2024-02-29").unwrap(), Date::new(2024, 2, 29));
    assert!(parse_date("2023-02-29").unwrap_err().contains("no day 29"));
    assert!(parse_date("2024-13-01").unwrap_err().contains("no month 13"));
    assert!(parse_date("22/01/2024").unwrap_err().contains("malformed date"));
    assert!(parse_date("+024-01-01").unwrap_err().contains("malformed date"));
}

/// `open` ×n then `close` ×n.
fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn a_hundred_thousand_nested_brackets_are_refused_not_overflowing_the_stack() {
    for (open, close, kind) in [("[", "]", "list"), ("{", "}", "tuple"), ("%{", "}", "map"), ("[a: ", "]", "list"), ("%{1 => ", "}", "map")] {
        let error = parse(&nested(open, close, 100_000)).unwrap_err();
        assert!(error.starts_with(&format!("nested too deeply: more than {MAX_DEPTH} levels (the {kind} at column")), "{open}: {error}");
    }
    assert!(parse(&"[".repeat(100_000)).unwrap_err().starts_with("nested too deeply"));
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let term = parse(&nested("{", "}", MAX_DEPTH)).unwrap();
    assert!(term.to_string().starts_with("{{{"));
}

#[test]
fn a_hundred_thousand_items_side_by_side_parse() {
    let wide = format!("[{}]", vec!["{:a, \"b\"}"; 100_000].join(", "));
    let parsed = parse(&wide).unwrap();
    let Term::List(items) = &parsed else { panic!("a list") };
    assert_eq!(items.len(), 100_000);
}

/// Text made of the parser's own syntax, so random inputs get deep into it.
fn syntax_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[", "]", "{", "}", "%{", "=>", ",", ":", ":a", "a: ", "\"", "\\", "\\u", "\\x{", "1", "-", "2.5", "e9", "~D[", "2024-01-22",
        "#PID<", "0.1.0", ">", "<<", ">>", "255", " ", "\n", "nil", "Todo.Cache", "_", "é", "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn random_text_gives_a_term_or_a_sentence_never_a_panic(text in any::<String>()) {
        match parse(&text) {
            Ok(_) => {}
            Err(why) => prop_assert!(!why.is_empty()),
        }
    }

    #[test]
    fn random_syntax_gives_a_term_or_a_sentence_never_a_panic(text in syntax_soup()) {
        if let Err(why) = parse(&text) {
            prop_assert!(!why.is_empty());
        }
    }

    #[test]
    fn deep_random_nesting_is_bounded(depth in 0usize..3_000, kinds in prop::collection::vec(0u8..3, 1..8)) {
        let (mut open, mut close) = (String::new(), String::new());
        for i in 0..depth {
            let (o, c) = match kinds[i % kinds.len()] { 0 => ("[", "]"), 1 => ("{", "}"), _ => ("%{:k => ", "}") };
            open.push_str(o);
            close.insert_str(0, c);
        }
        let result = parse(&format!("{open}1{close}"));
        if depth <= MAX_DEPTH {
            prop_assert!(result.is_ok(), "{:?}", result);
        } else {
            prop_assert!(result.unwrap_err().starts_with("nested too deeply"));
        }
    }

    #[test]
    fn what_parses_renders_back_to_the_same_term(text in syntax_soup()) {
        if let Ok(term) = parse(&text) {
            let again = parse(&term.to_string());
            prop_assert_eq!(again.as_ref().ok(), Some(&term), "{} rendered as {}", text, term);
        }
    }
}
