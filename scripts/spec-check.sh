#!/usr/bin/env bash
# Checks the decoder and validator against the official WebAssembly spec test
# suite: converts .wast files with wast2json into a temporary directory, then
# runs wasm-aot-spec-check on all of the JSON files.
#
# usage: scripts/spec-check.sh [options] [FILE.wast | NAME ...]
#   --testsuite DIR     the suite (default: $WASM_AOT_TESTSUITE, else
#                       <repo>/../shared/testsuite); never copied into the repo
#   --proposal NAME     core/ with proposals/NAME/*.wast replacing the core files
#                       of the same name (and adding its new files), converted
#                       with the proposal's wast2json flag; also turns the
#                       proposal's feature on unless --features is given
#   --features=LIST     passed to the tool (Features::parse syntax)
#   --build-dir DIR     where wasm-aot-spec-check was built (default:
#                       $WASM_AOT_BUILD_DIR, else <repo>/build)
#   --jobs N            parallel wast2json processes (default 2)
#   --keep              keep the temporary directory and print its path
#   --verbose, --strict-kinds   passed to the tool
# Files may be given as paths or as bare names (e.g. "binary" or
# "binary.wast"), which are looked up in the proposal folder, then in core/.
# Without files, every core/*.wast (merged with the proposal's) is checked.
#
# Any nonzero exit or any stderr output of wast2json fails that file.
# Exit status: 0 all passed, 1 failures, 2 usage error, 77 the suite or
# wast2json is missing (ctest reports that as skipped).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
testsuite=${WASM_AOT_TESTSUITE:-$repo/../shared/testsuite}
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
proposal=
features=
jobs=2
keep=0
tool_args=()
files=()

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
  case $1 in
    --testsuite) testsuite=$2; shift 2 ;;
    --testsuite=*) testsuite=${1#*=}; shift ;;
    --proposal) proposal=$2; shift 2 ;;
    --proposal=*) proposal=${1#*=}; shift ;;
    --features) features=$2; shift 2 ;;
    --features=*) features=${1#*=}; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --jobs|-j) jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    --verbose|-v|--strict-kinds) tool_args+=("$1"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "spec-check.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done

# The wast2json flag and the wasm-aot feature of each proposal folder
# (see the table in the suite's README.md).
w2j_flags=()
proposal_feature=
case $proposal in
  '') ;;
  exception-handling) w2j_flags=(--enable-exceptions); proposal_feature=exceptions ;;
  extended-const) w2j_flags=(--enable-extended-const); proposal_feature=extended-const ;;
  memory64) w2j_flags=(--enable-memory64); proposal_feature=memory64 ;;
  multi-memory) w2j_flags=(--enable-multi-memory); proposal_feature=multi-memory ;;
  tail-call) w2j_flags=(--enable-tail-call); proposal_feature=tail-call ;;
  threads) w2j_flags=(--enable-threads); proposal_feature=threads ;;
  *) echo "spec-check.sh: unknown proposal '$proposal' (known: exception-handling," \
          "extended-const, memory64, multi-memory, tail-call, threads)" >&2
     exit 2 ;;
esac
if [ -n "$proposal" ] && [ -z "$features" ]; then
  features=+$proposal_feature
fi

if ! command -v wast2json >/dev/null 2>&1; then
  echo "spec-check.sh: wast2json not found (install wabt); skipping" >&2
  exit 77
fi
if [ ! -d "$testsuite/core" ]; then
  echo "spec-check.sh: no test suite at $testsuite (set WASM_AOT_TESTSUITE" \
       "or pass --testsuite); skipping" >&2
  exit 77
fi
testsuite=$(cd "$testsuite" && pwd)
proposal_dir=
if [ -n "$proposal" ]; then
  proposal_dir=$testsuite/proposals/$proposal
  if [ ! -d "$proposal_dir" ]; then
    echo "spec-check.sh: no folder $proposal_dir" >&2
    exit 2
  fi
fi

tool=$build_dir/test/spec/wasm-aot-spec-check
if [ ! -x "$tool" ]; then
  echo "spec-check.sh: $tool not found; build it first" \
       "(ninja -C $build_dir wasm-aot-spec-check)" >&2
  exit 2
fi

# The list of .wast files, as absolute paths.
wasts=()
if [ ${#files[@]} -eq 0 ]; then
  declare -A chosen=()
  for f in "$testsuite"/core/*.wast; do
    chosen[$(basename "$f")]=$f
  done
  if [ -n "$proposal_dir" ]; then
    for f in "$proposal_dir"/*.wast; do
      [ -e "$f" ] && chosen[$(basename "$f")]=$f
    done
  fi
  mapfile -t wasts < <(for k in "${!chosen[@]}"; do echo "${chosen[$k]}"; done | sort)
else
  for f in "${files[@]}"; do
    found=
    if [ -f "$f" ]; then
      found=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
    else
      name=${f%.wast}.wast
      for dir in $proposal_dir "$testsuite/core"; do
        if [ -f "$dir/$name" ]; then found=$dir/$name; break; fi
      done
    fi
    if [ -z "$found" ]; then
      echo "spec-check.sh: no such test file: $f" >&2
      exit 2
    fi
    wasts+=("$found")
  done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wasm-aot-spec.XXXXXX")
if [ "$keep" = 1 ]; then
  echo "spec-check.sh: keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

# Convert each file into its own numbered directory (wast2json names the
# .wasm files after the JSON file, so same-named files cannot collide).
# Inside the suite, wast2json gets paths relative to the suite root so that
# failure reports read "core/binary.wast:12".
i=0
for f in "${wasts[@]}"; do
  i=$((i + 1))
  printf '%s\t%s\n' "$i" "$f"
done > "$tmp/list"

convert() {
  # $1 = index, $2 = absolute .wast path; flags in $W2J_FLAGS.
  local n=$1 f=$2
  local out=$tmp/$n
  mkdir -p "$out"
  local src=$f
  case $f in "$testsuite"/*) src=${f#"$testsuite"/} ;; esac
  local rc=0
  # shellcheck disable=SC2086
  (cd "$testsuite" && wast2json $W2J_FLAGS "$src" -o "$out/$(basename "${f%.wast}").json") \
    > "$out/stdout" 2> "$out/stderr" || rc=$?
  echo "$rc" > "$out/rc"
}
export -f convert
export tmp testsuite
W2J_FLAGS=${w2j_flags[*]+"${w2j_flags[*]}"}
export W2J_FLAGS

# shellcheck disable=SC2016
tr '\t' '\n' < "$tmp/list" | xargs -d '\n' -n 2 -P "$jobs" bash -c 'convert "$@"' _

conversion_failures=()
jsons=()
while IFS=$'\t' read -r n f; do
  out=$tmp/$n
  rel=$f
  case $f in "$testsuite"/*) rel=${f#"$testsuite"/} ;; esac
  rc=$(cat "$out/rc" 2>/dev/null || echo "not run")
  if [ "$rc" != 0 ] || [ -s "$out/stderr" ]; then
    msg=$(head -c 400 "$out/stderr" 2>/dev/null | tr '\n' ' ')
    echo "spec-check.sh: wast2json failed on $rel (exit $rc): $msg" >&2
    conversion_failures+=("--conversion-failure=$rel: wast2json exit $rc: $msg")
  else
    jsons+=("$out/$(basename "${f%.wast}").json")
  fi
done < "$tmp/list"

if [ -n "$features" ]; then
  tool_args+=("--features=$features")
fi
[ -n "$proposal" ] && echo "proposal: $proposal (wast2json ${w2j_flags[*]})"
rc=0
"$tool" ${tool_args[@]+"${tool_args[@]}"} \
  ${conversion_failures[@]+"${conversion_failures[@]}"} \
  ${jsons[@]+"${jsons[@]}"} || rc=$?
exit "$rc"
