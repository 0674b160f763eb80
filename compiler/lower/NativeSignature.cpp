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

Type *llvmResultType(LLVMContext &Ctx, ArrayRef<ValType> Results) {
  if (Results.empty())
    return Type::getVoidTy(Ctx);
  if (Results.size() == 1)
    return llvmType(Ctx, Results[0]);
  SmallVector<Type *, 4> Fields;
  for (ValType T : Results)
    Fields.push_back(llvmType(Ctx, T));
  return StructType::get(Ctx, Fields);
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
