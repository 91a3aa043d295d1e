//! Forms for the systems' client APIs (todo, session store, KV store) and for raw process
//! work (kill, send a message). Each request runs in a shell process, as typing it into iex
//! would; its answer appears in the output below. Bad input gets an inline error and no
//! request.

use yew::prelude::*;

use super::engine::EngineHandle;
use super::requests::{Request, submit_on};
use crate::term::{Term, parse_date, parse_term};

/// The `value` of the element an event came from (input, select, textarea).
pub fn target_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

#[hook]
fn use_field(initial: &str) -> (UseStateHandle<String>, Callback<InputEvent>) {
    let value = use_state(|| initial.to_string());
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(target_value(&e)))
    };
    (value, oninput)
}

fn field(id: &'static str, label: &'static str, value: &UseStateHandle<String>, oninput: Callback<InputEvent>, placeholder: &'static str) -> Html {
    field_of(None, id, label, value, oninput, placeholder)
}

/// A field whose label other forms use too ("key"): its accessible name says whose it is.
fn field_of(form: Option<&'static str>, id: &'static str, label: &'static str, value: &UseStateHandle<String>, oninput: Callback<InputEvent>, placeholder: &'static str) -> Html {
    let name = form.map(|form| format!("{label} ({form})"));
    html! {
        <label class="field" for={id}>
            <span>{ label }</span>
            <input {id} type="text" value={(**value).clone()} {oninput} {placeholder} autocomplete="off" spellcheck="false" aria-label={name} />
        </label>
    }
}

fn error_line(error: &UseStateHandle<Option<String>>, id: &'static str) -> Html {
    match &**error {
        Some(text) => html! { <p class="form-error" {id} role="alert">{ text.clone() }</p> },
        None => html! {},
    }
}

/// A text field, trimmed: not empty, and short enough for a share link.
fn not_empty(what: &str, value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{what} is empty"));
    }
    crate::link::check_length(what.trim_start_matches("the "), value)?;
    Ok(value.to_string())
}

/// A term field: parsed, and short enough (as Elixir writes it) for a share link.
fn term_field(what: &str, text: &str, resolve: &dyn Fn(u32) -> Option<crate::runtime::Pid>) -> Result<Term, String> {
    let term = parse_term(text, resolve).map_err(|e| format!("{what}: {e}"))?;
    crate::link::check_length(what, &term.to_string())?;
    Ok(term)
}

#[derive(Properties, PartialEq)]
pub struct FormsProps {
    pub engine: EngineHandle,
    pub output_version: u64,
}

#[component]
pub fn Forms(props: &FormsProps) -> Html {
    html! {
        <div class="forms">
            <div class="form-grid">
                <TodoForm engine={props.engine.clone()} />
                <SessionForm engine={props.engine.clone()} />
                <KvForm engine={props.engine.clone()} />
                <ProcessForm engine={props.engine.clone()} />
            </div>
            <Output engine={props.engine.clone()} version={props.output_version} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EngineProps {
    engine: EngineHandle,
}

#[component]
fn TodoForm(props: &EngineProps) -> Html {
    let (list, on_list) = use_field("Alice");
    let (date, on_date) = use_field("2024-01-22");
    let (title, on_title) = use_field("Buy milk");
    let error = use_state(|| None::<String>);

    let on_add = {
        let (engine, list, date, title, error) = (props.engine.clone(), list.clone(), date.clone(), title.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let checked = (|| {
                let list = not_empty("the list name", &list)?;
                let date = parse_date(&date)?;
                let title = not_empty("the title", &title)?;
                Ok::<_, String>((list, date, title))
            })();
            let (list, date, title) = match checked {
                Ok(v) => v,
                Err(why) => return error.set(Some(why)),
            };
            error.set(None);
            submit_on(&engine, Request::TodoAdd { list, date, title });
        })
    };
    let on_read = {
        let (engine, list, date, error) = (props.engine.clone(), list.clone(), date.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let checked = (|| {
                let list = not_empty("the list name", &list)?;
                let date = if date.trim().is_empty() { None } else { Some(parse_date(&date)?) };
                Ok::<_, String>((list, date))
            })();
            let (list, date) = match checked {
                Ok(v) => v,
                Err(why) => return error.set(Some(why)),
            };
            error.set(None);
            submit_on(&engine, Request::TodoRead { list, date });
        })
    };
    let on_restart = {
        let engine = props.engine.clone();
        Callback::from(move |_: MouseEvent| submit_on(&engine, Request::TodoRestart))
    };

    html! {
        <form class="card" id="form-todo" onsubmit={on_add}>
            <h3>{ "Todo system" }</h3>
            { field("todo-list", "list name", &list, on_list, "Alice") }
            { field("todo-date", "date", &date, on_date, "2024-01-22") }
            { field("todo-title", "title", &title, on_title, "Buy milk") }
            { error_line(&error, "todo-error") }
            <div class="buttons">
                <button type="submit" class="small" id="btn-todo-add">{ "Add entry" }</button>
                <button type="button" class="small secondary" id="btn-todo-read" onclick={on_read} title="Entries on the date (all entries if the date is empty)">{ "Read entries" }</button>
                <button type="button" class="small secondary" id="btn-todo-restart" onclick={on_restart}>{ "Restart system" }</button>
            </div>
        </form>
    }
}

#[component]
fn SessionForm(props: &EngineProps) -> Html {
    let (id, on_id) = use_field("user-1");
    let (ttl, on_ttl) = use_field("3600");
    let (key, on_key) = use_field(":theme");
    let (value, on_value) = use_field("\"dark\"");
    let error = use_state(|| None::<String>);

    let request = |op: &'static str| {
        let (engine, id, ttl, key, value, error) = (props.engine.clone(), id.clone(), ttl.clone(), key.clone(), value.clone(), error.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let rt = engine.rt();
            let resolve = |n: u32| rt.pid_by_number(n);
            let checked = (|| {
                let id = not_empty("the session id", &id)?;
                let ttl = crate::link::parse_ttl(&ttl)?;
                let key = if op == "put" || op == "get" { Some(term_field("key", &key, &resolve)?) } else { None };
                let value = if op == "put" { Some(term_field("value", &value, &resolve)?) } else { None };
                Ok::<_, String>((id, ttl, key, value))
            })();
            let (id, ttl, key, value) = match checked {
                Ok(v) => v,
                Err(why) => return error.set(Some(why)),
            };
            error.set(None);
            let request = match op {
                "create" => Request::SessionCreate { id, ttl },
                "put" => Request::SessionPut { id, key: key.unwrap(), value: value.unwrap() },
                "get" => Request::SessionGet { id, key: key.unwrap() },
                _ => Request::SessionStats,
            };
            submit_on(&engine, request);
        })
    };

    html! {
        <form class="card" id="form-session" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3>{ "Session store" }</h3>
            { field("session-id", "session id", &id, on_id, "user-1") }
            { field("session-ttl", "TTL (s)", &ttl, on_ttl, "3600") }
            { field_of(Some("session store"), "session-key", "key", &key, on_key, ":theme") }
            { field_of(Some("session store"), "session-value", "value", &value, on_value, "\"dark\"") }
            { error_line(&error, "session-error") }
            <div class="buttons">
                <button type="button" class="small" id="btn-session-create" onclick={request("create")}>{ "Create" }</button>
                <button type="button" class="small secondary" id="btn-session-put" aria-label="Put (session store)" onclick={request("put")}>{ "Put" }</button>
                <button type="button" class="small secondary" id="btn-session-get" aria-label="Get (session store)" onclick={request("get")}>{ "Get" }</button>
                <button type="button" class="small secondary" id="btn-session-stats" onclick={request("stats")}>{ "Stats" }</button>
            </div>
        </form>
    }
}

#[component]
fn KvForm(props: &EngineProps) -> Html {
    let (key, on_key) = use_field(":color");
    let (value, on_value) = use_field("\"blue\"");
    let error = use_state(|| None::<String>);

    let request = |put: bool| {
        let (engine, key, value, error) = (props.engine.clone(), key.clone(), value.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let rt = engine.rt();
            let resolve = |n: u32| rt.pid_by_number(n);
            let checked = (|| {
                let key = term_field("key", &key, &resolve)?;
                let value = if put { Some(term_field("value", &value, &resolve)?) } else { None };
                Ok::<_, String>((key, value))
            })();
            let (key, value) = match checked {
                Ok(v) => v,
                Err(why) => return error.set(Some(why)),
            };
            error.set(None);
            submit_on(&engine, match value {
                Some(value) => Request::KvPut { key, value },
                None => Request::KvGet { key },
            });
        })
    };

    html! {
        <form class="card" id="form-kv" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3>{ "KV store" }</h3>
            { field_of(Some("KV store"), "kv-key", "key", &key, on_key, ":color") }
            { field_of(Some("KV store"), "kv-value", "value", &value, on_value, "\"blue\"") }
            { error_line(&error, "kv-error") }
            <div class="buttons">
                <button type="button" class="small" id="btn-kv-put" aria-label="Put (KV store)" onclick={request(true)}>{ "Put" }</button>
                <button type="button" class="small secondary" id="btn-kv-get" aria-label="Get (KV store)" onclick={request(false)}>{ "Get" }</button>
            </div>
        </form>
    }
}

#[component]
fn ProcessForm(props: &EngineProps) -> Html {
    let (target, on_target) = use_field("Todo.Cache");
    let (message, on_message) = use_field("{:hello, \"world\", 42}");
    let error = use_state(|| None::<String>);

    let on_kill = {
        let (engine, target, error) = (props.engine.clone(), target.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let resolved = engine.borrow().resolve_process(&target);
            match resolved {
                Ok(pid) => {
                    error.set(None);
                    submit_on(&engine, Request::Kill { target: pid.to_string() });
                }
                Err(why) => error.set(Some(why)),
            }
        })
    };
    let on_send = {
        let (engine, target, message, error) = (props.engine.clone(), target.clone(), message.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let rt = engine.rt();
            let resolved = engine.borrow().resolve_process(&target);
            let checked = resolved.and_then(|pid| Ok((pid, term_field("message", &message, &|n| rt.pid_by_number(n))?)));
            match checked {
                Ok((pid, message)) => {
                    error.set(None);
                    submit_on(&engine, Request::Send { target: pid.to_string(), message });
                }
                Err(why) => error.set(Some(why)),
            }
        })
    };

    html! {
        <form class="card" id="form-process" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3>{ "Processes" }</h3>
            { field("proc-target", "pid or name", &target, on_target, "#PID<0.12.0> or Todo.Cache") }
            { field("proc-message", "message", &message, on_message, "{:hello, 42}") }
            { error_line(&error, "process-error") }
            <div class="buttons">
                <button type="button" class="small secondary" id="btn-send" onclick={on_send}>{ "Send message" }</button>
                <button type="button" class="small danger" id="btn-proc-kill" onclick={on_kill}>{ "Kill (exit :kill)" }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct OutputProps {
    engine: EngineHandle,
    version: u64,
}

/// Characters of one output line shown at most: a 100,000-character name is shown cut,
/// with how much was left out.
const SHOWN_CHARS: usize = 20_000;

fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}… ({} more characters)", &text[..cut], text[cut..].chars().count()),
        None => text.to_string(),
    }
}

/// What the requests answered, newest last, the way iex shows it.
#[component]
fn Output(props: &OutputProps) -> Html {
    let engine = props.engine.borrow();
    let pending = engine.jobs.len();
    let paused = engine.controls.paused.get();
    let start = engine.output.len().saturating_sub(12);
    html! {
        <div class="iex" id="iex-output" aria-live="polite">
            if engine.output.is_empty() && pending == 0 {
                <p class="placeholder">{ "Answers to the forms appear here." }</p>
            }
            { for engine.output[start..].iter().map(|line| html! {
                <div class="iex-entry">
                    <div class="iex-input"><span class="prompt">{ "iex> " }</span>{ shorten(&line.input) }</div>
                    { match &line.result {
                        Ok(text) => html! { <pre class="iex-result">{ shorten(text) }</pre> },
                        Err(text) => html! { <pre class="iex-result error">{ shorten(text) }</pre> },
                    } }
                </div>
            }) }
            if pending > 0 {
                <p class="muted">{ format!("{pending} request(s) running{}", if paused { " — paused: press play or step" } else { "" }) }</p>
            }
        </div>
    }
}

