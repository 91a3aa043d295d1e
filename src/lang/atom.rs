//! Interned atoms: an atom is a `u32` index into a per-thread table, so comparing two atoms
//! for equality, hashing one and storing one in a [`super::value::Value`] costs a machine word.
//!
//! The table is per thread (the playground's runtime is single-threaded, in wasm and natively)
//! and only grows, like the BEAM's atom table. The first atoms have fixed indices (the
//! constants below) so the machine tests `nil`/`true`/`false` without a lookup.
//! Term order compares atoms by name ([`Atom::name`]), never by index.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

/// An interned atom. `Atom::intern("ok")`; module names carry their `Elixir.` prefix.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Atom(pub(crate) u32);

macro_rules! numbered_atoms {
    ($($konst:ident = $name:expr => $n:expr),* $(,)?) => {
        const FIXED: &[&str] = &[$($name),*];
        impl Atom {
            $(pub const $konst: Atom = Atom($n);)*
        }
    };
}

numbered_atoms! {
    NIL = "nil" => 0,
    TRUE = "true" => 1,
    FALSE = "false" => 2,
    OK = "ok" => 3,
    ERROR = "error" => 4,
    STRUCT = "__struct__" => 5,
    EXCEPTION = "__exception__" => 6,
    MESSAGE = "message" => 7,
    EXIT = "exit" => 8,
    THROW = "throw" => 9,
    KERNEL = "Elixir.Kernel" => 10,
    UNDERSCORE = "_" => 11,
    NORMAL = "normal" => 12,
    KEY = "key" => 13,
    TERM = "term" => 14,
    INFINITY = "infinity" => 15,
}

struct Table {
    names: Vec<Rc<str>>,
    index: FxHashMap<Rc<str>, u32>,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new({
        let mut table = Table { names: Vec::new(), index: FxHashMap::default() };
        for name in FIXED {
            let rc: Rc<str> = (*name).into();
            table.index.insert(rc.clone(), table.names.len() as u32);
            table.names.push(rc);
        }
        table
    });
}

impl Atom {
    /// The atom named `name` (created on first use).
    pub fn intern(name: &str) -> Atom {
        TABLE.with(|t| {
            let mut t = t.borrow_mut();
            if let Some(&i) = t.index.get(name) {
                return Atom(i);
            }
            let rc: Rc<str> = name.into();
            let i = t.names.len() as u32;
            t.index.insert(rc.clone(), i);
            t.names.push(rc);
            Atom(i)
        })
    }

    /// The atom named `name` if it exists (`String.to_existing_atom`).
    pub fn existing(name: &str) -> Option<Atom> {
        TABLE.with(|t| t.borrow().index.get(name).map(|&i| Atom(i)))
    }

    /// The atom's name, shared.
    pub fn name(self) -> Rc<str> {
        TABLE.with(|t| t.borrow().names[self.0 as usize].clone())
    }

    /// `true` or `false`.
    pub fn boolean(b: bool) -> Atom {
        if b { Atom::TRUE } else { Atom::FALSE }
    }

    /// The module atom for an Elixir alias: `"Enum"` → `Elixir.Enum`.
    pub fn module(alias: &str) -> Atom {
        Atom::intern(&format!("Elixir.{alias}"))
    }

    /// How Elixir prints this atom as a module name: `Elixir.Foo.Bar` → `Foo.Bar`, `:lists`
    /// stays `:lists`.
    pub fn module_name(self) -> String {
        let name = self.name();
        match name.strip_prefix("Elixir.") {
            Some(rest) => rest.to_string(),
            None => format!(":{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_atoms_have_their_names_and_interning_is_stable() {
        assert_eq!(&*Atom::NIL.name(), "nil");
        assert_eq!(Atom::intern("true"), Atom::TRUE);
        let a = Atom::intern("some_new_atom");
        assert_eq!(Atom::intern("some_new_atom"), a);
        assert_eq!(Atom::module("Foo.Bar").module_name(), "Foo.Bar");
    }
}
