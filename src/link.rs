//! What a share link carries, as data and as text: the requests the forms made ([`Request`])
//! and the address's `#scenario=<id>&at=<event>&actions=<requests>&run=<journal>` ([`SharedRun`]).
//!
//! An address is typed, pasted and edited by hand, so reading one is strict: every part is
//! known, every escape well formed, every size bounded, and anything else is a sentence for
//! the page to show, never a request silently dropped or a half-read run. Writing one is
//! bounded too: a field longer than [`MAX_FIELD_CHARS`] is refused by the forms, and the
//! address keeps at most [`MAX_ACTIONS_CHARS`] characters of requests.

use crate::runtime::Pid;
use crate::term::{Date, Term, parse_date, parse_term};

/// The longest text one field of a request may have (a list name, a session id, a term as
/// Elixir writes it). Far above what the book's systems use; it keeps a link to a few
/// kilobytes per request.
pub const MAX_FIELD_CHARS: usize = 2_000;

/// The longest `actions=` value of an address: requests past it are not put in the link
/// (and a link with a longer one is refused).
pub const MAX_ACTIONS_CHARS: usize = 60_000;

/// The longest address fragment the page reads.
pub const MAX_HASH_CHARS: usize = 200_000;

/// The longest TTL a session may have, in seconds: its expiry check is a timer `ttl * 1000`
/// ms away, and virtual time ends at [`crate::runtime::MAX_TIME`] ms.
pub const MAX_TTL_SECONDS: u64 = crate::runtime::MAX_TIME / 1000;

#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    TodoAdd { list: String, date: Date, title: String },
    TodoRead { list: String, date: Option<Date> },
    TodoRestart,
    /// Another tab asked for the todo system: write what the workers hold, stop it, and
    /// let that tab have the lease.
    TodoHandOver,
    SessionCreate { id: String, ttl: u64 },
    SessionPut { id: String, key: Term, value: Term },
    SessionGet { id: String, key: Term },
    SessionStats,
    KvPut { key: Term, value: Term },
    KvGet { key: Term },
    Kill { target: String },
    Send { target: String, message: Term },
}

/// An Elixir string literal: `"Buy milk"`.
fn quoted(text: &str) -> Term {
    Term::string(text)
}

impl Request {
    /// The line as iex would show it.
    pub fn label(&self) -> String {
        match self {
            Request::TodoAdd { list, date, title } => {
                format!("Todo.Server.add_entry(Todo.Cache.server_process({}), %{{date: {date}, title: {}}})", quoted(list), quoted(title))
            }
            Request::TodoRead { list, date: Some(d) } => format!("Todo.Server.entries(Todo.Cache.server_process({}), {d})", quoted(list)),
            Request::TodoRead { list, date: None } => format!("Todo.Server.all_entries(Todo.Cache.server_process({}))", quoted(list)),
            Request::TodoRestart => "# restart the todo system (Todo.Database.sync(), stop, then Todo.Cache.start_link())".into(),
            Request::TodoHandOver => "# another tab uses the todo system: Todo.Database.sync(), then stop it here".into(),
            Request::SessionCreate { id, ttl } => format!("SessionStore.Cache.create_session({}, {ttl})", quoted(id)),
            Request::SessionPut { id, key, value } => format!("SessionStore.Session.put(session({}), {key}, {value})", quoted(id)),
            Request::SessionGet { id, key } => format!("SessionStore.Session.get(session({}), {key})", quoted(id)),
            Request::SessionStats => "SessionStore.Stats.get_stats()".into(),
            Request::KvPut { key, value } => format!("KVStore.Server.put({key}, {value})"),
            Request::KvGet { key } => format!("KVStore.Server.get({key})"),
            Request::Kill { target } => format!("Process.exit({target}, :kill)"),
            Request::Send { target, message } => format!("send({target}, {message})"),
        }
    }

    /// Fields for the share link: a tag, then the arguments as text.
    fn fields(&self) -> Vec<String> {
        match self {
            Request::TodoAdd { list, date, title } => vec!["ta".into(), list.clone(), iso(*date), title.clone()],
            Request::TodoRead { list, date } => vec!["tr".into(), list.clone(), date.map(iso).unwrap_or_default()],
            Request::TodoRestart => vec!["tx".into()],
            Request::TodoHandOver => vec!["th".into()],
            Request::SessionCreate { id, ttl } => vec!["sc".into(), id.clone(), ttl.to_string()],
            Request::SessionPut { id, key, value } => vec!["sp".into(), id.clone(), key.to_string(), value.to_string()],
            Request::SessionGet { id, key } => vec!["sg".into(), id.clone(), key.to_string()],
            Request::SessionStats => vec!["ss".into()],
            Request::KvPut { key, value } => vec!["kp".into(), key.to_string(), value.to_string()],
            Request::KvGet { key } => vec!["kg".into(), key.to_string()],
            Request::Kill { target } => vec!["k".into(), target.clone()],
            Request::Send { target, message } => vec!["s".into(), target.clone(), message.to_string()],
        }
    }

    /// Parses a link's fields back; terms are parsed when the request runs (their pids must
    /// exist), so `resolve` names the live processes then.
    pub fn from_fields(f: &[String], resolve: &dyn Fn(u32) -> Option<Pid>) -> Result<Request, String> {
        let field = |i: usize, what: &str| -> Result<String, String> {
            let text = f.get(i).cloned().ok_or_else(|| format!("the {what} is missing"))?;
            check_length(what, &text)?;
            Ok(text)
        };
        let term = |i: usize, what: &str| -> Result<Term, String> {
            let text = f.get(i).ok_or_else(|| format!("the {what} is missing"))?;
            let term = parse_term(text, resolve).map_err(|why| format!("{what}: {why}"))?;
            check_length(what, text)?;
            Ok(term)
        };
        let date = |i: usize| -> Result<Option<Date>, String> {
            let text = field(i, "date")?;
            if text.is_empty() { Ok(None) } else { parse_date(&text).map(Some) }
        };
        let tag = f.first().map(String::as_str).unwrap_or("");
        let request = match tag {
            "ta" => Request::TodoAdd { list: field(1, "list name")?, date: date(2)?.ok_or("the date is missing")?, title: field(3, "title")? },
            "tr" => Request::TodoRead { list: field(1, "list name")?, date: date(2)? },
            "tx" => Request::TodoRestart,
            "th" => Request::TodoHandOver,
            "sc" => Request::SessionCreate { id: field(1, "session id")?, ttl: parse_ttl(&field(2, "TTL")?)? },
            "sp" => Request::SessionPut { id: field(1, "session id")?, key: term(2, "key")?, value: term(3, "value")? },
            "sg" => Request::SessionGet { id: field(1, "session id")?, key: term(2, "key")? },
            "ss" => Request::SessionStats,
            "kp" => Request::KvPut { key: term(1, "key")?, value: term(2, "value")? },
            "kg" => Request::KvGet { key: term(1, "key")? },
            "k" => Request::Kill { target: field(1, "process")? },
            "s" => Request::Send { target: field(1, "process")?, message: term(2, "message")? },
            other => {
                return Err(format!(
                    "unknown request {} (requests are ta, tr, tx, sc, sp, sg, ss, kp, kg, k and s)",
                    Term::string(&abbreviated(other))
                ));
            }
        };
        let expected = request.fields().len();
        if f.len() > expected {
            return Err(format!("{} fields where {tag} takes {expected}", f.len()));
        }
        Ok(request)
    }
}

/// A session TTL as typed: whole seconds from 1 to [`MAX_TTL_SECONDS`].
pub fn parse_ttl(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let refuse = || format!("TTL {} is not a number of seconds from 1 to {MAX_TTL_SECONDS}", Term::string(&abbreviated(text)));
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(refuse());
    }
    match text.parse::<u64>() {
        Ok(ttl) if (1..=MAX_TTL_SECONDS).contains(&ttl) => Ok(ttl),
        _ => Err(refuse()),
    }
}

/// Refuses a field longer than [`MAX_FIELD_CHARS`] (the forms check theirs with it too).
pub fn check_length(what: &str, text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > MAX_FIELD_CHARS {
        return Err(format!("the {what} is too long: {chars} characters, at most {MAX_FIELD_CHARS}"));
    }
    Ok(())
}

/// At most 40 characters of `text`, for a message.
fn abbreviated(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `2024-01-22`: a date as the link carries it.
fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

/// Percent-encodes a field as `encodeURIComponent` does, and `~`, `!` and `'` too: they
/// are the link's separators.
fn encode_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' | b'(' | b')' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Reads a percent-encoded field back; a `%` must start two hex digits, and the bytes must
/// be UTF-8.
fn decode_field(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(byte) = hex else {
                let shown: String = text[i..].chars().take(3).collect();
                return Err(format!("{} is not an escape (a % is followed by two hexadecimal digits, as in %7B)", Term::string(&shown)));
            };
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "its escapes do not spell UTF-8 text".to_string())
}

/// The requests as one hash parameter value (fields joined by `~`, requests by `!`), and
/// how many of them it holds: the first ones that fit in [`MAX_ACTIONS_CHARS`].
pub fn encode_actions(actions: &[Request]) -> (String, usize) {
    let mut out = String::new();
    for (kept, request) in actions.iter().enumerate() {
        let text = request.fields().iter().map(|f| encode_field(f)).collect::<Vec<_>>().join("~");
        let separator = usize::from(!out.is_empty());
        if out.len() + separator + text.len() > MAX_ACTIONS_CHARS {
            return (out, kept);
        }
        if separator == 1 {
            out.push('!');
        }
        out.push_str(&text);
    }
    (out, actions.len())
}

/// The field lists of an `actions=` value (made into requests when they run).
pub fn decode_actions(text: &str) -> Result<Vec<Vec<String>>, String> {
    if text.len() > MAX_ACTIONS_CHARS {
        return Err(format!("its requests are {} characters long, at most {MAX_ACTIONS_CHARS}", text.len()));
    }
    text.split('!')
        .filter(|a| !a.is_empty())
        .enumerate()
        .map(|(i, action)| {
            action.split('~').map(decode_field).collect::<Result<Vec<_>, _>>().map_err(|why| format!("its request {}: {why}", i + 1))
        })
        .collect()
}

/// What a share link asks for.
#[derive(Debug, Default, PartialEq)]
pub struct SharedRun {
    pub scenario: Option<String>,
    pub at: Option<u64>,
    pub actions: Vec<Vec<String>>,
    /// The run's journal (`run=`), as text: the link replays exactly that run.
    pub run: Option<String>,
}

impl SharedRun {
    /// Reads an address fragment (with or without its `#`). Every part must be known and
    /// well formed, and the scenario must exist: otherwise nothing of the link should run,
    /// and the error says why.
    pub fn parse(hash: &str) -> Result<SharedRun, String> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if hash.len() > MAX_HASH_CHARS {
            return Err(format!("the link is {} characters long, at most {MAX_HASH_CHARS}", hash.len()));
        }
        let mut shared = SharedRun::default();
        let mut seen: Vec<&str> = Vec::new();
        for part in hash.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            if seen.contains(&name) {
                return Err(format!("{} appears twice in the link", Term::string(&abbreviated(name))));
            }
            match name {
                "scenario" => {
                    let id = decode_field(value).map_err(|why| format!("its scenario: {why}"))?;
                    if !crate::scenario::all().iter().any(|s| s.id == id) {
                        return Err(format!("unknown scenario {} in the link: it names none of this page's scenarios", Term::string(&abbreviated(&id))));
                    }
                    shared.scenario = Some(id);
                }
                "at" => {
                    let at = value.parse().map_err(|_| format!("at={} is not an event number", abbreviated(value)))?;
                    shared.at = Some(at);
                }
                "actions" => shared.actions = decode_actions(value)?,
                "run" => shared.run = Some(value.to_string()),
                other => return Err(format!("unknown part {} in the link", Term::string(&abbreviated(other)))),
            }
            seen.push(name);
        }
        Ok(shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_survive_the_round_trip_through_the_address() {
        for text in ["Buy milk", "~!'%&=#", "é😀\u{0}", ""] {
            assert_eq!(decode_field(&encode_field(text)).unwrap(), text);
        }
    }
}
