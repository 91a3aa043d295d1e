//! The sigils learners write: `~w`, `~r`, `~s`, `~c`. The compiler turns `~w(a b)a` into
//! `sigil_w("a b", 'a')`, a Kernel call, which lands here.

use super::{no_clause, R};
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn modifiers(v: &Value) -> Result<String, Raise> {
    let list = v.list_to_vec().ok_or_else(|| no_clause("Kernel", "sigil", 2))?;
    Ok(list.iter().filter_map(|c| match c {
        Value::Int(i) => char::from_u32(*i as u32),
        _ => None,
    }).collect())
}

fn text<'a>(v: &'a Value, sigil: &str) -> Result<&'a str, Raise> {
    v.as_str().ok_or_else(|| no_clause("Kernel", sigil, 2))
}

fn charlist(s: &str) -> Value {
    Value::list(s.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>())
}

pub(crate) fn register(reg: &mut Registry) {
    let k = "Kernel";
    reg.add(k, "sigil_w", 2, |_, a| sigil_w(a, "sigil_w"));
    reg.add(k, "sigil_W", 2, |_, a| sigil_w(a, "sigil_W"));
    reg.add(k, "sigil_s", 2, |_, a| Ok(Value::string(text(&a[0], "sigil_s")?)));
    reg.add(k, "sigil_S", 2, |_, a| Ok(Value::string(text(&a[0], "sigil_S")?)));
    reg.add(k, "sigil_c", 2, |_, a| Ok(charlist(text(&a[0], "sigil_c")?)));
    reg.add(k, "sigil_C", 2, |_, a| Ok(charlist(text(&a[0], "sigil_C")?)));
    reg.add(k, "sigil_r", 2, |_, a| sigil_r(a, "sigil_r"));
    reg.add(k, "sigil_R", 2, |_, a| sigil_r(a, "sigil_R"));
}

fn sigil_w(a: &[Value], name: &str) -> R {
    let s = text(&a[0], name)?;
    let mods = modifiers(&a[1])?;
    let words = s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty());
    let item = |w: &str| match mods.as_str() {
        "a" => Ok(Value::atom(w)),
        "c" => Ok(charlist(w)),
        "" | "s" => Ok(Value::string(w)),
        _ => Err(Raise::argument_error("modifier must be one of: s, a, c")),
    };
    Ok(Value::list(words.map(item).collect::<Result<Vec<_>, _>>()?))
}

fn sigil_r(a: &[Value], name: &str) -> R {
    let source = text(&a[0], name)?;
    let opts = modifiers(&a[1])?;
    let compiled = super::erlang::regex_compile_bang(source, &opts)?;
    Ok(compiled)
}
