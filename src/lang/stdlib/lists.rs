//! `List` and `Tuple` (first-order; `List.foldl`, `List.update_at`, ... are in the prelude).

use super::{int_arg, no_clause, R};
use crate::lang::atom::Atom;
use crate::lang::convert::to_string;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn list(v: &Value, fun: &str, arity: usize) -> Result<Vec<Value>, Raise> {
    v.list_to_vec().ok_or_else(|| no_clause("List", fun, arity))
}

fn index(v: &Value, fun: &str, arity: usize) -> Result<i64, Raise> {
    int_arg(v).ok_or_else(|| no_clause("List", fun, arity))
}

/// A negative index counts from the end; `None` when it falls before the start.
fn resolve(i: i64, len: usize) -> Option<usize> {
    if i < 0 {
        let j = len as i64 + i;
        (j >= 0).then_some(j as usize)
    } else {
        Some(i as usize)
    }
}

/// Flattens nested lists without recursing on the Rust stack.
fn flatten(v: &Value, tail: Value) -> Result<Value, Raise> {
    let mut out = Vec::new();
    let mut stack = vec![v.clone()];
    while let Some(cur) = stack.pop() {
        match cur {
            Value::Nil => {}
            Value::Cons(c) => {
                stack.push(c.tail.clone());
                if c.head.is_list() {
                    stack.push(c.head.clone());
                } else {
                    out.push(c.head.clone());
                }
            }
            _ => return Err(no_clause("List", "flatten", 1)),
        }
    }
    Ok(Value::list_with_tail(out, tail))
}

fn key_pos(v: &Value, fun: &str, arity: usize) -> Result<usize, Raise> {
    match v {
        Value::Int(i) if *i >= 0 => Ok(*i as usize),
        _ => Err(no_clause("List", fun, arity)),
    }
}

fn key_matches(t: &Value, key: &Value, pos: usize) -> bool {
    t.as_tuple().is_some_and(|items| items.get(pos).is_some_and(|k| k.loose_eq(key)))
}

fn tuple(v: &Value, position: usize) -> Result<Vec<Value>, Raise> {
    v.as_tuple().map(<[Value]>::to_vec).ok_or_else(|| Raise::bad_argument(position, "not a tuple"))
}

pub(crate) fn register(reg: &mut Registry) {
    let l = "List";
    reg.add(l, "first", 1, |_, a| Ok(list(&a[0], "first", 2)?.into_iter().next().unwrap_or(Value::NIL_ATOM)));
    reg.add(l, "first", 2, |_, a| Ok(list(&a[0], "first", 2)?.into_iter().next().unwrap_or_else(|| a[1].clone())));
    reg.add(l, "last", 1, |_, a| Ok(list(&a[0], "last", 2)?.pop().unwrap_or(Value::NIL_ATOM)));
    reg.add(l, "last", 2, |_, a| Ok(list(&a[0], "last", 2)?.pop().unwrap_or_else(|| a[1].clone())));
    reg.add(l, "flatten", 1, |_, a| flatten(&a[0], Value::Nil));
    reg.add(l, "flatten", 2, |_, a| flatten(&a[0], a[1].clone()));
    reg.add(l, "wrap", 1, |_, a| {
        Ok(match &a[0] {
            v if v.is_list() => v.clone(),
            v if v.is_atom(Atom::NIL) => Value::Nil,
            v => Value::list(vec![v.clone()]),
        })
    });
    reg.add(l, "duplicate", 2, |_, a| match a[1] {
        Value::Int(n) if (0..=10_000_000).contains(&n) => Ok(Value::list(vec![a[0].clone(); n as usize])),
        _ => Err(no_clause("List", "duplicate", 2)),
    });
    reg.add(l, "delete", 2, |_, a| {
        let mut items = list(&a[0], "delete", 2)?;
        if let Some(i) = items.iter().position(|v| *v == a[1]) {
            items.remove(i);
        }
        Ok(Value::list(items))
    });
    reg.add(l, "delete_at", 2, |_, a| {
        let mut items = list(&a[0], "delete_at", 2)?;
        if let Some(i) = resolve(index(&a[1], "delete_at", 2)?, items.len()).filter(|i| *i < items.len()) {
            items.remove(i);
        }
        Ok(Value::list(items))
    });
    reg.add(l, "insert_at", 3, |_, a| {
        let mut items = list(&a[0], "insert_at", 3)?;
        let i = index(&a[1], "insert_at", 3)?;
        let at = if i < 0 { (items.len() as i64 + i + 1).max(0) as usize } else { (i as usize).min(items.len()) };
        items.insert(at, a[2].clone());
        Ok(Value::list(items))
    });
    reg.add(l, "replace_at", 3, |_, a| {
        let mut items = list(&a[0], "replace_at", 3)?;
        if let Some(i) = resolve(index(&a[1], "replace_at", 3)?, items.len()).filter(|i| *i < items.len()) {
            items[i] = a[2].clone();
        }
        Ok(Value::list(items))
    });
    reg.add(l, "pop_at", 2, |_, a| pop_at(a, Value::NIL_ATOM));
    reg.add(l, "pop_at", 3, |_, a| pop_at(a, a[2].clone()));
    reg.add(l, "zip", 1, |_, a| {
        let lists: Vec<Vec<Value>> = list(&a[0], "zip", 1)?.iter().map(|l| list(l, "zip", 1)).collect::<Result<_, _>>()?;
        let n = lists.iter().map(Vec::len).min().unwrap_or(0);
        Ok(Value::list((0..n).map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect::<Vec<_>>()))
    });
    reg.add(l, "keyfind", 3, |_, a| keyfind(a, Value::NIL_ATOM));
    reg.add(l, "keyfind", 4, |_, a| keyfind(a, a[3].clone()));
    reg.add(l, "keymember?", 3, |_, a| {
        let pos = key_pos(&a[2], "keymember?", 3)?;
        Ok(Value::boolean(list(&a[0], "keymember?", 3)?.iter().any(|t| key_matches(t, &a[1], pos))))
    });
    reg.add(l, "keydelete", 3, |_, a| {
        let pos = key_pos(&a[2], "keydelete", 3)?;
        let mut items = list(&a[0], "keydelete", 3)?;
        if let Some(i) = items.iter().position(|t| key_matches(t, &a[1], pos)) {
            items.remove(i);
        }
        Ok(Value::list(items))
    });
    reg.add(l, "keyreplace", 4, |_, a| {
        let pos = key_pos(&a[2], "keyreplace", 4)?;
        let mut items = list(&a[0], "keyreplace", 4)?;
        if let Some(i) = items.iter().position(|t| key_matches(t, &a[1], pos)) {
            items[i] = a[3].clone();
        }
        Ok(Value::list(items))
    });
    reg.add(l, "keystore", 4, |_, a| {
        let pos = key_pos(&a[2], "keystore", 4)?;
        let mut items = list(&a[0], "keystore", 4)?;
        match items.iter().position(|t| key_matches(t, &a[1], pos)) {
            Some(i) => items[i] = a[3].clone(),
            None => items.push(a[3].clone()),
        }
        Ok(Value::list(items))
    });
    reg.add(l, "keytake", 3, |_, a| {
        let pos = key_pos(&a[2], "keytake", 3)?;
        let mut items = list(&a[0], "keytake", 3)?;
        Ok(match items.iter().position(|t| key_matches(t, &a[1], pos)) {
            Some(i) => {
                let t = items.remove(i);
                Value::pair(t, Value::list(items))
            }
            None => Value::NIL_ATOM,
        })
    });
    reg.add(l, "keysort", 2, |_, a| {
        let pos = key_pos(&a[1], "keysort", 2)?;
        let mut items = list(&a[0], "keysort", 2)?;
        if items.iter().any(|t| t.as_tuple().is_none_or(|t| t.len() <= pos)) {
            return Err(Raise::argument_error("argument error"));
        }
        items.sort_by(|x, y| x.as_tuple().unwrap()[pos].cmp(&y.as_tuple().unwrap()[pos]));
        Ok(Value::list(items))
    });
    reg.add(l, "to_tuple", 1, |_, a| Ok(Value::tuple(list(&a[0], "to_tuple", 1)?)));
    reg.add(l, "to_string", 1, |_, a| to_string(&a[0]).map(Value::bytes));
    reg.add(l, "to_atom", 1, |_, a| {
        let s = to_string(&a[0])?;
        Ok(Value::atom(&String::from_utf8_lossy(&s)))
    });
    reg.add(l, "to_integer", 1, |_, a| {
        let s = to_string(&a[0])?;
        let s = String::from_utf8_lossy(&s);
        match super::string::read_integer(&s, 10) {
            Some((v, n)) if n == s.len() => Ok(v),
            _ => Err(Raise::bad_argument(1, "not a textual representation of an integer")),
        }
    });
    reg.add(l, "starts_with?", 2, |_, a| {
        let items = list(&a[0], "starts_with?", 2)?;
        let prefix = list(&a[1], "starts_with?", 2)?;
        Ok(Value::boolean(items.len() >= prefix.len() && items.iter().zip(&prefix).all(|(x, y)| x == y)))
    });
    reg.add(l, "improper?", 1, |_, a| {
        let mut it = a[0].list_iter();
        for _ in it.by_ref() {}
        Ok(Value::boolean(!matches!(it.rest(), Value::Nil)))
    });

    let t = "Tuple";
    reg.add(t, "to_list", 1, |_, a| Ok(Value::list(tuple(&a[0], 1)?)));
    reg.add(t, "append", 2, |_, a| {
        let mut items = tuple(&a[0], 1)?;
        items.push(a[1].clone());
        Ok(Value::tuple(items))
    });
    reg.add(t, "insert_at", 3, |_, a| {
        let mut items = tuple(&a[0], 1)?;
        match a[1] {
            Value::Int(i) if i >= 0 && i as usize <= items.len() => {
                items.insert(i as usize, a[2].clone());
                Ok(Value::tuple(items))
            }
            _ => Err(Raise::bad_argument(1, "out of range")),
        }
    });
    reg.add(t, "delete_at", 2, |_, a| {
        let mut items = tuple(&a[0], 1)?;
        match a[1] {
            Value::Int(i) if i >= 0 && (i as usize) < items.len() => {
                items.remove(i as usize);
                Ok(Value::tuple(items))
            }
            _ => Err(Raise::bad_argument(1, "out of range")),
        }
    });
    reg.add(t, "duplicate", 2, |_, a| match a[1] {
        Value::Int(n) if (0..=10_000_000).contains(&n) => Ok(Value::tuple(vec![a[0].clone(); n as usize])),
        _ => Err(Raise::bad_argument(2, "out of range")),
    });
}

fn pop_at(a: &[Value], default: Value) -> R {
    let mut items = list(&a[0], "pop_at", 3)?;
    match resolve(index(&a[1], "pop_at", 3)?, items.len()).filter(|i| *i < items.len()) {
        Some(i) => {
            let v = items.remove(i);
            Ok(Value::pair(v, Value::list(items)))
        }
        None => Ok(Value::pair(default, a[0].clone())),
    }
}

fn keyfind(a: &[Value], default: Value) -> R {
    let pos = key_pos(&a[2], "keyfind", 4)?;
    Ok(list(&a[0], "keyfind", 4)?.into_iter().find(|t| key_matches(t, &a[1], pos)).unwrap_or(default))
}
