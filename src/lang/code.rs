//! The instruction set: what the compiler emits and the machine runs.
//!
//! A function (all clauses of a `def name/arity`, an `fn`, or a script's top level) is one
//! [`Code`]: a flat vector of [`Op`]s run by a stack machine. A frame's locals (arguments first,
//! then every variable binding, each in its own slot, so a rebinding inside a `case` clause never
//! changes the variable outside it) sit at the bottom of the frame's part of the value stack;
//! operands go above them.
//!
//! Patterns compile to test instructions that jump to a *fail* label on mismatch; the label's
//! first instruction is [`Op::Reset`], which drops whatever the partial match left on the
//! operand stack (the compiler knows the height statically). Guards run between
//! [`Op::GuardBegin`] and [`Op::GuardEnd`]: an exception there jumps to the fail label instead
//! of propagating ("a guard that raises is false").

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::atom::Atom;
use super::native::NativeFn;
use super::value::Value;

/// Index of an instruction in its [`Code`].
pub type Label = u32;

/// The errors the machine raises itself when a construct finds no match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoMatch {
    /// `=`: `MatchError` with the value on top of the stack.
    Match,
    /// `case`: `CaseClauseError`.
    Case,
    /// `cond`: `CondClauseError`.
    Cond,
    /// `with ... else`: `WithClauseError`.
    With,
    /// `try ... else`: `TryClauseError`.
    Try,
    /// No clause of this function matched its arguments (locals `0..arity`).
    FunctionClause,
}

/// The operators [`Op::BinOp`] runs inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
}

impl BinOp {
    pub fn from_name(name: &str) -> Option<BinOp> {
        Some(match name {
            "+" => BinOp::Add,
            "-" => BinOp::Sub,
            "*" => BinOp::Mul,
            "<" => BinOp::Lt,
            ">" => BinOp::Gt,
            "<=" => BinOp::Le,
            ">=" => BinOp::Ge,
            "==" => BinOp::Eq,
            "!=" => BinOp::Ne,
            "===" => BinOp::StrictEq,
            "!==" => BinOp::StrictNe,
            _ => return None,
        })
    }
}

/// One instruction.
#[derive(Clone, Debug)]
pub enum Op {
    /// Pushes `consts[i]`.
    Const(u32),
    Int(i64),
    Atom(Atom),
    /// Pushes `[]`.
    Nil,
    Load(u32),
    /// Pops into a local.
    Store(u32),
    Pop,
    Dup,
    /// Pops `n` values, pushes the tuple.
    Tuple(u32),
    /// Pops a tail then `n` elements, pushes `[e1, ..., en | tail]`.
    List(u32),
    /// Pops `n` key/value pairs, pushes the map (later keys win).
    Map(u32),
    /// `%{map | k => v}`: pops `n` pairs and the map; a missing key raises `KeyError`.
    MapUpdate(u32),
    /// `%Mod{k: v}`: pops `n` pairs; the module's defaults fill the rest; an unknown key raises
    /// `KeyError`.
    Struct { module: Atom, n: u32 },
    /// Pops `n` binaries (interpolation already converted its parts), pushes their
    /// concatenation.
    Concat(u32),
    /// String interpolation: pops a value, pushes its `to_string` (String.Chars).
    ToStr,
    /// `a OP b` for the arithmetic and comparison operators, with an integer fast path; other
    /// operands go to the Kernel native `f`.
    BinOp { op: BinOp, f: NativeFn },
    /// A function of this module: `Module.funs[fun]` with `argc` arguments from the stack.
    CallLocal { fun: u32, argc: u32, tail: bool },
    /// `Mod.fun(args)` looked up at call time (modules can be redefined), then natives.
    CallRemote { module: Atom, name: Atom, argc: u32, tail: bool },
    /// A remote call whose module is a value on the stack (below the arguments):
    /// `mod.fun(args)`, `map.field` (a field read when `mod` is a map and `argc == 0`).
    CallDynamic { name: Atom, argc: u32, tail: bool, field: bool },
    /// A Rust function resolved at compile time (Kernel's).
    CallNative { f: NativeFn, name: Atom, argc: u32 },
    /// `fun.(args)`: the function is below the arguments.
    CallFun { argc: u32, tail: bool },
    /// `apply(fun, args)` / `apply(mod, name, args)`: the arguments are a list on the stack.
    Apply { argc: u32, tail: bool },
    /// Creates a closure of `lambdas[i]`, capturing the locals it names.
    Closure(u32),
    /// `&Mod.fun/arity` (a module-qualified capture, looked up when called).
    Capture { module: Atom, name: Atom, arity: u32 },
    Ret,
    Jump(Label),
    /// Pops; jumps if `nil` or `false`.
    JumpIfFalsy(Label),
    /// Pops; jumps unless `nil` or `false`.
    JumpIfTruthy(Label),
    /// `and`/`or`: the left operand (top, not popped) must be a boolean, else
    /// `BadBooleanError`.
    CheckBool(Atom),
    /// Truncates the operand stack to `n` values above the locals (first op of a fail label).
    Reset(u32),
    /// Pops; fails unless it is exactly (`===`) `consts[i]`.
    MatchConst(u32, Label),
    /// Pops; fails unless it is exactly the local (pins, repeated variables).
    MatchLocal(u32, Label),
    /// Pops a tuple of size `n`, pushes its elements so that the first is on top.
    TestTuple(u32, Label),
    /// Pops a cons, pushes its tail then its head.
    TestCons(Label),
    TestNil(Label),
    /// The top is a map (stays on the stack).
    TestMap(Label),
    /// Pushes `top_map[consts[i]]`, fails if the key is missing.
    MapGet(u32, Label),
    /// Pops a key; pushes `top_map[key]`, fails if missing.
    MapGetDyn(Label),
    /// Pops a binary that starts with `consts[i]`, pushes the rest.
    TestPrefix(u32, Label),
    /// Pops a binary: fails if it is not one (`<<_::binary>>`, `rest` of `<>`).
    TestBinary(Label),
    /// Raises the construct's no-match error (the value is on top, except for `Cond` and
    /// `FunctionClause`).
    NoMatch(NoMatch),
    GuardBegin(Label),
    GuardEnd,
    /// Starts a `try`: an exception unwinds to this frame and jumps to the handler with
    /// `{kind, value}` pushed.
    TryBegin(Label),
    TryEnd,
    /// Pops `{kind, value}` and raises it again.
    Reraise,
    /// Pops a value and raises it: `kind` is `:error`, `:throw` or `:exit`.
    Raise(super::exception::Kind),
    /// Receive: pushes the message under the cursor, or jumps to `wait` if none is left.
    RecvNext(Label),
    /// The message under the cursor matched: removes it and rewinds the cursor.
    RecvAccept,
    /// The message under the cursor matched no clause: advances the cursor, jumps back.
    RecvSkip(Label),
    /// No message matched: suspends until a message arrives (then resumes at `retry`) or the
    /// timeout on top of the stack (`:infinity`, or milliseconds; popped) passes (then jumps
    /// to `after`). Without an `after` the compiler pushes `:infinity`.
    RecvWait { retry: Label, after: Label },
    /// A `for` loop step: if local `iter` is a cons, stores its tail there and pushes its head;
    /// else jumps to `done`. Counts a reduction.
    Next { iter: u32, done: Label },
    /// Pops an enumerable, pushes it as a list (ranges, maps, lists) for `for`.
    ToList,
    /// Defines (or redefines) the module `modules[i]` of the script.
    DefModule(u32),
}

/// Compiled code of one function or script.
#[derive(Debug)]
pub struct Code {
    pub ops: Vec<Op>,
    pub consts: Vec<Value>,
    pub lambdas: Vec<Rc<Lambda>>,
    pub modules: Vec<Rc<Module>>,
    /// Local slots (arguments included).
    pub nlocals: u32,
    /// For error messages: the module, function name and arity this code is (`{:fn, n}` for a
    /// lambda).
    pub module: Atom,
    pub name: Atom,
    pub arity: u32,
}

/// An `fn`: its code and where its captured variables go.
#[derive(Debug)]
pub struct Lambda {
    pub code: Rc<Code>,
    pub arity: usize,
    /// `(slot in the creating frame, slot in the lambda's frame)` per captured variable.
    pub captures: Vec<(u32, u32)>,
}

/// A function of a module.
#[derive(Debug)]
pub struct FunDef {
    pub name: Atom,
    pub arity: u32,
    pub public: bool,
    pub code: Rc<Code>,
}

/// A compiled module. Immutable once defined; redefining creates a new one.
#[derive(Debug, Default)]
pub struct Module {
    pub name: Option<Atom>,
    /// Functions refer to each other by index into this.
    pub funs: Vec<FunDef>,
    pub index: FxHashMap<(Atom, u32), u32>,
    /// `defstruct`: the fields in definition order with their defaults.
    pub struct_fields: Option<Vec<(Atom, Value)>>,
    pub is_exception: bool,
    /// Where its `defmodule` is (the `redefining module` warning names it).
    pub line: u32,
}

impl Module {
    pub fn lookup(&self, name: Atom, arity: u32) -> Option<u32> {
        self.index.get(&(name, arity)).copied()
    }
}

/// The modules defined so far in a run (later shared by every process of the run).
#[derive(Default)]
pub struct ModuleTable {
    pub modules: FxHashMap<Atom, Rc<Module>>,
}

impl ModuleTable {
    pub fn get(&self, name: Atom) -> Option<&Rc<Module>> {
        self.modules.get(&name)
    }

    /// `function_exported?/3` for modules of the table.
    pub fn exported(&self, module: Atom, name: Atom, arity: u32) -> bool {
        self.get(module).is_some_and(|m| {
            m.lookup(name, arity).is_some_and(|i| m.funs[i as usize].public)
        })
    }
}
