//! Scrubbing back: a run recorded in a journal (irregular driver ticks, single steps, a
//! request made from outside) replays on a fresh runtime to the same events.

use otp_playground::replay::{Input, Journal, replay};
use otp_playground::runtime::{Runtime, TraceEvent};
use otp_playground::scenario::{self, Scenario};
use otp_playground::systems::todo;
use otp_playground::term::Date;

fn scenario(id: &str) -> Scenario {
    scenario::all().into_iter().find(|s| s.id == id).unwrap()
}

/// What the page's "Add entry" form does: a shell process asks the cache for Carol's
/// server and casts an entry to it.
fn add_entry_request(rt: &Runtime, _index: usize) {
    rt.spawn("shell", |ctx| async move {
        let server = todo::Cache::server_process(&ctx, "Carol").await;
        todo::Server::add_entry(&ctx, server, todo::NewEntry::new(Date::new(2024, 1, 22), "Replay me"));
    });
}

fn trace(rt: &Runtime) -> Vec<TraceEvent> {
    rt.trace_since(0, usize::MAX)
}

/// Drives the todo cache scenario the way the browser does: ticks at irregular virtual times
/// with different turn budgets, a pause with two single steps, and a request in between.
fn live_run() -> (Journal, Vec<TraceEvent>) {
    let rt = Runtime::new();
    scenario("ch7.todo_cache").spawn(&rt);
    let mut journal = Journal::new();
    let mut now = 0;
    for i in 0..10_000 {
        now += [3, 17, 250, 1][i % 4];
        let report = journal.tick(&rt, now, [256, 2, 7, 1][i % 4]);
        if i == 3 {
            journal.step(&rt);
            journal.step(&rt);
        }
        if i == 6 {
            journal.request(&rt, 0);
            add_entry_request(&rt, 0);
            journal.performed(&rt);
        }
        if i > 6 && report.idle && report.next_timer.is_none() {
            break;
        }
    }
    assert!(rt.trace_cursor() > 50, "the run did something: {} events", rt.trace_cursor());
    (journal, trace(&rt))
}

fn replayed(journal: &Journal, target: u64) -> (Runtime, Journal) {
    let rt = Runtime::new();
    scenario("ch7.todo_cache").spawn(&rt);
    let out = replay(&rt, journal, target, add_entry_request);
    (rt, out)
}

#[test]
fn replaying_a_whole_run_gives_the_same_events() {
    let (journal, live) = live_run();
    let (rt, _) = replayed(&journal, journal.end_event());
    assert_eq!(trace(&rt), live, "same events, pids, times and messages");
    assert!(
        live.iter().any(|e| e.detail_text().contains("Replay me")),
        "the request's entry is in the run"
    );
}

#[test]
fn a_scrub_stops_at_the_first_turn_boundary_at_or_after_the_target_with_the_runs_events() {
    let (journal, live) = live_run();
    for target in [1, 7, 20, journal.end_event() / 2, journal.end_event() - 1] {
        let (rt, _) = replayed(&journal, target);
        let reached = rt.trace_cursor();
        assert!(reached >= target, "target {target}, reached {reached}");
        assert!(reached - target < 16, "stopped near the target {target}: {reached}");
        assert_eq!(trace(&rt), live[..reached as usize], "the first {reached} events are the run's");
    }
}

#[test]
fn scrubbing_twice_to_the_same_event_gives_the_same_state() {
    let (journal, _) = live_run();
    let target = journal.end_event() / 3;
    let (first, _) = replayed(&journal, target);
    let (second, _) = replayed(&journal, target);
    assert_eq!(trace(&first), trace(&second));
    assert_eq!(first.now(), second.now());
    assert_eq!(first.processes(), second.processes());
}

#[test]
fn a_run_continued_after_a_scrub_is_itself_replayable() {
    let (journal, _) = live_run();
    let (rt, mut continued) = replayed(&journal, journal.end_event() / 2);
    // The learner steps, then plays on at another pace: a new run from the scrub point.
    continued.step(&rt);
    let mut now = rt.now();
    for _ in 0..10_000 {
        now += 40;
        let report = continued.tick(&rt, now, 3);
        if report.idle && report.next_timer.is_none() {
            break;
        }
    }
    let (again, _) = replayed(&continued, continued.end_event());
    assert_eq!(trace(&again), trace(&rt));
}

#[test]
fn past_the_journal_a_replay_goes_on_one_event_at_a_time_under_virtual_time() {
    // A share link carries no journal: the scenario alone, stepped to the point.
    let (rt, out) = replayed(&Journal::new(), 40);
    assert!(rt.trace_cursor() >= 40);
    assert_eq!(out.end_event(), rt.trace_cursor(), "the steps taken are the new run's journal");
    let (again, _) = replayed(&out, out.end_event());
    assert_eq!(trace(&again), trace(&rt));
}

#[test]
fn a_journal_stops_recording_when_the_run_grows_too_long_and_says_so() {
    let rt = Runtime::new();
    rt.spawn("Ticker", |ctx| async move {
        loop {
            ctx.sleep(1).await;
        }
    });
    let mut journal = Journal::new();
    let mut ticks = 0u64;
    while journal.complete() && ticks < 1 << 20 {
        ticks += 1;
        // A tick per virtual ms, each running the timer's step, and a request between two
        // ticks: two inputs each time.
        journal.tick(&rt, ticks, 4);
        journal.request(&rt, 0);
    }
    assert!(!journal.complete(), "still recording after {ticks} ticks");
    assert!(ticks > 100_000, "it keeps a long run: {ticks} ticks");
    assert!(journal.inputs().len() < 2 * ticks as usize);

    let mut stopped = Journal::new();
    stopped.tick(&rt, ticks + 1, 4);
    stopped.stop();
    assert!(!stopped.complete() && stopped.inputs().is_empty());
}

/// Runs `id` with ticks `step` virtual ms apart, each of at most `turns` turns, until nothing
/// is left to do.
fn ticked_run(id: &str, step: u64, turns: usize) -> (Journal, Vec<TraceEvent>) {
    let rt = Runtime::new();
    scenario(id).spawn(&rt);
    let mut journal = Journal::new();
    let mut now = 0;
    loop {
        now += step;
        let report = journal.tick(&rt, now, turns);
        if report.idle && report.next_timer.is_none() {
            break;
        }
    }
    (journal, trace(&rt))
}

#[test]
fn how_ticks_cut_a_run_changes_neither_its_events_nor_its_journal() {
    // 60 frames a second at 1x, and 1 virtual ms per tick with 3 turns each.
    let (fast, fast_events) = ticked_run("ch6.logger", 16, 256);
    let (slow, slow_events) = ticked_run("ch6.logger", 1, 3);
    assert_eq!(fast_events, slow_events, "the same events at the same times");
    assert!(
        fast_events.iter().any(|e| e.time == 250 && e.detail_text().contains("timestamp: 250")),
        "the 250 ms timer fired at 250"
    );
    let turns = |j: &Journal| match j.inputs() {
        [Input::Ticks { turns, .. }] => *turns,
        other => panic!("consecutive ticks are one input: {other:?}"),
    };
    assert_eq!(turns(&fast), turns(&slow));
    let (rt, _) = replayed_scenario("ch6.logger", &slow, slow.end_event());
    assert_eq!(trace(&rt), fast_events, "either journal replays to the run");
}

fn replayed_scenario(id: &str, journal: &Journal, target: u64) -> (Runtime, Journal) {
    let rt = Runtime::new();
    scenario(id).spawn(&rt);
    let out = replay(&rt, journal, target, |_, _| {});
    (rt, out)
}

#[test]
fn a_link_made_before_ticks_fired_timers_on_time_replays_the_run_it_recorded() {
    // Recorded by the page's old driver (commit 3d3ad8e): ticks every 16 virtual ms jumped the
    // clock to their time first, so the logger's 250 ms wait ended at 272 and its check failed.
    let old = Journal::decode("r~tg-4.t7k-4").unwrap();
    assert_eq!(old.inputs(), [Input::TurnsAt { now: 16, turns: 4 }, Input::TurnsAt { now: 272, turns: 4 }]);
    let (rt, out) = replayed_scenario("ch6.logger", &old, old.end_event());
    let events = trace(&rt);
    assert_eq!(events.len(), 27, "the recorded run's 27 events");
    let times: Vec<u64> = events.iter().map(|e| e.time).collect();
    assert_eq!(times, [[0].as_slice(), &[16; 13], &[272; 13]].concat());
    assert!(events.iter().any(|e| e.detail_text().contains("timestamp: 272")), "the run as the old page showed it");
    assert_eq!(out.encode(), "r~tg-4.t7k-4", "its replay is recorded the old way, so its link stays the same");
}

#[test]
fn a_journal_round_trips_through_its_share_link_text() {
    let (journal, live) = live_run();
    let text = journal.encode();
    assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || "~.-".contains(c)), "{text}");
    let decoded = Journal::decode(&text).unwrap();
    assert_eq!(decoded, journal);
    // The link's run is the run.
    let (rt, _) = replayed(&decoded, decoded.end_event());
    assert_eq!(trace(&rt), live);
}

#[test]
fn a_malformed_share_link_run_is_a_clear_error() {
    for (text, says) in [
        ("", "no \"~\""),
        ("zz", "no \"~\""),
        ("!~t0-1", "not a base-36 number"),
        ("10~t0", "has no \"-\""),
        ("10~x0-1", "of an unknown kind \"x\""),
        ("10~t0-$", "not a base-36 number"),
    ] {
        let error = Journal::decode(text).unwrap_err();
        assert!(error.contains(says), "{text:?}: {error}");
    }
    assert_eq!(Journal::decode("0~").unwrap(), Journal::new());
}
