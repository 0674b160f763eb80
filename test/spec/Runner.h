//===- Runner.h - Runs the commands of one script in this process -*- C++ -*-===//
//
// runScript does what the user's path does for every module of one .wast
// file: compile with wasm-aot, link, load, instantiate through the
// embedding API in a fresh store (with "spectest" and the registered
// instances as imports), then performs the script's actions and checks its
// assertions in order. Each finished command's Outcome goes to `OutFd`.
// It is meant to run in a child process of the driver (SpecRun.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_RUNNER_H
#define WASMAOT_TEST_SPEC_RUNNER_H

#include "ModuleLoader.h"
#include "SpecCommand.h"

namespace wasmaot::spec {

struct RunConfig {
  BuildConfig Build;
  unsigned CompileJobs = 2;
  /// Seconds the commands may run once every module is built; 0: no limit.
  /// The driver reports a file that runs out of time like a crash.
  unsigned ExecTimeoutSeconds = 0;
};

/// Runs every command of `S`; returns 0, or 1 when the store or the
/// spectest module could not be set up (every command is then reported
/// failed).
int runScript(const Script &S, const RunConfig &Config, int OutFd);

} // namespace wasmaot::spec

#endif
