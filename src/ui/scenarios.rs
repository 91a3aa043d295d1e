//! The scenarios pane: every system and drill, grouped by chapter, each with what to watch
//! and buttons to run it, load it for stepping, or restart it.

use yew::prelude::*;

use super::engine::{EngineHandle, find_scenario, scenarios_by_chapter};
use super::state::{UiAction, UiState};

/// Runs (or loads paused, for stepping) the scenario `id` on a fresh runtime, and puts it
/// in the page's address so the link replays it.
pub fn start_scenario(engine: &EngineHandle, state: &UseReducerHandle<UiState>, id: &str, paused: bool) {
    let Some(scenario) = find_scenario(id) else { return };
    engine.borrow_mut().load_scenario(&scenario, paused);
    state.dispatch(UiAction::ScenarioLoaded(Some(scenario.id), !paused));
    super::export::set_share_hash(scenario.id, None);
}

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub engine: EngineHandle,
    pub state: UseReducerHandle<UiState>,
}

#[component]
pub fn Scenarios(props: &ScenariosProps) -> Html {
    // The list never changes: build it once.
    let groups = use_memo((), |_| scenarios_by_chapter());
    let current = props.state.scenario;
    let button = |id: &'static str, paused: bool, label: &'static str, title: &'static str, scenario: &'static str| {
        let (engine, state) = (props.engine.clone(), props.state.clone());
        let onclick = Callback::from(move |_: MouseEvent| start_scenario(&engine, &state, id, paused));
        let class = if paused { "small secondary" } else { "small" };
        // 33 buttons say "Run": each one's name says which scenario.
        let name = format!("{label}: {scenario}");
        html! { <button type="button" {class} {title} aria-label={name} data-scenario={id} {onclick}>{ label }</button> }
    };

    html! {
        <div class="scenarios">
            { for groups.iter().map(|(chapter, list)| html! {
                <section class="chapter">
                    <h3>{ format!("Chapter {chapter}") }</h3>
                    <ul>
                        { for list.iter().map(|s| {
                            let active = current == Some(s.id);
                            html! {
                                <li class={classes!("scenario", active.then_some("active"))} id={format!("scenario-{}", s.id.replace('.', "-"))}>
                                    <div class="scenario-title">{ s.title }</div>
                                    <p class="watch">{ s.watch }</p>
                                    <div class="scenario-buttons">
                                        { button(s.id, false, if active { "Restart" } else { "Run" }, "Run on a fresh runtime", s.title) }
                                        { button(s.id, true, "Load & step", "Load paused on a fresh runtime; then step with s or →", s.title) }
                                    </div>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </div>
    }
}
