//===- Outcome.h - The result of one command ---------------------*- C++ -*-===//
//
// What the judge (Judge.h) decides for each command of a file, and the
// report (Report.h) counts.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_OUTCOME_H
#define WASMAOT_TEST_SPEC_OUTCOME_H

#include <cstdint>
#include <string>

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

} // namespace wasmaot::spec

#endif
