//===- Report.h - Counting and printing the results of a run -----*- C++ -*-===//
//
// The driver hands each finished file to Report: its commands, the
// outcomes its child wrote, and how the child ended. Report applies the
// expected-failure list, prints the file's line and keeps the totals per
// command kind, the failures and a digest that groups failures by cause
// (with the files each cause hits), so they can be routed to whoever owns
// that part of the compiler or runtime.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_REPORT_H
#define WASMAOT_TEST_SPEC_REPORT_H

#include "ExpectedFailures.h"
#include "Outcome.h"
#include "SpecCommand.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace wasmaot::spec {

/// How a file's child process ended.
struct FileEnd {
  bool Normal = true; ///< exited by itself with status 0
  int ExitStatus = 0;
  int Signal = 0;     ///< the signal that ended it, if any
  bool TimedOut = false;
  std::string LogPath; ///< the child's stdout/stderr, for crash reports
};

class Report {
public:
  explicit Report(const ExpectedFailures &XFail) : XFail(XFail) {}

  /// A file whose commands ran (or whose child died); returns its line.
  std::string addFile(const Script &S, const std::vector<Outcome> &Outcomes,
                      const FileEnd &End);
  /// A file that could not be converted or read: one failed case.
  std::string addFileError(llvm::StringRef File, llvm::StringRef Reason);

  void printFailures(llvm::raw_ostream &OS, size_t Max) const;
  void printTotals(llvm::raw_ostream &OS) const;
  void printDigest(llvm::raw_ostream &OS) const;
  void printUnexpectedPasses(llvm::raw_ostream &OS) const;

  unsigned passed() const;
  /// Failures plus unexpected passes plus file errors.
  unsigned failed() const;
  /// Commands whose module the compiler does not support.
  unsigned unsupported() const;

private:
  struct Row {
    unsigned Passed = 0, Failed = 0, XFailed = 0, XPassed = 0,
             NotApplicable = 0, Unsupported = 0;
  };
  struct Failure {
    std::string Where; ///< source:line
    std::string File;  ///< base name
    std::string Kind;
    std::string Cause;
    std::string Detail;
  };

  const ExpectedFailures &XFail;
  Row Rows[NumCommandKinds];
  std::vector<Failure> Failures;
  std::vector<std::string> UnexpectedPasses;
  unsigned FileErrors = 0;
  unsigned CrashedFiles = 0;
};

} // namespace wasmaot::spec

#endif
