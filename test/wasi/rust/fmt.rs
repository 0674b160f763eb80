//! fmt.rs - Formatting, arithmetic and strings through Rust's std.
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Word { text: String, upper: bool },
    Nothing,
}

struct Matrix([[i64; 3]; 3]);

impl fmt::Display for Matrix {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for row in &self.0 {
            writeln!(f, "|{:>6}{:>6}{:>6} |", row[0], row[1], row[2])?;
        }
        Ok(())
    }
}

fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    let mut out = [[0i64; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            out[i][j] = (0..3).map(|k| a.0[i][k] * b.0[k][j]).sum();
        }
    }
    Matrix(out)
}

fn main() {
    println!("Hello from Rust on WASI!");
    let tokens = vec![
        Token::Number(1.5),
        Token::Word { text: "Ab".to_string(), upper: false },
        Token::Nothing,
    ];
    println!("{:?}", tokens);
    println!("{:#?}", tokens[1]);
    println!("[{:>8}] [{:<8}] [{:^8}] [{:08.3}] [{:+}] [{:#x}] [{:#b}] [{:e}]",
             "right", "left", "mid", -3.14159, 7, 255, 5, 1234.5);
    println!("{} {} {} {}", f64::MAX, f64::MIN_POSITIVE, 0.1 + 0.2, 1e21);
    println!("{} {} {}", f64::NAN, f64::INFINITY, -0.0f64);
    println!("{} {} {}", u128::MAX, i64::MIN, (-7i32).rem_euclid(3));
    println!("{:?} {:?} {:?}", 200u8.checked_add(100), 200u8.wrapping_add(100),
             200u8.saturating_add(100));
    let a = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    let b = Matrix([[9, -8, 7], [-6, 5, -4], [3, -2, 1]]);
    print!("{}", multiply(&a, &b));
    let s = "Grüße, Jürgen ❤ — ok";
    println!("{} chars, {} bytes, upper {}, rev {}", s.chars().count(), s.len(),
             s.to_uppercase(), s.chars().rev().collect::<String>());
    let words: Vec<&str> = "the quick brown fox".split(' ').collect();
    println!("{}", words.iter().map(|w| w.len().to_string()).collect::<Vec<_>>().join("+"));
    eprintln!("a line on stderr from Rust");
}
