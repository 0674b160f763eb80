//===- CompileCommand.cpp - wasm-aot compile ------------------------------===//
#include "Commands.h"
#include "InputFile.h"

#include "driver/Compile.h"
#include "driver/CompileCache.h"
#include "header/ModuleHeader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

namespace wasmaot::tool {

wasmaot::CompileOptions libraryOptions(const CompileOptions &Opts) {
  wasmaot::CompileOptions C;
  C.EnabledFeatures = Opts.Common.EnabledFeatures;
  C.Lower.Bounds = Opts.Bounds;
  C.Lower.SiteMap = !Opts.NoSiteMap;
  C.Lower.MeterFuel = Opts.MeterFuel;
  C.Lower.Interruptible = Opts.Interruptible;
  C.Lower.Deterministic = Opts.Deterministic;
  C.Lower.ModuleSymbol = Opts.ModuleSymbol;
  C.Target.Triple = Opts.Target;
  C.Target.CPU = Opts.CPU;
  C.Target.Features = Opts.TargetFeatures;
  C.Target.Opt = Opts.Opt;
  C.Output = Opts.outputKind();
  C.Jobs = Opts.Jobs;
  C.Partition.TargetBytes = Opts.PartitionBytes;
  return C;
}

/// What distinguishes this build of the tool from another: its version
/// and its executable's size and modification time (a rebuilt compiler
/// gets a new stamp, so it never reuses objects of the one before).
static std::string compilerStamp() {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, &Anchor);
  std::string Stamp = std::string(WASM_AOT_VERSION) + ";" + Exe;
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Exe, Status))
    Stamp += ";" + std::to_string(Status.getSize()) + ";" +
             std::to_string(Status.getLastModificationTime()
                                .time_since_epoch()
                                .count());
  return Stamp;
}

llvm::Error compileAsAsked(const Module &Wasm, wasmaot::CompileOptions C,
                           const CompileOptions &Opts, llvm::StringRef Name,
                           llvm::raw_pwrite_stream &OS, Diagnostics &Diags) {
  CacheOptions Cache;
  // LLVM's own options change the output in ways the cache key cannot see.
  if (!Opts.NoCache && Opts.LLVMArgs.empty()) {
    Cache.Dir = Opts.CacheDir.empty() ? defaultCacheDir() : Opts.CacheDir;
    Cache.CompilerStamp = compilerStamp();
  }
  CacheOutcome Outcome;
  {
    // Erased before anything else is reported on the same stream.
    ProgressLine Line(llvm::errs(), Opts.Progress, Name);
    C.Progress = [&Line](uint64_t Done, uint64_t Total) {
      Line.update(Done, Total);
    };
    if (llvm::Error E = compileModuleCached(Wasm, C, Cache, OS, Outcome))
      return E;
  }
  if (!Outcome.StoreProblem.empty())
    Diags.note("the compile cache was not updated: " + Outcome.StoreProblem);
  return llvm::Error::success();
}

bool checkModuleSymbol(const CompileOptions &Opts, Diagnostics &Diags) {
  // A host program declares the descriptor by this name in C.
  if (!isCIdentifier(Opts.ModuleSymbol)) {
    Diags.error("invalid --module-symbol '" + Opts.ModuleSymbol +
                "': it must be a C identifier (letters, digits and _, not "
                "starting with a digit)");
    return false;
  }
  return true;
}

/// The prefix of the header's names: --header-prefix, else the header
/// file's stem with what C cannot name made '_'. Empty after an error.
std::string headerPrefix(const CompileOptions &Opts, Diagnostics &Diags) {
  if (!Opts.HeaderPrefix.empty()) {
    if (isCIdentifier(Opts.HeaderPrefix))
      return Opts.HeaderPrefix;
    Diags.error("invalid --header-prefix '" + Opts.HeaderPrefix +
                "': it must be a C identifier (letters, digits and _, not "
                "starting with a digit)");
    return "";
  }
  std::string Prefix;
  for (char C : llvm::sys::path::stem(Opts.EmitHeader))
    Prefix += llvm::isAlnum(C) || C == '_' ? C : '_';
  if (Prefix.empty() || llvm::isDigit(Prefix[0]))
    Prefix = "module_" + Prefix;
  return Prefix;
}

bool applyLLVMArgs(const CompileOptions &Opts, Diagnostics &Diags) {
  if (Opts.LLVMArgs.empty())
    return true;
  // LLVM's options are process-wide; the tool compiles one module per run.
  std::vector<const char *> Argv = {"wasm-aot"};
  for (const std::string &Arg : Opts.LLVMArgs)
    Argv.push_back(Arg.c_str());
  std::string Problem;
  llvm::raw_string_ostream ProblemOS(Problem);
  if (llvm::cl::ParseCommandLineOptions(static_cast<int>(Argv.size()),
                                        Argv.data(), "", &ProblemOS))
    return true;
  // LLVM's parser writes "wasm-aot: " lines and points at --help, which
  // lists the tool's options, not LLVM's: one line, without either.
  std::string Message;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(Problem).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    Line.consume_front("wasm-aot: ");
    Line = Line.split("  Try: ").first.trim();
    Message += (Message.empty() ? "" : " ") + Line.str();
  }
  Diags.error("--llvm-arg: " + Message);
  return false;
}

int runCompile(const CompileOptions &Opts, Diagnostics &Diags) {
  wasmaot::CompileOptions C = libraryOptions(Opts);
  if (!applyLLVMArgs(Opts, Diags))
    return ExitUsage;
  // A target, CPU or feature LLVM does not know is a mistake on the command
  // line, found before the input is even read.
  if (llvm::Expected<std::unique_ptr<llvm::TargetMachine>> TM =
          createTargetMachine(C.Target);
      !TM) {
    Diags.error(llvm::toString(TM.takeError()));
    return ExitUsage;
  }
  if (!checkModuleSymbol(Opts, Diags))
    return ExitUsage;
  std::string Prefix;
  if (!Opts.EmitHeader.empty() &&
      (Prefix = headerPrefix(Opts, Diags)).empty())
    return ExitUsage;

  std::string Name = displayName(Opts.Input);
  llvm::Expected<Module> Wasm = loadModule(Opts.Input, C.EnabledFeatures);
  if (!Wasm) {
    Diags.error(Name, Wasm.takeError());
    return ExitFailure;
  }

  std::string OutPath = Opts.outputPath();
  const bool Text = C.Output == OutputKind::Assembly ||
                    C.Output == OutputKind::LLVMText;
  std::error_code EC;
  // Removed again unless keep() is called: a failed compile leaves no
  // half-written object behind.
  llvm::ToolOutputFile Out(OutPath, EC,
                           Text ? llvm::sys::fs::OF_Text
                                : llvm::sys::fs::OF_None);
  if (EC) {
    Diags.error(OutPath, llvm::errorCodeToError(EC));
    return ExitFailure;
  }
  if (llvm::Error E = compileAsAsked(*Wasm, C, Opts, Name, Out.os(), Diags)) {
    Diags.error(Name, std::move(E));
    return ExitFailure;
  }
  Out.os().flush();
  if (Out.os().has_error()) {
    Diags.error(OutPath, llvm::errorCodeToError(Out.os().error()));
    Out.os().clear_error();
    return ExitFailure;
  }
  if (!Opts.EmitHeader.empty()) {
    HeaderOptions H;
    H.Prefix = Prefix;
    H.ModuleSymbol = Opts.ModuleSymbol;
    H.SourceName = Name;
    llvm::ToolOutputFile Header(Opts.EmitHeader, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      Diags.error(Opts.EmitHeader, llvm::errorCodeToError(EC));
      return ExitFailure;
    }
    Header.os() << moduleHeader(*Wasm, H);
    Header.os().flush();
    if (Header.os().has_error()) {
      Diags.error(Opts.EmitHeader,
                  llvm::errorCodeToError(Header.os().error()));
      Header.os().clear_error();
      return ExitFailure;
    }
    Header.keep();
  }
  Out.keep();
  return ExitSuccess;
}

} // namespace wasmaot::tool
