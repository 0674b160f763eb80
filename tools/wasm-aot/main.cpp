//===- main.cpp - The wasm-aot command-line tool --------------------------===//
//
// Parses the command line, resolves the options, runs one subcommand.
// Exit status: 0 success, 1 an input was rejected, 2 a usage error, 3 an
// input is beyond an implementation limit.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Diagnostics.h"
#include "Options.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <CLI/CLI.hpp>

using namespace wasmaot;
using namespace wasmaot::tool;

namespace {

constexpr const char *ExitStatusHelp =
    "Exit status: 0 success, 1 an input was unreadable, malformed or "
    "invalid, 2 usage error, 3 an input is beyond an implementation limit "
    "of wasm-aot, 4 an input is valid but uses something wasm-aot does not "
    "support.";

/// "mutable-globals, sign-ext, ...": every name --features accepts.
std::string knownFeatures() {
  std::string S;
#define X(Id, Name, Default)                                                   \
  S += S.empty() ? "" : ", ";                                                  \
  S += Name;
  WASM_AOT_FEATURES(X)
#undef X
  return S;
}

/// The full command line of the chosen subcommand ("wasm-aot validate"), for
/// pointing at the right --help.
std::string commandPath(const CLI::App &App) {
  std::string Path = App.get_name();
  for (const CLI::App *Sub : App.get_subcommands())
    Path += " " + Sub->get_name();
  return Path;
}

int reportUsageError(const CLI::App &App, Diagnostics &Diags,
                     const llvm::Twine &Message) {
  Diags.error(Message);
  Diags.note("run '" + commandPath(App) + " --help' for usage");
  return ExitUsage;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM InitLLVM(argc, argv);
  Diagnostics Diags(llvm::errs());
  ToolOptions Opts;

  CLI::App App("Ahead-of-time compiler for WebAssembly modules.", "wasm-aot");
  App.set_version_flag("--version", versionText(),
                       "Print the version of wasm-aot and LLVM, then exit");
  App.set_help_flag("-h,--help", "Print this help, then exit");
  // Subcommands copy the footer when they are added.
  App.footer(ExitStatusHelp);
  CLI::App *Validate = addValidateCommand(App, Opts.Validate);
  CLI::App *Inspect = addInspectCommand(App, Opts.Inspect);
  CLI::App *Compile = addCompileCommand(App, Opts.Compile);
  CLI::App *Build = addBuildCommand(App, Opts.Build);
  App.footer(std::string(ExitStatusHelp) +
             "\nRun 'wasm-aot COMMAND --help' for the options of a command.");

  // Two mistakes CLI11 reports misleadingly: a misspelt command (as
  // unexpected arguments) and `--opt=` with nothing after the `=` (as a
  // missing input, having taken the next argument as the value).
  const CLI::App *const Commands[] = {Validate, Inspect, Compile, Build};
  // "validate, inspect, compile, build" and "... compile or build".
  std::string CommandList, CommandChoice;
  for (const CLI::App *C : Commands) {
    const bool Last = C == Commands[std::size(Commands) - 1];
    CommandList += (CommandList.empty() ? "" : ", ") + C->get_name();
    CommandChoice += (CommandChoice.empty() ? "" : Last ? " or " : ", ") +
                     C->get_name();
  }
  if (argc > 1 && argv[1][0] != '-' &&
      llvm::none_of(Commands, [&](const CLI::App *C) {
        return C->get_name() == argv[1];
      }))
    return reportUsageError(App, Diags,
                            "unknown command '" + llvm::Twine(argv[1]) +
                                "' (commands: " + CommandList + ")");
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I];
    if (Arg == "--")
      break;
    if (Arg.starts_with("-") && Arg.ends_with("=") &&
        Arg.count('=') == 1)
      return reportUsageError(App, Diags,
                              "the value of " + Arg.drop_back() +
                                  " is empty");
  }

  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    // --help and --version arrive as "errors" with exit code 0.
    if (E.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
      return App.exit(E);
    return reportUsageError(App, Diags, E.what());
  }
  // Checked here rather than with require_subcommand() so that an unknown
  // option is reported as such, not as a missing command.
  if (!Validate->parsed() && !Inspect->parsed() && !Compile->parsed() &&
      !Build->parsed())
    return reportUsageError(App, Diags,
                            "no command given (expected " + CommandChoice +
                                ")");

  CommonOptions &Common = Validate->parsed()  ? Opts.Validate.Common
                          : Inspect->parsed() ? Opts.Inspect.Common
                          : Compile->parsed() ? Opts.Compile.Common
                                              : Opts.Build.Compile.Common;
  if (llvm::Error E = Common.resolve()) {
    reportUsageError(App, Diags, llvm::toString(std::move(E)));
    Diags.note("known features: " + knownFeatures());
    return ExitUsage;
  }

  int Status;
  if (Validate->parsed()) {
    Status = runValidate(Opts.Validate, llvm::outs(), Diags);
  } else if (Compile->parsed()) {
    Status = runCompile(Opts.Compile, Diags);
  } else if (Build->parsed()) {
    // The runtime archives are found relative to this executable.
    static int Anchor;
    std::string ToolPath =
        llvm::sys::fs::getMainExecutable(argv[0], &Anchor);
    Status = runBuild(Opts.Build, ToolPath, Diags);
  } else {
    Status = runInspect(Opts.Inspect, llvm::outs(), Diags);
  }
  // A module beyond a limit of this compiler is not broken; say so with a
  // status of its own, unless something else was wrong too.
  if (Status == ExitFailure && Diags.numErrors() > 0 &&
      Diags.numErrors() == Diags.numLimitErrors())
    return ExitLimit;
  if (Status == ExitFailure && Diags.numErrors() > 0 &&
      Diags.numErrors() == Diags.numUnsupportedErrors())
    return ExitUnsupported;
  return Status;
}
