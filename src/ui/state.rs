//! The app's UI state and its reducer (Yew's `use_reducer`, as in `function_todomvc`).
//!
//! The runtime and the diagram's rows live in the [`Engine`](super::engine::Engine); this
//! state holds what the learner chose (selection, speed, play/pause) and the numbers of the
//! last animation frame, which tell components when to redraw.

use std::rc::Rc;

use yew::prelude::*;

use super::engine::FrameUpdate;
use crate::runtime::Pid;

/// Speeds offered: virtual ms per real ms; the last runs as fast as possible.
pub const SPEEDS: [(f64, &str); 8] = [
    (0.01, "0.01× (slow motion)"),
    (0.1, "0.1×"),
    (0.25, "0.25×"),
    (1.0, "1× (real time)"),
    (10.0, "10×"),
    (100.0, "100×"),
    (1000.0, "1000×"),
    (f64::INFINITY, "as fast as possible"),
];
pub const DEFAULT_SPEED: usize = 3;

#[derive(Clone, Debug, PartialEq)]
pub enum UiAction {
    Frame(FrameUpdate),
    SetPlaying(bool),
    SetSpeed(usize),
    SelectProcess(Option<Pid>),
    /// A diagram row (by trace sequence number) and the process it went to.
    SelectEvent(u64, Option<Pid>),
    ScenarioLoaded(Option<&'static str>, bool),
    /// The runtime was replaced: every pid and row is gone.
    Reset,
    Notice(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct UiState {
    pub playing: bool,
    pub speed: usize,
    pub selected: Option<Pid>,
    pub selected_event: Option<u64>,
    pub scenario: Option<&'static str>,
    pub frame: FrameUpdate,
    /// Counts resets, so components keyed on it start afresh.
    pub generation: u64,
    /// A one-line hint from the last control (e.g. "nothing to step").
    pub notice: Option<String>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            playing: true,
            speed: DEFAULT_SPEED,
            selected: None,
            selected_event: None,
            scenario: None,
            frame: FrameUpdate { now: 0, version: 0, output_version: 0, fps: 0.0, events_per_sec: 0.0 },
            generation: 0,
            notice: None,
        }
    }
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Frame(frame) => next.frame = frame,
            UiAction::SetPlaying(playing) => {
                next.playing = playing;
                next.notice = None;
            }
            UiAction::SetSpeed(speed) => next.speed = speed.min(SPEEDS.len() - 1),
            UiAction::SelectProcess(pid) => next.selected = pid,
            UiAction::SelectEvent(seq, pid) => {
                next.selected_event = Some(seq);
                if pid.is_some() {
                    next.selected = pid;
                }
            }
            UiAction::ScenarioLoaded(id, playing) => {
                next.scenario = id;
                next.playing = playing;
                next.selected = None;
                next.selected_event = None;
                next.generation += 1;
                next.notice = None;
            }
            UiAction::Reset => {
                next.scenario = None;
                next.selected = None;
                next.selected_event = None;
                next.generation += 1;
                next.notice = None;
            }
            UiAction::Notice(text) => next.notice = Some(text),
        }
        Rc::new(next)
    }
}
