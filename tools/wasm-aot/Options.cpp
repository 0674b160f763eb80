//===- Options.cpp - Registering and resolving options ---------------------===//
#include "Options.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Error.h"

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

std::string versionText() {
  return std::string("wasm-aot version ") + WASM_AOT_VERSION +
         "\nLLVM version " LLVM_VERSION_STRING;
}

} // namespace wasmaot::tool
