//! The External Term Format: [`term_to_binary`] and [`binary_to_term`], as
//! `:erlang.term_to_binary/1` and `:erlang.binary_to_term/1` on OTP 25.
//!
//! The encoder emits exactly what OTP 25 emits (checked byte for byte against
//! `tests/vectors/etf.txt`): version byte 131, no compression; atoms as `ATOM_EXT` with Latin-1
//! text when every character is below 256, else `SMALL_ATOM_UTF8_EXT`/`ATOM_UTF8_EXT` (OTP 26
//! switched to UTF-8 for all atoms; we follow the 25 the vectors came from); integers as
//! `SMALL_INTEGER_EXT` (0..=255), `INTEGER_EXT` (32-bit), `SMALL_BIG_EXT` or (beyond 255
//! bytes of magnitude) `LARGE_BIG_EXT`; floats as
//! `NEW_FLOAT_EXT`; `BINARY_EXT`; `SMALL_TUPLE_EXT`/`LARGE_TUPLE_EXT`; `NIL_EXT`; lists of
//! byte-sized integers (up to 65535 of them) as `STRING_EXT`, other lists as `LIST_EXT` (an improper list's tail where `NIL_EXT` would be);
//! `MAP_EXT` with pairs in map-key order; pids as `NEW_PID_EXT` and references as
//! `NEWER_REFERENCE_EXT` on node `nonode@nohost`, creation 0.
//!
//! Choices:
//! - A map of more than 32 keys is a HAMT on the BEAM and is written in the order of its
//!   internal, salted hash (which for atoms depends on the atom table of the running VM), so
//!   byte identity is out of reach. We write every map in key order; the BEAM reads any
//!   order, and so does [`binary_to_term`].
//! - A [`Term::Pid`] writes its number as `#PID<0.N.0>` shows it. Reading one back gives a pid
//!   whose slot index is `u32::MAX`, i.e. no live process: a pid does not outlive the
//!   scheduler that made it.
//! - A [`Term::Ref`] `N` is `#Ref<0.0.hi.lo>`: words `[lo, hi, 0]`.
//! - A [`Term::Fun`] has no code to send; it is written as the export
//!   `&:otp_playground_fun.name/0` (name cut to 255 characters) and read back as the same
//!   `Fun`. Other exports read as `Fun("&Mod.fun/arity")`; closures (`NEW_FUN_EXT`),
//!   ports, bitstrings and compressed data are refused with an [`EtfError`].
//! - An atom longer than 255 characters (the BEAM's limit) is written cut to 255.
//! - Decoding never panics, whatever the bytes: lengths are checked against the input before
//!   anything is allocated, and nesting is limited to [`MAX_DEPTH`] (an [`EtfError::TooDeep`]
//!   beyond it). The encoder walks with an explicit stack and takes any depth, so a term
//!   nested deeper than [`MAX_DEPTH`] encodes but does not decode here (the BEAM reads it).

use std::fmt;

use num_bigint::{BigInt, Sign};

use super::order::sorted_pair_refs;
use super::Term;
use crate::runtime::Pid;

const VERSION: u8 = 131;
const NEW_FLOAT_EXT: u8 = 70;
const COMPRESSED: u8 = 80;
const NEW_PID_EXT: u8 = 88;
const NEWER_REFERENCE_EXT: u8 = 90;
const SMALL_INTEGER_EXT: u8 = 97;
const INTEGER_EXT: u8 = 98;
const FLOAT_EXT: u8 = 99;
const ATOM_EXT: u8 = 100;
const REFERENCE_EXT: u8 = 101;
const PID_EXT: u8 = 103;
const SMALL_TUPLE_EXT: u8 = 104;
const LARGE_TUPLE_EXT: u8 = 105;
const NIL_EXT: u8 = 106;
const STRING_EXT: u8 = 107;
const LIST_EXT: u8 = 108;
const BINARY_EXT: u8 = 109;
const SMALL_BIG_EXT: u8 = 110;
const LARGE_BIG_EXT: u8 = 111;
const EXPORT_EXT: u8 = 113;
const NEW_REFERENCE_EXT: u8 = 114;
const SMALL_ATOM_EXT: u8 = 115;
const MAP_EXT: u8 = 116;
const ATOM_UTF8_EXT: u8 = 118;
const SMALL_ATOM_UTF8_EXT: u8 = 119;

/// Deepest nesting [`binary_to_term`] accepts, so hostile input cannot overflow the stack.
pub const MAX_DEPTH: usize = 256;

const NODE: &str = "nonode@nohost";
/// Module of the export a [`Term::Fun`] is written as.
const FUN_MODULE: &str = "otp_playground_fun";

/// Why [`binary_to_term`] refused its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EtfError {
    /// The first byte is not 131.
    BadVersion(Option<u8>),
    /// The input ends inside a term; `at` is the offset where more bytes were needed.
    Truncated { at: usize },
    /// A tag this decoder does not know (or a term kind the playground does not model).
    UnsupportedTag { tag: u8, at: usize },
    /// An atom whose UTF-8 text is not valid UTF-8.
    InvalidAtom { at: usize },
    /// A float in the old text format that does not parse.
    InvalidFloat { at: usize },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep { at: usize },
    /// Bytes left over after the term.
    TrailingBytes { at: usize },
}

impl fmt::Display for EtfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EtfError::BadVersion(Some(b)) => write!(f, "not External Term Format: starts with {b}, not 131"),
            EtfError::BadVersion(None) => write!(f, "not External Term Format: empty input"),
            EtfError::Truncated { at } => write!(f, "input ends early, at byte {at}"),
            EtfError::UnsupportedTag { tag, at } => write!(f, "unsupported term tag {tag} at byte {at}"),
            EtfError::InvalidAtom { at } => write!(f, "atom at byte {at} is not valid UTF-8"),
            EtfError::InvalidFloat { at } => write!(f, "unreadable float at byte {at}"),
            EtfError::TooDeep { at } => {
                write!(f, "term nested deeper than {MAX_DEPTH} levels (at byte {at}); not decoded")
            }
            EtfError::TrailingBytes { at } => write!(f, "unexpected bytes after the term, from byte {at}"),
        }
    }
}

impl std::error::Error for EtfError {}

/// `:erlang.term_to_binary(term)` as OTP 25 computes it (see the module doc for maps of more
/// than 32 keys, pids and funs).
pub fn term_to_binary(term: &Term) -> Vec<u8> {
    let mut out = vec![VERSION];
    encode(&mut out, term);
    out
}

/// What is left to write: terms, or the `[]` that ends a proper list.
enum Emit<'a> {
    Term(&'a Term),
    Nil,
}

/// Iterative, so nesting depth costs heap, not stack.
fn encode(out: &mut Vec<u8>, term: &Term) {
    let mut todo = vec![Emit::Term(term)];
    while let Some(next) = todo.pop() {
        match next {
            Emit::Nil => out.push(NIL_EXT),
            Emit::Term(t) => encode_shallow(out, t, &mut todo),
        }
    }
}

/// Writes the head of `term`; its nested terms go on `todo`, first one on top.
fn encode_shallow<'a>(out: &mut Vec<u8>, term: &'a Term, todo: &mut Vec<Emit<'a>>) {
    match term {
        Term::Atom(name) => encode_atom(out, name),
        Term::Int(n) => encode_int(out, *n),
        Term::BigInt(n) => encode_big(out, n),
        Term::Float(x) => {
            out.push(NEW_FLOAT_EXT);
            out.extend_from_slice(&x.to_bits().to_be_bytes());
        }
        Term::Binary(bytes) => {
            out.push(BINARY_EXT);
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        Term::Tuple(items) => {
            if items.len() < 256 {
                out.extend_from_slice(&[SMALL_TUPLE_EXT, items.len() as u8]);
            } else {
                out.push(LARGE_TUPLE_EXT);
                out.extend_from_slice(&(items.len() as u32).to_be_bytes());
            }
            todo.extend(items.iter().rev().map(Emit::Term));
        }
        Term::List(items) if items.is_empty() => out.push(NIL_EXT),
        Term::List(items) => {
            let is_byte = |t: &Term| matches!(t, Term::Int(0..=255));
            if items.len() <= 0xFFFF && items.iter().all(is_byte) {
                out.push(STRING_EXT);
                out.extend_from_slice(&(items.len() as u16).to_be_bytes());
                out.extend(items.iter().map(|t| match t {
                    Term::Int(n) => *n as u8,
                    _ => unreachable!("checked above"),
                }));
            } else {
                out.push(LIST_EXT);
                out.extend_from_slice(&(items.len() as u32).to_be_bytes());
                todo.push(Emit::Nil);
                todo.extend(items.iter().rev().map(Emit::Term));
            }
        }
        Term::ImproperList(items, tail) => {
            out.push(LIST_EXT);
            out.extend_from_slice(&(items.len() as u32).to_be_bytes());
            todo.push(Emit::Term(tail));
            todo.extend(items.iter().rev().map(Emit::Term));
        }
        Term::Map(pairs) => {
            out.push(MAP_EXT);
            out.extend_from_slice(&(pairs.len() as u32).to_be_bytes());
            for (k, v) in sorted_pair_refs(pairs).into_iter().rev().map(|p| (&p.0, &p.1)) {
                todo.push(Emit::Term(v));
                todo.push(Emit::Term(k));
            }
        }
        Term::Pid(pid) => {
            out.push(NEW_PID_EXT);
            encode_atom(out, NODE);
            out.extend_from_slice(&pid.id.to_be_bytes());
            out.extend_from_slice(&0u32.to_be_bytes()); // serial
            out.extend_from_slice(&0u32.to_be_bytes()); // creation
        }
        Term::Ref(n) => {
            out.push(NEWER_REFERENCE_EXT);
            out.extend_from_slice(&3u16.to_be_bytes());
            encode_atom(out, NODE);
            out.extend_from_slice(&0u32.to_be_bytes()); // creation
            for word in [*n as u32, (*n >> 32) as u32, 0] {
                out.extend_from_slice(&word.to_be_bytes());
            }
        }
        Term::Fun(name) => {
            out.push(EXPORT_EXT);
            encode_atom(out, FUN_MODULE);
            encode_atom(out, name);
            out.extend_from_slice(&[SMALL_INTEGER_EXT, 0]);
        }
    }
}

/// `SMALL_BIG_EXT` up to 255 magnitude bytes, else `LARGE_BIG_EXT`.
fn encode_big(out: &mut Vec<u8>, n: &BigInt) {
    let (sign, magnitude) = n.to_bytes_le();
    let negative = (sign == Sign::Minus) as u8;
    if magnitude.len() < 256 {
        out.extend_from_slice(&[SMALL_BIG_EXT, magnitude.len() as u8, negative]);
    } else {
        out.push(LARGE_BIG_EXT);
        out.extend_from_slice(&(magnitude.len() as u32).to_be_bytes());
        out.push(negative);
    }
    out.extend_from_slice(&magnitude);
}

/// Atoms longer than 255 characters, which the BEAM refuses, are cut to 255.
fn encode_atom(out: &mut Vec<u8>, name: &str) {
    let cut: String;
    let name = if name.chars().count() > 255 {
        cut = name.chars().take(255).collect();
        cut.as_str()
    } else {
        name
    };
    if name.chars().all(|c| (c as u32) < 256) {
        let latin1: Vec<u8> = name.chars().map(|c| c as u8).collect();
        out.push(ATOM_EXT);
        out.extend_from_slice(&(latin1.len() as u16).to_be_bytes());
        out.extend_from_slice(&latin1);
    } else if name.len() < 256 {
        out.extend_from_slice(&[SMALL_ATOM_UTF8_EXT, name.len() as u8]);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(ATOM_UTF8_EXT);
        out.extend_from_slice(&(name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

fn encode_int(out: &mut Vec<u8>, n: i64) {
    if (0..=255).contains(&n) {
        out.extend_from_slice(&[SMALL_INTEGER_EXT, n as u8]);
    } else if let Ok(small) = i32::try_from(n) {
        out.push(INTEGER_EXT);
        out.extend_from_slice(&small.to_be_bytes());
    } else {
        let magnitude = n.unsigned_abs().to_le_bytes();
        let len = 8 - magnitude.iter().rev().take_while(|b| **b == 0).count();
        out.extend_from_slice(&[SMALL_BIG_EXT, len as u8, (n < 0) as u8]);
        out.extend_from_slice(&magnitude[..len]);
    }
}

/// `:erlang.binary_to_term(bytes)` for the terms the playground models; never panics.
pub fn binary_to_term(bytes: &[u8]) -> Result<Term, EtfError> {
    match bytes.first() {
        Some(&VERSION) => {}
        other => return Err(EtfError::BadVersion(other.copied())),
    }
    let mut d = Decoder { bytes, pos: 1 };
    let term = d.term(0)?;
    if d.pos != bytes.len() {
        return Err(EtfError::TrailingBytes { at: d.pos });
    }
    Ok(term)
}

struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Decoder<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EtfError> {
        let end = self.pos.checked_add(n).filter(|end| *end <= self.bytes.len());
        let end = end.ok_or(EtfError::Truncated { at: self.bytes.len() })?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, EtfError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<usize, EtfError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]) as usize)
    }
    fn u32(&mut self) -> Result<u32, EtfError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A length that the rest of the input must be able to hold (`min_size` bytes each):
    /// checked before any allocation, so a forged length cannot exhaust memory.
    fn count(&mut self, n: usize, min_size: usize) -> Result<usize, EtfError> {
        let needed = n.checked_mul(min_size).and_then(|b| b.checked_add(self.pos));
        match needed {
            Some(end) if end <= self.bytes.len() => Ok(n),
            _ => Err(EtfError::Truncated { at: self.bytes.len() }),
        }
    }

    fn term(&mut self, depth: usize) -> Result<Term, EtfError> {
        let at = self.pos;
        if depth > MAX_DEPTH {
            return Err(EtfError::TooDeep { at });
        }
        let tag = self.u8()?;
        match tag {
            SMALL_INTEGER_EXT => Ok(Term::Int(self.u8()?.into())),
            INTEGER_EXT => Ok(Term::Int((self.u32()? as i32).into())),
            SMALL_BIG_EXT => {
                let n = self.u8()? as usize;
                self.big(n)
            }
            LARGE_BIG_EXT => {
                let n = self.u32()? as usize;
                self.big(n)
            }
            NEW_FLOAT_EXT => {
                let b = self.take(8)?;
                Ok(Term::Float(f64::from_bits(u64::from_be_bytes(b.try_into().expect("8 bytes")))))
            }
            FLOAT_EXT => {
                let text = self.take(31)?;
                let text = std::str::from_utf8(text).map_err(|_| EtfError::InvalidFloat { at })?;
                let x = text.trim_end_matches('\0').trim().parse().map_err(|_| EtfError::InvalidFloat { at })?;
                Ok(Term::Float(x))
            }
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                self.pos = at;
                self.atom().map(Term::Atom)
            }
            BINARY_EXT => {
                let n = self.u32()? as usize;
                Ok(Term::Binary(self.take(n)?.to_vec()))
            }
            SMALL_TUPLE_EXT => {
                let n = self.u8()? as usize;
                self.terms(n, depth).map(Term::Tuple)
            }
            LARGE_TUPLE_EXT => {
                let n = self.u32()? as usize;
                self.terms(n, depth).map(Term::Tuple)
            }
            NIL_EXT => Ok(Term::List(Vec::new())),
            STRING_EXT => {
                let n = self.u16()?;
                Ok(Term::List(self.take(n)?.iter().map(|b| Term::Int((*b).into())).collect()))
            }
            LIST_EXT => {
                let n = self.u32()? as usize;
                let items = self.terms(n, depth)?;
                let tail = self.term(depth + 1)?;
                Ok(Term::improper_list(items, tail))
            }
            MAP_EXT => {
                let n = self.u32()? as usize;
                let n = self.count(n, 2)?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = self.term(depth + 1)?;
                    let v = self.term(depth + 1)?;
                    pairs.push((k, v));
                }
                Ok(Term::Map(pairs))
            }
            NEW_PID_EXT | PID_EXT => {
                self.atom()?; // node
                let id = self.u32()?;
                self.u32()?; // serial
                if tag == NEW_PID_EXT {
                    self.u32()?;
                } else {
                    self.u8()?;
                }
                Ok(Term::Pid(Pid { id, index: u32::MAX }))
            }
            NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT => {
                let n = self.u16()?;
                self.atom()?; // node
                if tag == NEWER_REFERENCE_EXT {
                    self.u32()?;
                } else {
                    self.u8()?;
                }
                let n = self.count(n, 4)?;
                let words: Vec<u32> = (0..n).map(|_| self.u32()).collect::<Result<_, _>>()?;
                let lo = words.first().copied().unwrap_or(0) as u64;
                let hi = words.get(1).copied().unwrap_or(0) as u64;
                Ok(Term::Ref((hi << 32) | lo))
            }
            REFERENCE_EXT => {
                self.atom()?;
                let id = self.u32()?;
                self.u8()?;
                Ok(Term::Ref(id.into()))
            }
            EXPORT_EXT => {
                let module = self.atom()?;
                let function = self.atom()?;
                let arity = match self.term(depth + 1)? {
                    Term::Int(a) => a,
                    _ => return Err(EtfError::UnsupportedTag { tag, at }),
                };
                if module == FUN_MODULE && arity == 0 {
                    return Ok(Term::Fun(function));
                }
                let module = Term::Atom(module).to_string();
                Ok(Term::Fun(format!("&{module}.{function}/{arity}")))
            }
            COMPRESSED => Err(EtfError::UnsupportedTag { tag, at }),
            _ => Err(EtfError::UnsupportedTag { tag, at }),
        }
    }

    fn terms(&mut self, n: usize, depth: usize) -> Result<Vec<Term>, EtfError> {
        let n = self.count(n, 1)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(self.term(depth + 1)?);
        }
        Ok(items)
    }

    fn atom(&mut self) -> Result<String, EtfError> {
        let at = self.pos;
        let tag = self.u8()?;
        let (n, utf8) = match tag {
            ATOM_EXT => (self.u16()?, false),
            SMALL_ATOM_EXT => (self.u8()? as usize, false),
            ATOM_UTF8_EXT => (self.u16()?, true),
            SMALL_ATOM_UTF8_EXT => (self.u8()? as usize, true),
            _ => return Err(EtfError::UnsupportedTag { tag, at }),
        };
        let text = self.take(n)?;
        if utf8 {
            std::str::from_utf8(text).map(str::to_string).map_err(|_| EtfError::InvalidAtom { at })
        } else {
            Ok(text.iter().map(|b| char::from(*b)).collect())
        }
    }

    /// A bignum of `n` little-endian magnitude bytes (an `Int` when it fits).
    fn big(&mut self, n: usize) -> Result<Term, EtfError> {
        let negative = self.u8()? != 0;
        let digits = self.take(n)?;
        let sign = if negative { Sign::Minus } else { Sign::Plus };
        Ok(Term::integer(BigInt::from_bytes_le(sign, digits)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_terms_encode_as_otp_25_does() {
        assert_eq!(term_to_binary(&Term::Int(1)), [131, 97, 1]);
        assert_eq!(term_to_binary(&Term::atom("ok")), [131, 100, 0, 2, b'o', b'k']);
        assert_eq!(term_to_binary(&Term::list([])), [131, 106]);
        assert_eq!(term_to_binary(&Term::list([Term::Int(1), Term::Int(2)])), [131, 107, 0, 2, 1, 2]);
    }

    #[test]
    fn truncated_input_is_an_error_not_a_panic() {
        let full = term_to_binary(&Term::string("Buy milk"));
        for cut in 0..full.len() {
            assert!(binary_to_term(&full[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(binary_to_term(&[]), Err(EtfError::BadVersion(None)));
        assert_eq!(binary_to_term(&[131, 109, 0, 0, 0, 9, 1]), Err(EtfError::Truncated { at: 7 }));
    }

    #[test]
    fn unknown_tags_are_reported_with_their_offset() {
        assert_eq!(binary_to_term(&[131, 77, 0]), Err(EtfError::UnsupportedTag { tag: 77, at: 1 }));
        assert_eq!(binary_to_term(&[131, 80, 0]), Err(EtfError::UnsupportedTag { tag: 80, at: 1 }));
    }

    #[test]
    fn forged_lengths_do_not_allocate() {
        // A list claiming 4 billion elements, with no bytes behind it.
        assert!(matches!(binary_to_term(&[131, 108, 255, 255, 255, 255]), Err(EtfError::Truncated { .. })));
        assert!(matches!(binary_to_term(&[131, 116, 255, 255, 255, 255]), Err(EtfError::Truncated { .. })));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut bytes = vec![131];
        bytes.extend(std::iter::repeat_n([104u8, 1], 10_000).flatten());
        bytes.push(106);
        assert!(matches!(binary_to_term(&bytes), Err(EtfError::TooDeep { .. })));
    }

    #[test]
    fn improper_lists_decode_and_trailing_bytes_are_refused() {
        let one_two = Term::improper_list(vec![Term::Int(1)], Term::Int(2));
        assert_eq!(binary_to_term(&[131, 108, 0, 0, 0, 1, 97, 1, 97, 2]), Ok(one_two));
        // A list-valued tail is flattened: [1 | [2]] is [1, 2].
        let flat = binary_to_term(&[131, 108, 0, 0, 0, 1, 97, 1, 107, 0, 1, 2]);
        assert_eq!(flat, Ok(Term::list([Term::Int(1), Term::Int(2)])));
        assert_eq!(binary_to_term(&[131, 97, 1, 0]), Err(EtfError::TrailingBytes { at: 3 }));
    }

    #[test]
    fn bignums_decode_to_int_when_they_fit_and_to_bigint_otherwise() {
        let nine_bytes = [131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(binary_to_term(&nine_bytes), Ok(Term::integer(BigInt::from(1u8) << 64)));
        // A bignum-encoded 5 (legal ETF, never written by the BEAM) is still `Int(5)`.
        assert!(matches!(binary_to_term(&[131, 110, 2, 0, 5, 0]), Ok(Term::Int(5))));
        assert_eq!(binary_to_term(&term_to_binary(&Term::Int(i64::MIN))), Ok(Term::Int(i64::MIN)));
    }

    #[test]
    fn funs_round_trip_through_an_export() {
        let f = Term::Fun("0.1/1 in Todo.init/1".into());
        assert_eq!(binary_to_term(&term_to_binary(&f)), Ok(f));
    }

    #[test]
    fn a_decoded_pid_has_no_slot() {
        let pid = Pid { id: 42, index: 3 };
        let Ok(Term::Pid(back)) = binary_to_term(&term_to_binary(&Term::Pid(pid))) else { panic!() };
        assert_eq!((back.id, back.index), (42, u32::MAX));
    }
}
