//! The syntax tree: Elixir's own quoted form, as `Code.string_to_quoted/2` returns it.
//!
//! Choosing Elixir's AST rather than one of our own means the parser is checked against real
//! Elixir (`tests/lang_parse.rs` compares our tree, printed as Elixir prints quoted terms, with
//! `Code.string_to_quoted!/2`), and the compiler reads the forms a learner can look up with
//! `quote`: `defmodule`, `def`, `case`, `fn` are ordinary calls with keyword `do` blocks.
//!
//! | Elixir quoted form | [`Expr`] |
//! | --- | --- |
//! | `1`, `1.0`, `:ok`, `"text"` | [`Expr::Int`] / [`Expr::BigInt`], [`Expr::Float`], [`Expr::Atom`], [`Expr::Str`] |
//! | `[a, b]` (also keyword lists, `do:` blocks, charlists as lists of integers) | [`Expr::List`] |
//! | `{a, b}` (a 2-tuple is a literal in quoted form) | [`Expr::Pair`] |
//! | `{name, meta, nil}`: a variable | [`Expr::Node`] with `args: None` |
//! | `{name, meta, [args]}`: a local call, operator or special form | [`Expr::Node`], `Head::Atom` |
//! | `{{:., meta, [Mod, :fun]}, meta, [args]}`: remote or anonymous call | [`Expr::Node`], `Head::Expr` |
//!
//! Everything else is a `Node` too: `{:__aliases__, m, [:Todo, :Server]}`, `{:__block__, m, [..]}`,
//! `{:{}, m, [..]}` for tuples other than pairs, `{:%{}, m, [pairs]}`, `{:<<>>, m, parts}`
//! (strings with interpolation), `{:->, m, [[args], body]}`, `{:sigil_D, m, [{:<<>>, m, [..]}, mods]}`.

use std::rc::Rc;

/// A node of Elixir's quoted form.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// An integer that fits in an `i64`.
    Int(i64),
    /// An integer that does not.
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    /// An atom, without its colon: `ok`, `nil`, `Elixir.Date` (aliases stay `__aliases__`
    /// nodes until the compiler expands them).
    Atom(Rc<str>),
    /// A binary literal with no interpolation, escapes already applied.
    Str(Rc<str>),
    List(Vec<Expr>),
    /// `{left, right}`: the one tuple size that is a literal in quoted form.
    Pair(Box<(Expr, Expr)>),
    /// `{head, meta, args}`.
    Node(Box<Node>),
}

/// `{head, meta, args}`: a variable (`args == None`), a call, an operator or a special form.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub head: Head,
    pub meta: Meta,
    /// `None` for a variable (`{:x, meta, nil}`), else the arguments.
    pub args: Option<Vec<Expr>>,
}

/// What is called: a name (`:foo`, `:+`, `:case`, `:.`) or an expression (the `{:., m, [..]}`
/// of a remote call `Mod.fun(..)` or an anonymous call `fun.(..)`).
#[derive(Clone, Debug, PartialEq)]
pub enum Head {
    Atom(Rc<str>),
    Expr(Expr),
}

/// Where a node came from, and the few flags of Elixir's metadata the compiler needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// `no_parens: true`: `map.field` (a field or a zero-arity call, decided at run time)
    /// as opposed to `mod.fun()`.
    pub no_parens: bool,
}

impl Expr {
    /// A variable `{name, meta, nil}`.
    pub fn var(name: &str, meta: Meta) -> Expr {
        Expr::Node(Box::new(Node { head: Head::Atom(name.into()), meta, args: None }))
    }

    /// A local call or operator `{name, meta, args}`.
    pub fn call(name: &str, meta: Meta, args: Vec<Expr>) -> Expr {
        Expr::Node(Box::new(Node { head: Head::Atom(name.into()), meta, args: Some(args) }))
    }

    /// The node, if this is one.
    pub fn as_node(&self) -> Option<&Node> {
        match self {
            Expr::Node(node) => Some(node),
            _ => None,
        }
    }

    /// The name and arguments of `{name, _, args}` with an atom head (args `None` for a variable).
    pub fn as_named(&self) -> Option<(&str, Option<&[Expr]>)> {
        match self {
            Expr::Node(node) => match &node.head {
                Head::Atom(name) => Some((name, node.args.as_deref())),
                Head::Expr(_) => None,
            },
            _ => None,
        }
    }

    /// The position of this node, or the default (line 0) for a literal.
    pub fn meta(&self) -> Meta {
        match self {
            Expr::Node(node) => node.meta,
            _ => Meta::default(),
        }
    }
}
