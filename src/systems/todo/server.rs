//! `Todo.Server` (sheet, exercises 1–2): one process per todo list, its state
//! `{list_name, %Todo.List{}}`.
//!
//! Changes are casts (the client does not wait), `entries` is a call. The server loads its
//! list in two phases, as exercise 2 does: `init/1` returns `{:ok, {name, nil},
//! {:continue, :load_data}}` so the cache that starts it is not held up by the database, and
//! `handle_continue/2` fetches the list (or starts empty). After every change it stores the
//! whole list under its name. `delete_entry` and `all_entries` are not in the chapter 7
//! sheet; they follow chapter 6's `TodoServer`, whose list API this is.

use serde::{Serialize, Serializer};

use super::database::Database;
use super::list::{Entry, NewEntry, TodoList, Updater};
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::term::{Date, Term, from_term};

/// The casts: `{:add_entry, entry}`, `{:update, id, fun}`, `{:delete_entry, id}`.
#[derive(Debug, Serialize)]
pub enum ServerCast {
    AddEntry(NewEntry),
    Update(u64, Updater),
    DeleteEntry(u64),
}

/// The calls: `{:entries, date}`, `:all_entries`.
#[derive(Debug, Serialize)]
pub enum ServerCall {
    Entries(Date),
    AllEntries,
}

/// `{:continue, :load_data}`
#[derive(Debug, Serialize)]
pub enum LoadData {
    LoadData,
}

/// The state `{list_name, list}`; the list is `nil` until `handle_continue` has loaded it.
pub struct Server {
    name: String,
    list: Option<TodoList>,
}

impl Serialize for Server {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.name, &self.list).serialize(s)
    }
}

impl Server {
    /// `Todo.Server.start_link(list_name)`
    pub async fn start_link(ctx: &Ctx, list_name: &str) -> Result<Pid, StartError> {
        ctx.start_link::<Server>(list_name.to_string(), StartOpts::default()).await
    }

    /// `Todo.Server.add_entry(pid, entry)`: a cast.
    pub fn add_entry(ctx: &Ctx, server: Pid, entry: NewEntry) {
        ctx.cast::<Server>(server, ServerCast::AddEntry(entry));
    }

    /// `Todo.Server.update_entry(pid, entry_id, updater_fn)`: a cast.
    pub fn update_entry(ctx: &Ctx, server: Pid, entry_id: u64, updater: Updater) {
        ctx.cast::<Server>(server, ServerCast::Update(entry_id, updater));
    }

    /// `Todo.Server.delete_entry(pid, entry_id)`: a cast.
    pub fn delete_entry(ctx: &Ctx, server: Pid, entry_id: u64) {
        ctx.cast::<Server>(server, ServerCast::DeleteEntry(entry_id));
    }

    /// `Todo.Server.entries(pid, date)`: a call.
    pub async fn entries(ctx: &Ctx, server: Pid, date: Date) -> Vec<Entry> {
        ctx.call::<Server>(server, ServerCall::Entries(date)).await
    }

    /// `Todo.Server.all_entries(pid)`: a call.
    pub async fn all_entries(ctx: &Ctx, server: Pid) -> Vec<Entry> {
        ctx.call::<Server>(server, ServerCall::AllEntries).await
    }

    /// The list; loaded before any message is handled, since `handle_continue` runs first.
    fn list(&mut self) -> &mut TodoList {
        self.list.get_or_insert_with(TodoList::new)
    }
}

impl GenServer for Server {
    const MODULE: &'static str = "Todo.Server";
    type Args = String;
    type Call = ServerCall;
    type Reply = Vec<Entry>;
    type Cast = ServerCast;
    type Info = Never;
    type Continue = LoadData;

    async fn init(ctx: &Ctx, list_name: String) -> Init<Self> {
        ctx.log(format!("Starting todo server for: {list_name}"));
        Init::Continue(Server { name: list_name, list: None }, LoadData::LoadData)
    }

    async fn handle_continue(&mut self, ctx: &Ctx, LoadData::LoadData: LoadData) -> Flow<Self> {
        let list = match Database::get(ctx, &self.name).await {
            None => TodoList::new(),
            Some(data) => match from_term::<TodoList>(&data) {
                Ok(list) => list,
                // Elixir would take the term as it is and crash at the first use.
                Err(error) => {
                    let why = Term::tuple([Term::atom("bad_todo_list"), Term::string(&error.to_string())]);
                    return Flow::Stop(ExitReason::Other(why));
                }
            },
        };
        self.list = Some(list);
        Flow::NoReply
    }

    async fn handle_cast(&mut self, ctx: &Ctx, msg: ServerCast) -> Flow<Self> {
        match msg {
            ServerCast::AddEntry(entry) => {
                self.list().add_entry(entry);
            }
            ServerCast::Update(id, updater) => self.list().update_entry(id, |e| updater.apply(e)),
            ServerCast::DeleteEntry(id) => self.list().delete_entry(id),
        }
        Database::store(ctx, &self.name, &self.list).await;
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: ServerCall, _from: Caller<Vec<Entry>>) -> CallResult<Self> {
        let list = self.list();
        CallResult::Reply(match request {
            ServerCall::Entries(date) => list.entries(date),
            ServerCall::AllEntries => list.all_entries(),
        })
    }
}

/// One list through its whole API: ids from 1, entries by date, update, delete.
pub(crate) async fn scenario_list(ctx: Ctx) -> Result<(), String> {
    use super::{jan, show_cast, start_system};
    use crate::scenario::{expect, show};
    use crate::storage::Backend;

    let started = start_system(&ctx, Backend::memory()).await;
    show(&ctx, "Todo.Cache.start_link()", &started);
    let bob = super::Cache::server_process(&ctx, "Bob's list").await;
    show(&ctx, "bob = Todo.Cache.server_process(\"Bob's list\")", &bob);
    for (day, title) in [(22, "Dentist"), (23, "Shopping"), (22, "Movies")] {
        Server::add_entry(&ctx, bob, NewEntry::new(jan(day), title));
        show_cast(&ctx, &format!("Todo.Server.add_entry(bob, %{{date: ~D[2024-01-{day}], title: \"{title}\"}})"));
    }
    let entry = |id, day, title: &str| Entry { id, date: jan(day), title: title.to_string() };
    expect(
        &ctx,
        "Todo.Server.entries(bob, ~D[2024-01-22])",
        Server::entries(&ctx, bob, jan(22)).await,
        vec![entry(1, 22, "Dentist"), entry(3, 22, "Movies")],
    )?;
    let updater = Updater::set_title("Dentist at 10:00");
    Server::update_entry(&ctx, bob, 1, updater);
    show_cast(&ctx, "Todo.Server.update_entry(bob, 1, fn e -> %{e | title: \"Dentist at 10:00\"} end)");
    Server::delete_entry(&ctx, bob, 3);
    show_cast(&ctx, "Todo.Server.delete_entry(bob, 3)");
    expect(
        &ctx,
        "Todo.Server.entries(bob, ~D[2024-01-22])",
        Server::entries(&ctx, bob, jan(22)).await,
        vec![entry(1, 22, "Dentist at 10:00")],
    )?;
    expect(
        &ctx,
        "Todo.Server.all_entries(bob)",
        Server::all_entries(&ctx, bob).await,
        vec![entry(1, 22, "Dentist at 10:00"), entry(2, 23, "Shopping")],
    )?;
    Ok(())
}
