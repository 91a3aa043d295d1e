//! Elixir, in Rust: the language learners write in the playground.
//!
//! A script goes through three stages, each its own module:
//! source text → [`syntax`] (tokens, then Elixir's quoted form, [`ast::Expr`]) → the compiler
//! (quoted form → code the machine runs) → the machine (a process's frames on an explicit stack,
//! so that a process can stop in the middle of a function at a `receive` or a call and go on
//! later, and counts its reductions so that it yields to the scheduler).
//!
//! This layer depends on [`crate::term`] and [`crate::runtime`], never on the browser.
//!
//! # Layout
//! - `ast.rs`: [`ast::Expr`], Elixir's quoted form.
//! - `syntax/`: the lexer and the parser (error-tolerant, depth-bounded), and the printer
//!   that turns a tree back into source.
//! - `value.rs`, `atom.rs`: the runtime value (16 bytes) and interned atoms.
//! - `code.rs`: the instruction set; `compile/`: quoted form → code; `machine/`: runs code.
//! - `native.rs`: functions written in Rust and their registry (how to add one: its docs);
//!   `kernel/`: Kernel's natives; `stdlib/`: the standard library's.
//! - `exception.rs`: raising Elixir exceptions and their messages; `convert.rs`: values ↔ terms.

//!
//! # Design decisions
//! - **Compile, don't walk.** A script (and each module in it) is compiled once to a flat
//!   vector of stack-machine instructions per function (`code.rs`); variables are frame slots,
//!   local calls are function indices, Kernel calls are native function pointers, patterns are
//!   test-and-jump instructions. Remote calls stay by name so a redefined module takes effect.
//! - **Suspendable.** Frames live on a heap vector, never on the Rust stack, so
//!   [`machine::Machine::run`] can stop anywhere and resume: it returns `Yield` (budget
//!   spent), `Wait` (a `receive` found no match; the process continues after `deliver` or
//!   `timeout`), `Done` or `Raise`. Higher-order library functions (`Enum.map`, `reduce`, ...)
//!   are written in Elixir in `prelude.exs` and compiled by our compiler, so a `receive` inside
//!   the function they call suspends like any other (`Enum.map(tasks, &Task.await/1)`). Natives
//!   never call back into Elixir; they do first-order work only.
//! - **Reductions.** Every call and loop step costs one; the budget is checked there. Tail calls
//!   reuse the frame; non-tail recursion deeper than `machine::MAX_FRAMES` raises
//!   `SystemLimitError`.
//! - **Values** (`value.rs`): 16 bytes; small ints, floats, atoms, pids unboxed; persistent cons
//!   cells; maps as `Rc<BTreeMap>` updated in place when unshared; binaries with sub-binary
//!   windows; big integers (num-bigint) on overflow; iterative drop.
//! - **Errors** print as `elixir` prints them (`runner.rs`): the `** (Module) message` lines,
//!   with the FunctionClauseError argument list and the ArithmeticError blame; no stacktrace.

pub mod ast;
pub mod atom;
pub mod code;
pub mod compile;
pub mod convert;
pub mod exception;
pub mod kernel;
pub mod machine;
pub mod native;
pub mod runner;
pub mod stdlib;
pub mod syntax;
pub mod value;

use std::io::Write;

/// Runs `source` the way `elixir file.exs` does: what the script prints goes to `stdout`, an
/// uncaught error is printed to `stderr` as `elixir` prints it, and the exit status is returned
/// (0, or 1 after an uncaught error). `file_name` is the name errors mention (`nofile` if empty).
///
/// Processes run on the deterministic scheduler under virtual time: `Process.sleep(3000)` returns
/// at once, in order.
pub fn run_script(source: &str, file_name: &str, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let file = if file_name.is_empty() { "nofile" } else { file_name };
    let tree = match syntax::parse(source) {
        Ok(tree) => tree,
        Err(e) => {
            let _ = writeln!(stderr, "** ({}) {file}:{e}", e.exception_name());
            return 1;
        }
    };
    let (mut machine, mut known) = match runner::machine_with_prelude(file) {
        Ok(ready) => ready,
        Err(e) => {
            let _ = writeln!(stderr, "** (RuntimeError) {e}");
            return 1;
        }
    };
    runner::run_tree(&mut machine, &mut known, &tree, file, stdout, stderr)
}
