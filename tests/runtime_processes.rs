//! Processes, links, monitors, exits, timers, the trace and introspection, under virtual time.
//! Runs natively and, through wasm-bindgen-test, in headless Chromium.

mod support;

use otp_playground::runtime::*;
use otp_playground::term::Term;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
use support::*;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

async fn idle_forever(ctx: Ctx) {
    loop {
        ctx.receive().await;
    }
}

#[test]
fn pids_render_as_elixir_pids_and_are_never_reused() {
    let rt = Runtime::new();
    let a = rt.spawn("a", |_| async {});
    rt.run_until_idle();
    let b = rt.spawn("b", |_| async {});
    assert_ne!(a, b);
    assert_eq!(a.to_string(), format!("#PID<0.{}.0>", a.number()));
    assert_eq!(b.number(), a.number() + 1);
}

#[test]
fn monitor_delivers_down_with_the_exit_reason() {
    let rt = Runtime::new();
    let down = rt.block_on(|ctx| async move {
        let victim = ctx.spawn(idle_forever);
        let monitor = ctx.monitor(victim);
        ctx.exit(victim, ExitReason::atom("boom"));
        (monitor, victim, ctx.receive().await)
    });
    let (monitor, victim, down) = down.unwrap();
    assert_eq!(down, Info::Down { monitor, pid: victim, reason: ExitReason::atom("boom") });
    let shown_ref = otp_playground::term::to_term(&monitor);
    assert_eq!(down.to_term().to_string(), format!("{{:DOWN, {shown_ref}, :process, {victim}, :boom}}"));
}

#[test]
fn monitoring_a_dead_pid_gives_down_noproc() {
    let rt = Runtime::new();
    let dead = rt.spawn("short", |_| async {});
    rt.run_until_idle();
    let down = rt.block_on(move |ctx| async move {
        ctx.monitor(dead);
        ctx.receive().await
    });
    assert!(matches!(down.unwrap(), Info::Down { reason: ExitReason::NoProc, .. }));
}

#[test]
fn demonitor_means_no_down() {
    let rt = Runtime::new();
    let got = rt.block_on(|ctx| async move {
        let victim = ctx.spawn(idle_forever);
        let m = ctx.monitor(victim);
        assert!(ctx.demonitor(m));
        ctx.exit(victim, ExitReason::Kill);
        ctx.receive_timeout(100).await
    });
    assert_eq!(got.unwrap(), None);
    assert_eq!(rt.monitor_count(), 0);
}

#[test]
fn abnormal_exit_kills_linked_processes_that_do_not_trap() {
    let rt = Runtime::new();
    let (a, b) = rt
        .block_on(|ctx| async move {
            let a = ctx.spawn(idle_forever);
            let b = ctx.spawn(move |c| async move {
                c.link(a);
                idle_forever(c).await
            });
            ctx.sleep(1).await;
            ctx.exit(a, ExitReason::atom("crash"));
            ctx.sleep(1).await;
            (a, b)
        })
        .unwrap();
    assert!(!rt.is_alive(a));
    assert!(!rt.is_alive(b), "the link carried the crash");
}

#[test]
fn normal_exit_does_not_kill_linked_processes() {
    let rt = Runtime::new();
    let survivor = rt
        .block_on(|ctx| async move {
            let survivor = ctx.spawn(idle_forever);
            ctx.spawn(move |c| async move {
                c.link(survivor);
            });
            ctx.sleep(1).await;
            survivor
        })
        .unwrap();
    assert!(rt.is_alive(survivor));
}

#[test]
fn trapping_exits_turns_the_signal_into_an_exit_message() {
    let rt = Runtime::new();
    let msg = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let child = ctx.spawn_link(|c| async move {
            c.exit_self(ExitReason::atom("oops")).await;
        });
        (child, ctx.receive().await)
    });
    let (child, msg) = msg.unwrap();
    assert_eq!(msg, Info::Exit { pid: child, reason: ExitReason::atom("oops") });
    assert_eq!(msg.to_term().to_string(), format!("{{:EXIT, {child}, :oops}}"));
}

#[test]
fn kill_cannot_be_trapped_and_links_see_killed() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let trapper = ctx.spawn_link(|c| async move {
            c.trap_exit(true);
            idle_forever(c).await
        });
        ctx.sleep(1).await;
        ctx.exit(trapper, ExitReason::Kill);
        (trapper, ctx.receive().await)
    });
    let (trapper, msg) = result.unwrap();
    assert!(!rt.is_alive(trapper));
    assert_eq!(msg, Info::Exit { pid: trapper, reason: ExitReason::Killed });
}

#[test]
fn shutdown_reasons_propagate_through_links() {
    let rt = Runtime::new();
    let reasons = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let a = ctx.spawn_link(idle_forever);
        let b = ctx.spawn_link(idle_forever);
        ctx.sleep(1).await;
        ctx.exit(a, ExitReason::Shutdown);
        ctx.exit(b, ExitReason::ShutdownWith(Term::atom("restart")));
        let x = ctx.receive().await.to_term().to_string();
        let y = ctx.receive().await.to_term().to_string();
        (a, b, x, y)
    });
    let (a, b, x, y) = reasons.unwrap();
    assert_eq!(x, format!("{{:EXIT, {a}, :shutdown}}"));
    assert_eq!(y, format!("{{:EXIT, {b}, {{:shutdown, :restart}}}}"));
}

#[test]
fn a_trapping_genserver_stops_when_its_parent_exits() {
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let rt = Runtime::new();
    let log2 = log.clone();
    let parent = rt.spawn("parent", move |ctx| async move {
        let args = ProbeArgs { trap_exit: true, log: Some(log2), ..Default::default() };
        ctx.start_link::<Probe>(args, StartOpts::named("Child")).await.unwrap();
        idle_forever(ctx).await
    });
    rt.run_until_idle();
    let child = rt.whereis("Child").unwrap();
    rt.exit(parent, ExitReason::Shutdown);
    rt.run_until_idle();
    assert!(!rt.is_alive(child));
    assert_eq!(*log.borrow(), vec![":shutdown".to_string()]);
}

#[test]
fn send_after_fires_at_its_deadline_and_cancel_returns_the_time_left() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        let me = ctx.pid();
        ctx.send_after(me, "first", 1000);
        let cancelled = ctx.send_after(me, "never", 2000).unwrap();
        ctx.sleep(500).await;
        let left = ctx.cancel_timer(cancelled);
        let first = ctx.receive().await;
        let at = ctx.now();
        let nothing = ctx.receive_timeout(5000).await;
        (left, first, at, nothing)
    });
    let (left, first, at, nothing) = result.unwrap();
    assert_eq!(left, Some(1500));
    assert_eq!(first, Info::Msg(Term::Binary(b"first".to_vec())));
    assert_eq!(at, 1000);
    assert_eq!(nothing, None);
    assert_eq!(rt.pending_timers(), 0);
}

#[test]
fn sleep_suspends_only_the_sleeping_process() {
    let rt = Runtime::new();
    let order = rt.block_on(|ctx| async move {
        let me = ctx.pid();
        ctx.spawn(move |c| async move {
            c.sleep(3000).await;
            c.send(me, "sleeper done").unwrap();
        });
        ctx.spawn(move |c| async move {
            c.send(me, "busy done").unwrap();
        });
        let a = ctx.receive().await.to_term().to_string();
        let t = ctx.now();
        let b = ctx.receive().await.to_term().to_string();
        (a, t, b, ctx.now())
    });
    assert_eq!(order.unwrap(), ("\"busy done\"".into(), 0, "\"sleeper done\"".into(), 3000));
}

#[test]
fn timers_of_an_exited_process_are_cancelled() {
    let rt = Runtime::new();
    let pid = rt.spawn("timers", |ctx| async move {
        let me = ctx.pid();
        for i in 0..10 {
            ctx.send_after(me, i, 10_000 + i);
        }
        idle_forever(ctx).await
    });
    rt.run_until_idle();
    assert_eq!(rt.pending_timers(), 10);
    rt.exit(pid, ExitReason::Kill);
    assert_eq!(rt.pending_timers(), 0);
    assert_eq!(rt.next_timer_at(), None);
}

#[test]
fn one_hundred_thousand_pending_timers_fire_in_deadline_order() {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let received = rt.block_on(|ctx| async move {
        let me = ctx.pid();
        for i in 0..100_000u64 {
            // Deadlines interleave so the heap has real work to do.
            ctx.send_after(me, (i * 7919) % 100_000, 1 + (i * 7919) % 100_000);
        }
        let mut last = 0;
        let mut in_order = true;
        for _ in 0..100_000 {
            let Info::Msg(Term::Int(n)) = ctx.receive().await else { panic!("a timer message") };
            in_order &= n as u64 >= last;
            last = n as u64;
        }
        in_order
    });
    assert_eq!(received, Ok(true));
    assert_eq!(rt.pending_timers(), 0);
}

#[test]
fn cancelled_call_timeouts_do_not_pile_up() {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    let n = rt.block_on(move |ctx| async move {
        for _ in 0..20_000 {
            ctx.call::<Probe>(pid, ProbeCall::Increment).await;
        }
        ctx.call::<Probe>(pid, ProbeCall::Get).await
    });
    assert_eq!(int(n.unwrap()), 20_000);
    assert_eq!(rt.pending_timers(), 0);
    assert_eq!(rt.monitor_count(), 0, "call monitors are removed with their replies");
}

#[test]
fn the_same_scenario_twice_gives_the_same_trace() {
    fn run() -> Vec<String> {
        let rt = Runtime::new();
        rt.start::<Stack>(vec![], StartOpts::named("Stack")).unwrap();
        rt.block_on(|ctx| async move {
            for i in 0..5 {
                ctx.cast::<Stack>("Stack", StackCast::Push(i));
                ctx.spawn(move |c| async move {
                    c.sleep(10 * i as u64).await;
                    let _popped = c.call::<Stack>("Stack", StackCall::Pop).await;
                });
            }
            ctx.sleep(100).await;
        })
        .unwrap();
        rt.trace_since(0, usize::MAX).iter().map(|e| format!("{} {:?} {:?} {:?} {}", e.time, e.kind, e.from, e.to, e.detail_text())).collect()
    }
    let first = run();
    assert!(first.len() > 50);
    assert_eq!(first, run());
}

#[test]
fn a_flood_to_one_process_does_not_starve_another() {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let flooded = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    let other = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    rt.spawn("flooder", move |ctx| async move {
        for _ in 0..10_000 {
            ctx.cast::<Probe>(flooded, ProbeCast::Add(1));
        }
    });
    rt.spawn("poker", move |ctx| async move {
        ctx.cast::<Probe>(other, ProbeCast::Add(1));
    });
    // A few steps in, `other` has had its turn although `flooded` still has thousands queued.
    for _ in 0..6 {
        rt.step();
    }
    rt.tick(0, 4);
    let flooded_row = rt.processes().into_iter().find(|p| p.pid == flooded).unwrap();
    let other_row = rt.processes().into_iter().find(|p| p.pid == other).unwrap();
    assert_eq!(other_row.handled, 1);
    assert!(flooded_row.mailbox_len > 9_000, "mailbox {}", flooded_row.mailbox_len);
    assert!(flooded_row.handled as usize <= 6 + 4 * MESSAGES_PER_TURN as usize, "at most one turn per step or tick slot");
}

#[test]
fn the_trace_is_a_bounded_ring_and_tracing_off_records_nothing() {
    let rt = Runtime::with_trace_capacity(100);
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    rt.block_on(move |ctx| async move {
        for _ in 0..100 {
            ctx.cast::<Probe>(pid, ProbeCast::Add(1));
        }
    })
    .unwrap();
    let events = rt.trace_since(0, usize::MAX);
    assert_eq!(events.len(), 100);
    assert_eq!(events.last().unwrap().seq, rt.trace_cursor() - 1);
    let cursor = rt.trace_cursor();
    rt.set_tracing(false);
    rt.block_on(move |ctx| async move { ctx.cast::<Probe>(pid, ProbeCast::Add(1)) }).unwrap();
    assert_eq!(rt.trace_cursor(), cursor);
}

#[test]
fn trace_records_calls_replies_casts_and_exits_with_elixir_terms() {
    let rt = Runtime::new();
    rt.start::<Stack>(vec![], StartOpts::named("Stack")).unwrap();
    let cursor = rt.trace_cursor();
    let popped = rt.block_on(|ctx| async move {
        ctx.cast::<Stack>("Stack", StackCast::Push(7));
        ctx.call::<Stack>("Stack", StackCall::Pop).await
    });
    assert_eq!(popped, Ok(Ok(7)));
    let shown: Vec<String> = rt
        .trace_since(cursor, usize::MAX)
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Send(kind) => Some(format!("{kind:?} {}", e.detail_text())),
            _ => None,
        })
        .collect();
    assert_eq!(shown, vec!["Cast {:push, 7}", "Call :pop", "Reply {:ok, 7}"]);
}

#[test]
fn inspector_shows_a_suspended_call_with_its_remaining_timeout() {
    let rt = Runtime::new();
    let server = rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let caller = rt.spawn("caller", |ctx| async move {
        ctx.call::<Probe>("SlowServer", ProbeCall::Slow(4000)).await;
    });
    rt.run_until_idle();
    rt.advance_by(1000);
    let detail = rt.process_detail(caller).unwrap();
    assert_eq!(detail.info.status, Status::Suspended);
    assert_eq!(detail.waiting, Some(PendingWait { target: Some(server), remaining_ms: Some(4000) }));
    let server_detail = rt.process_detail(server).unwrap();
    assert_eq!(server_detail.state, None, "the server is busy in handle_call");
    assert_eq!(server_detail.info.name.as_deref(), Some("SlowServer"));
    assert_eq!(server_detail.callers, vec![caller], "the caller waits on the server");
}

#[test]
fn inspector_shows_state_mailbox_links_and_timers() {
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs { start: 5, ..Default::default() }, StartOpts::default()).unwrap();
    rt.send_term(pid, Term::atom("queued")).unwrap();
    let detail = rt.process_detail(pid).unwrap();
    assert_eq!(detail.mailbox, vec![Term::atom("queued")]);
    assert_eq!(detail.info.mailbox_len, 1);
    assert!(detail.state.unwrap().to_string().contains("count: 5"));
    let holder = rt.spawn("holder", move |ctx| async move {
        ctx.link(pid);
        ctx.send_after(ctx.pid(), "tick", 2500);
        idle_forever(ctx).await
    });
    rt.run_until_idle();
    let holder_detail = rt.process_detail(holder).unwrap();
    assert_eq!(holder_detail.links, vec![pid]);
    assert_eq!(holder_detail.timers.len(), 1);
    assert_eq!(holder_detail.timers[0].remaining_ms, 2500);
    assert_eq!(holder_detail.info.status, Status::Waiting);
}

#[test]
fn sending_to_an_unknown_name_is_an_error_and_to_a_dead_pid_is_ignored() {
    let rt = Runtime::new();
    let dead = rt.spawn("short", |_| async {});
    rt.run_until_idle();
    let result = rt.block_on(move |ctx| async move { (ctx.send("Nobody", 1), ctx.send(dead, 1)) }).unwrap();
    assert_eq!(result.0, Err(SendError::UnknownName("Nobody".into())));
    assert_eq!(result.1, Ok(()));
}

#[test]
fn a_shell_waiting_forever_is_reported_as_a_deadlock() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move { ctx.receive().await });
    assert_eq!(result.unwrap_err(), ExitReason::atom("deadlock"));
    assert_eq!(rt.process_count(), 0);
}

#[test]
fn everything_exits_and_nothing_is_left_behind() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let server = ctx.start_link::<Probe>(ProbeArgs::default(), StartOpts::named("P")).await.unwrap();
        let worker = ctx.spawn_link(idle_forever);
        ctx.monitor(server);
        ctx.send_after(worker, "late", 60_000);
        ctx.exit(worker, ExitReason::Kill);
        ctx.stop(server, ExitReason::Shutdown).await.unwrap();
    })
    .unwrap();
    assert_eq!(rt.process_count(), 0);
    assert_eq!(rt.pending_timers(), 0);
    assert_eq!(rt.monitor_count(), 0);
    assert_eq!(rt.whereis("P"), None);
}

#[test]
fn a_process_awaiting_outside_io_is_suspended_until_its_future_wakes_it() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::task::{Poll, Waker};
    #[derive(Default)]
    struct Slot {
        value: Option<i64>,
        waker: Option<Waker>,
    }
    let slot: Rc<RefCell<Slot>> = Rc::default();
    let rt = Runtime::new();
    let got: Rc<RefCell<Option<i64>>> = Rc::default();
    let (slot_in, got_in) = (slot.clone(), got.clone());
    let pid = rt.spawn("reader", move |ctx| async move {
        let value = ctx
            .io(std::future::poll_fn(move |cx| {
                let mut s = slot_in.borrow_mut();
                match s.value.take() {
                    Some(v) => Poll::Ready(v),
                    None => {
                        s.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                }
            }))
            .await;
        *got_in.borrow_mut() = Some(value);
    });
    let other = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    rt.run_until_idle();
    assert_eq!(rt.io_waits(), 1);
    assert_eq!(rt.process_detail(pid).unwrap().info.status, Status::Suspended);
    // Other processes run meanwhile.
    let n = rt.block_on(move |ctx| async move { ctx.call::<Probe>(other, ProbeCall::Increment).await }).unwrap();
    assert_eq!(int(n), 1);
    // The outside world answers and wakes the waker.
    let waker = {
        let mut s = slot.borrow_mut();
        s.value = Some(42);
        s.waker.take().unwrap()
    };
    waker.wake();
    rt.run_until_idle();
    assert_eq!(*got.borrow(), Some(42));
    assert_eq!(rt.io_waits(), 0);
    assert!(!rt.is_alive(pid));
}

#[test]
fn stepping_runs_one_event_at_a_time_and_reports_when_idle() {
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    rt.spawn("client", move |ctx| async move {
        for _ in 0..3 {
            ctx.cast::<Probe>(pid, ProbeCast::Add(1));
        }
    });
    // The client's turn sends all three casts; then each step handles one of them.
    assert_eq!(rt.run_steps(1), 1);
    assert_eq!(rt.process_detail(pid).unwrap().info.mailbox_len, 3);
    assert_eq!(rt.run_steps(2), 2);
    assert_eq!(rt.process_detail(pid).unwrap().info.mailbox_len, 1);
    assert_eq!(rt.run_steps(10), 1, "only one event was left");
    assert!(!rt.step());
    assert!(rt.process_detail(pid).unwrap().state.unwrap().to_string().contains("count: 3"));
}

#[test]
fn task_results_wait_for_await_in_any_order_and_other_messages_do_not_interfere() {
    let rt = Runtime::new();
    let results = rt.block_on(|ctx| async move {
        let slow = ctx.task_async(|t| async move {
            t.sleep(300).await;
            "slow"
        });
        let fast = ctx.task_async(|t| async move {
            t.sleep(100).await;
            "fast"
        });
        let me = ctx.pid();
        ctx.send(me, "an unrelated message").unwrap();
        let first = slow.await_result(&ctx).await;
        let second = fast.await_result(&ctx).await;
        (first, second, ctx.now(), ctx.receive().await.to_term().to_string())
    });
    assert_eq!(results.unwrap(), ("slow", "fast", 300, "\"an unrelated message\"".to_string()));
}

#[test]
fn task_await_times_out_and_a_crashed_task_reports_its_reason() {
    let rt = Runtime::new();
    let outcome = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let sleepy = ctx.task_async(|t| async move {
            t.sleep(10_000).await;
            1
        });
        let timed_out = sleepy.try_await(&ctx, 5000).await;
        let crashing = ctx.task_async(|t| async move {
            t.exit_self(ExitReason::atom("boom")).await;
            #[allow(unreachable_code)]
            0
        });
        let crashed = crashing.try_await(&ctx, Timeout::DEFAULT).await;
        (timed_out, crashed, ctx.now())
    });
    let (timed_out, crashed, now) = outcome.unwrap();
    assert_eq!(timed_out, Err(CallError::Timeout));
    assert_eq!(crashed, Err(CallError::Exit(ExitReason::atom("boom"))));
    assert_eq!(now, 5000);
}

#[test]
fn task_await_without_handling_the_timeout_exits_like_elixir() {
    let rt = Runtime::new();
    let reason = rt
        .block_on(|ctx| async move {
            let task = ctx.task_async(|t| async move {
                t.sleep(10_000).await;
                1
            });
            task.await_result(&ctx).await
        })
        .unwrap_err();
    assert!(reason.to_string().starts_with("{:timeout, {Task, :await, [#PID<0."), "{reason}");
}

#[test]
fn a_driver_waiting_for_io_is_woken_when_a_process_future_makes_progress() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::{Context, Poll, Wake, Waker};
    struct Flag(AtomicBool);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let outside: std::rc::Rc<std::cell::RefCell<Option<Waker>>> = Default::default();
    let rt = Runtime::new();
    let slot = outside.clone();
    rt.spawn("reader", move |ctx| async move {
        ctx.io(std::future::poll_fn(move |cx| {
            *slot.borrow_mut() = Some(cx.waker().clone());
            Poll::<()>::Pending
        }))
        .await;
    });
    rt.run_until_idle();
    let driver = Arc::new(Flag(AtomicBool::new(false)));
    let mut woken = Box::pin(rt.io_woken());
    let driver_waker = Waker::from(driver.clone());
    assert!(woken.as_mut().poll(&mut Context::from_waker(&driver_waker)).is_pending());
    outside.borrow_mut().take().unwrap().wake();
    assert!(driver.0.load(Ordering::SeqCst), "the driver's waker fired");
    assert!(woken.as_mut().poll(&mut Context::from_waker(&driver_waker)).is_ready());
}

#[test]
fn a_process_killed_before_it_first_runs_never_runs() {
    // The page's Kill lands between ticks: a process spawned and queued but not yet polled
    // must die there, not run its first turn (a Todo.Server logging "Starting todo server"
    // after its `:killed` exit) and only then exit.
    let rt = Runtime::new();
    let pid = rt.spawn("victim", |ctx| async move {
        ctx.log("started");
        idle_forever(ctx).await
    });
    rt.exit(pid, ExitReason::Kill);
    rt.run_until_idle();
    assert!(!rt.is_alive(pid));
    let events = rt.trace_since(0, usize::MAX);
    assert!(!events.iter().any(|e| e.kind == EventKind::Log && e.to == Some(pid)), "{events:#?}");
    assert!(events.iter().any(|e| e.kind == EventKind::Exit && e.to == Some(pid)));
}
