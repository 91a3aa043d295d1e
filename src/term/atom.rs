//! [`Atom`]: a Rust value that becomes an Elixir atom.
//!
//! Rust strings become Elixir binaries (`"ok"`), so a field that should show as `:ok` (a
//! status, a registered name, a module) needs its own type. `Atom` serializes as a newtype
//! struct named [`ATOM_MARKER`], the same trick [`crate::runtime::Pid`] uses: the term
//! serializer recognises the marker and emits `Term::Atom`, while any other serde format
//! (JSON for storage, say) sees a plain string.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// Serde newtype-struct name that marks an [`Atom`] for the term serializer and deserializer.
pub const ATOM_MARKER: &str = "__otp_playground_atom__";

/// An Elixir atom. `Atom::new("ok")` is `:ok`; `Atom::new("Elixir.Date")` is the module `Date`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub String);

impl Atom {
    pub fn new(name: &str) -> Atom {
        Atom(name.to_string())
    }

    /// The atom's text, without the leading colon.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Atom {
    fn from(name: &str) -> Atom {
        Atom::new(name)
    }
}

impl fmt::Display for Atom {
    /// Elixir syntax: `:ok`, `nil`, `Date`, `:"with space"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::term::render::write_atom(f, &self.0)
    }
}

impl Serialize for Atom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(ATOM_MARKER, self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Atom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Atom, D::Error> {
        struct AtomVisitor;
        impl<'de> Visitor<'de> for AtomVisitor {
            type Value = Atom;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an atom")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Atom, D::Error> {
                String::deserialize(d).map(Atom)
            }
            // Formats without newtype structs (JSON) hand the bare string.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Atom, E> {
                Ok(Atom::new(v))
            }
        }
        d.deserialize_newtype_struct(ATOM_MARKER, AtomVisitor)
    }
}
