#!/usr/bin/env bash
# Differential fuzzing of the whole compiler: random modules from binaryen
# (`wasm-opt -ttf`), run by binaryen's interpreter and by wasm-aot in every
# configuration, outputs compared (test/difffuzz; docs/testing.md).
#
# usage: scripts/difffuzz.sh [options]
#   --seconds N           stop starting modules after N seconds
#   --count N             run N modules (one of the three is required)
#   --modules FILE...     run these .wat or .wasm files (the regression
#                         modules of test/difffuzz/regressions) instead
#   --seed S              the run is a function of S (default 1)
#   --configs LIST        of O0-guard,O0-explicit,O2-guard,O2-explicit (all)
#   --keep-failures DIR   per failing module: input bytes, module, both
#                         outputs, a one-line summary
#   --quiet               print only the last line (for wasm-reduce)
#   --build-dir DIR       the build tree (default <repo>/build)
#   --work-dir DIR        scratch space (default BUILD/difffuzz)
# Ends with "N passed, N failed" (modules x configurations).
# Exit status: 0 no mismatch, 1 a mismatch, 2 usage, 77 a tool is missing
# (wasm-opt and wasm-validate, from Debian's binaryen and wabt).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build
work_dir=
args=()

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --work-dir=*) work_dir=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --seconds|--count|--seed|--configs|--keep-failures) args+=("$1" "$2"); shift 2 ;;
    --quiet) args+=("$1"); shift ;;
    --modules)
      args+=("$1"); shift
      while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do args+=("$1"); shift; done ;;
    --seconds=*|--count=*|--seed=*|--configs=*|--keep-failures=*) args+=("$1"); shift ;;
    *) echo "difffuzz.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
work_dir=${work_dir:-$build_dir/difffuzz}

for tool in wasm-opt wasm-validate wat2wasm python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "difffuzz.sh: skipped: $tool not found (scripts/install-deps.sh)"
    exit 77
  fi
done
runner=$build_dir/test/difffuzz/wasm-aot-difffuzz-run
wasm_aot=$build_dir/tools/wasm-aot/wasm-aot
for f in "$runner" "$wasm_aot"; do
  if [ ! -x "$f" ]; then
    echo "difffuzz.sh: $f is not built" >&2
    exit 2
  fi
done
exec python3 "$repo/test/difffuzz/difffuzz.py" \
  --work-dir "$work_dir" --runner "$runner" --wasm-aot "$wasm_aot" \
  --wasm-opt "$(command -v wasm-opt)" \
  --wasm-validate "$(command -v wasm-validate)" \
  --wat2wasm "$(command -v wat2wasm)" "${args[@]}"
