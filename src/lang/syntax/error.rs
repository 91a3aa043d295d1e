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
    /// Elixir leaves the source line out for some tokens (strings, sigils) whose message alone
    /// cannot tell (`syntax error before: "2"` is a number with the line, a string without).
    quiet_source: bool,
}

impl SyntaxError {
    pub(crate) fn invalid(line: u32, column: u32, message: impl Into<String>) -> SyntaxError {
        SyntaxError { line, column, message: message.into(), kind: SyntaxErrorKind::Invalid, quiet_source: false }
    }

    pub(crate) fn incomplete(line: u32, column: u32, message: impl Into<String>) -> SyntaxError {
        SyntaxError { line, column, message: message.into(), kind: SyntaxErrorKind::Incomplete, quiet_source: false }
    }

    /// The error is one Elixir prints without the source line under it.
    pub(crate) fn without_source_line(mut self) -> SyntaxError {
        self.quiet_source = true;
        self
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

impl SyntaxError {
    /// What `elixir file_name` prints on stderr for this error in `source`, stacktrace aside:
    /// `** (SyntaxError) file.exs:2:5: description`, then, when Elixir 1.14 shows it, the source
    /// line with a caret under the column. Every line ends with `\n`.
    pub fn render(&self, file_name: &str, source: &str) -> String {
        let mut out = format!("** ({}) {file_name}:{self}\n", self.exception_name());
        if self.shows_source_line()
            && let Some(text) = source.split('\n').nth(self.line.saturating_sub(1) as usize)
            && !text.trim_start().is_empty()
        {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len().max(2));
            let padding = if number.len() < 2 { " " } else { "" };
            let offset = " ".repeat(self.column.saturating_sub(1) as usize);
            out.push_str(&format!(" {gutter} |\n {padding}{number} | {text}\n {gutter} | {offset}^\n"));
        }
        out
    }

    /// Elixir (`elixir_errors:parse_error/5`) attaches the source line to most errors, but not
    /// to reserved words out of place, a closing bracket that does not match, the end of a line
    /// where an expression was expected, or a string or sigil out of place.
    fn shows_source_line(&self) -> bool {
        let m = self.message.as_str();
        !(self.quiet_source
            || m.starts_with("unexpected reserved word: ")
            || m.starts_with("unexpectedly reached end of line")
            || m.starts_with("syntax error before: sigil")
            || m.contains("\" is a reserved word in Elixir")
            || m.contains(" is missing terminator \""))
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
