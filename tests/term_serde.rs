//! `to_term` / `from_term` on the kind of messages and states the playground defines:
//! the Elixir shape of each, and a property test that any such value round-trips.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use otp_playground::runtime::Pid;
use otp_playground::term::{binary_to_term, from_term, term_to_binary, to_term, Atom, Date, Term};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// A pid as integration tests can make one: through the External Term Format.
fn pid(n: u32) -> Pid {
    let mut pid_bytes = vec![131, 88, 100, 0, 13];
    pid_bytes.extend_from_slice(b"nonode@nohost");
    pid_bytes.extend_from_slice(&n.to_be_bytes());
    pid_bytes.extend_from_slice(&[0; 8]);
    match binary_to_term(&pid_bytes) {
        Ok(Term::Pid(p)) => p,
        other => panic!("{other:?}"),
    }
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
enum TodoMsg {
    Pop,
    Push(i64),
    Put(String, f64),
    AddEntry { date: Date, title: String },
    Rename { from: String, to: Option<String> },
    Tag(Atom),
    Reply(Result<u32, String>),
    Done(Result<(), Atom>),
    Watch(Pid, BTreeMap<String, i32>),
    Flags(Vec<(u8, bool)>),
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct TodoList {
    auto_id: u32,
    entries: BTreeMap<u32, Entry>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Entry {
    id: u32,
    date: Date,
    title: String,
}

#[test]
fn todo_messages_look_like_elixir_messages() {
    let show = |m: TodoMsg| to_term(&m).to_string();
    assert_eq!(show(TodoMsg::Pop), ":pop");
    assert_eq!(show(TodoMsg::Push(1)), "{:push, 1}");
    assert_eq!(show(TodoMsg::Put("k".into(), 1.0)), "{:put, \"k\", 1.0}");
    assert_eq!(
        show(TodoMsg::AddEntry { date: Date::new(2024, 1, 22), title: "Buy milk".into() }),
        "{:add_entry, %{date: ~D[2024-01-22], title: \"Buy milk\"}}"
    );
    assert_eq!(show(TodoMsg::Rename { from: "a".into(), to: None }), "{:rename, %{from: \"a\", to: nil}}");
    assert_eq!(show(TodoMsg::Tag(Atom::new("urgent"))), "{:tag, :urgent}");
    assert_eq!(show(TodoMsg::Reply(Ok(3))), "{:reply, {:ok, 3}}");
    assert_eq!(show(TodoMsg::Done(Ok(()))), "{:done, :ok}");
    assert_eq!(show(TodoMsg::Done(Err(Atom::new("enoent")))), "{:done, {:error, :enoent}}");
    assert_eq!(show(TodoMsg::Watch(pid(42), BTreeMap::new())), "{:watch, #PID<0.42.0>, %{}}");
    assert_eq!(show(TodoMsg::Flags(vec![(1, true)])), "{:flags, [{1, true}]}");
}

#[test]
fn a_todo_list_state_is_the_map_elixir_in_action_builds() {
    let list = TodoList {
        auto_id: 3,
        entries: [(1, Entry { id: 1, date: Date::new(2024, 1, 22), title: "Buy milk".into() })].into(),
    };
    let term = to_term(&list);
    assert_eq!(
        term.to_string(),
        "%{auto_id: 3, entries: %{1 => %{date: ~D[2024-01-22], id: 1, title: \"Buy milk\"}}}"
    );
    // Byte-identical to :erlang.term_to_binary of the same Elixir map (see tests/vectors/etf.txt,
    // "todo_entries" holds two entries; here one, checked by decoding our bytes back).
    assert_eq!(binary_to_term(&term_to_binary(&term)), Ok(term.clone()));
    assert_eq!(from_term::<TodoList>(&term), Ok(list));
}

fn arb_date() -> impl Strategy<Value = Date> {
    (-9999i32..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| Date::new(y, m, d))
}

fn arb_float() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("the BEAM has no NaN or infinity", |x| x.is_finite())
}

fn arb_msg() -> impl Strategy<Value = TodoMsg> {
    prop_oneof![
        Just(TodoMsg::Pop),
        any::<i64>().prop_map(TodoMsg::Push),
        (any::<String>(), arb_float()).prop_map(|(k, v)| TodoMsg::Put(k, v)),
        (arb_date(), any::<String>()).prop_map(|(date, title)| TodoMsg::AddEntry { date, title }),
        (any::<String>(), any::<Option<String>>()).prop_map(|(from, to)| TodoMsg::Rename { from, to }),
        "[a-z_][a-zA-Z0-9_]{0,20}".prop_map(|a| TodoMsg::Tag(Atom(a))),
        any::<Result<u32, String>>().prop_map(TodoMsg::Reply),
        prop_oneof![Just(Ok(())), "[a-z]{1,8}".prop_map(|a| Err(Atom(a)))].prop_map(TodoMsg::Done),
        (any::<u32>(), proptest::collection::btree_map(any::<String>(), any::<i32>(), 0..5))
            .prop_map(|(n, m)| TodoMsg::Watch(pid(n), m)),
        proptest::collection::vec(any::<(u8, bool)>(), 0..8).prop_map(TodoMsg::Flags),
    ]
}

proptest! {
    #[test]
    fn any_message_round_trips_through_a_term(msg in arb_msg()) {
        let term = to_term(&msg);
        prop_assert_eq!(from_term::<TodoMsg>(&term), Ok(msg));
    }

    #[test]
    fn any_message_round_trips_through_etf(msg in arb_msg()) {
        let term = to_term(&msg);
        let back = binary_to_term(&term_to_binary(&term)).expect("decode");
        prop_assert_eq!(&back, &term);
        prop_assert_eq!(from_term::<TodoMsg>(&back), Ok(msg));
    }

    #[test]
    fn a_batch_of_messages_round_trips(msgs in proptest::collection::vec(arb_msg(), 0..6)) {
        let term = to_term(&msgs);
        prop_assert_eq!(from_term::<Vec<TodoMsg>>(&term), Ok(msgs));
    }
}

#[test]
fn integers_beyond_i64_travel_as_bignums() {
    assert_eq!(to_term(&u64::MAX).to_string(), "18446744073709551615");
    assert_eq!(from_term::<u64>(&to_term(&u64::MAX)), Ok(u64::MAX));
    assert_eq!(from_term::<i128>(&to_term(&i128::MIN)), Ok(i128::MIN));
    assert!(from_term::<i64>(&to_term(&u64::MAX)).is_err());
}

#[test]
fn ready_made_bignums_and_improper_lists_survive_to_term() {
    let big = Term::integer(num_bigint::BigInt::from(3u8).pow(100));
    let improper = Term::improper_list(vec![Term::Int(1), big.clone()], Term::atom("tail"));
    assert_eq!(to_term(&(improper.clone(), 5)), Term::tuple([improper, Term::Int(5)]));
    assert_eq!(to_term(&big), big);
}
