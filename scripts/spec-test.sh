#!/usr/bin/env bash
# Runs the official WebAssembly spec test suite through the real AOT path,
# for any target wasm-aot compiles for: wast2json converts each .wast file,
# then wasm-aot-spec-run compiles every module on the host with `wasm-aot
# compile --target`, links it into a shared object, and runs the file's
# commands with the executor built for the target (wasm-aot-spec-exec: the
# target's runtime and a dlopen), natively or under qemu-user, one process
# and one fresh store per file. The host judges the results.
#
# usage: scripts/spec-test.sh [--target TRIPLE] [--bounds-checks=guard|explicit]
#                             [-O0|-O2] [options] [FILE.wast | NAME ...]
#   --target TRIPLE       x86_64-linux-gnu, aarch64-linux-gnu or
#                         riscv64-linux-gnu (or just the architecture);
#                         default: the host. Another architecture runs
#                         under qemu-ARCH with /usr/TRIPLE as its sysroot
#                         (Debian's qemu-user and libc6-*-cross).
#   --bounds-checks=MODE  guard (default) or explicit
#   -O0 .. -O3            optimisation level of wasm-aot compile (default -O2)
#   --testsuite DIR       the suite (default: $WASM_AOT_TESTSUITE, else
#                         <repo>/../shared/testsuite); never copied into the repo
#   --build-dir DIR       the build tree with wasm-aot and wasm-aot-spec-run
#                         (default: $WASM_AOT_BUILD_DIR, else <repo>/build)
#   --jobs N              .wast files run at the same time (default 1)
#   --compile-jobs N      modules of a file compiled at the same time (default 2)
#   --timeout S           seconds a file's commands may run (default 60, or
#                         240 under qemu)
#   --expected-failures F the known failures (default test/spec/expected-failures.txt)
#   --max-failures N      failures listed one by one (default 300)
#   --work-dir DIR        where the work files go (default below); emptied first
#   --compile-flag ARG    one more argument for every wasm-aot compile
#                         (repeatable), e.g. --compile-flag=--partition-size=1
#   --allow-unsupported   commands whose module wasm-aot refuses as valid but
#                         not supported (exit status 4) are counted, not failed
# Files may be paths or bare names ("i32" or "i32.wast", looked up in core/).
# Without files, every core/*.wast is run; none is skipped. A command whose
# module wasm-aot refuses as not supported is counted as "unsupported", and
# fails the run unless --allow-unsupported is given.
#
# Every target, mode and level (the long run, about 25 minutes on 2 cores;
# docs/testing.md has the times):
#   for t in x86_64 aarch64 riscv64; do for m in guard explicit; do
#     for o in -O0 -O2; do
#       scripts/spec-test.sh --jobs 2 --target $t --bounds-checks=$m $o \
#         || echo "FAILED: $t $m $o"
#   done; done; done
#
# Work files (JSON, .wasm, .o, .so, the plan, the executor's records, logs)
# go to BUILD/spec-run/TRIPLE/MODE-OPT/, emptied at the start of each run.
# Any nonzero exit or any stderr output of wast2json fails that file. The
# last line is "N passed, N failed".
# Exit status: 0 all passed, 1 failures, 2 usage error, 77 the suite,
# wast2json, or (for another architecture) qemu or the target's C library
# is missing (ctest reports that as skipped).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
testsuite=${WASM_AOT_TESTSUITE:-$repo/../shared/testsuite}
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
target=
mode=guard
opt=-O2
jobs=1
compile_jobs=2
timeout=
max_failures=300
work=
allow_unsupported=
compile_flags=()
xfail=$repo/test/spec/expected-failures.txt
files=()

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
  case $1 in
    --target) target=$2; shift 2 ;;
    --target=*) target=${1#*=}; shift ;;
    --bounds-checks) mode=$2; shift 2 ;;
    --bounds-checks=*) mode=${1#*=}; shift ;;
    -O0|-O1|-O2|-O3) opt=$1; shift ;;
    --testsuite) testsuite=$2; shift 2 ;;
    --testsuite=*) testsuite=${1#*=}; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --jobs|-j) jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --compile-jobs) compile_jobs=$2; shift 2 ;;
    --compile-jobs=*) compile_jobs=${1#*=}; shift ;;
    --timeout) timeout=$2; shift 2 ;;
    --timeout=*) timeout=${1#*=}; shift ;;
    --expected-failures) xfail=$2; shift 2 ;;
    --expected-failures=*) xfail=${1#*=}; shift ;;
    --work-dir) work=$2; shift 2 ;;
    --work-dir=*) work=${1#*=}; shift ;;
    --allow-unsupported) allow_unsupported=--allow-unsupported; shift ;;
    --compile-flag) compile_flags+=("--compile-flag=$2"); shift 2 ;;
    --compile-flag=*) compile_flags+=("--compile-flag=${1#*=}"); shift ;;
    --max-failures) max_failures=$2; shift 2 ;;
    --max-failures=*) max_failures=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "spec-test.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done

case $mode in
  guard|explicit) ;;
  *) echo "spec-test.sh: --bounds-checks must be guard or explicit" >&2; exit 2 ;;
esac

# The target as a triple, and the host's.
host_arch=$(uname -m)
case $host_arch in arm64) host_arch=aarch64 ;; amd64) host_arch=x86_64 ;; esac
target=${target:-$host_arch}
case $target in
  x86_64|aarch64|riscv64) target=$target-linux-gnu ;;
  x86_64-linux-gnu|aarch64-linux-gnu|riscv64-linux-gnu) ;;
  *) echo "spec-test.sh: --target must be x86_64-linux-gnu, aarch64-linux-gnu" \
          "or riscv64-linux-gnu" >&2; exit 2 ;;
esac
arch=${target%%-*}

if ! command -v wast2json >/dev/null 2>&1; then
  echo "spec-test.sh: wast2json not found (install wabt); skipping" >&2
  exit 77
fi
# The suite is needed unless every file is given as a path (the project's
# own .wast files in test/wast run without it).
needs_suite=1
if [ ${#files[@]} -gt 0 ]; then
  needs_suite=0
  for f in "${files[@]}"; do [ -f "$f" ] || needs_suite=1; done
fi
if [ ! -d "$testsuite/core" ]; then
  if [ "$needs_suite" = 1 ]; then
    echo "spec-test.sh: no test suite at $testsuite (set WASM_AOT_TESTSUITE" \
         "or pass --testsuite); skipping" >&2
    exit 77
  fi
else
  testsuite=$(cd "$testsuite" && pwd)
fi
build_dir=$(realpath -m "$build_dir")

runner=$build_dir/test/spec/wasm-aot-spec-run
wasm_aot=$build_dir/tools/wasm-aot/wasm-aot
executor=$build_dir/test/spec/exec/$target/wasm-aot-spec-exec
for tool in "$runner" "$wasm_aot"; do
  if [ ! -x "$tool" ]; then
    echo "spec-test.sh: $tool not found; build it first" \
         "(ninja -C $build_dir wasm-aot wasm-aot-spec-run)" >&2
    exit 2
  fi
done
if [ ! -x "$executor" ]; then
  # Built with the runner for every target whose C library headers exist
  # (test/spec/exec/CMakeLists.txt).
  echo "spec-test.sh: no executor for $target ($executor); install" \
       "libc6-dev for it (scripts/install-deps.sh) and rebuild; skipping" >&2
  exit 77
fi

# Another architecture runs under qemu-user, its dynamic loader and C
# library taken from Debian's cross packages in /usr/TRIPLE.
emulator_args=()
if [ "$arch" != "$host_arch" ]; then
  qemu=$(command -v "qemu-$arch" || true)
  if [ -z "$qemu" ]; then
    echo "spec-test.sh: qemu-$arch not found (install qemu-user); skipping" >&2
    exit 77
  fi
  if [ ! -d "/usr/$target/lib" ]; then
    echo "spec-test.sh: no C library for $target in /usr/$target" \
         "(install libc6-dev for it); skipping" >&2
    exit 77
  fi
  emulator_args=("--emulator=$qemu" "--emulator-arg=-L" "--emulator-arg=/usr/$target")
  timeout=${timeout:-240}
fi
timeout=${timeout:-60}

# The list of .wast files, as absolute paths.
wasts=()
if [ ${#files[@]} -eq 0 ]; then
  for f in "$testsuite"/core/*.wast; do wasts+=("$f"); done
else
  for f in "${files[@]}"; do
    if [ -f "$f" ]; then
      wasts+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
    elif [ -f "$testsuite/core/${f%.wast}.wast" ]; then
      wasts+=("$testsuite/core/${f%.wast}.wast")
    else
      echo "spec-test.sh: no such test file: $f" >&2
      exit 2
    fi
  done
fi

work=${work:-$build_dir/spec-run/$target/$mode$opt}
rm -rf "$work"
mkdir -p "$work"

# One numbered directory per file: wast2json names the .wasm files after
# the JSON file, and the runner writes its outcomes and log next to them.
# Inside the suite, wast2json gets paths relative to the suite root so that
# reports read "core/i32.wast:12".
i=0
for f in "${wasts[@]}"; do
  i=$((i + 1))
  printf '%03d\t%s\n' "$i" "$f"
done > "$work/list"

convert() {
  local n=$1 f=$2
  local out=$work/$n-$(basename "${f%.wast}")
  mkdir -p "$out"
  local src=$f
  case $f in "$testsuite"/*) src=${f#"$testsuite"/} ;; esac
  local rc=0
  (cd "$testsuite" && wast2json "$src" -o "$out/$(basename "${f%.wast}").json") \
    > "$out/wast2json.stdout" 2> "$out/wast2json.stderr" || rc=$?
  echo "$rc" > "$out/wast2json.rc"
}
export -f convert
export work testsuite
tr '\t' '\n' < "$work/list" | xargs -d '\n' -n 2 -P 2 bash -c 'convert "$@"' _

conversion_failures=()
jsons=()
while IFS=$'\t' read -r n f; do
  out=$work/$n-$(basename "${f%.wast}")
  rel=$f
  case $f in "$testsuite"/*) rel=${f#"$testsuite"/} ;; esac
  rc=$(cat "$out/wast2json.rc" 2>/dev/null || echo "not run")
  if [ "$rc" != 0 ] || [ -s "$out/wast2json.stderr" ]; then
    msg=$(head -c 400 "$out/wast2json.stderr" 2>/dev/null | tr '\n' ' ')
    conversion_failures+=("--conversion-failure=$rel: wast2json exit $rc: $msg")
  else
    jsons+=("$out/$(basename "${f%.wast}").json")
  fi
done < "$work/list"

xfail_args=()
if [ -f "$xfail" ]; then
  xfail_args=("--expected-failures=$xfail")
fi

rc=0
"$runner" --wasm-aot="$wasm_aot" \
  --target="$target" --executor="$executor" \
  ${emulator_args[@]+"${emulator_args[@]}"} \
  --bounds-checks="$mode" --opt-level="${opt#-}" \
  --jobs="$jobs" --compile-jobs="$compile_jobs" --timeout="$timeout" \
  --max-failures="$max_failures" $allow_unsupported \
  ${compile_flags[@]+"${compile_flags[@]}"} \
  ${xfail_args[@]+"${xfail_args[@]}"} \
  ${conversion_failures[@]+"${conversion_failures[@]}"} \
  ${jsons[@]+"${jsons[@]}"} || rc=$?
exit "$rc"
