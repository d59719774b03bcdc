//! The native command-line tool behind `timescope` (see `main.rs`).

use serde::Serialize;
use std::io::{Read, Write};
use std::process::ExitCode;
use timescope::parse::{native, parse_bytes, Format, Limits, Loaded, ParseError, Warning};

const USAGE: &str = "\
Usage:
  timescope check [--json] FILE...   check timelines (TimelineJS3 JSON, TimelineJS CSV, native JSON)
  timescope convert FILE             print FILE as Timescope native JSON
  timescope --help | --version

FILE may be - for standard input.
check exits 0 when every file loaded (warnings allowed), 1 when any could not load or
breaks off with a syntax error (the events before it still load and are counted).";

fn read(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}

/// One line of `check --json`.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    format: Option<Format>,
    events: usize,
    eras: usize,
    warnings: &'a [Warning],
    error: Option<ErrorOut>,
}

#[derive(Serialize)]
struct ErrorOut {
    message: String,
    line: Option<u32>,
    column: Option<u32>,
}

/// Why a file did not load.
enum Failure {
    Parse(ParseError),
    Io(std::io::Error),
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Parse(e) => e.to_string(),
            Failure::Io(e) => format!("cannot read the file: {e}"),
        }
    }
}

fn load(file: &str) -> Result<Loaded, Failure> {
    let bytes = read(file).map_err(Failure::Io)?;
    parse_bytes(&bytes, &Limits::default()).map_err(Failure::Parse)
}

fn summary(l: &Loaded) -> String {
    let ds = &l.dataset;
    let mut s = format!(
        "{}, {} event{}, {} era{}",
        l.format.describe(),
        ds.len(),
        if ds.len() == 1 { "" } else { "s" },
        ds.eras().len(),
        if ds.eras().len() == 1 { "" } else { "s" },
    );
    let latest = ds
        .events()
        .map(|e| e.end().unwrap_or(e.start()))
        .max_by(|a, b| a.ms().total_cmp(&b.ms()));
    if let (Some(first), Some(last)) = (ds.event(0), latest) {
        let (a, b) = (first.start().label(), last.label());
        s += &if a == b {
            format!(", {a}")
        } else {
            format!(", {a} – {b}")
        };
    }
    s += &match l.warnings.len() {
        0 => ", no warnings".to_string(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    };
    s
}

fn check(files: &[String], json: bool) -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in files {
        let result = load(file);
        let (report, text) = match &result {
            Ok(l) => {
                // A file that breaks off after some events loads those, but a publishing
                // pipeline must not pass it.
                failed |= l.broken.is_some();
                let text = match &l.broken {
                    None => format!("{file}: {}", summary(l)),
                    Some(b) => format!(
                        "{file}: error: {} at line {}, column {} (the {} events before it load)",
                        b.message,
                        b.line,
                        b.column,
                        l.dataset.len()
                    ),
                };
                (
                    Report {
                        file,
                        format: Some(l.format),
                        events: l.dataset.len(),
                        eras: l.dataset.eras().len(),
                        warnings: &l.warnings,
                        error: l.broken.as_ref().map(|b| ErrorOut {
                            message: b.message.clone(),
                            line: Some(b.line),
                            column: Some(b.column),
                        }),
                    },
                    text,
                )
            }
            Err(failure) => {
                failed = true;
                let message = failure.message();
                let (format, position, warnings): (_, _, &[Warning]) = match failure {
                    Failure::Parse(e @ ParseError::NoEvents { warnings, .. }) => {
                        (e.format(), None, warnings)
                    }
                    Failure::Parse(e) => (e.format(), e.position(), &[]),
                    Failure::Io(_) => (None, None, &[]),
                };
                let (line, column) = position.unzip();
                (
                    Report {
                        file,
                        format,
                        events: 0,
                        eras: 0,
                        warnings,
                        error: Some(ErrorOut {
                            message: message.clone(),
                            line,
                            column,
                        }),
                    },
                    format!("{file}: error: {message}"),
                )
            }
        };
        let written = if json {
            serde_json::to_string(&report)
                .map_err(std::io::Error::other)
                .and_then(|s| writeln!(out, "{s}"))
        } else {
            let mut s = text;
            for w in report.warnings {
                s += &format!("\n  {w}");
            }
            writeln!(out, "{s}")
        };
        if written.is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::from(u8::from(failed))
}

fn convert(file: &str) -> ExitCode {
    match load(file) {
        Ok(l) => {
            for w in &l.warnings {
                eprintln!("{file}: warning: {w}");
            }
            match serde_json::to_string_pretty(&native::document(&l.dataset)) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{file}: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(failure) => {
            eprintln!("{file}: error: {}", failure.message());
            ExitCode::from(1)
        }
    }
}

pub(crate) fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = |msg: &str| {
        if !msg.is_empty() {
            eprintln!("timescope: {msg}");
        }
        eprintln!("{USAGE}");
        ExitCode::from(2)
    };
    match args.first().map(String::as_str) {
        Some("check") => {
            let mut json = false;
            let mut files = Vec::new();
            for a in args.iter().skip(1) {
                match a.as_str() {
                    "--json" => json = true,
                    s if s.starts_with("--") => return usage(&format!("unknown option {s}")),
                    _ => files.push(a.clone()),
                }
            }
            if files.is_empty() {
                return usage("check needs at least one FILE");
            }
            check(&files, json)
        }
        Some("convert") => match args.get(1..) {
            Some([file]) => convert(file),
            _ => usage("convert takes exactly one FILE"),
        },
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("timescope {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => usage(&format!("unknown command {other}")),
        None => usage(""),
    }
}
