//! Chapter 7 integration exercises 1–3: Todo.List, Todo.Server, Todo.Cache, Todo.Database.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use otp_playground::runtime::{EventKind, Runtime};
use otp_playground::storage::{Backend, SESSION_STORE, TODO_STORE, quarantine_note};
use otp_playground::systems::todo::{
    self, Cache, Database, Entry, NewEntry, Server, TodoList, Updater, restart, start_system, stop_system,
};
use otp_playground::term::{Date, Term, from_term, term_to_binary, to_term};

fn day(d: u8) -> Date {
    Date::new(2024, 1, d)
}

// ---- Todo.List ----

#[test]
fn list_ids_start_at_one_and_entries_filter_by_date() {
    let mut list = TodoList::new();
    assert_eq!(list.add_entry(NewEntry::new(day(22), "Dentist")), 1);
    assert_eq!(list.add_entry(NewEntry::new(day(23), "Shopping")), 2);
    assert_eq!(list.add_entry(NewEntry::new(day(22), "Movies")), 3);
    let titles: Vec<_> = list.entries(day(22)).into_iter().map(|e| (e.id, e.title)).collect();
    assert_eq!(titles, vec![(1, "Dentist".to_string()), (3, "Movies".to_string())]);
}

#[test]
fn list_update_keeps_the_id_and_unknown_ids_change_nothing() {
    let mut list = TodoList::from_entries([NewEntry::new(day(22), "Buy milk")]);
    list.update_entry(1, |e| Entry { id: 99, title: "Buy oat milk".into(), ..e });
    assert_eq!(list.all_entries(), vec![Entry { id: 1, date: day(22), title: "Buy oat milk".into() }]);
    let before = list.clone();
    list.update_entry(7, |e| e);
    list.delete_entry(7);
    assert_eq!(list, before);
    list.delete_entry(1);
    assert!(list.is_empty());
    assert_eq!(list.next_id(), 2, "ids are not reused after a delete");
}

#[test]
fn list_renders_as_the_elixir_struct_and_reads_back() {
    let list = TodoList::from_entries([NewEntry::new(day(22), "Buy milk")]);
    let term = to_term(&list);
    assert_eq!(
        term.to_string(),
        r#"%Todo.List{auto_id: 2, entries: %{1 => %{date: ~D[2024-01-22], id: 1, title: "Buy milk"}}}"#
    );
    assert_eq!(from_term::<TodoList>(&term).unwrap(), list);
}

#[test]
fn list_is_stored_as_the_bytes_elixir_writes() {
    // elixir -e 'IO.inspect :erlang.term_to_binary(%{__struct__: Todo.List, auto_id: 2,
    //   entries: %{1 => %{id: 1, date: ~D[2024-01-22], title: "Buy milk"}}}), limit: :infinity'
    // (Elixir 1.14 on OTP 25)
    let elixir: &[u8] = &[
        131, 116, 0, 0, 0, 3, 100, 0, 10, 95, 95, 115, 116, 114, 117, 99, 116, 95, 95, 100, 0, 16, 69, 108, 105,
        120, 105, 114, 46, 84, 111, 100, 111, 46, 76, 105, 115, 116, 100, 0, 7, 97, 117, 116, 111, 95, 105, 100,
        97, 2, 100, 0, 7, 101, 110, 116, 114, 105, 101, 115, 116, 0, 0, 0, 1, 97, 1, 116, 0, 0, 0, 3, 100, 0, 4,
        100, 97, 116, 101, 116, 0, 0, 0, 5, 100, 0, 10, 95, 95, 115, 116, 114, 117, 99, 116, 95, 95, 100, 0, 11,
        69, 108, 105, 120, 105, 114, 46, 68, 97, 116, 101, 100, 0, 8, 99, 97, 108, 101, 110, 100, 97, 114, 100,
        0, 19, 69, 108, 105, 120, 105, 114, 46, 67, 97, 108, 101, 110, 100, 97, 114, 46, 73, 83, 79, 100, 0, 3,
        100, 97, 121, 97, 22, 100, 0, 5, 109, 111, 110, 116, 104, 97, 1, 100, 0, 4, 121, 101, 97, 114, 98, 0, 0,
        7, 232, 100, 0, 2, 105, 100, 97, 1, 100, 0, 5, 116, 105, 116, 108, 101, 109, 0, 0, 0, 8, 66, 117, 121,
        32, 109, 105, 108, 107,
    ];
    let list = TodoList::from_entries([NewEntry::new(day(22), "Buy milk")]);
    assert_eq!(term_to_binary(&to_term(&list)), elixir);
}

#[test]
fn an_updater_shows_as_a_function() {
    let up = Updater::set_title("Buy oat milk");
    assert_eq!(to_term(&up).to_string(), r#"#Function<fn e -> %{e | title: "Buy oat milk"} end>"#);
    assert_eq!(up.apply(Entry { id: 1, date: day(22), title: "x".into() }).title, "Buy oat milk");
}

mod support;
use support::log_lines;

// ---- Todo.Server and Todo.Cache (exercise 1) ----

#[test]
fn cache_returns_the_same_server_for_the_same_name_and_another_for_another_name() {
    let rt = Runtime::new();
    let (alice, alice_again, bob) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory()).await.unwrap();
            let alice = Cache::server_process(&ctx, "Alice").await;
            let alice_again = Cache::server_process(&ctx, "Alice").await;
            let bob = Cache::server_process(&ctx, "Bob").await;
            (alice, alice_again, bob)
        })
        .unwrap();
    assert_eq!(alice, alice_again);
    assert_ne!(alice, bob);
}

#[test]
fn exercise_1_lists_are_managed_independently_and_the_cache_knows_their_names() {
    let rt = Runtime::new();
    let (alice_todos, bob_todos, names) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory()).await.unwrap();
            let alice_list = Cache::server_process(&ctx, "Alice").await;
            let bob_list = Cache::server_process(&ctx, "Bob").await;
            Server::add_entry(&ctx, alice_list, NewEntry::new(day(22), "Dentist appointment"));
            Server::add_entry(&ctx, bob_list, NewEntry::new(day(22), "Team meeting"));
            let alice_todos = Server::entries(&ctx, alice_list, day(22)).await;
            let bob_todos = Server::entries(&ctx, bob_list, day(22)).await;
            (alice_todos, bob_todos, Cache::list_names(&ctx).await)
        })
        .unwrap();
    assert_eq!(alice_todos.len(), 1);
    assert_eq!(bob_todos.len(), 1);
    assert_ne!(alice_todos[0].title, bob_todos[0].title);
    assert_eq!(names, vec!["Alice".to_string(), "Bob".to_string()]);
}

#[test]
fn server_gives_ids_from_one_and_applies_update_and_delete() {
    let rt = Runtime::new();
    let (first, after) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory()).await.unwrap();
            let bob = Cache::server_process(&ctx, "Bob's list").await;
            Server::add_entry(&ctx, bob, NewEntry::new(day(22), "Dentist"));
            Server::add_entry(&ctx, bob, NewEntry::new(day(23), "Shopping"));
            Server::add_entry(&ctx, bob, NewEntry::new(day(22), "Movies"));
            let first = Server::entries(&ctx, bob, day(22)).await;
            Server::update_entry(&ctx, bob, 1, Updater::set_title("Dentist at 10:00"));
            Server::delete_entry(&ctx, bob, 3);
            (first, Server::all_entries(&ctx, bob).await)
        })
        .unwrap();
    let entry = |id, d, title: &str| Entry { id, date: day(d), title: title.to_string() };
    assert_eq!(first, vec![entry(1, 22, "Dentist"), entry(3, 22, "Movies")]);
    assert_eq!(after, vec![entry(1, 22, "Dentist at 10:00"), entry(2, 23, "Shopping")]);
}

#[test]
fn server_state_is_the_name_and_the_list_struct() {
    let rt = Runtime::new();
    let bob = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory()).await.unwrap();
            let bob = Cache::server_process(&ctx, "Bob").await;
            Server::add_entry(&ctx, bob, NewEntry::new(day(22), "Dentist"));
            Server::entries(&ctx, bob, day(22)).await;
            bob
        })
        .unwrap();
    let state = rt.process_detail(bob).unwrap().state.unwrap();
    assert_eq!(
        state.to_string(),
        r#"{"Bob", %Todo.List{auto_id: 2, entries: %{1 => %{date: ~D[2024-01-22], id: 1, title: "Dentist"}}}}"#
    );
}

#[test]
fn cache_replies_before_the_new_server_has_loaded_its_list() {
    // Two-phase init: the cache is not held up by the database; the load happens in
    // handle_continue, after start_link has returned the pid to the cache.
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        start_system(&ctx, Backend::memory()).await.unwrap();
        let alice = Cache::server_process(&ctx, "Alice").await;
        Server::entries(&ctx, alice, day(22)).await
    })
    .unwrap();
    let events = rt.trace_since(0, usize::MAX);
    let cache = rt.whereis("Todo.Cache").unwrap();
    let cache_replied = events
        .iter()
        .position(|e| e.kind == EventKind::HandleEnd(otp_playground::runtime::MsgKind::Call) && e.to == Some(cache))
        .unwrap();
    let loaded = events
        .iter()
        .position(|e| e.kind == EventKind::Log && e.detail.as_ref().and_then(|d| d.as_str()).is_some_and(|t| t.ends_with("retrieved Alice")))
        .unwrap();
    assert!(cache_replied < loaded, "the cache finished server_process before the list was read");
}

// ---- persistence (exercise 2) ----

#[test]
fn every_change_stores_the_whole_list_under_its_name() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let stored = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, backend).await.unwrap();
            let alice = Cache::server_process(&ctx, "Alice").await;
            Server::add_entry(&ctx, alice, NewEntry::new(day(22), "Buy milk"));
            Server::add_entry(&ctx, alice, NewEntry::new(day(23), "Call mom"));
            Server::delete_entry(&ctx, alice, 2);
            Server::entries(&ctx, alice, day(22)).await;
            // Same worker, so this get is handled after the last store.
            Database::get(&ctx, "Alice").await;
            (store.keys().await.unwrap(), store.get("Alice").await.unwrap())
        })
        .unwrap();
    let mut expected = TodoList::from_entries([NewEntry::new(day(22), "Buy milk"), NewEntry::new(day(23), "Call mom")]);
    expected.delete_entry(2);
    assert_eq!(stored.0, vec!["Alice".to_string()]);
    assert_eq!(stored.1, Some(to_term(&expected)));
}

#[test]
fn exercise_2_entries_survive_a_restart_of_the_system() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let (old_alice, new_alice, entries, alive_after_stop) = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, backend.clone()).await.unwrap();
            let alice = Cache::server_process(&ctx, "Alice").await;
            Server::add_entry(&ctx, alice, NewEntry::new(day(22), "Buy milk"));
            Server::entries(&ctx, alice, day(22)).await;
            Database::get(&ctx, "Alice").await;
            stop_system(&ctx).await;
            let alive = ctx.is_alive(alice) || ctx.whereis("Todo.Cache").is_some() || ctx.whereis("Todo.Database").is_some();
            restart(&ctx, backend).await.unwrap();
            let alice_again = Cache::server_process(&ctx, "Alice").await;
            (alice, alice_again, Server::entries(&ctx, alice_again, day(22)).await, alive)
        })
        .unwrap();
    assert!(!alive_after_stop);
    assert_ne!(old_alice, new_alice, "a new server process");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].title, "Buy milk");
    assert_eq!(entries[0].id, 1);
}

#[test]
fn stop_system_ends_every_process_but_the_caller() {
    let rt = Runtime::new();
    let left = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory()).await.unwrap();
            for name in ["Alice", "Bob", "Carol"] {
                let pid = Cache::server_process(&ctx, name).await;
                Server::add_entry(&ctx, pid, NewEntry::new(day(22), "x"));
            }
            stop_system(&ctx).await;
            ctx.sleep(0).await;
        })
        .map(|_| rt.process_count());
    assert_eq!(left, Ok(0), "the shell has finished too; nothing of the system is left");
}

#[test]
fn a_new_runtime_on_the_same_backend_finds_the_lists() {
    // The strictest restart: nothing of the first scheduler survives, only the storage.
    let backend = Backend::memory();
    let first = backend.clone();
    Runtime::new()
        .block_on(move |ctx| async move {
            start_system(&ctx, first).await.unwrap();
            let bob = Cache::server_process(&ctx, "Bob").await;
            Server::add_entry(&ctx, bob, NewEntry::new(day(22), "Team meeting"));
            Server::update_entry(&ctx, bob, 1, Updater::set_title("Team meeting at 9"));
            Server::entries(&ctx, bob, day(22)).await;
            Database::get(&ctx, "Bob").await;
        })
        .unwrap();
    let entries = Runtime::new()
        .block_on(move |ctx| async move {
            start_system(&ctx, backend).await.unwrap();
            let bob = Cache::server_process(&ctx, "Bob").await;
            Server::add_entry(&ctx, bob, NewEntry::new(day(22), "Lunch"));
            Server::entries(&ctx, bob, day(22)).await
        })
        .unwrap();
    let titles: Vec<_> = entries.iter().map(|e| (e.id, e.title.as_str())).collect();
    assert_eq!(titles, vec![(1, "Team meeting at 9"), (2, "Lunch")], "ids go on from the stored auto_id");
}

#[test]
fn a_corrupt_stored_list_is_quarantined_and_the_system_keeps_running() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let (entries, quarantined) = rt
        .block_on(move |ctx| async move {
            store.put_raw("Alice", vec![131, 255]).await.unwrap();
            start_system(&ctx, store.clone()).await.unwrap();
            // The worker cannot decode Alice's list: it moves the bytes to the quarantine
            // store, logs why, and answers nil, so Alice's server starts with an empty list
            // instead of the whole system crashing (persistence issue: nothing in memory is lost).
            let alice = Cache::server_process(&ctx, "Alice").await;
            let entries = Server::all_entries(&ctx, alice).await;
            (entries, store.quarantined().await.unwrap())
        })
        .unwrap();
    assert!(entries.is_empty());
    assert!(rt.whereis("Todo.Cache").is_some(), "the system is still running");
    assert_eq!(quarantined.len(), 1);
    assert_eq!((quarantined[0].key.as_str(), quarantined[0].bytes.as_slice()), ("Alice", &[131u8, 255][..]));
    let logs = log_lines(&rt);
    assert!(logs.iter().any(|l| l.contains("set aside as quarantine record #1")), "{logs:#?}");
    let bytes = rt.block_on(move |_ctx| async move { backend.get_raw("Alice").await.unwrap() }).unwrap();
    assert_eq!(bytes, None, "moved, not copied");
}

// ---- the worker pool (exercise 3) ----

#[test]
fn routing_matches_erlang_phash2_for_list_names() {
    // elixir -e 'for n <- ["Alice", "Bob", "Bob'"'"'s list", "alice", "bob", "Charlie", "Dave", "Eve", "Work", "Home"],
    //   do: IO.inspect({n, :erlang.phash2(n, 3)})'   (Elixir 1.14, OTP 25)
    let erlang = [
        ("Alice", 2),
        ("Bob", 0),
        ("Bob's list", 0),
        ("alice", 2),
        ("bob", 0),
        ("Charlie", 0),
        ("Dave", 1),
        ("Eve", 2),
        ("Work", 1),
        ("Home", 1),
    ];
    for (name, index) in erlang {
        assert_eq!(Database::worker_index(name), index, "{name}");
    }
}

#[test]
fn choose_worker_gives_the_worker_at_the_hashed_index() {
    let rt = Runtime::new();
    let (db, chosen) = rt
        .block_on(|ctx| async move {
            let db = Database::start_link(&ctx, Backend::memory()).await.unwrap();
            let mut chosen = Vec::new();
            for name in ["Bob", "Dave", "Eve", "Bob"] {
                chosen.push(Database::choose_worker(&ctx, name).await);
            }
            (db, chosen)
        })
        .unwrap();
    let state = rt.process_detail(db).unwrap().state.unwrap();
    let worker = |i: i64| match state.map_get(&Term::Int(i)) {
        Some(Term::Pid(p)) => *p,
        other => panic!("no worker {i}: {other:?}"),
    };
    assert_eq!(chosen, vec![worker(0), worker(1), worker(2), worker(0)]);
    assert_eq!(rt.process_detail(worker(1)).unwrap().state.unwrap(), Term::string("./persist"));
}

#[test]
fn exercise_3_the_same_key_is_always_handled_by_the_same_worker() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        Database::start_link(&ctx, Backend::memory()).await.unwrap();
        Database::store(&ctx, "alice", &"Alice").await;
        Database::store(&ctx, "bob", &"Bob").await;
        Database::store(&ctx, "alice", &"Alice, updated").await;
        Database::get(&ctx, "alice").await
    })
    .map(|got| assert_eq!(got, Some(Term::string("Alice, updated"))))
    .unwrap();
    let logs = log_lines(&rt);
    let who = |suffix: &str| -> Vec<String> {
        logs.iter().filter(|l| l.ends_with(suffix)).map(|l| l.split(':').next().unwrap().to_string()).collect()
    };
    let alice = who(": stored alice");
    let bob = who(": stored bob");
    assert_eq!(alice.len(), 2);
    assert_eq!(alice[0], alice[1]);
    assert_eq!(bob.len(), 1);
    assert_ne!(alice[0], bob[0]);
    assert!(logs.contains(&"Database started with 3 workers".to_string()));
}

// ---- scenarios ----

#[test]
fn every_todo_scenario_runs_to_the_end_and_logs_the_sheet_lines() {
    let expected_lines: &[(&str, &[&str])] = &[
        ("ch7.todo_list", &[
            "Todo.Server.all_entries(bob)  # => [%{date: ~D[2024-01-22], id: 1, title: \"Dentist at 10:00\"}, %{date: ~D[2024-01-23], id: 2, title: \"Shopping\"}]",
        ]),
        ("ch7.todo_cache", &["length(alice_todos)  # => 1", "\"Bob\" in names  # => true", "Starting todo cache"]),
        ("ch7.todo_persistence", &[
            "# Restart system (close iex and start again)",
            "length(entries)  # => 1",
            "hd(entries).title  # => \"Buy milk\"",
        ]),
        ("ch7.todo_pool", &[":erlang.phash2(\"alice\", 3)  # => 2", "Todo.Database.get(\"alice\")  # => %{name: \"Alice\", updated: true}"]),
    ];
    let scenarios = todo::scenarios();
    assert_eq!(scenarios.iter().map(|s| s.id).collect::<Vec<_>>(), expected_lines.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for (scenario, (_, lines)) in scenarios.iter().zip(expected_lines) {
        let rt = Runtime::new();
        assert_eq!(scenario.run_to_end(&rt), Ok(()), "{}", scenario.id);
        let logs = log_lines(&rt);
        for line in *lines {
            assert!(logs.iter().any(|l| l == line), "{}: no line {line:?} in {logs:#?}", scenario.id);
        }
        assert!(!logs.iter().any(|l| l.starts_with("** scenario failed")), "{}", scenario.id);
    }
}

#[test]
fn messages_render_as_the_sheets_tuples() {
    use otp_playground::systems::todo::{CacheCall, DatabaseCall, LoadData, ServerCall, ServerCast, WorkerCall, WorkerCast};
    let shown = |t: otp_playground::term::Term| t.to_string();
    assert_eq!(
        shown(to_term(&ServerCast::AddEntry(NewEntry::new(day(22), "Buy milk")))),
        r#"{:add_entry, %{date: ~D[2024-01-22], title: "Buy milk"}}"#
    );
    assert_eq!(
        shown(to_term(&ServerCast::Update(1, Updater::set_title("x")))),
        r#"{:update, 1, #Function<fn e -> %{e | title: "x"} end>}"#
    );
    assert_eq!(shown(to_term(&ServerCast::DeleteEntry(3))), "{:delete_entry, 3}");
    assert_eq!(shown(to_term(&ServerCall::Entries(day(22)))), "{:entries, ~D[2024-01-22]}");
    assert_eq!(shown(to_term(&LoadData::LoadData)), ":load_data");
    assert_eq!(shown(to_term(&CacheCall::ServerProcess("Alice".into()))), r#"{:server_process, "Alice"}"#);
    assert_eq!(shown(to_term(&CacheCall::ListNames)), ":list_names");
    assert_eq!(shown(to_term(&DatabaseCall::ChooseWorker("Alice".into()))), r#"{:choose_worker, "Alice"}"#);
    assert_eq!(shown(to_term(&WorkerCast::Store("Alice".into(), Term::Int(1)))), r#"{:store, "Alice", 1}"#);
    assert_eq!(shown(to_term(&WorkerCall::Get("Alice".into()))), r#"{:get, "Alice"}"#);
}

#[test]
fn a_list_read_after_its_record_was_quarantined_comes_with_a_note_saying_so() {
    let rt = Runtime::new();
    let store = Backend::memory().store(TODO_STORE);
    let (entries, records) = rt
        .block_on(move |ctx| async move {
            store.put_raw("Alice", vec![131, 255]).await.unwrap();
            start_system(&ctx, store.clone()).await.unwrap();
            let alice = Cache::server_process(&ctx, "Alice").await;
            (Server::all_entries(&ctx, alice).await, store.quarantined().await.unwrap())
        })
        .unwrap();
    assert!(entries.is_empty(), "the list reads as []");
    let note = quarantine_note(&records, TODO_STORE, "Alice").expect("a note for Alice's list");
    assert!(note.contains("\"Alice\" did not decode"), "{note}");
    assert!(note.contains("quarantine record #1"), "{note}");
    assert_eq!(quarantine_note(&records, TODO_STORE, "Bob"), None, "Bob's list was never set aside");
    assert_eq!(quarantine_note(&records, SESSION_STORE, "Alice"), None, "another store's key of the same name");
}
