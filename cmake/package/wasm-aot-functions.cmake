# The functions find_package(wasm-aot) gives (wasm-aot-config.cmake).

# wasm_aot_triple_of(PROCESSOR OUT): the triple wasm-aot names a processor
# by (CMAKE_SYSTEM_PROCESSOR's spellings), or "" when it has no runtime for
# it.
function(wasm_aot_triple_of processor out)
  string(TOLOWER "${processor}" p)
  set(triple "")
  if(p STREQUAL "x86_64" OR p STREQUAL "amd64")
    set(triple x86_64-linux-gnu)
  elseif(p STREQUAL "aarch64" OR p STREQUAL "arm64")
    set(triple aarch64-linux-gnu)
  elseif(p STREQUAL "riscv64")
    set(triple riscv64-linux-gnu)
  endif()
  set(${out} "${triple}" PARENT_SCOPE)
endfunction()

# The module's absolute path (relative ones are to the calling directory's
# sources) and the arguments common to compile and build.
macro(_wasm_aot_common_arguments)
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${_wasm_aot_function}(${name}): unknown arguments "
                        "${ARG_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(module "${module}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(common_args)
  if(ARG_TARGET)
    list(APPEND common_args --target "${ARG_TARGET}")
  endif()
  list(APPEND common_args ${ARG_OPTIONS})
endmacro()

# wasm_aot_add_executable(NAME MODULE [TARGET TRIPLE] [DIRS DIR...]
#                         [ENV NAME[=VALUE]...] [OPTIONS OPTION...])
#
# A native executable NAME (in the current binary directory) built by
# `wasm-aot build` from the WASI command module MODULE, and rebuilt when
# the module changes. DIRS are the directories it may open (--dir, each
# HOST or HOST::GUEST), ENV the environment it gets (--env), OPTIONS any
# other `wasm-aot build` options (-O3, --bounds-checks=explicit, ...).
# NAME is an imported executable target: add_test(COMMAND NAME) and
# $<TARGET_FILE:NAME> name the program, and depending on NAME builds it.
function(wasm_aot_add_executable name module)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "TARGET" "DIRS;ENV;OPTIONS")
  set(_wasm_aot_function wasm_aot_add_executable)
  _wasm_aot_common_arguments()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}")
  set(args build "${module}" -o "${out}" --quiet ${common_args})
  foreach(dir IN LISTS ARG_DIRS)
    list(APPEND args "--dir=${dir}")
  endforeach()
  foreach(var IN LISTS ARG_ENV)
    list(APPEND args "--env=${var}")
  endforeach()
  # The program is a byproduct and a stamp the output: a custom target that
  # depended on the program's path would depend on the imported target
  # NAME (whose location it is), which depends on the custom target.
  add_custom_command(OUTPUT "${out}.stamp" BYPRODUCTS "${out}"
    COMMAND wasm-aot::wasm-aot ${args}
    COMMAND "${CMAKE_COMMAND}" -E touch "${out}.stamp"
    DEPENDS "${module}" "${WASM_AOT_EXECUTABLE}"
    COMMENT "wasm-aot: building ${name} from ${module}"
    VERBATIM)
  add_custom_target(${name}.wasm-aot ALL DEPENDS "${out}.stamp")
  add_executable(${name} IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION "${out}")
  add_dependencies(${name} ${name}.wasm-aot)
endfunction()

# wasm_aot_add_library(NAME MODULE [TARGET TRIPLE] [MODULE_SYMBOL SYMBOL]
#                      [OPTIONS OPTION...])
#
# A static library NAME holding MODULE compiled by `wasm-aot compile`, and
# rebuilt when the module changes, linked with wasm-aot::runtime, with the
# module's generated header NAME.h (`--emit-header`: typed functions
# prefixed with NAME, every character C cannot name turned into _) on its
# include path. A host links it (target_link_libraries(host PRIVATE NAME)),
# includes NAME.h and calls NAME_instantiate; the descriptor is the
# external constant SYMBOL (default: NAME_module, made a C identifier).
# OPTIONS are any other `wasm-aot compile` options.
function(wasm_aot_add_library name module)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "TARGET;MODULE_SYMBOL" "OPTIONS")
  set(_wasm_aot_function wasm_aot_add_library)
  _wasm_aot_common_arguments()
  set(symbol "${ARG_MODULE_SYMBOL}")
  if(NOT symbol)
    string(MAKE_C_IDENTIFIER "${name}_module" symbol)
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm-aot")
  set(object "${dir}/${name}.o")
  set(header "${dir}/${name}.h")
  add_custom_command(OUTPUT "${object}" "${header}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND wasm-aot::wasm-aot compile "${module}" -o "${object}" --quiet
            --module-symbol "${symbol}" --emit-header "${header}"
            ${common_args}
    DEPENDS "${module}" "${WASM_AOT_EXECUTABLE}"
    COMMENT "wasm-aot: compiling ${module} for ${name}"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  set_source_files_properties("${header}" PROPERTIES GENERATED TRUE)
  add_library(${name} STATIC "${object}" "${header}")
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE C)
  target_include_directories(${name} PUBLIC "${dir}")
  target_link_libraries(${name} PUBLIC wasm-aot::runtime)
endfunction()
