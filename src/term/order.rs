//! Erlang term order: `number < atom < reference < fun < port < pid < tuple < map < nil <
//! list < bitstring`.
//!
//! Two flavours, as on the BEAM:
//! - [`compare`] is the order of `<` and `==`: an integer and a float compare by value, so
//!   `1 == 1.0`. This is what `Enum.sort/1` uses.
//! - [`compare_exact`] is the order of `=:=` and of *map keys*: numbers of different types
//!   never tie, integers sort before floats (`%{1 => _, 2 => _, 0.5 => _, 1.0 => _}` is stored,
//!   encoded and printed in that order, as real Erlang's `term_to_binary` shows).
//!
//! Maps compare by size, then by their keys in map-key order, then by the values in that key
//! order. Within a type: atoms and binaries by bytes (UTF-8 bytes order as code points), tuples
//! by size then elements, lists element-wise (so `[]` sorts before any non-empty list, and
//! nil is just the empty list here). Our extra variants: pids by number, refs by number, funs
//! by name (a real BEAM orders funs by module and index, which we do not model).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use super::Term;

/// Erlang's term order for `<`, `>`, `==` (integer and float compare by value).
pub fn compare(a: &Term, b: &Term) -> Ordering {
    cmp(a, b, false)
}

/// Erlang's exact term order (`=:=`, map keys): integers before floats, no cross-type ties.
pub fn compare_exact(a: &Term, b: &Term) -> Ordering {
    cmp(a, b, true)
}

/// Sorts map pairs into the order the BEAM keeps a small map in (exact order of keys).
pub(crate) fn sort_map_pairs(pairs: &mut [(Term, Term)]) {
    pairs.sort_by(|(a, _), (b, _)| compare_exact(a, b));
}

/// The indices of `pairs` in map-key order, without moving anything.
pub(crate) fn sorted_pair_refs(pairs: &[(Term, Term)]) -> Vec<&(Term, Term)> {
    let mut refs: Vec<&(Term, Term)> = pairs.iter().collect();
    refs.sort_by(|(a, _), (b, _)| compare_exact(a, b));
    refs
}

fn rank(t: &Term) -> u8 {
    match t {
        Term::Int(_) | Term::BigInt(_) | Term::Float(_) => 0,
        Term::Atom(_) => 1,
        Term::Ref(_) => 2,
        Term::Fun(_) => 3,
        // 4 would be a port.
        Term::Pid(_) => 5,
        Term::Tuple(_) => 6,
        Term::Map(_) => 7,
        Term::List(items) if items.is_empty() => 8,
        Term::List(_) | Term::ImproperList(..) => 9,
        Term::Binary(_) => 10,
    }
}

/// The rest of a list from some cell on: the items left, then the tail (`None` is `[]`).
#[derive(Clone, Copy)]
struct ListRest<'a> {
    items: &'a [Term],
    tail: Option<&'a Term>,
}

impl<'a> ListRest<'a> {
    fn of(t: &'a Term) -> ListRest<'a> {
        match t {
            Term::List(items) => ListRest { items, tail: None },
            Term::ImproperList(items, tail) => ListRest { items, tail: Some(tail) },
            _ => unreachable!("only lists have a rest"),
        }
    }
}

/// A comparison still to make; the first one that is not `Equal` decides.
enum Pending<'a> {
    Terms(&'a Term, &'a Term, bool),
    /// Element-wise, same length (tuple elements).
    Elements(&'a [Term], &'a [Term], bool),
    /// Cell by cell, as Erlang walks two lists.
    Lists(ListRest<'a>, ListRest<'a>, bool),
}

/// Iterative: nesting depth costs heap, not stack.
fn cmp(a: &Term, b: &Term, exact: bool) -> Ordering {
    let mut pending = vec![Pending::Terms(a, b, exact)];
    while let Some(next) = pending.pop() {
        let o = match next {
            Pending::Terms(a, b, exact) => cmp_shallow(a, b, exact, &mut pending),
            Pending::Elements(x, y, exact) => {
                if let (Some((a, xs)), Some((b, ys))) = (x.split_first(), y.split_first()) {
                    pending.push(Pending::Elements(xs, ys, exact));
                    pending.push(Pending::Terms(a, b, exact));
                }
                Ordering::Equal
            }
            Pending::Lists(x, y, exact) => cmp_list_rests(x, y, exact, &mut pending),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Compares what can be decided at the top of `a` and `b`; pushes the nested comparisons.
fn cmp_shallow<'a>(a: &'a Term, b: &'a Term, exact: bool, pending: &mut Vec<Pending<'a>>) -> Ordering {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x.cmp(y),
        (Term::Float(x), Term::Float(y)) => cmp_floats(*x, *y),
        (Term::BigInt(x), Term::BigInt(y)) => x.cmp(y),
        (Term::BigInt(x), Term::Int(y)) => x.cmp(&BigInt::from(*y)),
        (Term::Int(x), Term::BigInt(y)) => BigInt::from(*x).cmp(y),
        (Term::Int(_) | Term::BigInt(_), Term::Float(_)) if exact => Ordering::Less,
        (Term::Float(_), Term::Int(_) | Term::BigInt(_)) if exact => Ordering::Greater,
        (Term::Int(x), Term::Float(y)) => cmp_int_float(*x, *y),
        (Term::Float(x), Term::Int(y)) => cmp_int_float(*y, *x).reverse(),
        (Term::BigInt(x), Term::Float(y)) => cmp_big_float(x, *y),
        (Term::Float(x), Term::BigInt(y)) => cmp_big_float(y, *x).reverse(),
        (Term::Atom(x), Term::Atom(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Term::Ref(x), Term::Ref(y)) => x.cmp(y),
        (Term::Fun(x), Term::Fun(y)) => x.cmp(y),
        (Term::Pid(x), Term::Pid(y)) => (x.id, x.index).cmp(&(y.id, y.index)),
        (Term::Binary(x), Term::Binary(y)) => x.cmp(y),
        (Term::Tuple(x), Term::Tuple(y)) => {
            let o = x.len().cmp(&y.len());
            if o == Ordering::Equal {
                pending.push(Pending::Elements(x, y, exact));
            }
            o
        }
        (Term::List(_) | Term::ImproperList(..), Term::List(_) | Term::ImproperList(..)) => {
            pending.push(Pending::Lists(ListRest::of(a), ListRest::of(b), exact));
            Ordering::Equal
        }
        (Term::Map(x), Term::Map(y)) => {
            let o = x.len().cmp(&y.len());
            if o == Ordering::Equal {
                // Keys first (always exactly), then values, both in key order.
                let (xs, ys) = (sorted_pair_refs(x), sorted_pair_refs(y));
                for (p, q) in xs.iter().zip(&ys).rev() {
                    pending.push(Pending::Terms(&p.1, &q.1, exact));
                }
                for (p, q) in xs.iter().zip(&ys).rev() {
                    pending.push(Pending::Terms(&p.0, &q.0, true));
                }
            }
            o
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

/// One step of two lists: heads, then the rests; a list that ends meets the other's rest
/// with its tail (`[]` or the improper tail).
fn cmp_list_rests<'a>(x: ListRest<'a>, y: ListRest<'a>, exact: bool, pending: &mut Vec<Pending<'a>>) -> Ordering {
    const NIL: Term = Term::List(Vec::new());
    match (x.items.split_first(), y.items.split_first()) {
        (Some((a, xs)), Some((b, ys))) => {
            pending.push(Pending::Lists(ListRest { items: xs, tail: x.tail }, ListRest { items: ys, tail: y.tail }, exact));
            pending.push(Pending::Terms(a, b, exact));
            Ordering::Equal
        }
        (None, None) => match (x.tail, y.tail) {
            (None, None) => Ordering::Equal,
            (Some(a), None) => rank(a).cmp(&rank(&NIL)),
            (None, Some(b)) => rank(&NIL).cmp(&rank(b)),
            (Some(a), Some(b)) => {
                pending.push(Pending::Terms(a, b, exact));
                Ordering::Equal
            }
        },
        // A tail (never a non-empty list) against a non-empty list.
        (None, Some(_)) => x.tail.map_or(Ordering::Less, |a| rank(a).cmp(&9)),
        (Some(_), None) => y.tail.map_or(Ordering::Greater, |b| 9.cmp(&rank(b))),
    }
}

/// `0.0 == -0.0` as on OTP 25. NaN cannot exist on the BEAM; it sorts by its bits so the
/// order stays total.
fn cmp_floats(x: f64, y: f64) -> Ordering {
    x.partial_cmp(&y).unwrap_or_else(|| x.total_cmp(&y))
}

/// Exact comparison of an integer with a float (no rounding of the integer through f64).
fn cmp_int_float(i: i64, f: f64) -> Ordering {
    if f.is_nan() {
        return Ordering::Less;
    }
    // Every i64 lies in [-2^63, 2^63).
    if f >= 9_223_372_036_854_775_808.0 {
        return Ordering::Less;
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Ordering::Greater;
    }
    let floor = f.floor();
    let fi = floor as i64; // exact: floor is integral and in range
    match i.cmp(&fi) {
        Ordering::Equal if f > floor => Ordering::Less,
        o => o,
    }
}

/// Exact comparison of a bignum with a float (the float's integral part as a bignum).
fn cmp_big_float(i: &BigInt, f: f64) -> Ordering {
    if f.is_nan() {
        return Ordering::Less;
    }
    let floor = f.floor();
    match BigInt::from_f64(floor) {
        Some(fi) => match i.cmp(&fi) {
            Ordering::Equal if f > floor => Ordering::Less,
            o => o,
        },
        // An infinity (not a BEAM float, but the order must stay total).
        None => if f > 0.0 { Ordering::Less } else { Ordering::Greater },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Pid;

    #[test]
    fn types_follow_erlang_term_order() {
        let ascending = [
            Term::Int(5),
            Term::atom("a"),
            Term::Ref(1),
            Term::Fun("f".into()),
            Term::Pid(Pid { id: 1, index: 0 }),
            Term::tuple([]),
            Term::map([]),
            Term::list([]),
            Term::list([Term::Int(1)]),
            Term::string(""),
        ];
        for pair in ascending.windows(2) {
            assert_eq!(compare(&pair[0], &pair[1]), Ordering::Less, "{:?} < {:?}", pair[0], pair[1]);
        }
    }

    #[test]
    fn integers_and_floats_compare_by_value_but_not_exactly() {
        assert_eq!(compare(&Term::Int(1), &Term::Float(1.0)), Ordering::Equal);
        assert_eq!(compare(&Term::Int(2), &Term::Float(1.5)), Ordering::Greater);
        assert_eq!(compare(&Term::Int(i64::MAX), &Term::Float(9.3e18)), Ordering::Less);
        assert_eq!(compare(&Term::Int(-3), &Term::Float(-2.5)), Ordering::Less);
        assert_eq!(compare_exact(&Term::Int(2), &Term::Float(0.5)), Ordering::Less);
    }

    #[test]
    fn tuples_compare_by_size_first() {
        let small = Term::tuple([Term::Int(9), Term::Int(9)]);
        let big = Term::tuple([Term::Int(1), Term::Int(1), Term::Int(1)]);
        assert_eq!(compare(&small, &big), Ordering::Less);
    }

    #[test]
    fn lists_compare_element_wise_then_by_length() {
        let a = Term::list([Term::Int(1), Term::Int(9)]);
        let b = Term::list([Term::Int(2)]);
        assert_eq!(compare(&a, &b), Ordering::Less);
        assert_eq!(compare(&Term::list([Term::Int(1)]), &a), Ordering::Less);
    }

    #[test]
    fn maps_compare_by_size_then_keys_then_values() {
        let a = Term::map([(Term::Int(1), Term::atom("z"))]);
        let b = Term::map([(Term::Int(2), Term::atom("a"))]);
        assert_eq!(compare(&a, &b), Ordering::Less);
        let c = Term::map([(Term::Int(1), Term::atom("a"))]);
        assert_eq!(compare(&c, &a), Ordering::Less);
        // Keys compare exactly: an integer key sorts before a float key of equal value.
        let d = Term::map([(Term::Float(1.0), Term::atom("a"))]);
        assert_eq!(compare(&c, &d), Ordering::Less);
    }

    #[test]
    fn map_key_order_puts_integers_before_floats() {
        let mut pairs = vec![
            (Term::Float(1.0), Term::Int(0)),
            (Term::Float(0.5), Term::Int(0)),
            (Term::Int(2), Term::Int(0)),
            (Term::Int(1), Term::Int(0)),
        ];
        sort_map_pairs(&mut pairs);
        let keys: Vec<String> = pairs.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["1", "2", "0.5", "1.0"]);
    }
}
