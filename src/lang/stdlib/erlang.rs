//! Erlang's modules learners call from Elixir (`:erlang`, `:math`, `:lists`, `:maps`,
//! `:queue`), `Bitwise`, and `Regex` (on the `regex` crate; PCRE features it lacks, such as
//! back-references, give `Regex.CompileError`-style `{:error, ...}` from `Regex.compile`).

use num_bigint::BigInt;


use super::{int_arg, no_clause, opt, R};
use crate::lang::atom::Atom;
use crate::lang::convert::{from_term, to_string, to_term};
use crate::lang::exception::Raise;
use crate::lang::kernel::arith::to_f64;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn badarg() -> Raise {
    Raise::argument_error("argument error")
}

fn float_result(f: f64) -> R {
    if f.is_finite() { Ok(Value::Float(f)) } else { Err(Raise::arithmetic()) }
}

fn num(v: &Value) -> Result<f64, Raise> {
    to_f64(v).ok_or_else(Raise::arithmetic)
}

fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `Bitwise` and `:erlang.band/2` and friends, on integers of any size.
fn bitwise(a: &Value, b: &Value, op: fn(BigInt, BigInt) -> BigInt) -> R {
    match (big(a), big(b)) {
        (Some(x), Some(y)) => Ok(Value::from_bigint(op(x, y))),
        _ => Err(Raise::arithmetic()),
    }
}

fn shift(a: &Value, b: &Value, left: bool) -> R {
    let (x, n) = match (big(a), int_arg(b)) {
        (Some(x), Some(n)) => (x, n),
        _ => return Err(Raise::arithmetic()),
    };
    let n = if left { n } else { -n };
    if n > 1 << 20 {
        return Err(Raise::exception("SystemLimitError", &[]));
    }
    Ok(Value::from_bigint(if n >= 0 { x << n as usize } else { x >> (-n).min(1 << 20) as usize }))
}

fn list_arg(v: &Value) -> Result<Vec<Value>, Raise> {
    v.list_to_vec().ok_or_else(badarg)
}

// ---------- :queue, as OTP 25 represents it: {rear (reversed), front} ----------

fn queue(v: &Value) -> Result<(Vec<Value>, Vec<Value>), Raise> {
    match v.as_tuple() {
        Some([r, f]) => Ok((list_arg(r)?, list_arg(f)?)),
        _ => Err(badarg()),
    }
}

fn q(rear: Vec<Value>, front: Vec<Value>) -> Value {
    Value::pair(Value::list(rear), Value::list(front))
}

/// Moves half of the front list to the rear (OTP's `f2r`).
fn f2r(list: Vec<Value>) -> Value {
    match list.len() {
        0 => q(vec![], vec![]),
        1 => q(list, vec![]),
        2 => q(vec![list[1].clone()], vec![list[0].clone()]),
        n => {
            let (ff, rr) = list.split_at(n / 2);
            q(rr.iter().rev().cloned().collect(), ff.to_vec())
        }
    }
}

/// Moves half of the rear list to the front (OTP's `r2f`).
fn r2f(list: Vec<Value>) -> Value {
    match list.len() {
        0 => q(vec![], vec![]),
        1 => q(vec![], list),
        2 => q(vec![list[0].clone()], vec![list[1].clone()]),
        n => {
            let (ff, rr) = list.split_at(n / 2);
            q(ff.to_vec(), rr.iter().rev().cloned().collect())
        }
    }
}

fn queue_out(v: &Value) -> R {
    let (rear, front) = queue(v)?;
    let value = |x: Value| Value::pair(Value::atom("value"), x);
    Ok(match (rear.len(), front.len()) {
        (0, 0) => Value::pair(Value::atom("empty"), v.clone()),
        (1, 0) => Value::pair(value(rear[0].clone()), q(vec![], vec![])),
        (_, 0) => {
            let mut out: Vec<Value> = rear[1..].iter().rev().cloned().collect();
            let first = out.remove(0);
            Value::pair(value(first), q(vec![rear[0].clone()], out))
        }
        (_, 1) => Value::pair(value(front[0].clone()), r2f(rear)),
        _ => Value::pair(value(front[0].clone()), q(rear, front[1..].to_vec())),
    })
}

fn queue_out_r(v: &Value) -> R {
    let (rear, front) = queue(v)?;
    let value = |x: Value| Value::pair(Value::atom("value"), x);
    Ok(match (rear.len(), front.len()) {
        (0, 0) => Value::pair(Value::atom("empty"), v.clone()),
        (0, 1) => Value::pair(value(front[0].clone()), q(vec![], vec![])),
        (0, _) => {
            let mut back: Vec<Value> = front[1..].iter().rev().cloned().collect();
            let last = back.remove(0);
            Value::pair(value(last), q(back, vec![front[0].clone()]))
        }
        (1, _) => Value::pair(value(rear[0].clone()), f2r(front)),
        _ => Value::pair(value(rear[0].clone()), q(rear[1..].to_vec(), front)),
    })
}

// ---------- Regex ----------

/// The compiled pattern of a `%Regex{}`, or `None` when `v` is not one.
pub(crate) fn regex_of(v: &Value) -> Option<Result<regex::Regex, Raise>> {
    if v.struct_name()? != Atom::module("Regex") {
        return None;
    }
    let m = v.as_map()?;
    let source = m.get(&Value::atom("source")).and_then(|s| s.as_str()).unwrap_or("");
    let opts = m.get(&Value::atom("opts")).and_then(|s| s.as_str()).unwrap_or("");
    Some(build(source, opts).map_err(|e| Raise::exception("Regex.CompileError", &[("message", Value::string(&e))])))
}

fn build(source: &str, opts: &str) -> Result<regex::Regex, String> {
    let mut b = regex::RegexBuilder::new(source);
    for c in opts.chars() {
        match c {
            'i' => b.case_insensitive(true),
            'm' => b.multi_line(true),
            's' => b.dot_matches_new_line(true),
            'x' => b.ignore_whitespace(true),
            'u' | 'f' | 'U' => &mut b,
            other => return Err(format!("invalid regex option {other}")),
        };
    }
    b.size_limit(1 << 22).build().map_err(|e| match e {
        regex::Error::Syntax(s) => s.lines().last().unwrap_or("invalid pattern").trim().to_string(),
        other => other.to_string(),
    })
}

fn regex_struct(source: &str, opts: &str) -> Value {
    Value::map([
        (Value::Atom(Atom::STRUCT), Value::Atom(Atom::module("Regex"))),
        (Value::atom("opts"), Value::string(opts)),
        (Value::atom("re_pattern"), Value::NIL_ATOM),
        (Value::atom("re_version"), Value::NIL_ATOM),
        (Value::atom("source"), Value::string(source)),
    ])
}

fn the_regex(v: &Value, fun: &str, arity: usize) -> Result<regex::Regex, Raise> {
    regex_of(v).ok_or_else(|| no_clause("Regex", fun, arity))?
}

/// Captures as Erlang's `re` returns them: unmatched groups are `""`, trailing ones dropped.
fn capture_list(c: &regex::Captures) -> Vec<Value> {
    let last = (0..c.len()).rev().find(|i| c.get(*i).is_some()).unwrap_or(0);
    (0..=last).map(|i| Value::string(c.get(i).map_or("", |m| m.as_str()))).collect()
}

pub(crate) fn regex_split(re: &regex::Regex, s: &str, parts: Option<i64>, trim: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    for m in re.find_iter(s) {
        if let Some(n) = parts {
            if n > 0 && out.len() as i64 >= n - 1 {
                break;
            }
        }
        let piece = &s[from..m.start()];
        if !(trim && piece.is_empty()) {
            out.push(piece.to_string());
        }
        from = m.end();
    }
    let rest = &s[from..];
    if !(trim && rest.is_empty()) {
        out.push(rest.to_string());
    }
    out
}

/// `\N`, `\g{N}` and `\0` in a replacement refer to groups, as in Elixir.
fn expand(with: &str, c: &regex::Captures) -> String {
    let mut out = String::new();
    let b = with.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let (digits, skip) = if b[i + 1].is_ascii_digit() {
                let end = (i + 1..b.len()).find(|j| !b[*j].is_ascii_digit()).unwrap_or(b.len());
                (&with[i + 1..end], end)
            } else if with[i + 1..].starts_with("g{") {
                match with[i + 3..].find('}') {
                    Some(close) => (&with[i + 3..i + 3 + close], i + 4 + close),
                    None => ("", i),
                }
            } else {
                ("", i)
            };
            if let Ok(n) = digits.parse::<usize>() {
                out.push_str(c.get(n).map_or("", |m| m.as_str()));
                i = skip;
                continue;
            }
            out.push(b[i + 1] as char);
            i += 2;
            continue;
        }
        let ch = with[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

pub(crate) fn regex_replace(re: &regex::Regex, s: &str, with: &str, global: bool) -> String {
    let mut out = String::new();
    let mut last = 0;
    for c in re.captures_iter(s) {
        let m = c.get(0).expect("group 0 always matches");
        out.push_str(&s[last..m.start()]);
        out.push_str(&expand(with, &c));
        last = m.end();
        if !global {
            break;
        }
    }
    out.push_str(&s[last..]);
    out
}

fn regex_text<'a>(v: &'a Value, fun: &str, arity: usize) -> Result<&'a str, Raise> {
    v.as_str().ok_or_else(|| no_clause("Regex", fun, arity))
}

fn register_regex(reg: &mut Registry) {
    let r = "Regex";
    reg.add(r, "compile", 1, |_, a| compile(a));
    reg.add(r, "compile", 2, |_, a| compile(a));
    reg.add(r, "compile!", 1, |_, a| compile_bang(a));
    reg.add(r, "compile!", 2, |_, a| compile_bang(a));
    reg.add(r, "source", 1, |_, a| {
        the_regex(&a[0], "source", 1)?;
        Ok(a[0].as_map().and_then(|m| m.get(&Value::atom("source")).cloned()).unwrap_or(Value::NIL_ATOM))
    });
    reg.add(r, "match?", 2, |_, a| Ok(Value::boolean(the_regex(&a[0], "match?", 2)?.is_match(regex_text(&a[1], "match?", 2)?))));
    reg.add(r, "run", 2, |_, a| regex_run(a));
    reg.add(r, "run", 3, |_, a| regex_run(a));
    reg.add(r, "scan", 2, |_, a| {
        let re = the_regex(&a[0], "scan", 3)?;
        let s = regex_text(&a[1], "scan", 3)?;
        Ok(Value::list(re.captures_iter(s).map(|c| Value::list(capture_list(&c))).collect::<Vec<_>>()))
    });
    reg.add(r, "named_captures", 2, |_, a| {
        let re = the_regex(&a[0], "named_captures", 3)?;
        let s = regex_text(&a[1], "named_captures", 3)?;
        Ok(match re.captures(s) {
            None => Value::NIL_ATOM,
            Some(c) => Value::map(
                re.capture_names()
                    .flatten()
                    .map(|n| (Value::string(n), Value::string(c.name(n).map_or("", |m| m.as_str()))))
                    .collect::<Vec<_>>(),
            ),
        })
    });
    // Regex.replace/3,4 is prelude Elixir (a replacement may be a function); it calls these.
    // The prelude's Regex.replace/3,4 shadows these for interpreted code (a replacement may be a
    // function); it calls :elixir_regex.replace/4 for a string replacement.
    reg.add(r, "replace", 3, |_, a| regex_replace_native(a));
    reg.add(r, "replace", 4, |_, a| regex_replace_native(a));
    reg.add(":elixir_regex", "replace", 4, |_, a| regex_replace_native(a));
    reg.add(r, "scan", 3, |_, a| {
        let re = the_regex(&a[0], "scan", 3)?;
        let s = regex_text(&a[1], "scan", 3)?;
        let index = opt(&a[2], "return").is_some_and(|v| v.is_atom(Atom::intern("index")));
        Ok(Value::list(
            re.captures_iter(s)
                .map(|c| {
                    let last = (0..c.len()).rev().find(|i| c.get(*i).is_some()).unwrap_or(0);
                    Value::list(
                        (0..=last)
                            .map(|i| match (c.get(i), index) {
                                (Some(m), true) => Value::pair(Value::Int(m.start() as i64), Value::Int(m.len() as i64)),
                                (None, true) => Value::pair(Value::Int(-1), Value::Int(0)),
                                (m, false) => Value::string(m.map_or("", |m| m.as_str())),
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>(),
        ))
    });
    reg.add(r, "split", 2, |_, a| regex_split_native(a));
    reg.add(r, "split", 3, |_, a| regex_split_native(a));
    reg.add(r, "escape", 1, |_, a| Ok(Value::string(&regex::escape(regex_text(&a[0], "escape", 1)?))));
}

/// `Regex.run/2,3` with the `capture:` (`:all`, `:first`, `:all_but_first`) and
/// `return: :index` options.
fn regex_run(a: &[Value]) -> R {
    let re = the_regex(&a[0], "run", 3)?;
    let s = regex_text(&a[1], "run", 3)?;
    let opts = a.get(2).cloned().unwrap_or(Value::Nil);
    let capture = opt(&opts, "capture").and_then(|v| v.as_atom()).map(|x| x.name().to_string()).unwrap_or_else(|| "all".into());
    let index = opt(&opts, "return").is_some_and(|v| v.is_atom(Atom::intern("index")));
    let Some(c) = re.captures(s) else { return Ok(Value::NIL_ATOM) };
    let last = (0..c.len()).rev().find(|i| c.get(*i).is_some()).unwrap_or(0);
    let groups: Vec<usize> = match capture.as_str() {
        "first" => vec![0],
        "all_but_first" => (1..=last).collect(),
        _ => (0..=last).collect(),
    };
    Ok(Value::list(
        groups
            .into_iter()
            .map(|i| match (c.get(i), index) {
                (Some(m), true) => Value::pair(Value::Int(m.start() as i64), Value::Int(m.len() as i64)),
                (None, true) => Value::pair(Value::Int(-1), Value::Int(0)),
                (m, false) => Value::string(m.map_or("", |m| m.as_str())),
            })
            .collect::<Vec<_>>(),
    ))
}

fn compile(a: &[Value]) -> R {
    let source = regex_text(&a[0], "compile", 2)?;
    let opts = match a.get(1) {
        None => "",
        Some(o) => o.as_str().ok_or_else(|| no_clause("Regex", "compile", 2))?,
    };
    Ok(match build(source, opts) {
        Ok(_) => Value::pair(Value::OK, regex_struct(source, opts)),
        Err(e) => {
            // PCRE's words for the common mistakes, as a charlist with the offset, as Erlang's `re` says them.
            let (text, at) = match e.as_str() {
                "error: unclosed group" => ("missing )".to_string(), source.len()),
                "error: unopened group" => ("unmatched closing parenthesis".to_string(), source.find(')').unwrap_or(0)),
                other => (other.trim_start_matches("error: ").to_string(), 0),
            };
            let chars = Value::list(text.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>());
            Value::pair(Value::atom("error"), Value::pair(chars, Value::Int(at as i64)))
        }
    })
}

fn compile_bang(a: &[Value]) -> R {
    let source = regex_text(&a[0], "compile!", 2)?;
    let opts = a.get(1).and_then(|o| o.as_str()).unwrap_or("");
    regex_compile_bang(source, opts)
}

/// `Regex.compile!/2` and `~r`: the struct, or `Regex.CompileError`.
pub(crate) fn regex_compile_bang(source: &str, opts: &str) -> R {
    match build(source, opts) {
        Ok(_) => Ok(regex_struct(source, opts)),
        Err(e) => Err(Raise::exception("Regex.CompileError", &[("message", Value::string(&e))])),
    }
}

fn regex_replace_native(a: &[Value]) -> R {
    let re = the_regex(&a[0], "replace", 4)?;
    let s = regex_text(&a[1], "replace", 4)?;
    let with = regex_text(&a[2], "replace", 4)?;
    let global = a.get(3).and_then(|o| opt(o, "global")).is_none_or(|v| v.is_truthy());
    Ok(Value::string(&regex_replace(&re, s, with, global)))
}

fn regex_split_native(a: &[Value]) -> R {
    let re = the_regex(&a[0], "split", 3)?;
    let s = regex_text(&a[1], "split", 3)?;
    let (parts, trim) = match a.get(2) {
        Some(o) => (opt(o, "parts").and_then(|v| int_arg(&v)), opt(o, "trim").is_some_and(|v| v.is_truthy())),
        None => (None, false),
    };
    Ok(Value::list(regex_split(&re, s, parts, trim).into_iter().map(|p| Value::string(&p)).collect::<Vec<_>>()))
}

// ---------- registration ----------

pub(crate) fn register(reg: &mut Registry) {
    register_regex(reg);

    for module in ["Bitwise", ":erlang"] {
        reg.add(module, "band", 2, |_, a| bitwise(&a[0], &a[1], |x, y| x & y));
        reg.add(module, "bor", 2, |_, a| bitwise(&a[0], &a[1], |x, y| x | y));
        reg.add(module, "bxor", 2, |_, a| bitwise(&a[0], &a[1], |x, y| x ^ y));
        reg.add(module, "bnot", 1, |_, a| big(&a[0]).map(|x| Value::from_bigint(-x - 1)).ok_or_else(Raise::arithmetic));
        reg.add(module, "bsl", 2, |_, a| shift(&a[0], &a[1], true));
        reg.add(module, "bsr", 2, |_, a| shift(&a[0], &a[1], false));
    }
    reg.add("Bitwise", "&&&", 2, |_, a| bitwise(&a[0], &a[1], |x, y| x & y));
    reg.add("Bitwise", "|||", 2, |_, a| bitwise(&a[0], &a[1], |x, y| x | y));
    reg.add("Bitwise", "<<<", 2, |_, a| shift(&a[0], &a[1], true));
    reg.add("Bitwise", ">>>", 2, |_, a| shift(&a[0], &a[1], false));
    reg.add("Bitwise", "~~~", 1, |_, a| big(&a[0]).map(|x| Value::from_bigint(-x - 1)).ok_or_else(Raise::arithmetic));

    let m = ":math";
    reg.add(m, "pi", 0, |_, _| Ok(Value::Float(std::f64::consts::PI)));
    reg.add(m, "e", 0, |_, _| Ok(Value::Float(std::f64::consts::E)));
    reg.add(m, "sqrt", 1, |_, a| float_result(num(&a[0])?.sqrt()));
    reg.add(m, "pow", 2, |_, a| float_result(num(&a[0])?.powf(num(&a[1])?)));
    reg.add(m, "exp", 1, |_, a| float_result(num(&a[0])?.exp()));
    reg.add(m, "log", 1, |_, a| float_result(num(&a[0])?.ln()));
    reg.add(m, "log2", 1, |_, a| float_result(num(&a[0])?.log2()));
    reg.add(m, "log10", 1, |_, a| float_result(num(&a[0])?.log10()));
    reg.add(m, "sin", 1, |_, a| float_result(num(&a[0])?.sin()));
    reg.add(m, "cos", 1, |_, a| float_result(num(&a[0])?.cos()));
    reg.add(m, "tan", 1, |_, a| float_result(num(&a[0])?.tan()));
    reg.add(m, "asin", 1, |_, a| float_result(num(&a[0])?.asin()));
    reg.add(m, "acos", 1, |_, a| float_result(num(&a[0])?.acos()));
    reg.add(m, "atan", 1, |_, a| float_result(num(&a[0])?.atan()));
    reg.add(m, "atan2", 2, |_, a| float_result(num(&a[0])?.atan2(num(&a[1])?)));
    reg.add(m, "floor", 1, |_, a| float_result(num(&a[0])?.floor()));
    reg.add(m, "ceil", 1, |_, a| float_result(num(&a[0])?.ceil()));
    reg.add(m, "fmod", 2, |_, a| {
        let (x, y) = (num(&a[0])?, num(&a[1])?);
        if y == 0.0 { Err(Raise::arithmetic()) } else { float_result(x % y) }
    });

    let e = ":erlang";
    reg.add(e, "phash2", 1, |_, a| Ok(Value::Int(crate::term::phash2(&to_term(&a[0]), 1 << 27) as i64)));
    reg.add(e, "phash2", 2, |_, a| match a[1] {
        Value::Int(r) if (1..=1 << 32).contains(&r) => {
            Ok(Value::Int(crate::term::phash2(&to_term(&a[0]), if r == 1 << 32 { 0 } else { r as u32 }) as i64))
        }
        _ => Err(Raise::bad_argument(2, "out of range")),
    });
    reg.add(e, "term_to_binary", 1, |_, a| Ok(Value::bytes(crate::term::term_to_binary(&to_term(&a[0])))));
    reg.add(e, "binary_to_term", 1, |_, a| {
        let bytes = a[0].as_bytes().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?;
        crate::term::binary_to_term(bytes).map(|t| from_term(&t)).map_err(|_| Raise::bad_argument(1, "invalid external representation of a term"))
    });
    reg.add(e, "atom_to_binary", 1, |_, a| a[0].as_atom().map(|x| Value::string(&x.name())).ok_or_else(|| Raise::bad_argument(1, "not an atom")));
    reg.add(e, "atom_to_binary", 2, |_, a| a[0].as_atom().map(|x| Value::string(&x.name())).ok_or_else(|| Raise::bad_argument(1, "not an atom")));
    reg.add(e, "binary_to_atom", 1, |_, a| a[0].as_str().map(Value::atom).ok_or_else(|| Raise::bad_argument(1, "not a binary")));
    reg.add(e, "binary_to_atom", 2, |_, a| a[0].as_str().map(Value::atom).ok_or_else(|| Raise::bad_argument(1, "not a binary")));
    reg.add(e, "binary_to_existing_atom", 2, |_, a| {
        let s = a[0].as_str().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?;
        Atom::existing(s).map(Value::Atom).ok_or_else(|| Raise::bad_argument(1, "not an already existing atom"))
    });
    reg.add(e, "atom_to_list", 1, |_, a| {
        let x = a[0].as_atom().ok_or_else(|| Raise::bad_argument(1, "not an atom"))?;
        Ok(Value::list(x.name().chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
    });
    reg.add(e, "list_to_atom", 1, |_, a| {
        let s = to_string(&a[0]).map_err(|_| Raise::bad_argument(1, "not a list of characters"))?;
        Ok(Value::atom(&String::from_utf8_lossy(&s)))
    });
    reg.add(e, "list_to_tuple", 1, |_, a| Ok(Value::tuple(a[0].list_to_vec().ok_or_else(|| Raise::bad_argument(1, "not a list"))?)));
    reg.add(e, "tuple_to_list", 1, |_, a| Ok(Value::list(a[0].as_tuple().ok_or_else(|| Raise::bad_argument(1, "not a tuple"))?.to_vec())));
    reg.add(e, "integer_to_binary", 1, |_, a| {
        big(&a[0]).map(|n| Value::string(&n.to_string())).ok_or_else(|| Raise::bad_argument(1, "not an integer"))
    });
    reg.add(e, "integer_to_binary", 2, |_, a| match (big(&a[0]), &a[1]) {
        (Some(n), Value::Int(b)) if (2..=36).contains(b) => Ok(Value::string(&n.to_str_radix(*b as u32).to_uppercase())),
        (None, _) => Err(Raise::bad_argument(1, "not an integer")),
        _ => Err(Raise::bad_argument(2, "not an integer in the range 2 through 36")),
    });
    reg.add(e, "binary_to_list", 1, |_, a| {
        let b = a[0].as_bytes().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?;
        Ok(Value::list(b.iter().map(|c| Value::Int(*c as i64)).collect::<Vec<_>>()))
    });
    reg.add("Atom", "to_string", 1, |_, a| a[0].as_atom().map(|x| Value::string(&x.name())).ok_or_else(|| no_clause("Atom", "to_string", 1)));
    reg.add("Atom", "to_charlist", 1, |_, a| {
        let x = a[0].as_atom().ok_or_else(|| no_clause("Atom", "to_charlist", 1))?;
        Ok(Value::list(x.name().chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
    });
    reg.add(e, "integer_to_list", 2, |_, a| match (big(&a[0]), &a[1]) {
        (Some(n), Value::Int(b)) if (2..=36).contains(b) => {
            Ok(Value::list(n.to_str_radix(*b as u32).to_uppercase().bytes().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
        }
        (None, _) => Err(Raise::bad_argument(1, "not an integer")),
        _ => Err(Raise::bad_argument(2, "not an integer in the range 2 through 36")),
    });
    reg.add(e, "integer_to_list", 1, |_, a| {
        let n = big(&a[0]).ok_or_else(|| Raise::bad_argument(1, "not an integer"))?;
        Ok(Value::list(n.to_string().bytes().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
    });
    reg.add(e, "binary_to_integer", 1, |_, a| {
        let s = a[0].as_str().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?;
        match super::string::read_integer(s, 10) {
            Some((v, n)) if n == s.len() => Ok(v),
            _ => Err(Raise::bad_argument(1, "not a textual representation of an integer")),
        }
    });
    reg.add(e, "element", 2, |_, a| match (&a[0], a[1].as_tuple()) {
        (Value::Int(i), Some(t)) if *i >= 1 && (*i as usize) <= t.len() => Ok(t[*i as usize - 1].clone()),
        (_, Some(_)) => Err(Raise::bad_argument(1, "out of range")),
        _ => Err(Raise::bad_argument(2, "not a tuple")),
    });
    reg.add(e, "setelement", 3, |_, a| match (&a[0], a[1].as_tuple()) {
        (Value::Int(i), Some(t)) if *i >= 1 && (*i as usize) <= t.len() => {
            let mut t = t.to_vec();
            t[*i as usize - 1] = a[2].clone();
            Ok(Value::tuple(t))
        }
        (_, Some(_)) => Err(Raise::bad_argument(1, "out of range")),
        _ => Err(Raise::bad_argument(2, "not a tuple")),
    });
    reg.add(e, "append_element", 2, |_, a| {
        let mut t = a[0].as_tuple().ok_or_else(|| Raise::bad_argument(1, "not a tuple"))?.to_vec();
        t.push(a[1].clone());
        Ok(Value::tuple(t))
    });
    reg.add(e, "iolist_to_binary", 1, |_, a| to_string(&a[0]).map(Value::bytes));
    reg.add(e, "map_get", 2, |_, a| match a[1].as_map() {
        Some(m) => m.get(&a[0]).cloned().ok_or_else(|| Raise::key_error(a[0].clone(), a[1].clone())),
        None => Err(Raise::bad_map(a[1].clone())),
    });
    reg.add(e, "fun_info", 2, |_, a| match (&a[0], a[1].as_atom()) {
        (Value::Fun(f), Some(k)) if &*k.name() == "arity" => Ok(Value::pair(a[1].clone(), Value::Int(f.arity() as i64))),
        _ => Err(badarg()),
    });
    reg.add("IO", "iodata_to_binary", 1, |_, a| to_string(&a[0]).map(Value::bytes));
    reg.add(":binary", "part", 3, |_, a| binary_part(a));
    reg.add(e, "binary_part", 3, |_, a| binary_part(a));

    let l = ":lists";
    reg.add(l, "sort", 1, |_, a| {
        let mut v = list_arg(&a[0])?;
        v.sort();
        Ok(Value::list(v))
    });
    reg.add(l, "usort", 1, |_, a| {
        let mut v = list_arg(&a[0])?;
        v.sort();
        v.dedup_by(|x, y| x.loose_eq(y));
        Ok(Value::list(v))
    });
    reg.add(l, "seq", 2, |_, a| seq(&a[0], &a[1], &Value::Int(1), 2));
    reg.add(l, "seq", 3, |_, a| seq(&a[0], &a[1], &a[2], 3));
    reg.add(l, "member", 2, |_, a| Ok(Value::boolean(list_arg(&a[1])?.contains(&a[0]))));
    reg.add(l, "sum", 1, |_, a| list_arg(&a[0])?.iter().try_fold(Value::Int(0), |acc, x| crate::lang::kernel::arith::arith(crate::lang::kernel::arith::ArithOp::Add, &acc, x)));
    reg.add(l, "max", 1, |_, a| list_arg(&a[0])?.into_iter().reduce(|m, x| if x.compare(&m).is_gt() { x } else { m }).ok_or_else(|| erl_clause("lists", "max", 1)));
    reg.add(l, "min", 1, |_, a| list_arg(&a[0])?.into_iter().reduce(|m, x| if x.compare(&m).is_lt() { x } else { m }).ok_or_else(|| erl_clause("lists", "min", 1)));
    reg.add(l, "nth", 2, |_, a| match int_arg(&a[0]) {
        Some(n) if n >= 1 => list_arg(&a[1])?.into_iter().nth(n as usize - 1).ok_or_else(|| erl_clause("lists", "nth", 2)),
        _ => Err(erl_clause("lists", "nth", 2)),
    });
    reg.add(l, "last", 1, |_, a| list_arg(&a[0])?.pop().ok_or_else(|| erl_clause("lists", "last", 1)));
    reg.add(l, "sublist", 2, |_, a| {
        let v = list_arg(&a[0])?;
        let n = int_arg(&a[1]).filter(|n| *n >= 0).ok_or_else(|| erl_clause("lists", "sublist", 2))?;
        Ok(Value::list(v.into_iter().take(n as usize).collect::<Vec<_>>()))
    });
    reg.add(l, "sublist", 3, |_, a| {
        let v = list_arg(&a[0])?;
        let start = int_arg(&a[1]).filter(|n| *n >= 1).ok_or_else(|| erl_clause("lists", "sublist", 3))?;
        let n = int_arg(&a[2]).filter(|n| *n >= 0).ok_or_else(|| erl_clause("lists", "sublist", 3))?;
        Ok(Value::list(v.into_iter().skip(start as usize - 1).take(n as usize).collect::<Vec<_>>()))
    });
    reg.add(l, "nthtail", 2, |_, a| {
        let n = int_arg(&a[0]).filter(|n| *n >= 0).ok_or_else(|| erl_clause("lists", "nthtail", 2))?;
        let mut cur = a[1].clone();
        for _ in 0..n {
            cur = match &cur {
                Value::Cons(c) => c.tail.clone(),
                _ => return Err(erl_clause("lists", "nthtail", 2)),
            };
        }
        Ok(cur)
    });
    reg.add(l, "append", 2, |_, a| Ok(Value::list_with_tail(list_arg(&a[0])?, a[1].clone())));
    reg.add(l, "append", 1, |_, a| {
        let mut out = Vec::new();
        for l in list_arg(&a[0])? {
            out.extend(list_arg(&l)?);
        }
        Ok(Value::list(out))
    });
    reg.add(l, "duplicate", 2, |_, a| match int_arg(&a[0]) {
        Some(n) if (0..=10_000_000).contains(&n) => Ok(Value::list(vec![a[1].clone(); n as usize])),
        _ => Err(erl_clause("lists", "duplicate", 2)),
    });
    reg.add(l, "delete", 2, |_, a| {
        let mut v = list_arg(&a[1])?;
        if let Some(i) = v.iter().position(|x| *x == a[0]) {
            v.remove(i);
        }
        Ok(Value::list(v))
    });
    reg.add(l, "keyfind", 3, |_, a| {
        let pos = int_arg(&a[1]).filter(|n| *n >= 1).ok_or_else(badarg)? as usize;
        Ok(list_arg(&a[2])?
            .into_iter()
            .find(|t| t.as_tuple().is_some_and(|t| t.get(pos - 1).is_some_and(|k| k.loose_eq(&a[0]))))
            .unwrap_or(Value::FALSE))
    });
    reg.add(l, "keymember", 3, |_, a| {
        let pos = int_arg(&a[1]).filter(|n| *n >= 1).ok_or_else(badarg)? as usize;
        Ok(Value::boolean(list_arg(&a[2])?.iter().any(|t| t.as_tuple().is_some_and(|t| t.get(pos - 1).is_some_and(|k| k.loose_eq(&a[0]))))))
    });
    reg.add(l, "flatten", 1, |_, a| {
        let mut out = Vec::new();
        let mut stack = vec![a[0].clone()];
        while let Some(cur) = stack.pop() {
            match cur {
                Value::Nil => {}
                Value::Cons(c) => {
                    stack.push(c.tail.clone());
                    if c.head.is_list() { stack.push(c.head.clone()) } else { out.push(c.head.clone()) }
                }
                _ => return Err(badarg()),
            }
        }
        Ok(Value::list(out))
    });
    reg.add(l, "split", 2, |_, a| {
        let v = list_arg(&a[1])?;
        match int_arg(&a[0]) {
            Some(n) if n >= 0 && n as usize <= v.len() => {
                Ok(Value::pair(Value::list(v[..n as usize].to_vec()), Value::list(v[n as usize..].to_vec())))
            }
            _ => Err(badarg()),
        }
    });
    reg.add(l, "zip", 2, |_, a| {
        let (x, y) = (list_arg(&a[0])?, list_arg(&a[1])?);
        if x.len() != y.len() {
            return Err(erl_clause("lists", "zip", 2));
        }
        Ok(Value::list(x.into_iter().zip(y).map(|(p, q)| Value::pair(p, q)).collect::<Vec<_>>()))
    });

    let mp = ":maps";
    reg.add(mp, "to_list", 1, |_, a| {
        let m = a[0].as_map().ok_or_else(|| Raise::bad_map(a[0].clone()))?;
        Ok(Value::list(m.iter().map(|(k, v)| Value::pair(k.clone(), v.clone())).collect::<Vec<_>>()))
    });
    reg.add(mp, "keys", 1, |_, a| Ok(Value::list(a[0].as_map().ok_or_else(|| Raise::bad_map(a[0].clone()))?.keys().cloned().collect::<Vec<_>>())));
    reg.add(mp, "values", 1, |_, a| Ok(Value::list(a[0].as_map().ok_or_else(|| Raise::bad_map(a[0].clone()))?.values().cloned().collect::<Vec<_>>())));
    reg.add(mp, "from_list", 1, |_, a| {
        let v = list_arg(&a[0])?;
        let mut m = std::collections::BTreeMap::new();
        for p in v {
            match p.as_tuple() {
                Some([k, x]) => {
                    m.insert(k.clone(), x.clone());
                }
                _ => return Err(badarg()),
            }
        }
        Ok(Value::map(m))
    });
    reg.add(mp, "get", 2, |_, a| {
        let m = a[1].as_map().ok_or_else(|| Raise::bad_map(a[1].clone()))?;
        m.get(&a[0]).cloned().ok_or_else(|| Raise::key_error(a[0].clone(), a[1].clone()))
    });
    reg.add(mp, "get", 3, |_, a| {
        let m = a[1].as_map().ok_or_else(|| Raise::bad_map(a[1].clone()))?;
        Ok(m.get(&a[0]).cloned().unwrap_or_else(|| a[2].clone()))
    });
    reg.add(mp, "put", 3, |_, a| {
        let mut m = a[2].as_map().ok_or_else(|| Raise::bad_map(a[2].clone()))?.clone();
        m.insert(a[0].clone(), a[1].clone());
        Ok(Value::map(m))
    });
    reg.add(mp, "is_key", 2, |_, a| Ok(Value::boolean(a[1].as_map().ok_or_else(|| Raise::bad_map(a[1].clone()))?.contains_key(&a[0]))));
    reg.add(mp, "find", 2, |_, a| {
        let m = a[1].as_map().ok_or_else(|| Raise::bad_map(a[1].clone()))?;
        Ok(m.get(&a[0]).map_or(Value::atom("error"), |v| Value::pair(Value::OK, v.clone())))
    });
    reg.add(mp, "remove", 2, |_, a| {
        let mut m = a[1].as_map().ok_or_else(|| Raise::bad_map(a[1].clone()))?.clone();
        m.remove(&a[0]);
        Ok(Value::map(m))
    });

    let qm = ":queue";
    reg.add(qm, "new", 0, |_, _| Ok(q(vec![], vec![])));
    reg.add(qm, "from_list", 1, |_, a| Ok(f2r(list_arg(&a[0])?)));
    reg.add(qm, "to_list", 1, |_, a| {
        let (rear, mut front) = queue(&a[0])?;
        front.extend(rear.into_iter().rev());
        Ok(Value::list(front))
    });
    reg.add(qm, "len", 1, |_, a| {
        let (rear, front) = queue(&a[0])?;
        Ok(Value::Int((rear.len() + front.len()) as i64))
    });
    reg.add(qm, "is_empty", 1, |_, a| {
        let (rear, front) = queue(&a[0])?;
        Ok(Value::boolean(rear.is_empty() && front.is_empty()))
    });
    reg.add(qm, "is_queue", 1, |_, a| Ok(Value::boolean(queue(&a[0]).is_ok())));
    reg.add(qm, "member", 2, |_, a| {
        let (rear, front) = queue(&a[1])?;
        Ok(Value::boolean(rear.contains(&a[0]) || front.contains(&a[0])))
    });
    reg.add(qm, "in", 2, |_, a| {
        let (mut rear, front) = queue(&a[1])?;
        if rear.len() == 1 && front.is_empty() {
            return Ok(q(vec![a[0].clone()], rear));
        }
        rear.insert(0, a[0].clone());
        Ok(q(rear, front))
    });
    reg.add(qm, "in_r", 2, |_, a| {
        let (rear, mut front) = queue(&a[1])?;
        if rear.is_empty() && front.len() == 1 {
            return Ok(q(front, vec![a[0].clone()]));
        }
        front.insert(0, a[0].clone());
        Ok(q(rear, front))
    });
    reg.add(qm, "out", 1, |_, a| queue_out(&a[0]));
    reg.add(qm, "out_r", 1, |_, a| queue_out_r(&a[0]));
    reg.add(qm, "peek", 1, |_, a| {
        let (rear, front) = queue(&a[0])?;
        Ok(match (front.first(), rear.last()) {
            (Some(x), _) | (None, Some(x)) => Value::pair(Value::atom("value"), x.clone()),
            _ => Value::atom("empty"),
        })
    });
    reg.add(qm, "reverse", 1, |_, a| {
        let (rear, front) = queue(&a[0])?;
        Ok(q(front, rear))
    });
}

/// `:erlang.binary_part/3` and `:binary.part/3` (a negative length counts back).
fn binary_part(a: &[Value]) -> R {
    match (&a[0], int_arg(&a[1]), int_arg(&a[2])) {
        (Value::Binary(b), Some(start), Some(len)) => {
            let (s, l) = if len < 0 { (start + len, -len) } else { (start, len) };
            if s < 0 || (s + l) as usize > b.as_bytes().len() {
                return Err(badarg());
            }
            Ok(Value::sub_binary(b, s as usize, l as usize))
        }
        _ => Err(badarg()),
    }
}

/// `FunctionClauseError` for an Erlang function (`no function clause matching in :lists.nth/2`).
fn erl_clause(module: &str, fun: &str, arity: usize) -> Raise {
    Raise::exception(
        "FunctionClauseError",
        &[("module", Value::atom(module)), ("function", Value::atom(fun)), ("arity", Value::Int(arity as i64))],
    )
}

fn seq(from: &Value, to: &Value, step: &Value, arity: usize) -> R {
    let (f, t, s) = match (from, to, step) {
        (Value::Int(f), Value::Int(t), Value::Int(s)) => (*f, *t, *s),
        _ => return Err(erl_clause("lists", "seq", arity)),
    };
    let ok = (s > 0 && t >= f - s) || (s < 0 && t <= f - s) || (s == 0 && f == t);
    if !ok {
        return Err(erl_clause("lists", "seq", arity));
    }
    if s == 0 {
        return Ok(Value::list(vec![Value::Int(f)]));
    }
    let n = ((t - f) / s + 1).max(0);
    if n > 50_000_000 {
        return Err(Raise::exception("SystemLimitError", &[]));
    }
    Ok(Value::list((0..n).map(|i| Value::Int(f + i * s)).collect::<Vec<_>>()))
}
