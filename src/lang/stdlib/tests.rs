//! The natives against real Elixir: every line of `tests/vectors/lang_stdlib.txt` (made by
//! `scripts/gen_lang_stdlib_vectors.exs`) is a call, its arguments and what Elixir 1.14
//! returned or raised. Each call goes through the registry as the machine makes it.

use crate::lang::atom::Atom;
use crate::lang::code::ModuleTable;
use crate::lang::convert::{from_term, inspect};
use crate::lang::exception::{builtin_message, normalize_error, Kind};
use crate::lang::native::{lookup, Ctx};
use crate::lang::value::Value;
use crate::term::{binary_to_term, Term};

const VECTORS: &str = include_str!("../../../tests/vectors/lang_stdlib.txt");

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digit")).collect()
}

fn decode(text: &str) -> Term {
    binary_to_term(&unhex(text)).expect("a vector decodes")
}

/// What one call gave, in the form the vector file states it.
fn outcome(module: Atom, fun: Atom, args: &[Value]) -> Result<Result<Value, (Atom, String)>, String> {
    let native = lookup(module, fun, args.len() as u32)
        .ok_or_else(|| format!("no native {}.{}/{}", module.module_name(), fun.name(), args.len()))?;
    let modules = ModuleTable::default();
    let mut stdout = Vec::new();
    let mut next_ref = 0;
    let mut sent = Vec::new();
    let mut ctx = Ctx { stdout: &mut stdout, modules: &modules, self_pid: 0, next_ref: &mut next_ref, sent: &mut sent };
    Ok(match native(&mut ctx, args) {
        Ok(v) => Ok(v),
        Err(raise) => {
            assert_eq!(raise.kind, Kind::Error, "natives raise errors");
            let e = normalize_error(&raise.value);
            let name = e.struct_name().expect("an exception struct");
            Err((name, builtin_message(&e).unwrap_or_else(|| "<no message>".to_string())))
        }
    })
}

#[test]
fn natives_return_and_raise_what_elixir_does() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in VECTORS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [call, mfa, kind, expected] = cols[..] else { panic!("bad vector line: {line}") };
        let mfa_term = decode(mfa);
        let Term::Tuple(ref mfa) = mfa_term else { panic!("mfa of {call}") };
        let (Term::Atom(m), Term::Atom(f), Term::List(args)) = (&mfa[0], &mfa[1], &mfa[2]) else { panic!("mfa of {call}") };
        let args: Vec<Value> = args.iter().map(from_term).collect();
        checked += 1;
        let got = match outcome(Atom::intern(m), Atom::intern(f), &args) {
            Ok(got) => got,
            Err(missing) => {
                failures.push(format!("{call}: {missing}"));
                continue;
            }
        };
        let want = decode(expected);
        match (kind, got) {
            ("ok", Ok(v)) => {
                let want = from_term(&want);
                if v != want {
                    failures.push(format!("{call}: got {}, Elixir gives {}", inspect(&v), inspect(&want)));
                }
            }
            ("raise", Err((name, message))) => {
                let Term::Tuple(ref pair) = want else { panic!("raise of {call}") };
                let (Term::Atom(want_name), Term::Binary(want_message)) = (&pair[0], &pair[1]) else { panic!("raise of {call}") };
                let want_message = String::from_utf8_lossy(want_message);
                if &*name.name() != want_name || message != want_message {
                    failures.push(format!(
                        "{call}: raised {} {message:?}, Elixir raises {} {want_message:?}",
                        name.module_name(),
                        Atom::intern(want_name).module_name()
                    ));
                }
            }
            ("ok", Err((name, message))) => {
                failures.push(format!("{call}: raised {} {message:?}, Elixir returns {}", name.module_name(), inspect(&from_term(&want))))
            }
            (_, Ok(v)) => failures.push(format!("{call}: returned {}, Elixir raises {want:?}", inspect(&v))),
            _ => unreachable!(),
        }
    }
    assert!(checked > 400, "the vector file has its calls");
    assert!(failures.is_empty(), "{} of {checked} calls differ from Elixir:\n{}", failures.len(), failures.join("\n"));
}
