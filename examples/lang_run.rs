//! Runs an `.exs` file with the interpreter, like `elixir file.exs`:
//! `cargo run --release --example lang_run -- file.exs`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lang_run FILE.exs");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let name = std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(path.clone());
    let code = otp_playground::lang::run_script(&source, &name, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
