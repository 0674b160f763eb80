//===- ModulePrinter.h - The summary `inspect` prints -----------*- C++ -*-===//
//
// Renders a decoded Module as readable text. The module need not be valid:
// every index is checked before it is followed, and one that leads nowhere is
// printed as it is.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_MODULEPRINTER_H
#define WASMAOT_TOOLS_MODULEPRINTER_H

#include "ir/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace wasmaot::tool {

/// Prints the summary of M, read from the file called Name, to OS.
void printModuleSummary(const Module &M, llvm::StringRef Name,
                        llvm::raw_ostream &OS);

/// A constant expression in text-format notation, e.g. "i32.const -1" or
/// "global.get 0 i32.const 8 i32.add".
std::string formatConstExpr(const ConstExpr &E);

} // namespace wasmaot::tool

#endif
