//! Chapter 6, Exercise 1: TodoServer with GenServer — `TodoServer`.
//!
//! Chapter 4's pure todo list ([`TodoList`], shared with chapter 7's `Todo.List`) becomes
//! the state of a registered GenServer. Changes (`add_entry`, `update_entry`,
//! `delete_entry`) are casts: the caller needs no answer. Queries (`entries`, `all_entries`)
//! are calls. The updater of `update_entry` is a closure that travels in the cast, as the
//! sheet's `updater_fn` does, and runs in the server.

use serde::Serialize;

use super::support::check;
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};
use crate::systems::todo::{Entry, NewEntry, TodoList, Updater};
use crate::term::Date;

/// The server's state: the `%Todo.List{}`.
#[derive(Serialize, Debug)]
pub struct TodoServer(TodoList);

#[derive(Serialize, Debug)]
pub enum TodoCast {
    /// `{:add_entry, entry}`
    AddEntry(NewEntry),
    /// `{:update_entry, id, updater_fn}`
    UpdateEntry(u64, Updater),
    /// `{:delete_entry, id}`
    DeleteEntry(u64),
}

#[derive(Serialize, Debug)]
pub enum TodoCall {
    /// `{:entries, date}`
    Entries(Date),
    AllEntries,
}

impl TodoServer {
    const NAME: &'static str = "TodoServer";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<TodoServer>((), StartOpts::named(Self::NAME)).await
    }

    pub fn add_entry(ctx: &Ctx, entry: NewEntry) {
        ctx.cast::<TodoServer>(Self::NAME, TodoCast::AddEntry(entry));
    }

    pub async fn entries(ctx: &Ctx, date: Date) -> Vec<Entry> {
        ctx.call::<TodoServer>(Self::NAME, TodoCall::Entries(date)).await
    }

    pub fn update_entry(ctx: &Ctx, id: u64, updater_fn: Updater) {
        ctx.cast::<TodoServer>(Self::NAME, TodoCast::UpdateEntry(id, updater_fn));
    }

    pub fn delete_entry(ctx: &Ctx, id: u64) {
        ctx.cast::<TodoServer>(Self::NAME, TodoCast::DeleteEntry(id));
    }

    pub async fn all_entries(ctx: &Ctx) -> Vec<Entry> {
        ctx.call::<TodoServer>(Self::NAME, TodoCall::AllEntries).await
    }
}

impl GenServer for TodoServer {
    const MODULE: &'static str = "TodoServer";
    type Args = ();
    type Call = TodoCall;
    type Reply = Vec<Entry>;
    type Cast = TodoCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(TodoServer(TodoList::new()))
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, msg: TodoCast) -> Flow<Self> {
        match msg {
            TodoCast::AddEntry(entry) => {
                self.0.add_entry(entry);
            }
            TodoCast::UpdateEntry(id, updater_fn) => self.0.update_entry(id, |entry| updater_fn.apply(entry)),
            TodoCast::DeleteEntry(id) => self.0.delete_entry(id),
        }
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: TodoCall, _from: Caller<Vec<Entry>>) -> CallResult<Self> {
        let entries = match request {
            TodoCall::Entries(date) => self.0.entries(date),
            TodoCall::AllEntries => self.0.all_entries(),
        };
        CallResult::Reply(entries)
    }
}

/// Every operation once, checking the success criteria (the sheet gives no test block).
pub(crate) fn scenario_todo_server(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        TodoServer::start_link(ctx).await.map_err(|e| format!("TodoServer.start_link(): {e}"))?;
        ctx.log("{:ok, _} = TodoServer.start_link()");
        let (dec19, dec20) = (Date::new(2023, 12, 19), Date::new(2023, 12, 20));
        for (date, title) in [(dec19, "Dentist"), (dec20, "Shopping"), (dec19, "Movies")] {
            let entry = NewEntry::new(date, title);
            show(ctx, "TodoServer.add_entry(entry)", &entry);
            TodoServer::add_entry(ctx, entry);
        }
        let entry = |id, date, title: &str| Entry { id, date, title: title.to_string() };
        check(
            ctx,
            "TodoServer.entries(~D[2023-12-19])",
            TodoServer::entries(ctx, dec19).await,
            vec![entry(1, dec19, "Dentist"), entry(3, dec19, "Movies")],
        )?;
        let updater = Updater::set_title("Dentist (moved)");
        show(ctx, "TodoServer.update_entry(1, updater_fn)", &updater);
        TodoServer::update_entry(ctx, 1, updater);
        TodoServer::delete_entry(ctx, 3);
        ctx.log("TodoServer.delete_entry(3)");
        check(
            ctx,
            "TodoServer.all_entries()",
            TodoServer::all_entries(ctx).await,
            vec![entry(1, dec19, "Dentist (moved)"), entry(2, dec20, "Shopping")],
        )?;
        Ok(())
    })
}
