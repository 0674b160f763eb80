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

} // namespace wasmaot

#endif
