//! `Access.get/2,3` (what `data[key]` compiles to), `Kernel.=~/2`, and the `Integer` guards
//! called as functions. `get_in`/`put_in`/`update_in`/`pop_in` and `Access.key/at/elem` take
//! or build functions, so they are prelude Elixir (`prelude/access.ex`).

use super::{no_clause, R};
use crate::lang::convert::inspect;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn access_get(data: &Value, key: &Value, default: Value) -> R {
    if let Some(module) = data.struct_name() {
        let name = module.module_name();
        return Err(Raise::exception(
            "UndefinedFunctionError",
            &[
                ("module", Value::Atom(module)),
                ("function", Value::atom("fetch")),
                ("arity", Value::Int(2)),
                ("message", Value::string(&format!(
                    "function {name}.fetch/2 is undefined ({name} does not implement the Access behaviour. If you are using get_in/put_in/update_in, you can specify the field to be accessed using Access.key!/1)"
                ))),
            ],
        ));
    }
    if let Some(m) = data.as_map() {
        return Ok(m.get(key).cloned().unwrap_or(default));
    }
    if data.is_list() {
        let Some(k) = key.as_atom() else {
            return Err(Raise::argument_error(&format!(
                "the Access calls for keywords expect the key to be an atom, got: {}",
                inspect(key)
            )));
        };
        return Ok(crate::lang::kernel::keyword_get(data, &k.name()).unwrap_or(default));
    }
    if data.is_atom(crate::lang::atom::Atom::NIL) {
        return Ok(default);
    }
    Err(no_clause("Access", "get", 3))
}

pub(crate) fn register(reg: &mut Registry) {
    reg.add("Access", "get", 2, |_, a| access_get(&a[0], &a[1], Value::NIL_ATOM));
    reg.add("Access", "get", 3, |_, a| access_get(&a[0], &a[1], a[2].clone()));
    reg.add("Kernel", "=~", 2, |_, a| {
        let s = a[0].as_str().ok_or_else(|| no_clause("Kernel", "=~", 2))?;
        if let Some(re) = super::erlang::regex_of(&a[1]) {
            return Ok(Value::boolean(re?.is_match(s)));
        }
        let pat = a[1].as_str().ok_or_else(|| no_clause("Kernel", "=~", 2))?;
        Ok(Value::boolean(s.contains(pat)))
    });
    // `x in enumerable` for every enumerable the natives know (MapSets included).
    reg.add("Kernel", "in", 2, |_, a| {
        if let Some(m) = super::mapset::members(&a[1]) {
            return Ok(Value::boolean(m.contains(&a[0])));
        }
        if let Some((f, l, s)) = crate::lang::kernel::range_bounds(&a[1]) {
            let inside = |i: i64| (i - f) % s == 0 && if s > 0 { f <= i && i <= l } else { l <= i && i <= f };
            return Ok(Value::boolean(matches!(a[0], Value::Int(i) if inside(i))));
        }
        if let (Some(m), None) = (a[1].as_map(), a[1].struct_name()) {
            return Ok(Value::boolean(match a[0].as_tuple() {
                Some([k, v]) => m.get(k).is_some_and(|found| found == v),
                _ => false,
            }));
        }
        Ok(Value::boolean(super::items(&a[1])?.contains(&a[0])))
    });
    reg.add("Integer", "is_even", 1, |_, a| Ok(Value::boolean(is_even(&a[0]))));
    reg.add("Integer", "is_odd", 1, |_, a| Ok(Value::boolean(a[0].is_integer() && !is_even(&a[0]))));
}

fn is_even(v: &Value) -> bool {
    match v {
        Value::Int(i) => i % 2 == 0,
        Value::BigInt(b) => b.bit(0) == false,
        _ => false,
    }
}
