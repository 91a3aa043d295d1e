//! Chapter 7 integration exercises 1–3: Todo.List, Todo.Server, Todo.Cache, Todo.Database.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use otp_playground::systems::todo::{Entry, NewEntry, TodoList, Updater};
use otp_playground::term::{Date, from_term, term_to_binary, to_term};

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
