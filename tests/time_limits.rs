//! Virtual time never overflows: a timer set past the end of time (`MAX_TIME`) stays
//! pending and never fires, so a huge TTL, sleep, call timeout or jump cannot drag the
//! clock to where every new timer is already due (the runtime would spin) or panic on
//! overflow.

mod support;

use otp_playground::link::{MAX_TTL_SECONDS, parse_ttl};
use otp_playground::runtime::{Ctx, MAX_TIME, Runtime, StartOpts, Timeout};
use otp_playground::systems::kv::{KvOpts, KvServer, PutOpts};
use otp_playground::systems::session::Session;
use otp_playground::term::Term;
use support::{Stack, StackCall};

#[test]
fn a_session_with_the_largest_ttl_answers_and_its_expiry_check_never_comes() {
    let rt = Runtime::new();
    let (pid, value) = rt
        .block_on(|ctx: Ctx| async move {
            ctx.sleep(1_000).await;
            let pid = Session::start_link(&ctx, "forever", u64::MAX).await.unwrap();
            Session::put(&ctx, pid, "k", "v");
            ctx.sleep(10_000).await;
            (pid, Session::get(&ctx, pid, "k").await)
        })
        .unwrap();
    assert_eq!(value, Some(Term::string("v")));
    assert!(rt.is_alive(pid));
    assert_eq!(rt.next_timer_at(), None, "the expiry check is past the end of time");
    assert!(!rt.advance_to_next_timer());
    assert_eq!(rt.now(), 11_000);
}

#[test]
fn a_timer_past_the_end_of_time_never_drags_the_clock_so_periodic_timers_keep_their_period() {
    let rt = Runtime::new();
    rt.spawn("far", |ctx: Ctx| async move {
        ctx.send_after(ctx.pid(), Term::atom("never"), u64::MAX);
        ctx.receive().await;
    });
    rt.run_until_idle();
    assert_eq!(rt.next_timer_at(), None);
    assert!(!rt.advance_to_next_timer());
    assert_eq!(rt.now(), 0);
    rt.spawn("ticker", |ctx: Ctx| async move {
        loop {
            ctx.sleep(1_000).await;
            ctx.log("tick");
        }
    });
    for second in 1..=5 {
        rt.run_until_idle();
        assert!(rt.advance_to_next_timer());
        assert_eq!(rt.now(), second * 1_000);
    }
    rt.run_until_idle();
    assert_eq!(support::log_lines(&rt).iter().filter(|l| *l == "tick").count(), 5);
}

#[test]
fn sleeping_receiving_and_calling_with_huge_timeouts_after_time_has_passed_neither_panic_nor_time_out() {
    let rt = Runtime::new();
    let stack = rt.start::<Stack>(vec![7], StartOpts::default()).unwrap();
    let got = rt
        .block_on(move |ctx: Ctx| async move {
            ctx.sleep(5).await;
            let peeked = ctx.call_timeout::<Stack>(stack, StackCall::Peek, Timeout::Ms(u64::MAX)).await;
            ctx.send_after(ctx.pid(), Term::atom("hi"), 10);
            let received = ctx.receive_timeout(u64::MAX).await.map(|m| m.to_term());
            (peeked, received, ctx.now())
        })
        .unwrap();
    assert_eq!(got.0, Ok(7));
    assert_eq!(got.1, Some(Term::atom("hi")));
    assert_eq!(got.2, 15);
    let sleeper = rt.spawn("sleeper", |ctx: Ctx| async move { ctx.sleep(u64::MAX).await });
    rt.run_until_idle();
    assert!(rt.is_alive(sleeper));
    assert_eq!(rt.next_timer_at(), None);
    let waits = rt.process_detail(sleeper).unwrap();
    assert_eq!(waits.waiting.and_then(|w| w.remaining_ms), None, "a sleep past the end of time shows no countdown");
}

#[test]
fn the_clock_stops_at_the_end_of_time_and_timers_set_there_never_fire() {
    let rt = Runtime::new();
    rt.advance_by(1);
    rt.advance_by(u64::MAX);
    assert_eq!(rt.now(), MAX_TIME);
    rt.tick(u64::MAX, 10);
    assert_eq!(rt.now(), MAX_TIME);
    let pid = rt.spawn("late", |ctx: Ctx| async move {
        ctx.send_after(ctx.pid(), Term::atom("tick"), 1);
        ctx.receive().await;
    });
    rt.run_until_idle();
    assert!(rt.is_alive(pid), "the message never comes");
    assert_eq!(rt.next_timer_at(), None);
    let report = rt.tick(u64::MAX, 1_000);
    assert_eq!(report.steps, 0, "nothing spins");
}

#[test]
fn a_kv_entry_with_the_largest_ttl_does_not_expire_and_does_not_overflow() {
    let rt = Runtime::new();
    let value = rt
        .block_on(|ctx: Ctx| async move {
            let server = KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            ctx.sleep(2_000).await;
            KvServer::put_with(&ctx, server, "k", "v", PutOpts::ttl(i64::MAX)).await;
            ctx.sleep(30_000).await;
            KvServer::get(&ctx, server, "k").await
        })
        .unwrap();
    assert_eq!(value, Some(Term::string("v")));
}

#[test]
fn the_ttl_field_refuses_what_the_clock_cannot_reach_and_says_the_limit() {
    assert_eq!(parse_ttl(" 3600 "), Ok(3600));
    assert_eq!(parse_ttl(&MAX_TTL_SECONDS.to_string()), Ok(9_007_199_254_740));
    assert_eq!(parse_ttl("9223372036854775808").unwrap_err(), "TTL \"9223372036854775808\" is not a number of seconds from 1 to 9007199254740");
    assert_eq!(parse_ttl("0").unwrap_err(), "TTL \"0\" is not a number of seconds from 1 to 9007199254740");
    assert!(parse_ttl("-5").is_err());
    assert!(parse_ttl("1e3").is_err());
}
