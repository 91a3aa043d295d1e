//! The evaluator against real Elixir: each `tests/lang/eval/NAME.exs` runs through
//! `lang::run_script` and must print what `elixir NAME.exs` printed (stdout byte for byte; of
//! stderr the `** (...)` error banner, without stacktrace lines) and exit with its status.
//! The expected files come from `scripts/gen_lang_eval_expected.sh`.

use std::path::Path;

use otp_playground::lang::run_script;

/// The `** (...)` banner of an error output: from its first line to the first stacktrace
/// line (we print none; Elixir prints several), compiler warnings dropped.
fn banner(stderr: &str) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    for line in stderr.split('\n') {
        if line.starts_with("** (") {
            inside = true;
        }
        if inside {
            out.push(line);
        }
    }
    while out.last() == Some(&"") {
        out.pop();
    }
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang/eval");
    let source = std::fs::read_to_string(dir.join(format!("{name}.exs"))).unwrap();
    let expected_out = std::fs::read_to_string(dir.join(format!("{name}.stdout"))).unwrap();
    let expected_err = std::fs::read_to_string(dir.join(format!("{name}.stderr"))).unwrap();
    let expected_status: i32 = std::fs::read_to_string(dir.join(format!("{name}.status"))).unwrap().trim().parse().unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run_script(&source, &format!("{name}.exs"), &mut out, &mut err);
    let out = String::from_utf8_lossy(&out);
    let err = banner(&String::from_utf8_lossy(&err));
    assert_eq!(out, expected_out, "stdout of {name}.exs");
    assert_eq!(err, expected_err, "error banner of {name}.exs");
    assert_eq!(status, expected_status, "exit status of {name}.exs");
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { check(stringify!($name)); })*
    };
}

cases! {
    match_error,
    function_clause_error,
    case_clause_error,
    cond_clause_error,
    key_error_field_access,
    arithmetic_error,
    argument_error_hd,
    undefined_module_function,
    undefined_function_existing_module,
    bad_map_error,
    bad_function_error,
    runtime_error,
    raise_module_with_message,
    raise_module_with_string,
    defexception_with_message_callback,
    defexception_default_message,
    throw_uncaught,
    exit_uncaught,
    exit_normal_ends_quietly,
    with_clause_error,
    bad_boolean_error,
    rescue_forms,
    pattern_matching_forms,
    tail_and_deep_recursion,
    modules_and_structs,
    comprehensions,
    control_flow,
}

#[test]
fn every_case_file_is_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang/eval");
    let count = std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "exs")).count();
    assert_eq!(count, 27, "add the new .exs file to the cases! list");
}

mod machine {
    use std::rc::Rc;

    use otp_playground::lang::code::Module;
    use otp_playground::lang::compile::compile_script;
    use otp_playground::lang::machine::{Machine, Step};
    use otp_playground::lang::runner::machine_with_prelude;
    use otp_playground::lang::syntax::parse;
    use otp_playground::lang::value::Value;

    fn started(source: &str) -> Machine {
        let (mut machine, mut known) = machine_with_prelude("t.exs").unwrap();
        let code = compile_script(&parse(source).unwrap(), "t.exs", &mut known).unwrap();
        machine.start(code, Rc::new(Module::default()));
        machine
    }

    #[test]
    fn a_receive_inside_enum_map_suspends_the_process_and_resumes_with_the_message() {
        let mut machine = started(
            "Enum.map([1, 2], fn x -> receive do {:reply, ^x, v} -> v end end) |> IO.inspect()",
        );
        assert!(matches!(machine.run(10_000), Step::Wait { timeout: None }));
        machine.deliver(Value::tuple(vec![Value::atom("reply"), Value::Int(2), Value::atom("b")]));
        assert!(matches!(machine.run(10_000), Step::Wait { timeout: None }), "2 is not awaited yet");
        machine.deliver(Value::tuple(vec![Value::atom("reply"), Value::Int(1), Value::atom("a")]));
        assert!(matches!(machine.run(10_000), Step::Done(_)));
        assert_eq!(String::from_utf8_lossy(&machine.stdout), "[:a, :b]\n");
    }

    #[test]
    fn an_infinite_loop_without_receive_keeps_yielding_and_can_be_dropped() {
        let mut machine = started("defmodule L do\n  def loop(), do: loop()\nend\nL.loop()");
        for _ in 0..100 {
            assert!(matches!(machine.run(1_000), Step::Yield));
        }
        drop(machine);
    }

    #[test]
    fn a_receive_with_after_reports_its_timeout_and_takes_the_after_branch_when_told() {
        let mut machine = started("receive do\n  :never -> 1\nafter\n  3000 -> :timed_out\nend");
        assert!(matches!(machine.run(1_000), Step::Wait { timeout: Some(3000) }));
        machine.timeout();
        match machine.run(1_000) {
            Step::Done(v) => assert_eq!(v, Value::atom("timed_out")),
            other => panic!("{other:?}"),
        }
    }
}
