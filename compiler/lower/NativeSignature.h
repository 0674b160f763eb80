//===- NativeSignature.h - Wasm types as LLVM types -------------*- C++ -*-===//
//
// How a wasm value and a wasm function look in native code, the contract of
// abi.h: a function of type [P...] -> [R...] is
//   R code(ptr instance, P...)            one result
//   void code(ptr instance, P...)         no result
//   {R1, R2, ...} code(ptr instance, P...) several results (literal struct)
// with the C calling convention. i32/i64/f32/f64 are i32/i64/float/double,
// v128 is <2 x i64> (LowerSimdInternal.h), funcref and
// externref are ptr (null is the null reference). In a struct of several
// results, f32 and f64 travel as their bits, i32 and i64: x86-64 returns
// the third and fourth floating-point field of a struct in x87 registers,
// and loading a signalling NaN there quietens it.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_NATIVESIGNATURE_H
#define WASMAOT_LOWER_NATIVESIGNATURE_H

#include "ir/Module.h"
#include "ir/ValType.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"

namespace wasmaot {

/// The LLVM type of a value of type T.
llvm::Type *llvmType(llvm::LLVMContext &Ctx, ValType T);

/// The return type for Results: void, the single type, or a literal struct.
llvm::Type *llvmResultType(llvm::LLVMContext &Ctx,
                           llvm::ArrayRef<ValType> Results);

/// Packs Values (one per result, of Results' types) into what a function
/// with those results returns: null for none, the value for one, else the
/// struct of llvmResultType with floats as their bits.
llvm::Value *packResults(llvm::IRBuilderBase &B,
                         llvm::ArrayRef<ValType> Results,
                         llvm::ArrayRef<llvm::Value *> Values);

/// Result K, of type Results[K], of what a function with those results
/// returned (the inverse of packResults).
llvm::Value *unpackResult(llvm::IRBuilderBase &B, llvm::Value *Returned,
                          llvm::ArrayRef<ValType> Results, unsigned K);

/// The native signature of a function of type FT (instance pointer first).
llvm::FunctionType *nativeFunctionType(llvm::LLVMContext &Ctx,
                                       const FuncType &FT);

/// The zero value of T (0, +0.0, null): the initial value of locals.
llvm::Constant *zeroValue(llvm::LLVMContext &Ctx, ValType T);

} // namespace wasmaot

#endif
