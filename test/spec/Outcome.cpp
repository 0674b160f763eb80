//===- Outcome.cpp - The result of one command, and how it travels --------===//
//
// Records are one line each: "index<TAB>P|F|N<TAB>cause<TAB>detail\n", with
// tabs, newlines and backslashes in the texts escaped.
//
//===----------------------------------------------------------------------===//
#include "Outcome.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cerrno>
#include <unistd.h>

using namespace llvm;

namespace wasmaot::spec {

namespace {

void escape(StringRef S, std::string &Out) {
  for (char C : S) {
    switch (C) {
    case '\\':
      Out += "\\\\";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\n':
      Out += "\\n";
      break;
    default:
      Out += C;
    }
  }
}

std::string unescape(StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char N = S[++I];
    Out += N == 't' ? '\t' : N == 'n' ? '\n' : N;
  }
  return Out;
}

char statusLetter(Status St) {
  switch (St) {
  case Status::Pass:
    return 'P';
  case Status::Fail:
    return 'F';
  case Status::NotApplicable:
    return 'N';
  case Status::Unsupported:
    return 'U';
  }
  return 'F';
}

} // namespace

void writeOutcome(int Fd, const Outcome &O) {
  std::string Line = std::to_string(O.Index);
  Line += '\t';
  Line += statusLetter(O.St);
  Line += '\t';
  escape(O.Cause, Line);
  Line += '\t';
  escape(O.Detail, Line);
  Line += '\n';
  const char *P = Line.data();
  size_t Left = Line.size();
  while (Left) {
    ssize_t N = ::write(Fd, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    P += N;
    Left -= static_cast<size_t>(N);
  }
}

std::vector<Outcome> readOutcomes(StringRef Path) {
  std::vector<Outcome> Result;
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return Result;
  StringRef Rest = (*Buf)->getBuffer();
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    bool Complete = Rest.size() > Line.size(); // it ended with a newline
    Rest = Tail;
    if (!Complete)
      break;
    SmallVector<StringRef, 4> Fields;
    Line.split(Fields, '\t', 3);
    if (Fields.size() != 4 || Fields[1].size() != 1)
      continue;
    Outcome O;
    if (Fields[0].getAsInteger(10, O.Index))
      continue;
    char S = Fields[1][0];
    O.St = S == 'P'   ? Status::Pass
           : S == 'N' ? Status::NotApplicable
           : S == 'U' ? Status::Unsupported
                      : Status::Fail;
    O.Cause = unescape(Fields[2]);
    O.Detail = unescape(Fields[3]);
    Result.push_back(std::move(O));
  }
  return Result;
}

} // namespace wasmaot::spec
