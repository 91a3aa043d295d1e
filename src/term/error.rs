//! [`TermError`]: why a Rust value could not become a term, or a term a Rust value.

use std::fmt;

/// An error from [`crate::term::try_to_term`] or [`crate::term::from_term`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermError {
    /// A Rust integer that does not fit the type asked for.
    IntegerOutOfRange(String),
    /// An atom or tuple tag that names no variant of the enum being read.
    UnknownVariant { enum_name: String, atom: String },
    /// A term nested deeper than serde may follow ([`crate::term::MAX_SERDE_DEPTH`] levels):
    /// serde walks by recursion, and a deep term must not overflow the stack.
    TooDeep,
    /// Anything else, in serde's words (wrong shape, missing field, ...).
    Message(String),
}

impl fmt::Display for TermError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TermError::IntegerOutOfRange(n) => write!(f, "integer {n} does not fit in a 64-bit signed integer"),
            TermError::UnknownVariant { enum_name, atom } => write!(f, "{atom} is not a variant of {enum_name}"),
            TermError::TooDeep => {
                write!(f, "term nested deeper than {} levels", crate::term::MAX_SERDE_DEPTH)
            }
            TermError::Message(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TermError {}

impl serde::ser::Error for TermError {
    fn custom<T: fmt::Display>(msg: T) -> TermError {
        TermError::Message(msg.to_string())
    }
}

impl serde::de::Error for TermError {
    fn custom<T: fmt::Display>(msg: T) -> TermError {
        TermError::Message(msg.to_string())
    }
}
