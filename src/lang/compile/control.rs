//! Control flow: clauses (`->`), `case`, `cond`, `if`/`unless`, `with`, `for`, `try`,
//! `receive`, `fn` and captures.

use std::rc::Rc;

use super::{err, keyword, CResult, Compiler};
use crate::lang::ast::{Expr, Head, Meta, Node};
use crate::lang::atom::Atom;
use crate::lang::code::{Label, Lambda, NoMatch, Op};
use crate::lang::exception::Kind;
use crate::lang::native;

/// `{:->, _, [[patterns], body]}` split into patterns, guard and body.
pub(crate) fn split_clause(clause: &Expr) -> Option<(Vec<Expr>, Option<Expr>, Expr)> {
    let Some(("->", Some([Expr::List(head), body]))) = clause.as_named() else { return None };
    if let [single] = head.as_slice()
        && let Some(("when", Some(parts))) = single.as_named() {
            let (guard, pats) = parts.split_last()?;
            return Some((pats.to_vec(), Some(guard.clone()), body.clone()));
        }
    Some((head.clone(), None, body.clone()))
}

/// The `->` clauses of a `do` block.
fn clauses_of(e: Option<&Expr>) -> Vec<Expr> {
    match e {
        Some(Expr::List(items)) => items.clone(),
        Some(other) => vec![other.clone()],
        None => vec![],
    }
}

fn nil_expr() -> Expr {
    Expr::Atom("nil".into())
}

impl Compiler<'_> {
    /// One clause against the values in `slots`; jumps to `end` (or returns, in tail position)
    /// after its body; falls through past its fail label when it does not match.
    pub(crate) fn clause(&mut self, clause: &Expr, slots: &[u32], tail: bool, end: Label, accept: bool) -> CResult<()> {
        let meta = clause.meta();
        let Some((pats, guard, body)) = split_clause(clause) else { return err(meta, "expected -> clauses") };
        if pats.len() != slots.len() {
            return err(meta, format!("expected {} argument(s) in clause, got {}", slots.len(), pats.len()));
        }
        let d = self.depth();
        let fail = self.label();
        self.push_scope();
        let mut bound = Vec::new();
        for (p, s) in pats.iter().zip(slots) {
            self.emit(Op::Load(*s));
            bound.extend(self.pattern(p, fail)?);
        }
        self.commit_vars(bound);
        if let Some(g) = guard {
            self.guard(&g, fail)?;
        }
        if accept {
            self.emit(Op::RecvAccept);
        }
        self.expr(&body, tail)?;
        if tail {
            self.emit(Op::Ret);
        } else {
            self.emit(Op::Jump(end));
        }
        self.pop_scope();
        self.place_fail(fail, d);
        Ok(())
    }

    fn guard(&mut self, g: &Expr, fail: Label) -> CResult<()> {
        // `when a when b`: either may hold.
        if let Some(("when", Some([a, b]))) = g.as_named() {
            let or = Expr::call("or", g.meta(), vec![a.clone(), b.clone()]);
            return self.guard(&or, fail);
        }
        self.emit(Op::GuardBegin(fail));
        self.expr(g, false)?;
        self.emit(Op::GuardEnd);
        self.emit(Op::JumpIfFalsy(fail));
        Ok(())
    }

    pub(crate) fn case_expr(&mut self, subject: &Expr, opts: &Expr, meta: Meta, tail: bool) -> CResult<()> {
        let tail = self.tail_ok(tail);
        self.expr(subject, false)?;
        let slot = self.fresh();
        self.emit(Op::Store(slot));
        let d = self.depth();
        let end = self.label();
        let clauses = clauses_of(keyword(opts, "do"));
        if clauses.is_empty() {
            return err(meta, "expected -> clauses for :do in \"case\"");
        }
        for c in &clauses {
            self.clause(c, &[slot], tail, end, false)?;
        }
        self.emit(Op::Load(slot));
        self.emit(Op::NoMatch(NoMatch::Case));
        self.place(end, d + 1);
        Ok(())
    }

    pub(crate) fn cond_expr(&mut self, opts: &Expr, meta: Meta, tail: bool) -> CResult<()> {
        let tail = self.tail_ok(tail);
        let d = self.depth();
        let end = self.label();
        for c in clauses_of(keyword(opts, "do")) {
            let Some((conds, None, body)) = split_clause(&c) else { return err(meta, "invalid cond clause") };
            let [cond] = conds.as_slice() else { return err(meta, "invalid cond clause") };
            let next = self.label();
            self.expr(cond, false)?;
            self.emit(Op::JumpIfFalsy(next));
            self.push_scope();
            self.expr(&body, tail)?;
            self.pop_scope();
            self.emit(if tail { Op::Ret } else { Op::Jump(end) });
            self.place(next, d);
        }
        self.emit(Op::Atom(Atom::NIL));
        self.emit(Op::NoMatch(NoMatch::Cond));
        self.place(end, d + 1);
        Ok(())
    }

    pub(crate) fn if_expr(&mut self, cond: &Expr, opts: &Expr, negate: bool, meta: Meta, tail: bool) -> CResult<()> {
        let tail = self.tail_ok(tail);
        let Some(then) = keyword(opts, "do") else { return err(meta, "missing :do option in \"if\"") };
        let nil = nil_expr();
        let otherwise = keyword(opts, "else").unwrap_or(&nil);
        let (then, otherwise) = if negate { (otherwise, then) } else { (then, otherwise) };
        self.expr(cond, false)?;
        let d = self.depth() - 1;
        let els = self.label();
        let end = self.label();
        self.emit(Op::JumpIfFalsy(els));
        self.push_scope();
        self.expr(then, tail)?;
        self.pop_scope();
        self.emit(if tail { Op::Ret } else { Op::Jump(end) });
        self.place(els, d);
        self.push_scope();
        self.expr(otherwise, tail)?;
        self.pop_scope();
        self.place(end, d + 1);
        Ok(())
    }

    pub(crate) fn with_expr(&mut self, args: &[Expr], meta: Meta, tail: bool) -> CResult<()> {
        let tail = self.tail_ok(tail);
        let Some((opts, steps)) = args.split_last() else { return err(meta, "invalid with") };
        let Some(body) = keyword(opts, "do") else { return err(meta, "missing :do option in \"with\"") };
        let else_clauses = clauses_of(keyword(opts, "else"));
        let d = self.depth();
        let wv = self.fresh();
        let fail = self.label();
        let end = self.label();
        self.push_scope();
        for step in steps {
            match step.as_named() {
                Some(("<-", Some([pat, value]))) => {
                    let (pat, guard) = match pat.as_named() {
                        Some(("when", Some([p, g]))) => (p.clone(), Some(g.clone())),
                        _ => (pat.clone(), None),
                    };
                    self.expr(value, false)?;
                    self.emit(Op::Dup);
                    self.emit(Op::Store(wv));
                    let vars = self.pattern(&pat, fail)?;
                    self.commit_vars(vars);
                    if let Some(g) = guard {
                        self.guard(&g, fail)?;
                    }
                }
                _ => {
                    self.expr(step, false)?;
                    self.emit(Op::Pop);
                }
            }
        }
        self.expr(body, tail)?;
        self.emit(if tail { Op::Ret } else { Op::Jump(end) });
        self.pop_scope();
        self.place_fail(fail, d);
        if else_clauses.is_empty() {
            self.emit(Op::Load(wv));
            if tail {
                self.emit(Op::Ret);
            }
        } else {
            for c in &else_clauses {
                self.clause(c, &[wv], tail, end, false)?;
            }
            self.emit(Op::Load(wv));
            self.emit(Op::NoMatch(NoMatch::With));
        }
        self.place(end, d + 1);
        Ok(())
    }

    pub(crate) fn for_expr(&mut self, args: &[Expr], meta: Meta) -> CResult<()> {
        // `for gen, into: x do ... end` quotes as `[gen, [into: x], [do: ...]]`: merge the
        // trailing keyword lists.
        let mut quals = args;
        let mut merged = Vec::new();
        while let Some((Expr::List(items), rest)) = quals.split_last() {
            if !items.iter().all(|i| matches!(i, Expr::Pair(p) if matches!(p.0, Expr::Atom(_)))) || items.is_empty() {
                break;
            }
            merged.splice(0..0, items.iter().cloned());
            quals = rest;
        }
        let opts = &Expr::List(merged);
        let Some(body) = keyword(opts, "do") else { return err(meta, "missing :do option in \"for\"") };
        let reduce = keyword(opts, "reduce");
        let acc = self.fresh();
        match reduce {
            Some(init) => self.expr(init, false)?,
            None => self.emit(Op::Nil),
        }
        self.emit(Op::Store(acc));
        let d = self.depth();
        self.push_scope();
        self.for_quals(quals, body, reduce.is_some(), acc, None, d, meta)?;
        self.pop_scope();
        self.emit(Op::Load(acc));
        if reduce.is_none() {
            self.emit(Op::CallRemote { module: Atom::intern("lists"), name: Atom::intern("reverse"), argc: 1, tail: false });
            if keyword(opts, "uniq").is_some_and(|u| matches!(u, Expr::Atom(a) if &**a == "true")) {
                self.emit(Op::CallRemote { module: Atom::module("Enum"), name: Atom::intern("uniq"), argc: 1, tail: false });
            }
            if let Some(into) = keyword(opts, "into") {
                self.expr(into, false)?;
                self.emit(Op::CallRemote { module: Atom::module("Enum"), name: Atom::intern("into"), argc: 2, tail: false });
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn for_quals(&mut self, quals: &[Expr], body: &Expr, reduce: bool, acc: u32, skip: Option<Label>, d: u32, meta: Meta) -> CResult<()> {
        let Some((q, rest)) = quals.split_first() else {
            if reduce {
                self.emit(Op::Load(acc));
                let t = self.fresh();
                self.emit(Op::Store(t));
                let done = self.label();
                for c in clauses_of(Some(body)) {
                    self.clause(&c, &[t], false, done, false)?;
                }
                self.emit(Op::Load(t));
                self.emit(Op::NoMatch(NoMatch::Case));
                self.place(done, d + 1);
            } else {
                self.expr(body, false)?;
                self.emit(Op::Load(acc));
                self.emit(Op::List(1));
            }
            self.emit(Op::Store(acc));
            return Ok(());
        };
        let bytes_generator;
        let q = match q.as_named() {
            // `<<c <- binary>>`: a generator over the bytes.
            Some(("<<>>", Some([inner]))) if matches!(inner.as_named(), Some(("<-", Some(_)))) => {
                let Some(("<-", Some([pat, bin]))) = inner.as_named() else { unreachable!() };
                let bytes = super::remote_call("elixir_rt", "binary_bytes", vec![bin.clone()], meta);
                bytes_generator = Expr::call("<-", meta, vec![pat.clone(), bytes]);
                &bytes_generator
            }
            _ => q,
        };
        match q.as_named() {
            Some(("<-", Some([pat, enumerable]))) => {
                let (pat, guard) = match pat.as_named() {
                    Some(("when", Some([p, g]))) => (p.clone(), Some(g.clone())),
                    _ => (pat.clone(), None),
                };
                self.expr(enumerable, false)?;
                self.emit(Op::ToList);
                let it = self.fresh();
                self.emit(Op::Store(it));
                let top = self.label();
                let done = self.label();
                let next = self.label();
                self.place(top, d);
                self.emit(Op::Next { iter: it, done });
                self.push_scope();
                let vars = self.pattern(&pat, next)?;
                self.commit_vars(vars);
                if let Some(g) = guard {
                    self.guard(&g, next)?;
                }
                self.for_quals(rest, body, reduce, acc, Some(next), d, meta)?;
                self.pop_scope();
                self.place_fail(next, d);
                self.emit(Op::Jump(top));
                self.place(done, d);
                Ok(())
            }
            _ => {
                let Some(skip) = skip else { return err(meta, "for comprehensions must start with a generator") };
                self.expr(q, false)?;
                self.emit(Op::JumpIfFalsy(skip));
                self.for_quals(rest, body, reduce, acc, Some(skip), d, meta)
            }
        }
    }

    pub(crate) fn try_expr(&mut self, opts: &Expr, meta: Meta, _tail: bool) -> CResult<()> {
        let Some(body) = keyword(opts, "do") else { return err(meta, "missing :do option in \"try\"") };
        let rescue = clauses_of(keyword(opts, "rescue"));
        let catch = clauses_of(keyword(opts, "catch"));
        let else_clauses = clauses_of(keyword(opts, "else"));
        let after = keyword(opts, "after");
        let d = self.depth();
        self.f().in_try += 1;
        let after_handler = self.label();
        if after.is_some() {
            self.emit(Op::TryBegin(after_handler));
        }
        let handlers = !rescue.is_empty() || !catch.is_empty();
        let handler = self.label();
        let inner_end = self.label();
        if handlers {
            self.emit(Op::TryBegin(handler));
        }
        self.push_scope();
        self.expr(body, false)?;
        self.pop_scope();
        if handlers {
            self.emit(Op::TryEnd);
        }
        if !else_clauses.is_empty() {
            let t = self.fresh();
            self.emit(Op::Store(t));
            for c in &else_clauses {
                self.clause(c, &[t], false, inner_end, false)?;
            }
            self.emit(Op::Load(t));
            self.emit(Op::NoMatch(NoMatch::Try));
            self.place(inner_end, d + 1);
        } else {
            self.emit(Op::Jump(inner_end));
        }
        if handlers {
            self.place(handler, d + 1);
            let e = self.fresh();
            self.emit(Op::Store(e));
            for c in &rescue {
                self.rescue_clause(c, e, inner_end)?;
            }
            for c in &catch {
                self.catch_clause(c, e, inner_end)?;
            }
            self.emit(Op::Load(e));
            self.emit(Op::Reraise);
        }
        self.place(inner_end, d + 1);
        if let Some(after) = after {
            let end = self.label();
            self.emit(Op::TryEnd);
            self.push_scope();
            self.expr(after, false)?;
            self.pop_scope();
            self.emit(Op::Pop);
            self.emit(Op::Jump(end));
            self.place(after_handler, d + 1);
            let e = self.fresh();
            self.emit(Op::Store(e));
            self.push_scope();
            self.expr(after, false)?;
            self.pop_scope();
            self.emit(Op::Pop);
            self.emit(Op::Load(e));
            self.emit(Op::Reraise);
            self.place(end, d + 1);
        }
        self.f().in_try -= 1;
        Ok(())
    }

    fn rescue_clause(&mut self, clause: &Expr, e: u32, end: Label) -> CResult<()> {
        let meta = clause.meta();
        let Some((pats, None, body)) = split_clause(clause) else { return err(meta, "invalid rescue clause") };
        let [pat] = pats.as_slice() else { return err(meta, "invalid rescue clause") };
        let (var, modules): (Option<&Expr>, Option<Vec<Atom>>) = match pat.as_named() {
            Some(("in", Some([v, mods]))) => {
                let mods = match mods {
                    Expr::List(items) => items.iter().map(|m| self.module_of(m, meta)).collect::<CResult<Vec<_>>>()?,
                    m => vec![self.module_of(m, meta)?],
                };
                (Some(v), Some(mods))
            }
            Some((_, None)) => (Some(pat), None),
            _ => (None, Some(vec![self.module_of(pat, meta)?])),
        };
        let d = self.depth();
        let fail = self.label();
        self.push_scope();
        self.emit(Op::Load(e));
        self.emit(Op::TestTuple(2, fail));
        let kind = self.constant(crate::lang::value::Value::Atom(Atom::ERROR));
        self.emit(Op::MatchConst(kind, fail));
        let rt = Atom::intern("elixir_rt");
        let normalize = native::lookup(rt, Atom::intern("normalize_error"), 1).expect("registered");
        self.emit(Op::CallNative { f: normalize, name: Atom::intern("normalize_error"), argc: 1 });
        if let Some(mods) = modules {
            self.emit(Op::Dup);
            let list = crate::lang::value::Value::list(mods.into_iter().map(crate::lang::value::Value::Atom).collect::<Vec<_>>());
            self.push_value(list);
            let test = native::lookup(rt, Atom::intern("rescue_match"), 2).expect("registered");
            self.emit(Op::CallNative { f: test, name: Atom::intern("rescue_match"), argc: 2 });
            self.emit(Op::JumpIfFalsy(fail));
        }
        match var {
            Some(v) => {
                let vars = self.pattern(v, fail)?;
                self.commit_vars(vars);
            }
            None => self.emit(Op::Pop),
        }
        self.expr(&body, false)?;
        self.emit(Op::Jump(end));
        self.pop_scope();
        self.place_fail(fail, d);
        Ok(())
    }

    fn catch_clause(&mut self, clause: &Expr, e: u32, end: Label) -> CResult<()> {
        let meta = clause.meta();
        let Some((pats, guard, body)) = split_clause(clause) else { return err(meta, "invalid catch clause") };
        let (kind, value) = match pats.as_slice() {
            [v] => (Expr::Atom("throw".into()), v.clone()),
            [k, v] => (k.clone(), v.clone()),
            _ => return err(meta, "invalid catch clause"),
        };
        let d = self.depth();
        let fail = self.label();
        self.push_scope();
        self.emit(Op::Load(e));
        let tuple = Expr::Pair(Box::new((kind, value)));
        let vars = self.pattern(&tuple, fail)?;
        self.commit_vars(vars);
        if let Some(g) = guard {
            self.guard(&g, fail)?;
        }
        self.expr(&body, false)?;
        self.emit(Op::Jump(end));
        self.pop_scope();
        self.place_fail(fail, d);
        Ok(())
    }

    pub(crate) fn receive_expr(&mut self, opts: &Expr, meta: Meta, tail: bool) -> CResult<()> {
        let tail = self.tail_ok(tail);
        let clauses = clauses_of(keyword(opts, "do"));
        let after = clauses_of(keyword(opts, "after"));
        let d = self.depth();
        let msg = self.fresh();
        let top = self.label();
        let wait = self.label();
        let end = self.label();
        let after_label = self.label();
        self.place(top, d);
        self.emit(Op::RecvNext(wait));
        self.emit(Op::Store(msg));
        for c in &clauses {
            self.clause(c, &[msg], tail, end, true)?;
        }
        self.emit(Op::RecvSkip(top));
        self.place(wait, d);
        let after_body = match after.as_slice() {
            [] => {
                self.emit(Op::Atom(Atom::INFINITY));
                None
            }
            [c] => {
                let Some((t, None, body)) = split_clause(c) else { return err(meta, "invalid after clause") };
                let [t] = t.as_slice() else { return err(meta, "invalid after clause") };
                self.expr(t, false)?;
                Some(body)
            }
            _ => return err(meta, "expected a single -> clause for :after in \"receive\""),
        };
        self.emit(Op::RecvWait { retry: top, after: after_label });
        self.place(after_label, d + 1);
        self.emit(Op::Pop);
        match after_body {
            Some(body) => {
                self.expr(&body, tail)?;
                if tail {
                    self.emit(Op::Ret);
                }
            }
            None => self.emit(Op::Atom(Atom::NIL)),
        }
        self.place(end, d + 1);
        Ok(())
    }

    /// `fn clauses end`: a separate [`Code`]; variables of enclosing functions it uses are
    /// captured (copied) when the closure is created.
    pub(crate) fn lambda(&mut self, clauses: &[Expr], meta: Meta) -> CResult<()> {
        let Some(first) = clauses.first().and_then(split_clause) else { return err(meta, "expected -> clauses in fn") };
        let arity = first.0.len() as u32;
        // How FunctionClauseError names it: `anonymous fn/1 in Foo.bar/2` in a module, and
        // `:elixir_compiler_0.__FILE__/1` at a script's top level, as Elixir 1.14 does.
        let (module, name) = match self.env.module {
            Some(m) => {
                let outer = self.fns.iter().rev().find(|f| !f.lambda).expect("a def encloses it");
                (Atom::NIL, Atom::intern(&format!("anonymous fn/{arity} in {}.{}/{}", m.module_name(), outer.name.name(), outer.arity)))
            }
            None => (Atom::intern("elixir_compiler_0"), Atom::intern("__FILE__")),
        };
        self.begin_fn(module, name, arity);
        self.f().lambda = true;
        let slots: Vec<u32> = (0..arity).collect();
        let end = self.label();
        for c in clauses {
            if let Err(e) = self.clause(c, &slots, true, end, false) {
                self.fns.pop();
                return Err(e);
            }
        }
        self.emit(Op::Atom(Atom::NIL));
        self.emit(Op::NoMatch(NoMatch::FunctionClause));
        self.place(end, 1);
        let code = self.end_fn();
        let captures = std::mem::take(&mut self.last_captures);
        let lambda = Rc::new(Lambda { code, arity: arity as usize, captures });
        let f = self.f();
        f.lambdas.push(lambda);
        let i = (f.lambdas.len() - 1) as u32;
        self.emit(Op::Closure(i));
        Ok(())
    }

    /// `&Mod.fun/n`, `&fun/n`, `&(&1 + 1)`.
    pub(crate) fn capture(&mut self, body: &Expr, meta: Meta) -> CResult<()> {
        if let Some(("/", Some([target, Expr::Int(arity)]))) = body.as_named()
            && let Expr::Node(n) = target {
                if let (Head::Expr(callee), Some(args)) = (&n.head, &n.args)
                    && args.is_empty()
                        && let Some((".", Some([m, Expr::Atom(name)]))) = callee.as_named() {
                            let module = self.module_of(m, meta);
                            if let Ok(module) = module {
                                self.emit(Op::Capture { module, name: Atom::intern(name), arity: *arity as u32 });
                                return Ok(());
                            }
                        }
                if let (Head::Atom(name), args) = (&n.head, &n.args)
                    && args.as_ref().is_none_or(|a| a.is_empty()) {
                        let vars: Vec<Expr> = (1..=*arity).map(|i| Expr::var(&format!("&{i}"), meta)).collect();
                        let call = Expr::call(name, meta, vars.clone());
                        return self.lambda(&[arrow(vars, call, meta)], meta);
                    }
            }
        let mut max = 0;
        let rewritten = replace_placeholders(body, &mut max);
        if max == 0 {
            return err(meta, "invalid args for &, expected one of: &Mod.fun/arity, &local/arity or a capture containing at least one argument as &1");
        }
        let vars: Vec<Expr> = (1..=max).map(|i| Expr::var(&format!("&{i}"), meta)).collect();
        self.lambda(&[arrow(vars, rewritten, meta)], meta)
    }
}

fn arrow(params: Vec<Expr>, body: Expr, meta: Meta) -> Expr {
    Expr::call("->", meta, vec![Expr::List(params), body])
}

/// `&1` → a variable named `&1` (a name no user variable can have).
fn replace_placeholders(e: &Expr, max: &mut i64) -> Expr {
    match e {
        Expr::Node(n) => {
            if let (Head::Atom(h), Some(args)) = (&n.head, &n.args) {
                if &**h == "&"
                    && let [Expr::Int(i)] = args.as_slice() {
                        *max = (*max).max(*i);
                        return Expr::var(&format!("&{i}"), n.meta);
                    }
                if &**h == "fn" {
                    return e.clone();
                }
            }
            let head = match &n.head {
                Head::Atom(a) => Head::Atom(a.clone()),
                Head::Expr(x) => Head::Expr(replace_placeholders(x, max)),
            };
            let args = n.args.as_ref().map(|a| a.iter().map(|x| replace_placeholders(x, max)).collect());
            Expr::Node(Box::new(Node { head, meta: n.meta, args }))
        }
        Expr::List(items) => Expr::List(items.iter().map(|x| replace_placeholders(x, max)).collect()),
        Expr::Pair(p) => Expr::Pair(Box::new((replace_placeholders(&p.0, max), replace_placeholders(&p.1, max)))),
        other => other.clone(),
    }
}

#[allow(dead_code)]
fn raise_kind(_: Kind) {}
