#!/usr/bin/env python3
"""The benchmark suite: PolyBench/C and bench/programs through one set of
runners, measured in one interleaved run, results in one directory.

usage: bench/suite.py [options]
  --polybench DIR   PolyBench/C 4.2.1 (default: $WASM_AOT_POLYBENCH, else
                    <repo>/../shared/bench/polybench-4.2.1)
  --build-dir DIR   the wasm-aot build tree (default: $WASM_AOT_BUILD_DIR,
                    else <repo>/build); its tools/wasm-aot/wasm-aot is the
                    standard wasm-aot runners' compiler
  --work-dir DIR    binaries and outputs (default: BUILD/bench/suite)
  --out DIR         the results (default: BUILD/bench/results/DATE-TIME)
  --kernels LIST    PolyBench kernels, comma-separated (default: all 30)
  --size S          MINI .. EXTRALARGE for every kernel instead of each
                    kernel's own size (bench/polybench.py)
  --programs LIST   programs of bench/programs/ (default: all six)
  --reps N          the programs' repetitions instead of their defaults
  --suites LIST     polybench, programs or both (default: both)
  --runs N          rounds, each running every binary once (default 3)
{runners}
  --no-check        skip PolyBench's correctness check at MINI size
  --chart-format F  png (default) or svg
  --smoke           a quick check of the whole driver: PolyBench at SMALL,
                    the programs at REPS=1, one run (--size, --reps and
                    --runs still apply)

Does what bench/polybench.py and bench/programs.py do (see their --help),
in one run: PolyBench's arrays are checked at MINI size first, every
program's checksum in every run; then each round runs every binary of
both suites once, in a fixed order. The results directory gets:
  results.md    the tables (ratios of median kernel times to native's,
                geometric means), with the date, commit, machine, runners
                and sizes; also printed on stdout
  results.csv   a row per benchmark and runner: suite, kernel, size,
                runner, runs, median/min/max kernel and CPU seconds, the
                ratio of medians to native's with its per-round min and
                max, the CPU time ratio
  chart.png     the ratios, a panel per suite (needs matplotlib; without
                it the rest is written and the chart skipped)

The runners (native is the baseline of every ratio):
{about}
"""
import argparse
import datetime
import os
import platform
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polybench  # noqa: E402
import programs  # noqa: E402
from harness import measure, report, runners as runners_mod  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROG = "suite.py"
SUITES = ("polybench", "programs")


def usage():
    return __doc__.format(runners=runners_mod.RUNNER_HELP, about=runners_mod.about_lines())


def log(message):
    print(message, file=sys.stderr, flush=True)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s %s" % (cpu, os.cpu_count() or 0, platform.system(),
                                    platform.release())


def commit():
    r = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"],
                       capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else "unknown"


def tool_version(argv):
    try:
        r = subprocess.run(argv, capture_output=True, text=True)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def main(argv=None):
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--polybench", default=polybench.default_root())
    ap.add_argument("--build-dir", default=runners_mod.default_build_dir())
    ap.add_argument("--work-dir")
    ap.add_argument("--out")
    ap.add_argument("--kernels")
    ap.add_argument("--size")
    ap.add_argument("--programs")
    ap.add_argument("--reps", type=int)
    ap.add_argument("--suites", default=",".join(SUITES))
    ap.add_argument("--runs", type=int)
    runners_mod.add_arguments(ap)
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--chart-format", default="png", choices=("png", "svg"))
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("-h", "--help", action="store_true")
    args = ap.parse_args(argv)
    if args.help:
        print(usage())
        return 0
    suites = [s.strip() for s in args.suites.split(",") if s.strip()]
    if not suites or any(s not in SUITES for s in suites):
        log("%s: --suites: polybench, programs or both, not %r" % (PROG, args.suites))
        return 2
    if args.smoke:
        args.size = args.size or "SMALL"
        args.reps = args.reps or 1
        args.runs = args.runs or 1
    runs = args.runs or 3
    if "polybench" in suites and not os.path.isdir(args.polybench):
        log("%s: no PolyBench at %s (set WASM_AOT_POLYBENCH, or --suites programs)"
            % (PROG, args.polybench))
        return 77
    root = os.path.abspath(args.polybench)
    work_dir = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "bench", "suite"))
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    out_dir = os.path.abspath(args.out or os.path.join(args.build_dir, "bench", "results", stamp))
    try:
        kernels = polybench.select_kernels(args.kernels or "all", args.size) \
            if "polybench" in suites else []
        names = programs.select_programs(args.programs) if "programs" in suites else []
    except ValueError as e:
        log("%s: %s" % (PROG, e))
        return 2
    runners = runners_mod.choose(args, PROG, log)
    if runners is None:
        return 2
    order = [r.name for r in runners]
    # Recorded before the run: the tree may move on while it lasts, and
    # "date" says when it started.
    started_commit = commit()
    started = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")

    notes = []
    try:
        if kernels and not args.no_check:
            notes = polybench.check_and_report(
                root, kernels, runners, os.path.join(work_dir, "polybench"), log,
                PROG)
            if notes is None:
                return 1
        poly_items, poly_failures = polybench.items(
            root, kernels, runners, os.path.join(work_dir, "polybench"), log)
        prog_items, prog_failures = programs.items(
            names, runners, os.path.join(work_dir, "programs"), args.reps, log)
        results = measure.interleaved(poly_items + prog_items, order, runs, log)
    except (runners_mod.BuildError, measure.MeasureError) as e:
        log("%s: %s" % (PROG, e))
        return 1

    poly_rows = report.summarize(poly_items, order, results)
    prog_rows = report.summarize(prog_items, order, results)
    os.makedirs(out_dir, exist_ok=True)
    sizes = ", ".join("%s %s" % (item.name, item.size) for item in poly_items)
    text = ["# Benchmark suite results", "",
            "- date: %s" % started,
            "- commit: %s" % started_commit,
            "- machine: %s" % machine(),
            "- wasm-aot: %s" % runners_mod.wasm_aot_of(os.path.abspath(args.build_dir)),
            "- %s; node %s" % (tool_version([runners_mod.CC, "--version"]),
                                tool_version(["node", "--version"])),
            "- runs: %d, interleaved" % runs,
            "- runners:"]
    text += ["  - %s" % r.describe() for r in runners]
    if poly_items:
        text += ["", "## %s" % polybench.TITLE, "",
                 report.section(poly_rows, order, poly_failures).rstrip(), "",
                 "Sizes: %s." % sizes]
        if notes:
            text += ["", "Check notes (native-march at MINI size, not failures):", ""]
            text += ["- " + n.splitlines()[0] for n in notes]
    if prog_items:
        text += ["", "## %s" % programs.TITLE, "",
                 report.section(prog_rows, order, prog_failures,
                                "program", "programs").rstrip(),
                 "", "Repetitions: %s." % prog_items[0].size]
    markdown = "\n".join(text) + "\n"
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown)
    report.write_csv(poly_rows + prog_rows, os.path.join(out_dir, "results.csv"))
    panels = []
    if poly_rows:
        panels.append(("%s: kernel time / native (clang-19 -O2), %d run(s), lower is faster"
                       % (polybench.TITLE, runs), poly_rows))
    if prog_rows:
        panels.append(("%s: kernel time / native, %d run(s), lower is faster"
                       % (programs.TITLE, runs), prog_rows))
    chart = os.path.join(out_dir, "chart." + args.chart_format)
    report.chart(panels, order, chart, log)
    print(markdown, end="")
    log("results in %s" % out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
