//! The standard library: natives (first-order functions, in Rust) one file per Elixir module,
//! each with a `register` function called from [`register_all`], and the prelude
//! ([`PRELUDE`]): the higher-order functions, written in Elixir and compiled by our own
//! compiler, because a native never calls back into interpreted code (see `native.rs`).
//!
//! A module can have both: `Enum.sum/1` is a native, `Enum.map/2` is prelude Elixir. The two
//! never define the same name/arity.

mod access;
mod enums;
mod erlang;
mod lists;
mod map;
mod mapset;
mod numbers;
mod sigils;
mod string;
#[cfg(test)]
mod tests;

use super::atom::Atom;
use super::convert::inspect;
use super::exception::Raise;
use super::kernel::range_bounds;
use super::native::Registry;
use super::value::Value;

/// The prelude's Elixir source, one file per module: `(file name, source)`.
pub const PRELUDE: &[(&str, &str)] = &[
    ("enum.ex", include_str!("prelude/enum.ex")),
    ("map.ex", include_str!("prelude/map.ex")),
    ("list.ex", include_str!("prelude/list.ex")),
    ("keyword.ex", include_str!("prelude/keyword.ex")),
    ("stream.ex", include_str!("prelude/stream.ex")),
    ("mapset.ex", include_str!("prelude/mapset.ex")),
    ("access.ex", include_str!("prelude/access.ex")),
    ("regex.ex", include_str!("prelude/regex.ex")),
];

/// Registers every stdlib module's natives.
pub fn register_all(reg: &mut Registry) {
    string::register(reg);
    numbers::register(reg);
    map::register(reg);
    lists::register(reg);
    enums::register(reg);
    mapset::register(reg);
    erlang::register(reg);
    sigils::register(reg);
    access::register(reg);
}

type R = Result<Value, Raise>;

/// `** (FunctionClauseError) no function clause matching in Module.fun/arity`.
pub(crate) fn no_clause(module: &str, fun: &str, arity: usize) -> Raise {
    Raise::exception(
        "FunctionClauseError",
        &[
            ("module", Value::Atom(Atom::module(module))),
            ("function", Value::atom(fun)),
            ("arity", Value::Int(arity as i64)),
        ],
    )
}

/// Elixir's name for a value's type in protocol errors (`of type Atom`, `of type Foo (a struct)`).
fn type_name(v: &Value) -> String {
    match v.struct_name() {
        Some(s) => format!("{} (a struct)", s.module_name()),
        None => super::kernel::type_name(v).to_string(),
    }
}

/// `** (Protocol.UndefinedError) protocol Enumerable not implemented for :a of type Atom`.
pub(crate) fn not_enumerable(v: &Value) -> Raise {
    protocol_error("Enumerable", v)
}

pub(crate) fn protocol_error(protocol: &str, v: &Value) -> Raise {
    Raise::exception(
        "Protocol.UndefinedError",
        &[
            ("protocol", Value::Atom(Atom::module(protocol))),
            ("value", v.clone()),
            (
                "message",
                Value::string(&format!("protocol {protocol} not implemented for {} of type {}", inspect(v), type_name(v))),
            ),
        ],
    )
}

/// The elements of an enumerable the natives can walk without calling functions: lists,
/// ranges, maps (as `{k, v}` pairs in key order) and MapSets.
pub(crate) fn items(v: &Value) -> Result<Vec<Value>, Raise> {
    if let Some(items) = v.list_to_vec() {
        return Ok(items);
    }
    if let Some((first, last, step)) = range_bounds(v) {
        let mut out = Vec::new();
        let mut i = first;
        while (step > 0 && i <= last) || (step < 0 && i >= last) {
            out.push(Value::Int(i));
            if out.len() > 50_000_000 {
                return Err(Raise::exception("SystemLimitError", &[]));
            }
            i += step;
        }
        return Ok(out);
    }
    if let Some(set) = mapset::members(v) {
        return Ok(set);
    }
    if let (Some(m), None) = (v.as_map(), v.struct_name()) {
        return Ok(m.iter().map(|(k, v)| Value::pair(k.clone(), v.clone())).collect());
    }
    Err(not_enumerable(v))
}

/// A non-negative index argument (`Enum.at/2`, `String.duplicate/2`).
pub(crate) fn int_arg(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        _ => None,
    }
}

/// `opts[:key]` of a keyword list.
pub(crate) fn opt(opts: &Value, key: &str) -> Option<Value> {
    super::kernel::keyword_get(opts, key)
}
