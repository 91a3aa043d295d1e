//! The Yew app: scenarios, the live sequence diagram, the process list, the inspector, run
//! controls, forms for the systems' APIs, and stats & storage.
//!
//! # Layout
//! - `app.rs`: [`App`], the frame loop (one trace batch per animation frame).
//! - `engine.rs`: the page's one runtime, its driver, storage, timeline and form jobs.
//! - `state.rs`: the reducer state (selection, speed, play/pause, last frame's numbers).
//! - `timeline.rs`: lanes and rows fed from the trace; `diagram.rs`: drawing the visible rows.
//! - `scenarios.rs`, `processes.rs`, `inspector.rs`, `controls.rs`, `forms.rs`, `stats.rs`:
//!   one pane each; `export.rs`: Mermaid, SVG and the share link; `pane.rs`: the pane
//!   frame; `theme.rs`: the theme button. Term literals typed into forms are parsed by
//!   `crate::term::parse_term`.

mod app;
mod controls;
mod diagram;
mod engine;
pub mod export;
mod forms;
mod inspector;
mod load;
mod pane;
mod processes;
mod requests;
mod scenarios;
mod state;
mod stats;
mod theme;
pub mod timeline;

pub use app::App;
pub use engine::EngineHandle;
pub use pane::Pane;
pub use state::{UiAction, UiState};
