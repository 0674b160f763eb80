#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages wasm-aot needs to build and test.
#
# usage: scripts/install-deps.sh [--check]
#   --check   only list what is missing; exit 1 if anything is
#
# Idempotent: packages already installed are left alone, and nothing runs
# (not even apt-get update) when nothing is missing. apt-get update runs at
# most once, only when a missing package has no install candidate yet.
# Needs root, or sudo (non-interactive when there is no terminal, as in CI).
set -euo pipefail

# The one list of what the project needs. Later work that needs more adds a
# line here, with the reason.
packages=(
  cmake ninja-build ccache   # the build
  clang-19 lld-19            # the compiler the build uses; linking output
  llvm-19-dev                # LLVM 19 libraries and CMake package
  libpolly-19-dev            # the wasm-aot tool links LLVM statically, and LLVM's pass builder calls Polly
  llvm-19-tools              # FileCheck, not, count, split-file, lit
  liblld-19-dev              # wasm-aot build: links executables in-process
  libclang-rt-19-dev         # sanitizer and libFuzzer runtimes
  libcli11-dev               # command-line parsing (tools/wasm-aot)
  libgtest-dev               # unit tests
  wabt                       # wat2wasm and wast2json (lit and spec tests)
  python3                    # lit
  wasi-libc                  # test/wasi: C guests (sysroot /usr/share/wasi-sysroot)
  libclang-rt-19-dev-wasm32  # test/wasi: compiler-rt builtins for wasm32-wasi guests
  libc++-19-dev-wasm32       # test/wasi: C++ guests (libc++ for wasm32-wasi)
  libc++abi-19-dev-wasm32    # test/wasi: C++ guests (libc++abi for wasm32-wasi)
  rustc                      # test/wasi: Rust guests (/usr/bin/rustc, host and wasm32)
  libstd-rust-dev-wasm32     # test/wasi: the Rust standard library for wasm32-wasi
  nodejs                     # test/wasi: AssemblyScript compiler (npm) and node's WASI
  libc6-dev                  # wasm-aot build: the host's static C library (libc.a, crt1.o)
  libgcc-12-dev              # wasm-aot build: the host's libgcc.a/libgcc_eh.a, which static glibc needs
  libc6-dev-arm64-cross      # wasm-aot build --target=aarch64: headers (runtime archives) and libc.a; the spec executor's C library under qemu
  libgcc-12-dev-arm64-cross  # wasm-aot build --target=aarch64: libgcc (unwinder, outline atomics, TF float)
  libc6-dev-riscv64-cross    # wasm-aot build --target=riscv64: headers (runtime archives) and libc.a; the spec executor's C library under qemu
  libgcc-12-dev-riscv64-cross # wasm-aot build --target=riscv64: libgcc (unwinder, TF float, bit helpers)
  qemu-user                  # lit build/cross-*.test, spec-test.sh --target: runs aarch64 and riscv64 programs
  binaryen                   # test/difffuzz: wasm-opt -ttf makes modules, --fuzz-exec is the reference
  python3-matplotlib         # bench/: charts (bench/harness/chart.py)
  dpkg-dev                   # scripts/package.sh: dpkg-shlibdeps finds the .deb's library dependencies
)

# npm is its own package in Debian but comes with NodeSource's nodejs, which
# conflicts with that package: ask for it only when the command is missing.
command -v npm >/dev/null 2>&1 || packages+=(npm)   # test/wasi: installs AssemblyScript

check_only=0
case ${1:-} in
  --check) check_only=1 ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
  "") ;;
  *) echo "install-deps.sh: unknown argument '$1'" >&2; exit 2 ;;
esac

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps.sh: this script needs apt (Debian or Ubuntu); install by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "install-deps.sh: missing: ${missing[*]}"
[ "$check_only" = 1 ] && exit 1

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps.sh: not root and no sudo; run as root or install: ${missing[*]}" >&2
    exit 1
  fi
  if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
fi
export DEBIAN_FRONTEND=noninteractive

# Refresh the package lists only if apt does not know a package yet.
for p in "${missing[@]}"; do
  if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
    echo "install-deps.sh: apt-get update (no candidate for $p)"
    "${as_root[@]}" apt-get update -q
    break
  fi
done

"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

still_missing=()
for p in "${missing[@]}"; do
  installed "$p" || still_missing+=("$p")
done
if [ ${#still_missing[@]} -ne 0 ]; then
  echo "install-deps.sh: could not install: ${still_missing[*]}" >&2
  exit 1
fi
echo "install-deps.sh: installed ${missing[*]}"
