#!/usr/bin/env python3
"""giant_program.py SHAPE N OUT.wasm

Writes a WASI command whose _start calls one giant function, of the
hostile_module.py SHAPE live-locals or nested-ifs scaled by N, and exits
with the low byte of its result: (N * (N - 1) / 2) mod 256 for live-locals,
7 for nested-ifs (called with 7). The compiler gives such functions a
cheaper pipeline (compiler/lower/CostlyFunctions.h); these programs show
that what it makes of them still computes the right thing.
"""
import sys

from hostile_module import (CODE, EXPORT, FUNC, I32, IMPORT, MEMORY, TYPE,
                            body, functype, i32_const, live_locals_func,
                            module, name, nested_ifs_func, section, uleb, vec,
                            write_scaled)

GIANTS = {"live-locals": (live_locals_func, b""),
          "nested-ifs": (nested_ifs_func, i32_const(7))}


def program(shape, n):
    make, args = GIANTS[shape]
    giant = make(n)
    types = [functype((I32,), ()),  # 0: proc_exit
             functype(giant.get("params", ()), giant["results"]),  # 1: giant
             functype()]  # 2: _start
    imports = vec([name("wasi_snapshot_preview1") + name("proc_exit") +
                   b"\x00" + uleb(0)])
    # Function 0 is the import, 1 the giant, 2 _start.
    start = args + b"\x10\x01" + i32_const(255) + b"\x71" + b"\x10\x00"
    return module(
        section(TYPE, vec(types)),
        section(IMPORT, imports),
        section(FUNC, vec([uleb(1), uleb(2)])),
        section(MEMORY, vec([b"\x00\x01"])),
        section(EXPORT, vec([name("_start") + b"\x00" + uleb(2),
                             name("memory") + b"\x02" + uleb(0)])),
        section(CODE, vec([body(giant["code"], giant.get("local_runs", ())),
                           body(start)])))


def main(argv):
    return write_scaled(argv, __doc__, GIANTS, program)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
