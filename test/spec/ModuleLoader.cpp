//===- ModuleLoader.cpp - From .wasm to a loaded wa_module ----------------===//
//
// Runs wasm-aot as a child process (two threads feed it jobs when asked for
// parallelism), links its objects with lld in-process, then dlopens the
// shared objects.
//
//===----------------------------------------------------------------------===//
#include "ModuleLoader.h"

#include "link/Link.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <atomic>
#include <dlfcn.h>
#include <optional>
#include <thread>

using namespace llvm;

namespace wasmaot::spec {

namespace {

struct RunResult {
  int Exit = -1;      ///< the exit status; -1 could not run, -2 crashed
  std::string Output; ///< stderr (then stdout), trimmed
};

/// Runs Program with Args; stdout and stderr go to files next to `Base`
/// and are read back.
RunResult run(StringRef Program, ArrayRef<StringRef> Args, StringRef Base,
              unsigned Timeout) {
  std::string Out = (Base + ".stdout").str();
  std::string Err = (Base + ".stderr").str();
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out),
                                          StringRef(Err)};
  std::string ErrMsg;
  bool ExecFailed = false;
  RunResult R;
  R.Exit = sys::ExecuteAndWait(Program, Args, /*Env=*/std::nullopt, Redirects,
                               Timeout, /*MemoryLimit=*/0, &ErrMsg,
                               &ExecFailed);
  for (const std::string &Path : {Err, Out}) {
    if (ErrorOr<std::unique_ptr<MemoryBuffer>> B = MemoryBuffer::getFile(Path))
      R.Output += (*B)->getBuffer().trim().str();
    if (!R.Output.empty())
      break;
  }
  if (ExecFailed)
    R.Output = "cannot run " + Program.str() + ": " + ErrMsg;
  else if (R.Exit < 0)
    R.Output = ErrMsg + (R.Output.empty() ? "" : ": " + R.Output);
  return R;
}

/// The first line of a tool's output, without the "wasm-aot: error: PATH: "
/// prefix, so messages of different modules can be compared.
std::string firstErrorLine(StringRef Output, StringRef Input) {
  StringRef Line = Output.split('\n').first.trim();
  Line.consume_front("wasm-aot: error: ");
  if (Line.starts_with(Input))
    Line = Line.drop_front(Input.size()).ltrim(": ");
  return Line.str();
}

BuildResult buildOne(const BuildConfig &Config, const BuildJob &Job) {
  BuildResult Result;
  SmallString<256> Base(Job.Wasm);
  sys::path::replace_extension(Base, "");
  std::string Obj = (Base + ".o").str();
  std::string BoundsArg = "--bounds-checks=" + Config.BoundsChecks;
  std::string SymbolArg = std::string("--module-symbol=") + ModuleSymbol;
  std::string TargetArg = "--target=" + Config.Target;
  // --no-cache: the run tests the compiler, not objects it made before.
  std::vector<StringRef> CompileArgs = {
      Config.WasmAot, "compile", Job.Wasm,  "-o",      Obj,
      Config.OptLevel, BoundsArg, SymbolArg, "--no-cache"};
  if (!Config.Target.empty())
    CompileArgs.push_back(TargetArg);
  for (const std::string &Arg : Config.ExtraCompileArgs)
    CompileArgs.push_back(Arg);
  RunResult C = run(Config.WasmAot, CompileArgs, (Base + ".compile").str(),
                    Config.TimeoutSeconds);
  if (C.Exit != 0) {
    // 1 is the tool's "malformed or invalid input", 4 "valid but not
    // supported"; anything else (usage error, crash, timeout) is a failure
    // of the compiler itself.
    Result.State = C.Exit == 1   ? BuildResult::Rejected
                   : C.Exit == 4 ? BuildResult::Unsupported
                                 : BuildResult::CompileFailed;
    Result.Message = firstErrorLine(C.Output, Job.Wasm);
    if (C.Exit > 1 && C.Exit != 4)
      Result.Message = "wasm-aot exited " + std::to_string(C.Exit) + ": " +
                       Result.Message;
    else if (C.Exit < 0)
      Result.Message = "wasm-aot crashed: " + Result.Message;
    return Result;
  }
  if (!Job.Link) {
    Result.State = BuildResult::Built;
    return Result;
  }

  std::string So = (Base + ".so").str();
  // In-process: starting a linker per module cost as much as compiling it.
  Triple T(Config.Target.empty() ? sys::getProcessTriple() : Config.Target);
  if (Error E = linkSharedObject(T, {Obj}, So)) {
    Result.State = BuildResult::LinkFailed;
    Result.Message = toString(std::move(E)).substr(0, 400);
    return Result;
  }
  Result.State = BuildResult::Built;
  Result.SharedObject = So;
  return Result;
}

} // namespace

std::vector<BuildResult> buildModules(const BuildConfig &Config,
                                      ArrayRef<BuildJob> Work, unsigned Jobs) {
  std::vector<BuildResult> Results(Work.size());
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I = Next++; I < Work.size(); I = Next++)
      Results[I] = buildOne(Config, Work[I]);
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < Jobs && T < Work.size(); ++T)
    Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads)
    T.join();
  return Results;
}

Expected<const wa_module *> loadModule(StringRef SharedObject) {
  std::string Path = SharedObject.str();
  // RTLD_LOCAL: every module defines the same descriptor symbol.
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle)
    return createStringError(inconvertibleErrorCode(),
                             Twine("dlopen failed: ") + dlerror());
  void *Sym = dlsym(Handle, ModuleSymbol);
  if (!Sym)
    return createStringError(inconvertibleErrorCode(),
                             Twine("no symbol ") + ModuleSymbol + " in " +
                                 Path);
  const wa_module *M = static_cast<const wa_module *>(Sym);
  if (M->abi_version != WA_ABI_VERSION)
    return createStringError(inconvertibleErrorCode(),
                             "module ABI version " + Twine(M->abi_version) +
                                 ", runtime expects " + Twine(WA_ABI_VERSION));
  return M;
}

} // namespace wasmaot::spec
