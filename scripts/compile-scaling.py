#!/usr/bin/env python3
"""Times `wasm-aot compile` on hostile module shapes at growing sizes.

    scripts/compile-scaling.py [--wasm-aot PATH] [--shapes a,b] [--sizes 5000,10000,20000]
                               [--opt O0,O2] [--timeout SECONDS]

For each shape of test/lit/Inputs/hostile_module.py and each size it writes
the module, compiles it with /usr/bin/time and prints the seconds, the peak
resident memory and, from the second size on, how both grew relative to the
previous size next to how the module grew. Compile time and memory should
grow like the module: a time ratio well above the size ratio is the sign of
superlinear work. The numbers are for people; no test reads them. The
exit status is 1 if a compile failed or ran out of --timeout (the ctest
compile-scaling runs the shapes that must stay fast with a timeout, so that
a regression to quadratic work fails it), else 0.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "test", "lit", "Inputs"))
import hostile_module  # noqa: E402

# Sizes per shape where the default would be beyond a limit or pointless:
# a function has at most 50,000 locals and a br_table 65,520 entries.
DEFAULT_SIZES = [5000, 10000, 20000, 40000]
SHAPE_SIZES = {
    "locals": [10000, 20000, 40000],
    "live-locals": [5000, 10000, 20000, 40000],
    "br-table": [10000, 20000, 40000, 65000],
}


def measure(wasm_aot, path, opt, features, timeout):
    """(seconds, peak KiB, status) of one compile; status is 'ok', 'timeout'
    or the tool's first error line."""
    out = path + "." + opt + ".o"
    # Every compile a real one: a cache hit from an earlier run would time
    # nothing.
    cmd = ["/usr/bin/time", "-f", "%e %M", wasm_aot, "compile", "-" + opt,
           "--no-cache", path, "-o", out]
    if features:
        cmd.insert(5, "--features=" + features)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    finally:
        if os.path.exists(out):
            os.remove(out)
    last = p.stderr.strip().splitlines()[-1].split()
    secs, kib = float(last[0]), int(last[1])
    status = "ok" if p.returncode == 0 else p.stderr.strip().splitlines()[0]
    return secs, kib, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasm-aot", default=os.path.join(
        HERE, "..", "build", "tools", "wasm-aot", "wasm-aot"))
    ap.add_argument("--shapes", default=",".join(hostile_module.SHAPES))
    ap.add_argument("--sizes", help="comma-separated, for every shape")
    ap.add_argument("--opt", default="O0,O2")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()

    print("%-14s %-3s %7s %9s %8s %9s  %s" % (
        "shape", "opt", "size", "bytes", "seconds", "peak MiB",
        "growth: size  time  memory"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                     else SHAPE_SIZES.get(shape, DEFAULT_SIZES))
            files = []
            for n in sizes:
                path = os.path.join(tmp, "%s-%d.wasm" % (shape, n))
                with open(path, "wb") as f:
                    f.write(hostile_module.shape_bytes(shape, n))
                files.append((n, path, os.path.getsize(path)))
            for opt in args.opt.split(","):
                prev = None
                for n, path, nbytes in files:
                    secs, kib, status = measure(
                        args.wasm_aot, path, opt,
                        hostile_module.FEATURES.get(shape), args.timeout)
                    if secs is None or status != "ok":
                        failed += 1
                    if secs is None:
                        print("%-14s %-3s %7d %9d  timeout after %ds" % (
                            shape, opt, n, nbytes, args.timeout))
                        break  # larger sizes would only take longer
                    growth = ""
                    if prev:
                        growth = "%10.1fx %5.1fx %6.1fx" % (
                            nbytes / prev[0], secs / max(prev[1], 0.01),
                            kib / prev[2])
                    print("%-14s %-3s %7d %9d %8.2f %9.1f  %s%s" % (
                        shape, opt, n, nbytes, secs, kib / 1024, growth,
                        "" if status == "ok" else "  " + status), flush=True)
                    prev = (nbytes, secs, kib)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
