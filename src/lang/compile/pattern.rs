//! Patterns → test instructions. A pattern consumes the value on top of the stack; on a
//! mismatch it jumps to the fail label (whose `Reset` cleans up). Variables are bound to fresh
//! slots as the match goes, and become visible ([`Compiler::commit_vars`]) only once the whole
//! pattern (and guard) matched; a variable that appears twice must match the same value, a
//! pinned one (`^x`) the value it had.

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::{err, split_improper, CResult, Compiler};
use crate::lang::ast::{Expr, Meta};
use crate::lang::atom::Atom;
use crate::lang::code::{Label, Op};
use crate::lang::value::Value;

/// Variables a pattern bound, to commit to the scope after it matched.
pub(crate) type Bound = Vec<(Rc<str>, u32)>;

impl Compiler<'_> {
    /// Compiles `p` against the top of the stack; returns the variables it binds.
    pub(crate) fn pattern(&mut self, p: &Expr, fail: Label) -> CResult<Bound> {
        let mut bound: FxHashMap<Rc<str>, u32> = FxHashMap::default();
        let mut order = Vec::new();
        self.pat(p, fail, &mut bound, &mut order)?;
        Ok(order)
    }

    pub(crate) fn commit_vars(&mut self, vars: Bound) {
        for (name, slot) in vars {
            self.bind(&name, slot);
        }
    }

    fn pat(&mut self, p: &Expr, fail: Label, bound: &mut FxHashMap<Rc<str>, u32>, order: &mut Bound) -> CResult<()> {
        if let Some(v) = literal(p) {
            let i = self.constant(v);
            self.emit(Op::MatchConst(i, fail));
            return Ok(());
        }
        let meta = p.meta();
        match p {
            Expr::List(items) => {
                let (heads, tail) = split_improper(items);
                for h in heads {
                    self.emit(Op::TestCons(fail));
                    self.pat(h, fail, bound, order)?;
                }
                match tail {
                    Some(t) => self.pat(t, fail, bound, order)?,
                    None => self.emit(Op::TestNil(fail)),
                }
                Ok(())
            }
            Expr::Pair(pair) => {
                self.emit(Op::TestTuple(2, fail));
                self.pat(&pair.0, fail, bound, order)?;
                self.pat(&pair.1, fail, bound, order)
            }
            Expr::Node(_) => match p.as_named() {
                Some((name, None)) => {
                    if name == "__MODULE__" {
                        let v = Value::Atom(self.env.module.unwrap_or(Atom::NIL));
                        let i = self.constant(v);
                        self.emit(Op::MatchConst(i, fail));
                    } else if name.starts_with('_') {
                        self.emit(Op::Pop);
                    } else if let Some(&slot) = bound.get(name) {
                        self.emit(Op::MatchLocal(slot, fail));
                    } else {
                        let slot = self.new_slot();
                        self.emit(Op::Store(slot));
                        bound.insert(name.into(), slot);
                        order.push((name.into(), slot));
                    }
                    Ok(())
                }
                Some(("^", Some([v]))) => match v.as_named() {
                    Some((name, None)) => match self.var(name) {
                        Some(slot) => {
                            self.emit(Op::MatchLocal(slot, fail));
                            Ok(())
                        }
                        None => err(meta, format!("undefined variable ^{name}")),
                    },
                    _ => err(meta, "invalid argument for unary operator ^"),
                },
                Some(("{}", Some(items))) => {
                    self.emit(Op::TestTuple(items.len() as u32, fail));
                    for i in items {
                        self.pat(i, fail, bound, order)?;
                    }
                    Ok(())
                }
                Some(("=", Some([l, r]))) => {
                    self.emit(Op::Dup);
                    self.pat(l, fail, bound, order)?;
                    self.pat(r, fail, bound, order)
                }
                Some(("%{}", Some(pairs))) => {
                    self.emit(Op::TestMap(fail));
                    self.map_pairs(pairs, fail, bound, order, meta)?;
                    self.emit(Op::Pop);
                    Ok(())
                }
                Some(("%", Some([module, fields]))) => {
                    self.emit(Op::TestMap(fail));
                    // The struct name: an alias, or a variable / `_` bound to it.
                    let key = self.constant(Value::Atom(Atom::STRUCT));
                    match module.as_named() {
                        Some((name, None)) if name != "__MODULE__" => {
                            self.emit(Op::MapGet(key, fail));
                            self.pat(module, fail, bound, order)?;
                        }
                        _ => {
                            let m = self.module_of(module, meta)?;
                            self.emit(Op::MapGet(key, fail));
                            let i = self.constant(Value::Atom(m));
                            self.emit(Op::MatchConst(i, fail));
                        }
                    }
                    let Some(("%{}", Some(pairs))) = fields.as_named() else { return err(meta, "invalid struct pattern") };
                    self.map_pairs(pairs, fail, bound, order, meta)?;
                    self.emit(Op::Pop);
                    Ok(())
                }
                Some(("<>", Some([prefix, rest]))) => {
                    let Some(text) = literal(prefix).filter(|v| v.as_bytes().is_some()) else {
                        return err(meta, "the left argument of <> in a pattern must be a literal string");
                    };
                    let i = self.constant(text);
                    self.emit(Op::TestPrefix(i, fail));
                    self.pat(rest, fail, bound, order)
                }
                Some(("@", Some([_]))) => {
                    let Expr::Node(n) = p else { unreachable!() };
                    let v = self.attribute_value(&n.args.as_ref().unwrap()[0], meta)?;
                    let i = self.constant(v);
                    self.emit(Op::MatchConst(i, fail));
                    Ok(())
                }
                Some(("__aliases__", Some(parts))) => {
                    let m = self.alias(parts, meta)?;
                    let i = self.constant(Value::Atom(m));
                    self.emit(Op::MatchConst(i, fail));
                    Ok(())
                }
                _ => err(meta, format!("cannot use {} in a pattern", crate::lang::compile::describe(p))),
            },
            _ => err(meta, "invalid pattern"),
        }
    }

    fn map_pairs(
        &mut self,
        pairs: &[Expr],
        fail: Label,
        bound: &mut FxHashMap<Rc<str>, u32>,
        order: &mut Bound,
        meta: Meta,
    ) -> CResult<()> {
        for item in pairs {
            let list;
            let items: &[Expr] = match item {
                Expr::List(items) => items,
                other => {
                    list = [other.clone()];
                    &list
                }
            };
            for pair in items {
                let Expr::Pair(kv) = pair else { return err(meta, "invalid map pattern") };
                let (k, v) = (&kv.0, &kv.1);
                if let Some(key) = literal(k) {
                    let i = self.constant(key);
                    self.emit(Op::MapGet(i, fail));
                } else if let Some(("^", Some([pinned]))) = k.as_named() {
                    let Some((name, None)) = pinned.as_named() else { return err(meta, "invalid pin") };
                    let Some(slot) = self.var(name) else { return err(meta, format!("undefined variable ^{name}")) };
                    self.emit(Op::Load(slot));
                    self.emit(Op::MapGetDyn(fail));
                } else {
                    let key = self.const_fold(k, meta)?;
                    let i = self.constant(key);
                    self.emit(Op::MapGet(i, fail));
                }
                self.pat(v, fail, bound, order)?;
            }
        }
        Ok(())
    }

    /// A compile-time constant expression (module attributes, map keys in patterns).
    pub(crate) fn const_fold(&mut self, e: &Expr, meta: Meta) -> CResult<Value> {
        if let Some(v) = literal(e) {
            return Ok(v);
        }
        match e {
            Expr::List(items) => {
                let (heads, tail) = split_improper(items);
                let mut vs = Vec::new();
                for h in heads {
                    vs.push(self.const_fold(h, meta)?);
                }
                let t = match tail {
                    Some(t) => self.const_fold(t, meta)?,
                    None => Value::Nil,
                };
                Ok(Value::list_with_tail(vs, t))
            }
            Expr::Pair(p) => Ok(Value::pair(self.const_fold(&p.0, meta)?, self.const_fold(&p.1, meta)?)),
            _ => match e.as_named() {
                Some(("{}", Some(items))) => {
                    let mut vs = Vec::new();
                    for i in items {
                        vs.push(self.const_fold(i, meta)?);
                    }
                    Ok(Value::tuple(vs))
                }
                Some(("%{}", Some(items))) => {
                    let mut pairs = Vec::new();
                    for item in items {
                        let list;
                        let kvs: &[Expr] = match item {
                            Expr::List(l) => l,
                            other => {
                                list = [other.clone()];
                                &list
                            }
                        };
                        for kv in kvs {
                            let Expr::Pair(kv) = kv else { return err(meta, "invalid map") };
                            pairs.push((self.const_fold(&kv.0, meta)?, self.const_fold(&kv.1, meta)?));
                        }
                    }
                    Ok(Value::map(pairs))
                }
                Some(("__aliases__", Some(parts))) => Ok(Value::Atom(self.alias(parts, meta)?)),
                Some(("__MODULE__", None)) => Ok(Value::Atom(self.env.module.unwrap_or(Atom::NIL))),
                Some(("@", Some([attr]))) => self.attribute_value(attr, meta),
                Some(("..", Some([a, b]))) => {
                    match (self.const_fold(a, meta)?, self.const_fold(b, meta)?) {
                        (Value::Int(x), Value::Int(y)) => Ok(crate::lang::kernel::make_range(x, y, 1)),
                        _ => err(meta, "ranges need integers"),
                    }
                }
                Some(("<<>>", Some(parts))) if parts.iter().all(|p| matches!(p, Expr::Str(_))) => {
                    let mut bytes = Vec::new();
                    for p in parts {
                        if let Expr::Str(s) = p {
                            bytes.extend_from_slice(s.as_bytes());
                        }
                    }
                    Ok(Value::bytes(bytes))
                }
                Some((op @ ("+" | "-" | "*"), Some([a, b]))) => {
                    let (x, y) = (self.const_fold(a, meta)?, self.const_fold(b, meta)?);
                    let op = match op {
                        "+" => crate::lang::kernel::arith::ArithOp::Add,
                        "-" => crate::lang::kernel::arith::ArithOp::Sub,
                        _ => crate::lang::kernel::arith::ArithOp::Mul,
                    };
                    crate::lang::kernel::arith::arith(op, &x, &y).or_else(|_| err(meta, "bad constant arithmetic"))
                }
                _ => err(meta, format!("this interpreter needs a constant here, got: {}", crate::lang::compile::describe(e))),
            },
        }
    }

    pub(crate) fn attribute_value(&mut self, attr: &Expr, meta: Meta) -> CResult<Value> {
        match attr.as_named() {
            Some((name, None)) => Ok(self.env.attributes.get(name).cloned().unwrap_or(Value::NIL_ATOM)),
            _ => err(meta, "invalid module attribute"),
        }
    }
}

/// The value of a literal (numbers, atoms, strings, `-1`), if `e` is one.
pub(crate) fn literal(e: &Expr) -> Option<Value> {
    match e {
        Expr::Int(i) => Some(Value::Int(*i)),
        Expr::BigInt(b) => Some(Value::from_bigint((**b).clone())),
        Expr::Float(f) => Some(Value::Float(*f)),
        Expr::Atom(a) => Some(Value::atom(a)),
        Expr::Str(s) => Some(Value::string(s)),
        _ => match e.as_named() {
            Some(("-", Some([Expr::Int(i)]))) => Some(Value::Int(-i)),
            Some(("-", Some([Expr::Float(f)]))) => Some(Value::Float(-f)),
            Some(("<<>>", Some(parts))) if parts.iter().all(|p| matches!(p, Expr::Str(_))) => {
                let mut bytes = Vec::new();
                for p in parts {
                    if let Expr::Str(s) = p {
                        bytes.extend_from_slice(s.as_bytes());
                    }
                }
                Some(Value::bytes(bytes))
            }
            _ => None,
        },
    }
}
