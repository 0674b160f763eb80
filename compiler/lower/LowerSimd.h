//===- LowerSimd.h - SIMD128 instructions -----------------------*- C++ -*-===//
//
// The v128 operators of WebAssembly 2.0, one file per family. A v128 is
// <2 x i64> on the operand stack (LowerSimdInternal.h); each entry point
// takes its operands bottom of the stack first, as the opcode's signature
// lists them, and returns the result as a v128.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERSIMD_H
#define WASMAOT_LOWER_LOWERSIMD_H

#include "ir/Module.h"
#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// The float lane operators (LowerSimdFloat.cpp; the SimdFloat family of
/// the opcode table: every f32x4 and f64x2 operator but splat, extract_lane
/// and replace_lane, and the conversions between float and integer lanes)
/// with exact wasm
/// semantics: IEEE arithmetic, sqrt and rounding lane by lane, NaN results
/// arithmetic NaNs (canonical ones with --deterministic where wasm leaves
/// the bits open), min/max propagating NaN with -0.0 below +0.0, pmin/pmax
/// choosing an operand bit for bit, abs/neg touching the sign bit only,
/// comparisons giving all-ones or zero lanes, saturating truncation.
llvm::Value *lowerSimdFloat(FunctionContext &FC, Opcode Op,
                            llvm::ArrayRef<llvm::Value *> Operands);

/// v128.const, the shuffles, splats, lane accesses, the bitwise operators
/// and every operator on integer lanes (LowerSimdInteger.cpp; the
/// SimdInteger family of the opcode table), applied to Operands (popped by
/// the opcode's signature, bottom of the stack first). Immediates (the
/// constant, shuffle lanes, the lane index) come from I. Returns the
/// result: a v128, or the i32/i64/f32/f64 of any_true, all_true, bitmask
/// and extract_lane. Null, with nothing emitted, when I is not one of
/// these operators (the table and the code disagree).
llvm::Value *lowerSimdInteger(FunctionContext &FC, const Instruction &I,
                              llvm::ArrayRef<llvm::Value *> Operands);

} // namespace wasmaot

#endif
