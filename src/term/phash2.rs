//! [`phash2`]: exactly `:erlang.phash2/2`, so a learner's pool routing
//! (`:erlang.phash2(list_name, 3)`, as in "Elixir in Action" chapter 7) picks the same worker
//! in the playground as on a real BEAM.
//!
//! A port of `make_hash2()` from OTP's `erts/emulator/beam/utils.c` (Bob Jenkins' mix over
//! 32-bit words), checked against real Erlang/OTP 25 in `tests/vectors/phash2.txt`:
//! - atoms hash by their name (hashpjw over the UTF-8 text, with OTP's "latin1 clutch" that
//!   folds a two-byte Latin-1 character to one byte);
//! - integers in the 28-bit small range mix their 32-bit value, larger ones hash as a
//!   bignum (sign, then 32-bit halves of the magnitude);
//! - floats mix their IEEE bits (`-0.0` as `0.0`); binaries use Jenkins' `block_hash`;
//! - lists hash runs of byte-sized integers four at a time (the string optimisation), other
//!   elements one by one, then the `[]` tail;
//! - bignums beyond `i64` mix each 64-bit digit as two words, with a sign constant;
//! - improper lists hash their tail where a proper list hashes `[]`;
//! - maps XOR the hashes of their key-value pairs, each started from zero, so the hash
//!   does not depend on pair order; that is why a map of more than 32 keys (a HAMT on the
//!   BEAM, visited in hash order) hashes just like a small one, which the vectors confirm;
//! - pids hash their number, references their lowest 32-bit word (both as OTP does for a
//!   local node).
//!
//! Not Erlang: [`Term::Fun`] has no BEAM counterpart here, so it hashes its name like a
//! binary under its own constant; nothing should route on a fun.

use num_bigint::{BigInt, Sign};

use super::Term;

const HCONST: u32 = 0x9e37_79b9;
/// `HCONST * n mod 2^32`, as the C code's `HCONST_n`.
const fn hconst(n: u32) -> u32 {
    HCONST.wrapping_mul(n)
}

/// Erlang's `:erlang.phash2(term, range)`: a hash in `0..range`.
///
/// `range` 0 stands for 2^32 (Erlang accepts ranges up to 2^32, one more than `u32` holds)
/// and returns the full 32-bit hash. `phash2/1` is `phash2(term, 1 << 27)`.
pub fn phash2(term: &Term, range: u32) -> u32 {
    let h = make_hash2(term);
    if range == 0 { h } else { h % range }
}

/// The full 32-bit portable hash behind `phash2` (OTP's `make_hash2`).
pub fn make_hash2(term: &Term) -> u32 {
    hash(term, 0)
}

/// Jenkins' 96-bit mix.
fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    macro_rules! step {
        ($x:ident, $y:ident, $z:ident, $op:tt, $s:expr) => {
            *$x = $x.wrapping_sub(*$y).wrapping_sub(*$z);
            *$x ^= *$z $op $s;
        };
    }
    step!(a, b, c, >>, 13);
    step!(b, c, a, <<, 8);
    step!(c, a, b, >>, 13);
    step!(a, b, c, >>, 12);
    step!(b, c, a, <<, 16);
    step!(c, a, b, >>, 5);
    step!(a, b, c, >>, 3);
    step!(b, c, a, <<, 10);
    step!(c, a, b, >>, 15);
}

/// `UINT32_HASH_2(x, y, konst)`: mixes two words into the running hash.
fn hash2_words(hash: u32, x: u32, y: u32, konst: u32) -> u32 {
    let (mut a, mut b, mut c) = (konst.wrapping_add(x), konst.wrapping_add(y), hash);
    mix(&mut a, &mut b, &mut c);
    c
}

/// `UINT32_HASH(x, konst)`.
fn hash_word(hash: u32, x: u32, konst: u32) -> u32 {
    hash2_words(hash, x, 0, konst)
}

/// Jenkins' `block_hash` over bytes, seeded with `initval`.
fn block_hash(k: &[u8], initval: u32) -> u32 {
    let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let (mut a, mut b, mut c) = (HCONST, HCONST, initval);
    let mut chunks = k.chunks_exact(12);
    for chunk in &mut chunks {
        a = a.wrapping_add(word(&chunk[0..4]));
        b = b.wrapping_add(word(&chunk[4..8]));
        c = c.wrapping_add(word(&chunk[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    // The tail: bytes 0..4 into a, 4..8 into b, 8..11 into c from its second byte up
    // (the first byte of c holds the length).
    for (i, &byte) in rest.iter().enumerate() {
        let byte = byte as u32;
        match i {
            0..=3 => a = a.wrapping_add(byte << (8 * i)),
            4..=7 => b = b.wrapping_add(byte << (8 * (i - 4))),
            _ => c = c.wrapping_add(byte << (8 * (i - 7))),
        }
    }
    mix(&mut a, &mut b, &mut c);
    c
}

/// The atom table's hash of a name: hashpjw, folding a UTF-8 encoded Latin-1 character
/// (lead byte 0xC2 or 0xC3) back to its single byte, as OTP does for compatibility.
fn atom_hash(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let mut v = bytes[i];
        i += 1;
        if i < bytes.len() && (v & 0xFE) == 0xC2 && (bytes[i] & 0xC0) == 0x80 {
            v = (v << 6) | (bytes[i] & 0x3F);
            i += 1;
        }
        h = (h << 4).wrapping_add(v as u32);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

fn hash_int(n: i64, hash: u32) -> u32 {
    if (-(1 << 27)..(1 << 27)).contains(&n) {
        // SINT32_HASH: negative numbers are mixed twice, first as their magnitude.
        let y = n as i32;
        let mut hash = hash;
        if y < 0 {
            hash = hash_word(hash, y.wrapping_neg() as u32, HCONST);
        }
        hash_word(hash, y as u32, HCONST)
    } else {
        // A bignum: one 64-bit digit on a 64-bit BEAM, split into 32-bit halves.
        let magnitude = n.unsigned_abs();
        let konst = if n < 0 { hconst(10) } else { hconst(11) };
        hash2_words(hash, magnitude as u32, (magnitude >> 32) as u32, konst)
    }
}

fn hash_atom(name: &str, hash: u32) -> u32 {
    if hash == 0 { atom_hash(name) } else { hash_word(hash, atom_hash(name), hconst(3)) }
}

/// The `[]` that ends every proper list (and `[]` itself).
fn hash_nil(hash: u32) -> u32 {
    const NIL_DEF: u32 = 2;
    if hash == 0 { 3_468_870_702 } else { hash_word(hash, NIL_DEF, hconst(2)) }
}

fn hash_binary(bytes: &[u8], hash: u32) -> u32 {
    let con = hconst(13).wrapping_add(hash);
    if bytes.is_empty() { con } else { block_hash(bytes, con) }
}

/// The hash of a bignum: its 64-bit digits, least significant first, each as two words.
fn hash_big(n: &BigInt, mut hash: u32) -> u32 {
    let konst = if n.sign() == Sign::Minus { hconst(10) } else { hconst(11) };
    for digit in n.magnitude().iter_u64_digits() {
        hash = hash2_words(hash, digit as u32, (digit >> 32) as u32, konst);
    }
    hash
}

/// Work left for the iterative walk of [`hash`].
enum Step<'a> {
    Term(&'a Term),
    /// The remaining cells of a list: items, then the tail (`None`: `[]`).
    ListRest(&'a [Term], Option<&'a Term>),
    /// A map's pairs from `next` on; `outer` is the hash to resume, `xor` the pairs so far.
    MapPairs { pairs: &'a [(Term, Term)], next: usize, outer: u32, xor: u32 },
}

/// OTP's `make_hash2` walk, with an explicit stack as the C code has.
fn hash(term: &Term, hash: u32) -> u32 {
    let mut h = hash;
    let mut steps = vec![Step::Term(term)];
    while let Some(step) = steps.pop() {
        match step {
            Step::Term(t) => h = hash_shallow(t, h, &mut steps),
            Step::ListRest(items, tail) => h = hash_list_rest(items, tail, h, &mut steps),
            Step::MapPairs { pairs, next, outer, xor } => {
                // `h` holds the hash of pair `next - 1` (started from zero).
                let xor = if next > 0 { xor ^ h } else { xor };
                match pairs.get(next) {
                    Some((k, v)) => {
                        steps.push(Step::MapPairs { pairs, next: next + 1, outer, xor });
                        steps.push(Step::Term(v));
                        steps.push(Step::Term(k));
                        h = 0;
                    }
                    None => h = hash_word(outer, xor, hconst(19)),
                }
            }
        }
    }
    h
}

fn hash_shallow<'a>(term: &'a Term, hash: u32, steps: &mut Vec<Step<'a>>) -> u32 {
    match term {
        Term::Atom(name) => hash_atom(name, hash),
        Term::Int(n) => hash_int(*n, hash),
        Term::BigInt(n) => hash_big(n, hash),
        Term::Float(x) => {
            let bits = if *x == 0.0 { 0 } else { x.to_bits() };
            hash2_words(hash, (bits >> 32) as u32, bits as u32, hconst(12))
        }
        Term::Binary(bytes) => hash_binary(bytes, hash),
        Term::Tuple(items) => {
            steps.extend(items.iter().rev().map(Step::Term));
            hash_word(hash, items.len() as u32, hconst(9))
        }
        Term::List(items) => hash_list_rest(items, None, hash, steps),
        Term::ImproperList(items, tail) => hash_list_rest(items, Some(tail), hash, steps),
        Term::Map(pairs) => {
            let hash = hash_word(hash, pairs.len() as u32, hconst(16));
            if !pairs.is_empty() {
                steps.push(Step::MapPairs { pairs, next: 0, outer: hash, xor: 0 });
            }
            hash
        }
        Term::Pid(pid) => hash_word(hash, pid.id, hconst(5)),
        Term::Ref(n) => hash_word(hash, *n as u32, hconst(7)),
        Term::Fun(name) => hash_word(hash_binary(name.as_bytes(), hash), 0, hconst(14)),
    }
}

/// List cells from `items` on: a run of byte-sized integers packed big-endian four to a word
/// (the string optimisation), or one other element; then the tail.
fn hash_list_rest<'a>(items: &'a [Term], tail: Option<&'a Term>, mut hash: u32, steps: &mut Vec<Step<'a>>) -> u32 {
    let byte = |t: &Term| match t {
        Term::Int(n) if (0..=255).contains(n) => Some(*n as u32),
        _ => None,
    };
    let mut i = 0;
    let (mut sh, mut count) = (0u32, 0);
    while let Some(b) = items.get(i).and_then(byte) {
        sh = (sh << 8).wrapping_add(b);
        if count == 3 {
            hash = hash_word(hash, sh, hconst(4));
            sh = 0;
            count = 0;
        } else {
            count += 1;
        }
        i += 1;
    }
    if count > 0 {
        hash = hash_word(hash, sh, hconst(4));
    }
    match (items.get(i), tail) {
        (Some(item), _) => {
            steps.push(Step::ListRest(&items[i + 1..], tail));
            steps.push(Step::Term(item));
            hash
        }
        (None, None) => hash_nil(hash),
        (None, Some(tail)) => {
            steps.push(Step::Term(tail));
            hash
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hconst_multiples_match_the_c_constants() {
        assert_eq!(hconst(2), 0x3c6e_f372);
        assert_eq!(hconst(13), 0x08d1_2e65);
        assert_eq!(hconst(19), 0xbe1e_08bb);
    }

    #[test]
    fn phash2_of_an_atom_is_its_atom_table_hash() {
        // :erlang.phash2(:ok, 1 <<< 32) on OTP 25.
        assert_eq!(atom_hash("ok"), (('o' as u32) << 4) + 'k' as u32);
        assert_eq!(make_hash2(&Term::atom("ok")), atom_hash("ok"));
    }

    #[test]
    fn range_zero_means_the_full_32_bit_hash() {
        let t = Term::string("Bob's list");
        assert_eq!(phash2(&t, 0), make_hash2(&t));
        assert!(phash2(&t, 3) < 3);
    }

    #[test]
    fn map_hash_ignores_pair_order() {
        let a = Term::map([(Term::atom("a"), Term::Int(1)), (Term::atom("b"), Term::Int(2))]);
        let b = Term::map([(Term::atom("b"), Term::Int(2)), (Term::atom("a"), Term::Int(1))]);
        assert_eq!(make_hash2(&a), make_hash2(&b));
    }
}
