//! Elixir source text → Elixir's quoted form ([`Expr`]), and back.
//!
//! [`parse`] is the whole pipeline: [`lexer`] cuts tokens, [`parser`] builds the tree Elixir's
//! `Code.string_to_quoted/2` builds (checked against it by `tests/lang_parse.rs`), and
//! [`print`] turns a tree back into source (like `Macro.to_string/1`).
//!
//! Nothing here panics or recurses without bound: nesting deeper than [`MAX_DEPTH`] levels
//! (brackets, operator chains, calls on calls) is a syntax error, which also bounds the depth of
//! every tree [`parse`] returns (dropping or walking it cannot exhaust the stack either).

mod error;
mod lexer;
mod parser;
pub mod print;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use print::to_source;

use crate::lang::ast::Expr;

/// How deep expressions may nest. Learners' code stays far below; the bound keeps a pathological
/// input (100,000 `[`) from overflowing the stack, which in wasm kills the page.
pub const MAX_DEPTH: usize = 256;

/// Parses a whole source text: one expression, or several as `{:__block__, [], [...]}`, as
/// `Code.string_to_quoted!(source, columns: true)` returns them.
pub fn parse(source: &str) -> Result<Expr, SyntaxError> {
    let tokens = lexer::tokenize(source)?;
    parser::Parser::new(tokens).file()
}
