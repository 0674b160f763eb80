//! args_env.rs - Echoes argv and the (sorted) environment.
fn main() {
    for (i, a) in std::env::args().enumerate() {
        println!("arg {}: {:?}", i, a);
    }
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("{} variables", vars.len());
    for (k, v) in vars {
        println!("{}={}", k, v);
    }
    println!("GREETING: {:?}", std::env::var("GREETING"));
    println!("HOME: {:?}", std::env::var("HOME").is_ok());
}
