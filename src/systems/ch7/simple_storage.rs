//! Drill 4 (Data Persistence with Erlang Terms): `SimpleStorage`, a module of plain functions
//! (no process) that keeps terms as `:erlang.term_to_binary/1` bytes.
//!
//! The sheet writes one file per key under `./data`; here the [`Backend`] plays that folder
//! (give SimpleStorage a backend of its own, as the sheet gives it its own folder), and the
//! bytes are the same ETF the sheet's `File.write!` writes. The functions run in the calling
//! process, as module functions do, and are `async` because storage is. `store` returns the
//! storage error where `File.write!` would raise.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::runtime::Ctx;
use crate::scenario::{expect, show};
use crate::storage::{Backend, StorageError};
use crate::term::{Atom, Term, from_term, to_term};

/// What `SimpleStorage.get/1` returns: `{:ok, data}`, `:not_found` or `{:error, reason}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Lookup<T> {
    Ok(T),
    NotFound,
    Error(String),
}

/// The drill's module; its functions take the backend that plays `@storage_dir`.
pub struct SimpleStorage;

impl SimpleStorage {
    /// The sheet's `@storage_dir`.
    pub const STORAGE_DIR: &'static str = "./data";

    /// `SimpleStorage.init()`: `File.mkdir_p!` has nothing to do for a backend; kept so the
    /// sheet's script reads the same.
    pub async fn init(_backend: &Backend) {}

    /// `SimpleStorage.store(key, data)`: writes `:erlang.term_to_binary(data)` under `key`.
    pub async fn store<T: Serialize>(backend: &Backend, key: &str, data: &T) -> Result<(), StorageError> {
        backend.put(key, &to_term(data)).await
    }

    /// `SimpleStorage.get(key)`: `{:ok, data}` read back with `:erlang.binary_to_term/1`.
    pub async fn get<T: DeserializeOwned>(backend: &Backend, key: &str) -> Lookup<T> {
        match backend.get(key).await {
            Ok(None) => Lookup::NotFound,
            Ok(Some(term)) => match from_term::<T>(&term) {
                Ok(data) => Lookup::Ok(data),
                Err(e) => Lookup::Error(e.to_string()),
            },
            Err(e) => Lookup::Error(e.to_string()),
        }
    }

    /// `SimpleStorage.delete(key)`: `:ok`, or `{:error, :enoent}` if nothing was there (as
    /// `File.rm/1` answers).
    pub async fn delete(backend: &Backend, key: &str) -> Result<(), Atom> {
        match backend.get_raw(key).await {
            Ok(Some(_)) => backend.delete(key).await.map_err(|_| Atom::new("eio")),
            Ok(None) => Err(Atom::new("enoent")),
            Err(_) => Err(Atom::new("eio")),
        }
    }

    /// `SimpleStorage.list_keys()`: every key, as atoms (`String.to_atom/1`).
    pub async fn list_keys(backend: &Backend) -> Vec<Atom> {
        backend.keys().await.unwrap_or_default().iter().map(|k| Atom::new(k)).collect()
    }
}

/// Drill 4's test block. `DateTime.utc_now()` becomes the virtual clock in milliseconds.
pub(crate) async fn scenario_simple_storage(ctx: Ctx) -> Result<(), String> {
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Todo {
        id: u64,
        title: String,
        done: bool,
    }
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Metadata {
        created_at: u64,
    }
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct UserTodos {
        user: String,
        todos: Vec<Todo>,
        metadata: Metadata,
    }

    let backend = Backend::memory();
    SimpleStorage::init(&backend).await;
    show(&ctx, "SimpleStorage.init()", &Atom::new("ok"));
    let data = UserTodos {
        user: "Alice".into(),
        todos: vec![
            Todo { id: 1, title: "Buy milk".into(), done: false },
            Todo { id: 2, title: "Call dentist".into(), done: true },
        ],
        metadata: Metadata { created_at: ctx.now() },
    };
    show(&ctx, "data", &data);
    let stored = SimpleStorage::store(&backend, "alice_todos", &data).await.map_err(|e| e.to_string());
    let _ = expect(&ctx, "SimpleStorage.store(:alice_todos, data)", stored, Ok(()))?;
    let bytes = backend.get_raw("alice_todos").await.ok().flatten().unwrap_or_default();
    show(&ctx, "byte_size(:erlang.term_to_binary(data))", &bytes.len());

    let retrieved = match SimpleStorage::get::<UserTodos>(&backend, "alice_todos").await {
        Lookup::Ok(retrieved) => retrieved,
        other => return Err(format!("SimpleStorage.get(:alice_todos) gave {}", to_term(&other))),
    };
    show(&ctx, "{:ok, retrieved} = SimpleStorage.get(:alice_todos)", &Term::tuple([Term::atom("ok"), to_term(&retrieved)]));
    expect(&ctx, "retrieved.user", retrieved.user.as_str(), "Alice")?;
    expect(&ctx, "length(retrieved.todos)", retrieved.todos.len(), 2)?;
    expect(&ctx, "retrieved == data", retrieved == data, true)?;

    let keys = SimpleStorage::list_keys(&backend).await;
    show(&ctx, "keys = SimpleStorage.list_keys()", &keys);
    expect(&ctx, ":alice_todos in keys", keys.contains(&Atom::new("alice_todos")), true)?;
    expect(&ctx, "SimpleStorage.get(:bob_todos)", SimpleStorage::get::<UserTodos>(&backend, "bob_todos").await, Lookup::NotFound)?;
    let _ = expect(&ctx, "SimpleStorage.delete(:alice_todos)", SimpleStorage::delete(&backend, "alice_todos").await, Ok(()))?;
    let _ = expect(&ctx, "SimpleStorage.delete(:alice_todos)", SimpleStorage::delete(&backend, "alice_todos").await, Err(Atom::new("enoent")))?;
    Ok(())
}
