//! The app's UI state and its reducer.

use std::rc::Rc;

use yew::prelude::*;

/// Whether the scheduler is running on its own or waiting for the learner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RunMode {
    #[default]
    Paused,
    Playing,
}

impl RunMode {
    pub fn label(self) -> &'static str {
        match self {
            RunMode::Paused => "paused",
            RunMode::Playing => "playing",
        }
    }
}

/// What the UI can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiAction {
    Play,
    Pause,
    Step,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UiState {
    pub mode: RunMode,
    /// Scheduler steps taken so far.
    pub steps: u64,
    /// Whether a scenario is loaded; the controls stay disabled until one is.
    pub scenario_loaded: bool,
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Play => next.mode = RunMode::Playing,
            UiAction::Pause => next.mode = RunMode::Paused,
            UiAction::Step => {
                next.mode = RunMode::Paused;
                next.steps += 1;
            }
        }
        Rc::new(next)
    }
}
