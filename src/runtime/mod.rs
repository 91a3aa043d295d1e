//! The actor runtime.
mod pid;
pub use pid::{Pid, PID_MARKER};
