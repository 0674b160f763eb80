//! collections.rs - std collections and iterators on generated data.
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::cmp::Reverse;

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

fn main() {
    let mut state = 42u64;
    let mut values: Vec<u64> = (0..100_000).map(|_| lcg(&mut state) % 1_000_000).collect();

    let mut counts: HashMap<u64, u32> = HashMap::new();
    for v in &values {
        *counts.entry(v % 1000).or_insert(0) += 1;
    }
    let mut top: Vec<(u64, u32)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("most common residues: {:?}", &top[..5]);

    let distinct: HashSet<u64> = values.iter().copied().collect();
    let ordered: BTreeSet<u64> = values.iter().copied().filter(|v| v % 7919 == 0).collect();
    println!("distinct {} multiples of 7919: {:?}", distinct.len(),
             ordered.iter().take(8).collect::<Vec<_>>());

    values.sort_unstable();
    values.dedup();
    println!("sorted+dedup {} first {:?} last {:?}", values.len(), &values[..3],
             &values[values.len() - 3..]);

    let mut heap = BinaryHeap::new();
    for v in values.iter().step_by(997) {
        heap.push(Reverse(*v));
        if heap.len() > 5 {
            heap.pop();
        }
    }
    let mut largest: Vec<u64> = heap.into_iter().map(|Reverse(v)| v).collect();
    largest.sort();
    println!("five largest sampled: {:?}", largest);

    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let text = "it was the best of times it was the worst of times";
    for (i, w) in text.split_whitespace().enumerate() {
        index.entry(w.to_string()).or_default().push(i);
    }
    for (w, at) in &index {
        println!("{:>6}: {:?}", w, at);
    }
    if let Some((w, _)) = index.range("o".to_string()..).next() {
        println!("first word from 'o': {}", w);
    }

    let mut queue: VecDeque<u32> = (1..=10).collect();
    queue.rotate_left(3);
    queue.push_front(0);
    let back = queue.pop_back();
    println!("deque {:?} popped {:?}", queue, back);

    let primes: Vec<u32> = (2..200u32).filter(|n| (2..*n).take_while(|d| d * d <= *n).all(|d| n % d != 0)).collect();
    let sum: u32 = primes.iter().sum();
    let windows = primes.windows(2).filter(|w| w[1] - w[0] == 2).count();
    println!("{} primes below 200, sum {}, twin pairs {}", primes.len(), sum, windows);
    let chunks: Vec<u32> = primes.chunks(10).map(|c| c.iter().product::<u32>() % 1000).collect();
    println!("chunk products mod 1000: {:?}", chunks);
}
