//! The text of leaf terms as Elixir 1.14's `inspect` writes it: atoms (`Macro.inspect_atom/2`),
//! strings and charlists (`Code.Identifier.escape/4`), printability (`String.printable?/2`,
//! `List.ascii_printable?/2`). Shared by `Display` and [`crate::term::inspect`].

use std::borrow::Cow;
use std::fmt::Write;

/// How an atom is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum AtomKind {
    /// `nil`, `true`, `false`.
    Bare,
    /// A module: `Elixir.Date` shows as `Date`.
    Alias,
    /// Needs no quotes: `:ok`, `:foo?`, `:+`.
    Plain,
    /// Needs quotes: `:"with space"`.
    Quoted,
}

/// Operator atoms Elixir 1.14 prints without quotes (checked with `inspect/1`).
const OPERATOR_ATOMS: &[&str] = &[
    "+", "-", "*", "/", "**", "==", "!=", "===", "!==", "<", ">", "<=", ">=", "&&", "||", "!", "&&&",
    "|||", "<<<", ">>>", "<<~", "~>>", "<~", "~>", "<~>", "<>", "++", "--", "+++", "---", "..", "...",
    "..//", "|>", "=~", "|", "^", "&", "@", ".", "=", "\\\\", "->", "<-", "%", "%{}", "{}", "<<>>",
];

pub(crate) fn classify_atom(name: &str) -> AtomKind {
    if matches!(name, "nil" | "true" | "false") {
        return AtomKind::Bare;
    }
    if name == "Elixir" || name.strip_prefix("Elixir.").is_some_and(is_alias_path) {
        return AtomKind::Alias;
    }
    if OPERATOR_ATOMS.contains(&name) || is_identifier(name) {
        return AtomKind::Plain;
    }
    AtomKind::Quoted
}

/// `Foo.Bar`: dot-separated segments of `[A-Z][A-Za-z0-9_]*`.
fn is_alias_path(path: &str) -> bool {
    path.split('.').all(|seg| {
        let mut chars = seg.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// An atom that needs no quotes: a letter or `_`, then letters, digits, `_` or `@`, and an
/// optional final `?` or `!`. (Elixir's Unicode rules are finer, e.g. about mixed scripts;
/// this covers what a learner types.)
fn is_identifier(name: &str) -> bool {
    let body = name.strip_suffix(['?', '!']).unwrap_or(name);
    let mut chars = body.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '@')
}

/// `Elixir.Foo.Bar` → `Foo.Bar` (`Elixir` itself stays).
pub(crate) fn alias_text(name: &str) -> &str {
    name.strip_prefix("Elixir.").unwrap_or(name)
}

/// `Macro.inspect_atom(:literal, atom)`: `:ok`, `nil`, `Date`, `:"with space"`.
pub(crate) fn atom_literal(name: &str) -> Cow<'_, str> {
    match classify_atom(name) {
        AtomKind::Bare => Cow::Borrowed(name),
        AtomKind::Alias => Cow::Borrowed(alias_text(name)),
        AtomKind::Plain => Cow::Owned(format!(":{name}")),
        AtomKind::Quoted => Cow::Owned(format!(":\"{}\"", escape(name.as_bytes(), b'"', None, EscapeMap::Default).0)),
    }
}

/// `Macro.inspect_atom(:key, atom)` and the space after it: `a: `, `"with space": `.
pub(crate) fn atom_key(name: &str) -> String {
    match classify_atom(name) {
        AtomKind::Bare | AtomKind::Plain => format!("{name}: "),
        AtomKind::Alias | AtomKind::Quoted => {
            format!("\"{}\": ", escape(name.as_bytes(), b'"', None, EscapeMap::Default).0)
        }
    }
}

/// Which characters get a letter escape (`\n`) rather than their own text or `\xHH`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EscapeMap {
    /// Strings, atoms, charlists: `\a \b \d \e \f \n \r \t \v \\`.
    Default,
    /// `~r//` sources: `\a \f \n \r \t \v` (a backslash stays as it is).
    Regex,
}

fn mapped(c: char, map: EscapeMap) -> Option<&'static str> {
    let both = match c {
        '\x07' => Some("\\a"),
        '\x0C' => Some("\\f"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        '\x0B' => Some("\\v"),
        _ => None,
    };
    match map {
        EscapeMap::Regex => both,
        EscapeMap::Default => both.or(match c {
            '\x08' => Some("\\b"),
            '\x7F' => Some("\\d"),
            '\x1B' => Some("\\e"),
            '\\' => Some("\\\\"),
            _ => None,
        }),
    }
}

/// `Code.Identifier.escape(binary, quote, limit, map)`: the escaped text of at most `limit`
/// characters, and whether input was left over.
pub(crate) fn escape(bytes: &[u8], quote: u8, limit: Option<usize>, map: EscapeMap) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut left = limit;
    while !rest.is_empty() {
        if left == Some(0) {
            return (out, true);
        }
        left = left.map(|n| n - 1);
        if rest[0] == quote {
            out.push('\\');
            out.push(quote as char);
            rest = &rest[1..];
        } else if rest.starts_with(b"#{") {
            out.push_str("\\#{");
            rest = &rest[2..];
        } else if let Some(c) = first_char(rest) {
            match mapped(c, map) {
                Some(text) => out.push_str(text),
                None => escape_char(&mut out, c),
            }
            rest = &rest[c.len_utf8()..];
        } else {
            let _ = write!(out, "\\x{:02X}", rest[0]);
            rest = &rest[1..];
        }
    }
    (out, false)
}

/// The UTF-8 character `bytes` starts with, if they start with a valid one.
fn first_char(bytes: &[u8]) -> Option<char> {
    let len = match bytes[0] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    std::str::from_utf8(bytes.get(..len)?).ok()?.chars().next()
}

fn escape_char(out: &mut String, c: char) {
    let n = c as u32;
    match n {
        0 => out.push_str("\\0"),
        0xFEFF => out.push_str("\\uFEFF"),
        0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF => out.push(c),
        0..=0xFF => {
            let _ = write!(out, "\\x{n:02X}");
        }
        0x100..=0xFFFF => {
            let _ = write!(out, "\\x{{{n:04X}}}");
        }
        _ => {
            let _ = write!(out, "\\x{{{n:06X}}}");
        }
    }
}

/// `String.printable?(bytes, limit)`: the first `limit` characters are printable.
pub(crate) fn is_printable(bytes: &[u8], limit: Option<usize>) -> bool {
    let mut rest = bytes;
    let mut left = limit;
    while !rest.is_empty() && left != Some(0) {
        let Some(c) = first_char(rest) else { return false };
        let ok = matches!(c as u32, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
            || matches!(c, '\n' | '\r' | '\t' | '\x0B' | '\x08' | '\x0C' | '\x1B' | '\x7F' | '\x07');
        if !ok {
            return false;
        }
        rest = &rest[c.len_utf8()..];
        left = left.map(|n| n - 1);
    }
    true
}

/// A binary as `inspect` shows it when it is printable: `"text"`, or `"te" <> ...` when cut
/// at `printable_limit` characters.
pub(crate) fn quoted_string(bytes: &[u8], printable_limit: Option<usize>) -> String {
    let (escaped, cut) = escape(bytes, b'"', printable_limit, EscapeMap::Default);
    if cut { format!("\"{escaped}\" <> ...") } else { format!("\"{escaped}\"") }
}

/// `List.ascii_printable?(list, limit)` for a proper list of integers.
pub(crate) fn ascii_printable(items: &[super::Term], limit: Option<usize>) -> bool {
    let take = limit.unwrap_or(usize::MAX);
    items.iter().take(take).all(|t| matches!(t, super::Term::Int(7..=13 | 27 | 32..=126)))
}

/// A printable charlist as `inspect` shows it: `'abc'`, or `'ab' ++ ...` when cut.
pub(crate) fn quoted_charlist(items: &[super::Term], printable_limit: Option<usize>) -> String {
    // Only the characters the limit lets through are looked at (the rest may be anything).
    let take = printable_limit.map_or(items.len(), |n| n.min(items.len()));
    let mut bytes: Vec<u8> =
        items[..take].iter().map(|t| if let super::Term::Int(n) = t { *n as u8 } else { b'?' }).collect();
    if take < items.len() {
        bytes.push(b' '); // stands for the rest: escape stops before it
    }
    let (escaped, cut) = escape(&bytes, b'\'', printable_limit, EscapeMap::Default);
    if cut { format!("'{escaped}' ++ ...") } else { format!("'{escaped}'") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_stops_at_the_limit_and_says_so() {
        assert_eq!(escape(b"abc", b'"', Some(2), EscapeMap::Default), ("ab".to_string(), true));
        assert_eq!(escape(b"ab", b'"', Some(2), EscapeMap::Default), ("ab".to_string(), false));
        assert_eq!(escape(b"a\xFFb", b'"', None, EscapeMap::Default).0, "a\\xFFb");
        assert_eq!(escape("\u{FEFF}\u{85}".as_bytes(), b'"', None, EscapeMap::Default).0, "\\uFEFF\\x85");
    }
}
