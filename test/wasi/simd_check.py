"""simd_check.py - Which WebAssembly SIMD instructions a module holds.

run-guests.py asks this of every guest of the simd suite, so that the
suite cannot silently stop testing SIMD: a guest built without -msimd128,
a Rust guest whose cfg fell back to its scalar path, or a loop clang no
longer vectorises would still pass its comparison with the native build.

SIMD instructions are the 0xFD-prefixed ones. The disassembly of wabt's
wasm-objdump shows each instruction's bytes and mnemonic:

     000ead: fd 0c 00 00 00 00 00 00 00 | v128.const 0x00000000 ...

A line counts when its bytes start with fd and its mnemonic is a vector
one (v128.*, i8x16.* ... f64x2.*): local declarations are listed in the
same form, and a count of 253 locals would start with fd too.
"""

import collections
import re
import shutil
import subprocess

INSTRUCTION = re.compile(r"^\s*[0-9a-f]+: fd [0-9a-f ]*\|\s*(\S+)", re.MULTILINE)
VECTOR_MNEMONIC = re.compile(r"(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.")


def objdump():
    """The wasm-objdump to use, or None."""
    return shutil.which("wasm-objdump")


def simd_instructions(wasm, tool):
    """A Counter of the SIMD mnemonics in the module at wasm; raises
    RuntimeError when wasm-objdump fails."""
    result = subprocess.run([tool, "-d", str(wasm)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{tool} -d {wasm}: status {result.returncode}\n{result.stderr}")
    return collections.Counter(
        name for name in INSTRUCTION.findall(result.stdout)
        if VECTOR_MNEMONIC.match(name))
