//===- BuildLog.h - The build results of one file, on disk ------*- C++ -*-===//
//
// A file's modules are built in the child process that then becomes the
// executor (Runner.cpp); the driver judges the file once that process has
// ended, and needs to know how each module's build went. The child writes
// them here before it starts the executor, one line per module command:
//
//   INDEX STATE "SHARED-OBJECT" "MESSAGE"
//
// in the token forms of exec/wire.h, STATE one of built, rejected,
// unsupported, compile-failed, link-failed.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_BUILDLOG_H
#define WASMAOT_TEST_SPEC_BUILDLOG_H

#include "ModuleLoader.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>

namespace wasmaot::spec {

/// The build result of each module command, by command index.
using BuildLog = std::map<unsigned, BuildResult>;

llvm::Error writeBuildLog(llvm::StringRef Path, const BuildLog &Log);

/// Reads a log written by writeBuildLog. A missing file (the child died
/// before writing it) reads as an empty log; so do lines that do not parse.
BuildLog readBuildLog(llvm::StringRef Path);

} // namespace wasmaot::spec

#endif
