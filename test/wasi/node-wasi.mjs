// node-wasi.mjs - Runs a WASI command module under node's WASI (preview 1).
//
// The reference runtime for AssemblyScript guests, and a stand-in for
// `wasm-aot build` when checking the guests themselves (run-guests.py
// --runner=node). Mirrors the grants of `wasm-aot build`:
//
//   node node-wasi.mjs [--dir=HOST[::GUEST]]... [--env=NAME[=VALUE]]...
//                      APP.wasm ARGV0 [ARGS...]
//
// The guest's argv is ARGV0 ARGS...; its environment holds only the --env
// variables; its exit status is this process's. A trap is reported on
// stderr as "ARGV0: trap: MESSAGE" (node's wording of the message) with
// the status of a trap in a built program, 134 (docs/cli.md).
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
while (argv.length && argv[0].startsWith('--')) {
  const option = argv.shift();
  if (option.startsWith('--dir=')) {
    const [host, guest] = option.slice(6).split('::');
    preopens[guest ?? host] = host;
  } else if (option.startsWith('--env=')) {
    const pair = option.slice(6);
    const eq = pair.indexOf('=');
    if (eq < 0) {
      // --env=NAME: the host's value, if it has one.
      if (process.env[pair] !== undefined)
        env[pair] = process.env[pair];
    } else {
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  } else {
    console.error(`node-wasi.mjs: unknown option ${option}`);
    process.exit(2);
  }
}
if (argv.length < 2) {
  console.error('usage: node node-wasi.mjs [--dir=H[::G]] [--env=N=V] APP.wasm ARGV0 [ARGS...]');
  process.exit(2);
}
const [file, ...args] = argv;
const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
try {
  process.exitCode = wasi.start(instance);
} catch (error) {
  if (!(error instanceof WebAssembly.RuntimeError))
    throw error;
  process.stderr.write(`${args[0]}: trap: ${error.message}\n`);
  process.exitCode = 134;
}
