#!/usr/bin/env python3
"""The programs of bench/programs/ through every runner, measured in the
same run.

usage: bench/programs.py [options]
  --build-dir DIR   the wasm-aot build tree (default: $WASM_AOT_BUILD_DIR,
                    else <repo>/build); its tools/wasm-aot/wasm-aot is the
                    standard wasm-aot runners' compiler
  --work-dir DIR    binaries and outputs (default: BUILD/bench/programs)
  --programs LIST   comma-separated programs of bench/programs/ (default:
                    all six: {programs})
  --reps N          repetitions of every program's kernel (its argv[1])
                    instead of each program's own default, sized for
                    0.5-1 s natively (1 makes a quick check of the driver)
  --runs N          rounds, each running every binary once (default 3)
{runners}
  --csv FILE        also write the results as CSV, a row per program and
                    runner (median/min/max kernel and CPU seconds, ratios)
  --chart FILE      also draw the ratios (.png or .svg; needs matplotlib,
                    skipped with a message without it)

Each program (bench/programs/README.md) is one C file that prints
`checksum <hex>` and `time <seconds>`, the time of its kernel alone. It is
built natively and for wasm32-wasi with clang-19 -O2, and every run's
checksum must equal native's in the same round: that is the correctness
check (the driver stops otherwise). Every binary runs --runs times,
interleaved (a round runs every program's binaries once, in a fixed
order); measured per run: the kernel time the program prints and the
process's CPU time (user + system, from wait4). The table gives per
program native's median kernel seconds and every runner's ratio of median
kernel times to native's; the last rows are the geometric means of the
ratios, of their per-round min and max, and of the CPU time ratios. The CSV
has the seconds.

The runners (native is the baseline of every ratio):
{about}
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import measure, report, runners as runners_mod  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM_DIR = os.path.join(REPO, "bench", "programs")
PROG = "programs.py"
TITLE = "Programs (bench/programs)"


def available():
    return sorted(f[:-2] for f in os.listdir(PROGRAM_DIR) if f.endswith(".c"))


def usage():
    return __doc__.format(programs=", ".join(available()),
                          runners=runners_mod.RUNNER_HELP,
                          about=runners_mod.about_lines())


def select_programs(spec):
    names = [n.strip() for n in spec.split(",") if n.strip()] if spec else available()
    for n in names:
        if n not in available():
            raise ValueError("no program %s in %s (there are: %s)"
                             % (n, PROGRAM_DIR, ", ".join(available())))
    return names


def items(names, runners, work_dir, reps, log):
    """Builds every program for every runner; returns ([measure.Item],
    build failures)."""
    out, failures = [], []
    for name in names:
        d = os.path.join(work_dir, name)
        prog = runners_mod.Program(name, [os.path.join(PROGRAM_DIR, name + ".c")], [])
        commands, failed = runners_mod.build(prog, runners, d)
        failures += failed
        out.append(measure.Item("programs", name, commands, d,
                                measure.parse_checksum_time,
                                args=[str(reps)] if reps else [],
                                size="REPS=%d" % reps if reps else "default REPS"))
        log("built %s" % name)
    return out, failures


def log(message):
    print(message, file=sys.stderr, flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--build-dir", default=runners_mod.default_build_dir())
    ap.add_argument("--work-dir")
    ap.add_argument("--programs")
    ap.add_argument("--reps", type=int)
    ap.add_argument("--runs", type=int, default=3)
    runners_mod.add_arguments(ap)
    ap.add_argument("--csv")
    ap.add_argument("--chart")
    ap.add_argument("-h", "--help", action="store_true")
    args = ap.parse_args(argv)
    if args.help:
        print(usage())
        return 0
    work_dir = os.path.abspath(args.work_dir or os.path.join(
        args.build_dir, "bench", "programs"))
    try:
        names = select_programs(args.programs)
    except ValueError as e:
        log("%s: %s" % (PROG, e))
        return 2
    runners = runners_mod.choose(args, PROG, log)
    if runners is None:
        return 2

    try:
        benches, failures = items(names, runners, work_dir, args.reps, log)
        order = [r.name for r in runners]
        results = measure.interleaved(benches, order, args.runs, log)
    except (runners_mod.BuildError, measure.MeasureError) as e:
        log("%s: %s" % (PROG, e))
        return 1
    log("checksums: every run's equals native's")

    rows = report.summarize(benches, order, results)
    report.emit(rows, order, failures, args, TITLE, log, "program", "programs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
