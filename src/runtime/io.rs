//! Waiting on the world outside the runtime (IndexedDB, localStorage in the browser).
//!
//! Processes are normally polled with a no-op waker: the scheduler itself knows what each
//! one waits for. A future from outside (a JS promise) only knows how to call a `Waker`, so
//! [`Ctx::io`] polls it with a real one, which puts the pid on a wake list the scheduler
//! drains before each step. Only this path pays for a waker; messages and calls never do.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use super::ctx::Ctx;
use super::pid::Pid;
use super::process::Status;

/// Pids whose outside futures made progress. `Arc<Mutex>` because `Waker` demands `Send`;
/// in the page there is one thread, so the lock is never contended.
#[derive(Default)]
pub(crate) struct WakeList {
    pending: AtomicBool,
    pids: Mutex<Vec<Pid>>,
    /// Whoever drives the runtime and is waiting for outside I/O (`IoWoken`).
    driver: Mutex<Option<Waker>>,
}

impl WakeList {
    /// Takes the woken pids, cheaply when there are none.
    pub fn drain(&self) -> Vec<Pid> {
        if !self.pending.load(Ordering::Relaxed) || !self.pending.swap(false, Ordering::Acquire) {
            return Vec::new();
        }
        std::mem::take(&mut *self.pids.lock().expect("single-threaded"))
    }
}

struct ProcessWaker {
    pid: Pid,
    list: Arc<WakeList>,
}

impl Wake for ProcessWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.list.pids.lock().expect("single-threaded").push(self.pid);
        self.list.pending.store(true, Ordering::Release);
        if let Some(driver) = self.list.driver.lock().expect("single-threaded").take() {
            driver.wake();
        }
    }
}

/// Completes as soon as an outside future has woken a process: a driver awaits it instead
/// of polling on a timer, so an IndexedDB commit is followed at once, not at the next tick.
pub struct IoWoken {
    pub(crate) list: Arc<WakeList>,
}

impl Future for IoWoken {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.list.pending.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        *self.list.driver.lock().expect("single-threaded") = Some(cx.waker().clone());
        // Woken between the check and the registration: do not sleep on it.
        if self.list.pending.load(Ordering::Acquire) { Poll::Ready(()) } else { Poll::Pending }
    }
}

/// Polls an outside future on behalf of a process.
pub(crate) struct Io<'a, F> {
    ctx: &'a Ctx,
    fut: Pin<Box<F>>,
    waker: Option<Waker>,
    counted: bool,
}

impl<F: Future> Future for Io<'_, F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let waker = this.waker.get_or_insert_with(|| {
            let list = this.ctx.shared.borrow().wake_list.clone();
            Waker::from(Arc::new(ProcessWaker { pid: this.ctx.pid, list }))
        });
        let polled = this.fut.as_mut().poll(&mut Context::from_waker(waker));
        let mut inner = this.ctx.shared.borrow_mut();
        match polled {
            Poll::Ready(v) => {
                if this.counted {
                    inner.io_waits -= 1;
                    this.counted = false;
                }
                if let Some(slot) = inner.slot_mut(this.ctx.pid) {
                    slot.status = Status::Running;
                }
                Poll::Ready(v)
            }
            Poll::Pending => {
                if !this.counted {
                    inner.io_waits += 1;
                    this.counted = true;
                }
                if let Some(slot) = inner.slot_mut(this.ctx.pid) {
                    slot.status = Status::Suspended;
                }
                Poll::Pending
            }
        }
    }
}

impl<F> Drop for Io<'_, F> {
    fn drop(&mut self) {
        if self.counted
            && let Ok(mut inner) = self.ctx.shared.try_borrow_mut()
        {
            inner.io_waits -= 1;
        }
    }
}

impl Ctx {
    /// Awaits a future from outside the runtime (browser I/O) without blocking the
    /// scheduler: this process is suspended, others run, and it is polled again when the
    /// future wakes it.
    pub async fn io<F: Future>(&self, fut: F) -> F::Output {
        Io { ctx: self, fut: Box::pin(fut), waker: None, counted: false }.await
    }
}
