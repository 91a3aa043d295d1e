//! `Enum`'s first-order functions (no function argument): counting, sorting by term order,
//! indexing, slicing, joining. Those taking a function (`map`, `reduce`, `sort_by`, ...) and
//! those that must walk lazy streams (`to_list`, `take`) are in `prelude/enum.ex`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{int_arg, items, mapset, no_clause, R};
use crate::lang::convert::to_string;
use crate::lang::exception::Raise;
use crate::lang::kernel::arith::{arith, ArithOp};
use crate::lang::kernel::range_bounds;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn empty_error() -> Raise {
    Raise::exception("Enum.EmptyError", &[("message", Value::string("empty error"))])
}

fn out_of_bounds() -> Raise {
    Raise::exception("Enum.OutOfBoundsError", &[("message", Value::string("out of bounds error"))])
}

/// The first element that is largest (or smallest) by arithmetic term order.
fn extreme(v: &Value, want: Ordering) -> Result<Option<Value>, Raise> {
    let mut best: Option<Value> = None;
    for x in items(v)? {
        best = match best {
            Some(b) if x.compare(&b) != want => Some(b),
            _ => Some(x),
        };
    }
    Ok(best)
}

/// Index `i` of the enumerable (negative from the end).
fn nth(v: &Value, i: i64) -> Result<Option<Value>, Raise> {
    let all = items(v)?;
    let n = all.len() as i64;
    let i = if i < 0 { n + i } else { i };
    Ok((0..n).contains(&i).then(|| all[i as usize].clone()))
}

fn range_len(first: i64, last: i64, step: i64) -> i64 {
    if (step > 0 && first > last) || (step < 0 && first < last) {
        0
    } else {
        (last - first) / step + 1
    }
}

/// `Enum.slice/2` with a range of indexes (negative ones from the end), stepping.
fn slice_range(v: &Value, range: &Value) -> R {
    let (first, last, step) = range_bounds(range).ok_or_else(|| no_clause("Enum", "slice", 2))?;
    let all = items(v)?;
    let n = all.len() as i64;
    // Elixir 1.14 still reads `3..1` (step -1) as `3..1//1`; other negative steps raise.
    let step = match step {
        -1 if first > last => 1,
        s if s < 0 => {
            return Err(Raise::argument_error(&format!(
                "Enum.slice/2 does not accept ranges with negative steps, got: {}",
                crate::lang::convert::inspect(range)
            )))
        }
        s => s,
    };
    let first = if first < 0 { (n + first).max(0) } else { first };
    let last = if last < 0 { n + last } else { last };
    if first >= n || last < first {
        return Ok(Value::Nil);
    }
    let last = last.min(n - 1);
    Ok(Value::list((first..=last).step_by(step as usize).map(|i| all[i as usize].clone()).collect::<Vec<_>>()))
}

fn join(v: &Value, sep: &[u8]) -> R {
    let mut out = Vec::new();
    for (i, x) in items(v)?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend(to_string(x).map_err(|_| super::protocol_error("String.Chars", x))?);
    }
    Ok(Value::bytes(out))
}

fn chunk_every(v: &Value, count: i64, step: i64, leftover: Option<&Value>) -> R {
    if count <= 0 || step <= 0 {
        return Err(no_clause("Enum", "chunk_every", 4));
    }
    let all = items(v)?;
    let (count, step) = (count as usize, step as usize);
    let pad = match leftover {
        Some(l) if l.is_atom(crate::lang::atom::Atom::intern("discard")) => None,
        Some(l) => Some(items(l)?),
        None => Some(Vec::new()),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let end = i + count;
        if end <= all.len() {
            out.push(Value::list(all[i..end].to_vec()));
        } else {
            if let Some(pad) = &pad {
                let mut chunk = all[i..].to_vec();
                chunk.extend(pad.iter().take(end - all.len()).cloned());
                out.push(Value::list(chunk));
            }
            break;
        }
        i += step;
    }
    Ok(Value::list(out))
}

/// `Enum.into/2` for the collectables natives can fill: lists, maps, MapSets.
fn into(v: &Value, target: &Value) -> R {
    let all = items(v)?;
    if let Some(prefix) = target.as_bytes() {
        let mut out = prefix.to_vec();
        for x in &all {
            out.extend(x.as_bytes().ok_or_else(|| Raise::argument_error("argument error"))?);
        }
        return Ok(Value::bytes(out));
    }
    if target.is_list() {
        return Ok(Value::list_with_tail(target.list_to_vec().unwrap_or_default().into_iter().chain(all).collect::<Vec<_>>(), Value::Nil));
    }
    if mapset::members(target).is_some() {
        let mut m = mapset::members(target).unwrap_or_default();
        m.extend(all);
        return Ok(mapset::from_items(m));
    }
    if let (Some(m), None) = (target.as_map(), target.struct_name()) {
        let mut m: BTreeMap<Value, Value> = m.clone();
        for pair in all {
            match pair.as_tuple() {
                Some([k, val]) => {
                    m.insert(k.clone(), val.clone());
                }
                _ => return Err(Raise::argument_error("argument error")),
            }
        }
        return Ok(Value::map(m));
    }
    Err(super::protocol_error("Collectable", target))
}

/// Registers the natives as `Enum` (what learners call) and as `:elixir_enum` (what the
/// prelude's stream-aware `Enum` functions of the same name call once a stream is realised).
pub(crate) fn register(reg: &mut Registry) {
    register_as(reg, "Enum");
    register_as(reg, ":elixir_enum");
}

fn register_as(reg: &mut Registry, e: &str) {
    reg.add(e, "to_list", 1, |_, a| Ok(Value::list(items(&a[0])?)));
    reg.add(e, "count", 1, |_, a| {
        if let Some((f, l, s)) = range_bounds(&a[0]) {
            return Ok(Value::Int(range_len(f, l, s)));
        }
        if let (Some(m), None) = (a[0].as_map(), a[0].struct_name()) {
            return Ok(Value::Int(m.len() as i64));
        }
        Ok(Value::Int(items(&a[0])?.len() as i64))
    });
    reg.add(e, "sum", 1, |_, a| {
        if let Some((f, l, s)) = range_bounds(&a[0]) {
            let n = range_len(f, l, s) as i128;
            let total = n * f as i128 + s as i128 * n * (n - 1) / 2;
            return Ok(Value::from_bigint(total.into()));
        }
        items(&a[0])?.iter().try_fold(Value::Int(0), |acc, x| arith(ArithOp::Add, &acc, x))
    });
    reg.add(e, "product", 1, |_, a| items(&a[0])?.iter().try_fold(Value::Int(1), |acc, x| arith(ArithOp::Mul, &acc, x)));
    reg.add(e, "max", 1, |_, a| extreme(&a[0], Ordering::Greater)?.ok_or_else(empty_error));
    reg.add(e, "min", 1, |_, a| extreme(&a[0], Ordering::Less)?.ok_or_else(empty_error));
    reg.add(e, "min_max", 1, |_, a| {
        let min = extreme(&a[0], Ordering::Less)?.ok_or_else(empty_error)?;
        let max = extreme(&a[0], Ordering::Greater)?.ok_or_else(empty_error)?;
        Ok(Value::pair(min, max))
    });
    reg.add(e, "sort", 1, |_, a| {
        let mut all = items(&a[0])?;
        all.sort_by(|x, y| x.compare(y));
        Ok(Value::list(all))
    });
    reg.add(e, "reverse", 1, |_, a| Ok(Value::list(items(&a[0])?.into_iter().rev().collect::<Vec<_>>())));
    reg.add(e, "reverse", 2, |_, a| Ok(Value::list_with_tail(items(&a[0])?.into_iter().rev().collect::<Vec<_>>(), a[1].clone())));
    reg.add(e, "member?", 2, |_, a| {
        if let Some(m) = mapset::members(&a[0]) {
            return Ok(Value::boolean(m.contains(&a[1])));
        }
        if let Some((f, l, s)) = range_bounds(&a[0]) {
            return Ok(Value::boolean(match a[1] {
                Value::Int(i) => range_len(f, l, s) > 0 && (i - f) % s == 0 && if s > 0 { f <= i && i <= l } else { l <= i && i <= f },
                _ => false,
            }));
        }
        Ok(Value::boolean(items(&a[0])?.iter().any(|x| *x == a[1])))
    });
    reg.add(e, "empty?", 1, |_, a| Ok(Value::boolean(items(&a[0])?.is_empty())));
    reg.add(e, "at", 2, |_, a| Ok(nth(&a[0], int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "at", 3))?)?.unwrap_or(Value::NIL_ATOM)));
    reg.add(e, "at", 3, |_, a| Ok(nth(&a[0], int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "at", 3))?)?.unwrap_or_else(|| a[2].clone())));
    reg.add(e, "fetch", 2, |_, a| {
        let i = int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "fetch", 2))?;
        Ok(nth(&a[0], i)?.map_or(Value::atom("error"), |v| Value::pair(Value::OK, v)))
    });
    reg.add(e, "fetch!", 2, |_, a| {
        let i = int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "fetch!", 2))?;
        nth(&a[0], i)?.ok_or_else(out_of_bounds)
    });
    reg.add(e, "uniq", 1, |_, a| {
        let mut seen = std::collections::BTreeSet::new();
        Ok(Value::list(items(&a[0])?.into_iter().filter(|x| seen.insert(x.clone())).collect::<Vec<_>>()))
    });
    reg.add(e, "dedup", 1, |_, a| {
        let mut all = items(&a[0])?;
        all.dedup_by(|x, y| x == y);
        Ok(Value::list(all))
    });
    reg.add(e, "drop", 2, |_, a| {
        let all = items(&a[0])?;
        let n = int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "drop", 2))?;
        let len = all.len() as i64;
        Ok(Value::list(if n >= 0 { all[n.min(len) as usize..].to_vec() } else { all[..(len + n).max(0) as usize].to_vec() }))
    });
    reg.add(e, "split", 2, |_, a| {
        let all = items(&a[0])?;
        let n = int_arg(&a[1]).ok_or_else(|| no_clause("Enum", "split", 2))?;
        let len = all.len() as i64;
        let at = if n >= 0 { n.min(len) } else { (len + n).max(0) } as usize;
        Ok(Value::pair(Value::list(all[..at].to_vec()), Value::list(all[at..].to_vec())))
    });
    reg.add(e, "slice", 2, |_, a| slice_range(&a[0], &a[1]));
    reg.add(e, "slice", 3, |_, a| {
        let all = items(&a[0])?;
        let (start, count) = match (&a[1], &a[2]) {
            (Value::Int(s), Value::Int(c)) if *c >= 0 => (*s, *c),
            _ => return Err(no_clause("Enum", "slice", 3)),
        };
        let n = all.len() as i64;
        let start = if start < 0 { (n + start).max(0) } else { start };
        if start >= n {
            return Ok(Value::Nil);
        }
        let end = (start + count).min(n);
        Ok(Value::list(all[start as usize..end as usize].to_vec()))
    });
    reg.add(e, "join", 1, |_, a| join(&a[0], b""));
    reg.add(e, "join", 2, |_, a| join(&a[0], a[1].as_bytes().ok_or_else(|| no_clause("Enum", "join", 2))?));
    reg.add(e, "zip", 2, |_, a| {
        let (x, y) = (items(&a[0])?, items(&a[1])?);
        Ok(Value::list(x.into_iter().zip(y).map(|(p, q)| Value::pair(p, q)).collect::<Vec<_>>()))
    });
    reg.add(e, "zip", 1, |_, a| {
        let lists: Vec<Vec<Value>> = items(&a[0])?.iter().map(items).collect::<Result<_, _>>()?;
        let n = lists.iter().map(Vec::len).min().unwrap_or(0);
        Ok(Value::list((0..n).map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect::<Vec<_>>()))
    });
    reg.add(e, "unzip", 1, |_, a| {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for t in items(&a[0])? {
            match t.as_tuple() {
                Some([x, y]) => {
                    xs.push(x.clone());
                    ys.push(y.clone());
                }
                _ => return Err(no_clause("Enum", "unzip", 1)),
            }
        }
        Ok(Value::pair(Value::list(xs), Value::list(ys)))
    });
    reg.add(e, "concat", 1, |_, a| {
        let mut out = Vec::new();
        for part in items(&a[0])? {
            out.extend(items(&part)?);
        }
        Ok(Value::list(out))
    });
    reg.add(e, "concat", 2, |_, a| {
        let mut out = items(&a[0])?;
        out.extend(items(&a[1])?);
        Ok(Value::list(out))
    });
    reg.add(e, "frequencies", 1, |_, a| {
        let mut m: BTreeMap<Value, Value> = BTreeMap::new();
        for x in items(&a[0])? {
            let n = match m.get(&x) {
                Some(Value::Int(n)) => n + 1,
                _ => 1,
            };
            m.insert(x, Value::Int(n));
        }
        Ok(Value::map(m))
    });
    reg.add(e, "take_every", 2, |_, a| match a[1] {
        Value::Int(0) => Ok(Value::Nil),
        Value::Int(n) if n > 0 => Ok(Value::list(items(&a[0])?.into_iter().step_by(n as usize).collect::<Vec<_>>())),
        _ => Err(no_clause("Enum", "take_every", 2)),
    });
    reg.add(e, "chunk_every", 2, |_, a| {
        let n = int_arg(&a[1]).unwrap_or(0);
        chunk_every(&a[0], n, n, None)
    });
    reg.add(e, "chunk_every", 3, |_, a| chunk_every(&a[0], int_arg(&a[1]).unwrap_or(0), int_arg(&a[2]).unwrap_or(0), None));
    reg.add(e, "chunk_every", 4, |_, a| chunk_every(&a[0], int_arg(&a[1]).unwrap_or(0), int_arg(&a[2]).unwrap_or(0), Some(&a[3])));
    reg.add(e, "into", 2, |_, a| into(&a[0], &a[1]));
}
