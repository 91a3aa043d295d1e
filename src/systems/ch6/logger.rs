//! Chapter 6, Drill 3: Call vs Cast — `Logger`.
//!
//! `log` is a cast: the caller does not wait for the entry to be stored. `flush_to_disk`,
//! `get_logs` and `clear` are calls: the caller needs an answer, or needs the work done
//! before it goes on.
//!
//! The browser has no disk and no wall clock, so:
//! - `DateTime.utc_now()` is the virtual time in milliseconds when `log` is called (in the
//!   client, as in the sheet);
//! - `IO.puts` is a line in the trace;
//! - `File.write(path, :erlang.term_to_binary(logs))` stores the same bytes under `path` in a
//!   [`Backend`] given to `start_link` (the sheet's `start_link/0` has nowhere to write).
//!   The state still renders as the plain list of entries the sheet keeps.

use std::collections::VecDeque;

use serde::{Serialize, Serializer};

use super::support::check;
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};
use crate::storage::Backend;
use crate::term::{Atom, binary_to_term, term_to_binary, to_term};

/// `%{level: :info, message: "...", timestamp: ms}`
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub level: Atom,
    pub message: String,
    /// Virtual milliseconds, standing in for `DateTime.utc_now()`.
    pub timestamp: u64,
}

/// The server's state: the entries, newest first (`[entry | logs]`).
pub struct Logger {
    logs: VecDeque<LogEntry>,
    disk: Backend,
}

impl Serialize for Logger {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.logs.serialize(s)
    }
}

#[derive(Serialize, Debug)]
pub enum LoggerCast {
    /// `{:log, level, message, timestamp}`
    Log(Atom, String, u64),
}

#[derive(Serialize, Debug)]
pub enum LoggerCall {
    /// `{:flush, file_path}`
    Flush(String),
    /// `{:get_logs, level_or_nil}`
    GetLogs(Option<Atom>),
    Clear,
}

/// `:ok` (flush, clear), `{:error, reason}` (flush) or the entries, oldest first.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum LoggerReply {
    Done(Result<(), String>),
    Logs(Vec<LogEntry>),
}

impl Logger {
    const NAME: &'static str = "Logger";

    /// `Logger.start_link()`, registered as `Logger`, writing "files" into `disk`.
    pub async fn start_link(ctx: &Ctx, disk: Backend) -> Result<Pid, StartError> {
        ctx.start_link::<Logger>(disk, StartOpts::named(Self::NAME)).await
    }

    /// `Logger.log(level, message)`: a cast, stamped with the caller's virtual time.
    pub fn log(ctx: &Ctx, level: &str, message: impl Into<String>) {
        ctx.cast::<Logger>(Self::NAME, LoggerCast::Log(Atom::new(level), message.into(), ctx.now()));
    }

    /// `Logger.flush_to_disk(file_path)`: `:ok` once `term_to_binary(logs)` is stored.
    pub async fn flush_to_disk(ctx: &Ctx, file_path: &str) -> Result<(), String> {
        match ctx.call::<Logger>(Self::NAME, LoggerCall::Flush(file_path.to_string())).await {
            LoggerReply::Done(result) => result,
            LoggerReply::Logs(_) => unreachable!("Logger answers :flush with :ok or an error"),
        }
    }

    /// `Logger.get_logs(filter_level \\ nil)`: oldest first.
    pub async fn get_logs(ctx: &Ctx, filter_level: Option<&str>) -> Vec<LogEntry> {
        match ctx.call::<Logger>(Self::NAME, LoggerCall::GetLogs(filter_level.map(Atom::new))).await {
            LoggerReply::Logs(logs) => logs,
            LoggerReply::Done(_) => unreachable!("Logger answers :get_logs with the entries"),
        }
    }

    pub async fn clear(ctx: &Ctx) {
        ctx.call::<Logger>(Self::NAME, LoggerCall::Clear).await;
    }
}

impl GenServer for Logger {
    const MODULE: &'static str = "Logger";
    type Args = Backend;
    type Call = LoggerCall;
    type Reply = LoggerReply;
    type Cast = LoggerCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, disk: Backend) -> Init<Self> {
        Init::Ok(Logger { logs: VecDeque::new(), disk })
    }

    async fn handle_cast(&mut self, ctx: &Ctx, LoggerCast::Log(level, message, timestamp): LoggerCast) -> Flow<Self> {
        ctx.log(format!("[{}] {message}", level.name()));
        self.logs.push_front(LogEntry { level, message, timestamp });
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: LoggerCall, _from: Caller<LoggerReply>) -> CallResult<Self> {
        let reply = match request {
            LoggerCall::Flush(file_path) => {
                let result = self.disk.put(&file_path, &to_term(&self.logs)).await;
                LoggerReply::Done(result.map_err(|e| e.to_string()))
            }
            LoggerCall::GetLogs(level) => {
                let matches = |entry: &&LogEntry| level.as_ref().is_none_or(|l| &entry.level == l);
                LoggerReply::Logs(self.logs.iter().rev().filter(matches).cloned().collect())
            }
            LoggerCall::Clear => {
                self.logs.clear();
                LoggerReply::Done(Ok(()))
            }
        };
        CallResult::Reply(reply)
    }
}

/// Calls and casts side by side; the flush shows the bytes written as the term they decode to.
pub(crate) fn scenario_logger(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let disk = Backend::memory();
        Logger::start_link(ctx, disk.clone()).await.map_err(|e| format!("Logger.start_link(): {e}"))?;
        ctx.log("{:ok, _pid} = Logger.start_link()");
        Logger::log(ctx, "info", "Server started");
        ctx.log("Logger.log(:info, \"Server started\")");
        ctx.sleep(250).await;
        Logger::log(ctx, "error", "Disk almost full");
        ctx.log("Logger.log(:error, \"Disk almost full\")");
        let entry = |level: &str, message: &str, timestamp| LogEntry { level: Atom::new(level), message: message.into(), timestamp };
        let all = vec![entry("info", "Server started", 0), entry("error", "Disk almost full", 250)];
        check(ctx, "Logger.get_logs()", Logger::get_logs(ctx, None).await, all.clone())?;
        check(ctx, "Logger.get_logs(:error)", Logger::get_logs(ctx, Some("error")).await, all[1..].to_vec())?;
        check(ctx, "Logger.flush_to_disk(\"logs.bin\")", Logger::flush_to_disk(ctx, "logs.bin").await, Ok(()))?;
        let stored = disk.get_raw("logs.bin").await.map_err(|e| e.to_string())?.unwrap_or_default();
        let decoded = binary_to_term(&stored).map_err(|e| e.to_string())?;
        show(ctx, "File.read!(\"logs.bin\") |> :erlang.binary_to_term()", &decoded);
        let newest_first: Vec<LogEntry> = all.iter().rev().cloned().collect();
        check(ctx, "byte_size(File.read!(\"logs.bin\"))", stored.len(), term_to_binary(&to_term(&newest_first)).len())?;
        Logger::clear(ctx).await;
        ctx.log("Logger.clear()  # => :ok");
        check(ctx, "Logger.get_logs()", Logger::get_logs(ctx, None).await, vec![])?;
        Ok(())
    })
}
