//! The process list, like Observer's: pid, registered name, module, status, mailbox length
//! and messages handled; click a header to sort, a row to inspect.

use yew::prelude::*;

use super::engine::EngineHandle;
use super::state::{UiAction, UiState};
use crate::runtime::{Pid, ProcessInfo, Status};

/// Rows drawn at most (the load test starts a thousand sessions).
const MAX_ROWS: usize = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Pid,
    Name,
    Status,
    Mailbox,
    Handled,
}

pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Runnable => "runnable",
        Status::Running => "running",
        Status::Waiting => "waiting",
        Status::Suspended => "suspended",
        Status::Exited => "exited",
    }
}

fn sort(rows: &mut [ProcessInfo], key: SortKey, descending: bool) {
    rows.sort_by(|a, b| {
        let order = match key {
            SortKey::Pid => a.pid.cmp(&b.pid),
            SortKey::Name => a.name.is_none().cmp(&b.name.is_none()).then(a.name.cmp(&b.name)).then(a.module.cmp(&b.module)),
            SortKey::Status => status_text(a.status).cmp(status_text(b.status)),
            SortKey::Mailbox => a.mailbox_len.cmp(&b.mailbox_len),
            SortKey::Handled => a.handled.cmp(&b.handled),
        };
        let order = order.then(a.pid.cmp(&b.pid));
        if descending { order.reverse() } else { order }
    });
}

#[derive(Properties, PartialEq)]
pub struct ProcessesProps {
    pub engine: EngineHandle,
    pub dispatch: UseReducerDispatcher<UiState>,
    pub selected: Option<Pid>,
    /// Redraw when the trace moved.
    pub version: u64,
    pub generation: u64,
}

#[component]
pub fn Processes(props: &ProcessesProps) -> Html {
    let sort_by = use_state(|| (SortKey::Pid, false));
    let mut rows = props.engine.rt().processes();
    let count = rows.len();
    sort(&mut rows, sort_by.0, sort_by.1);
    rows.truncate(MAX_ROWS);

    let header = |key: SortKey, label: &'static str, numeric: bool| {
        let sort_by = sort_by.clone();
        let (current, descending) = *sort_by;
        let onclick = Callback::from(move |_: MouseEvent| {
            let (current, descending) = *sort_by;
            // Numbers sort biggest first on the first click: the busy processes on top.
            sort_by.set(if current == key { (key, !descending) } else { (key, numeric) });
        });
        let arrow = if current == key { if descending { " ▼" } else { " ▲" } } else { "" };
        let aria = if current == key { if descending { "descending" } else { "ascending" } } else { "none" };
        html! {
            <th class={classes!(numeric.then_some("num"))} aria-sort={aria}>
                <button type="button" class="th-sort" {onclick}>{ label }{ arrow }</button>
            </th>
        }
    };

    html! {
        <div class="processes">
            if count == 0 {
                <p class="placeholder">{ "No processes running. Run a scenario or use a form below." }</p>
            } else {
                <table class="process-table" id="process-table">
                    <thead>
                        <tr>
                            { header(SortKey::Pid, "PID", false) }
                            { header(SortKey::Name, "Name", false) }
                            <th>{ "Module" }</th>
                            { header(SortKey::Status, "Status", false) }
                            { header(SortKey::Mailbox, "MQ", true) }
                            { header(SortKey::Handled, "Handled", true) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|p| {
                            let pid = p.pid;
                            let dispatch = props.dispatch.clone();
                            let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(UiAction::SelectProcess(Some(pid))));
                            let selected = props.selected == Some(pid);
                            html! {
                                <tr key={pid.number()} class={classes!(selected.then_some("selected"), (p.mailbox_len > 10).then_some("busy"))}
                                    data-pid={pid.number().to_string()} {onclick}>
                                    <td class="mono">{ pid.to_string() }</td>
                                    // Only a registered name here: what Kill and Send accept by name.
                                    <td class="mono" title={p.name.clone()}>
                                        if let Some(name) = &p.name {
                                            <span class="reg-name">{ name.clone() }</span>
                                        }
                                    </td>
                                    <td class="mono muted" title={p.module.clone()}>{ p.module.clone() }</td>
                                    <td class={classes!("status", status_text(p.status))}>{ status_text(p.status) }</td>
                                    <td class="num">{ p.mailbox_len }</td>
                                    <td class="num">{ p.handled }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if count > MAX_ROWS {
                    <p class="placeholder">{ format!("{} more not shown; sort to see others.", count - MAX_ROWS) }</p>
                }
            }
        </div>
    }
}
