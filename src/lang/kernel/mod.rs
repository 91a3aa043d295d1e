//! Kernel's natives: operators, guards, the `is_*` tests, data access, `IO`'s basics and the
//! few `:erlang` functions the compiler and the prelude use.
//!
//! Functions that take a function argument (`apply`) or raise through Elixir code (`raise`)
//! are compiled to machine instructions or written in the prelude instead.

pub mod arith;
mod basics;
mod runtime;

use std::cmp::Ordering;

use self::arith::{arith, div_rem, divide, ArithOp};
use super::atom::Atom;
use super::convert::{inspect, inspect_pretty, inspect_with, to_string};
use super::exception::{Kind, Raise};
use super::native::{Ctx, Registry};
use super::value::{Bin, Value};

type R = Result<Value, Raise>;

fn b(v: bool) -> R {
    Ok(Value::boolean(v))
}

/// Registers Kernel, IO and the `:erlang` natives.
pub fn register(reg: &mut Registry) {
    runtime::register(reg);
    basics::register(reg);
    let k = "Kernel";
    reg.add(k, "+", 2, |_, a| arith(ArithOp::Add, &a[0], &a[1]));
    reg.add(k, "-", 2, |_, a| arith(ArithOp::Sub, &a[0], &a[1]));
    reg.add(k, "*", 2, |_, a| arith(ArithOp::Mul, &a[0], &a[1]));
    reg.add(k, "/", 2, |_, a| divide(&a[0], &a[1]));
    reg.add(k, "-", 1, |_, a| arith::negate(&a[0]));
    reg.add(k, "+", 1, |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(Raise::arithmetic()) });
    reg.add(k, "div", 2, |_, a| div_rem(&a[0], &a[1], false));
    reg.add(k, "rem", 2, |_, a| div_rem(&a[0], &a[1], true));
    reg.add(k, "abs", 1, |_, a| arith::abs(&a[0]).ok_or_else(|| Raise::bad_argument(1, "not a number")));
    reg.add(k, "==", 2, |_, a| b(a[0].loose_eq(&a[1])));
    reg.add(k, "!=", 2, |_, a| b(!a[0].loose_eq(&a[1])));
    reg.add(k, "===", 2, |_, a| b(a[0] == a[1]));
    reg.add(k, "!==", 2, |_, a| b(a[0] != a[1]));
    reg.add(k, "<", 2, |_, a| b(a[0].compare(&a[1]) == Ordering::Less));
    reg.add(k, ">", 2, |_, a| b(a[0].compare(&a[1]) == Ordering::Greater));
    reg.add(k, "<=", 2, |_, a| b(a[0].compare(&a[1]) != Ordering::Greater));
    reg.add(k, ">=", 2, |_, a| b(a[0].compare(&a[1]) != Ordering::Less));
    reg.add(k, "max", 2, |_, a| Ok(if a[0].compare(&a[1]) == Ordering::Less { a[1].clone() } else { a[0].clone() }));
    reg.add(k, "min", 2, |_, a| Ok(if a[1].compare(&a[0]) == Ordering::Less { a[1].clone() } else { a[0].clone() }));
    reg.add(k, "not", 1, |_, a| match a[0].as_bool() {
        Some(v) => b(!v),
        None => Err(Raise::bad_argument(1, "not a boolean")),
    });
    reg.add(k, "!", 1, |_, a| b(!a[0].is_truthy()));
    reg.add(k, "<>", 2, |_, a| concat(&a[0], &a[1]));
    reg.add(k, "++", 2, |_, a| append(&a[0], &a[1]));
    reg.add(k, "--", 2, |_, a| subtract(&a[0], &a[1]));
    reg.add(k, "in", 2, |ctx, a| member(ctx, &a[0], &a[1]));

    reg.add(k, "is_atom", 1, |_, a| b(matches!(a[0], Value::Atom(_))));
    reg.add(k, "is_binary", 1, |_, a| b(matches!(a[0], Value::Binary(_))));
    reg.add(k, "is_bitstring", 1, |_, a| b(matches!(a[0], Value::Binary(_))));
    reg.add(k, "is_boolean", 1, |_, a| b(a[0].as_bool().is_some()));
    reg.add(k, "is_float", 1, |_, a| b(matches!(a[0], Value::Float(_))));
    reg.add(k, "is_function", 1, |_, a| b(matches!(a[0], Value::Fun(_))));
    reg.add(k, "is_function", 2, |_, a| b(matches!((&a[0], &a[1]), (Value::Fun(f), Value::Int(n)) if f.arity() as i64 == *n)));
    reg.add(k, "is_integer", 1, |_, a| b(a[0].is_integer()));
    reg.add(k, "is_list", 1, |_, a| b(a[0].is_list()));
    reg.add(k, "is_map", 1, |_, a| b(matches!(a[0], Value::Map(_))));
    reg.add(k, "is_map_key", 2, |_, a| match a[0].as_map() {
        Some(m) => b(m.contains_key(&a[1])),
        None => Err(Raise::bad_map(a[0].clone())),
    });
    reg.add(k, "is_nil", 1, |_, a| b(a[0].is_atom(Atom::NIL)));
    reg.add(k, "is_number", 1, |_, a| b(a[0].is_number()));
    reg.add(k, "is_pid", 1, |_, a| b(matches!(a[0], Value::Pid(_))));
    reg.add(k, "is_reference", 1, |_, a| b(matches!(a[0], Value::Ref(_))));
    reg.add(k, "is_tuple", 1, |_, a| b(matches!(a[0], Value::Tuple(_))));
    reg.add(k, "is_struct", 1, |_, a| b(a[0].struct_name().is_some()));
    reg.add(k, "is_struct", 2, |_, a| b(a[0].struct_name().is_some_and(|s| a[1].is_atom(s))));
    reg.add(k, "is_exception", 1, |_, a| {
        b(a[0].as_map().is_some_and(|m| m.get(&Value::Atom(Atom::EXCEPTION)).is_some_and(|v| v.is_atom(Atom::TRUE))))
    });

    reg.add(k, "elem", 2, |_, a| match (&a[0], &a[1]) {
        (Value::Tuple(t), Value::Int(i)) if *i >= 0 && (*i as usize) < t.0.len() => Ok(t.0[*i as usize].clone()),
        (Value::Tuple(_), Value::Int(_)) => Err(Raise::bad_argument(2, "out of range")),
        (Value::Tuple(_), _) => Err(Raise::bad_argument(2, "not an integer")),
        _ => Err(Raise::bad_argument(1, "not a tuple")),
    });
    reg.add(k, "put_elem", 3, |_, a| match (&a[0], &a[1]) {
        (Value::Tuple(t), Value::Int(i)) if *i >= 0 && (*i as usize) < t.0.len() => {
            let mut items = t.0.clone();
            items[*i as usize] = a[2].clone();
            Ok(Value::tuple(items))
        }
        (Value::Tuple(_), _) => Err(Raise::bad_argument(2, "out of range")),
        _ => Err(Raise::bad_argument(1, "not a tuple")),
    });
    reg.add(k, "hd", 1, |_, a| match &a[0] {
        Value::Cons(c) => Ok(c.head.clone()),
        _ => Err(Raise::bad_argument(1, "not a nonempty list")),
    });
    reg.add(k, "tl", 1, |_, a| match &a[0] {
        Value::Cons(c) => Ok(c.tail.clone()),
        _ => Err(Raise::bad_argument(1, "not a nonempty list")),
    });
    reg.add(k, "length", 1, |_, a| {
        let mut n = 0i64;
        let mut it = a[0].list_iter();
        for _ in it.by_ref() {
            n += 1;
        }
        if matches!(it.rest(), Value::Nil) { Ok(Value::Int(n)) } else { Err(Raise::bad_argument(1, "not a list")) }
    });
    reg.add(k, "map_size", 1, |_, a| match a[0].as_map() {
        Some(m) => Ok(Value::Int(m.len() as i64)),
        None => Err(Raise::bad_map(a[0].clone())),
    });
    reg.add(k, "tuple_size", 1, |_, a| match a[0].as_tuple() {
        Some(t) => Ok(Value::Int(t.len() as i64)),
        None => Err(Raise::bad_argument(1, "not a tuple")),
    });
    reg.add(k, "byte_size", 1, |_, a| match a[0].as_bytes() {
        Some(bytes) => Ok(Value::Int(bytes.len() as i64)),
        None => Err(Raise::bad_argument(1, "not a bitstring")),
    });
    reg.add(k, "round", 1, |_, a| match &a[0] {
        Value::Float(f) => Ok(arith::float_to_integer(f.round())),
        v if v.is_integer() => Ok(v.clone()),
        _ => Err(Raise::bad_argument(1, "not a number")),
    });
    reg.add(k, "trunc", 1, |_, a| match &a[0] {
        Value::Float(f) => Ok(arith::float_to_integer(f.trunc())),
        v if v.is_integer() => Ok(v.clone()),
        _ => Err(Raise::bad_argument(1, "not a number")),
    });
    reg.add(k, "floor", 1, |_, a| match &a[0] {
        Value::Float(f) => Ok(arith::float_to_integer(f.floor())),
        v if v.is_integer() => Ok(v.clone()),
        _ => Err(Raise::bad_argument(1, "not a number")),
    });
    reg.add(k, "ceil", 1, |_, a| match &a[0] {
        Value::Float(f) => Ok(arith::float_to_integer(f.ceil())),
        v if v.is_integer() => Ok(v.clone()),
        _ => Err(Raise::bad_argument(1, "not a number")),
    });
    reg.add(k, "to_string", 1, |_, a| to_string(&a[0]).map(Value::bytes));
    reg.add(k, "inspect", 1, |_, a| Ok(Value::string(&inspect(&a[0]))));
    reg.add(k, "inspect", 2, |_, a| Ok(Value::string(&inspect_with(&a[0], &a[1], crate::term::InspectOpts::default()))));
    reg.add(k, "to_charlist", 1, |_, a| {
        let bytes = to_string(&a[0])?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(Value::list(text.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
    });
    reg.add(k, "bit_size", 1, |_, a| match a[0].as_bytes() {
        Some(b) => Ok(Value::Int(8 * b.len() as i64)),
        None => Err(Raise::bad_argument(1, "not a bitstring")),
    });
    reg.add(k, "**", 2, |_, a| pow(&a[0], &a[1]));
    reg.add(k, "self", 0, |ctx, _| Ok(ctx.self_pid()));
    reg.add(k, "make_ref", 0, |ctx, _| Ok(ctx.make_ref()));
    reg.add(k, "function_exported?", 3, |ctx, a| match (&a[0], &a[1], &a[2]) {
        (Value::Atom(m), Value::Atom(f), Value::Int(n)) => b(ctx.function_exported(*m, *f, *n as u32)),
        _ => Err(Raise::bad_argument(1, "not an atom")),
    });
    reg.add(k, "send", 2, |ctx, a| {
        ctx.send(a[0].clone(), a[1].clone());
        Ok(a[1].clone())
    });
    reg.add(k, "throw", 1, |_, a| Err(Raise::throw(a[0].clone())));
    reg.add(k, "exit", 1, |_, a| Err(Raise::exit(a[0].clone())));
    reg.add(":erlang", "error", 1, |_, a| Err(Raise { kind: Kind::Error, value: a[0].clone() }));
    reg.add(":erlang", "throw", 1, |_, a| Err(Raise::throw(a[0].clone())));
    reg.add(":erlang", "exit", 1, |_, a| Err(Raise::exit(a[0].clone())));
    reg.add(":erlang", "self", 0, |ctx, _| Ok(ctx.self_pid()));
    reg.add(":erlang", "make_ref", 0, |ctx, _| Ok(ctx.make_ref()));
    reg.add(":lists", "reverse", 1, |_, a| reverse(&a[0]));
    reg.add(":lists", "reverse", 2, |_, a| {
        let mut acc = a[1].clone();
        for v in a[0].list_iter() {
            acc = Value::cons(v.clone(), acc);
        }
        Ok(acc)
    });

    reg.add("IO", "puts", 1, |ctx, a| {
        let mut s = to_string(&a[0])?;
        s.push(b'\n');
        ctx.write_stdout(&s);
        Ok(Value::OK)
    });
    reg.add("IO", "write", 1, |ctx, a| {
        let s = to_string(&a[0])?;
        ctx.write_stdout(&s);
        Ok(Value::OK)
    });
    reg.add("IO", "inspect", 1, |ctx, a| {
        let text = inspect_pretty(&a[0], 80);
        ctx.write_stdout(format!("{text}\n").as_bytes());
        Ok(a[0].clone())
    });
    reg.add("IO", "inspect", 2, |ctx, a| {
        let label = keyword_get(&a[1], "label");
        let text = inspect_with(&a[0], &a[1], crate::term::InspectOpts::io_inspect());
        let line = match label {
            Some(l) => format!("{}: {text}\n", String::from_utf8_lossy(&to_string(&l)?)),
            None => format!("{text}\n"),
        };
        ctx.write_stdout(line.as_bytes());
        Ok(a[0].clone())
    });
}

/// `opts[:key]` for a keyword list.
pub fn keyword_get(list: &Value, key: &str) -> Option<Value> {
    let key = Atom::intern(key);
    list.list_iter().find_map(|pair| match pair.as_tuple() {
        Some([k, v]) if k.is_atom(key) => Some(v.clone()),
        _ => None,
    })
}

fn concat(a: &Value, b: &Value) -> R {
    match (a, b) {
        (Value::Binary(x), Value::Binary(y)) => {
            let mut bytes = Vec::with_capacity(x.as_bytes().len() + y.as_bytes().len());
            bytes.extend_from_slice(x.as_bytes());
            bytes.extend_from_slice(y.as_bytes());
            Ok(Value::bytes(bytes))
        }
        (Value::Binary(_), other) | (other, _) => Err(Raise::argument_error(&format!(
            "expected binary argument in <> operator but got: {}",
            inspect(other)
        ))),
    }
}

/// `a <> b` reusing `a`'s buffer when nobody else holds it (a string built in a loop).
pub fn concat_owned(a: Value, b: &Value) -> R {
    if let (Value::Binary(mut x), Value::Binary(y)) = (a.clone(), b) {
        drop(a);
        if let Some(Bin::Owned(v)) = std::rc::Rc::get_mut(&mut x) {
            v.extend_from_slice(y.as_bytes());
            return Ok(Value::Binary(x));
        }
        return concat(&Value::Binary(x), b);
    }
    concat(&a, b)
}

fn append(a: &Value, b: &Value) -> R {
    let items = a.list_to_vec().ok_or_else(|| Raise::argument_error("argument error"))?;
    Ok(Value::list_with_tail(items, b.clone()))
}

fn subtract(a: &Value, b: &Value) -> R {
    let mut items = a.list_to_vec().ok_or_else(|| Raise::argument_error("argument error"))?;
    let remove = b.list_to_vec().ok_or_else(|| Raise::argument_error("argument error"))?;
    for r in remove {
        if let Some(i) = items.iter().position(|v| *v == r) {
            items.remove(i);
        }
    }
    Ok(Value::list(items))
}

fn reverse(list: &Value) -> R {
    let mut acc = Value::Nil;
    let mut it = list.list_iter();
    for v in it.by_ref() {
        acc = Value::cons(v.clone(), acc);
    }
    if matches!(it.rest(), Value::Nil) { Ok(acc) } else { Err(Raise::bad_argument(1, "not a list")) }
}

/// `x in enumerable` for lists, ranges and maps.
fn member(_: &mut Ctx, x: &Value, enumerable: &Value) -> R {
    if enumerable.is_list() {
        return b(enumerable.list_iter().any(|v| v == x));
    }
    if let Some((first, last, step)) = range_bounds(enumerable) {
        return b(match x {
            Value::Int(i) => {
                let within = if step > 0 { first <= *i && *i <= last } else { last <= *i && *i <= first };
                within && (i - first) % step == 0
            }
            _ => false,
        });
    }
    if let Some(m) = enumerable.as_map() {
        return b(match x.as_tuple() {
            Some([k, v]) => m.get(k).is_some_and(|found| found == v),
            _ => false,
        });
    }
    Err(Raise::exception(
        "Protocol.UndefinedError",
        &[("message", Value::string(&format!("protocol Enumerable not implemented for {}", inspect(enumerable))))],
    ))
}

/// `first..last//step` of a `%Range{}`.
pub fn range_bounds(v: &Value) -> Option<(i64, i64, i64)> {
    let m = v.as_map()?;
    if v.struct_name()? != Atom::module("Range") {
        return None;
    }
    let get = |k: &str| match m.get(&Value::atom(k)) {
        Some(Value::Int(i)) => Some(*i),
        _ => None,
    };
    Some((get("first")?, get("last")?, get("step")?))
}

/// `first..last//step` as a `%Range{}`.
pub fn make_range(first: i64, last: i64, step: i64) -> Value {
    Value::map([
        (Value::Atom(Atom::STRUCT), Value::Atom(Atom::module("Range"))),
        (Value::atom("first"), Value::Int(first)),
        (Value::atom("last"), Value::Int(last)),
        (Value::atom("step"), Value::Int(step)),
    ])
}

/// An enumerable as a list (what `for` and the prelude's `Enum` functions iterate).
pub fn to_list(v: &Value) -> R {
    if v.is_list() {
        return Ok(v.clone());
    }
    if let Some((first, last, step)) = range_bounds(v) {
        let mut items = Vec::new();
        let mut i = first;
        while (step > 0 && i <= last) || (step < 0 && i >= last) {
            items.push(Value::Int(i));
            i += step;
        }
        return Ok(Value::list(items));
    }
    if let Some(m) = v.as_map()
        && v.struct_name().is_none() {
            return Ok(Value::list(m.iter().map(|(k, v)| Value::pair(k.clone(), v.clone())).collect::<Vec<_>>()));
        }
    Err(Raise::exception(
        "Protocol.UndefinedError",
        &[("message", Value::string(&format!("protocol Enumerable not implemented for {} of type {}", inspect(v), type_name(v))))],
    ))
}

/// The type name Elixir's protocol errors use (`of type Tuple`).
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Int(_) | Value::BigInt(_) => "Integer",
        Value::Float(_) => "Float",
        Value::Atom(_) => "Atom",
        Value::Binary(_) => "BitString",
        Value::Tuple(_) => "Tuple",
        Value::Map(_) => "Map",
        Value::Fun(_) => "Function",
        Value::Pid(_) => "PID",
        Value::Ref(_) => "Reference",
        _ => "List",
    }
}

/// `base ** exponent`: integers stay exact (a negative exponent raises), floats use `powf`.
fn pow(base: &Value, exp: &Value) -> R {
    match (base, exp) {
        (b, Value::Int(e)) if b.is_integer() => {
            if *e < 0 {
                return Err(Raise::arithmetic());
            }
            let big = match b {
                Value::Int(i) => num_bigint::BigInt::from(*i),
                Value::BigInt(x) => (**x).clone(),
                _ => unreachable!(),
            };
            Ok(Value::from_bigint(num_traits::Pow::pow(big, *e as u64)))
        }
        _ => match (arith::to_f64(base), arith::to_f64(exp)) {
            (Some(x), Some(y)) if base.is_number() && exp.is_number() => {
                let r = x.powf(y);
                if r.is_finite() { Ok(Value::Float(r)) } else { Err(Raise::arithmetic()) }
            }
            _ => Err(Raise::arithmetic()),
        },
    }
}
