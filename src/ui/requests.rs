//! What the forms ask for, as data: each [`Request`] runs in a shell process (or, for kill
//! and send, directly), is recorded, and is encoded in the share link, so opening the link
//! replays the same scenario and the same requests in the same order.

use super::engine::{Engine, EngineHandle};
use super::term_parse::{parse_date, parse_term};
use crate::runtime::{Ctx, ExitReason};
use super::engine::LeaseSlot;
use crate::storage::{Backend, BackendKind, DEFAULT_DATABASE, SESSION_STORE, SystemLease, TODO_STORE, quarantine_note};
use crate::systems::{kv, session, todo};
use crate::term::{Date, Term, to_term};

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

impl Request {
    /// The line as iex would show it.
    pub fn label(&self) -> String {
        match self {
            Request::TodoAdd { list, date, title } => {
                format!("Todo.Server.add_entry(Todo.Cache.server_process({list:?}), %{{date: {date}, title: {title:?}}})")
            }
            Request::TodoRead { list, date: Some(d) } => format!("Todo.Server.entries(Todo.Cache.server_process({list:?}), {d})"),
            Request::TodoRead { list, date: None } => format!("Todo.Server.all_entries(Todo.Cache.server_process({list:?}))"),
            Request::TodoRestart => "# restart the todo system (Todo.Database.sync(), stop, then Todo.Cache.start_link())".into(),
            Request::TodoHandOver => "# another tab uses the todo system: Todo.Database.sync(), then stop it here".into(),
            Request::SessionCreate { id, ttl } => format!("SessionStore.Cache.create_session({id:?}, {ttl})"),
            Request::SessionPut { id, key, value } => format!("SessionStore.Session.put(session({id:?}), {key}, {value})"),
            Request::SessionGet { id, key } => format!("SessionStore.Session.get(session({id:?}), {key})"),
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

    /// Parses fields back; terms are parsed when the request runs (their pids must exist).
    pub(crate) fn from_fields(f: &[String], resolve: &dyn Fn(u32) -> Option<crate::runtime::Pid>) -> Result<Request, String> {
        let term = |s: &str| parse_term(s, resolve);
        let get = |i: usize| f.get(i).cloned().ok_or_else(|| format!("missing field {i} in {f:?}"));
        Ok(match f.first().map(String::as_str) {
            Some("ta") => Request::TodoAdd { list: get(1)?, date: parse_date(&get(2)?)?, title: get(3)? },
            Some("tr") => {
                let d = get(2)?;
                Request::TodoRead { list: get(1)?, date: if d.is_empty() { None } else { Some(parse_date(&d)?) } }
            }
            Some("tx") => Request::TodoRestart,
            Some("th") => Request::TodoHandOver,
            Some("sc") => Request::SessionCreate { id: get(1)?, ttl: get(2)?.parse().map_err(|_| "bad ttl")? },
            Some("sp") => Request::SessionPut { id: get(1)?, key: term(&get(2)?)?, value: term(&get(3)?)? },
            Some("sg") => Request::SessionGet { id: get(1)?, key: term(&get(2)?)? },
            Some("ss") => Request::SessionStats,
            Some("kp") => Request::KvPut { key: term(&get(1)?)?, value: term(&get(2)?)? },
            Some("kg") => Request::KvGet { key: term(&get(1)?)? },
            Some("k") => Request::Kill { target: get(1)? },
            Some("s") => Request::Send { target: get(1)?, message: term(&get(2)?)? },
            other => return Err(format!("unknown action {other:?}")),
        })
    }
}

/// `2024-01-22`: a date as the link carries it.
fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

/// URI-encodes a field so that `~` and `!` stay free as separators.
fn encode_field(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text)).replace('~', "%7E").replace('!', "%21").replace('\'', "%27")
}

fn decode_field(text: &str) -> String {
    js_sys::decode_uri_component(text).map(String::from).unwrap_or_else(|_| text.to_string())
}

/// The requests as one hash parameter value: fields joined by `~`, requests by `!`.
pub fn encode_actions(actions: &[Request]) -> String {
    actions.iter().map(|r| r.fields().iter().map(|f| encode_field(f)).collect::<Vec<_>>().join("~")).collect::<Vec<_>>().join("!")
}

/// The raw field lists of an `actions=` value (decoded to requests when they run).
pub fn decode_actions(text: &str) -> Vec<Vec<String>> {
    text.split('!').filter(|a| !a.is_empty()).map(|a| a.split('~').map(decode_field).collect()).collect()
}

/// Starts the todo system if `Todo.Cache` is not running; on browser storage, first
/// takes this tab's lease on it (see `storage::SystemLease`).
async fn ensure_todo(ctx: &Ctx, backend: Backend, lease: LeaseSlot) -> Result<(), String> {
    if ctx.whereis(todo::Cache::NAME).is_none() {
        hold_lease(ctx, &backend, &lease, "todo").await?;
        todo::start_system(ctx, backend).await.map_err(|e| format!("Todo.Cache.start_link() failed: {e:?}"))?;
    }
    Ok(())
}

/// Waits (through `Ctx::io`) until this tab holds `system`'s lease, unless it does or the
/// storage is this tab's own memory.
async fn hold_lease(ctx: &Ctx, backend: &Backend, lease: &LeaseSlot, system: &str) -> Result<(), String> {
    if backend.kind() == BackendKind::Memory || lease.borrow().is_some() {
        return Ok(());
    }
    let acquired = ctx.io(SystemLease::acquire(DEFAULT_DATABASE, system)).await.map_err(|e| e.to_string())?;
    *lease.borrow_mut() = Some(acquired);
    Ok(())
}

async fn ensure_session_store(ctx: &Ctx, backend: Backend) -> Result<(), String> {
    if ctx.whereis(session::Cache::NAME).is_none() {
        session::start_system(ctx, backend, session::StoreOpts::default()).await.map_err(|e| format!("SessionStore could not start: {e:?}"))?;
    }
    Ok(())
}

async fn ensure_kv(ctx: &Ctx) -> Result<(), String> {
    if ctx.whereis(kv::KvServer::NAME).is_none() {
        kv::KvServer::start_link(ctx, kv::KvOpts::default()).await.map_err(|e| format!("KVStore.Server could not start: {e:?}"))?;
    }
    Ok(())
}

async fn session_pid(ctx: &Ctx, id: &str) -> Result<crate::runtime::Pid, String> {
    match session::Cache::get_session(ctx, id).await {
        session::Lookup::Ok(pid) => Ok(pid),
        session::Lookup::NotFound => Err(":not_found (create the session first)".to_string()),
    }
}

/// Runs a request as iex would (a shell process per request); records it in the run's
/// journal (for scrubbing back) and in the share link.
pub fn submit(engine: &mut Engine, request: Request) {
    let (rt, journal) = (engine.rt.clone(), engine.controls.journal.clone());
    journal.borrow_mut().request(&rt, engine.actions.len());
    perform(engine, request);
    journal.borrow_mut().performed(&rt);
    super::export::update_share_hash(engine);
}

/// Carries out a request and adds it to the run's requests (a replay calls this directly:
/// its journal already holds the request).
pub(crate) fn perform(engine: &mut Engine, request: Request) {
    engine.actions.push(request.clone());
    let label = request.label();
    let backend = engine.systems_backend();
    let todo_store = backend.store(TODO_STORE);
    let session_store = backend.store(SESSION_STORE);
    // A replay's scratch storage needs no lease: it is this tab's alone.
    let lease = if engine.systems_backend().kind() == BackendKind::Memory { LeaseSlot::default() } else { engine.todo_lease.clone() };
    match request {
        Request::Kill { target } => match engine.resolve_process(&target) {
            Ok(pid) => {
                engine.rt.exit(pid, ExitReason::Kill);
                engine.say(format!("Process.exit({pid}, :kill)"), Ok("true".into()));
            }
            Err(why) => engine.say(label, Err(why)),
        },
        Request::Send { target, message } => {
            let result = engine.resolve_process(&target).and_then(|pid| {
                let shown = message.to_string();
                engine.rt.send_term(pid, message).map(|_| shown).map_err(|e| format!("{e:?}"))
            });
            engine.say(label, result);
        }
        Request::TodoAdd { list, date, title } => engine.run_job(label, move |ctx| async move {
            ensure_todo(&ctx, todo_store, lease).await?;
            let server = todo::Cache::server_process(&ctx, &list).await;
            todo::Server::add_entry(&ctx, server, todo::NewEntry::new(date, title));
            Ok(":ok".to_string())
        }),
        Request::TodoRead { list, date } => engine.run_job(label, move |ctx| async move {
            ensure_todo(&ctx, todo_store.clone(), lease).await?;
            let server = todo::Cache::server_process(&ctx, &list).await;
            let entries = match date {
                Some(d) => todo::Server::entries(&ctx, server, d).await,
                None => todo::Server::all_entries(&ctx, server).await,
            };
            let mut shown = to_term(&entries).render_pretty(64);
            // `[]` because the stored list did not decode is not `[]` because it is empty.
            if entries.is_empty()
                && let Ok(records) = ctx.io(todo_store.quarantined()).await
                && let Some(note) = quarantine_note(&records, TODO_STORE, &list)
            {
                shown = format!("{shown}\n{note}");
            }
            Ok(shown)
        }),
        Request::TodoRestart => engine.run_job(label, move |ctx| async move {
            // A planned restart writes what the workers still hold first; if storage refuses,
            // stopping would lose it, so nothing is stopped.
            if ctx.whereis(todo::Database::NAME).is_some()
                && let Err(error) = todo::Database::sync(&ctx).await
            {
                return Err(format!("not restarted, nothing was stopped: the database workers could not save what they hold ({error})"));
            }
            todo::stop_system(&ctx).await;
            hold_lease(&ctx, &todo_store, &lease, "todo").await?;
            let started = todo::start_system(&ctx, todo_store).await.map_err(|e| format!("{e:?}"))?;
            Ok(format!("{{:ok, {started}}}"))
        }),
        Request::TodoHandOver => engine.run_job(label, move |ctx| async move {
            // As a planned restart: what the workers hold is written first, or nothing stops.
            if ctx.whereis(todo::Database::NAME).is_some()
                && let Err(error) = todo::Database::sync(&ctx).await
            {
                return Err(format!("kept the todo system here: its database workers could not save what they hold ({error})"));
            }
            todo::stop_system(&ctx).await;
            if let Some(held) = lease.borrow_mut().take() {
                held.release();
            }
            Ok(":ok".into())
        }),
        Request::SessionCreate { id, ttl } => engine.run_job(label, move |ctx| async move {
            ensure_session_store(&ctx, session_store).await?;
            match session::Cache::create_session_ttl(&ctx, &id, ttl).await {
                Ok(pid) => Ok(format!("{{:ok, {pid}}}")),
                Err(term) => Err(format!("{{:error, {term}}}")),
            }
        }),
        Request::SessionPut { id, key, value } => engine.run_job(label, move |ctx| async move {
            ensure_session_store(&ctx, session_store).await?;
            let pid = session_pid(&ctx, &id).await?;
            session::Session::put(&ctx, pid, key, value);
            Ok(":ok".into())
        }),
        Request::SessionGet { id, key } => engine.run_job(label, move |ctx| async move {
            ensure_session_store(&ctx, session_store).await?;
            let pid = session_pid(&ctx, &id).await?;
            Ok(session::Session::get(&ctx, pid, key).await.map(|t| t.to_string()).unwrap_or_else(|| "nil".into()))
        }),
        Request::SessionStats => engine.run_job(label, move |ctx| async move {
            ensure_session_store(&ctx, session_store).await?;
            Ok(to_term(&session::Stats::get_stats(&ctx).await).render_pretty(64))
        }),
        Request::KvPut { key, value } => engine.run_job(label, move |ctx| async move {
            ensure_kv(&ctx).await?;
            kv::KvServer::put(&ctx, kv::KvServer::NAME, key, value).await;
            Ok(":ok".into())
        }),
        Request::KvGet { key } => engine.run_job(label, move |ctx| async move {
            ensure_kv(&ctx).await?;
            Ok(kv::KvServer::get(&ctx, kv::KvServer::NAME, key).await.map(|t| t.to_string()).unwrap_or_else(|| "nil".into()))
        }),
    }
}

/// Submits `request` on the page's engine.
pub fn submit_on(engine: &EngineHandle, request: Request) {
    submit(&mut engine.borrow_mut(), request);
}

/// Starts the next queued request if nothing runs (called once per frame).
pub fn run_queued(engine: &mut Engine) {
    if !engine.jobs.is_empty() || !engine.storage_ready {
        return;
    }
    let Some(fields) = engine.queued.pop_front() else { return };
    let rt = engine.rt.clone();
    match Request::from_fields(&fields, &|n| rt.pid_by_number(n)) {
        Ok(request) => submit(engine, request),
        Err(why) => engine.say(format!("# shared action {}", fields.join(" ")), Err(why)),
    }
}
