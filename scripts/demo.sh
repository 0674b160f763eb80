#!/usr/bin/env bash
# Installs what is missing, builds wasm-aot and its runtime, then shows the
# main job and the embedding API on bundled examples:
#   1. examples/wasi/wordfreq.c, a WASI command program, is compiled to
#      wasm32-wasi with clang-19 and turned into a native executable by
#      `wasm-aot build`, granted one directory (examples/wasi/texts); it runs,
#      and a path outside its grant is refused. When qemu-aarch64 is
#      installed, the same module is built for AArch64 and run under it.
#   2. examples/primes.wat is compiled to an object with `wasm-aot compile`,
#      linked with the runtime and the embedding host
#      examples/embed/run_export.c, and its exports are called (one traps,
#      which the host reports).
#   3. A rejected module (examples/type-error.wat) is reported.
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
  --target WasmAOTRuntime --target wasm-aot-runtimes

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

step "clang-19 --target=wasm32-wasi -O2 examples/wasi/wordfreq.c -o wordfreq.wasm"
clang-19 --target=wasm32-wasi -O2 "$repo/examples/wasi/wordfreq.c" \
  -o "$out/wordfreq.wasm"

step "wasm-aot build wordfreq.wasm --dir examples/wasi/texts::texts -o wordfreq"
(cd "$out" && "$wasm_aot" build wordfreq.wasm \
   --dir "$repo/examples/wasi/texts::texts" -o wordfreq)

step "./wordfreq texts 5 (a native executable; it sees only the granted directory)"
"$out/wordfreq" texts 5
step "./wordfreq /etc (not granted: refused, exit status 1)"
expect_status 1 "$out/wordfreq" /etc
step "./wordfreq texts/.. (outside the grant: refused, exit status 1)"
expect_status 1 "$out/wordfreq" texts/..

if command -v qemu-aarch64 >/dev/null 2>&1; then
  step "wasm-aot build wordfreq.wasm --target aarch64-linux-gnu ...; run under qemu-aarch64"
  (cd "$out" && "$wasm_aot" build wordfreq.wasm --target aarch64-linux-gnu \
     --dir "$repo/examples/wasi/texts::texts" -o wordfreq-aarch64)
  qemu-aarch64 "$out/wordfreq-aarch64" texts 3
fi

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

step "wasm-aot compile primes.wasm --emit-header primes.h: the same module through typed C functions (examples/embed/primes_host.c)"
(cd "$out" && "$wasm_aot" compile primes.wasm -o primes-typed.o \
   --emit-header primes.h --module-symbol primes_module)
clang-19 -O2 -I"$repo/include" -I"$out" "$repo/examples/embed/primes_host.c" \
  "$out/primes-typed.o" "$runtime" -lm -lpthread -o "$out/primes_host"
"$out/primes_host" 10000000

step "wasm-aot validate type-error.wasm (an invalid module; exit status 1 expected)"
wat2wasm --no-check "$repo/examples/type-error.wat" -o "$out/type-error.wasm"
(cd "$out" && expect_status 1 "$wasm_aot" validate type-error.wasm)

step "done: wordfreq.wasm became a sandboxed native program, primes.wasm ran in a host, type-error.wasm was rejected"
