#!/usr/bin/env bash
# Builds and runs the decode+validate libFuzzer target for a bounded time.
#
# usage: scripts/fuzz.sh [options] [SECONDS] [-- LIBFUZZER_ARGS...]
#   SECONDS            -max_total_time (default 60)
#   --build-dir DIR    fuzz build directory (default <repo>/build-fuzz);
#                      configured with clang-19 and WASM_AOT_BUILD_FUZZERS=ON
#                      when it has no CMakeCache.txt yet
#   --no-build         use the fuzzer binary as it is (ctest fuzz-smoke)
#   --testsuite DIR    spec suite for the seed corpus (default:
#                      $WASM_AOT_TESTSUITE, else <repo>/../shared/testsuite)
#   --corpus DIR       working corpus (default BUILD/corpus); seeded with
#                      every module of the suite (core and proposals, via
#                      wast2json), new inputs are added by libFuzzer
#   --artifacts DIR    where crash/leak/timeout reproducers go (default:
#                      $WASM_AOT_FUZZ_ARTIFACTS, else BUILD/artifacts)
# Runs with -rss_limit_mb=2048 -timeout=10. The full log is BUILD/fuzz.log.
#
# Exit status: 0 nothing found, 1 the fuzzer found a crash, leak, timeout or
# out-of-memory (reproducer path printed), 2 usage or build error.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build-fuzz
testsuite=${WASM_AOT_TESTSUITE:-$repo/../shared/testsuite}
corpus=
artifacts=${WASM_AOT_FUZZ_ARTIFACTS:-}
no_build=0
seconds=60
extra=()

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --no-build) no_build=1; shift ;;
    --testsuite) testsuite=$2; shift 2 ;;
    --testsuite=*) testsuite=${1#*=}; shift ;;
    --corpus) corpus=$2; shift 2 ;;
    --corpus=*) corpus=${1#*=}; shift ;;
    --artifacts) artifacts=$2; shift 2 ;;
    --artifacts=*) artifacts=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *[!0-9]*) echo "fuzz.sh: SECONDS must be a number, got '$1'" >&2; exit 2 ;;
    *) seconds=$1; shift ;;
  esac
done
mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)
corpus=${corpus:-$build_dir/corpus}
artifacts=${artifacts:-$build_dir/artifacts}
fuzzer=$build_dir/test/fuzz/wasm-aot-fuzz-decode-validate

# 1. Build.
if [ "$no_build" = 0 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cc=$(command -v clang-19 || true)
    cxx=$(command -v clang++-19 || true)
    if [ -z "$cxx" ]; then
      echo "fuzz.sh: clang++-19 not found" >&2
      exit 2
    fi
    cmake -S "$repo" -B "$build_dir" -G Ninja \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWASM_AOT_BUILD_FUZZERS=ON >/dev/null ||
      { echo "fuzz.sh: configuring $build_dir failed" >&2; exit 2; }
  fi
  cmake --build "$build_dir" --target wasm-aot-fuzz-decode-validate -j 2 ||
    { echo "fuzz.sh: building the fuzzer failed" >&2; exit 2; }
fi
if [ ! -x "$fuzzer" ]; then
  echo "fuzz.sh: $fuzzer not found" >&2
  exit 2
fi

# 2. Seed corpus: every binary module of the spec suite, named by content so
# seeding again adds nothing twice.
mkdir -p "$corpus" "$artifacts"
stamp=$corpus.seeded # beside the corpus: libFuzzer reads every file inside
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$testsuite" ]; then
  echo "fuzz.sh: corpus $corpus: $(find "$corpus" -type f | wc -l) inputs" \
       "(already seeded; remove $stamp to seed again)"
elif command -v wast2json >/dev/null 2>&1 && [ -d "$testsuite/core" ]; then
  seeds=$(mktemp -d "${TMPDIR:-/tmp}/wasm-aot-seeds.XXXXXX")
  trap 'rm -rf "$seeds"' EXIT
  {
    for f in "$testsuite"/core/*.wast; do printf '%s\n' "$f"; done
    for p in exception-handling:--enable-exceptions \
             extended-const:--enable-extended-const memory64:--enable-memory64 \
             multi-memory:--enable-multi-memory tail-call:--enable-tail-call \
             threads:--enable-threads; do
      for f in "$testsuite/proposals/${p%%:*}"/*.wast; do
        [ -e "$f" ] && printf '%s %s\n' "${p#*:}" "$f"
      done
    done
  } | awk '{ print NR " " $0 }' |
    xargs -P 2 -L 1 bash -c '
      n=$1; shift
      if [ $# -eq 2 ]; then flag=$1; f=$2; else flag=; f=$1; fi
      mkdir -p "'"$seeds"'/$n"
      wast2json $flag "$f" -o "'"$seeds"'/$n/m.json" >/dev/null 2>&1 || true' _
  before=$(find "$corpus" -type f | wc -l)
  find "$seeds" -name '*.wasm' -type f -print0 | xargs -0 -r sha1sum |
    while read -r sum path; do
      [ -e "$corpus/$sum" ] || cp "$path" "$corpus/$sum"
    done
  after=$(find "$corpus" -type f | wc -l)
  printf '%s\n' "$testsuite" > "$stamp"
  echo "fuzz.sh: corpus $corpus: $after inputs ($((after - before)) new seeds)"
else
  echo "fuzz.sh: no wast2json or no test suite at $testsuite;" \
       "running without spec seeds" >&2
fi

# 3. Run.
log=$build_dir/fuzz.log
echo "fuzz.sh: running $(basename "$fuzzer") for ${seconds}s (log: $log)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rc=0
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" \
  ${extra[@]+"${extra[@]}"} "$corpus" > "$log" 2>&1 || rc=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ -z "$execs" ]; then
  # Without final stats (e.g. after a crash), the last status line.
  execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
fi
status=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)
secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
echo "fuzz.sh: ${status:-no status line}"
echo "fuzz.sh: executions: ${execs:-unknown}${secs:+ in ${secs}s}"

if [ "$rc" != 0 ]; then
  echo "fuzz.sh: the fuzzer stopped with exit $rc; end of the log:" >&2
  tail -n 60 "$log" >&2
  grep -E '^(artifact_prefix|Test unit written to)' "$log" >&2 || true
  exit 1
fi
echo "fuzz.sh: no crash"
