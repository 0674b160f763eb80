//===- NativeSignature.h - Wasm types as LLVM types -------------*- C++ -*-===//
//
// How a wasm value and a wasm function look in native code, the contract of
// abi.h: a function of type [P...] -> [R...] is
//   R code(ptr instance, P...)            one result
//   void code(ptr instance, P...)         no result
//   {R1, R2, ...} code(ptr instance, P...) several results (literal struct)
// with the C calling convention. i32/i64/f32/f64 are i32/i64/float/double,
// v128 is <2 x i64> (no SIMD instruction is lowered yet), funcref and
// externref are ptr (null is the null reference).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_NATIVESIGNATURE_H
#define WASMAOT_LOWER_NATIVESIGNATURE_H

#include "ir/Module.h"
#include "ir/ValType.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"

namespace wasmaot {

/// The LLVM type of a value of type T.
llvm::Type *llvmType(llvm::LLVMContext &Ctx, ValType T);

/// The return type for Results: void, the single type, or a literal struct.
llvm::Type *llvmResultType(llvm::LLVMContext &Ctx,
                           llvm::ArrayRef<ValType> Results);

/// The native signature of a function of type FT (instance pointer first).
llvm::FunctionType *nativeFunctionType(llvm::LLVMContext &Ctx,
                                       const FuncType &FT);

/// The zero value of T (0, +0.0, null): the initial value of locals.
llvm::Constant *zeroValue(llvm::LLVMContext &Ctx, ValType T);

} // namespace wasmaot

#endif
