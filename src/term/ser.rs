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
//! - Integers outside `i64` are an error rather than silently saturated or rounded: a wrong
//!   number on screen is worse than a visible failure (see [`to_term`]).
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

use serde::ser::{self, Serialize, SerializeTuple, Serializer};

use super::naming::snake_case;
use super::order::sort_map_pairs;
use super::{Term, TermError, ATOM_MARKER, DATE_MARKER, Date};
use crate::runtime::{Pid, PID_MARKER};

/// Serde newtype-struct name of a [`Term::Ref`] (around its `u64`).
pub(crate) const REF_MARKER: &str = "__otp_playground_ref__";
/// Serde newtype-struct name of a [`Term::Fun`] (around its name).
pub(crate) const FUN_MARKER: &str = "__otp_playground_fun__";

impl Serialize for Term {
    /// Serializes so that [`to_term`] rebuilds the same term.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Term::Atom(name) => s.serialize_newtype_struct(ATOM_MARKER, name.as_str()),
            Term::Int(n) => s.serialize_i64(*n),
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
}

/// Converts any `Serialize` value into a [`Term`]; never panics.
///
/// A value that cannot be represented (an integer beyond `i64`, or an error raised by a
/// hand-written `Serialize` impl) becomes `{:to_term_error, "reason"}`, so the UI shows the
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

fn int<N: TryInto<i64> + ToString + Copy>(n: N) -> Result<Term, TermError> {
    n.try_into().map(Term::Int).map_err(|_| TermError::IntegerOutOfRange(n.to_string()))
}

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
        int(v)
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
        int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Term, TermError> {
        int(v)
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
        let inner = value.serialize(TermSerializer)?;
        let bad = || TermError::Message(format!("malformed {name} marker value"));
        match name {
            PID_MARKER => match inner {
                Term::Tuple(items) => match items.as_slice() {
                    [Term::Int(id), Term::Int(index)] => Ok(Term::Pid(Pid {
                        id: u32::try_from(*id).map_err(|_| bad())?,
                        index: u32::try_from(*index).map_err(|_| bad())?,
                    })),
                    _ => Err(bad()),
                },
                _ => Err(bad()),
            },
            ATOM_MARKER => match inner {
                Term::Binary(bytes) => String::from_utf8(bytes).map(Term::Atom).map_err(|_| bad()),
                _ => Err(bad()),
            },
            DATE_MARKER => match inner {
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
            REF_MARKER => match inner {
                Term::Int(n) => Ok(Term::Ref(n as u64)),
                _ => Err(bad()),
            },
            FUN_MARKER => match inner {
                Term::Binary(bytes) => String::from_utf8(bytes).map(Term::Fun).map_err(|_| bad()),
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
        assert_eq!(show(&(u64::MAX - 1)), "{:to_term_error, \"integer 18446744073709551614 does not fit in a 64-bit signed integer\"}");
        assert!(matches!(try_to_term(&u64::MAX), Err(TermError::IntegerOutOfRange(_))));
        assert_eq!(to_term(&(i64::MAX as u64)), Term::Int(i64::MAX));
    }

    #[test]
    fn hash_maps_become_sorted_maps() {
        let m: HashMap<String, i32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
        assert_eq!(
            to_term(&m),
            Term::Map(vec![(Term::string("a"), Term::Int(1)), (Term::string("b"), Term::Int(2))])
        );
        let Term::Map(pairs) = to_term(&m) else { panic!() };
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
