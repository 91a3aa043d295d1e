//! The compiler: Elixir's quoted form → [`Code`] (see `code.rs` for the instruction set).
//!
//! A script or module is compiled once; the machine never looks at the tree again. The
//! compiler resolves at compile time what Elixir resolves at compile time: variables to frame
//! slots (each binding its own slot), local calls to function indices, aliases to module
//! atoms, imported and Kernel functions to natives, module attributes to constants. Remote calls
//! stay by name (modules can be redefined while a script runs).
//!
//! - `mod.rs`: per-function state, labels, expressions and calls.
//! - `pattern.rs`: patterns → test instructions.
//! - `control.rs`: `case`, `cond`, `if`, `with`, `for`, `try`, `receive`, `fn`, captures.
//! - `module.rs`: `defmodule`, `def`/`defp`, `defstruct`, `defexception`, attributes, `alias`,
//!   `import`, `use`.

mod control;
mod module;
mod pattern;

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::ast::{Expr, Head, Meta, Node};
use super::atom::Atom;
use super::code::{Code, Label, Lambda, Module, Op};
use super::native;
use super::value::Value;

/// A construct the compiler rejects, as `** (CompileError) file:line: message`.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub line: u32,
    pub message: String,
}

type CResult<T> = Result<T, CompileError>;

fn err<T>(meta: Meta, message: impl Into<String>) -> CResult<T> {
    Err(CompileError { line: meta.line, message: message.into() })
}

/// The functions each known module defines (modules compiled earlier in this script, the
/// prelude), for `import` and for telling a local call from an import.
#[derive(Default, Clone)]
pub struct KnownModules {
    pub funs: FxHashMap<Atom, Vec<(Atom, u32)>>,
}

/// Compiles a script's top level. Modules it defines are compiled now and defined when the
/// script reaches their `defmodule`.
pub fn compile_script(tree: &Expr, file: &str, known: &mut KnownModules) -> CResult<Rc<Code>> {
    let _ = file;
    let mut c = Compiler::new(known);
    c.begin_fn(Atom::NIL, Atom::intern("__script__"), 0);
    c.expr(tree, false)?;
    c.emit(Op::Ret);
    Ok(c.end_fn())
}

/// Per-module compile state: what the module's functions see.
#[derive(Clone, Default)]
struct Env {
    module: Option<Atom>,
    /// Short alias → full module atom.
    aliases: FxHashMap<Rc<str>, Atom>,
    /// `import Mod` (with `only:`/`except:` filters).
    imports: Vec<Import>,
    /// This module's functions (name, arity) → index.
    locals: FxHashMap<(Atom, u32), u32>,
    attributes: FxHashMap<Rc<str>, Value>,
}

#[derive(Clone)]
struct Import {
    module: Atom,
    only: Option<Vec<(Atom, u32)>>,
    except: Vec<(Atom, u32)>,
}

/// What is being compiled into one [`Code`].
struct FnState {
    ops: Vec<Op>,
    consts: Vec<Value>,
    lambdas: Vec<Rc<Lambda>>,
    modules: Vec<Rc<Module>>,
    nlocals: u32,
    scopes: Vec<FxHashMap<Rc<str>, u32>>,
    captures: Vec<(u32, u32)>,
    /// Operand stack height above the locals.
    depth: u32,
    /// Label positions (`u32::MAX` until placed).
    labels: Vec<u32>,
    /// Inside a `try` body: no tail calls (the handler must stay).
    in_try: u32,
    module: Atom,
    name: Atom,
    arity: u32,
    /// An `fn` (captures variables of the enclosing function).
    lambda: bool,
}

pub(crate) struct Compiler<'k> {
    fns: Vec<FnState>,
    env: Env,
    known: &'k mut KnownModules,
    /// Used for fresh hidden variable names.
    counter: u32,
    /// The captures of the `fn` whose code `end_fn` just finished.
    last_captures: Vec<(u32, u32)>,
}

impl<'k> Compiler<'k> {
    fn new(known: &'k mut KnownModules) -> Self {
        Compiler { fns: Vec::new(), env: Env::default(), known, counter: 0, last_captures: Vec::new() }
    }

    fn f(&mut self) -> &mut FnState {
        self.fns.last_mut().unwrap()
    }

    fn begin_fn(&mut self, module: Atom, name: Atom, arity: u32) {
        self.fns.push(FnState {
            ops: Vec::new(),
            consts: Vec::new(),
            lambdas: Vec::new(),
            modules: Vec::new(),
            nlocals: arity,
            scopes: vec![FxHashMap::default()],
            captures: Vec::new(),
            depth: 0,
            labels: Vec::new(),
            in_try: 0,
            module,
            name,
            arity,
            lambda: false,
        });
    }

    /// Finishes the innermost function: labels become instruction indices.
    fn end_fn(&mut self) -> Rc<Code> {
        let mut f = self.fns.pop().unwrap();
        let labels = std::mem::take(&mut f.labels);
        let fix = |l: &mut Label| *l = labels[*l as usize];
        for op in &mut f.ops {
            match op {
                Op::Jump(l) | Op::JumpIfFalsy(l) | Op::JumpIfTruthy(l) | Op::MatchConst(_, l)
                | Op::MatchLocal(_, l) | Op::TestTuple(_, l) | Op::TestCons(l) | Op::TestNil(l)
                | Op::TestMap(l) | Op::MapGet(_, l) | Op::MapGetDyn(l) | Op::TestPrefix(_, l)
                | Op::TestBinary(l) | Op::GuardBegin(l) | Op::TryBegin(l) | Op::RecvNext(l)
                | Op::RecvSkip(l) => fix(l),
                Op::RecvWait { retry, after } => {
                    fix(retry);
                    fix(after);
                }
                Op::Next { done, .. } => fix(done),
                _ => {}
            }
        }
        self.last_captures = std::mem::take(&mut f.captures);
        Rc::new(Code {
            ops: f.ops,
            consts: f.consts,
            lambdas: f.lambdas,
            modules: f.modules,
            nlocals: f.nlocals,
            module: f.module,
            name: f.name,
            arity: f.arity,
        })
    }

    fn label(&mut self) -> Label {
        let f = self.f();
        f.labels.push(u32::MAX);
        (f.labels.len() - 1) as Label
    }

    /// Places `l` here; the stack height here is `depth`.
    fn place(&mut self, l: Label, depth: u32) {
        let f = self.f();
        f.labels[l as usize] = f.ops.len() as u32;
        f.depth = depth;
    }

    /// Places a fail label: resets the stack to `depth`.
    fn place_fail(&mut self, l: Label, depth: u32) {
        self.place(l, depth);
        self.emit(Op::Reset(depth));
    }

    fn depth(&mut self) -> u32 {
        self.f().depth
    }

    fn emit(&mut self, op: Op) {
        let f = self.fns.last_mut().unwrap();
        let d = f.depth as i64;
        let nd: i64 = match &op {
            Op::Const(_) | Op::Int(_) | Op::Atom(_) | Op::Nil | Op::Load(_) | Op::Dup | Op::Closure(_)
            | Op::Capture { .. } | Op::TestCons(_) | Op::MapGet(..) | Op::RecvNext(_) | Op::Next { .. }
            | Op::DefModule(_) => d + 1,
            Op::Store(_) | Op::Pop | Op::Ret | Op::JumpIfFalsy(_) | Op::JumpIfTruthy(_) | Op::MatchConst(..)
            | Op::MatchLocal(..) | Op::TestNil(_) | Op::TestBinary(_) | Op::Reraise | Op::Raise(_)
            | Op::RecvWait { .. } | Op::NoMatch(_) => d - 1,
            Op::Tuple(n) | Op::Concat(n) => d + 1 - *n as i64,
            Op::List(n) => d - *n as i64,
            Op::Map(n) | Op::Struct { n, .. } => d + 1 - 2 * *n as i64,
            Op::MapUpdate(n) => d - 2 * *n as i64,
            Op::BinOp { .. } => d - 1,
            Op::CallLocal { argc, .. } | Op::CallRemote { argc, .. } | Op::CallNative { argc, .. } => {
                d + 1 - *argc as i64
            }
            Op::CallDynamic { argc, .. } | Op::CallFun { argc, .. } => d - *argc as i64,
            Op::Apply { argc, .. } => d + 1 - *argc as i64,
            Op::TestTuple(n, _) => d - 1 + *n as i64,
            Op::Reset(n) => *n as i64,
            Op::MapGetDyn(_) | Op::TestPrefix(..) | Op::ToStr | Op::Jump(_) | Op::CheckBool(_) | Op::TestMap(_)
            | Op::GuardBegin(_) | Op::GuardEnd | Op::TryBegin(_) | Op::TryEnd | Op::RecvAccept
            | Op::RecvSkip(_) | Op::ToList => d,
        };
        f.depth = nd.max(0) as u32;
        f.ops.push(op);
    }

    fn constant(&mut self, v: Value) -> u32 {
        let f = self.f();
        f.consts.push(v);
        (f.consts.len() - 1) as u32
    }

    fn push_value(&mut self, v: Value) {
        match v {
            Value::Int(i) => self.emit(Op::Int(i)),
            Value::Atom(a) => self.emit(Op::Atom(a)),
            Value::Nil => self.emit(Op::Nil),
            v => {
                let i = self.constant(v);
                self.emit(Op::Const(i));
            }
        }
    }

    fn new_slot(&mut self) -> u32 {
        let f = self.f();
        f.nlocals += 1;
        f.nlocals - 1
    }

    fn bind(&mut self, name: &str, slot: u32) {
        self.f().scopes.last_mut().unwrap().insert(name.into(), slot);
    }

    fn push_scope(&mut self) {
        let top = self.f().scopes.last().unwrap().clone();
        self.f().scopes.push(top);
    }

    fn pop_scope(&mut self) {
        self.f().scopes.pop();
    }

    /// The slot of variable `name` in function `level`, capturing it from enclosing `fn`s.
    fn resolve(&mut self, level: usize, name: &str) -> Option<u32> {
        if let Some(&s) = self.fns[level].scopes.last().unwrap().get(name) {
            return Some(s);
        }
        if level == 0 || !self.fns[level].is_lambda() {
            return None;
        }
        let outer = self.resolve(level - 1, name)?;
        let f = &mut self.fns[level];
        f.nlocals += 1;
        let inner = f.nlocals - 1;
        f.captures.push((outer, inner));
        for scope in &mut f.scopes {
            scope.insert(name.into(), inner);
        }
        Some(inner)
    }

    fn var(&mut self, name: &str) -> Option<u32> {
        let level = self.fns.len() - 1;
        self.resolve(level, name)
    }

    fn fresh(&mut self) -> u32 {
        self.counter += 1;
        self.new_slot()
    }

    fn tail_ok(&mut self, tail: bool) -> bool {
        tail && self.f().in_try == 0
    }

    /// Compiles `e`, leaving its value on the stack. `tail`: the value is returned right
    /// after (calls become tail calls).
    fn expr(&mut self, e: &Expr, tail: bool) -> CResult<()> {
        match e {
            Expr::Int(i) => self.emit(Op::Int(*i)),
            Expr::BigInt(b) => self.push_value(Value::BigInt(Rc::new((**b).clone()))),
            Expr::Float(x) => self.push_value(Value::Float(*x)),
            Expr::Atom(a) => self.emit(Op::Atom(Atom::intern(a))),
            Expr::Str(s) => self.push_value(Value::string(s)),
            Expr::List(items) => self.list(items)?,
            Expr::Pair(p) => {
                self.expr(&p.0, false)?;
                self.expr(&p.1, false)?;
                self.emit(Op::Tuple(2));
            }
            Expr::Node(node) => self.node(node, tail)?,
        }
        Ok(())
    }

    fn list(&mut self, items: &[Expr]) -> CResult<()> {
        let (items, tail) = split_improper(items);
        let n = items.len() as u32;
        for item in items {
            self.expr(item, false)?;
        }
        match tail {
            Some(t) => self.expr(t, false)?,
            None => self.emit(Op::Nil),
        }
        self.emit(Op::List(n));
        Ok(())
    }

    fn node(&mut self, node: &Node, tail: bool) -> CResult<()> {
        let meta = node.meta;
        match (&node.head, &node.args) {
            (Head::Atom(name), None) => self.variable(name, meta),
            (Head::Atom(name), Some(args)) => self.special_or_local(name, args, meta, tail),
            (Head::Expr(callee), Some(args)) => self.dot_call(callee, args, meta, tail),
            (Head::Expr(_), None) => err(meta, "invalid expression"),
        }
    }

    fn variable(&mut self, name: &str, meta: Meta) -> CResult<()> {
        if name == "__MODULE__" {
            let m = self.env.module.unwrap_or(Atom::NIL);
            self.emit(Op::Atom(m));
            return Ok(());
        }
        if name == "__STACKTRACE__" {
            // No stacktraces are kept: `reraise e, __STACKTRACE__` re-raises with none.
            self.emit(Op::Nil);
            return Ok(());
        }
        match self.var(name) {
            Some(s) => {
                self.emit(Op::Load(s));
                Ok(())
            }
            None if name.starts_with('_') => err(
                meta,
                "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions".to_string(),
            ),
            None => self.local_call(name, &[], meta, false).or_else(|_| {
                err(meta, format!("undefined function {name}/0 (there is no such import)"))
            }),
        }
    }

    fn special_or_local(&mut self, name: &str, args: &[Expr], meta: Meta, tail: bool) -> CResult<()> {
        match (name, args) {
            ("__block__", _) => {
                if args.is_empty() {
                    self.emit(Op::Atom(Atom::NIL));
                }
                for (i, a) in args.iter().enumerate() {
                    let last = i + 1 == args.len();
                    self.expr(a, tail && last)?;
                    if !last {
                        self.emit(Op::Pop);
                    }
                }
                Ok(())
            }
            ("__aliases__", _) => {
                let m = self.alias(args, meta)?;
                self.emit(Op::Atom(m));
                Ok(())
            }
            ("{}", _) => {
                for a in args {
                    self.expr(a, false)?;
                }
                self.emit(Op::Tuple(args.len() as u32));
                Ok(())
            }
            ("%{}", _) => self.map(args, meta),
            ("%", [module, fields]) => self.struct_literal(module, fields, meta),
            ("<<>>", _) => self.binary(args, meta),
            ("=", [left, right]) => self.match_expr(left, right),
            ("^", _) => err(meta, "cannot use ^ outside of match clauses"),
            ("&", [body]) => self.capture(body, meta),
            ("fn", clauses) => self.lambda(clauses, meta),
            ("case", [subject, opts]) => self.case_expr(subject, opts, meta, tail),
            ("cond", [opts]) => self.cond_expr(opts, meta, tail),
            ("if", [c, opts]) => self.if_expr(c, opts, false, meta, tail),
            ("unless", [c, opts]) => self.if_expr(c, opts, true, meta, tail),
            ("with", _) => self.with_expr(args, meta, tail),
            ("for", _) => self.for_expr(args, meta),
            ("try", [opts]) => self.try_expr(opts, meta, tail),
            ("receive", [opts]) => self.receive_expr(opts, meta, tail),
            ("defmodule", [name, opts]) => self.defmodule(name, opts, meta),
            ("def" | "defp" | "defmacro" | "defmacrop" | "defstruct" | "defexception" | "defguard", _) => {
                err(meta, format!("cannot invoke {name}/{} outside module", args.len()))
            }
            ("@", [attr]) => self.attribute_read(attr, meta),
            ("alias" | "import" | "require", _) => {
                self.directive(name, args, meta)?;
                self.emit(Op::Atom(Atom::OK));
                Ok(())
            }
            ("and", [l, r]) => self.short_circuit(l, r, Some(Atom::intern("and")), false, tail),
            ("or", [l, r]) => self.short_circuit(l, r, Some(Atom::intern("or")), true, tail),
            ("&&", [l, r]) => self.short_circuit(l, r, None, false, tail),
            ("||", [l, r]) => self.short_circuit(l, r, None, true, tail),
            ("|>", [l, r]) => {
                let piped = pipe_into(l, r, meta)?;
                self.expr(&piped, tail)
            }
            ("..", [first, last]) => {
                self.range(first, last, &Expr::Int(1), meta)
            }
            ("..//", [first, last, step]) => self.range(first, last, step, meta),
            ("-", [Expr::Int(i)]) => {
                self.emit(Op::Int(-i));
                Ok(())
            }
            ("-", [Expr::Float(x)]) => {
                self.push_value(Value::Float(-x));
                Ok(())
            }
            ("apply", [_, _] | [_, _, _]) => {
                for a in args {
                    self.expr(a, false)?;
                }
                let tail = self.tail_ok(tail);
                self.emit(Op::Apply { argc: args.len() as u32, tail });
                Ok(())
            }
            ("raise", [msg]) => self.call_remote(Atom::KERNEL, "raise", std::slice::from_ref(msg), tail),
            ("super", _) => err(meta, "super is not supported"),
            (sigil, [text, Expr::List(mods)]) if sigil.starts_with("sigil_") => self.sigil(&sigil[6..], text, mods, meta),
            ("quote" | "unquote", _) => err(meta, format!("{name} is not supported by this interpreter")),
            _ => self.local_call(name, args, meta, tail),
        }
    }

    /// `~w(a b)`, `~s(..)`, `~c(..)`, `~D[..]`, `~T[..]`, `~N[..]` at compile time; other
    /// sigils call `Kernel.sigil_X/2` (e.g. the stdlib's `~r`).
    fn sigil(&mut self, letter: &str, text: &Expr, mods: &[Expr], meta: Meta) -> CResult<()> {
        let literal = match text.as_named() {
            Some(("<<>>", Some(parts))) => match parts {
                [Expr::Str(s)] => Some(s.to_string()),
                [] => Some(String::new()),
                _ => None,
            },
            _ => None,
        };
        let modifiers: String = mods.iter().filter_map(|m| if let Expr::Int(c) = m { char::from_u32(*c as u32) } else { None }).collect();
        match (letter, literal) {
            ("w" | "W", Some(s)) => {
                let words = s.split_whitespace().map(|w| match modifiers.as_str() {
                    "a" => Value::atom(w),
                    "c" => Value::list(w.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()),
                    _ => Value::string(w),
                });
                self.push_value(Value::list(words.collect::<Vec<_>>()));
                Ok(())
            }
            ("s" | "S", _) => self.expr(text, false),
            ("c" | "C", Some(s)) => {
                self.push_value(Value::list(s.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()));
                Ok(())
            }
            ("D" | "T" | "N", Some(s)) => match calendar_literal(letter, &s) {
                Some(v) => {
                    self.push_value(v);
                    Ok(())
                }
                None => err(meta, format!("invalid ~{letter} sigil: {s}")),
            },
            _ => {
                self.expr(text, false)?;
                self.push_value(Value::list(mods.iter().filter_map(|m| if let Expr::Int(c) = m { Some(Value::Int(*c)) } else { None }).collect::<Vec<_>>()));
                self.emit(Op::CallRemote { module: Atom::KERNEL, name: Atom::intern(&format!("sigil_{letter}")), argc: 2, tail: false });
                Ok(())
            }
        }
    }

    fn alias(&mut self, parts: &[Expr], meta: Meta) -> CResult<Atom> {
        let mut names: Vec<String> = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            match p {
                Expr::Atom(a) => {
                    if i == 0
                        && let Some(full) = self.env.aliases.get(&**a) {
                            names.push(full.module_name());
                            continue;
                        }
                    names.push(a.to_string());
                }
                Expr::Node(_) if i == 0 => match p.as_named() {
                    Some(("__MODULE__", None)) => {
                        let m = self.env.module.ok_or(CompileError { line: meta.line, message: "__MODULE__ outside module".into() })?;
                        names.push(m.module_name());
                    }
                    _ => return err(meta, "dynamic aliases are not supported"),
                },
                _ => return err(meta, "invalid alias"),
            }
        }
        Ok(Atom::module(&names.join(".")))
    }

    fn map(&mut self, args: &[Expr], meta: Meta) -> CResult<()> {
        if let Some((map, pairs)) = update_form(args) {
            self.expr(map, false)?;
            let n = self.push_pairs(std::slice::from_ref(pairs), meta)?;
            self.emit(Op::MapUpdate(n));
            return Ok(());
        }
        let n = self.push_pairs(args, meta)?;
        self.emit(Op::Map(n));
        Ok(())
    }

    fn struct_literal(&mut self, module: &Expr, fields: &Expr, meta: Meta) -> CResult<()> {
        let module = self.module_of(module, meta)?;
        let Some(("%{}", Some(args))) = fields.as_named() else { return err(meta, "invalid struct") };
        if let Some((map, pairs)) = update_form(args) {
            // %S{s | k: v} updates like %{s | k: v}; the check that `s` is an S
            // (BadStructError) is not made yet.
            self.expr(map, false)?;
            let n = self.push_pairs(std::slice::from_ref(pairs), meta)?;
            self.emit(Op::MapUpdate(n));
            return Ok(());
        }
        let n = self.push_pairs(args, meta)?;
        self.emit(Op::Struct { module, n });
        Ok(())
    }

    /// Pushes the key and value of every pair in `args` (keyword lists and `k => v`); their count.
    fn push_pairs(&mut self, args: &[Expr], meta: Meta) -> CResult<u32> {
        let mut n = 0;
        for a in args {
            for (k, v) in pairs_of(a, meta)? {
                self.expr(&k, false)?;
                self.expr(&v, false)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// A module name in code: an alias, `__MODULE__` or an atom.
    fn module_of(&mut self, e: &Expr, meta: Meta) -> CResult<Atom> {
        match e {
            Expr::Atom(a) => Ok(Atom::intern(a)),
            _ => match e.as_named() {
                Some(("__aliases__", Some(parts))) => self.alias(parts, meta),
                Some(("__MODULE__", None)) => self.env.module.ok_or(CompileError { line: meta.line, message: "__MODULE__ outside module".into() }),
                _ => err(meta, "expected a module name"),
            },
        }
    }

    fn binary(&mut self, parts: &[Expr], meta: Meta) -> CResult<()> {
        for p in parts {
            match p {
                Expr::Str(s) => self.push_value(Value::string(s)),
                _ => match p.as_named() {
                    Some(("::", Some([inner, _ty]))) => {
                        let inner = match inner {
                            Expr::Node(n) if matches!(&n.head, Head::Expr(_)) && n.args.as_ref().is_some_and(|a| a.len() == 1) => {
                                // Kernel.to_string(x) inserted by interpolation
                                &n.args.as_ref().unwrap()[0]
                            }
                            other => other,
                        };
                        self.expr(inner, false)?;
                        self.emit(Op::ToStr);
                    }
                    _ => {
                        self.expr(p, false)?;
                        self.emit(Op::ToStr);
                        let _ = meta;
                    }
                },
            }
        }
        self.emit(Op::Concat(parts.len() as u32));
        Ok(())
    }

    fn match_expr(&mut self, left: &Expr, right: &Expr) -> CResult<()> {
        self.expr(right, false)?;
        self.emit(Op::Dup);
        let d = self.depth();
        let fail = self.label();
        let ok = self.label();
        let vars = self.pattern(left, fail)?;
        self.emit(Op::Jump(ok));
        // On a mismatch, drop what the partial match pushed: the original value is on top.
        self.place_fail(fail, d - 1);
        self.emit(Op::NoMatch(super::code::NoMatch::Match));
        self.place(ok, d - 1);
        self.commit_vars(vars);
        Ok(())
    }

    fn short_circuit(&mut self, l: &Expr, r: &Expr, strict: Option<Atom>, on_truthy: bool, tail: bool) -> CResult<()> {
        self.expr(l, false)?;
        if let Some(op) = strict {
            self.emit(Op::CheckBool(op));
        }
        let d = self.depth();
        let end = self.label();
        self.emit(Op::Dup);
        self.emit(if on_truthy { Op::JumpIfTruthy(end) } else { Op::JumpIfFalsy(end) });
        self.emit(Op::Pop);
        self.expr(r, tail)?;
        self.place(end, d);
        Ok(())
    }

    fn range(&mut self, first: &Expr, last: &Expr, step: &Expr, _meta: Meta) -> CResult<()> {
        self.emit(Op::Atom(Atom::STRUCT));
        self.emit(Op::Atom(Atom::module("Range")));
        for (k, v) in [("first", first), ("last", last), ("step", step)] {
            self.emit(Op::Atom(Atom::intern(k)));
            self.expr(v, false)?;
        }
        self.emit(Op::Map(4));
        Ok(())
    }

    fn attribute_read(&mut self, attr: &Expr, meta: Meta) -> CResult<()> {
        match attr.as_named() {
            Some((name, None)) => match self.env.attributes.get(name) {
                Some(v) => {
                    let v = v.clone();
                    self.push_value(v);
                    Ok(())
                }
                None => {
                    self.emit(Op::Atom(Atom::NIL));
                    Ok(())
                }
            },
            Some((_, Some(_))) => err(meta, "module attributes can only be set inside a module body"),
            _ => err(meta, "invalid module attribute"),
        }
    }

    /// A call with no module: a local function, an import, Kernel.
    fn local_call(&mut self, name: &str, args: &[Expr], meta: Meta, tail: bool) -> CResult<()> {
        let a = Atom::intern(name);
        let argc = args.len() as u32;
        if let Some(&fun) = self.env.locals.get(&(a, argc)) {
            for x in args {
                self.expr(x, false)?;
            }
            let tail = self.tail_ok(tail);
            self.emit(Op::CallLocal { fun, argc, tail });
            return Ok(());
        }
        if let Some(module) = self.imported(a, argc) {
            return self.call_remote(module, name, args, tail);
        }
        if let Some(f) = native::lookup(Atom::KERNEL, a, argc) {
            for x in args {
                self.expr(x, false)?;
            }
            match super::code::BinOp::from_name(name).filter(|_| argc == 2) {
                Some(op) => self.emit(Op::BinOp { op, f }),
                None => self.emit(Op::CallNative { f, name: a, argc }),
            }
            return Ok(());
        }
        if self.known.funs.get(&Atom::KERNEL).is_some_and(|fs| fs.contains(&(a, argc))) {
            return self.call_remote(Atom::KERNEL, name, args, tail);
        }
        err(meta, format!("undefined function {name}/{argc} (there is no such import)"))
    }

    fn imported(&self, name: Atom, argc: u32) -> Option<Atom> {
        for imp in self.env.imports.iter().rev() {
            if imp.except.contains(&(name, argc)) {
                continue;
            }
            if let Some(only) = &imp.only
                && !only.iter().any(|(n, a)| *n == name && (*a == argc || *a == u32::MAX)) {
                    continue;
                }
            let defined = self.known.funs.get(&imp.module).is_some_and(|fs| fs.contains(&(name, argc)))
                || native::lookup(imp.module, name, argc).is_some();
            if defined {
                return Some(imp.module);
            }
        }
        None
    }

    fn call_remote(&mut self, module: Atom, name: &str, args: &[Expr], tail: bool) -> CResult<()> {
        for x in args {
            self.expr(x, false)?;
        }
        let tail = self.tail_ok(tail);
        self.emit(Op::CallRemote { module, name: Atom::intern(name), argc: args.len() as u32, tail });
        Ok(())
    }

    /// `Mod.fun(args)`, `var.fun(args)`, `map.field`, `fun.(args)`.
    fn dot_call(&mut self, callee: &Expr, args: &[Expr], meta: Meta, tail: bool) -> CResult<()> {
        let Some((".", Some(dot))) = callee.as_named() else { return err(meta, "invalid call") };
        match dot {
            [fun] => {
                self.expr(fun, false)?;
                for x in args {
                    self.expr(x, false)?;
                }
                let tail = self.tail_ok(tail);
                self.emit(Op::CallFun { argc: args.len() as u32, tail });
                Ok(())
            }
            [target, Expr::Atom(name)] => {
                let static_module = match target {
                    Expr::Atom(a) => Some(Atom::intern(a)),
                    _ => match target.as_named() {
                        Some(("__aliases__", Some(parts))) => Some(self.alias(parts, meta)?),
                        Some(("__MODULE__", None)) => self.env.module,
                        _ => None,
                    },
                };
                match static_module {
                    Some(m) => self.call_remote(m, name, args, tail),
                    None => {
                        self.expr(target, false)?;
                        for x in args {
                            self.expr(x, false)?;
                        }
                        let tail = self.tail_ok(tail);
                        let field = meta.no_parens && args.is_empty();
                        self.emit(Op::CallDynamic { name: Atom::intern(name), argc: args.len() as u32, tail, field });
                        Ok(())
                    }
                }
            }
            _ => err(meta, "invalid remote call"),
        }
    }
}

impl FnState {
    fn is_lambda(&self) -> bool {
        self.lambda
    }
}

/// `~D[2024-01-22]`, `~T[10:20:30.5]`, `~N[2024-01-22 10:20:30]` as their structs.
fn calendar_literal(letter: &str, text: &str) -> Option<Value> {
    let num = |s: &str| s.parse::<i64>().ok();
    let date = |s: &str| -> Option<Vec<(&'static str, Value)>> {
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (num(it.next()?)?, num(it.next()?)?, num(it.next()?)?);
        Some(vec![("year", Value::Int(y)), ("month", Value::Int(m)), ("day", Value::Int(d))])
    };
    let time = |s: &str| -> Option<Vec<(&'static str, Value)>> {
        let (hms, frac) = match s.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let mut it = hms.splitn(3, ':');
        let (h, m, sec) = (num(it.next()?)?, num(it.next()?)?, num(it.next()?)?);
        let micro = match frac {
            Some(f) if !f.is_empty() && f.len() <= 6 => {
                let us = num(&format!("{f:0<6}"))?;
                Value::pair(Value::Int(us), Value::Int(f.len() as i64))
            }
            Some(_) => return None,
            None => Value::pair(Value::Int(0), Value::Int(0)),
        };
        Some(vec![("hour", Value::Int(h)), ("minute", Value::Int(m)), ("second", Value::Int(sec)), ("microsecond", micro)])
    };
    let (module, fields) = match letter {
        "D" => ("Date", date(text)?),
        "T" => ("Time", time(text)?),
        _ => {
            let (d, t) = text.split_once([' ', 'T'])?;
            let mut f = date(d)?;
            f.extend(time(t)?);
            ("NaiveDateTime", f)
        }
    };
    let mut pairs = vec![
        (Value::Atom(Atom::STRUCT), Value::Atom(Atom::module(module))),
        (Value::atom("calendar"), Value::Atom(Atom::module("Calendar.ISO"))),
    ];
    pairs.extend(fields.into_iter().map(|(k, v)| (Value::atom(k), v)));
    Some(Value::map(pairs))
}

/// `[a, b | t]` in quoted form is `[a, {:|, _, [b, t]}]`: the heads and the tail.
fn split_improper(items: &[Expr]) -> (Vec<&Expr>, Option<&Expr>) {
    let mut heads: Vec<&Expr> = items.iter().collect();
    if let Some(last) = items.last()
        && let Some(("|", Some([h, t]))) = last.as_named() {
            heads.pop();
            heads.push(h);
            return (heads, Some(t));
        }
    (heads, None)
}

/// The `m | pairs` inside `%{m | pairs}`, if this is an update.
fn update_form(args: &[Expr]) -> Option<(&Expr, &Expr)> {
    let [Expr::Node(n)] = args else { return None };
    match (&n.head, n.args.as_deref()) {
        (Head::Atom(op), Some([map, pairs])) if &**op == "|" => Some((map, pairs)),
        _ => None,
    }
}

/// The pairs of a map literal's argument: `a: 1` keyword items and `k => v` pairs.
fn pairs_of(e: &Expr, meta: Meta) -> CResult<Vec<(Expr, Expr)>> {
    match e {
        Expr::Pair(p) => Ok(vec![(p.0.clone(), p.1.clone())]),
        Expr::List(items) => items.iter().map(|i| match i {
            Expr::Pair(p) => Ok((p.0.clone(), p.1.clone())),
            _ => err(meta, "expected key-value pairs in a map"),
        }).collect(),
        _ => err(meta, "expected key-value pairs in a map"),
    }
}

/// `l |> f(a)` → `f(l, a)`.
fn pipe_into(l: &Expr, r: &Expr, meta: Meta) -> CResult<Expr> {
    match r {
        Expr::Node(n) => {
            let mut n = (**n).clone();
            let mut args = n.args.take().unwrap_or_default();
            args.insert(0, l.clone());
            n.args = Some(args);
            n.meta.no_parens = false;
            Ok(Expr::Node(Box::new(n)))
        }
        _ => err(meta, "cannot pipe into a non-call"),
    }
}

/// Keyword `key:` of a `do`-block list, e.g. `do`, `else`.
fn keyword<'a>(opts: &'a Expr, key: &str) -> Option<&'a Expr> {
    match opts {
        Expr::List(items) => items.iter().find_map(|i| match i {
            Expr::Pair(p) if matches!(&p.0, Expr::Atom(a) if &**a == key) => Some(&p.1),
            _ => None,
        }),
        _ => None,
    }
}

/// `:module.name(args)` as a quoted remote call.
pub(crate) fn remote_call(module: &str, name: &str, args: Vec<Expr>, meta: Meta) -> Expr {
    let dot = Expr::call(".", meta, vec![Expr::Atom(module.into()), Expr::Atom(name.into())]);
    Expr::Node(Box::new(Node { head: Head::Expr(dot), meta, args: Some(args) }))
}

/// A short description of an expression for compile errors.
pub(crate) fn describe(e: &Expr) -> String {
    match e.as_named() {
        Some((name, Some(args))) => format!("{name}/{}", args.len()),
        Some((name, None)) => name.to_string(),
        None => match e {
            Expr::List(_) => "a list".into(),
            Expr::Pair(_) => "a tuple".into(),
            _ => "this expression".into(),
        },
    }
}
