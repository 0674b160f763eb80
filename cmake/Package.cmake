# The Debian package: `cpack --config build/CPackConfig.cmake` (or
# scripts/package.sh) makes wasm-aot_VERSION_ARCH.deb of the install tree
# (cmake/Install.cmake) under /usr, stripped.
#
# Its dependencies are what the tool needs when it runs. LLVM and lld are
# linked into it, so it needs neither; dpkg-shlibdeps finds the shared
# libraries it does load (libc, libstdc++, zlib, zstd). `wasm-aot build`
# links programs for the machine it runs on with the static C library and
# libgcc, so libc6-dev and libgcc-12-dev are dependencies; the other
# targets' C libraries (docs/install.md) are recommendations.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wasm-aot)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "wasm-aot")
set(CPACK_PACKAGE_CONTACT "wasm-aot developers <wasm-aot@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "ahead-of-time compiler from WebAssembly to native executables")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "wasm-aot compiles WebAssembly modules to native code with LLVM for "
    "x86-64, AArch64 and RISC-V 64 and links WASI programs into native "
    "executables; a CMake package lets projects build and embed modules.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6-dev, libgcc-12-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "libc6-dev-arm64-cross, libgcc-12-dev-arm64-cross, libc6-dev-riscv64-cross, libgcc-12-dev-riscv64-cross")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qemu-user, wabt")
include(CPack)
