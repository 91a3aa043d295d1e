//! [`Value`] ↔ [`Term`] at the boundaries (messages to Rust processes, ETF, the UI), and the
//! text conversions that go through the term model: `inspect` uses `crate::term`'s renderer,
//! so interpreted and Rust-written processes print values the same way.
//!

use crate::runtime::Pid;
use crate::term::{InspectOpts, Term};

use super::atom::Atom;
use super::exception::Raise;
use super::value::{FunRef, Value};

thread_local! {
    /// The field order of each struct module defined so far (`defstruct` order).
    static STRUCT_ORDER: std::cell::RefCell<rustc_hash::FxHashMap<Atom, std::rc::Rc<Vec<Atom>>>> = Default::default();
}

/// Records the definition order of a struct's fields (the machine calls this on `defmodule`).
pub fn register_struct_order(module: Atom, fields: &[Atom]) {
    STRUCT_ORDER.with(|o| o.borrow_mut().insert(module, std::rc::Rc::new(fields.to_vec())));
}

fn struct_order(module: Atom) -> Option<std::rc::Rc<Vec<Atom>>> {
    STRUCT_ORDER.with(|o| o.borrow().get(&module).cloned())
}

/// A value as a term (for a message to a Rust process, `term_to_binary`, the inspector).
pub fn to_term(v: &Value) -> Term {
    match v {
        Value::Int(i) => Term::Int(*i),
        Value::Float(f) => Term::Float(*f),
        Value::Atom(a) => Term::Atom(a.name().to_string()),
        Value::Nil => Term::List(Vec::new()),
        Value::BigInt(b) => Term::BigInt((**b).clone()),
        Value::Binary(b) => Term::Binary(b.as_bytes().to_vec()),
        Value::Cons(_) => {
            let mut items = Vec::new();
            let mut it = v.list_iter();
            for x in it.by_ref() {
                items.push(to_term(x));
            }
            match it.rest() {
                Value::Nil => Term::List(items),
                tail => Term::ImproperList(items, Box::new(to_term(tail))),
            }
        }
        Value::Tuple(t) => Term::Tuple(t.0.iter().map(to_term).collect()),
        Value::Map(m) => {
            let mut pairs: Vec<(Term, Term)> = m.0.iter().map(|(k, v)| (to_term(k), to_term(v))).collect();
            if let Some(order) = v.struct_name().and_then(struct_order) {
                // Structs print their fields in definition order, as Elixir does.
                let rank = |t: &Term| match t {
                    Term::Atom(a) => order.iter().position(|f| &*f.name() == a.as_str()).unwrap_or(usize::MAX),
                    _ => usize::MAX,
                };
                pairs.sort_by_key(|(k, _)| rank(k));
            }
            Term::Map(pairs)
        }
        Value::Pid(p) => Term::Pid(Pid { id: *p as u32, index: (*p >> 32) as u32 }),
        Value::Ref(r) => Term::Ref(*r),
        Value::Fun(c) => Term::Fun(match &c.fun {
            FunRef::Lambda(l, _) => format!("{}.{}/{}", l.code.module.module_name(), l.code.name.name(), c.arity()),
            FunRef::Capture { module, name, arity } => format!("&{}.{}/{arity}", module.module_name(), name.name()),
        }),
    }
}

/// A term as a value (a message from a Rust process, `binary_to_term`).
pub fn from_term(t: &Term) -> Value {
    match t {
        Term::Atom(a) => Value::Atom(Atom::intern(a)),
        Term::Int(i) => Value::Int(*i),
        Term::Float(f) => Value::Float(*f),
        Term::Binary(b) => Value::bytes(b.clone()),
        Term::Tuple(items) => Value::tuple(items.iter().map(from_term).collect()),
        Term::List(items) => Value::list(items.iter().map(from_term).collect::<Vec<_>>()),
        Term::Map(pairs) => Value::map(pairs.iter().map(|(k, v)| (from_term(k), from_term(v)))),
        Term::Pid(p) => Value::Pid(p.id as u64 | ((p.index as u64) << 32)),
        Term::Ref(r) => Value::Ref(*r),
        Term::Fun(name) => Value::string(name),
        Term::BigInt(b) => Value::from_bigint(b.clone()),
        Term::ImproperList(items, tail) => Value::list_with_tail(items.iter().map(from_term).collect::<Vec<_>>(), from_term(tail)),
    }
}

/// `inspect/1`: one line, Elixir 1.14's text.
pub fn inspect(v: &Value) -> String {
    crate::term::inspect(&to_term(v), &InspectOpts::default())
}

/// `inspect/2` and `IO.inspect/2` with their options (`pretty`, `width`, `limit`,
/// `printable_limit`, `charlists`) read from a keyword list.
pub fn inspect_with(v: &Value, opts: &Value, mut base: InspectOpts) -> String {
    for pair in opts.list_iter() {
        let Some([k, val]) = pair.as_tuple() else { continue };
        let Some(k) = k.as_atom() else { continue };
        let limit = |val: &Value| match val {
            Value::Int(n) if *n >= 0 => Some(*n as usize),
            _ => None,
        };
        match &*k.name() {
            "pretty" => base.pretty = val.is_truthy(),
            "width" => base.width = limit(val).unwrap_or(usize::MAX / 2),
            "limit" => base.limit = limit(val),
            "printable_limit" => base.printable_limit = limit(val),
            "charlists" => {
                if val.is_atom(Atom::intern("as_lists")) {
                    base.charlists = crate::term::Charlists::AsLists;
                } else if val.is_atom(Atom::intern("infer")) {
                    base.charlists = crate::term::Charlists::Infer;
                }
            }
            _ => {}
        }
    }
    crate::term::inspect(&to_term(v), &base)
}

/// `IO.inspect/1`: laid out in `width` columns.
pub fn inspect_pretty(v: &Value, width: usize) -> String {
    crate::term::inspect(&to_term(v), &InspectOpts { width, ..InspectOpts::io_inspect() })
}

/// `to_string/1` (String.Chars) as bytes: strings as they are, atoms by name (`nil` → ""),
/// numbers as `inspect` prints them, lists as chardata.
pub fn to_string(v: &Value) -> Result<Vec<u8>, Raise> {
    Ok(match v {
        Value::Binary(b) => b.as_bytes().to_vec(),
        Value::Atom(a) if *a == Atom::NIL => Vec::new(),
        Value::Atom(a) => a.name().as_bytes().to_vec(),
        Value::Int(i) => i.to_string().into_bytes(),
        Value::BigInt(b) => b.to_string().into_bytes(),
        Value::Float(_) => inspect(v).into_bytes(),
        Value::Nil | Value::Cons(_) => {
            let mut out = Vec::new();
            chardata(v, &mut out)?;
            out
        }
        _ => {
            return Err(Raise::exception(
                "Protocol.UndefinedError",
                &[("message", Value::string(&format!("protocol String.Chars not implemented for {} of type {}", inspect(v), super::kernel::type_name(v))))],
            ));
        }
    })
}

/// Appends chardata (codepoints, binaries, nested lists) as UTF-8; iterative over the list
/// spine, recursive only into nested lists.
fn chardata(v: &Value, out: &mut Vec<u8>) -> Result<(), Raise> {
    let mut it = v.list_iter();
    for x in it.by_ref() {
        match x {
            Value::Int(c) => match char::from_u32(*c as u32) {
                Some(ch) if *c >= 0 => {
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => return Err(Raise::argument_error(&format!("cannot convert the given list to a string.\n\nTo be converted to a string, a list must either be empty or only\ncontain the following elements:\n\n  * strings\n  * integers representing Unicode code points\n  * a list containing one of these three elements\n\nPlease check the given list or call inspect/1 to get the list representation, got:\n\n{}\n", inspect(v)))),
            },
            Value::Binary(b) => out.extend_from_slice(b.as_bytes()),
            Value::Nil | Value::Cons(_) => chardata(x, out)?,
            _ => return Err(Raise::argument_error(&format!("cannot convert the given list to a string, got: {}", inspect(v)))),
        }
    }
    match it.rest() {
        Value::Nil => Ok(()),
        Value::Binary(b) => {
            out.extend_from_slice(b.as_bytes());
            Ok(())
        }
        _ => Err(Raise::argument_error("cannot convert the given list to a string")),
    }
}
