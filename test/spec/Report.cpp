//===- Report.cpp - Counting and printing the results of a run ------------===//
//
// Every command of every file ends in exactly one column of the totals:
// passed, failed, expected failure, unexpectedly passed, not applicable
// (text modules) or unsupported (its module uses something the compiler
// does not support). Nothing is dropped.
//
//===----------------------------------------------------------------------===//
#include "Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <csignal>
#include <cstring>

using namespace llvm;

namespace wasmaot::spec {

namespace {

std::string signalName(int Sig) {
  const char *D = strsignal(Sig);
  return "signal " + std::to_string(Sig) + (D ? std::string(" (") + D + ")" : "");
}

/// Why the first command without an outcome has none.
std::string crashCause(const FileEnd &End) {
  if (End.TimedOut)
    return "runner timed out";
  if (End.Signal)
    return "runner crashed: " + signalName(End.Signal);
  return "runner exited with status " + std::to_string(End.ExitStatus);
}

} // namespace

std::string Report::addFile(const Script &S,
                            const std::vector<Outcome> &Outcomes,
                            const FileEnd &End) {
  std::string Base = sourceBaseName(S.Source);
  std::vector<const Outcome *> ByIndex(S.Commands.size(), nullptr);
  for (const Outcome &O : Outcomes)
    if (O.Index < ByIndex.size())
      ByIndex[O.Index] = &O;

  unsigned Passed = 0, Failed = 0, XFailed = 0, XPassed = 0, NA = 0,
           Unsupported = 0;
  bool SeenMissing = false;
  std::string CrashWhere;
  for (const Command &C : S.Commands) {
    Row &R = Rows[static_cast<unsigned>(C.Kind)];
    std::string Where = S.Source + ":" + std::to_string(C.Line);
    Outcome Missing;
    const Outcome *O = ByIndex[C.Index];
    if (!O) {
      // The child ended before reporting this command: the first one is
      // where it died, the rest never ran.
      Missing.Index = C.Index;
      Missing.St = Status::Fail;
      if (!SeenMissing) {
        Missing.Cause = crashCause(End);
        Missing.Detail = End.LogPath.empty() ? "" : "log: " + End.LogPath;
        CrashWhere = Where;
      } else {
        Missing.Cause = "not run: the runner died earlier in the file";
      }
      SeenMissing = true;
      O = &Missing;
    }
    const ExpectedFailure *X = XFail.find(Base, C.Line, C.Index);
    switch (O->St) {
    case Status::NotApplicable:
      ++R.NotApplicable;
      ++NA;
      break;
    case Status::Unsupported:
      ++R.Unsupported;
      ++Unsupported;
      break;
    case Status::Pass:
      if (X) {
        ++R.XPassed;
        ++XPassed;
        UnexpectedPasses.push_back(Where + " (#" + std::to_string(C.Index) +
                                   ", " + C.TypeName + "): listed as '" +
                                   X->Reason + "'");
      } else {
        ++R.Passed;
        ++Passed;
      }
      break;
    case Status::Fail:
      if (X) {
        ++R.XFailed;
        ++XFailed;
      } else {
        ++R.Failed;
        ++Failed;
        Failures.push_back({Where, Base, C.TypeName, O->Cause, O->Detail});
      }
      break;
    }
  }

  std::string Line = S.Source + ": " + std::to_string(Passed) + " passed, " +
                     std::to_string(Failed) + " failed";
  if (XFailed)
    Line += ", " + std::to_string(XFailed) + " expected failures";
  if (XPassed)
    Line += ", " + std::to_string(XPassed) + " UNEXPECTEDLY PASSED";
  if (NA)
    Line += ", " + std::to_string(NA) + " n/a (text)";
  if (Unsupported)
    Line += ", " + std::to_string(Unsupported) + " unsupported";
  if (SeenMissing) {
    ++CrashedFiles;
    Line += "  [" + crashCause(End) + " at " + CrashWhere + "]";
  }
  return Line;
}

std::string Report::addFileError(StringRef File, StringRef Reason) {
  ++FileErrors;
  Failures.push_back({File.str(), sourceBaseName(File), "file", Reason.str(),
                      ""});
  return (File + ": ERROR: " + Reason).str();
}

unsigned Report::passed() const {
  unsigned N = 0;
  for (const Row &R : Rows)
    N += R.Passed;
  return N;
}

unsigned Report::unsupported() const {
  unsigned N = 0;
  for (const Row &R : Rows)
    N += R.Unsupported;
  return N;
}

unsigned Report::failed() const {
  unsigned N = FileErrors;
  for (const Row &R : Rows)
    N += R.Failed + R.XPassed;
  return N;
}

void Report::printFailures(raw_ostream &OS, size_t Max) const {
  if (Failures.empty())
    return;
  OS << "\nFailures (" << Failures.size() << ")";
  if (Failures.size() > Max)
    OS << ", the first " << Max;
  OS << ":\n";
  for (size_t I = 0; I < Failures.size() && I < Max; ++I) {
    const Failure &F = Failures[I];
    OS << "FAIL " << F.Where << ": " << F.Kind << ": " << F.Cause;
    if (!F.Detail.empty())
      OS << ": " << F.Detail;
    OS << "\n";
  }
}

void Report::printUnexpectedPasses(raw_ostream &OS) const {
  if (UnexpectedPasses.empty())
    return;
  OS << "\nUnexpectedly passed (" << UnexpectedPasses.size()
     << "; remove them from the expected-failure list):\n";
  for (const std::string &U : UnexpectedPasses)
    OS << "XPASS " << U << "\n";
}

void Report::printTotals(raw_ostream &OS) const {
  auto Col = [&](StringRef S) { OS << right_justify(S, 10); };
  auto Num = [&](unsigned N) { OS << format_decimal(N, 10); };
  OS << "\nTotals by command\n  " << left_justify("", 24);
  for (StringRef H : {"passed", "failed", "xfail", "xpass", "n/a text",
                      "unsupp.", "total"})
    Col(H);
  OS << "\n";
  Row Sum;
  for (unsigned K = 0; K < NumCommandKinds; ++K) {
    const Row &R = Rows[K];
    unsigned Total = R.Passed + R.Failed + R.XFailed + R.XPassed +
                     R.NotApplicable + R.Unsupported;
    if (!Total)
      continue;
    OS << "  " << left_justify(commandKindName(static_cast<CommandKind>(K)), 24);
    for (unsigned N : {R.Passed, R.Failed, R.XFailed, R.XPassed,
                       R.NotApplicable, R.Unsupported, Total})
      Num(N);
    OS << "\n";
    Sum.Passed += R.Passed;
    Sum.Failed += R.Failed;
    Sum.XFailed += R.XFailed;
    Sum.XPassed += R.XPassed;
    Sum.NotApplicable += R.NotApplicable;
    Sum.Unsupported += R.Unsupported;
  }
  OS << "  " << left_justify("all", 24);
  for (unsigned N : {Sum.Passed, Sum.Failed, Sum.XFailed, Sum.XPassed,
                     Sum.NotApplicable, Sum.Unsupported,
                     Sum.Passed + Sum.Failed + Sum.XFailed + Sum.XPassed +
                         Sum.NotApplicable + Sum.Unsupported})
    Num(N);
  OS << "\n";
  if (CrashedFiles)
    OS << "  files whose runner died: " << CrashedFiles << "\n";
  if (FileErrors)
    OS << "  files that could not be converted or read (failures): "
       << FileErrors << "\n";
}

void Report::printDigest(raw_ostream &OS) const {
  if (Failures.empty())
    return;
  struct Group {
    unsigned Count = 0;
    std::map<std::string, unsigned> Files;
    std::string Example;
  };
  std::map<std::string, Group> Groups;
  for (const Failure &F : Failures) {
    Group &G = Groups[F.Kind + ": " + F.Cause];
    if (G.Count++ == 0)
      G.Example = F.Where + (F.Detail.empty() ? "" : " " + F.Detail);
    ++G.Files[F.File];
  }
  std::vector<std::pair<std::string, const Group *>> Sorted;
  for (auto &[K, G] : Groups)
    Sorted.push_back({K, &G});
  std::sort(Sorted.begin(), Sorted.end(), [](auto &A, auto &B) {
    if (A.second->Count != B.second->Count)
      return A.second->Count > B.second->Count;
    return A.first < B.first;
  });
  OS << "\nFailures by cause (" << Sorted.size() << " causes, largest first):\n";
  for (auto &[Key, G] : Sorted) {
    OS << format_decimal(G->Count, 7) << "  " << Key << "\n";
    // The files, largest share first, at most eight of them.
    std::vector<std::pair<std::string, unsigned>> Files(G->Files.begin(),
                                                        G->Files.end());
    std::sort(Files.begin(), Files.end(), [](auto &A, auto &B) {
      if (A.second != B.second)
        return A.second > B.second;
      return A.first < B.first;
    });
    OS << "           in ";
    for (size_t I = 0; I < Files.size() && I < 8; ++I)
      OS << (I ? ", " : "") << Files[I].first << " " << Files[I].second;
    if (Files.size() > 8)
      OS << ", and " << Files.size() - 8 << " more files";
    OS << "\n           e.g. " << G->Example.substr(0, 300) << "\n";
  }
}

} // namespace wasmaot::spec
