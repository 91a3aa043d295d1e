//! What a term looks like to `inspect`, one level deep: a piece of text, the bytes of a
//! non-printable binary, or a container (its brackets, its elements, how it breaks). The flat
//! writer (`Display`, `inspect` without `pretty`) and the document builder (`pretty`) both
//! walk this, so the two layouts cannot disagree about anything but line breaks.
//!
//! Structs Elixir prints its own way: `~D[..]`, `~T[..]`, `~N[..]`, `1..10` / `1..10//2`,
//! `MapSet.new([..])`, `~r/../opts`. Any other map whose `__struct__` is a module atom prints
//! as `%Mod{field: value}` with fields in the map's own order (Elixir uses the struct's
//! definition order, which the evaluator keeps by building the map in that order); the
//! `__exception__` flag of exception structs is hidden, as Elixir hides it.

use std::borrow::Cow;

use super::float::format_float;
use super::order::sorted_pair_refs;
use super::text::{alias_text, ascii_printable, atom_literal, classify_atom, escape, quoted_charlist, quoted_string, AtomKind, EscapeMap};
use super::Term;

/// How lists print: `charlists:` of `Inspect.Opts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charlists {
    /// `'abc'` when every character is printable ASCII (Elixir 1.14's default).
    Infer,
    /// Always a list of integers.
    AsLists,
}

/// `Inspect.Opts` fields that decide text (not layout).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextOpts {
    pub limit: Option<usize>,
    pub printable_limit: Option<usize>,
    pub charlists: Charlists,
}

/// How a container's elements break when it does not fit (`container_doc`'s `break:`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Break {
    /// Lists: flexible while every element is simple text, else one element per line.
    Maybe,
    /// Tuples: always flexible (fill each line).
    Flex,
    /// Maps, structs, keyword lists: one element per line.
    Strict,
}

pub(crate) enum Shape<'a> {
    Text(Cow<'a, str>),
    /// A binary that is not a printable string: `<<1, 2, 3>>`.
    Bytes(&'a [u8]),
    Container(Container<'a>),
}

pub(crate) struct Container<'a> {
    pub left: Cow<'a, str>,
    pub right: &'static str,
    /// Around the container: `MapSet.new(` and `)`.
    pub prefix: &'static str,
    pub suffix: &'static str,
    pub elems: Elems<'a>,
    pub mode: Break,
    /// The charlists option for the elements (a MapSet shows its lists as lists).
    pub charlists: Charlists,
}

pub(crate) enum Elems<'a> {
    /// List or tuple items; an improper list's tail joins its last item (`2 | 3`).
    Items(&'a [Term], Option<&'a Term>),
    /// Terms that are `{atom, value}` pairs shown as `atom: value`.
    Keywords(Vec<&'a Term>),
    /// Map pairs, as `key: value` or `key => value`.
    Pairs(Vec<&'a (Term, Term)>, bool),
    /// Terms shown as they are (a MapSet's members).
    Refs(Vec<&'a Term>),
}

pub(crate) enum Elem<'a> {
    Item(&'a Term),
    /// `name: value`.
    Keyword(&'a str, &'a Term),
    /// `key => value`.
    Assoc(&'a Term, &'a Term),
    /// `item | tail`.
    Tail(&'a Term, &'a Term),
}

impl<'a> Elems<'a> {
    pub fn len(&self) -> usize {
        match self {
            Elems::Items(items, _) => items.len(),
            Elems::Keywords(items) | Elems::Refs(items) => items.len(),
            Elems::Pairs(pairs, _) => pairs.len(),
        }
    }

    pub fn get(&self, i: usize) -> Option<Elem<'a>> {
        Some(match self {
            Elems::Items(items, tail) => match (items.get(i)?, tail) {
                (item, Some(tail)) if i + 1 == items.len() => Elem::Tail(item, tail),
                (item, _) => Elem::Item(item),
            },
            Elems::Keywords(items) => match items.get(i)? {
                Term::Tuple(kv) => match kv.as_slice() {
                    [Term::Atom(name), value] => Elem::Keyword(name, value),
                    _ => unreachable!("checked by is_keyword"),
                },
                _ => unreachable!("checked by is_keyword"),
            },
            Elems::Refs(items) => Elem::Item(items.get(i)?),
            Elems::Pairs(pairs, keyword) => {
                let (k, v) = pairs.get(i).map(|p| (&p.0, &p.1))?;
                match k {
                    Term::Atom(name) if *keyword => Elem::Keyword(name, v),
                    _ => Elem::Assoc(k, v),
                }
            }
        })
    }
}

/// `Inspect.List.keyword?/1` for one element: `{atom, _}` whose atom is not a module.
fn is_keyword_pair(t: &Term) -> bool {
    matches!(t, Term::Tuple(kv) if kv.len() == 2 && is_keyword_key(&kv[0]))
}

fn is_keyword_key(k: &Term) -> bool {
    matches!(k, Term::Atom(name) if !name.starts_with("Elixir."))
}

/// One level of `term` as `inspect` shows it.
pub(crate) fn shape<'a>(term: &'a Term, opts: &TextOpts) -> Shape<'a> {
    match term {
        Term::Atom(name) => Shape::Text(atom_literal(name)),
        Term::Int(n) => Shape::Text(Cow::Owned(n.to_string())),
        Term::BigInt(n) => Shape::Text(Cow::Owned(n.to_string())),
        Term::Float(x) => Shape::Text(Cow::Owned(format_float(*x))),
        Term::Binary(bytes) if super::text::is_printable(bytes, opts.printable_limit) => {
            Shape::Text(Cow::Owned(quoted_string(bytes, opts.printable_limit)))
        }
        Term::Binary(bytes) => Shape::Bytes(bytes),
        Term::Tuple(items) => container("{", "}", Elems::Items(items, None), Break::Flex, opts.charlists),
        Term::List(items) if items.is_empty() => Shape::Text(Cow::Borrowed("[]")),
        Term::List(items) => list_shape(items.iter().collect(), Some(items), opts, opts.charlists),
        Term::ImproperList(items, tail) => {
            container("[", "]", Elems::Items(items, Some(tail)), Break::Maybe, opts.charlists)
        }
        Term::Map(pairs) => map_shape(pairs, opts),
        Term::Pid(pid) => Shape::Text(Cow::Owned(pid.to_string())),
        Term::Ref(n) => Shape::Text(Cow::Owned(format!("#Reference<0.0.{}.{}>", n >> 32, n & 0xffff_ffff))),
        // An external function's text (`&Mod.fun/1`) is already what Elixir prints.
        Term::Fun(name) if name.starts_with('&') => Shape::Text(Cow::Borrowed(name)),
        Term::Fun(name) => Shape::Text(Cow::Owned(format!("#Function<{name}>"))),
    }
}

fn container<'a>(left: &'a str, right: &'static str, elems: Elems<'a>, mode: Break, charlists: Charlists) -> Shape<'a> {
    Shape::Container(Container { left: Cow::Borrowed(left), right, prefix: "", suffix: "", elems, mode, charlists })
}

/// `Inspect.List.inspect/2` of a proper, non-empty list (`slice`: the same list when it is
/// stored contiguously, for the charlist check).
fn list_shape<'a>(items: Vec<&'a Term>, slice: Option<&'a [Term]>, opts: &TextOpts, charlists: Charlists) -> Shape<'a> {
    if let (Charlists::Infer, Some(slice)) = (charlists, slice)
        && ascii_printable(slice, opts.printable_limit)
    {
        return Shape::Text(Cow::Owned(quoted_charlist(slice, opts.printable_limit)));
    }
    if items.iter().all(|t| is_keyword_pair(t)) {
        return container("[", "]", Elems::Keywords(items), Break::Strict, charlists);
    }
    match slice {
        Some(slice) => container("[", "]", Elems::Items(slice, None), Break::Maybe, charlists),
        None => container("[", "]", Elems::Refs(items), Break::Maybe, charlists),
    }
}

fn map_shape<'a>(pairs: &'a [(Term, Term)], opts: &TextOpts) -> Shape<'a> {
    let field = |key: &str| pairs.iter().find(|(k, _)| k.is_atom(key)).map(|(_, v)| v);
    let module = match field("__struct__") {
        Some(Term::Atom(m)) if classify_atom(m) == AtomKind::Alias && m.starts_with("Elixir.") => Some(m.as_str()),
        _ => None,
    };
    if let Some(module) = module
        && pairs.iter().all(|(k, _)| matches!(k, Term::Atom(_)))
    {
        if let Some(shape) = known_struct(module, &field, opts) {
            return shape;
        }
        let fields = pairs
            .iter()
            .filter(|(k, v)| !k.is_atom("__struct__") && !(k.is_atom("__exception__") && v.is_atom("true")))
            .collect();
        return Shape::Container(Container {
            left: Cow::Owned(format!("%{}{{", alias_text(module))),
            right: "}",
            prefix: "",
            suffix: "",
            elems: Elems::Pairs(fields, true),
            mode: Break::Strict,
            charlists: opts.charlists,
        });
    }
    let sorted = sorted_pair_refs(pairs);
    let keyword = sorted.iter().all(|(k, _)| is_keyword_key(k));
    if sorted.is_empty() {
        return Shape::Text(Cow::Borrowed("%{}"));
    }
    container("%{", "}", Elems::Pairs(sorted, keyword), Break::Strict, opts.charlists)
}

fn int_field<'a>(field: &impl Fn(&str) -> Option<&'a Term>, key: &str) -> Option<i64> {
    match field(key)? {
        Term::Int(n) => Some(*n),
        _ => None,
    }
}

/// The structs with their own `Inspect` implementation that a learner meets.
fn known_struct<'a>(module: &str, field: &impl Fn(&str) -> Option<&'a Term>, opts: &TextOpts) -> Option<Shape<'a>> {
    let iso = || field("calendar").is_some_and(|c| c.is_atom("Elixir.Calendar.ISO"));
    let text = |s: String| Some(Shape::Text(Cow::Owned(s)));
    match module {
        "Elixir.Date" if iso() => text(format!("~D[{}]", date_text(field)?)),
        "Elixir.Time" if iso() => text(format!("~T[{}]", time_text(field)?)),
        "Elixir.NaiveDateTime" if iso() => text(format!("~N[{} {}]", date_text(field)?, time_text(field)?)),
        "Elixir.Range" => {
            let (first, last, step) = (field("first")?, field("last")?, field("step")?);
            let ints = [first, last, step].iter().all(|t| matches!(t, Term::Int(_) | Term::BigInt(_)));
            if !ints {
                return None;
            }
            let show = |t: &Term| t.to_string();
            if step.is_int(1) && super::compare(last, first).is_ge() {
                text(format!("{}..{}", show(first), show(last)))
            } else {
                text(format!("{}..{}//{}", show(first), show(last), show(step)))
            }
        }
        "Elixir.MapSet" => {
            let Term::Map(members) = field("map")? else { return None };
            let keys: Vec<&Term> = sorted_pair_refs(members).into_iter().map(|(k, _)| k).collect();
            if keys.is_empty() {
                return text("MapSet.new([])".into());
            }
            match list_shape(keys, None, opts, Charlists::AsLists) {
                Shape::Container(mut c) => {
                    c.prefix = "MapSet.new(";
                    c.suffix = ")";
                    Some(Shape::Container(c))
                }
                _ => None,
            }
        }
        "Elixir.Regex" => {
            let (Term::Binary(source), Term::Binary(flags)) = (field("source")?, field("opts")?) else { return None };
            let flags = std::str::from_utf8(flags).ok()?;
            text(format!("~r/{}/{flags}", regex_source(source)))
        }
        _ => None,
    }
}

/// `Calendar.ISO.date_to_string/3`: `2024-01-22`, `-0001-01-01`.
fn date_text<'a>(field: &impl Fn(&str) -> Option<&'a Term>) -> Option<String> {
    let (y, m, d) = (int_field(field, "year")?, int_field(field, "month")?, int_field(field, "day")?);
    let sign = if y < 0 { "-" } else { "" };
    Some(format!("{sign}{:04}-{m:02}-{d:02}", y.unsigned_abs()))
}

/// `Calendar.ISO.time_to_string/4`: `12:30:05`, `12:30:05.120` (microseconds to the precision).
fn time_text<'a>(field: &impl Fn(&str) -> Option<&'a Term>) -> Option<String> {
    let (h, m, s) = (int_field(field, "hour")?, int_field(field, "minute")?, int_field(field, "second")?);
    let Term::Tuple(micro) = field("microsecond")? else { return None };
    let [Term::Int(us), Term::Int(precision)] = micro.as_slice() else { return None };
    let mut out = format!("{h:02}:{m:02}:{s:02}");
    if *precision > 0 {
        let digits = format!("{us:06}");
        out.push('.');
        out.push_str(digits.get(..(*precision as usize).min(6))?);
    }
    Some(out)
}

/// `Inspect.Regex`: `\/` in the source is written back as `\/`, other characters escaped
/// for a `/`-delimited sigil.
fn regex_source(source: &[u8]) -> String {
    let mut normal = Vec::with_capacity(source.len());
    let mut i = 0;
    while i < source.len() {
        match (source[i], source.get(i + 1)) {
            (b'\\', Some(b'\\')) => {
                normal.extend_from_slice(b"\\\\");
                i += 2;
            }
            (b'\\', Some(b'/')) => {
                normal.push(b'/');
                i += 2;
            }
            (b, _) => {
                normal.push(b);
                i += 1;
            }
        }
    }
    escape(&normal, b'/', None, EscapeMap::Regex).0
}
