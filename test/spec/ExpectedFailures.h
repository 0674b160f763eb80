//===- ExpectedFailures.h - Known failing cases, with reasons ----*- C++ -*-===//
//
// test/spec/expected-failures.txt lists cases known to fail, one a line:
//
//   FILE.wast:LINE    [mode=guard|explicit] [opt=O0|O2] REASON...
//   FILE.wast:#INDEX  [mode=...] [opt=...] REASON...
//
// LINE is the command's line in the .wast file, INDEX its position in
// wast2json's command list (for lines holding several commands). The
// optional filters restrict an entry to one bounds-check mode or
// optimisation level. '#' starts a comment line. A listed case that
// fails is an expected failure; one that passes fails the run
// ("unexpectedly passed"), so the list cannot go stale silently.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_EXPECTEDFAILURES_H
#define WASMAOT_TEST_SPEC_EXPECTEDFAILURES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::spec {

struct ExpectedFailure {
  std::string File; ///< base name, "i32.wast"
  bool ByIndex = false;
  int64_t Location = 0; ///< the line, or the command index
  std::string Reason;
  unsigned SourceLine = 0; ///< in the list file, for messages
};

class ExpectedFailures {
public:
  /// Reads the list, keeping the entries whose filters accept `Mode`
  /// ("guard"/"explicit") and `Opt` ("-O2" or "O2"). An unreadable file or
  /// a bad line is an error.
  static llvm::Expected<ExpectedFailures>
  load(llvm::StringRef Path, llvm::StringRef Mode, llvm::StringRef Opt);
  /// Parses the text of a list (for tests and load).
  static llvm::Expected<ExpectedFailures>
  parse(llvm::StringRef Text, llvm::StringRef Mode, llvm::StringRef Opt);

  /// The entry for a command, if it is listed.
  const ExpectedFailure *find(llvm::StringRef File, int64_t Line,
                              unsigned Index) const;

  size_t size() const { return Entries.size(); }

private:
  std::vector<ExpectedFailure> Entries;
};

} // namespace wasmaot::spec

#endif
