//===- ExpectedFailures.h - Known failing cases, with reasons ----*- C++ -*-===//
//
// test/spec/expected-failures.txt lists cases known to fail, one a line:
//
//   FILE.wast:LINE    [mode=guard|explicit] [opt=O0|O2] [target=TRIPLE] REASON...
//   FILE.wast:#INDEX  [mode=...] [opt=...] [target=...] REASON...
//
// LINE is the command's line in the .wast file, INDEX its position in
// wast2json's command list (for lines holding several commands). The
// optional filters restrict an entry to one bounds-check mode,
// optimisation level or target (x86_64-linux-gnu, aarch64-linux-gnu,
// riscv64-linux-gnu), in any order. '#' starts a comment line. A listed case that
// fails is an expected failure; one that passes fails the run
// ("unexpectedly passed"), so the list cannot go stale silently.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_EXPECTEDFAILURES_H
#define WASMAOT_TEST_SPEC_EXPECTEDFAILURES_H

#include "llvm/ADT/ArrayRef.h"
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

/// The run a list is read for: entries whose filters reject it are dropped.
struct RunKey {
  std::string Mode;   ///< "guard" or "explicit"
  std::string Opt;    ///< "O2" (or "-O2")
  std::string Target; ///< a triple, "aarch64-linux-gnu"
};

/// The triples a target= filter may name (the targets the runtime is
/// built for).
llvm::ArrayRef<llvm::StringRef> knownTargets();

class ExpectedFailures {
public:
  /// Reads the list, keeping the entries whose filters accept `Run`. An
  /// unreadable file or a bad line (an unknown filter value included) is
  /// an error.
  static llvm::Expected<ExpectedFailures> load(llvm::StringRef Path,
                                               const RunKey &Run);
  /// Parses the text of a list (for tests and load).
  static llvm::Expected<ExpectedFailures> parse(llvm::StringRef Text,
                                                const RunKey &Run);

  /// The entry for a command, if it is listed.
  const ExpectedFailure *find(llvm::StringRef File, int64_t Line,
                              unsigned Index) const;

  size_t size() const { return Entries.size(); }

private:
  std::vector<ExpectedFailure> Entries;
};

} // namespace wasmaot::spec

#endif
