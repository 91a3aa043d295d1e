//! otp-playground: the systems of "Elixir in Action" chapters 6 and 7 on a deterministic,
//! single-threaded actor scheduler, compiled to WebAssembly and shown live in the browser.
//!
//! # Layout
//! - [`runtime`]: the scheduler, processes, GenServer semantics, timers, trace. No browser APIs.
//! - [`term`]: the Elixir-term model; rendering in Elixir syntax, `phash2`, External Term Format.
//! - [`systems`]: the book's systems and drills on the runtime; [`scenario`]: each as a script.
//! - [`lang`]: Elixir itself: the parser and the evaluator of the code learners write.
//! - [`replay`]: a run's journal of outside inputs, and replaying it to an earlier event;
//!   [`link`]: what a share link carries (the requests the forms made, the address's parts).
//! - [`storage`]: where the database workers keep terms (in memory here; browser backends in wasm).
//! - [`driver`]: moves virtual time along with the page's clock (the loop itself runs in wasm only).
//! - `ui` (wasm only): the Yew app.

#[doc(hidden)]
pub mod bench;
pub mod driver;
pub mod lang;
pub mod link;
pub mod replay;
pub mod runtime;
pub mod scenario;
pub mod storage;
pub mod systems;
pub mod term;

#[cfg(target_arch = "wasm32")]
pub mod ui;
