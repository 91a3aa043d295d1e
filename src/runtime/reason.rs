//! Exit reasons, as the BEAM spells them.

use std::fmt;

use crate::term::Term;

/// Why a process exited (or is being asked to exit).
///
/// `Normal` is the only reason linked processes ignore; `Kill` exists only as a signal sent
/// with [`Ctx::exit`](super::Ctx::exit) and arrives as `Killed`, which links then propagate.
#[derive(Clone, Debug, PartialEq)]
pub enum ExitReason {
    Normal,
    Shutdown,
    /// `{:shutdown, term}`
    ShutdownWith(Term),
    /// The untrappable signal; a process it reaches exits with `Killed`.
    Kill,
    Killed,
    /// The target did not exist (monitoring or calling a dead pid).
    NoProc,
    /// Anything else: a crash, a `{:stop, reason, ...}` from a callback, a custom reason.
    Other(Term),
}

impl ExitReason {
    /// A reason made of any serializable value, e.g. `ExitReason::other(&("timeout", 3))`.
    pub fn other<T: serde::Serialize + ?Sized>(value: &T) -> ExitReason {
        ExitReason::Other(crate::term::to_term(value))
    }

    /// An atom reason, `:boom`.
    pub fn atom(name: &str) -> ExitReason {
        match name {
            "normal" => ExitReason::Normal,
            "shutdown" => ExitReason::Shutdown,
            "kill" => ExitReason::Kill,
            "killed" => ExitReason::Killed,
            "noproc" => ExitReason::NoProc,
            _ => ExitReason::Other(Term::atom(name)),
        }
    }

    /// True for the reasons OTP does not report as crashes: normal, shutdown, {shutdown, _}.
    pub fn is_clean(&self) -> bool {
        matches!(self, ExitReason::Normal | ExitReason::Shutdown | ExitReason::ShutdownWith(_))
    }

    pub fn to_term(&self) -> Term {
        match self {
            ExitReason::Normal => Term::atom("normal"),
            ExitReason::Shutdown => Term::atom("shutdown"),
            ExitReason::ShutdownWith(t) => Term::Tuple(vec![Term::atom("shutdown"), t.clone()]),
            ExitReason::Kill => Term::atom("kill"),
            ExitReason::Killed => Term::atom("killed"),
            ExitReason::NoProc => Term::atom("noproc"),
            ExitReason::Other(t) => t.clone(),
        }
    }
}

impl fmt::Display for ExitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_term())
    }
}

impl serde::Serialize for ExitReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_term().serialize(s)
    }
}
