//! The machine: runs compiled [`Code`] for one process.
//!
//! # Suspension
//! Every Elixir call pushes a [`Frame`] on a heap vector, never a Rust stack frame, and all of a
//! process's state (frames, the value stack, `try` handlers, the receive cursor) lives in the
//! [`Machine`]. So [`Machine::run`] can return in the middle of any function and be called
//! again later: it returns [`Step::Yield`] when its reduction budget is spent, and
//! [`Step::Wait`] at a `receive` with no matching message (after [`Machine::deliver`] or
//! [`Machine::timeout`], `run` goes on). The next issue polls this from a runtime process.
//!
//! # Reductions
//! Each call (local, remote, anonymous, native) and each loop step of a `for` costs one
//! reduction; the budget is checked there, so a `loop()` without `receive` yields again and
//! again and the process can be dropped between two `run`s.
//!
//! # Limits
//! Tail calls reuse the frame (`loop(state)` runs forever in constant memory). A non-tail
//! recursion grows the frame vector up to [`MAX_FRAMES`] frames, then raises
//! `SystemLimitError` (the BEAM would grow until memory runs out; a page cannot).

use std::collections::VecDeque;
use std::rc::Rc;

use super::atom::Atom;
use super::code::{BinOp, Code, Label, Module, ModuleTable, NoMatch, Op};
use super::convert::to_string;
use super::exception::{exception_struct, Kind, Raise};
use super::kernel;
use super::native::{self, Ctx, NativeFn};
use super::value::{Bin, Closure, FunRef, Value};

/// How deep a non-tail recursion may go before `SystemLimitError`.
pub const MAX_FRAMES: usize = 400_000;

/// What [`Machine::run`] stopped at.
#[derive(Debug)]
pub enum Step {
    /// The entry function returned this.
    Done(Value),
    /// The budget is spent; call `run` again to go on.
    Yield,
    /// Waiting in `receive` for a message; `timeout` in milliseconds (`None`: forever).
    Wait { timeout: Option<u64> },
    /// An uncaught exception ended the entry function.
    Raise(Raise),
}

struct Frame {
    code: Rc<Code>,
    module: Rc<Module>,
    pc: u32,
    base: u32,
}

struct Handler {
    frame: usize,
    sp: usize,
    target: Label,
}

/// One process's machine.
pub struct Machine {
    stack: Vec<Value>,
    frames: Vec<Frame>,
    handlers: Vec<Handler>,
    guard_fail: Option<(usize, Label)>,
    /// The modules defined so far (later shared by the processes of a run).
    pub modules: ModuleTable,
    /// Messages not yet received, oldest first.
    pub mailbox: VecDeque<Value>,
    cursor: usize,
    /// What the process printed and nobody has taken yet.
    pub stdout: Vec<u8>,
    /// What the process warned about (`redefining module`).
    pub stderr: Vec<u8>,
    pub self_pid: u64,
    next_ref: u64,
    next_closure: u32,
    /// The name scripts report in warnings.
    pub file: String,
    /// `1 + :a` of the last failed arithmetic operator, which an uncaught `ArithmeticError`
    /// shows after its message (as Elixir's blame does).
    pub blame: Option<String>,
    /// Messages sent to other processes, for the runtime to deliver (`send/2`).
    pub outbox: Vec<(Value, Value)>,
}

enum Target {
    Code(Rc<Code>, Rc<Module>, Option<Rc<Closure>>),
    Native(NativeFn),
}

impl Default for Machine {
    fn default() -> Self {
        Machine::new()
    }
}

impl Machine {
    pub fn new() -> Machine {
        Machine {
            stack: Vec::with_capacity(256),
            frames: Vec::new(),
            handlers: Vec::new(),
            guard_fail: None,
            modules: ModuleTable::default(),
            mailbox: VecDeque::new(),
            cursor: 0,
            stdout: Vec::new(),
            stderr: Vec::new(),
            self_pid: 0,
            next_ref: 0,
            next_closure: 0,
            file: "nofile".to_string(),
            blame: None,
            outbox: Vec::new(),
        }
    }

    /// Starts running `code` (a script's top level, arity 0) in `module`'s context.
    pub fn start(&mut self, code: Rc<Code>, module: Rc<Module>) {
        self.reset();
        let base = self.stack.len() as u32;
        self.stack.resize(base as usize + code.nlocals as usize, Value::Nil);
        self.frames.push(Frame { code, module, pc: 0, base });
    }

    /// Starts a call of `module.name(args)` (public functions, natives): how the host runs
    /// `Exception.message/1` or a process's entry function.
    pub fn start_call(&mut self, module: Atom, name: Atom, args: Vec<Value>) -> Result<(), Raise> {
        self.reset();
        let argc = args.len() as u32;
        let target = self.resolve_remote(module, name, argc)?;
        match target {
            Target::Code(code, m, _) => {
                self.stack.extend(args);
                self.stack.resize(code.nlocals as usize, Value::Nil);
                self.frames.push(Frame { code, module: m, pc: 0, base: 0 });
                Ok(())
            }
            Target::Native(f) => {
                // A native entry: run it now and leave a tiny frame that returns its result.
                let v = f(&mut self.ctx(), &args)?;
                let code = Rc::new(Code {
                    ops: vec![Op::Const(0), Op::Ret],
                    consts: vec![v],
                    lambdas: vec![],
                    modules: vec![],
                    nlocals: 0,
                    module,
                    name,
                    arity: 0,
                });
                self.frames.push(Frame { code, module: Rc::new(Module::default()), pc: 0, base: 0 });
                Ok(())
            }
        }
    }

    fn reset(&mut self) {
        self.stack.clear();
        self.frames.clear();
        self.handlers.clear();
        self.guard_fail = None;
    }

    /// Puts a message in the mailbox (a waiting `receive` looks at it on the next `run`).
    pub fn deliver(&mut self, message: Value) {
        self.mailbox.push_back(message);
    }

    /// The `after` of the waiting `receive` fired: the next `run` takes that branch.
    pub fn timeout(&mut self) {
        if let Some(frame) = self.frames.last_mut()
            && let Some(Op::RecvWait { after, .. }) = frame.code.ops.get(frame.pc as usize) {
                frame.pc = *after;
                self.cursor = 0;
            }
    }

    fn ctx(&mut self) -> Ctx<'_> {
        Ctx { stdout: &mut self.stdout, modules: &self.modules, self_pid: self.self_pid, next_ref: &mut self.next_ref, sent: &mut self.outbox }
    }

    fn resolve_remote(&self, module: Atom, name: Atom, argc: u32) -> Result<Target, Raise> {
        if let Some(m) = self.modules.get(module)
            && let Some(i) = m.lookup(name, argc) {
                let f = &m.funs[i as usize];
                if f.public {
                    return Ok(Target::Code(f.code.clone(), m.clone(), None));
                }
            }
        if let Some(f) = native::lookup(module, name, argc) {
            return Ok(Target::Native(f));
        }
        let known = self.modules.get(module).is_some() || native::module_has_natives(module);
        Err(Raise::undefined_function(
            module,
            name,
            argc as usize,
            Some(if known { "function_not_exported" } else { "module_not_available" }),
        ))
    }

    /// Runs until the entry function returns, `budget` reductions are spent, a `receive`
    /// waits, or an exception escapes.
    pub fn run(&mut self, budget: u32) -> Step {
        let mut reds = budget;
        let Some(top) = self.frames.last() else {
            return Step::Done(Value::NIL_ATOM);
        };
        let mut code = top.code.clone();
        let mut pc = top.pc as usize;
        let mut base = top.base as usize;

        macro_rules! save {
            () => {
                self.frames.last_mut().unwrap().pc = pc as u32;
            };
        }
        macro_rules! reload {
            () => {{
                let f = self.frames.last().unwrap();
                code = f.code.clone();
                pc = f.pc as usize;
                base = f.base as usize;
            }};
        }
        macro_rules! top {
            () => {
                self.stack.last().unwrap()
            };
        }
        macro_rules! pop {
            () => {
                self.stack.pop().unwrap()
            };
        }
        macro_rules! operands {
            ($n:expr) => {
                base + code.nlocals as usize + $n as usize
            };
        }
        // Raising: a guard turns it into a failed match, a `try` catches it, else it ends
        // the run.
        macro_rules! throw {
            ($raise:expr) => {{
                let raise: Raise = $raise;
                if let Some((depth, fail)) = self.guard_fail.take() {
                    if depth == self.frames.len() {
                        pc = fail as usize;
                        continue;
                    }
                }
                match self.handlers.pop() {
                    Some(h) => {
                        self.frames.truncate(h.frame + 1);
                        self.stack.truncate(h.sp);
                        self.stack.push(Value::pair(Value::Atom(raise.kind.atom()), raise.value));
                        let f = self.frames.last_mut().unwrap();
                        f.pc = h.target;
                        reload!();
                        continue;
                    }
                    None => {
                        self.frames.clear();
                        self.stack.clear();
                        return Step::Raise(raise);
                    }
                }
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(r) => throw!(r),
                }
            };
        }
        macro_rules! spend {
            () => {
                if reds == 0 {
                    pc -= 1;
                    save!();
                    return Step::Yield;
                }
                reds -= 1;
            };
        }

        loop {
            let op = &code.ops[pc];
            pc += 1;
            match op {
                Op::Const(i) => self.stack.push(code.consts[*i as usize].clone()),
                Op::Int(i) => self.stack.push(Value::Int(*i)),
                Op::Atom(a) => self.stack.push(Value::Atom(*a)),
                Op::Nil => self.stack.push(Value::Nil),
                Op::Load(s) => {
                    let v = self.stack[base + *s as usize].clone();
                    self.stack.push(v);
                }
                Op::Store(s) => {
                    let v = pop!();
                    self.stack[base + *s as usize] = v;
                }
                Op::Pop => {
                    self.stack.pop();
                }
                Op::Dup => {
                    let v = top!().clone();
                    self.stack.push(v);
                }
                Op::Tuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - *n as usize);
                    self.stack.push(Value::tuple(items));
                }
                Op::List(n) => {
                    let tail = pop!();
                    let items = self.stack.split_off(self.stack.len() - *n as usize);
                    self.stack.push(Value::list_with_tail(items, tail));
                }
                Op::Map(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * *n as usize);
                    let mut it = items.into_iter();
                    let mut map = std::collections::BTreeMap::new();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        map.insert(k, v);
                    }
                    self.stack.push(Value::Map(Rc::new(super::value::MapBox(map))));
                }
                Op::MapUpdate(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * *n as usize);
                    let map = pop!();
                    let Value::Map(mut m) = map else { throw!(Raise::bad_map(map)) };
                    if let Some(k) = items.iter().step_by(2).find(|k| !m.0.contains_key(k)) {
                        throw!(Raise::key_error(k.clone(), Value::Map(m)));
                    }
                    let mut it = items.into_iter();
                    let inner = Rc::make_mut(&mut m);
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        inner.0.insert(k, v);
                    }
                    self.stack.push(Value::Map(m));
                }
                Op::Struct { module, n } => {
                    let items = self.stack.split_off(self.stack.len() - 2 * *n as usize);
                    let v = tri!(self.build_struct(*module, items));
                    self.stack.push(v);
                }
                Op::Concat(n) => {
                    let parts = self.stack.split_off(self.stack.len() - *n as usize);
                    let joined = (|| {
                        let mut it = parts.into_iter();
                        let mut acc = it.next().unwrap_or_else(|| Value::bytes(Vec::new()));
                        for p in it {
                            acc = kernel::concat_owned(acc, &p)?;
                        }
                        Ok(acc)
                    })();
                    self.stack.push(tri!(joined));
                }
                Op::ToStr => {
                    let v = pop!();
                    if matches!(v, Value::Binary(_)) {
                        self.stack.push(v);
                    } else {
                        let s = tri!(to_string(&v));
                        self.stack.push(Value::bytes(s));
                    }
                }
                Op::BinOp { op, f } => {
                    let n = self.stack.len();
                    let fast = match (&self.stack[n - 2], &self.stack[n - 1]) {
                        (Value::Int(a), Value::Int(b)) => {
                            let (a, b) = (*a, *b);
                            match op {
                                BinOp::Add => a.checked_add(b).map(Value::Int),
                                BinOp::Sub => a.checked_sub(b).map(Value::Int),
                                BinOp::Mul => a.checked_mul(b).map(Value::Int),
                                BinOp::Lt => Some(Value::boolean(a < b)),
                                BinOp::Gt => Some(Value::boolean(a > b)),
                                BinOp::Le => Some(Value::boolean(a <= b)),
                                BinOp::Ge => Some(Value::boolean(a >= b)),
                                BinOp::Eq | BinOp::StrictEq => Some(Value::boolean(a == b)),
                                BinOp::Ne | BinOp::StrictNe => Some(Value::boolean(a != b)),
                            }
                        }
                        _ => None,
                    };
                    let result = match fast {
                        Some(v) => Ok(v),
                        None => {
                            let mut ctx = Ctx {
                                stdout: &mut self.stdout,
                                modules: &self.modules,
                                self_pid: self.self_pid,
                                next_ref: &mut self.next_ref,
                                sent: &mut self.outbox,
                            };
                            let r = f(&mut ctx, &self.stack[n - 2..]);
                            if r.is_err() && self.guard_fail.is_none() {
                                let name = match op {
                                    BinOp::Add => "+",
                                    BinOp::Sub => "-",
                                    BinOp::Mul => "*",
                                    _ => "",
                                };
                                self.blame = blame(Atom::intern(name), &self.stack[n - 2..]);
                            }
                            r
                        }
                    };
                    self.stack.truncate(n - 2);
                    self.stack.push(tri!(result));
                }
                Op::CallNative { f, argc, name } => {
                    let at = self.stack.len() - *argc as usize;
                    let result = {
                        let mut ctx = Ctx {
                            stdout: &mut self.stdout,
                            modules: &self.modules,
                            self_pid: self.self_pid,
                            next_ref: &mut self.next_ref,
                            sent: &mut self.outbox,
                        };
                        f(&mut ctx, &self.stack[at..])
                    };
                    if !self.outbox.is_empty() {
                        self.deliver_own();
                    }
                    if result.is_err() && self.guard_fail.is_none() {
                        self.blame = blame(*name, &self.stack[at..]);
                    }
                    self.stack.truncate(at);
                    self.stack.push(tri!(result));
                }
                Op::CallLocal { fun, argc, tail } => {
                    spend!();
                    let module = self.frames.last().unwrap().module.clone();
                    let target = module.funs[*fun as usize].code.clone();
                    save!();
                    tri!(self.enter(Target::Code(target, module, None), *argc as usize, *tail, base));
                    reload!();
                }
                Op::CallRemote { module, name, argc, tail } => {
                    spend!();
                    let target = tri!(self.resolve_remote(*module, *name, *argc));
                    save!();
                    tri!(self.enter(target, *argc as usize, *tail, base));
                    reload!();
                }
                Op::CallDynamic { name, argc, tail, field } => {
                    spend!();
                    let at = self.stack.len() - *argc as usize - 1;
                    let receiver = self.stack.remove(at);
                    match &receiver {
                        Value::Atom(m) => {
                            let target = tri!(self.resolve_remote(*m, *name, *argc));
                            save!();
                            tri!(self.enter(target, *argc as usize, *tail, base));
                            reload!();
                        }
                        Value::Map(m) if *field => match m.0.get(&Value::Atom(*name)) {
                            Some(v) => self.stack.push(v.clone()),
                            None => throw!(Raise::key_error(Value::Atom(*name), receiver.clone())),
                        },
                        _ if *field => throw!(Raise::bad_map(receiver)),
                        _ => throw!(Raise::error(exception_struct(
                            Atom::module("ArgumentError"),
                            &[("message", Value::string(&format!(
                                "you attempted to apply a function named {} on {}. If you are using Kernel.apply/3, make sure the module is an atom. If you are using the dot syntax, such as map.field or module.function(), make sure the left side of the dot is an atom or a map",
                                super::convert::inspect(&Value::Atom(*name)),
                                super::convert::inspect(&receiver)
                            )))]
                        ))),
                    }
                }
                Op::CallFun { argc, tail } => {
                    spend!();
                    let at = self.stack.len() - *argc as usize - 1;
                    let fun = self.stack.remove(at);
                    let target = tri!(self.resolve_fun(&fun, *argc as usize, at));
                    save!();
                    tri!(self.enter(target, *argc as usize, *tail, base));
                    reload!();
                }
                Op::Apply { argc, tail } => {
                    spend!();
                    let list = pop!();
                    let Some(args) = list.list_to_vec() else {
                        throw!(Raise::bad_argument(*argc as usize, "not a list"))
                    };
                    let n = args.len();
                    let target = if *argc == 2 {
                        let fun = pop!();
                        let at = self.stack.len();
                        self.stack.extend(args);
                        tri!(self.resolve_fun(&fun, n, at))
                    } else {
                        let name = pop!();
                        let module = pop!();
                        self.stack.extend(args);
                        match (module.as_atom(), name.as_atom()) {
                            (Some(m), Some(f)) => tri!(self.resolve_remote(m, f, n as u32)),
                            _ => throw!(Raise::bad_argument(1, "not an atom")),
                        }
                    };
                    save!();
                    tri!(self.enter(target, n, *tail, base));
                    reload!();
                }
                Op::Closure(i) => {
                    let lambda = code.lambdas[*i as usize].clone();
                    let env = lambda.captures.iter().map(|(outer, _)| self.stack[base + *outer as usize].clone()).collect();
                    self.next_closure += 1;
                    let module = self.frames.last().unwrap().module.clone();
                    self.stack.push(Value::Fun(Rc::new(Closure {
                        fun: FunRef::Lambda(lambda, module),
                        env,
                        id: self.next_closure,
                    })));
                }
                Op::Capture { module, name, arity } => {
                    self.next_closure += 1;
                    self.stack.push(Value::Fun(Rc::new(Closure {
                        fun: FunRef::Capture { module: *module, name: *name, arity: *arity as usize },
                        env: Vec::new(),
                        id: self.next_closure,
                    })));
                }
                Op::Ret => {
                    let result = pop!();
                    self.stack.truncate(base);
                    self.frames.pop();
                    if self.frames.is_empty() {
                        return Step::Done(result);
                    }
                    reload!();
                    self.stack.push(result);
                }
                Op::Jump(l) => {
                    if (*l as usize) < pc {
                        spend!();
                    }
                    pc = *l as usize;
                }
                Op::JumpIfFalsy(l) => {
                    if !pop!().is_truthy() {
                        pc = *l as usize;
                    }
                }
                Op::JumpIfTruthy(l) => {
                    if pop!().is_truthy() {
                        pc = *l as usize;
                    }
                }
                Op::CheckBool(op) => {
                    if top!().as_bool().is_none() {
                        let term = pop!();
                        throw!(Raise::exception("BadBooleanError", &[("term", term), ("operator", Value::Atom(*op))]));
                    }
                }
                Op::Reset(n) => {
                    let keep = operands!(*n);
                    self.stack.truncate(keep);
                }
                Op::MatchConst(i, fail) => {
                    let v = pop!();
                    let same = match (&v, &code.consts[*i as usize]) {
                        (Value::Int(a), Value::Int(b)) => a == b,
                        (Value::Atom(a), Value::Atom(b)) => a == b,
                        (a, b) => a == b,
                    };
                    if !same {
                        pc = *fail as usize;
                    }
                }
                Op::MatchLocal(s, fail) => {
                    if pop!() != self.stack[base + *s as usize] {
                        pc = *fail as usize;
                    }
                }
                Op::TestTuple(n, fail) => match pop!() {
                    Value::Tuple(t) if t.0.len() == *n as usize => {
                        self.stack.extend(t.0.iter().rev().cloned());
                    }
                    _ => pc = *fail as usize,
                },
                Op::TestCons(fail) => match pop!() {
                    Value::Cons(c) => {
                        self.stack.push(c.tail.clone());
                        self.stack.push(c.head.clone());
                    }
                    _ => pc = *fail as usize,
                },
                Op::TestNil(fail) => {
                    if !matches!(pop!(), Value::Nil) {
                        pc = *fail as usize;
                    }
                }
                Op::TestMap(fail) => {
                    if !matches!(top!(), Value::Map(_)) {
                        pc = *fail as usize;
                    }
                }
                Op::MapGet(i, fail) => {
                    let found = match top!() {
                        Value::Map(m) => m.0.get(&code.consts[*i as usize]).cloned(),
                        _ => None,
                    };
                    match found {
                        Some(v) => self.stack.push(v),
                        None => pc = *fail as usize,
                    }
                }
                Op::MapGetDyn(fail) => {
                    let key = pop!();
                    let found = match top!() {
                        Value::Map(m) => m.0.get(&key).cloned(),
                        _ => None,
                    };
                    match found {
                        Some(v) => self.stack.push(v),
                        None => pc = *fail as usize,
                    }
                }
                Op::TestPrefix(i, fail) => {
                    let v = pop!();
                    let prefix = code.consts[*i as usize].as_bytes().unwrap_or(&[]);
                    match &v {
                        Value::Binary(b) if b.as_bytes().starts_with(prefix) => {
                            let len = b.as_bytes().len() - prefix.len();
                            self.stack.push(Value::sub_binary(b, prefix.len(), len));
                        }
                        _ => pc = *fail as usize,
                    }
                }
                Op::TestBinary(fail) => {
                    if !matches!(pop!(), Value::Binary(_)) {
                        pc = *fail as usize;
                    }
                }
                Op::NoMatch(kind) => {
                    let raise = match kind {
                        NoMatch::Match => Raise::match_error(pop!()),
                        NoMatch::Case => Raise::exception("CaseClauseError", &[("term", pop!())]),
                        NoMatch::With => Raise::exception("WithClauseError", &[("term", pop!())]),
                        NoMatch::Try => Raise::exception("TryClauseError", &[("term", pop!())]),
                        NoMatch::Cond => Raise::exception("CondClauseError", &[]),
                        NoMatch::FunctionClause => {
                            let args: Vec<Value> = self.stack[base..base + code.arity as usize].to_vec();
                            Raise::exception(
                                "FunctionClauseError",
                                &[
                                    ("module", Value::Atom(code.module)),
                                    ("function", Value::Atom(code.name)),
                                    ("arity", Value::Int(code.arity as i64)),
                                    ("args", Value::list(args)),
                                ],
                            )
                        }
                    };
                    throw!(raise);
                }
                Op::GuardBegin(fail) => self.guard_fail = Some((self.frames.len(), *fail)),
                Op::GuardEnd => self.guard_fail = None,
                Op::TryBegin(target) => {
                    self.handlers.push(Handler { frame: self.frames.len() - 1, sp: self.stack.len(), target: *target });
                }
                Op::TryEnd => {
                    self.handlers.pop();
                }
                Op::Reraise => {
                    let v = pop!();
                    let (kind, value) = match v.as_tuple() {
                        Some([k, v]) => (k.clone(), v.clone()),
                        _ => (Value::Atom(Atom::ERROR), v.clone()),
                    };
                    let kind = match kind.as_atom() {
                        Some(a) if a == Atom::THROW => Kind::Throw,
                        Some(a) if a == Atom::EXIT => Kind::Exit,
                        _ => Kind::Error,
                    };
                    throw!(Raise { kind, value });
                }
                Op::Raise(kind) => {
                    let value = pop!();
                    throw!(Raise { kind: *kind, value });
                }
                Op::RecvNext(wait) => match self.mailbox.get(self.cursor) {
                    Some(m) => {
                        let m = m.clone();
                        self.stack.push(m);
                    }
                    None => pc = *wait as usize,
                },
                Op::RecvAccept => {
                    self.mailbox.remove(self.cursor);
                    self.cursor = 0;
                }
                Op::RecvSkip(again) => {
                    self.cursor += 1;
                    pc = *again as usize;
                }
                Op::RecvWait { retry, after } => {
                    if self.cursor < self.mailbox.len() {
                        // A message arrived while waiting: examine it.
                        self.stack.pop();
                        pc = *retry as usize;
                        continue;
                    }
                    let timeout = match top!() {
                        Value::Int(ms) if *ms >= 0 => Some(*ms as u64),
                        v if v.is_atom(Atom::INFINITY) => None,
                        _ => {
                            let v = pop!();
                            throw!(Raise::argument_error(&format!("timeout value must be a non-negative integer or :infinity, got: {}", super::convert::inspect(&v))))
                        }
                    };
                    if timeout == Some(0) {
                        self.cursor = 0;
                        pc = *after as usize;
                        continue;
                    }
                    // Stay on this instruction: `timeout()` moves to `after` (whose code pops
                    // the timeout), a new message makes it jump back to `retry`.
                    pc -= 1;
                    save!();
                    return Step::Wait { timeout };
                }
                Op::Next { iter, done } => {
                    spend!();
                    let slot = base + *iter as usize;
                    match std::mem::replace(&mut self.stack[slot], Value::Nil) {
                        Value::Cons(c) => {
                            let (head, tail) = match Rc::try_unwrap(c) {
                                Ok(mut cell) => (
                                    std::mem::replace(&mut cell.head, Value::Nil),
                                    std::mem::replace(&mut cell.tail, Value::Nil),
                                ),
                                Err(c) => (c.head.clone(), c.tail.clone()),
                            };
                            self.stack[slot] = tail;
                            self.stack.push(head);
                        }
                        _ => pc = *done as usize,
                    }
                }
                Op::ToList => {
                    let v = pop!();
                    self.stack.push(tri!(kernel::to_list(&v)));
                }
                Op::DefModule(i) => {
                    let m = code.modules[*i as usize].clone();
                    let name = m.name.unwrap_or(Atom::NIL);
                    let line = m.line;
                    if let Some(fields) = &m.struct_fields {
                        let mut order = vec![Atom::STRUCT];
                        order.extend(fields.iter().map(|(k, _)| *k));
                        super::convert::register_struct_order(name, &order);
                    }
                    if self.modules.modules.insert(name, m).is_some() {
                        use std::io::Write;
                        let _ = write!(
                            self.stderr,
                            "warning: redefining module {} (current version defined in memory)\n  {}:{}\n\n",
                            name.module_name(),
                            self.file,
                            line
                        );
                    }
                    self.stack.push(Value::tuple(vec![
                        Value::atom("module"),
                        Value::Atom(name),
                        Value::bytes(Vec::new()),
                        Value::NIL_ATOM,
                    ]));
                }
            }
        }
    }

    /// A function value called with `argc` arguments (which start at `at` on the stack).
    fn resolve_fun(&self, fun: &Value, argc: usize, at: usize) -> Result<Target, Raise> {
        match fun {
            Value::Fun(c) if c.arity() == argc => match &c.fun {
                FunRef::Lambda(l, m) => Ok(Target::Code(l.code.clone(), m.clone(), Some(c.clone()))),
                FunRef::Capture { module, name, .. } => self.resolve_remote(*module, *name, argc as u32),
            },
            Value::Fun(_) => Err(Raise::exception(
                "BadArityError",
                &[("function", fun.clone()), ("args", Value::list(self.stack[at..at + argc].to_vec()))],
            )),
            _ => Err(Raise::exception("BadFunctionError", &[("term", fun.clone())])),
        }
    }

    /// Calls `target` with the top `argc` values as arguments: a new frame, or (tail) the
    /// current frame reused.
    fn enter(&mut self, target: Target, argc: usize, tail: bool, base: usize) -> Result<(), Raise> {
        match target {
            Target::Native(f) => {
                let at = self.stack.len() - argc;
                let result = {
                    let mut ctx = Ctx {
                        stdout: &mut self.stdout,
                        modules: &self.modules,
                        self_pid: self.self_pid,
                        next_ref: &mut self.next_ref,
                            sent: &mut self.outbox,
                    };
                    f(&mut ctx, &self.stack[at..])
                };
                self.stack.truncate(at);
                if !self.outbox.is_empty() {
                    self.deliver_own();
                }
                if tail {
                    // A tail call to a native returns from the current frame.
                    let v = result?;
                    self.stack.truncate(base);
                    self.frames.pop();
                    if self.frames.is_empty() {
                        // The entry frame tail-called a native: finish with a return frame.
                        let code = Rc::new(Code {
                            ops: vec![Op::Const(0), Op::Ret],
                            consts: vec![v],
                            lambdas: vec![],
                            modules: vec![],
                            nlocals: 0,
                            module: Atom::NIL,
                            name: Atom::NIL,
                            arity: 0,
                        });
                        self.frames.push(Frame { code, module: Rc::new(Module::default()), pc: 0, base: base as u32 });
                        return Ok(());
                    }
                    self.stack.push(v);
                } else {
                    self.stack.push(result?);
                }
                Ok(())
            }
            Target::Code(code, module, closure) => {
                let new_base = if tail {
                    let at = self.stack.len() - argc;
                    // Move the arguments down over the current frame's locals, in place.
                    self.stack[base..].rotate_left(at - base);
                    self.stack.truncate(base + argc);
                    self.frames.pop();
                    base
                } else {
                    if self.frames.len() >= MAX_FRAMES {
                        return Err(Raise::exception(
                            "SystemLimitError",
                            &[("message", Value::string(&format!(
                                "a system limit has been reached: more than {MAX_FRAMES} nested calls (a recursion that is not a tail call)"
                            )))],
                        ));
                    }
                    self.stack.len() - argc
                };
                self.stack.resize(new_base + code.nlocals as usize, Value::Nil);
                if let Some(c) = closure
                    && let FunRef::Lambda(l, _) = &c.fun {
                        for ((_, inner), v) in l.captures.iter().zip(&c.env) {
                            self.stack[new_base + *inner as usize] = v.clone();
                        }
                    }
                self.frames.push(Frame { code, module, pc: 0, base: new_base as u32 });
                Ok(())
            }
        }
    }

    /// Moves messages this process sent to itself into its mailbox.
    fn deliver_own(&mut self) {
        let me = self.self_pid;
        let mut i = 0;
        while i < self.outbox.len() {
            if matches!(self.outbox[i].0, Value::Pid(p) if p == me) {
                let (_, m) = self.outbox.remove(i);
                self.mailbox.push_back(m);
            } else {
                i += 1;
            }
        }
    }

    fn build_struct(&self, module: Atom, pairs: Vec<Value>) -> Result<Value, Raise> {
        let fields = self.struct_fields(module)?;
        let mut map: std::collections::BTreeMap<Value, Value> = fields.iter().map(|(k, v)| (Value::Atom(*k), v.clone())).collect();
        map.insert(Value::Atom(Atom::STRUCT), Value::Atom(module));
        let mut it = pairs.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            if !map.contains_key(&k) || k.is_atom(Atom::STRUCT) {
                return Err(Raise::key_error(k, Value::Map(Rc::new(super::value::MapBox(map)))));
            }
            map.insert(k, v);
        }
        Ok(Value::Map(Rc::new(super::value::MapBox(map))))
    }

    /// The fields and defaults of a struct module.
    pub fn struct_fields(&self, module: Atom) -> Result<Vec<(Atom, Value)>, Raise> {
        if let Some(fields) = self.modules.get(module).and_then(|m| m.struct_fields.clone()) {
            return Ok(fields);
        }
        if module == Atom::module("Range") {
            return Ok(["first", "last", "step"].iter().map(|k| (Atom::intern(k), Value::NIL_ATOM)).collect());
        }
        Err(Raise::undefined_function(module, Atom::intern("__struct__"), 1, Some("module_not_available")))
    }
}

/// `1 + :a` / `div(1, 0)`: how Elixir shows a failed arithmetic call.
fn blame(name: Atom, args: &[Value]) -> Option<String> {
    let n = name.name();
    let show = super::convert::inspect;
    match (&*n, args) {
        ("+" | "-" | "*" | "/", [a, b]) => Some(format!("{} {n} {}", show(a), show(b))),
        ("div" | "rem", [a, b]) => Some(format!("{n}({}, {})", show(a), show(b))),
        _ => None,
    }
}

/// Used by natives that build binaries from parts.
pub fn binary_of(bytes: &[u8]) -> Value {
    Value::Binary(Rc::new(Bin::Owned(bytes.to_vec())))
}

#[cfg(test)]
mod tests;
