//! [`to_term`]: a serde `Serializer` that builds a [`Term`] following Elixir conventions.
//!
//! The table in the module doc of [`crate::term`] lists the mapping. The choices that need a
//! reason:
//! - `()` and `None` are `nil`: Elixir's "no value". (`:ok` is a *result*, so only `Ok(())`
//!   becomes `:ok`.)
//! - `Result` is recognised by serde's own names (enum `Result`, variants `Ok`/`Err`) and
//!   follows the Elixir idiom `{:ok, x}` / `{:error, e}`; a unit payload collapses to the bare
//!   `:ok` / `:error`, as in `:ok = GenServer.cast(...)`.
//! - Enum variants and unit structs become snake_case atoms, tagged tuples when they carry
//!   data: the shape a learner writes in `handle_call({:add_entry, entry}, ...)`.
//! - Integers outside `i64` (`u64`, `i128`, `u128`) become bignums, as on the BEAM.
//! - A ready-made [`Term`] inside a value is copied, not walked, so its depth does not matter;
//!   other serde formats walk it and refuse nesting past [`MAX_SERDE_DEPTH`].
//! - `f32` becomes the float with the same shortest decimal text (`0.1f32` shows as `0.1`,
//!   not `0.10000000149011612`); Elixir has only 64-bit floats.
//! - Map and struct pairs are sorted into Erlang's map-key order, so a `HashMap` gives the
//!   same `Term` (and `Debug` output) every run.
//! - `Vec<u8>` is a list of integers, as serde sees it; use `serde_bytes` for a binary.
//!
//! [`Term`] itself implements `Serialize`, so a struct may hold a ready-made term (a message
//! with no Rust type, an exit reason) and `to_term(&term) == term`. Atoms, references and funs
//! travel as marker newtypes (like [`Pid`]); to other serde formats they look like a string,
//! a number and a string.

use std::cell::{Cell, RefCell};

use serde::ser::{self, Serialize, SerializeTuple, Serializer};

use super::naming::snake_case;
use super::order::sort_map_pairs;
use super::{Term, TermError, ATOM_MARKER, DATE_MARKER, Date};
use crate::runtime::{Pid, PID_MARKER};

/// Serde newtype-struct name of a [`Term::BigInt`] (around its decimal text).
pub(crate) const BIG_MARKER: &str = "__otp_playground_bigint__";
/// Serde newtype-struct name of a [`Term::ImproperList`] (around `(items, tail)`).
pub(crate) const IMPROPER_MARKER: &str = "__otp_playground_improper__";
/// Serde newtype-struct name around a whole [`Term`]: the term serializer copies the term
/// (an iterative clone) instead of walking it, so `to_term` of any depth works.
const TERM_MARKER: &str = "__otp_playground_term__";

/// Deepest nesting of terms that serde walks (outside [`to_term`] of a ready-made term, which
/// copies): serialising a `Term` with another serde format, and [`crate::term::from_term`].
pub const MAX_SERDE_DEPTH: usize = 128;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Set while the term serializer asks a [`WholeTerm`] for itself.
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
    static CAPTURED: RefCell<Option<Term>> = const { RefCell::new(None) };
}

/// One more level of serde recursion; refused past [`MAX_SERDE_DEPTH`].
pub(crate) struct DepthGuard(());

impl DepthGuard {
    pub(crate) fn enter() -> Result<DepthGuard, TermError> {
        DEPTH.with(|d| {
            if d.get() >= MAX_SERDE_DEPTH {
                return Err(TermError::TooDeep);
            }
            d.set(d.get() + 1);
            Ok(DepthGuard(()))
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// A term wrapped in [`TERM_MARKER`]: to the term serializer it hands over a copy, to any
/// other serializer it is the term itself.
struct WholeTerm<'a>(&'a Term);

impl Serialize for WholeTerm<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if CAPTURE.with(|c| c.replace(false)) {
            CAPTURED.with(|slot| *slot.borrow_mut() = Some(self.0.clone()));
            return s.serialize_unit();
        }
        let _guard = DepthGuard::enter().map_err(ser::Error::custom)?;
        serialize_term(self.0, s)
    }
}

/// Serde newtype-struct name of a [`Term::Ref`] (around its `u64`).
pub(crate) const REF_MARKER: &str = "__otp_playground_ref__";
/// Serde newtype-struct name of a [`Term::Fun`] (around its name).
pub(crate) const FUN_MARKER: &str = "__otp_playground_fun__";

impl Serialize for Term {
    /// Serializes so that [`to_term`] rebuilds the same term. Other formats see the term's
    /// shape (refused past [`MAX_SERDE_DEPTH`] levels of nesting).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_leaf() {
            return serialize_term(self, s);
        }
        s.serialize_newtype_struct(TERM_MARKER, &WholeTerm(self))
    }
}

fn serialize_term<S: Serializer>(term: &Term, s: S) -> Result<S::Ok, S::Error> {
        match term {
            Term::Atom(name) => s.serialize_newtype_struct(ATOM_MARKER, name.as_str()),
            Term::Int(n) => s.serialize_i64(*n),
            Term::BigInt(n) => s.serialize_newtype_struct(BIG_MARKER, &n.to_string()),
            Term::ImproperList(items, tail) => s.serialize_newtype_struct(IMPROPER_MARKER, &(items, &**tail)),
            Term::Float(x) => s.serialize_f64(*x),
            Term::Binary(bytes) => s.serialize_bytes(bytes),
            Term::Tuple(items) => {
                let mut tuple = s.serialize_tuple(items.len())?;
                for item in items {
                    tuple.serialize_element(item)?;
                }
                tuple.end()
            }
            Term::List(items) => s.collect_seq(items),
            Term::Map(pairs) => s.collect_map(pairs.iter().map(|(k, v)| (k, v))),
            Term::Pid(pid) => pid.serialize(s),
            // Bit-cast: the serializer holds i64, and refs never reach 2^63 in practice anyway.
            Term::Ref(n) => s.serialize_newtype_struct(REF_MARKER, &(*n as i64)),
            Term::Fun(name) => s.serialize_newtype_struct(FUN_MARKER, name.as_str()),
        }
}

/// Converts any `Serialize` value into a [`Term`]; never panics.
///
/// A value that cannot be represented (an error raised by a hand-written `Serialize` impl) becomes `{:to_term_error, "reason"}`, so the UI shows the
/// problem where the value would have been. Use [`try_to_term`] to handle it instead.
pub fn to_term<T: Serialize + ?Sized>(value: &T) -> Term {
    try_to_term(value).unwrap_or_else(|err| {
        Term::Tuple(vec![Term::atom("to_term_error"), Term::string(&err.to_string())])
    })
}

/// Converts any `Serialize` value into a [`Term`], or says why it cannot.
pub fn try_to_term<T: Serialize + ?Sized>(value: &T) -> Result<Term, TermError> {
    value.serialize(TermSerializer)
}

/// The serializer: stateless, each value becomes one [`Term`].
pub(crate) struct TermSerializer;


fn tagged(variant: &str, mut rest: Vec<Term>) -> Term {
    rest.insert(0, Term::Atom(snake_case(variant)));
    Term::Tuple(rest)
}

/// Whether `value` serializes as `()`: decides `Ok(())` → `:ok` vs `Ok(x)` → `{:ok, x}`.
/// `None` is not unit, so `Ok(None)` stays `{:ok, nil}`.
fn is_unit<T: Serialize + ?Sized>(value: &T) -> bool {
    value.serialize(UnitProbe).is_ok()
}

impl ser::Serializer for TermSerializer {
    type Ok = Term;
    type Error = TermError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    fn serialize_bool(self, v: bool) -> Result<Term, TermError> {
        Ok(Term::boolean(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Term, TermError> {
        Ok(Term::Int(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Term, TermError> {
        Ok(Term::integer(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Term, TermError> {
        Ok(Term::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Term, TermError> {
        Ok(Term::integer(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Term, TermError> {
        Ok(Term::integer(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Term, TermError> {
        // Widen through the shortest decimal text when that round-trips, so 0.1f32 is 0.1.
        let via_text = v.to_string().parse::<f64>().ok().filter(|w| *w as f32 == v);
        Ok(Term::Float(via_text.unwrap_or(v as f64)))
    }
    fn serialize_f64(self, v: f64) -> Result<Term, TermError> {
        Ok(Term::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Term, TermError> {
        Ok(Term::string(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<Term, TermError> {
        Ok(Term::string(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Term, TermError> {
        Ok(Term::Binary(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Term, TermError> {
        Ok(Term::nil())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Term, TermError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Term, TermError> {
        Ok(Term::nil())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<Term, TermError> {
        Ok(Term::Atom(snake_case(name)))
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Term, TermError> {
        Ok(Term::Atom(snake_case(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<Term, TermError> {
        if name == TERM_MARKER {
            CAPTURE.with(|c| c.set(true));
            let result = value.serialize(TermSerializer);
            CAPTURE.with(|c| c.set(false));
            result?;
            return CAPTURED
                .with(|slot| slot.borrow_mut().take())
                .ok_or_else(|| TermError::Message(format!("malformed {name} marker value")));
        }
        let inner = value.serialize(TermSerializer)?;
        let bad = || TermError::Message(format!("malformed {name} marker value"));
        match name {
            BIG_MARKER => match &inner {
                Term::Binary(text) => std::str::from_utf8(text)
                    .ok()
                    .and_then(|t| t.parse::<num_bigint::BigInt>().ok())
                    .map(Term::integer)
                    .ok_or_else(bad),
                _ => Err(bad()),
            },
            IMPROPER_MARKER => match inner.into_tuple() {
                Ok(mut pair) if pair.len() == 2 => {
                    let tail = pair.pop().expect("two elements");
                    let items = pair.pop().expect("two elements").into_list().map_err(|_| bad())?;
                    Ok(Term::improper_list(items, tail))
                }
                _ => Err(bad()),
            },
            PID_MARKER => match &inner {
                Term::Tuple(items) => match items.as_slice() {
                    [Term::Int(id), Term::Int(index)] => Ok(Term::Pid(Pid {
                        id: u32::try_from(*id).map_err(|_| bad())?,
                        index: u32::try_from(*index).map_err(|_| bad())?,
                    })),
                    _ => Err(bad()),
                },
                _ => Err(bad()),
            },
            ATOM_MARKER => match inner.into_binary() {
                Ok(bytes) => String::from_utf8(bytes).map(Term::Atom).map_err(|_| bad()),
                _ => Err(bad()),
            },
            DATE_MARKER => match &inner {
                Term::Tuple(items) => match items.as_slice() {
                    [Term::Int(y), Term::Int(m), Term::Int(d)] => Ok(Date {
                        year: i32::try_from(*y).map_err(|_| bad())?,
                        month: u8::try_from(*m).map_err(|_| bad())?,
                        day: u8::try_from(*d).map_err(|_| bad())?,
                    }
                    .to_term()),
                    _ => Err(bad()),
                },
                _ => Err(bad()),
            },
            REF_MARKER => match &inner {
                Term::Int(n) => Ok(Term::Ref(*n as u64)),
                _ => Err(bad()),
            },
            FUN_MARKER => match inner.into_binary() {
                Ok(bytes) => String::from_utf8(bytes).map(Term::Fun).map_err(|_| bad()),
                _ => Err(bad()),
            },
            // Any other newtype struct is transparent: `struct Name(String)` is just the string.
            _ => Ok(inner),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Term, TermError> {
        let tag = match (name, variant) {
            ("Result", "Ok") => "ok",
            ("Result", "Err") => "error",
            _ => return Ok(tagged(variant, vec![value.serialize(TermSerializer)?])),
        };
        if is_unit(value) {
            Ok(Term::atom(tag))
        } else {
            Ok(Term::Tuple(vec![Term::atom(tag), value.serialize(TermSerializer)?]))
        }
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TermError> {
        Ok(SeqBuilder::new(Shape::List, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TermError> {
        Ok(SeqBuilder::new(Shape::Tuple, len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqBuilder, TermError> {
        Ok(SeqBuilder::new(Shape::Tuple, len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, TermError> {
        let mut builder = SeqBuilder::new(Shape::Tuple, len + 1);
        builder.items.push(Term::Atom(snake_case(variant)));
        Ok(builder)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, TermError> {
        Ok(MapBuilder::new(None, len.unwrap_or(0)))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapBuilder, TermError> {
        Ok(MapBuilder::new(None, len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder, TermError> {
        Ok(MapBuilder::new(Some(variant), len))
    }
}

pub(crate) enum Shape {
    List,
    Tuple,
}

/// Collects elements for lists, tuples and tuple variants (whose tag is pushed first).
pub(crate) struct SeqBuilder {
    shape: Shape,
    items: Vec<Term>,
}

impl SeqBuilder {
    fn new(shape: Shape, len: usize) -> SeqBuilder {
        // `len` comes from the value being serialized; cap it so a lying impl can't OOM us.
        SeqBuilder { shape, items: Vec::with_capacity(len.min(4096)) }
    }
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        self.items.push(value.serialize(TermSerializer)?);
        Ok(())
    }
    fn finish(self) -> Term {
        match self.shape {
            Shape::List => Term::List(self.items),
            Shape::Tuple => Term::Tuple(self.items),
        }
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        self.push(value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        self.push(value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        self.push(value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleVariant for SeqBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        self.push(value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

/// Collects pairs for maps, structs (atom keys) and struct variants (`{:variant, %{...}}`).
pub(crate) struct MapBuilder {
    variant: Option<&'static str>,
    pairs: Vec<(Term, Term)>,
    pending_key: Option<Term>,
}

impl MapBuilder {
    fn new(variant: Option<&'static str>, len: usize) -> MapBuilder {
        MapBuilder { variant, pairs: Vec::with_capacity(len.min(4096)), pending_key: None }
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TermError> {
        self.pairs.push((Term::atom(key), value.serialize(TermSerializer)?));
        Ok(())
    }
    fn finish(mut self) -> Term {
        sort_map_pairs(&mut self.pairs);
        let map = Term::Map(self.pairs);
        match self.variant {
            Some(variant) => tagged(variant, vec![map]),
            None => map,
        }
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TermError> {
        self.pending_key = Some(key.serialize(TermSerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TermError> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| TermError::Message("map value serialized before its key".into()))?;
        self.pairs.push((key, value.serialize(TermSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TermError> {
        self.field(key, value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for MapBuilder {
    type Ok = Term;
    type Error = TermError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), TermError> {
        self.field(key, value)
    }
    fn end(self) -> Result<Term, TermError> {
        Ok(self.finish())
    }
}

/// A serializer that succeeds only for `()`, without looking inside anything else.
struct UnitProbe;

fn not_unit<T>() -> Result<T, TermError> {
    Err(TermError::Message(String::new()))
}

impl ser::Serializer for UnitProbe {
    type Ok = ();
    type Error = TermError;
    type SerializeSeq = ser::Impossible<(), TermError>;
    type SerializeTuple = ser::Impossible<(), TermError>;
    type SerializeTupleStruct = ser::Impossible<(), TermError>;
    type SerializeTupleVariant = ser::Impossible<(), TermError>;
    type SerializeMap = ser::Impossible<(), TermError>;
    type SerializeStruct = ser::Impossible<(), TermError>;
    type SerializeStructVariant = ser::Impossible<(), TermError>;

    fn serialize_unit(self) -> Result<(), TermError> {
        Ok(())
    }
    fn serialize_bool(self, _: bool) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_i8(self, _: i8) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_i16(self, _: i16) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_i32(self, _: i32) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_i64(self, _: i64) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_u8(self, _: u8) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_u16(self, _: u16) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_u32(self, _: u32) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_u64(self, _: u64) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_f32(self, _: f32) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_f64(self, _: f64) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_char(self, _: char) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_str(self, _: &str) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_none(self) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), TermError> {
        not_unit()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, TermError> {
        not_unit()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, TermError> {
        not_unit()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, TermError> {
        not_unit()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TermError> {
        not_unit()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, TermError> {
        not_unit()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, TermError> {
        not_unit()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TermError> {
        not_unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::HashMap;

    #[derive(Serialize)]
    struct Pop;

    #[derive(Serialize)]
    enum Msg {
        Pop,
        AddEntry { date: Date, title: String },
        Push(i64),
        Put(String, i64),
    }

    #[derive(Serialize)]
    struct Entry {
        title: String,
        date: Date,
    }

    fn show<T: Serialize + ?Sized>(v: &T) -> String {
        to_term(v).to_string()
    }

    #[test]
    fn unit_structs_and_unit_variants_become_snake_case_atoms() {
        assert_eq!(show(&Pop), ":pop");
        assert_eq!(show(&Msg::Pop), ":pop");
    }

    #[test]
    fn data_carrying_variants_become_tagged_tuples() {
        assert_eq!(show(&Msg::Push(1)), "{:push, 1}");
        assert_eq!(show(&Msg::Put("k".into(), 2)), "{:put, \"k\", 2}");
        let add = Msg::AddEntry { date: Date::new(2024, 1, 22), title: "Buy milk".into() };
        assert_eq!(show(&add), "{:add_entry, %{date: ~D[2024-01-22], title: \"Buy milk\"}}");
    }

    #[test]
    fn structs_become_maps_with_atom_keys() {
        let e = Entry { title: "Buy milk".into(), date: Date::new(2024, 1, 22) };
        assert_eq!(show(&e), "%{date: ~D[2024-01-22], title: \"Buy milk\"}");
    }

    #[test]
    fn unit_and_none_are_nil_and_some_is_transparent() {
        assert_eq!(show(&()), "nil");
        assert_eq!(show(&None::<i32>), "nil");
        assert_eq!(show(&Some(3)), "3");
    }

    #[test]
    fn results_follow_the_ok_error_tuple_idiom() {
        assert_eq!(show(&Ok::<i32, String>(1)), "{:ok, 1}");
        assert_eq!(show(&Err::<i32, String>("nope".into())), "{:error, \"nope\"}");
        assert_eq!(show(&Ok::<(), String>(())), ":ok");
        assert_eq!(show(&Err::<i32, ()>(())), ":error");
        assert_eq!(show(&Ok::<Option<i32>, ()>(None)), "{:ok, nil}");
    }

    #[test]
    fn scalars_map_to_their_elixir_counterparts() {
        assert_eq!(show(&true), "true");
        assert_eq!(show(&"Buy milk"), "\"Buy milk\"");
        assert_eq!(show(&'é'), "\"é\"");
        assert_eq!(show(&1.5f64), "1.5");
        assert_eq!(show(&0.1f32), "0.1");
        assert_eq!(show(&vec![1, 2]), "[1, 2]");
        assert_eq!(show(&(1, "a")), "{1, \"a\"}");
        assert_eq!(show(&(u64::MAX - 1)), "18446744073709551614");
        assert!(matches!(to_term(&u64::MAX), Term::BigInt(_)));
        assert_eq!(show(&i128::MIN), "-170141183460469231731687303715884105728");
        assert_eq!(to_term(&(i64::MAX as u64)), Term::Int(i64::MAX));
    }

    #[test]
    fn hash_maps_become_sorted_maps() {
        let m: HashMap<String, i32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
        assert_eq!(
            to_term(&m),
            Term::Map(vec![(Term::string("a"), Term::Int(1)), (Term::string("b"), Term::Int(2))])
        );
        let Ok(pairs) = to_term(&m).into_map() else { panic!() };
        assert_eq!(pairs[0].0, Term::string("a"));
    }

    #[test]
    fn a_term_serializes_to_itself() {
        let t = Term::tuple([
            Term::atom("reply"),
            Term::Ref(u64::MAX),
            Term::Fun("f".into()),
            Term::Binary(vec![255]),
            Term::list([Term::Float(1.5), Term::Pid(Pid { id: 1, index: 2 })]),
            Term::map([(Term::string("k"), Term::nil())]),
        ]);
        assert_eq!(to_term(&t), t);
    }

    #[test]
    fn marker_newtypes_become_pids_atoms_and_dates() {
        let pid = Pid { id: 42, index: 3 };
        assert_eq!(to_term(&pid), Term::Pid(pid));
        assert_eq!(show(&crate::term::Atom::new("ok")), ":ok");
        assert_eq!(to_term(&Date::new(2024, 1, 22)), Term::date(2024, 1, 22));
    }
}
