// args_env.ts - Echoes process.argv and the granted environment (sorted).
const argv = process.argv;
console.log("argc " + argv.length.toString());
for (let i = 0; i < argv.length; ++i) {
  console.log("argv[" + i.toString() + "] = [" + argv[i] + "]");
}
const keys = process.env.keys();
keys.sort();
console.log("env count " + keys.length.toString());
for (let i = 0; i < keys.length; ++i) {
  console.log(keys[i] + "=" + process.env.get(keys[i]));
}
console.log("has HOME: " + process.env.has("HOME").toString());
