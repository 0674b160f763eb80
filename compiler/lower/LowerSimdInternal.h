//===- LowerSimdInternal.h - What the v128 lowering files share -*- C++ -*-===//
//
// A v128 travels on the operand stack, in locals, globals, parameters and
// results as <2 x i64> (NativeSignature.h): one type, so phis and allocas
// need not know how a value was last used. Each operator views its
// operands as the lanes it works on (<16 x i8>, <8 x i16>, <4 x i32>,
// <2 x i64>, <4 x float>, <2 x double>) and hands its result back as
// <2 x i64>. The bitcasts cost nothing: they fold away, and the backend
// keeps the value in one vector register throughout.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERSIMDINTERNAL_H
#define WASMAOT_LOWER_LOWERSIMDINTERNAL_H

#include "lower/FunctionContext.h"

#include "llvm/IR/DerivedTypes.h"

namespace wasmaot {

/// The stack's v128 type, <2 x i64>.
inline llvm::FixedVectorType *v128Type(FunctionContext &FC) {
  return llvm::FixedVectorType::get(FC.i64(), 2);
}

/// The vector of Lanes lanes of LaneTy that fills 128 bits.
inline llvm::FixedVectorType *laneVectorType(llvm::Type *LaneTy,
                                             unsigned Lanes) {
  return llvm::FixedVectorType::get(LaneTy, Lanes);
}

/// V, a v128, seen as Lanes lanes of LaneTy.
inline llvm::Value *asLanes(FunctionContext &FC, llvm::Value *V,
                            llvm::Type *LaneTy, unsigned Lanes) {
  return FC.B.CreateBitCast(V, laneVectorType(LaneTy, Lanes));
}

/// A 128-bit vector of any lane shape back as the stack's v128.
inline llvm::Value *asV128(FunctionContext &FC, llvm::Value *Lanes) {
  return FC.B.CreateBitCast(Lanes, v128Type(FC));
}

} // namespace wasmaot

#endif
