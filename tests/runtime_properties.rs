//! Property tests of the scheduler's invariants (native only: proptest needs an OS RNG).
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use otp_playground::runtime::*;
use otp_playground::term::Term;
use proptest::prelude::*;

/// A send: from sender `from` to receiver `to`, after the sender sleeps `pause` ms.
#[derive(Clone, Debug)]
struct Send {
    from: usize,
    to: usize,
    pause: u64,
}

fn sends() -> impl Strategy<Value = (usize, usize, Vec<Send>)> {
    (1usize..5, 1usize..5).prop_flat_map(|(senders, receivers)| {
        let send = (0..senders, 0..receivers, 0u64..3).prop_map(|(from, to, pause)| Send { from, to, pause });
        (Just(senders), Just(receivers), proptest::collection::vec(send, 0..80))
    })
}

proptest! {
    #[test]
    fn each_message_is_delivered_exactly_once_in_fifo_order_per_pair((senders, receivers, script) in sends()) {
        let rt = Runtime::new();
        rt.set_tracing(false);
        let received: Rc<RefCell<Vec<(usize, i64, i64)>>> = Rc::default();
        let expected_total = script.len();
        let receiver_pids: Vec<Pid> = (0..receivers)
            .map(|r| {
                let received = received.clone();
                rt.spawn("receiver", move |ctx| async move {
                    loop {
                        let msg = ctx.receive().await;
                        let Info::Msg(Term::Tuple(items)) = &msg else { panic!("unexpected") };
                        let (Term::Int(from), Term::Int(seq)) = (&items[0], &items[1]) else { panic!() };
                        received.borrow_mut().push((r, *from, *seq));
                    }
                })
            })
            .collect();
        for s in 0..senders {
            let mine: Vec<Send> = script.iter().filter(|x| x.from == s).cloned().collect();
            let targets = receiver_pids.clone();
            rt.spawn("sender", move |ctx| async move {
                for (seq, send) in mine.into_iter().enumerate() {
                    if send.pause > 0 {
                        ctx.sleep(send.pause).await;
                    }
                    ctx.send(targets[send.to], (s as i64, seq as i64)).unwrap();
                }
            });
        }
        rt.block_on(|ctx| async move { ctx.sleep(1_000).await }).unwrap();
        let got = received.borrow();
        prop_assert_eq!(got.len(), expected_total);
        let mut last: HashMap<(usize, i64), i64> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for &(r, from, seq) in got.iter() {
            prop_assert!(seen.insert((from, seq)), "delivered twice");
            if let Some(prev) = last.insert((r, from), seq) {
                prop_assert!(prev < seq, "FIFO broken for sender {} to receiver {}", from, r);
            }
        }
    }

    #[test]
    fn every_monitor_fires_at_most_once_and_nothing_is_left_behind(
        procs in 2usize..8,
        monitors in proptest::collection::vec((0usize..8, 0usize..8), 0..30),
        links in proptest::collection::vec((0usize..8, 0usize..8), 0..10),
        timers in proptest::collection::vec((0usize..8, 1u64..50_000), 0..20),
        kills in proptest::collection::vec((0usize..8, 0u8..4, 0u64..5), 0..16),
    ) {
        let rt = Runtime::new();
        rt.set_tracing(false);
        let downs: Rc<RefCell<Vec<(Pid, Term)>>> = Rc::default();
        let pids: Vec<Pid> = (0..procs)
            .map(|i| {
                let downs = downs.clone();
                rt.spawn("node", move |ctx| async move {
                    ctx.trap_exit(i % 2 == 0);
                    loop {
                        if let Info::Down { monitor, .. } = ctx.receive().await {
                            downs.borrow_mut().push((ctx.pid(), otp_playground::term::to_term(&monitor)));
                        }
                    }
                })
            })
            .collect();
        rt.run_until_idle();
        let pids2 = pids.clone();
        let helper_downs = downs.clone();
        rt.block_on(move |ctx| async move {
            let pick = |i: usize| pids2[i % pids2.len()];
            // Wire everything up from inside the processes' world via a helper process each.
            for (w, t) in monitors {
                let (watcher, target) = (pick(w), pick(t));
                let downs = helper_downs.clone();
                // A watcher process tied by a link to one node, monitoring another.
                ctx.spawn(move |c| async move {
                    c.link(watcher);
                    c.monitor(target);
                    loop {
                        if let Info::Down { monitor, .. } = c.receive().await {
                            downs.borrow_mut().push((c.pid(), otp_playground::term::to_term(&monitor)));
                        }
                    }
                });
            }
            for (a, b) in links {
                let (a, b) = (pick(a), pick(b));
                ctx.spawn(move |c| async move {
                    c.link(a);
                    c.link(b);
                    loop {
                        c.receive().await;
                    }
                });
            }
            for (owner, after) in timers {
                ctx.send_after(pick(owner), "tick", after);
            }
            for (victim, how, pause) in kills {
                ctx.sleep(pause).await;
                let reason = match how {
                    0 => ExitReason::Kill,
                    1 => ExitReason::Normal,
                    2 => ExitReason::Shutdown,
                    _ => ExitReason::atom("boom"),
                };
                ctx.exit(pick(victim), reason);
            }
            ctx.sleep(10).await;
            // Finally everything goes.
            for p in pids2.iter() {
                ctx.exit(*p, ExitReason::Kill);
            }
        })
        .unwrap();
        rt.advance_by(100_000);
        let all = downs.borrow();
        let mut seen = std::collections::HashSet::new();
        for (watcher, reference) in all.iter() {
            prop_assert!(seen.insert((*watcher, reference.to_string())), "a monitor fired twice");
        }
        prop_assert_eq!(rt.process_count(), 0);
        prop_assert_eq!(rt.pending_timers(), 0);
        prop_assert_eq!(rt.monitor_count(), 0);
    }
}
