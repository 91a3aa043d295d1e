//! The browser driver: moves the runtime's virtual time along with the page's real time.
//!
//! This file is the only place the scheduler meets a browser clock. Each frame it reads
//! `performance.now()`, moves the tick's target on by the elapsed real time times `speed`
//! (unless paused), and lets the runtime run a bounded slice up to it ([`Runtime::tick`]), so
//! the page stays responsive however many messages flow. When the runtime is idle the driver sleeps until the
//! next timer's deadline with one `gloo-timers` timeout: never one browser timer per pending
//! timer.
//!
//! The loop's decisions live in [`Pacer`], which takes the real time as a number: native
//! tests drive it with a fake wall clock and fake frame timings.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::replay::Journal;
use crate::runtime::{Runtime, TickReport};

/// Process turns per tick: small enough to keep frames under a few milliseconds.
pub const STEPS_PER_TICK: usize = 256;

/// The longest the loop sleeps between two frames, in real ms: it still notices pause, speed
/// and stop.
pub const IDLE_SLEEP_MS: u32 = 50;

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

/// What the loop does after a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// Sleep this many real ms (0: only yield to the browser).
    Sleep(u32),
    /// Sleep until browser I/O wakes a process (at most [`IDLE_SLEEP_MS`]).
    Io,
}

/// One frame: the tick it ran (none while paused) and what to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub tick: Option<TickReport>,
    pub wait: Wait,
}

/// The driver loop's clock: turns real time and the chosen speed into tick targets.
///
/// Speed only decides how much real time a virtual millisecond takes: each frame the target
/// moves on by the real time since the last frame times the speed, and [`Runtime::tick`]
/// fires every timer up to it at its own deadline. Two rules keep the clock honest:
/// - a tick that runs out of turns leaves the clock at its work, and the rest of the frame's
///   time is dropped: a busy run slows virtual time down instead of racing to catch up;
/// - while a process waits on browser I/O the clock stands still (the tick does not move it,
///   and the real time spent waiting is not banked), so a slow IndexedDB never makes a call
///   time out, at any speed.
pub struct Pacer {
    last_real: f64,
    /// Where the clock should be by now (virtual ms), never behind the runtime's clock.
    target: f64,
}

impl Pacer {
    /// A pacer starting at real time `real_now` (ms) and the runtime's current virtual time.
    pub fn new(rt: &Runtime, real_now: f64) -> Pacer {
        Pacer { last_real: real_now, target: rt.now() as f64 }
    }

    /// One frame at real time `real_now` (ms): runs a tick, recorded in `journal`, and says
    /// how long to wait before the next. `speed` is virtual ms per real ms, `f64::INFINITY`
    /// for as fast as possible.
    pub fn frame(&mut self, rt: &Runtime, journal: &mut Journal, real_now: f64, speed: f64, paused: bool) -> Frame {
        let elapsed = (real_now - self.last_real).max(0.0);
        self.last_real = real_now;
        // The learner's steps and jumps move the clock too: never aim behind it.
        self.target = self.target.max(rt.now() as f64);
        if paused {
            return Frame { tick: None, wait: Wait::Sleep(IDLE_SLEEP_MS) };
        }
        let report = if rt.io_waits() > 0 {
            journal.tick(rt, rt.now(), STEPS_PER_TICK)
        } else if speed.is_finite() {
            self.target += elapsed * speed;
            journal.tick(rt, self.target as u64, STEPS_PER_TICK)
        } else {
            journal.tick_unbounded(rt, STEPS_PER_TICK)
        };
        if !report.idle || rt.io_waits() > 0 {
            self.target = rt.now() as f64;
        }
        let wait = if !report.idle {
            // Yield to the browser even when busy, so input and painting go on.
            Wait::Sleep(0)
        } else if rt.io_waits() > 0 {
            Wait::Io
        } else {
            match report.next_timer {
                Some(t) if speed.is_finite() => {
                    Wait::Sleep((((t as f64 - self.target) / speed).ceil() as u32).clamp(1, IDLE_SLEEP_MS))
                }
                _ => Wait::Sleep(IDLE_SLEEP_MS),
            }
        };
        Frame { tick: Some(report), wait }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{block_on_async, start};

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::future::Future;
    use std::pin::pin;
    use std::task::Poll;

    use gloo_timers::future::TimeoutFuture;

    use super::{DriverControls, IDLE_SLEEP_MS, Pacer, Wait};
    use crate::runtime::{Ctx, ExitReason, Runtime};

    fn performance_now() -> f64 {
        web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
    }

    /// Starts driving `rt` in the background; stop it with `controls.stopped`.
    pub fn start(rt: Runtime, controls: DriverControls) {
        wasm_bindgen_futures::spawn_local(async move {
            let mut pacer = Pacer::new(&rt, performance_now());
            while !controls.stopped.get() {
                let frame = pacer.frame(
                    &rt,
                    &mut controls.journal.borrow_mut(),
                    performance_now(),
                    controls.speed.get(),
                    controls.paused.get(),
                );
                match frame.wait {
                    // Yield to the browser even when busy, so input and painting go on.
                    Wait::Sleep(ms) => TimeoutFuture::new(ms).await,
                    Wait::Io => {
                        let mut woken = pin!(rt.io_woken());
                        let mut timeout = pin!(TimeoutFuture::new(IDLE_SLEEP_MS));
                        std::future::poll_fn(|cx| {
                            if woken.as_mut().poll(cx).is_ready() || timeout.as_mut().poll(cx).is_ready() {
                                Poll::Ready(())
                            } else {
                                Poll::Pending
                            }
                        })
                        .await
                    }
                }
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
}
