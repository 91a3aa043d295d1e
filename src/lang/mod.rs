//! Elixir, in Rust: the language learners write in the playground.
//!
//! A script goes through three stages, each its own module:
//! source text → [`syntax`] (tokens, then Elixir's quoted form, [`ast::Expr`]) → the compiler
//! (quoted form → code the machine runs) → the machine (a process's frames on an explicit stack,
//! so that a process can stop in the middle of a function at a `receive` or a call and go on
//! later, and counts its reductions so that it yields to the scheduler).
//!
//! This layer depends on [`crate::term`] and [`crate::runtime`], never on the browser.
//!
//! # Layout
//! - `ast.rs`: [`ast::Expr`], Elixir's quoted form.
//! - `syntax/`: the lexer and the parser (error-tolerant, depth-bounded), and the printer
//!   that turns a tree back into source.

pub mod ast;
