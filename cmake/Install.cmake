# What `cmake --install` puts under the prefix P (docs/install.md):
#   P/bin/wasm-aot                  the tool (LLVM and lld linked in)
#   P/lib/wasm-aot/TRIPLE/*.a       the runtime archives of every target
#                                   (runtime/targets/CMakeLists.txt)
#   P/include/wasm-aot/             the public headers
#   P/lib/cmake/wasm-aot/           the CMake package (cmake/package/)
# The tree is relocatable: the tool finds its archives relative to itself
# and the package its files relative to the package.

install(TARGETS wasm-aot RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/wasm-aot
        DESTINATION include)

include(CMakePackageConfigHelpers)
# 0.x: a minor version may change the runtime ABI.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/wasm-aot-config-version.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
  # The tool runs on the build machine whatever the project targets.
  ARCH_INDEPENDENT)
install(FILES
  ${PROJECT_SOURCE_DIR}/cmake/package/wasm-aot-config.cmake
  ${PROJECT_SOURCE_DIR}/cmake/package/wasm-aot-functions.cmake
  ${PROJECT_BINARY_DIR}/wasm-aot-config-version.cmake
  DESTINATION lib/cmake/wasm-aot)
