//! Functions written in Rust ("natives"), and the registry that finds them by
//! module/name/arity.
//!
//! # Adding a native
//! A native is a plain `fn(&mut Ctx, &[Value]) -> Result<Value, Raise>`:
//!
//! ```ignore
//! fn string_upcase(_: &mut Ctx, args: &[Value]) -> Result<Value, Raise> {
//!     let s = args[0].as_str().ok_or_else(|| Raise::exception("FunctionClauseError", &[]))?;
//!     Ok(Value::string(&s.to_uppercase()))
//! }
//! // in the module's `register(reg: &mut Registry)`:
//! reg.add("String", "upcase", 1, string_upcase);
//! ```
//!
//! A stdlib module lives in `src/lang/stdlib/<module>.rs` with a `register` function that
//! `stdlib::register_all` calls; nothing in the machine changes. Module names are written as
//! in Elixir: `"String"`, `"Map"`, or `":erlang"`, `":math"` for Erlang modules.
//!
//! # Raising
//! Return `Err(Raise::...)`: [`Raise::argument_error`], [`Raise::bad_argument`] (the BIF form
//! `hd([])` prints), [`Raise::key_error`], [`Raise::bad_map`], [`Raise::arithmetic`], or any
//! exception with [`Raise::exception`]`("Enum.EmptyError", &[("message", ...)])`. The message
//! Elixir prints comes from the struct's fields (see `exception.rs`).
//!
//! # Natives do not call Elixir functions
//! A native runs to completion inside one machine step, so it must not call back into
//! interpreted code (that code could `receive`, and a suspended process cannot be in the middle
//! of a Rust call). Higher-order functions (`Enum.map/2`, `Enum.reduce/3`, ...) are written in
//! Elixir in the prelude (`prelude.exs`), compiled by our own compiler, and use natives only
//! for the first-order work (`Enum.to_list/1`, `:lists.reverse/1`).

use std::cell::RefCell;
use std::io::Write;

use rustc_hash::FxHashMap;

use super::atom::Atom;
use super::code::ModuleTable;
use super::exception::Raise;
use super::value::Value;

/// A function written in Rust. See the module docs.
pub type NativeFn = fn(&mut Ctx, &[Value]) -> Result<Value, Raise>;

/// What a native may touch: the process's output, its pid, the module table.
pub struct Ctx<'a> {
    pub(crate) stdout: &'a mut Vec<u8>,
    pub(crate) modules: &'a ModuleTable,
    pub(crate) self_pid: u64,
    pub(crate) next_ref: &'a mut u64,
    /// Messages sent (`send/2`): the machine delivers those to itself and hands the others to
    /// the runtime.
    pub(crate) sent: &'a mut Vec<(Value, Value)>,
}

impl Ctx<'_> {
    /// Writes to the process's standard output (`IO.puts`).
    pub fn write_stdout(&mut self, bytes: &[u8]) {
        let _ = self.stdout.write_all(bytes);
    }

    pub fn self_pid(&self) -> Value {
        Value::Pid(self.self_pid)
    }

    /// A fresh reference.
    pub fn make_ref(&mut self) -> Value {
        *self.next_ref += 1;
        Value::Ref(*self.next_ref)
    }

    /// `send(dest, message)`.
    pub fn send(&mut self, dest: Value, message: Value) {
        self.sent.push((dest, message));
    }

    /// Whether `module.name/arity` exists and is public (interpreted modules or natives).
    pub fn function_exported(&self, module: Atom, name: Atom, arity: u32) -> bool {
        self.modules.exported(module, name, arity) || lookup(module, name, arity).is_some()
    }

    /// Whether a module of that name is defined (interpreted, or with natives).
    pub fn module_loaded(&self, module: Atom) -> bool {
        self.modules.get(module).is_some() || module_has_natives(module)
    }
}

/// The natives by module, name and arity.
#[derive(Default)]
pub struct Registry {
    map: FxHashMap<(Atom, Atom, u32), NativeFn>,
    modules: rustc_hash::FxHashSet<Atom>,
}

impl Registry {
    /// Registers `module.name/arity` (`module` as Elixir writes it: `"Enum"`, `":math"`).
    pub fn add(&mut self, module: &str, name: &str, arity: u32, f: NativeFn) {
        let module = module_atom(module);
        self.modules.insert(module);
        self.map.insert((module, Atom::intern(name), arity), f);
    }
}

/// `"Enum"` → `Elixir.Enum`, `":erlang"` → `erlang`.
pub fn module_atom(module: &str) -> Atom {
    match module.strip_prefix(':') {
        Some(erlang) => Atom::intern(erlang),
        None => Atom::module(module),
    }
}

thread_local! {
    static REGISTRY: RefCell<Option<std::rc::Rc<Registry>>> = const { RefCell::new(None) };
}

fn registry() -> std::rc::Rc<Registry> {
    REGISTRY.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                let mut reg = Registry::default();
                super::kernel::register(&mut reg);
                super::stdlib::register_all(&mut reg);
                std::rc::Rc::new(reg)
            })
            .clone()
    })
}

/// The native `module.name/arity`, if there is one.
pub fn lookup(module: Atom, name: Atom, arity: u32) -> Option<NativeFn> {
    registry().map.get(&(module, name, arity)).copied()
}

/// Whether any native is registered under `module`.
pub fn module_has_natives(module: Atom) -> bool {
    registry().modules.contains(&module)
}
