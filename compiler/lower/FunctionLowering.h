//===- FunctionLowering.h - A function body to LLVM IR ----------*- C++ -*-===//
//
// Lowers one validated function body: reads its instructions with
// decode/InstructionReader.h, keeps the wasm operand stack as LLVM values
// and the control stack as blocks, and hands each instruction to the file of
// its family (LowerControl.cpp, LowerCalls.cpp, LowerVariables.cpp,
// LowerTables.cpp, LowerNumeric.cpp, LowerMemory.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_FUNCTIONLOWERING_H
#define WASMAOT_LOWER_FUNCTIONLOWERING_H

#include "lower/ModuleContext.h"

#include "llvm/Support/Error.h"

namespace wasmaot {

/// Emits the body of defined function DefinedIndex into F (declared, empty,
/// with the native signature). The module must have been validated; an
/// error here is a compiler bug or an unsupported feature (SIMD), reported
/// with the function index and offset.
llvm::Error lowerFunctionBody(const ModuleContext &MC, uint32_t DefinedIndex,
                              llvm::Function &F);

} // namespace wasmaot

#endif
