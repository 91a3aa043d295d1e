//! [`Value`] ↔ [`Term`] at the boundaries (messages to Rust processes, ETF, the UI), and the
//! text conversions that go through the term model: `inspect` uses `crate::term`'s renderer,
//! so interpreted and Rust-written processes print values the same way.
//!
//! Until the term model holds big integers and improper lists, those convert to the closest
//! term (`Term::Fun` carrying the digits, a proper list with the tail as last element).

use crate::runtime::Pid;
use crate::term::Term;

use super::atom::Atom;
use super::exception::Raise;
use super::value::{FunRef, Value};

/// A value as a term (for a message to a Rust process, `term_to_binary`, the inspector).
pub fn to_term(v: &Value) -> Term {
    match v {
        Value::Int(i) => Term::Int(*i),
        Value::Float(f) => Term::Float(*f),
        Value::Atom(a) => Term::Atom(a.name().to_string()),
        Value::Nil => Term::List(Vec::new()),
        Value::BigInt(b) => Term::Fun(b.to_string()),
        Value::Binary(b) => Term::Binary(b.as_bytes().to_vec()),
        Value::Cons(_) => {
            let mut items = Vec::new();
            let mut it = v.list_iter();
            for x in it.by_ref() {
                items.push(to_term(x));
            }
            if !matches!(it.rest(), Value::Nil) {
                items.push(to_term(it.rest()));
            }
            Term::List(items)
        }
        Value::Tuple(t) => Term::Tuple(t.0.iter().map(to_term).collect()),
        Value::Map(m) => Term::Map(m.0.iter().map(|(k, v)| (to_term(k), to_term(v))).collect()),
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

/// `inspect/1`: one line.
pub fn inspect(v: &Value) -> String {
    if let Value::BigInt(b) = v {
        return b.to_string();
    }
    to_term(v).to_string()
}

/// `IO.inspect/1`: laid out for `width` columns.
pub fn inspect_pretty(v: &Value, width: usize) -> String {
    if let Value::BigInt(b) = v {
        return b.to_string();
    }
    to_term(v).render_pretty(width)
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
                &[("message", Value::string(&format!("protocol String.Chars not implemented for {}", inspect(v))))],
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
