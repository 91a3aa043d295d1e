//! Sharing: the diagram as Mermaid (the `sequenceDiagram` form Kino.Process emits) and as
//! standalone SVG, and a share link (`#scenario=<id>`) that replays the same run.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::diagram::timeline_svg;
use super::engine::EngineHandle;
use super::timeline::{RowKind, Timeline};
pub use crate::link::SharedRun;
use crate::runtime::MsgKind;

/// Rows exported at most.
const EXPORT_ROWS: usize = 2_000;

/// Mermaid text with `#`, `;`, `<` and `>` written as its entity codes.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The last `max_rows` rows as a Mermaid sequence diagram: a participant per lane, an arrow
/// per message (`->>` calls and sends, `-->>` replies, `-)` casts), notes for exits and logs.
pub fn mermaid(tl: &Timeline, max_rows: usize) -> String {
    let skip = tl.rows.len().saturating_sub(max_rows);
    let rows: Vec<_> = tl.rows.iter().skip(skip).collect();
    let mut used = vec![false; tl.lanes.len()];
    for row in &rows {
        used[row.from] = true;
        used[row.to] = true;
    }
    let mut out = String::from("sequenceDiagram\n");
    for (i, lane) in tl.lanes.iter().enumerate().filter(|(i, _)| used[*i]) {
        let title = match lane.pid {
            Some(pid) => match &lane.name {
                Some(name) => format!("{name} {pid}"),
                None => pid.to_string(),
            },
            // The page's name for the forms' lane: `self()` would be a process of its own.
            None => lane.title(),
        };
        out += &format!("participant {i} as {}\n", mermaid_escape(&title));
    }
    for row in rows {
        let text = mermaid_escape(&row.text(200));
        let (from, to) = (row.from, row.to);
        match row.kind {
            RowKind::Exited | RowKind::Log | RowKind::TimerSet | RowKind::Register => {
                out += &format!("Note over {to}: {text}\n");
            }
            kind => {
                let arrow = match kind {
                    RowKind::Message(MsgKind::Reply) => "-->>",
                    RowKind::Message(MsgKind::Cast) => "-)",
                    RowKind::Spawn | RowKind::Link | RowKind::Monitor => "-->",
                    _ => "->>",
                };
                let prefix = kind.label().to_uppercase();
                out += &format!("{from}{arrow}{to}: {prefix}: {text}\n");
            }
        }
    }
    out
}

/// Writes `#scenario=<id>` (with `&at=<event>` for a replayed point) into the address bar,
/// without reloading: the link replays the same run.
pub fn set_share_hash(scenario: &str, at: Option<u64>) {
    write_hash(Some(scenario), at, "");
}

/// The address for the engine's run so far: its scenario and the requests made since (as
/// many as fit in a link). Returns a note when the newest request is the first one left out.
pub fn update_share_hash(engine: &super::engine::Engine) -> Option<String> {
    let (actions, kept) = super::requests::encode_actions(&engine.actions);
    write_hash(engine.scenario, None, &actions);
    (kept < engine.actions.len() && kept + 1 == engine.actions.len()).then(|| {
        format!(
            "the address keeps the first {kept} requests only: a link holds at most {} characters of requests",
            crate::link::MAX_ACTIONS_CHARS
        )
    })
}

fn write_hash(scenario: Option<&str>, at: Option<u64>, actions: &str) {
    write_hash_with_run(scenario, at, actions, None);
}

fn write_hash_with_run(scenario: Option<&str>, at: Option<u64>, actions: &str, run: Option<&str>) {
    let mut parts = Vec::new();
    if let Some(id) = scenario {
        parts.push(format!("scenario={id}"));
    }
    if let Some(event) = at {
        parts.push(format!("at={event}"));
    }
    if !actions.is_empty() {
        parts.push(format!("actions={actions}"));
    }
    if let Some(run) = run {
        parts.push(format!("run={run}"));
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&parts.join("&"));
    }
}

/// The exact run as a link (see `Engine::shareable_run`), written into the address bar;
/// returns the address. `Err` if this run cannot be replayed.
pub fn write_run_link(engine: &super::engine::Engine) -> Result<String, String> {
    let (journal, requests, at) = engine.shareable_run()?;
    let (actions, kept) = super::requests::encode_actions(requests);
    if kept < requests.len() {
        return Err(format!(
            "this run's requests do not fit in a link (at most {} characters of requests): share a shorter run",
            crate::link::MAX_ACTIONS_CHARS
        ));
    }
    write_hash_with_run(engine.scenario, at, &actions, Some(&journal.encode()));
    Ok(web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default())
}

/// The run in the address's `#scenario=<id>&at=<event>&actions=<requests>&run=<journal>`
/// (see [`SharedRun::parse`]); `Err` says why the link cannot be opened.
pub fn shared_run() -> Result<SharedRun, String> {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    SharedRun::parse(&hash)
}

/// Puts `text` on the clipboard; `false` if the browser refuses (no permission, not a
/// secure context, no Clipboard API).
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else { return false };
    match write.call1(&clipboard, &text.into()).map(|p| p.dyn_into::<js_sys::Promise>()) {
        Ok(Ok(promise)) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        _ => false,
    }
}

/// Offers `text` as a file download named `filename`.
fn download(filename: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let href = format!("data:{mime};charset=utf-8,{}", js_sys::encode_uri_component(text));
    let _ = anchor.set_attribute("href", &href);
    let _ = anchor.set_attribute("download", filename);
    if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlElement>() {
        anchor.click();
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub engine: EngineHandle,
}

#[component]
pub fn Export(props: &ExportProps) -> Html {
    let mermaid_text = use_state(|| None::<String>);
    let on_mermaid = {
        let (engine, mermaid_text) = (props.engine.clone(), mermaid_text.clone());
        Callback::from(move |_: MouseEvent| {
            if mermaid_text.is_some() {
                mermaid_text.set(None);
            } else {
                mermaid_text.set(Some(mermaid(&engine.borrow().timeline, EXPORT_ROWS)));
            }
        })
    };
    let on_mermaid_download = {
        let mermaid_text = mermaid_text.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = &*mermaid_text {
                download("sequence.mmd", "text/plain", text);
            }
        })
    };
    let on_svg = {
        let engine = props.engine.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = timeline_svg(&engine.borrow().timeline, EXPORT_ROWS);
            download("sequence.svg", "image/svg+xml", &svg);
        })
    };
    let run_link = use_state(|| None::<Result<String, String>>);
    let copied = use_state(|| None::<bool>);
    let link_input = use_node_ref();
    let on_link = {
        let (engine, run_link, copied) = (props.engine.clone(), run_link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if run_link.is_some() {
                run_link.set(None);
                return;
            }
            let link = write_run_link(&engine.borrow());
            copied.set(None);
            if let Ok(url) = &link {
                let (copied, url) = (copied.clone(), url.clone());
                wasm_bindgen_futures::spawn_local(async move { copied.set(Some(copy_to_clipboard(&url).await)) });
            }
            run_link.set(Some(link));
        })
    };
    {
        // Not copied: the link is shown selected, ready for Ctrl-C.
        let link_input = link_input.clone();
        use_effect_with(*copied, move |copied| {
            if *copied == Some(false)
                && let Some(input) = link_input.cast::<web_sys::HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }
    html! {
        <div class="export">
            <button type="button" class="small secondary" id="btn-link" onclick={on_link}
                    title="A link to this exact run (scenario, requests and timing): whoever opens it gets the same events">
                { "Link" }
            </button>
            <button type="button" class="small secondary" id="btn-mermaid" onclick={on_mermaid}>{ "Mermaid" }</button>
            <button type="button" class="small secondary" id="btn-svg" onclick={on_svg}>{ "SVG" }</button>
            { match &*run_link {
                Some(Ok(url)) => html! {
                    <div class="mermaid-box">
                        <input id="run-link" ref={link_input.clone()} type="text" readonly=true value={url.clone()} aria-label="Link to this run" />
                        <p class="muted" id="run-link-status" role="status">{ match *copied {
                            Some(true) => "Copied to the clipboard.",
                            Some(false) => "The browser did not let the page copy it: the link is selected, press Ctrl-C (⌘C).",
                            None => "",
                        } }</p>
                    </div>
                },
                Some(Err(why)) => html! { <div class="mermaid-box"><p class="form-error" id="run-link-error">{ why.clone() }</p></div> },
                None => html! {},
            } }
            if let Some(text) = &*mermaid_text {
                <div class="mermaid-box">
                    <textarea id="mermaid-text" readonly=true rows="8" value={text.clone()} />
                    <button type="button" class="small secondary" onclick={on_mermaid_download}>{ "Download .mmd" }</button>
                </div>
            }
        </div>
    }
}
