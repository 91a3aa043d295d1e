//! `defmodule` and what its body may hold: `def`/`defp` (clauses, guards, defaults),
//! `defstruct`, `defexception`, module attributes, `alias`/`import`/`require`, `use`.
//!
//! A module's body is compiled when the script is compiled (attribute values must be constants
//! then); the module is *defined* when the script reaches the `defmodule` (an
//! [`Op::DefModule`]), which is when a later `defmodule` of the same name replaces it.

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::control::split_clause;
use super::{err, keyword, CResult, Compiler, Env, Import};
use crate::lang::ast::{Expr, Head, Meta, Node};
use crate::lang::atom::Atom;
use crate::lang::code::{FunDef, Module, NoMatch, Op};
use crate::lang::value::Value;

/// One `def name/arity` being collected: its clauses in order.
struct FunGroup {
    name: Atom,
    arity: u32,
    public: bool,
    clauses: Vec<Expr>,
    /// Attributes as they were at the first clause (what `@x` in its body reads).
    attributes: FxHashMap<Rc<str>, Value>,
}

fn remote(module: Expr, name: &str, args: Vec<Expr>, meta: Meta) -> Expr {
    let dot = Expr::call(".", meta, vec![module, Expr::Atom(name.into())]);
    Expr::Node(Box::new(Node { head: Head::Expr(dot), meta, args: Some(args) }))
}

fn block_items(body: &Expr) -> Vec<Expr> {
    match body.as_named() {
        Some(("__block__", Some(items))) => items.to_vec(),
        _ => vec![body.clone()],
    }
}

/// Definitions a `use Mod` injects (the hook point for GenServer, Supervisor, ExUnit.Case,
/// which the next issue fills in): for now a default `child_spec/1` for OTP behaviours.
fn use_hook(module: Atom, meta: Meta) -> Option<Vec<Expr>> {
    let name = module.module_name();
    match name.as_str() {
        "GenServer" | "Agent" | "Task" | "Supervisor" => {
            let m = Expr::var("__MODULE__", meta);
            let arg = Expr::var("arg", meta);
            let start = Expr::call("{}", meta, vec![m.clone(), Expr::Atom("start_link".into()), Expr::List(vec![arg.clone()])]);
            let spec = Expr::call(
                "%{}",
                meta,
                vec![Expr::List(vec![
                    Expr::Pair(Box::new((Expr::Atom("id".into()), m))),
                    Expr::Pair(Box::new((Expr::Atom("start".into()), start))),
                ])],
            );
            let head = Expr::call("child_spec", meta, vec![arg]);
            Some(vec![Expr::call("def", meta, vec![head, Expr::List(vec![Expr::Pair(Box::new((Expr::Atom("do".into()), spec)))])])])
        }
        "ExUnit.Case" => Some(vec![]),
        _ => None,
    }
}

impl Compiler<'_> {
    pub(crate) fn defmodule(&mut self, name: &Expr, opts: &Expr, meta: Meta) -> CResult<()> {
        let modules = self.compile_module(name, opts, meta)?;
        let full = modules.last().and_then(|m| m.name).unwrap_or(Atom::NIL);
        for m in modules {
            let f = self.f();
            f.modules.push(m);
            let i = (f.modules.len() - 1) as u32;
            self.emit(Op::DefModule(i));
            self.emit(Op::Pop);
        }
        // The value of `defmodule`: {:module, Name, binary, last}.
        self.emit(Op::Atom(Atom::intern("module")));
        self.emit(Op::Atom(full));
        self.push_value(Value::bytes(Vec::new()));
        self.emit(Op::Atom(Atom::NIL));
        self.emit(Op::Tuple(4));
        Ok(())
    }

    /// Compiles a module and the modules nested in it (those first).
    fn compile_module(&mut self, name: &Expr, opts: &Expr, meta: Meta) -> CResult<Vec<Rc<Module>>> {
        let (full, short) = match name.as_named() {
            Some(("__aliases__", Some(parts))) => {
                let expanded = self.alias(parts, meta)?;
                match self.env.module {
                    // `defmodule Sub` inside `Parent`: Parent.Sub, aliased as Sub in Parent.
                    Some(parent) if parts.len() == 1 && !self.env.aliases.contains_key(&*parts_first(parts)) => {
                        let full = Atom::module(&format!("{}.{}", parent.module_name(), expanded.module_name()));
                        (full, Some(parts_first(parts)))
                    }
                    _ => (expanded, None),
                }
            }
            _ => (self.module_of(name, meta)?, None),
        };
        if let Some(short) = short {
            self.env.aliases.insert(short, full);
        }
        let Some(body) = keyword(opts, "do") else { return err(meta, "missing :do option in \"defmodule\"") };
        let outer_env = std::mem::take(&mut self.env);
        self.env = Env { module: Some(full), aliases: outer_env.aliases.clone(), imports: outer_env.imports.clone(), ..Env::default() };
        let result = self.module_body(full, body, meta);
        self.env = outer_env;
        let (module, mut modules) = result?;
        let mut names: Vec<(Atom, u32)> = module.index.keys().copied().collect();
        names.sort_by_key(|(n, a)| (n.0, *a));
        self.known.funs.insert(full, names);
        modules.push(Rc::new(module));
        Ok(modules)
    }

    fn module_body(&mut self, name: Atom, body: &Expr, meta: Meta) -> CResult<(Module, Vec<Rc<Module>>)> {
        let mut groups: Vec<FunGroup> = Vec::new();
        let mut struct_fields: Option<Vec<(Atom, Value)>> = None;
        let mut is_exception = false;
        let mut inner_modules = Vec::new();
        let mut items = block_items(body);
        let mut i = 0;
        while i < items.len() {
            let item = items[i].clone();
            i += 1;
            let m = item.meta();
            match item.as_named() {
                Some((kind @ ("def" | "defp"), Some(args))) => self.collect_def(kind == "def", args, m, &mut groups)?,
                Some(("defmacro" | "defmacrop" | "defguard" | "defguardp", _)) => {
                    return err(m, "macros are not supported by this interpreter");
                }
                Some(("defstruct", Some([fields]))) => struct_fields = Some(self.struct_fields(fields, m)?),
                Some(("defexception", Some([fields]))) => {
                    let mut f = self.struct_fields(fields, m)?;
                    f.push((Atom::EXCEPTION, Value::TRUE));
                    struct_fields = Some(f);
                    is_exception = true;
                }
                Some(("@", Some([attr]))) => match attr.as_named() {
                    Some((name, Some([value]))) => {
                        if !matches!(name, "doc" | "moduledoc" | "impl" | "spec" | "typedoc" | "type" | "typep" | "opaque" | "callback" | "behaviour" | "derive") {
                            let v = self.const_fold(value, m)?;
                            self.env.attributes.insert(name.into(), v);
                        }
                    }
                    _ => return err(m, "invalid module attribute"),
                },
                Some(("alias" | "import" | "require", Some(args))) => {
                    let (directive, _) = item.as_named().unwrap();
                    self.directive(directive, args, m)?;
                }
                Some(("use", Some([target, ..]))) => {
                    let module = self.module_of(target, m)?;
                    match use_hook(module, m) {
                        Some(defs) => {
                            for (k, d) in defs.into_iter().enumerate() {
                                items.insert(i + k, d);
                            }
                        }
                        None => return err(m, format!("module {} is not loaded and could not be found", module.module_name())),
                    }
                }
                Some(("defmodule", Some([n, o]))) => {
                    // A nested module: compiled now, defined just before this one.
                    inner_modules.extend(self.compile_module(n, o, m)?);
                }
                Some(("__block__", Some(inner))) => {
                    for (k, d) in inner.iter().enumerate() {
                        items.insert(i + k, d.clone());
                    }
                }
                _ => return err(m, "this interpreter runs only definitions (def, defp, defstruct, @attributes, alias, import, use) in a module body"),
            }
        }
        if is_exception {
            let meta = Meta::default();
            if !groups.iter().any(|g| g.name == Atom::intern("exception") && g.arity == 1) {
                let attrs = Expr::var("attrs", meta);
                let body = remote(Expr::Atom("elixir_rt".into()), "exception_default", vec![Expr::var("__MODULE__", meta), attrs.clone()], meta);
                self.collect_def(true, &[Expr::call("exception", meta, vec![attrs]), do_block(body)], meta, &mut groups)?;
            }
            if !groups.iter().any(|g| g.name == Atom::MESSAGE && g.arity == 1) {
                let e = Expr::var("e", meta);
                let body = remote(Expr::Atom("elixir_rt".into()), "message_default", vec![e.clone()], meta);
                self.collect_def(true, &[Expr::call("message", meta, vec![e]), do_block(body)], meta, &mut groups)?;
            }
        }
        let _ = name;
        let index: FxHashMap<(Atom, u32), u32> = groups.iter().enumerate().map(|(i, g)| ((g.name, g.arity), i as u32)).collect();
        self.env.locals = index.clone();
        let mut funs = Vec::new();
        for g in &groups {
            self.env.attributes = g.attributes.clone();
            let code = self.function(g, meta)?;
            funs.push(FunDef { name: g.name, arity: g.arity, public: g.public, code });
        }
        let module = Module { name: Some(name), funs, index, struct_fields, is_exception, line: meta.line };
        Ok((module, inner_modules))
    }

    fn struct_fields(&mut self, fields: &Expr, meta: Meta) -> CResult<Vec<(Atom, Value)>> {
        let Expr::List(items) = fields else { return err(meta, "defstruct expects a list") };
        let mut out = Vec::new();
        for item in items {
            match item {
                Expr::Atom(a) => out.push((Atom::intern(a), Value::NIL_ATOM)),
                Expr::Pair(p) => {
                    let Expr::Atom(k) = &p.0 else { return err(meta, "defstruct keys must be atoms") };
                    let v = self.const_fold(&p.1, meta)?;
                    out.push((Atom::intern(k), v));
                }
                _ => return err(meta, "defstruct expects atoms or keyword pairs"),
            }
        }
        Ok(out)
    }

    /// Adds a `def` clause to its group (and the lower-arity functions its defaults create).
    fn collect_def(&mut self, public: bool, args: &[Expr], meta: Meta, groups: &mut Vec<FunGroup>) -> CResult<()> {
        let (head, opts) = match args {
            [head] => (head, None),
            [head, opts] => (head, Some(opts)),
            _ => return err(meta, "invalid def"),
        };
        let (call, guard) = match head.as_named() {
            Some(("when", Some([call, guard]))) => (call, Some(guard)),
            _ => (head, None),
        };
        let Some((name, params)) = call.as_named() else { return err(meta, "invalid function head") };
        let params: Vec<Expr> = params.map(|p| p.to_vec()).unwrap_or_default();
        let name_atom = Atom::intern(name);
        let arity = params.len() as u32;
        // Defaults: `b \\ 2`.
        let mut plain = Vec::new();
        let mut defaults: Vec<Option<Expr>> = Vec::new();
        for p in &params {
            match p.as_named() {
                Some(("\\\\", Some([pat, default]))) => {
                    plain.push(pat.clone());
                    defaults.push(Some(default.clone()));
                }
                _ => {
                    plain.push(p.clone());
                    defaults.push(None);
                }
            }
        }
        let n_defaults = defaults.iter().filter(|d| d.is_some()).count() as u32;
        if n_defaults > 0 {
            let required = arity - n_defaults;
            for k in required..arity {
                if groups.iter().any(|g| g.name == name_atom && g.arity == k) {
                    continue;
                }
                let vars: Vec<Expr> = (0..k).map(|i| Expr::var(&format!("&d{i}"), meta)).collect();
                let mut given = vars.iter();
                let mut optional_left = k - required;
                let mut call_args = Vec::new();
                for d in &defaults {
                    match d {
                        None => call_args.push(given.next().unwrap().clone()),
                        Some(_) if optional_left > 0 => {
                            optional_left -= 1;
                            call_args.push(given.next().unwrap().clone());
                        }
                        Some(default) => call_args.push(default.clone()),
                    }
                }
                let body = Expr::call(name, meta, call_args);
                groups.push(FunGroup {
                    name: name_atom,
                    arity: k,
                    public,
                    clauses: vec![Expr::call("->", meta, vec![Expr::List(vars), body])],
                    attributes: self.env.attributes.clone(),
                });
            }
        }
        let Some(opts) = opts else { return Ok(()) };
        let Some(body) = keyword(opts, "do") else { return err(meta, "missing :do in def") };
        let has_try = ["rescue", "catch", "after"].iter().any(|k| keyword(opts, k).is_some());
        let body = if has_try { Expr::call("try", meta, vec![opts.clone()]) } else { body.clone() };
        let head = match guard {
            Some(g) => {
                let mut parts = plain.clone();
                parts.push(g.clone());
                vec![Expr::call("when", meta, parts)]
            }
            None => plain,
        };
        let clause = Expr::call("->", meta, vec![Expr::List(head), body]);
        match groups.iter_mut().find(|g| g.name == name_atom && g.arity == arity) {
            Some(g) => g.clauses.push(clause),
            None => groups.push(FunGroup { name: name_atom, arity, public, clauses: vec![clause], attributes: self.env.attributes.clone() }),
        }
        Ok(())
    }

    fn function(&mut self, g: &FunGroup, meta: Meta) -> CResult<Rc<crate::lang::code::Code>> {
        let module = self.env.module.unwrap_or(Atom::NIL);
        self.begin_fn(module, g.name, g.arity);
        let slots: Vec<u32> = (0..g.arity).collect();
        let end = self.label();
        for c in &g.clauses {
            if split_clause(c).is_none() {
                self.fns.pop();
                return err(meta, "invalid clause");
            }
            if let Err(e) = self.clause(c, &slots, true, end, false) {
                self.fns.pop();
                return Err(e);
            }
        }
        self.emit(Op::Atom(Atom::NIL));
        self.emit(Op::NoMatch(NoMatch::FunctionClause));
        self.place(end, 1);
        Ok(self.end_fn())
    }

    /// `alias`, `import`, `require`.
    pub(crate) fn directive(&mut self, kind: &str, args: &[Expr], meta: Meta) -> CResult<()> {
        let Some(target) = args.first() else { return err(meta, format!("invalid {kind}")) };
        let opts = args.get(1);
        match kind {
            "alias" => {
                // alias Foo.{A, B}
                if let Expr::Node(n) = target
                    && let (Head::Expr(callee), Some(multi)) = (&n.head, &n.args)
                        && let Some((".", Some([base, Expr::Atom(brace)]))) = callee.as_named()
                            && &**brace == "{}" {
                                let base = self.module_of(base, meta)?;
                                for m in multi {
                                    let Some(("__aliases__", Some(parts))) = m.as_named() else { return err(meta, "invalid alias") };
                                    let names: Vec<String> = parts.iter().filter_map(|p| if let Expr::Atom(a) = p { Some(a.to_string()) } else { None }).collect();
                                    let full = Atom::module(&format!("{}.{}", base.module_name(), names.join(".")));
                                    self.env.aliases.insert(names.last().unwrap().as_str().into(), full);
                                }
                                return Ok(());
                            }
                let full = self.module_of(target, meta)?;
                let short: Rc<str> = match opts.and_then(|o| keyword(o, "as")) {
                    Some(as_) => match as_.as_named() {
                        Some(("__aliases__", Some(parts))) => match parts.first() {
                            Some(Expr::Atom(a)) => a.clone(),
                            _ => return err(meta, "invalid :as"),
                        },
                        _ => return err(meta, "invalid :as"),
                    },
                    None => full.module_name().rsplit('.').next().unwrap_or_default().into(),
                };
                self.env.aliases.insert(short, full);
                Ok(())
            }
            "import" => {
                let module = self.module_of(target, meta)?;
                let list = |key: &str, this: &mut Self| -> CResult<Option<Vec<(Atom, u32)>>> {
                    match opts.and_then(|o| keyword(o, key)) {
                        None => Ok(None),
                        Some(Expr::List(items)) => {
                            let mut out = Vec::new();
                            for i in items {
                                match i {
                                    Expr::Pair(p) => match (&p.0, &p.1) {
                                        (Expr::Atom(n), Expr::Int(a)) => out.push((Atom::intern(n), *a as u32)),
                                        _ => return err(meta, "invalid import option"),
                                    },
                                    _ => return err(meta, "invalid import option"),
                                }
                            }
                            Ok(Some(out))
                        }
                        Some(Expr::Atom(a)) if &**a == "functions" || &**a == "macros" => Ok(None),
                        Some(_) => {
                            let _ = this;
                            err(meta, "invalid import option")
                        }
                    }
                };
                let only = list("only", self)?;
                let except = list("except", self)?.unwrap_or_default();
                self.env.imports.push(Import { module, only, except });
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn parts_first(parts: &[Expr]) -> Rc<str> {
    match parts.first() {
        Some(Expr::Atom(a)) => a.clone(),
        _ => "".into(),
    }
}

fn do_block(body: Expr) -> Expr {
    Expr::List(vec![Expr::Pair(Box::new((Expr::Atom("do".into()), body)))])
}
