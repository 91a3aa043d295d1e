//! Source text → tokens, as Elixir's tokenizer (`elixir_tokenizer.erl`) cuts them.
//!
//! The lexer is separate from the parser (rust-analyzer's lesson): it knows characters,
//! whitespace and string bodies, the parser knows only tokens. Strings come out flat —
//! `StrStart`, fragments, `InterpStart` … code tokens … `InterpEnd`, `StrEnd` — so the
//! parser meets interpolated code as ordinary tokens.
//!
//! Whitespace that matters to the grammar is kept on each token as `space_before`
//! (`foo(1)` is a call with parentheses, `foo (1)` is not; `foo -1` passes `-1` to `foo`).

use std::rc::Rc;

use num_bigint::BigInt;

use super::error::SyntaxError;
use super::MAX_DEPTH;

/// An operator, by its Elixir spelling (`"+"`, `"not in"`, `"|>"`).
pub(crate) type OpName = &'static str;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    /// `:ok`, `:+`, `true`, `false`, `nil`.
    Atom(Rc<str>),
    /// `name:` in a keyword list (the name without the colon).
    Kw(Rc<str>),
    Ident(Rc<str>),
    Alias(Rc<str>),
    Op(OpName),
    /// `&1`.
    CaptureInt(i64),
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    /// `<<`
    LBin,
    /// `>>`
    RBin,
    /// `%` before a struct name.
    Percent,
    /// `%{`
    PercentBrace,
    Comma,
    /// A newline or `;`.
    Eol,
    Fn,
    Do,
    End,
    /// `else`, `after`, `rescue`, `catch`.
    BlockKw(&'static str),
    StrStart(StrKind),
    /// Text of a string between interpolations, escapes applied as the kind asks.
    Fragment(Vec<u8>),
    InterpStart,
    InterpEnd,
    /// The end of a string; `kw` when it is a quoted keyword (`"key": 1`), `modifiers` of a sigil.
    StrEnd { kw: bool, modifiers: Rc<str> },
    Eof,
}

/// What kind of quoted text a `StrStart` opens.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum StrKind {
    Bin,
    Charlist,
    /// `:"quoted atom"`
    Atom,
    /// `~x` with its letter and opening delimiter as written (`(`, `"""`).
    Sigil { letter: char, delimiter: Rc<str> },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub line: u32,
    pub column: u32,
    /// Whitespace (or a newline, or a comment) separates this token from the previous one.
    pub space_before: bool,
}

/// How a string body treats backslashes.
#[derive(Clone, Copy, PartialEq)]
enum Escapes {
    /// `"..."`, `'...'`, `:"..."`: escapes are applied.
    Apply,
    /// Sigils: kept as written (the sigil's macro applies them), except an escaped delimiter.
    Keep,
}

#[derive(Clone, Copy)]
enum Terminator {
    Char(char),
    /// A heredoc: the body ends at this char index (the closing line), each line loses up to
    /// `indent` leading whitespace characters.
    Heredoc { end: usize, indent: usize },
}

pub(crate) fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut lexer = Lexer {
        chars: source.chars().collect(),
        pos: 0,
        line: 1,
        line_start: 0,
        tokens: Vec::new(),
        space: false,
        depth: 0,
    };
    lexer.code(false)?;
    let (line, column) = lexer.here();
    lexer.tokens.push(Token { tok: Tok::Eof, line, column, space_before: true });
    Ok(lexer.tokens)
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    /// Whitespace was seen since the last token.
    space: bool,
    /// Interpolations open around the current position.
    depth: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_lowercase() || (!c.is_ascii() && c.is_alphabetic() && !c.is_uppercase())
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Operators longest first, so that the first match is the token.
const OPERATORS: &[&str] = &[
    "<<<", "<<~", "<~>", "<|>", ">>>", "~>>", "===", "!==", "|||", "&&&", "+++", "---", "~~~", "^^^",
    "...", "\\\\", "==", "!=", "=~", "=>", "<~", "<=", "<>", "<-", ">=", "|>", "||", "&&", "~>", "++",
    "--", "->", "**", "//", "..", "::", "=", "<", ">", "|", "&", "+", "-", "*", "/", "^", "!", ".", "@",
];

/// Operators that may be written as atoms after `:` (`:+`, `:<<>>`), longest first.
const ATOM_OPERATORS: &[&str] = &[
    "..//", "<<>>", "%{}", "<<<", "<<~", "<~>", "<|>", ">>>", "~>>", "===", "!==", "|||", "&&&", "+++",
    "---", "~~~", "^^^", "...", "\\\\", "==", "!=", "=~", "=>", "<~", "<=", "<>", "<-", ">=", "|>",
    "||", "&&", "~>", "++", "--", "->", "**", "//", "..", "::", "{}", "=", "<", ">", "|", "&", "+",
    "-", "*", "/", "^", "!", ".", "@", "%",
];

impl Lexer {
    fn here(&self) -> (u32, u32) {
        (self.line, (self.pos - self.line_start + 1) as u32)
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        (self.pos..).zip(text.chars()).all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn push(&mut self, tok: Tok, line: u32, column: u32) {
        // A newline before a binary-only operator continues the expression (`|>` on the next
        // line). Unary and dual operators (`-`, `!`, `&`, `@`) start a new expression.
        if let Tok::Op(op) = &tok
            && !matches!(*op, "+" | "-" | "!" | "^" | "~~~" | "&" | "@" | "..." | "not")
            && matches!(self.tokens.last(), Some(Token { tok: Tok::Eol, .. }))
        {
            self.tokens.pop();
        }
        let space_before = std::mem::take(&mut self.space);
        self.tokens.push(Token { tok, line, column, space_before });
    }

    fn push_eol(&mut self, line: u32, column: u32) {
        self.space = true;
        match self.tokens.last() {
            // Consecutive newlines are one separator; none is needed at the start.
            None | Some(Token { tok: Tok::Eol, .. }) => {}
            Some(_) => self.tokens.push(Token { tok: Tok::Eol, line, column, space_before: true }),
        }
    }

    fn err<T>(&self, line: u32, column: u32, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError::invalid(line, column, message))
    }

    fn missing<T>(&self, message: String) -> Result<T, SyntaxError> {
        let (line, column) = self.here();
        Err(SyntaxError::incomplete(line, column, message))
    }

    /// Code until the end of input, or (in an interpolation) until the `}` that closes it.
    fn code(&mut self, in_interpolation: bool) -> Result<(), SyntaxError> {
        let mut braces = 0usize;
        while let Some(c) = self.peek(0) {
            let (line, column) = self.here();
            match c {
                ' ' | '\t' | '\r' => {
                    self.pos += 1;
                    self.space = true;
                }
                '\\' if matches!(self.peek(1), Some('\n')) => {
                    self.pos += 2;
                    self.newline();
                    self.space = true;
                }
                '\n' => {
                    self.pos += 1;
                    self.push_eol(line, column);
                    self.newline();
                }
                ';' => {
                    self.pos += 1;
                    self.push_eol(line, column);
                }
                '#' => {
                    while let Some(c) = self.peek(0) {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                    self.space = true;
                }
                '0'..='9' => self.number()?,
                '"' => {
                    if self.starts_with("\"\"\"") {
                        self.heredoc('"', StrKind::Bin)?;
                    } else {
                        self.pos += 1;
                        self.push(Tok::StrStart(StrKind::Bin), line, column);
                        self.string_body(Terminator::Char('"'), Escapes::Apply, true, line, "string")?;
                        self.string_end(true, line, column)?;
                    }
                }
                '\'' => {
                    if self.starts_with("'''") {
                        self.heredoc('\'', StrKind::Charlist)?;
                    } else {
                        self.pos += 1;
                        self.push(Tok::StrStart(StrKind::Charlist), line, column);
                        self.string_body(Terminator::Char('\''), Escapes::Apply, true, line, "string")?;
                        self.string_end(true, line, column)?;
                    }
                }
                '?' => self.char_literal()?,
                '~' if self.peek(1).is_some_and(|c| c.is_ascii_alphabetic()) => self.sigil()?,
                ':' if self.peek(1) != Some(':') => self.atom()?,
                '(' => self.simple(Tok::LParen, 1),
                ')' => self.simple(Tok::RParen, 1),
                '[' => self.simple(Tok::LBracket, 1),
                ']' => self.simple(Tok::RBracket, 1),
                '{' => {
                    braces += 1;
                    self.simple(Tok::LBrace, 1)
                }
                '}' => {
                    if in_interpolation && braces == 0 {
                        return Ok(());
                    }
                    braces = braces.saturating_sub(1);
                    self.simple(Tok::RBrace, 1)
                }
                ',' => self.simple(Tok::Comma, 1),
                '%' if self.peek(1) == Some('{') => {
                    braces += 1;
                    self.simple(Tok::PercentBrace, 2)
                }
                '%' => self.simple(Tok::Percent, 1),
                '<' if self.starts_with("<<") && !self.starts_with("<<<") && !self.starts_with("<<~") => {
                    self.simple(Tok::LBin, 2)
                }
                '>' if self.starts_with(">>") && !self.starts_with(">>>") => self.simple(Tok::RBin, 2),
                '&' if self.peek(1).is_some_and(|c| c.is_ascii_digit()) => {
                    self.pos += 1;
                    let start = self.pos;
                    while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                        self.pos += 1;
                    }
                    let digits: String = self.chars[start..self.pos].iter().collect();
                    let n = digits.parse::<i64>().unwrap_or(i64::MAX);
                    self.push(Tok::CaptureInt(n), line, column);
                }
                c if is_ident_start(c) => self.identifier()?,
                c if c.is_ascii_uppercase() => self.alias()?,
                _ => {
                    if let Some(mut op) = OPERATORS.iter().find(|op| op.starts_with(c) && self.starts_with(op)) {
                        // `Kernel.//2` names `/`: after a dot, `//` is not one token.
                        if *op == "//" && self.after_dot() {
                            op = &"/";
                        }
                        self.pos += op.chars().count();
                        let tok = if self.after_dot() || self.names_operator(op) {
                            Tok::Ident((*op).into())
                        } else {
                            Tok::Op(op)
                        };
                        self.push(tok, line, column);
                    } else {
                        return self.err(
                            line,
                            column,
                            format!("unexpected token: {:?} (column {}, code point U+{:04X})", c.to_string(), column, c as u32),
                        );
                    }
                }
            }
        }
        if in_interpolation {
            return self.missing(String::new());
        }
        Ok(())
    }

    /// The previous token is a `.` (not `..`): an operator or keyword here is a function name
    /// (`Kernel.+(1, 2)`, `:queue.in(x, q)`), as in Elixir's `handle_dot`.
    fn after_dot(&self) -> bool {
        matches!(self.tokens.last(), Some(Token { tok: Tok::Op("."), .. }))
    }

    /// An operator followed by `/` (spaces allowed) names the function, as in `&+/2` or
    /// `&Kernel.||/2`: Elixir's tokenizer makes it an identifier. `&//2` still captures `/`.
    fn names_operator(&self, op: &str) -> bool {
        if matches!(op, "." | "..." | "//" | "=>") {
            return false;
        }
        let mut i = self.pos;
        while matches!(self.chars.get(i), Some(' ' | '\t')) {
            i += 1;
        }
        if self.chars.get(i) != Some(&'/') {
            return false;
        }
        if op != "&" {
            return true;
        }
        let mut j = i + 1;
        while matches!(self.chars.get(j), Some(' ' | '\t')) {
            j += 1;
        }
        self.chars.get(j) != Some(&'/')
    }

    fn simple(&mut self, tok: Tok, width: usize) {
        let (line, column) = self.here();
        self.pos += width;
        self.push(tok, line, column);
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        let start = self.pos;
        let radix = match (self.peek(0), self.peek(1)) {
            (Some('0'), Some('x')) => 16,
            (Some('0'), Some('o')) => 8,
            (Some('0'), Some('b')) => 2,
            _ => 10,
        };
        let mut digits = String::new();
        let mut is_float = false;
        if radix != 10 && self.peek(2).is_some_and(|c| c.is_digit(radix)) {
            self.pos += 2;
            while let Some(c) = self.peek(0) {
                if c.is_digit(radix) || (c == '_' && self.peek(1).is_some_and(|d| d.is_digit(radix))) {
                    if c != '_' {
                        digits.push(c);
                    }
                    self.pos += 1;
                } else {
                    break;
                }
            }
        } else {
            self.digits(&mut digits);
            if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                digits.push('.');
                self.pos += 1;
                self.digits(&mut digits);
                if matches!(self.peek(0), Some('e' | 'E')) {
                    let sign = matches!(self.peek(1), Some('+' | '-'));
                    let first = if sign { self.peek(2) } else { self.peek(1) };
                    if first.is_some_and(|c| c.is_ascii_digit()) {
                        digits.push('e');
                        if sign {
                            digits.push(self.peek(1).unwrap_or('+'));
                            self.pos += 1;
                        }
                        self.pos += 1;
                        self.digits(&mut digits);
                    }
                }
            }
        }
        if let Some(c) = self.peek(0)
            && (is_ident_char(c) || c.is_alphabetic())
        {
            let written: String = self.chars[start..self.pos].iter().collect();
            return self.err(
                line,
                column,
                format!(
                    "invalid character {:?} after number {written}. If you intended to write a number, make sure to separate the number from the character (using comma, space, etc). If you meant to write a function name or a variable, note that identifiers in Elixir cannot start with numbers. Unexpected token: {c}",
                    c.to_string()
                ),
            );
        }
        let tok = if is_float {
            match digits.parse::<f64>() {
                Ok(f) if f.is_finite() => Tok::Float(f),
                _ => return self.err(line, column, format!("invalid float number {digits}")),
            }
        } else {
            match i64::from_str_radix(&digits, radix) {
                Ok(n) => Tok::Int(n),
                Err(_) => match BigInt::parse_bytes(digits.as_bytes(), radix) {
                    Some(n) => Tok::BigInt(Rc::new(n)),
                    None => return self.err(line, column, format!("invalid number {digits}")),
                },
            }
        };
        self.push(tok, line, column);
        Ok(())
    }

    /// Decimal digits with `_` separators between them.
    fn digits(&mut self, out: &mut String) {
        while let Some(c) = self.peek(0) {
            if c.is_ascii_digit() {
                out.push(c);
                self.pos += 1;
            } else if c == '_' && self.peek(1).is_some_and(|d| d.is_ascii_digit()) {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek(0).is_some_and(is_ident_char) {
            self.pos += 1;
        }
        if matches!(self.peek(0), Some('?' | '!')) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    /// `name:` followed by whitespace is a keyword key.
    fn keyword_colon(&self) -> bool {
        self.peek(0) == Some(':') && self.peek(1) != Some(':')
            && self.peek(1).is_none_or(|c| c.is_whitespace())
    }

    fn identifier(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        let name = self.word();
        if self.keyword_colon() {
            self.pos += 1;
            self.push(Tok::Kw(name.into()), line, column);
            return Ok(());
        }
        if self.after_dot() {
            self.push(Tok::Ident(name.into()), line, column);
            return Ok(());
        }
        let operator_keyword = matches!(name.as_str(), "and" | "or" | "in" | "when" | "not");
        if operator_keyword && self.names_operator(&name) {
            self.push(Tok::Ident(name.into()), line, column);
            return Ok(());
        }
        let tok = match name.as_str() {
            "true" | "false" | "nil" => Tok::Atom(name.into()),
            "fn" => Tok::Fn,
            "do" => Tok::Do,
            "end" => Tok::End,
            "else" => Tok::BlockKw("else"),
            "after" => Tok::BlockKw("after"),
            "rescue" => Tok::BlockKw("rescue"),
            "catch" => Tok::BlockKw("catch"),
            "and" => Tok::Op("and"),
            "or" => Tok::Op("or"),
            "in" => Tok::Op("in"),
            "when" => Tok::Op("when"),
            "not" => {
                // `not in` is one operator.
                let mut i = self.pos;
                while matches!(self.chars.get(i), Some(' ' | '\t')) {
                    i += 1;
                }
                if i > self.pos
                    && self.chars.get(i) == Some(&'i')
                    && self.chars.get(i + 1) == Some(&'n')
                    && !self.chars.get(i + 2).is_some_and(|c| is_ident_char(*c) || *c == ':')
                {
                    self.pos = i + 2;
                    Tok::Op("not in")
                } else {
                    Tok::Op("not")
                }
            }
            _ => Tok::Ident(name.into()),
        };
        self.push(tok, line, column);
        Ok(())
    }

    fn alias(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        let start = self.pos;
        while self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        if self.keyword_colon() {
            self.pos += 1;
            self.push(Tok::Kw(name.into()), line, column);
        } else {
            self.push(Tok::Alias(name.into()), line, column);
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        match self.peek(1) {
            Some('"') => {
                self.pos += 2;
                self.push(Tok::StrStart(StrKind::Atom), line, column);
                self.string_body(Terminator::Char('"'), Escapes::Apply, true, line, "atom")?;
                self.push(Tok::StrEnd { kw: false, modifiers: "".into() }, line, column);
                Ok(())
            }
            Some(c) if is_ident_start(c) || c.is_ascii_uppercase() => {
                self.pos += 1;
                let start = self.pos;
                // Atoms may hold `@` (`:node@host`), unlike identifiers.
                while self.peek(0).is_some_and(|c| is_ident_char(c) || c == '@') {
                    self.pos += 1;
                }
                if matches!(self.peek(0), Some('?' | '!')) {
                    self.pos += 1;
                }
                let name: String = self.chars[start..self.pos].iter().collect();
                self.push(Tok::Atom(name.into()), line, column);
                Ok(())
            }
            _ => {
                self.pos += 1;
                if let Some(op) = ATOM_OPERATORS.iter().find(|op| self.starts_with(op)) {
                    self.pos += op.chars().count();
                    self.push(Tok::Atom((*op).into()), line, column);
                    Ok(())
                } else {
                    self.pos -= 1;
                    self.err(line, column, format!("unexpected token: \":\" (column {column}, code point U+003A)"))
                }
            }
        }
    }

    fn char_literal(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        let value = match (self.peek(1), self.peek(2)) {
            (Some('\\'), Some(c)) => {
                self.pos += 3;
                match c {
                    'x' | 'u' => {
                        self.pos -= 1;
                        let mut out = Vec::new();
                        self.escape(&mut out, true, line, column)?;
                        return self.push_char(out, line, column);
                    }
                    _ => simple_escape(c).unwrap_or(c) as i64,
                }
            }
            (Some(c), _) if !c.is_whitespace() => {
                self.pos += 2;
                if c == '\n' {
                    self.newline();
                }
                c as i64
            }
            _ => {
                return self.err(line, column, format!("unexpected token: \"?\" (column {column}, code point U+003F)"));
            }
        };
        self.push(Tok::Int(value), line, column);
        Ok(())
    }

    fn push_char(&mut self, codepoint: Vec<u8>, line: u32, column: u32) -> Result<(), SyntaxError> {
        let value = std::str::from_utf8(&codepoint).ok().and_then(|s| s.chars().next()).map(|c| c as i64);
        let value = value.or_else(|| codepoint.first().map(|b| *b as i64)).unwrap_or(0);
        self.push(Tok::Int(value), line, column);
        Ok(())
    }

    fn sigil(&mut self) -> Result<(), SyntaxError> {
        let (line, column) = self.here();
        let letter = self.peek(1).unwrap_or('s');
        self.pos += 2;
        let interpolates = letter.is_ascii_lowercase();
        for quote in ['"', '\''] {
            let triple: String = [quote; 3].iter().collect();
            if self.starts_with(&triple) {
                return self.heredoc(quote, StrKind::Sigil { letter, delimiter: triple.into() });
            }
        }
        let (open, close) = match self.peek(0) {
            Some('(') => ('(', ')'),
            Some('[') => ('[', ']'),
            Some('{') => ('{', '}'),
            Some('<') => ('<', '>'),
            Some(c @ ('/' | '|' | '"' | '\'')) => (c, c),
            _ => {
                return self.err(
                    line,
                    column,
                    "invalid sigil delimiter, expected one of ( [ { < / | \" ' \"\"\" '''",
                );
            }
        };
        self.pos += 1;
        self.push(Tok::StrStart(StrKind::Sigil { letter, delimiter: open.to_string().into() }), line, column);
        let what = format!("sigil ~{letter}{open}");
        self.string_body(Terminator::Char(close), Escapes::Keep, interpolates, line, &what)?;
        self.sigil_end(line, column)
    }

    fn sigil_end(&mut self, line: u32, column: u32) -> Result<(), SyntaxError> {
        let start = self.pos;
        while self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric()) {
            self.pos += 1;
        }
        let modifiers: String = self.chars[start..self.pos].iter().collect();
        self.push(Tok::StrEnd { kw: false, modifiers: modifiers.into() }, line, column);
        Ok(())
    }

    fn string_end(&mut self, allow_kw: bool, line: u32, column: u32) -> Result<(), SyntaxError> {
        let kw = allow_kw && self.keyword_colon();
        if kw {
            self.pos += 1;
        }
        self.push(Tok::StrEnd { kw, modifiers: "".into() }, line, column);
        Ok(())
    }

    /// `"""` … `"""`: the body starts on the next line and loses the closing line's indentation.
    fn heredoc(&mut self, quote: char, kind: StrKind) -> Result<(), SyntaxError> {
        let (line, column) = if matches!(kind, StrKind::Sigil { .. }) {
            let (l, c) = self.here();
            (l, c - 2)
        } else {
            self.here()
        };
        let is_sigil = matches!(kind, StrKind::Sigil { .. });
        self.pos += 3;
        while matches!(self.peek(0), Some(' ' | '\t' | '\r')) {
            self.pos += 1;
        }
        if self.peek(0) != Some('\n') {
            let q: String = [quote; 3].iter().collect();
            return self.err(
                line,
                column,
                format!("heredoc allows only zero or more whitespace characters followed by a new line after {q}"),
            );
        }
        self.pos += 1;
        self.newline();
        // Find the closing line: only whitespace, then the three quotes.
        let mut i = self.pos;
        let closing = loop {
            let line_begin = i;
            while matches!(self.chars.get(i), Some(' ' | '\t')) {
                i += 1;
            }
            if self.chars.get(i) == Some(&quote)
                && self.chars.get(i + 1) == Some(&quote)
                && self.chars.get(i + 2) == Some(&quote)
            {
                break Some((line_begin, i - line_begin));
            }
            while let Some(c) = self.chars.get(i) {
                i += 1;
                if *c == '\n' {
                    break;
                }
            }
            if i >= self.chars.len() {
                break None;
            }
        };
        let Some((end, indent)) = closing else {
            self.pos = self.chars.len();
            let q: String = [quote; 3].iter().collect();
            return self.missing(format!(
                "missing terminator: {q} (for heredoc starting at line {line})"
            ));
        };
        let escapes = if is_sigil { Escapes::Keep } else { Escapes::Apply };
        let interpolates = match &kind {
            StrKind::Sigil { letter, .. } => letter.is_ascii_lowercase(),
            _ => true,
        };
        self.push(Tok::StrStart(kind), line, column);
        // Elixir's heredoc body always begins with a piece of text, empty if the first line
        // begins with an interpolation (`["", to_string(x)::binary, "\n"]`).
        let (l, c) = self.here();
        self.push(Tok::Fragment(Vec::new()), l, c);
        self.string_body(Terminator::Heredoc { end, indent }, escapes, interpolates, line, "heredoc")?;
        // Past the closing line's indentation and the quotes.
        self.pos = end + indent + 3;
        if is_sigil {
            self.sigil_end(line, column)
        } else {
            self.string_end(false, line, column)
        }
    }

    /// The body of a string up to its terminator, which it consumes (a heredoc's closing line
    /// is left to the caller).
    fn string_body(
        &mut self,
        terminator: Terminator,
        escapes: Escapes,
        interpolates: bool,
        start_line: u32,
        what: &str,
    ) -> Result<(), SyntaxError> {
        let mut text: Vec<u8> = Vec::new();
        let mut at_line_start = matches!(terminator, Terminator::Heredoc { .. });
        let mut buf = [0u8; 4];
        loop {
            if let Terminator::Heredoc { end, indent } = terminator {
                if at_line_start {
                    at_line_start = false;
                    let mut stripped = 0;
                    while stripped < indent && matches!(self.peek(0), Some(' ' | '\t')) && self.pos < end {
                        self.pos += 1;
                        stripped += 1;
                    }
                }
                if self.pos >= end {
                    break;
                }
            }
            let Some(c) = self.peek(0) else {
                let closing = match terminator {
                    Terminator::Char(c) => c.to_string(),
                    Terminator::Heredoc { .. } => "\"\"\"".to_string(),
                };
                return self.missing(format!(
                    "missing terminator: {closing} (for {what} starting at line {start_line})"
                ));
            };
            if let Terminator::Char(close) = terminator
                && c == close
            {
                self.pos += 1;
                break;
            }
            match c {
                '\\' => {
                    let (line, column) = self.here();
                    let next = self.peek(1);
                    match escapes {
                        Escapes::Apply => {
                            if next == Some('\n') {
                                self.pos += 2;
                                self.newline();
                                at_line_start = true;
                            } else {
                                self.escape(&mut text, false, line, column)?;
                            }
                        }
                        Escapes::Keep => {
                            let is_delimiter = match terminator {
                                Terminator::Char(close) => next == Some(close),
                                Terminator::Heredoc { .. } => false,
                            };
                            if is_delimiter {
                                self.pos += 2;
                                text.extend_from_slice(next.unwrap_or(' ').encode_utf8(&mut buf).as_bytes());
                            } else {
                                self.pos += 1;
                                text.push(b'\\');
                                if let Some(n) = next {
                                    self.pos += 1;
                                    text.extend_from_slice(n.encode_utf8(&mut buf).as_bytes());
                                    if n == '\n' {
                                        self.newline();
                                        at_line_start = true;
                                    }
                                }
                            }
                        }
                    }
                }
                '#' if interpolates && self.peek(1) == Some('{') => {
                    let (line, column) = self.here();
                    if !text.is_empty() {
                        self.push(Tok::Fragment(std::mem::take(&mut text)), line, column);
                    }
                    self.pos += 2;
                    self.push(Tok::InterpStart, line, column);
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return self.err(line, column, format!("nesting too deep: more than {MAX_DEPTH} levels"));
                    }
                    match self.code(true) {
                        Ok(()) => {}
                        Err(e) if e.message.is_empty() => {
                            return Err(SyntaxError::incomplete(
                                line,
                                column,
                                format!("missing interpolation terminator: \"}}\" (for {what} starting at line {start_line})"),
                            ));
                        }
                        Err(e) => return Err(e),
                    }
                    self.depth -= 1;
                    let (line, column) = self.here();
                    self.pos += 1;
                    self.push(Tok::InterpEnd, line, column);
                }
                '\n' => {
                    self.pos += 1;
                    self.newline();
                    text.push(b'\n');
                    at_line_start = true;
                }
                '\r' if self.peek(1) == Some('\n') => {
                    // Elixir keeps `\r\n` in strings but drops the `\r` in heredocs.
                    self.pos += 1;
                    if matches!(terminator, Terminator::Char(_)) {
                        text.push(b'\r');
                    }
                }
                c => {
                    self.pos += 1;
                    text.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        if !text.is_empty() {
            let (line, column) = self.here();
            self.push(Tok::Fragment(text), line, column);
        }
        Ok(())
    }

    /// One escape sequence at `self.pos` (the backslash), appended to `out` as UTF-8 (or the
    /// raw byte of `\xHH` when `char_value` is false).
    fn escape(&mut self, out: &mut Vec<u8>, char_value: bool, line: u32, column: u32) -> Result<(), SyntaxError> {
        let mut buf = [0u8; 4];
        let Some(c) = self.peek(1) else {
            self.pos += 1;
            return Ok(());
        };
        self.pos += 2;
        match c {
            'x' => {
                let mut value = 0u32;
                let mut count = 0;
                while count < 2 {
                    match self.peek(0).and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            self.pos += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                if count == 0 {
                    return self.err(
                        line,
                        column,
                        "invalid hex escape character, expected \\xHH where H is a hexadecimal digit. Syntax error after: \\x",
                    );
                }
                if char_value {
                    let ch = char::from_u32(value).unwrap_or('\u{FFFD}');
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                } else {
                    out.push(value as u8);
                }
            }
            'u' => {
                let mut value = 0u32;
                let braced = self.peek(0) == Some('{');
                if braced {
                    self.pos += 1;
                }
                let mut count = 0;
                let max = if braced { 6 } else { 4 };
                while count < max {
                    match self.peek(0).and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            self.pos += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                let closed = !braced || self.peek(0) == Some('}');
                if braced && closed {
                    self.pos += 1;
                }
                if count == 0 || (!braced && count != 4) || !closed {
                    return self.err(
                        line,
                        column,
                        "invalid Unicode escape character, expected \\uHHHH or \\u{H*} where H is a hexadecimal digit. Syntax error after: \\u",
                    );
                }
                match char::from_u32(value) {
                    Some(ch) => out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes()),
                    None => {
                        return self.err(
                            line,
                            column,
                            format!("invalid or reserved Unicode code point \\u{{{value:X}}}. Syntax error after: \\u"),
                        );
                    }
                }
            }
            '\n' => self.newline(),
            c => {
                let ch = simple_escape(c).unwrap_or(c);
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
        }
        Ok(())
    }
}

fn simple_escape(c: char) -> Option<char> {
    Some(match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'd' => '\u{7f}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        's' => ' ',
        't' => '\t',
        'v' => '\u{b}',
        _ => return None,
    })
}
