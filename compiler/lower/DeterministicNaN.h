//===- DeterministicNaN.h - The NaNs --deterministic pins down --*- C++ -*-===//
//
// wasm lets a float operator return any NaN where the spec only says "some
// NaN" (canonical when every NaN operand is), and targets differ in what
// they make: x86-64's 0/0 is 0xffc00000, AArch64's and RISC-V's
// 0x7fc00000, and RISC-V drops payloads the others keep. With
// --deterministic every such result is the positive canonical NaN, so a
// program prints the same bytes on every target. Which operators those are
// is the NanOpen flag of the opcode table (ir/Opcodes.def), which the
// scalar operators (LowerNumeric.cpp) and the float lane operators
// (LowerSimdFloat.cpp) both ask.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_DETERMINISTICNAN_H
#define WASMAOT_LOWER_DETERMINISTICNAN_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// V, a float or a vector of floats, with every NaN (lane) replaced by the
/// positive canonical NaN (0x7fc00000, 0x7ff8000000000000).
llvm::Value *canonicalizeNaN(FunctionContext &FC, llvm::Value *V);

} // namespace wasmaot

#endif
