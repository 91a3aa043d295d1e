//! The first-order natives the prelude and the compiler rely on (`for ... into:`,
//! `Enum.group_by`): the standard library may register fuller versions over these.

use std::rc::Rc;

use super::to_list;
use crate::lang::convert::to_string;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::{MapBox, Value};

pub fn register(reg: &mut Registry) {
    reg.add("Enum", "to_list", 1, |_, a| to_list(&a[0]));
    reg.add("Enum", "reverse", 1, |_, a| {
        let list = to_list(&a[0])?;
        Ok(list.list_iter().fold(Value::Nil, |acc, v| Value::cons(v.clone(), acc)))
    });
    reg.add("Enum", "uniq", 1, |_, a| {
        let mut seen = std::collections::BTreeSet::new();
        let list = to_list(&a[0])?;
        Ok(Value::list(list.list_iter().filter(|v| seen.insert((*v).clone())).cloned().collect::<Vec<_>>()))
    });
    reg.add("Enum", "into", 2, |_, a| into(&a[0], &a[1]));
    reg.add("Enum", "join", 2, |_, a| join(&a[0], &a[1]));
    reg.add("Enum", "join", 1, |_, a| join(&a[0], &Value::string("")));
    reg.add("Enum", "zip", 2, |_, a| {
        let (l, r) = (to_list(&a[0])?, to_list(&a[1])?);
        Ok(Value::list(l.list_iter().zip(r.list_iter()).map(|(x, y)| Value::pair(x.clone(), y.clone())).collect::<Vec<_>>()))
    });
    reg.add("Map", "put", 3, |_, a| match &a[0] {
        Value::Map(m) => {
            let mut m = m.clone();
            Rc::make_mut(&mut m).0.insert(a[1].clone(), a[2].clone());
            Ok(Value::Map(m))
        }
        other => Err(Raise::bad_map(other.clone())),
    });
    reg.add("Map", "get", 3, |_, a| match &a[0] {
        Value::Map(m) => Ok(m.0.get(&a[1]).cloned().unwrap_or_else(|| a[2].clone())),
        other => Err(Raise::bad_map(other.clone())),
    });
    reg.add("Map", "get", 2, |_, a| match &a[0] {
        Value::Map(m) => Ok(m.0.get(&a[1]).cloned().unwrap_or(Value::NIL_ATOM)),
        other => Err(Raise::bad_map(other.clone())),
    });
    reg.add("Map", "has_key?", 2, |_, a| match &a[0] {
        Value::Map(m) => Ok(Value::boolean(m.0.contains_key(&a[1]))),
        other => Err(Raise::bad_map(other.clone())),
    });
    reg.add(":elixir_rt", "sort_pairs", 2, |_, a| {
        let mut pairs = a[0].list_to_vec().unwrap_or_default();
        let key = |v: &Value| v.as_tuple().map(|t| t[0].clone()).unwrap_or(Value::Nil);
        // Stable, so equal keys keep their order, as Enum.sort_by does.
        pairs.sort_by(|x, y| key(x).compare(&key(y)));
        if a[1].is_atom(crate::lang::atom::Atom::intern("desc")) {
            pairs.sort_by(|x, y| key(y).compare(&key(x)));
        }
        Ok(Value::list(pairs))
    });
    reg.add(":elixir_rt", "with_index", 2, |_, a| {
        let Value::Int(offset) = a[1] else { return Err(Raise::bad_argument(2, "not an integer")) };
        Ok(Value::list(a[0].list_iter().enumerate().map(|(i, v)| Value::pair(v.clone(), Value::Int(offset + i as i64))).collect::<Vec<_>>()))
    });
}

fn into(items: &Value, collectable: &Value) -> Result<Value, Raise> {
    let list = to_list(items)?;
    match collectable {
        Value::Nil | Value::Cons(_) => {
            let mut out = collectable.list_to_vec().unwrap_or_default();
            out.extend(list.list_iter().cloned());
            Ok(Value::list(out))
        }
        Value::Map(m) if collectable.struct_name().is_none() => {
            let mut m = m.clone();
            let inner = Rc::make_mut(&mut m);
            for pair in list.list_iter() {
                match pair.as_tuple() {
                    Some([k, v]) => {
                        inner.0.insert(k.clone(), v.clone());
                    }
                    _ => return Err(Raise::argument_error(&format!("collecting into a map requires {{key, value}} tuples, got: {}", crate::lang::convert::inspect(pair)))),
                }
            }
            Ok(Value::Map(m))
        }
        Value::Binary(b) => {
            let mut bytes = b.as_bytes().to_vec();
            for v in list.list_iter() {
                bytes.extend(to_string(v)?);
            }
            Ok(Value::bytes(bytes))
        }
        other => Err(Raise::exception(
            "Protocol.UndefinedError",
            &[("message", Value::string(&format!("protocol Collectable not implemented for {}", crate::lang::convert::inspect(other))))],
        )),
    }
}

fn join(items: &Value, joiner: &Value) -> Result<Value, Raise> {
    let list = to_list(items)?;
    let sep = joiner.as_bytes().unwrap_or(b"").to_vec();
    let mut out = Vec::new();
    for (i, v) in list.list_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(to_string(v)?);
    }
    let _ = MapBox::default;
    Ok(Value::bytes(out))
}
