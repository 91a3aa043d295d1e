//! Share links and journals as the page reads them from an address: every request, part
//! and escape is checked, sizes are bounded, and any text at all (deep, huge, random) gives
//! a link or a sentence, never a panic, a hang or something silently dropped.
#![cfg(not(target_arch = "wasm32"))]

use otp_playground::link::{MAX_ACTIONS_CHARS, MAX_FIELD_CHARS, Request, SharedRun, decode_actions, encode_actions};
use otp_playground::replay::{Journal, replay};
use otp_playground::runtime::Runtime;
use otp_playground::scenario;
use otp_playground::term::{Date, Term};
use proptest::prelude::*;

fn request(fields: &[&str]) -> Result<Request, String> {
    let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    Request::from_fields(&fields, &|_| None)
}

fn nested(n: usize) -> String {
    format!("{}{}", "[".repeat(n), "]".repeat(n))
}

#[test]
fn requests_come_back_from_their_link_text() {
    let requests = vec![
        Request::TodoAdd { list: "Bob's ~list!".into(), date: Date::new(2024, 1, 22), title: "Buy milk & eggs 😀".into() },
        Request::TodoRead { list: "Alice".into(), date: None },
        Request::SessionCreate { id: "user-1".into(), ttl: 3600 },
        Request::KvPut { key: Term::atom("color"), value: Term::tuple([Term::string("a\u{0}b"), Term::Int(-1)]) },
        Request::Send { target: "#PID<0.12.0>".into(), message: Term::list([Term::atom("a")]) },
    ];
    let (text, kept) = encode_actions(&requests);
    assert_eq!(kept, requests.len());
    let link = SharedRun::parse(&format!("#scenario=kv.basics&actions={text}")).unwrap();
    assert_eq!(link.scenario.as_deref(), Some("kv.basics"));
    let back: Vec<Request> = link.actions.iter().map(|f| Request::from_fields(f, &|_| None).unwrap()).collect();
    assert_eq!(back, requests);
}

#[test]
fn a_malformed_escape_in_a_link_is_a_sentence_not_rust_debug() {
    assert_eq!(
        decode_actions("kg~%3Aa!kp~%ZZ~1").unwrap_err(),
        "its request 2: \"%ZZ\" is not an escape (a % is followed by two hexadecimal digits, as in %7B)"
    );
    assert_eq!(decode_actions("kg~%FF").unwrap_err(), "its request 1: its escapes do not spell UTF-8 text");
    assert_eq!(
        request(&["%ZZ"]).unwrap_err(),
        "unknown request \"%ZZ\" (requests are ta, tr, tx, sc, sp, sg, ss, kp, kg, k and s)"
    );
    assert_eq!(request(&["kp", ":a"]).unwrap_err(), "the value is missing");
    assert_eq!(request(&["kg", ":a", ":b"]).unwrap_err(), "3 fields where kg takes 2");
}

#[test]
fn an_unknown_scenario_or_part_in_a_link_is_refused_with_its_name() {
    assert_eq!(
        SharedRun::parse("#scenario=nope").unwrap_err(),
        "unknown scenario \"nope\" in the link: it names none of this page's scenarios"
    );
    assert_eq!(SharedRun::parse("#scenario=kv.basics&colour=red").unwrap_err(), "unknown part \"colour\" in the link");
    assert_eq!(SharedRun::parse("#at=soon").unwrap_err(), "at=soon is not an event number");
    assert_eq!(SharedRun::parse("#at=1&at=2").unwrap_err(), "\"at\" appears twice in the link");
    assert_eq!(SharedRun::parse("").unwrap(), SharedRun::default());
}

#[test]
fn a_link_whose_request_holds_deeply_nested_brackets_says_so_when_it_runs() {
    let link = SharedRun::parse(&format!("#actions=kp~%3Ak~{}", nested(10_000))).unwrap();
    let error = Request::from_fields(&link.actions[0], &|_| None).unwrap_err();
    assert_eq!(error, "value: nested too deeply: more than 100 levels (the list at column 101)");
    assert!(request(&["kp", ":k", &nested(100_000)]).unwrap_err().starts_with("value: nested too deeply"));
}

#[test]
fn a_huge_name_is_bounded_in_the_address_and_refused_from_a_link() {
    let huge = "a".repeat(100_000);
    let requests = vec![
        Request::TodoRead { list: "Alice".into(), date: None },
        Request::TodoAdd { list: huge.clone(), date: Date::new(2024, 1, 22), title: "t".into() },
    ];
    let (text, kept) = encode_actions(&requests);
    assert_eq!((text.as_str(), kept), ("tr~Alice~", 1), "the request that does not fit is left out");
    let many = vec![Request::TodoRead { list: "x".repeat(MAX_FIELD_CHARS), date: None }; 100];
    let (text, kept) = encode_actions(&many);
    assert!(text.len() <= MAX_ACTIONS_CHARS && kept < 100, "{} characters, {kept} kept", text.len());
    assert_eq!(request(&["tr", &huge, ""]).unwrap_err(), "the list name is too long: 100000 characters, at most 2000");
    assert!(SharedRun::parse(&format!("#actions={}", "kg~1!".repeat(20_000))).unwrap_err().contains("at most 60000"));
}

#[test]
fn a_hand_made_journal_with_huge_counts_replays_only_as_far_as_the_run_goes() {
    let journal = Journal::decode("zzzzzzzzzzzz~t0-zzzzzzzzzzzz.e1-zzzzzzzzzzzz.tzzzzzzzzzzzz-zzzzzzzzzzzz").unwrap();
    let rt = Runtime::new();
    scenario::all().into_iter().find(|s| s.id == "kv.ttl").unwrap().spawn(&rt);
    replay(&rt, &journal, journal.end_event(), |_, _| {});
    assert!(rt.trace_cursor() > 0);
    assert!(rt.now() <= otp_playground::runtime::MAX_TIME);
}

#[test]
fn a_malformed_journal_says_what_is_wrong() {
    assert_eq!(Journal::decode("1~x0-1").unwrap_err(), "its input 1 is of an unknown kind \"x\" (t, e or r)");
    assert_eq!(
        Journal::decode("1~t0-zzzzzzzzzzzzzzzzzzzz").unwrap_err(),
        "its input 1: \"zzzzzzzzzzzzzzzzzzzz\" is too large: at most 3w5e11264sgsf (2^64 − 1)"
    );
    assert_eq!(Journal::decode("1~t%-1").unwrap_err(), "its input 1: \"%\" is not a base-36 number");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_address_gives_a_link_or_a_sentence(hash in any::<String>()) {
        if let Ok(link) = SharedRun::parse(&hash) {
            for fields in &link.actions {
                let _ = Request::from_fields(fields, &|_| None);
            }
            if let Some(run) = &link.run {
                let _ = Journal::decode(run);
            }
        }
    }

    #[test]
    fn any_actions_text_gives_requests_or_a_sentence(text in "[a-z~!%0-9A-F:\\[\\]{}\"\\\\]{0,300}") {
        if let Ok(actions) = decode_actions(&text) {
            for fields in &actions {
                if let Err(why) = Request::from_fields(fields, &|_| None) {
                    prop_assert!(!why.is_empty());
                }
            }
        }
    }

    #[test]
    fn any_random_fields_give_a_request_or_a_sentence(fields in prop::collection::vec(any::<String>(), 0..6), tag in prop::sample::select(vec!["ta", "tr", "tx", "sc", "sp", "sg", "ss", "kp", "kg", "k", "s", "?"])) {
        let mut all = vec![tag.to_string()];
        all.extend(fields);
        if let Err(why) = Request::from_fields(&all, &|_| None) {
            prop_assert!(!why.is_empty());
        }
    }

    #[test]
    fn any_journal_text_decodes_or_says_why(text in "[0-9a-z~.\\-]{0,200}") {
        if let Ok(journal) = Journal::decode(&text) {
            prop_assert_eq!(Journal::decode(&journal.encode()), Ok(journal));
        }
    }

    #[test]
    fn names_of_any_text_survive_the_link(list in any::<String>(), title in ".{0,50}") {
        let request = Request::TodoAdd { list: list.clone(), date: Date::new(2024, 1, 22), title };
        let (text, kept) = encode_actions(std::slice::from_ref(&request));
        if list.chars().count() <= MAX_FIELD_CHARS {
            prop_assert_eq!(kept, 1);
            let fields = decode_actions(&text).unwrap();
            prop_assert_eq!(Request::from_fields(&fields[0], &|_| None), Ok(request));
        }
    }
}
