//===- BuildCommand.cpp - wasm-aot build ----------------------------------===//
//
// A WASI command module to a native executable: check what it imports,
// compile it, emit the build configuration, link both with the target's
// runtime archives and C library (lld, in-process). Temporary objects live
// in the system's temporary directory and are removed whatever happens.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "InputFile.h"

#include "driver/Compile.h"
#include "link/Link.h"
#include "main/quantity.h"
#include "wasm-aot/abi.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

namespace wasmaot::tool {

namespace {

/// A temporary file removed when this goes away.
struct TempFile {
  std::string Path;
  ~TempFile() {
    if (!Path.empty())
      llvm::sys::fs::remove(Path);
  }
};

/// Checks the grant syntax, which must be right before anything is baked.
bool checkGrants(const BuildOptions &Opts, const llvm::Triple &Target,
                 BuildConfig &Config, Diagnostics &Diags) {
  // A program built for this machine's architecture most likely runs here,
  // so a host directory that does not exist is a typo; one built for
  // another names directories of the device.
  const bool RunsHere =
      Target.getArch() == llvm::Triple(llvm::sys::getProcessTriple()).getArch();
  auto AddDirs = [&](const std::vector<std::string> &List, bool ReadOnly) {
    for (const std::string &D : List) {
      llvm::StringRef Host = D, Guest = D;
      if (size_t Sep = Host.find("::"); Sep != llvm::StringRef::npos) {
        Guest = Host.substr(Sep + 2);
        Host = Host.substr(0, Sep);
      }
      if (Host.empty() || Guest.empty()) {
        Diags.error("invalid --dir" + std::string(ReadOnly ? "-ro" : "") +
                    " '" + D + "': expected HOST[::GUEST]");
        return false;
      }
      if (RunsHere && !llvm::sys::fs::is_directory(Host)) {
        Diags.error("--dir" + std::string(ReadOnly ? "-ro" : "") + " '" + D +
                    "': no directory '" + Host.str() +
                    "' here (one that exists only where the program runs "
                    "is granted there: WASM_AOT_GRANTS=\"--dir" +
                    std::string(ReadOnly ? "-ro" : "") + "=" + D + "\")");
        return false;
      }
      Config.Dirs.push_back({Host.str(), Guest.str(), ReadOnly});
    }
    return true;
  };
  if (!AddDirs(Opts.Dirs, false) || !AddDirs(Opts.ReadOnlyDirs, true))
    return false;
  for (const std::string &E : Opts.Env) {
    if (E.empty() || E[0] == '=') {
      Diags.error("invalid --env '" + E + "': expected NAME=VALUE or NAME");
      return false;
    }
    Config.Env.push_back(E);
  }
  for (const std::string &L : Opts.Listen) {
    llvm::StringRef Addr, Port;
    std::tie(Addr, Port) = llvm::StringRef(L).rsplit(':');
    unsigned N;
    if (Addr.empty() || Port.getAsInteger(10, N) || N > 65535) {
      Diags.error("invalid --tcplisten '" + L + "': expected ADDR:PORT");
      return false;
    }
    Config.Listen.push_back(L);
  }
  Config.InheritEnv = Opts.InheritEnv;
  Config.NoRuntimeGrants = Opts.NoRuntimeGrants;
  Config.TrapUnknownImports = Opts.TrapUnknownImports;
  Config.ModuleSymbol = Opts.Compile.ModuleSymbol;
  return true;
}

/// Reads the resource limits, with the same reading as the program's
/// run-time channel (runtime/main/quantity.h).
bool checkLimits(const BuildOptions &Opts, BuildConfig &Config,
                 Diagnostics &Diags) {
  struct Limit {
    const char *Flag;
    const std::string &Text;
    bool (*Parse)(const char *, uint64_t *);
    uint64_t &Out;
    const char *Expected;
  };
  const Limit Limits[] = {
      {"--fuel", Opts.Fuel, wa_parse_count, Config.Fuel,
       "a count of at least 1"},
      {"--timeout", Opts.Timeout, wa_parse_duration, Config.TimeoutNs,
       "a duration such as 500ms, 10s or 2m"},
      {"--max-memory", Opts.MaxMemory, wa_parse_size, Config.MaxMemory,
       "a size such as 65536, 512KiB or 64MiB"},
      {"--stack-size", Opts.StackSize, wa_parse_size, Config.StackSize,
       "a size such as 512KiB or 8MiB"},
  };
  for (const Limit &L : Limits) {
    if (L.Text.empty())
      continue;
    if (!L.Parse(L.Text.c_str(), &L.Out)) {
      Diags.error(std::string("invalid ") + L.Flag + " '" + L.Text +
                  "': expected " + L.Expected);
      return false;
    }
  }
  if (Config.MaxMemory != 0 && Config.MaxMemory % WA_PAGE_SIZE != 0) {
    Diags.error("invalid --max-memory '" + Opts.MaxMemory +
                "': a memory grows by whole 64KiB pages, so the size must "
                "be a multiple of 65536 bytes");
    return false;
  }
  if (Config.MaxMemory > uint64_t(65536) * WA_PAGE_SIZE) {
    Diags.error("invalid --max-memory '" + Opts.MaxMemory +
                "': a 32-bit memory has at most 4GiB");
    return false;
  }
  return true;
}

/// Imports only WASI provides; a WASI command exports _start and memory.
bool checkModule(const Module &Wasm, const BuildOptions &Opts,
                 const std::string &Name, Diagnostics &Diags) {
  bool OK = true;
  bool Trappable = false;
  for (const UnsatisfiedImport &I : unsatisfiedImports(Wasm)) {
    if (I.IsFunction && !I.TypeMismatch && Opts.TrapUnknownImports)
      continue;
    Diags.error(Name + ": import " + I.Description +
                (I.TypeMismatch ? "" : " is not provided by the runtime"));
    Trappable |= I.IsFunction && !I.TypeMismatch;
    OK = false;
  }
  if (!OK) {
    Diags.note("a built program provides only WASI preview 1 "
               "(\"wasi_snapshot_preview1\") functions");
    if (Trappable)
      Diags.note("--allow-unknown-imports=trap builds it anyway; calling an "
                 "unknown function then traps");
    return false;
  }
  auto Exported = [&](llvm::StringRef Export, ExternKind Kind) {
    for (const wasmaot::Export &E : Wasm.Exports)
      if (E.Name == Export && E.Kind == Kind)
        return true;
    return false;
  };
  if (!Exported("_start", ExternKind::Func)) {
    Diags.error(Name + ": not a WASI command: no function export '_start'");
    return false;
  }
  if (!Exported("memory", ExternKind::Memory)) {
    Diags.error(Name + ": not a WASI command: no memory export 'memory'");
    return false;
  }
  return true;
}

/// Writes with Write to Path; false (reported) on failure.
bool writeObject(const std::string &Path, Diagnostics &Diags,
                 const std::string &Name,
                 llvm::function_ref<llvm::Error(llvm::raw_pwrite_stream &)>
                     Write) {
  std::error_code EC;
  llvm::ToolOutputFile Out(Path, EC, llvm::sys::fs::OF_None);
  if (EC) {
    Diags.error(Path, llvm::errorCodeToError(EC));
    return false;
  }
  if (llvm::Error E = Write(Out.os())) {
    Diags.error(Name, std::move(E));
    return false;
  }
  Out.os().flush();
  if (Out.os().has_error()) {
    Diags.error(Path, llvm::errorCodeToError(Out.os().error()));
    Out.os().clear_error();
    return false;
  }
  Out.keep();
  return true;
}

std::string makeTemp(llvm::StringRef Prefix, Diagnostics &Diags) {
  llvm::SmallString<256> Path;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile(Prefix, "o", Path)) {
    Diags.error("cannot create a temporary file: " + EC.message());
    return "";
  }
  return std::string(Path);
}

} // namespace

int runBuild(const BuildOptions &Opts, llvm::StringRef ToolPath,
             Diagnostics &Diags) {
  wasmaot::CompileOptions C = libraryOptions(Opts.Compile);
  C.Output = OutputKind::Object;
  if (!applyLLVMArgs(Opts.Compile, Diags))
    return ExitUsage;

  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> TM =
      createTargetMachine(C.Target);
  if (!TM) {
    Diags.error(llvm::toString(TM.takeError()));
    return ExitUsage;
  }
  const llvm::Triple Triple = (*TM)->getTargetTriple();
  BuildConfig Config;
  if (!checkGrants(Opts, Triple, Config, Diags) ||
      !checkLimits(Opts, Config, Diags))
    return ExitUsage;
  // A budget or a deadline needs code that checks it.
  C.Lower.MeterFuel |= Config.Fuel != 0;
  C.Lower.Interruptible |= Config.TimeoutNs != 0;

  std::string Name = displayName(Opts.Compile.Input);
  llvm::Expected<Module> Wasm =
      loadModule(Opts.Compile.Input, C.EnabledFeatures);
  if (!Wasm) {
    Diags.error(Name, Wasm.takeError());
    return ExitFailure;
  }
  if (!checkModule(*Wasm, Opts, Name, Diags))
    return ExitFailure;
  Config.WasiFunctions = importedWasiFunctions(*Wasm);

  // Before compiling, which takes the time: is there anything to link with?
  llvm::Expected<std::vector<std::string>> Archives =
      findRuntimeArchives(Triple, ToolPath, Opts.RuntimeDir);
  if (!Archives) {
    Diags.error(llvm::toString(Archives.takeError()));
    return ExitFailure;
  }
  llvm::Expected<CLibrary> LibC = findCLibrary(Triple, Opts.LibcDir, Opts.LibgccDir);
  if (!LibC) {
    Diags.error(llvm::toString(LibC.takeError()));
    return ExitFailure;
  }

  TempFile ModuleObject, ConfigObject;
  std::string ModulePath = Opts.EmitObj ? Opts.objectPath() : "";
  if (!Opts.EmitObj) {
    ModuleObject.Path = makeTemp("wasm-aot-module", Diags);
    if (ModuleObject.Path.empty())
      return ExitFailure;
    ModulePath = ModuleObject.Path;
  }
  ConfigObject.Path = makeTemp("wasm-aot-config", Diags);
  if (ConfigObject.Path.empty())
    return ExitFailure;

  if (!writeObject(ModulePath, Diags, Name,
                   [&](llvm::raw_pwrite_stream &OS) {
                     return compileAsAsked(*Wasm, C, Opts.Compile, Name,
                                           OS, Diags);
                   }))
    return ExitFailure;
  if (!writeObject(ConfigObject.Path, Diags, Name,
                   [&](llvm::raw_pwrite_stream &OS) {
                     return emitBuildConfig(Config, C.Target, OS);
                   }))
    return ExitFailure;

  std::string Output = Opts.outputPath();
  ExecutableOptions LinkOpts;
  LinkOpts.KeepDebugInfo = Opts.DebugInfo;
  if (llvm::Error E = linkExecutable(Triple, {ModulePath, ConfigObject.Path},
                                     *Archives, *LibC, Output, LinkOpts)) {
    Diags.error(Output, std::move(E));
    return ExitFailure;
  }
  return ExitSuccess;
}

} // namespace wasmaot::tool
