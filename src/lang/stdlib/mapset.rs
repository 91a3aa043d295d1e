//! `MapSet`, as Elixir 1.14 represents it: `%MapSet{map: %{member => []}, version: 2}`, so it
//! compares, pattern-matches and inspects (`MapSet.new([1, 2])`) as Elixir's does.

use super::{items, no_clause};
use crate::lang::atom::Atom;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::Value;

/// The members of a MapSet, or `None` for anything else.
pub(crate) fn members(v: &Value) -> Option<Vec<Value>> {
    if v.struct_name()? != Atom::module("MapSet") {
        return None;
    }
    let inner = v.as_map()?.get(&Value::atom("map"))?.as_map()?;
    Some(inner.keys().cloned().collect())
}

/// A MapSet of `items` (duplicates collapse).
pub(crate) fn from_items(items: Vec<Value>) -> Value {
    Value::map([
        (Value::Atom(Atom::STRUCT), Value::Atom(Atom::module("MapSet"))),
        (Value::atom("map"), Value::map(items.into_iter().map(|k| (k, Value::Nil)))),
        (Value::atom("version"), Value::Int(2)),
    ])
}

fn set(v: &Value, fun: &str, arity: usize) -> Result<Vec<Value>, Raise> {
    members(v).ok_or_else(|| no_clause("MapSet", fun, arity))
}

fn two(a: &[Value], fun: &str) -> Result<(Vec<Value>, Vec<Value>), Raise> {
    Ok((set(&a[0], fun, 2)?, set(&a[1], fun, 2)?))
}

pub(crate) fn register(reg: &mut Registry) {
    let m = "MapSet";
    reg.add(m, "new", 0, |_, _| Ok(from_items(Vec::new())));
    reg.add(m, "new", 1, |_, a| match members(&a[0]) {
        Some(_) => Ok(a[0].clone()),
        None => Ok(from_items(items(&a[0])?)),
    });
    reg.add(m, "put", 2, |_, a| {
        let mut s = set(&a[0], "put", 2)?;
        s.push(a[1].clone());
        Ok(from_items(s))
    });
    reg.add(m, "delete", 2, |_, a| {
        let mut s = set(&a[0], "delete", 2)?;
        s.retain(|x| *x != a[1]);
        Ok(from_items(s))
    });
    reg.add(m, "member?", 2, |_, a| Ok(Value::boolean(set(&a[0], "member?", 2)?.contains(&a[1]))));
    reg.add(m, "size", 1, |_, a| Ok(Value::Int(set(&a[0], "size", 1)?.len() as i64)));
    reg.add(m, "to_list", 1, |_, a| Ok(Value::list(set(&a[0], "to_list", 1)?)));
    reg.add(m, "union", 2, |_, a| {
        let (mut x, y) = two(a, "union")?;
        x.extend(y);
        Ok(from_items(x))
    });
    reg.add(m, "intersection", 2, |_, a| {
        let (x, y) = two(a, "intersection")?;
        Ok(from_items(x.into_iter().filter(|v| y.contains(v)).collect()))
    });
    reg.add(m, "difference", 2, |_, a| {
        let (x, y) = two(a, "difference")?;
        Ok(from_items(x.into_iter().filter(|v| !y.contains(v)).collect()))
    });
    reg.add(m, "symmetric_difference", 2, |_, a| {
        let (x, y) = two(a, "symmetric_difference")?;
        let mut out: Vec<Value> = x.iter().filter(|v| !y.contains(v)).cloned().collect();
        out.extend(y.iter().filter(|v| !x.contains(v)).cloned());
        Ok(from_items(out))
    });
    reg.add(m, "subset?", 2, |_, a| {
        let (x, y) = two(a, "subset?")?;
        Ok(Value::boolean(x.iter().all(|v| y.contains(v))))
    });
    reg.add(m, "disjoint?", 2, |_, a| {
        let (x, y) = two(a, "disjoint?")?;
        Ok(Value::boolean(!x.iter().any(|v| y.contains(v))))
    });
    reg.add(m, "equal?", 2, |_, a| {
        let (x, y) = two(a, "equal?")?;
        Ok(Value::boolean(x == y))
    });
}
