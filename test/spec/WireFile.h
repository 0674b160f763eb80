//===- WireFile.h - Files of wire lines, from C++ ---------------*- C++ -*-===//
//
// The build log, the plan and the executor's records are files of lines in
// the token forms of exec/wire.h. These two helpers put a wire_buf into a
// file and hand each complete line of a file to a reader.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_SPEC_WIREFILE_H
#define WASMAOT_TEST_SPEC_WIREFILE_H

#include "exec/wire.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot::spec {

/// Writes the text of `B` to `Path` and frees `B`.
llvm::Error writeWireFile(llvm::StringRef Path, wire_buf &B);

/// Calls `Read` with a cursor over each complete line of `Path` (a last
/// line without its newline was cut short by a crash and is left out).
/// False when the file cannot be read.
bool readWireFile(llvm::StringRef Path,
                  llvm::function_ref<void(wire_line &)> Read);

} // namespace wasmaot::spec

#endif
