//===- Options.h - What the command line asks for ---------------*- C++ -*-===//
//
// One struct per subcommand, filled in by CLI11 and then resolved (string
// options turned into library types) before a command runs: `validate`,
// `inspect`, `compile` and `build`.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_OPTIONS_H
#define WASMAOT_TOOLS_OPTIONS_H

#include "abi/InstanceLayout.h"
#include "codegen/CodeGen.h"
#include "driver/Partition.h"
#include "ir/Features.h"
#include "Progress.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace wasmaot::tool {

/// Exit status of the tool, the same for every subcommand.
enum ExitCode : int {
  ExitSuccess = 0, ///< every input accepted
  ExitFailure = 1, ///< an input was unreadable, malformed or invalid
  ExitUsage = 2,   ///< the command line itself was wrong
  /// every input rejected was rejected only for being beyond an
  /// implementation limit of wasm-aot (ir/Limits.def), not as malformed or
  /// invalid
  ExitLimit = 3,
  /// every input rejected was valid but uses something this compiler does
  /// not implement (WasmErrorKind::Unsupported)
  ExitUnsupported = 4,
};

/// Options every subcommand that reads modules takes.
struct CommonOptions {
  /// Each --features=LIST given, in order, applied on top of the
  /// WebAssembly 2.0 default.
  std::vector<std::string> FeatureLists;
  /// The result of resolve().
  Features EnabledFeatures;

  /// Applies FeatureLists to EnabledFeatures. A failure (an unknown name) is
  /// a usage error; its message names the offending list.
  llvm::Error resolve();
};

/// wasm-aot validate FILE...
struct ValidateOptions {
  CommonOptions Common;
  std::vector<std::string> Inputs;
};

/// wasm-aot inspect FILE
struct InspectOptions {
  CommonOptions Common;
  std::string Input;
};

/// wasm-aot compile IN.wasm -o OUT.o [--emit-llvm] [-S] [-O0..-O3]
///   [--bounds-checks=guard|explicit] [--no-site-map] [--meter-fuel]
///   [--interruptible] [--target=TRIPLE]
///   [--cpu=NAME]
///   [--target-features=+x,-y] [--module-symbol=NAME] [-j N]
///   [--partition-size=BYTES] [--quiet | --progress]
///   [--cache-dir=DIR | --no-cache]
struct CompileOptions {
  CommonOptions Common;
  std::string Input;
  std::string Output;        ///< -o; default: input with .o/.ll/.s/.bc
  bool EmitLLVM = false;     ///< --emit-llvm: LLVM IR instead of machine code
  bool EmitAssembly = false; ///< -S: textual form (.s, or .ll with --emit-llvm)
  OptLevel Opt = OptLevel::O2;
  /// How linear-memory accesses are kept in bounds: guard pages around a
  /// reserved 8 GiB region, or an explicit compare per access.
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// --no-site-map: no site map (faults are reported by function only).
  bool NoSiteMap = false;
  /// --meter-fuel: count executed instructions against the store's fuel.
  bool MeterFuel = false;
  /// --interruptible: stop when the store is interrupted.
  bool Interruptible = false;
  /// --deterministic: the same results on every target (canonical NaNs).
  bool Deterministic = false;
  /// x86_64-linux-gnu, aarch64-linux-gnu or riscv64-linux-gnu; empty: host.
  std::string Target;
  std::string CPU; ///< --cpu; empty: the target's generic CPU
  /// --target-features: LLVM target features, "+x,-y".
  std::string TargetFeatures;
  /// --module-symbol: the name of the wa_module descriptor.
  std::string ModuleSymbol = "wasm_aot_module";
  /// --emit-header: also write the module's typed C header there
  /// (header/ModuleHeader.h); empty: none.
  std::string EmitHeader;
  /// --header-prefix: what the header's names start with; empty: the
  /// header file's name without its extension, made a C identifier.
  std::string HeaderPrefix;
  /// -j: partitions compiled at once; 0: one per core.
  unsigned Jobs = 0;
  /// --partition-size: bytes of bodies per partition; 0: never split.
  uint64_t PartitionBytes = PartitionOptions().TargetBytes;
  /// --quiet / --progress: whether a long compile shows a progress line.
  ProgressMode Progress = ProgressMode::Auto;
  /// --cache-dir: the compile cache; empty: the default (CompileCache.h).
  std::string CacheDir;
  bool NoCache = false; ///< --no-cache
  /// --llvm-arg: options for LLVM itself, such as -pass-remarks-missed=...
  /// (for developers; a compile with any is never cached).
  std::vector<std::string> LLVMArgs;

  /// What the flags ask to write.
  OutputKind outputKind() const;
  /// -o, or the input's name with the extension of outputKind() ("-" when
  /// the input is standard input).
  std::string outputPath() const;
};

/// wasm-aot build APP.wasm [-o APP] [codegen options of compile]
///   [--emit-obj] [--dir HOST[::GUEST]] [--dir-ro HOST[::GUEST]]
///   [--env NAME=VALUE] [--env NAME] [--inherit-env] [--tcplisten ADDR:PORT]
///   [--no-runtime-grants] [--allow-unknown-imports=trap] [--fuel N]
///   [--timeout DURATION] [--max-memory SIZE] [--stack-size SIZE]
///   [--runtime-dir DIR] [--libc-dir DIR] [--libgcc-dir DIR]
/// Compiles, then links with the runtime, WASI and main() into a static
/// executable.
struct BuildOptions {
  /// Input, -O, --bounds-checks, --target, --cpu, --target-features,
  /// --features. Output is the executable.
  CompileOptions Compile;
  bool EmitObj = false; ///< --emit-obj: keep the module's object (APP.o)
  /// -g: keep the debug information of what is linked in (stripped
  /// otherwise).
  bool DebugInfo = false;
  /// --dir / --dir-ro: HOST[::GUEST] directories the program may open.
  std::vector<std::string> Dirs;
  std::vector<std::string> ReadOnlyDirs;
  /// --env: NAME=VALUE, or NAME to pass the host's value through.
  std::vector<std::string> Env;
  bool InheritEnv = false;          ///< --inherit-env
  std::vector<std::string> Listen;  ///< --tcplisten ADDR:PORT
  bool NoRuntimeGrants = false;     ///< --no-runtime-grants
  bool TrapUnknownImports = false;  ///< --allow-unknown-imports=trap
  /// Resource limits as written (runtime/main/quantity.h reads them).
  std::string Fuel;      ///< --fuel N
  std::string Timeout;   ///< --timeout DURATION
  std::string MaxMemory; ///< --max-memory SIZE
  std::string StackSize; ///< --stack-size SIZE
  std::string RuntimeDir; ///< --runtime-dir: the target's runtime archives
  std::string LibcDir;    ///< --libc-dir: the target's static C library
  std::string LibgccDir;  ///< --libgcc-dir: the target's libgcc.a and crt files

  /// -o, or the input's file name without .wasm.
  std::string outputPath() const;
  /// APP.o beside the executable, for --emit-obj.
  std::string objectPath() const;
};

/// Everything the command line can hold; CLI11 writes into it directly.
struct ToolOptions {
  ValidateOptions Validate;
  InspectOptions Inspect;
  CompileOptions Compile;
  BuildOptions Build;
};

/// Adds the options of CommonOptions to a subcommand.
void addCommonOptions(CLI::App &Cmd, CommonOptions &Opts);

/// Registers the subcommands on the top-level app; each returns its App so
/// main can tell which one was chosen.
CLI::App *addValidateCommand(CLI::App &App, ValidateOptions &Opts);
CLI::App *addInspectCommand(CLI::App &App, InspectOptions &Opts);
CLI::App *addCompileCommand(CLI::App &App, CompileOptions &Opts);
CLI::App *addBuildCommand(CLI::App &App, BuildOptions &Opts);

/// "wasm-aot version 0.1.0" and the LLVM version, one per line.
std::string versionText();

} // namespace wasmaot::tool

#endif
