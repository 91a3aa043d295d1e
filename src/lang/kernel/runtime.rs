//! `:elixir_rt`: natives the compiler and generated code call (not for learners): exception
//! construction for `defexception`, `rescue` matching.

use crate::lang::atom::Atom;
use crate::lang::exception::{builtin_message, exception_struct, normalize_error, Raise};
use crate::lang::native::{Ctx, Registry};
use crate::lang::value::Value;

pub fn register(reg: &mut Registry) {
    reg.add(":elixir_rt", "normalize_error", 1, |_, a| Ok(normalize_error(&a[0])));
    reg.add(":elixir_rt", "rescue_match", 2, |_, a| {
        let name = a[0].struct_name();
        Ok(Value::boolean(name.is_some_and(|n| a[1].list_iter().any(|m| m.is_atom(n)))))
    });
    reg.add(":elixir_rt", "exception_default", 2, exception_default);
    reg.add(":elixir_rt", "binary_bytes", 1, |_, a| match a[0].as_bytes() {
        Some(b) => Ok(Value::list(b.iter().map(|x| Value::Int(*x as i64)).collect::<Vec<_>>())),
        None => Err(Raise::bad_argument(1, "not a binary")),
    });
    reg.add("Kernel", "struct", 2, |ctx, a| build_struct(ctx, &a[0], &a[1], false));
    reg.add("Kernel", "struct!", 2, |ctx, a| build_struct(ctx, &a[0], &a[1], true));
    reg.add("Kernel", "struct", 1, |ctx, a| build_struct(ctx, &a[0], &Value::Nil, false));
    reg.add("Kernel", "struct!", 1, |ctx, a| build_struct(ctx, &a[0], &Value::Nil, true));
    reg.add(":elixir_rt", "message_default", 1, |_, a| message_default(&a[0]));
    reg.add("Exception", "message", 1, |_, a| message_default(&a[0]));
}

/// `Mod.exception(attrs)` of a `defexception` (or one of Elixir's): a message string sets
/// `:message`; a keyword list sets fields, and an unknown one raises `KeyError`.
fn exception_default(ctx: &mut Ctx, a: &[Value]) -> Result<Value, Raise> {
    let Some(module) = a[0].as_atom() else { return Err(Raise::bad_argument(1, "not an atom")) };
    let defined = ctx.modules.get(module).and_then(|m| m.struct_fields.clone());
    let mut value = match defined {
        Some(fields) => {
            let mut pairs: Vec<(Value, Value)> = fields.into_iter().map(|(k, v)| (Value::Atom(k), v)).collect();
            pairs.push((Value::Atom(Atom::STRUCT), Value::Atom(module)));
            Value::map(pairs)
        }
        None => exception_struct(module, &[]),
    };
    let Value::Map(m) = &mut value else { unreachable!() };
    let m = std::rc::Rc::make_mut(m);
    if let Some(text) = a[1].as_bytes() {
        m.0.insert(Value::Atom(Atom::MESSAGE), Value::bytes(text.to_vec()));
    } else {
        for pair in a[1].list_iter() {
            if let Some([k, v]) = pair.as_tuple() {
                if !m.0.contains_key(k) {
                    return Err(Raise::key_error(k.clone(), Value::Map(std::rc::Rc::new(m.clone()))));
                }
                m.0.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(value)
}

/// `Exception.message/1` for exceptions whose module does not define its own `message/1`.
fn message_default(e: &Value) -> Result<Value, Raise> {
    if let Some(text) = builtin_message(e) {
        return Ok(Value::string(&text));
    }
    match e.as_map().and_then(|m| m.get(&Value::Atom(Atom::MESSAGE))) {
        Some(v @ Value::Binary(_)) => Ok(v.clone()),
        _ => Ok(Value::string(&format!(
            "got nil while retrieving Exception.message/1 for {} (expected a string)",
            crate::lang::convert::inspect(e)
        ))),
    }
}

/// `struct(Mod, fields)` (unknown keys ignored) and `struct!(Mod, fields)` (unknown keys raise
/// `KeyError`); `Mod` may also be a struct whose fields are updated.
fn build_struct(ctx: &mut Ctx, target: &Value, fields: &Value, strict: bool) -> Result<Value, Raise> {
    let mut base = match target {
        Value::Atom(m) => match ctx.modules.get(*m).and_then(|m| m.struct_fields.clone()) {
            Some(defaults) => {
                let mut pairs: Vec<(Value, Value)> = defaults.into_iter().map(|(k, v)| (Value::Atom(k), v)).collect();
                pairs.push((Value::Atom(Atom::STRUCT), Value::Atom(*m)));
                Value::map(pairs)
            }
            None => return Err(Raise::undefined_function(*m, Atom::intern("__struct__"), 0, Some("module_not_available"))),
        },
        Value::Map(_) if target.struct_name().is_some() => target.clone(),
        other => return Err(Raise::bad_argument(1, &format!("not a struct: {}", crate::lang::convert::inspect(other)))),
    };
    let Value::Map(m) = &mut base else { unreachable!() };
    let inner = std::rc::Rc::make_mut(m);
    let pairs: Vec<Value> = match fields.as_map() {
        Some(map) => map.iter().map(|(k, v)| Value::pair(k.clone(), v.clone())).collect(),
        None => fields.list_iter().cloned().collect(),
    };
    for pair in pairs {
        let Some([k, v]) = pair.as_tuple() else { continue };
        if k.is_atom(Atom::STRUCT) {
            continue;
        }
        if inner.0.contains_key(k) {
            inner.0.insert(k.clone(), v.clone());
        } else if strict {
            return Err(Raise::key_error(k.clone(), Value::Map(std::rc::Rc::new(inner.clone()))));
        }
    }
    Ok(base)
}
