//! The page's one runtime and everything the UI keeps beside it: the driver's controls,
//! the storage backend (it outlives resets, as a disk outlives a VM), the diagram's
//! timeline, and the shell jobs the forms started.
//!
//! Components hold an [`EngineHandle`] and borrow it briefly while rendering or in a
//! callback; nothing keeps a borrow across a Yew dispatch.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

use crate::driver::{self, DriverControls};
use crate::replay::{self, Journal};
use crate::runtime::{Ctx, Pid, Runtime, Shell};
use crate::scenario::{self, Scenario};
use crate::storage::{Backend, BackendKind, DEFAULT_DATABASE, SystemLease};
use crate::systems::session::{KindReport, LoadConfig, LoadHandle, spawn_load};

use super::timeline::Timeline;

/// Events read from the trace per animation frame at most; the rest wait for the next.
pub const EVENTS_PER_FRAME: usize = 30_000;

/// Where a tab keeps a system's lease; shared with the shell processes that start systems.
pub type LeaseSlot = Rc<RefCell<Option<SystemLease>>>;

/// A form's request running in a shell process.
pub struct Job {
    pub label: String,
    pub shell: Shell<Result<String, String>>,
}

/// A line of the iex-like output under the forms.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputLine {
    pub input: String,
    pub result: Result<String, String>,
}

pub struct Engine {
    pub rt: Runtime,
    pub controls: DriverControls,
    /// The page's database (its default store); systems get their store of it.
    pub backend: Backend,
    /// Why the storage is not the one asked for (a fallback), if it is not.
    pub storage_notice: Option<String>,
    /// The browser storage has been opened (share-link requests wait for it).
    pub storage_ready: bool,
    /// This tab's lease on the todo system over the browser database (see
    /// `storage::SystemLease`): held from the system's start until another tab asks.
    pub todo_lease: LeaseSlot,
    /// A hand-over of the todo lease is under way (its request was submitted).
    handing_over: bool,
    pub timeline: Timeline,
    cursor: u64,
    pub scenario: Option<&'static str>,
    pub jobs: Vec<Job>,
    /// The requests made since the last reset, in order (the share link encodes them; the
    /// journal refers to them by index).
    pub actions: Vec<super::requests::Request>,
    /// Why this run cannot be scrubbed back (a load run or a flood is not a scenario).
    pub unreplayable: Option<&'static str>,
    /// After a scrub: the run scrubbed in (journal and requests), kept so the learner can
    /// scrub again anywhere in it, until the run moves on from the scrub point.
    replay_source: Option<(Journal, Vec<super::requests::Request>)>,
    /// Inputs in the journal right after the last scrub.
    replayed_inputs: usize,
    /// Scratch in-memory storage for the systems of a replayed run (see `replay_to`).
    scratch_storage: Option<Backend>,
    /// A share link's requests not started yet.
    pub queued: VecDeque<Vec<String>>,
    /// An address's requests that ran on scratch storage, kept until the learner applies
    /// them to their own data (or the run is reset): an address is a view, never a command.
    pub link_actions: Option<(Option<&'static str>, Vec<Vec<String>>)>,
    pub output: Vec<OutputLine>,
    pub output_version: u64,
    /// A session-store load run in progress, and the last run's report lines.
    pub load: Option<LoadHandle>,
    pub load_report: Option<Result<Vec<String>, String>>,
    /// One sample every 100 virtual ms of the load run, for its live charts.
    pub load_samples: Vec<LoadSample>,
    /// Where the next sample's latency window starts (see `LoadHandle::latency_since`).
    load_window: usize,
    /// The run's per-kind latencies so far (the final ones once it ends).
    pub load_kinds: Vec<KindReport>,
    // Frame statistics.
    frames: u32,
    frame_window_start: f64,
    events_in_window: u64,
    pub fps: f64,
    pub events_per_sec: f64,
    last_now: u64,
}

/// A point of the load panel's live charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadSample {
    /// Virtual ms.
    pub at: u64,
    /// Operations finished by then.
    pub done: u64,
    /// p50/p99 of the operations that finished since the previous sample; `None` if none did.
    pub latency: Option<(u64, u64)>,
}

/// What changed in one animation frame, for the reducer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameUpdate {
    pub now: u64,
    pub version: u64,
    pub output_version: u64,
    pub fps: f64,
    pub events_per_sec: f64,
}

#[derive(Clone)]
pub struct EngineHandle(pub Rc<RefCell<Engine>>);

impl PartialEq for EngineHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl EngineHandle {
    pub fn new() -> Self {
        let handle = EngineHandle(Rc::new(RefCell::new(Engine::new(page_backend()))));
        handle.watch_leases();
        handle
    }

    /// Hands the todo system over when another tab asks: on a timer, not per animation
    /// frame, because a tab in the background gets no frames yet must let the other write.
    fn watch_leases(&self) {
        let engine = Rc::downgrade(&self.0);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(100).await;
                let Some(engine) = engine.upgrade() else { return };
                if let Ok(mut engine) = engine.try_borrow_mut() {
                    engine.hand_over_if_wanted();
                }
            }
        });
    }

    pub fn borrow(&self) -> std::cell::Ref<'_, Engine> {
        self.0.borrow()
    }

    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, Engine> {
        self.0.borrow_mut()
    }

    /// The runtime (a cheap clone), so no borrow of the engine is held while it runs.
    pub fn rt(&self) -> Runtime {
        self.0.borrow().rt.clone()
    }

    /// The run's journal (shared with the driver): controls that move the run record there.
    pub fn journal(&self) -> Rc<RefCell<Journal>> {
        self.0.borrow().controls.journal.clone()
    }
}

impl Default for EngineHandle {
    fn default() -> Self {
        EngineHandle::new()
    }
}

/// The storage the systems started from the page use, until the browser's opens
/// ([`open_storage`]): memory.
fn page_backend() -> Backend {
    Backend::memory()
}

/// Where the learner's storage choice is kept across reloads (the page's own setting, in
/// localStorage beside the theme; not data).
const STORAGE_CHOICE_KEY: &str = "otp-playground.storage";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The storage the learner chose last time (IndexedDB if never).
pub fn remembered_storage() -> BackendKind {
    match local_storage().and_then(|s| s.get_item(STORAGE_CHOICE_KEY).ok()?).as_deref() {
        Some("localstorage") => BackendKind::LocalStorage,
        Some("memory") => BackendKind::Memory,
        _ => BackendKind::IndexedDb,
    }
}

/// Keeps the learner's storage choice for the next visit.
pub fn remember_storage(kind: BackendKind) {
    let value = match kind {
        BackendKind::IndexedDb => "indexeddb",
        BackendKind::LocalStorage => "localstorage",
        BackendKind::Memory => "memory",
    };
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_CHOICE_KEY, value);
    }
}

/// Opens the page's database in `kind` (falling back IndexedDB → localStorage → memory) and
/// makes it the one forms start systems on. Systems already running keep their handle.
pub fn open_storage(engine: &EngineHandle, kind: BackendKind) {
    let engine = engine.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let opened = Backend::open_with_fallback(kind, DEFAULT_DATABASE).await;
        let mut eng = engine.borrow_mut();
        eng.backend = opened.backend;
        eng.storage_notice = opened.notice;
        eng.storage_ready = true;
        eng.output_version += 1;
    });
}

impl Engine {
    fn new(backend: Backend) -> Engine {
        let controls = DriverControls::default();
        let rt = Runtime::new();
        driver::start(rt.clone(), controls.clone());
        Engine {
            rt,
            controls,
            backend,
            storage_notice: None,
            storage_ready: false,
            todo_lease: LeaseSlot::default(),
            handing_over: false,
            timeline: Timeline::default(),
            cursor: 0,
            scenario: None,
            jobs: Vec::new(),
            actions: Vec::new(),
            unreplayable: None,
            replay_source: None,
            replayed_inputs: 0,
            scratch_storage: None,
            queued: VecDeque::new(),
            link_actions: None,
            output: Vec::new(),
            output_version: 0,
            load: None,
            load_report: None,
            load_samples: Vec::new(),
            load_window: 0,
            load_kinds: Vec::new(),
            frames: 0,
            frame_window_start: 0.0,
            events_in_window: 0,
            fps: 0.0,
            events_per_sec: 0.0,
            last_now: u64::MAX,
        }
    }

    /// A fresh runtime (every process gone, virtual time 0); storage, speed and pause stay.
    pub fn reset(&mut self) {
        self.controls.stopped.set(true);
        self.controls = DriverControls {
            paused: self.controls.paused.clone(),
            speed: self.controls.speed.clone(),
            stopped: Rc::new(Cell::new(false)),
            journal: Rc::default(),
        };
        self.rt = Runtime::new();
        driver::start(self.rt.clone(), self.controls.clone());
        self.timeline = Timeline::default();
        self.cursor = 0;
        self.scenario = None;
        self.jobs.clear();
        self.actions.clear();
        self.unreplayable = None;
        self.replay_source = None;
        self.scratch_storage = None;
        self.queued.clear();
        self.link_actions = None;
        self.load = None;
        self.last_now = u64::MAX;
        // The status line's rates describe the run that just went.
        self.frames = 0;
        self.events_in_window = 0;
        self.events_per_sec = 0.0;
        self.output_version += 1;
    }

    /// Resets for a run that is not a scenario and will not be replayed (`why` says so to
    /// a scrub), and lets it play.
    pub fn reset_unreplayable(&mut self, why: &'static str) {
        self.reset();
        self.controls.paused.set(false);
        self.unreplayable = Some(why);
        self.controls.journal.borrow_mut().stop();
    }

    /// Resets and starts a session-store load run; the last run's charts and report go.
    pub fn start_load(&mut self, cfg: LoadConfig) {
        self.reset_unreplayable("a load run cannot be replayed: run it again");
        self.load = Some(spawn_load(&self.rt, cfg));
        self.load_report = None;
        self.load_samples.clear();
        self.load_window = 0;
        self.load_kinds.clear();
    }

    /// Resets and spawns the scenario's shell; `paused` leaves it for the learner to step.
    pub fn load_scenario(&mut self, scenario: &Scenario, paused: bool) {
        self.reset();
        self.controls.paused.set(paused);
        scenario.spawn(&self.rt);
        self.scenario = Some(scenario.id);
    }

    /// Runs an address's requests (after its scenario, if any) on scratch in-memory storage:
    /// opening or reloading an address never writes the learner's data. They are kept so
    /// [`Engine::apply_link_actions`] can run them on the page's storage when asked.
    pub fn open_link_actions(&mut self, actions: Vec<Vec<String>>) {
        self.scratch_storage = Some(Backend::memory());
        self.link_actions = Some((self.scenario, actions.clone()));
        self.queued = actions.into_iter().collect();
    }

    /// The learner asked for an address's requests to change their data: the scenario and
    /// the requests run again, this time on the page's storage. `false` if there are none.
    pub fn apply_link_actions(&mut self) -> bool {
        let Some((scenario, actions)) = self.link_actions.take() else { return false };
        match scenario.and_then(find_scenario) {
            Some(scenario) => self.load_scenario(&scenario, false),
            None => {
                self.reset();
                self.controls.paused.set(false);
            }
        }
        self.queued = actions.into_iter().collect();
        true
    }

    /// Scrubs back (or forward): replays the run on a fresh runtime until `event` trace
    /// events have happened, then pauses there. The run is the loaded scenario plus the
    /// journal of ticks, steps and requests (see `crate::replay`), so the replay is the same
    /// run up to that point. Its systems get scratch in-memory storage: the learner's stored
    /// data is never written twice, and writes complete at once under virtual time.
    pub fn replay_to(&mut self, event: u64) -> Result<u64, String> {
        if let Some(why) = self.unreplayable {
            return Err(why.to_string());
        }
        if self.scenario.is_none() && self.actions.is_empty() && self.replay_source.is_none() {
            return Err("nothing to replay yet: run a scenario or make a request first".into());
        }
        if self.replay_source.is_none() && !self.controls.journal.borrow().complete() {
            return Err("this run is too long to replay; reset and run it again".into());
        }
        let scenario = self.scenario.map(|id| find_scenario(id).ok_or("unknown scenario")).transpose()?;
        let (journal, actions) = match self.replay_source.take() {
            Some(source) => source,
            None => (self.controls.journal.borrow().clone(), self.actions.clone()),
        };
        let reached = self.replay_run(scenario.as_ref(), &journal, event, |_, index| {
            actions.get(index).cloned().ok_or_else(|| format!("the run has no request {index}"))
        })?;
        self.replay_source = Some((journal, actions));
        Ok(reached)
    }

    /// Opens a shared run (a link's scenario, journal and requests): replays it to the end,
    /// then scrubs to `at` if given. Each request is parsed when its turn comes, so a pid in
    /// it names the process it named in the original run.
    pub fn open_shared_run(&mut self, scenario: Option<&Scenario>, journal: Journal, requests: &[Vec<String>], at: Option<u64>) -> Result<u64, String> {
        let end = journal.end_event();
        let reached = self.replay_run(scenario, &journal, end, |rt, index| {
            let fields = requests.get(index).ok_or_else(|| format!("the link has no request {index}"))?;
            super::requests::Request::from_fields(fields, &|n| rt.pid_by_number(n)).map_err(|why| format!("the link's request {index}: {why}"))
        })?;
        self.replay_source = Some((journal, self.actions.clone()));
        match at {
            Some(at) if at < reached => self.replay_to(at),
            _ => Ok(reached),
        }
    }

    /// Replays `journal` on a fresh runtime with `scenario` spawned first, to `target`
    /// events; `request(rt, index)` names each request as it comes up. Paused at the end;
    /// systems get scratch storage (see `replay_to`). A request that cannot be made stops
    /// the replay with the reason, as the rest would not be the same run.
    fn replay_run(
        &mut self,
        scenario: Option<&Scenario>,
        journal: &Journal,
        target: u64,
        mut request: impl FnMut(&Runtime, usize) -> Result<super::requests::Request, String>,
    ) -> Result<u64, String> {
        self.reset();
        self.controls.paused.set(true);
        self.scratch_storage = Some(Backend::memory());
        if let Some(scenario) = scenario {
            scenario.spawn(&self.rt);
            self.scenario = Some(scenario.id);
        }
        let rt = self.rt.clone();
        let mut failed = None;
        let replayed = replay::replay(&rt, journal, target, |rt, index| match request(rt, index) {
            Ok(req) if failed.is_none() => super::requests::perform(self, req),
            Ok(_) => {}
            Err(why) => {
                failed.get_or_insert(why);
            }
        });
        if let Some(why) = failed {
            self.reset();
            return Err(why);
        }
        self.replayed_inputs = replayed.inputs().len();
        *self.controls.journal.borrow_mut() = replayed;
        Ok(rt.trace_cursor())
    }

    /// What a link to this exact run carries: the journal and requests (of the whole run
    /// scrubbed in, after a scrub back) and the event it stands at, if before the end.
    pub fn shareable_run(&self) -> Result<(Journal, &[super::requests::Request], Option<u64>), String> {
        if let Some(why) = self.unreplayable {
            return Err(why.to_string());
        }
        if self.scenario.is_none() && self.actions.is_empty() && self.replay_source.is_none() {
            return Err("nothing to share yet: run a scenario or make a request first".into());
        }
        let (at, end) = (self.trace_len(), self.run_end());
        let point = (at < end).then_some(at);
        let (journal, requests) = match &self.replay_source {
            Some((journal, requests)) => (journal.clone(), requests.as_slice()),
            None => (self.controls.journal.borrow().clone(), self.actions.as_slice()),
        };
        if !journal.complete() {
            return Err("this run is too long to share as a link".into());
        }
        Ok((journal, requests, point))
    }

    /// Where the scrub slider ends: the run scrubbed in, or this one.
    pub fn run_end(&self) -> u64 {
        let scrubbed = self.replay_source.as_ref().map_or(0, |(journal, _)| journal.end_event());
        scrubbed.max(self.rt.trace_cursor())
    }

    /// The storage the systems that forms start use: the page's, or a replay's scratch.
    pub fn systems_backend(&self) -> Backend {
        self.scratch_storage.clone().unwrap_or_else(|| self.backend.clone())
    }

    /// Trace events so far (the scrub slider's end).
    pub fn trace_len(&self) -> u64 {
        self.rt.trace_cursor()
    }

    /// Runs `body` in a new shell process; its result lands in [`Engine::output`].
    pub fn run_job<F, Fut>(&mut self, label: impl Into<String>, body: F)
    where
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = Result<String, String>> + 'static,
    {
        let shell = self.rt.spawn_shell(body);
        self.jobs.push(Job { label: label.into(), shell });
        self.output_version += 1;
    }

    pub fn say(&mut self, input: impl Into<String>, result: Result<String, String>) {
        self.output.push(OutputLine { input: input.into(), result });
        if self.output.len() > 200 {
            self.output.remove(0);
        }
        self.output_version += 1;
    }

    /// Once per animation frame: reads new trace events, collects finished jobs, updates
    /// the frame rate. `Some` when anything shown changed.
    pub fn pump(&mut self, now_ms: f64) -> Option<FrameUpdate> {
        super::requests::run_queued(self);
        if self.replay_source.is_some() && self.controls.journal.borrow().inputs().len() != self.replayed_inputs {
            // The run moved on from the scrub point: it is a new run now.
            self.replay_source = None;
        }
        let before = (self.timeline.version, self.output_version);
        let events = self.rt.trace_since(self.cursor, EVENTS_PER_FRAME);
        if let Some(last) = events.last() {
            self.cursor = last.seq + 1;
        }
        self.events_in_window += events.len() as u64;
        self.timeline.ingest(&events);
        drop(events);

        let mut finished = Vec::new();
        self.jobs.retain(|job| match job.shell.result() {
            Some(result) => {
                finished.push(OutputLine {
                    input: job.label.clone(),
                    result: result.unwrap_or_else(|reason| Err(format!("** (EXIT) {reason}"))),
                });
                false
            }
            None => true,
        });
        if let Some(load) = &self.load {
            let (now, (done, _)) = (self.rt.now(), load.progress());
            if self.load_samples.last().is_none_or(|s| now >= s.at + 100) {
                let window = load.latency_since(self.load_window);
                self.load_window = window.next;
                let latency = (window.ops > 0).then_some((window.p50_ms, window.p99_ms));
                self.load_samples.push(LoadSample { at: now, done, latency });
                self.load_kinds = load.kinds_so_far();
                self.output_version += 1;
            }
        }
        if let Some(report) = self.load.as_ref().and_then(|load| load.take_report()) {
            self.load = None;
            if let Ok(r) = &report {
                self.load_kinds = r.kinds.clone();
            }
            self.load_report = Some(report.map(|r| r.summary_lines()));
            self.output_version += 1;
        }
        for line in finished {
            self.say(line.input, line.result);
        }

        self.frames += 1;
        let mut rates_changed = false;
        if now_ms - self.frame_window_start >= 1000.0 {
            let secs = (now_ms - self.frame_window_start) / 1000.0;
            self.fps = self.frames as f64 / secs;
            self.events_per_sec = self.events_in_window as f64 / secs;
            self.frames = 0;
            self.events_in_window = 0;
            self.frame_window_start = now_ms;
            rates_changed = true;
        }
        let now = self.rt.now();
        let changed = before != (self.timeline.version, self.output_version) || now != self.last_now || rates_changed;
        self.last_now = now;
        changed.then_some(FrameUpdate {
            now,
            version: self.timeline.version,
            output_version: self.output_version,
            fps: self.fps,
            events_per_sec: self.events_per_sec,
        })
    }

    /// Another tab wants the todo system: stop ours (after writing what its workers hold)
    /// and let the lease go; released at once when this runtime runs no todo system.
    fn hand_over_if_wanted(&mut self) {
        let wanted = self.todo_lease.borrow().as_ref().is_some_and(SystemLease::wanted_elsewhere);
        if !wanted {
            self.handing_over = false;
            return;
        }
        if self.rt.whereis(crate::systems::todo::Cache::NAME).is_none() && self.rt.whereis(crate::systems::todo::Database::NAME).is_none() {
            if let Some(lease) = self.todo_lease.borrow_mut().take() {
                lease.release();
            }
            self.handing_over = false;
        } else if !self.handing_over {
            self.handing_over = true;
            super::requests::submit(self, super::requests::Request::TodoHandOver);
        }
    }

    /// A process named by `#PID<0.N.0>`, `0.N.0`, `N`, or a registered name.
    pub fn resolve_process(&self, text: &str) -> Result<Pid, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("name a process: #PID<0.12.0>, 12, or a registered name".into());
        }
        if let Some(n) = crate::term::parse_pid_number(text) {
            return self.rt.pid_by_number(n).ok_or_else(|| format!("no live process #PID<0.{n}.0>"));
        }
        let name = text.trim_start_matches(':');
        self.rt.whereis(name).ok_or_else(|| format!("no process registered as {name}"))
    }
}

/// Every scenario, grouped by chapter, in sheet order.
pub fn scenarios_by_chapter() -> Vec<(u8, Vec<Scenario>)> {
    let mut groups: Vec<(u8, Vec<Scenario>)> = Vec::new();
    for s in scenario::all() {
        match groups.iter_mut().find(|(c, _)| *c == s.chapter) {
            Some((_, list)) => list.push(s),
            None => groups.push((s.chapter, vec![s])),
        }
    }
    groups
}

pub fn find_scenario(id: &str) -> Option<Scenario> {
    scenario::all().into_iter().find(|s| s.id == id)
}
