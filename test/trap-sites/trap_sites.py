#!/usr/bin/env python3
"""Trap reports name the instruction that trapped, on every target.

A trap inside compiled code is reported as `trap: KIND in function N (NAME)
at offset 0x...`. Checks compiled into the code know their site; a
guard-page fault and a trap inside a runtime call (memory.copy, table.init,
...) are known by a PC, which the module's site map resolves (docs/abi.md,
"Trap sites"). This test builds one small program per case, each trapping
in a different kind of instruction and context, for each target this
machine can run (x86-64 natively, AArch64 and RISC-V 64 through qemu-user),
in both bounds-check modes, and compares the report with the instruction
wasm-objdump finds in the trapping function.

Each report is judged:
  exact      the right trap, function and offset (for the pairs in
             MAY_REPORT_INSTEAD, the offset of the instruction named there)
  no offset  the right trap and function, no offset: allowed only for the
             (case, target, mode) in MAY_LACK_OFFSET, each with its reason
  wrong      anything else, including an offset that is not the
             instruction's: always a failure

usage: trap_sites.py --wasm-aot PATH --work-dir DIR [--wat2wasm PATH]
                     [--wasm-objdump PATH] [--targets t1,t2]
                     [--build-flag ARG ...] [-v]
Exit status: 0 all passed, 1 failures, 77 a required tool is missing.
The last line is "N passed, N failed".
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

# One page of memory; addresses at and past 65536 are out of bounds. Every
# case exports _start, which calls $victim (directly or through $outer), and
# $victim traps in the instruction named by `op` (the first one of that
# name in the function named by `func`).
PAGE_END = 65536


class Case:
    def __init__(self, name, body, op, trap="out of bounds memory access",
                 func="victim", extra="", start="(call $victim)"):
        self.name = name
        self.body = body
        self.op = op
        self.trap = trap
        self.func = func
        self.extra = extra
        self.start = start


LOADS = [
    # name, victim's body (leaves nothing on the stack), the trapping op
    ("load-returned", "(global.set $g (call $get (i32.const 65534)))",
     "i32.load"),
    ("load-added",
     "(global.set $g (i32.add (i32.load (local.get $a)) (global.get $g)))",
     "i32.load"),
    ("load-compared",
     "(if (i32.eqz (i32.load (local.get $a))) (then (global.set $g (i32.const 7))))",
     "i32.load"),
    ("load8-signed",
     "(global.set $g (i32.add (i32.load8_s offset=2 (local.get $a)) (i32.const 1)))",
     "i32.load8_s"),
    ("load16-unsigned-i64",
     "(global.set $h (i64.mul (i64.load16_u offset=3 (local.get $a)) (global.get $h)))",
     "i64.load16_u"),
    ("load32-signed-i64",
     "(global.set $h (i64.load32_s (local.get $a)))", "i64.load32_s"),
    ("load-f64",
     "(global.set $d (f64.add (f64.load (local.get $a)) (global.get $d)))",
     "f64.load"),
    ("load-unaligned",
     "(global.set $g (i32.load offset=1 align=1 (local.get $a)))",
     "i32.load"),
    ("load-in-loop",
     """(local $i i32) (local.set $i (i32.const 65000))
        (loop $l
          (global.set $g (i32.add (global.get $g) (i32.load (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 70000))))
        (i32.store (i32.const 0) (global.get $g))""",
     "i32.load"),
    ("load-extended",
     "(global.set $h (i64.extend_i32_s (i32.load (local.get $a))))",
     "i32.load"),
    ("store-i32", "(i32.store (local.get $a) (global.get $g))", "i32.store"),
    ("store16-i64", "(i64.store16 offset=5 (local.get $a) (global.get $h))",
     "i64.store16"),
    ("store-f32", "(f32.store (local.get $a) (f32.const 1.5))", "f32.store"),
    ("read-modify-write",
     "(i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))",
     "i32.load"),
    # v128 accesses, whose loads fold into vector instructions (paddd,
    # pmovsxbw, pinsrw, ld1r, ld1 lane, vle8) or are split in two (rv64gc).
    ("v128-load-added",
     "(global.set $v (i32x4.add (v128.load (local.get $a)) (global.get $v)))",
     "v128.load"),
    ("v128-load-extended",
     "(global.set $v (v128.load8x8_s (local.get $a)))", "v128.load8x8_s"),
    ("v128-load-splat",
     "(global.set $v (v128.load32_splat (local.get $a)))", "v128.load32_splat"),
    ("v128-load-zero",
     "(global.set $v (v128.load64_zero (local.get $a)))", "v128.load64_zero"),
    ("v128-load-lane",
     "(global.set $v (v128.load16_lane offset=1 1 (local.get $a) (global.get $v)))",
     "v128.load16_lane"),
    ("v128-store", "(v128.store (local.get $a) (global.get $v))", "v128.store"),
    ("v128-store-lane",
     "(v128.store64_lane 1 (local.get $a) (global.get $v))",
     "v128.store64_lane"),
]

CASES = [Case(n, b, op, func="get" if n == "load-returned" else "victim")
         for n, b, op in LOADS]
CASES += [
    Case("memory-copy",
         "(memory.copy (local.get $a) (i32.const 0) (i32.const 16))",
         "memory.copy"),
    Case("memory-fill",
         "(memory.fill (local.get $a) (i32.const 0) (i32.const 16))",
         "memory.fill"),
    Case("memory-init",
         "(memory.init $seg (local.get $a) (i32.const 0) (i32.const 4))",
         "memory.init", extra='(data $seg "abcd")'),
    Case("table-copy",
         "(table.copy $t $t (i32.const 1) (i32.const 0) (i32.const 2))",
         "table.copy", trap="out of bounds table access"),
    Case("table-fill",
         "(table.fill $t (i32.const 1) (ref.null func) (i32.const 2))",
         "table.fill", trap="out of bounds table access"),
    Case("table-init",
         "(table.init $t $elems (i32.const 0) (i32.const 0) (i32.const 3))",
         "table.init", trap="out of bounds table access",
         extra="(elem $elems func $victim $victim)"),
    # A function that returns the loaded value, called indirectly so that
    # it is not inlined.
    Case("load-returned-indirect",
         "(global.set $g (call_indirect (param i32) (result i32) "
         "(local.get $a) (i32.const 0)))",
         "i32.load", func="get", extra="(elem (i32.const 0) $get)"),
    # A small function inlined into its caller: the report names the
    # function the instruction belongs to, not the one it was inlined into.
    Case("inlined-load",
         "(global.set $g (call $peek (local.get $a)))",
         "i32.load", func="peek",
         start="(call $outer)"),
]

# (case, target, bounds mode) -> why the report may lack the offset. Only
# guard pages are affected: explicit checks and runtime calls always know.
# Each entry is what was observed; a case that becomes exact here should be
# taken out.
MAY_LACK_OFFSET = {
    # x86-64 folds the load into the compare that uses its value; the one
    # machine instruction is the compare's, which cannot trap, so the map
    # knows only the function.
    ("load-compared", "x86_64", "guard"):
        "the load is folded into the compare",
    # RISC-V 64 returns an i32 sign-extended; instruction selection folds
    # the extension into the load (lw) and gives the result the location
    # of the return.
    ("load-returned-indirect", "riscv64", "guard"):
        "the load is folded into the return's sign extension",
}

# (case, target, bounds mode) -> (the instruction reported instead, why).
MAY_REPORT_INSTEAD = {
    # x86-64 fuses a load and a store of the same address into one
    # read-modify-write instruction, which has the store's location. The
    # access is the same, only the instruction named is the later one.
    ("read-modify-write", "x86_64", "guard"):
        ("i32.store", "the load and the store are fused into one instruction"),
}


def module_text(case):
    return f"""(module
  (memory (export "memory") 1)
  (table $t 2 funcref)
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i64) (i64.const 3))
  (global $d (mut f64) (f64.const 0.5))
  (global $v (mut v128) (v128.const i32x4 1 2 3 4))
  {case.extra}
  (func $get (param $a i32) (result i32) (i32.load (local.get $a)))
  (func $peek (param $a i32) (result i32) (i32.load (local.get $a)))
  (func $victim (param $a i32)
    {case.body})
  (func $outer (call $victim (i32.const {PAGE_END - 2})))
  (func (export "_start")
    {case.start.replace("(call $victim)", f"(call $victim (i32.const {PAGE_END - 2}))")}))
"""


def instruction_offsets(objdump, wasm):
    """{function name: [(offset, instruction text)]} from wasm-objdump -d."""
    out = subprocess.run([objdump, "-d", str(wasm)], capture_output=True,
                         text=True, check=True).stdout
    funcs, current = {}, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ func\[\d+\] <(.*)>:", line)
        if m:
            current = funcs.setdefault(m.group(1), [])
            continue
        m = re.match(r"^ ([0-9a-f]+): [0-9a-f ]+\|\s*(.*)$", line)
        if m and current is not None:
            current.append((int(m.group(1), 16), m.group(2).strip()))
    return funcs


def offset_of(funcs, func, op):
    """The offset of the first instruction `op` in function `func`."""
    for offset, text in funcs.get(func, []):
        if text.split()[0] == op:
            return offset
    raise RuntimeError(f"no {op} in ${func}")


def host_arch():
    import platform
    return {"x86_64": "x86_64", "aarch64": "aarch64",
            "arm64": "aarch64", "riscv64": "riscv64"}.get(platform.machine())


def runner(arch):
    """The command prefix that runs an ARCH executable here, or None."""
    if arch == host_arch():
        return []
    qemu = shutil.which("qemu-" + arch)
    return [qemu] if qemu else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasm-aot", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--wat2wasm", default=shutil.which("wat2wasm"))
    ap.add_argument("--wasm-objdump", default=shutil.which("wasm-objdump"))
    ap.add_argument("--targets", default="x86_64,aarch64,riscv64")
    ap.add_argument("--build-flag", action="append", default=[],
                    help="one more argument for every wasm-aot build "
                         "(repeatable), e.g. --build-flag=--partition-size=1")
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args()
    if not opts.wat2wasm or not opts.wasm_objdump:
        print("skipped: wat2wasm and wasm-objdump (wabt) are needed")
        return 77

    work = Path(opts.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    wasm_aot = str(Path(opts.wasm_aot).resolve())
    lib_dir = Path(wasm_aot).parent.parent.parent / "lib" / "wasm-aot"

    modules = {}
    for case in CASES:
        wat = work / f"{case.name}.wat"
        wat.write_text(module_text(case))
        wasm = work / f"{case.name}.wasm"
        subprocess.run([opts.wat2wasm, "--debug-names", str(wat), "-o",
                        str(wasm)], check=True)
        modules[case.name] = (wasm, instruction_offsets(opts.wasm_objdump,
                                                        wasm))

    passed = failed = 0
    counts = {}
    for arch in opts.targets.split(","):
        prefix = runner(arch)
        triple = f"{arch}-linux-gnu"
        if prefix is None or not (lib_dir / triple).is_dir():
            print(f"{arch}: not run here (no runtime archives or no way to "
                  f"run {arch} programs)")
            continue
        for mode in ("guard", "explicit"):
            tally = counts.setdefault((arch, mode), {"exact": 0, "no offset": 0})
            for case in CASES:
                wasm, funcs = modules[case.name]
                instead = MAY_REPORT_INSTEAD.get((case.name, arch, mode))
                offset = offset_of(funcs, case.func,
                                   instead[0] if instead else case.op)
                exe = work / f"{case.name}-{arch}-{mode}"
                build = subprocess.run(
                    [wasm_aot, "build", f"--target={triple}",
                     f"--bounds-checks={mode}", *opts.build_flag, str(wasm),
                     "-o", str(exe)],
                    capture_output=True, text=True)
                label = f"{arch} {mode} {case.name}"
                if build.returncode != 0:
                    print(f"FAIL {label}: build failed: {build.stderr.strip()}")
                    failed += 1
                    continue
                run = subprocess.run(prefix + [str(exe)], capture_output=True,
                                     text=True, timeout=120)
                where = f"in function \\d+ \\({re.escape(case.func)}\\)"
                exact = (f"{re.escape(exe.name)}: trap: {re.escape(case.trap)} "
                         f"{where} at offset 0x{offset:x}\n")
                partial = (f"{re.escape(exe.name)}: trap: "
                           f"{re.escape(case.trap)} {where}\n")
                report = run.stderr
                reason = MAY_LACK_OFFSET.get((case.name, arch, mode))
                if run.returncode == 134 and re.fullmatch(exact, report):
                    verdict, ok = "exact", True
                    if instead:
                        reason = f"{instead[0]} reported: {instead[1]}"
                elif (run.returncode == 134 and re.fullmatch(partial, report)):
                    verdict, ok = "no offset", reason is not None
                else:
                    verdict, ok = "wrong", False
                if verdict in tally:
                    tally[verdict] += 1
                if ok:
                    passed += 1
                    if opts.verbose:
                        print(f"ok   {label}: {verdict}"
                              + (f" ({reason})" if reason else ""))
                else:
                    failed += 1
                    print(f"FAIL {label}: {verdict}: status {run.returncode}, "
                          f"expected offset 0x{offset:x}, got: {report.strip()!r}")
    for (arch, mode), tally in counts.items():
        print(f"{arch} {mode}: {tally['exact']} exact, "
              f"{tally['no offset']} without offset, of {len(CASES)} cases")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
