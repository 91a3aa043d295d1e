//! The differential corpus of issue 10: every program under tests/lang/corpus/ runs through
//! `run_script` and must print what real Elixir 1.14 printed (the checked-in `.stdout`, `.stderr`
//! and `.status` files that scripts/gen_corpus.sh writes). The rules are in
//! tests/lang/corpus/README.md.
//!
//! While the evaluator is being built, tests/lang/corpus/known_failures.txt lists the programs
//! that do not pass yet, as a ratchet: a failure of a program not on the list fails the test (a
//! regression), and so does a program on the list that now passes (take it off the list, so the
//! list only shrinks).
//!
//! Environment:
//! - `CORPUS_FILTER=enum/` runs only the programs whose path contains the text.
//! - `CORPUS_VERBOSE=1` also prints the diffs of the known failures.
//! - `UPDATE_KNOWN_FAILURES=1` rewrites known_failures.txt from this run instead of failing
//!   (`scripts/gen_corpus.sh --update-known-failures`).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lang/corpus");
const KNOWN_FAILURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lang/corpus/known_failures.txt");

/// A program gets this long before it counts as hung. The limit is the harness's own (a thread
/// and a timeout), not the interpreter's reduction budget, so that a hang in any stage —
/// parser, compiler or machine — fails one program instead of stalling the run. A hung thread is
/// left behind; the test process ends with the run.
const PROGRAM_TIME_LIMIT: Duration = Duration::from_secs(20);

/// Deep recursion in a program must not be able to overflow the harness's thread before the
/// interpreter's own limits apply; the interpreter keeps its frames on the heap, so this is slack.
const PROGRAM_THREAD_STACK: usize = 64 * 1024 * 1024;

/// What one program printed and returned.
#[derive(PartialEq, Eq)]
struct Outcome {
    /// Bytes, compared as bytes: a program may print a binary that is not UTF-8.
    stdout: Vec<u8>,
    stderr: String,
    status: i32,
}

/// Drops the stacktrace Elixir prints under an uncaught `** (...)` error: the trailing lines that
/// start with exactly four spaces and then a non-space (`    file.exs:3: (file)`,
/// `    (elixir 1.14.0) lib/code.ex:1245: ...`, `    :erlang.+(1, :a)`). Lines of the message
/// itself that are indented further, or blank, stop the strip. Every kept line ends in `\n`.
/// scripts/gen_corpus.sh applies the same rule to Elixir's stderr.
fn normalise_stderr(stderr: &str) -> String {
    let mut lines: Vec<&str> = stderr.lines().collect();
    while lines.last().is_some_and(|line| is_stacktrace_line(line)) {
        lines.pop();
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn is_stacktrace_line(line: &str) -> bool {
    line.strip_prefix("    ").is_some_and(|rest| rest.chars().next().is_some_and(|c| c != ' '))
}

/// Every `.exs` under `dir`, sorted, as paths relative to the corpus folder with `/` separators.
fn programs(dir: &Path, found: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("corpus folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            programs(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "exs") {
            let relative = path.strip_prefix(CORPUS_DIR).expect("under the corpus");
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn expected_outcome(program: &str) -> Result<Outcome, String> {
    let base = Path::new(CORPUS_DIR).join(program).with_extension("");
    let read = |ext: &str| {
        let path = base.with_extension(ext);
        std::fs::read_to_string(&path)
            .map_err(|error| format!("{}: {error} (run scripts/gen_corpus.sh)", path.display()))
    };
    let status = read("status")?;
    let stdout_path = base.with_extension("stdout");
    let stdout = std::fs::read(&stdout_path)
        .map_err(|error| format!("{}: {error} (run scripts/gen_corpus.sh)", stdout_path.display()))?;
    Ok(Outcome {
        stdout,
        stderr: normalise_stderr(&read("stderr")?),
        status: status.trim().parse().map_err(|_| format!("{program}: bad .status {status:?}"))?,
    })
}

/// Runs one program through `run_script` on its own thread, as a file named like the program
/// (`map_basics.exs`), which is how gen_corpus.sh runs it under `elixir`.
fn run_program(program: &str) -> Result<Outcome, String> {
    let path = Path::new(CORPUS_DIR).join(program);
    let source = std::fs::read_to_string(&path).map_err(|error| format!("cannot read {program}: {error}"))?;
    let file_name = path.file_name().expect("file name").to_string_lossy().into_owned();
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name(program.to_string())
        .stack_size(PROGRAM_THREAD_STACK)
        .spawn(move || {
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            let status = otp_playground::lang::run_script(&source, &file_name, &mut stdout, &mut stderr);
            let _ = sender.send((stdout, stderr, status));
        })
        .expect("spawn a program thread");
    match receiver.recv_timeout(PROGRAM_TIME_LIMIT) {
        Ok((stdout, stderr, status)) => Ok(Outcome {
            stdout,
            stderr: normalise_stderr(&String::from_utf8_lossy(&stderr)),
            status,
        }),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("did not finish within {} s", PROGRAM_TIME_LIMIT.as_secs()))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("run_script panicked".to_string()),
    }
}

/// The first difference between two outputs, with a few lines of each side from there.
fn describe_difference(stream: &str, expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let actual_lines: Vec<&str> = actual.split_inclusive('\n').collect();
    let first = (0..expected_lines.len().max(actual_lines.len()))
        .find(|&i| expected_lines.get(i) != actual_lines.get(i))
        .unwrap_or(0);
    let mut out = format!("  {stream} differs from line {}:\n", first + 1);
    let show = |out: &mut String, marker: &str, lines: &[&str]| {
        let shown = &lines[first.min(lines.len())..(first + 6).min(lines.len())];
        if shown.is_empty() {
            let _ = writeln!(out, "    {marker} <end of output>");
        }
        for line in shown {
            let _ = writeln!(out, "    {marker} {line:?}");
        }
        if lines.len() > first + 6 {
            let _ = writeln!(out, "    {marker} ... ({} more lines)", lines.len() - first - 6);
        }
    };
    show(&mut out, "expected", &expected_lines);
    show(&mut out, "actual  ", &actual_lines);
    out
}

fn describe_failure(program: &str, expected: &Outcome, actual: &Result<Outcome, String>) -> String {
    let mut out = format!("--- {program}\n");
    match actual {
        Err(problem) => {
            let _ = writeln!(out, "  {problem}");
        }
        Ok(actual) => {
            if expected.stdout != actual.stdout {
                let (expected_text, actual_text) =
                    (String::from_utf8_lossy(&expected.stdout), String::from_utf8_lossy(&actual.stdout));
                out += &describe_difference("stdout", &expected_text, &actual_text);
            }
            if expected.stderr != actual.stderr {
                out += &describe_difference("stderr (stacktrace stripped)", &expected.stderr, &actual.stderr);
            }
            if expected.status != actual.status {
                let _ = writeln!(out, "  status: expected {}, actual {}", expected.status, actual.status);
            }
        }
    }
    out
}

fn read_known_failures() -> BTreeSet<String> {
    std::fs::read_to_string(KNOWN_FAILURES)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn write_known_failures(failures: &BTreeSet<String>) {
    let mut text = String::from(
        "# Corpus programs that do not pass yet (tests/lang_corpus.rs). The list only shrinks:\n\
         # the test fails when a program on it passes. Regenerate with\n\
         # scripts/gen_corpus.sh --update-known-failures\n",
    );
    for program in failures {
        text += program;
        text.push('\n');
    }
    std::fs::write(KNOWN_FAILURES, text).expect("write known_failures.txt");
}

#[test]
fn every_corpus_program_prints_what_elixir_printed() {
    let filter = std::env::var("CORPUS_FILTER").unwrap_or_default();
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
    let update = std::env::var_os("UPDATE_KNOWN_FAILURES").is_some();

    let mut all = Vec::new();
    programs(Path::new(CORPUS_DIR), &mut all);
    assert!(!all.is_empty(), "no programs under {CORPUS_DIR}");
    let selected: Vec<&String> = all.iter().filter(|program| program.contains(&filter)).collect();
    let known = read_known_failures();

    let mut failing = BTreeSet::new();
    let mut regressions = Vec::new();
    let mut report = String::new();
    for program in &selected {
        let expected = match expected_outcome(program) {
            Ok(expected) => expected,
            Err(problem) => panic!("{problem}"),
        };
        let actual = run_program(program);
        if actual.as_ref().is_ok_and(|actual| *actual == expected) {
            continue;
        }
        failing.insert(program.to_string());
        let is_known = known.contains(program.as_str());
        if !is_known {
            regressions.push(program.to_string());
        }
        if !is_known || verbose {
            report += &describe_failure(program, &expected, &actual);
        }
    }

    let selected_names: BTreeSet<&str> = selected.iter().map(|program| program.as_str()).collect();
    let now_passing: Vec<&String> = known
        .iter()
        .filter(|program| selected_names.contains(program.as_str()) && !failing.contains(*program))
        .collect();
    let missing: Vec<&String> = known.iter().filter(|program| !all.contains(program)).collect();

    print!("{report}");
    println!(
        "corpus: {} programs, {} pass, {} known failures{}",
        selected.len(),
        selected.len() - failing.len(),
        failing.len() - regressions.len(),
        if filter.is_empty() { String::new() } else { format!(" (CORPUS_FILTER={filter})") },
    );

    if update {
        assert!(filter.is_empty(), "UPDATE_KNOWN_FAILURES needs a run of the whole corpus (no CORPUS_FILTER)");
        write_known_failures(&failing);
        println!("known_failures.txt rewritten: {} programs", failing.len());
        return;
    }

    let mut problems = String::new();
    if !regressions.is_empty() {
        let _ = writeln!(problems, "{} programs fail that are not in known_failures.txt (regressions):", regressions.len());
        for program in &regressions {
            let _ = writeln!(problems, "  {program}");
        }
    }
    if !now_passing.is_empty() {
        let _ = writeln!(problems, "{} programs in known_failures.txt pass now; remove them from the list:", now_passing.len());
        for program in &now_passing {
            let _ = writeln!(problems, "  {program}");
        }
    }
    if !missing.is_empty() {
        let _ = writeln!(problems, "known_failures.txt names programs that do not exist:");
        for program in &missing {
            let _ = writeln!(problems, "  {program}");
        }
    }
    assert!(problems.is_empty(), "{problems}(scripts/gen_corpus.sh --update-known-failures rewrites the list)");
}

#[test]
fn stderr_normalisation_drops_only_the_trailing_stacktrace() {
    let elixir = "warning: variable \"x\" is unused\n  t.exs:2\n\n\
                  ** (FunctionClauseError) no function clause matching in Foo.bar/1    \n    \n\
                  \x20   The following arguments were given to Foo.bar/1:\n    \n        # 1\n        1\n    \n\
                  \x20   t2.exs:2: Foo.bar/1\n    (elixir 1.14.0) lib/code.ex:1245: Code.require_file/2\n";
    assert_eq!(
        normalise_stderr(elixir),
        "warning: variable \"x\" is unused\n  t.exs:2\n\n\
         ** (FunctionClauseError) no function clause matching in Foo.bar/1    \n    \n\
         \x20   The following arguments were given to Foo.bar/1:\n    \n        # 1\n        1\n    \n"
    );
    assert_eq!(
        normalise_stderr("** (ArithmeticError) bad argument in arithmetic expression: 1 + :a\n    :erlang.+(1, :a)\n    t5.exs:1: (file)\n"),
        "** (ArithmeticError) bad argument in arithmetic expression: 1 + :a\n"
    );
    assert_eq!(normalise_stderr(""), "");
    assert_eq!(normalise_stderr("no newline at the end"), "no newline at the end\n");
}
