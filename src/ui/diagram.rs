//! The live sequence diagram: a lane per process, an arrow per message coloured by kind.
//!
//! Only the rows in view are drawn: the scroll area is as tall as all rows, and one small
//! SVG is placed at the scroll position holding the visible ones. While "follow" is on the
//! view sticks to the newest row; scrolling up turns it off.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::engine::EngineHandle;
use super::state::{UiAction, UiState};
use super::timeline::{Row, RowKind, Timeline};

pub const ROW_H: f64 = 22.0;
/// Lane width for the export; on screen lanes share the pane's width, within these bounds.
pub const LANE_W: f64 = 118.0;
const LANE_MIN: f64 = 88.0;
const LANE_MAX: f64 = 170.0;
pub const LEFT: f64 = 4.0;
const HEADER_H: f64 = 40.0;
/// Approximate width of a character of the 11 px monospace label font.
const CHAR_W: f64 = 6.7;

pub fn lane_x(lane: usize) -> f64 {
    lane_x_at(lane, LANE_W)
}

fn lane_x_at(lane: usize, lane_w: f64) -> f64 {
    LEFT + lane_w * (lane as f64 + 0.5)
}

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub engine: EngineHandle,
    pub dispatch: UseReducerDispatcher<UiState>,
    /// The timeline's version: a new one means new rows.
    pub version: u64,
    pub generation: u64,
    pub selected_event: Option<u64>,
    pub selected_pid: Option<crate::runtime::Pid>,
}

#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let scroll_ref = use_node_ref();
    let scroll_top = use_state_eq(|| 0.0f64);
    let viewport_h = use_state_eq(|| 400.0f64);
    let viewport_w = use_state_eq(|| 600.0f64);
    let follow = use_state_eq(|| true);
    let hovered = use_state_eq(|| None::<u64>);

    // Stick to the newest row while following.
    {
        let scroll_ref = scroll_ref.clone();
        let (viewport_h, viewport_w) = (viewport_h.clone(), viewport_w.clone());
        let following = *follow;
        let engine = props.engine.clone();
        use_effect_with((props.version, following, props.generation), move |_| {
            if let Some(el) = scroll_ref.cast::<HtmlElement>() {
                viewport_h.set(el.client_height() as f64);
                viewport_w.set(el.client_width() as f64);
                if following {
                    el.set_scroll_top(el.scroll_height());
                    // Sideways too: the newest arrow's lanes in view.
                    let tl = &engine.borrow().timeline;
                    if let Some(row) = tl.rows.back() {
                        let client = el.client_width() as f64;
                        let lane_w = ((client - LEFT * 2.0) / tl.lanes.len().max(1) as f64).clamp(LANE_MIN, LANE_MAX);
                        let (a, b) = (lane_x_at(row.from.min(row.to), lane_w), lane_x_at(row.from.max(row.to), lane_w));
                        let left = el.scroll_left() as f64;
                        if a < left || b > left + client {
                            el.set_scroll_left((((a + b) / 2.0) - client / 2.0).max(0.0) as i32);
                        }
                    }
                }
            }
        });
    }

    let onscroll = {
        let (scroll_top, viewport_h, follow) = (scroll_top.clone(), viewport_h.clone(), follow.clone());
        Callback::from(move |e: Event| {
            let el: HtmlElement = e.target_unchecked_into();
            let top = el.scroll_top() as f64;
            let client = el.client_height() as f64;
            scroll_top.set(top);
            viewport_h.set(client);
            follow.set(top + client >= el.scroll_height() as f64 - ROW_H);
        })
    };
    let on_follow = {
        let follow = follow.clone();
        Callback::from(move |_: MouseEvent| follow.set(true))
    };

    let engine = props.engine.borrow();
    let tl = &engine.timeline;
    let total = tl.rows.len();
    let per_view = (((*viewport_h - HEADER_H) / ROW_H).ceil() as usize).max(1) + 1;
    let first = if *follow { total.saturating_sub(per_view) } else { ((*scroll_top / ROW_H).floor() as usize).min(total) };
    let last = (first + per_view).min(total);
    let lane_w = ((*viewport_w - LEFT * 2.0) / tl.lanes.len().max(1) as f64).clamp(LANE_MIN, LANE_MAX);
    let width = LEFT * 2.0 + lane_w * tl.lanes.len() as f64;
    let body_h = total as f64 * ROW_H + ROW_H;
    let svg_h = (last - first) as f64 * ROW_H;

    let headers = tl.lanes.iter().enumerate().map(|(i, lane)| {
        let pid = lane.pid;
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(UiAction::SelectProcess(pid)));
        let selected = pid.is_some() && pid == props.selected_pid;
        let style = format!("left:{}px;width:{}px", lane_x_at(i, lane_w) - lane_w / 2.0 + 2.0, lane_w - 4.0);
        html! {
            <div class={classes!("lane-header", lane.exited.then_some("exited"), selected.then_some("selected"))}
                 {style} {onclick} title={tl.lane_title(i)}>
                <div class="lane-name">{ lane.title() }</div>
                <div class="lane-pid">{ lane.pid_text() }</div>
            </div>
        }
    });

    let lifelines: String = (0..tl.lanes.len()).map(|i| format!("M{} 0V{} ", lane_x_at(i, lane_w), svg_h)).collect();
    let rows = (first..last).map(|i| {
        let row = &tl.rows[i];
        let y = (i - first) as f64 * ROW_H;
        draw_row(row, y, width, lane_w, props, &hovered)
    });

    let shown = hovered.or(props.selected_event).and_then(|seq| tl.row_by_seq(seq));

    html! {
        <div class="diagram">
            <div class="diagram-toolbar">
                <Legend />
                <span class="diagram-count" id="diagram-count">
                    { format!("{} rows · {} lanes", total, tl.lanes.len()) }
                </span>
                if *follow {
                    <span class="following">{ "following newest" }</span>
                } else {
                    <button type="button" class="small" id="btn-follow" onclick={on_follow}>{ "Follow newest ↓" }</button>
                }
            </div>
            <div class="diagram-scroll" ref={scroll_ref} {onscroll} tabindex="0" aria-label="Sequence diagram">
                <div class="lane-headers" style={format!("width:{width}px")}>
                    { for headers }
                </div>
                <div class="diagram-body" style={format!("width:{width}px;height:{body_h}px")}>
                    if total == 0 {
                        <p class="placeholder diagram-empty">{ "Run a scenario: its messages appear here, a lane per process." }</p>
                    }
                    <svg class="diagram-svg" width={width.to_string()} height={svg_h.to_string()}
                         style={format!("top:{}px", first as f64 * ROW_H)} xmlns="http://www.w3.org/2000/svg">
                        <path class="lifeline" d={lifelines} />
                        { for rows }
                    </svg>
                </div>
            </div>
            <DetailBar row={shown.cloned()} lanes_title={shown.map(|r| (tl.lane_title(r.from), tl.lane_title(r.to)))} />
        </div>
    }
}

fn draw_row(row: &Row, y: f64, width: f64, lane_w: f64, props: &DiagramProps, hovered: &UseStateHandle<Option<u64>>) -> Html {
    let seq = row.seq;
    let mid = y + ROW_H / 2.0 + 3.0;
    let class = row.kind.class();
    let (x1, x2) = (lane_x_at(row.from, lane_w), lane_x_at(row.to, lane_w));
    let onclick = {
        let dispatch = props.dispatch.clone();
        let to = props.engine.borrow().timeline.lanes.get(row.to).and_then(|l| l.pid);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(UiAction::SelectEvent(seq, to)))
    };
    let onmouseenter = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(Some(seq)))
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let selected = props.selected_event == Some(seq);
    let shape = if row.kind.is_note() {
        let (x, anchor, chars) = beside(x1, 7.0, lane_w * 1.6, width);
        let text = row.text(chars);
        html! {
            <>
                <circle class="note-dot" cx={x1.to_string()} cy={(mid - 3.0).to_string()} r="3" />
                <text class="note" x={x.to_string()} y={mid.to_string()} text-anchor={anchor}>{ text }</text>
            </>
        }
    } else if row.from == row.to {
        let d = format!("M{x1} {} h16 v8 h-12", mid - 9.0);
        let head = format!("M{} {} l6 -3.5 v7 z", x1 + 1.0, mid - 1.0);
        let (x, anchor, chars) = beside(x1, 20.0, lane_w * 1.4, width);
        let text = row.text(chars);
        html! {
            <>
                <path class="arrow self" d={d} fill="none" />
                <path class="head" d={head} />
                <text class="label" x={x.to_string()} y={mid.to_string()} text-anchor={anchor}>{ text }</text>
            </>
        }
    } else {
        let dir = if x2 > x1 { 1.0 } else { -1.0 };
        let line_y = mid + 2.0;
        let head = format!("M{x2} {line_y} l{} -3.5 v7 z", -7.0 * dir);
        let max_chars = (((x2 - x1).abs() - 8.0) / CHAR_W).max(6.0) as usize;
        let text = row.text(max_chars);
        html! {
            <>
                <line class="arrow" x1={x1.to_string()} y1={line_y.to_string()} x2={(x2 - 6.0 * dir).to_string()} y2={line_y.to_string()} />
                <path class="head" d={head} />
                <text class="label" x={((x1 + x2) / 2.0).to_string()} y={(line_y - 4.0).to_string()} text-anchor="middle">{ text }</text>
            </>
        }
    };
    let onkeydown = {
        let onclick = onclick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                onclick.emit(MouseEvent::new("click").expect("a click event"));
            }
        })
    };
    let onfocus = {
        let hovered = hovered.clone();
        Callback::from(move |_: FocusEvent| hovered.set(Some(seq)))
    };
    html! {
        <g class={classes!("row", format!("k-{class}"), selected.then_some("selected"))} data-seq={seq.to_string()}
           data-kind={class} {onclick} {onmouseenter} {onmouseleave} {onkeydown} {onfocus} onblur={unhover_on_blur(hovered)}
           tabindex="0" role="button" aria-pressed={selected.to_string()}>
            <rect class="hit" x="0" y={y.to_string()} width={width.to_string()} height={ROW_H.to_string()} />
            { shape }
        </g>
    }
}

fn unhover_on_blur(hovered: &UseStateHandle<Option<u64>>) -> Callback<FocusEvent> {
    let hovered = hovered.clone();
    Callback::from(move |_: FocusEvent| hovered.set(None))
}

/// Where a label beside a lane's point `x` goes so the diagram's edge never clips it: to the
/// right (`gap` px off) if it fits there or that side has more room, else to the left,
/// right-aligned. Returns the text's x, its `text-anchor` and how many characters fit.
fn beside(x: f64, gap: f64, wanted: f64, width: f64) -> (f64, &'static str, usize) {
    let right = width - LEFT - (x + gap);
    let left = x - gap - LEFT;
    let chars = |room: f64| ((wanted.min(room)) / CHAR_W).max(4.0) as usize;
    if right >= wanted || right >= left { (x + gap, "start", chars(right)) } else { (x - gap, "end", chars(left)) }
}

#[derive(Properties, PartialEq)]
struct DetailBarProps {
    row: Option<Row>,
    lanes_title: Option<(String, String)>,
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.seq == other.seq
    }
}

/// The hovered (or selected) row in full, in Elixir syntax.
#[component]
fn DetailBar(props: &DetailBarProps) -> Html {
    let (Some(row), Some((from, to))) = (&props.row, &props.lanes_title) else {
        return html! {
            <div class="detail-bar placeholder" id="message-detail">{ "Hover an arrow to see its message in full; click it to select." }</div>
        };
    };
    let head = if row.kind.is_note() || row.from == row.to {
        format!("{} · {to} · t = {} ms · event {}", row.kind.label(), row.time, row.seq)
    } else {
        format!("{} · {from} → {to} · t = {} ms · event {}", row.kind.label(), row.time, row.seq)
    };
    let body = match (&row.kind, &row.detail) {
        (RowKind::Log, Some(t)) => t.as_str().map(str::to_string).unwrap_or_else(|| t.to_string()),
        (_, Some(t)) => {
            let text = t.render_pretty(72);
            if text.len() > 4000 { format!("{}…", &text[..text.floor_char_boundary(4000)]) } else { text }
        }
        (_, None) => row.text(200),
    };
    html! {
        <div class={classes!("detail-bar", format!("k-{}", row.kind.class()))} id="message-detail">
            <div class="detail-head">{ head }</div>
            <pre class="term">{ body }</pre>
        </div>
    }
}

/// The colours, by kind.
#[component]
fn Legend() -> Html {
    let kinds = ["call", "reply", "cast", "info", "down", "exit", "spawn", "timer", "log"];
    html! {
        <span class="legend">
            { for kinds.iter().map(|k| html! { <span class={classes!("chip", format!("k-{k}"))}>{ *k }</span> }) }
        </span>
    }
}

/// For the export: the timeline drawn in full as standalone SVG text (last `max_rows` rows).
pub fn timeline_svg(tl: &Timeline, max_rows: usize) -> String {
    let skip = tl.rows.len().saturating_sub(max_rows);
    let rows: Vec<&Row> = tl.rows.iter().skip(skip).collect();
    let width = LEFT * 2.0 + LANE_W * tl.lanes.len() as f64;
    let height = HEADER_H + rows.len() as f64 * ROW_H + ROW_H;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"monospace\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
    for (i, lane) in tl.lanes.iter().enumerate() {
        let x = lane_x(i);
        out += &format!(
            "<text x=\"{x}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{}</text><text x=\"{x}\" y=\"30\" text-anchor=\"middle\" fill=\"#666\">{}</text>\n<line x1=\"{x}\" y1=\"{HEADER_H}\" x2=\"{x}\" y2=\"{height}\" stroke=\"#ccc\"/>\n",
            xml_escape(&lane.title()),
            xml_escape(&lane.pid_text())
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = HEADER_H + i as f64 * ROW_H + ROW_H / 2.0 + 3.0;
        let color = kind_color(row.kind);
        let (x1, x2) = (lane_x(row.from), lane_x(row.to));
        if row.kind.is_note() || row.from == row.to {
            out += &format!(
                "<circle cx=\"{x1}\" cy=\"{}\" r=\"3\" fill=\"{color}\"/><text x=\"{}\" y=\"{y}\" fill=\"{color}\">{}</text>\n",
                y - 3.0,
                x1 + 7.0,
                xml_escape(&row.text(60))
            );
        } else {
            let dir = if x2 > x1 { 1.0 } else { -1.0 };
            let dash = if matches!(row.kind, RowKind::Message(crate::runtime::MsgKind::Reply) | RowKind::Spawn) { " stroke-dasharray=\"4 3\"" } else { "" };
            let max = (((x2 - x1).abs() - 8.0) / CHAR_W).max(6.0) as usize;
            out += &format!(
                "<line x1=\"{x1}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"1.5\"{dash}/><path d=\"M{x2} {} l{} -3.5 v7 z\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{color}\">{}</text>\n",
                y + 2.0,
                x2 - 6.0 * dir,
                y + 2.0,
                y + 2.0,
                -7.0 * dir,
                (x1 + x2) / 2.0,
                y - 2.0,
                xml_escape(&row.text(max))
            );
        }
    }
    out += "</svg>\n";
    out
}

/// The same colours as the stylesheet's light theme.
fn kind_color(kind: RowKind) -> &'static str {
    match kind.class() {
        "call" => "#2a62c8",
        "reply" => "#17703c",
        "cast" => "#9a4f00",
        "info" => "#6e4a7e",
        "down" => "#c0392b",
        "exit" | "exited" | "stop" => "#b82a5e",
        "spawn" => "#0a7073",
        "timer" => "#7a6000",
        _ => "#666666",
    }
}

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
