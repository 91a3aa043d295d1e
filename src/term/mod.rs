//! The Elixir-term model: what messages and states look like to a learner.
//!
//! Every message and state in the playground is a typed Rust value that implements
//! `serde::Serialize`; [`to_term`] turns it into a [`Term`], which renders in Elixir syntax
//! (`{:add_entry, %{date: ~D[2024-01-22], title: "Buy milk"}}`, `#PID<0.42.0>`).
//! [`from_term`] goes back, so a typed term (say, from an in-page shell) can become a message.
//!
//! The BEAM-facing parts are exact, checked against vectors produced by real Erlang/OTP 25
//! (`scripts/vectors/`, `tests/vectors/`): [`phash2`] is `:erlang.phash2/2` (a learner's
//! `:erlang.phash2(name, 3)` picks the same worker as ours), [`term_to_binary`] is
//! `:erlang.term_to_binary/1` byte for byte, and [`compare`] is Erlang's term order.
//!
//! # Public API
//! - [`Term`] and its constructors ([`Term::atom`], [`Term::string`], [`Term::tuple`], ...);
//!   `Display` renders Elixir syntax, [`Term::render_truncated`] and [`Term::render_pretty`]
//!   fit it to a UI.
//! - [`to_term`] / [`try_to_term`] (serde `Serialize` → `Term`), [`from_term`] (`Term` →
//!   serde `Deserialize`), with [`TermError`].
//! - [`Atom`] and [`Date`]: Rust types that serialize to an Elixir atom and to `~D[...]`.
//! - [`phash2`], [`make_hash2`]; [`term_to_binary`], [`binary_to_term`] with [`EtfError`];
//!   [`compare`], [`compare_exact`].
//!
//! # Conventions (Rust value → Elixir term)
//! | Rust | Elixir |
//! | --- | --- |
//! | `()`, `None` | `nil` |
//! | `Some(x)` | `x` |
//! | `true` / `false` | `true` / `false` |
//! | integers, `f32`/`f64` | integers, floats |
//! | `String`, `&str`, `char` | `"binary"` |
//! | `Vec<T>`, slices, sets | `[list]` |
//! | tuples, tuple structs | `{tuple}` |
//! | `HashMap`, `BTreeMap` | `%{map}` |
//! | `struct S { a, b }` | `%{a: .., b: ..}` |
//! | unit struct `Pop`, unit variant `AddEntry` | `:pop`, `:add_entry` |
//! | `Push(1)`, `Put(k, v)`, `Add { a }` | `{:push, 1}`, `{:put, k, v}`, `{:add, %{a: ..}}` |
//! | `Ok(x)` / `Err(e)` / `Ok(())` / `Err(())` | `{:ok, x}` / `{:error, e}` / `:ok` / `:error` |
//! | [`Atom`], [`Date`], [`Pid`] | `:atom`, `~D[2024-01-22]`, `#PID<0.42.0>` |
//!
//! # Layout
//! - `mod.rs`: [`Term`], constructors, `=:=` equality.
//! - `atom.rs`: [`Atom`], the marker newtype that serializes to an atom.
//! - `date.rs`: [`Date`], the marker newtype that becomes Elixir's `%Date{}` struct.
//! - `naming.rs`: Rust names → snake_case atoms (`AddEntry` → `add_entry`).
//! - `error.rs`: [`TermError`], for both serde directions.
//! - `ser.rs`: [`to_term`], the serde `Serializer` into `Term`.
//! - `de.rs`: [`from_term`], the serde `Deserializer` out of `Term`.
//! - `order.rs`: [`compare`], Erlang term order (and the map-key order ETF uses).
//! - `render.rs`: `Display` in Elixir syntax, truncated and pretty variants.
//! - `float.rs`: floats printed the way Elixir's `inspect` prints them.
//! - `phash2.rs`: [`phash2`], Erlang's portable hash.
//! - `etf.rs`: [`term_to_binary`], [`binary_to_term`], the External Term Format.

mod algebra;
mod atom;
mod date;
mod de;
mod error;
mod etf;
mod float;
mod inspect;
mod naming;
mod order;
mod phash2;
mod render;
mod ser;
mod shape;
mod text;

pub use atom::{Atom, ATOM_MARKER};
pub use date::{Date, DATE_MARKER};
pub use de::from_term;
pub use error::TermError;
pub use inspect::{inspect, InspectOpts};
pub use shape::Charlists;
pub use etf::{binary_to_term, term_to_binary, EtfError};
pub use order::{compare, compare_exact};
pub use phash2::{make_hash2, phash2};
pub use ser::{to_term, try_to_term, MAX_SERDE_DEPTH};

use num_bigint::BigInt;

use crate::runtime::Pid;

/// An Elixir term.
///
/// Equality (`==`) is Erlang's exact equality `=:=`: `1 != 1.0`, and maps are equal when
/// they hold the same pairs in any order (a `Map`'s vector order carries no meaning).
///
/// Two representation rules keep one value one shape (build with [`Term::integer`] and
/// [`Term::improper_list`], which enforce them):
/// - an integer that fits in `i64` is always [`Term::Int`]; [`Term::BigInt`] holds only the
///   others;
/// - [`Term::List`] is a proper list; [`Term::ImproperList`] has at least one item and a tail
///   that is not a list (`[1, 2 | 3]` is `ImproperList([1, 2], 3)`, never a chain of cells).
///
/// Nesting depth is the user's: `Clone`, `Drop`, `Debug`, comparison, hashing, encoding and
/// rendering all walk with explicit stacks, so a term nested 100,000 deep is safe.
pub enum Term {
    /// `:ok`, `nil`, `true`, `false` (nil and booleans are atoms, as on the BEAM).
    /// Module names are atoms too: `Date` is `Atom("Elixir.Date")`.
    Atom(String),
    Int(i64),
    /// An integer outside `i64` (Erlang's bignum).
    BigInt(BigInt),
    Float(f64),
    /// An Elixir string or any other binary.
    Binary(Vec<u8>),
    Tuple(Vec<Term>),
    /// A proper list; `List(vec![])` is `[]` (Erlang's nil, not the atom `nil`).
    List(Vec<Term>),
    /// `[a, b | tail]`: at least one item, and a tail that is not a list.
    ImproperList(Vec<Term>, Box<Term>),
    /// Key-value pairs in insertion order; rendering and hashing sort them as the BEAM does.
    Map(Vec<(Term, Term)>),
    Pid(Pid),
    /// `#Reference<0.0.0.N>`: monitor and timer references.
    Ref(u64),
    /// A function: shown as `#Function<name>`; compared by name, never sent to a real BEAM.
    Fun(String),
}

impl Term {
    /// The atom `:name` (pass `"Elixir.Date"` for the module `Date`).
    pub fn atom(name: &str) -> Term {
        Term::Atom(name.to_string())
    }

    /// The atom `nil`, which is what `None` and `()` become.
    pub fn nil() -> Term {
        Term::atom("nil")
    }

    /// The atom `true` or `false`.
    pub fn boolean(value: bool) -> Term {
        Term::atom(if value { "true" } else { "false" })
    }

    /// An Elixir string: a UTF-8 binary.
    pub fn string(text: &str) -> Term {
        Term::Binary(text.as_bytes().to_vec())
    }

    /// `{a, b, ...}`.
    pub fn tuple(items: impl IntoIterator<Item = Term>) -> Term {
        Term::Tuple(items.into_iter().collect())
    }

    /// `[a, b, ...]`.
    pub fn list(items: impl IntoIterator<Item = Term>) -> Term {
        Term::List(items.into_iter().collect())
    }

    /// An integer of any size: `Int` when it fits in `i64`, else `BigInt`.
    pub fn integer(n: impl Into<BigInt>) -> Term {
        let n: BigInt = n.into();
        match i64::try_from(&n) {
            Ok(small) => Term::Int(small),
            Err(_) => Term::BigInt(n),
        }
    }

    /// `[items | tail]`, normalised: a list tail is appended (`[1 | [2]]` is `[1, 2]`), and no
    /// items gives the tail itself.
    pub fn improper_list(mut items: Vec<Term>, mut tail: Term) -> Term {
        match &mut tail {
            Term::List(rest) => {
                items.append(rest);
                Term::List(items)
            }
            Term::ImproperList(rest, end) => {
                items.append(rest);
                let end = std::mem::replace(&mut **end, Term::Int(0));
                Term::ImproperList(items, Box::new(end))
            }
            _ if items.is_empty() => tail,
            _ => Term::ImproperList(items, Box::new(tail)),
        }
    }

    /// The items of a tuple, moved out (`Term` has a `Drop`, so a `match` cannot move them).
    pub fn into_tuple(mut self) -> Result<Vec<Term>, Term> {
        match &mut self {
            Term::Tuple(items) => Ok(std::mem::take(items)),
            _ => Err(self),
        }
    }

    /// The items of a proper list, moved out.
    pub fn into_list(mut self) -> Result<Vec<Term>, Term> {
        match &mut self {
            Term::List(items) => Ok(std::mem::take(items)),
            _ => Err(self),
        }
    }

    /// The pairs of a map, moved out.
    pub fn into_map(mut self) -> Result<Vec<(Term, Term)>, Term> {
        match &mut self {
            Term::Map(pairs) => Ok(std::mem::take(pairs)),
            _ => Err(self),
        }
    }

    /// The bytes of a binary, moved out.
    pub fn into_binary(mut self) -> Result<Vec<u8>, Term> {
        match &mut self {
            Term::Binary(bytes) => Ok(std::mem::take(bytes)),
            _ => Err(self),
        }
    }

    /// Whether this is the integer `n`.
    pub fn is_int(&self, n: i64) -> bool {
        matches!(self, Term::Int(m) if *m == n)
    }

    /// `%{k => v, ...}` (pairs kept in the given order; duplicates are the caller's bug).
    pub fn map(pairs: impl IntoIterator<Item = (Term, Term)>) -> Term {
        Term::Map(pairs.into_iter().collect())
    }

    /// `~D[year-month-day]`, the Elixir `Date` struct.
    pub fn date(year: i32, month: u8, day: u8) -> Term {
        Date::new(year, month, day).to_term()
    }

    /// Whether this is the atom `name`.
    pub fn is_atom(&self, name: &str) -> bool {
        matches!(self, Term::Atom(a) if a == name)
    }

    /// The text of an atom, or of a binary that is valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Term::Atom(a) => Some(a),
            Term::Binary(b) => std::str::from_utf8(b).ok(),
            _ => None,
        }
    }

    /// The value of a map under `key` (first match, compared with `=:=`).
    pub fn map_get(&self, key: &Term) -> Option<&Term> {
        match self {
            Term::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl Term {
    /// A term with no nested terms inside it (a scalar or an empty container).
    fn is_leaf(&self) -> bool {
        match self {
            Term::Tuple(items) | Term::List(items) => items.is_empty(),
            Term::Map(pairs) => pairs.is_empty(),
            Term::ImproperList(..) => false,
            _ => true,
        }
    }

    /// The `i`-th nested term, in the order `Clone` rebuilds them (map: key, value, key, ...;
    /// improper list: items, then the tail).
    fn child(&self, i: usize) -> Option<&Term> {
        match self {
            Term::Tuple(items) | Term::List(items) => items.get(i),
            Term::Map(pairs) => pairs.get(i / 2).map(|(k, v)| if i % 2 == 0 { k } else { v }),
            Term::ImproperList(items, tail) => items.get(i).or((i == items.len()).then_some(&**tail)),
            _ => None,
        }
    }

    /// A leaf's copy (see [`Term::is_leaf`]).
    fn clone_leaf(&self) -> Term {
        match self {
            Term::Atom(a) => Term::Atom(a.clone()),
            Term::Int(n) => Term::Int(*n),
            Term::BigInt(n) => Term::BigInt(n.clone()),
            Term::Float(x) => Term::Float(*x),
            Term::Binary(b) => Term::Binary(b.clone()),
            Term::Tuple(_) => Term::Tuple(Vec::new()),
            Term::List(_) => Term::List(Vec::new()),
            Term::Map(_) => Term::Map(Vec::new()),
            Term::Pid(p) => Term::Pid(*p),
            Term::Ref(r) => Term::Ref(*r),
            Term::Fun(f) => Term::Fun(f.clone()),
            Term::ImproperList(..) => unreachable!("an improper list is never a leaf"),
        }
    }

    /// The container of `self`'s shape around `children` (as listed by [`Term::child`]).
    fn rebuild(&self, mut children: Vec<Term>) -> Term {
        match self {
            Term::Tuple(_) => Term::Tuple(children),
            Term::Map(_) => {
                let mut pairs = Vec::with_capacity(children.len() / 2);
                let mut it = children.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                Term::Map(pairs)
            }
            Term::ImproperList(..) => {
                let tail = children.pop().expect("an improper list has a tail");
                Term::ImproperList(children, Box::new(tail))
            }
            _ => Term::List(children),
        }
    }

    /// Moves every nested term of `self` onto `out`, leaving `self` a leaf.
    fn take_children(&mut self, out: &mut Vec<Term>) {
        match self {
            Term::Tuple(items) | Term::List(items) => out.append(items),
            Term::Map(pairs) => {
                for (k, v) in pairs.drain(..) {
                    out.push(k);
                    out.push(v);
                }
            }
            Term::ImproperList(items, tail) => {
                out.append(items);
                out.push(std::mem::replace(&mut **tail, Term::Int(0)));
            }
            _ => {}
        }
    }
}

impl Clone for Term {
    /// Iterative: a term nested 100,000 deep clones without deep recursion.
    fn clone(&self) -> Term {
        if self.is_leaf() {
            return self.clone_leaf();
        }
        // Each frame: a container, how many of its children are done, and their copies.
        let mut stack: Vec<(&Term, usize, Vec<Term>)> = vec![(self, 0, Vec::new())];
        loop {
            let (src, next, built) = stack.last_mut().expect("the root frame is popped last");
            match src.child(*next) {
                Some(child) => {
                    *next += 1;
                    if child.is_leaf() {
                        built.push(child.clone_leaf());
                    } else {
                        stack.push((child, 0, Vec::new()));
                    }
                }
                None => {
                    let (src, _, built) = stack.pop().expect("checked above");
                    let copy = src.rebuild(built);
                    match stack.last_mut() {
                        Some(parent) => parent.2.push(copy),
                        None => return copy,
                    }
                }
            }
        }
    }
}

impl Drop for Term {
    /// Flattens before freeing: the derived drop of nested `Vec<Term>` recurses once per level
    /// and would overflow the stack on a deep term.
    fn drop(&mut self) {
        let nested = |t: &Term| match t {
            Term::Tuple(items) | Term::List(items) => items.iter().any(|c| !c.is_leaf()),
            Term::Map(pairs) => pairs.iter().any(|(k, v)| !k.is_leaf() || !v.is_leaf()),
            Term::ImproperList(..) => true,
            _ => false,
        };
        if !nested(self) {
            return;
        }
        let mut pending = Vec::new();
        self.take_children(&mut pending);
        while let Some(mut t) = pending.pop() {
            t.take_children(&mut pending);
            // `t` is now a leaf: dropping it frees no nested term.
        }
    }
}

impl std::fmt::Debug for Term {
    /// The Elixir rendering (iterative, unlike a derived `Debug`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl PartialEq for Term {
    /// Erlang's `=:=`: see [`order::compare_exact`].
    fn eq(&self, other: &Term) -> bool {
        order::compare_exact(self, other) == std::cmp::Ordering::Equal
    }
}

impl From<&str> for Term {
    fn from(text: &str) -> Term {
        Term::string(text)
    }
}

impl From<String> for Term {
    fn from(text: String) -> Term {
        Term::Binary(text.into_bytes())
    }
}

impl From<i64> for Term {
    fn from(n: i64) -> Term {
        Term::Int(n)
    }
}

impl From<f64> for Term {
    fn from(x: f64) -> Term {
        Term::Float(x)
    }
}

impl From<bool> for Term {
    fn from(b: bool) -> Term {
        Term::boolean(b)
    }
}

impl From<Pid> for Term {
    fn from(pid: Pid) -> Term {
        Term::Pid(pid)
    }
}

impl From<Atom> for Term {
    fn from(atom: Atom) -> Term {
        Term::Atom(atom.0)
    }
}

impl From<Date> for Term {
    fn from(date: Date) -> Term {
        date.to_term()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_are_equal_regardless_of_pair_order() {
        let a = Term::map([(Term::atom("a"), Term::Int(1)), (Term::atom("b"), Term::Int(2))]);
        let b = Term::map([(Term::atom("b"), Term::Int(2)), (Term::atom("a"), Term::Int(1))]);
        assert_eq!(a, b);
    }

    #[test]
    fn equality_is_exact_so_an_integer_is_not_a_float() {
        assert_ne!(Term::Int(1), Term::Float(1.0));
        assert_eq!(Term::Float(0.0), Term::Float(-0.0));
    }

    #[test]
    fn map_get_finds_a_key() {
        let m = Term::map([(Term::atom("a"), Term::Int(1))]);
        assert_eq!(m.map_get(&Term::atom("a")), Some(&Term::Int(1)));
        assert_eq!(m.map_get(&Term::atom("b")), None);
    }
}
