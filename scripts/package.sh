#!/usr/bin/env bash
# Builds the Debian package of wasm-aot (docs/install.md): builds the tree
# with scripts/build.sh, then runs CPack in it (cmake/Package.cmake) and
# prints the path of the package it made.
#
# usage: scripts/package.sh [--build-dir DIR]
#   --build-dir DIR   build tree (default: $WASM_AOT_BUILD_DIR, else <repo>/build)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath -m "$build_dir")

if ! command -v dpkg-shlibdeps >/dev/null; then
  echo "package.sh: dpkg-shlibdeps not found; run scripts/install-deps.sh" >&2
  exit 1
fi
"$repo/scripts/build.sh" --build-dir "$build_dir"
rm -rf "$build_dir/package"
(cd "$build_dir" && cpack --config CPackConfig.cmake -B "$build_dir/package" >&2)
ls "$build_dir"/package/wasm-aot_*.deb
