//===- ModuleLoader.h - From .wasm to a loaded wa_module ---------*- C++ -*-===//
//
// The path a user's module takes: `wasm-aot compile M.wasm -o M.o` with the
// run's optimisation level and bounds-check mode, a link into a shared
// object, then dlopen and the module descriptor symbol. Compiling runs the
// real tool as a child process, so a compiler crash is a failed case, not
// a crashed runner.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_MODULELOADER_H
#define WASMAOT_TEST_SPEC_MODULELOADER_H

#include "wasm-aot/abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace wasmaot::spec {

/// The descriptor symbol every module is compiled with.
inline constexpr const char *ModuleSymbol = "wasm_aot_module";

struct BuildConfig {
  std::string WasmAot;  ///< the wasm-aot executable
  std::string OptLevel = "-O2";
  std::string BoundsChecks = "guard"; ///< guard | explicit
  /// The triple objects are compiled for (wasm-aot compile --target);
  /// empty: the host's.
  std::string Target;
  unsigned TimeoutSeconds = 300;      ///< per tool invocation
  /// More arguments for every `wasm-aot compile` (--compile-flag).
  std::vector<std::string> ExtraCompileArgs;
};

/// One module to build: compile only (modules that must be rejected) or
/// compile and link.
struct BuildJob {
  std::string Wasm;
  bool Link = true;
};

struct BuildResult {
  enum Status : uint8_t {
    Built,         ///< compiled (and linked when asked)
    Rejected,      ///< wasm-aot exited 1: the module is malformed or invalid
    Unsupported,   ///< wasm-aot exited 4: valid, but uses what it lacks
    CompileFailed, ///< wasm-aot failed otherwise (crash, usage, timeout)
    LinkFailed,
  } State = CompileFailed;
  std::string SharedObject; ///< when Built and linked
  std::string Message;      ///< the tool's first error line, or why it failed
};

/// Builds every job, `Jobs` at a time; results are in the jobs' order.
std::vector<BuildResult> buildModules(const BuildConfig &Config,
                                      llvm::ArrayRef<BuildJob> Work,
                                      unsigned Jobs);

/// dlopens a built module and returns its descriptor. The object stays
/// loaded for the life of the process (the store may point into it).
llvm::Expected<const wa_module *> loadModule(llvm::StringRef SharedObject);

} // namespace wasmaot::spec

#endif
