#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest: the
# unit tests (GoogleTest), the lit tests of the wasm-aot tool (test/lit) and
# the spec-suite check (test/spec; skipped when the suite is not available).
#
# usage: scripts/test.sh [options] [-- CTEST_ARGS...]
#   --build-dir DIR   build tree (default: $WASM_AOT_BUILD_DIR, else <repo>/build)
#   -j N, --jobs N    parallel build and test jobs (default: $JOBS, else nproc)
#   --no-deps         do not run scripts/install-deps.sh
#   --fuzz-seconds N  after ctest, run the decode+validate fuzzer for N seconds
#                     in its own sanitizer build (BUILD-fuzz); 0 skips it
#                     (default: $WASM_AOT_FUZZ_SECONDS, else 60)
#   CTEST_ARGS        passed to ctest, e.g. -R lit or -L spec
#
# The last line printed is "N passed, N failed". Exit status: 0 when nothing
# failed, 1 when a test failed, other values when the build failed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
deps=1
fuzz_seconds=${WASM_AOT_FUZZ_SECONDS:-60}
ctest_args=()

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    -j|--jobs) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --no-deps) deps=0; shift ;;
    --fuzz-seconds) fuzz_seconds=$2; shift 2 ;;
    --fuzz-seconds=*) fuzz_seconds=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; ctest_args=("$@"); break ;;
    *) echo "test.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath -m "$build_dir")
export WASM_AOT_BUILD_DIR=$build_dir
# Whatever the tests compile through the compile cache stays in the build
# tree, never in the user's ~/.cache (the spec runner and lit turn it off).
export WASM_AOT_CACHE_DIR=$build_dir/compile-cache

if [ "$deps" = 1 ]; then
  "$repo/scripts/install-deps.sh"
fi
"$repo/scripts/build.sh" --build-dir "$build_dir" --jobs "$jobs"

junit=$build_dir/Testing/test-results.xml
rm -f "$junit"
status=0
(cd "$build_dir" && ctest --output-on-failure --no-tests=error -j "$jobs" \
   --output-junit "$junit" "${ctest_args[@]}") || status=$?

# Count from ctest's JUnit report: passed, failed, skipped.
counts=$(python3 - "$junit" <<'PY' 2>/dev/null || true
import sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
tests = int(suite.get("tests", 0))
failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
skipped = int(suite.get("skipped", 0)) + int(suite.get("disabled", 0))
print(tests - failed - skipped, failed, skipped)
PY
)
if [ -z "$counts" ]; then
  # No report (ctest could not run at all).
  echo "test.sh: ctest produced no results" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
read -r passed failed skipped <<<"$counts"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # ctest failed without a failing test (e.g. a timeout in setup)
fi

# A short, bounded fuzzing run of decode+validate (libFuzzer, ASan, UBSan),
# counted as one more test. It needs its own instrumented build tree.
if [ "$fuzz_seconds" -gt 0 ]; then
  if "$repo/scripts/fuzz.sh" --build-dir "$build_dir-fuzz" "$fuzz_seconds"; then
    passed=$((passed + 1))
  else
    echo "test.sh: fuzz-smoke FAILED (see above)"
    failed=$((failed + 1))
  fi
else
  echo "test.sh: fuzz-smoke skipped (--fuzz-seconds 0)"
fi

if [ "$skipped" -ne 0 ]; then
  echo "test.sh: $skipped skipped (see 'The following tests did not run' above)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
