//! `String`: text as UTF-8 binaries, indexed by grapheme clusters the way Elixir counts them
//! (`String.length("é")` is 1 whether it is one code point or two).

use unicode_segmentation::UnicodeSegmentation;

use super::{int_arg, no_clause, opt, R};
use crate::lang::atom::Atom;
use crate::lang::exception::Raise;
use crate::lang::native::Registry;
use crate::lang::value::Value;

fn text<'a>(v: &'a Value, fun: &str, arity: usize) -> Result<&'a str, Raise> {
    v.as_str().ok_or_else(|| no_clause("String", fun, arity))
}

fn graphemes(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

fn strings(list: Vec<&str>) -> Value {
    Value::list(list.into_iter().map(Value::string).collect::<Vec<_>>())
}

/// A pattern argument: one string or a list of strings (`String.split(s, [",", ";"])`).
fn patterns(v: &Value, fun: &str, arity: usize) -> Result<Vec<String>, Raise> {
    if let Some(s) = v.as_str() {
        return Ok(vec![s.to_string()]);
    }
    match v.list_to_vec() {
        Some(items) => items.iter().map(|p| p.as_str().map(str::to_string).ok_or_else(|| no_clause("String", fun, arity))).collect(),
        None => Err(no_clause("String", fun, arity)),
    }
}

/// The earliest, then longest, match of any pattern in `s` from byte `from`.
fn find_any(s: &str, from: usize, pats: &[String]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for p in pats.iter().filter(|p| !p.is_empty()) {
        if let Some(i) = s[from..].find(p.as_str()) {
            let at = from + i;
            best = match best {
                Some((b, l)) if b < at || (b == at && l >= p.len()) => Some((b, l)),
                _ => Some((at, p.len())),
            };
        }
    }
    best
}

fn is_elixir_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{85}'
}

/// `String.split/3` for string patterns, with Elixir's `parts:` and `trim:`.
pub(crate) fn split_with(s: &str, pats: &[String], parts: Option<i64>, trim: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if pats.iter().all(|p| p.is_empty()) {
        // Splitting on "" splits between graphemes, with "" at both ends.
        let mut pieces: Vec<String> = vec![String::new()];
        pieces.extend(graphemes(s).into_iter().map(str::to_string));
        pieces.push(String::new());
        let mut pieces: Vec<String> = if trim { pieces.into_iter().filter(|p| !p.is_empty()).collect() } else { pieces };
        if let Some(n) = parts.filter(|n| *n > 0 && (*n as usize) < pieces.len()) {
            let rest: String = pieces[n as usize - 1..].concat();
            pieces.truncate(n as usize - 1);
            pieces.push(rest);
        }
        return pieces;
    }
    let mut from = 0;
    loop {
        if let Some(n) = parts {
            if n > 0 && out.len() as i64 == n - 1 {
                break;
            }
        }
        match find_any(s, from, pats) {
            Some((at, len)) => {
                let piece = &s[from..at];
                if !(trim && piece.is_empty()) {
                    out.push(piece.to_string());
                }
                from = at + len;
            }
            None => break,
        }
    }
    let rest = &s[from..];
    if !(trim && rest.is_empty()) {
        out.push(rest.to_string());
    }
    out
}

fn split_opts(opts: &Value) -> (Option<i64>, bool) {
    let parts = opt(opts, "parts").and_then(|v| int_arg(&v));
    let trim = opt(opts, "trim").is_some_and(|v| v.is_truthy());
    (parts, trim)
}

fn split(args: &[Value]) -> R {
    let s = text(&args[0], "split", args.len())?;
    let (parts, trim) = if args.len() == 3 { split_opts(&args[2]) } else { (None, false) };
    if let Some(re) = super::erlang::regex_of(&args[1]) {
        let re = re?;
        let pieces = super::erlang::regex_split(&re, s, parts, trim);
        return Ok(Value::list(pieces.into_iter().map(|p| Value::string(&p)).collect::<Vec<_>>()));
    }
    let pats = patterns(&args[1], "split", 3)?;
    let pieces = split_with(s, &pats, parts, trim);
    Ok(Value::list(pieces.into_iter().map(|p| Value::string(&p)).collect::<Vec<_>>()))
}

fn trim_chars<'a>(s: &'a str, chars: Option<&str>, leading: bool, trailing: bool) -> &'a str {
    match chars {
        None => {
            let s = if leading { s.trim_start_matches(is_elixir_whitespace) } else { s };
            if trailing { s.trim_end_matches(is_elixir_whitespace) } else { s }
        }
        Some(pat) if pat.is_empty() => s,
        Some(pat) => {
            let mut s = s;
            if leading {
                while let Some(rest) = s.strip_prefix(pat) {
                    s = rest;
                }
            }
            if trailing {
                while let Some(rest) = s.strip_suffix(pat) {
                    s = rest;
                }
            }
            s
        }
    }
}

fn trimmer(reg: &mut Registry, name: &'static str, leading: bool, trailing: bool) {
    reg.add("String", name, 1, match (leading, trailing) {
        (true, true) => |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim", 1)?, None, true, true))),
        (true, false) => |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim_leading", 1)?, None, true, false))),
        _ => |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim_trailing", 1)?, None, false, true))),
    });
    reg.add("String", name, 2, match (leading, trailing) {
        (true, true) => |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim", 2)?, Some(text(&a[1], "trim", 2)?), true, true))),
        (true, false) => {
            |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim_leading", 2)?, Some(text(&a[1], "trim_leading", 2)?), true, false)))
        }
        _ => |_, a| Ok(Value::string(trim_chars(text(&a[0], "trim_trailing", 2)?, Some(text(&a[1], "trim_trailing", 2)?), false, true))),
    });
}

/// `String.slice/3` on graphemes: a negative start counts from the end.
fn slice_at(s: &str, start: i64, len: i64) -> String {
    let g = graphemes(s);
    let n = g.len() as i64;
    let start = if start < 0 { (n + start).max(0) } else { start };
    if start >= n || len <= 0 {
        return String::new();
    }
    let end = (start + len).min(n);
    g[start as usize..end as usize].concat()
}

fn slice_range(s: &str, range: &Value) -> Result<String, Raise> {
    let (first, last, step) = crate::lang::kernel::range_bounds(range).ok_or_else(|| no_clause("String", "slice", 2))?;
    let g = graphemes(s);
    let n = g.len() as i64;
    // Elixir 1.14 still reads `3..1` (step -1) as `3..1//1`; other negative steps raise.
    let step = match step {
        -1 if first > last => 1,
        s if s < 0 => {
            return Err(Raise::argument_error(&format!(
                "String.slice/2 does not accept ranges with negative steps, got: {}",
                crate::lang::convert::inspect(range)
            )))
        }
        s => s,
    };
    let first = if first < 0 { (n + first).max(0) } else { first };
    let last = if last < 0 { n + last } else { last };
    if first >= n || last < first {
        return Ok(String::new());
    }
    let last = last.min(n - 1);
    Ok((first..=last).step_by(step as usize).map(|i| g[i as usize]).collect())
}

fn pad(args: &[Value], leading: bool) -> R {
    let fun = if leading { "pad_leading" } else { "pad_trailing" };
    let s = text(&args[0], fun, args.len())?;
    let count = match args[1] {
        Value::Int(n) if n >= 0 => n as usize,
        _ => return Err(no_clause("String", fun, 3)),
    };
    let padding = if args.len() == 3 { text(&args[2], fun, 3)? } else { " " };
    let len = graphemes(s).len();
    if len >= count {
        return Ok(args[0].clone());
    }
    let pg = graphemes(padding);
    if pg.is_empty() {
        return Err(no_clause("String", fun, 3));
    }
    let fill: String = (0..count - len).map(|i| pg[i % pg.len()]).collect();
    Ok(Value::string(&if leading { fill + s } else { format!("{s}{fill}") }))
}

fn capitalize(s: &str) -> String {
    let mut g = s.graphemes(true);
    match g.next() {
        Some(first) => {
            let head: String = match first {
                // Elixir title-cases these digraphs rather than upper-casing them.
                "ǆ" | "ǅ" | "Ǆ" => "ǅ".to_string(),
                "ǉ" | "ǈ" | "Ǉ" => "ǈ".to_string(),
                "ǌ" | "ǋ" | "Ǌ" => "ǋ".to_string(),
                "ß" => "Ss".to_string(),
                other => other.to_uppercase(),
            };
            head + &g.as_str().to_lowercase()
        }
        None => String::new(),
    }
}

/// `String.replace/3,4` with a string pattern; `global: false` replaces the first only.
fn replace(args: &[Value]) -> R {
    let s = text(&args[0], "replace", args.len())?;
    let global = args.get(3).and_then(|o| opt(o, "global")).is_none_or(|v| v.is_truthy());
    if let Some(re) = super::erlang::regex_of(&args[1]) {
        let re = re?;
        let with = text(&args[2], "replace", 4)?;
        return Ok(Value::string(&super::erlang::regex_replace(&re, s, with, global)));
    }
    let pats = patterns(&args[1], "replace", 4)?;
    let with = text(&args[2], "replace", 4)?;
    if pats.iter().all(|p| p.is_empty()) {
        if !global {
            return Ok(Value::string(&format!("{with}{s}")));
        }
        let mut out = String::from(with);
        for c in graphemes(s) {
            out.push_str(c);
            out.push_str(with);
        }
        return Ok(Value::string(&out));
    }
    let mut out = String::new();
    let mut from = 0;
    while let Some((at, len)) = find_any(s, from, &pats) {
        out.push_str(&s[from..at]);
        out.push_str(with);
        from = at + len;
        if !global {
            break;
        }
    }
    out.push_str(&s[from..]);
    Ok(Value::string(&out))
}

/// `String.to_integer/1,2` and `Integer.parse/1,2`'s digit reading: an optional sign then
/// digits of `base`, as many as there are. Returns the value and the bytes read.
pub(crate) fn read_integer(s: &str, base: u32) -> Option<(Value, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i] as char).is_digit(base) {
        i += 1;
    }
    if i == start {
        return None;
    }
    let digits = &s[start..i];
    let n = num_bigint::BigInt::parse_bytes(digits.as_bytes(), base)?;
    let n = if bytes[0] == b'-' { -n } else { n };
    Some((Value::from_bigint(n), i))
}

fn base_arg(v: Option<&Value>) -> Result<u32, Raise> {
    match v {
        None => Ok(10),
        Some(Value::Int(b)) if (2..=36).contains(b) => Ok(*b as u32),
        Some(other) => Err(Raise::argument_error(&format!(
            "invalid base {}",
            crate::lang::convert::inspect(other)
        ))),
    }
}

fn to_integer(a: &[Value]) -> R {
    let s = text(&a[0], "to_integer", a.len())?;
    let base = base_arg(a.get(1))?;
    match read_integer(s, base) {
        Some((v, n)) if n == s.len() => Ok(v),
        _ => Err(Raise::bad_argument(1, "not a textual representation of an integer")),
    }
}

/// Reads a float the way `Float.parse/1` does: `1`, `1.5`, `1.5e3`, `1e3` (not `.5`).
pub(crate) fn read_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return None;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    let f: f64 = s[..i].parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Some((f, i))
}

fn to_float(a: &[Value]) -> R {
    let s = text(&a[0], "to_float", 1)?;
    let bad = || Raise::bad_argument(1, "not a textual representation of a float");
    // `String.to_float/1` is `:erlang.binary_to_float/1`: digits, a dot, digits are required.
    let dot = s.find('.').ok_or_else(bad)?;
    let before = s[..dot].trim_start_matches(['+', '-']);
    let after = &s[dot + 1..];
    if before.is_empty() || !before.bytes().all(|c| c.is_ascii_digit()) || !after.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(bad());
    }
    match read_float(s) {
        Some((f, n)) if n == s.len() => Ok(Value::Float(f)),
        _ => Err(bad()),
    }
}

fn starts_or_ends(args: &[Value], fun: &str, start: bool) -> R {
    let s = text(&args[0], fun, 2)?;
    let pats = patterns(&args[1], fun, 2)?;
    Ok(Value::boolean(pats.iter().any(|p| if start { s.starts_with(p.as_str()) } else { s.ends_with(p.as_str()) })))
}

pub(crate) fn register(reg: &mut Registry) {
    let m = "String";
    reg.add(m, "length", 1, |_, a| Ok(Value::Int(text(&a[0], "length", 1)?.graphemes(true).count() as i64)));
    reg.add(m, "upcase", 1, |_, a| Ok(Value::string(&text(&a[0], "upcase", 2)?.to_uppercase())));
    reg.add(m, "downcase", 1, |_, a| Ok(Value::string(&text(&a[0], "downcase", 2)?.to_lowercase())));
    reg.add(m, "capitalize", 1, |_, a| Ok(Value::string(&capitalize(text(&a[0], "capitalize", 2)?))));
    trimmer(reg, "trim", true, true);
    trimmer(reg, "trim_leading", true, false);
    trimmer(reg, "trim_trailing", false, true);
    reg.add(m, "split", 1, |_, a| {
        let s = text(&a[0], "split", 1)?;
        Ok(strings(s.split(is_elixir_whitespace).filter(|p| !p.is_empty()).collect()))
    });
    reg.add(m, "split", 2, |_, a| split(a));
    reg.add(m, "split", 3, |_, a| split(a));
    reg.add(m, "slice", 2, |_, a| Ok(Value::string(&slice_range(text(&a[0], "slice", 2)?, &a[1])?)));
    reg.add(m, "slice", 3, |_, a| {
        let s = text(&a[0], "slice", 3)?;
        match (&a[1], &a[2]) {
            (Value::Int(start), Value::Int(len)) if *len >= 0 => Ok(Value::string(&slice_at(s, *start, *len))),
            _ => Err(no_clause("String", "slice", 3)),
        }
    });
    reg.add(m, "at", 2, |_, a| {
        let s = text(&a[0], "at", 2)?;
        let i = int_arg(&a[1]).ok_or_else(|| no_clause("String", "at", 2))?;
        let g = graphemes(s);
        let i = if i < 0 { g.len() as i64 + i } else { i };
        Ok(if i < 0 || i >= g.len() as i64 { Value::NIL_ATOM } else { Value::string(g[i as usize]) })
    });
    reg.add(m, "first", 1, |_, a| Ok(text(&a[0], "first", 1)?.graphemes(true).next().map_or(Value::NIL_ATOM, Value::string)));
    reg.add(m, "last", 1, |_, a| Ok(text(&a[0], "last", 1)?.graphemes(true).next_back().map_or(Value::NIL_ATOM, Value::string)));
    reg.add(m, "replace", 3, |_, a| replace(a));
    reg.add(m, "replace", 4, |_, a| replace(a));
    reg.add(m, "contains?", 2, |_, a| {
        let s = text(&a[0], "contains?", 2)?;
        if super::erlang::regex_of(&a[1]).is_some() {
            return Err(Raise::bad_argument(2, "not a valid pattern"));
        }
        let pats = patterns(&a[1], "contains?", 2)?;
        Ok(Value::boolean(pats.iter().any(|p| s.contains(p.as_str()))))
    });
    reg.add(m, "starts_with?", 2, |_, a| starts_or_ends(a, "starts_with?", true));
    reg.add(m, "ends_with?", 2, |_, a| starts_or_ends(a, "ends_with?", false));
    reg.add(m, "pad_leading", 2, |_, a| pad(a, true));
    reg.add(m, "pad_leading", 3, |_, a| pad(a, true));
    reg.add(m, "pad_trailing", 2, |_, a| pad(a, false));
    reg.add(m, "pad_trailing", 3, |_, a| pad(a, false));
    reg.add(m, "duplicate", 2, |_, a| {
        let s = a[0].as_bytes().ok_or_else(|| no_clause("String", "duplicate", 2))?;
        match a[1] {
            Value::Int(n) if n >= 0 => {
                if s.len().saturating_mul(n as usize) > 1 << 28 {
                    return Err(Raise::exception("SystemLimitError", &[]));
                }
                Ok(Value::bytes(s.repeat(n as usize)))
            }
            _ => Err(no_clause("String", "duplicate", 2)),
        }
    });
    reg.add(m, "reverse", 1, |_, a| Ok(Value::string(&text(&a[0], "reverse", 1)?.graphemes(true).rev().collect::<String>())));
    reg.add(m, "to_integer", 1, |_, a| to_integer(a));
    reg.add(m, "to_integer", 2, |_, a| to_integer(a));
    reg.add(m, "to_float", 1, |_, a| to_float(a));
    reg.add(m, "to_atom", 1, |_, a| Ok(Value::atom(a[0].as_str().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?)));
    reg.add(m, "to_existing_atom", 1, |_, a| {
        let s = a[0].as_str().ok_or_else(|| Raise::bad_argument(1, "not a binary"))?;
        Atom::existing(s).map(Value::Atom).ok_or_else(|| Raise::bad_argument(1, "not an already existing atom"))
    });
    reg.add(m, "to_charlist", 1, |_, a| {
        Ok(Value::list(text(&a[0], "to_charlist", 1)?.chars().map(|c| Value::Int(c as i64)).collect::<Vec<_>>()))
    });
    reg.add(m, "graphemes", 1, |_, a| Ok(strings(graphemes(text(&a[0], "graphemes", 1)?))));
    reg.add(m, "codepoints", 1, |_, a| {
        let s = text(&a[0], "codepoints", 1)?;
        Ok(Value::list(s.chars().map(|c| Value::string(c.encode_utf8(&mut [0; 4]))).collect::<Vec<_>>()))
    });
    reg.add(m, "split_at", 2, |_, a| {
        let s = text(&a[0], "split_at", 2)?;
        let i = int_arg(&a[1]).ok_or_else(|| no_clause("String", "split_at", 2))?;
        let g = graphemes(s);
        let n = g.len() as i64;
        let at = if i < 0 { (n + i).max(0) } else { i.min(n) } as usize;
        Ok(Value::pair(Value::string(&g[..at].concat()), Value::string(&g[at..].concat())))
    });
    reg.add(m, "match?", 2, |_, a| {
        let s = text(&a[0], "match?", 2)?;
        let re = super::erlang::regex_of(&a[1]).ok_or_else(|| no_clause("String", "match?", 2))??;
        Ok(Value::boolean(re.is_match(s)))
    });
    reg.add(m, "next_grapheme", 1, |_, a| {
        let s = text(&a[0], "next_grapheme", 1)?;
        Ok(match s.graphemes(true).next() {
            Some(g) => Value::pair(Value::string(g), Value::string(&s[g.len()..])),
            None => Value::NIL_ATOM,
        })
    });
    reg.add(m, "next_codepoint", 1, |_, a| {
        let s = text(&a[0], "next_codepoint", 1)?;
        Ok(match s.chars().next() {
            Some(c) => Value::pair(Value::string(c.encode_utf8(&mut [0; 4])), Value::string(&s[c.len_utf8()..])),
            None => Value::NIL_ATOM,
        })
    });
    reg.add(m, "valid?", 1, |_, a| Ok(Value::boolean(a[0].as_str().is_some())));
    reg.add(m, "printable?", 1, |_, a| {
        Ok(Value::boolean(a[0].as_str().is_some_and(|s| s.chars().all(|c| !c.is_control() || "\n\r\t\u{b}\u{c}\u{8}\u{7}\u{1b}".contains(c)))))
    });
    reg.add(m, "equivalent?", 2, |_, a| Ok(Value::boolean(text(&a[0], "equivalent?", 2)? == text(&a[1], "equivalent?", 2)?)));
}
