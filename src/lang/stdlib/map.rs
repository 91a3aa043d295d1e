//! `Map` and `Keyword`: the first-order functions (the ones taking a function are in the
//! prelude, `prelude/map.ex` and `prelude/keyword.ex`).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{items, no_clause, R};
use crate::lang::atom::Atom;
use crate::lang::convert::inspect;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::{MapBox, Value};

fn map_of(v: &Value) -> Result<&BTreeMap<Value, Value>, Raise> {
    v.as_map().ok_or_else(|| Raise::bad_map(v.clone()))
}

/// A copy of the map's pairs to change (in place when nobody else holds the map).
fn owned(v: &Value) -> Result<BTreeMap<Value, Value>, Raise> {
    match v {
        Value::Map(m) => Ok(m.0.clone()),
        other => Err(Raise::bad_map(other.clone())),
    }
}

fn wrap(m: BTreeMap<Value, Value>) -> Value {
    Value::Map(Rc::new(MapBox(m)))
}

fn key_list(v: &Value) -> Result<Vec<Value>, Raise> {
    match v.list_to_vec() {
        Some(keys) => Ok(keys),
        None => items(v),
    }
}

/// `Map.new/1`: an enumerable of `{key, value}` pairs.
pub(crate) fn map_from_pairs(v: &Value) -> R {
    if let (Some(_), None) = (v.as_map(), v.struct_name()) {
        return Ok(v.clone());
    }
    let mut m = BTreeMap::new();
    for pair in items(v)? {
        match pair.as_tuple() {
            Some([k, val]) => {
                m.insert(k.clone(), val.clone());
            }
            _ => return Err(Raise::argument_error("argument error")),
        }
    }
    Ok(wrap(m))
}

/// The pairs of a keyword list, or `None` if some element is not `{atom, value}`.
fn pairs(kw: &Value) -> Option<Vec<(Atom, Value)>> {
    kw.list_to_vec()?
        .into_iter()
        .map(|p| match p.as_tuple() {
            Some([Value::Atom(k), v]) => Some((*k, v.clone())),
            _ => None,
        })
        .collect()
}

fn kw_pairs(kw: &Value, fun: &str, arity: usize) -> Result<Vec<(Atom, Value)>, Raise> {
    pairs(kw).ok_or_else(|| no_clause("Keyword", fun, arity))
}

fn kw_value(p: Vec<(Atom, Value)>) -> Value {
    Value::list(p.into_iter().map(|(k, v)| Value::pair(Value::Atom(k), v)).collect::<Vec<_>>())
}

fn key_atom(v: &Value, fun: &str, arity: usize) -> Result<Atom, Raise> {
    v.as_atom().ok_or_else(|| no_clause("Keyword", fun, arity))
}

/// The keyword list's elements as they are (for functions Elixir lets walk non-pairs).
fn not_keyword(entry: &Value) -> Raise {
    Raise::argument_error(&format!(
        "expected a keyword list, but an entry in the list is not a two-element tuple with an atom as its first element, got: {}",
        inspect(entry)
    ))
}

fn keyword_new(v: &Value) -> R {
    let mut acc: Vec<(Atom, Value)> = Vec::new();
    for p in items(v)? {
        match p.as_tuple() {
            Some([Value::Atom(k), val]) => {
                acc.retain(|(x, _)| x != k);
                acc.push((*k, val.clone()));
            }
            _ => return Err(not_keyword(&p)),
        }
    }
    Ok(kw_value(acc))
}

pub(crate) fn register(reg: &mut Registry) {
    let m = "Map";
    reg.add(m, "new", 0, |_, _| Ok(Value::map([])));
    reg.add(m, "new", 1, |_, a| map_from_pairs(&a[0]));
    reg.add(m, "get", 2, |_, a| Ok(map_of(&a[0])?.get(&a[1]).cloned().unwrap_or(Value::NIL_ATOM)));
    reg.add(m, "get", 3, |_, a| Ok(map_of(&a[0])?.get(&a[1]).cloned().unwrap_or_else(|| a[2].clone())));
    reg.add(m, "fetch", 2, |_, a| {
        Ok(map_of(&a[0])?.get(&a[1]).map_or(Value::atom("error"), |v| Value::pair(Value::OK, v.clone())))
    });
    reg.add(m, "fetch!", 2, |_, a| map_of(&a[0])?.get(&a[1]).cloned().ok_or_else(|| Raise::key_error(a[1].clone(), a[0].clone())));
    reg.add(m, "put", 3, |_, a| {
        let mut m = owned(&a[0])?;
        m.insert(a[1].clone(), a[2].clone());
        Ok(wrap(m))
    });
    reg.add(m, "put_new", 3, |_, a| {
        let mut m = owned(&a[0])?;
        m.entry(a[1].clone()).or_insert_with(|| a[2].clone());
        Ok(wrap(m))
    });
    reg.add(m, "replace!", 3, |_, a| {
        let mut m = owned(&a[0])?;
        match m.get_mut(&a[1]) {
            Some(slot) => *slot = a[2].clone(),
            None => return Err(Raise::key_error(a[1].clone(), a[0].clone())),
        }
        Ok(wrap(m))
    });
    reg.add(m, "replace", 3, |_, a| {
        let mut m = owned(&a[0])?;
        if let Some(slot) = m.get_mut(&a[1]) {
            *slot = a[2].clone();
        }
        Ok(wrap(m))
    });
    reg.add(m, "delete", 2, |_, a| {
        let mut m = owned(&a[0])?;
        m.remove(&a[1]);
        Ok(wrap(m))
    });
    reg.add(m, "has_key?", 2, |_, a| Ok(Value::boolean(map_of(&a[0])?.contains_key(&a[1]))));
    reg.add(m, "keys", 1, |_, a| Ok(Value::list(map_of(&a[0])?.keys().cloned().collect::<Vec<_>>())));
    reg.add(m, "values", 1, |_, a| Ok(Value::list(map_of(&a[0])?.values().cloned().collect::<Vec<_>>())));
    reg.add(m, "to_list", 1, |_, a| {
        Ok(Value::list(map_of(&a[0])?.iter().map(|(k, v)| Value::pair(k.clone(), v.clone())).collect::<Vec<_>>()))
    });
    reg.add(m, "merge", 2, |_, a| {
        let mut m = owned(&a[0])?;
        for (k, v) in map_of(&a[1])? {
            m.insert(k.clone(), v.clone());
        }
        Ok(wrap(m))
    });
    reg.add(m, "take", 2, |_, a| {
        let src = map_of(&a[0])?;
        let mut out = BTreeMap::new();
        for k in key_list(&a[1])? {
            if let Some(v) = src.get(&k) {
                out.insert(k, v.clone());
            }
        }
        Ok(wrap(out))
    });
    reg.add(m, "drop", 2, |_, a| {
        let mut m = owned(&a[0])?;
        for k in key_list(&a[1])? {
            m.remove(&k);
        }
        Ok(wrap(m))
    });
    reg.add(m, "split", 2, |_, a| {
        let mut rest = owned(&a[0])?;
        let mut taken = BTreeMap::new();
        for k in key_list(&a[1])? {
            if let Some(v) = rest.remove(&k) {
                taken.insert(k, v);
            }
        }
        Ok(Value::pair(wrap(taken), wrap(rest)))
    });
    reg.add(m, "pop", 2, |_, a| {
        let mut m = owned(&a[0])?;
        let v = m.remove(&a[1]).unwrap_or(Value::NIL_ATOM);
        Ok(Value::pair(v, wrap(m)))
    });
    reg.add(m, "pop", 3, |_, a| {
        let mut m = owned(&a[0])?;
        let v = m.remove(&a[1]).unwrap_or_else(|| a[2].clone());
        Ok(Value::pair(v, wrap(m)))
    });
    reg.add(m, "pop!", 2, |_, a| {
        let mut m = owned(&a[0])?;
        let v = m.remove(&a[1]).ok_or_else(|| Raise::key_error(a[1].clone(), a[0].clone()))?;
        Ok(Value::pair(v, wrap(m)))
    });
    reg.add(m, "from_struct", 1, |_, a| {
        if a[0].struct_name().is_none() {
            return Err(no_clause("Map", "from_struct", 1));
        }
        let mut m = owned(&a[0])?;
        m.remove(&Value::Atom(Atom::STRUCT));
        Ok(wrap(m))
    });
    reg.add(m, "from_keys", 2, |_, a| {
        let keys = a[0].list_to_vec().ok_or_else(|| no_clause("Map", "from_keys", 2))?;
        Ok(Value::map(keys.into_iter().map(|k| (k, a[1].clone()))))
    });
    reg.add(m, "equal?", 2, |_, a| {
        map_of(&a[0])?;
        map_of(&a[1])?;
        Ok(Value::boolean(a[0] == a[1]))
    });

    let k = "Keyword";
    reg.add(k, "new", 0, |_, _| Ok(Value::Nil));
    reg.add(k, "new", 1, |_, a| keyword_new(&a[0]));
    reg.add(k, "get", 2, |_, a| {
        let key = key_atom(&a[1], "get", 3)?;
        keyword_get_in(&a[0], key, Value::NIL_ATOM, "get")
    });
    reg.add(k, "get", 3, |_, a| {
        let key = key_atom(&a[1], "get", 3)?;
        keyword_get_in(&a[0], key, a[2].clone(), "get")
    });
    reg.add(k, "fetch", 2, |_, a| {
        let key = key_atom(&a[1], "fetch", 2)?;
        Ok(match find(&a[0], key, "fetch")? {
            Some(v) => Value::pair(Value::OK, v),
            None => Value::atom("error"),
        })
    });
    reg.add(k, "fetch!", 2, |_, a| {
        let key = key_atom(&a[1], "fetch!", 2)?;
        find(&a[0], key, "fetch!")?.ok_or_else(|| Raise::key_error(a[1].clone(), a[0].clone()))
    });
    reg.add(k, "has_key?", 2, |_, a| {
        let key = key_atom(&a[1], "has_key?", 2)?;
        Ok(Value::boolean(find(&a[0], key, "has_key?")?.is_some()))
    });
    reg.add(k, "put", 3, |_, a| {
        let key = key_atom(&a[1], "put", 3)?;
        let mut p = kw_pairs(&a[0], "put", 3)?;
        p.retain(|(x, _)| *x != key);
        p.insert(0, (key, a[2].clone()));
        Ok(kw_value(p))
    });
    reg.add(k, "put_new", 3, |_, a| {
        let key = key_atom(&a[1], "put_new", 3)?;
        let mut p = kw_pairs(&a[0], "put_new", 3)?;
        if !p.iter().any(|(x, _)| *x == key) {
            p.insert(0, (key, a[2].clone()));
        }
        Ok(kw_value(p))
    });
    reg.add(k, "delete", 2, |_, a| {
        let key = key_atom(&a[1], "delete", 2)?;
        let mut p = kw_pairs(&a[0], "delete", 2)?;
        p.retain(|(x, _)| *x != key);
        Ok(kw_value(p))
    });
    reg.add(k, "keys", 1, |_, a| {
        let list = a[0].list_to_vec().ok_or_else(|| no_clause("Keyword", "keys", 1))?;
        let mut out = Vec::new();
        for e in list {
            match e.as_tuple() {
                Some([key @ Value::Atom(_), _]) => out.push(key.clone()),
                _ => return Err(not_keyword(&e)),
            }
        }
        Ok(Value::list(out))
    });
    reg.add(k, "values", 1, |_, a| {
        let list = a[0].list_to_vec().ok_or_else(|| no_clause("Keyword", "values", 1))?;
        let mut out = Vec::new();
        for e in list {
            match e.as_tuple() {
                Some([Value::Atom(_), v]) => out.push(v.clone()),
                _ => return Err(not_keyword(&e)),
            }
        }
        Ok(Value::list(out))
    });
    reg.add(k, "get_values", 2, |_, a| {
        let key = key_atom(&a[1], "get_values", 2)?;
        let p = kw_pairs(&a[0], "get_values", 2)?;
        Ok(Value::list(p.into_iter().filter(|(x, _)| *x == key).map(|(_, v)| v).collect::<Vec<_>>()))
    });
    reg.add(k, "merge", 2, |_, a| {
        let mut left = kw_pairs(&a[0], "merge", 2)?;
        let right = match pairs(&a[1]) {
            Some(p) => p,
            None => {
                let bad = a[1].list_iter().find(|e| !matches!(e.as_tuple(), Some([Value::Atom(_), _]))).cloned();
                return Err(match bad {
                    Some(e) => not_keyword(&e),
                    None => no_clause("Keyword", "merge", 2),
                });
            }
        };
        left.retain(|(x, _)| !right.iter().any(|(y, _)| x == y));
        left.extend(right);
        Ok(kw_value(left))
    });
    reg.add(k, "take", 2, |_, a| {
        let keys = a[1].list_to_vec().ok_or_else(|| no_clause("Keyword", "take", 2))?;
        let mut p = kw_pairs(&a[0], "take", 2)?;
        p.retain(|(x, _)| keys.iter().any(|k| k.is_atom(*x)));
        Ok(kw_value(p))
    });
    reg.add(k, "drop", 2, |_, a| {
        let keys = a[1].list_to_vec().ok_or_else(|| no_clause("Keyword", "drop", 2))?;
        let mut p = kw_pairs(&a[0], "drop", 2)?;
        p.retain(|(x, _)| !keys.iter().any(|k| k.is_atom(*x)));
        Ok(kw_value(p))
    });
    reg.add(k, "split", 2, |_, a| {
        let keys = a[1].list_to_vec().ok_or_else(|| no_clause("Keyword", "split", 2))?;
        let p = kw_pairs(&a[0], "split", 2)?;
        let (taken, rest): (Vec<_>, Vec<_>) = p.into_iter().partition(|(x, _)| keys.iter().any(|k| k.is_atom(*x)));
        Ok(Value::pair(kw_value(taken), kw_value(rest)))
    });
    reg.add(k, "pop", 2, |_, a| keyword_pop(a, Value::NIL_ATOM));
    reg.add(k, "pop", 3, |_, a| keyword_pop(a, a[2].clone()));
    reg.add(k, "keyword?", 1, |_, a| Ok(Value::boolean(pairs(&a[0]).is_some())));
    reg.add(k, "to_list", 1, |_, a| {
        kw_pairs(&a[0], "to_list", 1)?;
        Ok(a[0].clone())
    });
}

fn keyword_pop(a: &[Value], default: Value) -> R {
    let key = key_atom(&a[1], "pop", 3)?;
    let mut p = kw_pairs(&a[0], "pop", 3)?;
    let found = p.iter().find(|(x, _)| *x == key).map(|(_, v)| v.clone());
    p.retain(|(x, _)| *x != key);
    Ok(Value::pair(found.unwrap_or(default), kw_value(p)))
}

/// The first value under `key`; `Keyword.get` walks past non-pairs as Elixir's does.
fn find(kw: &Value, key: Atom, fun: &str) -> Result<Option<Value>, Raise> {
    if !kw.is_list() {
        return Err(no_clause("Keyword", fun, 2));
    }
    Ok(kw.list_iter().find_map(|p| match p.as_tuple() {
        Some([k, v]) if k.is_atom(key) => Some(v.clone()),
        _ => None,
    }))
}

fn keyword_get_in(kw: &Value, key: Atom, default: Value, fun: &str) -> R {
    if !kw.is_list() {
        return Err(no_clause("Keyword", fun, 3));
    }
    Ok(find(kw, key, fun)?.unwrap_or(default))
}
