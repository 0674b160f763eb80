#!/usr/bin/env python3
"""PolyBench/C 4.2.1 through every runner, measured in the same run.

usage: bench/polybench.py [options]
  --polybench DIR   PolyBench/C 4.2.1 (default: $WASM_AOT_POLYBENCH, else
                    <repo>/../shared/bench/polybench-4.2.1); never copied
                    into the repository
  --build-dir DIR   the wasm-aot build tree (default: $WASM_AOT_BUILD_DIR,
                    else <repo>/build); its tools/wasm-aot/wasm-aot is the
                    standard wasm-aot runners' compiler
  --work-dir DIR    binaries and outputs (default: BUILD/bench/polybench)
  --kernels LIST    comma-separated kernel names, or "all" for the 30
                    (default: the project's eight reference kernels,
                    gemm, 2mm, jacobi-2d, seidel-2d, nussinov, cholesky,
                    floyd-warshall, deriche)
  --all             the same as --kernels all
  --size S          MINI, SMALL, MEDIUM, LARGE or EXTRALARGE for every
                    kernel instead of each kernel's own size (see SIZES in
                    this file; each runs about 0.3-2 s natively)
  --runs N          rounds, each running every binary once (default 3)
{runners}
  --no-check        skip the correctness check
  --check-only      only the correctness check (every kernel of --kernels)
  --csv FILE        also write the results as CSV, a row per kernel and
                    runner (median/min/max kernel and CPU seconds, ratios)
  --chart FILE      also draw the ratios (.png or .svg; needs matplotlib,
                    skipped with a message without it)

Every kernel is built natively per native runner and for wasm32-wasi
(clang-19 -O2): the plain module for guard, explicit, wasm2c, node and
--runner runners, a -msimd128 module for simd (and NAME:simd runners).
First every runner's arrays are checked: each kernel is built at MINI size
with POLYBENCH_DUMP_ARRAYS and every wasm runner's dump must equal
native's (a difference fails the check and stops the driver); native-march
is only reported when it differs, since -march=native lets clang contract
a*b+c into an FMA, which rounds differently (wasm has none). Then every
binary runs --runs times, interleaved (a round runs every kernel's
binaries once, in a fixed order). What is measured per binary and run:
PolyBench's own kernel time (POLYBENCH_TIME, built without its cache flush:
see MEASURED) and the process's CPU time (user + system, from wait4). The table gives per kernel native's median
kernel seconds and every runner's ratio of median kernel times to
native's; the last rows are the geometric means of the ratios, of their
per-round min and max, and of the CPU time ratios. The CSV has the
seconds. Figures are for comparing runners measured together on one
machine, not across machines.

The runners (native is the baseline of every ratio):
{about}
"""
import argparse
import difflib
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import measure, report, runners as runners_mod  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROG = "polybench.py"
TITLE = "PolyBench/C 4.2.1"

# Every kernel and the size it is measured at, in PolyBench's order:
# datamining, linear-algebra/blas, /kernels, /solvers, medley, stencils.
# The eight marked "reference" are the project's reference set (issue 12),
# sizes unchanged. For the other 22: LARGE where it runs 0.3-2 s natively,
# explicit sizes where LARGE runs far longer, EXTRALARGE where LARGE runs
# under 0.2 s. Seconds: one native run (clang-19 -O2, generic x86-64) on
# the project's 2-core machine, 2026-12. gemver, gesummv, atax, bicg, mvt
# and trisolv stay short even at EXTRALARGE: one or two passes over an
# N x N matrix, more work needs more memory than a benchmark should take.
SIZES = {
    "correlation": ["-DM=900", "-DN=1050"],            # 0.66 s (LARGE 2.8 s)
    "covariance": ["-DM=900", "-DN=1050"],             # 0.68 s (LARGE 3.0 s)
    "gemm": ["-DNI=1400", "-DNJ=1500", "-DNK=1600"],   # reference, 1.9 s
    "gemver": ["-DEXTRALARGE_DATASET"],                # 0.14 s (LARGE 0.03 s)
    "gesummv": ["-DEXTRALARGE_DATASET"],               # 0.03 s (LARGE 0.014 s)
    "symm": ["-DLARGE_DATASET"],                       # 1.8 s
    "syr2k": ["-DLARGE_DATASET"],                      # 1.8 s
    "syrk": ["-DLARGE_DATASET"],                       # 0.55 s
    "trmm": ["-DLARGE_DATASET"],                       # 1.0 s
    "2mm": ["-DLARGE_DATASET"],                        # reference, 1.6 s
    "3mm": ["-DNI=600", "-DNJ=680", "-DNK=750", "-DNL=820", "-DNM=900"],  # 1.1 s (LARGE 3.1 s)
    "atax": ["-DEXTRALARGE_DATASET"],                  # 0.005 s (LARGE 0.005 s)
    "bicg": ["-DEXTRALARGE_DATASET"],                  # 0.014 s (LARGE 0.014 s)
    "doitgen": ["-DLARGE_DATASET"],                    # 0.49 s
    "mvt": ["-DEXTRALARGE_DATASET"],                   # 0.09 s (LARGE 0.013 s)
    "cholesky": ["-DN=1000"],                          # reference, 0.19 s
    "durbin": ["-DN=30000"],                           # 0.62 s (LARGE 0.002 s; O(N) memory)
    "gramschmidt": ["-DM=800", "-DN=950"],             # 1.7 s (LARGE 2.5 s)
    "lu": ["-DN=1500"],                                # 1.2 s (LARGE 3.3 s)
    "ludcmp": ["-DN=1500"],                            # 1.1 s (LARGE 3.6 s)
    "trisolv": ["-DEXTRALARGE_DATASET"],               # 0.009 s (LARGE 0.007 s)
    "deriche": ["-DEXTRALARGE_DATASET"],               # reference, 2.0 s
    "floyd-warshall": ["-DN=1400"],                    # reference, 1.9 s
    "nussinov": ["-DN=2000"],                          # reference, 2.3 s
    "adi": ["-DTSTEPS=80", "-DN=1000"],                # 1.4 s (LARGE 8.8 s)
    "fdtd-2d": ["-DLARGE_DATASET"],                    # 1.8 s
    "heat-3d": ["-DTSTEPS=250", "-DN=120"],            # 1.5 s (LARGE 2.9 s)
    "jacobi-1d": ["-DTSTEPS=250000", "-DN=4000"],      # 0.74 s (LARGE 0.0005 s; O(N) memory)
    "jacobi-2d": ["-DLARGE_DATASET"],                  # reference, 2.7 s
    "seidel-2d": ["-DTSTEPS=100", "-DN=1400"],         # reference, 1.8 s
}
REFERENCE = ["gemm", "2mm", "jacobi-2d", "seidel-2d", "nussinov", "cholesky",
             "floyd-warshall", "deriche"]


def usage():
    return __doc__.format(runners=runners_mod.RUNNER_HELP, about=runners_mod.about_lines())


def default_root():
    return os.environ.get("WASM_AOT_POLYBENCH", os.path.join(
        REPO, "..", "shared", "bench", "polybench-4.2.1"))


def size_label(flags):
    words = [f[2:] for f in flags]
    if len(words) == 1 and words[0].endswith("_DATASET"):
        return words[0][:-len("_DATASET")]
    return " ".join(words)


def select_kernels(spec, size):
    """[(name, size flags)] for --kernels and --size; raises ValueError."""
    if not spec:
        names = list(REFERENCE)
    elif spec == "all":
        names = list(SIZES)
    else:
        names = [n.strip() for n in spec.split(",") if n.strip()]
    for n in names:
        if n not in SIZES:
            raise ValueError("no kernel %s (there are: %s)" % (n, ", ".join(SIZES)))
    flags = ["-D%s_DATASET" % size.upper()] if size else None
    return [(n, flags or SIZES[n]) for n in names]


_sources = {}


def find_kernel(root, name):
    if not _sources:
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith(".c"):
                    _sources.setdefault(f[:-2], os.path.join(dirpath, f))
    if name not in _sources:
        raise ValueError("no kernel %s under %s" % (name, root))
    return _sources[name]


def program(root, name, flags):
    src = find_kernel(root, name)
    util = os.path.join(root, "utilities")
    return runners_mod.Program(
        name, [src, os.path.join(util, "polybench.c")],
        ["-I", util, "-I", os.path.dirname(src)] + flags)


def _numbers_differ(want, got):
    """The largest difference between the numbers of two dumps, or None
    if they differ in anything but numbers."""
    a, b = want.split(), got.split()
    if len(a) != len(b):
        return None
    worst = 0.0
    for x, y in zip(a, b):
        if x != y:
            try:
                worst = max(worst, abs(float(x) - float(y)))
            except ValueError:
                return None
    return worst


def check(root, kernels, runners, work_dir, log):
    """Builds every kernel at MINI size with POLYBENCH_DUMP_ARRAYS for
    every runner and compares each dump with native's. Returns (failures,
    notes): lines naming what differs (with the start of a diff) or failed;
    native-march's differences are notes."""
    failures, notes = [], []
    for name, _ in kernels:
        d = os.path.join(work_dir, "check", name)
        prog = program(root, name, ["-DMINI_DATASET", "-DPOLYBENCH_DUMP_ARRAYS"])
        commands, build_failures = runners_mod.build(prog, runners, d)
        failures += ["build: " + f for f in build_failures]
        want = subprocess.run(commands["native"], capture_output=True, text=True)
        if want.returncode != 0:
            raise runners_mod.BuildError("%s native failed (%d): %s" % (
                name, want.returncode, want.stderr[-500:]))
        for r in runners[1:]:
            argv = commands.get(r.name)
            if argv is None:
                continue
            got = subprocess.run(argv, capture_output=True, text=True)
            with open(os.path.join(d, r.name + ".dump"), "w") as f:
                f.write(got.stderr)
            if got.returncode != 0:
                failures.append("%s %s: exit status %d: %s" % (
                    name, r.name, got.returncode, got.stderr.strip()[-300:]))
                continue
            if got.stderr == want.stderr:
                continue
            with open(os.path.join(d, "native.dump"), "w") as f:
                f.write(want.stderr)
            worst = _numbers_differ(want.stderr, got.stderr)
            diff = list(difflib.unified_diff(
                want.stderr.split(), got.stderr.split(), "native", r.name, n=1,
                lineterm=""))
            what = "%s %s: arrays differ from native's%s (%s); diff of the " \
                   "values:\n    %s" % (
                       name, r.name,
                       "" if worst is None else ", by up to %g" % worst,
                       os.path.join(d, r.name + ".dump"),
                       "\n    ".join(diff[2:14]))
            if r.name == "native-march":
                notes.append(what)
            else:
                failures.append(what)
        log("checked %s" % name)
    return failures, notes



def check_and_report(root, kernels, runners, work_dir, log, prog):
    """check(), with its notes and failures logged: the notes, or None when
    a wasm runner's arrays differ from native's."""
    failures, notes = check(root, kernels, runners, work_dir, log)
    for note in notes:
        log("check: note: " + note)
    if failures:
        for failure in failures:
            log("check: FAILED: " + failure)
        log("%s: %d check failure(s)" % (prog, len(failures)))
        return None
    log("check: every wasm runner's arrays equal native's (MINI)")
    return notes

# Kernel time, without PolyBench's cache flush. The flush callocs and frees
# 32 MiB just before the timer starts. Natively the free unmaps it; in
# explicit mode the calloc grows linear memory, which realloc moves with
# mremap. On a virtual machine that shadows page tables, the TLB flush
# either causes made every page the kernel then touched fault into the
# hypervisor again: atax took 44 ms natively and in explicit mode but 3.8 ms
# with guard pages (whose growth only changes protections), and 3.6 ms
# natively without the flush. That measured the hypervisor, not the code.
MEASURED = ["-DPOLYBENCH_TIME", "-DPOLYBENCH_NO_FLUSH_CACHE"]


def items(root, kernels, runners, work_dir, log):
    """Builds every kernel for every runner; returns ([measure.Item],
    build failures)."""
    out, failures = [], []
    for name, flags in kernels:
        d = os.path.join(work_dir, name)
        commands, failed = runners_mod.build(
            program(root, name, MEASURED + flags), runners, d)
        failures += failed
        out.append(measure.Item("polybench", name, commands, d,
                                measure.parse_last_number, size=size_label(flags)))
        log("built %s" % name)
    return out, failures


def parse_args(argv):
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--polybench", default=default_root())
    ap.add_argument("--build-dir", default=runners_mod.default_build_dir())
    ap.add_argument("--work-dir")
    ap.add_argument("--kernels")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--size")
    ap.add_argument("--runs", type=int, default=3)
    runners_mod.add_arguments(ap)
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--csv")
    ap.add_argument("--chart")
    ap.add_argument("-h", "--help", action="store_true")
    return ap.parse_args(argv)


def log(message):
    print(message, file=sys.stderr, flush=True)


def main(argv=None):
    args = parse_args(argv)
    if args.help:
        print(usage())
        return 0
    if not os.path.isdir(args.polybench):
        log("%s: no PolyBench at %s (set WASM_AOT_POLYBENCH)" % (PROG, args.polybench))
        return 77
    root = os.path.abspath(args.polybench)
    work_dir = os.path.abspath(args.work_dir or os.path.join(
        args.build_dir, "bench", "polybench"))
    try:
        kernels = select_kernels("all" if args.all else args.kernels, args.size)
    except ValueError as e:
        log("%s: %s" % (PROG, e))
        return 2
    runners = runners_mod.choose(args, PROG, log)
    if runners is None:
        return 2

    if args.check_only and args.no_check:
        log("%s: --check-only and --no-check" % PROG)
        return 2
    try:
        if not args.no_check:
            if check_and_report(root, kernels, runners, work_dir, log, PROG) is None:
                return 1
            if args.check_only:
                return 0
        benches, failures = items(root, kernels, runners, work_dir, log)
        names = [r.name for r in runners]
        results = measure.interleaved(benches, names, args.runs, log)
    except (runners_mod.BuildError, measure.MeasureError) as e:
        log("%s: %s" % (PROG, e))
        return 1

    rows = report.summarize(benches, names, results)
    report.emit(rows, names, failures, args, TITLE, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
