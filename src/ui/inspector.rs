//! The inspector: everything about the selected process, in Elixir syntax: state,
//! mailbox, links, monitors, pending timers with countdowns, a pending call's timeout.

use yew::prelude::*;

use super::engine::EngineHandle;
use super::processes::status_text;
use super::state::{UiAction, UiState};
use crate::runtime::Pid;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub engine: EngineHandle,
    pub dispatch: UseReducerDispatcher<UiState>,
    pub selected: Option<Pid>,
    /// Virtual time and trace version: countdowns and contents change with them.
    pub now: u64,
    pub version: u64,
}

fn countdown(ms: u64) -> String {
    if ms >= 10_000 { format!("{:.0} s", ms as f64 / 1000.0) } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let Some(pid) = props.selected else {
        return html! { <p class="placeholder">{ "Select a process (in the list, a lane header or an arrow) to inspect it." }</p> };
    };
    let rt = props.engine.rt();
    let Some(detail) = rt.process_detail(pid) else {
        return html! {
            <div class="inspector">
                <h3 class="mono">{ pid.to_string() }</h3>
                <p class="placeholder" id="inspector-dead">{ "This process has exited." }</p>
            </div>
        };
    };
    let names = rt.registered();
    let name_of = |p: Pid| names.iter().find(|(_, q)| *q == p).map(|(n, _)| n.clone());
    let pid_link = |p: Pid| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(UiAction::SelectProcess(Some(p))));
        let label = match name_of(p) {
            Some(n) => format!("{p} {n}"),
            None => p.to_string(),
        };
        html! { <button type="button" class="pid-link" {onclick}>{ label }</button> }
    };
    let pid_list = |pids: Vec<Pid>| -> Html {
        if pids.is_empty() {
            html! { <span class="muted">{ "none" }</span> }
        } else {
            html! { <>{ for pids.into_iter().map(pid_link) }</> }
        }
    };
    let on_kill = {
        let engine = props.engine.clone();
        Callback::from(move |_: MouseEvent| {
            super::requests::submit_on(&engine, super::requests::Request::Kill { target: pid.to_string() });
        })
    };
    let info = &detail.info;
    let state_text = match &detail.state {
        Some(state) => state.render_pretty(56),
        None => "(busy in a callback, or a plain process)".to_string(),
    };

    html! {
        <div class="inspector" id="inspector-body">
            <div class="inspector-head">
                <h3 class="mono">{ pid.to_string() }{ info.name.as_ref().map(|n| format!(" {n}")).unwrap_or_default() }</h3>
                <button type="button" class="small danger" id="btn-kill" onclick={on_kill} title="Process.exit(pid, :kill)">{ "Kill" }</button>
            </div>
            <dl class="facts">
                <dt>{ "module" }</dt><dd class="mono">{ info.module.clone() }</dd>
                <dt>{ "status" }</dt><dd class={classes!("status", status_text(info.status))}>{ status_text(info.status) }</dd>
                <dt>{ "handled" }</dt><dd>{ info.handled }</dd>
                <dt>{ "trap_exit" }</dt><dd class="mono">{ detail.trap_exit.to_string() }</dd>
                <dt>{ "parent" }</dt><dd>{ match detail.parent { Some(p) => pid_link(p), None => html! { <span class="muted">{ "none" }</span> } } }</dd>
                <dt>{ "links" }</dt><dd>{ pid_list(detail.links.clone()) }</dd>
                <dt>{ "monitors" }</dt><dd>{ pid_list(detail.monitors.iter().map(|(_, p)| *p).collect()) }</dd>
                <dt>{ "monitored by" }</dt><dd>{ pid_list(detail.monitored_by.iter().map(|(_, p)| *p).collect()) }</dd>
                if !detail.callers.is_empty() {
                    <dt>{ "callers" }</dt><dd>{ pid_list(detail.callers.clone()) }</dd>
                }
                if let Some(wait) = &detail.waiting {
                    <dt>{ "waiting on" }</dt>
                    <dd class="waiting">
                        { wait.target.map(pid_link).unwrap_or_else(|| html! { "a timer" }) }
                        { match wait.remaining_ms {
                            Some(ms) => format!(" · timeout in {}", countdown(ms)),
                            None => " · timeout :infinity".to_string(),
                        } }
                    </dd>
                }
            </dl>
            <h4>{ "State" }</h4>
            <pre class="term" id="inspector-state">{ state_text }</pre>
            <h4>{ format!("Mailbox ({})", detail.mailbox.len()) }</h4>
            if detail.mailbox.is_empty() {
                <p class="muted">{ "empty" }</p>
            } else {
                <ol class="mailbox">
                    { for detail.mailbox.iter().take(50).map(|m| html! { <li class="mono">{ m.render_truncated(160) }</li> }) }
                </ol>
            }
            <h4>{ format!("Timers ({})", detail.timers.len()) }</h4>
            if detail.timers.is_empty() {
                <p class="muted">{ "none" }</p>
            } else {
                <ul class="timers">
                    { for detail.timers.iter().map(|t| html! {
                        <li>
                            <span class="countdown">{ countdown(t.remaining_ms) }</span>
                            <span class="mono">{ t.message.as_ref().map(|m| m.render_truncated(100)).unwrap_or_else(|| "(a call's or sleep's timeout)".into()) }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
