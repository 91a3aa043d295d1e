//! [`Date`]: a calendar date that becomes Elixir's `%Date{}` struct, shown as `~D[2024-01-22]`.
//!
//! On the BEAM a date is the map
//! `%{__struct__: Date, calendar: Calendar.ISO, year: 2024, month: 1, day: 22}` whose module
//! values are the atoms `Elixir.Date` and `Elixir.Calendar.ISO` (checked against
//! `:erlang.term_to_binary(~D[2024-01-22])`), so that is the [`Term`] we build: it renders as
//! `~D[...]`, hashes and encodes exactly like Elixir's. Like [`crate::term::Atom`], `Date`
//! serializes as a marker newtype ([`DATE_MARKER`]) around `(year, month, day)`; other serde
//! formats see the plain triple.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::Term;

/// Serde newtype-struct name that marks a [`Date`] for the term serializer and deserializer.
pub const DATE_MARKER: &str = "__otp_playground_date__";

/// A date in the ISO calendar. Fields are not validated: Elixir's own `~D` sigil would refuse
/// `2024-13-40`, but rendering and encoding such a value is harmless.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// The Elixir struct: `%{__struct__: Date, calendar: Calendar.ISO, day:, month:, year:}`,
    /// keys in term order (as the BEAM stores a small map).
    pub fn to_term(self) -> Term {
        Term::Map(vec![
            (Term::atom("__struct__"), Term::atom("Elixir.Date")),
            (Term::atom("calendar"), Term::atom("Elixir.Calendar.ISO")),
            (Term::atom("day"), Term::Int(self.day.into())),
            (Term::atom("month"), Term::Int(self.month.into())),
            (Term::atom("year"), Term::Int(self.year.into())),
        ])
    }

    /// The date in `term` if it is an ISO-calendar `%Date{}` struct with in-range fields.
    pub fn from_term(term: &Term) -> Option<Date> {
        let Term::Map(pairs) = term else { return None };
        if pairs.len() != 5 {
            return None;
        }
        let get = |key: &str| pairs.iter().find(|(k, _)| k.is_atom(key)).map(|(_, v)| v);
        if !get("__struct__")?.is_atom("Elixir.Date") || !get("calendar")?.is_atom("Elixir.Calendar.ISO") {
            return None;
        }
        let int = |key: &str| match get(key) {
            Some(Term::Int(n)) => Some(*n),
            _ => None,
        };
        Some(Date {
            year: int("year")?.try_into().ok()?,
            month: int("month")?.try_into().ok()?,
            day: int("day")?.try_into().ok()?,
        })
    }
}

impl fmt::Display for Date {
    /// `~D[2024-01-22]`; years are zero-padded to four digits (`~D[0099-12-31]`,
    /// `~D[-0001-01-01]`), as Elixir prints them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.year < 0 { "-" } else { "" };
        write!(f, "~D[{sign}{:04}-{:02}-{:02}]", self.year.unsigned_abs(), self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(DATE_MARKER, &(self.year, self.month, self.day))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Date, D::Error> {
                let (year, month, day) = <(i32, u8, u8)>::deserialize(d)?;
                Ok(Date { year, month, day })
            }
            // Formats without newtype structs (JSON) hand the bare triple.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Date, A::Error> {
                let (year, month, day) =
                    <(i32, u8, u8)>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Date { year, month, day })
            }
        }
        d.deserialize_newtype_struct(DATE_MARKER, DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_renders_as_the_d_sigil() {
        assert_eq!(Date::new(2024, 1, 22).to_string(), "~D[2024-01-22]");
        assert_eq!(Date::new(99, 12, 31).to_string(), "~D[0099-12-31]");
        assert_eq!(Date::new(-1, 1, 1).to_string(), "~D[-0001-01-01]");
    }

    #[test]
    fn a_date_term_reads_back_as_the_same_date() {
        let d = Date::new(2024, 1, 22);
        assert_eq!(Date::from_term(&d.to_term()), Some(d));
        assert_eq!(Date::from_term(&Term::Int(1)), None);
    }
}
