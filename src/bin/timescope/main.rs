//! `timescope`: check timelines before publishing, and convert them to the native format.
//!
//! ```text
//! timescope check [--json] FILE...   summary per file; exit 0 if all loaded, 1 if any failed
//! timescope convert FILE             native JSON on stdout (warnings on stderr)
//! ```
//! `-` reads standard input. Usage errors exit with 2.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command-line tool is native only; the wasm build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
