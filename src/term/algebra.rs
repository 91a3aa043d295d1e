//! Elixir's `Inspect.Algebra` (v1.14): documents and the Wadler-style pretty printer that lays
//! them out in a width. Only the parts `inspect` uses are here: text, concatenation, nesting,
//! strict and flex breaks, groups. `format` and `fits?` are ports of Elixir's, which already
//! walk an explicit list; documents live in an arena, so neither building, formatting nor
//! dropping a document recurses.

/// A document in an [`Arena`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct DocId(u32);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BreakKind {
    Strict,
    Flex,
}

enum Doc {
    Nil,
    /// Text, measured in bytes as Elixir measures a binary document.
    Text(String),
    Static(&'static str),
    Cons(DocId, DocId),
    /// `nest(doc, n)`: `n` more columns of indentation after each break inside.
    Nest(DocId, usize),
    /// A line break, or this text when it does not break.
    Break(&'static str, BreakKind),
    Group(DocId),
}

#[derive(Default)]
pub(crate) struct Arena {
    docs: Vec<Doc>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Flat,
    Break,
}

impl Arena {
    fn add(&mut self, doc: Doc) -> DocId {
        self.docs.push(doc);
        DocId(self.docs.len() as u32 - 1)
    }
    fn get(&self, id: DocId) -> &Doc {
        &self.docs[id.0 as usize]
    }

    pub fn nil(&mut self) -> DocId {
        self.add(Doc::Nil)
    }
    pub fn text(&mut self, text: String) -> DocId {
        self.add(Doc::Text(text))
    }
    pub fn str(&mut self, text: &'static str) -> DocId {
        self.add(Doc::Static(text))
    }
    pub fn concat(&mut self, a: DocId, b: DocId) -> DocId {
        self.add(Doc::Cons(a, b))
    }
    pub fn nest(&mut self, doc: DocId, level: usize) -> DocId {
        if level == 0 { doc } else { self.add(Doc::Nest(doc, level)) }
    }
    pub fn group(&mut self, doc: DocId) -> DocId {
        self.add(Doc::Group(doc))
    }
    /// `glue(a, s, b)`: `a`, a strict break shown as `s`, `b`.
    pub fn glue(&mut self, a: DocId, s: &'static str, b: DocId) -> DocId {
        let br = self.add(Doc::Break(s, BreakKind::Strict));
        let rest = self.concat(br, b);
        self.concat(a, rest)
    }
    /// `flex_glue(a, " ", b)`.
    pub fn flex_glue(&mut self, a: DocId, b: DocId) -> DocId {
        let br = self.add(Doc::Break(" ", BreakKind::Flex));
        let rest = self.concat(br, b);
        self.concat(a, rest)
    }

    /// Whether the document is only text (`simple?` of `container_doc`): no break, no group.
    pub fn is_simple(&self, doc: DocId) -> bool {
        let mut todo = vec![doc];
        while let Some(d) = todo.pop() {
            match self.get(d) {
                Doc::Cons(a, b) => todo.extend([*a, *b]),
                Doc::Nil | Doc::Text(_) | Doc::Static(_) => {}
                _ => return false,
            }
        }
        true
    }

    /// `Inspect.Algebra.format(doc, width)` as one string (`None`: `:infinity`).
    pub fn format(&self, doc: DocId, width: Option<usize>) -> String {
        let mut out = String::new();
        let mut column = 0usize;
        let mut stack: Vec<(usize, Mode, DocId)> = vec![(0, Mode::Flat, doc)];
        while let Some((indent, mode, d)) = stack.pop() {
            match self.get(d) {
                Doc::Nil => {}
                Doc::Text(s) => {
                    out.push_str(s);
                    column += s.len();
                }
                Doc::Static(s) => {
                    out.push_str(s);
                    column += s.len();
                }
                Doc::Cons(a, b) => {
                    stack.push((indent, mode, *b));
                    stack.push((indent, mode, *a));
                }
                Doc::Nest(x, j) => stack.push((indent + j, mode, *x)),
                Doc::Break(s, BreakKind::Flex) => {
                    let k = column + s.len();
                    let flat = match width {
                        None => true,
                        Some(w) => mode == Mode::Flat || self.fits(w, k, true, Vec::new(), &stack),
                    };
                    if flat {
                        out.push_str(s);
                        column = k;
                    } else {
                        column = newline(&mut out, indent);
                    }
                }
                Doc::Break(s, BreakKind::Strict) => {
                    if mode == Mode::Break {
                        column = newline(&mut out, indent);
                    } else {
                        out.push_str(s);
                        column += s.len();
                    }
                }
                Doc::Group(x) => {
                    let fits = match width {
                        None => true,
                        Some(w) => self.fits(w, column, false, vec![Fit::Doc(indent, Mode::Flat, *x)], &[]),
                    };
                    stack.push((indent, if fits { Mode::Flat } else { Mode::Break }, *x));
                }
            }
        }
        out
    }

    /// `fits?/4`: whether what is in `local`, then `rest` (the formatter's stack, top last),
    /// fits in `w` columns up to the first break that may break. `b`: a break was seen (only
    /// then does overflowing count).
    fn fits(&self, w: usize, mut k: usize, mut b: bool, mut local: Vec<Fit>, rest: &[(usize, Mode, DocId)]) -> bool {
        let mut rest = rest.iter().rev();
        loop {
            if k > w && b {
                return false;
            }
            let item = match local.pop() {
                Some(item) => item,
                None => match rest.next() {
                    Some(&(i, m, d)) => Fit::Doc(i, m, d),
                    None => return true,
                },
            };
            let (i, m, d) = match item {
                Fit::Tail(saved) => {
                    b = saved;
                    continue;
                }
                Fit::Doc(i, m, d) => (i, m, d),
            };
            match self.get(d) {
                Doc::Break(..) if m == Mode::Break => return true,
                Doc::Group(x) => {
                    local.push(Fit::Tail(b));
                    local.push(Fit::Doc(i, if m == Mode::Break { Mode::Flat } else { m }, *x));
                }
                Doc::Nil => {}
                Doc::Text(s) => k += s.len(),
                Doc::Static(s) => k += s.len(),
                Doc::Break(s, _) => {
                    k += s.len();
                    b = true;
                }
                Doc::Nest(x, j) => local.push(Fit::Doc(i + j, m, *x)),
                Doc::Cons(x, y) => {
                    local.push(Fit::Doc(i, m, *y));
                    local.push(Fit::Doc(i, m, *x));
                }
            }
        }
    }
}

enum Fit {
    Doc(usize, Mode, DocId),
    /// `{:tail, b?, t}`: leaving a group restores the break flag.
    Tail(bool),
}

fn newline(out: &mut String, indent: usize) -> usize {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
    indent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_breaks_only_when_it_does_not_fit() {
        let mut a = Arena::default();
        let (hello, world) = (a.str("hello"), a.str("world"));
        let glued = a.glue(hello, " ", world);
        let doc = a.group(glued);
        assert_eq!(a.format(doc, Some(80)), "hello world");
        assert_eq!(a.format(doc, Some(5)), "hello\nworld");
        assert_eq!(a.format(doc, None), "hello world");
    }

    #[test]
    fn flex_breaks_fill_the_line() {
        let mut a = Arena::default();
        let words: Vec<DocId> = ["aa", "bb", "cc", "dd"].into_iter().map(|w| a.str(w)).collect();
        let mut doc = words[3];
        for w in words[..3].iter().rev() {
            doc = a.flex_glue(*w, doc);
        }
        let doc = a.group(doc);
        assert_eq!(a.format(doc, Some(5)), "aa bb\ncc dd");
    }
}
