#!/usr/bin/env bash
# Installs the Debian package on a clean Debian system and uses it there as
# a new user would (docs/install.md): a minimal bookworm made with
# debootstrap in a chroot, `apt-get install ./wasm-aot_*.deb`, then
# `wasm-aot build` of a WASI program and the example project
# (examples/cmake) configured against /usr with the system's gcc, built,
# and its tests run. Needs root and the network (debootstrap and apt
# download); not part of scripts/test.sh for that reason. Takes a few
# minutes, most of it downloads.
#
# usage: scripts/check-package.sh [--deb FILE] [--chroot DIR]
#   --deb FILE     the package (default: build it with scripts/package.sh)
#   --chroot DIR   where the clean system goes (default: a new temporary
#                  directory, removed afterwards)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deb=
root=
while [ $# -gt 0 ]; do
  case $1 in
    --deb) deb=$2; shift 2 ;;
    --deb=*) deb=${1#*=}; shift ;;
    --chroot) root=$2; shift 2 ;;
    --chroot=*) root=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "check-package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "check-package.sh: needs root (debootstrap, chroot)" >&2
  exit 2
fi
for tool in debootstrap wat2wasm; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-package.sh: $tool not found (apt-get install debootstrap wabt)" >&2
    exit 1
  fi
done
[ -n "$deb" ] || deb=$("$repo/scripts/package.sh" | tail -1)
deb=$(realpath "$deb")

made_root=
if [ -z "$root" ]; then
  root=$(mktemp -d /tmp/wasm-aot-clean.XXXXXX)
  made_root=1
fi
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  if [ -n "$made_root" ]; then rm -rf "$root"; fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

if [ ! -x "$root/usr/bin/apt-get" ]; then
  step "debootstrap a minimal bookworm into $root"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
cp /etc/resolv.conf "$root/etc/"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
in_root() { chroot "$root" /bin/bash -euo pipefail -c "$1"; }

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root "apt-get update -q >/dev/null && apt-get install -y -q /tmp/$(basename "$deb") >/dev/null"
in_root "wasm-aot --version"

step "wasm-aot build a WASI program and run it"
wat2wasm "$repo/examples/hello.wat" -o "$root/tmp/hello.wasm"
in_root "cd /tmp && wasm-aot build hello.wasm -o hello && ./hello"

step "the example project against /usr, with the system's gcc"
in_root "apt-get install -y -q --no-install-recommends cmake ninja-build gcc wabt >/dev/null"
rm -rf "$root/tmp/examples"
cp -r "$repo/examples" "$root/tmp/examples"
in_root "cd /tmp && rm -rf example-build &&
         cmake -S examples/cmake -B example-build -G Ninja >/dev/null &&
         cmake --build example-build && ctest --test-dir example-build"
step "done: the package installs and works on a clean system"
