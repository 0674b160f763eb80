// compute.ts - Integer and floating-point work, strings, maps and typed
// arrays; deterministic, so it compares byte for byte.
function fnv1a(data: Uint8Array): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < data.length; ++i) {
    h ^= data[i];
    h *= 16777619;
  }
  return h;
}

let state: u64 = 88172645463325252;
function next(): u64 {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

const size = 1 << 20;
const buffer = new Uint8Array(size);
for (let i = 0; i < size; ++i) buffer[i] = <u8>(next() >> 56);
console.log("fnv1a of 1 MiB: " + fnv1a(buffer).toString(16));

const values = new Array<i32>(50000);
for (let i = 0; i < values.length; ++i) values[i] = <i32>(next() % 1000000) - 500000;
values.sort((a: i32, b: i32): i32 => a - b);
let sum: i64 = 0;
for (let i = 0; i < values.length; ++i) sum += values[i];
console.log("sorted min " + values[0].toString() + " max " + values[values.length - 1].toString() +
            " sum " + sum.toString());

const counts = new Map<string, i32>();
const words = "one two three two three three four four four four".split(" ");
for (let i = 0; i < words.length; ++i) {
  const w = words[i];
  counts.set(w, counts.has(w) ? counts.get(w) + 1 : 1);
}
const keys = counts.keys();
keys.sort();
for (let i = 0; i < keys.length; ++i) console.log(keys[i] + ": " + counts.get(keys[i]).toString());

let x: f64 = 1.0;
for (let i = 0; i < 20; ++i) x = x - (x * x - 2.0) / (2.0 * x);
console.log("sqrt(2) by Newton: " + x.toString() + " Math.sqrt: " + Math.sqrt(2.0).toString());
console.log("floor/ceil/round: " + Math.floor(-2.5).toString() + " " + Math.ceil(-2.5).toString() +
            " " + Math.round(2.5).toString());
console.log("upper: " + "AssemblyScript".toUpperCase() + ", repeat: " + "ab".repeat(3));
