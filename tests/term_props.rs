//! Properties of arbitrary terms: decoding never panics, encoding round-trips, rendering
//! stays within its limits, order and hashing behave as on the BEAM.
#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Ordering;

use otp_playground::term::{
    binary_to_term, compare, compare_exact, inspect, make_hash2, term_to_binary, Charlists, InspectOpts, Term,
};
use proptest::prelude::*;

fn arb_leaf() -> impl Strategy<Value = Term> {
    prop_oneof![
        "[a-z_]{0,12}".prop_map(Term::Atom),
        any::<String>().prop_map(Term::Atom),
        any::<i64>().prop_map(Term::Int),
        any::<i128>().prop_map(Term::integer),
        (any::<bool>(), proptest::collection::vec(any::<u32>(), 0..12)).prop_map(|(negative, digits)| {
            let n = num_bigint::BigInt::from_slice(if negative { num_bigint::Sign::Minus } else { num_bigint::Sign::Plus }, &digits);
            Term::integer(n)
        }),
        (-300i64..300).prop_map(Term::Int),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Term::Float),
        any::<String>().prop_map(|s| Term::string(&s)),
        proptest::collection::vec(any::<u8>(), 0..20).prop_map(Term::Binary),
        any::<u64>().prop_map(Term::Ref),
        "[a-z0-9./ ]{0,30}".prop_map(Term::Fun),
    ]
}

fn arb_term() -> impl Strategy<Value = Term> {
    arb_leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Term::Tuple),
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Term::List),
            (proptest::collection::vec(inner.clone(), 0..4), inner.clone())
                .prop_map(|(items, tail)| Term::improper_list(items, tail)),
            proptest::collection::vec((inner.clone(), inner), 0..6).prop_map(|pairs| {
                // A map has distinct keys.
                let mut unique: Vec<(Term, Term)> = Vec::new();
                for (k, v) in pairs {
                    if !unique.iter().any(|(u, _)| *u == k) {
                        unique.push((k, v));
                    }
                }
                Term::Map(unique)
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_the_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = binary_to_term(&bytes);
        let mut versioned = vec![131];
        versioned.extend_from_slice(&bytes);
        let _ = binary_to_term(&versioned);
    }

    #[test]
    fn corrupted_encodings_never_panic_the_decoder(t in arb_term(), at in any::<usize>(), byte in any::<u8>(), cut in any::<usize>()) {
        let mut bytes = term_to_binary(&t);
        let i = at % bytes.len();
        bytes[i] = byte;
        let _ = binary_to_term(&bytes);
        let _ = binary_to_term(&bytes[..cut % (bytes.len() + 1)]);
    }

    #[test]
    fn encoding_then_decoding_gives_the_term_back(t in arb_term()) {
        prop_assert_eq!(binary_to_term(&term_to_binary(&t)), Ok(t));
    }

    #[test]
    fn truncated_rendering_fits_and_is_a_prefix(t in arb_term(), max in 0usize..80) {
        let full = t.to_string();
        let cut = t.render_truncated(max);
        prop_assert!(cut.chars().count() <= max);
        if full.chars().count() <= max {
            prop_assert_eq!(cut, full);
        } else if max > 0 {
            let kept: String = cut.chars().take(max - 1).collect();
            prop_assert!(full.starts_with(&kept));
            prop_assert!(cut.ends_with('…'));
        }
    }

    #[test]
    fn pretty_rendering_has_the_same_tokens_as_flat(t in arb_term(), width in 10usize..100) {
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        prop_assert_eq!(squash(&t.render_pretty(width)), squash(&t.to_string()));
    }

    #[test]
    fn inspect_never_panics_and_flat_is_pretty_without_breaks(
        t in arb_term(),
        width in 0usize..100,
        limit in proptest::option::of(0usize..8),
        printable_limit in proptest::option::of(0usize..20),
        infer in any::<bool>(),
    ) {
        let charlists = if infer { Charlists::Infer } else { Charlists::AsLists };
        let flat = InspectOpts { width, pretty: false, limit, printable_limit, charlists };
        let pretty = InspectOpts { pretty: true, ..flat.clone() };
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        prop_assert_eq!(squash(&inspect(&t, &pretty)), squash(&inspect(&t, &flat)));
        let wide = InspectOpts { width: usize::MAX / 2, ..pretty };
        prop_assert_eq!(inspect(&t, &wide), inspect(&t, &flat));
    }

    #[test]
    fn term_order_is_antisymmetric_and_exact_order_refines_it(a in arb_term(), b in arb_term()) {
        prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
        prop_assert_eq!(compare_exact(&a, &b), compare_exact(&b, &a).reverse());
        if compare(&a, &b) != Ordering::Equal {
            // Exact order only splits ties between integers and floats of equal value ...
            // ... which may reorder maps whose keys differ that way, so check only non-maps.
            if !matches!(a, Term::Map(_)) && !matches!(b, Term::Map(_)) {
                prop_assert_ne!(compare_exact(&a, &b), Ordering::Equal);
            }
        }
        prop_assert_eq!(compare(&a, &a), Ordering::Equal);
    }

    #[test]
    fn map_hash_and_equality_ignore_pair_order(pairs in proptest::collection::vec((arb_leaf(), arb_term()), 0..8)) {
        let mut unique: Vec<(Term, Term)> = Vec::new();
        for (k, v) in pairs {
            if !unique.iter().any(|(u, _)| *u == k) {
                unique.push((k, v));
            }
        }
        let forward = Term::Map(unique.clone());
        unique.reverse();
        let backward = Term::Map(unique);
        prop_assert_eq!(make_hash2(&forward), make_hash2(&backward));
        prop_assert_eq!(&forward, &backward);
        prop_assert_eq!(term_to_binary(&forward), term_to_binary(&backward));
    }
}

// Big terms: few cases, each one large.
proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn deep_random_nesting_is_handled_everywhere(depth in 1usize..20_000, kinds in proptest::collection::vec(0u8..4, 1..8)) {
        let mut t = Term::Int(7);
        for level in 0..depth {
            t = match kinds[level % kinds.len()] {
                0 => Term::list([t]),
                1 => Term::tuple([Term::atom("k"), t]),
                2 => Term::map([(Term::Int(level as i64), t)]),
                _ => Term::improper_list(vec![Term::Int(1)], Term::tuple([t])),
            };
        }
        let copy = t.clone();
        prop_assert_eq!(compare(&t, &copy), Ordering::Equal);
        prop_assert_eq!(make_hash2(&t), make_hash2(&copy));
        let bytes = term_to_binary(&t);
        match binary_to_term(&bytes) {
            Ok(back) => prop_assert_eq!(back, copy),
            Err(e) => prop_assert!(e.to_string().contains("nested deeper than")),
        }
        prop_assert!(t.render_truncated(40).chars().count() <= 40);
        prop_assert!(inspect(&t, &InspectOpts::io_inspect()).len() < 100_000);
    }

    #[test]
    fn wide_terms_render_truncated_cheaply_and_round_trip(n in 0usize..5_000) {
        let t = Term::tuple([Term::list((0..n as i64).map(Term::Int)), Term::map((0..n as i64).map(|i| (Term::Int(i), Term::nil())))]);
        prop_assert!(t.render_truncated(80).chars().count() <= 80);
        prop_assert_eq!(binary_to_term(&term_to_binary(&t)), Ok(t.clone()));
        let shown = inspect(&t, &InspectOpts::default());
        prop_assert!(n <= 49 || shown.contains(", ...]"));
    }
}
