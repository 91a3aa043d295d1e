//! Running a whole script on one machine, the way `elixir file.exs` does: output as it is
//! produced, an uncaught error printed as Elixir prints it (the `** (Module) message` lines;
//! no stacktrace lines below them), exit status 0 or 1.
//!
//! Time is virtual: a `receive ... after ms` with nothing to receive takes its `after` branch at
//! once. A script whose only process waits forever in `receive` would hang `elixir`; here it
//! ends with a message on stderr and status 1.

use std::io::Write;
use std::rc::Rc;

use super::ast::Expr;
use super::atom::Atom;
use super::code::Module;
use super::compile::{compile_script, CompileError, KnownModules};
use super::convert::inspect;
use super::exception::{builtin_message, normalize_error, Kind, Raise};
use super::machine::{Machine, Step};
use super::value::Value;

/// Reductions per slice between two flushes of the output.
const SLICE: u32 = 20_000;

thread_local! {
    /// The prelude, parsed and compiled once per thread.
    static PRELUDE: std::cell::RefCell<Option<(Rc<super::code::Code>, KnownModules)>> = const { std::cell::RefCell::new(None) };
}

fn prelude() -> Result<(Rc<super::code::Code>, KnownModules), String> {
    if let Some(ready) = PRELUDE.with(|p| p.borrow().clone()) {
        return Ok(ready);
    }
    // The machine's own prelude (Kernel, exceptions), then the standard library's modules.
    let mut source = String::from(include_str!("prelude.exs"));
    for (_, text) in super::stdlib::PRELUDE {
        source.push('\n');
        source.push_str(text);
    }
    let tree = super::syntax::parse(&source).map_err(|e| format!("prelude.exs:{e}"))?;
    let mut known = KnownModules::default();
    let code = compile_script(&tree, "prelude.exs", &mut known).map_err(|e| format!("prelude.exs:{}: {}", e.line, e.message))?;
    PRELUDE.with(|p| *p.borrow_mut() = Some((code.clone(), known.clone())));
    Ok((code, known))
}

/// A machine with the prelude's modules defined, and the compile-time knowledge of them.
pub fn machine_with_prelude(file: &str) -> Result<(Machine, KnownModules), String> {
    let mut machine = Machine::new();
    machine.file = file.to_string();
    let (code, known) = prelude()?;
    machine.start(code, Rc::new(Module::default()));
    match machine.run(u32::MAX) {
        Step::Done(_) => {}
        other => return Err(format!("prelude did not load: {other:?}")),
    }
    machine.stderr.clear();
    Ok((machine, known))
}

/// Compiles and runs `tree` on `machine`; returns the exit status.
pub fn run_tree(machine: &mut Machine, known: &mut KnownModules, tree: &Expr, file: &str, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let code = match compile_script(tree, file, known) {
        Ok(code) => code,
        Err(e) => {
            print_compile_error(&e, file, stderr);
            return 1;
        }
    };
    machine.start(code, Rc::new(Module::default()));
    loop {
        let step = machine.run(SLICE);
        flush(machine, stdout, stderr);
        match step {
            Step::Yield => {}
            Step::Done(_) => return 0,
            Step::Wait { timeout: Some(_) } => machine.timeout(),
            Step::Wait { timeout: None } => {
                let _ = writeln!(stderr, "** (RuntimeError) the script waits in receive for a message that no process can send");
                return 1;
            }
            Step::Raise(raise) => {
                // `exit(:normal)` and `exit({:shutdown, _})` end a script quietly, with status 0.
                let shutdown = matches!(raise.value.as_tuple(), Some([tag, _]) if tag.is_atom(Atom::intern("shutdown")));
                if raise.kind == Kind::Exit && (raise.value.is_atom(Atom::NORMAL) || shutdown) {
                    return 0;
                }
                let text = error_banner(machine, &raise);
                flush(machine, stdout, stderr);
                let _ = writeln!(stderr, "{text}");
                return 1;
            }
        }
    }
}

fn flush(machine: &mut Machine, stdout: &mut dyn Write, stderr: &mut dyn Write) {
    if !machine.stderr.is_empty() {
        let _ = stderr.write_all(&machine.stderr);
        machine.stderr.clear();
    }
    if !machine.stdout.is_empty() {
        let _ = stdout.write_all(&machine.stdout);
        machine.stdout.clear();
    }
}

fn print_compile_error(e: &CompileError, file: &str, stderr: &mut dyn Write) {
    let _ = writeln!(stderr, "** (CompileError) {file}:{}: {}", e.line, e.message);
}

/// `** (KeyError) key :a not found in: %{}`, as `elixir` prints an uncaught error.
pub fn error_banner(machine: &mut Machine, raise: &Raise) -> String {
    match raise.kind {
        Kind::Throw => format!("** (throw) {}", inspect(&raise.value)),
        Kind::Exit => format!("** (exit) {}", inspect(&raise.value)),
        Kind::Error => {
            let e = normalize_error(&raise.value);
            let module = e.struct_name().unwrap_or(Atom::NIL);
            let message = exception_message(machine, &e);
            let mut text = format!("** ({}) {message}", module.module_name());
            if module == Atom::module("FunctionClauseError") {
                text.push_str(&function_clause_blame(&e));
            }
            if let Some(blame) = machine.blame.take()
                && module == Atom::module("ArithmeticError") {
                    text.push_str(&format!(": {blame}"));
                }
            text
        }
    }
}

/// The message of an exception: Elixir's own, or the module's `message/1` run on the machine.
pub fn exception_message(machine: &mut Machine, e: &Value) -> String {
    let module = e.struct_name().unwrap_or(Atom::NIL);
    let own = machine.modules.get(module).is_some_and(|m| m.lookup(Atom::MESSAGE, 1).is_some());
    if !own
        && let Some(m) = builtin_message(e) {
            return m;
        }
    if machine.start_call(module, Atom::MESSAGE, vec![e.clone()]).is_ok()
        && let Step::Done(v) = machine.run(1_000_000)
            && let Some(s) = v.as_str() {
                return s.to_string();
            }
    e.as_map()
        .and_then(|m| m.get(&Value::Atom(Atom::MESSAGE)))
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The argument list Elixir 1.14 prints under an uncaught `FunctionClauseError`.
fn function_clause_blame(e: &Value) -> String {
    let Some(m) = e.as_map() else { return String::new() };
    let get = |k: &str| m.get(&Value::atom(k)).cloned().unwrap_or(Value::NIL_ATOM);
    let args = get("args");
    if args.is_atom(Atom::NIL) {
        return String::new();
    }
    let module = get("module").as_atom().unwrap_or(Atom::NIL).module_name();
    let function = get("function").as_atom().map(|a| a.name().to_string()).unwrap_or_default();
    let arity = inspect(&get("arity"));
    let name = if function.starts_with("anonymous fn") { function } else { format!("{module}.{function}/{arity}") };
    let mut out = format!("    \n    \n    The following arguments were given to {name}:\n    \n");
    for (i, a) in args.list_iter().enumerate() {
        out.push_str(&format!("        # {}\n        {}\n    \n", i + 1, inspect(a)));
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

#[allow(dead_code)]
fn unused(_: Raise) {}
