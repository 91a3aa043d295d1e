//! The runtime value of interpreted Elixir.
//!
//! # Layout (16 bytes)
//! A tag and one word: small integers, floats, atoms ([`Atom`], an interned `u32`), pids and
//! refs are unboxed; everything else is one `Rc` pointer. Values are immutable and shared;
//! "updating" a tuple, map or binary that nobody else holds (`Rc` count 1) is done in place
//! (`Rc::make_mut`), which is what makes a 100,000-key map built in a loop O(log n) per update.
//!
//! - Lists are persistent cons cells ([`Cons`]): `[h | t]` builds and matches in O(1), and tails
//!   are shared. Improper lists are cons cells whose last tail is not `[]`.
//! - Integers are `i64` until an operation overflows, then [`BigInt`]; a big integer that fits
//!   in an `i64` is always normalised back to `Int` ([`Value::from_bigint`]), so `Int` vs
//!   `BigInt` never decides equality.
//! - Maps are a `BTreeMap` ordered by Erlang's term order, which is also the order Elixir prints
//!   and iterates small maps in (maps of more than 32 keys iterate in hash order on the BEAM;
//!   here they stay sorted).
//! - Binaries ([`Bin`]) are either an owned buffer or a window on one, so `"ab" <> rest`
//!   matches without copying the rest.
//!
//! # Order and equality
//! [`Ord`] on `Value` is Erlang's *exact* term order (`===`, map keys, pattern matching: `1` and
//! `1.0` differ). [`Value::compare`] is the arithmetic order of `<`, `==` (`1 == 1.0`).
//! number < atom < reference < fun < pid < tuple < map < `[]` < list < binary.
//!
//! # Dropping
//! Dropping a million-element list or a deeply nested structure must not recurse on the Rust
//! stack (a stack overflow kills a wasm page), so the containers' `Drop` moves their children
//! onto an explicit worklist and frees uniquely held ones iteratively.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::atom::Atom;
use super::code::{Lambda, Module};

/// A value of interpreted Elixir. See the module docs for the layout.
#[derive(Clone)]
pub enum Value {
    Int(i64),
    Float(f64),
    Atom(Atom),
    /// `[]`.
    Nil,
    BigInt(Rc<BigInt>),
    Binary(Rc<Bin>),
    Cons(Rc<Cons>),
    Tuple(Rc<Tuple>),
    Map(Rc<MapBox>),
    Pid(u64),
    Ref(u64),
    Fun(Rc<Closure>),
}

/// A cons cell `[head | tail]`.
pub struct Cons {
    pub head: Value,
    pub tail: Value,
}

/// The elements of a tuple (a wrapper so that its drop is iterative).
#[derive(Clone, Default)]
pub struct Tuple(pub Vec<Value>);

/// The pairs of a map in exact term order of their keys.
#[derive(Clone, Default)]
pub struct MapBox(pub BTreeMap<Value, Value>);

/// A binary: its own bytes, or a window on another binary's (what `<>` patterns and
/// `binary_part` return, without copying).
pub enum Bin {
    Owned(Vec<u8>),
    Sub { of: Rc<Bin>, start: usize, len: usize },
}

/// A function value: an `fn` (compiled clauses and the variables it captured) or a capture of
/// a named function (`&Mod.fun/2`), which is looked up when called so that it sees a module
/// redefined since.
pub struct Closure {
    pub(crate) fun: FunRef,
    pub(crate) env: Vec<Value>,
    /// A number unique to this closure's creation (what `#Function<N...>` prints).
    pub(crate) id: u32,
}

/// What a [`Closure`] runs.
pub(crate) enum FunRef {
    /// An `fn` and the module it was written in (where its local calls go).
    Lambda(Rc<Lambda>, Rc<Module>),
    Capture { module: Atom, name: Atom, arity: usize },
}

impl Closure {
    /// How many arguments the function takes.
    pub fn arity(&self) -> usize {
        match &self.fun {
            FunRef::Lambda(l, _) => l.arity,
            FunRef::Capture { arity, .. } => *arity,
        }
    }
}

impl Bin {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Bin::Owned(v) => v,
            Bin::Sub { of, start, len } => &of.as_bytes()[*start..*start + *len],
        }
    }
}

impl Value {
    pub const TRUE: Value = Value::Atom(Atom::TRUE);
    pub const FALSE: Value = Value::Atom(Atom::FALSE);
    pub const NIL_ATOM: Value = Value::Atom(Atom::NIL);
    pub const OK: Value = Value::Atom(Atom::OK);

    pub fn atom(name: &str) -> Value {
        Value::Atom(Atom::intern(name))
    }

    pub fn boolean(b: bool) -> Value {
        Value::Atom(Atom::boolean(b))
    }

    /// A UTF-8 string.
    pub fn string(text: &str) -> Value {
        Value::Binary(Rc::new(Bin::Owned(text.as_bytes().to_vec())))
    }

    pub fn bytes(bytes: Vec<u8>) -> Value {
        Value::Binary(Rc::new(Bin::Owned(bytes)))
    }

    /// The window `start..start + len` of a binary, sharing its bytes.
    pub fn sub_binary(bin: &Rc<Bin>, start: usize, len: usize) -> Value {
        if len == 0 {
            return Value::bytes(Vec::new());
        }
        match &**bin {
            Bin::Owned(_) => Value::Binary(Rc::new(Bin::Sub { of: bin.clone(), start, len })),
            Bin::Sub { of, start: s, .. } => {
                Value::Binary(Rc::new(Bin::Sub { of: of.clone(), start: s + start, len }))
            }
        }
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(Tuple(items)))
    }

    pub fn cons(head: Value, tail: Value) -> Value {
        Value::Cons(Rc::new(Cons { head, tail }))
    }

    /// A proper list of `items`.
    pub fn list(items: impl IntoIterator<Item = Value, IntoIter: DoubleEndedIterator>) -> Value {
        Value::list_with_tail(items, Value::Nil)
    }

    /// `[items... | tail]`.
    pub fn list_with_tail(
        items: impl IntoIterator<Item = Value, IntoIter: DoubleEndedIterator>,
        tail: Value,
    ) -> Value {
        items.into_iter().rev().fold(tail, |acc, v| Value::cons(v, acc))
    }

    pub fn map(pairs: impl IntoIterator<Item = (Value, Value)>) -> Value {
        Value::Map(Rc::new(MapBox(pairs.into_iter().collect())))
    }

    /// `{:ok, v}` and friends.
    pub fn pair(a: Value, b: Value) -> Value {
        Value::tuple(vec![a, b])
    }

    /// An integer from a big integer, as an `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// Elixir truthiness: everything but `nil` and `false`.
    #[inline]
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Atom(a) if *a == Atom::NIL || *a == Atom::FALSE)
    }

    pub fn as_atom(&self) -> Option<Atom> {
        match self {
            Value::Atom(a) => Some(*a),
            _ => None,
        }
    }

    pub fn is_atom(&self, atom: Atom) -> bool {
        matches!(self, Value::Atom(a) if *a == atom)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Atom(a) if *a == Atom::TRUE => Some(true),
            Value::Atom(a) if *a == Atom::FALSE => Some(false),
            _ => None,
        }
    }

    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Binary(b) => Some(b.as_bytes()),
            _ => None,
        }
    }

    /// The text of a binary that is valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        self.as_bytes().and_then(|b| std::str::from_utf8(b).ok())
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_) | Value::BigInt(_))
    }

    pub fn is_integer(&self) -> bool {
        matches!(self, Value::Int(_) | Value::BigInt(_))
    }

    pub fn is_list(&self) -> bool {
        matches!(self, Value::Nil | Value::Cons(_))
    }

    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self {
            Value::Tuple(t) => Some(&t.0),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&BTreeMap<Value, Value>> {
        match self {
            Value::Map(m) => Some(&m.0),
            _ => None,
        }
    }

    /// The elements of a proper list, or `None` for an improper list or a non-list.
    pub fn list_to_vec(&self) -> Option<Vec<Value>> {
        let mut out = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Value::Nil => return Some(out),
                Value::Cons(c) => {
                    out.push(c.head.clone());
                    cur = &c.tail;
                }
                _ => return None,
            }
        }
    }

    /// Iterates the elements of a list (stops at the first non-cons tail).
    pub fn list_iter(&self) -> ListIter<'_> {
        ListIter { cur: self }
    }

    /// The struct module of a struct (`%{__struct__: Mod}`).
    pub fn struct_name(&self) -> Option<Atom> {
        self.as_map()?.get(&Value::Atom(Atom::STRUCT))?.as_atom()
    }

    /// The arithmetic order of `<`, `>`, `==`: `1 == 1.0`.
    pub fn compare(&self, other: &Value) -> Ordering {
        compare_terms(self, other, false)
    }

    /// `==`: equal as numbers compare (`1 == 1.0`).
    pub fn loose_eq(&self, other: &Value) -> bool {
        compare_terms(self, other, false) == Ordering::Equal
    }

    fn type_rank(&self) -> u8 {
        match self {
            Value::Int(_) | Value::Float(_) | Value::BigInt(_) => 0,
            Value::Atom(_) => 1,
            Value::Ref(_) => 2,
            Value::Fun(_) => 3,
            Value::Pid(_) => 5,
            Value::Tuple(_) => 6,
            Value::Map(_) => 7,
            Value::Nil => 8,
            Value::Cons(_) => 9,
            Value::Binary(_) => 10,
        }
    }
}

/// Iterator over a list's elements; [`ListIter::rest`] gives what is left (the improper tail).
pub struct ListIter<'a> {
    cur: &'a Value,
}

impl<'a> ListIter<'a> {
    pub fn rest(&self) -> &'a Value {
        self.cur
    }
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a Value;
    fn next(&mut self) -> Option<&'a Value> {
        match self.cur {
            Value::Cons(c) => {
                self.cur = &c.tail;
                Some(&c.head)
            }
            _ => None,
        }
    }
}

fn compare_numbers(a: &Value, b: &Value, exact: bool) -> Ordering {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x.cmp(y),
        (Float(x), Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Int(x), Float(y)) => {
            let o = (*x as f64).partial_cmp(y).unwrap_or(Ordering::Equal);
            if o == Ordering::Equal && exact { Ordering::Less } else { o }
        }
        (Float(_), Int(_)) => compare_numbers(b, a, exact).reverse(),
        (BigInt(x), BigInt(y)) => x.cmp(y),
        (BigInt(x), Int(_)) => {
            if x.sign() == num_bigint::Sign::Minus { Ordering::Less } else { Ordering::Greater }
        }
        (Int(_), BigInt(_)) => compare_numbers(b, a, exact).reverse(),
        (BigInt(x), Float(y)) => {
            let o = x.to_f64().unwrap_or(f64::INFINITY).partial_cmp(y).unwrap_or(Ordering::Equal);
            if o == Ordering::Equal && exact { Ordering::Less } else { o }
        }
        (Float(_), BigInt(_)) => compare_numbers(b, a, exact).reverse(),
        _ => unreachable!("compare_numbers on non-numbers"),
    }
}

/// Erlang's term order. Lists are walked in a loop; nesting inside tuples and maps recurses
/// (values that deep are built only by code that already recursed as deep).
fn compare_terms(a: &Value, b: &Value, exact: bool) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (ra, rb) = (a.type_rank(), b.type_rank());
        if ra != rb {
            return ra.cmp(&rb);
        }
        return match (a, b) {
            (Value::Atom(x), Value::Atom(y)) => {
                if x == y { Ordering::Equal } else { x.name().cmp(&y.name()) }
            }
            (Value::Cons(x), Value::Cons(y)) => {
                match compare_terms(&x.head, &y.head, exact) {
                    Ordering::Equal => {
                        a = &x.tail;
                        b = &y.tail;
                        continue;
                    }
                    o => o,
                }
            }
            (Value::Nil, Value::Nil) => Ordering::Equal,
            (Value::Tuple(x), Value::Tuple(y)) => x.0.len().cmp(&y.0.len()).then_with(|| {
                for (p, q) in x.0.iter().zip(&y.0) {
                    let o = compare_terms(p, q, exact);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            }),
            (Value::Map(x), Value::Map(y)) => x.0.len().cmp(&y.0.len()).then_with(|| {
                for (p, q) in x.0.keys().zip(y.0.keys()) {
                    let o = compare_terms(p, q, true);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                for (p, q) in x.0.values().zip(y.0.values()) {
                    let o = compare_terms(p, q, exact);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            }),
            (Value::Binary(x), Value::Binary(y)) => x.as_bytes().cmp(y.as_bytes()),
            (Value::Pid(x), Value::Pid(y)) | (Value::Ref(x), Value::Ref(y)) => x.cmp(y),
            (Value::Fun(x), Value::Fun(y)) => x.id.cmp(&y.id),
            _ => compare_numbers(a, b, exact),
        };
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        compare_terms(self, other, true) == Ordering::Equal
    }
}
impl Eq for Value {}
impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Value {
    /// Exact term order (`1 < 1.0` as map keys; they are different keys).
    fn cmp(&self, other: &Value) -> Ordering {
        compare_terms(self, other, true)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::convert::inspect(self))
    }
}

/// Frees values whose last reference is being dropped without recursing: their children go on
/// a worklist, and each child that is uniquely held is emptied the same way.
fn drop_iteratively(mut work: Vec<Value>) {
    while let Some(v) = work.pop() {
        match v {
            Value::Cons(rc) => {
                if let Ok(mut c) = Rc::try_unwrap(rc) {
                    work.push(std::mem::replace(&mut c.head, Value::Nil));
                    work.push(std::mem::replace(&mut c.tail, Value::Nil));
                }
            }
            Value::Tuple(rc) => {
                if let Ok(mut t) = Rc::try_unwrap(rc) {
                    work.append(&mut t.0);
                }
            }
            Value::Map(rc) => {
                if let Ok(mut m) = Rc::try_unwrap(rc) {
                    for (k, v) in std::mem::take(&mut m.0) {
                        work.push(k);
                        work.push(v);
                    }
                }
            }
            Value::Fun(rc) => {
                if let Ok(mut c) = Rc::try_unwrap(rc) {
                    work.append(&mut c.env);
                }
            }
            _ => {}
        }
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Cons(_) | Value::Tuple(_) | Value::Map(_) | Value::Fun(_))
}

impl Drop for Cons {
    fn drop(&mut self) {
        if is_container(&self.head) || is_container(&self.tail) {
            let head = std::mem::replace(&mut self.head, Value::Nil);
            let tail = std::mem::replace(&mut self.tail, Value::Nil);
            drop_iteratively(vec![head, tail]);
        }
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        if self.0.iter().any(is_container) {
            drop_iteratively(std::mem::take(&mut self.0));
        }
    }
}

impl Drop for MapBox {
    fn drop(&mut self) {
        if !self.0.is_empty() && self.0.values().any(is_container) {
            let mut work = Vec::with_capacity(self.0.len());
            for (_, v) in std::mem::take(&mut self.0) {
                work.push(v);
            }
            drop_iteratively(work);
        }
    }
}

impl Drop for Closure {
    fn drop(&mut self) {
        if self.env.iter().any(is_container) {
            drop_iteratively(std::mem::take(&mut self.env));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_two_words() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn dropping_a_list_of_a_million_elements_does_not_overflow_the_stack() {
        let list = Value::list((0..1_000_000).map(Value::Int).collect::<Vec<_>>());
        drop(list);
        let mut nested = Value::Nil;
        for _ in 0..1_000_000 {
            nested = Value::tuple(vec![nested]);
        }
        drop(nested);
    }

    #[test]
    fn exact_order_separates_int_and_float_but_loose_equality_does_not() {
        assert_ne!(Value::Int(1), Value::Float(1.0));
        assert!(Value::Int(1).loose_eq(&Value::Float(1.0)));
        assert!(Value::Int(5) < Value::atom("a"));
        assert!(Value::atom("b") > Value::atom("a"));
        assert!(Value::Nil < Value::list(vec![Value::Int(1)]));
        assert!(Value::tuple(vec![]) < Value::map(vec![]));
    }
}
