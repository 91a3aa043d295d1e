//! GenServer semantics, one test per behaviour, under virtual time.
//! Runs natively and, through wasm-bindgen-test, in headless Chromium.

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use otp_playground::runtime::*;
use otp_playground::term::Term;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
use support::*;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[test]
fn stack_drill_push_is_cast_pop_and_peek_are_calls() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        ctx.start_link::<Stack>(vec![], StartOpts::named("Stack")).await.unwrap();
        for i in 1..=3 {
            ctx.cast::<Stack>("Stack", StackCast::Push(i));
        }
        let peek = ctx.call::<Stack>("Stack", StackCall::Peek).await;
        let pop1 = ctx.call::<Stack>("Stack", StackCall::Pop).await;
        let pop2 = ctx.call::<Stack>("Stack", StackCall::Pop).await;
        let peek2 = ctx.call::<Stack>("Stack", StackCall::Peek).await;
        (peek, pop1, pop2, peek2)
    });
    assert_eq!(result, Ok((Ok(3), Ok(3), Ok(2), Ok(1))));
}

#[test]
fn init_continue_runs_before_the_first_message() {
    let rt = Runtime::new();
    let continued = rt.block_on(|ctx| async move {
        let args = ProbeArgs { continue_with: Some("load_data".into()), ..Default::default() };
        let pid = ctx.start_link::<Probe>(args, StartOpts::default()).await.unwrap();
        ctx.call::<Probe>(pid, ProbeCall::Continued).await
    });
    assert_eq!(continued.unwrap().to_string(), "[:load_data]");
}

struct Validating;
#[derive(serde::Serialize)]
struct ValidatingState(i64);

impl GenServer for ValidatingState {
    const MODULE: &'static str = "InitExamples";
    type Args = i64;
    type Call = Never;
    type Reply = Never;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;
    async fn init(_ctx: &Ctx, value: i64) -> Init<Self> {
        match value {
            v if v > 0 => Init::Ok(ValidatingState(v)),
            0 => Init::Ignore,
            _ => Init::Stop(ExitReason::atom("invalid_initial_value")),
        }
    }
}

#[test]
fn init_stop_makes_start_link_return_the_error_and_the_process_exit() {
    let _ = Validating;
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let started = ctx.start_link::<ValidatingState>(-5, StartOpts::named("InitExamples")).await;
        let exit = ctx.receive().await;
        (started, exit, ctx.whereis("InitExamples"))
    });
    let (started, exit, registered) = result.unwrap();
    assert_eq!(started, Err(StartError::Stop(ExitReason::atom("invalid_initial_value"))));
    assert!(matches!(exit, Info::Exit { reason, .. } if reason == ExitReason::atom("invalid_initial_value")));
    assert_eq!(registered, None, "a failed init frees the name");
}

#[test]
fn init_stop_returns_the_error_to_an_unlinked_starter_that_lives_on() {
    let rt = Runtime::new();
    let started = rt.block_on(|ctx| async move { ctx.start::<ValidatingState>(-5, StartOpts::default()).await });
    assert_eq!(started.unwrap().unwrap_err().to_term().to_string(), ":invalid_initial_value");
}

#[test]
fn init_ignore_returns_ignore_and_the_process_is_gone() {
    let rt = Runtime::new();
    let started = rt.start::<ValidatingState>(0, StartOpts::default());
    assert_eq!(started, Err(StartError::Ignore));
    assert_eq!(rt.process_count(), 0);
}

#[test]
fn registered_name_conflict_gives_already_started_with_the_holder() {
    let rt = Runtime::new();
    let first = rt.start::<Stack>(vec![], StartOpts::named("Stack")).unwrap();
    let second = rt.start::<Stack>(vec![], StartOpts::named("Stack"));
    assert_eq!(second, Err(StartError::AlreadyStarted(first)));
    assert_eq!(second.unwrap_err().to_term().to_string(), format!("{{:already_started, {first}}}"));
    assert_eq!(rt.whereis("Stack"), Some(first));
}

#[test]
fn name_is_freed_when_the_process_dies() {
    let rt = Runtime::new();
    let first = rt.start::<Stack>(vec![], StartOpts::named("Stack")).unwrap();
    rt.exit(first, ExitReason::Kill);
    rt.run_until_idle();
    assert_eq!(rt.whereis("Stack"), None);
    let second = rt.start::<Stack>(vec![], StartOpts::named("Stack")).unwrap();
    assert_ne!(first, second);
}

#[test]
fn call_inside_a_callback_suspends_only_the_calling_process() {
    let rt = Runtime::new();
    let (relay_reply, other_count) = rt
        .block_on(|ctx| async move {
            let slow = ctx.start::<Probe>(ProbeArgs { start: 41, ..Default::default() }, StartOpts::named("Slow")).await.unwrap();
            let relay = ctx.start::<Probe>(ProbeArgs::default(), StartOpts::default()).await.unwrap();
            let other = ctx.start::<Probe>(ProbeArgs::default(), StartOpts::default()).await.unwrap();
            // A helper process keeps `other` busy while `relay` waits for `slow`.
            let _ = slow;
            ctx.spawn(move |c| async move {
                for _ in 0..10 {
                    c.cast::<Probe>(other, ProbeCast::Add(1));
                }
            });
            let reply = ctx.call::<Probe>(relay, ProbeCall::Relay(Dest::from("Slow"))).await;
            let n = ctx.call::<Probe>(other, ProbeCall::Get).await;
            (reply, n)
        })
        .unwrap();
    assert_eq!(int(relay_reply), 42);
    assert_eq!(int(other_count), 10);
}

#[test]
fn call_times_out_after_the_default_5000_ms_and_exits_the_caller() {
    let rt = Runtime::new();
    let slow = rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let start = rt.now();
    let outcome = rt.block_on(|ctx| async move { ctx.call::<Probe>("SlowServer", ProbeCall::Slow(6000)).await });
    let reason = outcome.unwrap_err();
    assert_eq!(rt.now() - start, 5000, "the caller dies at the timeout, not when the server answers");
    assert_eq!(reason.to_string(), "{:timeout, {GenServer, :call, [SlowServer, 5000]}}");
    assert!(rt.is_alive(slow), "the server is unaffected by its caller's timeout");
}

#[test]
fn call_within_the_default_timeout_succeeds() {
    let rt = Runtime::new();
    rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let reply = rt.block_on(|ctx| async move { ctx.call::<Probe>("SlowServer", ProbeCall::Slow(3000)).await });
    assert_eq!(reply.unwrap(), Term::atom("done"));
    assert_eq!(rt.now(), 3000);
}

#[test]
fn custom_timeout_and_infinity_wait_for_slow_replies() {
    let rt = Runtime::new();
    rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let replies = rt.block_on(|ctx| async move {
        let a = ctx.call_timeout::<Probe>("SlowServer", ProbeCall::Slow(6000), 10_000).await;
        let b = ctx.call_timeout::<Probe>("SlowServer", ProbeCall::Slow(20_000), Timeout::Infinity).await;
        (a, b)
    });
    assert_eq!(replies.unwrap(), (Term::atom("done"), Term::atom("done")));
    assert_eq!(rt.now(), 26_000);
}

#[test]
fn late_reply_after_a_timeout_never_lands_in_the_mailbox() {
    let rt = Runtime::new();
    rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let result = rt.block_on(|ctx| async move {
        let r = ctx.try_call::<Probe>("SlowServer", ProbeCall::Slow(6000), 5000).await;
        // Wait past the server's answer; nothing may arrive.
        let late = ctx.receive_timeout(2000).await;
        (r, late.is_none())
    });
    assert_eq!(result.unwrap(), (Err(CallError::Timeout), true));
    let dropped = rt.trace_since(0, usize::MAX).into_iter().filter(|e| e.kind == EventKind::Dropped).count();
    assert_eq!(dropped, 1, "the late reply shows in the trace as dropped");
}

#[test]
fn calling_a_dead_or_unknown_process_gives_noproc() {
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    rt.exit(pid, ExitReason::Kill);
    let results = rt.block_on(move |ctx| async move {
        let dead = ctx.try_call::<Probe>(pid, ProbeCall::Get, Timeout::DEFAULT).await;
        let unknown = ctx.try_call::<Probe>("Nobody", ProbeCall::Get, Timeout::DEFAULT).await;
        (dead, unknown)
    });
    assert_eq!(results.unwrap(), (Err(CallError::NoProc), Err(CallError::NoProc)));
    let crash = rt.block_on(|ctx| async move { ctx.call::<Probe>("Nobody", ProbeCall::Get).await });
    assert_eq!(crash.unwrap_err().to_string(), "{:noproc, {GenServer, :call, [:Nobody_is_not_a_module, 5000]}}".replace(":Nobody_is_not_a_module", "Nobody"));
}

#[test]
fn calling_yourself_gives_calling_self() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        let me = ctx.pid();
        ctx.try_call::<Probe>(me, ProbeCall::Get, Timeout::DEFAULT).await
    });
    assert_eq!(result.unwrap(), Err(CallError::CallingSelf));
}

#[test]
fn server_dying_during_a_call_exits_the_caller_with_its_reason() {
    let rt = Runtime::new();
    rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let result = rt.block_on(|ctx| async move {
        let victim = ctx.whereis("SlowServer").unwrap();
        ctx.spawn(move |c| async move {
            c.sleep(100).await;
            c.exit(victim, ExitReason::atom("boom"));
        });
        ctx.try_call::<Probe>("SlowServer", ProbeCall::Slow(1000), Timeout::DEFAULT).await
    });
    assert_eq!(result.unwrap(), Err(CallError::Exit(ExitReason::atom("boom"))));
}

#[test]
fn noreply_then_reply_from_another_process_answers_the_caller() {
    // DatabasePool's shape: the server keeps `from` and someone replies later.
    #[derive(serde::Serialize, Default)]
    struct Pool {
        waiting: Vec<Caller<Term>>,
    }
    #[derive(serde::Serialize)]
    enum PoolCall {
        Checkout,
        Waiting,
    }
    impl GenServer for Pool {
        const MODULE: &'static str = "Pool";
        type Args = ();
        type Call = PoolCall;
        type Reply = Term;
        type Cast = Never;
        type Info = Never;
        type Continue = Never;
        async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
            Init::Ok(Pool::default())
        }
        async fn handle_call(&mut self, ctx: &Ctx, request: PoolCall, from: Caller<Term>) -> CallResult<Self> {
            match request {
                PoolCall::Checkout => {
                    self.waiting.push(from);
                    // Hand `from` to a helper, which replies on the server's behalf.
                    ctx.spawn(move |helper| async move {
                        helper.sleep(250).await;
                        helper.reply(from, Term::atom("conn"));
                    });
                    CallResult::NoReply
                }
                PoolCall::Waiting => CallResult::Reply(Term::Int(self.waiting.len() as i64)),
            }
        }
    }
    let rt = Runtime::new();
    let pool = rt.start::<Pool>((), StartOpts::default()).unwrap();
    let (reply, waiting) = rt
        .block_on(move |ctx| async move {
            let reply = ctx.call::<Pool>(pool, PoolCall::Checkout).await;
            (reply, ctx.call::<Pool>(pool, PoolCall::Waiting).await)
        })
        .unwrap();
    assert_eq!(reply, Term::atom("conn"));
    assert_eq!(waiting, Term::Int(1), "the server still holds the caller it handed off");
    assert_eq!(rt.now(), 250);
    let detail = rt.process_detail(pool).unwrap();
    assert!(detail.state.unwrap().to_string().contains("#PID<0."), "from is kept in the state as {{pid, ref}}");
}

#[test]
fn stop_with_reply_runs_terminate_then_answers() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let rt = Runtime::new();
    let args = ProbeArgs { log: Some(log.clone()), ..Default::default() };
    let pid = rt.start::<Probe>(args, StartOpts::default()).unwrap();
    let reply = rt.block_on(move |ctx| async move { ctx.call::<Probe>(pid, ProbeCall::StopWith("shutdown".into())).await });
    assert_eq!(reply.unwrap(), Term::atom("bye"));
    assert_eq!(*log.borrow(), vec![":shutdown".to_string()]);
    assert!(!rt.is_alive(pid));
}

#[test]
fn reply_with_continue_runs_handle_continue_next() {
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::default()).unwrap();
    let continued = rt.block_on(move |ctx| async move {
        ctx.call::<Probe>(pid, ProbeCall::ReplyThenContinue("refresh".into())).await;
        ctx.call::<Probe>(pid, ProbeCall::Continued).await
    });
    assert_eq!(continued.unwrap().to_string(), "[:refresh]");
}

#[test]
fn handle_info_gets_plain_sends_timer_messages_and_raw_terms() {
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("Probe")).unwrap();
    rt.send_term(pid, Term::Tuple(vec![Term::atom("hello"), Term::Int(1)])).unwrap();
    let infos = rt.block_on(move |ctx| async move {
        ctx.send(pid, ProbeInfo::Tick).unwrap();
        ctx.send_after(pid, ProbeInfo::Tick, 1000);
        ctx.sleep(1500).await;
        ctx.call::<Probe>("Probe", ProbeCall::Infos).await
    });
    assert_eq!(infos.unwrap().to_string(), "[{:hello, 1}, :tick, :tick]");
}

#[test]
fn stop_from_the_client_runs_terminate_and_waits_for_the_exit() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let rt = Runtime::new();
    let pid = rt.start::<Probe>(ProbeArgs { log: Some(log.clone()), ..Default::default() }, StartOpts::default()).unwrap();
    let stopped = rt.block_on(move |ctx| async move { ctx.stop(pid, ExitReason::Normal).await });
    assert_eq!(stopped.unwrap(), Ok(()));
    assert!(!rt.is_alive(pid));
    assert_eq!(*log.borrow(), vec![":normal".to_string()]);
}

#[test]
fn callback_returning_stop_crashes_the_server_with_that_reason() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        let pid = ctx.start::<Probe>(ProbeArgs::default(), StartOpts::default()).await.unwrap();
        let monitor = ctx.monitor(pid);
        ctx.cast::<Probe>(pid, ProbeCast::Crash("boom".into()));
        (monitor, pid, ctx.receive().await)
    });
    let (monitor, pid, down) = result.unwrap();
    assert_eq!(down, Info::Down { monitor, pid, reason: ExitReason::atom("boom") });
}

#[test]
fn a_cast_of_the_wrong_type_crashes_the_server_like_a_missing_clause() {
    let rt = Runtime::new();
    let stack = rt.start::<Stack>(vec![], StartOpts::default()).unwrap();
    let down = rt.block_on(move |ctx| async move {
        ctx.monitor(stack);
        ctx.cast::<Probe>(stack, ProbeCast::Add(1));
        ctx.receive().await
    });
    let Info::Down { reason, .. } = down.unwrap() else { panic!("expected DOWN") };
    assert_eq!(reason.to_string(), "{:bad_cast, {:add, 1}}");
}

#[test]
fn terminate_runs_after_a_failed_call_inside_a_callback() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let rt = Runtime::new();
    let relay = rt.start::<Probe>(ProbeArgs { log: Some(log.clone()), ..Default::default() }, StartOpts::default()).unwrap();
    let reply = rt.block_on(move |ctx| async move { ctx.try_call::<Probe>(relay, ProbeCall::Relay(Dest::from("Missing")), Timeout::DEFAULT).await });
    let expected = "{:noproc, {GenServer, :call, [:Missing, 5000]}}".replace(":Missing", "Missing");
    let Err(CallError::Exit(reason)) = reply.unwrap() else { panic!("the relay should have crashed") };
    assert_eq!(reason.to_string(), expected);
    assert_eq!(*log.borrow(), vec![expected]);
}

#[test]
fn calls_with_many_different_timeouts_each_time_out_at_their_own_deadline() {
    // More distinct durations than the runtime keeps timeout queues for: the rest use timers.
    let rt = Runtime::new();
    rt.start::<Probe>(ProbeArgs::default(), StartOpts::named("SlowServer")).unwrap();
    let timeouts = [700u64, 300, 500, 100, 900, 200, 300];
    let ends = rt.block_on(move |ctx| async move {
        let me = ctx.pid();
        for ms in timeouts {
            ctx.spawn(move |c| async move {
                let r = c.try_call::<Probe>("SlowServer", ProbeCall::Slow(60_000), ms).await;
                assert_eq!(r, Err(CallError::Timeout));
                c.send(me, (ms as i64, c.now() as i64)).unwrap();
            });
        }
        let mut ends = Vec::new();
        for _ in timeouts {
            ends.push(ctx.receive().await.to_term().to_string());
        }
        ends
    });
    assert_eq!(
        ends.unwrap(),
        vec!["{100, 100}", "{200, 200}", "{300, 300}", "{300, 300}", "{500, 500}", "{700, 700}", "{900, 900}"]
    );
}
