//! Elixir exceptions raised by the machine and by natives, and their messages.
//!
//! An error is a [`Raise`]: a kind (`:error`, `:throw`, `:exit`) and a value. For `:error` the
//! value is normally an exception struct (`%KeyError{key: :a, term: %{}, message: nil,
//! __exception__: true}`); a native builds one with [`Raise::exception`] or a helper such as
//! [`Raise::argument_error`]. The message Elixir prints is computed from the struct by
//! [`builtin_message`] for the exceptions Elixir defines, and by the module's own `message/1`
//! for a `defexception` (the machine calls it).

use super::atom::Atom;
use super::convert::inspect;
use super::value::Value;

/// `:error`, `:throw` or `:exit`, as in `catch kind, value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Error,
    Throw,
    Exit,
}

impl Kind {
    pub fn atom(self) -> Atom {
        match self {
            Kind::Error => Atom::ERROR,
            Kind::Throw => Atom::THROW,
            Kind::Exit => Atom::EXIT,
        }
    }
}

/// An exception in flight.
#[derive(Clone, Debug)]
pub struct Raise {
    pub kind: Kind,
    pub value: Value,
}

impl Raise {
    /// `:erlang.error(value)`.
    pub fn error(value: Value) -> Raise {
        Raise { kind: Kind::Error, value }
    }

    /// An exception struct of the module `Elixir.<module>` with `fields` (others `nil`, or the
    /// built-in defaults), raised as an error. `Raise::exception("KeyError", &[("key", k),
    /// ("term", map)])`.
    pub fn exception(module: &str, fields: &[(&str, Value)]) -> Raise {
        Raise::error(exception_struct(Atom::module(module), fields))
    }

    /// `** (ArgumentError) <message>`.
    pub fn argument_error(message: &str) -> Raise {
        Raise::exception("ArgumentError", &[("message", Value::string(message))])
    }

    /// The BIF form of `ArgumentError`, as `hd([])` raises it: `errors were found at the
    /// given arguments:\n\n  * 1st argument: not a nonempty list\n`.
    pub fn bad_argument(position: usize, why: &str) -> Raise {
        let nth = match position {
            1 => "1st".to_string(),
            2 => "2nd".to_string(),
            3 => "3rd".to_string(),
            n => format!("{n}th"),
        };
        Raise::argument_error(&format!(
            "errors were found at the given arguments:\n\n  * {nth} argument: {why}\n"
        ))
    }

    /// `** (ArithmeticError) bad argument in arithmetic expression`.
    pub fn arithmetic() -> Raise {
        Raise::exception("ArithmeticError", &[("message", Value::string("bad argument in arithmetic expression"))])
    }

    pub fn runtime_error(message: &str) -> Raise {
        Raise::exception("RuntimeError", &[("message", Value::string(message))])
    }

    /// `** (KeyError) key :a not found in: %{}`.
    pub fn key_error(key: Value, term: Value) -> Raise {
        Raise::exception("KeyError", &[("key", key), ("term", term)])
    }

    pub fn bad_map(term: Value) -> Raise {
        Raise::exception("BadMapError", &[("term", term)])
    }

    pub fn match_error(term: Value) -> Raise {
        Raise::exception("MatchError", &[("term", term)])
    }

    pub fn undefined_function(module: Atom, name: Atom, arity: usize, reason: Option<&str>) -> Raise {
        let mut fields = vec![
            ("module", Value::Atom(module)),
            ("function", Value::Atom(name)),
            ("arity", Value::Int(arity as i64)),
        ];
        if let Some(r) = reason {
            fields.push(("reason", Value::atom(r)));
        }
        Raise::exception("UndefinedFunctionError", &fields)
    }

    pub fn throw(value: Value) -> Raise {
        Raise { kind: Kind::Throw, value }
    }

    pub fn exit(value: Value) -> Raise {
        Raise { kind: Kind::Exit, value }
    }
}

/// The default field values of Elixir's own exceptions (besides `message: nil`).
fn builtin_fields(module: &str) -> &'static [&'static str] {
    match module {
        "KeyError" => &["key", "term", "message"],
        "MatchError" | "CaseClauseError" | "WithClauseError" | "TryClauseError" | "BadMapError"
        | "BadBooleanError" | "BadStructError" => &["term"],
        "BadFunctionError" => &["term"],
        "BadArityError" => &["function", "args"],
        "FunctionClauseError" => &["module", "function", "arity", "kind", "args", "clauses"],
        "UndefinedFunctionError" => &["module", "function", "arity", "reason", "message"],
        "ErlangError" => &["original", "reason"],
        "CondClauseError" => &[],
        _ => &["message"],
    }
}

/// Builds `%Module{__exception__: true, ...fields}`; fields Elixir defines and not given are
/// `nil`. For `ArithmeticError` and friends the default message is filled in.
pub fn exception_struct(module: Atom, fields: &[(&str, Value)]) -> Value {
    let name = module.module_name();
    let mut pairs: Vec<(Value, Value)> = vec![
        (Value::Atom(Atom::STRUCT), Value::Atom(module)),
        (Value::Atom(Atom::EXCEPTION), Value::TRUE),
    ];
    for f in builtin_fields(&name) {
        pairs.push((Value::atom(f), Value::NIL_ATOM));
    }
    if let Some(default) = default_message(&name) {
        pairs.push((Value::Atom(Atom::MESSAGE), Value::string(default)));
    }
    for (k, v) in fields {
        pairs.push((Value::atom(k), v.clone()));
    }
    Value::map(pairs)
}

fn default_message(module: &str) -> Option<&'static str> {
    Some(match module {
        "ArithmeticError" => "bad argument in arithmetic expression",
        "ArgumentError" => "argument error",
        "RuntimeError" => "runtime error",
        "SystemLimitError" => "a system limit has been reached",
        _ => return None,
    })
}

fn field(e: &Value, name: &str) -> Value {
    e.as_map().and_then(|m| m.get(&Value::atom(name)).cloned()).unwrap_or(Value::NIL_ATOM)
}

/// The message of one of Elixir's own exceptions, as its `message/1` returns it; `None` for
/// an exception the module of which defines its own `message/1` (a `defexception`).
pub fn builtin_message(e: &Value) -> Option<String> {
    let module = e.struct_name()?.module_name();
    let term = || inspect(&field(e, "term"));
    Some(match module.as_str() {
        "KeyError" => {
            let message = field(e, "message");
            if let Some(text) = message.as_str() {
                return Some(text.to_string());
            }
            let key = inspect(&field(e, "key"));
            let t = field(e, "term");
            if t.is_atom(Atom::NIL) {
                format!("key {key} not found")
            } else {
                format!("key {key} not found in: {}", inspect(&t))
            }
        }
        "MatchError" => format!("no match of right hand side value: {}", term()),
        "CaseClauseError" => format!("no case clause matching: {}", term()),
        "WithClauseError" => format!("no with clause matching: {}", term()),
        "TryClauseError" => format!("no try clause matching: {}", term()),
        "CondClauseError" => "no cond clause evaluated to a truthy value".to_string(),
        "BadMapError" => format!("expected a map, got: {}", term()),
        "BadBooleanError" => {
            format!("expected a boolean on left-side of \"{}\", got: {}", field(e, "operator").as_str().unwrap_or("and"), term())
        }
        "BadStructError" => format!("expected a struct named {}, got: {}", inspect(&field(e, "struct")), term()),
        "BadFunctionError" => format!("expected a function, got: {}", term()),
        "BadArityError" => {
            let f = field(e, "function");
            let args = field(e, "args").list_to_vec().unwrap_or_default();
            let arity = match &f {
                Value::Fun(c) => c.arity(),
                _ => 0,
            };
            let n = args.len();
            let shown: Vec<String> = args.iter().map(inspect).collect();
            format!(
                "{} with arity {arity} called with {} ({})",
                inspect(&f),
                if n == 1 { "1 argument".to_string() } else if n == 0 { "no arguments".to_string() } else { format!("{n} arguments") },
                shown.join(", ")
            )
        }
        "FunctionClauseError" => {
            let m = field(e, "module").as_atom().map(|a| a.module_name()).unwrap_or_default();
            let f = field(e, "function").as_atom().map(|a| a.name().to_string()).unwrap_or_default();
            let arity = inspect(&field(e, "arity"));
            if f.starts_with("anonymous fn") {
                return Some(format!("no function clause matching in {f}"));
            }
            format!("no function clause matching in {m}.{f}/{arity}")
        }
        "UndefinedFunctionError" => {
            let m = field(e, "module").as_atom().unwrap_or(Atom::NIL);
            let f = field(e, "function").as_atom().map(|a| a.name().to_string()).unwrap_or_default();
            let arity = inspect(&field(e, "arity"));
            let reason = field(e, "reason");
            let fname = if f.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
                f
            } else {
                format!("{f:?}")
            };
            let what = format!("function {}.{fname}/{arity} is undefined", m.module_name());
            match reason.as_atom().map(|a| a.name()) {
                Some(r) if &*r == "module_not_available" => format!("{what} (module {} is not available)", m.module_name()),
                Some(r) if &*r == "function_not_exported" => format!("{what} or private"),
                _ => what,
            }
        }
        "ErlangError" => format!("Erlang error: {}", inspect(&field(e, "original"))),
        _ => {
            let message = field(e, "message");
            return message.as_str().map(str::to_string).filter(|_| is_builtin(&module));
        }
    })
}

/// Exceptions whose message is their `message` field and which Elixir defines.
fn is_builtin(module: &str) -> bool {
    matches!(
        module,
        "ArgumentError" | "ArithmeticError" | "RuntimeError" | "SystemLimitError" | "File.Error"
            | "Protocol.UndefinedError" | "UnicodeConversionError" | "Enum.EmptyError"
            | "Enum.OutOfBoundsError" | "CompileError" | "SyntaxError" | "TokenMissingError"
    )
}

/// What `** (...)` says for a non-exception error value, and the rescue-time normalisation
/// Elixir applies (`:badarg` → `ArgumentError`, anything else → `ErlangError`).
pub fn normalize_error(value: &Value) -> Value {
    if value.as_map().is_some_and(|m| m.get(&Value::Atom(Atom::EXCEPTION)).is_some_and(|v| v.is_atom(Atom::TRUE))) {
        return value.clone();
    }
    if value.is_atom(Atom::intern("badarg")) {
        return exception_struct(Atom::module("ArgumentError"), &[]);
    }
    if value.is_atom(Atom::intern("badarith")) {
        return exception_struct(Atom::module("ArithmeticError"), &[]);
    }
    if let Some([tag, term]) = value.as_tuple() {
        let module = match tag.as_atom().map(|a| a.name()) {
            Some(t) if &*t == "badkey" => return exception_struct(Atom::module("KeyError"), &[("key", term.clone())]),
            Some(t) if &*t == "case_clause" => "CaseClauseError",
            Some(t) if &*t == "badmap" => "BadMapError",
            Some(t) if &*t == "try_clause" => "TryClauseError",
            Some(t) if &*t == "with_clause" => "WithClauseError",
            Some(t) if &*t == "badmatch" => "MatchError",
            Some(t) if &*t == "bad_function" || &*t == "badfun" => "BadFunctionError",
            _ => "",
        };
        if !module.is_empty() {
            return exception_struct(Atom::module(module), &[("term", term.clone())]);
        }
    }
    exception_struct(Atom::module("ErlangError"), &[("original", value.clone())])
}
