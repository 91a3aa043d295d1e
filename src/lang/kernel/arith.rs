//! Integer and float arithmetic with Erlang's rules: integers never overflow (they become big
//! integers), `/` always gives a float, `div`/`rem` truncate toward zero, and any non-number
//! operand raises `ArithmeticError`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::lang::exception::Raise;
use crate::lang::value::Value;

fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub(crate) fn to_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::BigInt(b) => b.to_f64(),
        _ => None,
    }
}

fn float_result(f: f64) -> Result<Value, Raise> {
    if f.is_finite() { Ok(Value::Float(f)) } else { Err(Raise::arithmetic()) }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

/// `a + b`, `a - b`, `a * b`.
#[inline]
pub fn arith(op: ArithOp, a: &Value, b: &Value) -> Result<Value, Raise> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        let r = match op {
            ArithOp::Add => x.checked_add(*y),
            ArithOp::Sub => x.checked_sub(*y),
            ArithOp::Mul => x.checked_mul(*y),
        };
        if let Some(r) = r {
            return Ok(Value::Int(r));
        }
    }
    if a.is_integer() && b.is_integer() {
        let (x, y) = (big(a).unwrap(), big(b).unwrap());
        return Ok(Value::from_bigint(match op {
            ArithOp::Add => x + y,
            ArithOp::Sub => x - y,
            ArithOp::Mul => x * y,
        }));
    }
    match (to_f64(a), to_f64(b)) {
        (Some(x), Some(y)) if a.is_number() && b.is_number() => float_result(match op {
            ArithOp::Add => x + y,
            ArithOp::Sub => x - y,
            ArithOp::Mul => x * y,
        }),
        _ => Err(Raise::arithmetic()),
    }
}

/// `a / b`: always a float.
pub fn divide(a: &Value, b: &Value) -> Result<Value, Raise> {
    match (to_f64(a), to_f64(b)) {
        (Some(_), Some(0.0)) => Err(Raise::arithmetic()),
        (Some(x), Some(y)) => float_result(x / y),
        _ => Err(Raise::arithmetic()),
    }
}

/// `div/2` (truncating) and `rem/2`: integers only.
pub fn div_rem(a: &Value, b: &Value, want_rem: bool) -> Result<Value, Raise> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if *y == 0 {
            return Err(Raise::arithmetic());
        }
        if let (Some(q), Some(r)) = (x.checked_div(*y), x.checked_rem(*y)) {
            return Ok(Value::Int(if want_rem { r } else { q }));
        }
    }
    match (big(a), big(b)) {
        (Some(x), Some(y)) if !y.is_zero() => {
            // BigInt's `/` and `%` truncate toward zero, like Erlang's div and rem.
            Ok(Value::from_bigint(if want_rem { x % y } else { x / y }))
        }
        _ => Err(Raise::arithmetic()),
    }
}

/// `Integer.mod/2` / `Integer.floor_div/2` helpers for the stdlib.
pub fn floor_mod(a: &Value, b: &Value) -> Result<Value, Raise> {
    match (big(a), big(b)) {
        (Some(x), Some(y)) if !y.is_zero() => Ok(Value::from_bigint(x.mod_floor(&y))),
        _ => Err(Raise::arithmetic()),
    }
}

pub fn negate(a: &Value) -> Result<Value, Raise> {
    match a {
        Value::Int(x) => Ok(x.checked_neg().map(Value::Int).unwrap_or_else(|| Value::from_bigint(-BigInt::from(*x)))),
        Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone())),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => Err(Raise::arithmetic()),
    }
}

pub fn abs(a: &Value) -> Option<Value> {
    match a {
        Value::Int(x) => Some(x.checked_abs().map(Value::Int).unwrap_or_else(|| Value::from_bigint(BigInt::from(*x).abs()))),
        Value::BigInt(b) => Some(Value::from_bigint(b.abs())),
        Value::Float(f) => Some(Value::Float(f.abs())),
        _ => None,
    }
}

/// A float rounded/truncated to an integer value, big if needed.
pub fn float_to_integer(f: f64) -> Value {
    if f.abs() < 9.0e18 {
        Value::Int(f as i64)
    } else {
        Value::from_bigint(num_bigint::BigInt::from(f as i128))
    }
}
