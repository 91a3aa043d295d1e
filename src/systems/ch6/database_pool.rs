//! Chapter 6, Exercise 2: Database Connection Pool — `DatabasePool`.
//!
//! `checkout` is a call with an `:infinity` timeout: when no connection is free the server
//! does not answer (`{:noreply, state}`) and queues the caller's `from`. A later `checkin`
//! cast hands the returned connection straight to the oldest waiting caller with
//! `GenServer.reply/2`, from inside `handle_cast`: the reply to a call made long before.
//!
//! The `:queue` of waiting callers renders as a list, oldest first (Erlang's `:queue` is a
//! pair of lists, which would say little to a reader).

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::support::{StructName, check};
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts, Task, Timeout};
use crate::scenario::{ScriptFuture, show};

/// `{:conn, id}`
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Conn(u32),
}

/// `%{available: 0, waiting: 1, total: 3}`
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PoolStatus {
    pub available: usize,
    pub waiting: usize,
    pub total: u32,
}

#[derive(Serialize, Debug)]
pub enum PoolCall {
    Checkout,
    Status,
}

#[derive(Serialize, Debug)]
pub enum PoolCast {
    /// `{:checkin, connection}`
    Checkin(Connection),
}

/// `{:ok, conn}` for `checkout`, the status map for `status`.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum PoolReply {
    Checkout(Result<Connection, Never>),
    Status(PoolStatus),
}

/// `%DatabasePool{connections: [...], waiting_callers: [...], max_connections: n}`
#[derive(Serialize, Debug)]
pub struct DatabasePool {
    #[serde(rename = "__struct__")]
    module: StructName,
    connections: Vec<Connection>,
    waiting_callers: VecDeque<Caller<PoolReply>>,
    max_connections: u32,
}

impl DatabasePool {
    const NAME: &'static str = "DatabasePool";

    pub async fn start_link(ctx: &Ctx, max_connections: u32) -> Result<Pid, StartError> {
        ctx.start_link::<DatabasePool>(max_connections, StartOpts::named(Self::NAME)).await
    }

    /// Waits as long as it takes for a free connection.
    pub async fn checkout(ctx: &Ctx) -> Result<Connection, Never> {
        match ctx.call_timeout::<DatabasePool>(Self::NAME, PoolCall::Checkout, Timeout::Infinity).await {
            PoolReply::Checkout(conn) => conn,
            PoolReply::Status(_) => unreachable!("DatabasePool answers :checkout with a connection"),
        }
    }

    pub fn checkin(ctx: &Ctx, connection: Connection) {
        ctx.cast::<DatabasePool>(Self::NAME, PoolCast::Checkin(connection));
    }

    pub async fn status(ctx: &Ctx) -> PoolStatus {
        match ctx.call::<DatabasePool>(Self::NAME, PoolCall::Status).await {
            PoolReply::Status(status) => status,
            PoolReply::Checkout(_) => unreachable!("DatabasePool answers :status with the status map"),
        }
    }

    /// Simulates opening a connection.
    fn create_connection(id: u32) -> Connection {
        Connection::Conn(id)
    }
}

impl GenServer for DatabasePool {
    const MODULE: &'static str = "DatabasePool";
    type Args = u32;
    type Call = PoolCall;
    type Reply = PoolReply;
    type Cast = PoolCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, max_connections: u32) -> Init<Self> {
        Init::Ok(DatabasePool {
            module: StructName(Self::MODULE),
            connections: (1..=max_connections).map(Self::create_connection).collect(),
            waiting_callers: VecDeque::new(),
            max_connections,
        })
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: PoolCall, from: Caller<PoolReply>) -> CallResult<Self> {
        match request {
            PoolCall::Checkout if self.connections.is_empty() => {
                self.waiting_callers.push_back(from);
                CallResult::NoReply
            }
            PoolCall::Checkout => CallResult::Reply(PoolReply::Checkout(Ok(self.connections.remove(0)))),
            PoolCall::Status => CallResult::Reply(PoolReply::Status(PoolStatus {
                available: self.connections.len(),
                waiting: self.waiting_callers.len(),
                total: self.max_connections,
            })),
        }
    }

    async fn handle_cast(&mut self, ctx: &Ctx, PoolCast::Checkin(connection): PoolCast) -> Flow<Self> {
        match self.waiting_callers.pop_front() {
            Some(caller) => ctx.reply(caller, PoolReply::Checkout(Ok(connection))),
            None => self.connections.insert(0, connection),
        }
        Flow::NoReply
    }
}

/// The sheet's usage block.
pub(crate) fn scenario_database_pool(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        DatabasePool::start_link(ctx, 3).await.map_err(|e| format!("DatabasePool.start_link(3): {e}"))?;
        ctx.log("{:ok, _} = DatabasePool.start_link(3)");
        let mut checked_out = Vec::new();
        for n in 1..=3 {
            let conn = DatabasePool::checkout(ctx).await;
            show(ctx, &format!("{{:ok, conn{n}}} = DatabasePool.checkout()"), &conn);
            checked_out.push(conn.unwrap_or_else(|never| match never {}));
        }
        let status = |available, waiting| PoolStatus { available, waiting, total: 3 };
        check(ctx, "DatabasePool.status()", DatabasePool::status(ctx).await, status(0, 0))?;
        let task: Task<Result<Connection, Never>> = ctx.task_async(|task_ctx| async move { DatabasePool::checkout(&task_ctx).await });
        show(ctx, "task = Task.async(fn -> DatabasePool.checkout() end)", &task.pid);
        // The time it takes to type the next line: the task sends its checkout meanwhile.
        ctx.sleep(100).await;
        check(ctx, "DatabasePool.status()", DatabasePool::status(ctx).await, status(0, 1))?;
        DatabasePool::checkin(ctx, checked_out[0]);
        ctx.log("DatabasePool.checkin(conn1)");
        let conn4 = task.await_result(ctx).await;
        check(ctx, "{:ok, conn4} = Task.await(task)", conn4, Ok(checked_out[0]))?;
        check(ctx, "conn4 == conn1", conn4 == Ok(checked_out[0]), true)?;
        Ok(())
    })
}
