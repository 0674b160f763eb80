//! exit.rs - Ways a Rust program ends: argv[1] is "exit7"
//! (std::process::exit with buffered output flushed first), "ok", "err"
//! (main returning Err: the error on stderr, status 1) or "panic".
use std::io::Write;

#[derive(Debug)]
struct Failure(&'static str);

fn main() -> Result<(), Failure> {
    let mode = std::env::args().nth(1).unwrap_or_default();
    println!("mode {}", mode);
    match mode.as_str() {
        "exit7" => {
            std::io::stdout().flush().unwrap();
            std::process::exit(7);
        }
        "err" => Err(Failure("main returned an error")),
        "panic" => {
            let v: Vec<u32> = Vec::new();
            let i = mode.len();
            println!("about to index {} into an empty vector", i);
            std::io::stdout().flush().unwrap();
            println!("{}", v[i]);
            Ok(())
        }
        _ => Ok(()),
    }
}
