//! UI logic in the browser (wasm only): the timeline and Mermaid export fed from a real
//! scenario's trace. (The term literal parser the forms use is tested natively:
//! tests/term_parse.rs.)
#![cfg(target_arch = "wasm32")]

use otp_playground::runtime::Runtime;
use otp_playground::scenario;
use otp_playground::term::Term;
use otp_playground::ui::export::mermaid;
use otp_playground::ui::timeline::{RowKind, Timeline};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
