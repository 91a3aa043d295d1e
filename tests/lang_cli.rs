//! The native script runner, `otp-playground FILE.exs` (src/main.rs): it must behave like
//! `elixir FILE.exs` — what the script prints on stdout, the uncaught error on stderr, the exit
//! status — and refuse a missing file or a missing argument with a line and status 1.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

const BINARY: &str = env!("CARGO_BIN_EXE_otp-playground");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A corpus program that prints on stdout and then raises, with Elixir's outputs beside it.
const PROGRAM: &str = "tests/lang/corpus/cli/prints_then_raises.exs";

fn run_binary(args: &[&str]) -> Output {
    Command::new(BINARY).args(args).current_dir(ROOT).output().expect("run otp-playground")
}

/// Drops the trailing stacktrace, as tests/lang_corpus.rs does (its README states the rule).
fn without_stacktrace(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let mut lines: Vec<&str> = text.lines().collect();
    while lines
        .last()
        .is_some_and(|line| line.strip_prefix("    ").is_some_and(|rest| !rest.is_empty() && !rest.starts_with(' ')))
    {
        lines.pop();
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn the_binary_passes_on_what_run_script_prints_and_its_status() {
    let source = read(PROGRAM);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = otp_playground::lang::run_script(&source, PROGRAM, &mut stdout, &mut stderr);

    let output = run_binary(&[PROGRAM]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&stdout));
    assert_eq!(String::from_utf8_lossy(&output.stderr), String::from_utf8_lossy(&stderr));
    assert_eq!(output.status.code(), Some(status));
}

#[test]
fn the_binary_prints_what_elixir_printed_once_the_corpus_passes_the_program() {
    let known_failures = read("tests/lang/corpus/known_failures.txt");
    if known_failures.lines().any(|line| line.trim() == "cli/prints_then_raises.exs") {
        eprintln!("cli/prints_then_raises.exs is a known corpus failure: only the plumbing is checked");
        return;
    }
    let output = run_binary(&[PROGRAM]);
    let base = PROGRAM.trim_end_matches(".exs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), read(&format!("{base}.stdout")));
    assert_eq!(without_stacktrace(&output.stderr), read(&format!("{base}.stderr")));
    assert_eq!(output.status.code(), read(&format!("{base}.status")).trim().parse().ok());
}

#[test]
fn a_missing_file_is_refused_with_elixirs_line_and_status_1() {
    let output = run_binary(&["no_such_file.exs"]);
    // Written by scripts/gen_corpus.sh from `elixir no_such_file.exs`.
    assert_eq!(String::from_utf8_lossy(&output.stderr), read("tests/lang/cli/missing_file.stderr"));
    assert!(output.stdout.is_empty());
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn no_argument_prints_the_usage_and_status_1() {
    let output = run_binary(&[]);
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("Usage: otp-playground FILE.exs"));
    assert!(output.stdout.is_empty());
    assert_eq!(output.status.code(), Some(1));
}
