//! External Term Format against `:erlang.term_to_binary/1` on real Erlang/OTP 25, and Elixir
//! 1.14's `inspect/2` against our `Display`: every line of tests/vectors/etf.txt (made by
//! scripts/vectors/etf.exs) gives the bytes, a mode, and the inspect text.

use otp_playground::term::{binary_to_term, compare_exact, term_to_binary, Term};

mod support;
use support::{hex, vector_fields};

const VECTORS: &str = include_str!("vectors/etf.txt");

struct Vector {
    name: String,
    bytes: Vec<u8>,
    /// Byte-identical encoding expected (false: a map of more than 32 keys, HAMT order).
    exact: bool,
    inspect: Option<String>,
}

fn vectors() -> Vec<Vector> {
    vector_fields(VECTORS)
        .into_iter()
        .map(|f| Vector {
            name: f[0].to_string(),
            bytes: hex(f[1]),
            exact: f[2] == "exact",
            inspect: (f[3] != "-").then(|| f[3].to_string()),
        })
        .collect()
}

fn decode(v: &Vector) -> Term {
    binary_to_term(&v.bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name))
}

#[test]
fn encoding_is_byte_identical_to_erlang() {
    let vectors = vectors();
    assert!(vectors.len() > 150, "only {} vectors", vectors.len());
    let failures: Vec<&str> =
        vectors.iter().filter(|v| v.exact && term_to_binary(&decode(v)) != v.bytes).map(|v| v.name.as_str()).collect();
    assert!(failures.is_empty(), "encodings differ: {failures:?}");
}

#[test]
fn large_maps_decode_and_re_encode_to_the_same_term() {
    let large: Vec<Vector> = vectors().into_iter().filter(|v| !v.exact).collect();
    assert!(large.len() >= 4);
    for v in &large {
        let term = decode(v);
        let again = binary_to_term(&term_to_binary(&term)).expect("re-decode");
        assert_eq!(again, term, "{}", v.name);
        // Our encoding is in key order: encoding the decoded term again is stable.
        assert_eq!(term_to_binary(&again), term_to_binary(&term), "{}", v.name);
    }
}

#[test]
fn display_matches_elixir_inspect() {
    let failures: Vec<String> = vectors()
        .iter()
        .filter_map(|v| {
            let expected = v.inspect.as_ref()?;
            let got = decode(v).to_string();
            (&got != expected).then(|| format!("{}:\n  ours:   {got}\n  elixir: {expected}", v.name))
        })
        .collect();
    assert!(failures.is_empty(), "{} renderings differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_playground_terms_decode_to_what_we_build() {
    let find = |name: &str| decode(vectors().iter().find(|v| v.name == name).expect(name));
    let entry = |id: i64, day: u8, title: &str| {
        Term::map([
            (Term::atom("id"), Term::Int(id)),
            (Term::atom("date"), Term::date(2024, 1, day)),
            (Term::atom("title"), Term::string(title)),
        ])
    };
    let todo = Term::map([
        (Term::atom("auto_id"), Term::Int(3)),
        (Term::atom("entries"), Term::map([(Term::Int(1), entry(1, 22, "Buy milk")), (Term::Int(2), entry(2, 23, "Dentist"))])),
    ]);
    assert_eq!(find("todo_list"), todo);
    assert_eq!(find("date"), Term::date(2024, 1, 22));
    let session = Term::map([
        (Term::string("name"), Term::string("Alice")),
        (Term::string("visits"), Term::Int(3)),
        (Term::string("score"), Term::Float(9.5)),
        (Term::string("role"), Term::atom("admin")),
    ]);
    assert_eq!(find("map_session"), session);
    let tuples = Term::list([
        Term::tuple([Term::string("Alice"), Term::Int(3)]),
        Term::tuple([Term::string("Bob"), Term::Int(5)]),
    ]);
    assert_eq!(find("list_tuples"), tuples);
}

#[test]
fn decoded_maps_arrive_in_erlang_key_order() {
    // Small maps: OTP writes pairs in map-key order; our decoder keeps the order it reads.
    for v in vectors().iter().filter(|v| v.exact) {
        if let Ok(pairs) = decode(v).into_map() {
            assert!(pairs.windows(2).all(|w| compare_exact(&w[0].0, &w[1].0).is_le()), "{}", v.name);
        }
    }
}
