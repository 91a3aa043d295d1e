//! Syntax errors, as Elixir reports them: `SyntaxError` or `TokenMissingError`, a line, a column
//! and a description.

use std::fmt;

/// Which of Elixir's two exceptions the error is, which also tells the shell whether more input
/// could complete the expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`: the input is wrong where it stands; more input cannot fix it.
    Invalid,
    /// `TokenMissingError`: the input ended while something was still open (a `do` without
    /// `end`, an unclosed `(` or `"`, an operator without its right side). The IEx shell
    /// continues the prompt with `...(1)>` instead of reporting it.
    Incomplete,
}

/// A syntax error at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    /// Elixir's description, e.g. `missing terminator: ) (for "(" starting at line 1)`.
    pub message: String,
    pub kind: SyntaxErrorKind,
}

impl SyntaxError {
    pub(crate) fn invalid(line: u32, column: u32, message: impl Into<String>) -> SyntaxError {
        SyntaxError { line, column, message: message.into(), kind: SyntaxErrorKind::Invalid }
    }

    pub(crate) fn incomplete(line: u32, column: u32, message: impl Into<String>) -> SyntaxError {
        SyntaxError { line, column, message: message.into(), kind: SyntaxErrorKind::Incomplete }
    }

    /// The exception's module name: `SyntaxError` or `TokenMissingError`.
    pub fn exception_name(&self) -> &'static str {
        match self.kind {
            SyntaxErrorKind::Invalid => "SyntaxError",
            SyntaxErrorKind::Incomplete => "TokenMissingError",
        }
    }

    /// Whether more input could complete the expression (the shell's `...(1)>` prompt).
    pub fn is_incomplete(&self) -> bool {
        self.kind == SyntaxErrorKind::Incomplete
    }
}

/// Prints as `elixir` prints the exception: `** (SyntaxError) nofile:1:5: unexpected token: )`
/// without the `** (...)` prefix, which belongs to the caller that knows the file name.
impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for SyntaxError {}
