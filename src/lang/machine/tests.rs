//! Machine behaviour on trees built by hand (independent of the parser).

use std::rc::Rc;

use super::{Machine, Step};
use crate::lang::ast::{Expr, Head, Meta, Node};
use crate::lang::atom::Atom;
use crate::lang::code::Module;
use crate::lang::compile::{compile_script, KnownModules};
use crate::lang::value::Value;

fn m() -> Meta {
    Meta { line: 1, column: 1, no_parens: false }
}
fn var(n: &str) -> Expr {
    Expr::var(n, m())
}
fn call(n: &str, args: Vec<Expr>) -> Expr {
    Expr::call(n, m(), args)
}
fn alias(n: &str) -> Expr {
    call("__aliases__", vec![Expr::Atom(n.into())])
}
fn remote(module: Expr, f: &str, args: Vec<Expr>) -> Expr {
    let dot = call(".", vec![module, Expr::Atom(f.into())]);
    Expr::Node(Box::new(Node { head: Head::Expr(dot), meta: m(), args: Some(args) }))
}
fn kw(k: &str, v: Expr) -> Expr {
    Expr::Pair(Box::new((Expr::Atom(k.into()), v)))
}
fn def(name: &str, params: Vec<Expr>, body: Expr) -> Expr {
    call("def", vec![call(name, params), Expr::List(vec![kw("do", body)])])
}
fn module(name: &str, defs: Vec<Expr>) -> Expr {
    call("defmodule", vec![alias(name), Expr::List(vec![kw("do", call("__block__", defs))])])
}
fn script(items: Vec<Expr>) -> Machine {
    let mut known = KnownModules::default();
    let code = compile_script(&call("__block__", items), "t.exs", &mut known).expect("compiles");
    let mut machine = Machine::new();
    machine.start(code, Rc::new(Module::default()));
    machine
}
fn run_to_end(machine: &mut Machine) -> Step {
    loop {
        match machine.run(100_000) {
            Step::Yield => continue,
            other => return other,
        }
    }
}

/// `def loop(n), do: loop(n + 1)` and `def down(0)`/`down(n)` with `1 + down(n - 1)`.
fn counting_module() -> Expr {
    module(
        "L",
        vec![
            def("loop", vec![var("n")], call("loop", vec![call("+", vec![var("n"), Expr::Int(1)])])),
            def("down", vec![Expr::Int(0)], Expr::Int(0)),
            def("down", vec![var("n")], call("+", vec![Expr::Int(1), call("down", vec![call("-", vec![var("n"), Expr::Int(1)])])])),
            def(
                "fib",
                vec![var("n")],
                call(
                    "if",
                    vec![
                        call("<", vec![var("n"), Expr::Int(2)]),
                        Expr::List(vec![
                            kw("do", var("n")),
                            kw(
                                "else",
                                call(
                                    "+",
                                    vec![
                                        call("fib", vec![call("-", vec![var("n"), Expr::Int(1)])]),
                                        call("fib", vec![call("-", vec![var("n"), Expr::Int(2)])]),
                                    ],
                                ),
                            ),
                        ]),
                    ],
                ),
            ),
        ],
    )
}

#[test]
fn an_infinite_tail_loop_yields_every_slice_in_constant_stack_and_can_be_dropped() {
    let mut machine = script(vec![counting_module(), remote(alias("L"), "loop", vec![Expr::Int(0)])]);
    for _ in 0..200 {
        assert!(matches!(machine.run(1_000), Step::Yield));
        assert!(machine.frames.len() <= 2, "tail calls must not grow the stack");
        assert!(machine.stack.len() < 16);
    }
    drop(machine);
}

#[test]
fn deep_non_tail_recursion_works_up_to_the_limit_then_raises_a_system_limit_error() {
    let mut machine = script(vec![counting_module(), remote(alias("L"), "down", vec![Expr::Int(100_000)])]);
    match run_to_end(&mut machine) {
        Step::Done(v) => assert_eq!(v, Value::Int(100_000)),
        other => panic!("{other:?}"),
    }
    let mut machine = script(vec![counting_module(), remote(alias("L"), "down", vec![Expr::Int(10_000_000)])]);
    match run_to_end(&mut machine) {
        Step::Raise(r) => assert_eq!(r.value.struct_name(), Some(Atom::module("SystemLimitError"))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn naive_fib_computes_through_local_calls() {
    let mut machine = script(vec![counting_module(), remote(alias("L"), "fib", vec![Expr::Int(20)])]);
    match run_to_end(&mut machine) {
        Step::Done(v) => assert_eq!(v, Value::Int(6765)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn receive_waits_without_a_message_and_resumes_when_one_is_delivered() {
    // receive do {:ping, x} -> x end
    let clause = call("->", vec![Expr::List(vec![Expr::Pair(Box::new((Expr::Atom("ping".into()), var("x"))))]), var("x")]);
    let recv = call("receive", vec![Expr::List(vec![kw("do", Expr::List(vec![clause]))])]);
    let mut machine = script(vec![recv]);
    assert!(matches!(machine.run(1000), Step::Wait { timeout: None }));
    machine.deliver(Value::atom("other"));
    assert!(matches!(machine.run(1000), Step::Wait { timeout: None }));
    machine.deliver(Value::pair(Value::atom("ping"), Value::Int(7)));
    match machine.run(1000) {
        Step::Done(v) => assert_eq!(v, Value::Int(7)),
        other => panic!("{other:?}"),
    }
    assert_eq!(machine.mailbox.len(), 1, "the non-matching message stays in the mailbox");
}
