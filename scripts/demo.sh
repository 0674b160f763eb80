#!/usr/bin/env bash
# Installs what is missing, builds wasm-aot and its runtime, then compiles
# the bundled example and runs it: examples/primes.wat is assembled with
# wat2wasm, summarised with `wasm-aot inspect`, compiled to a native object
# with `wasm-aot compile`, linked with the runtime and the embedding host
# examples/embed/run_export.c, and its exports are called (one of them
# traps, which the host reports). Finally it shows how a rejected module is
# reported, using examples/type-error.wat.
#
# usage: scripts/demo.sh [--build-dir DIR] [--no-deps]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
deps=1

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --no-deps) deps=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath -m "$build_dir")

if [ "$deps" = 1 ]; then
  "$repo/scripts/install-deps.sh"
fi
"$repo/scripts/build.sh" --build-dir "$build_dir" --target wasm-aot \
  --target WasmAOTRuntime

wasm_aot=$build_dir/tools/wasm-aot/wasm-aot
runtime=$build_dir/runtime/libWasmAOTRuntime.a
out=$build_dir/examples
mkdir -p "$out"

step() { printf '\n==> %s\n' "$*"; }
expect_status() { # expect_status STATUS COMMAND...
  local want=$1 got=0
  shift
  "$@" || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "demo.sh: expected exit status $want from '$*', got $got" >&2
    exit 1
  fi
}

step "wat2wasm --debug-names examples/primes.wat -o primes.wasm"
wat2wasm --debug-names "$repo/examples/primes.wat" -o "$out/primes.wasm"

step "wasm-aot inspect primes.wasm"
(cd "$out" && "$wasm_aot" inspect primes.wasm)

step "wasm-aot compile primes.wasm -o primes.o (native x86-64/AArch64/RISC-V object; here: the host)"
(cd "$out" && "$wasm_aot" compile primes.wasm -o primes.o)

step "link primes.o with the runtime and examples/embed/run_export.c"
clang-19 -O2 -I"$repo/include" "$repo/examples/embed/run_export.c" \
  "$out/primes.o" "$runtime" -lm -lpthread -o "$out/primes"

step "./primes count_primes 10000000"
"$out/primes" count_primes 10000000
step "./primes fib 90"
"$out/primes" fib 90
step "./primes div 1 0 (a trap: reported by the host, exit status 3)"
expect_status 3 "$out/primes" div 1 0

step "wasm-aot validate type-error.wasm (an invalid module; exit status 1 expected)"
wat2wasm --no-check "$repo/examples/type-error.wat" -o "$out/type-error.wasm"
(cd "$out" && expect_status 1 "$wasm_aot" validate type-error.wasm)

step "done: primes.wasm compiled to native code and ran; type-error.wasm was rejected"
