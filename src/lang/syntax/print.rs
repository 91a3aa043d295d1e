//! Expr → Elixir source, like `Macro.to_string/1`.
//!
//! The aim is source that [`super::parse`] reads back to the same tree (positions aside), so
//! the printer errs on the side of parentheses: calls always have them, an operand gets them
//! whenever the operator table says it binds looser than its parent. Blocks print as
//! `do … end` with one expression per line.

use std::fmt::Write;

use crate::lang::ast::{Expr, Head, Node};

/// Elixir source that parses back to `expr` (positions aside).
pub fn to_source(expr: &Expr) -> String {
    let mut p = Printer { out: String::new(), indent: 0 };
    p.top(expr);
    p.out
}

struct Printer {
    out: String,
    indent: usize,
}

/// Binary operators: (precedence, right-associative).
fn binary(op: &str) -> Option<(u32, bool)> {
    Some(match op {
        "<-" | "\\\\" => (40, false),
        "when" => (50, true),
        "::" => (60, true),
        "|" => (70, true),
        "=>" => (80, true),
        "=" => (100, true),
        "||" | "|||" | "or" => (120, false),
        "&&" | "&&&" | "and" => (130, false),
        "==" | "!=" | "=~" | "===" | "!==" => (140, false),
        "<" | ">" | "<=" | ">=" => (150, false),
        "|>" | "<<<" | ">>>" | "<<~" | "~>>" | "<~" | "~>" | "<~>" | "<|>" => (160, false),
        "in" => (170, false),
        "^^^" => (180, false),
        "++" | "--" | "+++" | "---" | "<>" | ".." => (200, true),
        "+" | "-" => (210, false),
        "*" | "/" => (220, false),
        "**" => (230, false),
        _ => return None,
    })
}

const UNARY_OPS: &[&str] = &["!", "^", "not", "-", "+", "~~~"];

/// Atoms that can follow `:` without quotes because they are operators.
const OPERATOR_ATOMS: &[&str] = &[
    "..//", "<<>>", "%{}", "<<<", "<<~", "<~>", "<|>", ">>>", "~>>", "===", "!==", "|||", "&&&", "+++",
    "---", "~~~", "^^^", "...", "\\\\", "==", "!=", "=~", "=>", "<~", "<=", "<>", "<-", ">=", "|>", "||",
    "&&", "~>", "++", "--", "->", "**", "//", "..", "::", "{}", "=", "<", ">", "|", "&", "+", "-", "*",
    "/", "^", "!", ".", "@", "%",
];

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    if !(first == '_' || first.is_ascii_lowercase() || (!first.is_ascii() && first.is_alphabetic() && !first.is_uppercase())) {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    let (body, last) = match rest.last() {
        Some('?' | '!') => (&rest[..rest.len() - 1], true),
        _ => (&rest[..], false),
    };
    let _ = last;
    body.iter().all(|c| *c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()))
        && !is_reserved(name)
}

fn is_reserved(name: &str) -> bool {
    matches!(
        name,
        "true" | "false" | "nil" | "fn" | "do" | "end" | "else" | "after" | "rescue" | "catch" | "and" | "or" | "in"
            | "when" | "not"
    )
}

fn is_alias_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A keyword key that needs no quotes: `name:`.
fn is_plain_key(name: &str) -> bool {
    is_identifier(name) || is_alias_name(name) || is_reserved(name)
}

fn atom_source(name: &str) -> String {
    if matches!(name, "true" | "false" | "nil") {
        return name.to_string();
    }
    if is_identifier(name) || is_alias_name(name) || is_reserved(name) || OPERATOR_ATOMS.contains(&name) {
        return format!(":{name}");
    }
    format!(":{}", quote(name, '"'))
}

/// `text` in double quotes with the escapes Elixir reads back.
fn quote(text: &str, delimiter: char) -> String {
    let mut out = String::new();
    out.push(delimiter);
    escape_into(text, delimiter, &mut out);
    out.push(delimiter);
    out
}

fn escape_into(text: &str, delimiter: char, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '#' if chars.peek() == Some(&'{') => out.push_str("\\#"),
            c if c == delimiter => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Elixir's float syntax: a digit on each side of the point, `e` for the exponent.
fn float_source(f: f64) -> String {
    let text = format!("{f:?}");
    match text.split_once('e') {
        Some((mantissa, exponent)) if !mantissa.contains('.') => format!("{mantissa}.0e{exponent}"),
        Some(_) => text,
        None if text.contains('.') => text,
        None => format!("{text}.0"),
    }
}

fn named(expr: &Expr) -> Option<(&str, Option<&[Expr]>)> {
    expr.as_named()
}

/// `{{:., _, [Kernel, :to_string]}, _, [e]}::binary`: an interpolation inside `<<>>`.
fn interpolation(part: &Expr) -> Option<&Expr> {
    let (name, Some([call, kind])) = named(part)? else { return None };
    if name != "::" || !matches!(named(kind), Some(("binary", None))) {
        return None;
    }
    let node = call.as_node()?;
    let Head::Expr(dot) = &node.head else { return None };
    let Some((".", Some([Expr::Atom(m), Expr::Atom(f)]))) = named(dot) else { return None };
    match (&**m, &**f, node.args.as_deref()) {
        ("Elixir.Kernel", "to_string", Some([e])) => Some(e),
        _ => None,
    }
}

/// The parts of `<<>>` if it is an interpolated string: text and interpolations alternate,
/// no two texts in a row (they would read back as one).
fn string_parts(parts: &[Expr]) -> Option<Vec<Result<&str, &Expr>>> {
    let mut out = Vec::new();
    let mut previous_text = false;
    for part in parts {
        match part {
            Expr::Str(s) if !previous_text && !s.is_empty() => {
                out.push(Ok(&**s));
                previous_text = true;
            }
            other => {
                out.push(Err(interpolation(other)?));
                previous_text = false;
            }
        }
    }
    out.iter().any(|p| p.is_err()).then_some(out)
}

impl Printer {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn top(&mut self, expr: &Expr) {
        match named(expr) {
            Some(("__block__", Some(exprs))) if exprs.len() > 1 => self.lines(exprs),
            _ => self.expr(expr),
        }
    }

    fn lines(&mut self, exprs: &[Expr]) {
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                self.newline();
            }
            self.expr(e);
        }
    }

    /// An operand of an operator at `parent` precedence: in parentheses if it binds looser.
    fn operand(&mut self, expr: &Expr, parent: u32, needs_strictly_tighter: bool) {
        let own = precedence(expr);
        let wrap = match own {
            Some(p) => p < parent || (needs_strictly_tighter && p == parent),
            None => false,
        };
        if wrap {
            self.out.push('(');
            self.expr(expr);
            self.out.push(')');
        } else {
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Int(n) => {
                let _ = write!(self.out, "{n}");
            }
            Expr::BigInt(n) => {
                let _ = write!(self.out, "{n}");
            }
            Expr::Float(f) => self.out.push_str(&float_source(*f)),
            Expr::Atom(a) => self.out.push_str(&atom_source(a)),
            Expr::Str(s) => self.out.push_str(&quote(s, '"')),
            Expr::List(items) => self.list(items),
            Expr::Pair(pair) => {
                self.out.push('{');
                self.expr(&pair.0);
                self.out.push_str(", ");
                self.expr(&pair.1);
                self.out.push('}');
            }
            Expr::Node(node) => self.node(node),
        }
    }

    fn list(&mut self, items: &[Expr]) {
        self.out.push('[');
        match keyword_split(items) {
            Some(0) => self.keywords(items),
            _ => self.comma_separated(items),
        }
        self.out.push(']');
    }

    fn comma_separated(&mut self, items: &[Expr]) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(item);
        }
    }

    /// `key: value, …` for pairs whose keys are atoms.
    fn keywords(&mut self, pairs: &[Expr]) {
        for (i, pair) in pairs.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            if let Expr::Pair(pair) = pair
                && let Expr::Atom(key) = &pair.0
            {
                if is_plain_key(key) {
                    self.out.push_str(key);
                } else {
                    self.out.push_str(&quote(key, '"'));
                }
                self.out.push_str(": ");
                self.expr(&pair.1);
            }
        }
    }

    /// Arguments in parentheses; a last keyword list as trailing `key: value`.
    fn args(&mut self, args: &[Expr]) {
        self.out.push('(');
        self.plain_args(args);
        self.out.push(')');
    }

    fn plain_args(&mut self, args: &[Expr]) {
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            match arg {
                Expr::List(items) if i == args.len() - 1 && keyword_split(items) == Some(0) => self.keywords(items),
                _ => self.expr(arg),
            }
        }
    }

    fn node(&mut self, node: &Node) {
        match &node.head {
            Head::Atom(name) => self.named_node(name, node.args.as_deref(), node),
            Head::Expr(head) => self.expr_head_call(head, node),
        }
    }

    fn expr_head_call(&mut self, head: &Expr, node: &Node) {
        let args = node.args.as_deref().unwrap_or(&[]);
        match named(head) {
            // `Access.get(a, k)` is `a[k]`.
            Some((".", Some([Expr::Atom(m), Expr::Atom(f)])))
                if &**m == "Elixir.Access" && &**f == "get" && args.len() == 2 =>
            {
                self.target(&args[0]);
                self.out.push('[');
                self.expr(&args[1]);
                self.out.push(']');
            }
            Some((".", Some([target, Expr::Atom(name)]))) => {
                self.target(target);
                self.out.push('.');
                if is_identifier(name) || is_reserved(name) || binary(name).is_some() || UNARY_OPS.contains(&&**name) {
                    self.out.push_str(name);
                } else {
                    self.out.push_str(&quote(name, '"'));
                }
                if !(node.meta.no_parens && args.is_empty()) {
                    self.call_args_and_block(args);
                }
            }
            Some((".", Some([fun]))) => {
                self.target(fun);
                self.out.push('.');
                self.args(args);
            }
            _ => {
                self.target(head);
                self.args(args);
            }
        }
    }

    /// The left of `.`, `[` or `(`: in parentheses unless it is a name, call or literal.
    fn target(&mut self, expr: &Expr) {
        match expr {
            Expr::Atom(a) if a.starts_with("Elixir.") => self.out.push_str(&quote_atom_always(a)),
            Expr::Int(_) | Expr::BigInt(_) | Expr::Float(_) => {
                self.out.push('(');
                self.expr(expr);
                self.out.push(')');
            }
            _ if precedence(expr).is_some() || is_block_call(expr) => {
                self.out.push('(');
                self.expr(expr);
                self.out.push(')');
            }
            _ => self.expr(expr),
        }
    }

    fn named_node(&mut self, name: &str, args: Option<&[Expr]>, node: &Node) {
        let Some(args) = args else {
            self.out.push_str(name);
            return;
        };
        match (name, args) {
            ("__aliases__", [first, rest @ ..]) => {
                match first {
                    Expr::Atom(a) => self.out.push_str(a),
                    other => self.target(other),
                }
                for part in rest {
                    if let Expr::Atom(a) = part {
                        self.out.push('.');
                        self.out.push_str(a);
                    }
                }
            }
            ("__block__", []) => self.out.push_str("()"),
            ("__block__", exprs) => {
                self.out.push('(');
                for (i, e) in exprs.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("; ");
                    }
                    self.expr(e);
                }
                self.out.push(')');
            }
            ("{}", items) => {
                self.out.push('{');
                self.comma_separated(items);
                self.out.push('}');
            }
            ("%{}", entries) => {
                self.out.push_str("%{");
                self.map_entries(entries);
                self.out.push('}');
            }
            ("%", [name, map]) => {
                self.out.push('%');
                self.expr(name);
                self.out.push('{');
                if let Some(("%{}", Some(entries))) = named(map) {
                    self.map_entries(entries);
                }
                self.out.push('}');
            }
            ("<<>>", parts) => match string_parts(parts) {
                Some(pieces) => {
                    self.out.push('"');
                    for piece in pieces {
                        match piece {
                            Ok(text) => escape_into(text, '"', &mut self.out),
                            Err(code) => {
                                self.out.push_str("#{");
                                self.expr(code);
                                self.out.push('}');
                            }
                        }
                    }
                    self.out.push('"');
                }
                None => {
                    // `<< <<a>> >>`, `<< ~s(a) >>`: without the spaces `<<<`, `<<~` and `>>>`
                    // are operators.
                    self.out.push_str("<<");
                    let start = self.out.len();
                    self.comma_separated(parts);
                    if self.out[start..].starts_with(['<', '~']) {
                        self.out.insert(start, ' ');
                    }
                    if self.out[start..].ends_with('>') {
                        self.out.push(' ');
                    }
                    self.out.push_str(">>");
                }
            },
            ("fn", clauses) => {
                self.out.push_str("fn");
                self.indent += 1;
                for clause in clauses {
                    self.newline();
                    self.clause(clause);
                }
                self.indent -= 1;
                self.newline();
                self.out.push_str("end");
            }
            ("&", [Expr::Int(n)]) => {
                let _ = write!(self.out, "&{n}");
            }
            ("&", [operand]) => {
                // `&(!x)` would capture a block; the space keeps `& &1` from reading as `&&`.
                self.out.push_str("& ");
                self.operand(operand, 91, false);
            }
            ("@", [operand]) if is_attribute(operand) => {
                self.out.push('@');
                self.expr(operand);
            }
            ("..", []) => self.out.push_str(".."),
            ("..//", [first, last, step]) => {
                self.operand(first, 200, true);
                self.out.push_str("..");
                self.operand(last, 200, false);
                self.out.push_str("//");
                self.operand(step, 190, false);
            }
            (op, [operand]) if UNARY_OPS.contains(&op) => {
                // `!(!x)` would read back as `!` of a block: a unary operand needs no parentheses.
                let nested_unary = precedence(operand) == Some(300);
                self.out.push_str(op);
                if op == "not" || nested_unary {
                    self.out.push(' ');
                }
                self.operand(operand, 300, false);
            }
            (op, [left, right]) if binary(op).is_some() => {
                let (prec, right_assoc) = binary(op).unwrap_or((0, false));
                self.operand(left, prec, right_assoc);
                self.out.push(' ');
                self.out.push_str(op);
                self.out.push(' ');
                self.operand(right, prec, !right_assoc);
            }
            (sigil, [content, Expr::List(modifiers)]) if sigil.starts_with("sigil_") && sigil.len() == 7 => {
                if !self.sigil(sigil, content, modifiers) {
                    self.plain_call(name, args);
                }
            }
            _ => self.plain_call(name, args),
        }
        let _ = node;
    }

    fn plain_call(&mut self, name: &str, args: &[Expr]) {
        if is_identifier(name) {
            self.out.push_str(name);
        } else {
            // Not a name Elixir can write as a local call: an atom call through Kernel.
            self.out.push_str("unquote(");
            self.out.push_str(&atom_source(name));
            self.out.push(')');
        }
        self.call_args_and_block(args);
    }

    /// `(args)`, with a last `[do: …, else: …]` as a `do … end` block.
    fn call_args_and_block(&mut self, args: &[Expr]) {
        match args.split_last() {
            Some((Expr::List(block), rest)) if is_do_block(block) => {
                self.args(rest);
                self.out.push_str(" do");
                for (i, pair) in block.iter().enumerate() {
                    let Expr::Pair(pair) = pair else { continue };
                    let Expr::Atom(key) = &pair.0 else { continue };
                    if i > 0 {
                        self.newline();
                        self.out.push_str(key);
                    }
                    self.indent += 1;
                    self.body(&pair.1);
                    self.indent -= 1;
                }
                self.newline();
                self.out.push_str("end");
            }
            _ => self.args(args),
        }
    }

    /// The body after `do`/`else`/`->`: clauses, or expressions one per line.
    fn body(&mut self, body: &Expr) {
        match body {
            Expr::List(clauses) if !clauses.is_empty() && clauses.iter().all(is_clause) => {
                for clause in clauses {
                    self.newline();
                    self.clause(clause);
                }
            }
            _ => match named(body) {
                Some(("__block__", Some([]))) => {}
                Some(("__block__", Some(exprs))) if exprs.len() > 1 => {
                    for e in exprs {
                        self.newline();
                        self.expr(e);
                    }
                }
                _ => {
                    self.newline();
                    self.expr(body);
                }
            },
        }
    }

    fn clause(&mut self, clause: &Expr) {
        let Some(("->", Some([Expr::List(head), body]))) = named(clause) else {
            self.expr(clause);
            return;
        };
        // `[when(a, b, g)]` prints as `a, b when g`.
        match head.as_slice() {
            [single] => match named(single) {
                Some(("when", Some(when_args))) if when_args.len() > 2 => {
                    let (guard, params) = when_args.split_last().unwrap_or((single, &[]));
                    self.out.push('(');
                    self.comma_separated(params);
                    self.out.push_str(") when ");
                    self.operand(guard, 50, false);
                }
                _ => {
                    self.out.push('(');
                    self.expr(single);
                    self.out.push(')');
                }
            },
            params => {
                self.out.push('(');
                self.plain_args(params);
                self.out.push(')');
            }
        }
        self.out.push_str(" ->");
        self.indent += 1;
        self.body(body);
        self.indent -= 1;
    }

    fn map_entries(&mut self, entries: &[Expr]) {
        if let [update] = entries
            && let Some(("|", Some([map, Expr::List(pairs)]))) = named(update)
        {
            self.operand(map, 71, false);
            self.out.push_str(" | ");
            self.assoc_pairs(pairs);
            return;
        }
        self.assoc_pairs(entries);
    }

    fn assoc_pairs(&mut self, pairs: &[Expr]) {
        if keyword_split(pairs) == Some(0) {
            self.keywords(pairs);
            return;
        }
        for (i, pair) in pairs.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            match pair {
                Expr::Pair(pair) => {
                    self.operand(&pair.0, 81, false);
                    self.out.push_str(" => ");
                    self.operand(&pair.1, 80, false);
                }
                other => self.expr(other),
            }
        }
    }

    /// `~x(content)modifiers`, if a delimiter is free of the content; false otherwise.
    fn sigil(&mut self, name: &str, content: &Expr, modifiers: &[Expr]) -> bool {
        let letter = &name[6..];
        let Some(("<<>>", Some(parts))) = named(content) else { return false };
        let mods: Option<String> = modifiers
            .iter()
            .map(|m| match m {
                Expr::Int(c) => char::from_u32(*c as u32).filter(|c| c.is_ascii_alphanumeric()),
                _ => None,
            })
            .collect();
        let Some(mods) = mods else { return false };
        let mut texts = Vec::new();
        for part in parts {
            match part {
                Expr::Str(s) => texts.push(Ok(&**s)),
                other => match interpolation(other) {
                    Some(code) if letter.chars().all(|c| c.is_ascii_lowercase()) => texts.push(Err(code)),
                    _ => return false,
                },
            }
        }
        let all_text: String = texts.iter().filter_map(|t| t.ok()).collect();
        if all_text.ends_with('\\') || all_text.contains("#{") {
            return false;
        }
        let Some((open, close)) = [('(', ')'), ('[', ']'), ('{', '}'), ('<', '>'), ('/', '/'), ('|', '|'), ('"', '"')]
            .into_iter()
            .find(|(o, c)| !all_text.contains(*o) && !all_text.contains(*c))
        else {
            return false;
        };
        let _ = write!(self.out, "~{letter}{open}");
        for t in texts {
            match t {
                Ok(text) => self.out.push_str(text),
                Err(code) => {
                    self.out.push_str("#{");
                    self.expr(code);
                    self.out.push('}');
                }
            }
        }
        let _ = write!(self.out, "{close}{mods}");
        true
    }
}

fn quote_atom_always(name: &str) -> String {
    format!(":{}", quote(name, '"'))
}

/// The precedence an expression prints at, if it is an operator (`None`: it stands alone).
fn precedence(expr: &Expr) -> Option<u32> {
    let (name, Some(args)) = named(expr)? else { return None };
    match (name, args.len()) {
        ("..//", 3) => Some(190),
        ("&", 1) if !matches!(args[0], Expr::Int(_)) => Some(90),
        (op, 1) if UNARY_OPS.contains(&op) => Some(300),
        (op, 2) => binary(op).map(|(p, _)| p),
        _ => None,
    }
}

fn is_block_call(expr: &Expr) -> bool {
    match expr.as_node().and_then(|n| n.args.as_ref()) {
        Some(args) => matches!(args.last(), Some(Expr::List(items)) if is_do_block(items)),
        None => false,
    }
}

fn is_attribute(expr: &Expr) -> bool {
    matches!(named(expr), Some((name, None | Some([_])))  if is_identifier(name))
}

fn is_clause(expr: &Expr) -> bool {
    matches!(named(expr), Some(("->", Some([Expr::List(_), _]))))
}

/// `[do: …]` or `[do: …, else: …]`: the keyword list of a `do … end` block.
fn is_do_block(items: &[Expr]) -> bool {
    let mut keys = items.iter().map(|item| match item {
        Expr::Pair(pair) => match &pair.0 {
            Expr::Atom(k) => Some(&**k),
            _ => None,
        },
        _ => None,
    });
    keys.next() == Some(Some("do"))
        && keys.all(|k| matches!(k, Some("else" | "after" | "rescue" | "catch")))
}

/// Where the trailing keyword pairs (atom keys) start, if every item from there on is one.
fn keyword_split(items: &[Expr]) -> Option<usize> {
    if items.is_empty() {
        return None;
    }
    let is_kw = |e: &Expr| matches!(e, Expr::Pair(p) if matches!(p.0, Expr::Atom(_)));
    let start = items.iter().rposition(|e| !is_kw(e)).map_or(0, |i| i + 1);
    (start < items.len()).then_some(start)
}
