# A minimal lit configuration for testing your own WebAssembly modules with
# wasm-aot (docs/testing-your-modules.md). Copy this directory into your
# project and run
#
#   lit -v path/to/tests                    # wasm-aot and wat2wasm on PATH
#   WASM_AOT=/opt/wasm-aot/bin/wasm-aot lit -v path/to/tests
#
# Substitutions in RUN lines:
#   %wasm-aot   the wasm-aot to test with ($WASM_AOT, else PATH)
#   %wat2wasm   wabt's wat2wasm ($WAT2WASM, else PATH), for modules kept as
#               text; modules your build makes need none
# FileCheck, not and split-file come from LLVM 19's tools ($LLVM_TOOLS_DIR,
# else /usr/lib/llvm-19/bin, Debian's llvm-19-tools). Results go to
# --param build_dir=DIR if given, else next to the tests (Output/).

import os
import shutil

import lit.formats

config.name = "my-modules"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
build_dir = lit_config.params.get("build_dir")
if build_dir:
    config.test_exec_root = build_dir


def tool(env_var, name):
    path = os.environ.get(env_var) or shutil.which(name)
    if not path or not os.path.exists(path):
        lit_config.fatal("%s not found: put it on PATH or set %s" % (name, env_var))
    return path


config.substitutions.append(("%wasm-aot", '"%s"' % tool("WASM_AOT", "wasm-aot")))
config.substitutions.append(("%wat2wasm", '"%s"' % tool("WAT2WASM", "wat2wasm")))

llvm_tools = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")
if not os.path.exists(os.path.join(llvm_tools, "FileCheck")):
    lit_config.fatal("FileCheck not found in %s: install llvm-19-tools or set "
                     "LLVM_TOOLS_DIR" % llvm_tools)
config.environment["PATH"] = os.pathsep.join(
    [llvm_tools, os.environ.get("PATH", os.defpath)])
# Keep wasm-aot's compile cache out of the tests: every test compiles.
config.environment["WASM_AOT_CACHE_DIR"] = ""
