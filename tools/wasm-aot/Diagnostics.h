//===- Diagnostics.h - Reporting errors at the tool's edge ------*- C++ -*-===//
//
// The libraries return llvm::Error values and never print. The tool renders
// each one exactly once, here, in the clang style
//   wasm-aot: error: a.wasm: func 12 at 0x1a3: type mismatch in i32.add: ...
// (coloured when stderr is a terminal).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_DIAGNOSTICS_H
#define WASMAOT_TOOLS_DIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace wasmaot::tool {

class Diagnostics {
public:
  explicit Diagnostics(llvm::raw_ostream &OS) : OS(OS) {}

  /// "wasm-aot: error: Message".
  void error(const llvm::Twine &Message);
  /// "wasm-aot: error: File: <message>" for each error in E, which is
  /// consumed. E must be a failure.
  void error(llvm::StringRef File, llvm::Error E);
  /// "wasm-aot: note: Message".
  void note(const llvm::Twine &Message);

  unsigned numErrors() const { return NumErrors; }
  /// How many of the errors were a module beyond an implementation limit.
  unsigned numLimitErrors() const { return NumLimitErrors; }
  /// How many were a valid module this compiler cannot translate.
  unsigned numUnsupportedErrors() const { return NumUnsupportedErrors; }

private:
  llvm::raw_ostream &OS;
  unsigned NumErrors = 0;
  unsigned NumLimitErrors = 0;
  unsigned NumUnsupportedErrors = 0;
};

} // namespace wasmaot::tool

#endif
