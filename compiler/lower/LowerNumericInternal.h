//===- LowerNumericInternal.h - Shared by the numeric lowering --*- C++ -*-===//
//
// What LowerNumeric.cpp (arithmetic, tests, comparisons, bits) and
// LowerConversions.cpp share. Not part of the lowering's interface: the
// function lowering calls lowerNumeric (LowerNumeric.h) only.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERNUMERICINTERNAL_H
#define WASMAOT_LOWER_LOWERNUMERICINTERNAL_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// FC.trapIf(Cond, Code), except that a condition the builder folded to
/// false (a constant divisor, a constant in range) emits nothing, so no
/// dead check is left for the optimizer to clean up.
void trapUnlessFalse(FunctionContext &FC, llvm::Value *Cond, TrapCode Code);

/// Hides a constant from LLVM's folds behind llvm.arithmetic.fence, which
/// every backend lowers to nothing. Used where LLVM would fold an operation
/// to one of its operands (x * 1.0 -> x, fptrunc(fpext x) -> x): right for
/// numbers, but a signalling NaN would come back unquieted, and wasm wants
/// an arithmetic NaN.
llvm::Value *foldBarrier(FunctionContext &FC, llvm::Value *V);

/// The conversions (wrap, extend, trunc, trunc_sat, convert, demote,
/// promote, reinterpret) applied to Operand; null when Op is not one.
llvm::Value *lowerConversion(FunctionContext &FC, Opcode Op,
                             llvm::Value *Operand);

} // namespace wasmaot

#endif
