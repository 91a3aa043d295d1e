//! `phash2` against `:erlang.phash2/2` on real Erlang/OTP 25: every line of
//! tests/vectors/phash2.txt (made by scripts/vectors/phash2.exs) gives a term as
//! External Term Format, a range and the BEAM's answer.

use otp_playground::term::{binary_to_term, make_hash2, phash2, Term};

mod support;
use support::{hex, vector_fields};

const VECTORS: &str = include_str!("vectors/phash2.txt");

struct Vector {
    name: String,
    term: Term,
    range: u64,
    expected: u32,
}

fn vectors() -> Vec<Vector> {
    vector_fields(VECTORS)
        .into_iter()
        .map(|f| Vector {
            name: f[0].to_string(),
            term: binary_to_term(&hex(f[1])).unwrap_or_else(|e| panic!("{}: {e}", f[0])),
            range: f[2].parse().expect("range"),
            expected: f[3].parse().expect("expected"),
        })
        .collect()
}

#[test]
fn phash2_matches_erlang_for_every_vector() {
    let vectors = vectors();
    assert!(vectors.len() > 500, "only {} vectors", vectors.len());
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            // Erlang's range 2^32 is our range 0: the full hash.
            let range = if v.range == 1 << 32 { 0 } else { v.range as u32 };
            let got = phash2(&v.term, range);
            (got != v.expected).then(|| format!("{} range {}: got {got}, Erlang {}", v.name, v.range, v.expected))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), vectors.len(), failures.join("\n"));
}

#[test]
fn the_vectors_cover_what_learners_use_as_keys() {
    let names: Vec<String> = vectors().into_iter().map(|v| v.name).collect();
    for needed in ["str_bobs_list", "str_empty", "str_cjk", "int_-1", "int_9223372036854775807", "atom_:ok",
        "tuple_ok_1", "list_charlist", "map_33_keys", "map_1000_int_keys", "float_0.1", "todo_list", "pid_42", "ref_42"]
    {
        assert!(names.iter().any(|n| n == needed), "no vector {needed}");
    }
}

#[test]
fn pool_routing_of_a_list_name_picks_erlangs_worker() {
    // :erlang.phash2("Bob's list", 3), the chapter 7 pool's choice of worker.
    let v = vectors().into_iter().find(|v| v.name == "str_bobs_list" && v.range == 3).expect("vector");
    assert_eq!(phash2(&Term::string("Bob's list"), 3), v.expected);
}

#[test]
fn map_hash_does_not_depend_on_pair_order() {
    let v = vectors().into_iter().find(|v| v.name == "map_100_string_keys").expect("vector");
    let Ok(mut pairs) = v.term.into_map() else { panic!("not a map") };
    let h = make_hash2(&Term::Map(pairs.clone()));
    pairs.reverse();
    assert_eq!(make_hash2(&Term::Map(pairs)), h);
}
