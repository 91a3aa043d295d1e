//! `Integer` and `Float`. Float rounding works on the float's exact decimal expansion, as
//! Elixir does: `Float.round(1.005, 2)` is `1.0` because 1.005 is really 1.00499999...

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use super::string::{read_float, read_integer};
use super::{no_clause, R};
use crate::lang::convert::{inspect, to_string};
use crate::lang::exception::Raise;
use crate::lang::kernel::arith;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Mode {
    HalfUp,
    Floor,
    Ceil,
}

/// Rounds `f` to `precision` decimal places on its exact decimal value.
fn round_decimal(f: f64, precision: usize, mode: Mode) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    let negative = f.is_sign_negative();
    let exact = format!("{:.1080}", f.abs());
    let (int_part, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let kept = &frac[..precision];
    let rest = &frac[precision..];
    let rest_nonzero = rest.bytes().any(|c| c != b'0');
    let up = match mode {
        Mode::HalfUp => rest.as_bytes().first().is_some_and(|c| *c >= b'5'),
        Mode::Floor => negative && rest_nonzero,
        Mode::Ceil => !negative && rest_nonzero,
    };
    let mut digits: Vec<u8> = format!("{int_part}{kept}").into_bytes();
    if up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - precision;
    let text = format!("{}.{}", String::from_utf8_lossy(&digits[..split]), String::from_utf8_lossy(&digits[split..]));
    let value: f64 = text.trim_end_matches('.').parse().unwrap_or(f.abs());
    if negative { -value } else { value }
}

fn float_round(args: &[Value], fun: &str, mode: Mode) -> R {
    let f = match &args[0] {
        Value::Float(f) => *f,
        _ => return Err(no_clause("Float", fun, 2)),
    };
    let precision = match args.get(1) {
        None => 0,
        Some(Value::Int(p)) if (0..=15).contains(p) => *p as usize,
        Some(Value::Int(p)) => {
            return Err(Raise::argument_error(&format!("precision {p} is out of valid range of 0..15")))
        }
        Some(_) => return Err(no_clause("Float", fun, 2)),
    };
    Ok(Value::Float(round_decimal(f, precision, mode)))
}

fn integer_to_string(args: &[Value]) -> R {
    let n = big(&args[0]).ok_or_else(|| Raise::bad_argument(1, "not an integer"))?;
    let base = match args.get(1) {
        None => 10,
        Some(Value::Int(b)) if (2..=36).contains(b) => *b as u32,
        Some(_) => return Err(Raise::bad_argument(2, "not an integer in the range 2 through 36")),
    };
    Ok(Value::string(&n.to_str_radix(base).to_uppercase()))
}

fn digits(args: &[Value]) -> R {
    let n = big(&args[0]).ok_or_else(|| no_clause("Integer", "digits", 2))?;
    let base = match args.get(1) {
        None => BigInt::from(10),
        Some(Value::Int(b)) if *b >= 2 => BigInt::from(*b),
        Some(_) => return Err(no_clause("Integer", "digits", 2)),
    };
    if n.is_zero() {
        return Ok(Value::list(vec![Value::Int(0)]));
    }
    let negative = n.is_negative();
    let mut n = n.abs();
    let mut out = Vec::new();
    while !n.is_zero() {
        let (q, r) = n.div_rem(&base);
        let r = Value::from_bigint(r);
        out.push(if negative { arith::negate(&r)? } else { r });
        n = q;
    }
    out.reverse();
    Ok(Value::list(out))
}

fn undigits(args: &[Value]) -> R {
    let list = args[0].list_to_vec().ok_or_else(|| no_clause("Integer", "undigits", 2))?;
    let base = match args.get(1) {
        None => BigInt::from(10),
        Some(Value::Int(b)) if *b >= 2 => BigInt::from(*b),
        Some(_) => return Err(no_clause("Integer", "undigits", 2)),
    };
    let mut acc = BigInt::zero();
    for d in list {
        let d = big(&d).ok_or_else(|| no_clause("Integer", "undigits", 2))?;
        if d >= base {
            return Err(Raise::argument_error(&format!("invalid digit {d} in base {base}")));
        }
        acc = acc * &base + d;
    }
    Ok(Value::from_bigint(acc))
}

fn parse_integer(args: &[Value]) -> R {
    let s = args[0].as_str().ok_or_else(|| no_clause("Integer", "parse", 2))?;
    let base = match args.get(1) {
        None => 10,
        Some(Value::Int(b)) if (2..=36).contains(b) => *b as u32,
        Some(other) => return Err(Raise::argument_error(&format!("invalid base {}", inspect(other)))),
    };
    Ok(match read_integer(s, base) {
        Some((v, n)) => Value::pair(v, Value::string(&s[n..])),
        None => Value::atom("error"),
    })
}

fn pow(args: &[Value]) -> R {
    let base = big(&args[0]).ok_or_else(|| no_clause("Integer", "pow", 2))?;
    match &args[1] {
        Value::Int(e) if *e >= 0 => {
            let e = u32::try_from(*e).map_err(|_| Raise::exception("SystemLimitError", &[]))?;
            if base.bits() as u128 * e as u128 > 1 << 24 {
                return Err(Raise::exception("SystemLimitError", &[]));
            }
            Ok(Value::from_bigint(num_traits::pow(base, e as usize)))
        }
        Value::Int(_) => Err(Raise::arithmetic()),
        _ => Err(no_clause("Integer", "pow", 2)),
    }
}

fn int_pair(args: &[Value], fun: &str) -> Result<(BigInt, BigInt), Raise> {
    match (big(&args[0]), big(&args[1])) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(no_clause("Integer", fun, 2)),
    }
}

pub(crate) fn register(reg: &mut Registry) {
    let i = "Integer";
    reg.add(i, "to_string", 1, |_, a| integer_to_string(a));
    reg.add(i, "to_string", 2, |_, a| integer_to_string(a));
    reg.add(i, "to_charlist", 1, |_, a| {
        let s = integer_to_string(a)?;
        Ok(Value::list(s.as_bytes().unwrap_or_default().iter().map(|c| Value::Int(*c as i64)).collect::<Vec<_>>()))
    });
    reg.add(i, "parse", 1, |_, a| parse_integer(a));
    reg.add(i, "parse", 2, |_, a| parse_integer(a));
    reg.add(i, "digits", 1, |_, a| digits(a));
    reg.add(i, "digits", 2, |_, a| digits(a));
    reg.add(i, "undigits", 1, |_, a| undigits(a));
    reg.add(i, "undigits", 2, |_, a| undigits(a));
    reg.add(i, "pow", 2, |_, a| pow(a));
    reg.add(i, "gcd", 2, |_, a| {
        let (x, y) = int_pair(a, "gcd")?;
        Ok(Value::from_bigint(x.gcd(&y)))
    });
    reg.add(i, "mod", 2, |_, a| {
        let (x, y) = int_pair(a, "mod")?;
        if y.is_zero() {
            return Err(Raise::arithmetic());
        }
        Ok(Value::from_bigint(x.mod_floor(&y)))
    });
    reg.add(i, "floor_div", 2, |_, a| {
        let (x, y) = int_pair(a, "floor_div")?;
        if y.is_zero() {
            return Err(Raise::arithmetic());
        }
        Ok(Value::from_bigint(x.div_floor(&y)))
    });

    let f = "Float";
    reg.add(f, "round", 1, |_, a| float_round(a, "round", Mode::HalfUp));
    reg.add(f, "round", 2, |_, a| float_round(a, "round", Mode::HalfUp));
    reg.add(f, "floor", 1, |_, a| float_round(a, "floor", Mode::Floor));
    reg.add(f, "floor", 2, |_, a| float_round(a, "floor", Mode::Floor));
    reg.add(f, "ceil", 1, |_, a| float_round(a, "ceil", Mode::Ceil));
    reg.add(f, "ceil", 2, |_, a| float_round(a, "ceil", Mode::Ceil));
    reg.add(f, "parse", 1, |_, a| {
        let s = a[0].as_str().ok_or_else(|| no_clause("Float", "parse", 1))?;
        Ok(match read_float(s) {
            Some((x, n)) => Value::pair(Value::Float(x), Value::string(&s[n..])),
            None => Value::atom("error"),
        })
    });
    reg.add(f, "to_string", 1, |_, a| match &a[0] {
        Value::Float(_) => to_string(&a[0]).map(Value::bytes),
        _ => Err(no_clause("Float", "to_string", 1)),
    });
    reg.add(f, "truncate", 1, |_, a| match &a[0] {
        Value::Float(x) => Ok(Value::Float(x.trunc())),
        _ => Err(no_clause("Float", "truncate", 2)),
    });
    reg.add(f, "pow", 2, |_, a| match (&a[0], arith::to_f64(&a[1])) {
        (Value::Float(x), Some(e)) => {
            let r = x.powf(e);
            if r.is_finite() { Ok(Value::Float(r)) } else { Err(Raise::arithmetic()) }
        }
        _ => Err(no_clause("Float", "pow", 2)),
    });
}
