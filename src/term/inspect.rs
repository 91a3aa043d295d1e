//! [`inspect`]: Elixir 1.14's `Kernel.inspect/2` and `IO.inspect/2`, exactly.
//!
//! Without `pretty` the text is one line (`Kernel.inspect/2` formats with width
//! `:infinity`); with it, the term becomes an `Inspect.Algebra` document (see `algebra.rs`)
//! built as Elixir's `Inspect` implementations build it (`container_doc` with its flex and
//! strict breaks, `nest`, `group`) and is laid out in `width` columns, as `IO.inspect/2` and
//! `inspect(term, pretty: true)` do. Checked against real Elixir in
//! `tests/vectors/inspect.txt`.
//!
//! Options: `limit` (items shown per container, and depth: each nested level takes one, as
//! in Elixir), `printable_limit`, `charlists` (`:infer` or `:as_lists`), `width`, `pretty`.
//! The document is built bottom-up with an explicit stack, so with `limit: :infinity` a term
//! nested 100,000 deep still prints.

use super::algebra::{Arena, DocId};
use super::render::{byte_parts, write_flat};
use super::shape::{shape, Break, Charlists, Container, Elem, Shape, TextOpts};
use super::text::atom_key;
use super::Term;

/// The `Inspect.Opts` that change the text.
#[derive(Clone, Debug)]
pub struct InspectOpts {
    /// Columns for `pretty` layout (`width:`, 80 by default).
    pub width: usize,
    /// Lay out in `width` (`IO.inspect/2` always does; `Kernel.inspect/2` only with
    /// `pretty: true`).
    pub pretty: bool,
    /// Elements shown per container before `...` (`None`: `:infinity`); 50 by default.
    pub limit: Option<usize>,
    /// Characters of a string or charlist shown before `<> ...`; 4096 by default.
    pub printable_limit: Option<usize>,
    pub charlists: Charlists,
}

impl Default for InspectOpts {
    /// `Kernel.inspect/2`'s defaults.
    fn default() -> InspectOpts {
        InspectOpts { width: 80, pretty: false, limit: Some(50), printable_limit: Some(4096), charlists: Charlists::Infer }
    }
}

impl InspectOpts {
    /// `IO.inspect/2`'s defaults: laid out in 80 columns.
    pub fn io_inspect() -> InspectOpts {
        InspectOpts { pretty: true, ..InspectOpts::default() }
    }

    fn text_opts(&self) -> TextOpts {
        TextOpts { limit: self.limit, printable_limit: self.printable_limit, charlists: self.charlists }
    }
}

/// `inspect(term, opts)` as Elixir 1.14 prints it.
pub fn inspect(term: &Term, opts: &InspectOpts) -> String {
    let text_opts = opts.text_opts();
    if !opts.pretty {
        let mut out = String::new();
        let _ = write_flat(&mut out, term, &text_opts);
        return out;
    }
    let mut arena = Arena::default();
    let doc = to_doc(&mut arena, term, &text_opts);
    let doc = arena.group(doc);
    arena.format(doc, Some(opts.width))
}

/// What a frame does with the next document delivered to it.
enum Wait<'a> {
    /// The document of element `next - 1` as it is.
    Item,
    /// The value after `key: `.
    KeywordValue(DocId),
    /// The key of `key => value`; the value comes next.
    AssocKey(&'a Term),
    AssocValue(DocId),
    /// The last item of an improper list; its tail comes next.
    TailItem(&'a Term),
    TailEnd(DocId),
}

/// A container whose elements are being turned into documents (`container_each`).
struct Frame<'a> {
    container: Container<'a>,
    next: usize,
    /// The limit left, as `container_each` counts it down.
    limit: Option<usize>,
    docs: Vec<DocId>,
    simple: bool,
    wait: Wait<'a>,
}

/// A term's document, or the frame that will make it.
enum Start<'a> {
    Done(DocId),
    Frame(Frame<'a>),
}

/// `to_doc(term, opts)` of every `Inspect` implementation, iteratively.
fn to_doc(arena: &mut Arena, term: &Term, opts: &TextOpts) -> DocId {
    let mut frames: Vec<Frame<'_>> = Vec::new();
    let mut delivered = match start(arena, term, opts.limit, opts.charlists, opts) {
        Start::Done(doc) => return doc,
        Start::Frame(frame) => {
            frames.push(frame);
            None
        }
    };
    loop {
        let frame = frames.last_mut().expect("a frame is open until the root is done");
        match step(arena, frame, delivered.take()) {
            Some((child, limit, charlists)) => match start(arena, child, limit, charlists, opts) {
                Start::Done(doc) => delivered = Some(doc),
                Start::Frame(frame) => frames.push(frame),
            },
            None => {
                let frame = frames.pop().expect("checked above");
                let doc = finish(arena, frame);
                if frames.is_empty() {
                    return doc;
                }
                delivered = Some(doc);
            }
        }
    }
}

fn start<'a>(arena: &mut Arena, term: &'a Term, limit: Option<usize>, charlists: Charlists, opts: &TextOpts) -> Start<'a> {
    let opts = TextOpts { limit, charlists, ..*opts };
    match shape(term, &opts) {
        Shape::Text(text) => Start::Done(arena.text(text.into_owned())),
        Shape::Bytes(bytes) => Start::Done(bytes_doc(arena, bytes, limit)),
        Shape::Container(container) => {
            let simple = container.mode == Break::Maybe;
            Start::Frame(Frame { container, next: 0, limit, docs: Vec::new(), simple, wait: Wait::Item })
        }
    }
}

/// `Inspect.BitString.inspect_bitstring/2`: `group(concat(concat("<<", nest(inner, 2)), ">>"))`
/// with the bytes joined by flex breaks.
fn bytes_doc(arena: &mut Arena, bytes: &[u8], limit: Option<usize>) -> DocId {
    let parts: Vec<DocId> = byte_parts(bytes, limit).into_iter().map(|p| arena.text(p)).collect();
    let inner = parts.iter().rev().copied().reduce(|acc, part| arena.flex_glue(part, acc)).unwrap_or_else(|| arena.nil());
    let (open, close) = (arena.str("<<"), arena.str(">>"));
    let inner = arena.nest(inner, 2);
    let doc = arena.concat(open, inner);
    let doc = arena.concat(doc, close);
    arena.group(doc)
}

/// Takes the delivered document, if any, and says which term is needed next (with its limit
/// and charlists option), or `None` when every element is done.
fn step<'a>(arena: &mut Arena, frame: &mut Frame<'a>, delivered: Option<DocId>) -> Option<(&'a Term, Option<usize>, Charlists)> {
    let charlists = frame.container.charlists;
    if let Some(doc) = delivered {
        match std::mem::replace(&mut frame.wait, Wait::Item) {
            Wait::Item => push_elem(arena, frame, doc),
            Wait::KeywordValue(key) => {
                let doc = arena.concat(key, doc);
                push_elem(arena, frame, doc);
            }
            Wait::AssocKey(value) => {
                frame.wait = Wait::AssocValue(doc);
                return Some((value, frame.limit, charlists));
            }
            Wait::AssocValue(key) => {
                let arrow = arena.str(" => ");
                let key = arena.concat(key, arrow);
                let doc = arena.concat(key, doc);
                push_elem(arena, frame, doc);
            }
            Wait::TailItem(tail) => {
                frame.wait = Wait::TailEnd(doc);
                return Some((tail, frame.limit, charlists));
            }
            Wait::TailEnd(item) => {
                frame.simple = frame.simple && arena.is_simple(item) && arena.is_simple(doc);
                let bar = arena.str(" |");
                let left = arena.concat(item, bar);
                let doc = if frame.simple { arena.flex_glue(left, doc) } else { arena.glue(left, " ", doc) };
                frame.docs.push(doc);
            }
        }
    }
    let elem = frame.container.elems.get(frame.next)?;
    if frame.limit == Some(0) {
        let dots = arena.str("...");
        frame.docs.push(dots);
        frame.next = frame.container.elems.len();
        return None;
    }
    frame.next += 1;
    frame.limit = frame.limit.map(|n| n - 1);
    let limit = frame.limit;
    Some(match elem {
        Elem::Item(t) => (t, limit, charlists),
        Elem::Keyword(name, value) => {
            frame.wait = Wait::KeywordValue(arena.text(atom_key(name)));
            (value, limit, charlists)
        }
        Elem::Assoc(key, value) => {
            frame.wait = Wait::AssocKey(value);
            (key, limit, charlists)
        }
        Elem::Tail(item, tail) => {
            frame.wait = Wait::TailItem(tail);
            (item, limit, charlists)
        }
    })
}

fn push_elem(arena: &Arena, frame: &mut Frame<'_>, doc: DocId) {
    frame.simple = frame.simple && arena.is_simple(doc);
    frame.docs.push(doc);
}

/// The rest of `container_doc/6`: join the element documents and wrap them.
fn finish(arena: &mut Arena, frame: Frame<'_>) -> DocId {
    let c = &frame.container;
    let left = arena.text(format!("{}{}", c.prefix, c.left));
    let right = arena.str(c.right);
    let doc = if frame.docs.is_empty() {
        arena.concat(left, right)
    } else {
        let flex = frame.simple || c.mode == Break::Flex;
        let joined = frame
            .docs
            .iter()
            .rev()
            .copied()
            .reduce(|acc, doc| {
                let comma = arena.str(",");
                let doc = arena.concat(doc, comma);
                if flex { arena.flex_glue(doc, acc) } else { arena.glue(doc, " ", acc) }
            })
            .expect("not empty");
        if flex {
            let nested = arena.nest(joined, 1);
            let doc = arena.concat(left, nested);
            let doc = arena.concat(doc, right);
            arena.group(doc)
        } else {
            let inner = arena.glue(left, "", joined);
            let inner = arena.nest(inner, 2);
            let doc = arena.glue(inner, "", right);
            arena.group(doc)
        }
    };
    if c.suffix.is_empty() {
        doc
    } else {
        // `concat(["MapSet.new(", list_doc, ")"])`: the prefix went in with `left`.
        let suffix = arena.str(c.suffix);
        arena.concat(doc, suffix)
    }
}
