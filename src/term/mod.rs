//! The Elixir-term model: what messages and states look like to a learner.
//!
//! Every message and state in the playground is a typed Rust value that implements
//! `serde::Serialize`; [`to_term`] turns it into a [`Term`], which renders in Elixir syntax
//! (`{:add_entry, %{date: ~D[2024-01-22], title: "Buy milk"}}`, `#PID<0.42.0>`).

use crate::runtime::Pid;

/// An Elixir term.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// `:ok`, `nil`, `true`, `false` (nil and booleans are atoms, as on the BEAM).
    Atom(String),
    Int(i64),
    Float(f64),
    /// An Elixir string or any other binary.
    Binary(Vec<u8>),
    Tuple(Vec<Term>),
    List(Vec<Term>),
    /// Key-value pairs in insertion order; rendering and hashing sort them as the BEAM does.
    Map(Vec<(Term, Term)>),
    Pid(Pid),
    /// `#Reference<0.0.0.N>`: monitor and timer references.
    Ref(u64),
    /// A function: shown as `#Function<name>`, never compared or hashed.
    Fun(String),
}

impl Term {
    pub fn atom(name: &str) -> Term {
        Term::Atom(name.to_string())
    }
}
