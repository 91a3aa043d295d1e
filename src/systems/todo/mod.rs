//! Chapter 7's todo system, the sheet's integration exercises 1–3, in its final shape:
//! `Todo.Cache` maps list names to `Todo.Server`s and starts `Todo.Database`, which routes
//! each key to one of three `Todo.DatabaseWorker`s that own the storage.
//!
//! The exercises build the system in steps (exercise 1 has no database, exercise 2 a single
//! database process, exercise 3 the pool); the playground runs the last step for all three,
//! since each earlier test block works unchanged on it.
//!
//! # Public API
//! - [`start_system`], [`stop_system`], [`restart`]: the whole system on a [`Backend`].
//! - [`Cache`], [`Server`], [`Database`], [`DatabaseWorker`]: the four GenServers.
//! - [`TodoList`], [`Entry`], [`NewEntry`], [`Updater`]: the list they manage.
//!
//! # Layout
//! - `list.rs`: `Todo.List`; `server.rs`: `Todo.Server`; `cache.rs`: `Todo.Cache`;
//!   `database.rs`: `Todo.Database`; `worker.rs`: `Todo.DatabaseWorker`.

mod cache;
mod database;
mod list;
mod server;
mod worker;

pub use cache::{Cache, CacheCall, CacheReply};
pub use database::{DB_FOLDER, Database, DatabaseCall, DatabaseReply, POOL_SIZE};
pub use list::{Entry, NewEntry, TodoList, Updater};
pub use server::{LoadData, Server, ServerCall, ServerCast};
pub use worker::{DatabaseWorker, WorkerCall, WorkerCast, WorkerInfo, WorkerReply, WorkerStatus};

use crate::runtime::{Ctx, ExitReason, Pid, StartError};
use crate::scenario::{Scenario, expect, show};
use crate::storage::Backend;
use crate::term::{Atom, Date};

/// Starts the whole system: the cache, which starts the database and its workers, all
/// linked to the caller as `Todo.Cache.start_link()` links them.
pub async fn start_system(ctx: &Ctx, backend: Backend) -> Result<Pid, StartError> {
    Cache::start_link(ctx, backend).await
}

/// Stops every process of the system, as closing iex does.
///
/// The caller unlinks first: in iex the shell goes down with the VM, here it lives on to
/// start the system again. Stopping the cache with `:shutdown` takes its linked servers and
/// the database down, and the database takes its workers; the database is then stopped
/// too if it had not finished dying, so its name is free when this returns. A store still
/// waiting in a worker's mailbox is lost, as it would be on the BEAM.
pub async fn stop_system(ctx: &Ctx) {
    for name in [Cache::NAME, Database::NAME] {
        if let Some(pid) = ctx.whereis(name) {
            ctx.unlink(pid);
            // Already gone (`:noproc`) or gone by a link first: either way it is down.
            let _ = ctx.stop(pid, ExitReason::Shutdown).await;
        }
    }
}

/// "Restart system (close iex and start again)": [`stop_system`], then [`start_system`] on
/// the same backend, which is all that survives.
pub async fn restart(ctx: &Ctx, backend: Backend) -> Result<Pid, StartError> {
    stop_system(ctx).await;
    start_system(ctx, backend).await
}

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            id: "ch7.todo_list",
            chapter: 7,
            title: "Exercise 1: Todo.List in a Todo.Server",
            watch: "Each change is a cast the shell does not wait for; the server then asks Todo.Database for a worker and casts the whole list to it.",
            script: |ctx| Box::pin(server::scenario_list(ctx)),
        },
        Scenario {
            id: "ch7.todo_cache",
            chapter: 7,
            title: "Exercise 1: Multi-User Todo System with Cache",
            watch: "Todo.Cache starts a server inside handle_call on the first request for a name and hands back the same pid afterwards.",
            script: |ctx| Box::pin(cache::scenario_cache(ctx)),
        },
        Scenario {
            id: "ch7.todo_persistence",
            chapter: 7,
            title: "Exercise 2: Persistent Todo System",
            watch: "After the restart every process is new, yet Alice's server loads her list in handle_continue from the storage that outlived them.",
            script: |ctx| Box::pin(scenario_persistence(ctx)),
        },
        Scenario {
            id: "ch7.todo_pool",
            chapter: 7,
            title: "Exercise 3: Worker Pool for Database Operations",
            watch: "Todo.Database only picks a worker (phash2(key, 3)); the store goes straight to that worker, and \"alice\" always lands on the same one.",
            script: |ctx| Box::pin(database::scenario_pool(ctx)),
        },
    ]
}

pub(crate) fn jan(day: u8) -> Date {
    Date::new(2024, 1, day)
}

/// Logs a cast's line with the `:ok` GenServer.cast returns.
pub(crate) fn show_cast(ctx: &Ctx, line: &str) {
    show(ctx, line, &Atom::new("ok"));
}

/// Exercise 2's test: one session adds an entry, the system restarts, the next session
/// finds it.
async fn scenario_persistence(ctx: Ctx) -> Result<(), String> {
    let backend = Backend::memory();
    ctx.log("# Session 1");
    let started = start_system(&ctx, backend.clone()).await;
    show(&ctx, "Todo.Cache.start_link()", &started);
    let alice = Cache::server_process(&ctx, "Alice").await;
    show(&ctx, "alice = Todo.Cache.server_process(\"Alice\")", &alice);
    Server::add_entry(&ctx, alice, NewEntry::new(jan(22), "Buy milk"));
    show_cast(&ctx, "Todo.Server.add_entry(alice, %{date: ~D[2024-01-22], title: \"Buy milk\"})");
    let entries = Server::entries(&ctx, alice, jan(22)).await;
    show(&ctx, "Todo.Server.entries(alice, ~D[2024-01-22])", &entries);
    // The entries call came after the server stored the list, so the worker has it by now.
    let stored = Database::get(&ctx, "Alice").await;
    let expected = TodoList::from_entries([NewEntry::new(jan(22), "Buy milk")]);
    expect(&ctx, "Todo.Database.get(\"Alice\")", stored, Some(crate::term::to_term(&expected)))?;

    ctx.log("# Restart system (close iex and start again)");
    stop_system(&ctx).await;
    expect(&ctx, "Process.whereis(Todo.Cache)", ctx.whereis(Cache::NAME), None)?;
    expect(&ctx, "Process.alive?(alice)", ctx.is_alive(alice), false)?;

    ctx.log("# Session 2");
    let started = start_system(&ctx, backend).await;
    show(&ctx, "Todo.Cache.start_link()", &started);
    let alice_again = Cache::server_process(&ctx, "Alice").await;
    show(&ctx, "alice = Todo.Cache.server_process(\"Alice\")", &alice_again);
    let entries = Server::entries(&ctx, alice_again, jan(22)).await;
    show(&ctx, "entries = Todo.Server.entries(alice, ~D[2024-01-22])", &entries);
    expect(&ctx, "length(entries)", entries.len(), 1)?;
    expect(&ctx, "hd(entries).title", entries[0].title.as_str(), "Buy milk")?;
    Ok(())
}
