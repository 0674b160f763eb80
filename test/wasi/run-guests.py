#!/usr/bin/env python3
"""run-guests.py - Real WASI guest programs, built by `wasm-aot build`.

Builds each guest program of one suite from its sources in test/wasi/ twice
-- for wasm32-wasi and for the host -- turns the wasm one into a native
executable with `wasm-aot build`, runs both with the same argv, stdin and
(granted) environment, and compares stdout, stderr, exit status and what
the program left in its directory. AssemblyScript has no native build: its
reference is the same module under node's WASI.

The `simd` suite compares the same way, with C and Rust guests built with
WebAssembly SIMD (-msimd128, +simd128) against native builds of their
scalar reference paths (test/wasi/simd/); each of its modules must hold at
least one SIMD instruction (simd_check.py).

Two suites are not comparisons: `sandbox` runs guests that try every way
out of their pre-opened directories (each must fail with the expected
errno; the host tree must be untouched afterwards), and `traps` runs one
guest per trap kind (the message on stderr and the exit status must be
those docs/cli.md documents).

usage: run-guests.py --suite {c,cxx,rust,as,sandbox,traps,simd}
                     --wasm-aot PATH --work-dir DIR [--runner wasm-aot|node]
                     [--target TRIPLE] [--filter SUBSTRING] [--jobs N]
                     [--allow-unsupported] [--verbose]

Cases run in parallel (--jobs, default the CPU count); each program is
compiled once per run and each distinct `wasm-aot build` made once. Prints
one line per case and a final "N passed, N failed (seconds)", with ", N
skipped" when a case could not run (the line of each says why). Exit
status 0 when everything that ran passed, 1 when something failed, 77
(skipped) when a toolchain every case needs is missing or `wasm-aot` has
no `build` command.

`--allow-unsupported` skips (with its SKIP line) rather than fails a case
whose module `wasm-aot build` refuses as valid but not supported, exit
status 4, for guests that use what the compiler does not translate.

`--target TRIPLE` (x86_64-linux-gnu, aarch64-linux-gnu, riscv64-linux-gnu;
default the host) passes --target to `wasm-aot build` and runs programs of
another architecture under qemu-user (guest_targets.py); the reference is
still the host's native build. 77 when qemu is missing or wasm-aot cannot
build for the target here (no runtime archives, C library or libgcc).

`--runner node` runs the wasm guests under node's WASI instead of building
them (a check of the guests and of this harness, not of wasm-aot). Node
20's WASI sets file times in whole seconds, so c/fileio's sub-second
mtime differs under it.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import guest_targets
import simd_check

SOURCE_DIR = Path(__file__).resolve().parent
SKIP = 77
RUN_TIMEOUT = 120
# docs/cli.md: the status of a built program whose guest trapped, and of
# one that could not start.
TRAP_STATUS = 134
NO_START_STATUS = 125
# docs/cli.md: the status of `wasm-aot build` for a valid module that uses
# something the compiler does not implement.
UNSUPPORTED_STATUS = 4

# The AssemblyScript packages, installed by this harness into the work dir.
AS_PACKAGES = ["assemblyscript@0.28", "@assemblyscript/wasi-shim@0.1"]

# A variable every wasm run inherits from the host but is never granted:
# seeing it in a guest's output means the environment leaked.
CANARY = ("WASI_TEST_CANARY", "the guest must not see this")


class Skip(Exception):
    """A toolchain the suite needs is missing."""


class CaseSkip(Exception):
    """One case cannot run here; the message says why."""


class Case:
    """One run of a guest program, and how its result is judged.

    args may contain "{dir}": the directory granted to the guest (the host
    path natively, the guest path under WASI). compare is "same" (stdout,
    stderr, status and directory must equal the reference), "abort" (the
    native program dies of SIGABRT while the guest traps: stdout equal,
    the native stderr a prefix of the guest's, then the trap report),
    "trap" (no reference: the trap report and status, after `stdout`,
    by default "before ARGS[0]"), "sandbox", or "refused" (the program must
    not start: status 125, one error line naming WASM_AOT_GRANTS).

    env is granted with --env=NAME=VALUE; pass_env holds variables set in
    the host's environment and granted by name only (--env=NAME), so the
    guest must see the host's value. build_options go to `wasm-aot build`.

    site is what the trap report says of where the trap happened
    (include/wasm-aot/runtime.h, wa_trap_site): "offset" the function and
    the code offset (a check compiled into the code, or a fault the module's
    site map resolves), "function" the function only, "none" nothing (a
    trap raised by a host function).
    """

    def __init__(self, name, program, args=(), stdin=None, env=None,
                 pass_env=None, dirs=(), compare="same", runtime_grants=False,
                 trap=None, functions=(), stdout=None, build_options=(),
                 site="offset"):
        self.name = name
        self.program = program
        self.args = list(args)
        self.stdin = stdin
        self.env = dict(env or {})
        self.pass_env = dict(pass_env or {})
        self.dirs = list(dirs)  # [(mode "rw"|"ro", guest path)]
        self.compare = compare
        self.runtime_grants = runtime_grants
        self.trap = trap
        self.functions = list(functions)
        self.stdout = stdout
        if stdout is None and compare == "trap":
            self.stdout = f"before {self.args[0]}\n"
        self.build_options = list(build_options)
        self.site = site


def stdin_text():
    """About 300 KB of varied lines, some long, some empty, non-ASCII too."""
    lines = []
    for i in range(6000):
        if i % 97 == 0:
            lines.append("")
        elif i % 31 == 0:
            lines.append("Grüße ❤ " * (i % 7 + 1))
        else:
            lines.append(f"{i:05d} the {i % 13} quick brown fox {'jumps ' * (i % 5)}over")
    return ("\n".join(lines) + "\nno newline at the end").encode()


STDIN = {"text": stdin_text, "empty": lambda: b""}

ENV = {"GREETING": "hello world", "EMPTY": "", "WITH_EQUALS": "a=b=c",
       "UNICODE": "Grüße"}
ARGS = ["one", "two words", "", "ünïcödé", "--flag=x", "*"]

SUITES = {
    "c": [
        Case("hello", "c/hello.c"),
        Case("args-env", "c/args_env.c", args=ARGS, env=ENV),
        Case("args-env-no-grants", "c/args_env.c", args=["x"]),
        Case("args-env-runtime-grants", "c/args_env.c", args=["y"],
             env={"GREETING": "given-at-run-time"}, runtime_grants=True),
        # --env=NAME: the value is the host's when the program runs.
        Case("args-env-pass-through", "c/args_env.c", args=["z"],
             env={"GREETING": "baked"}, pass_env={"FROM_HOST": "host value"}),
        Case("args-env-pass-through-runtime-grants", "c/args_env.c",
             pass_env={"FROM_HOST": "host value at run time"},
             runtime_grants=True),
        Case("fileio", "c/fileio.c", args=["{dir}"], dirs=[("rw", "/sandbox")]),
        Case("fileio-runtime-grants", "c/fileio.c", args=["{dir}"],
             dirs=[("rw", "/granted/late")], runtime_grants=True),
        Case("bigdir", "c/bigdir.c", args=["{dir}"], dirs=[("rw", "/big")]),
        Case("cat-stdin", "c/cat.c", stdin="text"),
        Case("cat-empty-stdin", "c/cat.c", stdin="empty"),
        Case("big-output", "c/bigout.c"),
        Case("exit-3", "c/exit_codes.c", args=["exit3"]),
        Case("return-42", "c/exit_codes.c", args=["return42"]),
        Case("exit-255", "c/exit_codes.c", args=["exit255"]),
        Case("return-0", "c/exit_codes.c", args=["none"]),
        Case("atexit", "c/exit_codes.c", args=["atexit"]),
        # abort(): SIGABRT natively, the `unreachable` trap in wasi-libc.
        Case("abort", "c/exit_codes.c", args=["abort"], compare="abort",
             trap="unreachable", functions=["abort"]),
        Case("clocks", "c/clocks.c", args=["{now}"]),
        Case("compute", "c/compute.c"),
    ],
    "cxx": [
        Case("stl", "cxx/stl.cpp"),
        Case("files", "cxx/files.cpp", args=["{dir}"], dirs=[("rw", "/data")]),
        Case("words-stdin", "cxx/words.cpp", stdin="text"),
        Case("words-empty-exit-3", "cxx/words.cpp", stdin="empty"),
    ],
    "rust": [
        Case("fmt", "rust/fmt.rs"),
        Case("collections", "rust/collections.rs"),
        Case("args-env", "rust/args_env.rs", args=ARGS, env=ENV),
        Case("fileio", "rust/fileio.rs", args=["{dir}"], dirs=[("rw", "/work")]),
        Case("stdin-lines", "rust/stdin_lines.rs", stdin="text"),
        Case("process-exit-7", "rust/exit.rs", args=["exit7"]),
        Case("main-ok", "rust/exit.rs", args=["ok"]),
        Case("main-err", "rust/exit.rs", args=["err"]),
        # Built with -C panic=abort for both: the same panic message, then
        # SIGABRT natively and the `unreachable` trap under WASI.
        Case("panic", "rust/exit.rs", args=["panic"], compare="abort",
             trap="unreachable"),
    ],
    "as": [
        Case("hello", "as/hello.ts"),
        Case("args-env", "as/args_env.ts", args=ARGS, env=ENV),
        Case("compute", "as/compute.ts"),
        Case("exit-4", "as/exit.ts", args=["4"]),
        Case("exit-0", "as/exit.ts", args=["0"]),
    ],
    "sandbox": [
        Case("escapes", "sandbox/sandbox.c", compare="sandbox",
             dirs=[("rw", "/rw"), ("ro", "/ro")]),
        Case("escapes-runtime-grants", "sandbox/sandbox.c", compare="sandbox",
             dirs=[("rw", "/rw"), ("ro", "/ro")], runtime_grants=True),
        Case("no-grants", "sandbox/sandbox.c", args=["none"], compare="sandbox"),
        # Built with --no-runtime-grants: grants given at run time are an
        # error, never silently applied or ignored.
        Case("locked-down", "sandbox/sandbox.c", compare="refused",
             dirs=[("rw", "/rw"), ("ro", "/ro")], runtime_grants=True,
             build_options=["--no-runtime-grants"]),
    ],
    "traps": [
        Case("unreachable", "traps/traps.c", args=["unreachable"], compare="trap",
             trap="unreachable", functions=["trap_unreachable"]),
        Case("div-by-zero", "traps/traps.c", args=["div-by-zero"], compare="trap",
             trap="integer divide by zero", functions=["trap_div_by_zero"]),
        Case("rem-by-zero", "traps/traps.c", args=["rem-by-zero"], compare="trap",
             trap="integer divide by zero", functions=["trap_rem_by_zero"]),
        Case("int-overflow", "traps/traps.c", args=["int-overflow"], compare="trap",
             trap="integer overflow", functions=["trap_int_overflow"]),
        Case("nan-to-int", "traps/traps.c", args=["nan-to-int"], compare="trap",
             trap="invalid conversion to integer", functions=["trap_nan_to_int"]),
        Case("huge-to-int", "traps/traps.c", args=["huge-to-int"], compare="trap",
             trap="integer overflow", functions=["trap_huge_to_int"]),
        # Guard pages: the access faults, and the module's site map gives
        # the fault's PC back as the function and the instruction.
        Case("oob-load", "traps/traps.c", args=["oob-load"], compare="trap",
             trap="out of bounds memory access", functions=["trap_out_of_bounds_load"]),
        Case("oob-store", "traps/traps.c", args=["oob-store"], compare="trap",
             trap="out of bounds memory access", functions=["trap_out_of_bounds_store"]),
        # memcpy is wasi-libc's unless the optimizer inlines it.
        Case("oob-memcpy", "traps/traps.c", args=["oob-memcpy"], compare="trap",
             trap="out of bounds memory access",
             functions=["memcpy", "trap_out_of_bounds_memcpy"]),
        Case("undefined-element", "traps/traps.c", args=["undefined-element"],
             compare="trap", trap="undefined element",
             functions=["trap_undefined_element"]),
        Case("uninitialized-element", "traps/traps.c", args=["uninitialized-element"],
             compare="trap", trap="uninitialized element",
             functions=["trap_uninitialized_element"]),
        Case("indirect-call-mismatch", "traps/traps.c", args=["indirect-call-mismatch"],
             compare="trap", trap="indirect call type mismatch",
             functions=["trap_indirect_call_mismatch"]),
        Case("stack-exhaustion", "traps/traps.c", args=["stack-exhaustion"],
             compare="trap", trap="call stack exhausted", functions=["recurse"]),
        # The memory traps again with a compare per access instead of guard
        # pages: the same report from a different mechanism.
        Case("oob-load-explicit", "traps/traps.c", args=["oob-load"], compare="trap",
             trap="out of bounds memory access", functions=["trap_out_of_bounds_load"],
             build_options=["--bounds-checks=explicit"]),
        Case("oob-store-explicit", "traps/traps.c", args=["oob-store"], compare="trap",
             trap="out of bounds memory access", functions=["trap_out_of_bounds_store"],
             build_options=["--bounds-checks=explicit"]),
        Case("oob-memcpy-explicit", "traps/traps.c", args=["oob-memcpy"], compare="trap",
             trap="out of bounds memory access",
             functions=["memcpy", "trap_out_of_bounds_memcpy"],
             build_options=["--bounds-checks=explicit"]),
        Case("stack-exhaustion-explicit", "traps/traps.c", args=["stack-exhaustion"],
             compare="trap", trap="call stack exhausted", functions=["recurse"],
             build_options=["--bounds-checks=explicit"]),
        # Cases C does not reach, hand-written.
        Case("table-oob", "traps/table_oob.wat", args=["table-oob"], compare="trap",
             trap="out of bounds table access", functions=["table_get_out_of_bounds"]),
        Case("start-function", "traps/start_trap.wat", compare="trap", stdout="",
             trap="integer divide by zero", functions=["start_divides_by_zero"]),
        Case("unknown-import", "traps/unknown_import.wat", args=["unknown-import"],
             compare="trap",
             trap='call to an import that was not provided ("env"."missing")',
             site="none", build_options=["--allow-unknown-imports=trap"]),
    ],
    # Built with -msimd128 (C) or +simd128 (Rust); natively the scalar
    # reference paths (see test/wasi/simd/vec.h).
    "simd": [
        Case("int-ops", "simd/int_ops.c"),
        Case("float-ops", "simd/float_ops.c"),
        Case("shuffles", "simd/shuffles.c"),
        Case("loads", "simd/loads.c"),
        Case("vector-calls", "simd/vector_calls.c"),
        Case("autovec", "simd/autovec.c"),
        Case("rust-lanes", "simd/lanes.rs"),
        # Memory-heavy guests again with a compare per access.
        Case("loads-explicit", "simd/loads.c", build_options=["--bounds-checks=explicit"]),
        Case("autovec-explicit", "simd/autovec.c", build_options=["--bounds-checks=explicit"]),
        # v128 accesses that run past the end of memory by part of a vector
        # must trap, though the rest of the vector is in bounds.
        Case("oob-load", "simd/loads.c", args=["oob-load"], compare="trap",
             trap="out of bounds memory access", functions=["trap_v128_load_past_end"]),
        Case("oob-store", "simd/loads.c", args=["oob-store"], compare="trap",
             trap="out of bounds memory access", functions=["trap_v128_store_past_end"]),
        Case("oob-load-lane", "simd/loads.c", args=["oob-load-lane"], compare="trap",
             trap="out of bounds memory access", functions=["trap_load64_lane_past_end"]),
        Case("oob-load-explicit", "simd/loads.c", args=["oob-load"], compare="trap",
             trap="out of bounds memory access", functions=["trap_v128_load_past_end"],
             build_options=["--bounds-checks=explicit"]),
        Case("oob-store-explicit", "simd/loads.c", args=["oob-store"], compare="trap",
             trap="out of bounds memory access", functions=["trap_v128_store_past_end"],
             build_options=["--bounds-checks=explicit"]),
        Case("oob-load-lane-explicit", "simd/loads.c", args=["oob-load-lane"],
             compare="trap", trap="out of bounds memory access",
             functions=["trap_load64_lane_past_end"],
             build_options=["--bounds-checks=explicit"]),
    ],
}

# The language of each suite's programs; the simd suite mixes languages,
# known by the source's extension.
SUITE_LANGUAGES = {"c": "c", "cxx": "cxx", "rust": "rust", "as": "as",
                   "sandbox": "c", "traps": "c"}
EXTENSION_LANGUAGES = {".c": "c", ".cpp": "cxx", ".rs": "rust", ".ts": "as"}
# Suites whose guests are built with WebAssembly SIMD.
SIMD_SUITES = {"simd"}


def language_of(suite, case):
    return SUITE_LANGUAGES.get(suite) or EXTENSION_LANGUAGES[Path(case.program).suffix]


# --- Toolchains -------------------------------------------------------------


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, **kwargs)


def need(program):
    path = shutil.which(program)
    if not path:
        raise Skip(f"{program} not found (scripts/install-deps.sh installs it)")
    return path


def rust_wasi_target(rustc):
    """The name Debian's rustc knows the WASI preview 1 target by."""
    targets = run([rustc, "--print", "target-list"], text=True).stdout.split()
    for name in ("wasm32-wasip1", "wasm32-wasi"):
        if name in targets:
            return name
    raise Skip(f"{rustc} has no wasm32-wasi target")


class Toolchain:
    """How to build one language's sources for wasm32-wasi and the host;
    with simd, the wasm side with WebAssembly SIMD."""

    def __init__(self, language, work, simd=False):
        self.work = work
        self.language = language
        # C and C++ guests are compiled with -O2 and linked without an -O
        # (self.wasm_link): given one at link time, clang runs binaryen's
        # wasm-opt when it finds it, which strips the name section the trap
        # reports name functions by, and the guests must not depend on what
        # is installed. (clang-19's --no-wasm-opt skips the link instead.)
        self.wasm_link = None
        if self.language == "c":
            cc = need("clang-19")
            self.wasm = [cc, "--target=wasm32-wasi", "-O2"]
            self.wasm_link = [cc, "--target=wasm32-wasi"]
            self.native = [cc, "-O2"]
            self.native_libs = ["-lm"]
            if simd:
                # No contraction of a * b + c into a fused multiply-add:
                # wasm has none, and an aarch64 host's native build would
                # round differently.
                self.wasm += ["-msimd128", "-ffp-contract=off"]
                self.native += ["-ffp-contract=off"]
        elif self.language == "cxx":
            cxx = need("clang++-19")
            # wasm32-wasi libc++ has no exception support; the native build
            # is compiled the same way so both run the same code.
            self.wasm = [cxx, "--target=wasm32-wasi", "-O2", "-fno-exceptions"]
            self.wasm_link = [cxx, "--target=wasm32-wasi"]
            self.native = [cxx, "-O2", "-fno-exceptions"]
            self.native_libs = []
        elif self.language == "rust":
            # Debian's rustc: a rustup toolchain earlier on PATH may have no
            # wasm32 standard library.
            rustc = "/usr/bin/rustc"
            if not os.access(rustc, os.X_OK):
                raise Skip("/usr/bin/rustc not found (package rustc)")
            common = [rustc, "--edition", "2021", "-O", "-C", "panic=abort"]
            self.wasm = common + ["--target", rust_wasi_target(rustc),
                                  "-C", "strip=debuginfo"]
            self.native = common
            self.native_libs = []
            if simd:
                self.wasm += ["-C", "target-feature=+simd128"]
        elif self.language == "as":
            self.node = need("node")
            self.asc = self.install_assemblyscript()
        self.objdump = None
        if simd:
            self.objdump = simd_check.objdump()
            if not self.objdump:
                raise Skip("wasm-objdump not found (package wabt): it checks that "
                           "the guests hold SIMD instructions")
        self.probe()

    def install_assemblyscript(self):
        prefix = self.work / "npm"
        asc = prefix / "node_modules" / ".bin" / "asc"
        shim = prefix / "node_modules" / "@assemblyscript" / "wasi-shim" / "asconfig.json"
        if asc.exists() and shim.exists():
            return asc
        npm = need("npm")
        prefix.mkdir(parents=True, exist_ok=True)
        result = run([npm, "install", "--no-audit", "--no-fund", "--prefix",
                      str(prefix)] + AS_PACKAGES, text=True, timeout=600)
        if result.returncode != 0 or not asc.exists():
            raise Skip("npm could not install AssemblyScript: "
                       + result.stderr.strip().splitlines()[-1:][0]
                       if result.stderr.strip() else "npm install failed")
        return asc

    def probe(self):
        """Builds a trivial program for each target, so a missing sysroot or
        standard library is a skip with its reason, not 20 failures."""
        probes = {"c": ("probe.c", "int main(void) { return 0; }\n"),
                  "cxx": ("probe.cpp", "#include <string>\nint main() { return std::string().size(); }\n"),
                  "rust": ("probe.rs", "fn main() {}\n"),
                  "as": ("probe.ts", "console.log('');\n")}
        name, text = probes[self.language]
        source = self.work / name
        source.write_text(text)
        error = self.build_wasm(source, self.work / "probe.wasm")
        if error:
            raise Skip(f"cannot build for wasm32-wasi:\n{error}")
        if self.language != "as":
            error = self.build_native(source, self.work / "probe")
            if error:
                raise Skip(f"cannot build for the host:\n{error}")

    def build_wasm(self, source, output):
        cwd = None
        if source.suffix == ".wat":
            # Hand-written guests; --debug-names keeps the function names
            # the trap reports print.
            wat2wasm = shutil.which("wat2wasm")
            if not wat2wasm:
                return "wat2wasm not found (package wabt)"
            cmd = [wat2wasm, "--debug-names", str(source), "-o", str(output)]
        elif self.language == "as":
            # asc finds the shim's library only through a config path
            # relative to the directory that holds node_modules.
            cwd = self.asc.parent.parent.parent
            cmd = [self.node, str(self.asc), str(source), "--config",
                   "node_modules/@assemblyscript/wasi-shim/asconfig.json",
                   "-O2", "-o", str(output)]
        else:
            cmd = self.wasm + [str(source), "-o", str(output)]
            if self.wasm_link is not None:
                obj = output.with_suffix(".o")
                compile_cmd = self.wasm + ["-c", str(source), "-o", str(obj)]
                result = run(compile_cmd, text=True, cwd=cwd)
                if result.returncode != 0:
                    return " ".join(compile_cmd) + "\n" + result.stderr
                cmd = self.wasm_link + [str(obj), "-o", str(output)]
        result = run(cmd, text=True, cwd=cwd)
        return None if result.returncode == 0 else " ".join(cmd) + "\n" + result.stderr

    def build_native(self, source, output):
        cmd = self.native + [str(source), "-o", str(output)] + self.native_libs
        result = run(cmd, text=True)
        return None if result.returncode == 0 else " ".join(cmd) + "\n" + result.stderr


# --- Directories ------------------------------------------------------------


def snapshot(root, times=False):
    """Everything under root: path -> (kind, content or link target, mode),
    with times also each file's modification time (not directories': the
    sandbox guest creates and removes entries inside its grant)."""
    state = {}
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(directory) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                state[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                state[relative] = ("dir", oct(path.stat().st_mode & 0o777))
            else:
                info = path.stat()
                state[relative] = ("file", path.read_bytes(), oct(info.st_mode & 0o777)) \
                    + ((info.st_mtime_ns,) if times else ())
    return state


def describe_difference(before, after):
    lines = []
    for key in sorted(set(before) | set(after)):
        if key not in after:
            lines.append(f"  removed: {key}")
        elif key not in before:
            lines.append(f"  appeared: {key} ({after[key][0]})")
        elif before[key] != after[key]:
            lines.append(f"  changed: {key}")
    return "\n".join(lines)


def sandbox_tree(root):
    """The layout sandbox.c expects (see its header)."""
    outside, rw, ro = root / "outside", root / "rw", root / "ro"
    for d in (outside, rw / "sub", ro / "rosub"):
        d.mkdir(parents=True)
    (outside / "secret.txt").write_text("secret\n")
    (rw / "inside.txt").write_text("inside\n")
    (rw / "sub" / "deep.txt").write_text("deep\n")
    os.symlink("../outside", rw / "link_out")
    os.symlink(str(outside), rw / "link_abs")
    os.symlink("../outside/secret.txt", rw / "link_file_out")
    os.symlink("sub", rw / "link_in")
    (ro / "readonly.txt").write_text("read only\n")
    return {"rw": rw, "ro": ro}


# --- Running ----------------------------------------------------------------


class Harness:
    def __init__(self, options):
        self.options = options
        self.suite = options.suite
        # Each target has its own work directory: ctest may run the suite
        # for several targets at once.
        self.work = Path(options.work_dir).resolve() / (
            self.suite + (f"-{options.target}" if options.target else ""))
        self.work.mkdir(parents=True, exist_ok=True)
        self.target = None  # a guest_targets.Target, set by check_runner
        self.toolchains = {}  # language -> Toolchain
        self.unavailable = {}  # language -> why its toolchain is missing
        self.runner = options.runner
        self.wasm_aot = options.wasm_aot
        self.node_wasi = SOURCE_DIR / "node-wasi.mjs"
        self.transcripts = {}  # --verbose: what sandbox guests printed
        self.lock = threading.Lock()
        self.memo = {}
        # wasm-aot build's temporary files go here, so that the harness can
        # check none is left behind (and no one else's cleanup of /tmp can
        # remove them mid-build).
        self.tmp = self.work / "tmp"
        self.tmp.mkdir(exist_ok=True)

    def once(self, key, compute):
        """compute() the first time key is asked for, from whichever thread;
        every later caller waits for that result."""
        with self.lock:
            future = self.memo.get(key)
            owner = future is None
            if owner:
                future = self.memo[key] = concurrent.futures.Future()
        if owner:
            try:
                future.set_result(compute())
            except BaseException as error:
                future.set_exception(error)
        return future.result()

    def check_runner(self):
        if self.runner == "node" or self.suite == "as":
            need("node")
        if self.runner == "wasm-aot":
            if not self.wasm_aot or not os.access(self.wasm_aot, os.X_OK):
                raise Skip(f"wasm-aot not found at '{self.wasm_aot}'")
            result = run([self.wasm_aot, "build", "--help"], text=True)
            if result.returncode != 0:
                raise Skip("this wasm-aot has no 'build' command")
            try:
                self.target = guest_targets.Target(self.options.target)
            except guest_targets.Unavailable as reason:
                raise Skip(str(reason))
        elif self.options.target:
            raise Skip("--target is for the wasm-aot runner; node runs the wasm itself")
        elif self.suite in ("sandbox", "traps"):
            raise Skip("the sandbox and trap suites check wasm-aot's runtime; "
                       "they have no node runner")

    def make_toolchains(self, cases):
        """A toolchain for each language the cases use. A language whose
        toolchain is missing skips its cases; all missing skips the suite."""
        for language in sorted({language_of(self.suite, case) for case in cases}):
            try:
                self.toolchains[language] = Toolchain(
                    language, self.work, simd=self.suite in SIMD_SUITES)
            except Skip as reason:
                self.unavailable[language] = str(reason)
        if not self.toolchains:
            raise Skip("; ".join(self.unavailable.values()))

    def check_target(self):
        """wasm-aot must be able to build for the target here: the probe
        module the toolchains compiled is built once."""
        if not self.target or not self.target.triple:
            return
        probe = self.work / "probe.wasm"
        cmd = [self.wasm_aot, "build", str(probe), "-o", str(self.work / "probe-target")] \
            + self.target.build_options()
        result = run(cmd, text=True, timeout=600)
        if result.returncode != 0:
            raise Skip(f"wasm-aot cannot build for {self.target.triple} here:\n"
                       + " ".join(cmd) + "\n" + result.stderr.strip())

    def toolchain(self, case):
        language = language_of(self.suite, case)
        if language in self.unavailable:
            raise CaseSkip(self.unavailable[language])
        return self.toolchains[language]

    # Building, once per program (and per set of baked grants).

    def program_paths(self, case):
        stem = case.program.replace("/", "_").rsplit(".", 1)[0]
        return self.work / "bin" / f"{stem}.wasm", self.work / "bin" / stem

    def build_program(self, case):
        """Builds the wasm and (if a case compares with it) the native
        program, once per run; returns an error or None."""
        wasm, native = self.program_paths(case)
        wasm.parent.mkdir(parents=True, exist_ok=True)
        source = SOURCE_DIR / case.program
        toolchain = self.toolchain(case)
        error = self.once(("wasm", case.program),
                          lambda: toolchain.build_wasm(source, wasm))
        if not error and toolchain.objdump:
            error = self.once(("simd", case.program),
                              lambda: self.check_simd(toolchain, wasm))
        if not error and toolchain.language != "as" \
                and case.compare in ("same", "abort"):
            error = self.once(("native", case.program),
                              lambda: toolchain.build_native(source, native))
        return error

    def check_simd(self, toolchain, wasm):
        """An error unless the module holds a SIMD instruction."""
        try:
            found = simd_check.simd_instructions(wasm, toolchain.objdump)
        except RuntimeError as error:
            return str(error)
        if not found:
            return (f"{wasm.name} holds no SIMD (0xFD-prefixed) instruction: "
                    "not built for SIMD, or the compiler no longer vectorises it")
        if self.options.verbose:
            with self.lock:
                print(f"{wasm.name}: {sum(found.values())} SIMD instructions, "
                      f"{len(found)} kinds: " + " ".join(sorted(found)))
        return None

    def grant_options(self, case, dirs):
        options = []
        for (mode, guest), host in zip(case.dirs, dirs):
            flag = "--dir" if mode == "rw" else "--dir-ro"
            options.append(f"{flag}={host}::{guest}")
        options += [f"--env={k}={v}" for k, v in sorted(case.env.items())]
        options += [f"--env={k}" for k in sorted(case.pass_env)]
        return options

    def build_executable(self, case, dirs):
        """`wasm-aot build`, with the grants baked in unless the case gives
        them at run time. Returns (path, error). Cases that would build the
        same program with the same options share one executable."""
        wasm, _ = self.program_paths(case)
        options = list(case.build_options) + self.target.build_options()
        if not case.runtime_grants:
            options += self.grant_options(case, dirs)
        exe = self.work / "aot" / case.name
        exe.parent.mkdir(parents=True, exist_ok=True)
        cmd = [self.wasm_aot, "build", str(wasm), "-o", str(exe)] + options
        return self.once(("aot", str(wasm), tuple(options)), lambda: self.aot_build(cmd, exe))

    def aot_build(self, cmd, exe):
        tmp = self.tmp / exe.name
        tmp.mkdir(exist_ok=True)
        result = run(cmd, text=True, timeout=600,
                     env={**os.environ, "TMPDIR": str(tmp)})
        if result.returncode == UNSUPPORTED_STATUS and self.options.allow_unsupported:
            raise CaseSkip("wasm-aot does not support this module (--allow-unsupported): "
                           + (result.stderr.strip().splitlines() or [""])[0])
        if result.returncode != 0:
            return None, " ".join(cmd) + f"\nstatus {result.returncode}\n" + result.stderr
        left = sorted(p.name for p in tmp.iterdir())
        if left:
            return None, " ".join(cmd) + "\nleft temporary files behind: " + ", ".join(left)
        return exe, None

    # Running one side.

    def argv(self, case, directory):
        now = str(int(time.time()))
        return [a.replace("{dir}", directory or "").replace("{now}", now) for a in case.args]

    def run_guest(self, case, dirs, stdin):
        """The wasm side: the built executable (or node's WASI)."""
        guest_dir = case.dirs[0][1] if case.dirs else None
        argv0 = Path(case.program).stem
        args = [argv0] + self.argv(case, guest_dir)
        # The host's environment plus a canary: only granted variables may
        # reach the guest.
        env = dict(os.environ)
        env[CANARY[0]] = CANARY[1]
        env.pop("WASM_AOT_GRANTS", None)
        env.update(case.pass_env)
        if self.runner == "node":
            wasm, _ = self.program_paths(case)
            cmd = ["node", "--no-warnings", str(self.node_wasi)] + \
                self.grant_options(case, dirs) + [str(wasm)] + args
            return subprocess.run(cmd, input=stdin, capture_output=True, env=env,
                                  timeout=RUN_TIMEOUT, cwd=self.work)
        exe, error = self.build_executable(case, dirs)
        if error:
            return error
        if case.runtime_grants:
            env["WASM_AOT_GRANTS"] = " ".join(self.grant_options(case, dirs))
        args, executable = self.target.command(str(exe), args)
        return subprocess.run(args, executable=executable, input=stdin,
                              capture_output=True, env=env, timeout=RUN_TIMEOUT,
                              cwd=self.work)

    def run_reference(self, case, dirs, stdin):
        """The native program, or for AssemblyScript node's WASI; it sees
        exactly the granted environment."""
        argv0 = Path(case.program).stem
        args = [argv0] + self.argv(case, str(dirs[0]) if dirs else None)
        if self.toolchain(case).language == "as":
            wasm, _ = self.program_paths(case)
            cmd = ["node", "--no-warnings", str(self.node_wasi)] + \
                self.grant_options(case, dirs) + [str(wasm)] + args
            return subprocess.run(cmd, input=stdin, capture_output=True,
                                  env={"PATH": os.environ.get("PATH", ""),
                                       **case.pass_env},
                                  timeout=RUN_TIMEOUT, cwd=self.work)
        _, native = self.program_paths(case)
        return subprocess.run(args, executable=str(native), input=stdin,
                              capture_output=True, env={**case.pass_env, **case.env},
                              timeout=RUN_TIMEOUT, cwd=self.work)

    def fresh_dirs(self, case, side):
        root = self.work / "dirs" / case.name / side
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        if case.compare in ("sandbox", "refused"):
            layout = sandbox_tree(root)
            return root, [layout[mode] for mode, _ in case.dirs]
        dirs = []
        for i, _ in enumerate(case.dirs):
            d = root / f"dir{i}"
            d.mkdir()
            dirs.append(d)
        return root, dirs

    # Judging.

    def trap_report(self, case, argv0, text):
        """The trap line docs/cli.md documents, for one of case.functions."""
        return re.fullmatch(self.trap_pattern(case, argv0), text) is not None

    @staticmethod
    def trap_pattern(case, argv0):
        names = "|".join(re.escape(f) for f in case.functions) or r"[^)]*"
        where = {"offset": rf" in function \d+ \(({names})\) at offset 0x[0-9a-f]+",
                 "function": rf" in function \d+ \(({names})\)",
                 "none": ""}[case.site]
        return rf"{re.escape(argv0)}: trap: {re.escape(case.trap)}{where}\n"

    def check(self, case):
        """Runs one case; returns a list of problems (empty: passed).
        Raises CaseSkip when the case cannot run here."""
        if case.compare == "trap" and self.runner == "node":
            raise CaseSkip("the trap report checked is wasm-aot's; node's WASI "
                           "reports traps in its own words")
        error = self.build_program(case)
        if error:
            return [f"build failed: {error}"]
        stdin = STDIN[case.stdin]() if case.stdin else b""
        argv0 = Path(case.program).stem

        guest_root, guest_dirs = self.fresh_dirs(case, "guest")
        before = snapshot(guest_root, times=case.compare in ("sandbox", "refused"))
        guest = self.run_guest(case, guest_dirs, stdin)
        if isinstance(guest, str):
            return [f"wasm-aot build failed: {guest}"]
        problems = []

        if case.compare == "sandbox":
            if guest.returncode != 0 or b"FAIL" in guest.stdout:
                problems.append(f"status {guest.returncode}\n"
                                + guest.stdout.decode(errors="replace")
                                + guest.stderr.decode(errors="replace"))
            difference = describe_difference(before, snapshot(guest_root, times=True))
            if difference:
                problems.append("the host tree changed:\n" + difference)
            if self.options.verbose:
                self.transcripts[case.name] = guest.stdout.decode(errors="replace")
            return problems

        if case.compare == "refused":
            stderr = guest.stderr.decode(errors="replace")
            if guest.returncode != NO_START_STATUS:
                problems.append(f"status {guest.returncode}, expected {NO_START_STATUS}")
            if guest.stdout:
                problems.append(f"the guest ran: stdout {guest.stdout[:200]!r}")
            if not re.fullmatch(rf"{re.escape(argv0)}: error: [^\n]*WASM_AOT_GRANTS[^\n]*\n",
                                stderr):
                problems.append(f"stderr {stderr!r}, expected one error line "
                                "naming WASM_AOT_GRANTS")
            difference = describe_difference(before, snapshot(guest_root, times=True))
            if difference:
                problems.append("the host tree changed:\n" + difference)
            return problems

        if case.compare == "trap":
            expected_out = case.stdout.encode()
            if guest.stdout != expected_out:
                problems.append(f"stdout {guest.stdout!r}, expected {expected_out!r}")
            if guest.returncode != TRAP_STATUS:
                problems.append(f"status {guest.returncode}, expected {TRAP_STATUS}")
            if not self.trap_report(case, argv0, guest.stderr.decode(errors="replace")):
                problems.append(f"stderr {guest.stderr.decode(errors='replace')!r}, expected "
                                f"the pattern {self.trap_pattern(case, argv0)!r}")
            return problems

        _, reference_dirs = self.fresh_dirs(case, "reference")
        reference = self.run_reference(case, reference_dirs, stdin)

        if guest.stdout != reference.stdout:
            problems.append("stdout differs" + first_difference(reference.stdout, guest.stdout))
        if case.compare == "abort":
            # The guest reaches the same point, then traps where the native
            # program gets SIGABRT; what it printed before must be the same.
            if reference.returncode != -signal.SIGABRT:
                problems.append(f"native status {reference.returncode}, expected SIGABRT")
            if guest.returncode != TRAP_STATUS:
                problems.append(f"status {guest.returncode}, expected {TRAP_STATUS}")
            prefix = reference.stderr
            if not guest.stderr.startswith(prefix):
                problems.append("stderr differs before the trap report"
                                + first_difference(prefix, guest.stderr[:len(prefix)]))
            elif self.runner == "wasm-aot" and not self.trap_report(
                    case, argv0, guest.stderr[len(prefix):].decode(errors="replace")):
                problems.append(f"no trap report: {guest.stderr[len(prefix):]!r}")
        else:
            if guest.stderr != reference.stderr:
                problems.append("stderr differs" + first_difference(reference.stderr, guest.stderr))
            if guest.returncode != reference.returncode:
                problems.append(f"status {guest.returncode}, native {reference.returncode}")
        if case.dirs:
            guest_state = snapshot(guest_dirs[0])
            reference_state = snapshot(reference_dirs[0])
            if guest_state != reference_state:
                problems.append("directories differ:\n"
                                + describe_difference(reference_state, guest_state))
        if CANARY[1].encode() in guest.stdout:
            problems.append("the guest saw an environment variable it was not granted")
        return problems

    def main(self):
        cases = [case for case in SUITES[self.suite]
                 if not self.options.filter or self.options.filter in case.name]
        try:
            self.check_runner()
            self.make_toolchains(cases)
            self.check_target()
        except Skip as reason:
            print(f"run-guests: {self.suite}: skipped: {reason}")
            return SKIP
        if self.target and self.target.triple:
            print(f"run-guests: {self.suite}: built for {self.target.describe()}")
        started = time.monotonic()
        # Cases run in parallel (each has its own directories and
        # executable; shared builds happen once, see once()); results are
        # printed in the suite's order as they complete.
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        with concurrent.futures.ThreadPoolExecutor(self.options.jobs) as pool:
            results = [pool.submit(self.timed_check, case) for case in cases]
            for case, result in zip(cases, results):
                self.print_result(case, *result.result(), counts)
        skipped = f", {counts['skipped']} skipped" if counts["skipped"] else ""
        print(f"{counts['passed']} passed, {counts['failed']} failed{skipped} "
              f"({time.monotonic() - started:.1f}s)")
        if counts["failed"]:
            return 1
        return 0 if counts["passed"] else SKIP

    def timed_check(self, case):
        """(problems, seconds, why the case was skipped or None)."""
        started = time.monotonic()
        skipped = None
        try:
            problems = self.check(case)
        except CaseSkip as reason:
            problems, skipped = [], str(reason)
        except subprocess.TimeoutExpired as timeout:
            problems = [f"timed out: {' '.join(map(str, timeout.cmd))}"]
        return problems, time.monotonic() - started, skipped

    def print_result(self, case, problems, seconds, skipped, counts):
        label = f"{self.suite}/{case.name}"
        print(self.transcripts.get(case.name, ""), end="")
        if skipped:
            counts["skipped"] += 1
            print(f"SKIP {label}: " + skipped.replace("\n", "\n    "))
        elif problems:
            counts["failed"] += 1
            print(f"FAIL {label} ({seconds:.1f}s)")
            for problem in problems:
                print("    " + problem.replace("\n", "\n    ").rstrip())
        else:
            counts["passed"] += 1
            print(f"PASS {label} ({seconds:.1f}s)")
        sys.stdout.flush()


def first_difference(expected, got):
    """Where two outputs part, with a little context."""
    for i, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            break
    else:
        i = min(len(expected), len(got))
    start = max(0, i - 40)
    return (f" at byte {i} (lengths {len(expected)} and {len(got)}):\n"
            f"  expected {expected[start:i + 60]!r}\n"
            f"  got      {got[start:i + 60]!r}")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", required=True, choices=sorted(SUITES))
    parser.add_argument("--wasm-aot", default="", help="the wasm-aot tool")
    parser.add_argument("--work-dir", required=True,
                        help="where programs are built and run (in the build tree)")
    parser.add_argument("--runner", choices=["wasm-aot", "node"], default="wasm-aot")
    parser.add_argument("--target", choices=sorted(guest_targets.TRIPLES),
                        help="build for this target; another architecture's "
                        "programs run under qemu-user (default: the host)")
    parser.add_argument("--filter", default="", help="run only cases whose name contains this")
    parser.add_argument("--allow-unsupported", action="store_true",
                        help="skip, not fail, a case whose module wasm-aot build "
                        "refuses as valid but not supported (status 4)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="cases run in parallel (default: the CPU count)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(Harness(parse_arguments()).main())
