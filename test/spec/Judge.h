//===- Judge.h - From the executor's answers to outcomes --------*- C++ -*-===//
//
// The executor (exec/) reports what happened for each command of a file —
// raw result bits, a trap message, an instantiation error — and judges
// nothing. The judge reads those answers next to the script and the
// file's build log and decides each command's Outcome: results matched
// against the expectation (bitwise floats, NaN patterns per lane,
// references), trap and error messages against the expected text, and
// for the commands that could not run, why not (a module refused, not
// supported, never instantiated).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_JUDGE_H
#define WASMAOT_TEST_SPEC_JUDGE_H

#include "BuildLog.h"
#include "Outcome.h"
#include "SpecCommand.h"
#include "exec/wire.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace wasmaot::spec {

/// One line of the executor's records.
struct Answer {
  wire_answer Kind = WIRE_ANS_BADPLAN;
  std::vector<wire_value> Values; ///< ok: the results of an invoke or get
  std::string Text;       ///< load, inst, trap, failed, setup: the message
  uint64_t ErrorKind = 0; ///< inst: the wa_error_kind
  std::vector<uint8_t> Params; ///< signature: the function's parameter types
  /// The line did not parse: what it said, for the failure message.
  std::string Unreadable;
};

/// The answers by command index.
using Answers = std::map<unsigned, Answer>;

/// Reads the records file the executor wrote (a missing file reads as no
/// answers; a torn last line, written as it died, is left out).
Answers readAnswers(llvm::StringRef Path);

/// The outcomes of the commands of `S`, in order, up to the first command
/// without an answer: the executor died there (or never started), which
/// the report tells from how its process ended.
std::vector<Outcome> judgeScript(const Script &S, const BuildLog &Builds,
                                 const Answers &A);

} // namespace wasmaot::spec

#endif
