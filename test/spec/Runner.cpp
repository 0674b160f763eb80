//===- Runner.cpp - The child process of one .wast file -------------------===//
//
// Every binary module of the script is built first, in parallel (that is
// where the host's time goes); then the process becomes the executor, with
// the alarm already set: alarm timers survive execve, and an emulator that
// gets SIGALRM delivers it to the program it runs, whose default action
// ends it, so the driver sees the signal either way.
//
//===----------------------------------------------------------------------===//
#include "Runner.h"

#include "BuildLog.h"
#include "Plan.h"

#include "llvm/Support/Path.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

using namespace llvm;

namespace wasmaot::spec {

namespace {

bool needsLink(const Command &C) {
  switch (C.Kind) {
  case CommandKind::Module:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
  case CommandKind::AssertTrap:
    return true;
  default:
    return false;
  }
}

BuildLog buildScript(const Script &S, const RunConfig &Config) {
  std::vector<BuildJob> Jobs;
  std::vector<unsigned> JobCommand;
  for (const Command &C : S.Commands) {
    if (!C.hasModule() || C.TextModule || !C.ParseError.empty())
      continue;
    Jobs.push_back({S.Dir + "/" + C.FileName, needsLink(C)});
    JobCommand.push_back(C.Index);
  }
  std::vector<BuildResult> Results =
      buildModules(Config.Build, Jobs, Config.CompileJobs);
  BuildLog Log;
  for (size_t I = 0; I < Results.size(); ++I)
    Log[JobCommand[I]] = std::move(Results[I]);
  return Log;
}

} // namespace

FilePaths FilePaths::of(StringRef JsonPath) {
  std::string Dir = sys::path::parent_path(JsonPath).str();
  if (Dir.empty())
    Dir = ".";
  FilePaths P;
  P.BuildLog = Dir + "/builds.txt";
  P.Plan = Dir + "/plan.txt";
  P.Records = Dir + "/records.txt";
  P.Log = Dir + "/runner.log";
  return P;
}

int runScriptInChild(const Script &S, const RunConfig &Config,
                     const FilePaths &Paths) {
  BuildLog Log = buildScript(S, Config);
  Error E = writeBuildLog(Paths.BuildLog, Log);
  if (!E)
    E = writePlan(Paths.Plan, S, Log, Config.Build.BoundsChecks);
  if (E) {
    std::fprintf(stderr, "wasm-aot-spec-run: %s\n",
                 toString(std::move(E)).c_str());
    return 3;
  }

  std::vector<std::string> Args = Config.Emulator;
  Args.insert(Args.end(), {Config.Executor, Paths.Plan, Paths.Records});
  std::vector<char *> Argv;
  for (std::string &A : Args)
    Argv.push_back(A.data());
  Argv.push_back(nullptr);

  // qemu-user writes a core file of the program it runs when that crashes;
  // a crash is a failed case here, not something to keep.
  struct rlimit NoCore = {0, 0};
  setrlimit(RLIMIT_CORE, &NoCore);
  // The executor relies on its fault handler: nothing inherited may block
  // or ignore the signals it uses.
  sigset_t None;
  sigemptyset(&None);
  sigprocmask(SIG_SETMASK, &None, nullptr);
  for (int Sig : {SIGSEGV, SIGBUS, SIGALRM, SIGFPE, SIGILL})
    std::signal(Sig, SIG_DFL);
  std::fflush(nullptr);
  if (Config.ExecTimeoutSeconds)
    alarm(Config.ExecTimeoutSeconds);
  execv(Argv[0], Argv.data());
  int Errno = errno;
  alarm(0);
  std::fprintf(stderr, "wasm-aot-spec-run: cannot run %s: %s\n", Argv[0],
               std::strerror(Errno));
  return 127;
}

} // namespace wasmaot::spec
