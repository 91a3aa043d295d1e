//! One tab at a time runs a system on a shared browser database.
//!
//! A system's servers keep whole values (a todo list, a session) in their state and write
//! them back whole. Two tabs running the same system on one database would each overwrite
//! the other's acknowledged writes with their stale copy. So a tab runs a system on
//! IndexedDB or localStorage only while it holds the system's *lease*: an exclusive Web Lock
//! named `<database>/<system>`. A tab that wants the lease posts `want` on a
//! BroadcastChannel of the same name and queues for the lock; the holder sees
//! [`SystemLease::wanted_elsewhere`], writes what its workers hold, stops its system and
//! [`SystemLease::release`]s. The next holder starts the system afresh, so its servers read
//! every write the previous holder made.
//!
//! Memory backends are per tab and need no lease; natively (tests) the lease is granted
//! at once and never wanted elsewhere.

use std::cell::Cell;
use std::rc::Rc;

use super::StorageError;

/// An exclusive hold on `<database>/<system>` for this tab, until released or dropped.
pub struct SystemLease {
    wanted: Rc<Cell<bool>>,
    /// Dropping it releases the lock and closes the channel.
    #[cfg(target_arch = "wasm32")]
    _held: browser::Held,
}

impl SystemLease {
    /// Waits until this tab holds the lease, asking the holder (if any) to hand it over.
    /// Await it through `Ctx::io` from a process: it completes on a browser event.
    pub async fn acquire(database: &str, system: &str) -> Result<SystemLease, StorageError> {
        let wanted = Rc::new(Cell::new(false));
        #[cfg(target_arch = "wasm32")]
        {
            let held = browser::acquire(&format!("{database}/{system}"), wanted.clone()).await?;
            Ok(SystemLease { wanted, _held: held })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (database, system);
            Ok(SystemLease { wanted })
        }
    }

    /// Another tab has asked for the lease since this tab got it.
    pub fn wanted_elsewhere(&self) -> bool {
        self.wanted.get()
    }

    /// Lets the next tab in line have the lease (also done on drop).
    pub fn release(self) {}
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{BroadcastChannel, MessageEvent};

    use super::StorageError;

    const WANT: &str = "want";

    /// The granted lock (released by resolving the promise its callback returned) and the
    /// channel on which other tabs ask for it.
    pub(super) struct Held {
        release: Option<Function>,
        channel: Option<BroadcastChannel>,
        _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    }

    impl Drop for Held {
        fn drop(&mut self) {
            if let Some(release) = self.release.take() {
                let _ = release.call0(&JsValue::NULL);
            }
            if let Some(channel) = self.channel.take() {
                channel.set_onmessage(None);
                channel.close();
            }
        }
    }

    fn unavailable(what: &str, error: JsValue) -> StorageError {
        StorageError::Unavailable(format!("{what}: {}", error.as_string().unwrap_or_else(|| format!("{error:?}"))))
    }

    pub(super) async fn acquire(name: &str, wanted: Rc<Cell<bool>>) -> Result<Held, StorageError> {
        let global = js_sys::global();
        let navigator = Reflect::get(&global, &"navigator".into()).map_err(|e| unavailable("no navigator", e))?;
        let locks = Reflect::get(&navigator, &"locks".into()).unwrap_or(JsValue::UNDEFINED);
        if locks.is_undefined() {
            // No Web Locks (an old browser, or not a secure context): one tab is all we can
            // vouch for, so go ahead as the only one.
            return Ok(Held { release: None, channel: None, _on_message: None });
        }
        // Listen first: a `want` that arrives while we wait is a tab queued behind us.
        let channel = BroadcastChannel::new(name).map_err(|e| unavailable("BroadcastChannel", e))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if event.data().as_string().as_deref() == Some(WANT) {
                wanted.set(true);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let _ = channel.post_message(&WANT.into());

        let mut grant: Option<Function> = None;
        let granted = Promise::new(&mut |resolve, _| grant = Some(resolve));
        let mut release: Option<Function> = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        let (grant, release) = (grant.expect("Promise runs its executor at once"), release.expect("Promise runs its executor at once"));
        let on_grant = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            let _ = grant.call0(&JsValue::NULL);
            held.into()
        });
        let request: Function = Reflect::get(&locks, &"request".into()).map_err(|e| unavailable("navigator.locks", e))?.unchecked_into();
        // The request's own promise settles when the lock is released; nobody awaits it.
        request.call2(&locks, &name.into(), &on_grant).map_err(|e| unavailable("navigator.locks.request", e))?;
        JsFuture::from(granted).await.map_err(|e| unavailable("navigator.locks.request", e))?;
        Ok(Held { release: Some(release), channel: Some(channel), _on_message: Some(on_message) })
    }
}
