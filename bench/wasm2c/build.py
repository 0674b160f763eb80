#!/usr/bin/env python3
"""Build a native executable from a wasm32-wasi command module via wasm2c.

    build.py IN.wasm -o OUT [--cc clang-19] [--opt -O2] [--work-dir DIR]

or, from Python:

    from build import build, BuildError
    build("k.wasm", "k.w2c", "/tmp/k-w2c")

Steps: `wasm2c -n guest` -> guest.c/guest.h; check the module's imports
against what wasi_shim.c defines (naming any that are missing); compile the
generated C, wabt's wasm-rt-impl.c, wasi_shim.c and main.c; link with -lm.

Memory protection: wasm2c's default on x86-64, WASM_RT_MEMCHECK_SIGNAL_HANDLER=1
(passed explicitly below): each linear memory is an 8 GiB PROT_NONE
reservation, loads/stores are not bounds-checked in the generated code, and
an out-of-bounds access faults into wasm-rt-impl's SIGSEGV/SIGBUS handler,
which turns it into a trap. Call-stack exhaustion is caught the same way
(native stack overflow -> SIGSEGV on the alternate signal stack).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WASM2C = "wasm2c"
WASM_RT_DIR = "/usr/share/wabt/wasm2c"  # wasm-rt-impl.c/.h (Debian wabt)
MODULE_NAME = "guest"  # fixed so main.c can use Z_guest_* directly
WASI_MODULE = "wasi_snapshot_preview1"
WASI_PREFIX = "Z_wasi_snapshot_preview1Z_"  # wabt 1.0.32 import mangling
MEMCHECK_DEFINES = ["-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1"]


class BuildError(RuntimeError):
    """A build step failed. `cmd` and `stderr` are set for failed commands."""

    def __init__(self, message, cmd=None, stderr="", returncode=None):
        super().__init__(message)
        self.cmd = cmd
        self.stderr = stderr
        self.returncode = returncode


def _run(cmd, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise BuildError(f"cannot run {cmd[0]}: {e}\n  command: "
                         + " ".join(cmd), cmd=cmd, stderr=str(e)) from e
    if p.returncode != 0:
        err = (p.stderr or "") + (p.stdout or "")
        if p.returncode < 0:
            try:
                status = "killed by " + signal.Signals(-p.returncode).name
            except ValueError:
                status = f"killed by signal {-p.returncode}"
        else:
            status = f"exit {p.returncode}"
        raise BuildError(f"command failed ({status}): " + " ".join(cmd)
                         + ("\n" + err.rstrip() if err.strip() else ""),
                         cmd=cmd, stderr=err, returncode=p.returncode)
    return p


def _parse_header(header_path):
    """Return (imports, exports) declared in a wasm2c 1.0.32 header.

    Imports are (module, name) pairs, exports are names; wasm2c writes
    each as a comment (`/* import: 'mod' 'name' */`, `/* export: 'name' */`)
    above its declaration."""
    with open(header_path) as f:
        text = f.read()
    imports = re.findall(r"/\* import: '([^']*)' '([^']*)' \*/", text)
    exports = re.findall(r"/\* export: '([^']*)' \*/", text)
    return imports, exports


def _defined_wasi_functions(obj_path):
    """Names of WASI functions defined in the compiled shim, or None if no
    nm is available (then a missing import shows up at link time)."""
    for nm in ("llvm-nm-19", "llvm-nm", "nm"):
        if shutil.which(nm):
            break
    else:
        return None
    out = _run([nm, "--defined-only", obj_path]).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "Tt" and parts[2].startswith(WASI_PREFIX):
            names.add(parts[2][len(WASI_PREFIX):])
    return names


def _missing_imports_error(missing):
    lines = "\n".join(f"  {m}.{n}" for m, n in missing)
    return BuildError("module imports functions the wasm2c WASI shim "
                      f"(bench/wasm2c/wasi_shim.c) does not provide:\n{lines}")


def build(wasm_path, out_path, work_dir=None, cc="clang-19", opt="-O2",
          wasm2c=WASM2C):
    """Translate `wasm_path` with wasm2c and compile it to `out_path`.

    Intermediate files go to `work_dir` (created if needed; a temporary
    directory if None). Raises BuildError naming the failing command and
    its stderr, or the imports the shim lacks."""
    if work_dir is None:
        with tempfile.TemporaryDirectory(prefix="w2c-") as tmp:
            return build(wasm_path, out_path, tmp, cc, opt, wasm2c)
    wasm_path = os.path.abspath(wasm_path)
    out_path = os.path.abspath(out_path)
    work_dir = os.path.abspath(work_dir)
    os.makedirs(work_dir, exist_ok=True)

    gen_c = os.path.join(work_dir, MODULE_NAME + ".c")
    gen_h = os.path.join(work_dir, MODULE_NAME + ".h")
    try:
        _run([wasm2c, "-n", MODULE_NAME, wasm_path, "-o", gen_c])
    except BuildError as e:
        if e.returncode is not None and e.returncode < 0:
            # Seen with wabt 1.0.32: any SIMD (v128) instruction makes wasm2c
            # abort() without printing anything.
            raise BuildError(str(e) + "\nnote: this wasm2c aborts silently "
                             "on features it cannot translate, notably any "
                             "SIMD (v128) instruction; build the module "
                             "without -msimd128", cmd=e.cmd, stderr=e.stderr,
                             returncode=e.returncode) from e
        raise

    imports, exports = _parse_header(gen_h)
    if "_start" not in exports:
        raise BuildError(f"{wasm_path}: no '_start' export; not a WASI "
                         "command module")
    foreign = [(m, n) for m, n in imports if m != WASI_MODULE]
    if foreign:
        lines = "\n".join(f"  {m}.{n}" for m, n in foreign)
        raise BuildError("module has imports outside "
                         f"{WASI_MODULE}, which the wasm2c runner cannot "
                         f"satisfy:\n{lines}")

    cflags = [opt, "-I", work_dir, "-I", HERE, "-I", WASM_RT_DIR] + MEMCHECK_DEFINES
    objs = []

    def compile_c(src, obj, extra=()):
        _run([cc] + cflags + list(extra) + ["-c", src, "-o", obj])
        objs.append(obj)

    # The shim is compiled against the generated header so the compiler
    # checks each host function against the prototype wasm2c expects.
    shim_o = os.path.join(work_dir, "wasi_shim.o")
    compile_c(os.path.join(HERE, "wasi_shim.c"), shim_o,
              [f'-DWASI_SHIM_MODULE_HEADER="{MODULE_NAME}.h"'])
    provided = _defined_wasi_functions(shim_o)
    if provided is not None:
        missing = [(m, n) for m, n in imports if n not in provided]
        if missing:
            raise _missing_imports_error(missing)

    compile_c(gen_c, os.path.join(work_dir, MODULE_NAME + ".o"), ["-w"])
    compile_c(os.path.join(WASM_RT_DIR, "wasm-rt-impl.c"),
              os.path.join(work_dir, "wasm-rt-impl.o"), ["-w"])
    compile_c(os.path.join(HERE, "main.c"), os.path.join(work_dir, "main.o"),
              [f"-DW2C_GUEST_IMPORTS_WASI={1 if imports else 0}",
               f"-DW2C_GUEST_EXPORTS_MEMORY={1 if 'memory' in exports else 0}"])

    try:
        _run([cc, opt] + objs + ["-lm", "-o", out_path])
    except BuildError as e:
        # Fallback when nm was unavailable: name the unresolved imports.
        syms = sorted(set(re.findall(r"undefined (?:reference to|symbol:) `?("
                                     + re.escape(WASI_PREFIX) + r"\w+)",
                                     e.stderr)))
        if syms:
            raise _missing_imports_error(
                [(WASI_MODULE, s[len(WASI_PREFIX):]) for s in syms]) from e
        raise
    return out_path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wasm", help="wasm32-wasi command module")
    ap.add_argument("-o", "--output", required=True, help="native executable")
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--opt", default="-O2")
    ap.add_argument("--work-dir", help="keep intermediate files here "
                    "(default: a temporary directory)")
    ap.add_argument("--wasm2c", default=WASM2C)
    args = ap.parse_args(argv)
    try:
        build(args.wasm, args.output, args.work_dir, args.cc, args.opt,
              args.wasm2c)
    except BuildError as e:
        print(f"build.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
