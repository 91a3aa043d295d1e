//! `Todo.List`: the pure todo-list abstraction of the book's chapter 4, which chapter 7's
//! `Todo.Server` keeps as its state and the database stores whole.
//!
//! It is the book's struct `%Todo.List{auto_id: 1, entries: %{}}`: entries live in a map keyed
//! by id, ids come from `auto_id` and start at 1, and `entries/2` returns the entries of one
//! date in id order (`Map.values/1` of a small map is in key order). It serializes with its
//! `__struct__` key, so the stored bytes are exactly what Elixir's
//! `:erlang.term_to_binary(%Todo.List{...})` writes.
//!
//! Rust-side choices (the sheet takes them from chapter 4, where the functions are
//! immutable updates): the methods mutate in place, and `add_entry` returns the new id.
//! `update_entry` keeps the entry's id whatever the updater returns (the book's second
//! version crashes with a `MatchError` if the id changes; a Rust updater cannot move an entry
//! to another key by mistake). Updating or deleting an unknown id leaves the list as it is,
//! as in the book.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::term::{Atom, Date, Term};

/// A new entry, before it has an id: the sheet's `%{date: ~D[2024-01-22], title: "Buy milk"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    pub date: Date,
    pub title: String,
}

impl NewEntry {
    pub fn new(date: Date, title: impl Into<String>) -> NewEntry {
        NewEntry { date, title: title.into() }
    }
}

/// An entry in a list: `%{id: 1, date: ~D[2024-01-22], title: "Buy milk"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub date: Date,
    pub title: String,
}

/// The `%Todo.List{}` struct.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TodoList {
    auto_id: u64,
    entries: BTreeMap<u64, Entry>,
}

impl Default for TodoList {
    fn default() -> Self {
        TodoList::new()
    }
}

impl TodoList {
    /// `Todo.List.new()`
    pub fn new() -> TodoList {
        TodoList { auto_id: 1, entries: BTreeMap::new() }
    }

    /// `Todo.List.new(entries)`: adds each entry in order.
    pub fn from_entries(entries: impl IntoIterator<Item = NewEntry>) -> TodoList {
        let mut list = TodoList::new();
        for entry in entries {
            list.add_entry(entry);
        }
        list
    }

    /// `Todo.List.add_entry/2`: the entry gets the next id; returns it.
    pub fn add_entry(&mut self, entry: NewEntry) -> u64 {
        let id = self.auto_id;
        self.entries.insert(id, Entry { id, date: entry.date, title: entry.title });
        self.auto_id += 1;
        id
    }

    /// `Todo.List.entries/2`: the entries of `date`, in id order.
    pub fn entries(&self, date: Date) -> Vec<Entry> {
        self.entries.values().filter(|e| e.date == date).cloned().collect()
    }

    /// Every entry, in id order.
    pub fn all_entries(&self) -> Vec<Entry> {
        self.entries.values().cloned().collect()
    }

    /// `Todo.List.update_entry/3`: replaces entry `id` by `updater(entry)` (same id); an
    /// unknown id changes nothing.
    pub fn update_entry(&mut self, id: u64, updater: impl FnOnce(Entry) -> Entry) {
        if let Some(old) = self.entries.get(&id) {
            let updated = Entry { id, ..updater(old.clone()) };
            self.entries.insert(id, updated);
        }
    }

    /// `Todo.List.delete_entry/2`: an unknown id changes nothing.
    pub fn delete_entry(&mut self, id: u64) {
        self.entries.remove(&id);
    }

    /// The id the next entry will get.
    pub fn next_id(&self) -> u64 {
        self.auto_id
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for TodoList {
    /// `%Todo.List{auto_id: 2, entries: %{1 => %{...}}}`: the `__struct__` key makes it a struct.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Todo.List", 3)?;
        st.serialize_field("__struct__", &Atom::new("Elixir.Todo.List"))?;
        st.serialize_field("auto_id", &self.auto_id)?;
        st.serialize_field("entries", &self.entries)?;
        st.end()
    }
}

/// An updater function for `update_entry`, as a message can carry it: the closure and the
/// Elixir source it stands for, which is how it shows in the trace (`#Function<fn entry ->
/// ... end>`).
#[derive(Clone)]
pub struct Updater {
    source: Rc<str>,
    f: Rc<dyn Fn(Entry) -> Entry>,
}

impl Updater {
    /// `source` is what a learner would write: `"fn e -> %{e | title: \"Buy oat milk\"} end"`.
    pub fn new(source: impl Into<String>, f: impl Fn(Entry) -> Entry + 'static) -> Updater {
        Updater { source: Rc::from(source.into()), f: Rc::new(f) }
    }

    /// An updater that sets the title (`fn e -> %{e | title: "..."} end`).
    pub fn set_title(title: impl Into<String>) -> Updater {
        let title: String = title.into();
        let source = format!("fn e -> %{{e | title: {}}} end", Term::string(&title));
        Updater::new(source, move |e| Entry { title: title.clone(), ..e })
    }

    pub fn apply(&self, entry: Entry) -> Entry {
        (self.f)(entry)
    }
}

impl fmt::Debug for Updater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Updater({})", self.source)
    }
}

impl Serialize for Updater {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Term::Fun(self.source.to_string()).serialize(s)
    }
}
