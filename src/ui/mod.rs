//! The Yew app: the playground's frame.
//!
//! [`App`] lays out the panes that later work fills in: scenarios, the sequence diagram,
//! the process tree, the inspector, the run controls and the stats & storage pane.
//! State lives in one reducer ([`state::UiState`]) in the style of Yew's `function_todomvc`
//! example; components get what they need through props and dispatch actions back.

mod pane;
mod state;

use yew::prelude::*;

pub use pane::Pane;
pub use state::{RunMode, UiAction, UiState};

/// The root component, rendered by `main` into `<body>`.
#[component]
pub fn App() -> Html {
    let state = use_reducer(UiState::default);

    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="app-title">{ "otp-playground" }</h1>
                <p class="app-subtitle">
                    { "Elixir/OTP processes, supervisors and GenServers, running live in your browser" }
                </p>
            </header>
            <main class="app-grid">
                <Pane id="scenarios" title="Scenarios">
                    <p class="placeholder">{ "No scenarios yet." }</p>
                </Pane>
                <Pane id="sequence" title="Sequence diagram">
                    <p class="placeholder">{ "Messages between processes will appear here." }</p>
                </Pane>
                <Pane id="processes" title="Processes">
                    <p class="placeholder">{ "No processes running." }</p>
                </Pane>
                <Pane id="inspector" title="Inspector">
                    <p class="placeholder">{ "Select a process or a message to inspect it." }</p>
                </Pane>
                <Pane id="controls" title="Controls">
                    <Controls state={state.clone()} />
                </Pane>
                <Pane id="stats" title="Stats & storage">
                    <dl class="stats">
                        <dt>{ "Steps" }</dt>
                        <dd>{ state.steps }</dd>
                        <dt>{ "Mode" }</dt>
                        <dd>{ state.mode.label() }</dd>
                    </dl>
                </Pane>
            </main>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ControlsProps {
    state: UseReducerHandle<UiState>,
}

/// Play, pause and step. Disabled until a scenario can be loaded.
#[component]
fn Controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let on = |action: UiAction| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action))
    };
    let disabled = !state.scenario_loaded;

    html! {
        <div class="controls" role="toolbar" aria-label="Run controls">
            <button type="button" id="btn-play" {disabled} onclick={on(UiAction::Play)}>
                { icon("M4 2.5v11l9-5.5z") }{ "Play" }
            </button>
            <button type="button" id="btn-pause" {disabled} onclick={on(UiAction::Pause)}>
                { icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z") }{ "Pause" }
            </button>
            <button type="button" id="btn-step" {disabled} onclick={on(UiAction::Step)}>
                { icon("M2.5 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z") }{ "Step" }
            </button>
        </div>
    }
}

/// A 16×16 icon drawn with one path in the text colour (no icon font: it renders everywhere).
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
