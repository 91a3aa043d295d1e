//! A small parser for the term literals a learner types into the "send message" and KV
//! forms: atoms, integers, floats, strings, tuples, lists, maps, `~D[...]` dates and
//! `#PID<0.N.0>` (resolved to a live process by the caller).

use crate::runtime::Pid;
use crate::term::{Date, Term};

/// Parses one term; `resolve_pid` turns the `N` of `#PID<0.N.0>` into a live pid.
pub fn parse_term(text: &str, resolve_pid: &dyn Fn(u32) -> Option<Pid>) -> Result<Term, String> {
    let mut p = Parser { chars: text.chars().collect(), at: 0, resolve_pid };
    p.skip_ws();
    if p.at == p.chars.len() {
        return Err("empty: type a term such as :ping or {:add, 1}".into());
    }
    let term = p.term()?;
    p.skip_ws();
    if p.at != p.chars.len() {
        return Err(format!("unexpected {:?} at column {}", p.chars[p.at], p.at + 1));
    }
    Ok(term)
}

/// Parses `2024-01-22` (or `~D[2024-01-22]`) into a valid calendar date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let inner = text.strip_prefix("~D[").and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    let bad = || format!("malformed date {text:?}: write it as 2024-01-22");
    let parts: Vec<&str> = inner.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
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
        _ => return Err(format!("no month {month} in {text:?}")),
    };
    if day == 0 || day > days {
        return Err(format!("no day {day} in month {month} of {year}"));
    }
    Ok(Date::new(year, month, day))
}

struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    resolve_pid: &'a dyn Fn(u32) -> Option<Pid>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
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

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(match self.peek() {
                Some(found) => format!("expected {c:?} at column {}, found {found:?}", self.at + 1),
                None => format!("expected {c:?} at the end"),
            })
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.chars.get(self.at + i) == Some(&c))
    }

    fn term(&mut self) -> Result<Term, String> {
        self.skip_ws();
        match self.peek() {
            Some(':') => {
                self.at += 1;
                if self.peek() == Some('"') {
                    return Ok(Term::Atom(self.string_body()?));
                }
                let name = self.word();
                if name.is_empty() {
                    return Err(format!("an atom needs a name after ':' (column {})", self.at + 1));
                }
                Ok(Term::Atom(name))
            }
            Some('"') => Ok(Term::string(&self.string_body()?)),
            Some('{') => {
                self.at += 1;
                Ok(Term::Tuple(self.items('}')?))
            }
            Some('[') => {
                self.at += 1;
                self.list()
            }
            Some('%') if self.starts_with("%{") => {
                self.at += 2;
                self.map()
            }
            Some('~') if self.starts_with("~D[") => {
                let start = self.at;
                while self.peek().is_some_and(|c| c != ']') {
                    self.at += 1;
                }
                self.expect(']')?;
                let text: String = self.chars[start..self.at].iter().collect();
                Ok(parse_date(&text)?.to_term())
            }
            Some('#') if self.starts_with("#PID<") => {
                self.at += 5;
                let start = self.at;
                while self.peek().is_some_and(|c| c != '>') {
                    self.at += 1;
                }
                let inner: String = self.chars[start..self.at].iter().collect();
                self.expect('>')?;
                let n = parse_pid_number(&inner).ok_or_else(|| format!("malformed pid #PID<{inner}>"))?;
                (self.resolve_pid)(n).map(Term::Pid).ok_or_else(|| format!("no live process #PID<0.{n}.0>"))
            }
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_alphabetic() => {
                let word = self.word();
                match word.as_str() {
                    "true" | "false" | "nil" => Ok(Term::Atom(word)),
                    // An alias such as Todo.Cache is the atom :"Elixir.Todo.Cache".
                    w if w.starts_with(char::is_uppercase) => Ok(Term::Atom(format!("Elixir.{w}"))),
                    w => Err(format!("unknown word {w:?}: atoms start with ':' (:{w}), strings are quoted")),
                }
            }
            Some(c) => Err(format!("unexpected {c:?} at column {}", self.at + 1)),
            None => Err("the term ends too early".into()),
        }
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | '!' | '@')) {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn string_body(&mut self) -> Result<String, String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err("a string is missing its closing '\"'".into()),
                Some('"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    self.at += 1;
                    let c = self.peek().ok_or("a string ends in '\\'")?;
                    out.push(match c {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                    self.at += 1;
                }
                Some(c) => {
                    out.push(c);
                    self.at += 1;
                }
            }
        }
    }

    fn number(&mut self) -> Result<Term, String> {
        let start = self.at;
        if self.peek() == Some('-') {
            self.at += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
            self.at += 1;
        }
        let mut float = false;
        if self.peek() == Some('.') && self.chars.get(self.at + 1).is_some_and(|c| c.is_ascii_digit()) {
            float = true;
            self.at += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.at += 1;
            }
        }
        let text: String = self.chars[start..self.at].iter().filter(|c| **c != '_').collect();
        if float {
            text.parse().map(Term::Float).map_err(|_| format!("malformed number {text:?}"))
        } else {
            text.parse().map(Term::Int).map_err(|_| format!("malformed integer {text:?}"))
        }
    }

    /// Comma-separated terms up to `close`.
    fn items(&mut self, close: char) -> Result<Vec<Term>, String> {
        let mut items = Vec::new();
        if self.eat(close) {
            return Ok(items);
        }
        loop {
            items.push(self.term()?);
            if self.eat(close) {
                return Ok(items);
            }
            self.expect(',')?;
        }
    }

    /// A list, allowing keyword syntax: `[a: 1, b: 2]`.
    fn list(&mut self) -> Result<Term, String> {
        let mut items = Vec::new();
        if self.eat(']') {
            return Ok(Term::List(items));
        }
        loop {
            self.skip_ws();
            if let Some(key) = self.keyword_key() {
                let value = self.term()?;
                items.push(Term::tuple([Term::Atom(key), value]));
            } else {
                items.push(self.term()?);
            }
            if self.eat(']') {
                return Ok(Term::List(items));
            }
            self.expect(',')?;
        }
    }

    /// `%{key => value, atom: value}` after the `%{`.
    fn map(&mut self) -> Result<Term, String> {
        let mut pairs = Vec::new();
        if self.eat('}') {
            return Ok(Term::Map(pairs));
        }
        loop {
            self.skip_ws();
            if let Some(key) = self.keyword_key() {
                pairs.push((Term::Atom(key), self.term()?));
            } else {
                let key = self.term()?;
                self.skip_ws();
                if !self.starts_with("=>") {
                    return Err(format!("expected '=>' after a map key at column {}", self.at + 1));
                }
                self.at += 2;
                pairs.push((key, self.term()?));
            }
            if self.eat('}') {
                return Ok(Term::Map(pairs));
            }
            self.expect(',')?;
        }
    }

    /// `name:` followed by a space: a keyword key.
    fn keyword_key(&mut self) -> Option<String> {
        let start = self.at;
        if !self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
            return None;
        }
        let word = self.word();
        if self.peek() == Some(':') && self.chars.get(self.at + 1).is_none_or(|c| c.is_whitespace()) {
            self.at += 1;
            Some(word)
        } else {
            self.at = start;
            None
        }
    }
}

/// `0.12.0`, `<0.12.0>` or `12` → 12.
pub fn parse_pid_number(text: &str) -> Option<u32> {
    let text = text.trim().trim_start_matches("#PID").trim_start_matches('<').trim_end_matches('>');
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        [n] => n.parse().ok(),
        ["0", n, "0"] => n.parse().ok(),
        _ => None,
    }
}
