//! Tokens → Elixir's quoted form, with the precedence and associativity of `elixir_parser.yrl`.
//!
//! A precedence-climbing parser instead of Elixir's LALR table: each binary operator has its
//! level from the `.yrl`, unary operators bind tighter than any binary one but looser than `.`,
//! and the cases yacc settles with token classes (`foo -1` vs `foo - 1`, `do` binding to the
//! outermost call without parentheses) are settled here with the whitespace the lexer keeps.
//!
//! Depth is bounded ([`MAX_DEPTH`]): nested brackets, operator chains and dot chains all count,
//! so that neither this parser, nor dropping or walking the tree it returns, can exhaust the stack.

use std::rc::Rc;

use super::error::SyntaxError;
use super::lexer::{StrKind, Tok, Token};
use super::MAX_DEPTH;
use crate::lang::ast::{Expr, Head, Meta, Node};

/// The loosest binary level an argument or element may contain (`<-` and `\\`).
const LOWEST: u32 = 40;
/// Level of prefix `!`, `^`, `not`, `-`, `+`, `~~~`.
const UNARY: u32 = 300;
/// Level of prefix `&`.
const CAPTURE: u32 = 90;

#[derive(Clone, Copy, PartialEq)]
enum Assoc {
    Left,
    Right,
}

fn binary(op: &str) -> Option<(u32, Assoc)> {
    use Assoc::*;
    Some(match op {
        "<-" | "\\\\" => (40, Left),
        "when" => (50, Right),
        "::" => (60, Right),
        "|" => (70, Right),
        "=>" => (80, Right),
        "=" => (100, Right),
        "||" | "|||" | "or" => (120, Left),
        "&&" | "&&&" | "and" => (130, Left),
        "==" | "!=" | "=~" | "===" | "!==" => (140, Left),
        "<" | ">" | "<=" | ">=" => (150, Left),
        "|>" | "<<<" | ">>>" | "<<~" | "~>>" | "<~" | "~>" | "<~>" | "<|>" => (160, Left),
        "in" | "not in" => (170, Left),
        "^^^" => (180, Left),
        "//" => (190, Right),
        "++" | "--" | "+++" | "---" | "<>" | ".." => (200, Right),
        "+" | "-" => (210, Left),
        "*" | "/" => (220, Left),
        "**" => (230, Left),
        _ => return None,
    })
}

fn meta(token: &Token) -> Meta {
    Meta { line: token.line, column: token.column, no_parens: false }
}

fn node(head: Head, meta: Meta, args: Option<Vec<Expr>>) -> Expr {
    Expr::Node(Box::new(Node { head, meta, args }))
}

fn remote(target: Expr, name: &str, dot: Meta, call: Meta, args: Vec<Expr>) -> Expr {
    let dot = Expr::call(".", dot, vec![target, Expr::Atom(name.into())]);
    node(Head::Expr(dot), call, Some(args))
}

fn alias_atom(name: &str) -> Expr {
    Expr::Atom(format!("Elixir.{name}").into())
}

/// Elixir's `build_block`: one expression stands alone, except a unary `!`/`not`, which stays
/// wrapped (so that `!x` is not read as an operand).
fn build_block(mut exprs: Vec<Expr>) -> Expr {
    if exprs.len() == 1 {
        let unary_not = matches!(exprs[0].as_named(), Some(("!" | "not", Some([_]))));
        if !unary_not {
            return exprs.pop().unwrap_or(Expr::Atom("nil".into()));
        }
    }
    Expr::call("__block__", Meta::default(), exprs)
}

/// `[a, b when g]` as the head of a clause is `[when(a, b, g)]`.
fn unwrap_when(mut args: Vec<Expr>) -> Vec<Expr> {
    let last_is_when = args.len() > 1
        && matches!(args.last(), Some(Expr::Node(last)) if matches!(&last.head, Head::Atom(n) if &**n == "when")
            && last.args.as_ref().is_some_and(|a| a.len() == 2));
    if last_is_when && let Some(Expr::Node(last)) = args.pop() {
        let Node { meta, args: when_args, .. } = *last;
        args.extend(when_args.unwrap_or_default());
        return vec![Expr::call("when", meta, args)];
    }
    args
}

pub(crate) struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// Inside the arguments of a call without parentheses: a `do` belongs to that call, not to
    /// a call nested in its arguments (`if foo bar do … end` is `if(foo(bar), do: …)`).
    no_do: bool,
    /// Per token: a string start whose string is a quoted keyword (`"key": value`).
    quoted_kw: Vec<bool>,
    /// Per `(` token: the index of its `)` (`usize::MAX` if none), so that telling a clause
    /// head `(a, b) ->` from an expression `(a + b)` is one look, not a scan.
    closing_paren: Vec<usize>,
}

type PResult<T> = Result<T, SyntaxError>;

/// A `head -> body` clause being read.
struct Clause {
    meta: Meta,
    head: Vec<Expr>,
    body: Vec<Expr>,
}

/// Where a block stops.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// End of input.
    Eof,
    /// `end` or `else`/`after`/`rescue`/`catch`.
    End,
    /// `)`.
    Paren,
    /// The `}` of an interpolation.
    Interp,
}

impl Parser {
    pub(crate) fn new(tokens: Vec<Token>) -> Parser {
        let mut quoted_kw = vec![false; tokens.len()];
        let mut closing_paren = vec![usize::MAX; tokens.len()];
        let mut parens = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            match t.tok {
                Tok::LParen => parens.push(i),
                Tok::RParen => {
                    if let Some(open) = parens.pop() {
                        closing_paren[open] = i;
                    }
                }
                _ => {}
            }
        }
        let mut open = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            match &t.tok {
                Tok::StrStart(_) => open.push(i),
                Tok::StrEnd { kw, .. } => {
                    if let Some(start) = open.pop() {
                        quoted_kw[start] = *kw;
                    }
                }
                _ => {}
            }
        }
        Parser { tokens, pos: 0, depth: 0, no_do: false, quoted_kw, closing_paren }
    }

    pub(crate) fn file(&mut self) -> PResult<Expr> {
        check_terminators(&self.tokens)?;
        let file = self.block(Stop::Eof)?;
        if !self.at(&Tok::Eof) {
            return Err(self.unexpected(self.peek()));
        }
        Ok(file)
    }

    // ---- tokens ----

    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        &self.tokens[(self.pos + ahead).min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at(&self, tok: &Tok) -> bool {
        &self.peek().tok == tok
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(&self.peek().tok, Tok::Op(o) if *o == op)
    }

    fn skip_eols(&mut self) {
        while self.at(&Tok::Eol) {
            self.pos += 1;
        }
    }

    /// The token before the current one (for "expression is incomplete", which Elixir places
    /// on the last token read).
    fn previous(&self) -> &Token {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            if self.tokens[i].tok != Tok::Eol {
                return &self.tokens[i];
            }
        }
        &self.tokens[0]
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek();
            return Err(SyntaxError::invalid(
                t.line,
                t.column,
                format!("nesting too deep: more than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn leave(&mut self, levels: usize) {
        self.depth -= levels;
    }

    fn is_kw_start(&self) -> bool {
        matches!(self.peek().tok, Tok::Kw(_))
            || (matches!(self.peek().tok, Tok::StrStart(_)) && self.quoted_kw[self.pos.min(self.quoted_kw.len() - 1)])
    }

    // ---- errors ----

    /// The error for a token that cannot stand where it is.
    fn unexpected(&self, token: &Token) -> SyntaxError {
        let (line, column) = (token.line, token.column);
        match &token.tok {
            Tok::Eof => {
                let prev = self.previous();
                SyntaxError::incomplete(prev.line, prev.column, "syntax error: expression is incomplete")
            }
            // Balanced (check_terminators ran): the parser's word for it.
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::RBin => {
                SyntaxError::invalid(line, column, format!("syntax error before: '{}'", describe(&token.tok)))
            }
            Tok::BlockKw(k) => SyntaxError::invalid(
                line,
                column,
                format!("syntax error before: {k}. \"{k}\" is a reserved word in Elixir and therefore its usage is limited. For instance, it can't be used as a variable or be defined nor invoked as a regular function"),
            ),
            Tok::End | Tok::Do | Tok::Fn => {
                SyntaxError::invalid(line, column, format!("unexpected reserved word: {}", describe(&token.tok)))
            }
            // Elixir names a string by its first fragment: `syntax error before: "b"`.
            Tok::StrStart(StrKind::Bin | StrKind::Charlist) => {
                let at = self.tokens.iter().position(|t| std::ptr::eq(t, token) || t == token);
                let first = match at.and_then(|i| self.tokens.get(i + 1)).map(|t| &t.tok) {
                    Some(Tok::Fragment(bytes)) => format!("{}\"", String::from_utf8_lossy(bytes)),
                    Some(Tok::StrEnd { .. }) => "\"".to_string(),
                    _ => String::new(),
                };
                SyntaxError::invalid(line, column, format!("syntax error before: \"{first}"))
                    .without_source_line()
            }
            Tok::StrStart(StrKind::Sigil { .. }) => {
                SyntaxError::invalid(line, column, format!("syntax error before: {}", quoted_describe(&token.tok)))
                    .without_source_line()
            }
            _ => SyntaxError::invalid(line, column, format!("syntax error before: {}", quoted_describe(&token.tok))),
        }
    }

    /// `open` (at `opened`) is not closed by the current token.
    fn missing_close(&self, open: &str, close: &str, opened: &Token) -> SyntaxError {
        let t = self.peek();
        match &t.tok {
            Tok::Eof => SyntaxError::incomplete(
                t.line,
                t.column,
                format!("missing terminator: {close} (for \"{open}\" starting at line {})", opened.line),
            ),
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::RBin | Tok::End => SyntaxError::invalid(
                t.line,
                t.column,
                format!(
                    "unexpected {}: {}. The \"{open}\" at line {} is missing terminator \"{close}\"",
                    if t.tok == Tok::End { "reserved word" } else { "token" },
                    describe(&t.tok),
                    opened.line
                ),
            ),
            _ => self.unexpected(t),
        }
    }

    fn expect_close(&mut self, close: Tok, open: &str, close_text: &str, opened: &Token) -> PResult<Token> {
        self.skip_eols();
        if self.peek().tok == close {
            Ok(self.next())
        } else {
            Err(self.missing_close(open, close_text, opened))
        }
    }

    // ---- blocks and clauses ----

    fn at_stop(&self, stop: Stop) -> bool {
        matches!(
            (&self.peek().tok, stop),
            (Tok::Eof, _)
                | (Tok::End | Tok::BlockKw(_), Stop::End)
                | (Tok::RParen, Stop::Paren)
                | (Tok::InterpEnd, Stop::Interp)
        )
    }

    /// Expressions separated by newlines or `;` — or, if any `->` appears, a list of clauses.
    fn block(&mut self, stop: Stop) -> PResult<Expr> {
        let mut plain: Vec<Expr> = Vec::new();
        let mut clauses: Vec<Clause> = Vec::new();
        loop {
            self.skip_eols();
            if self.at_stop(stop) {
                break;
            }
            let starts_with_keyword = self.is_kw_start();
            let item_start = self.pos;
            let exprs = self.block_item()?;
            if starts_with_keyword && !self.at_op("->") {
                // A keyword list is not a statement: Elixir names the key.
                let t = &self.tokens[item_start];
                let key = match &t.tok {
                    Tok::Kw(k) => k.to_string(),
                    _ => "a string".to_string(),
                };
                return Err(SyntaxError::invalid(t.line, t.column, format!("syntax error before: {key}")));
            }
            if self.at_op("->") {
                self.start_clause(stop, exprs, &mut clauses)?;
                continue;
            }
            if exprs.len() != 1 {
                // `a, b` without `->`.
                return Err(self.unexpected(self.peek()));
            }
            let expr = exprs.into_iter().next().unwrap_or(Expr::Atom("nil".into()));
            match clauses.last_mut() {
                Some(clause) => clause.body.push(expr),
                None => plain.push(expr),
            }
            if !self.at(&Tok::Eol) && !self.at_stop(stop) {
                return Err(self.unexpected(self.peek()));
            }
        }
        self.finish_block(plain, clauses)
    }

    /// What starts a line of a block: an expression, or the head of a clause.
    fn block_item(&mut self) -> PResult<Vec<Expr>> {
        if self.at_op("->") {
            Ok(Vec::new())
        } else if self.at(&Tok::LParen) && self.parens_head_follows() {
            self.parens_head()
        } else {
            self.clause_head_or_expr()
        }
    }

    #[inline(never)]
    fn start_clause(&mut self, stop: Stop, head: Vec<Expr>, clauses: &mut Vec<Clause>) -> PResult<()> {
        if matches!(stop, Stop::Eof | Stop::Interp) {
            return Err(self.unexpected(self.peek()));
        }
        let arrow = self.next();
        clauses.push(Clause { meta: meta(&arrow), head: unwrap_when(head), body: Vec::new() });
        Ok(())
    }

    #[inline(never)]
    fn finish_block(&self, plain: Vec<Expr>, clauses: Vec<Clause>) -> PResult<Expr> {
        if clauses.is_empty() {
            return Ok(build_block(plain));
        }
        if !plain.is_empty() {
            let t = self.peek();
            return Err(SyntaxError::invalid(
                t.line,
                t.column,
                "unexpected expression before the first clause: in a block of clauses, every expression belongs to a clause (pattern -> body)",
            ));
        }
        let clauses = clauses
            .into_iter()
            .map(|c| {
                let body = if c.body.is_empty() { Expr::Atom("nil".into()) } else { build_block(c.body) };
                Expr::call("->", c.meta, vec![Expr::List(c.head), body])
            })
            .collect();
        Ok(Expr::List(clauses))
    }

    /// `(a, b) ->` or `(a, b) when g ->`: the matching `)` is followed by `->` or `when`.
    fn parens_head_follows(&self) -> bool {
        let close = self.closing_paren[self.pos.min(self.closing_paren.len() - 1)];
        close != usize::MAX && matches!(self.tokens.get(close + 1).map(|t| &t.tok), Some(Tok::Op("->" | "when")))
    }

    fn parens_head(&mut self) -> PResult<Vec<Expr>> {
        let open = self.next();
        let args = self.call_args_until(&Tok::RParen, "(", ")", &open)?;
        if self.at_op("when") {
            let when = self.next();
            self.skip_eols();
            let guard = self.expr(50)?;
            let mut all = args;
            all.push(guard);
            return Ok(vec![Expr::call("when", meta(&when), all)]);
        }
        Ok(args)
    }

    /// Comma-separated expressions, possibly ending in keywords: a clause head if `->`
    /// follows, else (when there is one) an expression of the block.
    fn clause_head_or_expr(&mut self) -> PResult<Vec<Expr>> {
        let mut exprs = Vec::new();
        loop {
            if self.is_kw_start() {
                exprs.push(Expr::List(self.keywords()?));
                break;
            }
            exprs.push(self.expr(LOWEST)?);
            if self.at(&Tok::Comma) {
                // Only a clause head may have commas; let the caller report it otherwise. One
                // look ahead per head keeps this linear.
                if exprs.len() == 1 && !self.comma_list_reaches_arrow() {
                    break;
                }
                self.next();
                self.skip_eols();
            } else {
                break;
            }
        }
        Ok(exprs)
    }

    /// Whether a comma here separates the arguments of a clause head (a `->` comes before the
    /// end of the line).
    fn comma_list_reaches_arrow(&self) -> bool {
        let mut depth = 0i64;
        for t in &self.tokens[self.pos..] {
            match &t.tok {
                Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::LBin | Tok::PercentBrace | Tok::Fn | Tok::Do => {
                    depth += 1
                }
                Tok::StrStart(_) => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::RBin | Tok::End | Tok::StrEnd { .. } => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                Tok::Op("->") if depth == 0 => return true,
                Tok::Eol | Tok::Eof if depth == 0 => return false,
                Tok::Eof => return false,
                _ => {}
            }
        }
        false
    }

    // ---- expressions ----

    pub(crate) fn expr(&mut self, min_prec: u32) -> PResult<Expr> {
        self.enter()?;
        let result = self.expr_inner(min_prec);
        self.leave(1);
        result
    }

    fn expr_inner(&mut self, min_prec: u32) -> PResult<Expr> {
        let left = self.unary()?;
        self.continue_expr(left, min_prec)
    }

    fn unary(&mut self) -> PResult<Expr> {
        if matches!(self.peek().tok, Tok::Op(_)) {
            return self.prefix_operator();
        }
        let p = self.primary()?;
        self.postfix(p)
    }

    #[inline(never)]
    fn prefix_operator(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let Tok::Op(op) = t.tok else { return Err(self.unexpected(&t)) };
        let m = meta(&t);
        match op {
            "!" | "^" | "not" | "-" | "+" | "~~~" | "&" => {
                self.next();
                self.skip_eols();
                let operand = self.expr(if op == "&" { CAPTURE + 1 } else { UNARY + 1 })?;
                Ok(Expr::call(op, m, vec![operand]))
            }
            "@" => {
                self.next();
                self.skip_eols();
                self.enter()?;
                let operand = self.primary();
                self.leave(1);
                let at = Expr::call("@", m, vec![operand?]);
                self.postfix(at)
            }
            ".." if !self.can_start_expr(self.peek_at(1)) => {
                self.next();
                Ok(Expr::call("..", m, vec![]))
            }
            _ => {
                let p = self.primary()?;
                self.postfix(p)
            }
        }
    }

    fn can_start_expr(&self, t: &Token) -> bool {
        matches!(
            t.tok,
            Tok::Int(_)
                | Tok::BigInt(_)
                | Tok::Float(_)
                | Tok::Atom(_)
                | Tok::Ident(_)
                | Tok::Alias(_)
                | Tok::CaptureInt(_)
                | Tok::LParen
                | Tok::LBracket
                | Tok::LBrace
                | Tok::LBin
                | Tok::Percent
                | Tok::PercentBrace
                | Tok::Fn
                | Tok::StrStart(_)
                | Tok::Op("!" | "^" | "not" | "-" | "+" | "~~~" | "&" | "@")
        )
    }

    /// After a name separated by a space: does this token begin the arguments of a call
    /// without parentheses?
    fn starts_no_parens_args(&self) -> bool {
        let t = self.peek();
        if !t.space_before {
            return false;
        }
        match &t.tok {
            // `foo -1` passes `-1`; `foo - 1` subtracts.
            Tok::Op("-" | "+") => !self.peek_at(1).space_before,
            Tok::Kw(_) => true,
            _ => self.can_start_expr(t),
        }
    }

    /// One operand. Each kind of bracket is its own function so that the frames on the
    /// recursive path stay small (debug builds give every arm of a big `match` its own slots).
    fn primary(&mut self) -> PResult<Expr> {
        let t = self.next();
        match &t.tok {
            Tok::Int(n) => Ok(Expr::Int(*n)),
            Tok::BigInt(n) => Ok(Expr::BigInt(n.clone())),
            Tok::Float(f) => Ok(Expr::Float(*f)),
            Tok::Atom(a) => Ok(Expr::Atom(a.clone())),
            Tok::CaptureInt(n) => Ok(Expr::call("&", meta(&t), vec![Expr::Int(*n)])),
            Tok::Ident(name) => self.identifier(name.clone(), &t),
            Tok::Alias(name) => Ok(Expr::call("__aliases__", meta(&t), vec![Expr::Atom(name.clone())])),
            Tok::StrStart(_) => self.primary_string(t),
            Tok::LParen => self.primary_parens(t),
            Tok::LBracket => self.primary_list(t),
            Tok::LBrace => self.primary_tuple(t),
            Tok::PercentBrace => self.primary_map(t),
            Tok::Percent => self.primary_struct(t),
            Tok::LBin => self.primary_binary(t),
            Tok::Fn => self.primary_fn(t),
            _ => self.primary_other(t),
        }
    }

    #[inline(never)]
    fn primary_string(&mut self, t: Token) -> PResult<Expr> {
        let Tok::StrStart(kind) = &t.tok else { return Err(self.unexpected(&t)) };
        if self.quoted_kw[self.pos - 1] {
            return Err(self.unexpected(&t));
        }
        self.string(kind.clone(), &t)
    }

    #[inline(never)]
    fn primary_parens(&mut self, t: Token) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.no_do, false);
        let body = self.block(Stop::Paren);
        self.no_do = saved;
        let body = match body? {
            Expr::Node(mut n)
                if n.meta.line == 0
                    && matches!(&n.head, Head::Atom(h) if &**h == "__block__")
                    && n.args.as_ref().is_some_and(|a| !a.is_empty()) =>
            {
                n.meta = meta(&t);
                Expr::Node(n)
            }
            other => other,
        };
        self.expect_close(Tok::RParen, "(", ")", &t)?;
        Ok(body)
    }

    #[inline(never)]
    fn primary_list(&mut self, t: Token) -> PResult<Expr> {
        let items = self.list_items(&Tok::RBracket, "[", "]", &t)?;
        Ok(Expr::List(items))
    }

    #[inline(never)]
    fn primary_tuple(&mut self, t: Token) -> PResult<Expr> {
        let mut items = self.list_items(&Tok::RBrace, "{", "}", &t)?;
        if items.len() == 2 {
            let b = items.pop().unwrap_or(Expr::Int(0));
            let a = items.pop().unwrap_or(Expr::Int(0));
            Ok(Expr::Pair(Box::new((a, b))))
        } else {
            Ok(Expr::call("{}", meta(&t), items))
        }
    }

    #[inline(never)]
    fn primary_map(&mut self, t: Token) -> PResult<Expr> {
        let m = Meta { column: t.column + 1, ..meta(&t) };
        self.map_body(m, &t, "{")
    }

    #[inline(never)]
    fn primary_struct(&mut self, t: Token) -> PResult<Expr> {
        self.enter()?;
        let name = self.struct_name();
        self.leave(1);
        let name = name?;
        let brace = self.peek().clone();
        if brace.tok != Tok::LBrace {
            return Err(self.unexpected(&brace));
        }
        self.next();
        let map = self.map_body(meta(&brace), &brace, "{")?;
        Ok(Expr::call("%", meta(&t), vec![name, map]))
    }

    #[inline(never)]
    fn primary_binary(&mut self, t: Token) -> PResult<Expr> {
        let items = self.list_items(&Tok::RBin, "<<", ">>", &t)?;
        Ok(Expr::call("<<>>", meta(&t), items))
    }

    #[inline(never)]
    fn primary_fn(&mut self, t: Token) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.no_do, false);
        let clauses = self.block(Stop::End);
        self.no_do = saved;
        let clauses = clauses?;
        if !self.at(&Tok::End) {
            return Err(self.missing_end("fn", &t));
        }
        self.next();
        match clauses {
            Expr::List(clauses) if !clauses.is_empty() => Ok(Expr::call("fn", meta(&t), clauses)),
            _ => Err(SyntaxError::invalid(
                t.line,
                t.column,
                "expected anonymous functions to be defined with -> inside: 'fn'",
            )),
        }
    }

    #[inline(never)]
    fn primary_other(&mut self, t: Token) -> PResult<Expr> {
        match &t.tok {
            Tok::Do => {
                // A `do` with no call before it: Elixir reports the missing `end` first.
                self.do_block_items(&t)?;
                Err(SyntaxError::invalid(t.line, t.column, "unexpected reserved word: do"))
            }
            Tok::Kw(_) => Err(SyntaxError::invalid(
                t.line,
                t.column,
                format!(
                    "unexpected keyword: {}. Keywords are only allowed as the last argument of a call, in a list or in a map",
                    describe(&t.tok)
                ),
            )),
            _ => Err(self.unexpected(&t)),
        }
    }

    fn missing_end(&self, opener: &str, opened: &Token) -> SyntaxError {
        let t = self.peek();
        if t.tok == Tok::Eof {
            SyntaxError::incomplete(
                t.line,
                t.column,
                format!("missing terminator: end (for \"{opener}\" starting at line {})", opened.line),
            )
        } else {
            self.missing_close(opener, "end", opened)
        }
    }

    /// A name after an identifier was read: a variable, or a call with or without parentheses.
    fn identifier(&mut self, name: Rc<str>, t: &Token) -> PResult<Expr> {
        let m = meta(t);
        if self.at(&Tok::LParen) && !self.peek().space_before {
            let open = self.next();
            let saved = std::mem::replace(&mut self.no_do, false);
            let args = self.call_args_until(&Tok::RParen, "(", ")", &open);
            self.no_do = saved;
            let args = self.do_block(args?)?;
            return Ok(Expr::call(&name, m, args));
        }
        if self.at(&Tok::Do) && !self.no_do {
            let args = self.do_block(Vec::new())?;
            return Ok(Expr::call(&name, m, args));
        }
        if self.starts_no_parens_args() {
            let args = self.no_parens_args()?;
            let args = self.do_block(args)?;
            return Ok(Expr::call(&name, m, args));
        }
        Ok(Expr::var(&name, m))
    }

    /// A `do … end` after a call's arguments, if there is one and it belongs to this call.
    fn do_block(&mut self, mut args: Vec<Expr>) -> PResult<Vec<Expr>> {
        if !self.at(&Tok::Do) || self.no_do {
            return Ok(args);
        }
        let do_token = self.next();
        let saved = std::mem::replace(&mut self.no_do, false);
        let result = self.do_block_items(&do_token);
        self.no_do = saved;
        args.push(Expr::List(result?));
        Ok(args)
    }

    fn do_block_items(&mut self, do_token: &Token) -> PResult<Vec<Expr>> {
        let mut items = Vec::new();
        let mut key: Rc<str> = "do".into();
        loop {
            let body = self.block(Stop::End)?;
            items.push(Expr::Pair(Box::new((Expr::Atom(key), body))));
            match self.peek().tok.clone() {
                Tok::BlockKw(k) => {
                    self.next();
                    key = k.into();
                }
                Tok::End => {
                    self.next();
                    return Ok(items);
                }
                _ => return Err(self.missing_end("do", do_token)),
            }
        }
    }

    /// Arguments of a call without parentheses: expressions, then possibly keywords.
    fn no_parens_args(&mut self) -> PResult<Vec<Expr>> {
        let saved = std::mem::replace(&mut self.no_do, true);
        let result = self.no_parens_args_inner();
        self.no_do = saved;
        result
    }

    fn no_parens_args_inner(&mut self) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        loop {
            if self.is_kw_start() {
                args.push(Expr::List(self.keywords()?));
                if self.at(&Tok::Comma) {
                    let t = self.peek();
                    return Err(SyntaxError::invalid(t.line, t.column, KW_NOT_LAST_CALL));
                }
                return Ok(args);
            }
            args.push(self.expr(LOWEST)?);
            if self.at(&Tok::Comma) {
                self.next();
                self.skip_eols();
            } else {
                return Ok(args);
            }
        }
    }

    /// `key: value, …` to the end of the keyword list.
    fn keywords(&mut self) -> PResult<Vec<Expr>> {
        let mut pairs = Vec::new();
        loop {
            let key = self.keyword_key()?;
            self.skip_eols();
            let value = self.expr(LOWEST)?;
            pairs.push(Expr::Pair(Box::new((key, value))));
            if self.at(&Tok::Comma) && self.keyword_follows_comma() {
                self.next();
                self.skip_eols();
            } else {
                return Ok(pairs);
            }
        }
    }

    /// After a keyword's value, a comma continues the list only with another keyword (a
    /// trailing comma before a closing bracket is left to the bracket).
    fn keyword_follows_comma(&self) -> bool {
        let mut i = self.pos + 1;
        while matches!(self.tokens.get(i).map(|t| &t.tok), Some(Tok::Eol)) {
            i += 1;
        }
        match self.tokens.get(i).map(|t| &t.tok) {
            Some(Tok::Kw(_)) => true,
            Some(Tok::StrStart(_)) => self.quoted_kw[i],
            _ => false,
        }
    }

    fn keyword_key(&mut self) -> PResult<Expr> {
        let t = self.next();
        match &t.tok {
            Tok::Kw(name) => Ok(Expr::Atom(name.clone())),
            Tok::StrStart(_) => {
                let parts = self.string_parts()?;
                let end = self.next();
                debug_assert!(matches!(end.tok, Tok::StrEnd { .. }));
                match parts.as_slice() {
                    [] => Ok(Expr::Atom("".into())),
                    [Part::Text(s)] => Ok(Expr::Atom(s.clone())),
                    _ => {
                        let bin = Expr::call("<<>>", meta(&t), interpolated(parts));
                        Ok(remote(Expr::Atom("erlang".into()), "binary_to_atom", meta(&t), meta(&t), vec![
                            bin,
                            Expr::Atom("utf8".into()),
                        ]))
                    }
                }
            }
            _ => Err(self.unexpected(&t)),
        }
    }

    /// Arguments in parentheses up to `close` (consumed): expressions, then keywords.
    fn call_args_until(&mut self, close: &Tok, open_text: &str, close_text: &str, open: &Token) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        self.skip_eols();
        if self.at(close) {
            self.next();
            return Ok(args);
        }
        loop {
            self.skip_eols();
            if self.at(&Tok::Eof) {
                return Err(self.missing_close(open_text, close_text, open));
            }
            if *close == Tok::RParen && self.at(&Tok::RParen) {
                let t = self.peek().clone();
                return Err(SyntaxError::invalid(t.line, t.column, "syntax error before: ')'"));
            }
            if self.is_kw_start() {
                args.push(Expr::List(self.keywords()?));
                self.skip_eols();
                if self.at(&Tok::Comma) {
                    let t = self.peek().clone();
                    return Err(SyntaxError::invalid(t.line, t.column, KW_NOT_LAST_CALL));
                }
                break;
            }
            args.push(self.expr(LOWEST)?);
            self.skip_eols();
            if self.at(&Tok::Comma) {
                self.next();
            } else {
                break;
            }
        }
        self.expect_close(close.clone(), open_text, close_text, open)?;
        Ok(args)
    }

    /// Elements of a list, tuple or binary up to `close` (consumed); keywords at the end are
    /// pairs in the list (`[1, a: 2]` is `[1, {:a, 2}]`), one keyword-list element in a tuple.
    fn list_items(&mut self, close: &Tok, open_text: &str, close_text: &str, open: &Token) -> PResult<Vec<Expr>> {
        let saved = std::mem::replace(&mut self.no_do, false);
        let result = self.list_items_inner(close, open_text, close_text, open);
        self.no_do = saved;
        result
    }

    fn list_items_inner(&mut self, close: &Tok, open_text: &str, close_text: &str, open: &Token) -> PResult<Vec<Expr>> {
        let mut items = Vec::new();
        loop {
            self.skip_eols();
            if self.at(close) {
                break;
            }
            if self.at(&Tok::Eof) {
                return Err(self.missing_close(open_text, close_text, open));
            }
            if self.is_kw_start() {
                let pairs = self.keywords()?;
                if *close == Tok::RBracket {
                    items.extend(pairs);
                } else {
                    items.push(Expr::List(pairs));
                }
                self.skip_eols();
                if self.at(&Tok::Comma) {
                    let comma = self.next();
                    self.skip_eols();
                    if !self.at(close) {
                        return Err(SyntaxError::invalid(comma.line, comma.column, KW_NOT_LAST_LIST));
                    }
                }
                break;
            }
            items.push(self.expr(LOWEST)?);
            self.skip_eols();
            if self.at(&Tok::Comma) {
                self.next();
            } else {
                break;
            }
        }
        self.expect_close(close.clone(), open_text, close_text, open)?;
        Ok(items)
    }

    /// The inside of `%{…}` or of a struct's `{…}` after the opening brace.
    fn map_body(&mut self, m: Meta, open: &Token, open_text: &str) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.no_do, false);
        let result = self.map_body_inner(m, open, open_text);
        self.no_do = saved;
        result
    }

    fn map_body_inner(&mut self, m: Meta, open: &Token, open_text: &str) -> PResult<Expr> {
        self.skip_eols();
        if self.at(&Tok::RBrace) {
            self.next();
            return Ok(Expr::call("%{}", m, vec![]));
        }
        // `%{map | key: value}`
        if !self.is_kw_start() {
            let first = self.expr(71)?;
            if self.at_op("|") {
                let bar = self.next();
                self.skip_eols();
                let entries = self.map_entries(open, open_text)?;
                let update = Expr::call("|", meta(&bar), vec![first, Expr::List(entries)]);
                return Ok(Expr::call("%{}", m, vec![update]));
            }
            // Not an update: finish the first entry as a whole expression.
            let first = self.continue_expr(first, LOWEST)?;
            let mut entries = vec![assoc_pair(first)];
            self.skip_eols();
            if self.at(&Tok::Comma) {
                self.next();
                entries.extend(self.map_entries(open, open_text)?);
            } else {
                self.expect_close(Tok::RBrace, open_text, "}", open)?;
            }
            return Ok(Expr::call("%{}", m, entries));
        }
        let entries = self.map_entries(open, open_text)?;
        Ok(Expr::call("%{}", m, entries))
    }

    /// `k => v` and `k: v` entries up to the closing `}` (consumed).
    fn map_entries(&mut self, open: &Token, open_text: &str) -> PResult<Vec<Expr>> {
        let items = self.list_items_inner(&Tok::RBrace, open_text, "}", open)?;
        Ok(items
            .into_iter()
            .flat_map(|item| match item {
                Expr::List(pairs) => pairs,
                other => vec![assoc_pair(other)],
            })
            .collect())
    }

    /// Binary operators after an operand already parsed at a tighter level: a left-associative
    /// chain loops here, counting each link as a level.
    fn continue_expr(&mut self, left: Expr, min_prec: u32) -> PResult<Expr> {
        // Re-enter the operator loop with `left` as the first operand.
        let mut left = left;
        let mut chain = 0;
        let result = loop {
            let op = match &self.peek().tok {
                Tok::Op(op) => *op,
                _ => break Ok(left),
            };
            let Some((prec, assoc)) = binary(op) else { break Ok(left) };
            if prec < min_prec {
                break Ok(left);
            }
            let op_token = self.next();
            self.skip_eols();
            if let Err(e) = self.enter() {
                break Err(e);
            }
            chain += 1;
            let right_min = if assoc == Assoc::Right { prec } else { prec + 1 };
            let right = match self.expr(right_min) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            left = match build_binary(op, &op_token, left, right) {
                Ok(e) => e,
                Err(e) => break Err(e),
            };
        };
        self.leave(chain);
        result
    }

    /// The name in `%Name{}`: an alias, `__MODULE__`, a variable or `@attr`.
    fn struct_name(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let base = match &t.tok {
            Tok::Alias(name) => {
                self.next();
                Expr::call("__aliases__", meta(&t), vec![Expr::Atom(name.clone())])
            }
            Tok::Ident(name) => {
                self.next();
                Expr::var(name, meta(&t))
            }
            Tok::Op("@") | Tok::Op("^") => {
                self.next();
                let inner = self.struct_name()?;
                let op = if t.tok == Tok::Op("@") { "@" } else { "^" };
                Expr::call(op, meta(&t), vec![inner])
            }
            _ => return Err(self.unexpected(&t)),
        };
        let mut name = base;
        while self.at_op(".") && matches!(self.peek_at(1).tok, Tok::Alias(_)) {
            self.next();
            let a = self.next();
            if let Tok::Alias(part) = &a.tok {
                name = extend_alias(name, part, meta(&a));
            }
        }
        Ok(name)
    }

    /// `.field`, `.fun(…)`, `.Alias`, `.(…)`, `[key]` after an expression.
    fn postfix(&mut self, mut left: Expr) -> PResult<Expr> {
        let mut chain = 0;
        let result = loop {
            let t = self.peek().clone();
            let step = match &t.tok {
                Tok::Op(".") => {
                    self.next();
                    self.skip_eols();
                    self.dot(left, &t)
                }
                Tok::LBracket if !t.space_before => {
                    self.next();
                    let saved = std::mem::replace(&mut self.no_do, false);
                    let key = self.expr(LOWEST);
                    self.no_do = saved;
                    match key.and_then(|key| {
                        self.expect_close(Tok::RBracket, "[", "]", &t)?;
                        Ok(key)
                    }) {
                        Ok(key) => Ok(remote(alias_atom("Access"), "get", meta(&t), meta(&t), vec![left, key])),
                        Err(e) => Err(e),
                    }
                }
                Tok::LParen if !t.space_before && is_call(&left) => {
                    self.next();
                    let saved = std::mem::replace(&mut self.no_do, false);
                    let args = self.call_args_until(&Tok::RParen, "(", ")", &t);
                    self.no_do = saved;
                    let m = left.meta();
                    args.map(|args| node(Head::Expr(left), m, Some(args)))
                }
                _ => break Ok(left),
            };
            match step {
                Ok(next) => left = next,
                Err(e) => break Err(e),
            }
            chain += 1;
            if let Err(e) = self.enter() {
                break Err(e);
            }
        };
        self.leave(chain);
        result
    }

    /// After `left.`: what the dot reaches.
    #[inline(never)]
    fn dot(&mut self, left: Expr, dot_token: &Token) -> PResult<Expr> {
        let dot_meta = meta(dot_token);
        let t = self.peek().clone();
        let name: Rc<str> = match &t.tok {
            Tok::Alias(name) => {
                self.next();
                return Ok(extend_alias(left, name, dot_meta));
            }
            Tok::LParen => {
                self.next();
                let saved = std::mem::replace(&mut self.no_do, false);
                let args = self.call_args_until(&Tok::RParen, "(", ")", &t);
                self.no_do = saved;
                let dot = Expr::call(".", dot_meta, vec![left]);
                return Ok(node(Head::Expr(dot), dot_meta, Some(args?)));
            }
            Tok::LBrace => {
                self.next();
                let items = self.list_items(&Tok::RBrace, "{", "}", &t)?;
                return Ok(remote(left, "{}", dot_meta, dot_meta, items));
            }
            Tok::Ident(name) => name.clone(),
            Tok::Atom(name) if matches!(&**name, "true" | "false" | "nil") => name.clone(),
            Tok::Op(op) if !self.peek_at(1).space_before && self.peek_at(1).tok == Tok::LParen => (*op).into(),
            Tok::Fn => "fn".into(),
            Tok::End | Tok::Do => (if t.tok == Tok::End { "end" } else { "do" }).into(),
            Tok::BlockKw(k) => (*k).into(),
            Tok::StrStart(StrKind::Bin) => {
                self.next();
                let parts = self.string_parts()?;
                self.next();
                match parts.as_slice() {
                    [Part::Text(s)] => s.clone(),
                    [] => "".into(),
                    _ => return Err(SyntaxError::invalid(t.line, t.column, "interpolation is not allowed in a quoted function name")),
                }
            }
            Tok::Eof => {
                return Err(SyntaxError::incomplete(
                    dot_token.line,
                    dot_token.column,
                    "syntax error: expression is incomplete",
                ));
            }
            _ => return Err(self.unexpected(&t)),
        };
        if !matches!(t.tok, Tok::StrStart(_)) {
            self.next();
        }
        let call_meta = meta(&t);
        if self.at(&Tok::LParen) && !self.peek().space_before {
            let open = self.next();
            let saved = std::mem::replace(&mut self.no_do, false);
            let args = self.call_args_until(&Tok::RParen, "(", ")", &open);
            self.no_do = saved;
            let args = self.do_block(args?)?;
            return Ok(remote(left, &name, dot_meta, call_meta, args));
        }
        if self.at(&Tok::Do) && !self.no_do {
            let args = self.do_block(Vec::new())?;
            return Ok(remote(left, &name, dot_meta, call_meta, args));
        }
        if self.starts_no_parens_args() {
            let args = self.no_parens_args()?;
            let args = self.do_block(args)?;
            return Ok(remote(left, &name, dot_meta, call_meta, args));
        }
        let m = Meta { no_parens: true, ..call_meta };
        Ok(remote(left, &name, dot_meta, m, vec![]))
    }

    // ---- strings ----

    /// Fragments and interpolations up to (not including) the `StrEnd`.
    fn string_parts(&mut self) -> PResult<Vec<Part>> {
        let mut parts = Vec::new();
        loop {
            let t = self.next();
            match t.tok {
                Tok::Fragment(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => match parts.last_mut() {
                        Some(Part::Text(previous)) => *previous = format!("{previous}{s}").into(),
                        _ => parts.push(Part::Text(s.into())),
                    },
                    Err(_) => {
                        return Err(SyntaxError::invalid(
                            t.line,
                            t.column,
                            "this string is not valid UTF-8 (a \\x escape makes a byte that is not part of a UTF-8 character); write the character itself or use <<...>>",
                        ));
                    }
                },
                Tok::InterpStart => {
                    let saved = std::mem::replace(&mut self.no_do, false);
                    self.enter()?;
                    let body = self.block(Stop::Interp);
                    self.leave(1);
                    self.no_do = saved;
                    let body = body?;
                    if !self.at(&Tok::InterpEnd) {
                        return Err(self.unexpected(&self.peek().clone()));
                    }
                    self.next();
                    parts.push(Part::Code(body, meta(&t)));
                }
                Tok::StrEnd { .. } => {
                    self.pos -= 1;
                    return Ok(parts);
                }
                _ => return Err(self.unexpected(&t)),
            }
        }
    }

    fn string(&mut self, kind: StrKind, start: &Token) -> PResult<Expr> {
        let parts = self.string_parts()?;
        let end = self.next();
        let m = meta(start);
        let only_text = parts.iter().all(|p| matches!(p, Part::Text(_)));
        let joined = || -> Rc<str> {
            parts
                .iter()
                .map(|p| match p {
                    Part::Text(s) => &**s,
                    Part::Code(..) => "",
                })
                .collect::<String>()
                .into()
        };
        match kind {
            StrKind::Bin if only_text => Ok(Expr::Str(joined())),
            StrKind::Bin => Ok(Expr::call("<<>>", m, interpolated(parts))),
            StrKind::Atom if only_text => Ok(Expr::Atom(joined())),
            StrKind::Atom => {
                let bin = Expr::call("<<>>", m, interpolated(parts));
                Ok(remote(Expr::Atom("erlang".into()), "binary_to_atom", m, m, vec![bin, Expr::Atom("utf8".into())]))
            }
            StrKind::Charlist if only_text => {
                Ok(Expr::List(joined().chars().map(|c| Expr::Int(c as i64)).collect()))
            }
            StrKind::Charlist => {
                let items = parts
                    .into_iter()
                    .map(|p| match p {
                        Part::Text(s) => Expr::Str(s),
                        Part::Code(e, pm) => remote(alias_atom("Kernel"), "to_string", pm, pm, vec![e]),
                    })
                    .collect();
                Ok(remote(alias_atom("List"), "to_charlist", m, m, vec![Expr::List(items)]))
            }
            StrKind::Sigil { letter, .. } => {
                let modifiers = match &end.tok {
                    Tok::StrEnd { modifiers, .. } => modifiers.chars().map(|c| Expr::Int(c as i64)).collect(),
                    _ => Vec::new(),
                };
                let mut parts = interpolated(parts);
                if parts.is_empty() {
                    parts.push(Expr::Str("".into()));
                }
                let bin = Expr::call("<<>>", m, parts);
                Ok(Expr::call(&format!("sigil_{letter}"), m, vec![bin, Expr::List(modifiers)]))
            }
        }
    }
}

/// Elixir's tokenizer checks that brackets and `do`/`fn`…`end` pair up before the parser runs,
/// so its errors about them win over any the parser would find earlier in the text.
fn check_terminators(tokens: &[Token]) -> PResult<()> {
    let mut open: Vec<(&'static str, &'static str, u32)> = Vec::new();
    for t in tokens {
        let opener = match &t.tok {
            Tok::LParen => Some(("(", ")")),
            Tok::LBracket => Some(("[", "]")),
            Tok::LBrace | Tok::PercentBrace => Some(("{", "}")),
            Tok::LBin => Some(("<<", ">>")),
            Tok::Do => Some(("do", "end")),
            Tok::Fn => Some(("fn", "end")),
            _ => None,
        };
        if let Some((o, c)) = opener {
            open.push((o, c, t.line));
            continue;
        }
        let closer = match &t.tok {
            Tok::RParen => ")",
            Tok::RBracket => "]",
            Tok::RBrace => "}",
            Tok::RBin => ">>",
            Tok::End => "end",
            Tok::Eof => {
                if let Some((o, c, line)) = open.last() {
                    return Err(SyntaxError::incomplete(
                        t.line,
                        t.column,
                        format!("missing terminator: {c} (for \"{o}\" starting at line {line})"),
                    ));
                }
                return Ok(());
            }
            _ => continue,
        };
        let what = if closer == "end" { "reserved word" } else { "token" };
        match open.last() {
            Some((_, c, _)) if *c == closer => {
                open.pop();
            }
            Some((o, c, line)) => {
                return Err(SyntaxError::invalid(
                    t.line,
                    t.column,
                    format!("unexpected {what}: {closer}. The \"{o}\" at line {line} is missing terminator \"{c}\""),
                ));
            }
            None => return Err(SyntaxError::invalid(t.line, t.column, format!("unexpected {what}: {closer}"))),
        }
    }
    Ok(())
}

/// `left op right`, with Elixir's two rewrites: `a not in b` is `not(a in b)`, and `//` after a
/// range makes the three-argument `..//`.
fn build_binary(op: &'static str, op_token: &Token, left: Expr, right: Expr) -> PResult<Expr> {
    let m = meta(op_token);
    Ok(match op {
        "not in" => Expr::call("not", m, vec![Expr::call("in", m, vec![left, right])]),
        "//" => match left {
            Expr::Node(n)
                if matches!(&n.head, Head::Atom(h) if &**h == "..") && n.args.as_ref().is_some_and(|a| a.len() == 2) =>
            {
                let Node { meta: range_meta, args, .. } = *n;
                let mut args = args.unwrap_or_default();
                args.push(right);
                Expr::call("..//", range_meta, args)
            }
            _ => {
                return Err(SyntaxError::invalid(
                    op_token.line,
                    op_token.column,
                    "the range step operator (//) must immediately follow the range definition operator (..), for example: 1..9//2. If you wanted to define a default argument, use (\\\\) instead. Syntax error before: '//'",
                ));
            }
        },
        // `not a in b` is `not(a in b)` (a parenthesized `(not a)` is a block, left alone).
        "in" => match left {
            Expr::Node(n)
                if matches!(&n.head, Head::Atom(h) if &**h == "not" || &**h == "!")
                    && n.args.as_ref().is_some_and(|a| a.len() == 1) =>
            {
                let Node { head, args, .. } = *n;
                let Head::Atom(unary) = head else { unreachable!() };
                let operand = args.unwrap_or_default().pop().unwrap_or(Expr::Atom("nil".into()));
                Expr::call(&unary, m, vec![Expr::call("in", m, vec![operand, right])])
            }
            _ => Expr::call(op, m, vec![left, right]),
        },
        _ => Expr::call(op, m, vec![left, right]),
    })
}

/// A piece of a string: text, or interpolated code at the `#{`.
enum Part {
    Text(Rc<str>),
    Code(Expr, Meta),
}

/// The parts of `<<>>` for an interpolated string: `"a#{x}"` is
/// `<<"a", Kernel.to_string(x)::binary>>`.
fn interpolated(parts: Vec<Part>) -> Vec<Expr> {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Text(s) => Expr::Str(s),
            Part::Code(e, m) => {
                let to_string = remote(alias_atom("Kernel"), "to_string", m, m, vec![e]);
                Expr::call("::", m, vec![to_string, Expr::var("binary", m)])
            }
        })
        .collect()
}

/// `a => b` in a map is the pair `{a, b}`.
fn assoc_pair(entry: Expr) -> Expr {
    match entry {
        Expr::Node(n) if matches!(&n.head, Head::Atom(h) if &**h == "=>") && n.args.as_ref().is_some_and(|a| a.len() == 2) => {
            let mut args = n.args.unwrap_or_default();
            let v = args.pop().unwrap_or(Expr::Int(0));
            let k = args.pop().unwrap_or(Expr::Int(0));
            Expr::Pair(Box::new((k, v)))
        }
        other => other,
    }
}

/// `Foo` `.Bar`: `{:__aliases__, m, [:Foo, :Bar]}`; after anything else, `{:__aliases__, m, [expr, :Bar]}`.
fn extend_alias(left: Expr, part: &Rc<str>, part_meta: Meta) -> Expr {
    match left {
        Expr::Node(mut n) if matches!(&n.head, Head::Atom(h) if &**h == "__aliases__") && n.args.is_some() => {
            if let Some(args) = n.args.as_mut() {
                args.push(Expr::Atom(part.clone()));
            }
            Expr::Node(n)
        }
        other => Expr::call("__aliases__", part_meta, vec![other, Expr::Atom(part.clone())]),
    }
}

/// Whether `expr(…)` right after it calls its result (`f(1)(2)`).
fn is_call(expr: &Expr) -> bool {
    match expr {
        Expr::Node(n) => n.args.is_some() && !matches!(&n.head, Head::Atom(h) if &**h == "__aliases__" || &**h == "{}" || &**h == "%{}" || &**h == "<<>>"),
        _ => false,
    }
}

const KW_NOT_LAST_CALL: &str = "unexpected expression after keyword list. Keyword lists must always come as the last argument. Therefore, this is not allowed:\n\n    function_call(1, some: :option, 2)\n\nInstead, wrap the keyword in brackets:\n\n    function_call(1, [some: :option], 2)\n\nSyntax error after: ','";

const KW_NOT_LAST_LIST: &str = "unexpected expression after keyword list. Keyword lists must always come last in lists and maps. Therefore, this is not allowed:\n\n    [some: :value, :another]\n    %{some: :value, another => value}\n\nInstead, reorder it to be the last entry:\n\n    [:another, some: :value]\n    %{another => value, some: :value}\n\nSyntax error after: ','";

/// A token as Elixir names it in "unexpected token: …".
fn describe(tok: &Tok) -> String {
    match tok {
        Tok::RParen => ")".into(),
        Tok::RBracket => "]".into(),
        Tok::RBrace => "}".into(),
        Tok::RBin => ">>".into(),
        Tok::LParen => "(".into(),
        Tok::LBracket => "[".into(),
        Tok::LBrace => "{".into(),
        Tok::LBin => "<<".into(),
        Tok::End => "end".into(),
        Tok::Do => "do".into(),
        Tok::Fn => "fn".into(),
        Tok::BlockKw(k) => (*k).into(),
        Tok::Kw(k) => format!("{k}:"),
        other => quoted_describe(other),
    }
}

/// A token as Elixir names it in "syntax error before: …".
fn quoted_describe(tok: &Tok) -> String {
    match tok {
        Tok::Int(n) => format!("\"{n}\""),
        Tok::BigInt(n) => format!("\"{n}\""),
        Tok::Float(f) => format!("\"{f:?}\""),
        Tok::CaptureInt(n) => format!("\"&{n}\""),
        Tok::Ident(name) => name.to_string(),
        Tok::Alias(name) => format!("'{name}'"),
        Tok::Atom(name) if matches!(&**name, "true" | "false" | "nil") => name.to_string(),
        Tok::Atom(name) => format!("\":{name}\""),
        Tok::Kw(name) => format!("'{name}:'"),
        Tok::Op(op) => format!("'{op}'"),
        Tok::Comma => "','".into(),
        Tok::Eol => "';'".into(),
        Tok::Percent => "'%'".into(),
        Tok::PercentBrace => "'%{}'".into(),
        Tok::StrStart(_) | Tok::Fragment(_) | Tok::InterpStart | Tok::InterpEnd | Tok::StrEnd { .. } => {
            "a string".into()
        }
        Tok::Eof => "end of input".into(),
        other => format!("'{}'", describe(other)),
    }
}
