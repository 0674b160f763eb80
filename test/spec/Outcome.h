//===- Outcome.h - The result of one command, and how it travels -*- C++ -*-===//
//
// Each .wast file runs in a child process so that a crash loses only that
// file. The child appends one record per finished command to a file with
// a single write(2) each, so everything it finished survives a crash; the
// parent reads the records back once the child has ended.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_OUTCOME_H
#define WASMAOT_TEST_SPEC_OUTCOME_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace wasmaot::spec {

enum class Status : uint8_t {
  Pass,
  Fail,
  NotApplicable, ///< a text module: there is no binary to compile
  /// needs a module that wasm-aot compile refused as valid but using
  /// something it does not support (its exit status 4)
  Unsupported,
};

struct Outcome {
  unsigned Index = 0; ///< the command's index in the script
  Status St = Status::Fail;
  /// Failures: a short cause without per-case details, used to group
  /// failures ("wrong result", "compile failed: unknown opcode 0xfc 12").
  std::string Cause;
  /// Failures: the details of this case (values, messages).
  std::string Detail;
};

/// Appends one record to the open file descriptor `Fd`.
void writeOutcome(int Fd, const Outcome &O);

/// Reads the records of a file written by writeOutcome; a torn last record
/// (the writer died mid-write) is ignored.
std::vector<Outcome> readOutcomes(llvm::StringRef Path);

} // namespace wasmaot::spec

#endif
