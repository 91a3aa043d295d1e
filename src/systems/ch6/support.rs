//! Small term helpers the chapter 6 servers and the key-value store share.
//!
//! Elixir maps take any term as a key and structs carry their module in `__struct__`. Rust
//! needs a type for each, so that states still render as the sheet writes them.

use std::cmp::Ordering;

use serde::{Serialize, Serializer};

use crate::scenario::expect;
use crate::term::{Term, compare_exact};

/// A map key that is any term, ordered as the BEAM orders map keys (`=:=`, integers before
/// floats), so a `BTreeMap<TermKey, _>` holds, iterates and renders like an Elixir map.
#[derive(Clone, Debug)]
pub(crate) struct TermKey(pub Term);

impl PartialEq for TermKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for TermKey {}

impl PartialOrd for TermKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TermKey {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_exact(&self.0, &other.0)
    }
}

impl Serialize for TermKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The `__struct__` field of a `defstruct` state, so the state renders as `%DatabasePool{...}`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StructName(pub &'static str);

impl Serialize for StructName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Term::Atom(format!("Elixir.{}", self.0)).serialize(s)
    }
}

/// Virtual seconds, for the sheet's `System.system_time(:second)` and
/// `System.monotonic_time(:second)`: the runtime's clock starts at 0, not at the Unix epoch.
pub(crate) fn now_seconds(ctx: &crate::runtime::Ctx) -> i64 {
    (ctx.now() / 1000) as i64
}

/// [`expect`] for a scenario line whose value is not needed afterwards.
pub(crate) fn check<T: Serialize + PartialEq + std::fmt::Debug>(ctx: &crate::runtime::Ctx, line: &str, got: T, expected: T) -> Result<(), String> {
    expect(ctx, line, got, expected).map(drop)
}
