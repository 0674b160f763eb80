//===- WireFile.cpp - Files of wire lines, from C++ -----------------------===//
#include "WireFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

using namespace llvm;

namespace wasmaot::spec {

Error writeWireFile(StringRef Path, wire_buf &B) {
  if (B.failed) {
    wire_buf_free(&B);
    return createStringError(inconvertibleErrorCode(),
                             "out of memory writing " + Path);
  }
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
  if (!EC)
    OS.write(B.data, B.len);
  wire_buf_free(&B);
  if (EC)
    return createStringError(EC, "cannot write " + Path + ": " + EC.message());
  OS.close();
  if (OS.has_error())
    return createStringError(OS.error(), "cannot write " + Path);
  return Error::success();
}

bool readWireFile(StringRef Path, function_ref<void(wire_line &)> Read) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return false;
  // A writable copy: strings are decoded in place.
  std::string Text = (*Buf)->getBuffer().str();
  char *Pos = Text.data(), *End = Text.data() + Text.size(), *LineEnd;
  while (char *Line = wire_next_line(&Pos, End, &LineEnd, true)) {
    wire_line L = wire_line_of(Line, LineEnd);
    Read(L);
  }
  return true;
}

} // namespace wasmaot::spec
