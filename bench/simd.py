#!/usr/bin/env python3
"""SIMD kernels through wasm-aot, with and without SIMD, against native.

usage: bench/simd.py [options]
  --build-dir DIR   the wasm-aot build tree (default: $WASM_AOT_BUILD_DIR,
                    else <repo>/build)
  --work-dir DIR    binaries and results (default: BUILD/bench/simd)
  --kernels LIST    comma-separated kernels of bench/simd/ (default: all)
  --runs N          runs of each binary, interleaved (default 5)
  --runner SPEC     NAME=WASM_AOT [FLAGS...]: a wasm-aot build to measure,
                    e.g. "explicit=build/tools/wasm-aot/wasm-aot
                    --bounds-checks=explicit"; may repeat. Default: guard
                    (the build tree's wasm-aot, --bounds-checks=guard).
  --node            also run both wasm modules under node's WASI
  --reps N          repetitions of every kernel instead of each kernel's
                    own default (1 makes a quick check of the driver)
  --csv FILE        also write the results as CSV

Each kernel in bench/simd/ is one C file with a SIMD path (wasm_simd128.h
intrinsics, under __wasm_simd128__) and a scalar path computing the same
values in the same order. It is built three times: natively (clang-19 -O2,
generic x86-64: the scalar path, which clang vectorises for SSE2 where it
can), for wasm32-wasi with -msimd128 (the SIMD path), and for wasm32-wasi
without it (the scalar path, no vector instructions at all); all with
-ffp-contract=off, since wasm has no fused multiply-add. Every wasm runner
builds both modules with `wasm-aot build`; a build that fails (a wasm-aot
without SIMD support refuses the SIMD modules) is reported and its cells
left empty, the rest is still measured.

Every run prints a checksum, which must equal native's (the driver stops
otherwise), and the kernel's own time (setup excluded); the driver also
takes the process's CPU time from wait4. The table gives per kernel and
runner the median kernel time of each module with its min-max, its ratio
to native as kernel time / CPU time, and the SIMD speedup (scalar median
over SIMD median); the last rows are geometric means. Figures compare
runners measured together on one machine, not across machines.
"""
import argparse
import csv
import math
import os
import shlex
import statistics
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_DIR = os.path.join(REPO, "bench", "simd")
NODE_WASI = os.path.join(REPO, "test", "wasi", "node-wasi.mjs")
COMMON = ["-O2", "-ffp-contract=off"]
VARIANTS = ("simd", "scalar")


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("simd.py: %s failed (%d):\n%s%s"
                 % (shlex.join(cmd), r.returncode, r.stdout, r.stderr))
    return r


def build_wasm(src, flags, out):
    """Compiled with -O2, linked without an -O: at link time clang would
    run binaryen's wasm-opt when it finds one, and the module must not
    depend on what is installed."""
    obj = out + ".o"
    run(["clang-19", "--target=wasm32-wasi"] + COMMON + flags + ["-c", src, "-o", obj])
    run(["clang-19", "--target=wasm32-wasi", obj, "-o", out])


def build_all(args, kernels, runners):
    """{kernel: {(runner, variant): command or None}} and the reasons of
    failed wasm-aot builds."""
    commands, failures = {}, []
    for name in kernels:
        src = os.path.join(KERNEL_DIR, name + ".c")
        d = os.path.join(args.work_dir, name)
        os.makedirs(d, exist_ok=True)
        native = os.path.join(d, "native")
        run(["clang-19"] + COMMON + [src, "-o", native])
        commands[name] = {("native", "scalar"): [native]}
        for variant in VARIANTS:
            wasm = os.path.join(d, "%s.%s.wasm" % (name, variant))
            build_wasm(src, ["-msimd128"] if variant == "simd" else [], wasm)
            if args.node:
                commands[name][("node", variant)] = [
                    "node", "--no-warnings", NODE_WASI, wasm, name]
            for rname, tool in runners:
                exe = os.path.join(d, "%s-%s" % (rname, variant))
                r = subprocess.run([tool[0], "build", wasm, "-o", exe] + tool[1:],
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    first = (r.stderr.strip().splitlines() or ["status %d" % r.returncode])[0]
                    failures.append("%s %s %s: %s" % (name, rname, variant, first))
                    commands[name][(rname, variant)] = None
                else:
                    commands[name][(rname, variant)] = [exe]
        print("built %s" % name, file=sys.stderr)
    return commands, failures


def measure(cmd, reps, out_path):
    """Runs cmd once, its stdout into out_path; returns (checksum, kernel
    seconds, CPU seconds)."""
    argv = cmd + ([str(reps)] if reps else [])
    pid = os.fork()
    if pid == 0:
        fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("simd.py: %s failed (status %d)"
                 % (shlex.join(argv), os.waitstatus_to_exitcode(status)))
    fields = {}
    with open(out_path) as f:
        for line in f:
            key, _, value = line.partition(" ")
            fields[key] = value.strip()
    if "checksum" not in fields or "time" not in fields:
        sys.exit("simd.py: %s printed no checksum and time" % shlex.join(argv))
    return fields["checksum"], float(fields["time"]), usage.ru_utime + usage.ru_stime


def parse_runners(args):
    tool = os.path.join(args.build_dir, "tools", "wasm-aot", "wasm-aot")
    specs = args.runner or ["guard=%s --bounds-checks=guard" % tool]
    runners = []
    for spec in specs:
        rname, _, cmd = spec.partition("=")
        if not cmd or rname in ("native", "node"):
            sys.exit("simd.py: --runner NAME=WASM_AOT [FLAGS...], NAME neither "
                     "'native' nor 'node': %r" % spec)
        words = shlex.split(cmd)
        words[0] = os.path.abspath(words[0])
        runners.append((rname, words))
    return runners


def cell(times):
    ks = [t[0] for t in times]
    return "%.3f (%.3f-%.3f)" % (statistics.median(ks), min(ks), max(ks))


def main():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--build-dir", default=os.environ.get(
        "WASM_AOT_BUILD_DIR", os.path.join(REPO, "build")))
    ap.add_argument("--work-dir")
    ap.add_argument("--kernels")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--runner", action="append", default=[])
    ap.add_argument("--node", action="store_true")
    ap.add_argument("--reps", type=int)
    ap.add_argument("--csv")
    ap.add_argument("-h", "--help", action="store_true")
    args = ap.parse_args()
    if args.help:
        print(__doc__)
        return 0
    args.work_dir = os.path.abspath(args.work_dir or os.path.join(
        args.build_dir, "bench", "simd"))
    available = sorted(f[:-2] for f in os.listdir(KERNEL_DIR) if f.endswith(".c"))
    kernels = args.kernels.split(",") if args.kernels else available
    for k in kernels:
        if k not in available:
            sys.exit("simd.py: no kernel %s in %s (there are: %s)"
                     % (k, KERNEL_DIR, ", ".join(available)))
    runners = parse_runners(args)

    commands, failures = build_all(args, kernels, runners)
    names = [r for r, _ in runners] + (["node"] if args.node else [])
    results = {}  # (kernel, runner, variant) -> [(kernel s, CPU s)]
    for i in range(args.runs):
        for k in kernels:
            want = None
            for key, cmd in commands[k].items():
                if cmd is None:
                    continue
                out = os.path.join(args.work_dir, k, "%s-%s.stdout" % key)
                checksum, seconds, cpu = measure(cmd, args.reps, out)
                if want is None:
                    want = checksum  # native comes first
                elif checksum != want:
                    sys.exit("simd.py: %s %s %s: checksum %s, native %s"
                             % (k, key[0], key[1], checksum, want))
                results.setdefault((k,) + key, []).append((seconds, cpu))
        print("run %d of %d done" % (i + 1, args.runs), file=sys.stderr)

    def median(k, r, v, which):
        return statistics.median(t[which] for t in results[(k, r, v)])

    print("| kernel | native s (min-max) | runner | SIMD s (min-max) | SIMD / native "
          "| scalar s (min-max) | scalar / native | SIMD speedup |")
    print("|---|---|---|---|---|---|---|---|")
    logs = {(r, what): [] for r in names for what in ("simd", "simd-cpu", "scalar",
                                                      "scalar-cpu", "speedup")}
    rows = []
    for k in kernels:
        base, base_cpu = median(k, "native", "scalar", 0), median(k, "native", "scalar", 1)
        for n, r in enumerate(names):
            native = cell(results[(k, "native", "scalar")])
            cells = [k, native, r] if n == 0 else ["", "", r]
            for v in VARIANTS:
                if (k, r, v) not in results:
                    cells += ["build failed", ""]
                    continue
                ratio, cpu_ratio = median(k, r, v, 0) / base, median(k, r, v, 1) / base_cpu
                logs[(r, v)].append(math.log(ratio))
                logs[(r, v + "-cpu")].append(math.log(cpu_ratio))
                cells += [cell(results[(k, r, v)]), "%.2fx / %.2fx" % (ratio, cpu_ratio)]
                times = [t[0] for t in results[(k, r, v)]]
                rows.append({"kernel": k, "runner": r, "variant": v,
                             "kernel_s_median": statistics.median(times),
                             "kernel_s_min": min(times), "kernel_s_max": max(times),
                             "cpu_s_median": median(k, r, v, 1),
                             "native_kernel_s_median": base,
                             "ratio": ratio, "cpu_ratio": cpu_ratio})
            if all((k, r, v) in results for v in VARIANTS):
                speedup = median(k, r, "scalar", 0) / median(k, r, "simd", 0)
                logs[(r, "speedup")].append(math.log(speedup))
                cells.append("%.2fx" % speedup)
            else:
                cells.append("")
            print("| " + " | ".join(cells) + " |")

    def geomean(r, what):
        values = logs[(r, what)]
        return "%.3fx" % math.exp(statistics.mean(values)) if values else ""

    for r in names:
        cells = ["**geomean**", "", r]
        for v in VARIANTS:
            ratio, cpu = geomean(r, v), geomean(r, v + "-cpu")
            cells += ["", "**%s** / %s" % (ratio, cpu) if ratio else ""]
        speedup = geomean(r, "speedup")
        cells.append("**%s**" % speedup if speedup else "")
        print("| " + " | ".join(cells) + " |")
    if failures:
        print("\n%d wasm-aot build(s) failed; their cells are empty:" % len(failures))
        for failure in failures:
            print("- " + failure)
    if args.csv and rows:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
