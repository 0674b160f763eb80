//===- Link.h - A compiled module to a native executable --------*- C++ -*-===//
//
// The back end of `wasm-aot build`, after compile: which imports a built
// program can satisfy, the object carrying the build's configuration
// (include/wasm-aot/build_config.h), where the runtime archives and the
// target's C library are, and linking it all with lld, in-process.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LINK_LINK_H
#define WASMAOT_LINK_LINK_H

#include "codegen/CodeGen.h"
#include "ir/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace wasmaot {

/// The module name of WASI preview 1 imports.
inline constexpr llvm::StringLiteral WasiModuleName = "wasi_snapshot_preview1";

/// One import a built program cannot satisfy, described for a message:
/// `"module.name" (func [i32] -> [])`.
struct UnsatisfiedImport {
  std::string Description;
  bool IsFunction = false; ///< only functions can be made to trap instead
  bool TypeMismatch = false; ///< a WASI function imported with a wrong type
};

/// The imports of Wasm that WASI preview 1 does not provide (unknown names,
/// other modules, non-function imports) or provides with another type.
std::vector<UnsatisfiedImport> unsatisfiedImports(const Module &Wasm);

/// The WASI preview 1 functions Wasm imports (by name, each once, in the
/// order of wasi_functions.def): those the built program binds and links.
std::vector<std::string> importedWasiFunctions(const Module &Wasm);

/// What the program is allowed, baked into it (build_config.h).
struct BuildConfig {
  struct Dir {
    std::string Host, Guest;
    bool ReadOnly = false;
  };
  std::vector<Dir> Dirs;
  std::vector<std::string> Env;    ///< "NAME=VALUE" or "NAME"
  std::vector<std::string> Listen; ///< "ADDR:PORT"
  bool InheritEnv = false;
  bool NoRuntimeGrants = false;
  bool TrapUnknownImports = false;
  /// Resource limits (0: none): instructions, nanoseconds, bytes, bytes.
  uint64_t Fuel = 0;
  uint64_t TimeoutNs = 0;
  uint64_t MaxMemory = 0;
  uint64_t StackSize = 0;
  /// The module descriptor's symbol.
  std::string ModuleSymbol = "wasm_aot_module";
  /// importedWasiFunctions of the module.
  std::vector<std::string> WasiFunctions;
};

/// Writes an object for Target defining `wasm_aot_build_config`.
llvm::Error emitBuildConfig(const BuildConfig &Config,
                            const TargetOptions &Target,
                            llvm::raw_pwrite_stream &OS);

/// The runtime archives (libWasmAOTMain.a, libWasmAOTWasi.a,
/// libWasmAOTRuntime.a) for Triple, from <dir>/lib/wasm-aot/<triple>/ for
/// <dir> the parent or grandparent of the tool's directory (an install
/// tree: <prefix>/bin/wasm-aot; the build tree:
/// <build>/tools/wasm-aot/wasm-aot), or from Override if not empty.
llvm::Expected<std::vector<std::string>>
findRuntimeArchives(const llvm::Triple &Triple, llvm::StringRef ToolPath,
                    llvm::StringRef Override);

/// The target's C library and its companion, GCC's runtime library: the
/// directory holding crt1.o, crti.o, crtn.o, libc.a and libm.a (the host's
/// /usr/lib/<triple>, a cross one's /usr/<triple>/lib), and the one holding
/// libgcc.a, libgcc_eh.a, crtbeginT.o and crtend.o (/usr/lib/gcc/<triple>/N
/// or /usr/lib/gcc-cross/<triple>/N, the highest version N). A static glibc
/// needs both: it calls the unwinder (_Unwind_Resume), the out-of-line
/// atomics of AArch64 and the soft-float long double helpers, which only
/// libgcc provides. Each Override, when not empty, replaces the search.
struct CLibrary {
  std::string Dir;
  std::string GccDir;
};
llvm::Expected<CLibrary> findCLibrary(const llvm::Triple &Triple,
                                      llvm::StringRef LibcOverride,
                                      llvm::StringRef GccOverride);

/// How linkExecutable links.
struct ExecutableOptions {
  /// Keep the inputs' debug information (the C library's, and the runtime
  /// archives' in a Debug build of wasm-aot; compiled modules carry none).
  /// Off: the executable has none, and is that much smaller.
  bool KeepDebugInfo = false;
};

/// Links a static executable at Output from Objects, the runtime archives
/// and the C library, with lld's ELF driver. lld's diagnostics go into the
/// error.
llvm::Error linkExecutable(const llvm::Triple &Triple,
                           const std::vector<std::string> &Objects,
                           const std::vector<std::string> &Archives,
                           const CLibrary &LibC, llvm::StringRef Output,
                           const ExecutableOptions &Opts = {});

/// Links the relocatable ELF objects Objects for Triple into one
/// relocatable object at Output (ld -r), with lld's ELF driver.
llvm::Error linkRelocatable(const llvm::Triple &Triple,
                            const std::vector<std::string> &Objects,
                            llvm::StringRef Output);

/// Links the relocatable ELF objects Objects for Triple into a shared object
/// at Output whose undefined symbols (the runtime's wa_* entry points) bind
/// to whatever loads it, and whose own symbols bind inside it (-Bsymbolic),
/// with lld's ELF driver. Links from several threads take turns (lld keeps
/// global state).
llvm::Error linkSharedObject(const llvm::Triple &Triple,
                             const std::vector<std::string> &Objects,
                             llvm::StringRef Output);

} // namespace wasmaot

#endif
