# lit configuration for the wasm-aot tool tests; the build tree's
# lit.site.cfg.py sets the paths used here and then loads this file.
#
# Substitutions available in RUN lines:
#   %wasm-aot        the wasm-aot binary under test
#   %wat2wasm        wabt's wat2wasm (add --no-check for invalid modules)
#   %expect-exit N   runs the rest of the line and fails unless it exits
#                    with status N (passing its output through)
#   %examples        the repository's examples/ directory
#   %python          the Python 3 interpreter lit runs under (for Inputs/*.py)
#   %cmake           the cmake that configured the build tree
#   %build-tree      the build tree (test/lit/package installs it)
#   %src-root        the repository
#   %lit             lit itself (feature lit-py), %llvm-tools-dir LLVM's tools
#   feature gcc      the system has gcc and g++ (to configure with them)
# FileCheck, not, count and split-file are LLVM 19's, found first on PATH.

import os

import lit
import lit.formats

config.name = "wasm-aot"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.excludes = ["Inputs"]
config.test_source_root = config.wasm_aot_lit_source_dir
config.test_exec_root = config.wasm_aot_lit_binary_dir

for tool in ("FileCheck", "not", "split-file", "count"):
    path = os.path.join(config.llvm_tools_dir, tool)
    if not os.path.exists(path):
        lit_config.fatal("%s not found; run scripts/install-deps.sh" % path)
if not os.path.exists(config.wasm_aot):
    lit_config.fatal("%s not found; build the wasm-aot target first"
                     % config.wasm_aot)

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.defpath)])
# Messages must not depend on the user's terminal or locale.
config.environment["LC_ALL"] = "C"
config.environment.pop("TERM", None)
# Every test compiles for real: no compile cache (an empty directory turns
# it off) unless the test names one with --cache-dir.
config.environment["WASM_AOT_CACHE_DIR"] = ""

expect_exit = os.path.join(config.wasm_aot_lit_source_dir, "Inputs",
                           "expect_exit.py")
config.substitutions.append(
    ("%expect-exit", '"%s" "%s"' % (config.python_executable, expect_exit)))
config.substitutions.append(("%python", '"%s"' % config.python_executable))
config.substitutions.append(("%wasm-aot", '"%s"' % config.wasm_aot))
config.substitutions.append(("%wat2wasm", '"%s"' % config.wat2wasm))
config.substitutions.append(
    ("%examples", os.path.join(config.wasm_aot_src_root, "examples")))
config.substitutions.append(("%cmake", '"%s"' % config.cmake))
config.substitutions.append(("%build-tree", '"%s"' % config.wasm_aot_obj_root))
config.substitutions.append(("%src-root", '"%s"' % config.wasm_aot_src_root))
# %lit: lit itself (its lit.py beside the package running these tests),
# for the test that runs examples/lit as a user would.
lit_py = os.path.join(os.path.dirname(os.path.dirname(lit.__file__)), "lit.py")
if os.path.exists(lit_py):
    config.available_features.add("lit-py")
    config.substitutions.append(
        ("%lit", '"%s" "%s"' % (config.python_executable, lit_py)))
config.substitutions.append(("%llvm-tools-dir", config.llvm_tools_dir))

# Test hosts that link a compiled module with the runtime and call it
# (test/lit/build/simd-float-*.test) are C, compiled by the clang of the
# same LLVM, which targets every architecture:
#   feature clang        it exists
#   %clang               its path
clang = os.path.join(config.llvm_tools_dir, "clang")
if os.path.exists(clang):
    config.available_features.add("clang")
    config.substitutions.append(("%clang", '"%s"' % clang))

import shutil as _shutil
if _shutil.which("gcc") and _shutil.which("g++"):
    config.available_features.add("gcc")

# PolyBench/C (shared data, never in the repository) and wasm32-wasi C:
#   feature polybench   $WASM_AOT_POLYBENCH, else ../shared/bench/
#                       polybench-4.2.1 beside the repository, exists, and
#                       clang-19 builds for wasm32-wasi (wasi-libc)
#   %polybench          its directory
polybench = os.environ.get("WASM_AOT_POLYBENCH") or os.path.join(
    os.path.dirname(config.wasm_aot_src_root), "shared", "bench",
    "polybench-4.2.1")
if (os.path.isdir(os.path.join(polybench, "utilities")) and
        os.path.exists("/usr/include/wasm32-wasi/stdio.h") and
        _shutil.which("clang-19")):
    config.available_features.add("polybench")
    config.substitutions.append(("%polybench", polybench))

# `wasm-aot build` (test/lit/build/): which targets can be built and run.
#   feature build-ARCH   the ARCH runtime archives (lib/wasm-aot/TRIPLE in
#                        the build tree), static C library and libgcc exist
#   feature build-host   the same for the host's architecture
#   feature run-ARCH     ARCH programs run here: natively, or through
#                        qemu-ARCH (Debian's qemu-user)
#   %run-ARCH            the prefix that runs an ARCH program (empty natively)
#   %runtime-lib         the build tree's lib/wasm-aot directory
#   %host-triple         the host's triple (a directory of %runtime-lib)
import glob
import platform
import shutil

runtime_lib = os.path.join(config.wasm_aot_obj_root, "lib", "wasm-aot")
config.substitutions.append(("%runtime-lib", runtime_lib))
host_arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(
    platform.machine().lower(), platform.machine().lower())
# %host-triple: the host's triple as the runtime archives' directory names it.
config.substitutions.append(("%host-triple", host_arch + "-linux-gnu"))


def can_build(arch):
    triple = arch + "-linux-gnu"
    archives = ("libWasmAOTMain.a", "libWasmAOTWasi.a", "libWasmAOTRuntime.a")
    if not all(os.path.exists(os.path.join(runtime_lib, triple, a))
               for a in archives):
        return False
    libc = any(os.path.exists(os.path.join(d, "libc.a"))
               for d in ("/usr/%s/lib" % triple, "/usr/lib/%s" % triple))
    libgcc = glob.glob("/usr/lib/gcc*/%s/*/libgcc_eh.a" % triple)
    return libc and bool(libgcc)


for arch in ("x86_64", "aarch64", "riscv64"):
    if can_build(arch):
        config.available_features.add("build-" + arch)
        if arch == host_arch:
            config.available_features.add("build-host")
    qemu = shutil.which("qemu-" + arch)
    if arch == host_arch:
        config.available_features.add("run-" + arch)
        config.substitutions.append(("%run-" + arch, ""))
    elif qemu:
        config.available_features.add("run-" + arch)
        config.substitutions.append(("%run-" + arch, '"%s"' % qemu))

# The x86-64 extensions of the host CPU, as features host-cpu-sse4.1 and
# host-cpu-avx2: programs built with --target-features=+sse4.1 or +avx2 run
# here only when the CPU has them.
if host_arch == "x86_64":
    cpu_flags = set()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    cpu_flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    for flag, feature in (("sse4_1", "sse4.1"), ("avx2", "avx2")):
        if flag in cpu_flags:
            config.available_features.add("host-cpu-" + feature)
