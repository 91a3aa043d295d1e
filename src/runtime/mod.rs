//! The actor runtime: a deterministic, single-threaded, cooperative scheduler with
//! GenServer semantics. It never touches a browser API; drivers give it time.
//!
//! # Layout
//! - `runtime.rs`: [`Runtime`], the handle drivers, tests and the UI use (run, step, tick,
//!   inspect, trace).
//! - `ctx.rs`: [`Ctx`], what a process can do (send, spawn, link, monitor, timers, receive).
//! - `genserver.rs`: the [`GenServer`] behaviour, the server loop, call/cast/reply/start/stop.
//! - `scheduler.rs`: the state and the algorithms behind both (exits, links, monitors).
//! - `task.rs`: `Task.async`/`Task.await` ([`Task`]).
//! - `io.rs`: awaiting browser I/O from a process (`Ctx::io`).
//! - `process.rs`: per-process data; `timer.rs`: pending timers; `trace.rs`: the event log;
//!   `introspect.rs`: process list and inspector rows; `reason.rs`: exit reasons.
//!
//! See docs/semantics.md for what is guaranteed and where it differs from the BEAM.

mod ctx;
mod genserver;
mod introspect;
mod io;
mod pid;
mod process;
mod reason;
#[allow(clippy::module_inception)]
mod runtime;
mod scheduler;
mod task;
mod timer;
mod trace;

pub use ctx::{Ctx, Dest, Info, MonitorRef, SendError, Timeout};
pub use io::IoWoken;
pub use genserver::{CallError, CallResult, Caller, Flow, GenServer, Init, Never, StartError, StartOpts, dest_term};
pub use introspect::{PendingWait, ProcessDetail, ProcessInfo, TimerInfo};
pub use pid::{PID_MARKER, Pid};
pub use process::{Message, Status};
pub use reason::ExitReason;
pub use runtime::{MESSAGES_PER_TURN, Runtime, Shell, TickReport};
pub use timer::{MAX_TIME, TimerRef};
pub use task::{Task, await_many};
pub use trace::{EventKind, MsgKind, TraceEvent};
