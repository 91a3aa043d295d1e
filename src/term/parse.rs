//! The term literals a learner types into the forms (and a share link carries): atoms,
//! integers, floats, strings, tuples, lists, maps, `~D[...]` dates and `#PID<0.N.0>`
//! (resolved to a live process by the caller).
//!
//! Whatever the text, parsing ends with a term or a sentence saying what is wrong and where
//! (columns count characters from 1). Nesting is bounded by [`MAX_DEPTH`]: the parser
//! recurses once per level, and a stack overflow in wasm ends the whole page. Escapes in
//! strings and quoted atoms are Elixir's (checked against real Elixir in
//! `tests/vectors/term_literals.txt`).

use super::{Date, Term};
use crate::runtime::Pid;

/// The deepest nesting a literal may have. Far above what anyone types (the book's deepest
/// message is 3 levels), far below what the stack holds (a level costs well under a
/// kilobyte; wasm's stack is 1 MB), and the depth the terms' own recursive code (rendering,
/// comparing, hashing, encoding) is then sure to handle.
pub const MAX_DEPTH: usize = 100;

/// The longest atom, as on the BEAM (`:erlang.list_to_atom/1`'s system limit).
const MAX_ATOM_CHARS: usize = 255;

/// Parses one term; `resolve_pid` turns the `N` of `#PID<0.N.0>` into a live pid.
pub fn parse_term(text: &str, resolve_pid: &dyn Fn(u32) -> Option<Pid>) -> Result<Term, String> {
    let mut p = Parser { chars: text.chars().collect(), at: 0, depth: 0, resolve_pid };
    p.skip_ws();
    if p.at == p.chars.len() {
        return Err("empty: type a term such as :ping or {:add, 1}".into());
    }
    let term = p.term()?;
    p.skip_ws();
    if let Some(c) = p.peek() {
        return Err(format!("unexpected {} at column {} after a complete term", shown(c), p.at + 1));
    }
    Ok(term)
}

/// Parses `2024-01-22` (or `~D[2024-01-22]`) into a valid calendar date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let inner = text.strip_prefix("~D[").and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    let bad = || format!("malformed date {}: write it as 2024-01-22", Term::string(&abbreviated(text)));
    let parts: Vec<&str> = inner.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !parts.iter().all(|p| digits(p)) {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u8 = parts[1].parse().map_err(|_| bad())?;
    let day: u8 = parts[2].parse().map_err(|_| bad())?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("no month {month} in {}", Term::string(text))),
    };
    if day == 0 || day > days {
        return Err(format!("no day {day} in month {month} of {year}"));
    }
    Ok(Date::new(year, month, day))
}

/// `0.12.0`, `<0.12.0>`, `#PID<0.12.0>` or `12` → 12.
pub fn parse_pid_number(text: &str) -> Option<u32> {
    let text = text.trim().trim_start_matches("#PID").trim_start_matches('<').trim_end_matches('>');
    let parts: Vec<&str> = text.split('.').collect();
    let number = |s: &str| if s.chars().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None };
    match parts.as_slice() {
        [n] => number(n),
        ["0", n, "0"] => number(n),
        _ => None,
    }
}

/// A character as Elixir shows it in a string: `"}"`, `"\n"`.
fn shown(c: char) -> String {
    Term::string(c.encode_utf8(&mut [0; 4])).to_string()
}

/// At most 40 characters of `text`, for a message.
fn abbreviated(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// What a bracket opens, for messages about it.
#[derive(Clone, Copy)]
enum Container {
    Tuple,
    List,
    Map,
}

impl Container {
    fn name(self) -> &'static str {
        match self {
            Container::Tuple => "tuple",
            Container::List => "list",
            Container::Map => "map",
        }
    }

    fn close(self) -> char {
        match self {
            Container::Tuple | Container::Map => '}',
            Container::List => ']',
        }
    }
}

struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    /// Containers open around `at`.
    depth: usize,
    resolve_pid: &'a dyn Fn(u32) -> Option<Pid>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn text(&self, from: usize) -> String {
        self.chars[from..self.at].iter().collect()
    }

    fn term(&mut self) -> Result<Term, String> {
        self.skip_ws();
        let start = self.at;
        match self.peek() {
            Some(':') => {
                self.at += 1;
                if self.peek() == Some('"') {
                    let bytes = self.string_body(start, "quoted atom")?;
                    let name = String::from_utf8(bytes).map_err(|_| format!("the atom at column {} is not valid UTF-8", start + 1))?;
                    return atom(name, start);
                }
                let name = self.word();
                if name.is_empty() {
                    return Err(format!("an atom needs a name after ':' (column {})", self.at + 1));
                }
                atom(name, start)
            }
            Some('"') => Ok(Term::Binary(self.string_body(start, "string")?)),
            Some('<') if self.starts_with("<<") => self.bytes(),
            Some('{') => self.container(Container::Tuple, 1),
            Some('[') => self.container(Container::List, 1),
            Some('%') if self.starts_with("%{") => self.container(Container::Map, 2),
            Some('~') if self.starts_with("~D[") => {
                while self.peek().is_some_and(|c| c != ']') {
                    self.at += 1;
                }
                if !self.eat(']') {
                    return Err(format!("the date opened at column {} is not closed: expected ]", start + 1));
                }
                Ok(parse_date(&self.text(start))?.to_term())
            }
            Some('#') if self.starts_with("#PID<") => {
                self.at += 5;
                let inner_start = self.at;
                while self.peek().is_some_and(|c| c != '>') {
                    self.at += 1;
                }
                let inner = self.text(inner_start);
                if !self.eat('>') {
                    return Err(format!("the pid opened at column {} is not closed: expected >", start + 1));
                }
                let n = parse_pid_number(&inner).ok_or_else(|| format!("malformed pid #PID<{}>: write it as #PID<0.12.0>", abbreviated(&inner)))?;
                (self.resolve_pid)(n).map(Term::Pid).ok_or_else(|| format!("no live process #PID<0.{n}.0>"))
            }
            Some(c) if c == '-' || c == '+' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let word = self.word();
                match word.as_str() {
                    "true" | "false" | "nil" => Ok(Term::Atom(word)),
                    // An alias such as Todo.Cache is the atom :"Elixir.Todo.Cache".
                    w if w.starts_with(char::is_uppercase) => atom(format!("Elixir.{w}"), start),
                    w => {
                        let w = abbreviated(w);
                        Err(format!("unknown word {w} at column {}: atoms start with ':' (:{w}), strings are quoted (\"{w}\")", start + 1))
                    }
                }
            }
            Some(c) => Err(format!("unexpected {} at column {}: expected a term", shown(c), self.at + 1)),
            None => Err("the term ends too early".into()),
        }
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | '!' | '@')) {
            self.at += 1;
        }
        self.text(start)
    }

    /// A tuple, list or map whose opening (`open_len` characters) is at `at`: its items up
    /// to the closing bracket. Lists take keyword items (`[a: 1]`), maps `key => value` and
    /// `key: value` pairs.
    fn container(&mut self, kind: Container, open_len: usize) -> Result<Term, String> {
        let opened = self.at;
        if self.depth >= MAX_DEPTH {
            return Err(format!("nested too deeply: more than {MAX_DEPTH} levels (the {} at column {})", kind.name(), opened + 1));
        }
        self.at += open_len;
        self.depth += 1;
        let close = kind.close();
        let unclosed = |p: &Parser, expected: &str| {
            let what = format!("the {} opened at column {} is not closed: expected {expected}", kind.name(), opened + 1);
            match p.peek() {
                None => what,
                Some(c) => format!("unexpected {} at column {}: {what}", shown(c), p.at + 1),
            }
        };
        let mut items = Vec::new();
        let mut pairs = Vec::new();
        if !self.eat(close) {
            loop {
                self.skip_ws();
                if self.peek().is_none() {
                    return Err(unclosed(self, &format!("a term or {close}")));
                }
                match kind {
                    Container::Tuple => items.push(self.term()?),
                    Container::List => match self.keyword_key()? {
                        Some(key) => items.push(Term::tuple([key, self.term()?])),
                        None => items.push(self.term()?),
                    },
                    Container::Map => match self.keyword_key()? {
                        Some(key) => pairs.push((key, self.term()?)),
                        None => {
                            let key = self.term()?;
                            self.skip_ws();
                            if !self.starts_with("=>") {
                                return Err(unclosed(self, "=> after the key"));
                            }
                            self.at += 2;
                            pairs.push((key, self.term()?));
                        }
                    },
                }
                if self.eat(close) {
                    break;
                }
                if !self.eat(',') {
                    return Err(unclosed(self, &format!(", or {close}")));
                }
            }
        }
        self.depth -= 1;
        Ok(match kind {
            Container::Tuple => Term::Tuple(items),
            Container::List => Term::List(items),
            Container::Map => Term::Map(pairs),
        })
    }

    /// `<<1, 2, 255>>`: a binary as Elixir shows one that is not text.
    fn bytes(&mut self) -> Result<Term, String> {
        let opened = self.at;
        self.at += 2;
        let unclosed = || format!("the binary opened at column {} is not closed: expected , or >>", opened + 1);
        let mut bytes = Vec::new();
        self.skip_ws();
        if self.starts_with(">>") {
            self.at += 2;
            return Ok(Term::Binary(bytes));
        }
        loop {
            self.skip_ws();
            let at = self.at;
            let start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.at += 1;
            }
            match self.text(start).parse::<u8>() {
                Ok(byte) => bytes.push(byte),
                Err(_) if self.peek().is_none() && self.at == start => return Err(unclosed()),
                Err(_) => return Err(format!("a binary holds bytes from 0 to 255 (column {})", at + 1)),
            }
            self.skip_ws();
            if self.starts_with(">>") {
                self.at += 2;
                return Ok(Term::Binary(bytes));
            }
            if !self.eat(',') {
                return Err(unclosed());
            }
        }
    }

    /// `name:` followed by a space: a keyword key (the atom `:name`).
    fn keyword_key(&mut self) -> Result<Option<Term>, String> {
        let start = self.at;
        if !self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
            return Ok(None);
        }
        let word = self.word();
        if self.peek() == Some(':') && self.peek_at(1).is_none_or(char::is_whitespace) {
            self.at += 1;
            Ok(Some(atom(word, start)?))
        } else {
            self.at = start;
            Ok(None)
        }
    }

    /// A `"`-delimited body starting at `at` (a string, or a quoted atom whose `:` is at
    /// `start`), with Elixir's escapes: the bytes it stands for.
    fn string_body(&mut self, start: usize, what: &str) -> Result<Vec<u8>, String> {
        self.at += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(format!("the {what} opened at column {} is not closed: expected \"", start + 1)),
                Some('"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    let escape_at = self.at;
                    self.at += 1;
                    self.escape(escape_at, &mut out)?;
                }
                Some(c) => {
                    push_char(&mut out, c);
                    self.at += 1;
                }
            }
        }
    }

    /// One escape after its `\` (at `escape_at`), as Elixir reads it in a string.
    fn escape(&mut self, escape_at: usize, out: &mut Vec<u8>) -> Result<(), String> {
        let column = escape_at + 1;
        let Some(c) = self.peek() else {
            return Err(format!("a string ends in \\ at column {column}"));
        };
        self.at += 1;
        let simple = match c {
            '0' => Some(0),
            'a' => Some(7),
            'b' => Some(8),
            'd' => Some(127),
            'e' => Some(27),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            's' => Some(32),
            't' => Some(9),
            'v' => Some(11),
            _ => None,
        };
        if let Some(byte) = simple {
            out.push(byte);
            return Ok(());
        }
        match c {
            // A backslash before a line break joins the lines.
            '\n' => {}
            'x' if self.peek() == Some('{') => {
                let code = self.braced_hex(column, "\\x{H*}")?;
                push_char(out, code_point(code, column)?);
            }
            'x' => {
                let digits = self.hex_digits(2);
                if digits.is_empty() {
                    return Err(format!("invalid escape at column {column}: \\x needs hexadecimal digits, as in \\x07"));
                }
                out.push(u8::from_str_radix(&digits, 16).expect("1 or 2 hex digits"));
            }
            'u' if self.peek() == Some('{') => {
                let code = self.braced_hex(column, "\\u{H*}")?;
                push_char(out, code_point(code, column)?);
            }
            'u' => {
                let digits = self.hex_digits(4);
                if digits.len() != 4 {
                    return Err(format!("invalid escape at column {column}: \\u needs 4 hexadecimal digits (\\u0041) or braces (\\u{{1F600}})"));
                }
                push_char(out, code_point(u32::from_str_radix(&digits, 16).expect("4 hex digits"), column)?);
            }
            // Any other escaped character stands for itself, as in Elixir (`\"`, `\\`, `\z`).
            other => push_char(out, other),
        }
        Ok(())
    }

    /// Up to `max` hexadecimal digits.
    fn hex_digits(&mut self, max: usize) -> String {
        let start = self.at;
        while self.at - start < max && self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.at += 1;
        }
        self.text(start)
    }

    /// `{H*}` (1 to 6 hex digits) after `\x` or `\u`.
    fn braced_hex(&mut self, column: usize, form: &str) -> Result<u32, String> {
        self.at += 1; // {
        let digits = self.hex_digits(7);
        if digits.is_empty() || digits.len() > 6 || !self.eat_here('}') {
            return Err(format!("invalid escape at column {column}: write {form} with 1 to 6 hexadecimal digits, as in \\u{{1F600}}"));
        }
        Ok(u32::from_str_radix(&digits, 16).expect("at most 6 hex digits"))
    }

    fn eat_here(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    fn number(&mut self) -> Result<Term, String> {
        let start = self.at;
        if matches!(self.peek(), Some('-' | '+')) {
            self.at += 1;
        }
        let digits_start = self.at;
        self.digits();
        if self.at == digits_start {
            return Err(format!("a number needs digits after {} (column {})", shown(self.chars[start]), start + 1));
        }
        let mut float = false;
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            float = true;
            self.at += 1;
            self.digits();
            if matches!(self.peek(), Some('e' | 'E')) {
                let sign = usize::from(matches!(self.peek_at(1), Some('-' | '+')));
                if self.peek_at(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                    self.at += 1 + sign;
                    self.digits();
                }
            }
        }
        if self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            let tail = self.word();
            return Err(format!("malformed number {} at column {}", abbreviated(&format!("{}{tail}", self.text(start))), start + 1));
        }
        let written = self.text(start);
        let text: String = written.chars().filter(|c| *c != '_').collect();
        if float {
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Term::Float(x)),
                _ => Err(format!("the float {} at column {} is too large: floats go up to about 1.8e308", abbreviated(&written), start + 1)),
            }
        } else {
            text.parse().map(Term::Int).map_err(|_| {
                let digits = text.trim_start_matches(['-', '+']).len();
                format!(
                    "the integer at column {} ({} digits) is too large: integers here go from {} to {}",
                    start + 1,
                    digits,
                    i64::MIN,
                    i64::MAX
                )
            })
        }
    }

    /// Digits with single `_` between them (`1_000`).
    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) || (self.peek() == Some('_') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit())) {
            self.at += 1;
        }
    }
}

fn atom(name: String, start: usize) -> Result<Term, String> {
    let chars = name.chars().count();
    if chars > MAX_ATOM_CHARS {
        return Err(format!("the atom at column {} is too long: {chars} characters, at most {MAX_ATOM_CHARS}", start + 1));
    }
    Ok(Term::Atom(name))
}

fn push_char(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

/// A Unicode scalar value, or Elixir's complaint.
fn code_point(code: u32, column: usize) -> Result<char, String> {
    char::from_u32(code).ok_or_else(|| format!("invalid or reserved Unicode code point \\u{{{code:X}}} at column {column}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Term, String> {
        parse_term(text, &|_| None)
    }

    #[test]
    fn an_unclosed_tuple_says_where_it_opened() {
        assert_eq!(parse("{:a, 1").unwrap_err(), "the tuple opened at column 1 is not closed: expected , or }");
        assert_eq!(parse("[1, {2, 3}").unwrap_err(), "the list opened at column 1 is not closed: expected , or ]");
        assert_eq!(parse("[{1 2}]").unwrap_err(), "unexpected \"2\" at column 5: the tuple opened at column 2 is not closed: expected , or }");
        assert_eq!(parse("\"abc").unwrap_err(), "the string opened at column 1 is not closed: expected \"");
    }

    #[test]
    fn an_integer_beyond_64_bits_is_too_large_and_the_message_gives_the_limit() {
        let e = parse(&format!("1{}", "0".repeat(40))).unwrap_err();
        assert_eq!(e, "the integer at column 1 (41 digits) is too large: integers here go from -9223372036854775808 to 9223372036854775807");
        assert_eq!(parse("9223372036854775807").unwrap(), Term::Int(i64::MAX));
        assert_eq!(parse("-9223372036854775808").unwrap(), Term::Int(i64::MIN));
        assert!(parse("9223372036854775808").unwrap_err().contains("too large"));
    }

    #[test]
    fn nesting_past_the_limit_is_refused_and_at_the_limit_parses() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&deep).unwrap_err(), "nested too deeply: more than 100 levels (the list at column 101)");
    }
}
