//===- LowerNumeric.h - Numeric instructions --------------------*- C++ -*-===//
//
// Every numeric instruction of WebAssembly 2.0 with exact wasm semantics:
// integer and float arithmetic, tests, comparisons, bit counting, shifts and
// rotates (count modulo the width), div/rem (traps), min/max (NaN and -0),
// nearest (ties to even), copysign, conversions: wrap, extend, trapping and
// saturating float-to-int, int-to-float, demote/promote, reinterpret, and
// the sign-extension operators. Constants are not here (they have
// immediates; the function lowering emits them).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERNUMERIC_H
#define WASMAOT_LOWER_LOWERNUMERIC_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// Whether lowerNumeric handles Op: the non-SIMD operators with a fixed
/// signature and no immediate from i32.eqz (0x45) to i64.extend32_s (0xC4)
/// and the saturating truncations (0xFC 0..7).
bool isNumericInstruction(Opcode Op);

/// Emits Op applied to Operands (bottom of the stack first) and returns the
/// result (i32 0 or 1 for tests and comparisons). May emit trap paths
/// through FC.trapIf.
llvm::Value *lowerNumeric(FunctionContext &FC, Opcode Op,
                          llvm::ArrayRef<llvm::Value *> Operands);

} // namespace wasmaot

#endif
