# find_package(wasm-aot CONFIG) for an installed wasm-aot.
#
# Gives the imported targets
#   wasm-aot::wasm-aot  the compiler (bin/wasm-aot)
#   wasm-aot::runtime   the runtime archive for the project's target
#                       processor, with the public headers (wasm-aot/*.h):
#                       what a host program that embeds compiled modules
#                       links with
#   wasm-aot::wasi      WASI preview 1 for such a host (wasm-aot/wasi.h)
# and the functions wasm_aot_add_executable and wasm_aot_add_library
# (wasm-aot-functions.cmake), and sets WASM_AOT_EXECUTABLE, WASM_AOT_TRIPLE
# and WASM_AOT_PREFIX.
#
# Every path is relative to this file (<prefix>/lib/cmake/wasm-aot), so an
# installation works wherever it is moved.

get_filename_component(WASM_AOT_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../../.."
                       ABSOLUTE)
set(WASM_AOT_EXECUTABLE "${WASM_AOT_PREFIX}/bin/wasm-aot")
include("${CMAKE_CURRENT_LIST_DIR}/wasm-aot-functions.cmake")

wasm_aot_triple_of("${CMAKE_SYSTEM_PROCESSOR}" WASM_AOT_TRIPLE)
if(NOT WASM_AOT_TRIPLE)
  set(wasm-aot_FOUND FALSE)
  set(wasm-aot_NOT_FOUND_MESSAGE
      "wasm-aot has no runtime for the processor '${CMAKE_SYSTEM_PROCESSOR}' "
      "(it targets x86_64, aarch64 and riscv64 Linux)")
  return()
endif()
set(_wasm_aot_lib "${WASM_AOT_PREFIX}/lib/wasm-aot/${WASM_AOT_TRIPLE}")
foreach(_wasm_aot_file "${WASM_AOT_EXECUTABLE}"
        "${_wasm_aot_lib}/libWasmAOTRuntime.a"
        "${_wasm_aot_lib}/libWasmAOTWasi.a"
        "${WASM_AOT_PREFIX}/include/wasm-aot/runtime.h")
  if(NOT EXISTS "${_wasm_aot_file}")
    set(wasm-aot_FOUND FALSE)
    set(wasm-aot_NOT_FOUND_MESSAGE
        "the wasm-aot installation at ${WASM_AOT_PREFIX} lacks "
        "${_wasm_aot_file}")
    return()
  endif()
endforeach()

include(CMakeFindDependencyMacro)
find_dependency(Threads)

if(NOT TARGET wasm-aot::wasm-aot)
  add_executable(wasm-aot::wasm-aot IMPORTED)
  set_target_properties(wasm-aot::wasm-aot PROPERTIES
    IMPORTED_LOCATION "${WASM_AOT_EXECUTABLE}")

  add_library(wasm-aot::runtime STATIC IMPORTED)
  set_target_properties(wasm-aot::runtime PROPERTIES
    IMPORTED_LOCATION "${_wasm_aot_lib}/libWasmAOTRuntime.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES C
    INTERFACE_INCLUDE_DIRECTORIES "${WASM_AOT_PREFIX}/include"
    # Compiled modules call libm for some float operations.
    INTERFACE_LINK_LIBRARIES "Threads::Threads;m")

  add_library(wasm-aot::wasi STATIC IMPORTED)
  set_target_properties(wasm-aot::wasi PROPERTIES
    IMPORTED_LOCATION "${_wasm_aot_lib}/libWasmAOTWasi.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES C
    INTERFACE_LINK_LIBRARIES wasm-aot::runtime)
endif()
unset(_wasm_aot_lib)
unset(_wasm_aot_file)
