//===- HostThunks.cpp - Native calls into host functions ------------------===//
//
// Compiled code calls every import the same way: code(instance, args...)
// with the code and instance of its wa_func record. For a host function the
// runtime puts this module's thunk of the import's type in `code` and the
// wa_host_func {callback, env} in `instance`, so the thunk receives the
// wa_host_func where a compiled function receives its instance. It spills
// the arguments into a wa_value array, calls callback(env, values), traps
// with the code the callback returned if it is not 0, and otherwise returns
// the results the callback left in the array.
//
//===----------------------------------------------------------------------===//
#include "lower/ModuleParts.h"

#include "abi/RuntimeFunctions.h"
#include "lower/NativeSignature.h"

#include "llvm/IR/MDBuilder.h"

#include <algorithm>

using namespace llvm;

namespace wasmaot {

llvm::Function *emitHostThunk(const ModuleContext &MC, const FuncType &FT) {
  LLVMContext &Ctx = MC.M.getContext();
  IRBuilder<> B(Ctx);
  FunctionType *NativeTy = nativeFunctionType(Ctx, FT);
  llvm::Function *T = createInternalFunction(MC, NativeTy, "wasm.host_thunk");
  T->getArg(0)->setName("host");
  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", T);
  BasicBlock *Trap = BasicBlock::Create(Ctx, "trap", T);
  BasicBlock *Ok = BasicBlock::Create(Ctx, "ok", T);
  B.SetInsertPoint(Entry);

  const uint64_t Stride = MC.Layout.ValueSize;
  // Room for the arguments and for the results; at least one slot, so the
  // callback always gets a valid pointer.
  const uint64_t Slots =
      std::max<uint64_t>({FT.Params.size(), FT.Results.size(), 1});
  AllocaInst *Values = B.CreateAlloca(
      ArrayType::get(B.getInt8Ty(), Slots * Stride), nullptr, "values");
  Values->setAlignment(Align(MC.Layout.ValueAlign));
  for (size_t K = 0; K < FT.Params.size(); ++K)
    storeAt(B, T->getArg(K + 1), Values, K * Stride, MC.Alias.ValueArray);

  Value *Host = T->getArg(0);
  Value *Callback = loadAt(B, B.getPtrTy(), Host, MC.Layout.HostCallback,
                           MC.Alias.RuntimeField, /*Invariant=*/true);
  Value *Env = loadAt(B, B.getPtrTy(), Host, MC.Layout.HostEnv,
                      MC.Alias.RuntimeField, /*Invariant=*/true);
  FunctionType *CallbackTy =
      FunctionType::get(B.getInt32Ty(), {B.getPtrTy(), B.getPtrTy()}, false);
  Value *Code = B.CreateCall(CallbackTy, Callback, {Env, Values}, "trap_code");
  B.CreateCondBr(B.CreateICmpNE(Code, B.getInt32(0)), Trap, Ok,
                 MDBuilder(Ctx).createUnlikelyBranchWeights());

  B.SetInsertPoint(Trap);
  CallInst *TrapCall =
      B.CreateCall(getRuntimeFunction(MC.M, RuntimeFunction::Trap), {Code});
  TrapCall->setDoesNotReturn();
  B.CreateUnreachable();

  B.SetInsertPoint(Ok);
  if (FT.Results.empty()) {
    B.CreateRetVoid();
    return T;
  }
  SmallVector<Value *, 4> Results;
  for (size_t K = 0; K < FT.Results.size(); ++K)
    Results.push_back(loadAt(B, llvmType(Ctx, FT.Results[K]), Values,
                             K * Stride, MC.Alias.ValueArray));
  B.CreateRet(packResults(B, FT.Results, Results));
  return T;
}

} // namespace wasmaot
