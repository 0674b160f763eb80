#!/usr/bin/env python3
"""PolyBench/C 4.2.1 through wasm-aot and native, measured in the same run.

usage: bench/polybench.py [options]
  --polybench DIR   PolyBench/C 4.2.1 (default: $WASM_AOT_POLYBENCH, else
                    <repo>/../shared/bench/polybench-4.2.1); never copied
                    into the repository
  --build-dir DIR   the wasm-aot build tree (default: $WASM_AOT_BUILD_DIR,
                    else <repo>/build)
  --work-dir DIR    binaries and results (default: BUILD/bench/polybench)
  --kernels LIST    comma-separated kernel names (default: the eight below)
  --size S          MINI, SMALL, MEDIUM, LARGE, EXTRALARGE for every kernel
                    instead of each kernel's default size below
  --runs N          runs of each binary, interleaved (default 3)
  --runner SPEC     NAME=WASM_AOT [FLAGS...]: a wasm-aot build to measure,
                    e.g. "guard=build/tools/wasm-aot/wasm-aot
                    --bounds-checks=guard"; may repeat. Default: guard and
                    explicit with the build tree's wasm-aot. Native
                    (clang-19 -O2, generic x86-64) is always measured.
  --no-check        skip the correctness check (each runner's arrays,
                    dumped at MINI size, compared with native's)
  --csv FILE        also write the results as CSV

Every wasm runner runs the same wasm32-wasi -O2 module. What is measured
per binary and run: PolyBench's own kernel time (POLYBENCH_TIME) and the
process's CPU time (user + system, from wait4), which the other core's load
disturbs less than wall time. The table gives the median over the runs,
the min-max spread, and the ratio of medians to native; the last row is the
geometric mean of the ratios. Figures are for comparing runners measured
together on one machine, not across machines.
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

# The kernels and sizes of the project's reference measurements (issue 12):
# each runs for about a second natively on the reference machine.
DEFAULT_KERNELS = {
    "gemm": ["-DNI=1400", "-DNJ=1500", "-DNK=1600"],
    "2mm": ["-DLARGE_DATASET"],
    "jacobi-2d": ["-DLARGE_DATASET"],
    "seidel-2d": ["-DTSTEPS=100", "-DN=1400"],
    "nussinov": ["-DN=2000"],
    "cholesky": ["-DN=1000"],
    "floyd-warshall": ["-DN=1400"],
    "deriche": ["-DEXTRALARGE_DATASET"],
}



def find_kernel(root, name):
    for dirpath, _, files in os.walk(root):
        if name + ".c" in files:
            return os.path.join(dirpath, name + ".c")
    sys.exit("polybench.py: no kernel %s under %s" % (name, root))


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("polybench.py: %s failed (%d):\n%s%s"
                 % (shlex.join(cmd), r.returncode, r.stdout, r.stderr))
    return r


def cpu_seconds(cmd):
    """Runs cmd; returns (kernel seconds, CPU seconds) using wait4."""
    pid = os.fork()
    if pid == 0:
        fd = os.open(out_path(cmd), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("polybench.py: %s failed (status %d)"
                 % (shlex.join(cmd), os.waitstatus_to_exitcode(status)))
    with open(out_path(cmd)) as f:
        kernel = float(f.read().split()[-1])
    return kernel, usage.ru_utime + usage.ru_stime


def build_wasm(flags, sources, out):
    """clang-19 --target=wasm32-wasi -O2: compiled with the flags, linked
    without an -O, since at link time clang would run binaryen's wasm-opt
    when it finds one, and the module must not depend on what is
    installed."""
    objs = []
    for src in sources:
        obj = out + "." + os.path.basename(src) + ".o"
        run(["clang-19", "--target=wasm32-wasi"] + flags +
            ["-D_WASI_EMULATED_PROCESS_CLOCKS", "-c", src, "-o", obj])
        objs.append(obj)
    run(["clang-19", "--target=wasm32-wasi"] + objs +
        ["-lwasi-emulated-process-clocks", "-o", out])


def out_path(cmd):
    return cmd[0] + ".stdout"


def build_all(args, kernels, runners):
    """Builds native and every runner's binary per kernel; returns
    {kernel: {runner: path}}."""
    binaries = {}
    util = os.path.join(args.polybench, "utilities")
    for name, sizes in kernels.items():
        src = find_kernel(args.polybench, name)
        flags = ["-O2", "-I", util, "-I", os.path.dirname(src),
                 "-DPOLYBENCH_TIME"] + sizes
        sources = [src, os.path.join(util, "polybench.c")]
        d = os.path.join(args.work_dir, name)
        os.makedirs(d, exist_ok=True)
        native = os.path.join(d, "native")
        run(["clang-19"] + flags + sources + ["-lm", "-o", native])
        wasm = os.path.join(d, name + ".wasm")
        build_wasm(flags, sources, wasm)
        binaries[name] = {"native": native}
        for rname, tool in runners:
            exe = os.path.join(d, rname)
            run([tool[0], "build", wasm, "-o", exe] + tool[1:])
            binaries[name][rname] = exe
        print("built %s" % name, file=sys.stderr)
    return binaries


def check_all(args, kernels, runners):
    """Each runner's arrays at MINI size must equal native's."""
    util = os.path.join(args.polybench, "utilities")
    failed = 0
    for name in kernels:
        src = find_kernel(args.polybench, name)
        flags = ["-O2", "-I", util, "-I", os.path.dirname(src),
                 "-DMINI_DATASET", "-DPOLYBENCH_DUMP_ARRAYS"]
        sources = [src, os.path.join(util, "polybench.c")]
        d = os.path.join(args.work_dir, "check", name)
        os.makedirs(d, exist_ok=True)
        native = os.path.join(d, "native")
        run(["clang-19"] + flags + sources + ["-lm", "-o", native])
        wasm = os.path.join(d, name + ".wasm")
        build_wasm(flags, sources, wasm)
        want = run([native]).stderr
        for rname, tool in runners:
            exe = os.path.join(d, rname)
            run([tool[0], "build", wasm, "-o", exe] + tool[1:])
            got = run([exe]).stderr
            if got != want:
                print("check: %s %s: arrays differ from native"
                      % (name, rname), file=sys.stderr)
                failed += 1
    return failed


def main():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--polybench", default=os.environ.get(
        "WASM_AOT_POLYBENCH",
        os.path.join(REPO, "..", "shared", "bench", "polybench-4.2.1")))
    ap.add_argument("--build-dir", default=os.environ.get(
        "WASM_AOT_BUILD_DIR", os.path.join(REPO, "build")))
    ap.add_argument("--work-dir")
    ap.add_argument("--kernels")
    ap.add_argument("--size")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--runner", action="append", default=[])
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--csv")
    ap.add_argument("-h", "--help", action="store_true")
    args = ap.parse_args()
    if args.help:
        print(__doc__)
        return 0
    if not os.path.isdir(args.polybench):
        print("polybench.py: no PolyBench at %s (set WASM_AOT_POLYBENCH)"
              % args.polybench, file=sys.stderr)
        return 77
    args.polybench = os.path.abspath(args.polybench)
    args.work_dir = os.path.abspath(args.work_dir or os.path.join(
        args.build_dir, "bench", "polybench"))

    names = args.kernels.split(",") if args.kernels else list(DEFAULT_KERNELS)
    kernels = {}
    for n in names:
        if args.size:
            kernels[n] = ["-D%s_DATASET" % args.size.upper()]
        else:
            kernels[n] = DEFAULT_KERNELS.get(n, ["-DLARGE_DATASET"])

    tool = os.path.join(args.build_dir, "tools", "wasm-aot", "wasm-aot")
    specs = args.runner or ["guard=%s --bounds-checks=guard" % tool,
                            "explicit=%s --bounds-checks=explicit" % tool]
    runners = []
    for spec in specs:
        rname, _, cmd = spec.partition("=")
        if not cmd or rname == "native":
            sys.exit("polybench.py: --runner NAME=WASM_AOT [FLAGS...], "
                     "NAME not 'native': %r" % spec)
        words = shlex.split(cmd)
        words[0] = os.path.abspath(words[0])
        runners.append((rname, words))

    if not args.no_check:
        failed = check_all(args, kernels, runners)
        if failed:
            print("polybench.py: %d runner(s) computed other arrays than "
                  "native" % failed, file=sys.stderr)
            return 1
        print("check: every runner's arrays equal native's (MINI)",
              file=sys.stderr)

    binaries = build_all(args, kernels, runners)
    order = ["native"] + [r for r, _ in runners]
    results = {(k, r): [] for k in kernels for r in order}
    for i in range(args.runs):
        for k in kernels:
            for r in order:
                results[(k, r)].append(cpu_seconds([binaries[k][r]]))
        print("run %d of %d done" % (i + 1, args.runs), file=sys.stderr)

    def med(k, r, which):
        return statistics.median(v[which] for v in results[(k, r)])

    header = "| kernel | " + " | ".join(
        "%s kernel s (min-max) | %s ratio | %s CPU ratio" % (r, r, r)
        if r != "native" else "native kernel s (min-max)" for r in order) + " |"
    print(header)
    print("|" + "---|" * (1 + 1 + 3 * (len(order) - 1)))
    logs = {r: [] for r in order if r != "native"}
    cpu_logs = {r: [] for r in order if r != "native"}
    rows = []
    for k in kernels:
        cells = []
        base = med(k, "native", 0)
        base_cpu = med(k, "native", 1)
        for r in order:
            ks = [v[0] for v in results[(k, r)]]
            cell = "%.3f (%.3f-%.3f)" % (statistics.median(ks), min(ks), max(ks))
            if r == "native":
                cells.append(cell)
                continue
            ratio = statistics.median(ks) / base
            cpu_ratio = med(k, r, 1) / base_cpu
            logs[r].append(math.log(ratio))
            cpu_logs[r].append(math.log(cpu_ratio))
            cells += [cell, "%.2fx" % ratio, "%.2fx" % cpu_ratio]
            rows.append({"kernel": k, "runner": r,
                         "kernel_s_median": statistics.median(ks),
                         "kernel_s_min": min(ks), "kernel_s_max": max(ks),
                         "native_kernel_s_median": base,
                         "ratio": ratio, "cpu_ratio": cpu_ratio})
        print("| %s | %s |" % (k, " | ".join(cells)))
    geo = ["**geomean**", ""]
    for r in order[1:]:
        geo += ["", "**%.3fx**" % math.exp(statistics.mean(logs[r])),
                "%.3fx" % math.exp(statistics.mean(cpu_logs[r]))]
    print("| " + " | ".join(geo) + " |")
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
