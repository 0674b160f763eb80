// hello.ts - AssemblyScript through @assemblyscript/wasi-shim: console and
// process.stdout/stderr.
console.log("Hello from AssemblyScript on WASI!");
const numbers: i32[] = [5, 3, 9, 1];
numbers.sort();
console.log("sorted: " + numbers.join(","));
console.log("i64 max: " + i64.MAX_VALUE.toString() + ", f64: " + (0.1 + 0.2).toString());
process.stdout.write("written without a newline, ");
process.stdout.write("then one\n");
process.stderr.write("to stderr\n");
console.error("console.error also goes to stderr");
