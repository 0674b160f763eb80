//===- Options.cpp - Registering and resolving options ---------------------===//
#include "Options.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Path.h"


#include <CLI/CLI.hpp>

namespace wasmaot::tool {

llvm::Error CommonOptions::resolve() {
  EnabledFeatures = Features();
  for (const std::string &List : FeatureLists)
    if (llvm::Error E = EnabledFeatures.parse(List))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid --features '" + List +
                                         "': " + llvm::toString(std::move(E)));
  return llvm::Error::success();
}

void addCommonOptions(CLI::App &Cmd, CommonOptions &Opts) {
  Cmd.add_option("--features", Opts.FeatureLists,
                 "Comma-separated features to turn on (+name or name) or off "
                 "(-name), on top of WebAssembly 2.0, e.g. +tail-call,-simd; "
                 "may be repeated, later ones win")
      ->type_name("LIST")
      ->allow_extra_args(false);
}

CLI::App *addValidateCommand(CLI::App &App, ValidateOptions &Opts) {
  CLI::App *Cmd = App.add_subcommand(
      "validate", "Decode and validate modules; print 'FILE: OK' for each "
                  "valid one");
  addCommonOptions(*Cmd, Opts.Common);
  Cmd->add_option("files", Opts.Inputs, "Binary modules (- for stdin)")
      ->type_name("FILE")
      ->required();
  return Cmd;
}

CLI::App *addInspectCommand(CLI::App &App, InspectOptions &Opts) {
  CLI::App *Cmd = App.add_subcommand(
      "inspect", "Print a summary of a module: sections, types, imports, "
                 "exports, memories, tables, globals, segments and names");
  addCommonOptions(*Cmd, Opts.Common);
  Cmd->add_option("file", Opts.Input, "Binary module (- for stdin)")
      ->type_name("FILE")
      ->required();
  return Cmd;
}

static void addCodegenOptions(CLI::App &Parent, CompileOptions &Opts);

CLI::App *addCompileCommand(CLI::App &App, CompileOptions &Opts) {
  CLI::App *Cmd = App.add_subcommand(
      "compile", "Compile a module to a native object file (or assembly, or "
                 "LLVM IR) for the runtime to instantiate");
  addCommonOptions(*Cmd, Opts.Common);
  Cmd->add_option("file", Opts.Input, "Binary module (- for stdin)")
      ->type_name("FILE")
      ->required();
  Cmd->add_option("-o", Opts.Output,
                  "Output file (- for stdout); default: the input with "
                  ".o, .s, .ll or .bc")
      ->type_name("FILE");
  Cmd->add_flag("--emit-llvm", Opts.EmitLLVM,
                "Write LLVM IR (bitcode; text with -S) instead of machine "
                "code");
  Cmd->add_flag("-S", Opts.EmitAssembly,
                "Write text: assembly, or LLVM IR with --emit-llvm");
  addCodegenOptions(*Cmd, Opts);
  Cmd->add_option("--module-symbol", Opts.ModuleSymbol,
                  "Symbol of the module descriptor, the object's one "
                  "external symbol; default: wasm_aot_module")
      ->type_name("NAME");
  Cmd->add_option("--emit-header", Opts.EmitHeader,
                  "Also write FILE, a C header with a typed function for "
                  "each export, the imports as a struct of typed host "
                  "functions and an instantiate function "
                  "(docs/embedding.md)")
      ->type_name("FILE");
  Cmd->add_option("--header-prefix", Opts.HeaderPrefix,
                  "What the header's names start with (a C identifier); "
                  "default: the header's file name without its extension")
      ->type_name("NAME");
  return Cmd;
}

/// The options of compile that choose the code: -O, --bounds-checks,
/// --no-site-map, --target, --cpu, --target-features; and how it is
/// compiled: -j, --partition-size, --quiet, --progress, --cache-dir,
/// --no-cache.
static void addCodegenOptions(CLI::App &Parent, CompileOptions &Opts) {
  CLI::App *Cmd = &Parent;
  // -O2 is -O with the value 2 to CLI11.
  Cmd->add_option_function<std::string>(
         "-O",
         [&Opts](const std::string &Level) {
           const OptLevel Levels[] = {OptLevel::O0, OptLevel::O1,
                                      OptLevel::O2, OptLevel::O3};
           Opts.Opt = Levels[Level[0] - '0'];
         },
         "Optimisation level: -O0, -O1, -O2 (default) or -O3")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"0", "1", "2", "3"}));
  Cmd->add_option_function<std::string>(
         "--bounds-checks",
         [&Opts](const std::string &Kind) {
           Opts.Bounds =
               Kind == "guard" ? BoundsChecks::Guard : BoundsChecks::Explicit;
         },
         "How memory accesses stay in bounds: guard (guard pages, the "
         "default) or explicit (a compare per access)")
      ->type_name("KIND")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd->add_flag("--no-site-map", Opts.NoSiteMap,
                "With guard pages: leave out the map from code back to "
                "instructions; a fault is then reported with its function "
                "only, for a faster build that needs less memory");
  Cmd->add_flag("--meter-fuel", Opts.MeterFuel,
                "Count every executed instruction against the store's fuel "
                "and trap with \"fuel exhausted\" when it runs out");
  Cmd->add_flag("--interruptible", Opts.Interruptible,
                "Let the host stop running code (wa_store_interrupt): it "
                "traps with \"interrupted\" at its next call or loop "
                "iteration");
  Cmd->add_flag("--deterministic", Opts.Deterministic,
                "Give bit-identical results on every target: float "
                "operations that make a NaN return the canonical one");
  Cmd->add_option("--target", Opts.Target,
                  "Target triple: x86_64-linux-gnu, aarch64-linux-gnu or "
                  "riscv64-linux-gnu; default: the host")
      ->type_name("TRIPLE");
  Cmd->add_option("--cpu", Opts.CPU,
                  "Target CPU (an LLVM CPU name); default: generic")
      ->type_name("NAME");
  Cmd->add_option("--target-features", Opts.TargetFeatures,
                  "LLVM target features to add or remove, e.g. +avx2,-sse4.2")
      ->type_name("LIST");
  Cmd->add_option("-j,--jobs", Opts.Jobs,
                  "Compile up to N partitions of a large module at once; "
                  "default: one per core. The output is the same for every N")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  Cmd->add_flag_callback(
      "--quiet", [&Opts] { Opts.Progress = ProgressMode::Never; },
      "Show no progress line, even on a terminal");
  Cmd->add_flag_callback(
      "--progress", [&Opts] { Opts.Progress = ProgressMode::Always; },
      "Report progress on stderr even when it is not a terminal (a line "
      "at most once a second)");
  Cmd->add_option("--cache-dir", Opts.CacheDir,
                  "Keep compiled objects in DIR and reuse them when the same "
                  "module is compiled again with the same options; default: "
                  "$WASM_AOT_CACHE_DIR (empty: no cache), else "
                  "~/.cache/wasm-aot")
      ->type_name("DIR");
  Cmd->add_option("--llvm-arg", Opts.LLVMArgs,
                  "Pass ARG to LLVM, as --llvm-arg=-pass-remarks-missed=loop-"
                  "vectorize (for studying the code; not cached, may be "
                  "given more than once)")
      ->type_name("ARG")
      ->allow_extra_args(false);
  Cmd->add_flag("--no-cache", Opts.NoCache,
                "Neither read nor write the compile cache");
  Cmd->add_option("--partition-size", Opts.PartitionBytes,
                  "Split a module into partitions of about BYTES of function "
                  "bodies, compiled in parallel and linked into one object "
                  "(at most 64); 0: never split. Default: 32768")
      ->type_name("BYTES")
      ->check(CLI::Validator(
          [](std::string &Value) -> std::string {
            if (Value.empty() ||
                Value.find_first_not_of("0123456789") != std::string::npos)
              return "expected a number of bytes (0 or more), not '" +
                     Value + "'";
            return "";
          },
          "BYTES"));
}

CLI::App *addBuildCommand(CLI::App &App, BuildOptions &Opts) {
  CLI::App *Cmd = App.add_subcommand(
      "build", "Compile a WASI command module and link it with the runtime "
               "into a native executable");
  addCommonOptions(*Cmd, Opts.Compile.Common);
  Cmd->add_option("file", Opts.Compile.Input, "Binary module")
      ->type_name("FILE")
      ->required();
  Cmd->add_option("-o", Opts.Compile.Output,
                  "The executable; default: the input without .wasm")
      ->type_name("FILE");
  Cmd->add_flag("--emit-obj", Opts.EmitObj,
                "Keep the module's object file next to the executable "
                "(APP.o)");
  Cmd->add_flag("-g", Opts.DebugInfo,
                "Keep the debug information of the C library (and of the "
                "runtime, in a Debug build of wasm-aot) in the executable; "
                "default: none, for a smaller executable");
  addCodegenOptions(*Cmd, Opts.Compile);
  Cmd->add_option("--dir", Opts.Dirs,
                  "Let the program open HOST, seen as GUEST (default: HOST "
                  "as written); may be repeated")
      ->type_name("HOST[::GUEST]")
      ->allow_extra_args(false);
  Cmd->add_option("--dir-ro", Opts.ReadOnlyDirs,
                  "Like --dir, but every write, create, rename, link and "
                  "delete is refused")
      ->type_name("HOST[::GUEST]")
      ->allow_extra_args(false);
  Cmd->add_option("--env", Opts.Env,
                  "Give the program NAME=VALUE, or with NAME alone the "
                  "host's value of NAME at run time; may be repeated")
      ->type_name("NAME[=VALUE]")
      ->allow_extra_args(false);
  Cmd->add_flag("--inherit-env", Opts.InheritEnv,
                "Give the program the host's whole environment at run time");
  Cmd->add_option("--tcplisten", Opts.Listen,
                  "Open a listening TCP socket on ADDR:PORT for the program "
                  "to accept on; may be repeated")
      ->type_name("ADDR:PORT")
      ->allow_extra_args(false);
  Cmd->add_flag("--no-runtime-grants", Opts.NoRuntimeGrants,
                "Refuse grants given at run time (WASM_AOT_GRANTS)");
  Cmd->add_option_function<std::string>(
         "--allow-unknown-imports",
         [&Opts](const std::string &) { Opts.TrapUnknownImports = true; },
         "Build even if the module imports functions the runtime does not "
         "provide: calling one traps")
      ->type_name("trap")
      ->check(CLI::IsMember({"trap"}));
  Cmd->add_option("--fuel", Opts.Fuel,
                  "Trap with \"fuel exhausted\" after about N executed "
                  "instructions (implies --meter-fuel)")
      ->type_name("N");
  Cmd->add_option("--timeout", Opts.Timeout,
                  "Trap with \"interrupted\" once the program has run this "
                  "long, e.g. 500ms, 10s, 2m (implies --interruptible)")
      ->type_name("DURATION");
  Cmd->add_option("--max-memory", Opts.MaxMemory,
                  "The most a memory may grow to, e.g. 64MiB: memory.grow "
                  "beyond it returns -1, a larger minimum fails to start")
      ->type_name("SIZE");
  Cmd->add_option("--stack-size", Opts.StackSize,
                  "Stack the program may use before \"call stack "
                  "exhausted\", e.g. 8MiB (default 512KiB)")
      ->type_name("SIZE");
  Cmd->add_option("--runtime-dir", Opts.RuntimeDir,
                  "Directory of the target's runtime archives; default: "
                  "lib/wasm-aot/TRIPLE beside the tool")
      ->type_name("DIR");
  Cmd->add_option("--libc-dir", Opts.LibcDir,
                  "Directory of the target's static C library (crt1.o, "
                  "libc.a, ...); default: /usr/TRIPLE/lib or /usr/lib/TRIPLE")
      ->type_name("DIR");
  Cmd->add_option("--libgcc-dir", Opts.LibgccDir,
                  "Directory of the target's libgcc.a, libgcc_eh.a, "
                  "crtbeginT.o and crtend.o; default: the newest "
                  "/usr/lib/gcc/TRIPLE/N or /usr/lib/gcc-cross/TRIPLE/N")
      ->type_name("DIR");
  return Cmd;
}

std::string BuildOptions::outputPath() const {
  if (!Compile.Output.empty())
    return Compile.Output;
  llvm::SmallString<256> Path(llvm::sys::path::filename(Compile.Input));
  if (llvm::sys::path::extension(Path) == ".wasm")
    llvm::sys::path::replace_extension(Path, "");
  else
    Path += ".out"; // never the input itself
  return std::string(Path);
}

std::string BuildOptions::objectPath() const {
  return outputPath() + ".o";
}

OutputKind CompileOptions::outputKind() const {
  if (EmitLLVM)
    return EmitAssembly ? OutputKind::LLVMText : OutputKind::Bitcode;
  return EmitAssembly ? OutputKind::Assembly : OutputKind::Object;
}

std::string CompileOptions::outputPath() const {
  if (!Output.empty())
    return Output;
  if (Input == "-")
    return "-";
  llvm::SmallString<256> Path(llvm::sys::path::filename(Input));
  const char *Ext = ".o";
  switch (outputKind()) {
  case OutputKind::Object:
    break;
  case OutputKind::Assembly:
    Ext = ".s";
    break;
  case OutputKind::LLVMText:
    Ext = ".ll";
    break;
  case OutputKind::Bitcode:
    Ext = ".bc";
    break;
  }
  llvm::sys::path::replace_extension(Path, Ext);
  return std::string(Path);
}

std::string versionText() {
  return std::string("wasm-aot version ") + WASM_AOT_VERSION +
         "\nLLVM version " LLVM_VERSION_STRING;
}

} // namespace wasmaot::tool
