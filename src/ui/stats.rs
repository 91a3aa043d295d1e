//! Stats & storage: the runtime's counters, the session store's statistics (the state of
//! `SessionStore.Stats`), and the storage inspector (keys, sizes, decoded values).

use yew::prelude::*;

use super::engine::{EngineHandle, open_storage, remember_storage};
use crate::storage::{BackendKind, Inspection, inspect};
use crate::systems::session;

#[derive(Properties, PartialEq)]
pub struct StatsProps {
    pub engine: EngineHandle,
    pub now: u64,
    pub version: u64,
    pub output_version: u64,
    pub generation: u64,
    pub state: UseReducerHandle<super::state::UiState>,
}

#[component]
pub fn Stats(props: &StatsProps) -> Html {
    let inspection = use_state(|| None::<Result<Inspection, String>>);
    let refresh = use_state(|| 0u32);
    {
        let inspection = inspection.clone();
        let backend = props.engine.borrow().backend.clone();
        let deps = (props.output_version, props.generation, *refresh, props.now / 2000);
        use_effect_with(deps, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                inspection.set(Some(inspect(&backend).await.map_err(|e| e.to_string())));
            });
        });
    }
    let on_refresh = {
        let refresh = refresh.clone();
        Callback::from(move |_: MouseEvent| refresh.set(*refresh + 1))
    };
    let on_backend = {
        let engine = props.engine.clone();
        Callback::from(move |e: Event| {
            let kind = match super::forms::target_value(&e).as_str() {
                "indexeddb" => BackendKind::IndexedDb,
                "localstorage" => BackendKind::LocalStorage,
                _ => BackendKind::Memory,
            };
            remember_storage(kind);
            open_storage(&engine, kind);
        })
    };
    let engine = props.engine.borrow();
    let rt = &engine.rt;
    let kind = engine.backend.kind();
    let writes = engine.backend.stats();
    let session_stats = rt.whereis(session::Stats::NAME).and_then(|pid| rt.process_detail(pid)).and_then(|d| d.state);

    html! {
        <div class="stats-pane">
            <dl class="stats" id="runtime-stats">
                <dt>{ "virtual time" }</dt><dd>{ format!("{} ms", props.now) }</dd>
                <dt>{ "processes" }</dt><dd id="stat-processes">{ rt.process_count() }</dd>
                <dt>{ "pending timers" }</dt><dd>{ rt.pending_timers() }</dd>
                <dt>{ "monitors" }</dt><dd>{ rt.monitor_count() }</dd>
                <dt>{ "events traced" }</dt><dd id="stat-events">{ engine.timeline.events_seen }</dd>
                <dt>{ "frame rate" }</dt><dd>{ format!("{:.0} fps", engine.fps) }</dd>
            </dl>
            <h4>{ "Load" }</h4>
            <super::load::LoadPanel engine={props.engine.clone()} state={props.state.clone()} now={props.now} output_version={props.output_version} />
            <h4>{ "Session store stats" }</h4>
            { match session_stats {
                Some(state) => html! { <pre class="term" id="session-stats">{ state.render_pretty(48) }</pre> },
                None => html! { <p class="muted">{ "SessionStore.Stats is not running (create a session, or run a session scenario)." }</p> },
            } }
            <h4>
                { "Storage" }
                <select id="storage-backend" onchange={on_backend} title="Where the forms' systems keep their data (running systems keep theirs)">
                    <option value="indexeddb" selected={kind == BackendKind::IndexedDb}>{ "IndexedDB" }</option>
                    <option value="localstorage" selected={kind == BackendKind::LocalStorage}>{ "localStorage" }</option>
                    <option value="memory" selected={kind == BackendKind::Memory}>{ "memory" }</option>
                </select>
                <button type="button" class="small secondary" onclick={on_refresh}>{ "Refresh" }</button>
            </h4>
            if let Some(notice) = &engine.storage_notice {
                <p class="notice">{ notice.clone() }</p>
            }
            // Until a write succeeds again: the workers keep the data and retry with the next change.
            if let Some(error) = engine.backend.failing() {
                <p class="form-error" id="storage-failing">{ format!("The last write failed: {error}.") }</p>
            }
            <p class="muted" id="storage-writes">
                { format!("{} write transactions, {} records written, {} failed", writes.transactions, writes.records, writes.failed) }
            </p>
            { match &*inspection {
                None => html! { <p class="muted">{ "Reading…" }</p> },
                Some(Err(why)) => html! { <p class="form-error">{ why.clone() }</p> },
                Some(Ok(found)) => html! {
                    <table class="storage-table" id="storage-table">
                        <thead><tr><th>{ "store / key" }</th><th class="num">{ "bytes" }</th><th>{ "value" }</th></tr></thead>
                        <tbody>
                            { for found.stores.iter().flat_map(|store| store.records.iter().take(100).map(move |r| html! {
                                <tr>
                                    <td class="mono">{ format!("{}/{}", store.store, r.key) }</td>
                                    <td class="num">{ r.bytes }</td>
                                    <td class="mono">{ match &r.value {
                                        Ok(term) => term.render_truncated(120),
                                        Err(why) => format!("** does not decode: {why}"),
                                    } }</td>
                                </tr>
                            })) }
                            if found.stores.iter().all(|s| s.records.is_empty()) {
                                <tr><td colspan="3" class="muted">{ "Nothing stored yet." }</td></tr>
                            }
                            if !found.quarantine.is_empty() {
                                <tr><td colspan="3" class="form-error">{ format!("{} quarantined record(s)", found.quarantine.len()) }</td></tr>
                            }
                        </tbody>
                    </table>
                },
            } }
        </div>
    }
}
