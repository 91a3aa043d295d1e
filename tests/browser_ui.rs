//! UI logic in the browser (wasm only): the term literal parser the forms use, and the
//! timeline and Mermaid export fed from a real scenario's trace.
#![cfg(target_arch = "wasm32")]

use otp_playground::runtime::Runtime;
use otp_playground::scenario;
use otp_playground::term::{Date, Term};
use otp_playground::ui::export::mermaid;
use otp_playground::ui::term_parse::{parse_date, parse_term};
use otp_playground::ui::timeline::{RowKind, Timeline};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(text: &str) -> Result<Term, String> {
    parse_term(text, &|_| None)
}

#[wasm_bindgen_test]
fn term_literals_parse_into_the_terms_elixir_would_build() {
    assert_eq!(parse(":ok").unwrap(), Term::atom("ok"));
    assert_eq!(parse("-42").unwrap(), Term::Int(-42));
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
    // Round trip through the Elixir rendering.
    let text = "{:add_entry, %{date: ~D[2024-01-22], title: \"Buy milk\"}}";
    assert_eq!(parse(text).unwrap().to_string(), text);
}

#[wasm_bindgen_test]
fn bad_term_literals_say_what_is_wrong() {
    assert!(parse("").unwrap_err().contains("empty"));
    assert!(parse("{:a, 1").unwrap_err().contains("expected"));
    assert!(parse("hello").unwrap_err().contains(":hello"));
    assert!(parse("#PID<0.5.0>").unwrap_err().contains("no live process"));
}

#[wasm_bindgen_test]
fn dates_are_checked_against_the_calendar() {
    assert_eq!(parse_date("2024-02-29").unwrap(), Date::new(2024, 2, 29));
    assert!(parse_date("2023-02-29").unwrap_err().contains("no day 29"));
    assert!(parse_date("2024-13-01").unwrap_err().contains("no month 13"));
    assert!(parse_date("22/01/2024").unwrap_err().contains("malformed date"));
}

#[wasm_bindgen_test]
fn the_todo_scenario_fills_the_timeline_and_exports_as_mermaid() {
    let rt = Runtime::new();
    let s = scenario::all().into_iter().find(|s| s.id == "ch7.todo_cache").unwrap();
    s.run_to_end(&rt).unwrap();
    let mut tl = Timeline::default();
    tl.ingest(&rt.trace_since(0, usize::MAX));
    assert!(tl.lanes.iter().any(|l| l.name.as_deref() == Some("Todo.Cache")));
    let kinds: Vec<RowKind> = tl.rows.iter().map(|r| r.kind).collect();
    assert!(kinds.iter().any(|k| k.class() == "call"));
    assert!(kinds.iter().any(|k| k.class() == "reply"));
    assert!(kinds.iter().any(|k| k.class() == "spawn"));
    let text = mermaid(&tl, 10_000);
    assert!(text.starts_with("sequenceDiagram\n"));
    assert!(text.contains(" as Todo.Cache #35;PID#lt;0."), "{text}");
    assert!(text.contains("->>"), "{text}");
    assert!(text.contains("-->>"), "{text}");
}

#[wasm_bindgen_test]
fn mermaid_names_the_forms_lane_as_the_page_does() {
    let rt = Runtime::new();
    let s = scenario::all().into_iter().find(|s| s.id == "ch7.todo_cache").unwrap();
    s.run_to_end(&rt).unwrap();
    let cache = rt.whereis("Todo.Cache").expect("the scenario leaves Todo.Cache running");
    rt.send_term(cache, Term::atom("hello")).unwrap();
    rt.run_until_idle();
    let mut tl = Timeline::default();
    tl.ingest(&rt.trace_since(0, usize::MAX));
    let text = mermaid(&tl, 10_000);
    assert!(text.contains(" as you (UI)\n"), "{text}");
    assert!(!text.contains("self()"), "{text}");
}
