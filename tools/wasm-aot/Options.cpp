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
  Cmd->add_option("--module-symbol", Opts.ModuleSymbol,
                  "Symbol of the module descriptor, the object's one "
                  "external symbol; default: wasm_aot_module")
      ->type_name("NAME");
  return Cmd;
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
