//! What the test files share: small GenServers (each mirrors a seed drill's shape), the
//! trace's log lines, the scenario checker, and the reader of the Erlang-made vector files.
#![allow(dead_code)]

use otp_playground::runtime::*;
use otp_playground::term::Term;
use serde::Serialize;

/// Chapter 6 drill 2: a stack, `push` is a cast, `pop`/`peek` are calls.
#[derive(Serialize, Debug, Default)]
pub struct Stack(pub Vec<i64>);

#[derive(Serialize, Debug)]
pub enum StackCall {
    Pop,
    Peek,
}

#[derive(Serialize, Debug)]
pub enum StackCast {
    Push(i64),
}

impl GenServer for Stack {
    const MODULE: &'static str = "Stack";
    type Args = Vec<i64>;
    type Call = StackCall;
    type Reply = Result<i64, Term>;
    type Cast = StackCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, args: Vec<i64>) -> Init<Self> {
        Init::Ok(Stack(args))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: StackCall, _from: Caller<Self::Reply>) -> CallResult<Self> {
        let empty = Err(Term::atom("empty"));
        match request {
            StackCall::Pop => CallResult::Reply(self.0.pop().ok_or(()).or(empty)),
            StackCall::Peek => CallResult::Reply(self.0.last().copied().ok_or(()).or(empty)),
        }
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, StackCast::Push(item): StackCast) -> Flow<Self> {
        self.0.push(item);
        Flow::NoReply
    }
}

/// A counter that also records info messages and can be told to do the awkward things
/// tests need: stop, sleep in a callback, call another server from a callback.
#[derive(Serialize, Debug, Default)]
pub struct Probe {
    pub count: i64,
    pub infos: Vec<Term>,
    pub continued: Vec<String>,
    #[serde(skip)]
    pub terminated: Option<std::rc::Rc<std::cell::RefCell<Vec<String>>>>,
}

#[derive(Serialize, Debug)]
pub enum ProbeCall {
    Increment,
    Get,
    Infos,
    Continued,
    /// Sleeps `ms` inside handle_call, then replies.
    Slow(u64),
    /// Calls another Probe's `Get` from inside this callback and replies with it plus one.
    Relay(Dest),
    /// `{:stop, reason, reply, state}`
    StopWith(String),
    /// Replies with a continue.
    ReplyThenContinue(String),
}

#[derive(Serialize, Debug)]
pub enum ProbeCast {
    Add(i64),
    Crash(String),
}

#[derive(Serialize, Debug)]
pub enum ProbeInfo {
    Tick,
}

#[derive(Default)]
pub struct ProbeArgs {
    pub start: i64,
    pub continue_with: Option<String>,
    pub trap_exit: bool,
    pub log: Option<std::rc::Rc<std::cell::RefCell<Vec<String>>>>,
}


impl GenServer for Probe {
    const MODULE: &'static str = "Probe";
    type Args = ProbeArgs;
    type Call = ProbeCall;
    type Reply = Term;
    type Cast = ProbeCast;
    type Info = ProbeInfo;
    type Continue = String;

    async fn init(ctx: &Ctx, args: ProbeArgs) -> Init<Self> {
        if args.trap_exit {
            ctx.trap_exit(true);
        }
        let state = Probe { count: args.start, terminated: args.log, ..Default::default() };
        match args.continue_with {
            Some(c) => Init::Continue(state, c),
            None => Init::Ok(state),
        }
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: ProbeCall, _from: Caller<Term>) -> CallResult<Self> {
        match request {
            ProbeCall::Increment => {
                self.count += 1;
                CallResult::Reply(Term::Int(self.count))
            }
            ProbeCall::Get => CallResult::Reply(Term::Int(self.count)),
            ProbeCall::Infos => CallResult::Reply(Term::List(self.infos.clone())),
            ProbeCall::Continued => CallResult::Reply(Term::List(self.continued.iter().map(|s| Term::atom(s)).collect())),
            ProbeCall::Slow(ms) => {
                ctx.sleep(ms).await;
                CallResult::Reply(Term::atom("done"))
            }
            ProbeCall::Relay(dest) => {
                let Term::Int(n) = ctx.call::<Probe>(dest, ProbeCall::Get).await else { unreachable!() };
                CallResult::Reply(Term::Int(n + 1))
            }
            ProbeCall::StopWith(reason) => CallResult::Stop(ExitReason::atom(&reason), Some(Term::atom("bye"))),
            ProbeCall::ReplyThenContinue(c) => CallResult::ReplyContinue(Term::atom("ok"), c),
        }
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, msg: ProbeCast) -> Flow<Self> {
        match msg {
            ProbeCast::Add(n) => {
                self.count += n;
                Flow::NoReply
            }
            ProbeCast::Crash(reason) => Flow::Stop(ExitReason::atom(&reason)),
        }
    }

    async fn handle_info(&mut self, _ctx: &Ctx, msg: Info<ProbeInfo>) -> Flow<Self> {
        self.infos.push(msg.to_term());
        Flow::NoReply
    }

    async fn handle_continue(&mut self, _ctx: &Ctx, arg: String) -> Flow<Self> {
        self.continued.push(arg);
        Flow::NoReply
    }

    fn terminate(&mut self, _ctx: &Ctx, reason: &ExitReason) {
        if let Some(log) = &self.terminated {
            log.borrow_mut().push(reason.to_string());
        }
    }
}

pub fn int(t: Term) -> i64 {
    match t {
        Term::Int(n) => n,
        other => panic!("expected an integer, got {other}"),
    }
}

/// The lines scenarios and processes logged (`ctx.log`), in order.
pub fn log_lines(rt: &Runtime) -> Vec<String> {
    rt.trace_since(0, usize::MAX)
        .into_iter()
        .filter(|e| e.kind == EventKind::Log)
        .filter_map(|e| e.detail.as_ref().and_then(|d| d.as_str().map(str::to_string)))
        .collect()
}

/// Runs every scenario to the end on a fresh runtime and checks that each logged the sheet
/// lines expected of it; `expected` lists the scenarios' ids in order.
pub fn check_scenarios(scenarios: &[otp_playground::scenario::Scenario], chapter: u8, expected: &[(&str, &[&str])]) {
    let ids: Vec<&str> = scenarios.iter().map(|s| s.id).collect();
    assert_eq!(ids, expected.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for (scenario, (_, lines)) in scenarios.iter().zip(expected) {
        assert_eq!(scenario.chapter, chapter);
        assert!(!scenario.title.is_empty() && !scenario.watch.is_empty());
        let rt = Runtime::new();
        assert_eq!(scenario.run_to_end(&rt), Ok(()), "{} failed", scenario.id);
        let logged = log_lines(&rt);
        for line in *lines {
            assert!(logged.iter().any(|l| l == line), "{}: missing {line:?} in {logged:#?}", scenario.id);
        }
    }
}

/// Bytes from hex text (`"83610a"`).
pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// The four tab-separated fields of each line of a vector file made by scripts/vectors/
/// (`#` lines are comments; the last field may hold tabs).
pub fn vector_fields(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.splitn(4, '\t').collect();
            assert_eq!(fields.len(), 4, "bad vector line: {line}");
            fields
        })
        .collect()
}
