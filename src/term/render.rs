//! Terms in Elixir syntax, as `inspect/2` prints them on one line.
//!
//! `Display` is Elixir 1.14's `inspect(term, charlists: :as_lists, limit: :infinity,
//! printable_limit: :infinity)` (checked against real Elixir in `tests/vectors/etf.txt`):
//! charlists stay lists of integers (`[104, 105]`, not `'hi'`), so a learner who sends a list
//! sees a list. [`crate::term::inspect`] gives every option; without `pretty` it is this same
//! writer with other limits.
//!
//! The writer walks with an explicit stack and writes as it goes, so a term nested 100,000
//! deep renders, and [`Term::render_truncated`] stops as soon as it has enough.
//!
//! Deviations from Elixir, on purpose: a map of more than 32 keys is printed in key order
//! (Elixir follows the BEAM's internal hash order there, which is arbitrary to a reader); any
//! map with a `__struct__` module atom prints as a struct (Elixir checks the module exists).

use std::fmt::{self, Write};

use super::shape::{shape, Charlists, Elem, Shape, TextOpts};
use super::Term;

/// The options `Display` renders with.
pub(crate) const DISPLAY_OPTS: TextOpts =
    TextOpts { limit: None, printable_limit: None, charlists: Charlists::AsLists };

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_flat(f, self, &DISPLAY_OPTS)
    }
}

impl Term {
    /// The Elixir rendering cut to at most `max_chars` characters; a cut ends in `…`.
    /// Stops rendering at the limit, so it is cheap even for a huge state.
    pub fn render_truncated(&self, max_chars: usize) -> String {
        let mut w = LimitedWriter::new(max_chars);
        if write_flat(&mut w, self, &DISPLAY_OPTS).is_ok() {
            return w.out;
        }
        let mut out: String = w.out.chars().take(max_chars.saturating_sub(1)).collect();
        if max_chars > 0 {
            out.push('…');
        }
        out
    }

    /// The Elixir rendering laid out for a panel `width` characters wide, exactly as
    /// `IO.inspect(term, width: width, charlists: :as_lists, limit: :infinity)` lays it out.
    pub fn render_pretty(&self, width: usize) -> String {
        let opts = super::InspectOpts {
            width,
            pretty: true,
            limit: None,
            printable_limit: None,
            charlists: Charlists::AsLists,
        };
        super::inspect(self, &opts)
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

/// Work for the flat writer.
enum Piece<'a> {
    Text(&'static str),
    Term(&'a Term, Option<usize>, Charlists),
    /// A container from element `next` on, with the limit left for its elements.
    Rest { container: super::shape::Container<'a>, next: usize, limit: Option<usize> },
}

/// `inspect(term, opts)` on one line (`container_doc` with every break flat).
pub(crate) fn write_flat<W: Write + ?Sized>(w: &mut W, term: &Term, opts: &TextOpts) -> fmt::Result {
    let mut pieces = vec![Piece::Term(term, opts.limit, opts.charlists)];
    while let Some(piece) = pieces.pop() {
        match piece {
            Piece::Text(s) => w.write_str(s)?,
            Piece::Term(t, limit, charlists) => {
                let opts = TextOpts { limit, charlists, ..*opts };
                match shape(t, &opts) {
                    Shape::Text(s) => w.write_str(&s)?,
                    Shape::Bytes(bytes) => write_bytes(w, bytes, limit)?,
                    Shape::Container(container) => {
                        w.write_str(container.prefix)?;
                        w.write_str(&container.left)?;
                        pieces.push(Piece::Rest { container, next: 0, limit });
                    }
                }
            }
            Piece::Rest { container, next, limit } => {
                let Some(elem) = container.elems.get(next) else {
                    w.write_str(container.right)?;
                    w.write_str(container.suffix)?;
                    continue;
                };
                if next > 0 {
                    w.write_str(", ")?;
                }
                if limit == Some(0) {
                    w.write_str("...")?;
                    w.write_str(container.right)?;
                    w.write_str(container.suffix)?;
                    continue;
                }
                let limit = limit.map(|n| n - 1);
                let charlists = container.charlists;
                pieces.push(Piece::Rest { container, next: next + 1, limit });
                match elem {
                    Elem::Item(t) => pieces.push(Piece::Term(t, limit, charlists)),
                    Elem::Keyword(name, v) => {
                        w.write_str(&super::text::atom_key(name))?;
                        pieces.push(Piece::Term(v, limit, charlists));
                    }
                    Elem::Assoc(k, v) => {
                        pieces.push(Piece::Term(v, limit, charlists));
                        pieces.push(Piece::Text(" => "));
                        pieces.push(Piece::Term(k, limit, charlists));
                    }
                    Elem::Tail(item, tail) => {
                        pieces.push(Piece::Term(tail, limit, charlists));
                        pieces.push(Piece::Text(" | "));
                        pieces.push(Piece::Term(item, limit, charlists));
                    }
                }
            }
        }
    }
    Ok(())
}

/// `<<1, 2, 3>>`, cut to `limit` bytes with `...` as `Inspect.BitString` does.
fn write_bytes<W: Write + ?Sized>(w: &mut W, bytes: &[u8], limit: Option<usize>) -> fmt::Result {
    w.write_str("<<")?;
    for (i, part) in byte_parts(bytes, limit).iter().enumerate() {
        if i > 0 {
            w.write_char(' ')?;
        }
        w.write_str(part)?;
    }
    w.write_str(">>")
}

/// The pieces between `<<` and `>>`: `"1,"`, `"2,"`, then the last byte or `"..."`.
pub(crate) fn byte_parts(bytes: &[u8], limit: Option<usize>) -> Vec<String> {
    let mut parts = Vec::new();
    let mut left = limit;
    for (i, b) in bytes.iter().enumerate() {
        if left == Some(0) {
            parts.push("...".to_string());
            break;
        }
        if i + 1 == bytes.len() {
            parts.push(b.to_string());
        } else {
            parts.push(format!("{b},"));
        }
        left = left.map(|n| n - 1);
    }
    parts
}

/// The atom as an Elixir literal.
pub(crate) fn write_atom<W: Write + ?Sized>(w: &mut W, name: &str) -> fmt::Result {
    w.write_str(&super::text::atom_literal(name))
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
    fn structs_render_with_their_module_name_and_fields_in_map_order() {
        let s = Term::map([
            (Term::atom("__struct__"), Term::atom("Elixir.Todo.Entry")),
            (Term::atom("title"), Term::string("x")),
            (Term::atom("id"), Term::Int(1)),
        ]);
        // Elixir prints fields in definition order; the map's own order stands for it.
        assert_eq!(s.to_string(), "%Todo.Entry{title: \"x\", id: 1}");
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
