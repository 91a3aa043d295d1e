//! In the browser: renders the Yew app. Natively: the script runner, `otp-playground FILE.exs`,
//! which runs an Elixir script the way `elixir FILE.exs` does (stdout, the uncaught error on
//! stderr, exit status 1 after an uncaught error).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<otp_playground::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::run(std::env::args_os().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::ffi::OsString;
    use std::io::{self, Write};

    const USAGE: &str = "Usage: otp-playground FILE.exs";

    /// Runs the script named by the one argument and returns the exit status.
    pub(crate) fn run(args: Vec<OsString>) -> i32 {
        let [path] = args.as_slice() else {
            eprintln!("{USAGE}");
            return 1;
        };
        let file_name = path.to_string_lossy();
        let Ok(source) = std::fs::read_to_string(path) else {
            // `elixir` prints the same line for a missing file (and for any it cannot read).
            eprintln!("No file named {file_name}");
            return 1;
        };
        let mut stdout = Flushing(io::stdout().lock());
        let mut stderr = Flushing(io::stderr().lock());
        otp_playground::lang::run_script(&source, &file_name, &mut stdout, &mut stderr)
    }

    /// Flushes after every write, so that a long script shows its output as it goes.
    struct Flushing<W: Write>(W);

    impl<W: Write> Write for Flushing<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let written = self.0.write(buf)?;
            self.0.flush()?;
            Ok(written)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.0.flush()
        }
    }
}
