//! Terms nested 100,000 deep (issue 14: nothing a user types may recurse without bound): every
//! operation on them either works or refuses with a clear error, on the default 2 MiB test
//! thread stack, so none of them recurses per level.
#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Ordering;

use otp_playground::term::{
    binary_to_term, compare, from_term, inspect, make_hash2, term_to_binary, to_term, EtfError, InspectOpts, Term,
    TermError,
};
use serde::Deserialize;

const DEPTH: usize = 100_000;

/// `wrap` applied `depth` times around `inner`, built with a loop.
fn nested(depth: usize, inner: Term, wrap: impl Fn(Term) -> Term) -> Term {
    (0..depth).fold(inner, |t, _| wrap(t))
}

fn deep_list(depth: usize) -> Term {
    nested(depth, Term::Int(1), |t| Term::list([t]))
}

fn deep_tuple(depth: usize) -> Term {
    nested(depth, Term::atom("x"), |t| Term::tuple([t]))
}

fn deep_map(depth: usize) -> Term {
    nested(depth, Term::nil(), |t| Term::map([(Term::atom("a"), t)]))
}

/// `[1 | {[1 | {...}]}]`: improper lists whose tails nest.
fn deep_improper(depth: usize) -> Term {
    nested(depth, Term::Int(0), |t| Term::improper_list(vec![Term::Int(1)], Term::tuple([t])))
}

#[test]
fn deep_terms_clone_compare_and_drop() {
    for make in [deep_list, deep_tuple, deep_map, deep_improper] {
        let a = make(DEPTH);
        let b = a.clone();
        assert_eq!(a, b);
        let c = make(DEPTH - 1);
        assert_ne!(compare(&a, &c), Ordering::Equal);
        drop((a, b, c));
    }
}

#[test]
fn deep_terms_hash_and_encode() {
    for make in [deep_list, deep_tuple, deep_map, deep_improper] {
        let t = make(DEPTH);
        assert_eq!(make_hash2(&t), make_hash2(&t.clone()));
        assert_ne!(make_hash2(&t), make_hash2(&make(DEPTH - 1)));
        let bytes = term_to_binary(&t);
        assert!(bytes.len() > DEPTH);
        // The decoder stops at its depth limit with an error that says so.
        let err = binary_to_term(&bytes).unwrap_err();
        assert!(matches!(err, EtfError::TooDeep { .. }));
        assert!(err.to_string().contains("nested deeper than"), "{err}");
    }
}

#[test]
fn deep_terms_render_in_full_and_truncated() {
    let t = deep_list(DEPTH);
    let full = t.to_string();
    assert_eq!(full, format!("{}1{}", "[".repeat(DEPTH), "]".repeat(DEPTH)));
    assert_eq!(t.render_truncated(5), "[[[[…");
    let unlimited = InspectOpts { limit: None, ..InspectOpts::default() };
    assert_eq!(inspect(&t, &unlimited), full);
    assert_eq!(deep_tuple(DEPTH).to_string(), format!("{}:x{}", "{".repeat(DEPTH), "}".repeat(DEPTH)));
}

#[test]
fn inspect_of_a_deep_term_stops_at_the_limit_like_elixir() {
    // Each level takes one from `limit` (50), so the 51st level prints as `...`.
    let t = deep_list(DEPTH);
    let expected = format!("{}...{}", "[".repeat(51), "]".repeat(51));
    assert_eq!(inspect(&t, &InspectOpts::default()), expected);
    let pretty = inspect(&t, &InspectOpts::io_inspect());
    assert_eq!(pretty.lines().count(), 101, "one bracket a line, the dots on their own");
    for make in [deep_tuple, deep_map, deep_improper] {
        assert!(inspect(&make(DEPTH), &InspectOpts::io_inspect()).contains("..."));
    }
}

#[test]
fn to_term_of_a_deep_term_copies_it() {
    let t = deep_map(DEPTH);
    assert_eq!(to_term(&t), t);
    assert_eq!(to_term(&(Term::atom("ok"), t.clone())), Term::tuple([Term::atom("ok"), t]));
}

#[derive(Deserialize, Debug, PartialEq)]
enum Nest {
    Leaf,
    Wrap(Box<Nest>),
}

#[test]
fn from_term_refuses_nesting_beyond_its_limit() {
    let deep = nested(DEPTH, Term::atom("leaf"), |t| Term::tuple([Term::atom("wrap"), t]));
    assert_eq!(from_term::<Nest>(&deep), Err(TermError::TooDeep));
    assert_eq!(TermError::TooDeep.to_string(), "term nested deeper than 128 levels");
    let shallow = nested(3, Term::atom("leaf"), |t| Term::tuple([Term::atom("wrap"), t]));
    let three = Nest::Wrap(Box::new(Nest::Wrap(Box::new(Nest::Wrap(Box::new(Nest::Leaf))))));
    assert_eq!(from_term::<Nest>(&shallow), Ok(three));
}
