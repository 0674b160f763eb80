#!/usr/bin/env bash
# Configures (the first time) and builds wasm-aot with clang-19, ninja and
# ccache (used automatically when installed).
#
# usage: scripts/build.sh [options] [-- CMAKE_ARGS...]
#   --build-dir DIR   build tree (default: $WASM_AOT_BUILD_DIR, else <repo>/build)
#   --type TYPE       CMAKE_BUILD_TYPE for a new build tree (default RelWithDebInfo)
#   -j N, --jobs N    parallel compile jobs (default: $JOBS, else ninja's default)
#   --target T        build only target T (may repeat; default: everything)
#   CMAKE_ARGS        passed to cmake, e.g. -DWASM_AOT_SANITIZE=ON; given
#                     arguments re-run the configure step of an existing tree
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${WASM_AOT_BUILD_DIR:-$repo/build}
build_type=RelWithDebInfo
jobs=${JOBS:-}
targets=()
cmake_args=()

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --type) build_type=$2; shift 2 ;;
    --type=*) build_type=${1#*=}; shift ;;
    -j|--jobs) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --target) targets+=("$2"); shift 2 ;;
    --target=*) targets+=("${1#*=}"); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; cmake_args=("$@"); break ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath -m "$build_dir")

for tool in cmake ninja clang-19 clang++-19; do
  if ! command -v "$tool" >/dev/null; then
    echo "build.sh: $tool not found; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

if [ ! -f "$build_dir/CMakeCache.txt" ] || [ ${#cmake_args[@]} -ne 0 ]; then
  echo "build.sh: configuring $build_dir"
  cmake -S "$repo" -B "$build_dir" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE="$build_type" "${cmake_args[@]}"
fi

# A fresh clone elsewhere (CI) reuses the cache: ccache rewrites paths under
# the repository as relative ones and leaves the working directory out of
# the hash. (Debug info of a cached object may then name another clone's
# directory; these builds are for testing.)
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$repo}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

ninja_args=(-C "$build_dir")
[ -n "$jobs" ] && ninja_args+=(-j "$jobs")
echo "build.sh: building in $build_dir"
ninja "${ninja_args[@]}" "${targets[@]}"
