//===- BuildLog.cpp - The build results of one file, on disk --------------===//
//
// Written and read with the wire codec (exec/wire.h), like the plan and the
// records, so every file of a run escapes strings the same way.
//
//===----------------------------------------------------------------------===//
#include "BuildLog.h"

#include "WireFile.h"


using namespace llvm;

namespace wasmaot::spec {

namespace {

/// The one table of state names.
const struct {
  BuildResult::Status State;
  const char *Name;
} StateNames[] = {
    {BuildResult::Built, "built"},
    {BuildResult::Rejected, "rejected"},
    {BuildResult::Unsupported, "unsupported"},
    {BuildResult::CompileFailed, "compile-failed"},
    {BuildResult::LinkFailed, "link-failed"},
};

} // namespace

Error writeBuildLog(StringRef Path, const BuildLog &Log) {
  wire_buf B{};
  for (const auto &[Index, R] : Log) {
    wire_uint(&B, Index);
    for (const auto &S : StateNames)
      if (S.State == R.State)
        wire_word(&B, S.Name);
    wire_string(&B, R.SharedObject.data(), R.SharedObject.size());
    wire_string(&B, R.Message.data(), R.Message.size());
    wire_newline(&B);
  }
  return writeWireFile(Path, B);
}

BuildLog readBuildLog(StringRef Path) {
  BuildLog Log;
  readWireFile(Path, [&](wire_line &L) {
    uint64_t Index;
    const char *Word;
    size_t WordLen;
    char *So, *Message;
    size_t SoLen, MessageLen;
    if (!wire_get_uint(&L, &Index) || !wire_get_word(&L, &Word, &WordLen) ||
        !wire_get_string(&L, &So, &SoLen) ||
        !wire_get_string(&L, &Message, &MessageLen))
      return;
    BuildResult R;
    bool Known = false;
    for (const auto &S : StateNames) {
      if (StringRef(Word, WordLen) == S.Name) {
        R.State = S.State;
        Known = true;
      }
    }
    if (!Known)
      return;
    R.SharedObject.assign(So, SoLen);
    R.Message.assign(Message, MessageLen);
    Log[static_cast<unsigned>(Index)] = std::move(R);
  });
  return Log;
}

} // namespace wasmaot::spec
