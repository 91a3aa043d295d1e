//! Run controls: play/pause, step one event, jump to the next timer, speed, reset, and the
//! keyboard shortcuts that do the same (space, s or →, n, r).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::engine::EngineHandle;
use super::state::{SPEEDS, UiAction, UiState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    TogglePlay,
    Play,
    Pause,
    Step,
    NextTimer,
    Reset,
    Speed(usize),
}

/// Carries out a control; the engine (not the possibly stale state handle) says whether
/// the run is paused.
pub fn run_command(engine: &EngineHandle, state: &UseReducerHandle<UiState>, command: Command) {
    match command {
        Command::TogglePlay => {
            let paused = engine.borrow().controls.paused.get();
            run_command(engine, state, if paused { Command::Play } else { Command::Pause });
        }
        Command::Play => {
            engine.borrow().controls.paused.set(false);
            state.dispatch(UiAction::SetPlaying(true));
        }
        Command::Pause => {
            engine.borrow().controls.paused.set(true);
            state.dispatch(UiAction::SetPlaying(false));
        }
        Command::Step => {
            engine.borrow().controls.paused.set(true);
            let (rt, journal) = (engine.rt(), engine.journal());
            let stepped = journal.borrow_mut().step(&rt);
            state.dispatch(UiAction::SetPlaying(false));
            if !stepped {
                let hint = match rt.next_timer_at() {
                    Some(t) => format!("Nothing runnable: every process waits. The next timer is due at {t} ms (n jumps to it)."),
                    None => "Nothing to step: every process waits and no timer is pending.".to_string(),
                };
                state.dispatch(UiAction::Notice(hint));
            }
        }
        Command::NextTimer => {
            engine.borrow().controls.paused.set(true);
            let (rt, journal) = (engine.rt(), engine.journal());
            state.dispatch(UiAction::SetPlaying(false));
            if rt.advance_to_next_timer() {
                journal.borrow_mut().step(&rt);
                state.dispatch(UiAction::Notice(format!("Jumped to t = {} ms and fired the timer.", rt.now())));
            } else {
                state.dispatch(UiAction::Notice("No timer pending.".into()));
            }
        }
        Command::Reset => {
            engine.borrow_mut().reset();
            state.dispatch(UiAction::Reset);
        }
        Command::Speed(index) => {
            let index = index.min(SPEEDS.len() - 1);
            engine.borrow().controls.speed.set(SPEEDS[index].0);
            state.dispatch(UiAction::SetSpeed(index));
        }
    }
}

/// Scrubs to trace event `at` by replaying the run (see `Engine::replay_to`).
pub fn replay(engine: &EngineHandle, state: &UseReducerHandle<UiState>, at: u64) {
    let from = engine.borrow().trace_len();
    let mut result = engine.borrow_mut().replay_to(at);
    // A replay stops at the end of a turn, which can be past `at` (a turn emits several
    // events): a step back (an arrow key) would land where it started, so aim earlier until
    // it lands before that.
    let mut target = at;
    while let Ok(reached) = result
        && at < from
        && reached >= from
        && target > 0
        && at - target < 256
    {
        target -= 1;
        result = engine.borrow_mut().replay_to(target);
    }
    match result {
        Ok(reached) => {
            let eng = engine.borrow();
            let (id, requests) = (eng.scenario, eng.actions.len());
            // A link with requests runs them after its scenario, so it carries no point.
            if requests > 0 {
                super::export::update_share_hash(&eng);
            } else if let Some(id) = id {
                super::export::set_share_hash(id, Some(reached));
            }
            drop(eng);
            state.dispatch(UiAction::ScenarioLoaded(id, false));
            let storage = if requests > 0 { " Its requests ran on scratch in-memory storage; your stored data is untouched." } else { "" };
            state.dispatch(UiAction::Notice(format!("Replayed to event {reached} under virtual time; paused there.{storage}")));
        }
        Err(why) => state.dispatch(UiAction::Notice(why)),
    }
}

/// Listens for the shortcuts on the window while the app is mounted.
#[hook]
pub fn use_keyboard_shortcuts(engine: EngineHandle, state: UseReducerHandle<UiState>) {
    use_effect_with((), move |_| {
        let listener = Closure::<dyn FnMut(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let tag = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.tag_name().to_ascii_uppercase())
                .unwrap_or_default();
            if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                return;
            }
            let command = match event.key().as_str() {
                " " if tag != "BUTTON" => Command::TogglePlay,
                "s" | "ArrowRight" => Command::Step,
                "n" => Command::NextTimer,
                "r" => Command::Reset,
                _ => return,
            };
            event.prevent_default();
            run_command(&engine, &state, command);
        });
        let window = web_sys::window().expect("a window");
        let _ = window.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        move || {
            let _ = window.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            drop(listener);
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub engine: EngineHandle,
    pub state: UseReducerHandle<UiState>,
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let on = |command: Command| {
        let (engine, state) = (props.engine.clone(), state.clone());
        Callback::from(move |_: MouseEvent| run_command(&engine, &state, command))
    };
    let on_speed = {
        let (engine, state) = (props.engine.clone(), state.clone());
        Callback::from(move |e: Event| {
            if let Ok(index) = super::forms::target_value(&e).parse::<usize>() {
                run_command(&engine, &state, Command::Speed(index));
            }
        })
    };
    let (scrub_end, scrub_at, replayable) = {
        let eng = props.engine.borrow();
        (eng.run_end(), eng.trace_len(), eng.unreplayable.is_none() && (eng.scenario.is_some() || !eng.actions.is_empty()))
    };
    let on_scrub = {
        let (engine, state) = (props.engine.clone(), state.clone());
        Callback::from(move |e: Event| {
            if let Ok(at) = super::forms::target_value(&e).parse::<u64>() {
                replay(&engine, &state, at);
            }
        })
    };
    let link_actions = props.engine.borrow().link_actions.as_ref().map(|(_, actions)| actions.len());
    let on_apply = {
        let (engine, state) = (props.engine.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            if engine.borrow_mut().apply_link_actions() {
                let id = engine.borrow().scenario;
                state.dispatch(UiAction::ScenarioLoaded(id, true));
                state.dispatch(UiAction::Notice("Running the address's actions on your stored data.".into()));
            }
        })
    };
    let frame = &state.frame;
    let seconds = frame.now as f64 / 1000.0;

    html! {
        <div class="controls-bar">
            <div class="controls" role="toolbar" aria-label="Run controls">
                if state.playing {
                    <button type="button" id="btn-pause" title="Pause (space)" onclick={on(Command::Pause)}>
                        { icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z") }{ "Pause" }
                    </button>
                } else {
                    <button type="button" id="btn-play" title="Play (space)" onclick={on(Command::Play)}>
                        { icon("M4 2.5v11l9-5.5z") }{ "Play" }
                    </button>
                }
                <button type="button" id="btn-step" title="Step one event (s or →)" onclick={on(Command::Step)}>
                    { icon("M2.5 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z") }{ "Step" }
                </button>
                <button type="button" id="btn-next-timer" title="Jump to the next timer (n)" onclick={on(Command::NextTimer)}>
                    { icon("M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 0 0 0-13zm0 1.6a4.9 4.9 0 1 1 0 9.8a4.9 4.9 0 0 1 0-9.8zM7.2 4.5v4.2l3.2 2 .8-1.3-2.4-1.5V4.5z") }{ "Next timer" }
                </button>
                <label class="speed">
                    { "Speed " }
                    <select id="speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (_, label))| html! {
                            <option value={i.to_string()} selected={i == state.speed}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <button type="button" id="btn-reset" class="secondary" title="Reset: a fresh runtime (r)" onclick={on(Command::Reset)}>
                    { icon("M8 2.5a5.5 5.5 0 1 0 5.3 7h-1.7A4 4 0 1 1 8 4v2l3-2.75L8 .5z") }{ "Reset" }
                </button>
            </div>
            <label class="scrub" title="Scrub: replay the run (scenario, ticks, steps and requests) under virtual time to another event">
                { "Replay to event " }
                <input id="scrub" type="range" min="0" max={scrub_end.to_string()} value={scrub_at.to_string()}
                       disabled={!replayable} onchange={on_scrub} />
                <span class="mono">{ if scrub_at < scrub_end { format!("{scrub_at} of {scrub_end}") } else { scrub_at.to_string() } }</span>
            </label>
            <div class="clock" aria-live="polite">
                <span id="virtual-time" title="Virtual time">{ format!("t = {seconds:.3} s") }</span>
                <span class={classes!("run-state", if state.playing { "playing" } else { "paused" })}>
                    { if state.playing { "● running" } else { "❚❚ paused" } }
                </span>
                <span class="fps" id="fps" title="Frames per second, events per second">
                    { format!("{:.0} fps · {:.0} ev/s", frame.fps, frame.events_per_sec) }
                </span>
                <span class="shortcuts">{ "space play/pause · s step · n next timer · r reset" }</span>
            </div>
            if let Some(notice) = &state.notice {
                <p class="notice" id="notice">{ notice.clone() }</p>
            }
            if let Some(count) = link_actions {
                <p class="notice" id="link-notice">
                    { format!("This address's {count} action{} ran on scratch in-memory storage: your stored data is untouched. ", plural(count)) }
                    <button type="button" class="small" id="btn-apply-link" onclick={on_apply}>
                        { format!("Apply these {count} action{} to my data", plural(count)) }
                    </button>
                </p>
            }
        </div>
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A 16×16 icon drawn with one path in the text colour (no icon font: it renders everywhere).
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" fill-rule="evenodd" />
        </svg>
    }
}
