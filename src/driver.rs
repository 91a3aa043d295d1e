//! The browser driver: moves the runtime's virtual time along with the page's real time.
//!
//! This file is the only place the scheduler meets a browser clock. Each tick it reads
//! `performance.now()`, advances virtual time by the elapsed real time times `speed` (unless
//! paused), and lets the runtime run a bounded slice ([`Runtime::tick`]), so the page stays
//! responsive however many messages flow. When the runtime is idle the driver sleeps until the
//! next timer's deadline with one `gloo-timers` timeout: never one browser timer per pending
//! timer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use std::future::Future;

use crate::replay::Journal;
use crate::runtime::{Ctx, ExitReason, Runtime};

/// Process turns per tick: small enough to keep frames under a few milliseconds.
pub const STEPS_PER_TICK: usize = 256;

/// Shared controls the UI flips; the driver loop reads them every tick.
#[derive(Clone)]
pub struct DriverControls {
    pub paused: Rc<Cell<bool>>,
    /// Virtual ms per real ms; `f64::INFINITY` runs as fast as possible (jumps to timers).
    pub speed: Rc<Cell<f64>>,
    pub stopped: Rc<Cell<bool>>,
    /// Every tick that ran something, for scrubbing back (the UI records its own inputs here too).
    pub journal: Rc<RefCell<Journal>>,
}

impl Default for DriverControls {
    fn default() -> Self {
        DriverControls {
            paused: Rc::new(Cell::new(false)),
            speed: Rc::new(Cell::new(1.0)),
            stopped: Rc::new(Cell::new(false)),
            journal: Rc::default(),
        }
    }
}

fn performance_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Starts driving `rt` in the background; stop it with `controls.stopped`.
pub fn start(rt: Runtime, controls: DriverControls) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut last_real = performance_now();
        let mut virtual_now = rt.now() as f64;
        while !controls.stopped.get() {
            let real = performance_now();
            let elapsed = real - last_real;
            last_real = real;
            if controls.paused.get() {
                TimeoutFuture::new(50).await;
                continue;
            }
            let speed = controls.speed.get();
            if speed.is_finite() {
                virtual_now = virtual_now.max(rt.now() as f64) + elapsed * speed;
            } else {
                virtual_now = rt.now() as f64;
            }
            let report = controls.journal.borrow_mut().tick(&rt, virtual_now as u64, STEPS_PER_TICK);
            let wait_ms = if !report.idle {
                0
            } else if !speed.is_finite() {
                if rt.advance_to_next_timer() { 0 } else { 50 }
            } else {
                match report.next_timer {
                    Some(t) => (((t as f64 - virtual_now) / speed).ceil() as u32).clamp(1, 50),
                    None => 50,
                }
            };
            // Yield to the browser even when busy, so input and painting go on.
            TimeoutFuture::new(wait_ms).await;
        }
    });
}

/// [`Runtime::block_on`] for the browser: the same virtual-time run, but while a process
/// waits on browser I/O (IndexedDB) it yields to the page so the I/O can complete.
pub async fn block_on_async<T, F, Fut>(rt: &Runtime, body: F) -> Result<T, ExitReason>
where
    T: 'static,
    F: FnOnce(Ctx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
{
    let shell = rt.spawn_shell(body);
    loop {
        rt.run_until_idle();
        if let Some(result) = shell.result() {
            return result;
        }
        if rt.io_waits() > 0 {
            // Sleep until an IndexedDB request wakes a process, not on a (clamped) timer.
            rt.io_woken().await;
        } else if !rt.advance_to_next_timer() {
            return Err(rt.deadlock(&shell));
        }
    }
}
