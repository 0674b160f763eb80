//===- NativeSignature.cpp - Wasm types as LLVM types ---------------------===//
#include "lower/NativeSignature.h"

#include "llvm/IR/Constants.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace wasmaot {

Type *llvmType(LLVMContext &Ctx, ValType T) {
  switch (T) {
  case ValType::I32:
    return Type::getInt32Ty(Ctx);
  case ValType::I64:
    return Type::getInt64Ty(Ctx);
  case ValType::F32:
    return Type::getFloatTy(Ctx);
  case ValType::F64:
    return Type::getDoubleTy(Ctx);
  case ValType::V128:
    return FixedVectorType::get(Type::getInt64Ty(Ctx), 2);
  case ValType::FuncRef:
  case ValType::ExternRef:
    return PointerType::getUnqual(Ctx);
  case ValType::Unknown:
    break;
  }
  llvm_unreachable("no LLVM type for an unknown value type");
}

namespace {

/// A result's field in a struct of several: floats as integers of their
/// width (see the header).
Type *resultFieldType(LLVMContext &Ctx, ValType T) {
  switch (T) {
  case ValType::F32:
    return Type::getInt32Ty(Ctx);
  case ValType::F64:
    return Type::getInt64Ty(Ctx);
  default:
    return llvmType(Ctx, T);
  }
}

} // namespace

Type *llvmResultType(LLVMContext &Ctx, ArrayRef<ValType> Results) {
  if (Results.empty())
    return Type::getVoidTy(Ctx);
  if (Results.size() == 1)
    return llvmType(Ctx, Results[0]);
  SmallVector<Type *, 4> Fields;
  for (ValType T : Results)
    Fields.push_back(resultFieldType(Ctx, T));
  return StructType::get(Ctx, Fields);
}

Value *packResults(IRBuilderBase &B, ArrayRef<ValType> Results,
                   ArrayRef<Value *> Values) {
  assert(Results.size() == Values.size() && "one value per result");
  if (Results.empty())
    return nullptr;
  if (Results.size() == 1)
    return Values[0];
  LLVMContext &Ctx = B.getContext();
  Value *Agg = PoisonValue::get(llvmResultType(Ctx, Results));
  for (unsigned K = 0; K < Results.size(); ++K)
    Agg = B.CreateInsertValue(
        Agg, B.CreateBitCast(Values[K], resultFieldType(Ctx, Results[K])), {K});
  return Agg;
}

Value *unpackResult(IRBuilderBase &B, Value *Returned,
                    ArrayRef<ValType> Results, unsigned K) {
  if (Results.size() == 1)
    return Returned;
  return B.CreateBitCast(B.CreateExtractValue(Returned, {K}),
                         llvmType(B.getContext(), Results[K]));
}

FunctionType *nativeFunctionType(LLVMContext &Ctx, const FuncType &FT) {
  SmallVector<Type *, 8> Params;
  Params.push_back(PointerType::getUnqual(Ctx)); // wa_instance *
  for (ValType T : FT.Params)
    Params.push_back(llvmType(Ctx, T));
  return FunctionType::get(llvmResultType(Ctx, FT.Results), Params,
                           /*isVarArg=*/false);
}

Constant *zeroValue(LLVMContext &Ctx, ValType T) {
  return Constant::getNullValue(llvmType(Ctx, T));
}

} // namespace wasmaot
