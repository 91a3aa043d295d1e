//! What the forms ask for, as data: each [`Request`] runs in a shell process (or, for kill
//! and send, directly), is recorded, and is encoded in the share link, so opening the link
//! replays the same scenario and the same requests in the same order.

use super::engine::{Engine, EngineHandle};
pub use crate::link::Request;
use crate::runtime::{Ctx, ExitReason};
use super::engine::LeaseSlot;
use crate::storage::{Backend, BackendKind, DEFAULT_DATABASE, SESSION_STORE, SystemLease, TODO_STORE, quarantine_note};
use crate::systems::{kv, session, todo};
use crate::term::to_term;

/// The requests as the `actions=` value of the address: the first ones that fit in a link
/// (see `crate::link::MAX_ACTIONS_CHARS`), and how many that is.
pub fn encode_actions(actions: &[Request]) -> (String, usize) {
    crate::link::encode_actions(actions)
}

/// Starts the todo system if `Todo.Cache` is not running; on browser storage, first
/// takes this tab's lease on it (see `storage::SystemLease`).
async fn ensure_todo(ctx: &Ctx, backend: Backend, lease: LeaseSlot) -> Result<(), String> {
    if ctx.whereis(todo::Cache::NAME).is_none() {
        hold_lease(ctx, &backend, &lease, "todo").await?;
        todo::start_system(ctx, backend).await.map_err(|e| format!("Todo.Cache.start_link() failed: {e}"))?;
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
        session::start_system(ctx, backend, session::StoreOpts::default()).await.map_err(|e| format!("SessionStore could not start: {e}"))?;
    }
    Ok(())
}

async fn ensure_kv(ctx: &Ctx) -> Result<(), String> {
    if ctx.whereis(kv::KvServer::NAME).is_none() {
        kv::KvServer::start_link(ctx, kv::KvOpts::default()).await.map_err(|e| format!("KVStore.Server could not start: {e}"))?;
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
    if let Some(note) = super::export::update_share_hash(engine) {
        engine.say("# share link", Err(note));
    }
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
                engine.rt.send_term(pid, message).map(|_| shown).map_err(|e| e.to_string())
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
            let started = todo::start_system(&ctx, todo_store).await.map_err(|e| e.to_string())?;
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
        Err(why) => {
            let tag = fields.first().map(String::as_str).unwrap_or_default().chars().take(8).collect::<String>();
            engine.say(format!("# a request from the link ({tag}) cannot run"), Err(why));
        }
    }
}
