//! The root component: one runtime per page, read once per animation frame.
//!
//! The browser driver (`crate::driver`) runs the runtime in the background. Each animation
//! frame the app pulls the new trace events in one batch into the timeline and dispatches a
//! single `Frame` action if anything changed, so the page re-renders at most once per frame
//! however many messages flow.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::controls::{Controls, use_keyboard_shortcuts};
use super::diagram::Diagram;
use super::engine::EngineHandle;
use super::export::{Export, shared_run};
use super::forms::Forms;
use super::inspector::Inspector;
use super::pane::Pane;
use super::processes::Processes;
use super::scenarios::{Scenarios, start_scenario};
use super::state::{UiAction, UiState};
use super::stats::Stats;

fn request_frame(callback: &Closure<dyn FnMut(f64)>) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
    }
}

/// Records when the app first rendered (ms since navigation start) as
/// `window.otpInteractiveMs`, for the load-time check in the e2e tests.
fn mark_interactive() {
    if let Some(window) = web_sys::window() {
        let ms = window.performance().map(|p| p.now()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&window, &"otpInteractiveMs".into(), &ms.into());
    }
}

/// Pumps the engine once per animation frame while the app is mounted.
#[hook]
fn use_frame_loop(engine: EngineHandle, dispatch: UseReducerDispatcher<UiState>) {
    use_effect_with((), move |_| {
        let alive = Rc::new(Cell::new(true));
        let callback: Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>> = Rc::new(RefCell::new(None));
        let again = callback.clone();
        let still_alive = alive.clone();
        *callback.borrow_mut() = Some(Closure::new(move |t: f64| {
            if !still_alive.get() {
                return;
            }
            let update = engine.borrow_mut().pump(t);
            if let Some(update) = update {
                dispatch.dispatch(UiAction::Frame(update));
            }
            if let Some(cb) = again.borrow().as_ref() {
                request_frame(cb);
            }
        }));
        if let Some(cb) = callback.borrow().as_ref() {
            request_frame(cb);
        }
        move || alive.set(false)
    });
}

/// Opens a `run=` link: its scenario, journal and requests, replayed exactly; a clear notice
/// if the link is malformed (and nothing runs).
fn open_run_link(engine: &EngineHandle, state: &UseReducerHandle<UiState>, scenario: Option<&str>, run: &str, requests: &[Vec<String>], at: Option<u64>) {
    let opened = (|| {
        let scenario = scenario.map(|id| super::engine::find_scenario(id).ok_or_else(|| format!("unknown scenario {}", crate::term::Term::string(id)))).transpose()?;
        let journal = crate::replay::Journal::decode(run)?;
        engine.borrow_mut().open_shared_run(scenario.as_ref(), journal, requests, at)
    })();
    let id = engine.borrow().scenario;
    state.dispatch(UiAction::ScenarioLoaded(id, false));
    state.dispatch(UiAction::Notice(match opened {
        Ok(reached) => {
            let storage = if requests.is_empty() { "" } else { " Its requests ran on scratch in-memory storage; your stored data is untouched." };
            format!("Opened the shared run at event {reached}, replayed under virtual time; paused. Play goes on from here.{storage}")
        }
        Err(why) => format!("This link's run cannot be replayed: {why}."),
    }));
}

/// The root component, rendered by `main` into `<body>`.
#[component]
pub fn App() -> Html {
    let engine = (*use_memo((), |_| EngineHandle::new())).clone();
    let state = use_reducer(UiState::default);
    use_frame_loop(engine.clone(), state.dispatcher());
    use_keyboard_shortcuts(engine.clone(), state.clone());
    {
        // A share link (#scenario=<id>) runs its scenario on load.
        let (engine, state) = (engine.clone(), state.clone());
        use_effect_with((), move |_| {
            mark_interactive();
            super::engine::open_storage(&engine, super::engine::remembered_storage());
            let shared = match shared_run() {
                Ok(shared) => shared,
                Err(why) => {
                    state.dispatch(UiAction::Notice(format!("This link cannot be opened: {why}. Nothing from it ran.")));
                    crate::link::SharedRun::default()
                }
            };
            match (&shared.scenario, &shared.run) {
                // An exact run: replayed under virtual time, then paused for the learner.
                (scenario, Some(run)) => open_run_link(&engine, &state, scenario.as_deref(), run, &shared.actions, shared.at),
                (Some(id), None) => match shared.at {
                    None => start_scenario(&engine, &state, id, false),
                    Some(at) => {
                        start_scenario(&engine, &state, id, true);
                        super::controls::replay(&engine, &state, at);
                    }
                },
                (None, None) => {}
            }
            if shared.run.is_none() && !shared.actions.is_empty() {
                // A view of the run: its requests run on scratch storage, never on the
                // learner's data, however often the address is opened or reloaded.
                engine.borrow_mut().open_link_actions(shared.actions);
            }
        });
    }
    let frame = state.frame;

    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="app-title">{ "otp-playground" }</h1>
                <p class="app-subtitle">
                    { "Elixir/OTP processes and GenServers, running live in your browser" }
                </p>
                <super::theme::ThemeButton />
            </header>
            <main class="app-grid">
                <Pane id="controls" title="Controls">
                    <Controls engine={engine.clone()} state={state.clone()} />
                </Pane>
                <Pane id="scenarios" title="Scenarios">
                    <Scenarios engine={engine.clone()} state={state.clone()} />
                </Pane>
                <Pane id="sequence" title="Sequence diagram" tools={html! { <Export engine={engine.clone()} /> }}>
                    <Diagram engine={engine.clone()} dispatch={state.dispatcher()} version={frame.version}
                             generation={state.generation} selected_event={state.selected_event} selected_pid={state.selected} />
                </Pane>
                <Pane id="processes" title="Processes">
                    <Processes engine={engine.clone()} dispatch={state.dispatcher()} selected={state.selected}
                               version={frame.version} generation={state.generation} />
                </Pane>
                <Pane id="inspector" title="Inspector">
                    <Inspector engine={engine.clone()} dispatch={state.dispatcher()} selected={state.selected}
                               now={frame.now} version={frame.version} />
                </Pane>
                <Pane id="actions" title="Actions">
                    <Forms engine={engine.clone()} output_version={frame.output_version} />
                </Pane>
                <Pane id="stats" title="Stats & storage">
                    <Stats engine={engine.clone()} now={frame.now} version={frame.version}
                           output_version={frame.output_version} generation={state.generation} state={state.clone()} />
                </Pane>
            </main>
        </div>
    }
}
