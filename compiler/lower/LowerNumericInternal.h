//===- LowerNumericInternal.h - Shared by the numeric lowering --*- C++ -*-===//
//
// What LowerNumeric.cpp (arithmetic, tests, comparisons, bits),
// LowerConversions.cpp and LowerSimdFloat.cpp (the same float operators
// lane by lane) share. Not part of the lowering's interface: the function
// lowering calls lowerNumeric (LowerNumeric.h) and lowerSimdFloat
// (LowerSimd.h) only.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERNUMERICINTERNAL_H
#define WASMAOT_LOWER_LOWERNUMERICINTERNAL_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

#include "llvm/IR/Intrinsics.h"

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

/// add, sub, mul or div (Opc) of L and R, floats or vectors of floats,
/// with wasm's NaN rules: no operand LLVM could fold the operation away
/// with is left visible to it (LowerNumeric.cpp).
llvm::Value *lowerFloatArith(FunctionContext &FC,
                             llvm::Instruction::BinaryOps Opc, llvm::Value *L,
                             llvm::Value *R);

/// wasm's min or max (ID: llvm.minimum or llvm.maximum) of L and R, floats
/// or vectors of floats: NaN if either operand is (an arithmetic NaN, never
/// a signalling operand returned as it is), -0.0 below +0.0.
llvm::Value *lowerMinMax(FunctionContext &FC, llvm::Intrinsic::ID ID,
                         llvm::Value *L, llvm::Value *R);

/// The conversions (wrap, extend, trunc, trunc_sat, convert, demote,
/// promote, reinterpret) applied to Operand; null when Op is not one.
llvm::Value *lowerConversion(FunctionContext &FC, Opcode Op,
                             llvm::Value *Operand);

} // namespace wasmaot

#endif
