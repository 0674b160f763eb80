//===- Runner.h - The child process of one .wast file -----------*- C++ -*-===//
//
// Each .wast file runs in a child process of the driver (SpecRun.cpp). The
// child builds every binary module of the file on the host (wasm-aot
// compile for the run's target, a link into a shared object), writes the
// build log and the plan, then replaces itself with the executor
// (exec/exec.c) built for that target — run directly, or under an
// emulator such as qemu-user for another architecture. The driver waits
// for that same process, so how the executor ended (a signal, the alarm)
// is how the file's process ended.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_RUNNER_H
#define WASMAOT_TEST_SPEC_RUNNER_H

#include "ModuleLoader.h"
#include "SpecCommand.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace wasmaot::spec {

struct RunConfig {
  BuildConfig Build;
  unsigned CompileJobs = 2;
  /// Seconds the executor may run once every module is built; 0: no limit.
  /// The driver reports a file that runs out of time like a crash.
  unsigned ExecTimeoutSeconds = 0;
  /// The executor built for the run's target.
  std::string Executor;
  /// The program (and its first arguments) that runs the executor, such as
  /// {"qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"}; empty: run it
  /// directly.
  std::vector<std::string> Emulator;
};

/// The work files of one .wast file, next to its wast2json output.
struct FilePaths {
  std::string BuildLog; ///< how each module built (BuildLog.h)
  std::string Plan;     ///< the executor's input (Plan.h)
  std::string Records;  ///< the executor's answers (Judge.h)
  std::string Log;      ///< the child's stdout and stderr
  static FilePaths of(llvm::StringRef JsonPath);
};

/// Runs in the child: builds, writes the build log and the plan, and
/// becomes the executor. Returns only when something failed before that
/// (the reason is on stderr): the status to exit with.
int runScriptInChild(const Script &S, const RunConfig &Config,
                     const FilePaths &Paths);

} // namespace wasmaot::spec

#endif
