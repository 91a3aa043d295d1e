//! [`from_term`]: a serde `Deserializer` that reads a Rust value out of a [`Term`], the inverse
//! of [`crate::term::to_term`] (so an in-page Elixir shell can turn `{:push, 1}` back into
//! `Msg::Push(1)`).
//!
//! It accepts what `to_term` produces, with a few deliberate leniencies and strictnesses:
//! - An enum variant is found by its snake_case atom (`:add_entry` → `AddEntry`) or by its
//!   exact name. `:ok`/`{:ok, x}`/`:error`/`{:error, e}` read as `Result`.
//! - A bare atom also reads as a variant whose payload accepts `nil` (`:ok` → `Ok(())`).
//! - Struct fields may be atom or string keys (`%{"title" => ...}` as well as `%{title: ...}`).
//! - Floats accept integers (`1` for `1.0`), as Elixir arithmetic would; integers do not
//!   accept floats.
//! - Strings must be binaries: an atom is not a string in Elixir either.
//! - `nil` is `None`, so `Option<Option<T>>` cannot tell `Some(None)` from `None`; and
//!   `Option<()>` reads `nil` as `None`.

use serde::de::value::{BorrowedStrDeserializer, SeqDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::naming::snake_case;
use super::ser::DepthGuard;
use super::{Date, Term, TermError, ATOM_MARKER, DATE_MARKER};
use crate::runtime::PID_MARKER;

/// Reads a `T` out of `term`; errors name what was expected and what was found.
pub fn from_term<T: DeserializeOwned>(term: &Term) -> Result<T, TermError> {
    T::deserialize(TermDeserializer(term))
}

/// Deserializes from a borrowed term.
struct TermDeserializer<'de>(&'de Term);

fn mismatch(expected: &str, found: &Term) -> TermError {
    TermError::Message(format!("expected {expected}, found {}", found.render_truncated(80)))
}

impl<'de> TermDeserializer<'de> {
    /// Any integer the visitor can take: `i64`, else (a bignum) `i128` or `u128`.
    fn visit_int<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Int(n) => visitor.visit_i64(*n),
            Term::BigInt(n) => match (i128::try_from(n), u128::try_from(n)) {
                (Ok(v), _) => visitor.visit_i128(v),
                (_, Ok(v)) => visitor.visit_u128(v),
                _ => Err(TermError::IntegerOutOfRange(n.to_string())),
            },
            other => Err(mismatch("an integer", other)),
        }
    }
    fn str(&self) -> Result<&'de str, TermError> {
        match self.0 {
            Term::Binary(b) => std::str::from_utf8(b).map_err(|_| mismatch("a UTF-8 string", self.0)),
            other => Err(mismatch("a string", other)),
        }
    }
}

macro_rules! int_methods {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
            self.visit_int(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for TermDeserializer<'de> {
    type Error = TermError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Atom(a) => match a.as_str() {
                "nil" => visitor.visit_unit(),
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                name => visitor.visit_borrowed_str(name),
            },
            Term::Int(_) | Term::BigInt(_) => self.visit_int(visitor),
            Term::ImproperList(..) => Err(mismatch("a proper list", self.0)),
            Term::Float(x) => visitor.visit_f64(*x),
            Term::Binary(b) => match std::str::from_utf8(b) {
                Ok(s) => visitor.visit_borrowed_str(s),
                Err(_) => visitor.visit_borrowed_bytes(b),
            },
            Term::Tuple(items) | Term::List(items) => visitor.visit_seq(Seq(items.iter())),
            Term::Map(pairs) => visitor.visit_map(Map { pairs: pairs.iter(), value: None }),
            Term::Pid(pid) => visitor.visit_seq(SeqDeserializer::new([pid.id, pid.index].into_iter())),
            Term::Ref(n) => visitor.visit_u64(*n),
            Term::Fun(name) => visitor.visit_borrowed_str(name),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Atom(a) if a == "true" => visitor.visit_bool(true),
            Term::Atom(a) if a == "false" => visitor.visit_bool(false),
            other => Err(mismatch("true or false", other)),
        }
    }

    int_methods!(
        deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64, deserialize_i128, deserialize_u8,
        deserialize_u16, deserialize_u32, deserialize_u64, deserialize_u128
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Float(x) => visitor.visit_f64(*x),
            Term::Int(n) => visitor.visit_f64(*n as f64),
            other => Err(mismatch("a float", other)),
        }
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        let s = self.str()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(mismatch("a one-character string", self.0)),
        }
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Binary(b) => visitor.visit_borrowed_bytes(b),
            other => Err(mismatch("a binary", other)),
        }
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        if self.0.is_atom("nil") { visitor.visit_none() } else { visitor.visit_some(self) }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        if self.0.is_atom("nil") { visitor.visit_unit() } else { Err(mismatch("nil", self.0)) }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Atom(a) if *a == snake_case(name) || a == name => visitor.visit_unit(),
            other => Err(mismatch(&format!(":{}", snake_case(name)), other)),
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, TermError> {
        match (name, self.0) {
            (PID_MARKER, Term::Pid(pid)) => {
                visitor.visit_newtype_struct(SeqDeserializer::new([pid.id, pid.index].into_iter()))
            }
            (PID_MARKER, other) => Err(mismatch("a pid", other)),
            (ATOM_MARKER, Term::Atom(a)) => visitor.visit_newtype_struct(BorrowedStrDeserializer::new(a)),
            (ATOM_MARKER, other) => Err(mismatch("an atom", other)),
            (DATE_MARKER, term) => match Date::from_term(term) {
                Some(d) => visitor.visit_newtype_struct(SeqDeserializer::new(
                    [i64::from(d.year), d.month.into(), d.day.into()].into_iter(),
                )),
                None => Err(mismatch("a date", term)),
            },
            _ => visitor.visit_newtype_struct(self),
        }
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::List(items) => visitor.visit_seq(Seq(items.iter())),
            other => Err(mismatch("a list", other)),
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Tuple(items) if items.len() == len => visitor.visit_seq(Seq(items.iter())),
            other => Err(mismatch(&format!("a tuple of {len}"), other)),
        }
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TermError> {
        self.deserialize_tuple(len, visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Map(pairs) => visitor.visit_map(Map { pairs: pairs.iter(), value: None }),
            other => Err(mismatch("a map", other)),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TermError> {
        self.deserialize_map(visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TermError> {
        let (tag, payload) = match self.0 {
            Term::Atom(a) => (a, Payload::None),
            Term::Tuple(items) => match items.split_first() {
                Some((Term::Atom(a), [one])) => (a, Payload::One(one)),
                Some((Term::Atom(a), rest)) => (a, Payload::Many(rest)),
                _ => return Err(mismatch("an atom or a tuple tagged with an atom", self.0)),
            },
            other => return Err(mismatch("an atom or a tuple tagged with an atom", other)),
        };
        let variant = find_variant(name, variants, tag)
            .ok_or_else(|| TermError::UnknownVariant { enum_name: name.to_string(), atom: format!(":{tag}") })?;
        visitor.visit_enum(Enum { variant, payload })
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        match self.0 {
            Term::Atom(a) => visitor.visit_borrowed_str(a),
            Term::Binary(_) => visitor.visit_borrowed_str(self.str()?),
            Term::Int(n) if *n >= 0 => visitor.visit_u64(*n as u64),
            other => Err(mismatch("a field name", other)),
        }
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        visitor.visit_unit()
    }
}

/// The Rust variant an atom names: `Result`'s `:ok`/`:error`, else snake_case or exact match.
fn find_variant(name: &str, variants: &'static [&'static str], tag: &str) -> Option<&'static str> {
    if name == "Result" {
        match tag {
            "ok" => return variants.iter().copied().find(|v| *v == "Ok"),
            "error" => return variants.iter().copied().find(|v| *v == "Err"),
            _ => {}
        }
    }
    variants.iter().copied().find(|v| snake_case(v) == tag).or_else(|| variants.iter().copied().find(|v| *v == tag))
}

struct Seq<'de>(std::slice::Iter<'de, Term>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = TermError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, TermError> {
        let _guard = DepthGuard::enter()?;
        self.0.next().map(|t| seed.deserialize(TermDeserializer(t))).transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'de> {
    pairs: std::slice::Iter<'de, (Term, Term)>,
    value: Option<&'de Term>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = TermError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TermError> {
        match self.pairs.next() {
            Some((k, v)) => {
                self.value = Some(v);
                let _guard = DepthGuard::enter()?;
                seed.deserialize(TermDeserializer(k)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TermError> {
        let v = self.value.take().ok_or_else(|| TermError::Message("map value read before its key".into()))?;
        let _guard = DepthGuard::enter()?;
        seed.deserialize(TermDeserializer(v))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// What follows the tag: nothing (`:pop`), one term (`{:push, 1}`) or several (`{:put, k, v}`).
enum Payload<'de> {
    None,
    One(&'de Term),
    Many(&'de [Term]),
}

struct Enum<'de> {
    variant: &'static str,
    payload: Payload<'de>,
}

impl<'de> EnumAccess<'de> for Enum<'de> {
    type Error = TermError;
    type Variant = Payload<'de>;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Payload<'de>), TermError> {
        let de: BorrowedStrDeserializer<'de, TermError> = BorrowedStrDeserializer::new(self.variant);
        Ok((seed.deserialize(de)?, self.payload))
    }
}

impl<'de> VariantAccess<'de> for Payload<'de> {
    type Error = TermError;
    fn unit_variant(self) -> Result<(), TermError> {
        match self {
            Payload::None => Ok(()),
            _ => Err(TermError::Message("expected a bare atom for a variant without data".into())),
        }
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, TermError> {
        match self {
            // `:ok` for `Ok(())`: the payload reads as nil.
            Payload::None => seed.deserialize(Nil),
            Payload::One(t) => {
                let _guard = DepthGuard::enter()?;
                seed.deserialize(TermDeserializer(t))
            }
            Payload::Many(items) => Err(TermError::Message(format!(
                "expected one value after the tag, found {}",
                items.len()
            ))),
        }
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, TermError> {
        let items: &[Term] = match self {
            Payload::None => &[],
            Payload::One(t) => std::slice::from_ref(t),
            Payload::Many(items) => items,
        };
        if items.len() != len {
            return Err(TermError::Message(format!("expected {len} values after the tag, found {}", items.len())));
        }
        visitor.visit_seq(Seq(items.iter()))
    }
    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, TermError> {
        match self {
            Payload::One(t) => TermDeserializer(t).deserialize_map(visitor),
            _ => Err(TermError::Message("expected a map after the tag".into())),
        }
    }
}

/// Deserializes as `nil`: the payload of a variant written as a bare atom.
struct Nil;

impl<'de> Deserializer<'de> for Nil {
    type Error = TermError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        visitor.visit_unit()
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TermError> {
        visitor.visit_none()
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Pid;
    use crate::term::{to_term, Atom};
    use serde::{Deserialize, Serialize};
    use std::collections::{BTreeMap, HashMap};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Pop;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    enum Msg {
        Pop,
        Push(i64),
        Put(String, f64),
        AddEntry { date: Date, title: String },
        Empty(),
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct State {
        name: String,
        count: u32,
        owner: Option<Pid>,
        tags: Vec<Atom>,
        scores: BTreeMap<String, f64>,
        entries: HashMap<u32, (String, bool)>,
    }

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let term = to_term(&value);
        let back: T = from_term(&term).unwrap_or_else(|e| panic!("{term}: {e}"));
        assert_eq!(back, value, "via {term}");
    }

    #[test]
    fn every_shape_of_message_round_trips() {
        round_trip(Msg::Pop);
        round_trip(Msg::Push(-7));
        round_trip(Msg::Put("k".into(), 2.5));
        round_trip(Msg::AddEntry { date: Date::new(2024, 1, 22), title: "Buy milk".into() });
        round_trip(Msg::Empty());
        round_trip(Pop);
    }

    #[test]
    fn a_state_struct_round_trips() {
        round_trip(State {
            name: "Bob's list".into(),
            count: 3,
            owner: Some(Pid { id: 42, index: 1 }),
            tags: vec![Atom::new("urgent")],
            scores: [("Alice".to_string(), 9.5)].into(),
            entries: [(1, ("Buy milk".to_string(), false))].into(),
        });
    }

    #[test]
    fn results_and_options_round_trip() {
        round_trip(Ok::<(), String>(()));
        round_trip(Err::<(), String>("nope".into()));
        round_trip(Ok::<i32, ()>(5));
        round_trip(Err::<i32, ()>(()));
        round_trip(Some(3));
        round_trip(None::<i32>);
        round_trip(Some("x".to_string()));
    }

    #[test]
    fn variants_are_read_from_snake_case_atoms_typed_by_hand() {
        let t = Term::tuple([Term::atom("push"), Term::Int(1)]);
        assert_eq!(from_term::<Msg>(&t), Ok(Msg::Push(1)));
        assert_eq!(from_term::<Msg>(&Term::atom("pop")), Ok(Msg::Pop));
        let err = from_term::<Msg>(&Term::atom("shove")).unwrap_err();
        assert_eq!(err, TermError::UnknownVariant { enum_name: "Msg".into(), atom: ":shove".into() });
    }

    #[test]
    fn struct_fields_may_be_string_keys_and_floats_accept_integers() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct P {
            x: f64,
        }
        let t = Term::map([(Term::string("x"), Term::Int(2))]);
        assert_eq!(from_term::<P>(&t), Ok(P { x: 2.0 }));
    }

    #[test]
    fn mismatches_say_what_was_expected_and_found() {
        let err = from_term::<String>(&Term::atom("hello")).unwrap_err();
        assert_eq!(err.to_string(), "expected a string, found :hello");
        let err = from_term::<u8>(&Term::Int(300)).unwrap_err();
        assert!(err.to_string().contains("300"), "{err}");
    }
}
