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
import os
import statistics
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import measure, report, runners as runners_mod  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_DIR = os.path.join(REPO, "bench", "simd")
# node's default tiers (Liftoff, then TurboFan), unlike the node runner of
# bench/polybench.py and bench/programs.py.
NODE = ["node", "--no-warnings", runners_mod.NODE_WASI]
COMMON = ["-ffp-contract=off"]  # besides -O2
VARIANTS = ("simd", "scalar")
CSV_FIELDS = ["kernel", "runner", "variant", "kernel_s_median", "kernel_s_min",
              "kernel_s_max", "cpu_s_median", "native_kernel_s_median", "ratio",
              "cpu_ratio"]


def build_all(args, kernels, runners):
    """[measure.Item] with a command per "RUNNER-VARIANT" (None if its
    wasm-aot build failed), the order to run them in, and the reasons of
    failed wasm-aot builds. Native runs the scalar path (clang-19 -O2,
    generic x86-64); each wasm runner both modules."""
    items, failures, order = [], [], ["native-scalar"]
    for variant in VARIANTS:
        if args.node:
            order.append("node-" + variant)
        order += ["%s-%s" % (r.name, variant) for r in runners]
    for name in kernels:
        d = os.path.join(args.work_dir, name)
        program = runners_mod.Program(name, [os.path.join(KERNEL_DIR, name + ".c")],
                                      COMMON, native_libs=())
        # One runner per wasm-aot build and module; the harness builds each
        # module once, with -msimd128 for "simd".
        variants = [runners_mod.Runner("native-scalar", "native")]
        for variant in VARIANTS:
            module = "simd" if variant == "simd" else "plain"
            for r in runners:
                variants.append(runners_mod.Runner("%s-%s" % (r.name, variant), "wasm-aot",
                                                   module, tool=r.tool))
        commands, failed = runners_mod.build(program, variants, d)
        failures += [f.replace("-simd:", " simd:").replace("-scalar:", " scalar:")
                     for f in failed]
        if args.node:
            commands["node-simd"] = NODE + [os.path.join(d, name + ".simd.wasm"), name]
            commands["node-scalar"] = NODE + [os.path.join(d, name + ".wasm"), name]
            for variant, wasm in (("simd", ".simd.wasm"), ("scalar", ".wasm")):
                if not os.path.exists(os.path.join(d, name + wasm)):
                    runners_mod.build_wasm(program, os.path.join(d, name + wasm),
                                           simd=variant == "simd")
        items.append(measure.Item("simd", name, commands, d, measure.parse_checksum_time,
                                  args=[str(args.reps)] if args.reps else []))
        print("built %s" % name, file=sys.stderr)
    return items, order, failures


def parse_runners(args):
    tool = runners_mod.wasm_aot_of(args.build_dir)
    specs = args.runner or ["guard=%s --bounds-checks=guard" % tool]
    for spec in specs:
        name = spec.partition("=")[0]
        if name in ("native", "node") or name.endswith(":simd"):
            sys.exit("simd.py: --runner NAME=WASM_AOT [FLAGS...], NAME neither "
                     "'native' nor 'node': %r" % spec)
    try:
        return runners_mod.select(None, specs, tool)[1:]  # without native
    except ValueError as e:
        sys.exit("simd.py: %s" % e)


def cell(times):
    ks = [t[0] for t in times]
    return "%.3f (%.3f-%.3f)" % (statistics.median(ks), min(ks), max(ks))


def main():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--build-dir", default=runners_mod.default_build_dir())
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

    try:
        items, order, failures = build_all(args, kernels, runners)
        measured = measure.interleaved(items, order, args.runs)
    except (runners_mod.BuildError, measure.MeasureError) as e:
        sys.exit("simd.py: %s" % e)
    names = [r.name for r in runners] + (["node"] if args.node else [])
    results = {}  # (kernel, runner, variant) -> [(kernel s, CPU s)]
    for ((_, k), key), times in measured.items():
        r, _, v = key.rpartition("-")
        results[(k, r, v)] = times

    def median(k, r, v, which):
        return statistics.median(t[which] for t in results[(k, r, v)])

    print("| kernel | native s (min-max) | runner | SIMD s (min-max) | SIMD / native "
          "| scalar s (min-max) | scalar / native | SIMD speedup |")
    print("|---|---|---|---|---|---|---|---|")
    ratios = {(r, what): [] for r in names for what in ("simd", "simd-cpu", "scalar",
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
                ratios[(r, v)].append(ratio)
                ratios[(r, v + "-cpu")].append(cpu_ratio)
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
                ratios[(r, "speedup")].append(speedup)
                cells.append("%.2fx" % speedup)
            else:
                cells.append("")
            print("| " + " | ".join(cells) + " |")

    def geomean(r, what):
        value = report.geomean(ratios[(r, what)])
        return "%.3fx" % value if value is not None else ""

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
        report.write_csv(rows, args.csv, CSV_FIELDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
