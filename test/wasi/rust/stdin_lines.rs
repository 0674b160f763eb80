//! stdin_lines.rs - Reads standard input to EOF line by line; prints each
//! line numbered and reversed, and totals on stderr.
use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut lines, mut bytes) = (0usize, 0usize);
    for line in stdin.lock().lines() {
        let line = line.expect("read error");
        lines += 1;
        bytes += line.len() + 1;
        writeln!(out, "{:5} {}", lines, line.chars().rev().collect::<String>()).unwrap();
    }
    out.flush().unwrap();
    eprintln!("{} lines, {} bytes", lines, bytes);
}
