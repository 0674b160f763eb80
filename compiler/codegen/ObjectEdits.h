//===- ObjectEdits.h - Rewriting a finished ELF object ----------*- C++ -*-===//
//
// The edits the compiler makes to objects after code generation, done by
// LLVM's objcopy library in memory.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_OBJECTEDITS_H
#define WASMAOT_CODEGEN_OBJECTEDITS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

/// Object without its debug sections (they only carried the site map).
llvm::Expected<llvm::SmallVector<char, 0>>
stripDebugSections(llvm::StringRef Object);

/// Object with every hidden symbol made local (objcopy --localize-hidden).
llvm::Expected<llvm::SmallVector<char, 0>>
localizeHiddenSymbols(llvm::StringRef Object);

} // namespace wasmaot

#endif
