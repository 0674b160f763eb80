#!/usr/bin/env bash
# Installs what is missing, builds wasm-aot, then runs it on the bundled
# example: examples/hello.wat is assembled with wat2wasm into
# <build>/examples/hello.wasm, summarised with `wasm-aot inspect` and checked
# with `wasm-aot validate`. Finally it shows how a rejected module is
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
"$repo/scripts/build.sh" --build-dir "$build_dir" --target wasm-aot

wasm_aot=$build_dir/tools/wasm-aot/wasm-aot
out=$build_dir/examples
mkdir -p "$out"

step() { printf '\n==> %s\n' "$*"; }

step "wat2wasm --debug-names examples/hello.wat -o $out/hello.wasm"
wat2wasm --debug-names "$repo/examples/hello.wat" -o "$out/hello.wasm"

step "wasm-aot inspect hello.wasm"
(cd "$out" && "$wasm_aot" inspect hello.wasm)

step "wasm-aot validate hello.wasm"
(cd "$out" && "$wasm_aot" validate hello.wasm)

step "wasm-aot validate type-error.wasm (an invalid module; exit status 1 expected)"
wat2wasm --no-check "$repo/examples/type-error.wat" -o "$out/type-error.wasm"
status=0
(cd "$out" && "$wasm_aot" validate type-error.wasm) || status=$?
if [ "$status" -ne 1 ]; then
  echo "demo.sh: expected exit status 1 for type-error.wasm, got $status" >&2
  exit 1
fi

step "done: hello.wasm is valid; type-error.wasm was rejected as expected"
