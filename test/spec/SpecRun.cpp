//===- SpecRun.cpp - Run the spec test suite through wasm-aot compile -----===//
//
// wasm-aot-spec-run executes the official spec suite as converted by
// wast2json (scripts/spec-test.sh does the conversion and drives this
// tool) for one target. Every module takes the user's path: `wasm-aot
// compile --target`, a link into a shared object, dlopen, and instantiation
// through the runtime's embedding API. The host side (this program, with
// LLVM) compiles, links and judges; the execution side is the executor
// (exec/), built for the target with its runtime, which runs natively or
// under an emulator (qemu-user) and reports raw results.
//
// Each .wast file runs in its own child process (Runner.cpp), which builds
// the file's modules and then becomes the executor with a fresh store, so
// a crash (or a hang) costs only the rest of that file: its unfinished
// commands are failures that name the signal. A hang is caught twice: the
// alarm(--timeout) set once the modules are built, and the parent's
// SIGKILL when the whole file (builds included) exceeds --file-timeout, in
// case the alarm cannot fire (a signal handler that never returns, a
// compile that hangs). When the process has ended, the parent reads the
// build log and the executor's answers and judges every command
// (Judge.cpp). No file is skipped: a command whose module wasm-aot
// compile refuses as valid but not supported (exit status 4) is counted as
// "unsupported", apart from failures. The last line is "N passed, N failed"
// (", N unsupported" when there are any); the exit status is 1 when
// anything failed, a listed expected failure passed, or anything was
// unsupported without --allow-unsupported.
//
//===----------------------------------------------------------------------===//
#include "BuildLog.h"
#include "ExpectedFailures.h"
#include "Judge.h"
#include "Report.h"
#include "Runner.h"
#include "SpecCommand.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>

using namespace llvm;
using namespace wasmaot::spec;

namespace {

cl::OptionCategory Category("wasm-aot-spec-run options");

cl::list<std::string> InputFiles(cl::Positional, cl::ZeroOrMore,
                                 cl::desc("<wast2json output .json>..."),
                                 cl::cat(Category));
cl::opt<std::string> WasmAot("wasm-aot", cl::desc("The wasm-aot executable"),
                             cl::value_desc("PATH"), cl::Required,
                             cl::cat(Category));
cl::opt<std::string>
    Target("target",
           cl::desc("The triple modules are compiled for (wasm-aot compile "
                    "--target) and the executor was built for"),
           cl::value_desc("TRIPLE"), cl::Required, cl::cat(Category));
cl::opt<std::string>
    Executor("executor",
             cl::desc("wasm-aot-spec-exec built for the target"),
             cl::value_desc("PATH"), cl::Required, cl::cat(Category));
cl::opt<std::string>
    Emulator("emulator",
             cl::desc("The program that runs the executor (qemu-user for "
                      "another architecture); none: run it directly"),
             cl::value_desc("PATH"), cl::init(""), cl::cat(Category));
cl::list<std::string>
    EmulatorArgs("emulator-arg",
                 cl::desc("An argument for the emulator, before the "
                          "executor (repeatable)"),
                 cl::value_desc("ARG"), cl::cat(Category));
cl::opt<std::string> BoundsChecks("bounds-checks",
                                  cl::desc("guard or explicit"),
                                  cl::init("guard"), cl::cat(Category));
cl::opt<std::string> OptLevel("opt-level", cl::desc("O0, O1, O2 or O3"),
                              cl::init("O2"), cl::cat(Category));
cl::list<std::string>
    CompileFlags("compile-flag",
                 cl::desc("An extra argument for every wasm-aot compile, "
                          "e.g. --partition-size=1 (repeatable)"),
                 cl::value_desc("ARG"), cl::cat(Category));
cl::opt<std::string>
    XFailPath("expected-failures",
              cl::desc("The list of known failures (expected-failures.txt)"),
              cl::value_desc("PATH"), cl::init(""), cl::cat(Category));
cl::opt<unsigned> Jobs("jobs", cl::desc("Files run at the same time"),
                       cl::init(1), cl::cat(Category));
cl::opt<unsigned> CompileJobs("compile-jobs",
                              cl::desc("Modules compiled at the same time "
                                       "within a file"),
                              cl::init(2), cl::cat(Category));
cl::opt<unsigned> Timeout("timeout",
                          cl::desc("Seconds a file's commands may run once "
                                   "its modules are built (0: no limit)"),
                          cl::init(60), cl::cat(Category));
cl::opt<unsigned>
    FileTimeout("file-timeout",
                cl::desc("Seconds after which a file's process is killed, "
                         "builds included (0: four times --timeout)"),
                cl::init(0), cl::cat(Category));
cl::opt<unsigned> MaxFailures("max-failures",
                              cl::desc("Failures listed one by one"),
                              cl::init(300), cl::cat(Category));
cl::list<std::string> ConversionFailures(
    "conversion-failure",
    cl::desc("A .wast file wast2json could not convert: one failed case"),
    cl::value_desc("FILE: REASON"), cl::cat(Category));

cl::opt<bool> AllowUnsupported(
    "allow-unsupported",
    cl::desc("Do not fail the run for commands whose module wasm-aot "
             "compile refused as not supported (they are still counted)"),
    cl::init(false), cl::cat(Category));

/// A file on its way through the run.
struct FileJob {
  std::string JsonPath;
  std::optional<Script> S;
  std::string Error; ///< could not be read
  bool Done = false;
  std::string Line; ///< the per-file line, once done
  pid_t Pid = 0;
  std::chrono::steady_clock::time_point Started;
  bool Killed = false; ///< by the parent, past --file-timeout
};

/// Starts the child process that runs one file.
pid_t startChild(const FileJob &F, const RunConfig &Config) {
  FilePaths Paths = FilePaths::of(F.JsonPath);
  outs().flush();
  errs().flush();
  fflush(nullptr);
  pid_t Pid = fork();
  if (Pid != 0)
    return Pid; // the parent, or -1
  int LogFd = open(Paths.Log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (LogFd >= 0) {
    dup2(LogFd, 1);
    dup2(LogFd, 2);
    close(LogFd);
  }
  int RC = runScriptInChild(*F.S, Config, Paths);
  fflush(nullptr);
  _exit(RC);
}

FileEnd endOf(int WaitStatus, const FileJob &F) {
  if (F.Killed) {
    FileEnd E;
    E.LogPath = FilePaths::of(F.JsonPath).Log;
    E.Normal = false;
    E.Signal = SIGKILL;
    E.TimedOut = true;
    return E;
  }
  FileEnd E;
  E.LogPath = FilePaths::of(F.JsonPath).Log;
  if (WIFEXITED(WaitStatus)) {
    E.ExitStatus = WEXITSTATUS(WaitStatus);
    E.Normal = E.ExitStatus == 0;
  } else if (WIFSIGNALED(WaitStatus)) {
    E.Normal = false;
    E.Signal = WTERMSIG(WaitStatus);
    E.TimedOut = E.Signal == SIGALRM;
  }
  return E;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Runs wast2json output of the WebAssembly spec test suite through "
      "wasm-aot compile and the runtime.\n");
  if (BoundsChecks != "guard" && BoundsChecks != "explicit") {
    errs() << "wasm-aot-spec-run: --bounds-checks must be guard or explicit\n";
    return 2;
  }
  StringRef Opt = OptLevel;
  Opt.consume_front("-");
  if (Opt != "O0" && Opt != "O1" && Opt != "O2" && Opt != "O3") {
    errs() << "wasm-aot-spec-run: --opt-level must be O0..O3\n";
    return 2;
  }
  if (InputFiles.empty() && ConversionFailures.empty()) {
    errs() << "wasm-aot-spec-run: no input files\n";
    return 2;
  }

  ExpectedFailures XFail;
  if (!XFailPath.empty()) {
    Expected<ExpectedFailures> L = ExpectedFailures::load(
        XFailPath, {BoundsChecks, Opt.str(), Target});
    if (!L) {
      errs() << "wasm-aot-spec-run: " << toString(L.takeError()) << "\n";
      return 2;
    }
    XFail = std::move(*L);
  }

  RunConfig Config;
  Config.Build.WasmAot = WasmAot;
  Config.Build.OptLevel = ("-" + Opt).str();
  Config.Build.BoundsChecks = BoundsChecks;
  Config.Build.ExtraCompileArgs.assign(CompileFlags.begin(),
                                       CompileFlags.end());
  Config.Build.Target = Target;
  Config.Executor = Executor;
  if (!Emulator.empty()) {
    Config.Emulator.push_back(Emulator);
    Config.Emulator.insert(Config.Emulator.end(), EmulatorArgs.begin(),
                           EmulatorArgs.end());
  }
  Config.CompileJobs = std::max(1u, unsigned(CompileJobs));
  Config.ExecTimeoutSeconds = Timeout;

  auto Start = std::chrono::steady_clock::now();
  outs() << "spec-run: target=" << Target
         << (Emulator.empty() ? "" : " (emulated)")
         << " bounds-checks=" << BoundsChecks << " opt=-" << Opt
         << ", " << InputFiles.size() << " files, " << XFail.size()
         << " expected failures listed\n";

  Report R(XFail);
  for (const std::string &What : ConversionFailures) {
    auto [File, Reason] = StringRef(What).split(": ");
    outs() << R.addFileError(File, Reason.empty() ? "conversion failed"
                                                  : Reason)
           << "\n";
  }

  std::vector<FileJob> Files;
  for (const std::string &Path : InputFiles) {
    FileJob F;
    F.JsonPath = Path;
    Expected<Script> S = parseScript(Path);
    if (!S)
      F.Error = toString(S.takeError());
    else
      F.S = std::move(*S);
    Files.push_back(std::move(F));
  }

  const std::chrono::seconds HardLimit(FileTimeout ? FileTimeout
                                                  : 4 * Timeout);
  // Run the files, Jobs at a time; print each file's line in input order.
  size_t NextToStart = 0, NextToPrint = 0, Running = 0;
  std::map<pid_t, size_t> ByPid;
  auto PrintReady = [&] {
    while (NextToPrint < Files.size() && Files[NextToPrint].Done) {
      outs() << Files[NextToPrint].Line << "\n";
      ++NextToPrint;
    }
    outs().flush();
  };
  while (NextToPrint < Files.size()) {
    while (NextToStart < Files.size() && Running < std::max(1u, unsigned(Jobs))) {
      FileJob &F = Files[NextToStart++];
      if (!F.Error.empty()) {
        F.Line = R.addFileError(F.JsonPath, F.Error);
        F.Done = true;
        continue;
      }
      F.Pid = startChild(F, Config);
      F.Started = std::chrono::steady_clock::now();
      if (F.Pid < 0) {
        F.Line = R.addFileError(F.S->Source, "fork failed");
        F.Done = true;
        continue;
      }
      ByPid[F.Pid] = &F - Files.data();
      ++Running;
    }
    PrintReady();
    if (!Running)
      continue;
    int WaitStatus = 0;
    pid_t Pid = waitpid(-1, &WaitStatus, WNOHANG);
    if (Pid < 0)
      break;
    if (Pid == 0) {
      // Nothing ended: kill whatever is past its deadline, then look again.
      auto Now = std::chrono::steady_clock::now();
      for (auto &[ChildPid, Index] : ByPid) {
        FileJob &F = Files[Index];
        if (!F.Killed && HardLimit.count() &&
            Now - F.Started > HardLimit) {
          kill(ChildPid, SIGKILL);
          F.Killed = true;
        }
      }
      usleep(20 * 1000);
      continue;
    }
    auto It = ByPid.find(Pid);
    if (It == ByPid.end())
      continue;
    FileJob &F = Files[It->second];
    ByPid.erase(It);
    --Running;
    FilePaths Paths = FilePaths::of(F.JsonPath);
    std::vector<Outcome> Outcomes =
        judgeScript(*F.S, readBuildLog(Paths.BuildLog),
                    readAnswers(Paths.Records));
    F.Line = R.addFile(*F.S, Outcomes, endOf(WaitStatus, F));
    F.Done = true;
    PrintReady();
  }

  R.printFailures(outs(), MaxFailures);
  R.printUnexpectedPasses(outs());
  R.printTotals(outs());
  R.printDigest(outs());
  double Seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  outs() << "\nwall time: " << format("%.1f", Seconds) << " s\n";
  unsigned Failed = R.failed();
  unsigned Unsupported = R.unsupported();
  outs() << "\n" << R.passed() << " passed, " << Failed << " failed";
  if (Unsupported)
    outs() << ", " << Unsupported << " unsupported";
  outs() << "\n";
  outs().flush();
  return Failed || (Unsupported && !AllowUnsupported) ? 1 : 0;
}
