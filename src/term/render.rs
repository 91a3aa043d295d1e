//! Terms in Elixir syntax, as `inspect/2` prints them (Elixir 1.14, `charlists: :as_lists`).
//!
//! - Atoms: `:ok`, `:"with space"`, `:+`; `nil`, `true`, `false` bare; module atoms
//!   `Elixir.Date` as `Date`.
//! - Binaries: `"Buy milk"` with Elixir's escapes when valid UTF-8 and printable (per
//!   `String.printable?/1`), else `<<1, 2, 3>>`.
//! - Lists: `[1, 2]`; keyword lists `[a: 1]`. Charlists stay lists of integers (`[104, 105]`,
//!   not `'hi'`): a learner who sends a list sees a list, and nothing guesses about text.
//! - Maps: `%{date: ~D[2024-01-22], title: "Buy milk"}` when every key is a (non-module) atom,
//!   else `%{"k" => 1}`; keys in map-key order ([`super::order`]). Structs `%Name{...}`, dates
//!   `~D[2024-01-22]`.
//! - `#PID<0.42.0>`, `#Reference<0.0.0.N>`, `#Function<name>`; floats per [`super::float`].
//!
//! Deviations from Elixir, on purpose: a map of more than 32 keys is printed in key order
//! (Elixir follows the BEAM's internal hash order there, which is arbitrary to a reader); any
//! map with a `__struct__` module atom prints as a struct (Elixir checks the module exists);
//! struct fields print sorted (Elixir uses definition order).

use std::fmt::{self, Write};

use super::float::format_float;
use super::order::sorted_pair_refs;
use super::{Date, Term};

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_term(f, self)
    }
}

impl Term {
    /// The Elixir rendering cut to at most `max_chars` characters; a cut ends in `…`.
    /// Stops rendering at the limit, so it is cheap even for a huge state.
    pub fn render_truncated(&self, max_chars: usize) -> String {
        let mut w = LimitedWriter::new(max_chars);
        if write_term(&mut w, self).is_ok() {
            return w.out;
        }
        let mut out: String = w.out.chars().take(max_chars.saturating_sub(1)).collect();
        if max_chars > 0 {
            out.push('…');
        }
        out
    }

    /// The Elixir rendering laid out for a panel `width` characters wide: a tuple, list or
    /// map that does not fit on its line puts one element per line, indented by two, the way
    /// `IO.inspect(term, pretty: true)` lays out a map.
    pub fn render_pretty(&self, width: usize) -> String {
        let mut out = String::new();
        pretty(&mut out, self, 0, 0, width);
        out
    }
}

/// A `fmt::Write` that keeps at most `limit` characters and fails once asked for more.
struct LimitedWriter {
    out: String,
    remaining: usize,
}

impl LimitedWriter {
    fn new(limit: usize) -> LimitedWriter {
        LimitedWriter { out: String::new(), remaining: limit }
    }
}

impl fmt::Write for LimitedWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.remaining == 0 {
                return Err(fmt::Error);
            }
            self.out.push(c);
            self.remaining -= 1;
        }
        Ok(())
    }
}

/// The flat rendering if it fits in `limit` characters.
fn flat_within(t: &Term, limit: usize) -> Option<String> {
    let mut w = LimitedWriter::new(limit);
    write_term(&mut w, t).ok().map(|_| w.out)
}

pub(crate) fn write_term<W: Write + ?Sized>(w: &mut W, t: &Term) -> fmt::Result {
    match t {
        Term::Atom(name) => write_atom(w, name),
        Term::Int(n) => write!(w, "{n}"),
        Term::Float(x) => w.write_str(&format_float(*x)),
        Term::Binary(bytes) => write_binary(w, bytes),
        Term::Tuple(items) => {
            w.write_char('{')?;
            write_items(w, items)?;
            w.write_char('}')
        }
        Term::List(items) => {
            w.write_char('[')?;
            if is_keyword(items) {
                for (i, item) in items.iter().enumerate() {
                    if let Term::Tuple(kv) = item {
                        if i > 0 {
                            w.write_str(", ")?;
                        }
                        write_entry(w, &kv[0], &kv[1], true)?;
                    }
                }
            } else {
                write_items(w, items)?;
            }
            w.write_char(']')
        }
        Term::Map(pairs) => match classify_map(t, pairs) {
            MapKind::Date(d) => write!(w, "{d}"),
            MapKind::Struct(module, fields) => {
                write!(w, "%{}{{", alias_text(module))?;
                write_entries(w, &fields, true)?;
                w.write_char('}')
            }
            MapKind::Plain(sorted, keyword) => {
                w.write_str("%{")?;
                write_entries(w, &sorted, keyword)?;
                w.write_char('}')
            }
        },
        Term::Pid(pid) => write!(w, "{pid}"),
        Term::Ref(n) => write!(w, "#Reference<0.0.{}.{}>", n >> 32, n & 0xffff_ffff),
        Term::Fun(name) => write!(w, "#Function<{name}>"),
    }
}

fn write_items<W: Write + ?Sized>(w: &mut W, items: &[Term]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.write_str(", ")?;
        }
        write_term(w, item)?;
    }
    Ok(())
}

fn write_entries<W: Write + ?Sized>(w: &mut W, pairs: &[&(Term, Term)], keyword: bool) -> fmt::Result {
    for (i, (k, v)) in pairs.iter().map(|p| (&p.0, &p.1)).enumerate() {
        if i > 0 {
            w.write_str(", ")?;
        }
        write_entry(w, k, v, keyword)?;
    }
    Ok(())
}

fn write_entry<W: Write + ?Sized>(w: &mut W, k: &Term, v: &Term, keyword: bool) -> fmt::Result {
    write_key(w, k, keyword)?;
    write_term(w, v)
}

/// `key: ` in keyword form, `key => ` otherwise.
fn write_key<W: Write + ?Sized>(w: &mut W, k: &Term, keyword: bool) -> fmt::Result {
    match k {
        Term::Atom(name) if keyword => {
            match classify_atom(name) {
                AtomKind::Bare | AtomKind::Plain => w.write_str(name)?,
                AtomKind::Alias | AtomKind::Quoted => write_quoted(w, name)?,
            }
            w.write_str(": ")
        }
        _ => {
            write_term(w, k)?;
            w.write_str(" => ")
        }
    }
}

enum MapKind<'a> {
    Date(Date),
    /// Module atom and the other fields, sorted.
    Struct(&'a str, Vec<&'a (Term, Term)>),
    /// Sorted pairs, and whether every key allows the `key: value` form.
    Plain(Vec<&'a (Term, Term)>, bool),
}

fn classify_map<'a>(t: &Term, pairs: &'a [(Term, Term)]) -> MapKind<'a> {
    if let Some(d) = Date::from_term(t) {
        return MapKind::Date(d);
    }
    let sorted = sorted_pair_refs(pairs);
    let keyword = sorted.iter().all(|(k, _)| is_keyword_key(k));
    if keyword
        && let Some((_, Term::Atom(module))) = sorted.iter().find(|(k, _)| k.is_atom("__struct__"))
        && classify_atom(module) == AtomKind::Alias
        && module.starts_with("Elixir.")
    {
        let fields = sorted.into_iter().filter(|(k, _)| !k.is_atom("__struct__")).collect();
        return MapKind::Struct(module, fields);
    }
    MapKind::Plain(sorted, keyword)
}

/// Elixir's `Inspect.List.keyword?/1`: atoms, but not module names.
fn is_keyword_key(k: &Term) -> bool {
    matches!(k, Term::Atom(name) if !name.starts_with("Elixir."))
}

fn is_keyword(items: &[Term]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| matches!(item, Term::Tuple(kv) if kv.len() == 2 && is_keyword_key(&kv[0])))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum AtomKind {
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

fn classify_atom(name: &str) -> AtomKind {
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
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
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

/// The atom as an Elixir literal.
pub(crate) fn write_atom<W: Write + ?Sized>(w: &mut W, name: &str) -> fmt::Result {
    match classify_atom(name) {
        AtomKind::Bare => w.write_str(name),
        AtomKind::Alias => w.write_str(alias_text(name)),
        AtomKind::Plain => {
            w.write_char(':')?;
            w.write_str(name)
        }
        AtomKind::Quoted => {
            w.write_char(':')?;
            write_quoted(w, name)
        }
    }
}

/// `Elixir.Foo.Bar` → `Foo.Bar` (`Elixir` itself stays).
fn alias_text(name: &str) -> &str {
    name.strip_prefix("Elixir.").unwrap_or(name)
}

/// `String.printable?/1` of Elixir 1.14, per character.
fn is_printable(c: char) -> bool {
    matches!(c as u32, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        || matches!(c, '\n' | '\r' | '\t' | '\x0B' | '\x08' | '\x0C' | '\x1B' | '\x7F' | '\x07')
}

fn write_binary<W: Write + ?Sized>(w: &mut W, bytes: &[u8]) -> fmt::Result {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.chars().all(is_printable) => write_quoted(w, text),
        _ => {
            w.write_str("<<")?;
            for (i, b) in bytes.iter().enumerate() {
                if i > 0 {
                    w.write_str(", ")?;
                }
                write!(w, "{b}")?;
            }
            w.write_str(">>")
        }
    }
}

/// `"text"` with Elixir's escapes (`\"`, `\\`, `\#{`, `\n`, ... and `\xHH` for the rest).
fn write_quoted<W: Write + ?Sized>(w: &mut W, text: &str) -> fmt::Result {
    w.write_char('"')?;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => w.write_str("\\\"")?,
            '\\' => w.write_str("\\\\")?,
            '#' if chars.peek() == Some(&'{') => w.write_str("\\#")?,
            '\n' => w.write_str("\\n")?,
            '\r' => w.write_str("\\r")?,
            '\t' => w.write_str("\\t")?,
            '\x0B' => w.write_str("\\v")?,
            '\x08' => w.write_str("\\b")?,
            '\x0C' => w.write_str("\\f")?,
            '\x1B' => w.write_str("\\e")?,
            '\x7F' => w.write_str("\\d")?,
            '\x07' => w.write_str("\\a")?,
            '\0' => w.write_str("\\0")?,
            c if is_printable(c) => w.write_char(c)?,
            c if (c as u32) < 0x100 => write!(w, "\\x{:02X}", c as u32)?,
            c => write!(w, "\\x{{{:X}}}", c as u32)?,
        }
    }
    w.write_char('"')
}

/// Writes `t` at column `indent` (its first line after `lead` characters already written).
fn pretty(out: &mut String, t: &Term, indent: usize, lead: usize, width: usize) {
    let room = width.saturating_sub(indent + lead + 1); // +1: a trailing comma
    if let Some(flat) = flat_within(t, room) {
        out.push_str(&flat);
        return;
    }
    // Containers that do not fit: one element per line.
    let (open, entries): (String, Vec<Entry<'_>>) = match t {
        Term::Tuple(items) if !items.is_empty() => ("{".into(), items.iter().map(Entry::Item).collect()),
        Term::List(items) if !items.is_empty() => {
            let entries = if is_keyword(items) {
                items
                    .iter()
                    .map(|item| match item {
                        Term::Tuple(kv) => Entry::Pair(&kv[0], &kv[1], true),
                        other => Entry::Item(other),
                    })
                    .collect()
            } else {
                items.iter().map(Entry::Item).collect()
            };
            ("[".into(), entries)
        }
        Term::Map(pairs) if !pairs.is_empty() => match classify_map(t, pairs) {
            MapKind::Date(d) => {
                out.push_str(&d.to_string());
                return;
            }
            MapKind::Struct(module, fields) => (
                format!("%{}{{", alias_text(module)),
                fields.into_iter().map(|p| Entry::Pair(&p.0, &p.1, true)).collect(),
            ),
            MapKind::Plain(sorted, keyword) => {
                ("%{".into(), sorted.into_iter().map(|p| Entry::Pair(&p.0, &p.1, keyword)).collect())
            }
        },
        _ => {
            let _ = write_term(out, t);
            return;
        }
    };
    let close = match t {
        Term::List(_) => ']',
        _ => '}',
    };
    out.push_str(&open);
    let inner = indent + 2;
    let count = entries.len();
    for (i, entry) in entries.into_iter().enumerate() {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', inner));
        match entry {
            Entry::Item(item) => pretty(out, item, inner, 0, width),
            Entry::Pair(k, v, keyword) => {
                let mut key = String::new();
                let _ = write_key(&mut key, k, keyword);
                out.push_str(&key);
                pretty(out, v, inner, key.chars().count(), width);
            }
        }
        if i + 1 < count {
            out.push(',');
        }
    }
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
    out.push(close);
}

enum Entry<'a> {
    Item(&'a Term),
    Pair(&'a Term, &'a Term, bool),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Pid;

    #[test]
    fn atoms_render_as_elixir_literals() {
        let show = |name: &str| Term::atom(name).to_string();
        assert_eq!(show("ok"), ":ok");
        assert_eq!(show("nil"), "nil");
        assert_eq!(show("true"), "true");
        assert_eq!(show("Elixir.Date"), "Date");
        assert_eq!(show("Elixir.Calendar.ISO"), "Calendar.ISO");
        assert_eq!(show("with space"), ":\"with space\"");
        assert_eq!(show("foo?"), ":foo?");
        assert_eq!(show("+"), ":+");
        assert_eq!(show("::"), ":\"::\"");
        assert_eq!(show(""), ":\"\"");
        assert_eq!(show("a\u{1}"), ":\"a\\x01\"");
    }

    #[test]
    fn strings_render_quoted_and_other_binaries_as_bytes() {
        assert_eq!(Term::string("Buy milk").to_string(), "\"Buy milk\"");
        assert_eq!(Term::string("say \"hi\"\n#{x}").to_string(), "\"say \\\"hi\\\"\\n\\#{x}\"");
        assert_eq!(Term::Binary(vec![1, 2, 3]).to_string(), "<<1, 2, 3>>");
        assert_eq!(Term::Binary(vec![255]).to_string(), "<<255>>");
        assert_eq!(Term::string("").to_string(), "\"\"");
    }

    #[test]
    fn lists_render_plain_or_as_keywords_and_charlists_stay_integers() {
        assert_eq!(Term::list([Term::Int(104), Term::Int(105)]).to_string(), "[104, 105]");
        let kw = Term::list([Term::tuple([Term::atom("a"), Term::Int(1)])]);
        assert_eq!(kw.to_string(), "[a: 1]");
        assert_eq!(Term::list([]).to_string(), "[]");
    }

    #[test]
    fn maps_use_keyword_keys_only_when_all_keys_are_plain_atoms() {
        let m = Term::map([(Term::string("k"), Term::Int(1)), (Term::atom("a"), Term::Int(2))]);
        assert_eq!(m.to_string(), "%{:a => 2, \"k\" => 1}");
        let m = Term::map([(Term::atom("title"), Term::string("Buy milk")), (Term::atom("date"), Term::date(2024, 1, 22))]);
        assert_eq!(m.to_string(), "%{date: ~D[2024-01-22], title: \"Buy milk\"}");
        let m = Term::map([(Term::atom("with space"), Term::Int(1))]);
        assert_eq!(m.to_string(), "%{\"with space\": 1}");
    }

    #[test]
    fn structs_render_with_their_module_name() {
        let s = Term::map([
            (Term::atom("__struct__"), Term::atom("Elixir.Todo.Entry")),
            (Term::atom("title"), Term::string("x")),
            (Term::atom("id"), Term::Int(1)),
        ]);
        assert_eq!(s.to_string(), "%Todo.Entry{id: 1, title: \"x\"}");
    }

    #[test]
    fn pids_refs_and_funs_render_like_iex() {
        assert_eq!(Term::Pid(Pid { id: 42, index: 0 }).to_string(), "#PID<0.42.0>");
        assert_eq!(Term::Ref(7).to_string(), "#Reference<0.0.0.7>");
        assert_eq!(Term::Ref((1 << 32) | 5).to_string(), "#Reference<0.0.1.5>");
        assert_eq!(Term::Fun("0.1/1 in Todo.init/1".into()).to_string(), "#Function<0.1/1 in Todo.init/1>");
    }

    #[test]
    fn truncated_rendering_never_exceeds_the_limit() {
        let t = Term::list((0..100).map(Term::Int));
        let s = t.render_truncated(10);
        assert_eq!(s, "[0, 1, 2,…");
        assert_eq!(s.chars().count(), 10);
        assert_eq!(Term::Int(5).render_truncated(10), "5");
        assert_eq!(Term::Int(12345).render_truncated(5), "12345");
        assert_eq!(Term::Int(123456).render_truncated(5), "1234…");
        assert_eq!(Term::Int(1).render_truncated(0), "");
    }

    #[test]
    fn pretty_rendering_breaks_what_does_not_fit() {
        let todo = Term::map([
            (Term::atom("auto_id"), Term::Int(3)),
            (
                Term::atom("entries"),
                Term::map([(
                    Term::Int(1),
                    Term::map([
                        (Term::atom("id"), Term::Int(1)),
                        (Term::atom("date"), Term::date(2024, 1, 22)),
                        (Term::atom("title"), Term::string("Buy milk")),
                    ]),
                )]),
            ),
        ]);
        assert_eq!(
            todo.render_pretty(60),
            "%{\n  auto_id: 3,\n  entries: %{\n    1 => %{date: ~D[2024-01-22], id: 1, title: \"Buy milk\"}\n  }\n}"
        );
        assert_eq!(todo.render_pretty(200), todo.to_string());
    }
}
