//! `Todo.Cache` (sheet, exercises 1–2): the one place that maps list names to
//! `Todo.Server` processes, registered as `Todo.Cache`.
//!
//! `server_process/1` is a call, so two clients asking for a new list at once get the same
//! server: the cache handles one request at a time and starts the server inside
//! `handle_call` (the server's `init` is quick because it loads its data in
//! `handle_continue`). Servers are linked to the cache, as `start_link` in the sheet makes
//! them. The cache starts the database in its own `init`, as in exercise 2; the backend it
//! passes on is this playground's stand-in for the database folder.

use std::collections::BTreeMap;

use serde::Serialize;

use super::database::Database;
use super::server::Server;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::storage::Backend;

/// `{:server_process, list_name}`, `:list_names`
#[derive(Debug, Serialize)]
pub enum CacheCall {
    ServerProcess(String),
    ListNames,
}

/// A pid for `server_process`, the names for `list_names`.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CacheReply {
    Server(Pid),
    Names(Vec<String>),
}

/// The state: `%{list_name => pid}`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct Cache {
    servers: BTreeMap<String, Pid>,
}

impl Cache {
    /// Registered as `Todo.Cache`.
    pub const NAME: &'static str = "Todo.Cache";

    /// `Todo.Cache.start_link()`: starts the cache, which starts the database on `backend`.
    pub async fn start_link(ctx: &Ctx, backend: Backend) -> Result<Pid, StartError> {
        ctx.start_link::<Cache>(backend, StartOpts::named(Self::NAME)).await
    }

    /// `Todo.Cache.server_process(list_name)`: the list's server, started on first use.
    pub async fn server_process(ctx: &Ctx, list_name: &str) -> Pid {
        match ctx.call::<Cache>(Self::NAME, CacheCall::ServerProcess(list_name.to_string())).await {
            CacheReply::Server(pid) => pid,
            CacheReply::Names(_) => unreachable!("server_process replies with a pid"),
        }
    }

    /// `Todo.Cache.list_names()`: the names with a running server, sorted.
    pub async fn list_names(ctx: &Ctx) -> Vec<String> {
        match ctx.call::<Cache>(Self::NAME, CacheCall::ListNames).await {
            CacheReply::Names(names) => names,
            CacheReply::Server(_) => unreachable!("list_names replies with names"),
        }
    }
}

impl GenServer for Cache {
    const MODULE: &'static str = "Todo.Cache";
    type Args = Backend;
    type Call = CacheCall;
    type Reply = CacheReply;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, backend: Backend) -> Init<Self> {
        ctx.log("Starting todo cache");
        // The sheet ignores the result; a database that is already running is used as it is.
        match Database::start_link(ctx, backend).await {
            Ok(_) | Err(StartError::AlreadyStarted(_)) => Init::Ok(Cache { servers: BTreeMap::new() }),
            Err(error) => Init::Stop(ExitReason::Other(error.to_term())),
        }
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: CacheCall, _from: Caller<CacheReply>) -> CallResult<Self> {
        match request {
            CacheCall::ServerProcess(name) => {
                if let Some(pid) = self.servers.get(&name) {
                    return CallResult::Reply(CacheReply::Server(*pid));
                }
                match Server::start_link(ctx, &name).await {
                    Ok(pid) => {
                        self.servers.insert(name, pid);
                        CallResult::Reply(CacheReply::Server(pid))
                    }
                    // `{:ok, pid} = ...` fails with a MatchError in the sheet.
                    Err(error) => CallResult::Stop(ExitReason::Other(error.to_term()), None),
                }
            }
            CacheCall::ListNames => CallResult::Reply(CacheReply::Names(self.servers.keys().cloned().collect())),
        }
    }
}

/// Exercise 1's test: two lists, managed independently, and the names the cache knows.
pub(crate) async fn scenario_cache(ctx: Ctx) -> Result<(), String> {
    use super::list::NewEntry;
    use super::{jan, show_cast, start_system};
    use crate::scenario::{expect, show};

    let started = start_system(&ctx, Backend::memory()).await;
    show(&ctx, "Todo.Cache.start_link()", &started);
    let alice_list = Cache::server_process(&ctx, "Alice").await;
    show(&ctx, "alice_list = Todo.Cache.server_process(\"Alice\")", &alice_list);
    let bob_list = Cache::server_process(&ctx, "Bob").await;
    show(&ctx, "bob_list = Todo.Cache.server_process(\"Bob\")", &bob_list);
    expect(&ctx, "Todo.Cache.server_process(\"Alice\") == alice_list", Cache::server_process(&ctx, "Alice").await == alice_list, true)?;

    Server::add_entry(&ctx, alice_list, NewEntry::new(jan(22), "Dentist appointment"));
    show_cast(&ctx, "Todo.Server.add_entry(alice_list, %{date: ~D[2024-01-22], title: \"Dentist appointment\"})");
    Server::add_entry(&ctx, bob_list, NewEntry::new(jan(22), "Team meeting"));
    show_cast(&ctx, "Todo.Server.add_entry(bob_list, %{date: ~D[2024-01-22], title: \"Team meeting\"})");

    let alice_todos = Server::entries(&ctx, alice_list, jan(22)).await;
    show(&ctx, "alice_todos = Todo.Server.entries(alice_list, ~D[2024-01-22])", &alice_todos);
    let bob_todos = Server::entries(&ctx, bob_list, jan(22)).await;
    show(&ctx, "bob_todos = Todo.Server.entries(bob_list, ~D[2024-01-22])", &bob_todos);
    expect(&ctx, "length(alice_todos)", alice_todos.len(), 1)?;
    expect(&ctx, "length(bob_todos)", bob_todos.len(), 1)?;
    let different = alice_todos.first().map(|e| &e.title) != bob_todos.first().map(|e| &e.title);
    expect(&ctx, "hd(alice_todos).title != hd(bob_todos).title", different, true)?;

    let names = Cache::list_names(&ctx).await;
    expect(&ctx, "names = Todo.Cache.list_names()", names.clone(), vec!["Alice".to_string(), "Bob".to_string()])?;
    expect(&ctx, "\"Alice\" in names", names.iter().any(|n| n == "Alice"), true)?;
    expect(&ctx, "\"Bob\" in names", names.iter().any(|n| n == "Bob"), true)?;
    Ok(())
}
